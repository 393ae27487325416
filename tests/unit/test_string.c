/*
 * Host tests for lib/string.c: the memory and string functions against the
 * C library's (the *_host names from compat.h) over many lengths and
 * alignments, strlcpy/strlcat edge cases, and kstrtoull/kstrtoll tables.
 * Buffers that must not be over-read are malloc'd to their exact size so
 * that AddressSanitizer catches a read past the end.
 */
#include <stdint.h>
#include "errno.h"
#include "lib/string.h"
#include "unittest.h"

#define BUF	96
#define GUARD	0x5a

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void fill_pattern(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7 + (i >> 3));
}

TEST(memcpy_all_alignments)
{
	unsigned char src[BUF], dst[BUF + 16];

	fill_pattern(src, BUF, 1);
	for (size_t so = 0; so < 8; so++) {
		for (size_t dof = 0; dof < 8; dof++) {
			for (size_t n = 0; n + so <= 80; n++) {
				memset_host(dst, GUARD, sizeof(dst));
				EXPECT(memcpy(dst + dof, src + so, n) ==
				       dst + dof);
				EXPECT_EQ(memcmp_host(dst + dof, src + so, n),
					  0);
				for (size_t i = 0; i < dof; i++)
					EXPECT_EQ(dst[i], GUARD);
				EXPECT_EQ(dst[dof + n], GUARD);
			}
		}
	}
}

TEST(memmove_overlapping_both_ways)
{
	unsigned char a[BUF], b[BUF];

	for (size_t from = 0; from < 24; from++) {
		for (size_t to = 0; to < 24; to++) {
			for (size_t n = 0; n <= 64; n += 3) {
				fill_pattern(a, BUF, 3);
				fill_pattern(b, BUF, 3);
				EXPECT(memmove(a + to, a + from, n) == a + to);
				memmove_host(b + to, b + from, n);
				EXPECT_EQ(memcmp_host(a, b, BUF), 0);
			}
		}
	}
}

TEST(memset_lengths_and_value_byte)
{
	unsigned char buf[BUF + 16];

	for (size_t off = 0; off < 8; off++) {
		for (size_t n = 0; n < 80; n++) {
			memset_host(buf, GUARD, sizeof(buf));
			/* Only the low byte of c counts. */
			EXPECT(memset(buf + off, 0x1ab, n) == buf + off);
			for (size_t i = 0; i < off; i++)
				EXPECT_EQ(buf[i], GUARD);
			for (size_t i = 0; i < n; i++)
				EXPECT_EQ(buf[off + i], 0xab);
			EXPECT_EQ(buf[off + n], GUARD);
		}
	}
}

TEST(memzero_explicit_zeroes_exactly_the_range)
{
	unsigned char buf[BUF + 16];

	for (size_t off = 0; off < 8; off++) {
		for (size_t n = 0; n < 80; n++) {
			memset_host(buf, GUARD, sizeof(buf));
			memzero_explicit(buf + off, n);
			for (size_t i = 0; i < off; i++)
				EXPECT_EQ(buf[i], GUARD);
			for (size_t i = 0; i < n; i++)
				EXPECT_EQ(buf[off + i], 0);
			EXPECT_EQ(buf[off + n], GUARD);
		}
	}
}

TEST(memcmp_is_unsigned_and_bounded)
{
	EXPECT(memcmp("\x80", "\x01", 1) > 0);
	EXPECT(memcmp("\x01", "\x80", 1) < 0);
	EXPECT_EQ(memcmp("abc", "abd", 2), 0);
	EXPECT(memcmp("abc", "abd", 3) < 0);
	EXPECT_EQ(memcmp("x", "y", 0), 0);

	unsigned char a[32], b[32];

	for (int i = 0; i < 2000; i++) {
		size_t n = rand() % 32;

		fill_pattern(a, 32, 9);
		fill_pattern(b, 32, 9);
		if (n && rand() % 2)
			b[rand() % n] = rand();
		EXPECT_EQ(sign(memcmp(a, b, n)), sign(memcmp_host(a, b, n)));
	}
}

TEST(memchr_finds_first_and_stays_in_bounds)
{
	char *p = malloc(5);

	memcpy_host(p, "abcab", 5);
	EXPECT(memchr(p, 'b', 5) == p + 1);
	EXPECT(memchr(p, 'a' + 0x100, 5) == p);
	EXPECT(memchr(p, 'z', 5) == NULL);
	EXPECT(memchr(p, 'c', 2) == NULL);
	EXPECT(memchr(p, 'a', 0) == NULL);
	free(p);
}

