/*
 * usertests: random system calls. Children make thousands of calls drawn
 * from the calls Ferrite implements, with arguments from a pool of the
 * values that break kernels (0, -1, huge sizes, kernel and non-canonical
 * addresses, unmapped and read-only user pages, pointers into a buffer of
 * random bytes). A child may die of what it does to itself (unmapping
 * its own code, a garbage rt_sigreturn): that is fine. What is tested is
 * that the kernel answers every call and the system goes on. The seed is
 * fixed, so a failure repeats; the calls that could reach beyond the
 * child (kill, reboot, prlimit64 on other processes, writes and ioctls
 * on the console, fork bombs) are left out, and so are the uid changes,
 * which would leave a child the parent may not kill.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "ut.h"

#define FUZZ_CHILDREN	400		/* at most */
#define FUZZ_CALLS	2000		/* per child, if it lives */
#define FUZZ_TOTAL	40000		/* calls in all */
#define CHILD_LIMIT_MS	200

/*
 * Each child counts its calls here, shared with the parent. A child's
 * own random calls may scribble on it, so the parent clamps what it reads.
 */
static volatile long *calls_made;

static const long fuzz_calls[] = {
	SYS_read, SYS_close, SYS_mmap, SYS_mprotect, SYS_munmap, SYS_brk,
	SYS_rt_sigaction, SYS_rt_sigprocmask, SYS_rt_sigreturn, SYS_readv,
	SYS_sched_yield, SYS_mremap, SYS_msync, SYS_madvise, SYS_nanosleep,
	SYS_getitimer, SYS_alarm, SYS_setitimer, SYS_getpid, SYS_execve,
	SYS_wait4, SYS_uname, SYS_gettimeofday, SYS_getrlimit,
	SYS_getrusage, SYS_sysinfo, SYS_times, SYS_getuid, SYS_getgid,
	SYS_setgid, SYS_geteuid, SYS_getegid, SYS_setpgid, SYS_getppid,
	SYS_getpgrp, SYS_setsid, SYS_setregid, SYS_getgroups,
	SYS_setgroups, SYS_getresuid, SYS_setresgid, SYS_getresgid,
	SYS_getpgid, SYS_setfsgid, SYS_getsid, SYS_rt_sigpending, SYS_rt_sigtimedwait,
	SYS_sigaltstack, SYS_arch_prctl, SYS_setrlimit, SYS_gettid,
	SYS_time, SYS_futex, SYS_set_tid_address, SYS_clock_gettime,
	SYS_clock_getres, SYS_clock_nanosleep, SYS_waitid, SYS_getrandom,
};

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: plenty for choosing arguments. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned long fuzz_arg(char *buf, char *ro)
{
	static const unsigned long special[] = {
		0, 1, 2, 3, 8, 64, 4096, 0x7fffffff, 0x80000000,
		0xffffffff, (unsigned long)-1, (unsigned long)-4096,
		0x7ffffffff000, 0x800000000000, 0xffff800000000000,
		0xffffffff80200000, 0x8000000000000000, 0x10000,
	};

	switch (rnd() % 6) {
	case 0:
		return special[rnd() % ARRAY_SIZE(special)];
	case 1:
		return (unsigned long)(buf + rnd() % PAGE_SIZE);
	case 2:
		return (unsigned long)(ro + rnd() % PAGE_SIZE);
	case 3:
		return rnd() % 256;
	case 4:
		return (unsigned long)-(long)(rnd() % 4096);
	default:
		return rnd();
	}
}

/*
 * rt_sigreturn with a garbage frame and arch_prctl with a garbage TLS
 * base end a child almost surely: keep them rare so that the others get
 * their turn.
 */
static long pick_call(void)
{
	for (;;) {
		long nr = fuzz_calls[rnd() % ARRAY_SIZE(fuzz_calls)];

		if ((nr != SYS_rt_sigreturn && nr != SYS_arch_prctl) ||
		    rnd() % 16 == 0)
			return nr;
	}
}

static void fuzz_child(uint64_t seed)
{
	char *buf = ut_map(PAGE_SIZE, PROT_READ | PROT_WRITE);
	char *ro = ut_map(PAGE_SIZE, PROT_READ);

	/* The runner's message page is no business of the fuzzer's. */
	munmap((void *)((unsigned long)ut_msg & ~(PAGE_SIZE - 1)), PAGE_SIZE);
	ut_msg = NULL;
	rng_state = seed;
	for (size_t i = 0; i < PAGE_SIZE; i++)
		buf[i] = rnd();
	for (int i = 0; i < FUZZ_CALLS; i++) {
		long nr = pick_call();
		unsigned long a[6];

		for (int j = 0; j < 6; j++)
			a[j] = fuzz_arg(buf, ro);
		*calls_made = i + 1;
		syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	_exit(0);
}

/* Wait for @pid, killing it past the limit; its wait status. */
static int reap_within(pid_t pid)
{
	int status;

	for (int ms = 0; ms < CHILD_LIMIT_MS; ms++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		ut_sleep_ms(1);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return status;
}

/*
 * The seed: fixed, so that a failure repeats; the environment variable
 * USERTESTS_FUZZ_SEED picks another (USERTESTS_FUZZ_SEED=N on the kernel
 * command line puts it in init's environment).
 */
static uint64_t fuzz_seed(void)
{
	const char *s = getenv("USERTESTS_FUZZ_SEED");

	return s ? strtoull(s, NULL, 0) : 1;
}

static void syscall_fuzz(void)
{
	uint64_t seed = fuzz_seed();

	int finished = 0, killed = 0, c, deaths[65] = { 0 };
	long total = 0;

	calls_made = ut_shared(sizeof(*calls_made));
	for (c = 0; c < FUZZ_CHILDREN && total < FUZZ_TOTAL; c++) {
		*calls_made = 0;
		pid_t pid = ut_fork();

		if (pid == 0)
			fuzz_child(0x9e3779b97f4a7c15ULL * (seed + c));
		int status = reap_within(pid);
		long n = *calls_made;

		total += n >= 0 && n <= FUZZ_CALLS ? n : 0;
		if (WIFEXITED(status))
			finished++;
		else
			killed++;
		if (WIFSIGNALED(status) && WTERMSIG(status) < 65)
			deaths[WTERMSIG(status)]++;
	}
	printf("# syscall_fuzz: seed %llu: %ld calls by %d children: %d ran "
	       "all theirs, %d died of what they did\n",
	       (unsigned long long)seed, total, c, finished, killed);
	for (int i = 1; i < 65; i++)
		if (deaths[i])
			printf("#   %d of %s\n", deaths[i], ut_signame(i));
	fflush(stdout);
	/* The kernel answered them all; it must still work for us. */
	EXPECT_EQ("getppid after fuzzing", getppid() > 0 || getpid() == 1, 1);
	EXPECT(finished + killed == c);
	EXPECT(total >= FUZZ_TOTAL);
	pid_t pid = ut_fork();

	if (pid == 0)
		_exit(7);
	ut_expect_exit(pid, 7, "a plain child after fuzzing");
}

static const struct ut_test tests[] = {
	UT_TEST(syscall_fuzz),
};

UT_SUITE(ut_fuzz, "fuzz", tests);
