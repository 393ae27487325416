/*
 * usertests: the signal calls one by one: rt_sigaction and its flags,
 * rt_sigprocmask, rt_sigpending, rt_sigsuspend, rt_sigtimedwait,
 * sigaltstack, and kill/tkill/tgkill. How signals act on processes
 * (default actions, stops, SIGCHLD, interrupted calls, timers) is in
 * sigdeliver.c; the signal frame itself in sigframe.c.
 */
#define _GNU_SOURCE
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "ut.h"

#define NOPID	0x3fffffff	/* above any pid_max: no such process */

static volatile int hits;
static volatile int last_sig;
static volatile siginfo_t last_info;
/* In the handler: bit 0 its own signal was blocked, bit 1 SIGUSR2. */
static volatile int blocked_inside;

static void count(int sig)
{
	hits++;
	last_sig = sig;
}

static void record_info(int sig, siginfo_t *si, void *uc)
{
	sigset_t now;

	hits++;
	last_sig = sig;
	memcpy((void *)&last_info, si, sizeof(*si));
	sigprocmask(SIG_BLOCK, NULL, &now);
	blocked_inside = sigismember(&now, sig) |
			 sigismember(&now, SIGUSR2) << 1;
	if (!uc)
		last_sig = -1;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = flags };

	if (sigaction(sig, &sa, NULL))
		ut_fail("sigaction(%s) failed: %s", ut_signame(sig),
			ut_errname(errno));
}

static void block(int how, int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(how, &set, NULL);
}

static void sigaction_install_query(void)
{
	struct sigaction sa = { .sa_handler = count }, old;

	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	EXPECT_EQ("sigaction(SIGUSR1, install)", sigaction(SIGUSR1, &sa, &old),
		  0);
	EXPECT(old.sa_handler == SIG_DFL);
	EXPECT_EQ("raise(SIGUSR1)", raise(SIGUSR1), 0);
	EXPECT_EQ("handler calls", hits, 1);
	EXPECT_EQ("handler's signal number", last_sig, SIGUSR1);
	sa.sa_handler = SIG_IGN;
	EXPECT_EQ("sigaction(SIGUSR1, SIG_IGN)", sigaction(SIGUSR1, &sa, &old),
		  0);
	EXPECT(old.sa_handler == count);
	EXPECT(sigismember(&old.sa_mask, SIGUSR2));
	EXPECT(!sigismember(&old.sa_mask, SIGTERM));
	raise(SIGUSR1);
	EXPECT_EQ("handler calls after SIG_IGN", hits, 1);
	EXPECT_EQ("sigaction(SIGUSR1, query)", sigaction(SIGUSR1, NULL, &old),
		  0);
	EXPECT(old.sa_handler == SIG_IGN);
}

static void sigaction_errors(void)
{
	unsigned long act[4] = { (unsigned long)count, 0, 0, 0 }, old[4];

	for (int sig = SIGKILL; sig; sig = sig == SIGKILL ? SIGSTOP : 0) {
		EXPECT_ERRNO("rt_sigaction(SIGKILL/SIGSTOP, handler)",
			     syscall(SYS_rt_sigaction, sig, act, NULL, 8),
			     EINVAL);
		EXPECT_EQ("rt_sigaction(SIGKILL/SIGSTOP, query)",
			  syscall(SYS_rt_sigaction, sig, NULL, old, 8), 0);
		EXPECT(old[0] == (unsigned long)SIG_DFL);
	}
	EXPECT_ERRNO("rt_sigaction(0)",
		     syscall(SYS_rt_sigaction, 0, NULL, old, 8), EINVAL);
	EXPECT_ERRNO("rt_sigaction(65)",
		     syscall(SYS_rt_sigaction, 65, NULL, old, 8), EINVAL);
	EXPECT_ERRNO("rt_sigaction(sigsetsize 4)",
		     syscall(SYS_rt_sigaction, SIGUSR1, NULL, old, 4), EINVAL);
	EXPECT_ERRNO("rt_sigaction(bad act pointer)",
		     syscall(SYS_rt_sigaction, SIGUSR1, 8, NULL, 8), EFAULT);
}

static void expect_info(int code, pid_t pid)
{
	EXPECT_EQ("si_signo", last_info.si_signo, SIGUSR1);
	EXPECT_EQ("si_code", last_info.si_code, code);
	EXPECT_EQ("si_pid", last_info.si_pid, pid);
	EXPECT_EQ("si_uid", last_info.si_uid, getuid());
}

