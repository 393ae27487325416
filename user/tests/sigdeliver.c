/*
 * usertests: what signals do to processes: default actions, stopping
 * and continuing, SIGCHLD and its flags, system calls interrupted by a
 * handler (EINTR) or restarted (SA_RESTART), and the timers that send
 * signals (alarm, setitimer).
 */
#define _GNU_SOURCE
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include "ut.h"

static volatile int hits;
static volatile siginfo_t chld_info;

static void count(int sig)
{
	hits++;
}

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	hits++;
	memcpy((void *)&chld_info, si, sizeof(*si));
}

static void catch(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	sigaction(sig, &sa, NULL);
}

static pid_t fork_pause(void)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void default_terminates(void)
{
	static const int sigs[] = {
		SIGTERM, SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE,
		SIGKILL,
	};

	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
		pid_t pid = fork_pause();

		kill(pid, sigs[i]);
		ut_expect_signal(pid, sigs[i], ut_signame(sigs[i]));
	}
}

static int survive(void)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	raise(SIGCHLD);
	raise(SIGURG);
	raise(SIGWINCH);
	raise(SIGCONT);
	signal(SIGTERM, SIG_IGN);
	raise(SIGTERM);
	return 0;
}

static void default_ignores(void)
{
	pid_t pid = ut_fork();

	if (pid == 0)
		_exit(survive());
	ut_expect_exit(pid, 0, "child raising SIGCHLD, SIGURG, SIGWINCH, "
		       "SIGCONT and ignored SIGTERM");
}

static void expect_waitid(pid_t pid, int options, int code, int status)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	EXPECT_EQ("waitid", waitid(P_PID, pid, &si, options), 0);
	EXPECT_EQ("waitid si_pid", si.si_pid, pid);
	EXPECT_EQ("waitid si_code", si.si_code, code);
	EXPECT_EQ("waitid si_status", si.si_status, status);
}

/*
 * A stopped child does not run until SIGCONT; the parent sees both.
 * The child gets a process group of its own: SIGTSTP does not stop a
 * process in an orphaned group, and under init the test's group is one
 * (init, as a parent, does not count).
 */
static void stop_and_continue(void)
{
	volatile unsigned long *counter = ut_shared(PAGE_SIZE);
	unsigned long seen;
	pid_t pid = ut_fork();
	int status;

	if (pid == 0) {
		setpgid(0, 0);
		for (;;)
			(*counter)++;
	}
	setpgid(pid, pid);
	while (!*counter)
		sched_yield();
	kill(pid, SIGSTOP);
	EXPECT_EQ("waitpid(WUNTRACED)", waitpid(pid, &status, WUNTRACED), pid);
	EXPECT(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	seen = *counter;
	ut_sleep_ms(50);
	EXPECT_EQ("counter of a stopped child", *counter, seen);
	kill(pid, SIGCONT);
	EXPECT_EQ("waitpid(WCONTINUED)", waitpid(pid, &status, WCONTINUED),
		  pid);
	EXPECT(WIFCONTINUED(status));
	for (int i = 0; i < 5000 && *counter == seen; i++)
		ut_sleep_ms(1);
	if (*counter == seen)
		ut_fail("continued child did not run again in 5 s");
	kill(pid, SIGTSTP);
	expect_waitid(pid, WSTOPPED, CLD_STOPPED, SIGTSTP);
	kill(pid, SIGCONT);
	expect_waitid(pid, WCONTINUED, CLD_CONTINUED, SIGCONT);
	kill(pid, SIGKILL);
	ut_expect_signal(pid, SIGKILL, "counting child");
}

static void sigchld_to_parent(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld,
				.sa_flags = SA_SIGINFO };
	sigset_t set, none;
	pid_t pid;

	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid = ut_fork();
	if (pid == 0)
		_exit(6);
	sigemptyset(&none);
	while (!hits)
		sigsuspend(&none);
	EXPECT_EQ("SIGCHLD si_signo", chld_info.si_signo, SIGCHLD);
	EXPECT_EQ("SIGCHLD si_code", chld_info.si_code, CLD_EXITED);
	EXPECT_EQ("SIGCHLD si_pid", chld_info.si_pid, pid);
	EXPECT_EQ("SIGCHLD si_status", chld_info.si_status, 6);
	ut_expect_exit(pid, 6, "child");
}

/* SA_NOCLDSTOP: no SIGCHLD for stops, still one for the death. */
static void sa_nocldstop(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld,
				.sa_flags = SA_SIGINFO | SA_NOCLDSTOP };
	pid_t pid;

	sigaction(SIGCHLD, &sa, NULL);
	pid = fork_pause();
	kill(pid, SIGSTOP);
	waitpid(pid, NULL, WUNTRACED);
	ut_sleep_ms(20);
	EXPECT_EQ("SIGCHLDs for a stop with SA_NOCLDSTOP", hits, 0);
	kill(pid, SIGKILL);
	ut_expect_signal(pid, SIGKILL, "stopped child");
	EXPECT_EQ("SIGCHLDs after the death", hits, 1);
	EXPECT_EQ("SIGCHLD si_code", chld_info.si_code, CLD_KILLED);
}

/* Children of a parent ignoring SIGCHLD are reaped by the kernel. */
static void sigchld_ignored_autoreap(void)
{
	pid_t pid;

	signal(SIGCHLD, SIG_IGN);
	pid = ut_fork();
	if (pid == 0)
		_exit(0);
	/* wait4 sleeps until the child is gone, then has nothing. */
	EXPECT_ERRNO("wait4 with SIGCHLD ignored", wait4(pid, NULL, 0, NULL),
		     ECHILD);
	EXPECT_ERRNO("kill(auto-reaped child, 0)", kill(pid, 0), ESRCH);
}

