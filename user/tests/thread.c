/*
 * usertests: threads and what they are made of: clone (through
 * pthread_create and musl's clone()), thread-local storage and the FS
 * base (arch_prctl), set_tid_address and CLONE_CHILD_CLEARTID, how
 * exit and exit_group end a thread or a process, and which thread a
 * signal goes to. futex itself is in futex.c.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "ut.h"

#define NTHREADS	4

struct thread_info {
	int index;
	pid_t tid;
	pid_t pid;
};

static void *record_ids(void *arg)
{
	struct thread_info *ti = arg;

	ti->tid = ut_gettid();
	ti->pid = getpid();
	return (void *)(uintptr_t)(ti->index + 100);
}

static void threads_basic(void)
{
	struct thread_info ti[NTHREADS];
	pthread_t t[NTHREADS];

	for (int i = 0; i < NTHREADS; i++) {
		ti[i].index = i;
		EXPECT_EQ("pthread_create",
			  pthread_create(&t[i], NULL, record_ids, &ti[i]), 0);
	}
	for (int i = 0; i < NTHREADS; i++) {
		void *ret;

		EXPECT_EQ("pthread_join", pthread_join(t[i], &ret), 0);
		EXPECT_EQ("thread's return value", (uintptr_t)ret, i + 100);
		EXPECT_EQ("getpid in a thread", ti[i].pid, getpid());
		EXPECT(ti[i].tid != getpid());
		for (int j = 0; j < i; j++)
			EXPECT(ti[i].tid != ti[j].tid);
	}
}

static __thread int tls_data = 5;
static __thread int tls_bss;
static pthread_barrier_t tls_barrier;

static void *tls_worker(void *arg)
{
	int me = (int)(uintptr_t)arg;

	if (tls_data != 5 || tls_bss != 0)
		return (void *)1;
	tls_data = me;
	tls_bss = -me;
	pthread_barrier_wait(&tls_barrier);
	/* Everyone has written their own copy by now. */
	if (tls_data != me || tls_bss != -me)
		return (void *)2;
	return &tls_data;
}

static void threads_tls(void)
{
	pthread_t t[NTHREADS];
	void *addr[NTHREADS];

	tls_data = 77;
	pthread_barrier_init(&tls_barrier, NULL, NTHREADS);
	for (int i = 0; i < NTHREADS; i++)
		EXPECT_EQ("pthread_create", pthread_create(&t[i], NULL,
			  tls_worker, (void *)(uintptr_t)(i + 10)), 0);
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(t[i], &addr[i]);
		if ((uintptr_t)addr[i] < 3)
			ut_fail("thread %d: %s", i, addr[i] == (void *)1 ?
				"__thread initial values wrong" :
				"__thread value changed by another thread");
		EXPECT(addr[i] != &tls_data);
		for (int j = 0; j < i; j++)
			EXPECT(addr[i] != addr[j]);
	}
	EXPECT_EQ("main thread's __thread value", tls_data, 77);
}

static void *sleep_long(void *arg)
{
	ut_sleep_ms(60000);
	return NULL;
}

static void *exit_group_5(void *arg)
{
	ut_sleep_ms(20);
	syscall(SYS_exit_group, 5);
	return NULL;
}

/* exit_group in one thread ends the others, even blocked ones. */
static void thread_exit_group(void)
{
	pid_t pid = ut_fork();
	pthread_t t;

	if (pid == 0) {
		pthread_create(&t, NULL, sleep_long, NULL);
		pthread_create(&t, NULL, exit_group_5, NULL);
		for (;;)
			pause();
	}
	ut_expect_exit(pid, 5, "process whose thread called exit_group(5)");
}

static void *exit_group_7_later(void *arg)
{
	ut_sleep_ms(50);
	syscall(SYS_exit_group, 7);
	return NULL;
}

/* The main thread's plain exit leaves the process to its other threads. */
static void leader_exits_first(void)
{
	pid_t pid = ut_fork();
	pthread_t t;

	if (pid == 0) {
		pthread_create(&t, NULL, exit_group_7_later, NULL);
		syscall(SYS_exit, 0);
		_exit(99);
	}
	ut_expect_exit(pid, 7, "process whose leader exited first");
}

