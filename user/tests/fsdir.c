/*
 * usertests: names and directories: mkdir, rmdir, unlink, rename (and
 * renameat2's flags), hard and symbolic links, the path walk (".",
 * "..", mount points, trailing slashes, symlink loops, length limits),
 * getdents64, and the current directory. Files' bytes are in fs.c,
 * their metadata in fsmeta.c.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "ut.h"
#include "fsutil.h"

#define BAD_PTR		((void *)8)
#define NAME_MAX_LINUX	255
#define PATH_MAX_LINUX	4096

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static ino_t ino_of(const char *path)
{
	struct stat st;

	ut_lstat(path, &st);
	return st.st_ino;
}

static nlink_t nlink_of(const char *path)
{
	struct stat st;

	ut_lstat(path, &st);
	return st.st_nlink;
}

static void expect_missing(const char *path)
{
	struct stat st;

	errno = 0;
	if (lstat(path, &st) != -1 || errno != ENOENT)
		ut_fail("lstat %s after removing it: %s, expected ENOENT", path,
			ut_errname(errno));
}

static void expect_text(const char *path, const char *want)
{
	char buf[256];

	ut_get(path, buf, sizeof(buf));
	if (strcmp(buf, want))
		ut_fail("%s holds \"%s\": expected \"%s\"", path, buf, want);
}

static void mkdir_rmdir(void)
{
	int dfd;

	ut_scratch();
	ut_puts("f", "x");
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_ERRNO("mkdir of an existing directory", mkdir("d", 0755),
		     EEXIST);
	EXPECT_ERRNO("mkdir of an existing file", mkdir("f", 0755), EEXIST);
	EXPECT_ERRNO("mkdir(\"none/d\")", mkdir("none/d", 0755), ENOENT);
	EXPECT_ERRNO("mkdir(\"f/d\")", mkdir("f/d", 0755), ENOTDIR);
	EXPECT_ERRNO("mkdir(\"\")", mkdir("", 0755), ENOENT);
	EXPECT_ERRNO("mkdir(bad path)", syscall(SYS_mkdir, BAD_PTR, 0755),
		     EFAULT);
	dfd = ut_open("d", O_RDONLY | O_DIRECTORY, 0);
	EXPECT_OK("mkdirat", mkdirat(dfd, "sub", 0755));
	ut_puts("d/sub/file", "x");
	EXPECT_ERRNO("rmdir of a non-empty directory", rmdir("d/sub"),
		     ENOTEMPTY);
	EXPECT_ERRNO("rmdir of a file", rmdir("f"), ENOTDIR);
	EXPECT_ERRNO("rmdir(missing)", rmdir("missing"), ENOENT);
	EXPECT_ERRNO("rmdir(\"d/.\")", rmdir("d/."), EINVAL);
	EXPECT_ERRNO("rmdir(\"d/sub/..\")", rmdir("d/sub/.."), ENOTEMPTY);
	EXPECT_ERRNO("rmdir(\"/\")", rmdir("/"), EBUSY);
	EXPECT_OK("unlink", unlink("d/sub/file"));
	EXPECT_OK("rmdir", rmdir("d/sub"));
	expect_missing("d/sub");
	EXPECT_EQ("nlink of d after its subdirectory went", nlink_of("d"),
		  2);
	EXPECT_OK("rmdir", rmdir("d"));
	expect_missing("d");
}

static void unlink_basic(void)
{
	struct stat st;
	char buf[8];
	int fd;

	ut_scratch();
	ut_puts("f", "still here");
	EXPECT_OK("mkdir", mkdir("d", 0755));
	fd = ut_open("f", O_RDONLY, 0);
	EXPECT_OK("unlink", unlink("f"));
	expect_missing("f");
	EXPECT_ERRNO("unlink again", unlink("f"), ENOENT);
	/* The open file lives on without a name. */
	EXPECT_OK("fstat", fstat(fd, &st));
	EXPECT_EQ("st_nlink of an unlinked open file", st.st_nlink, 0);
	EXPECT_EQ("read of an unlinked open file", read(fd, buf, 5), 5);
	EXPECT(!memcmp(buf, "still", 5));
	EXPECT_ERRNO("unlink of a directory", unlink("d"), EISDIR);
	EXPECT_ERRNO("unlink(\"d/missing\")", unlink("d/missing"), ENOENT);
	EXPECT_ERRNO("unlink(\"\")", unlink(""), ENOENT);
	/* A new file may take the name at once. */
	ut_puts("f", "new");
	expect_text("f", "new");
}

