/*
 * A tiny host unit-test harness. Each tests/unit/test_*.c is one program:
 *
 *	#include "unittest.h"
 *	TEST(adds) { EXPECT_EQ(1 + 1, 2); }
 *
 * TEST() registers the function through a constructor; the harness's
 * main() runs every test and prints TAP ("ok 1 - adds"), then exits 1 when
 * any expectation failed. tools/run-tests counts the TAP lines.
 * Built with -fsanitize=address,undefined (tests/unit/unit.mk).
 */
#ifndef UNITTEST_H
#define UNITTEST_H

#include <stdio.h>
#include <stdlib.h>

struct unit_test {
	const char *name;
	void (*fn)(void);
};

void unit_register(const char *name, void (*fn)(void));
void unit_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define TEST(name)							\
	static void name(void);						\
	__attribute__((constructor)) static void name##_register(void)	\
	{								\
		unit_register(#name, name);				\
	}								\
	static void name(void)

#define EXPECT(cond)							\
	do {								\
		if (!(cond))						\
			unit_fail(__FILE__, __LINE__, "%s", #cond);	\
	} while (0)

#define EXPECT_EQ(a, b)							\
	do {								\
		long long _a = (long long)(a), _b = (long long)(b);	\
		if (_a != _b)						\
			unit_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", \
				  #a, #b, _a, _b);			\
	} while (0)

#define EXPECT_STREQ(a, b)						\
	do {								\
		const char *_a = (a), *_b = (b);			\
		if (!_a || !_b || strcmp_host(_a, _b) != 0)		\
			unit_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", \
				  #a, #b, _a ? _a : "(null)",		\
				  _b ? _b : "(null)");			\
	} while (0)

/* The C library's strcmp, whatever lib/string.h is renamed to. */
int strcmp_host(const char *a, const char *b);

#endif
