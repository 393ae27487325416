/*
 * usertests: waiting on descriptors: poll, ppoll, select and pselect6
 * on pipes, FIFOs and regular files; what each reports (POLLIN,
 * POLLOUT, POLLHUP, POLLERR, POLLNVAL, the fd_set results), their
 * timeouts, wakeups, and EINTR when a signal comes. Pipes themselves
 * are in pipe.c.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "ut.h"
#include "fsutil.h"

#define DELAY_MS	100	/* how long a child lets the parent wait */
#define SHORT_MS	50	/* a timeout that should run out */
#define MS		1000000ULL

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void make_pipe(int fds[2])
{
	if (pipe(fds))
		ut_fail("pipe failed: %s", ut_errname(errno));
}

/* poll one fd for events with timeout 0; its revents. */
static short poll_one(int fd, short events)
{
	struct pollfd p = { fd, events, 0x5a5a };
	int n = poll(&p, 1, 0);

	if (n < 0)
		ut_fail("poll(fd %d) failed: %s", fd, ut_errname(errno));
	if (n != (p.revents != 0))
		ut_fail("poll returned %d with revents %#x", n, p.revents);
	return p.revents;
}

static void expect_revents(const char *what, int fd, short events,
			   short want)
{
	short got = poll_one(fd, events);

	if (got != want)
		ut_fail("revents of %s is %#x: expected %#x", what, got, want);
}

static void poll_pipe_states(void)
{
	int fds[2];
	char c;

	make_pipe(fds);
	expect_revents("an empty pipe's read end", fds[0], POLLIN, 0);
	expect_revents("an empty pipe's write end", fds[1], POLLOUT, POLLOUT);
	EXPECT_EQ("write", write(fds[1], "x", 1), 1);
	expect_revents("a pipe with data", fds[0], POLLIN | POLLOUT, POLLIN);
	close(fds[1]);
	/* Data left and no writer: both. Then only the hang-up. */
	expect_revents("a pipe with data and no writer", fds[0], POLLIN,
		       POLLIN | POLLHUP);
	EXPECT_EQ("read", read(fds[0], &c, 1), 1);
	expect_revents("an empty pipe without a writer", fds[0], POLLIN,
		       POLLHUP);
	/* POLLHUP is reported even when not asked for. */
	expect_revents("a hung-up pipe polled for nothing", fds[0], 0,
		       POLLHUP);
	make_pipe(fds);
	close(fds[0]);
	expect_revents("a write end without a reader", fds[1], POLLOUT,
		       POLLOUT | POLLERR);
}

static void poll_full_pipe(void)
{
	static char page[4096];
	int fds[2];

	EXPECT_OK("pipe2", pipe2(fds, O_NONBLOCK));
	while (write(fds[1], page, sizeof(page)) > 0)
		;
	expect_revents("a full pipe's write end", fds[1], POLLOUT, 0);
	EXPECT_EQ("read", read(fds[0], page, sizeof(page)), sizeof(page));
	expect_revents("a pipe with a page free", fds[1], POLLOUT, POLLOUT);
}

static void poll_nval_and_negative(void)
{
	struct pollfd p[3];
	int fds[2];

	make_pipe(fds);
	EXPECT_EQ("write", write(fds[1], "x", 1), 1);
	close(fds[1]);
	EXPECT_EQ("dup2", dup2(fds[0], 20), 20);
	close(20);
	p[0] = (struct pollfd){ 20, POLLIN, 0 };	/* closed */
	p[1] = (struct pollfd){ -1, POLLIN, 0x55 };	/* ignored */
	p[2] = (struct pollfd){ fds[0], POLLIN, 0 };
	EXPECT_EQ("poll of closed, negative and ready fds", poll(p, 3, 0), 2);
	EXPECT_EQX("revents of a closed fd", p[0].revents, POLLNVAL);
	EXPECT_EQX("revents of fd -1", p[1].revents, 0);
	EXPECT_EQX("revents of a ready fd", p[2].revents, POLLIN | POLLHUP);
}