static void unlinkat_flags(void)
{
	int dfd;

	ut_scratch();
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("mkdir", mkdir("d/sub", 0755));
	ut_puts("d/f", "x");
	dfd = ut_open("d", O_RDONLY | O_DIRECTORY, 0);
	EXPECT_ERRNO("unlinkat(AT_REMOVEDIR) of a file",
		     unlinkat(dfd, "f", AT_REMOVEDIR), ENOTDIR);
	EXPECT_ERRNO("unlinkat(0) of a directory", unlinkat(dfd, "sub", 0),
		     EISDIR);
	EXPECT_ERRNO("unlinkat(bad flags)", unlinkat(dfd, "f", 0x40000000),
		     EINVAL);
	EXPECT_OK("unlinkat(AT_REMOVEDIR)", unlinkat(dfd, "sub",
						     AT_REMOVEDIR));
	EXPECT_OK("unlinkat(0)", unlinkat(dfd, "f", 0));
	expect_missing("d/sub");
	expect_missing("d/f");
	EXPECT_ERRNO("unlinkat(-1, \"f\")", unlinkat(-1, "f", 0), EBADF);
	EXPECT_OK("unlinkat(AT_FDCWD, \"d\", AT_REMOVEDIR)",
		  unlinkat(AT_FDCWD, "d", AT_REMOVEDIR));
}

static void rename_files(void)
{
	char buf[8] = { 0 };
	ino_t a;
	int fd;

	ut_scratch();
	ut_puts("a", "file a");
	ut_puts("b", "file b");
	a = ino_of("a");
	EXPECT_OK("rename(a, c)", rename("a", "c"));
	expect_missing("a");
	EXPECT_EQ("inode of the renamed file", ino_of("c"), a);
	/* Over an existing file, which stays readable while open. */
	fd = ut_open("b", O_RDONLY, 0);
	EXPECT_OK("rename(c, b)", rename("c", "b"));
	expect_missing("c");
	EXPECT_EQ("inode of b after being replaced", ino_of("b"), a);
	expect_text("b", "file a");
	EXPECT_EQ("read of the replaced file", read(fd, buf, 6), 6);
	EXPECT(!strcmp(buf, "file b"));
	/* Renaming a name onto itself, or onto another link of the same
	 * file, does nothing. */
	EXPECT_OK("rename(b, b)", rename("b", "b"));
	EXPECT_OK("link", link("b", "b2"));
	EXPECT_OK("rename(b, b2) of two links", rename("b", "b2"));
	EXPECT_EQ("nlink after renaming onto another link", nlink_of("b"),
		  2);
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("rename into a directory", rename("b2", "d/b3"));
	EXPECT_EQ("inode after moving to another directory", ino_of("d/b3"),
		  a);
	EXPECT_ERRNO("rename(missing)", rename("missing", "x"), ENOENT);
	EXPECT_ERRNO("rename to \"none/x\"", rename("b", "none/x"), ENOENT);
	EXPECT_ERRNO("rename of a file over a directory", rename("b", "d"),
		     EISDIR);
	EXPECT_ERRNO("rename(\"\")", rename("", "x"), ENOENT);
}

