/*
 * usertests: regular files and what one does with their descriptors:
 * open, openat and creat with their flags, read and write in all their
 * forms, lseek and holes, truncation, fallocate, the sync family and
 * sendfile. Metadata (stat, modes, owners, times) is in fsmeta.c,
 * directories and names in fsdir.c, descriptor tables in fd.c.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "ut.h"
#include "fsutil.h"

#define BAD_PTR		((void *)8)
#define IOV_MAX_LINUX	1024

static void expect_size(const char *path, off_t size)
{
	struct stat st;

	ut_lstat(path, &st);
	if (st.st_size != size)
		ut_fail("size of %s is %lld: expected %lld", path,
			(long long)st.st_size, (long long)size);
}

/* Expect the bytes of fd from offset to be exactly want[0..len). */
static void expect_content(int fd, off_t off, const void *want, size_t len)
{
	char buf[512];

	if (len > sizeof(buf))
		ut_fail("expect_content: %zu bytes is too many", len);
	EXPECT_EQ("pread of the expected content", pread(fd, buf, len, off),
		  len);
	if (memcmp(buf, want, len))
		ut_fail("content at %lld is \"%.*s\": expected \"%.*s\"",
			(long long)off, (int)len, buf, (int)len,
			(const char *)want);
}

static void expect_zeros(int fd, off_t off, size_t len)
{
	char buf[4096];

	while (len) {
		size_t n = len < sizeof(buf) ? len : sizeof(buf);

		memset(buf, 0x5a, n);
		EXPECT_EQ("pread of a hole", pread(fd, buf, n, off), n);
		for (size_t i = 0; i < n; i++)
			if (buf[i])
				ut_fail("byte %lld of a hole is %#x: expected "
					"0", (long long)off + i, buf[i] & 0xff);
		off += n;
		len -= n;
	}
}

