/*
 * usertests: terminals. Each test runs in a new session that takes the
 * serial line (/dev/ttyS0) as its controlling terminal, feeds it input
 * with TIOCSTI as if typed, and checks what read(2), the signals and the
 * job-control ioctls make of it: canonical editing, EOF, raw reads with
 * VMIN/VTIME, ^C, SIGTTIN/SIGTTOU for background groups, and SIGHUP +
 * SIGCONT to an orphaned group that is stopped. The terminal's settings
 * are restored after each, since the test log shares the line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

#include "ut.h"

#define TTY_PATH	"/dev/ttyS0"

static int tty_fd = -1;
static struct termios saved;

/* Type @s into the terminal. */
static void type(const char *s)
{
	for (; *s; s++)
		if (ioctl(tty_fd, TIOCSTI, s) < 0)
			ut_fail("TIOCSTI: %s", ut_errname(errno));
}

static void set_lflag(tcflag_t on, tcflag_t off, int vmin, int vtime)
{
	struct termios t = saved;

	t.c_lflag = (t.c_lflag | on) & ~off;
	t.c_cc[VMIN] = vmin;
	t.c_cc[VTIME] = vtime;
	EXPECT_OK("tcsetattr", tcsetattr(tty_fd, TCSAFLUSH, &t));
}

/* The session part of a test: runs in a child that leads a session. */
static void in_session(void (*fn)(void))
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		if (setsid() < 0)
			ut_fail("setsid: %s", ut_errname(errno));
		tty_fd = open(TTY_PATH, O_RDWR);
		if (tty_fd < 0)
			ut_skip("open(%s): %s", TTY_PATH, ut_errname(errno));
		if (tcgetattr(tty_fd, &saved) < 0)
			ut_fail("tcgetattr: %s", ut_errname(errno));
		/* No echo: typed test input stays off the log. */
		saved.c_lflag &= ~(ECHO | ECHONL);
		tcsetattr(tty_fd, TCSAFLUSH, &saved);
		saved.c_lflag |= ECHO;
		fn();
		tcsetattr(tty_fd, TCSAFLUSH, &saved);
		_exit(0);
	}
	ut_expect_exit(pid, 0, "the session's test");
}

static void expect_read(const char *what, const char *want)
{
	char buf[64];
	ssize_t n = read(tty_fd, buf, sizeof(buf) - 1);

	if (n < 0)
		ut_fail("%s: read: %s", what, ut_errname(errno));
	buf[n] = 0;
	if (strcmp(buf, want))
		ut_fail("%s: read \"%s\": expected \"%s\"", what, buf, want);
}

static void canonical(void)
{
	set_lflag(ICANON | IEXTEN, ECHO, 1, 0);
	type("ab\x7f" "c\n");
	expect_read("erase", "ac\n");
	type("one two\x17three\n");
	expect_read("word erase", "one three\n");
	type("gone\x15kept\n");
	expect_read("kill", "kept\n");
	type("x\x16\x7fy\n");
	expect_read("literal next", "x\x7fy\n");
	type("part\x04");
	expect_read("EOF after text", "part");
	type("\x04");
	expect_read("EOF on an empty line", "");
	/* One line per read, even when more are waiting. */
	type("l1\nl2\n");
	expect_read("first of two lines", "l1\n");
	expect_read("second of two lines", "l2\n");
	type("\r");
	expect_read("ICRNL", "\n");
}

static void test_canonical(void)
{
	in_session(canonical);
}