TEST(strlen_and_strnlen)
{
	char *p = malloc(4);

	EXPECT_EQ(strlen(""), 0);
	EXPECT_EQ(strlen("hello"), 5);
	EXPECT_EQ(strnlen("hello", 3), 3);
	EXPECT_EQ(strnlen("hello", 99), 5);
	EXPECT_EQ(strnlen("hello", 0), 0);
	/* Not terminated: strnlen must stop at max. */
	memcpy_host(p, "abcd", 4);
	EXPECT_EQ(strnlen(p, 4), 4);
	free(p);
}

TEST(strcmp_and_strncmp)
{
	static const char *const words[] = {
		"", "a", "ab", "abc", "abd", "b", "\x80", "\x7f", "A",
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		for (size_t j = 0; j < sizeof(words) / sizeof(words[0]); j++) {
			const char *a = words[i], *b = words[j];

			EXPECT_EQ(sign(strcmp(a, b)), sign(strcmp_host(a, b)));
			for (size_t n = 0; n < 5; n++)
				EXPECT_EQ(sign(strncmp(a, b, n)),
					  sign(strncmp_host(a, b, n)));
		}
	}
	EXPECT(strcmp("\x80", "a") > 0);
	EXPECT_EQ(strncmp("abcX", "abcY", 3), 0);
	EXPECT_EQ(strncmp("ab", "ab", 100), 0);
}

TEST(strchr_and_strrchr)
{
	const char *s = "hello world";

	EXPECT(strchr(s, 'o') == s + 4);
	EXPECT(strrchr(s, 'o') == s + 7);
	EXPECT(strchr(s, 'h') == s);
	EXPECT(strrchr(s, 'd') == s + 10);
	EXPECT(strchr(s, 'z') == NULL);
	EXPECT(strrchr(s, 'z') == NULL);
	/* The terminator is part of the string. */
	EXPECT(strchr(s, '\0') == s + 11);
	EXPECT(strrchr(s, '\0') == s + 11);
	EXPECT(strchr("\xff", 0xff) != NULL);
}

TEST(strstr_cases)
{
	const char *s = "aaab needle in a haystack";

	EXPECT(strstr(s, "") == s);
	EXPECT(strstr("", "") != NULL);
	EXPECT(strstr("", "a") == NULL);
	EXPECT(strstr(s, "aab") == s + 1);
	EXPECT(strstr(s, "needle") == s + 5);
	EXPECT(strstr(s, "stack") == s + 20);
	EXPECT(strstr(s, "stacks") == NULL);
	EXPECT(strstr(s, "needlx") == NULL);
	EXPECT(strstr("ab", "abc") == NULL);
}

TEST(strlcpy_truncates_and_terminates)
{
	char buf[8];

	memset_host(buf, 'X', sizeof(buf));
	EXPECT_EQ(strlcpy(buf, "hello", sizeof(buf)), 5);
	EXPECT_STREQ(buf, "hello");
	EXPECT_EQ(strlcpy(buf, "hello world", sizeof(buf)), 11);
	EXPECT_STREQ(buf, "hello w");
	EXPECT_EQ(strlcpy(buf, "abc", 1), 3);
	EXPECT_STREQ(buf, "");
	/* Size 0 writes nothing at all. */
	memset_host(buf, 'X', sizeof(buf));
	EXPECT_EQ(strlcpy(buf, "abc", 0), 3);
	EXPECT_EQ(buf[0], 'X');
	EXPECT_EQ(strlcpy(buf, "", sizeof(buf)), 0);
	EXPECT_STREQ(buf, "");
}

TEST(strlcat_appends_and_reports)
{
	char buf[8];

	strlcpy(buf, "ab", sizeof(buf));
	EXPECT_EQ(strlcat(buf, "cd", sizeof(buf)), 4);
	EXPECT_STREQ(buf, "abcd");
	EXPECT_EQ(strlcat(buf, "efghij", sizeof(buf)), 10);
	EXPECT_STREQ(buf, "abcdefg");
	EXPECT_EQ(strlcat(buf, "z", sizeof(buf)), 8);
	EXPECT_STREQ(buf, "abcdefg");
	/* No terminator within size: size + strlen(src), dst untouched. */
	memset_host(buf, 'X', sizeof(buf));
	EXPECT_EQ(strlcat(buf, "abc", 4), 7);
	EXPECT_EQ(buf[3], 'X');
	EXPECT_EQ(buf[4], 'X');
}

struct ull_case {
	const char *s;
	unsigned int base;
	int err;
	unsigned long long val;
};