static void sigaction_siginfo(void)
{
	union sigval v = { .sival_int = 4242 };
	pid_t pid;

	install(SIGUSR1, record_info, SA_SIGINFO);
	kill(getpid(), SIGUSR1);
	EXPECT_EQ("handler's signal (-1: no ucontext)", last_sig, SIGUSR1);
	expect_info(SI_USER, getpid());
	sigqueue(getpid(), SIGUSR1, v);
	expect_info(SI_QUEUE, getpid());
	EXPECT_EQ("si_value", last_info.si_value.sival_int, 4242);
	syscall(SYS_tgkill, getpid(), ut_gettid(), SIGUSR1);
	expect_info(SI_TKILL, getpid());
	/* Sent by another process. */
	block(SIG_BLOCK, SIGUSR1);
	pid = ut_fork();
	if (pid == 0)
		_exit(kill(getppid(), SIGUSR1) ? 1 : 0);
	ut_expect_exit(pid, 0, "child sending SIGUSR1");
	block(SIG_UNBLOCK, SIGUSR1);
	expect_info(SI_USER, pid);
	EXPECT_EQ("handler calls", hits, 4);
}

static void sa_resethand(void)
{
	struct sigaction now;

	install(SIGUSR1, record_info, SA_SIGINFO | SA_RESETHAND);
	raise(SIGUSR1);
	EXPECT_EQ("handler calls", hits, 1);
	/* Linux resets the handler only; sa_flags stay as they were. */
	sigaction(SIGUSR1, NULL, &now);
	EXPECT(now.sa_handler == SIG_DFL);
}

static void sa_nodefer_and_mask(void)
{
	struct sigaction sa = { .sa_sigaction = record_info,
				.sa_flags = SA_SIGINFO };
	sigset_t after;

	/* By default the handled signal and sa_mask are blocked inside. */
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	EXPECT_EQ("blocked in the handler (1 itself, 2 sa_mask)",
		  blocked_inside, 3);
	sa.sa_flags |= SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	EXPECT_EQ("blocked in an SA_NODEFER handler", blocked_inside, 0);
	sigprocmask(SIG_BLOCK, NULL, &after);
	EXPECT(!sigismember(&after, SIGUSR1));
	EXPECT(!sigismember(&after, SIGUSR2));
}

static void sigprocmask_pending(void)
{
	sigset_t set, old;

	signal(SIGUSR1, count);
	block(SIG_BLOCK, SIGUSR1);
	raise(SIGUSR1);
	raise(SIGUSR1);
	EXPECT_EQ("handler calls while blocked", hits, 0);
	EXPECT_EQ("sigpending", sigpending(&set), 0);
	EXPECT(sigismember(&set, SIGUSR1));
	EXPECT(!sigismember(&set, SIGUSR2));
	/* Delivered before sigprocmask returns; twice raised, once pending. */
	block(SIG_UNBLOCK, SIGUSR1);
	EXPECT_EQ("handler calls after unblocking", hits, 1);
	sigpending(&set);
	EXPECT(!sigismember(&set, SIGUSR1));
	/* SIGKILL and SIGSTOP cannot be blocked; the call does not fail. */
	sigfillset(&set);
	EXPECT_EQ("sigprocmask(block all)",
		  sigprocmask(SIG_SETMASK, &set, &old), 0);
	sigprocmask(SIG_SETMASK, &old, &set);
	EXPECT(!sigismember(&set, SIGKILL));
	EXPECT(!sigismember(&set, SIGSTOP));
	EXPECT(sigismember(&set, SIGTERM));
	EXPECT_ERRNO("rt_sigprocmask(how 3)",
		     syscall(SYS_rt_sigprocmask, 3, &set, NULL, 8), EINVAL);
	EXPECT_ERRNO("rt_sigprocmask(sigsetsize 4)",
		     syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4),
		     EINVAL);
	EXPECT_ERRNO("rt_sigprocmask(bad pointer)",
		     syscall(SYS_rt_sigprocmask, SIG_BLOCK, 8, NULL, 8),
		     EFAULT);
	EXPECT_ERRNO("rt_sigpending(sigsetsize 16)",
		     syscall(SYS_rt_sigpending, &set, 16), EINVAL);
}

static volatile int rt_order[4];

static void record_rt(int sig, siginfo_t *si, void *uc)
{
	int value = si->si_value.sival_int;

	if (hits < 4)
		rt_order[hits] = (sig - SIGRTMIN) * 100 + value;
	hits++;
}

/*
 * Real-time signals queue, each with its value, lowest number first.
 * Each handler blocks both signals: otherwise Linux stacks a frame per
 * pending signal before any handler runs, and the last one runs first.
 */
