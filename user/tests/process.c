/*
 * usertests: process life and death: fork, vfork, _exit, the wait family
 * (wait4, waitid) and the wait status encoding, and orphans. execve is
 * in exec.c, threads in thread.c.
 */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include "ut.h"

#define RSS_TOUCH	(2 << 20)	/* bytes a child touches for rusage */

static void fork_basic(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();

	if (pid == 0)
		_exit(getppid() == parent && getpid() != parent ? 7 : 1);
	EXPECT(pid > 0);
	EXPECT(pid != parent);
	ut_expect_exit(pid, 7, "child checking getppid");
}

static void fork_many(void)
{
	enum { N = 20 };
	pid_t pids[N];
	int seen[N] = { 0 };

	for (int i = 0; i < N; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0)
			_exit(i + 1);
	}
	for (int n = 0; n < N; n++) {
		int status, i;
		pid_t pid = wait4(-1, &status, 0, NULL);

		for (i = 0; i < N && pids[i] != pid; i++)
			;
		if (i == N)
			ut_fail("wait4(-1) returned %d (%s): expected a child",
				pid, ut_errname(errno));
		EXPECT(!seen[i]);
		seen[i] = 1;
		EXPECT_EQ("child's exit status", status, (i + 1) << 8);
	}
	EXPECT_ERRNO("wait4(-1) with every child reaped",
		     wait4(-1, NULL, 0, NULL), ECHILD);
}

static int fork_pending_cleared(void)
{
	struct sigaction sa;
	sigset_t set;

	sigprocmask(SIG_SETMASK, NULL, &set);
	if (!sigismember(&set, SIGUSR1))
		return 10;
	sigpending(&set);
	if (sigismember(&set, SIGUSR1))
		return 11;
	sigaction(SIGUSR2, NULL, &sa);
	if (sa.sa_handler != SIG_IGN)
		return 12;
	return 0;
}

/* The child inherits the mask and dispositions but no pending signals. */
static void fork_inherits_signals(void)
{
	sigset_t set;
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR1);
	pid = ut_fork();
	if (pid == 0)
		_exit(fork_pending_cleared());
	ut_expect_exit(pid, 0, "child checking mask (10), pending (11), "
		       "disposition (12)");
	sigpending(&set);
	EXPECT(sigismember(&set, SIGUSR1));
}

static volatile pid_t vfork_word;

static void vfork_basic(void)
{
	pid_t pid;

	vfork_word = 0;
	pid = vfork();
	if (pid == 0) {
		/* The parent is frozen and shares our memory meanwhile. */
		ut_sleep_ms(50);
		vfork_word = getpid();
		_exit(3);
	}
	EXPECT(pid > 0);
	EXPECT_EQ("pid the vfork child stored before _exit", vfork_word, pid);
	ut_expect_exit(pid, 3, "vfork child");
}