static void rename_dirs(void)
{
	ut_scratch();
	EXPECT_OK("mkdir", mkdir("a", 0755));
	EXPECT_OK("mkdir", mkdir("a/sub", 0755));
	EXPECT_OK("mkdir", mkdir("b", 0755));
	EXPECT_OK("mkdir", mkdir("empty", 0755));
	EXPECT_OK("mkdir", mkdir("full", 0755));
	ut_puts("full/f", "x");
	ut_puts("file", "x");
	EXPECT_OK("rename(a, b/a)", rename("a", "b/a"));
	EXPECT_EQ("b/a/.. after moving a into b", ino_of("b/a/.."),
		  ino_of("b"));
	EXPECT_EQ("nlink of b with a subdirectory", nlink_of("b"), 3);
	EXPECT_EQ("nlink of b/a", nlink_of("b/a"), 3);
	EXPECT_OK("stat b/a/sub", access("b/a/sub", F_OK));
	EXPECT_ERRNO("rename of a directory into itself",
		     rename("b/a", "b/a/sub/x"), EINVAL);
	EXPECT_ERRNO("rename of a directory onto its child",
		     rename("b", "b/a/sub"), EINVAL);
	EXPECT_ERRNO("rename of a directory over a non-empty one",
		     rename("b", "full"), ENOTEMPTY);
	EXPECT_ERRNO("rename of a directory over a file",
		     rename("b", "file"), ENOTDIR);
	ino_t b = ino_of("b");
	EXPECT_OK("rename of a directory over an empty one",
		  rename("b", "empty"));
	expect_missing("b");
	EXPECT_EQ("inode of empty after being replaced", ino_of("empty"), b);
	EXPECT_OK("access", access("empty/a/sub", F_OK));
	EXPECT_ERRNO("rename(\"empty/.\")", rename("empty/.", "x"), EBUSY);
}

static long renameat2(int odfd, const char *old, int ndfd,
		      const char *new, unsigned int flags)
{
	return syscall(SYS_renameat2, odfd, old, ndfd, new, flags);
}

static void renameat2_flags(void)
{
	ino_t a, b;
	int dfd;

	ut_scratch();
	ut_puts("a", "aaa");
	ut_puts("b", "bbb");
	EXPECT_OK("mkdir", mkdir("d", 0755));
	ut_puts("d/f", "in d");
	a = ino_of("a");
	b = ino_of("b");
	EXPECT_ERRNO("renameat2(RENAME_NOREPLACE) over a file",
		     renameat2(AT_FDCWD, "a", AT_FDCWD, "b",
			       RENAME_NOREPLACE), EEXIST);
	EXPECT_OK("renameat2(RENAME_NOREPLACE) to a new name",
		  renameat2(AT_FDCWD, "a", AT_FDCWD, "c", RENAME_NOREPLACE));
	EXPECT_OK("renameat2(RENAME_EXCHANGE)",
		  renameat2(AT_FDCWD, "c", AT_FDCWD, "b", RENAME_EXCHANGE));
	EXPECT_EQ("inode of b after the exchange", ino_of("b"), a);
	EXPECT_EQ("inode of c after the exchange", ino_of("c"), b);
	expect_text("b", "aaa");
	/* A file and a directory may swap places too. */
	EXPECT_OK("renameat2(RENAME_EXCHANGE) of a file and a directory",
		  renameat2(AT_FDCWD, "c", AT_FDCWD, "d", RENAME_EXCHANGE));
	expect_text("c/f", "in d");
	expect_text("d", "bbb");
	EXPECT_ERRNO("renameat2(RENAME_EXCHANGE) with a missing target",
		     renameat2(AT_FDCWD, "b", AT_FDCWD, "missing",
			       RENAME_EXCHANGE), ENOENT);
	EXPECT_ERRNO("renameat2(RENAME_NOREPLACE|RENAME_EXCHANGE)",
		     renameat2(AT_FDCWD, "b", AT_FDCWD, "d",
			       RENAME_NOREPLACE | RENAME_EXCHANGE), EINVAL);
	EXPECT_ERRNO("renameat2(bad flags)",
		     renameat2(AT_FDCWD, "b", AT_FDCWD, "x", 0x40000000),
		     EINVAL);
	dfd = ut_open("c", O_RDONLY | O_DIRECTORY, 0);
	EXPECT_OK("renameat between directories",
		  renameat(dfd, "f", AT_FDCWD, "moved"));
	expect_text("moved", "in d");
	EXPECT_ERRNO("renameat(-1, \"x\")", renameat(-1, "x", dfd, "y"),
		     EBADF);
}

