/*
 * usertests: the devices in /dev (devtmpfs): null, zero, full, random
 * and urandom, console and tty, and the kernel log in /dev/kmsg with
 * its "prio,seq,time,flag;text" records.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "ut.h"
#include "fsutil.h"

#define KMSG_MAX	8192	/* a buffer larger than any record */
#define LOG_USER_LEVEL(l)	(8 + (l))	/* facility 1 (user) */

static const struct {
	const char *path;
	unsigned int major, minor;
} char_devs[] = {
	{ "/dev/null", 1, 3 }, { "/dev/zero", 1, 5 }, { "/dev/full", 1, 7 },
	{ "/dev/random", 1, 8 }, { "/dev/urandom", 1, 9 },
	{ "/dev/kmsg", 1, 11 }, { "/dev/tty", 5, 0 },
	{ "/dev/console", 5, 1 },
};

static void dev_char_nodes(void)
{
	struct stat st;

	for (size_t i = 0; i < ARRAY_SIZE(char_devs); i++) {
		ut_lstat(char_devs[i].path, &st);
		if (!S_ISCHR(st.st_mode))
			ut_fail("%s has mode %#o: expected a char device",
				char_devs[i].path, st.st_mode);
		if (major(st.st_rdev) != char_devs[i].major ||
		    minor(st.st_rdev) != char_devs[i].minor)
			ut_fail("%s is device %u,%u: expected %u,%u",
				char_devs[i].path, major(st.st_rdev),
				minor(st.st_rdev), char_devs[i].major,
				char_devs[i].minor);
	}
	EXPECT_OK("stat(/dev)", stat("/dev", &st));
	EXPECT(S_ISDIR(st.st_mode));
}

static void dev_null(void)
{
	char buf[16] = "unchanged";
	int fd = ut_open("/dev/null", O_RDWR, 0);

	EXPECT_EQ("read of /dev/null", read(fd, buf, sizeof(buf)), 0);
	EXPECT(!strcmp(buf, "unchanged"));
	EXPECT_EQ("write to /dev/null", write(fd, "gone", 4), 4);
	EXPECT_EQ("lseek on /dev/null", lseek(fd, 100, SEEK_SET), 0);
	EXPECT_EQ("read after the write", read(fd, buf, sizeof(buf)), 0);
}

