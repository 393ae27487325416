/*
 * usertests: clocks and sleeping: clock_gettime on each clock,
 * clock_getres, gettimeofday and time, nanosleep and clock_nanosleep.
 * An emulator can stall for a long time, so sleeps are checked tightly
 * only from below; above, anything under seconds passes.
 */
#define _GNU_SOURCE
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include "ut.h"

#define NSEC	1000000000LL
/* 2020-01-01: the clock of a machine that keeps time is past it. */
#define Y2020	1577836800

static long long ts_ns(struct timespec ts)
{
	return ts.tv_sec * NSEC + ts.tv_nsec;
}

static struct timespec get(clockid_t clock)
{
	struct timespec ts = { -1, -1 };

	if (syscall(SYS_clock_gettime, clock, &ts))
		ut_fail("clock_gettime(%d) failed: %s", (int)clock,
			ut_errname(errno));
	if (ts.tv_nsec < 0 || ts.tv_nsec >= NSEC || ts.tv_sec < 0)
		ut_fail("clock_gettime(%d) gave %lld.%09ld", (int)clock,
			(long long)ts.tv_sec, ts.tv_nsec);
	return ts;
}

static void clock_gettime_clocks(void)
{
	static const clockid_t clocks[] = {
		CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
		CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW,
		CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME,
	};
	struct timespec ts;

	for (size_t i = 0; i < ARRAY_SIZE(clocks); i++)
		get(clocks[i]);
	if (get(CLOCK_REALTIME).tv_sec < Y2020)
		ut_fail("CLOCK_REALTIME is %lld: before 2020",
			(long long)get(CLOCK_REALTIME).tv_sec);
	EXPECT_ERRNO("clock_gettime(clock 100)",
		     syscall(SYS_clock_gettime, 100, &ts), EINVAL);
	EXPECT_ERRNO("clock_gettime(bad pointer)",
		     syscall(SYS_clock_gettime, CLOCK_MONOTONIC, 8), EFAULT);
}

static void clock_monotonic_steady(void)
{
	long long prev = ts_ns(get(CLOCK_MONOTONIC)), boot;

	for (int i = 0; i < 2000; i++) {
		long long now = ts_ns(get(CLOCK_MONOTONIC));

		if (now < prev)
			ut_fail("CLOCK_MONOTONIC went back from %lld to %lld",
				prev, now);
		prev = now;
	}
	/* Boot time is monotonic time plus time spent suspended. */
	boot = ts_ns(get(CLOCK_BOOTTIME));
	if (boot < prev)
		ut_fail("CLOCK_BOOTTIME %lld is behind CLOCK_MONOTONIC %lld",
			boot, prev);
	if (get(CLOCK_MONOTONIC).tv_sec == 0 &&
	    get(CLOCK_MONOTONIC).tv_nsec == 0)
		ut_fail("CLOCK_MONOTONIC is zero");
}

static void clock_cputime_grows(void)
{
	long long p0 = ts_ns(get(CLOCK_PROCESS_CPUTIME_ID));
	long long t0 = ts_ns(get(CLOCK_THREAD_CPUTIME_ID));
	long long p1, t1;

	ut_burn_cpu_ms(30);
	t1 = ts_ns(get(CLOCK_THREAD_CPUTIME_ID));
	p1 = ts_ns(get(CLOCK_PROCESS_CPUTIME_ID));
	if (t1 - t0 < 30000000)
		ut_fail("thread CPU time grew by %lld ns in a 30 ms busy loop",
			t1 - t0);
	if (p1 - p0 < t1 - t0)
		ut_fail("process CPU time grew by %lld ns, its only thread's "
			"by %lld", p1 - p0, t1 - t0);
	/* A sleeping process uses next to no CPU. */
	ut_sleep_ms(100);
	p0 = ts_ns(get(CLOCK_PROCESS_CPUTIME_ID));
	if (p0 - p1 > 50000000)
		ut_fail("a 100 ms sleep cost %lld ns of CPU time", p0 - p1);
}

static void clock_getres_values(void)
{
	static const clockid_t clocks[] = {
		CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME,
		CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID,
	};
	struct timespec res;

	for (size_t i = 0; i < ARRAY_SIZE(clocks); i++) {
		res.tv_sec = res.tv_nsec = -1;
		EXPECT_EQ("clock_getres",
			  syscall(SYS_clock_getres, clocks[i], &res), 0);
		if (res.tv_sec != 0 || res.tv_nsec <= 0 ||
		    res.tv_nsec > 10000000)
			ut_fail("clock_getres(%d) is %lld.%09ld: expected "
				"1 ns to 10 ms", (int)clocks[i],
				(long long)res.tv_sec, res.tv_nsec);
	}
	EXPECT_EQ("clock_getres(NULL)",
		  syscall(SYS_clock_getres, CLOCK_MONOTONIC, NULL), 0);
	EXPECT_ERRNO("clock_getres(clock 100)",
		     syscall(SYS_clock_getres, 100, &res), EINVAL);
}

