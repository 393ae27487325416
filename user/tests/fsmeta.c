/*
 * usertests: what a file is besides its bytes: the stat family and
 * statx, access checks, timestamps (utimensat), modes (chmod, umask),
 * owners (chown), device and FIFO nodes (mknod) and statfs. The bytes
 * are in fs.c, names and directories in fsdir.c.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

#include "ut.h"
#include "fsutil.h"

#define BAD_PTR		((void *)8)
#define NOBODY		1000
#define OLD_TIME	1000000000	/* 2001-09-09, long before any test */

static void expect_mode(const char *path, mode_t mode)
{
	struct stat st;

	ut_lstat(path, &st);
	if (st.st_mode != mode)
		ut_fail("st_mode of %s is %#o: expected %#o", path,
			st.st_mode, mode);
}

static void stat_file(void)
{
	struct stat st, fst, dst;
	int fd;

	ut_scratch();
	fd = ut_open("f", O_RDWR | O_CREAT, 0666);
	EXPECT_EQ("write", write(fd, "0123456789", 10), 10);
	EXPECT_OK("stat", stat("f", &st));
	EXPECT_OK("fstat", fstat(fd, &fst));
	EXPECT_OK("stat(\".\")", stat(".", &dst));
	EXPECT_EQX("st_mode (0666 less umask 022)", st.st_mode,
		   S_IFREG | 0644);
	EXPECT_EQ("st_size", st.st_size, 10);
	EXPECT_EQ("st_nlink", st.st_nlink, 1);
	EXPECT_EQ("st_uid", st.st_uid, geteuid());
	EXPECT_EQ("st_gid", st.st_gid, getegid());
	EXPECT_EQ("fstat st_ino", fst.st_ino, st.st_ino);
	EXPECT_EQ("fstat st_dev", fst.st_dev, st.st_dev);
	EXPECT_EQ("st_dev of the file and its directory", st.st_dev,
		  dst.st_dev);
	EXPECT(st.st_ino != dst.st_ino);
	EXPECT(st.st_blksize > 0);
	EXPECT_EQ("st_rdev of a regular file", st.st_rdev, 0);
	/* The inode number is the file's, not the name's. */
	EXPECT_OK("rename", rename("f", "g"));
	EXPECT_OK("stat after rename", stat("g", &fst));
	EXPECT_EQ("st_ino after rename", fst.st_ino, st.st_ino);
}

static void stat_directory(void)
{
	struct stat st, sub;

	ut_scratch();
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("stat", stat("d", &st));
	EXPECT_EQX("st_mode of a directory", st.st_mode, S_IFDIR | 0755);
	EXPECT_EQ("st_nlink of an empty directory", st.st_nlink, 2);
	EXPECT_OK("mkdir", mkdir("d/sub", 0755));
	EXPECT_OK("stat", stat("d", &st));
	EXPECT_EQ("st_nlink with one subdirectory", st.st_nlink, 3);
	EXPECT_OK("stat", stat("d/sub/..", &sub));
	EXPECT_EQ("st_ino of d/sub/..", sub.st_ino, st.st_ino);
	ut_puts("d/file", "x");
	EXPECT_OK("stat", stat("d", &st));
	EXPECT_EQ("st_nlink after adding a file", st.st_nlink, 3);
}

static void stat_errors(void)
{
	struct stat st;

	ut_scratch();
	ut_puts("f", "x");
	EXPECT_ERRNO("stat(missing)", stat("missing", &st), ENOENT);
	EXPECT_ERRNO("stat(\"f/x\")", stat("f/x", &st), ENOTDIR);
	EXPECT_ERRNO("stat(\"\")", stat("", &st), ENOENT);
	EXPECT_ERRNO("stat(bad path)", syscall(SYS_stat, BAD_PTR, &st),
		     EFAULT);
	EXPECT_ERRNO("stat(bad buffer)", syscall(SYS_stat, "f", BAD_PTR),
		     EFAULT);
	EXPECT_ERRNO("fstat(-1)", fstat(-1, &st), EBADF);
	EXPECT_ERRNO("fstat(bad buffer)", syscall(SYS_fstat, 0, BAD_PTR),
		     EFAULT);
}