static void exit_status_bits(void)
{
	static const int codes[][2] = {
		{ 0, 0 }, { 1, 1 }, { 255, 255 }, { 256, 0 }, { 0x1ff, 255 },
		{ -1, 255 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
		pid_t pid = ut_fork();
		int status;

		if (pid == 0)
			syscall(SYS_exit_group, codes[i][0]);
		status = ut_wait(pid);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != codes[i][1])
			ut_fail("exit_group(%d) gave status %#x: expected %#x",
				codes[i][0], status, codes[i][1] << 8);
	}
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

static void wait4_nohang(void)
{
	pid_t pid = fork_pause();
	int status = -1;

	EXPECT_EQ("wait4(running child, WNOHANG)",
		  wait4(pid, &status, WNOHANG, NULL), 0);
	EXPECT_EQ("status after a WNOHANG miss", status, -1);
	EXPECT_EQ("kill", kill(pid, SIGKILL), 0);
	EXPECT_EQ("wait4(killed child)", wait4(pid, &status, 0, NULL), pid);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

static void wait4_specific(void)
{
	pid_t first = ut_fork(), second;
	int status;

	if (first == 0)
		_exit(1);
	second = ut_fork();
	if (second == 0) {
		ut_sleep_ms(50);
		_exit(2);
	}
	EXPECT_EQ("wait4(second child)", wait4(second, &status, 0, NULL),
		  second);
	EXPECT_EQ("second child's status", status, 2 << 8);
	EXPECT_EQ("wait4(first child)", wait4(first, &status, 0, NULL),
		  first);
	EXPECT_EQ("first child's status", status, 1 << 8);
}

static void wait4_errors(void)
{
	pid_t pid = ut_fork();

	if (pid == 0)
		_exit(0);
	EXPECT_ERRNO("wait4(unknown option bit)",
		     wait4(pid, NULL, 0x10000, NULL), EINVAL);
	ut_wait(pid);
	EXPECT_ERRNO("wait4(reaped child)", wait4(pid, NULL, 0, NULL),
		     ECHILD);
	EXPECT_ERRNO("wait4(-1) without children", wait4(-1, NULL, 0, NULL),
		     ECHILD);
	EXPECT_ERRNO("wait4(-1, WNOHANG) without children",
		     wait4(-1, NULL, WNOHANG, NULL), ECHILD);
	EXPECT_ERRNO("wait4(parent)", wait4(getppid(), NULL, 0, NULL),
		     ECHILD);
	pid = ut_fork();
	if (pid == 0)
		_exit(0);
	EXPECT_ERRNO("wait4(child, bad status pointer)",
		     syscall(SYS_wait4, pid, (int *)8, 0, NULL), EFAULT);
}

/* wait4(0) takes only children of our group, wait4(-pgid) that group. */
static void wait4_pgrp(void)
{
	pid_t away = ut_fork(), home;
	int status;

	if (away == 0) {
		setpgid(0, 0);
		_exit(1);
	}
	setpgid(away, away);
	home = ut_fork();
	if (home == 0) {
		ut_sleep_ms(50);
		_exit(2);
	}
	EXPECT_EQ("wait4(0)", wait4(0, &status, 0, NULL), home);
	EXPECT_EQ("wait4(0) status", status, 2 << 8);
	EXPECT_ERRNO("wait4(0) with none left in the group",
		     wait4(0, NULL, WNOHANG, NULL), ECHILD);
	EXPECT_EQ("wait4(-pgid)", wait4(-away, &status, 0, NULL), away);
	EXPECT_EQ("wait4(-pgid) status", status, 1 << 8);
}

static void wait4_rusage(void)
{
	struct rusage ru;
	long us;
	pid_t pid = ut_fork();

	if (pid == 0) {
		/* Enough to show in ru_maxrss above the kernel's slack in
		 * counting (per-CPU batches of pages). */
		memset(ut_map(RSS_TOUCH, PROT_READ | PROT_WRITE), 1,
		       RSS_TOUCH);
		ut_burn_cpu_ms(60);
		_exit(0);
	}
	memset(&ru, 0xff, sizeof(ru));
	EXPECT_EQ("wait4(pid, &rusage)", wait4(pid, NULL, 0, &ru), pid);
	us = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L +
	     ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
	if (us < 50000 || us > 60000000)
		ut_fail("child that used 60 ms of CPU has rusage %ld us: "
			"expected 50 ms to 60 s", us);
	if (ru.ru_maxrss < (long)(RSS_TOUCH / 2048))
		ut_fail("ru_maxrss of a child that touched %d KiB is %ld KiB",
			RSS_TOUCH / 1024, ru.ru_maxrss);
}

static void expect_siginfo(const siginfo_t *si, pid_t pid, int code,
			   int status)
{
	EXPECT_EQ("waitid si_signo", si->si_signo, SIGCHLD);
	EXPECT_EQ("waitid si_code", si->si_code, code);
	EXPECT_EQ("waitid si_pid", si->si_pid, pid);
	EXPECT_EQ("waitid si_uid", si->si_uid, getuid());
	EXPECT_EQ("waitid si_status", si->si_status, status);
}

static void waitid_exited(void)
{
	siginfo_t si;
	pid_t pid = ut_fork();

	if (pid == 0)
		_exit(3);
	memset(&si, 0, sizeof(si));
	EXPECT_EQ("waitid(P_PID, WEXITED)",
		  waitid(P_PID, pid, &si, WEXITED), 0);
	expect_siginfo(&si, pid, CLD_EXITED, 3);
	pid = fork_pause();
	kill(pid, SIGKILL);
	memset(&si, 0, sizeof(si));
	EXPECT_EQ("waitid(P_ALL, WEXITED)", waitid(P_ALL, 0, &si, WEXITED),
		  0);
	expect_siginfo(&si, pid, CLD_KILLED, SIGKILL);
}

static void waitid_nohang_nowait(void)
{
	pid_t pid = fork_pause();
	siginfo_t si;
	int status;

	memset(&si, 0xff, sizeof(si));
	EXPECT_EQ("waitid(P_ALL, WNOHANG) with a running child",
		  waitid(P_ALL, 0, &si, WEXITED | WNOHANG), 0);
	EXPECT_EQ("si_pid after a WNOHANG miss", si.si_pid, 0);
	kill(pid, SIGTERM);
	memset(&si, 0, sizeof(si));
	EXPECT_EQ("waitid(WNOWAIT)",
		  waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	expect_siginfo(&si, pid, CLD_KILLED, SIGTERM);
	/* WNOWAIT left the child to be waited for again. */
	EXPECT_EQ("wait4 after WNOWAIT", wait4(pid, &status, 0, NULL), pid);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
}

static void waitid_errors(void)
{
	siginfo_t si;
	pid_t pid = ut_fork();

	if (pid == 0)
		_exit(0);
	EXPECT_ERRNO("waitid(options 0)", waitid(P_PID, pid, &si, 0), EINVAL);
	EXPECT_ERRNO("waitid(idtype 42)",
		     syscall(SYS_waitid, 42, pid, &si, WEXITED, NULL), EINVAL);
	EXPECT_ERRNO("waitid(bad siginfo pointer)",
		     syscall(SYS_waitid, P_PID, pid, (void *)8, WEXITED, NULL),
		     EFAULT);
	EXPECT_ERRNO("waitid(P_PID, parent)",
		     waitid(P_PID, getppid(), &si, WEXITED), ECHILD);
}

/* The raw status words of the Linux ABI, not just what the macros say. */
static void wait_status_encoding(void)
{
	pid_t pid = ut_fork();
	int status;

	if (pid == 0)
		_exit(3);
	EXPECT_EQX("status of exit(3)", ut_wait(pid), 0x0300);
	pid = fork_pause();
	kill(pid, SIGTERM);
	EXPECT_EQX("status of a SIGTERM death", ut_wait(pid), SIGTERM);
	pid = fork_pause();
	kill(pid, SIGSTOP);
	EXPECT_EQ("waitpid(WUNTRACED)", waitpid(pid, &status, WUNTRACED),
		  pid);
	EXPECT_EQX("status of a SIGSTOP stop", status, (SIGSTOP << 8) | 0x7f);
	kill(pid, SIGCONT);
	EXPECT_EQ("waitpid(WCONTINUED)", waitpid(pid, &status, WCONTINUED),
		  pid);
	EXPECT_EQX("status of a continue", status, 0xffff);
	kill(pid, SIGKILL);
	EXPECT_EQX("status of a SIGKILL death", ut_wait(pid), SIGKILL);
}

static void getpid_family(void)
{
	pid_t me = getpid();
	pid_t pid;

	EXPECT(me > 0);
	EXPECT_EQ("syscall(SYS_getpid)", syscall(SYS_getpid), me);
	EXPECT_EQ("gettid in a single-threaded process", ut_gettid(), me);
	EXPECT(getppid() > 0);
	EXPECT(getppid() != me);
	pid = ut_fork();
	if (pid == 0)
		_exit(getppid() == me && ut_gettid() == getpid() ? 0 : 1);
	ut_expect_exit(pid, 0, "child checking getppid and gettid");
}

/* A child whose parent dies is adopted (by init, or a subreaper). */
static void orphan_reparented(void)
{
	volatile int *shared = ut_shared(PAGE_SIZE);
	int runner_is_init = getppid() == 1;
	pid_t pid = ut_fork();

	if (pid == 0) {
		if (ut_fork() == 0) {
			ut_wait_for(&shared[0], 1, 5000);
			while (getppid() == pid)
				sched_yield();
			shared[1] = getppid();
			__atomic_store_n(&shared[0], 2, __ATOMIC_RELEASE);
			_exit(0);
		}
		_exit(0);
	}
	ut_expect_exit(pid, 0, "parent of the orphan");
	__atomic_store_n(&shared[0], 1, __ATOMIC_RELEASE);
	if (!ut_wait_for(&shared[0], 2, 5000))
		ut_fail("orphan did not see its parent change in 5 s");
	EXPECT(shared[1] != pid);
	EXPECT(shared[1] > 0);
	if (runner_is_init)
		EXPECT_EQ("orphan's getppid under init", shared[1], 1);
}

static const struct ut_test tests[] = {
	UT_TEST(fork_basic),
	UT_TEST(fork_many),
	UT_TEST(fork_inherits_signals),
	UT_TEST(vfork_basic),
	UT_TEST(exit_status_bits),
	UT_TEST(wait4_nohang),
	UT_TEST(wait4_specific),
	UT_TEST(wait4_errors),
	UT_TEST(wait4_pgrp),
	UT_TEST(wait4_rusage),
	UT_TEST(waitid_exited),
	UT_TEST(waitid_nohang_nowait),
	UT_TEST(waitid_errors),
	UT_TEST(wait_status_encoding),
	UT_TEST(getpid_family),
	UT_TEST(orphan_reparented),
};

UT_SUITE(ut_process, "process", tests);
