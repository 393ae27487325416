/*
 * The host unit-test runner: main() for every tests/unit/test_*.c program.
 * See unittest.h. Deliberately includes the C library's string.h, not
 * lib/string.h, so the code under test is never used to check itself.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unittest.h"

#define MAX_TESTS 512

static struct unit_test tests[MAX_TESTS];
static int ntests;
static int current_failed;

void unit_register(const char *name, void (*fn)(void))
{
	if (ntests == MAX_TESTS) {
		fprintf(stderr, "unittest: more than %d tests\n", MAX_TESTS);
		exit(2);
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("# FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	current_failed = 1;
}

int strcmp_host(const char *a, const char *b)
{
	return strcmp(a, b);
}

int main(int argc, char **argv)
{
	int failed = 0;

	(void)argc;
	printf("TAP version 13\n1..%d\n", ntests);
	for (int i = 0; i < ntests; i++) {
		current_failed = 0;
		tests[i].fn();
		printf("%sok %d - %s\n", current_failed ? "not " : "", i + 1,
		       tests[i].name);
		failed += current_failed;
	}
	printf("# %s: %d passed, %d failed\n", argv[0], ntests - failed,
	       failed);
	return failed ? 1 : 0;
}
