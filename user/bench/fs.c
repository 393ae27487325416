/*
 * File figures: open, stat, create + unlink, reading /dev/zero, and
 * sequential tmpfs file I/O (pipes are in pipe.c). Each one's first call
 * is the one that fails on a kernel without files, and it then skips
 * itself; files live in bench_tmp (a tmpfs when booted as /init) and are
 * removed again, whatever happens.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

#define SMALL_WRITE	4096

static char wbuf[BENCH_BLOCK], rbuf[BENCH_BLOCK];

static void tmp_path(char *buf, size_t size, const char *what)
{
	snprintf(buf, size, "%s/bench.%d.%s", bench_tmp, (int)getpid(),
		 what);
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t k = write(fd, buf, len);

		if (k <= 0)
			return -1;
		buf += k;
		len -= k;
	}
	return 0;
}

/* Creates `path` holding `size` bytes; 0, or -1 naming what failed. */
static int make_file(const char *path, long size, struct bench_run *r)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	if (fd < 0)
		return bench_fail(r, "open");
	for (long done = 0; done < size; done += BENCH_BLOCK) {
		if (write_all(fd, wbuf, BENCH_BLOCK) < 0) {
			bench_fail(r, "write");
			close(fd);
			unlink(path);
			return -1;
		}
	}
	if (close(fd) < 0)
		return bench_fail(r, "close");
	return 0;
}

int bench_open_close(long n, struct bench_run *r)
{
	char path[PATH_MAX];
	uint64_t t0;
	int ret = 0;

	tmp_path(path, sizeof(path), "open");
	if (make_file(path, 0, r) < 0)
		return -1;
	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		int fd = open(path, O_RDONLY);

		if (fd < 0) {
			ret = bench_fail(r, "open");
			goto out;
		}
		close(fd);
	}
	r->ns = now_ns() - t0;
out:
	unlink(path);
	return ret;
}

int bench_stat(long n, struct bench_run *r)
{
	char path[PATH_MAX];
	struct stat st;
	uint64_t t0;
	int ret = 0;

	tmp_path(path, sizeof(path), "stat");
	if (make_file(path, 0, r) < 0)
		return -1;
	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		if (stat(path, &st) < 0) {
			ret = bench_fail(r, "stat");
			goto out;
		}
	}
	r->ns = now_ns() - t0;
out:
	unlink(path);
	return ret;
}

int bench_create_unlink(long n, struct bench_run *r)
{
	char path[PATH_MAX];
	uint64_t t0 = now_ns();

	tmp_path(path, sizeof(path), "create");
	for (long i = 0; i < n; i++) {
		int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

		if (fd < 0)
			return bench_fail(r, "open");
		if (write_all(fd, wbuf, SMALL_WRITE) < 0) {
			bench_fail(r, "write");
			close(fd);
			unlink(path);
			return -1;
		}
		if (close(fd) < 0 || unlink(path) < 0)
			return bench_fail(r, "close or unlink");
	}
	r->ns = now_ns() - t0;
	return 0;
}

int bench_read_zero(long n, struct bench_run *r)
{
	int fd = open("/dev/zero", O_RDONLY);
	uint64_t t0;
	char c;

	if (fd < 0)
		return bench_fail(r, "open /dev/zero");
	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		if (read(fd, &c, 1) != 1) {
			bench_fail(r, "read");
			close(fd);
			return -1;
		}
	}
	r->ns = now_ns() - t0;
	close(fd);
	return 0;
}

/* n passes, each timed: create the file, write it in blocks, close. */
int bench_file_write(long n, struct bench_run *r)
{
	char path[PATH_MAX];

	tmp_path(path, sizeof(path), "write");
	r->ns = 0;
	for (long i = 0; i < n; i++) {
		uint64_t t0 = now_ns();

		if (make_file(path, BENCH_FILE_SIZE, r) < 0)
			return -1;
		r->ns += now_ns() - t0;
		unlink(path);
	}
	return 0;
}

/* Reads all of fd from offset 0; the bytes read, or -1. */
static long read_through(int fd)
{
	long total = 0;
	ssize_t k;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	while ((k = read(fd, rbuf, sizeof(rbuf))) > 0)
		total += k;
	return k < 0 ? -1 : total;
}

/* n passes over a file written beforehand, each timed. */
int bench_file_read(long n, struct bench_run *r)
{
	char path[PATH_MAX];
	uint64_t t0;
	int fd, ret = 0;

	tmp_path(path, sizeof(path), "read");
	if (make_file(path, BENCH_FILE_SIZE, r) < 0)
		return -1;
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		ret = bench_fail(r, "open");
		goto out_unlink;
	}
	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		long got = read_through(fd);

		if (got != BENCH_FILE_SIZE) {
			ret = got < 0 ? bench_fail(r, "read") :
			      bench_failx(r, "read %ld bytes of %d", got,
					  BENCH_FILE_SIZE);
			goto out_close;
		}
	}
	r->ns = now_ns() - t0;
out_close:
	close(fd);
out_unlink:
	unlink(path);
	return ret;
}