static void link_counts(void)
{
	int fd;

	ut_scratch();
	ut_puts("f", "shared");
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("link", link("f", "g"));
	EXPECT_EQ("nlink after link", nlink_of("f"), 2);
	EXPECT_EQ("inode of the new link", ino_of("g"), ino_of("f"));
	EXPECT_OK("linkat", linkat(AT_FDCWD, "f", AT_FDCWD, "d/h", 0));
	EXPECT_EQ("nlink after linkat", nlink_of("g"), 3);
	/* Writes through one name show through the others. */
	fd = ut_open("g", O_WRONLY | O_APPEND, 0);
	EXPECT_EQ("write", write(fd, "!", 1), 1);
	expect_text("d/h", "shared!");
	EXPECT_OK("unlink", unlink("f"));
	EXPECT_EQ("nlink after unlink", nlink_of("g"), 2);
	EXPECT_ERRNO("link to an existing name", link("g", "d/h"), EEXIST);
	EXPECT_ERRNO("link of a directory", link("d", "d2"), EPERM);
	EXPECT_ERRNO("link(missing)", link("missing", "x"), ENOENT);
	EXPECT_ERRNO("link into \"none/\"", link("g", "none/x"), ENOENT);
	/* linkat follows a symlink only when asked to. */
	EXPECT_OK("symlink", symlink("g", "sym"));
	EXPECT_OK("linkat(symlink, 0)",
		  linkat(AT_FDCWD, "sym", AT_FDCWD, "hard-sym", 0));
	EXPECT_EQ("inode of a link to a symlink", ino_of("hard-sym"),
		  ino_of("sym"));
	EXPECT_OK("linkat(symlink, AT_SYMLINK_FOLLOW)",
		  linkat(AT_FDCWD, "sym", AT_FDCWD, "hard-g",
			 AT_SYMLINK_FOLLOW));
	EXPECT_EQ("inode of a followed link", ino_of("hard-g"), ino_of("g"));
	EXPECT_ERRNO("linkat(bad flags)",
		     linkat(AT_FDCWD, "g", AT_FDCWD, "x", 0x40000000),
		     EINVAL);
}

static void symlink_readlink(void)
{
	char buf[64];
	int dfd;

	ut_scratch();
	EXPECT_OK("mkdir", mkdir("d", 0755));
	ut_puts("d/f", "through the link");
	EXPECT_OK("symlink", symlink("d/f", "abs-ish"));
	EXPECT_OK("symlink (relative to its directory)",
		  symlink("f", "d/rel"));
	EXPECT_OK("symlink to a directory", symlink("d", "dlink"));
	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ("readlink", readlink("abs-ish", buf, sizeof(buf)), 3);
	EXPECT(!memcmp(buf, "d/fx", 4));	/* not NUL-terminated */
	EXPECT_EQ("readlink into a short buffer",
		  readlink("abs-ish", buf, 2), 2);
	expect_text("d/rel", "through the link");
	expect_text("dlink/rel", "through the link");
	dfd = ut_open("d", O_RDONLY | O_DIRECTORY, 0);
	EXPECT_EQ("readlinkat", readlinkat(dfd, "rel", buf, sizeof(buf)), 1);
	EXPECT_ERRNO("readlink of a file", readlink("d/f", buf, sizeof(buf)),
		     EINVAL);
	/* (musl's readlink() turns a size of 0 into 1: ask the kernel.) */
	EXPECT_ERRNO("readlink(bufsiz 0)",
		     syscall(SYS_readlink, "abs-ish", buf, 0), EINVAL);
	EXPECT_ERRNO("readlink(missing)", readlink("missing", buf, 8),
		     ENOENT);
	EXPECT_ERRNO("readlink(bad buffer)",
		     syscall(SYS_readlink, "abs-ish", BAD_PTR, 8), EFAULT);
	EXPECT_ERRNO("symlink over an existing name",
		     symlink("x", "abs-ish"), EEXIST);
	EXPECT_ERRNO("symlink with an empty target", symlink("", "empty"),
		     ENOENT);
	EXPECT_OK("symlinkat", symlinkat("f", dfd, "rel2"));
	expect_text("d/rel2", "through the link");
	EXPECT_OK("symlink", symlink("missing", "dangling"));
	EXPECT_ERRNO("open of a dangling symlink",
		     open("dangling", O_RDONLY), ENOENT);
}