static void rt_signals_queue(void)
{
	struct sigaction sa = { .sa_sigaction = record_rt,
				.sa_flags = SA_SIGINFO };
	union sigval v;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 1);
	sa.sa_mask = set;
	sigaction(SIGRTMIN, &sa, NULL);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	sigprocmask(SIG_BLOCK, &set, NULL);
	v.sival_int = 1;
	sigqueue(getpid(), SIGRTMIN + 1, v);
	v.sival_int = 2;
	sigqueue(getpid(), SIGRTMIN + 1, v);
	v.sival_int = 3;
	sigqueue(getpid(), SIGRTMIN, v);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	EXPECT_EQ("real-time handler calls", hits, 3);
	EXPECT_EQ("first delivered (signal offset * 100 + value)",
		  rt_order[0], 3);
	EXPECT_EQ("second delivered", rt_order[1], 101);
	EXPECT_EQ("third delivered", rt_order[2], 102);
}

static void send_later(int sig, unsigned int ms)
{
	pid_t parent = getpid();

	if (ut_fork() == 0) {
		ut_sleep_ms(ms);
		kill(parent, sig);
		_exit(0);
	}
}

static void sigsuspend_wakes(void)
{
	sigset_t none, now;

	signal(SIGUSR1, count);
	block(SIG_BLOCK, SIGUSR1);
	send_later(SIGUSR1, 30);
	sigemptyset(&none);
	EXPECT_ERRNO("sigsuspend(empty mask)", sigsuspend(&none), EINTR);
	EXPECT_EQ("handler calls", hits, 1);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1));
	/* A signal already pending ends it at once. */
	raise(SIGUSR1);
	EXPECT_ERRNO("sigsuspend with SIGUSR1 pending", sigsuspend(&none),
		     EINTR);
	EXPECT_EQ("handler calls", hits, 2);
}

static void sigtimedwait_cases(void)
{
	struct timespec ts = { 0, 50000000 }, bad = { 0, 1000000000 };
	sigset_t set;
	siginfo_t si;
	uint64_t t0;
	pid_t pid = getpid();

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR2);
	EXPECT_EQ("sigtimedwait(pending SIGUSR2)",
		  sigtimedwait(&set, &si, &ts), SIGUSR2);
	EXPECT_EQ("si_code of raise()", si.si_code, SI_TKILL);
	EXPECT_EQ("si_pid of raise()", si.si_pid, pid);
	t0 = ut_now_ns();
	EXPECT_ERRNO("sigtimedwait(nothing pending, 50 ms)",
		     sigtimedwait(&set, &si, &ts), EAGAIN);
	if (ut_now_ns() - t0 < 50000000)
		ut_fail("sigtimedwait timed out before 50 ms");
	send_later(SIGUSR2, 20);
	ts.tv_sec = 5;
	memset(&si, 0, sizeof(si));
	EXPECT_EQ("sigtimedwait(SIGUSR2 from a child)",
		  sigtimedwait(&set, &si, &ts), SIGUSR2);
	EXPECT_EQ("si_code of kill()", si.si_code, SI_USER);
	EXPECT(si.si_pid != pid && si.si_pid > 0);
	EXPECT_ERRNO("sigtimedwait(tv_nsec 1e9)",
		     sigtimedwait(&set, &si, &bad), EINVAL);
}

static volatile uintptr_t alt_local;
static volatile int alt_flags;
static volatile int alt_change_err;

static void on_alt_stack(int sig)
{
	volatile char local;
	stack_t now, other = { .ss_size = 65536, .ss_sp = (void *)&local };

	alt_local = (uintptr_t)&local;
	sigaltstack(NULL, &now);
	alt_flags = now.ss_flags;
	alt_change_err = sigaltstack(&other, NULL) ? errno : 0;
}

static void sigaltstack_runs_handler(void)
{
	size_t len = 65536;
	char *mem = ut_map(len, PROT_READ | PROT_WRITE);
	stack_t ss = { .ss_sp = mem, .ss_size = len }, now;
	struct sigaction sa = { .sa_handler = on_alt_stack,
				.sa_flags = SA_ONSTACK };

	EXPECT_EQ("sigaltstack", sigaltstack(&ss, NULL), 0);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	if (alt_local < (uintptr_t)mem || alt_local >= (uintptr_t)mem + len)
		ut_fail("handler's local at %#lx: expected in the alternate "
			"stack %p..+%zu", (unsigned long)alt_local, mem, len);
	EXPECT_EQ("ss_flags inside the handler", alt_flags, SS_ONSTACK);
	EXPECT_EQ("sigaltstack change on the stack (errno)", alt_change_err,
		  EPERM);
	EXPECT_EQ("sigaltstack(query)", sigaltstack(NULL, &now), 0);
	EXPECT_EQ("ss_flags after the handler", now.ss_flags, 0);
	EXPECT(now.ss_sp == mem);
	EXPECT_EQ("ss_size", now.ss_size, len);
}