static void poll_regular_file(void)
{
	int fd;

	ut_scratch();
	fd = ut_open("f", O_RDWR | O_CREAT, 0644);
	/* Files are always ready, even at end of file. */
	expect_revents("an empty regular file", fd, POLLIN | POLLOUT,
		       POLLIN | POLLOUT);
	EXPECT_EQ("write", write(fd, "x", 1), 1);
	expect_revents("a regular file", fd, POLLIN, POLLIN);
	EXPECT_OK("mkfifo", mkfifo("fifo", 0644));
	fd = ut_open("fifo", O_RDWR, 0);
	expect_revents("an empty O_RDWR FIFO", fd, POLLIN | POLLOUT, POLLOUT);
	EXPECT_EQ("write to the FIFO", write(fd, "x", 1), 1);
	expect_revents("an O_RDWR FIFO with data", fd, POLLIN | POLLOUT,
		       POLLIN | POLLOUT);
}

static void poll_timeout(void)
{
	struct pollfd p;
	uint64_t start, ms;
	int fds[2];

	make_pipe(fds);
	p = (struct pollfd){ fds[0], POLLIN, 0 };
	start = ut_now_ns();
	EXPECT_EQ("poll(timeout 0) of an empty pipe", poll(&p, 1, 0), 0);
	EXPECT_EQ("poll(timeout 50 ms) of an empty pipe",
		  poll(&p, 1, SHORT_MS), 0);
	ms = (ut_now_ns() - start) / MS;
	if (ms < SHORT_MS - 5 || ms > 5000)
		ut_fail("poll(timeout %d ms) took %llu ms", SHORT_MS,
			(unsigned long long)ms);
	/* No fds at all: poll is a sleep. */
	start = ut_now_ns();
	EXPECT_EQ("poll(NULL, 0, 50)", poll(NULL, 0, SHORT_MS), 0);
	ms = (ut_now_ns() - start) / MS;
	if (ms < SHORT_MS - 5)
		ut_fail("poll(NULL, 0, %d) took %llu ms", SHORT_MS,
			(unsigned long long)ms);
}

/* A poll that waits forever is woken by a writer in another process. */
static void poll_wakes(void)
{
	struct pollfd p;
	int fds[2];
	pid_t pid;

	make_pipe(fds);
	pid = ut_fork();
	if (pid == 0) {
		ut_sleep_ms(DELAY_MS);
		_exit(write(fds[1], "x", 1) == 1 ? 0 : 1);
	}
	p = (struct pollfd){ fds[0], POLLIN, 0 };
	EXPECT_EQ("poll(timeout -1) woken by a writer", poll(&p, 1, -1), 1);
	EXPECT_EQX("revents", p.revents, POLLIN);
	ut_expect_exit(pid, 0, "writer");
	/* The last writer closing wakes it too. */
	close(fds[1]);
	make_pipe(fds);
	pid = ut_fork();
	if (pid == 0) {
		ut_sleep_ms(DELAY_MS);
		_exit(0);
	}
	close(fds[1]);
	p = (struct pollfd){ fds[0], POLLIN, 0 };
	EXPECT_EQ("poll(timeout -1) woken by a hang-up", poll(&p, 1, -1), 1);
	EXPECT_EQX("revents", p.revents, POLLHUP);
	ut_expect_exit(pid, 0, "last writer");
}

static void poll_errors(void)
{
	struct pollfd p = { 0, POLLIN, 0 };
	struct rlimit rl;

	EXPECT_ERRNO("poll(bad pointer)", poll((void *)8, 1, 0), EFAULT);
	getrlimit(RLIMIT_NOFILE, &rl);
	EXPECT_ERRNO("poll(nfds > RLIMIT_NOFILE)",
		     poll(&p, rl.rlim_cur + 1, 0), EINVAL);
	EXPECT_ERRNO("ppoll(bad timespec)",
		     ppoll(&p, 1, &(struct timespec){ 0, 1000000000 }, NULL),
		     EINVAL);
}