TEST(kstrtoull_table)
{
	static const struct ull_case cases[] = {
		{ "0", 0, 0, 0 },
		{ "123", 10, 0, 123 },
		{ "123", 0, 0, 123 },
		{ "+5", 0, 0, 5 },
		{ "0x1f", 0, 0, 31 },
		{ "0X1F", 0, 0, 31 },
		{ "017", 0, 0, 15 },
		{ "00", 0, 0, 0 },
		{ "ff", 16, 0, 255 },
		{ "0xff", 16, 0, 255 },
		{ "FF", 16, 0, 255 },
		{ "1011", 2, 0, 11 },
		{ "z", 36, 0, 35 },
		{ "17", 8, 0, 15 },
		{ "18446744073709551615", 10, 0, 18446744073709551615ULL },
		{ "0xffffffffffffffff", 0, 0, 0xffffffffffffffffULL },
		{ "01777777777777777777777", 0, 0, 0xffffffffffffffffULL },
		{ "18446744073709551616", 10, -ERANGE, 0 },
		{ "99999999999999999999999", 0, -ERANGE, 0 },
		{ "0x10000000000000000", 0, -ERANGE, 0 },
		{ "02000000000000000000000", 0, -ERANGE, 0 },
		{ "99999999999999999999x", 0, -EINVAL, 0 },
		{ "-5", 0, -EINVAL, 0 },
		{ "", 0, -EINVAL, 0 },
		{ "+", 0, -EINVAL, 0 },
		{ "0x", 0, -EINVAL, 0 },
		{ "0x", 16, -EINVAL, 0 },
		{ "0xg", 0, -EINVAL, 0 },
		{ "08", 0, -EINVAL, 0 },
		{ "12a", 10, -EINVAL, 0 },
		{ "0x1", 10, -EINVAL, 0 },
		{ " 1", 10, -EINVAL, 0 },
		{ "1 ", 10, -EINVAL, 0 },
		{ "1\n", 10, -EINVAL, 0 },
		{ "++1", 10, -EINVAL, 0 },
		{ "2", 2, -EINVAL, 0 },
		{ "1", 1, -EINVAL, 0 },
		{ "1", 37, -EINVAL, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ull_case *c = &cases[i];
		unsigned long long v = 4242;
		int err = kstrtoull(c->s, c->base, &v);

		if (err != c->err || v != (c->err ? 4242 : c->val))
			unit_fail(__FILE__, __LINE__,
				  "kstrtoull(\"%s\", %u) = %d, %llu", c->s,
				  c->base, err, v);
	}
}

struct ll_case {
	const char *s;
	unsigned int base;
	int err;
	long long val;
};

TEST(kstrtoll_table)
{
	static const struct ll_case cases[] = {
		{ "0", 0, 0, 0 },
		{ "-0", 0, 0, 0 },
		{ "-1", 10, 0, -1 },
		{ "+42", 10, 0, 42 },
		{ "-0x10", 0, 0, -16 },
		{ "-010", 0, 0, -8 },
		{ "9223372036854775807", 10, 0, INT64_MAX },
		{ "-9223372036854775807", 10, 0, -INT64_MAX },
		{ "-9223372036854775808", 10, 0, INT64_MIN },
		{ "-0x8000000000000000", 0, 0, INT64_MIN },
		{ "9223372036854775808", 10, -ERANGE, 0 },
		{ "-9223372036854775809", 10, -ERANGE, 0 },
		{ "-18446744073709551615", 10, -ERANGE, 0 },
		{ "-99999999999999999999", 10, -ERANGE, 0 },
		{ "-", 10, -EINVAL, 0 },
		{ "--1", 10, -EINVAL, 0 },
		{ "-+1", 10, -EINVAL, 0 },
		{ "+-1", 10, -EINVAL, 0 },
		{ "", 10, -EINVAL, 0 },
		{ "1-", 10, -EINVAL, 0 },
		{ "- 1", 10, -EINVAL, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ll_case *c = &cases[i];
		long long v = 4242;
		int err = kstrtoll(c->s, c->base, &v);

		if (err != c->err || v != (c->err ? 4242 : c->val))
			unit_fail(__FILE__, __LINE__,
				  "kstrtoll(\"%s\", %u) = %d, %lld", c->s,
				  c->base, err, v);
	}
}

TEST(kstrtoull_roundtrips_random_values)
{
	char buf[64];

	for (int i = 0; i < 5000; i++) {
		unsigned long long want = ((unsigned long long)rand() << 42) ^
					  ((unsigned long long)rand() << 21) ^
					  rand(), got = 0;
		long long swant = (long long)want, sgot = 0;

		snprintf_host(buf, sizeof(buf), "%llu", want);
		EXPECT_EQ(kstrtoull(buf, 10, &got), 0);
		EXPECT(got == want);
		snprintf_host(buf, sizeof(buf), "%#llx", want);
		EXPECT_EQ(kstrtoull(buf, 0, &got), 0);
		EXPECT(got == want);
		snprintf_host(buf, sizeof(buf), "%lld", swant);
		EXPECT_EQ(kstrtoll(buf, 0, &sgot), 0);
		EXPECT_EQ(sgot, swant);
	}
}