static void sigaltstack_errors(void)
{
	char *mem = ut_map(65536, PROT_READ | PROT_WRITE);
	stack_t ss = { .ss_sp = mem, .ss_size = 1024 }, now;

	EXPECT_ERRNO("sigaltstack(1024 bytes)",
		     syscall(SYS_sigaltstack, &ss, NULL), ENOMEM);
	ss.ss_size = 65536;
	ss.ss_flags = 0x55;
	EXPECT_ERRNO("sigaltstack(flags 0x55)",
		     syscall(SYS_sigaltstack, &ss, NULL), EINVAL);
	EXPECT_ERRNO("sigaltstack(bad pointer)",
		     syscall(SYS_sigaltstack, 8, NULL), EFAULT);
	ss.ss_flags = 0;
	EXPECT_EQ("sigaltstack", sigaltstack(&ss, NULL), 0);
	ss.ss_flags = SS_DISABLE;
	EXPECT_EQ("sigaltstack(SS_DISABLE)", sigaltstack(&ss, NULL), 0);
	sigaltstack(NULL, &now);
	EXPECT_EQ("ss_flags after SS_DISABLE", now.ss_flags, SS_DISABLE);
}

static void kill_errors_and_probe(void)
{
	pid_t pid = getpid(), tid = ut_gettid(), zombie;

	EXPECT_EQ("kill(self, 0)", kill(pid, 0), 0);
	EXPECT_EQ("kill(0, 0)", kill(0, 0), 0);
	EXPECT_ERRNO("kill(no such pid, 0)", kill(NOPID, 0), ESRCH);
	EXPECT_ERRNO("kill(no such group, 0)", kill(-NOPID, 0), ESRCH);
	EXPECT_ERRNO("kill(self, 65)", kill(pid, 65), EINVAL);
	EXPECT_ERRNO("kill(self, -1)", kill(pid, -1), EINVAL);
	EXPECT_EQ("tkill(self, 0)", syscall(SYS_tkill, tid, 0), 0);
	EXPECT_ERRNO("tkill(0, 0)", syscall(SYS_tkill, 0, 0), EINVAL);
	EXPECT_ERRNO("tkill(no such tid)", syscall(SYS_tkill, NOPID, 0), ESRCH);
	EXPECT_EQ("tgkill(self, 0)", syscall(SYS_tgkill, pid, tid, 0), 0);
	EXPECT_ERRNO("tgkill(wrong tgid)",
		     syscall(SYS_tgkill, getppid(), tid, 0), ESRCH);
	EXPECT_ERRNO("tgkill(tgid 0)", syscall(SYS_tgkill, 0, tid, 0), EINVAL);
	EXPECT_ERRNO("tgkill(tid 0)", syscall(SYS_tgkill, pid, 0, 0), EINVAL);
	/* A zombie still exists until it is reaped. */
	zombie = ut_fork();
	if (zombie == 0)
		_exit(0);
	EXPECT_EQ("waitid(WNOWAIT)", waitid(P_PID, zombie, &(siginfo_t){ 0 },
					    WEXITED | WNOWAIT), 0);
	EXPECT_EQ("kill(zombie, 0)", kill(zombie, 0), 0);
	ut_wait(zombie);
	EXPECT_ERRNO("kill(reaped child, 0)", kill(zombie, 0), ESRCH);
}

static void kill_process_group(void)
{
	pid_t a = ut_fork(), b;

	if (a == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	setpgid(a, a);
	b = ut_fork();
	if (b == 0) {
		setpgid(0, a);
		for (;;)
			pause();
	}
	setpgid(b, a);
	EXPECT_EQ("getpgid of the second child", getpgid(b), a);
	EXPECT_EQ("kill(-pgid, SIGTERM)", kill(-a, SIGTERM), 0);
	ut_expect_signal(a, SIGTERM, "group leader");
	ut_expect_signal(b, SIGTERM, "group member");
	EXPECT_EQ("kill(self, 0) after the group kill", kill(getpid(), 0), 0);
}

static const struct ut_test tests[] = {
	UT_TEST(sigaction_install_query),
	UT_TEST(sigaction_errors),
	UT_TEST(sigaction_siginfo),
	UT_TEST(sa_resethand),
	UT_TEST(sa_nodefer_and_mask),
	UT_TEST(sigprocmask_pending),
	UT_TEST(rt_signals_queue),
	UT_TEST(sigsuspend_wakes),
	UT_TEST(sigtimedwait_cases),
	UT_TEST(sigaltstack_runs_handler),
	UT_TEST(sigaltstack_errors),
	UT_TEST(kill_errors_and_probe),
	UT_TEST(kill_process_group),
};

UT_SUITE(ut_signal, "signal", tests);