static void interrupt_after(unsigned int ms, int sig)
{
	pid_t parent = getpid();

	if (ut_fork() == 0) {
		ut_sleep_ms(ms);
		kill(parent, sig);
		_exit(0);
	}
}

/* A signal ends a wait with EINTR, SA_RESTART or not. */
static void poll_eintr(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct pollfd p;
	int fds[2];

	make_pipe(fds);
	p = (struct pollfd){ fds[0], POLLIN, 0 };
	sigaction(SIGUSR1, &sa, NULL);
	interrupt_after(DELAY_MS, SIGUSR1);
	EXPECT_ERRNO("poll interrupted by a signal", poll(&p, 1, 5000),
		     EINTR);
	EXPECT_EQ("signal that ran", got_signal, SIGUSR1);
	got_signal = 0;
	interrupt_after(DELAY_MS, SIGUSR1);
	EXPECT_ERRNO("select interrupted by a signal",
		     select(0, NULL, NULL, NULL,
			    &(struct timeval){ 5, 0 }), EINTR);
	EXPECT_EQ("signal that ran", got_signal, SIGUSR1);
}

/* ppoll and pselect take the mask for the wait only. */
static void ppoll_pselect_sigmask(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct timespec ts = { 5, 0 };
	sigset_t block, none, now;
	struct pollfd p;
	int fds[2];

	make_pipe(fds);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	sigemptyset(&none);
	raise(SIGUSR1);
	EXPECT_EQ("handler ran while blocked", got_signal, 0);
	p = (struct pollfd){ fds[0], POLLIN, 0 };
	EXPECT_ERRNO("ppoll unblocking a pending signal",
		     ppoll(&p, 1, &ts, &none), EINTR);
	EXPECT_EQ("signal that ran", got_signal, SIGUSR1);
	sigprocmask(SIG_SETMASK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1));
	got_signal = 0;
	raise(SIGUSR1);
	EXPECT_ERRNO("pselect unblocking a pending signal",
		     pselect(0, NULL, NULL, NULL, &ts, &none), EINTR);
	EXPECT_EQ("signal that ran", got_signal, SIGUSR1);
	sigprocmask(SIG_SETMASK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1));
	/* A ppoll whose mask still blocks it just times out. */
	got_signal = 0;
	raise(SIGUSR1);
	EXPECT_EQ("ppoll with the signal still blocked",
		  ppoll(&p, 1, &(struct timespec){ 0, SHORT_MS * MS },
			&block), 0);
	EXPECT_EQ("handler ran", got_signal, 0);
}

static void select_sets(void)
{
	int a[2], b[2], c[2], fd, maxfd;
	fd_set rd, wr;

	ut_scratch();
	make_pipe(a);
	make_pipe(b);
	make_pipe(c);
	fd = ut_open("f", O_RDWR | O_CREAT, 0644);
	EXPECT_EQ("write", write(b[1], "x", 1), 1);
	close(c[1]);
	maxfd = fd > c[0] ? fd : c[0];
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(a[0], &rd);		/* empty: not ready */
	FD_SET(b[0], &rd);		/* data */
	FD_SET(c[0], &rd);		/* hung up: readable (EOF) */
	FD_SET(fd, &rd);		/* a file: always */
	FD_SET(a[1], &wr);		/* room */
	FD_SET(fd, &wr);
	EXPECT_EQ("select's count of ready bits",
		  select(maxfd + 1, &rd, &wr, NULL,
			 &(struct timeval){ 0, 0 }), 5);
	EXPECT(!FD_ISSET(a[0], &rd));
	EXPECT(FD_ISSET(b[0], &rd));
	EXPECT(FD_ISSET(c[0], &rd));
	EXPECT(FD_ISSET(fd, &rd));
	EXPECT(FD_ISSET(a[1], &wr));
	EXPECT(FD_ISSET(fd, &wr));
	/* Nothing ready: every set comes back empty. */
	FD_ZERO(&rd);
	FD_SET(a[0], &rd);
	EXPECT_EQ("select of an empty pipe",
		  select(a[0] + 1, &rd, NULL, NULL,
			 &(struct timeval){ 0, 0 }), 0);
	EXPECT(!FD_ISSET(a[0], &rd));
}