static void gettimeofday_time(void)
{
	struct timeval tv;
	long long rt;
	time_t t;

	EXPECT_EQ("gettimeofday", syscall(SYS_gettimeofday, &tv, NULL), 0);
	rt = ts_ns(get(CLOCK_REALTIME));
	EXPECT(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	if (tv.tv_sec * NSEC + tv.tv_usec * 1000LL > rt ||
	    rt - tv.tv_sec * NSEC > 5 * NSEC)
		ut_fail("gettimeofday %lld.%06ld vs CLOCK_REALTIME %lld ns",
			(long long)tv.tv_sec, (long)tv.tv_usec, rt);
	/* time() reads the clock as of the last tick: it may lag a little. */
	t = syscall(SYS_time, NULL);
	if (t < tv.tv_sec - 1 || t > tv.tv_sec + 5)
		ut_fail("time() is %lld, gettimeofday %lld", (long long)t,
			(long long)tv.tv_sec);
	EXPECT_ERRNO("gettimeofday(bad pointer)",
		     syscall(SYS_gettimeofday, 8, NULL), EFAULT);
}

/* Fail unless between ms and ms + 5 s have passed since t0. */
static void expect_slept(const char *what, uint64_t t0, unsigned int ms)
{
	uint64_t took = (ut_now_ns() - t0) / 1000000;

	if (took < ms || took > ms + 5000)
		ut_fail("%s took %llu ms: expected %u ms to %u s", what,
			(unsigned long long)took, ms, ms / 1000 + 5);
}

static void nanosleep_sleeps(void)
{
	struct timespec ts = { 0, 50000000 }, rem = { 9, 9 };
	uint64_t t0 = ut_now_ns();

	EXPECT_EQ("nanosleep(50 ms)", nanosleep(&ts, &rem), 0);
	expect_slept("nanosleep(50 ms)", t0, 50);
	ts.tv_nsec = 0;
	EXPECT_EQ("nanosleep(0)", nanosleep(&ts, NULL), 0);
}

static void nanosleep_errors(void)
{
	struct timespec ts = { 0, 1000000000 };

	EXPECT_ERRNO("nanosleep(tv_nsec 1e9)",
		     syscall(SYS_nanosleep, &ts, NULL), EINVAL);
	ts.tv_nsec = -1;
	EXPECT_ERRNO("nanosleep(tv_nsec -1)",
		     syscall(SYS_nanosleep, &ts, NULL), EINVAL);
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	EXPECT_ERRNO("nanosleep(tv_sec -1)",
		     syscall(SYS_nanosleep, &ts, NULL), EINVAL);
	EXPECT_ERRNO("nanosleep(bad pointer)",
		     syscall(SYS_nanosleep, 8, NULL), EFAULT);
}

static void clock_nanosleep_abs(void)
{
	struct timespec ts = get(CLOCK_MONOTONIC);
	uint64_t t0 = ut_now_ns();
	long long deadline;

	ts.tv_nsec += 50000000;
	if (ts.tv_nsec >= NSEC) {
		ts.tv_sec++;
		ts.tv_nsec -= NSEC;
	}
	deadline = ts_ns(ts);
	EXPECT_EQ("clock_nanosleep(MONOTONIC, TIMER_ABSTIME, +50 ms)",
		  syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME,
			  &ts, NULL), 0);
	if (ts_ns(get(CLOCK_MONOTONIC)) < deadline)
		ut_fail("clock_nanosleep(TIMER_ABSTIME) woke before its "
			"deadline");
	expect_slept("clock_nanosleep(TIMER_ABSTIME, +50 ms)", t0, 40);
	/* A deadline in the past returns at once. */
	ts.tv_sec = 0;
	ts.tv_nsec = 1;
	t0 = ut_now_ns();
	EXPECT_EQ("clock_nanosleep(TIMER_ABSTIME, past)",
		  syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME,
			  &ts, NULL), 0);
	if (ut_now_ns() - t0 > 2 * NSEC)
		ut_fail("clock_nanosleep to a past deadline slept");
}

static void clock_nanosleep_rel(void)
{
	struct timespec ts = { 0, 30000000 };
	uint64_t t0 = ut_now_ns();

	EXPECT_EQ("clock_nanosleep(REALTIME, 30 ms)",
		  syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &ts, NULL),
		  0);
	expect_slept("clock_nanosleep(REALTIME, 30 ms)", t0, 30);
	/* Linux 6.1 says EINVAL, later ones EOPNOTSUPP: both mean "no". */
	errno = 0;
	if (syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &ts,
		    NULL) != -1 || (errno != EINVAL && errno != EOPNOTSUPP))
		ut_fail("clock_nanosleep(CLOCK_THREAD_CPUTIME_ID) gave %s: "
			"expected EINVAL or EOPNOTSUPP", ut_errname(errno));
	EXPECT_ERRNO("clock_nanosleep(clock 100)",
		     syscall(SYS_clock_nanosleep, 100, 0, &ts, NULL), EINVAL);
	ts.tv_nsec = NSEC;
	EXPECT_ERRNO("clock_nanosleep(tv_nsec 1e9)",
		     syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts,
			     NULL), EINVAL);
}

static const struct ut_test tests[] = {
	UT_TEST(clock_gettime_clocks),
	UT_TEST(clock_monotonic_steady),
	UT_TEST(clock_cputime_grows),
	UT_TEST(clock_getres_values),
	UT_TEST(gettimeofday_time),
	UT_TEST(nanosleep_sleeps),
	UT_TEST(nanosleep_errors),
	UT_TEST(clock_nanosleep_abs),
	UT_TEST(clock_nanosleep_rel),
};

UT_SUITE(ut_time, "time", tests);
