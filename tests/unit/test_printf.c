/*
 * Host tests for lib/printf.c. Most formats are checked against glibc's
 * snprintf (snprintf_host, see compat.h): a generated table of every
 * integer conversion x length modifier x flag set x width x precision over
 * edge values, plus %s and %c tables. Where Ferrite deliberately differs
 * from glibc (%p, "(null)" under a precision, %n, unknown conversions) the
 * expected text is spelled out. Truncation and the return value are
 * checked byte by byte against guard bytes.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include "lib/printf.h"
#include "lib/string.h"
#include "unittest.h"

#define OUT_SIZE	256
#define GUARD		'#'

static __attribute__((format(printf, 4, 5)))
void check_fmt(const char *file, int line, const char *want,
	       const char *fmt, ...)
{
	char buf[OUT_SIZE];
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (ret != (int)strlen_host(want) || strcmp_host(buf, want) != 0)
		unit_fail(file, line, "format \"%s\": got \"%s\" (%d), want \"%s\"",
			  fmt, buf, ret, want);
}

/* Expect @want (and its length as the return value) from lib's printf. */
#define CHECK(want, ...)	check_fmt(__FILE__, __LINE__, want, __VA_ARGS__)

static __attribute__((format(printf, 3, 4)))
void same_as_host(const char *file, int line, const char *fmt, ...)
{
	char a[OUT_SIZE], b[OUT_SIZE];
	va_list ap, aq;
	int ra, rb;

	va_start(ap, fmt);
	va_copy(aq, ap);
	ra = vsnprintf(a, sizeof(a), fmt, ap);
	rb = vsnprintf_host(b, sizeof(b), fmt, aq);
	va_end(aq);
	va_end(ap);
	if (ra != rb || strcmp_host(a, b) != 0)
		unit_fail(file, line, "format \"%s\": got \"%s\" (%d), glibc \"%s\" (%d)",
			  fmt, a, ra, b, rb);
}

/* Expect the same text and return value as glibc. */
#define SAME(...)	same_as_host(__FILE__, __LINE__, __VA_ARGS__)

TEST(plain_text_and_percent)
{
	CHECK("", "%s", "");
	CHECK("hello", "hello");
	CHECK("100%", "100%%");
	CHECK("a%b", "a%%b");
	CHECK("x 5 y", "x %d y", 5);
}

/*
 * The formats below include flag combinations that C defines but gcc's
 * format checker flags as pointless ("%+ d", "%+u", "%0.3d", unknown
 * conversions, %s of NULL). Checking them is the point, so the warnings
 * are off here.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"	/* %s of NULL */