static void lstat_symlink(void)
{
	struct stat st, target;

	ut_scratch();
	ut_puts("target", "twelve bytes");
	EXPECT_OK("symlink", symlink("target", "link"));
	EXPECT_OK("lstat", lstat("link", &st));
	EXPECT(S_ISLNK(st.st_mode));
	EXPECT_EQ("lstat st_size of a symlink (its target's length)",
		  st.st_size, 6);
	EXPECT_OK("stat", stat("link", &st));
	EXPECT_OK("stat", stat("target", &target));
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_EQ("stat st_ino through the symlink", st.st_ino,
		  target.st_ino);
	EXPECT_EQ("stat st_size through the symlink", st.st_size, 12);
	EXPECT_OK("symlink", symlink("missing", "dangling"));
	EXPECT_ERRNO("stat of a dangling symlink", stat("dangling", &st),
		     ENOENT);
	EXPECT_OK("lstat of a dangling symlink", lstat("dangling", &st));
}

/* musl's fstatat() turns some calls into stat, lstat or fstat. */
static long sys_fstatat(int dfd, const char *path, struct stat *st,
			int flags)
{
	return syscall(SYS_newfstatat, dfd, path, st, flags);
}

static void fstatat_flags(void)
{
	struct stat st, want;
	int dfd, fd;

	ut_scratch();
	EXPECT_OK("mkdir", mkdir("d", 0755));
	ut_puts("d/f", "abc");
	EXPECT_OK("symlink", symlink("f", "d/link"));
	dfd = ut_open("d", O_RDONLY | O_DIRECTORY, 0);
	ut_lstat("d/f", &want);
	EXPECT_OK("fstatat(dfd, \"f\")", sys_fstatat(dfd, "f", &st, 0));
	EXPECT_EQ("st_ino", st.st_ino, want.st_ino);
	EXPECT_OK("fstatat(dfd, \"link\")", sys_fstatat(dfd, "link", &st, 0));
	EXPECT_EQ("st_ino through the symlink", st.st_ino, want.st_ino);
	EXPECT_OK("fstatat(AT_SYMLINK_NOFOLLOW)",
		  sys_fstatat(dfd, "link", &st, AT_SYMLINK_NOFOLLOW));
	EXPECT(S_ISLNK(st.st_mode));
	fd = ut_open("d/f", O_RDONLY, 0);
	EXPECT_OK("fstatat(fd, \"\", AT_EMPTY_PATH)",
		  sys_fstatat(fd, "", &st, AT_EMPTY_PATH));
	EXPECT_EQ("st_ino with AT_EMPTY_PATH", st.st_ino, want.st_ino);
	EXPECT_OK("fstatat(AT_FDCWD, \"\", AT_EMPTY_PATH)",
		  sys_fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH));
	EXPECT(S_ISDIR(st.st_mode));
	EXPECT_ERRNO("fstatat(fd, \"\") without AT_EMPTY_PATH",
		     sys_fstatat(fd, "", &st, 0), ENOENT);
	EXPECT_ERRNO("fstatat(bad flags)",
		     sys_fstatat(dfd, "f", &st, 0x40000000), EINVAL);
	EXPECT_ERRNO("fstatat(file fd, \"x\")", sys_fstatat(fd, "x", &st, 0),
		     ENOTDIR);
	EXPECT_ERRNO("fstatat(-1, \"f\")", sys_fstatat(-1, "f", &st, 0), EBADF);
}

static long ut_statx(int dfd, const char *path, int flags, unsigned mask,
		     struct ut_statx *stx)
{
	return syscall(SYS_statx, dfd, path, flags, mask, stx);
}