static void path_dots(void)
{
	char path[64];
	const char *scratch = ut_scratch();

	EXPECT_OK("mkdir", mkdir("a", 0755));
	ut_puts("a/f", "found");
	expect_text("./a/../a/./f", "found");
	expect_text(".//a///f", "found");
	snprintf(path, sizeof(path), "%s/a/../a/f", scratch);
	expect_text(path, "found");
	EXPECT_EQ("inode of \"a/..\"", ino_of("a/.."), ino_of("."));
	EXPECT_EQ("inode of \"/..\"", ino_of("/.."), ino_of("/"));
	EXPECT_EQ("inode of \"/tmp/..\" (across the mount point)",
		  ino_of("/tmp/.."), ino_of("/"));
	EXPECT_EQ("inode of \"//tmp//.\"", ino_of("//tmp//."),
		  ino_of("/tmp"));
	EXPECT_ERRNO("stat(\"missing/..\")", access("missing/..", F_OK),
		     ENOENT);
	EXPECT_ERRNO("stat(\"a/f/..\")", access("a/f/..", F_OK), ENOTDIR);
	EXPECT_ERRNO("stat(\"a/f/.\")", access("a/f/.", F_OK), ENOTDIR);
}

static void path_trailing_slash(void)
{
	struct stat st;

	ut_scratch();
	ut_puts("f", "x");
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("symlink", symlink("d", "dlink"));
	EXPECT_ERRNO("stat(\"f/\")", stat("f/", &st), ENOTDIR);
	EXPECT_ERRNO("open(\"f/\")", open("f/", O_RDONLY), ENOTDIR);
	EXPECT_ERRNO("unlink(\"f/\")", unlink("f/"), ENOTDIR);
	EXPECT_ERRNO("open(\"new/\", O_CREAT)",
		     open("new/", O_WRONLY | O_CREAT, 0644), EISDIR);
	EXPECT_OK("stat(\"d/\")", stat("d/", &st));
	EXPECT_OK("open(\"d/\")", open("d/", O_RDONLY));
	/* A trailing slash follows a symlink to a directory. */
	EXPECT_OK("lstat(\"dlink/\")", lstat("dlink/", &st));
	EXPECT(S_ISDIR(st.st_mode));
	EXPECT_OK("mkdir(\"e/\")", mkdir("e/", 0755));
	EXPECT_OK("rename(\"e/\", \"g/\")", rename("e/", "g/"));
	EXPECT_ERRNO("rename(\"f/\", \"h\")", rename("f/", "h"), ENOTDIR);
	EXPECT_OK("rmdir(\"g/\")", rmdir("g/"));
}