static void raw_reads(void)
{
	char buf[16];
	uint64_t t0;
	int n;

	set_lflag(0, ICANON | ECHO, 0, 0);
	EXPECT_EQ("read, MIN 0 TIME 0, nothing typed",
		  read(tty_fd, buf, sizeof(buf)), 0);
	set_lflag(0, ICANON | ECHO, 0, 2);
	t0 = ut_now_ns();
	EXPECT_EQ("read, MIN 0 TIME 2, nothing typed",
		  read(tty_fd, buf, sizeof(buf)), 0);
	EXPECT(ut_now_ns() - t0 >= 150000000ULL);
	set_lflag(0, ICANON | ECHO, 2, 0);
	type("xyz");
	EXPECT_EQ("FIONREAD", ioctl(tty_fd, FIONREAD, &n), 0);
	EXPECT_EQ("FIONREAD's count", n, 3);
	EXPECT_EQ("read, MIN 2, three typed", read(tty_fd, buf, 16), 3);
	EXPECT(!memcmp(buf, "xyz", 3));
	/* No line discipline editing in raw mode. */
	type("a\x7f\n");
	EXPECT_EQ("read of a DEL in raw mode", read(tty_fd, buf, 16), 3);
	EXPECT(!memcmp(buf, "a\x7f\r", 3) || !memcmp(buf, "a\x7f\n", 3));
	fcntl(tty_fd, F_SETFL, O_NONBLOCK);
	set_lflag(0, ICANON | ECHO, 1, 0);
	EXPECT_ERRNO("non-blocking read with nothing typed",
		     read(tty_fd, buf, 16), EAGAIN);
	fcntl(tty_fd, F_SETFL, 0);
}

static void test_raw(void)
{
	in_session(raw_reads);
}

static volatile sig_atomic_t got_sig;

static void on_signal(int sig)
{
	got_sig = sig;
}

static void interrupt(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	set_lflag(ICANON | ISIG, ECHO, 1, 0);
	type("lost");
	type("\x03");
	EXPECT_EQ("signal from ^C", got_sig, SIGINT);
	/* ^C flushed the partial line. */
	type("\n");
	expect_read("the line after ^C", "\n");
	got_sig = 0;
	type("\x1c");
	EXPECT_EQ("signal from ^\\", got_sig, SIGQUIT);
	/* Without ISIG, ^C is a character. */
	set_lflag(ICANON, ECHO | ISIG, 1, 0);
	got_sig = 0;
	type("\x03\n");
	expect_read("^C without ISIG", "\x03\n");
	EXPECT_EQ("signals without ISIG", got_sig, 0);
}

static void test_interrupt(void)
{
	in_session(interrupt);
}

static void job_ioctls(void)
{
	pid_t pg;
	int fd;

	EXPECT_OK("TIOCGPGRP", ioctl(tty_fd, TIOCGPGRP, &pg));
	EXPECT_EQ("foreground group", pg, getpgrp());
	EXPECT_OK("TIOCGSID", ioctl(tty_fd, TIOCGSID, &pg));
	EXPECT_EQ("the terminal's session", pg, getsid(0));
	EXPECT_EQ("tcgetsid", tcgetsid(tty_fd), getsid(0));
	pg = -1;
	EXPECT_ERRNO("TIOCSPGRP -1", ioctl(tty_fd, TIOCSPGRP, &pg), EINVAL);
	pg = 1;		/* init's group: another session */
	EXPECT_ERRNO("TIOCSPGRP to another session's group",
		     ioctl(tty_fd, TIOCSPGRP, &pg), EPERM);
	EXPECT_ERRNO("TIOCSPGRP from a bad pointer",
		     ioctl(tty_fd, TIOCSPGRP, (void *)8), EFAULT);
	EXPECT_ERRNO("TIOCGPGRP to a bad pointer",
		     ioctl(tty_fd, TIOCGPGRP, (void *)8), EFAULT);
	EXPECT_OK("TIOCSCTTY on our own terminal",
		  ioctl(tty_fd, TIOCSCTTY, 0));
	fd = open("/dev/tty", O_RDWR);
	EXPECT_OK("open(/dev/tty)", fd);
	EXPECT_OK("TIOCGPGRP through /dev/tty", ioctl(fd, TIOCGPGRP, &pg));
	close(fd);
	fd = open("/dev/null", O_RDWR);
	EXPECT_ERRNO("TCGETS on /dev/null", ioctl(fd, TCGETS, &saved),
		     ENOTTY);
	close(fd);
	EXPECT_ERRNO("unknown tty ioctl", ioctl(tty_fd, 0x54ff, 0), ENOTTY);
	EXPECT_ERRNO("TCFLSH 7", ioctl(tty_fd, TCFLSH, 7), EINVAL);
	/* Giving the terminal up: /dev/tty has nothing behind it. The
	 * leader doing it hangs up its foreground group: itself. */
	signal(SIGHUP, SIG_IGN);
	EXPECT_OK("TIOCNOTTY", ioctl(tty_fd, TIOCNOTTY));
	EXPECT_ERRNO("open(/dev/tty) without a terminal",
		     open("/dev/tty", O_RDWR), ENXIO);
	EXPECT_ERRNO("TIOCGPGRP after TIOCNOTTY",
		     ioctl(tty_fd, TIOCGPGRP, &pg), ENOTTY);
}

