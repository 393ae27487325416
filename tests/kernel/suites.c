/* The table of in-kernel test suites (kernel/ktest.c runs them). */
#include <ktest.h>

extern const struct ktest_suite ktest_core, ktest_traps, ktest_mm,
	ktest_switch, ktest_sched, ktest_lockdebug, ktest_time, ktest_bench,
	ktest_panic, ktest_stack_overflow, ktest_random, ktest_vt;

const struct ktest_suite *const ktest_suites[] = {
	&ktest_core,
	&ktest_traps,
	&ktest_mm,
	&ktest_switch,
	&ktest_sched,
	&ktest_lockdebug,
	&ktest_time,
	&ktest_random,
	&ktest_vt,
	&ktest_bench,
	&ktest_panic,
	&ktest_stack_overflow,
};

const size_t ktest_suite_count = ARRAY_SIZE(ktest_suites);
