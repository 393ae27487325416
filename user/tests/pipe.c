/*
 * usertests: pipes and FIFOs: pipe and pipe2, the 64 KiB buffer and
 * O_NONBLOCK, readers and writers waking each other, PIPE_BUF
 * atomicity, end of file, SIGPIPE and EPIPE, and the open rules of
 * named pipes. Waiting for several at once is in poll.c.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "ut.h"
#include "fsutil.h"

#define PIPE_CAPACITY	65536	/* Linux's default pipe size */
#define PIPE_BUF_LINUX	4096
#define NWRITERS	4
#define NRECORDS	32	/* PIPE_BUF records each writer sends */
#define DELAY_MS	100	/* how long a child lets the parent wait */

static void make_pipe(int fds[2], int flags)
{
	if (pipe2(fds, flags))
		ut_fail("pipe2(%#x) failed: %s", flags, ut_errname(errno));
}

/* Fill a pipe with O_NONBLOCK writes; the number of bytes it took. */
static size_t fill_pipe(int fd)
{
	static char page[PIPE_BUF_LINUX];
	size_t total = 0;
	ssize_t n;

	while ((n = write(fd, page, sizeof(page))) > 0)
		total += n;
	if (errno != EAGAIN)
		ut_fail("write to a filling pipe failed: %s: expected EAGAIN",
			ut_errname(errno));
	return total;
}

/* Read an O_NONBLOCK pipe until it is empty; the bytes read. */
static size_t drain_pipe(int fd, char *buf, size_t len)
{
	size_t total = 0;
	ssize_t n;

	while ((n = read(fd, buf, len)) > 0)
		total += n;
	if (n == 0 || errno != EAGAIN)
		ut_fail("read of a draining pipe returned %zd (%s): expected "
			"EAGAIN at the end", n, ut_errname(errno));
	return total;
}