static void test_job_ioctls(void)
{
	in_session(job_ioctls);
}

/* A child in a background group touches the terminal. */
static int background(int what)
{
	struct termios t;
	char c;
	pid_t pid = ut_fork();
	int status;

	if (pid == 0) {
		setpgid(0, 0);
		if (what == 0)
			_exit(read(tty_fd, &c, 1) < 0 ? errno : 0);
		if (what == 1) {
			tcgetattr(tty_fd, &t);
			_exit(tcsetattr(tty_fd, TCSANOW, &t) < 0 ? errno : 0);
		}
		signal(SIGTTOU, SIG_IGN);
		tcgetattr(tty_fd, &t);
		_exit(tcsetattr(tty_fd, TCSANOW, &t) < 0 ? errno : 0);
	}
	setpgid(pid, pid);
	if (waitpid(pid, &status, WUNTRACED) != pid)
		ut_fail("waitpid: %s", ut_errname(errno));
	if (WIFSTOPPED(status))
		kill(pid, SIGKILL), waitpid(pid, NULL, 0);
	return status;
}

static void job_stops(void)
{
	int st;

	st = background(0);
	EXPECT(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN);
	st = background(1);
	EXPECT(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTOU);
	st = background(2);	/* SIGTTOU ignored: the change goes through */
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void test_background_stops(void)
{
	in_session(job_stops);
}

/*
 * POSIX: when a process group becomes orphaned with a stopped member,
 * each member gets SIGHUP then SIGCONT. A middle process makes a child
 * in a group of its own, which stops; then the middle one exits.
 */
static void test_orphaned_group(void)
{
	int pfd[2];
	pid_t mid;
	char c = 0;

	EXPECT_OK("pipe", pipe(pfd));
	mid = ut_fork();
	if (mid == 0) {
		pid_t kid;

		/* A session of its own: no group outside it (like init's)
		 * keeps the child's group from being orphaned. */
		setsid();
		kid = fork();

		if (kid == 0) {
			struct sigaction sa = { .sa_handler = on_signal };

			setpgid(0, 0);
			sigaction(SIGHUP, &sa, NULL);
			raise(SIGSTOP);
			/* Continued: report what woke us. */
			c = got_sig == SIGHUP ? 'H' : 'x';
			write(pfd[1], &c, 1);
			_exit(0);
		}
		setpgid(kid, kid);
		/* Wait for it to stop, then leave it orphaned. */
		waitpid(kid, NULL, WUNTRACED);
		_exit(0);
	}
	close(pfd[1]);
	ut_expect_exit(mid, 0, "the middle process");
	EXPECT_EQ("read from the orphan", read(pfd[0], &c, 1), 1);
	EXPECT_EQ("what the orphan saw ('H' for SIGHUP)", c, 'H');
}

static const struct ut_test tests[] = {
	UT_TEST(test_canonical),
	UT_TEST(test_raw),
	UT_TEST(test_interrupt),
	UT_TEST(test_job_ioctls),
	UT_TEST(test_background_stops),
	UT_TEST(test_orphaned_group),
};

UT_SUITE(ut_tty, "tty", tests);