static void statx_basic(void)
{
	struct ut_statx stx;
	struct stat st;
	int fd;

	ut_scratch();
	ut_puts("f", "0123456789");
	ut_lstat("f", &st);
	memset(&stx, 0xff, sizeof(stx));
	EXPECT_OK("statx", ut_statx(AT_FDCWD, "f", 0, STATX_BASIC_STATS,
				    &stx));
	EXPECT_EQX("stx_mask has the basic stats",
		   stx.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
	EXPECT_EQX("stx_mode", stx.stx_mode, st.st_mode);
	EXPECT_EQ("stx_size", stx.stx_size, 10);
	EXPECT_EQ("stx_ino", stx.stx_ino, st.st_ino);
	EXPECT_EQ("stx_nlink", stx.stx_nlink, 1);
	EXPECT_EQ("stx_uid", stx.stx_uid, st.st_uid);
	EXPECT_EQ("stx_dev", makedev(stx.stx_dev_major, stx.stx_dev_minor),
		  st.st_dev);
	EXPECT_EQ("stx_mtime", stx.stx_mtime.tv_sec, st.st_mtim.tv_sec);
	EXPECT_EQ("stx_mtime nsec", stx.stx_mtime.tv_nsec,
		  st.st_mtim.tv_nsec);
	fd = ut_open("f", O_RDONLY, 0);
	EXPECT_OK("statx(fd, \"\", AT_EMPTY_PATH)",
		  ut_statx(fd, "", AT_EMPTY_PATH, STATX_INO, &stx));
	EXPECT_EQ("stx_ino with AT_EMPTY_PATH", stx.stx_ino, st.st_ino);
	EXPECT_OK("symlink", symlink("f", "link"));
	EXPECT_OK("statx(AT_SYMLINK_NOFOLLOW)",
		  ut_statx(AT_FDCWD, "link", AT_SYMLINK_NOFOLLOW,
			   STATX_TYPE, &stx));
	EXPECT_EQX("stx_mode type of a symlink", stx.stx_mode & S_IFMT,
		   S_IFLNK);
	EXPECT_ERRNO("statx(STATX__RESERVED)",
		     ut_statx(AT_FDCWD, "f", 0, STATX__RESERVED, &stx),
		     EINVAL);
	EXPECT_ERRNO("statx(bad flags)",
		     ut_statx(AT_FDCWD, "f", 0x40000000, STATX_INO, &stx),
		     EINVAL);
	EXPECT_ERRNO("statx(missing)",
		     ut_statx(AT_FDCWD, "missing", 0, STATX_INO, &stx),
		     ENOENT);
	EXPECT_ERRNO("statx(bad buffer)",
		     ut_statx(AT_FDCWD, "f", 0, STATX_INO, BAD_PTR), EFAULT);
}

/* A write moves mtime and ctime; a read does not move mtime. */
static void timestamps_move(void)
{
	struct timespec old[2] = { { OLD_TIME, 0 }, { OLD_TIME, 0 } };
	struct stat st;
	time_t now = time(NULL);
	char c;
	int fd;

	ut_scratch();
	fd = ut_open("f", O_RDWR | O_CREAT, 0644);
	EXPECT_OK("utimensat", utimensat(AT_FDCWD, "f", old, 0));
	EXPECT_OK("fstat", fstat(fd, &st));
	EXPECT_EQ("st_mtime after utimensat", st.st_mtime, OLD_TIME);
	EXPECT_EQ("read at EOF", read(fd, &c, 1), 0);
	EXPECT_OK("fstat", fstat(fd, &st));
	EXPECT_EQ("st_mtime after a read", st.st_mtime, OLD_TIME);
	EXPECT_EQ("write", write(fd, "x", 1), 1);
	EXPECT_OK("fstat", fstat(fd, &st));
	if (st.st_mtime < now - 1 || st.st_ctime < now - 1)
		ut_fail("after a write mtime is %lld, ctime %lld: expected "
			"at least %lld", (long long)st.st_mtime,
			(long long)st.st_ctime, (long long)now - 1);
	EXPECT_OK("utimensat", utimensat(AT_FDCWD, "f", old, 0));
	EXPECT_OK("ftruncate", ftruncate(fd, 0));
	EXPECT_OK("fstat", fstat(fd, &st));
	if (st.st_mtime < now - 1)
		ut_fail("after ftruncate mtime is %lld: expected at least "
			"%lld", (long long)st.st_mtime, (long long)now - 1);
	/* A directory's mtime moves when a name is added. */
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("utimensat", utimensat(AT_FDCWD, "d", old, 0));
	ut_puts("d/new", "x");
	EXPECT_OK("stat", stat("d", &st));
	if (st.st_mtime < now - 1)
		ut_fail("after creating d/new, d's mtime is %lld: expected "
			"at least %lld", (long long)st.st_mtime,
			(long long)now - 1);
}

static void utimensat_omit_now(void)
{
	struct timespec set[2] = { { 1234567890, 111 }, { 1234567891, 222 } };
	struct timespec omit[2] = { { 5, UTIME_OMIT }, { 6, UTIME_NOW } };
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	struct stat st;
	time_t now = time(NULL);
	int fd;

	ut_scratch();
	ut_puts("f", "x");
	EXPECT_OK("utimensat", utimensat(AT_FDCWD, "f", set, 0));
	ut_lstat("f", &st);
	EXPECT_EQ("st_atime", st.st_atim.tv_sec, 1234567890);
	EXPECT_EQ("st_atime nsec", st.st_atim.tv_nsec, 111);
	EXPECT_EQ("st_mtime", st.st_mtim.tv_sec, 1234567891);
	EXPECT_EQ("st_mtime nsec", st.st_mtim.tv_nsec, 222);
	EXPECT(st.st_ctime >= now - 1);
	EXPECT_OK("utimensat(UTIME_OMIT, UTIME_NOW)",
		  utimensat(AT_FDCWD, "f", omit, 0));
	ut_lstat("f", &st);
	EXPECT_EQ("st_atime after UTIME_OMIT", st.st_atim.tv_sec,
		  1234567890);
	EXPECT(st.st_mtime >= now - 1);
	EXPECT_OK("utimensat", utimensat(AT_FDCWD, "f", set, 0));
	fd = ut_open("f", O_RDONLY, 0);
	EXPECT_OK("futimens(NULL)", futimens(fd, NULL));
	ut_lstat("f", &st);
	EXPECT(st.st_atime >= now - 1 && st.st_mtime >= now - 1);
	EXPECT_ERRNO("utimensat(nsec 10^9)",
		     utimensat(AT_FDCWD, "f", bad, 0), EINVAL);
	EXPECT_ERRNO("utimensat(missing)",
		     utimensat(AT_FDCWD, "missing", set, 0), ENOENT);
	EXPECT_ERRNO("utimensat(bad flags)",
		     utimensat(AT_FDCWD, "f", set, 0x40000000), EINVAL);
	/* AT_SYMLINK_NOFOLLOW sets the link's own times. */
	EXPECT_OK("symlink", symlink("f", "link"));
	EXPECT_OK("utimensat(link, AT_SYMLINK_NOFOLLOW)",
		  utimensat(AT_FDCWD, "link", set, AT_SYMLINK_NOFOLLOW));
	ut_lstat("link", &st);
	EXPECT_EQ("symlink's st_mtime", st.st_mtim.tv_sec, 1234567891);
	ut_lstat("f", &st);
	EXPECT(st.st_mtime >= now - 1);
}

static void access_root(void)
{
	int dfd;

	ut_scratch();
	ut_puts("f", "x");
	EXPECT_OK("chmod", chmod("f", 0444));
	EXPECT_OK("access(F_OK)", access("f", F_OK));
	EXPECT_OK("access(R_OK)", access("f", R_OK));
	if (geteuid() == 0) {
		/* Root may write anything, but not run what no one may. */
		EXPECT_OK("access(W_OK) as root", access("f", W_OK));
		EXPECT_ERRNO("access(X_OK) as root, mode 0444",
			     access("f", X_OK), EACCES);
		EXPECT_OK("chmod", chmod("f", 0100));
		EXPECT_OK("access(X_OK) as root, mode 0100",
			  access("f", X_OK));
	}
	EXPECT_ERRNO("access(missing)", access("missing", F_OK), ENOENT);
	EXPECT_ERRNO("access(\"f/x\")", access("f/x", F_OK), ENOTDIR);
	EXPECT_ERRNO("access(mode 8)", access("f", 8), EINVAL);
	dfd = ut_open(".", O_RDONLY | O_DIRECTORY, 0);
	EXPECT_OK("faccessat(dfd)", faccessat(dfd, "f", F_OK, 0));
	EXPECT_ERRNO("faccessat(-1, \"f\")", faccessat(-1, "f", F_OK, 0),
		     EBADF);
	EXPECT_OK("symlink", symlink("missing", "dangling"));
	EXPECT_ERRNO("faccessat2 of a dangling symlink",
		     syscall(SYS_faccessat2, AT_FDCWD, "dangling", F_OK, 0),
		     ENOENT);
	EXPECT_OK("faccessat2(AT_SYMLINK_NOFOLLOW)",
		  syscall(SYS_faccessat2, AT_FDCWD, "dangling", F_OK,
			  AT_SYMLINK_NOFOLLOW));
	EXPECT_OK("faccessat2(AT_EACCESS)",
		  syscall(SYS_faccessat2, AT_FDCWD, "f", F_OK, AT_EACCESS));
	EXPECT_ERRNO("faccessat2(bad flags)",
		     syscall(SYS_faccessat2, AT_FDCWD, "f", F_OK, 0x40000000),
		     EINVAL);
}

/*
 * Run fn as uid and gid 1000 in a child, whose failed expectations are
 * the test's; skip if setuid is not allowed.
 */
static void run_as_nobody(void (*fn)(void), const char *what)
{
	char buf[48];
	int status;
	pid_t pid;

	if (geteuid() != 0)
		ut_skip("needs root to become another user");
	pid = ut_fork();
	if (pid == 0) {
		if (setgid(NOBODY) || setuid(NOBODY))
			_exit(errno == EPERM ? UT_EXIT_SKIP : 10);
		fn();
		_exit(0);
	}
	status = ut_wait(pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == UT_EXIT_SKIP)
		ut_skip("setuid(%d) not permitted", NOBODY);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		ut_fail("%s: child ended with %s: expected exit 0", what,
			ut_status_str(status, buf, sizeof(buf)));
}

static void access_as_user_child(void)
{
	EXPECT_ERRNO("access(0600 file, R_OK) as uid 1000",
		     access("private", R_OK), EACCES);
	EXPECT_OK("access(0644 file, R_OK) as uid 1000",
		  access("public", R_OK));
	EXPECT_ERRNO("access(0644 file, W_OK) as uid 1000",
		     access("public", W_OK), EACCES);
	EXPECT_ERRNO("open(0600 file) as uid 1000",
		     open("private", O_RDONLY), EACCES);
	EXPECT_ERRNO("open(0644 file, O_WRONLY) as uid 1000",
		     open("public", O_WRONLY), EACCES);
	EXPECT_ERRNO("open of a file in a 0700 directory as uid 1000",
		     open("closed/f", O_RDONLY), EACCES);
	EXPECT_ERRNO("chmod of root's file as uid 1000",
		     chmod("public", 0777), EPERM);
	EXPECT_ERRNO("creat in root's 0755 directory as uid 1000",
		     creat("new", 0644), EACCES);
}

/* Permission bits bind an ordinary user. */
static void access_as_user(void)
{
	ut_scratch();
	ut_puts("private", "x");
	EXPECT_OK("chmod", chmod("private", 0600));
	ut_puts("public", "x");
	EXPECT_OK("chmod", chmod("public", 0644));
	EXPECT_OK("mkdir", mkdir("closed", 0700));
	ut_puts("closed/f", "x");
	EXPECT_OK("chmod", chmod("closed/f", 0644));
	run_as_nobody(access_as_user_child, "uid 1000 checking access");
}

static void chmod_family(void)
{
	int fd, dfd;

	ut_scratch();
	ut_puts("f", "x");
	EXPECT_OK("chmod(0600)", chmod("f", 0600));
	expect_mode("f", S_IFREG | 0600);
	fd = ut_open("f", O_RDONLY, 0);
	EXPECT_OK("fchmod(0751)", fchmod(fd, 0751));
	expect_mode("f", S_IFREG | 0751);
	EXPECT_OK("chmod(07777)", chmod("f", 07777));
	expect_mode("f", S_IFREG | 07777);
	/* File-type bits in the mode are ignored. */
	EXPECT_OK("chmod(S_IFDIR | 0640)", chmod("f", S_IFDIR | 0640));
	expect_mode("f", S_IFREG | 0640);
	dfd = ut_open(".", O_RDONLY | O_DIRECTORY, 0);
	EXPECT_OK("fchmodat", fchmodat(dfd, "f", 0604, 0));
	expect_mode("f", S_IFREG | 0604);
	/* chmod through a symlink changes the target. */
	EXPECT_OK("symlink", symlink("f", "link"));
	EXPECT_OK("chmod(link)", chmod("link", 0640));
	expect_mode("f", S_IFREG | 0640);
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("chmod(dir, 01777)", chmod("d", 01777));
	expect_mode("d", S_IFDIR | 01777);
	EXPECT_ERRNO("chmod(missing)", chmod("missing", 0644), ENOENT);
	EXPECT_ERRNO("fchmod(-1)", fchmod(-1, 0644), EBADF);
}

static void expect_owner(const char *path, uid_t uid, gid_t gid)
{
	struct stat st;

	ut_lstat(path, &st);
	if (st.st_uid != uid || st.st_gid != gid)
		ut_fail("%s is owned by %d:%d: expected %d:%d", path,
			st.st_uid, st.st_gid, uid, gid);
}

static void chown_family(void)
{
	int fd;

	if (geteuid() != 0)
		ut_skip("needs root to give files away");
	ut_scratch();
	ut_puts("f", "x");
	EXPECT_OK("chown(1000, 1001)", chown("f", 1000, 1001));
	expect_owner("f", 1000, 1001);
	EXPECT_OK("chown(-1, 1002)", chown("f", -1, 1002));
	expect_owner("f", 1000, 1002);
	EXPECT_OK("chown(1003, -1)", chown("f", 1003, -1));
	expect_owner("f", 1003, 1002);
	fd = ut_open("f", O_RDONLY, 0);
	EXPECT_OK("fchown", fchown(fd, 1004, 1005));
	expect_owner("f", 1004, 1005);
	EXPECT_OK("symlink", symlink("f", "link"));
	EXPECT_OK("lchown", lchown("link", 1006, 1007));
	expect_owner("link", 1006, 1007);
	expect_owner("f", 1004, 1005);
	EXPECT_OK("chown(link)", chown("link", 1008, 1009));
	expect_owner("f", 1008, 1009);
	EXPECT_OK("fchownat(AT_SYMLINK_NOFOLLOW)",
		  fchownat(AT_FDCWD, "link", 0, 0, AT_SYMLINK_NOFOLLOW));
	expect_owner("link", 0, 0);
	/* Changing the owner of an executable drops set-user-ID. */
	EXPECT_OK("chmod(04755)", chmod("f", 04755));
	EXPECT_OK("chown", chown("f", 1000, 1000));
	expect_mode("f", S_IFREG | 0755);
	EXPECT_ERRNO("chown(missing)", chown("missing", 0, 0), ENOENT);
	EXPECT_ERRNO("fchown(-1)", fchown(-1, 0, 0), EBADF);
	EXPECT_ERRNO("fchownat(bad flags)",
		     fchownat(AT_FDCWD, "f", 0, 0, 0x40000000), EINVAL);
}

static void chown_as_user_child(void)
{
	EXPECT_ERRNO("chown of its own file to root as uid 1000",
		     chown("f", 0, -1), EPERM);
	/* Its owner may chown to itself: a no-op that works. */
	EXPECT_OK("chown of its own file to itself as uid 1000",
		  chown("f", NOBODY, NOBODY));
}

static void chown_as_user(void)
{
	ut_scratch();
	ut_puts("f", "x");
	EXPECT_OK("chown", chown("f", NOBODY, NOBODY));
	run_as_nobody(chown_as_user_child, "uid 1000 chowning");
}

static void umask_applies(void)
{
	mode_t old;

	ut_scratch();
	old = umask(027);
	EXPECT_EQ("umask's old value", old, 022);
	EXPECT_EQ("umask returns the value set", umask(027), 027);
	close(ut_open("f", O_WRONLY | O_CREAT, 0666));
	expect_mode("f", S_IFREG | 0640);
	EXPECT_OK("mkdir", mkdir("d", 0777));
	expect_mode("d", S_IFDIR | 0750);
	EXPECT_OK("mknod(FIFO)", mknod("p", S_IFIFO | 0666, 0));
	expect_mode("p", S_IFIFO | 0640);
	umask(0);
	close(ut_open("g", O_WRONLY | O_CREAT, 0777));
	expect_mode("g", S_IFREG | 0777);
	/* umask only masks a mode given at creation, not chmod. */
	umask(077);
	EXPECT_OK("chmod", chmod("g", 0666));
	expect_mode("g", S_IFREG | 0666);
	/* Only the permission bits count. */
	EXPECT_EQ("umask(0777777) keeps", (umask(0777777), umask(0)), 0777);
}

static void mknod_fifo_and_file(void)
{
	struct stat st;
	int dfd;

	ut_scratch();
	EXPECT_OK("mknod(S_IFIFO)", mknod("fifo", S_IFIFO | 0644, 0));
	ut_lstat("fifo", &st);
	EXPECT(S_ISFIFO(st.st_mode));
	EXPECT_OK("mkfifo", mkfifo("fifo2", 0600));
	expect_mode("fifo2", S_IFIFO | 0600);
	dfd = ut_open(".", O_RDONLY | O_DIRECTORY, 0);
	EXPECT_OK("mknodat(S_IFIFO)", mknodat(dfd, "fifo3", S_IFIFO | 0644,
					      0));
	/* Type 0 is a regular file. */
	EXPECT_OK("mknod(type 0)", mknod("file", 0644, 0));
	expect_mode("file", S_IFREG | 0644);
	EXPECT_ERRNO("mknod of an existing name",
		     mknod("fifo", S_IFIFO | 0644, 0), EEXIST);
	EXPECT_ERRNO("mknod(S_IFDIR)", mknod("dir", S_IFDIR | 0755, 0),
		     EPERM);
	EXPECT_ERRNO("mknod(bad type)", mknod("bad", 0170000 | 0644, 0),
		     EINVAL);
	EXPECT_ERRNO("mknod(\"nodir/x\")", mknod("nodir/x", S_IFIFO, 0),
		     ENOENT);
}

/* A char node 1,3 is /dev/null wherever it is made. */
static void mknod_null_device(void)
{
	struct stat st;
	char buf[8];
	int fd;

	ut_scratch();
	if (mknod("null", S_IFCHR | 0666, makedev(1, 3)) && errno == EPERM)
		ut_skip("mknod of a device node not permitted");
	ut_lstat("null", &st);
	EXPECT(S_ISCHR(st.st_mode));
	EXPECT_EQ("st_rdev major", major(st.st_rdev), 1);
	EXPECT_EQ("st_rdev minor", minor(st.st_rdev), 3);
	EXPECT_EQ("st_size of a device node", st.st_size, 0);
	fd = ut_open("null", O_RDWR, 0);
	EXPECT_EQ("write to the null node", write(fd, "vanish", 6), 6);
	EXPECT_EQ("read from the null node", read(fd, buf, sizeof(buf)), 0);
	ut_lstat("null", &st);
	EXPECT_EQ("st_size after writing", st.st_size, 0);
}

static void statfs_tmp(void)
{
	struct statfs sf, fsf;
	int fd;

	if (!ut_on_tmpfs("/tmp") && !ut_under_init())
		ut_skip("/tmp is not a tmpfs here");
	ut_scratch();
	EXPECT_OK("statfs(/tmp)", statfs("/tmp", &sf));
	EXPECT_EQX("f_type of /tmp", sf.f_type, TMPFS_MAGIC);
	EXPECT_EQ("f_namelen of /tmp", sf.f_namelen, 255);
	EXPECT(sf.f_bsize > 0);
	EXPECT(sf.f_blocks > 0);
	EXPECT(sf.f_bfree <= sf.f_blocks);
	fd = ut_open(".", O_RDONLY | O_DIRECTORY, 0);
	EXPECT_OK("fstatfs", fstatfs(fd, &fsf));
	EXPECT_EQX("fstatfs f_type", fsf.f_type, TMPFS_MAGIC);
	EXPECT_OK("statfs(/proc)", statfs("/proc", &sf));
	EXPECT_EQX("f_type of /proc", sf.f_type, PROC_SUPER_MAGIC);
	EXPECT_ERRNO("statfs(missing)", statfs("missing", &sf), ENOENT);
	EXPECT_ERRNO("fstatfs(-1)", fstatfs(-1, &sf), EBADF);
	EXPECT_ERRNO("statfs(bad buffer)",
		     syscall(SYS_statfs, "/tmp", BAD_PTR), EFAULT);
}

static const struct ut_test tests[] = {
	UT_TEST(stat_file),
	UT_TEST(stat_directory),
	UT_TEST(stat_errors),
	UT_TEST(lstat_symlink),
	UT_TEST(fstatat_flags),
	UT_TEST(statx_basic),
	UT_TEST(timestamps_move),
	UT_TEST(utimensat_omit_now),
	UT_TEST(access_root),
	UT_TEST(access_as_user),
	UT_TEST(chmod_family),
	UT_TEST(chown_family),
	UT_TEST(chown_as_user),
	UT_TEST(umask_applies),
	UT_TEST(mknod_fifo_and_file),
	UT_TEST(mknod_null_device),
	UT_TEST(statfs_tmp),
};

UT_SUITE(ut_fsmeta, "fsmeta", tests);