static void pipe_basic(void)
{
	char buf[16];
	int fds[2];

	EXPECT_OK("pipe", pipe(fds));
	EXPECT(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1]);
	EXPECT_EQ("write", write(fds[1], "hello", 5), 5);
	EXPECT_EQ("write", write(fds[1], " world", 6), 6);
	/* A read returns what is there without waiting for more. */
	EXPECT_EQ("read of 3", read(fds[0], buf, 3), 3);
	EXPECT_EQ("read of the rest", read(fds[0], buf + 3, sizeof(buf)), 8);
	EXPECT(!memcmp(buf, "hello world", 11));
	EXPECT_ERRNO("write to the read end", write(fds[0], "x", 1), EBADF);
	EXPECT_ERRNO("read from the write end", read(fds[1], buf, 1), EBADF);
	EXPECT_ERRNO("lseek on a pipe", lseek(fds[0], 0, SEEK_SET), ESPIPE);
	EXPECT_EQX("F_GETFL of the read end",
		   fcntl(fds[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	EXPECT_EQX("F_GETFL of the write end",
		   fcntl(fds[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	EXPECT_ERRNO("pipe(bad pointer)", syscall(SYS_pipe, (void *)8),
		     EFAULT);
}

static void pipe2_flags(void)
{
	int fds[2];
	char c;

	make_pipe(fds, O_CLOEXEC);
	EXPECT_EQ("F_GETFD of pipe2(O_CLOEXEC)'s read end",
		  fcntl(fds[0], F_GETFD), FD_CLOEXEC);
	EXPECT_EQ("F_GETFD of pipe2(O_CLOEXEC)'s write end",
		  fcntl(fds[1], F_GETFD), FD_CLOEXEC);
	make_pipe(fds, O_NONBLOCK);
	EXPECT(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
	EXPECT(fcntl(fds[1], F_GETFL) & O_NONBLOCK);
	EXPECT_ERRNO("read of an empty O_NONBLOCK pipe", read(fds[0], &c, 1),
		     EAGAIN);
	make_pipe(fds, 0);
	EXPECT_EQ("F_GETFD of pipe2(0)", fcntl(fds[0], F_GETFD), 0);
	EXPECT_ERRNO("pipe2(bad flags)", pipe2(fds, O_APPEND), EINVAL);
}

static void pipe_capacity(void)
{
	static char big[2 * PIPE_BUF_LINUX];
	int fds[2];
	char c;

	make_pipe(fds, O_NONBLOCK);
	EXPECT_EQ("F_GETPIPE_SZ", fcntl(fds[0], F_GETPIPE_SZ), PIPE_CAPACITY);
	EXPECT_EQ("bytes a pipe holds", fill_pipe(fds[1]), PIPE_CAPACITY);
	EXPECT_ERRNO("write of 1 byte to a full pipe", write(fds[1], "x", 1),
		     EAGAIN);
	/* Room for one page: a big write takes what fits. */
	ut_read_all(fds[0], big, PIPE_BUF_LINUX, "a full pipe");
	EXPECT_EQ("O_NONBLOCK write of 8 KiB with 4 KiB free",
		  write(fds[1], big, sizeof(big)), PIPE_BUF_LINUX);
	/* A write of PIPE_BUF or less is all or nothing. */
	ut_read_all(fds[0], big, 100, "a full pipe");
	EXPECT_ERRNO("O_NONBLOCK write of PIPE_BUF with 100 bytes free",
		     write(fds[1], big, PIPE_BUF_LINUX), EAGAIN);
	EXPECT_EQ("bytes left to read", drain_pipe(fds[0], big, sizeof(big)),
		  PIPE_CAPACITY - 100);
	EXPECT_ERRNO("read of the emptied pipe", read(fds[0], &c, 1), EAGAIN);
}

static void pipe_fionread(void)
{
	int fds[2], n = -1;

	make_pipe(fds, 0);
	EXPECT_OK("FIONREAD", ioctl(fds[0], FIONREAD, &n));
	EXPECT_EQ("FIONREAD of an empty pipe", n, 0);
	EXPECT_EQ("write", write(fds[1], "12345", 5), 5);
	EXPECT_OK("FIONREAD", ioctl(fds[0], FIONREAD, &n));
	EXPECT_EQ("FIONREAD after writing 5 bytes", n, 5);
}

static void pipe_reader_woken(void)
{
	uint64_t start;
	char buf[16];
	int fds[2];
	pid_t pid;

	make_pipe(fds, 0);
	pid = ut_fork();
	if (pid == 0) {
		ut_sleep_ms(DELAY_MS);
		_exit(write(fds[1], "wake", 4) == 4 ? 0 : 1);
	}
	start = ut_now_ns();
	EXPECT_EQ("read that waits for a writer",
		  read(fds[0], buf, sizeof(buf)), 4);
	if (ut_now_ns() - start < DELAY_MS / 2 * 1000000ULL)
		ut_fail("read of an empty pipe returned after %llu ms: "
			"expected it to wait for the writer",
			(unsigned long long)(ut_now_ns() - start) / 1000000);
	EXPECT(!memcmp(buf, "wake", 4));
	ut_expect_exit(pid, 0, "writer");
}

/* A writer blocks while the pipe is full and finishes as it drains. */
static void pipe_writer_woken(void)
{
	enum { SIZE = 4 * PIPE_CAPACITY + 1000 };
	unsigned char *buf = ut_map(SIZE, PROT_READ | PROT_WRITE);
	int fds[2];
	pid_t pid;

	make_pipe(fds, 0);
	pid = ut_fork();
	if (pid == 0) {
		close(fds[1]);
		ut_sleep_ms(DELAY_MS);
		ut_read_all(fds[0], buf, SIZE, "the pipe");
		for (size_t i = 0; i < SIZE; i++)
			if (buf[i] != (unsigned char)(i % 251))
				_exit(2);
		_exit(0);
	}
	close(fds[0]);
	for (size_t i = 0; i < SIZE; i++)
		buf[i] = i % 251;
	EXPECT_EQ("write of 4 pipes' worth", write(fds[1], buf, SIZE), SIZE);
	ut_expect_exit(pid, 0, "reader checking the bytes (2: wrong byte)");
}

/* Writes of PIPE_BUF bytes from several writers never interleave. */
static void pipe_atomic_writes(void)
{
	enum { TOTAL = NWRITERS * NRECORDS * PIPE_BUF_LINUX };
	unsigned char *buf = ut_map(TOTAL, PROT_READ | PROT_WRITE);
	size_t got = 0;
	int fds[2];
	ssize_t n;

	make_pipe(fds, 0);
	for (int w = 0; w < NWRITERS; w++) {
		if (ut_fork() == 0) {
			unsigned char rec[PIPE_BUF_LINUX];

			close(fds[0]);
			for (int r = 0; r < NRECORDS; r++) {
				memset(rec, w * NRECORDS + r, sizeof(rec));
				if (write(fds[1], rec, sizeof(rec)) !=
				    sizeof(rec))
					_exit(1);
			}
			_exit(0);
		}
	}
	close(fds[1]);
	/* Odd-sized reads: the records must line up all the same. */
	while ((n = read(fds[0], buf + got, TOTAL - got < 1000 ?
			 TOTAL - got : 1000)) > 0)
		got += n;
	EXPECT_EQ("bytes read from all writers", got, TOTAL);
	for (size_t rec = 0; rec < TOTAL; rec += PIPE_BUF_LINUX)
		for (size_t i = 1; i < PIPE_BUF_LINUX; i++)
			if (buf[rec + i] != buf[rec])
				ut_fail("byte %zu of the record at %zu is %#x: "
					"expected %#x (writes interleaved)",
					i, rec, buf[rec + i], buf[rec]);
	for (int w = 0; w < NWRITERS; w++) {
		int status;

		EXPECT(wait(&status) > 0);
		EXPECT_EQX("a writer's wait status", status, 0);
	}
}

static void pipe_eof(void)
{
	char buf[8];
	int fds[2], extra;
	pid_t pid;

	make_pipe(fds, 0);
	extra = dup(fds[1]);
	EXPECT_EQ("write", write(fds[1], "last", 4), 4);
	close(fds[1]);
	/* Another copy of the write end keeps the pipe open. */
	EXPECT_OK("F_SETFL(O_NONBLOCK)", fcntl(fds[0], F_SETFL, O_NONBLOCK));
	EXPECT_EQ("read of what is left", read(fds[0], buf, sizeof(buf)), 4);
	EXPECT_ERRNO("read with a writer left", read(fds[0], buf, 1), EAGAIN);
	EXPECT_OK("F_SETFL(0)", fcntl(fds[0], F_SETFL, 0));
	pid = ut_fork();
	if (pid == 0) {
		ut_sleep_ms(DELAY_MS);
		_exit(0);	/* the child's copy closes here */
	}
	close(extra);
	EXPECT_EQ("read after the last writer went", read(fds[0], buf, 1), 0);
	EXPECT_EQ("read at EOF again", read(fds[0], buf, 1), 0);
	ut_expect_exit(pid, 0, "child holding a write end");
}

static void pipe_sigpipe(void)
{
	sigset_t set, pending;
	int fds[2];
	pid_t pid;

	make_pipe(fds, 0);
	close(fds[0]);
	pid = ut_fork();
	if (pid == 0) {
		write(fds[1], "x", 1);
		_exit(0);
	}
	ut_expect_signal(pid, SIGPIPE, "writer to a pipe without readers");
	signal(SIGPIPE, SIG_IGN);
	EXPECT_ERRNO("write with SIGPIPE ignored", write(fds[1], "x", 1),
		     EPIPE);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, NULL);
	EXPECT_ERRNO("write with SIGPIPE blocked", write(fds[1], "x", 1),
		     EPIPE);
	sigpending(&pending);
	EXPECT(sigismember(&pending, SIGPIPE));
}

/* A writer blocked on a full pipe gets EPIPE when the reader goes. */
static void pipe_reader_closes(void)
{
	static char buf[PIPE_BUF_LINUX];
	int fds[2];
	pid_t pid;

	make_pipe(fds, 0);
	signal(SIGPIPE, SIG_IGN);
	pid = ut_fork();
	if (pid == 0) {
		close(fds[1]);
		ut_sleep_ms(DELAY_MS);
		_exit(0);
	}
	close(fds[0]);
	for (int i = 0; i < PIPE_CAPACITY / PIPE_BUF_LINUX; i++)
		EXPECT_EQ("write", write(fds[1], buf, sizeof(buf)),
			  sizeof(buf));
	EXPECT_ERRNO("write blocked until the last reader exits",
		     write(fds[1], buf, sizeof(buf)), EPIPE);
	ut_expect_exit(pid, 0, "reader");
}

static void fifo_open_nonblock(void)
{
	char buf[8];
	int rfd, wfd;

	ut_scratch();
	EXPECT_OK("mkfifo", mkfifo("fifo", 0644));
	EXPECT_ERRNO("open(O_WRONLY|O_NONBLOCK) without a reader",
		     open("fifo", O_WRONLY | O_NONBLOCK), ENXIO);
	rfd = open("fifo", O_RDONLY | O_NONBLOCK);
	EXPECT(rfd >= 0);
	/* No writer has come: that reads as end of file. */
	EXPECT_EQ("read of a FIFO no writer opened", read(rfd, buf, 1), 0);
	wfd = open("fifo", O_WRONLY | O_NONBLOCK);
	EXPECT(wfd >= 0);
	EXPECT_ERRNO("read of an empty FIFO with a writer",
		     read(rfd, buf, 1), EAGAIN);
	EXPECT_EQ("write to the FIFO", write(wfd, "data", 4), 4);
	EXPECT_EQ("read from the FIFO", read(rfd, buf, sizeof(buf)), 4);
	EXPECT(!memcmp(buf, "data", 4));
	EXPECT_ERRNO("lseek on a FIFO", lseek(rfd, 0, SEEK_SET), ESPIPE);
	close(wfd);
	EXPECT_EQ("read after the writer closed", read(rfd, buf, 1), 0);
	close(rfd);
	/* O_RDWR is both ends at once, and does not wait. */
	rfd = open("fifo", O_RDWR);
	EXPECT(rfd >= 0);
	EXPECT_EQ("write to an O_RDWR FIFO", write(rfd, "rw", 2), 2);
	EXPECT_EQ("read from an O_RDWR FIFO", read(rfd, buf, sizeof(buf)), 2);
}

/* A blocking open of one end waits for the other. */
static void fifo_open_blocks(void)
{
	uint64_t start;
	char buf[8];
	int fd;
	pid_t pid;

	ut_scratch();
	EXPECT_OK("mkfifo", mkfifo("fifo", 0644));
	pid = ut_fork();
	if (pid == 0) {
		ut_sleep_ms(DELAY_MS);
		fd = open("fifo", O_WRONLY);
		_exit(fd >= 0 && write(fd, "hi", 2) == 2 ? 0 : 1);
	}
	start = ut_now_ns();
	fd = ut_open("fifo", O_RDONLY, 0);
	if (ut_now_ns() - start < DELAY_MS / 2 * 1000000ULL)
		ut_fail("open(O_RDONLY) of a FIFO returned after %llu ms: "
			"expected it to wait for a writer",
			(unsigned long long)(ut_now_ns() - start) / 1000000);
	EXPECT_EQ("read", read(fd, buf, sizeof(buf)), 2);
	EXPECT_EQ("read after the writer exited", read(fd, buf, 1), 0);
	ut_expect_exit(pid, 0, "FIFO writer");
	close(fd);
	pid = ut_fork();
	if (pid == 0) {
		ut_sleep_ms(DELAY_MS);
		fd = open("fifo", O_RDONLY);
		_exit(fd >= 0 && read(fd, buf, 2) == 2 ? 0 : 1);
	}
	fd = ut_open("fifo", O_WRONLY, 0);
	EXPECT_EQ("write", write(fd, "yo", 2), 2);
	ut_expect_exit(pid, 0, "FIFO reader");
}

static const struct ut_test tests[] = {
	UT_TEST(pipe_basic),
	UT_TEST(pipe2_flags),
	UT_TEST(pipe_capacity),
	UT_TEST(pipe_fionread),
	UT_TEST(pipe_reader_woken),
	UT_TEST(pipe_writer_woken),
	UT_TEST(pipe_atomic_writes),
	UT_TEST(pipe_eof),
	UT_TEST(pipe_sigpipe),
	UT_TEST(pipe_reader_closes),
	UT_TEST(fifo_open_nonblock),
	UT_TEST(fifo_open_blocks),
};

UT_SUITE(ut_pipe, "pipe", tests);
