/*
 * String and memory functions (include/lib/string.h), written for the
 * kernel and also built on the host for the unit tests, where
 * tests/unit/compat.h renames them to lib_* so they do not collide with
 * the C library. Integer parsing for command lines and config text is here
 * too (kstrtoull, kstrtoll); formatting lives next door in lib/printf.c.
 */
#include <stdbool.h>
#include <stdint.h>
#include "errno.h"
#include "lib/string.h"

/*
 * memcpy and memset move a word at a time when both pointers are word
 * aligned. The accesses go through a may_alias type so that the compiler
 * does not assume they cannot touch the caller's objects of other types.
 */
typedef unsigned long __attribute__((may_alias)) word_alias_t;

#define WORD_SIZE	sizeof(unsigned long)
#define WORD_MASK	(WORD_SIZE - 1)

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & WORD_MASK) == 0) {
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(word_alias_t *)d = *(const word_alias_t *)s;
			d += WORD_SIZE;
			s += WORD_SIZE;
		}
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Copying forwards is safe unless dst starts inside src. */
	if ((uintptr_t)d - (uintptr_t)s >= n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned long word = (unsigned char)c * (~0UL / 0xff);

	while (n && ((uintptr_t)d & WORD_MASK)) {
		*d++ = (unsigned char)c;
		n--;
	}
	for (; n >= WORD_SIZE; n -= WORD_SIZE) {
		*(word_alias_t *)d = word;
		d += WORD_SIZE;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

/*
 * memset() on an object that is never read again is a dead store the
 * compiler may remove; stores through a volatile pointer never are.
 */
void memzero_explicit(void *p, size_t n)
{
	volatile unsigned char *d = p;

	while (n && ((uintptr_t)d & WORD_MASK)) {
		*d++ = 0;
		n--;
	}
	for (; n >= WORD_SIZE; n -= WORD_SIZE) {
		*(volatile word_alias_t *)d = 0;
		d += WORD_SIZE;
	}
	while (n--)
		*d++ = 0;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* Characters compare as unsigned char, as the C standard requires. */
int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (!*p)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++) {
		if (strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
	}
	return n ? NULL : (char *)haystack;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen = strnlen(dst, size);

	/* No terminator within size: nothing can be appended. */
	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dst + dlen, src, size - dlen);
}

int char_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* Work out the base from a 0x or 0 prefix and skip the 0x. */
static const char *parse_prefix(const char *s, unsigned int *base)
{
	bool hex_prefix = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
			  char_digit_value(s[2]) < 16;

	if (*base == 0) {
		if (hex_prefix)
			*base = 16;
		else if (s[0] == '0' && s[1])
			*base = 8;
		else
			*base = 10;
	}
	if (*base == 16 && hex_prefix)
		s += 2;
	return s;
}

/*
 * Parse the digits of an unsigned number: the whole string must be digits
 * of @base. Garbage wins over overflow: "99999999999999999999x" is not a
 * number at all, so it is -EINVAL rather than -ERANGE.
 */
static int parse_unsigned(const char *s, unsigned int base,
			  unsigned long long *res)
{
	unsigned long long val = 0;
	bool overflow = false;

	if (base == 1 || base > 36)
		return -EINVAL;
	s = parse_prefix(s, &base);
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned int d = char_digit_value(*s);

		if (d >= base)
			return -EINVAL;
		if (val > (~0ULL - d) / base)
			overflow = true;
		val = val * base + d;
	}
	if (overflow)
		return -ERANGE;
	*res = val;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (*s == '+')
		s++;
	return parse_unsigned(s, base, res);
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long mag;
	bool neg = *s == '-';
	int err;

	if (*s == '-' || *s == '+')
		s++;
	err = parse_unsigned(s, base, &mag);
	if (err)
		return err;
	if (neg) {
		if (mag > (unsigned long long)__LONG_LONG_MAX__ + 1)
			return -ERANGE;
		/* Written so that LLONG_MIN itself does not overflow. */
		*res = mag ? -(long long)(mag - 1) - 1 : 0;
	} else {
		if (mag > __LONG_LONG_MAX__)
			return -ERANGE;
		*res = mag;
	}
	return 0;
}