static void arm_timer_ms(unsigned int ms)
{
	struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };

	if (setitimer(ITIMER_REAL, &it, NULL))
		ut_fail("setitimer failed: %s", ut_errname(errno));
}

/* A sleep interrupted by a handler fails with EINTR, SA_RESTART or not,
 * and says how much was left. */
static void eintr_nanosleep(void)
{
	struct timespec ts = { 3, 0 }, rem = { 0, 0 };
	uint64_t t0 = ut_now_ns();

	catch(SIGALRM, count, SA_RESTART);
	arm_timer_ms(50);
	EXPECT_ERRNO("nanosleep(3 s) hit by SIGALRM",
		     nanosleep(&ts, &rem), EINTR);
	EXPECT_EQ("handler calls", hits, 1);
	if (ut_now_ns() - t0 < 50000000)
		ut_fail("nanosleep returned before the 50 ms timer");
	if ((rem.tv_sec == 0 && rem.tv_nsec == 0) || rem.tv_sec >= 3)
		ut_fail("nanosleep's remaining time is %ld.%09ld: expected "
			"between 0 and 3 s", (long)rem.tv_sec, rem.tv_nsec);
}

static pid_t child_exiting_after(unsigned int ms)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		ut_sleep_ms(ms);
		_exit(4);
	}
	return pid;
}

static void sa_restart_wait4(void)
{
	pid_t pid = child_exiting_after(200);
	int status;

	catch(SIGALRM, count, SA_RESTART);
	arm_timer_ms(30);
	EXPECT_EQ("wait4 through an SA_RESTART handler",
		  wait4(pid, &status, 0, NULL), pid);
	EXPECT_EQ("handler calls", hits, 1);
	EXPECT_EQ("status", status, 4 << 8);
}

static void no_restart_wait4(void)
{
	pid_t pid = child_exiting_after(300);

	catch(SIGALRM, count, 0);
	arm_timer_ms(30);
	EXPECT_ERRNO("wait4 through a handler without SA_RESTART",
		     wait4(pid, NULL, 0, NULL), EINTR);
	EXPECT_EQ("handler calls", hits, 1);
	ut_expect_exit(pid, 4, "child");
}

static void alarm_fires(void)
{
	sigset_t none;
	uint64_t t0;
	unsigned int left;

	catch(SIGALRM, count, 0);
	EXPECT_EQ("alarm(5) with none set", alarm(5), 0);
	left = alarm(0);
	if (left < 4 || left > 5)
		ut_fail("alarm(0) right after alarm(5) returned %u", left);
	ut_sleep_ms(20);
	EXPECT_EQ("handler calls after a cancelled alarm", hits, 0);
	t0 = ut_now_ns();
	alarm(1);
	sigemptyset(&none);
	while (!hits)
		sigsuspend(&none);
	if (ut_now_ns() - t0 < 1000000000)
		ut_fail("alarm(1) fired after %llu ms",
			(unsigned long long)(ut_now_ns() - t0) / 1000000);
}

static void setitimer_interval(void)
{
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } }, now;
	sigset_t none;
	uint64_t t0 = ut_now_ns();

	catch(SIGALRM, count, 0);
	EXPECT_EQ("setitimer(ITIMER_REAL, 20 ms every 20 ms)",
		  setitimer(ITIMER_REAL, &it, NULL), 0);
	EXPECT_EQ("getitimer", getitimer(ITIMER_REAL, &now), 0);
	EXPECT_EQ("it_interval", now.it_interval.tv_usec, 20000);
	EXPECT(now.it_value.tv_sec == 0 && now.it_value.tv_usec <= 20000);
	sigemptyset(&none);
	while (hits < 3)
		sigsuspend(&none);
	if (ut_now_ns() - t0 < 60000000)
		ut_fail("three 20 ms periods took %llu us",
			(unsigned long long)(ut_now_ns() - t0) / 1000);
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, &now);
	EXPECT_EQ("old interval from setitimer", now.it_interval.tv_usec,
		  20000);
	getitimer(ITIMER_REAL, &now);
	EXPECT(now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0);
}

static void itimer_virtual(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	uint64_t deadline = ut_now_ns() + 5000000000ULL;
	volatile unsigned long spin = 0;

	catch(SIGVTALRM, count, 0);
	EXPECT_EQ("setitimer(ITIMER_VIRTUAL, 20 ms)",
		  setitimer(ITIMER_VIRTUAL, &it, NULL), 0);
	/* User time: the clock read must be the smaller part. */
	while (!hits && ut_now_ns() < deadline)
		for (int i = 0; i < 100000; i++)
			spin++;
	EXPECT_EQ("SIGVTALRMs after 20 ms of user CPU", hits, 1);
	it.it_value.tv_usec = 1000000;
	EXPECT_ERRNO("setitimer(tv_usec 1e6)",
		     setitimer(ITIMER_REAL, &it, NULL), EINVAL);
	EXPECT_ERRNO("setitimer(which 5)",
		     syscall(SYS_setitimer, 5, &it, NULL), EINVAL);
}

static const struct ut_test tests[] = {
	UT_TEST(default_terminates),
	UT_TEST(default_ignores),
	UT_TEST(stop_and_continue),
	UT_TEST(sigchld_to_parent),
	UT_TEST(sa_nocldstop),
	UT_TEST(sigchld_ignored_autoreap),
	UT_TEST(eintr_nanosleep),
	UT_TEST(sa_restart_wait4),
	UT_TEST(no_restart_wait4),
	UT_TEST(alarm_fires),
	UT_TEST(setitimer_interval),
	UT_TEST(itimer_virtual),
};

UT_SUITE(ut_sigdeliver, "sigdeliver", tests);