static volatile int cleartid_word;

static void *set_tid_and_exit(void *arg)
{
	pid_t *tid = arg;

	*tid = syscall(SYS_set_tid_address, &cleartid_word);
	if (*tid != ut_gettid())
		*tid = -1;
	/* Only this thread ends; musl never learns, so no join. */
	syscall(SYS_exit, 0);
	return NULL;
}

static void set_tid_address_clears(void)
{
	struct timespec ts = { 5, 0 };
	pthread_t t;
	pid_t tid = 0;

	EXPECT_EQ("set_tid_address in the main thread",
		  syscall(SYS_set_tid_address, NULL), getpid());
	cleartid_word = 12345;
	EXPECT_EQ("pthread_create",
		  pthread_create(&t, NULL, set_tid_and_exit, &tid), 0);
	/* The kernel stores 0 there at thread exit and wakes a waiter. */
	while (cleartid_word) {
		long r = syscall(SYS_futex, &cleartid_word, FUTEX_WAIT,
				 cleartid_word, &ts, NULL, 0);

		if (r < 0 && errno == ETIMEDOUT)
			ut_fail("clear_child_tid word is still %d 5 s after "
				"the thread's exit", cleartid_word);
	}
	EXPECT(tid > 0);
}

static volatile int clone_word;
static pid_t clone_ctid;

static int clone_fn(void *arg)
{
	clone_word = (int)(uintptr_t)arg;
	/* CLONE_CHILD_SETTID stored our tid before we ran. */
	return clone_ctid == ut_gettid() ? 9 : 10;
}

static void clone_vm(void)
{
	size_t len = 64 * 1024;
	char *stack = ut_map(len, PROT_READ | PROT_WRITE);
	int flags = CLONE_VM | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
		    CLONE_CHILD_CLEARTID | SIGCHLD;
	pid_t ptid = 0, pid;

	clone_ctid = -1;
	pid = clone(clone_fn, stack + len, flags, (void *)33, &ptid, NULL,
		    &clone_ctid);
	if (pid < 0)
		ut_fail("clone(CLONE_VM...) failed: %s", ut_errname(errno));
	ut_expect_exit(pid, 9, "CLONE_VM child (10: ctid not set)");
	EXPECT_EQ("word written by the CLONE_VM child", clone_word, 33);
	EXPECT_EQ("CLONE_PARENT_SETTID tid", ptid, pid);
	EXPECT_EQ("CLONE_CHILD_CLEARTID word after exit", clone_ctid, 0);
}

static void clone_bad_flags(void)
{
	static const struct { long flags; const char *what; } bad[] = {
		{ CLONE_THREAD | SIGCHLD, "CLONE_THREAD alone" },
		{ CLONE_SIGHAND | SIGCHLD, "CLONE_SIGHAND without CLONE_VM" },
		{ CLONE_FS | CLONE_NEWNS | SIGCHLD, "CLONE_FS|CLONE_NEWNS" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		errno = 0;
		long r = syscall(SYS_clone, bad[i].flags, 0, 0, 0, 0);

		/* Without CLONE_VM a wrongly made child has its own copy. */
		if (r == 0)
			_exit(99);
		if (r != -1 || errno != EINVAL)
			ut_fail("clone(%s) returned %ld (%s): expected -1 "
				"(EINVAL)", bad[i].what, r, ut_errname(errno));
	}
}

/* Bare syscalls for while the FS base is not musl's. */
static long raw_syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b)
			 : "rcx", "r11", "memory");
	return ret;
}

static unsigned long read_fs_word(unsigned long off)
{
	unsigned long v;

	__asm__ volatile("movq %%fs:(%1), %0" : "=r"(v) : "r"(off));
	return v;
}

