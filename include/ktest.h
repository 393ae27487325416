/*
 * In-kernel tests (kernel/ktest.c): suites registered in a table
 * (tests/kernel/suites.c), selected with ktest=SUITE[,SUITE] or ktest=all,
 * reporting KTAP on the console, after which the machine powers off.
 */
#ifndef KTEST_H
#define KTEST_H

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"

struct ktest_case {
	const char *name;
	void (*run)(void);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;
	size_t count;
	/* Suites with manual = true (e.g. "panic") are not part of ktest=all. */
	bool manual;
};

#define KTEST_CASE(fn)	{ #fn, fn }
#define KTEST_SUITE(n, arr) { .name = n, .cases = arr, .count = ARRAY_SIZE(arr) }

/* Record a failed expectation in the running case; the case goes on. */
void ktest_fail(const char *file, int line, const char *fmt, ...)
	__printf(3, 4);
/* Print a KTAP diagnostic line ("# ...") under the running case. */
void ktest_log(const char *fmt, ...) __printf(1, 2);
/* Mark the running case as skipped, with a reason. */
void ktest_skip(const char *reason);

#define KEXPECT(cond)							\
	do {								\
		if (!(cond))						\
			ktest_fail(__FILE__, __LINE__, "%s", #cond);	\
	} while (0)

#define KEXPECT_EQ(a, b)						\
	do {								\
		long long _a = (long long)(a), _b = (long long)(b);	\
		if (_a != _b)						\
			ktest_fail(__FILE__, __LINE__,			\
				   "%s == %s: %lld != %lld", #a, #b, _a, _b); \
	} while (0)

/* Run the suites named in @spec ("all" or "a,b,c"); returns failures. */
int ktest_run(const char *spec);

/* The registry, defined in tests/kernel/suites.c. */
extern const struct ktest_suite *const ktest_suites[];
extern const size_t ktest_suite_count;

#endif
