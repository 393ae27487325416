/*
 * usertests: futex, the one call every musl lock and pthread_join waits
 * in: WAIT and WAKE between threads (private) and between processes
 * (a MAP_SHARED word), timeouts relative and absolute, and the errors.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "ut.h"

static long futex(volatile int *uaddr, int op, int val,
		  const struct timespec *ts, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, val3);
}

static void futex_wait_mismatch(void)
{
	int word = 1;

	EXPECT_ERRNO("FUTEX_WAIT(value 1, expected 0)",
		     futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, 0), EAGAIN);
	EXPECT_EQ("FUTEX_WAKE with no waiters",
		  futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL, 0), 0);
}

static void futex_wait_timeout(void)
{
	struct timespec ts = { 0, 50000000 };
	int word = 0;
	uint64_t t0 = ut_now_ns(), ms;

	EXPECT_ERRNO("FUTEX_WAIT(50 ms)",
		     futex(&word, FUTEX_WAIT_PRIVATE, 0, &ts, 0), ETIMEDOUT);
	ms = (ut_now_ns() - t0) / 1000000;
	if (ms < 50 || ms > 5000)
		ut_fail("FUTEX_WAIT(50 ms) took %llu ms: expected 50 ms to 5 s",
			(unsigned long long)ms);
}

static void futex_wait_bitset_abs(void)
{
	struct timespec ts;
	int word = 0;
	uint64_t deadline = ut_now_ns() + 50000000;

	ts.tv_sec = deadline / 1000000000;
	ts.tv_nsec = deadline % 1000000000;
	EXPECT_ERRNO("FUTEX_WAIT_BITSET(absolute, +50 ms)",
		     futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &ts,
			   FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	if (ut_now_ns() < deadline)
		ut_fail("FUTEX_WAIT_BITSET returned before its deadline");
	EXPECT_ERRNO("FUTEX_WAIT_BITSET(bitset 0)",
		     futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &ts, 0),
		     EINVAL);
}

static volatile int wake_word;
static volatile int waiting;

static void *futex_waiter(void *arg)
{
	long r;

	__atomic_add_fetch(&waiting, 1, __ATOMIC_SEQ_CST);
	do
		r = futex(&wake_word, FUTEX_WAIT_PRIVATE, 0, NULL, 0);
	while (r < 0 && errno == EINTR);
	return (void *)r;
}

/* Wake until count waiters have been woken; 0 if it took over 5 s. */
static int wake_all(volatile int *word, int op, int count)
{
	uint64_t deadline = ut_now_ns() + 5000000000ULL;

	while (count > 0 && ut_now_ns() < deadline) {
		long r = futex(word, op, INT_MAX, NULL, 0);

		if (r < 0)
			ut_fail("FUTEX_WAKE failed: %s", ut_errname(errno));
		count -= r;
		if (count > 0)
			ut_sleep_ms(1);
	}
	return count <= 0;
}

static void futex_wake_private(void)
{
	pthread_t t[3];
	void *ret;

	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, futex_waiter, NULL);
	if (!ut_wait_for(&waiting, 3, 5000))
		ut_fail("waiter threads did not start");
	/* Give the three time to be asleep in the kernel. */
	ut_sleep_ms(100);
	EXPECT_EQ("FUTEX_WAKE(2) with 3 waiters",
		  futex(&wake_word, FUTEX_WAKE_PRIVATE, 2, NULL, 0), 2);
	if (!wake_all(&wake_word, FUTEX_WAKE_PRIVATE, 1))
		ut_fail("the third waiter was not woken in 5 s");
	for (int i = 0; i < 3; i++) {
		pthread_join(t[i], &ret);
		EXPECT_EQ("FUTEX_WAIT in the woken thread", (long)ret, 0);
	}
}

/* A word in MAP_SHARED memory is one futex for both processes. */
static void futex_shared(void)
{
	volatile int *word = ut_shared(PAGE_SIZE);
	pid_t pid = ut_fork();

	if (pid == 0) {
		long r = futex(word, FUTEX_WAIT, 0, NULL, 0);

		_exit(r == 0 ? 0 : 10);
	}
	ut_sleep_ms(50);
	/* A private wake is keyed by our address space: it cannot reach. */
	EXPECT_EQ("FUTEX_WAKE_PRIVATE to another process's waiter",
		  futex(word, FUTEX_WAKE_PRIVATE, 1, NULL, 0), 0);
	if (!wake_all(word, FUTEX_WAKE, 1))
		ut_fail("shared FUTEX_WAKE did not reach the child in 5 s");
	ut_expect_exit(pid, 0, "child in FUTEX_WAIT (10: it failed)");
}

static void futex_errors(void)
{
	struct timespec bad = { 0, 1000000000 };
	int words[2] = { 0, 0 };

	EXPECT_ERRNO("FUTEX_WAIT(unaligned)",
		     futex((volatile int *)((char *)words + 1),
			   FUTEX_WAIT_PRIVATE, 0, NULL, 0), EINVAL);
	EXPECT_ERRNO("FUTEX_WAIT(bad address)",
		     futex((volatile int *)8, FUTEX_WAIT_PRIVATE, 0, NULL, 0),
		     EFAULT);
	EXPECT_ERRNO("FUTEX_WAIT(tv_nsec 1e9)",
		     futex(words, FUTEX_WAIT_PRIVATE, 0, &bad, 0), EINVAL);
	EXPECT_ERRNO("futex(op 99)", futex(words, 99, 0, NULL, 0), ENOSYS);
}

static const struct ut_test tests[] = {
	UT_TEST(futex_wait_mismatch),
	UT_TEST(futex_wait_timeout),
	UT_TEST(futex_wait_bitset_abs),
	UT_TEST(futex_wake_private),
	UT_TEST(futex_shared),
	UT_TEST(futex_errors),
};

UT_SUITE(ut_futex, "futex", tests);