static void select_timeout_and_errors(void)
{
	struct timeval tv = { 0, SHORT_MS * 1000 };
	uint64_t start = ut_now_ns(), ms;
	int fds[2];
	fd_set rd;

	make_pipe(fds);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	/* The raw call: Linux writes back the time left. */
	EXPECT_EQ("select(timeout 50 ms)",
		  syscall(SYS_select, fds[0] + 1, &rd, NULL, NULL, &tv), 0);
	ms = (ut_now_ns() - start) / MS;
	if (ms < SHORT_MS - 5 || ms > 5000)
		ut_fail("select(timeout %d ms) took %llu ms", SHORT_MS,
			(unsigned long long)ms);
	EXPECT_EQ("time left after a timeout", tv.tv_sec * 1000000L +
		  tv.tv_usec, 0);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	close(fds[0]);
	EXPECT_ERRNO("select of a closed fd",
		     select(fds[0] + 1, &rd, NULL, NULL,
			    &(struct timeval){ 0, 0 }), EBADF);
	EXPECT_ERRNO("select(nfds -1)",
		     select(-1, NULL, NULL, NULL, &(struct timeval){ 0, 0 }),
		     EINVAL);
	/* (musl's select() rejects this itself: ask the kernel.) */
	EXPECT_ERRNO("select(negative timeout)",
		     syscall(SYS_select, 0, NULL, NULL, NULL,
			     &(struct timeval){ -1, 0 }), EINVAL);
	EXPECT_ERRNO("select(bad fd_set)",
		     syscall(SYS_select, 1, (void *)8, NULL, NULL, NULL),
		     EFAULT);
}

/* select wakes for a writer, pselect6 for a FIFO's writer. */
static void select_wakes(void)
{
	int fds[2], rfd;
	fd_set rd;
	pid_t pid;

	make_pipe(fds);
	pid = ut_fork();
	if (pid == 0) {
		ut_sleep_ms(DELAY_MS);
		_exit(write(fds[1], "x", 1) == 1 ? 0 : 1);
	}
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	EXPECT_EQ("select woken by a writer",
		  select(fds[0] + 1, &rd, NULL, NULL, NULL), 1);
	EXPECT(FD_ISSET(fds[0], &rd));
	ut_expect_exit(pid, 0, "writer");
	ut_scratch();
	EXPECT_OK("mkfifo", mkfifo("fifo", 0644));
	rfd = ut_open("fifo", O_RDONLY | O_NONBLOCK, 0);
	pid = ut_fork();
	if (pid == 0) {
		int wfd = open("fifo", O_WRONLY);

		ut_sleep_ms(DELAY_MS);
		_exit(wfd >= 0 && write(wfd, "x", 1) == 1 ? 0 : 1);
	}
	FD_ZERO(&rd);
	FD_SET(rfd, &rd);
	EXPECT_EQ("pselect woken by a FIFO's writer",
		  pselect(rfd + 1, &rd, NULL, NULL,
			  &(struct timespec){ 5, 0 }, NULL), 1);
	EXPECT(FD_ISSET(rfd, &rd));
	ut_expect_exit(pid, 0, "FIFO writer");
}

static const struct ut_test tests[] = {
	UT_TEST(poll_pipe_states),
	UT_TEST(poll_full_pipe),
	UT_TEST(poll_nval_and_negative),
	UT_TEST(poll_regular_file),
	UT_TEST(poll_timeout),
	UT_TEST(poll_wakes),
	UT_TEST(poll_errors),
	UT_TEST(poll_eintr),
	UT_TEST(ppoll_pselect_sigmask),
	UT_TEST(select_sets),
	UT_TEST(select_timeout_and_errors),
	UT_TEST(select_wakes),
};

UT_SUITE(ut_poll, "poll", tests);