TEST(signed_edges)
{
	CHECK("-2147483648", "%d", INT_MIN);
	CHECK("2147483647", "%i", INT_MAX);
	CHECK("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK("-9223372036854775808", "%ld", LONG_MIN);
	CHECK("-9223372036854775808", "%jd", INTMAX_MIN);
	CHECK("9223372036854775807", "%lld", LLONG_MAX);
	CHECK("-0000000000009223372036854775808", "%032lld", LLONG_MIN);
	CHECK("+0", "%+d", 0);
	CHECK(" 0", "% d", 0);
	CHECK("+5", "%+ d", 5);
	CHECK("-0042", "%05d", -42);
	CHECK("-42  |", "%-5d|", -42);
	CHECK("  -0042", "%7.4d", -42);
	CHECK("", "%.0d", 0);
	CHECK("   ", "%3.0d", 0);
	CHECK("-1", "%hhd", 255);
	CHECK("-1", "%hd", 65535);
	CHECK("-128", "%hhd", 128);
	CHECK("-1", "%zd", (ptrdiff_t)-1);
	CHECK("-7", "%td", (ptrdiff_t)-7);
}

TEST(unsigned_edges)
{
	CHECK("4294967295", "%u", UINT_MAX);
	CHECK("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK("18446744073709551615", "%zu", SIZE_MAX);
	CHECK("0", "%hhu", 256);
	CHECK("2345", "%hx", 0x12345);
	CHECK("ffffffffffffffff", "%lx", ULONG_MAX);
	CHECK("FFFFFFFF", "%X", UINT_MAX);
	CHECK("1777777777777777777777", "%llo", ULLONG_MAX);
	CHECK("0xff", "%#x", 255);
	CHECK("0XFF", "%#X", 255);
	CHECK("0", "%#x", 0);
	CHECK("010", "%#o", 8);
	CHECK("0", "%#o", 0);
	CHECK("0", "%#.0o", 0);
	CHECK("", "%.0x", 0);
	CHECK("0x000ff", "%#07x", 255);
	CHECK("0x00ff", "%#.4x", 255);
	CHECK("00010", "%#.5o", 8);
	CHECK("5", "%+u", 5);
	CHECK("5", "% u", 5);
}

TEST(width_and_precision_from_arguments)
{
	CHECK("   42", "%*d", 5, 42);
	CHECK("42   |", "%*d|", -5, 42);
	CHECK("42   |", "%-*d|", 5, 42);
	CHECK("0007", "%.*d", 4, 7);
	CHECK("7", "%.*d", -1, 7);
	CHECK("  abc", "%*.*s", 5, 3, "abcdef");
	CHECK("ab   |", "%-*.*s|", 5, 2, "abcdef");
	CHECK("00042", "%0*d", 5, 42);
	/* A negative '*' precision means no precision: '0' applies. */
	CHECK("00042", "%0*.*d", 5, -3, 42);
	CHECK("   42", "%0*.*d", 5, 0, 42);
}

TEST(strings_and_chars)
{
	char *unterminated = malloc(3);

	CHECK("(null)", "%s", (char *)NULL);
	CHECK("(nu", "%.3s", (char *)NULL);
	CHECK("    (null)", "%10s", (char *)NULL);
	CHECK("abc", "%s", "abc");
	CHECK("  abc", "%5s", "abc");
	CHECK("abc  |", "%-5s|", "abc");
	CHECK("ab", "%.2s", "abc");
	CHECK("", "%.0s", "abc");
	CHECK("abcdef", "%2s", "abcdef");
	CHECK("x", "%c", 'x');
	CHECK("  x", "%3c", 'x');
	CHECK("x  |", "%-3c|", 'x');
	CHECK("\xe9", "%c", 0x1e9);
	/* A precision means s need not be terminated. */
	memcpy_host(unterminated, "abc", 3);
	CHECK("abc", "%.3s", unterminated);
	CHECK("ab", "%.2s", unterminated);
	free(unterminated);
}

TEST(char_nul_is_output)
{
	char buf[8];

	memset_host(buf, GUARD, sizeof(buf));
	EXPECT_EQ(snprintf(buf, sizeof(buf), "a%cb", 0), 3);
	EXPECT_EQ(memcmp_host(buf, "a\0b\0", 4), 0);
	EXPECT_EQ(buf[4], GUARD);
}

TEST(pointers_are_full_width)
{
	int x;
	char want[32];

	CHECK("0x0000000000001234", "%p", (void *)0x1234);
	CHECK("0x0000000000000000", "%p", NULL);
	CHECK("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
	CHECK("  0x00000000deadbeef", "%20p", (void *)0xdeadbeef);
	CHECK("0x00000000deadbeef  |", "%-20p|", (void *)0xdeadbeef);
	/* Flags that do not apply to %p are ignored. */
	CHECK("0x00000000000000ab", "%+#p", (void *)0xab);
	snprintf_host(want, sizeof(want), "0x%016lx", (unsigned long)&x);
	CHECK(want, "%p", (void *)&x);
}

TEST(unsupported_conversions_print_literally)
{
	/* Through variables: the compiler would reject these as literals. */
	const char *n = "a%nb", *y = "%y|%5y|%-08.3y";
	const char *tail = "abc%", *tail2 = "abc%-5";
	int target = 1234;

	CHECK("a%nb", n, &target);
	EXPECT_EQ(target, 1234);
	CHECK("%y|%5y|%-08.3y", y, 0);
	CHECK("abc%", tail, 0);
	CHECK("abc%-5", tail2, 0);
	/* An unknown conversion takes no argument. */
	CHECK("%y 7", "%y %d", 7);
}

#pragma GCC diagnostic pop

static const char *const len_mods[] = { "", "hh", "h", "l", "ll", "z", "t",
					"j" };
static const char *const widths[] = { "", "1", "6", "25" };
static const char *const precs[] = { "", ".", ".0", ".1", ".4", ".23" };
static const long long int_values[] = {
	0, 1, -1, 2, -2, 7, 8, 42, -42, 127, 128, -128, -129, 255, 256,
	32767, 32768, -32769, 65535, 65536, INT_MAX, INT_MIN, UINT_MAX,
	(long long)UINT_MAX + 1, LLONG_MAX, LLONG_MIN, 0x123456789abcdefLL,
	-0x123456789abcdefLL,
};

/* Format @v with both printfs, passed as the type @len and @conv take. */
static void format_both(const char *fmt, const char *len, char conv,
			long long v, char *a, int *ra, char *b, int *rb)
{
	bool is_signed = conv == 'd' || conv == 'i';

#define BOTH(type)							\
	do {								\
		type x = (type)v;					\
		*ra = snprintf(a, OUT_SIZE, fmt, x);			\
		*rb = snprintf_host(b, OUT_SIZE, fmt, x);		\
	} while (0)

	if (len[0] == 'l' && len[1] == 'l') {
		if (is_signed)
			BOTH(long long);
		else
			BOTH(unsigned long long);
	} else if (len[0] == 'l') {
		if (is_signed)
			BOTH(long);
		else
			BOTH(unsigned long);
	} else if (len[0] == 'z' || len[0] == 't') {
		if (is_signed)
			BOTH(ptrdiff_t);
		else
			BOTH(size_t);
	} else if (len[0] == 'j') {
		if (is_signed)
			BOTH(intmax_t);
		else
			BOTH(uintmax_t);
	} else {
		if (is_signed)
			BOTH(int);
		else
			BOTH(unsigned int);
	}
#undef BOTH
}

TEST(integer_formats_match_glibc)
{
	static const char convs[] = "diuxXo", flag_chars[] = "-+ 0#";
	char fmt[32], a[OUT_SIZE], b[OUT_SIZE];
	int ra, rb, failures = 0;
	long checked = 0;

	for (const char *c = convs; *c; c++)
	for (size_t l = 0; l < sizeof(len_mods) / sizeof(len_mods[0]); l++)
	for (unsigned int fl = 0; fl < 32; fl++)
	for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
	for (size_t p = 0; p < sizeof(precs) / sizeof(precs[0]); p++) {
		char flags[8], *f = flags;

		for (int i = 0; i < 5; i++) {
			if (fl & (1u << i))
				*f++ = flag_chars[i];
		}
		*f = '\0';
		snprintf_host(fmt, sizeof(fmt), "%%%s%s%s%s%c", flags,
			      widths[w], precs[p], len_mods[l], *c);
		for (size_t v = 0; v < sizeof(int_values) /
				       sizeof(int_values[0]); v++) {
			format_both(fmt, len_mods[l], *c, int_values[v], a,
				    &ra, b, &rb);
			checked++;
			if ((ra != rb || strcmp_host(a, b)) &&
			    failures++ < 20)
				unit_fail(__FILE__, __LINE__,
					  "\"%s\" of %lld: \"%s\" (%d), glibc \"%s\" (%d)",
					  fmt, int_values[v], a, ra, b, rb);
		}
	}
	EXPECT_EQ(failures, 0);
	EXPECT(checked > 800000);
}

TEST(string_and_char_formats_match_glibc)
{
	static const char *const strs[] = { "", "a", "hello", "hello, world!",
					    "tab\there" };
	static const char *const flags[] = { "", "-" };
	static const char chars[] = { 'a', ' ', '~', '\x7f' };
	char fmt[32], a[OUT_SIZE], b[OUT_SIZE];

	for (size_t f = 0; f < 2; f++)
	for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
	for (size_t p = 0; p < sizeof(precs) / sizeof(precs[0]); p++) {
		snprintf_host(fmt, sizeof(fmt), "[%%%s%s%ss]", flags[f],
			      widths[w], precs[p]);
		for (size_t s = 0; s < sizeof(strs) / sizeof(strs[0]); s++) {
			int ra = snprintf(a, sizeof(a), fmt, strs[s]);
			int rb = snprintf_host(b, sizeof(b), fmt, strs[s]);

			EXPECT_EQ(ra, rb);
			EXPECT_STREQ(a, b);
		}
		snprintf_host(fmt, sizeof(fmt), "[%%%s%sc]", flags[f],
			      widths[w]);
		for (size_t c = 0; c < sizeof(chars); c++) {
			int ra = snprintf(a, sizeof(a), fmt, chars[c]);
			int rb = snprintf_host(b, sizeof(b), fmt, chars[c]);

			EXPECT_EQ(ra, rb);
			EXPECT_STREQ(a, b);
		}
	}
}

TEST(mixed_formats_match_glibc)
{
	SAME("%d %s %c %x %o %u %%", -17, "str", 'q', 0xbeefu, 8u, 99u);
	SAME("[%-10s][%10.3s][%-+6d][% 06d][%#-8x]", "left", "right", 42, 42,
	     42u);
	SAME("%hhd %hd %d %ld %lld %zd %td %jd", (signed char)-5, (short)-300,
	     -70000, -5000000000L, LLONG_MIN, (ptrdiff_t)-9, (ptrdiff_t)-10,
	     (intmax_t)-11);
	SAME("%hhx %hx %x %lx %llx %zx %tx %jx", (unsigned char)0xab,
	     (unsigned short)0xabcd, 0xabcdefu, 0x123456789UL, ULLONG_MAX,
	     (size_t)0x10, (ptrdiff_t)0x20, (uintmax_t)0x30);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
	/* Repeated and overridden flags. */
	SAME("%--5d|%00d|%++d|%  d|%##x", 1, 2, 3, 4, 5u);
	SAME("%-0*.*d|%+.*d", 8, 3, -5, 0, 0);
#pragma GCC diagnostic pop
}

TEST(truncation_never_overruns)
{
	static const char fmt[] = "%s=%08x [%-6d] %c%%";
	char want[64], buf[64];
	int full = snprintf_host(want, sizeof(want), fmt, "key", 0xabcu, -3,
				 'z');

	for (size_t size = 0; size <= (size_t)full + 2; size++) {
		int ret;

		memset_host(buf, GUARD, sizeof(buf));
		ret = snprintf(buf, size, fmt, "key", 0xabcu, -3, 'z');
		EXPECT_EQ(ret, full);
		if (size == 0) {
			EXPECT_EQ(buf[0], GUARD);
			continue;
		}
		size_t kept = size - 1 < (size_t)full ? size - 1 :
							(size_t)full;

		EXPECT_EQ(memcmp_host(buf, want, kept), 0);
		EXPECT_EQ(buf[kept], '\0');
		for (size_t i = kept + 1; i < sizeof(buf); i++)
			EXPECT_EQ(buf[i], GUARD);
	}
}

TEST(size_zero_with_null_buffer_counts)
{
	EXPECT_EQ(snprintf(NULL, 0, "%d-%s", 12345, "abc"), 9);
	EXPECT_EQ(snprintf(NULL, 0, "%s", ""), 0);
	EXPECT_EQ(snprintf(NULL, 0, "%300d", 1), 300);
}

TEST(wide_field_into_small_buffer)
{
	char buf[8];

	memset_host(buf, GUARD, sizeof(buf));
	EXPECT_EQ(snprintf(buf, sizeof(buf), "%1000d", 7), 1000);
	EXPECT_STREQ(buf, "       ");
	EXPECT_EQ(snprintf(buf, sizeof(buf), "%-1000d|", 7), 1001);
	EXPECT_STREQ(buf, "7      ");
	EXPECT_EQ(snprintf(buf, sizeof(buf), "%.500d", 7), 500);
	EXPECT_STREQ(buf, "0000000");
}

struct collect {
	char text[OUT_SIZE];
	size_t len;
	int calls;
};

static void collect_emit(void *ctx, const char *s, size_t len)
{
	struct collect *c = ctx;

	EXPECT(len > 0);
	memcpy_host(c->text + c->len, s, len);
	c->len += len;
	c->calls++;
}

static __attribute__((format(printf, 2, 3)))
int collect_printf(struct collect *c, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vformat(collect_emit, c, fmt, ap);
	va_end(ap);
	return ret;
}

TEST(vformat_emits_pieces_in_order)
{
	struct collect c = { .len = 0 };
	int ret = collect_printf(&c, "abc %05d|%-40s|%x", -12, "pad", 255u);

	c.text[c.len] = '\0';
	EXPECT_EQ(ret, (int)c.len);
	EXPECT_STREQ(c.text,
		     "abc -0012|pad                                     |ff");
	EXPECT(c.calls > 1);
	c.len = 0;
	EXPECT_EQ(collect_printf(&c, "%s", ""), 0);
	EXPECT_EQ(c.len, 0);
}