static void symlink_loops(void)
{
	char from[16], to[16];
	struct stat st;

	ut_scratch();
	EXPECT_OK("symlink", symlink("b", "a"));
	EXPECT_OK("symlink", symlink("a", "b"));
	EXPECT_OK("symlink", symlink("self", "self"));
	EXPECT_ERRNO("open of a two-link loop", open("a", O_RDONLY), ELOOP);
	EXPECT_ERRNO("open of a self-link", open("self", O_RDONLY), ELOOP);
	EXPECT_ERRNO("stat through a loop in the middle",
		     access("self/x", F_OK), ELOOP);
	EXPECT_OK("lstat of a looping link", lstat("a", &st));
	/* A chain of MAXSYMLINKS links resolves; one more does not. */
	ut_puts("l0", "end of the chain");
	for (int i = 1; i <= MAXSYMLINKS + 1; i++) {
		snprintf(from, sizeof(from), "l%d", i - 1);
		snprintf(to, sizeof(to), "l%d", i);
		EXPECT_OK("symlink", symlink(from, to));
	}
	snprintf(to, sizeof(to), "l%d", MAXSYMLINKS);
	expect_text(to, "end of the chain");
	snprintf(to, sizeof(to), "l%d", MAXSYMLINKS + 1);
	EXPECT_ERRNO("open through 41 symlinks", open(to, O_RDONLY), ELOOP);
}

/* "././.../f", len bytes long (len odd). */
static void make_long_path(char *path, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		memcpy(path + i, "./", 2);
	strcpy(path + i, "f");
}

static void name_too_long(void)
{
	char name[NAME_MAX_LINUX + 2];
	char *path = ut_map(2 * PATH_MAX_LINUX, PROT_READ | PROT_WRITE);

	ut_scratch();
	memset(name, 'n', sizeof(name));
	name[NAME_MAX_LINUX] = '\0';
	close(ut_open(name, O_WRONLY | O_CREAT, 0644));
	EXPECT_OK("stat of a 255-byte name", access(name, F_OK));
	name[NAME_MAX_LINUX] = 'n';
	name[NAME_MAX_LINUX + 1] = '\0';
	EXPECT_ERRNO("open(O_CREAT) of a 256-byte name",
		     open(name, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
	EXPECT_ERRNO("stat of a 256-byte name", access(name, F_OK),
		     ENAMETOOLONG);
	EXPECT_ERRNO("mkdir of a 256-byte name", mkdir(name, 0755),
		     ENAMETOOLONG);
	/* 4095 bytes and a NUL fit in PATH_MAX; 4097 and a NUL do not. */
	ut_puts("f", "x");
	make_long_path(path, PATH_MAX_LINUX - 1);
	EXPECT_EQ("path length", strlen(path), PATH_MAX_LINUX - 1);
	EXPECT_OK("stat of a 4095-byte path", access(path, F_OK));
	make_long_path(path, PATH_MAX_LINUX + 1);
	EXPECT_ERRNO("stat of a 4097-byte path", access(path, F_OK),
		     ENAMETOOLONG);
	EXPECT_ERRNO("open of a 4097-byte path", open(path, O_RDONLY),
		     ENAMETOOLONG);
}

/*
 * Read all of directory fd with getdents64 in bufsize pieces; call fn
 * for each entry, and return how many there were.
 */
static int read_dir(int fd, size_t bufsize,
		    void (*fn)(struct linux_dirent64 *, void *), void *arg)
{
	char buf[4096] __attribute__((aligned(8)));
	int count = 0;
	long n;

	while ((n = syscall(SYS_getdents64, fd, buf, bufsize)) > 0) {
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);

			if (d->d_reclen == 0 || off + d->d_reclen > n)
				ut_fail("getdents64 record at %ld has length "
					"%u of %ld", off, d->d_reclen, n);
			fn(d, arg);
			count++;
			off += d->d_reclen;
		}
	}
	if (n < 0)
		ut_fail("getdents64 failed: %s", ut_errname(errno));
	return count;
}

#define NFILES	60

struct dir_seen {
	int files[NFILES];
	int dot, dotdot, sub, link, fifo;
};

