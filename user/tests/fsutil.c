/*
 * usertests: helpers for the file-system tests (fs*.c, fd.c, pipe.c,
 * poll.c, devfs.c, procfs.c, mount.c): the per-test scratch directory
 * in /tmp, which the runner (main.c) removes after each test, and
 * small wrappers that fail the test instead of returning an error.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/vfs.h>

#include "ut.h"
#include "fsutil.h"

#define SCRATCH_FMT	"/tmp/ut.%d"

static char scratch[32];

const char *ut_scratch(void)
{
	snprintf(scratch, sizeof(scratch), SCRATCH_FMT, (int)getpid());
	/* Searchable by all: some tests look at it as another user. */
	if (mkdir(scratch, 0755) && errno != EEXIST)
		ut_fail("mkdir %s failed: %s", scratch, ut_errname(errno));
	if (chmod(scratch, 0755) || chdir(scratch))
		ut_fail("chdir %s failed: %s", scratch, ut_errname(errno));
	umask(022);
	return scratch;
}

static int remove_one(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	if (type != FTW_DP) {
		unlink(path);
		return 0;
	}
	/* A test that failed may have left something mounted here. */
	if (rmdir(path) && errno == EBUSY) {
		umount2(path, MNT_DETACH);
		rmdir(path);
	}
	return 0;
}

void ut_rmtree(const char *path)
{
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

void ut_scratch_remove(pid_t pid)
{
	char path[32];

	snprintf(path, sizeof(path), SCRATCH_FMT, (int)pid);
	ut_rmtree(path);
}

void ut_put(const char *path, const void *data, size_t len)
{
	int fd = ut_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	ut_write_all(fd, data, len, path);
	close(fd);
}

void ut_puts(const char *path, const char *text)
{
	ut_put(path, text, strlen(text));
}

size_t ut_get(const char *path, char *buf, size_t len)
{
	int fd = ut_open(path, O_RDONLY, 0);
	size_t got = 0;
	ssize_t n;

	while (got < len - 1 &&
	       (n = read(fd, buf + got, len - 1 - got)) != 0) {
		if (n < 0)
			ut_fail("read %s failed: %s", path, ut_errname(errno));
		got += n;
	}
	buf[got] = '\0';
	close(fd);
	return got;
}

int ut_open(const char *path, int flags, mode_t mode)
{
	int fd = open(path, flags, mode);

	if (fd < 0)
		ut_fail("open %s (flags %#o) failed: %s", path, flags,
			ut_errname(errno));
	return fd;
}

void ut_lstat(const char *path, struct stat *st)
{
	if (lstat(path, st))
		ut_fail("lstat %s failed: %s", path, ut_errname(errno));
}

void ut_read_all(int fd, void *buf, size_t len, const char *what)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			ut_fail("read of %s returned %zd (%s) after %zu of "
				"%zu bytes", what, n,
				n ? ut_errname(errno) : "EOF", got, len);
		got += n;
	}
}

void ut_write_all(int fd, const void *buf, size_t len, const char *what)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, (const char *)buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			ut_fail("write to %s returned %zd (%s) after %zu of "
				"%zu bytes", what, n, ut_errname(errno), done,
				len);
		done += n;
	}
}

int ut_on_tmpfs(const char *path)
{
	struct statfs sf;

	return statfs(path, &sf) == 0 && sf.f_type == TMPFS_MAGIC;
}

int ut_under_init(void)
{
	return getppid() == 1;
}