static void open_create_excl(void)
{
	int fd;

	ut_scratch();
	fd = open("f", O_WRONLY | O_CREAT | O_EXCL, 0644);
	EXPECT(fd >= 0);
	EXPECT_ERRNO("open(O_CREAT|O_EXCL) of an existing file",
		     open("f", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	EXPECT_OK("symlink", symlink("nowhere", "dangling"));
	EXPECT_ERRNO("open(O_CREAT|O_EXCL) of a dangling symlink",
		     open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644),
		     EEXIST);
	EXPECT_ERRNO("open(missing, O_RDONLY)", open("missing", O_RDONLY),
		     ENOENT);
	EXPECT_ERRNO("open(\"nodir/f\", O_CREAT)",
		     open("nodir/f", O_WRONLY | O_CREAT, 0644), ENOENT);
	EXPECT_ERRNO("open(\"f/x\", O_CREAT)",
		     open("f/x", O_WRONLY | O_CREAT, 0644), ENOTDIR);
	EXPECT_ERRNO("open(\"\")", open("", O_RDONLY), ENOENT);
	EXPECT_ERRNO("open(bad path pointer)",
		     syscall(SYS_open, BAD_PTR, O_RDONLY), EFAULT);
	/* Without O_EXCL, O_CREAT opens what is there. */
	EXPECT_OK("open(O_CREAT) of an existing file",
		  open("f", O_RDONLY | O_CREAT, 0644));
	/* O_CREAT through a dangling symlink creates its target. */
	EXPECT_OK("open(O_CREAT) through a dangling symlink",
		  open("dangling", O_WRONLY | O_CREAT, 0644));
	expect_size("nowhere", 0);
}

/* A new descriptor is the lowest free number. */
static void open_lowest_fd(void)
{
	int a, b, c;

	ut_scratch();
	ut_puts("f", "x");
	a = ut_open("f", O_RDONLY, 0);
	b = ut_open("f", O_RDONLY, 0);
	EXPECT(b > a);
	EXPECT_EQ("close", close(a), 0);
	c = ut_open("f", O_RDONLY, 0);
	EXPECT_EQ("open after closing a lower fd", c, a);
}

static void open_access_modes(void)
{
	char c;
	int fd;

	ut_scratch();
	ut_puts("f", "abc");
	fd = ut_open("f", O_RDONLY, 0);
	EXPECT_ERRNO("write to an O_RDONLY fd", write(fd, "x", 1), EBADF);
	EXPECT_EQ("read from an O_RDONLY fd", read(fd, &c, 1), 1);
	close(fd);
	fd = ut_open("f", O_WRONLY, 0);
	EXPECT_ERRNO("read from an O_WRONLY fd", read(fd, &c, 1), EBADF);
	EXPECT_EQ("write to an O_WRONLY fd", write(fd, "x", 1), 1);
	close(fd);
	fd = ut_open("f", O_RDWR, 0);
	EXPECT_EQ("write to an O_RDWR fd", write(fd, "y", 1), 1);
	EXPECT_EQ("read from an O_RDWR fd", read(fd, &c, 1), 1);
	EXPECT_EQ("byte after the one written", c, 'b');
	expect_content(fd, 0, "ybc", 3);
}

static void open_trunc_append(void)
{
	int fd;

	ut_scratch();
	ut_puts("f", "hello world");
	fd = ut_open("f", O_RDWR | O_TRUNC, 0);
	expect_size("f", 0);
	EXPECT_EQ("write", write(fd, "abc", 3), 3);
	close(fd);
	fd = ut_open("f", O_WRONLY | O_APPEND, 0);
	EXPECT_EQ("lseek(0) on O_APPEND", lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ("write with O_APPEND", write(fd, "de", 2), 2);
	EXPECT_EQ("offset after an O_APPEND write", lseek(fd, 0, SEEK_CUR),
		  5);
	close(fd);
	fd = ut_open("f", O_RDONLY, 0);
	expect_content(fd, 0, "abcde", 5);
	close(fd);
	/* O_TRUNC on an O_RDONLY open still truncates (Linux). */
	close(ut_open("f", O_RDONLY | O_TRUNC, 0));
	expect_size("f", 0);
}

/* creat() is open(O_WRONLY|O_CREAT|O_TRUNC). */
static void creat_truncates(void)
{
	char c;
	int fd;

	ut_scratch();
	ut_puts("f", "old contents");
	fd = creat("f", 0644);
	EXPECT(fd >= 0);
	expect_size("f", 0);
	EXPECT_ERRNO("read from a creat() fd", read(fd, &c, 1), EBADF);
	EXPECT_EQ("write to a creat() fd", write(fd, "new", 3), 3);
	expect_size("f", 3);
	EXPECT_ERRNO("creat(\"nodir/f\")", creat("nodir/f", 0644), ENOENT);
}

static void open_directory_flags(void)
{
	char c;
	int fd;

	ut_scratch();
	ut_puts("f", "x");
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("symlink", symlink("f", "link"));
	EXPECT_ERRNO("open(file, O_DIRECTORY)",
		     open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	fd = open("d", O_RDONLY | O_DIRECTORY);
	EXPECT(fd >= 0);
	EXPECT_ERRNO("read from a directory fd", read(fd, &c, 1), EISDIR);
	EXPECT_ERRNO("write to a directory fd", write(fd, &c, 1), EBADF);
	EXPECT_ERRNO("open(dir, O_WRONLY)", open("d", O_WRONLY), EISDIR);
	EXPECT_ERRNO("open(dir, O_RDWR)", open("d", O_RDWR), EISDIR);
	EXPECT_ERRNO("open(dir, O_WRONLY|O_CREAT)",
		     open("d", O_WRONLY | O_CREAT, 0644), EISDIR);
	EXPECT_ERRNO("open(symlink, O_NOFOLLOW)",
		     open("link", O_RDONLY | O_NOFOLLOW), ELOOP);
	EXPECT_OK("open(file, O_NOFOLLOW)", open("f", O_RDONLY | O_NOFOLLOW));
}

static void open_cloexec_flag(void)
{
	int fd;

	ut_scratch();
	ut_puts("f", "x");
	/* musl's open() sets FD_CLOEXEC again itself: ask the kernel. */
	fd = syscall(SYS_open, "f", O_RDONLY | O_CLOEXEC);
	EXPECT(fd >= 0);
	EXPECT_EQ("F_GETFD of an O_CLOEXEC open", fcntl(fd, F_GETFD),
		  FD_CLOEXEC);
	fd = openat(AT_FDCWD, "f", O_RDONLY | O_CLOEXEC);
	EXPECT_EQ("F_GETFD of an O_CLOEXEC openat", fcntl(fd, F_GETFD),
		  FD_CLOEXEC);
	fd = ut_open("f", O_RDONLY, 0);
	EXPECT_EQ("F_GETFD of a plain open", fcntl(fd, F_GETFD), 0);
}

static void openat_dirfd(void)
{
	int dfd, ffd, fd;
	char path[64];

	snprintf(path, sizeof(path), "%s/d/f", ut_scratch());
	EXPECT_OK("mkdir", mkdir("d", 0755));
	ut_puts("d/f", "in d");
	ut_puts("f", "in scratch");
	dfd = ut_open("d", O_RDONLY | O_DIRECTORY, 0);
	ffd = ut_open("f", O_RDONLY, 0);
	fd = openat(dfd, "f", O_RDONLY);
	EXPECT(fd >= 0);
	expect_content(fd, 0, "in d", 4);
	fd = openat(AT_FDCWD, "f", O_RDONLY);
	EXPECT(fd >= 0);
	expect_content(fd, 0, "in scratch", 10);
	/* An absolute path ignores dirfd, even a bad one. */
	EXPECT_OK("openat(-1, absolute path)", openat(-1, path, O_RDONLY));
	EXPECT_OK("openat(file fd, absolute path)",
		  openat(ffd, path, O_RDONLY));
	EXPECT_ERRNO("openat(-1, relative path)", openat(-1, "f", O_RDONLY),
		     EBADF);
	EXPECT_ERRNO("openat(closed fd, relative path)",
		     openat(999, "f", O_RDONLY), EBADF);
	EXPECT_ERRNO("openat(file fd, relative path)",
		     openat(ffd, "f", O_RDONLY), ENOTDIR);
	fd = openat(dfd, "new", O_WRONLY | O_CREAT | O_EXCL, 0600);
	EXPECT(fd >= 0);
	expect_size("d/new", 0);
}

static void read_write_basic(void)
{
	char buf[16];
	int fd;

	ut_scratch();
	fd = ut_open("f", O_RDWR | O_CREAT, 0644);
	EXPECT_EQ("write", write(fd, "0123456789", 10), 10);
	EXPECT_EQ("write of 0 bytes", write(fd, "", 0), 0);
	EXPECT_EQ("read at EOF", read(fd, buf, sizeof(buf)), 0);
	EXPECT_EQ("lseek", lseek(fd, 2, SEEK_SET), 2);
	EXPECT_EQ("short read near EOF", read(fd, buf, sizeof(buf)), 8);
	EXPECT(!memcmp(buf, "23456789", 8));
	EXPECT_EQ("read of 0 bytes", read(fd, buf, 0), 0);
	EXPECT_ERRNO("write(bad buffer)", write(fd, BAD_PTR, 4), EFAULT);
	lseek(fd, 0, SEEK_SET);
	EXPECT_ERRNO("read(bad buffer)", read(fd, BAD_PTR, 4), EFAULT);
	EXPECT_ERRNO("read(-1)", read(-1, buf, 1), EBADF);
	EXPECT_ERRNO("write(-1)", write(-1, buf, 1), EBADF);
	close(fd);
	EXPECT_ERRNO("read of a closed fd", read(fd, buf, 1), EBADF);
}

/* A bigger transfer than one page, in odd-sized pieces. */
static void read_write_large(void)
{
	enum { SIZE = 3 * 65536 + 123 };
	unsigned char *w = ut_map(SIZE, PROT_READ | PROT_WRITE);
	unsigned char *r = ut_map(SIZE, PROT_READ | PROT_WRITE);
	int fd;

	ut_scratch();
	for (size_t i = 0; i < SIZE; i++)
		w[i] = (unsigned char)(i * 7 + i / 4093);
	fd = ut_open("f", O_RDWR | O_CREAT, 0644);
	for (size_t off = 0; off < SIZE; off += 10007) {
		size_t n = SIZE - off < 10007 ? SIZE - off : 10007;

		ut_write_all(fd, w + off, n, "f");
	}
	expect_size("f", SIZE);
	lseek(fd, 0, SEEK_SET);
	ut_read_all(fd, r, SIZE, "f");
	EXPECT(!memcmp(r, w, SIZE));
}

static void pread_pwrite(void)
{
	char buf[8];
	int fds[2], fd;

	ut_scratch();
	fd = ut_open("f", O_RDWR | O_CREAT, 0644);
	EXPECT_EQ("write", write(fd, "abcdef", 6), 6);
	EXPECT_EQ("pwrite", pwrite(fd, "XY", 2, 1), 2);
	EXPECT_EQ("offset after pwrite", lseek(fd, 0, SEEK_CUR), 6);
	EXPECT_EQ("pread", pread(fd, buf, 4, 0), 4);
	EXPECT(!memcmp(buf, "aXYd", 4));
	EXPECT_EQ("offset after pread", lseek(fd, 0, SEEK_CUR), 6);
	EXPECT_EQ("pread past EOF", pread(fd, buf, 4, 100), 0);
	EXPECT_ERRNO("pread(offset -1)", pread(fd, buf, 4, -1), EINVAL);
	EXPECT_ERRNO("pwrite(offset -1)", pwrite(fd, buf, 4, -1), EINVAL);
	EXPECT_OK("pipe", pipe(fds));
	EXPECT_ERRNO("pread on a pipe", pread(fds[0], buf, 1, 0), ESPIPE);
	EXPECT_ERRNO("pwrite on a pipe", pwrite(fds[1], buf, 1, 0), ESPIPE);
}

static void readv_writev(void)
{
	char a[3], b[5], c[4];
	struct iovec out[] = {
		{ "abc", 3 }, { NULL, 0 }, { "defgh", 5 }, { "ij", 2 },
	};
	struct iovec in[] = { { a, 3 }, { b, 5 }, { NULL, 0 }, { c, 4 } };
	int fd;

	ut_scratch();
	fd = ut_open("f", O_RDWR | O_CREAT, 0644);
	EXPECT_EQ("writev", writev(fd, out, 4), 10);
	EXPECT_EQ("writev of 0 vectors", writev(fd, out, 0), 0);
	lseek(fd, 0, SEEK_SET);
	EXPECT_EQ("readv", readv(fd, in, 4), 10);
	EXPECT(!memcmp(a, "abc", 3));
	EXPECT(!memcmp(b, "defgh", 5));
	EXPECT(!memcmp(c, "ij", 2));
	EXPECT_EQ("preadv", preadv(fd, in, 1, 7), 3);
	EXPECT(!memcmp(a, "hij", 3));
	EXPECT_EQ("pwritev", pwritev(fd, out, 1, 10), 3);
	expect_size("f", 13);
	EXPECT_ERRNO("writev(-1 vectors)", writev(fd, out, -1), EINVAL);
	EXPECT_ERRNO("writev(IOV_MAX + 1 vectors)",
		     writev(fd, out, IOV_MAX_LINUX + 1), EINVAL);
	EXPECT_ERRNO("readv(bad iovec array)", readv(fd, BAD_PTR, 1),
		     EFAULT);
}

static void lseek_whence(void)
{
	int fd;

	ut_scratch();
	fd = ut_open("f", O_RDWR | O_CREAT, 0644);
	EXPECT_EQ("write", write(fd, "0123456789", 10), 10);
	EXPECT_EQ("lseek(3, SEEK_SET)", lseek(fd, 3, SEEK_SET), 3);
	EXPECT_EQ("lseek(2, SEEK_CUR)", lseek(fd, 2, SEEK_CUR), 5);
	EXPECT_EQ("lseek(-1, SEEK_CUR)", lseek(fd, -1, SEEK_CUR), 4);
	EXPECT_EQ("lseek(0, SEEK_END)", lseek(fd, 0, SEEK_END), 10);
	EXPECT_EQ("lseek(-3, SEEK_END)", lseek(fd, -3, SEEK_END), 7);
	EXPECT_EQ("lseek past EOF", lseek(fd, 100, SEEK_SET), 100);
	expect_size("f", 10);
	lseek(fd, 7, SEEK_SET);
	EXPECT_ERRNO("lseek to a negative offset", lseek(fd, -8, SEEK_CUR),
		     EINVAL);
	EXPECT_EQ("offset after a failed lseek", lseek(fd, 0, SEEK_CUR), 7);
	EXPECT_ERRNO("lseek(whence 42)", lseek(fd, 0, 42), EINVAL);
	EXPECT_ERRNO("lseek(-1)", lseek(-1, 0, SEEK_SET), EBADF);
}

/* A write past EOF leaves a hole that reads back as zeros. */
static void lseek_hole_zeros(void)
{
	off_t far = 3 * 4096 + 100;
	int fd;

	ut_scratch();
	fd = ut_open("f", O_RDWR | O_CREAT, 0644);
	EXPECT_EQ("write", write(fd, "head", 4), 4);
	EXPECT_EQ("lseek past EOF", lseek(fd, far, SEEK_SET), far);
	EXPECT_EQ("write past EOF", write(fd, "tail", 4), 4);
	expect_size("f", far + 4);
	expect_content(fd, 0, "head", 4);
	expect_zeros(fd, 4, far - 4);
	expect_content(fd, far, "tail", 4);
	/* SEEK_DATA and SEEK_HOLE: at least the answers any fs gives. */
	EXPECT_EQ("lseek(0, SEEK_DATA)", lseek(fd, 0, SEEK_DATA), 0);
	off_t hole = lseek(fd, 0, SEEK_HOLE);
	if (hole < 4 || hole > far + 4)
		ut_fail("lseek(0, SEEK_HOLE) returned %lld: expected 4..%lld",
			(long long)hole, (long long)far + 4);
	EXPECT_ERRNO("lseek(EOF, SEEK_DATA)", lseek(fd, far + 4, SEEK_DATA),
		     ENXIO);
}

static void truncate_grow_shrink(void)
{
	int fd;

	ut_scratch();
	ut_puts("f", "0123456789");
	fd = ut_open("f", O_RDWR, 0);
	EXPECT_OK("ftruncate(4)", ftruncate(fd, 4));
	expect_size("f", 4);
	EXPECT_OK("ftruncate(8192)", ftruncate(fd, 8192));
	expect_size("f", 8192);
	expect_content(fd, 0, "0123", 4);
	/* What was cut off does not come back when the file grows. */
	expect_zeros(fd, 4, 8192 - 4);
	EXPECT_EQ("offset is not moved by ftruncate", lseek(fd, 0, SEEK_CUR),
		  0);
	EXPECT_OK("truncate(path, 2)", truncate("f", 2));
	expect_size("f", 2);
	EXPECT_OK("ftruncate(0)", ftruncate(fd, 0));
	expect_size("f", 0);
	EXPECT_ERRNO("ftruncate(-1 bytes)", ftruncate(fd, -1), EINVAL);
	close(fd);
	fd = ut_open("f", O_RDONLY, 0);
	EXPECT_ERRNO("ftruncate of an O_RDONLY fd", ftruncate(fd, 1), EINVAL);
	EXPECT_ERRNO("ftruncate(-1)", ftruncate(-1, 1), EBADF);
	EXPECT_ERRNO("truncate(missing)", truncate("missing", 1), ENOENT);
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_ERRNO("truncate(directory)", truncate("d", 1), EISDIR);
}

static void fallocate_basic(void)
{
	struct stat st;
	int fd;

	ut_scratch();
	fd = ut_open("f", O_RDWR | O_CREAT, 0644);
	EXPECT_EQ("write", write(fd, "abc", 3), 3);
	EXPECT_OK("fallocate(0, 0, 10000)", fallocate(fd, 0, 0, 10000));
	expect_size("f", 10000);
	expect_content(fd, 0, "abc", 3);
	expect_zeros(fd, 3, 10000 - 3);
	EXPECT_OK("fstat", fstat(fd, &st));
	EXPECT(st.st_blocks * 512 >= 10000);
	EXPECT_OK("fallocate inside the file", fallocate(fd, 0, 100, 100));
	expect_size("f", 10000);
	EXPECT_OK("fallocate(KEEP_SIZE)",
		  fallocate(fd, FALLOC_FL_KEEP_SIZE, 10000, 4096));
	expect_size("f", 10000);
	EXPECT_ERRNO("fallocate(len 0)", fallocate(fd, 0, 0, 0), EINVAL);
	EXPECT_ERRNO("fallocate(offset -1)", fallocate(fd, 0, -1, 10),
		     EINVAL);
	close(fd);
	fd = ut_open("f", O_RDONLY, 0);
	EXPECT_ERRNO("fallocate on an O_RDONLY fd", fallocate(fd, 0, 0, 10),
		     EBADF);
}

static void fsync_family(void)
{
	int fds[2], fd;

	ut_scratch();
	fd = ut_open("f", O_RDWR | O_CREAT, 0644);
	EXPECT_EQ("write", write(fd, "abc", 3), 3);
	EXPECT_OK("fsync", fsync(fd));
	EXPECT_OK("fdatasync", fdatasync(fd));
	sync();
	EXPECT_OK("syncfs", syncfs(fd));
	EXPECT_OK("fsync of a directory", fsync(ut_open(".", O_RDONLY, 0)));
	EXPECT_ERRNO("fsync(-1)", fsync(-1), EBADF);
	EXPECT_ERRNO("fdatasync(-1)", fdatasync(-1), EBADF);
	EXPECT_OK("pipe", pipe(fds));
	EXPECT_ERRNO("fsync of a pipe", fsync(fds[0]), EINVAL);
	expect_content(fd, 0, "abc", 3);
}

static void sendfile_files(void)
{
	char buf[16];
	off_t off = 2;
	int in, out, fds[2];

	ut_scratch();
	ut_puts("src", "0123456789");
	in = ut_open("src", O_RDONLY, 0);
	out = ut_open("dst", O_RDWR | O_CREAT, 0644);
	/* With an offset pointer: in's own offset does not move. */
	EXPECT_EQ("sendfile(&off = 2, 5)", sendfile(out, in, &off, 5), 5);
	EXPECT_EQ("offset after sendfile", off, 7);
	EXPECT_EQ("in's file offset", lseek(in, 0, SEEK_CUR), 0);
	EXPECT_EQ("out's file offset", lseek(out, 0, SEEK_CUR), 5);
	/* Without one it reads from in's offset and moves it. */
	lseek(in, 8, SEEK_SET);
	EXPECT_EQ("sendfile(NULL, 100) near EOF",
		  sendfile(out, in, NULL, 100), 2);
	EXPECT_EQ("in's offset after sendfile", lseek(in, 0, SEEK_CUR), 10);
	EXPECT_EQ("sendfile at EOF", sendfile(out, in, NULL, 100), 0);
	expect_content(out, 0, "2345689", 7);
	/* To a pipe. */
	EXPECT_OK("pipe", pipe(fds));
	off = 0;
	EXPECT_EQ("sendfile to a pipe", sendfile(fds[1], in, &off, 4), 4);
	EXPECT_EQ("read from the pipe", read(fds[0], buf, sizeof(buf)), 4);
	EXPECT(!memcmp(buf, "0123", 4));
	EXPECT_ERRNO("sendfile from a write-only fd",
		     sendfile(in, out, NULL, 1), EBADF);
	EXPECT_ERRNO("sendfile(-1)", sendfile(out, -1, NULL, 1), EBADF);
	close(out);
	out = ut_open("dst", O_WRONLY | O_APPEND, 0);
	EXPECT_ERRNO("sendfile to an O_APPEND fd",
		     sendfile(out, in, &off, 1), EINVAL);
}

static const struct ut_test tests[] = {
	UT_TEST(open_create_excl),
	UT_TEST(open_lowest_fd),
	UT_TEST(open_access_modes),
	UT_TEST(open_trunc_append),
	UT_TEST(creat_truncates),
	UT_TEST(open_directory_flags),
	UT_TEST(open_cloexec_flag),
	UT_TEST(openat_dirfd),
	UT_TEST(read_write_basic),
	UT_TEST(read_write_large),
	UT_TEST(pread_pwrite),
	UT_TEST(readv_writev),
	UT_TEST(lseek_whence),
	UT_TEST(lseek_hole_zeros),
	UT_TEST(truncate_grow_shrink),
	UT_TEST(fallocate_basic),
	UT_TEST(fsync_family),
	UT_TEST(sendfile_files),
};

UT_SUITE(ut_file, "file", tests);