static void dev_zero(void)
{
	char buf[5000];
	int fd = ut_open("/dev/zero", O_RDWR, 0);

	memset(buf, 0xa5, sizeof(buf));
	EXPECT_EQ("read of /dev/zero", read(fd, buf, sizeof(buf)),
		  sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		if (buf[i])
			ut_fail("byte %zu from /dev/zero is %#x", i,
				buf[i] & 0xff);
	EXPECT_EQ("write to /dev/zero", write(fd, buf, 10), 10);
	EXPECT_ERRNO("read of /dev/zero into a bad buffer",
		     read(fd, (void *)8, 10), EFAULT);
}

static void dev_full(void)
{
	char buf[64];
	int fd = ut_open("/dev/full", O_RDWR, 0);

	EXPECT_ERRNO("write to /dev/full", write(fd, "x", 1), ENOSPC);
	memset(buf, 0xa5, sizeof(buf));
	EXPECT_EQ("read of /dev/full", read(fd, buf, sizeof(buf)),
		  sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		EXPECT_EQ("byte from /dev/full", buf[i], 0);
}

static void read_random(const char *path)
{
	unsigned char a[32], b[32];
	int fd = ut_open(path, O_RDONLY, 0);
	int zeros = 0;

	EXPECT_EQ("read of 32 random bytes", read(fd, a, sizeof(a)),
		  sizeof(a));
	EXPECT_EQ("read of 32 more", read(fd, b, sizeof(b)), sizeof(b));
	if (!memcmp(a, b, sizeof(a)))
		ut_fail("two reads of %s gave the same 32 bytes", path);
	for (size_t i = 0; i < sizeof(a); i++)
		zeros += !a[i];
	if (zeros > 8)
		ut_fail("%d of 32 bytes from %s are 0", zeros, path);
	close(fd);
}

static void dev_random(void)
{
	read_random("/dev/urandom");
	read_random("/dev/random");
}

/*
 * Check the form of one /dev/kmsg record, "prio,seq,usec,flag[,more];
 * text\n", and return its priority, sequence number and text.
 */
static void parse_kmsg(const char *rec, size_t len, unsigned int *prio,
		       unsigned long long *seq, const char **text)
{
	unsigned long long usec;
	char flag, sep;
	int n = 0;

	if (len == 0 || rec[len - 1] != '\n')
		ut_fail("kmsg record \"%.*s\" does not end in a newline",
			(int)len, rec);
	if (sscanf(rec, "%u,%llu,%llu,%c%c%n", prio, seq, &usec, &flag,
		   &sep, &n) != 5 || !strchr("-c+", flag) ||
	    (sep != ';' && sep != ','))
		ut_fail("kmsg record \"%.*s\" is not "
			"\"prio,seq,usec,flag;text\"", (int)len, rec);
	*text = memchr(rec, ';', len);
	if (!*text)
		ut_fail("kmsg record \"%.*s\" has no ';'", (int)len, rec);
	(*text)++;
}

static void dev_kmsg(void)
{
	static const char line[] = "usertests: kmsg check";
	char rec[KMSG_MAX];
	unsigned long long seq, seq2;
	unsigned int prio;
	const char *text;
	int fd, wfd;
	ssize_t n;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0 && (errno == EPERM || errno == EACCES))
		ut_skip("/dev/kmsg: %s", ut_errname(errno));
	if (fd < 0)
		ut_fail("open(/dev/kmsg) failed: %s", ut_errname(errno));
	/* One read, one record: the oldest still kept. */
	n = read(fd, rec, sizeof(rec));
	EXPECT(n > 0);
	parse_kmsg(rec, n, &prio, &seq, &text);
	n = read(fd, rec, sizeof(rec));
	EXPECT(n > 0);
	parse_kmsg(rec, n, &prio, &seq2, &text);
	EXPECT(seq2 > seq);
	EXPECT_ERRNO("read of a record into 4 bytes", read(fd, rec, 4),
		     EINVAL);
	/* From the end, there is nothing until someone writes (on a
	 * machine where nothing else is logging). */
	EXPECT_OK("lseek(SEEK_END)", lseek(fd, 0, SEEK_END));
	if (ut_under_init())
		EXPECT_ERRNO("read at the end of the log",
			     read(fd, rec, sizeof(rec)), EAGAIN);
	wfd = open("/dev/kmsg", O_WRONLY);
	if (wfd < 0)
		ut_skip("open(/dev/kmsg, O_WRONLY): %s", ut_errname(errno));
	snprintf(rec, sizeof(rec), "<5>%s\n", line);
	EXPECT_EQ("write of a log line", write(wfd, rec, strlen(rec)),
		  strlen(rec));
	do {
		n = read(fd, rec, sizeof(rec));
		if (n <= 0)
			ut_fail("read of /dev/kmsg returned %zd (%s) before "
				"the line written to it", n,
				ut_errname(errno));
		parse_kmsg(rec, n, &prio, &seq, &text);
	} while (strncmp(text, line, strlen(line)));
	EXPECT_EQ("priority of a <5> line written by a user",
		  prio, LOG_USER_LEVEL(5));
}

static const struct ut_test tests[] = {
	UT_TEST(dev_char_nodes),
	UT_TEST(dev_null),
	UT_TEST(dev_zero),
	UT_TEST(dev_full),
	UT_TEST(dev_random),
	UT_TEST(dev_kmsg),
};

UT_SUITE(ut_devfs, "devfs", tests);