static void note_entry(struct linux_dirent64 *d, void *arg)
{
	struct dir_seen *s = arg;
	int i;

	if (!strcmp(d->d_name, ".")) {
		s->dot++;
		EXPECT_EQ("d_type of \".\"", d->d_type, DT_DIR);
	} else if (!strcmp(d->d_name, "..")) {
		s->dotdot++;
		EXPECT_EQ("d_type of \"..\"", d->d_type, DT_DIR);
	} else if (!strcmp(d->d_name, "sub")) {
		s->sub++;
		EXPECT_EQ("d_type of a directory", d->d_type, DT_DIR);
	} else if (!strcmp(d->d_name, "link")) {
		s->link++;
		EXPECT_EQ("d_type of a symlink", d->d_type, DT_LNK);
	} else if (!strcmp(d->d_name, "fifo")) {
		s->fifo++;
		EXPECT_EQ("d_type of a FIFO", d->d_type, DT_FIFO);
	} else if (sscanf(d->d_name, "file%d", &i) == 1 && i >= 0 &&
		   i < NFILES) {
		s->files[i]++;
		EXPECT_EQ("d_type of a file", d->d_type, DT_REG);
		EXPECT_EQ("d_ino of a file", d->d_ino, ino_of(d->d_name));
	} else {
		ut_fail("getdents64 returned an unknown entry \"%s\"",
			d->d_name);
	}
}

static void check_seen(const struct dir_seen *s)
{
	EXPECT_EQ("times \".\" was seen", s->dot, 1);
	EXPECT_EQ("times \"..\" was seen", s->dotdot, 1);
	EXPECT_EQ("times \"sub\" was seen", s->sub, 1);
	EXPECT_EQ("times \"link\" was seen", s->link, 1);
	EXPECT_EQ("times \"fifo\" was seen", s->fifo, 1);
	for (int i = 0; i < NFILES; i++)
		if (s->files[i] != 1)
			ut_fail("file%d was seen %d times: expected once", i,
				s->files[i]);
}

/* Every entry once, whatever the buffer size, and again after rewind. */
static void getdents_every_entry(void)
{
	static const size_t sizes[] = { 4096, 100, 40 };
	struct dir_seen seen;
	char name[16];
	int fd;

	ut_scratch();
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("chdir", chdir("d"));
	for (int i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "file%d", i);
		ut_puts(name, "x");
	}
	EXPECT_OK("mkdir", mkdir("sub", 0755));
	EXPECT_OK("symlink", symlink("file0", "link"));
	EXPECT_OK("mkfifo", mkfifo("fifo", 0644));
	fd = ut_open(".", O_RDONLY | O_DIRECTORY, 0);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		memset(&seen, 0, sizeof(seen));
		EXPECT_EQ("entries read", read_dir(fd, sizes[i], note_entry,
						   &seen), NFILES + 5);
		check_seen(&seen);
		EXPECT_EQ("getdents64 at the end", syscall(SYS_getdents64, fd,
							   name, 16), 0);
		EXPECT_EQ("rewind", lseek(fd, 0, SEEK_SET), 0);
	}
}