static void arch_prctl_fs(void)
{
	static unsigned long block[2] = { 0x1122334455667788UL, 42 };
	unsigned long old = 0, got[3] = { 0 };
	long r;

	EXPECT_EQ("arch_prctl(ARCH_GET_FS)",
		  syscall(SYS_arch_prctl, ARCH_GET_FS, &old), 0);
	EXPECT_EQX("FS base", old, (uintptr_t)pthread_self());
	EXPECT_EQX("%fs:0 (musl's self pointer)", read_fs_word(0), old);
	/* No libc from here until the base is back. */
	r = raw_syscall2(SYS_arch_prctl, ARCH_SET_FS, (long)block);
	got[0] = read_fs_word(0);
	for (int i = 0; i < 20; i++)
		raw_syscall2(SYS_sched_yield, 0, 0);
	got[1] = read_fs_word(8);
	raw_syscall2(SYS_arch_prctl, ARCH_GET_FS, (long)&got[2]);
	raw_syscall2(SYS_arch_prctl, ARCH_SET_FS, (long)old);
	EXPECT_EQ("arch_prctl(ARCH_SET_FS)", r, 0);
	EXPECT_EQX("%fs:0 after ARCH_SET_FS", got[0], block[0]);
	EXPECT_EQX("%fs:8 after 20 sched_yields", got[1], block[1]);
	EXPECT_EQX("ARCH_GET_FS after ARCH_SET_FS", got[2], (uintptr_t)block);
}

static void arch_prctl_errors(void)
{
	unsigned long gs = 1;

	EXPECT_ERRNO("arch_prctl(0x9999)",
		     syscall(SYS_arch_prctl, 0x9999, 0), EINVAL);
	EXPECT_ERRNO("arch_prctl(ARCH_GET_FS, bad pointer)",
		     syscall(SYS_arch_prctl, ARCH_GET_FS, 8), EFAULT);
	EXPECT_ERRNO("arch_prctl(ARCH_SET_FS, kernel address)",
		     syscall(SYS_arch_prctl, ARCH_SET_FS,
			     0xffff800000000000UL), EPERM);
	EXPECT_EQ("arch_prctl(ARCH_SET_GS)",
		  syscall(SYS_arch_prctl, ARCH_SET_GS, 0x12345000UL), 0);
	EXPECT_EQ("arch_prctl(ARCH_GET_GS)",
		  syscall(SYS_arch_prctl, ARCH_GET_GS, &gs), 0);
	EXPECT_EQX("GS base", gs, 0x12345000UL);
}

static volatile pid_t handled_by;

static void note_thread(int sig)
{
	handled_by = ut_gettid();
}

static void *wait_unblocked(void *arg)
{
	volatile int *stop = arg;

	while (!*stop)
		ut_sleep_ms(1);
	return NULL;
}

/* A process-wide signal goes to a thread that does not block it. */
static void signal_thread_routing(void)
{
	static volatile int stop;
	sigset_t set, pending;
	pthread_t t;

	signal(SIGUSR1, note_thread);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	EXPECT_EQ("pthread_create",
		  pthread_create(&t, NULL, wait_unblocked, (void *)&stop), 0);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	for (int i = 0; i < 5000 && !handled_by; i++)
		ut_sleep_ms(1);
	EXPECT(handled_by != 0);
	EXPECT(handled_by != ut_gettid());
	/* tgkill to the main thread waits for the main thread. */
	handled_by = 0;
	EXPECT_EQ("tgkill(main thread)",
		  syscall(SYS_tgkill, getpid(), ut_gettid(), SIGUSR1), 0);
	ut_sleep_ms(20);
	EXPECT_EQ("handler runs for a blocked tgkill", handled_by, 0);
	sigpending(&pending);
	EXPECT(sigismember(&pending, SIGUSR1));
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	EXPECT_EQ("thread that handled the tgkill", handled_by, ut_gettid());
	stop = 1;
	pthread_join(t, NULL);
}

static const struct ut_test tests[] = {
	UT_TEST(threads_basic),
	UT_TEST(threads_tls),
	UT_TEST(thread_exit_group),
	UT_TEST(leader_exits_first),
	UT_TEST(set_tid_address_clears),
	UT_TEST(clone_vm),
	UT_TEST(clone_bad_flags),
	UT_TEST(arch_prctl_fs),
	UT_TEST(arch_prctl_errors),
	UT_TEST(signal_thread_routing),
};

UT_SUITE(ut_thread, "thread", tests);