static void getdents_errors(void)
{
	char buf[256];
	int fd;

	ut_scratch();
	ut_puts("f", "x");
	fd = ut_open(".", O_RDONLY | O_DIRECTORY, 0);
	EXPECT_ERRNO("getdents64 into a buffer too small for an entry",
		     syscall(SYS_getdents64, fd, buf, 8), EINVAL);
	EXPECT_ERRNO("getdents64(bad buffer)",
		     syscall(SYS_getdents64, fd, BAD_PTR, sizeof(buf)),
		     EFAULT);
	EXPECT_ERRNO("getdents64(-1)",
		     syscall(SYS_getdents64, -1, buf, sizeof(buf)), EBADF);
	fd = ut_open("f", O_RDONLY, 0);
	EXPECT_ERRNO("getdents64 of a file",
		     syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
	/* A removed directory has no entries to list, not even ".". */
	EXPECT_OK("mkdir", mkdir("d", 0755));
	fd = ut_open("d", O_RDONLY | O_DIRECTORY, 0);
	EXPECT_OK("rmdir", rmdir("d"));
	EXPECT_ERRNO("getdents64 of a removed directory",
		     syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOENT);
}

static void getcwd_is(const char *want)
{
	char buf[PATH_MAX_LINUX];
	long n = syscall(SYS_getcwd, buf, sizeof(buf));

	if (n < 0)
		ut_fail("getcwd failed: %s", ut_errname(errno));
	EXPECT_EQ("getcwd's length (with the NUL)", n, strlen(buf) + 1);
	if (strcmp(buf, want))
		ut_fail("getcwd is \"%s\": expected \"%s\"", buf, want);
}

static void chdir_getcwd(void)
{
	char want[64], small[4];
	const char *scratch = ut_scratch();
	int dfd, ffd;

	getcwd_is(scratch);
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("symlink", symlink("d", "dlink"));
	ut_puts("f", "x");
	EXPECT_OK("chdir(d)", chdir("d"));
	snprintf(want, sizeof(want), "%s/d", scratch);
	getcwd_is(want);
	EXPECT_OK("chdir(..)", chdir(".."));
	getcwd_is(scratch);
	/* getcwd names the directory, not the symlink taken to it. */
	EXPECT_OK("chdir(dlink)", chdir("dlink"));
	getcwd_is(want);
	EXPECT_OK("chdir(/)", chdir("/"));
	getcwd_is("/");
	EXPECT_OK("chdir(/tmp/..)", chdir("/tmp/.."));
	getcwd_is("/");
	dfd = ut_open(scratch, O_RDONLY | O_DIRECTORY, 0);
	EXPECT_OK("fchdir", fchdir(dfd));
	getcwd_is(scratch);
	ffd = ut_open("f", O_RDONLY, 0);
	EXPECT_ERRNO("fchdir to a file", fchdir(ffd), ENOTDIR);
	EXPECT_ERRNO("fchdir(-1)", fchdir(-1), EBADF);
	EXPECT_ERRNO("chdir to a file", chdir("f"), ENOTDIR);
	EXPECT_ERRNO("chdir(missing)", chdir("missing"), ENOENT);
	EXPECT_ERRNO("chdir(\"\")", chdir(""), ENOENT);
	EXPECT_ERRNO("getcwd into a 4-byte buffer",
		     syscall(SYS_getcwd, small, sizeof(small)), ERANGE);
	EXPECT_ERRNO("getcwd(bad buffer)",
		     syscall(SYS_getcwd, BAD_PTR, 64), EFAULT);
	getcwd_is(scratch);
}

/* The cwd may be removed from under us; getcwd then says ENOENT. */
static void getcwd_removed(void)
{
	char buf[PATH_MAX_LINUX];
	struct stat st;

	ut_scratch();
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("chdir", chdir("d"));
	EXPECT_OK("rmdir of the cwd", rmdir("../d"));
	EXPECT_ERRNO("getcwd in a removed directory",
		     syscall(SYS_getcwd, buf, sizeof(buf)), ENOENT);
	EXPECT_OK("stat(\".\") of a removed cwd", stat(".", &st));
	EXPECT_EQ("st_nlink of a removed directory", st.st_nlink, 0);
	EXPECT_ERRNO("creating a file in a removed cwd",
		     open("new", O_WRONLY | O_CREAT, 0644), ENOENT);
	EXPECT_OK("chdir(..) from a removed cwd", chdir(".."));
}

static const struct ut_test tests[] = {
	UT_TEST(mkdir_rmdir),
	UT_TEST(unlink_basic),
	UT_TEST(unlinkat_flags),
	UT_TEST(rename_files),
	UT_TEST(rename_dirs),
	UT_TEST(renameat2_flags),
	UT_TEST(link_counts),
	UT_TEST(symlink_readlink),
	UT_TEST(path_dots),
	UT_TEST(path_trailing_slash),
	UT_TEST(symlink_loops),
	UT_TEST(name_too_long),
	UT_TEST(getdents_every_entry),
	UT_TEST(getdents_errors),
	UT_TEST(chdir_getcwd),
	UT_TEST(getcwd_removed),
};

UT_SUITE(ut_fsdir, "dir", tests);
