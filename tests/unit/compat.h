/*
 * Host build glue for pure kernel code: force-included (-include) ahead of
 * every other header when lib/, other pure sources and the unit tests
 * are compiled for the host (tests/unit/unit.mk).
 *
 * lib/ defines memcpy, strlen, snprintf and friends, which the C library
 * and the sanitizer runtimes define too. Renaming them here, before any
 * header is read, makes every mention of them (lib's headers, the code
 * under test, the tests, and even glibc's own declarations should a test
 * include <stdio.h>) refer to lib_memcpy and so on: the tests exercise
 * lib's versions under their normal names, and nothing collides.
 *
 * The C library's versions stay reachable under *_host names, declared
 * with asm labels so that they bind to the real symbols; tests use them to
 * compare against. strcmp_host comes from the harness (unittest.h), which
 * is compiled without this file so that it checks with glibc's strcmp.
 */
#ifndef UNIT_COMPAT_H
#define UNIT_COMPAT_H

/* include/arch.h: declare the interrupt-flag functions, a test defines them. */
#define HOST_UNIT_TEST 1

#include <stdarg.h>
#include <stddef.h>

/* Everything in include/lib/string.h and include/lib/printf.h. */
#define memcpy		lib_memcpy
#define memmove		lib_memmove
#define memset		lib_memset
#define memcmp		lib_memcmp
#define memchr		lib_memchr
#define strlen		lib_strlen
#define strnlen		lib_strnlen
#define strcmp		lib_strcmp
#define strncmp		lib_strncmp
#define strchr		lib_strchr
#define strrchr		lib_strrchr
#define strstr		lib_strstr
#define strlcpy		lib_strlcpy
#define strlcat		lib_strlcat
#define kstrtoull	lib_kstrtoull
#define kstrtoll	lib_kstrtoll
#define vsnprintf	lib_vsnprintf
#define snprintf	lib_snprintf

void *memcpy_host(void *dst, const void *src, size_t n) __asm__("memcpy");
void *memmove_host(void *dst, const void *src, size_t n) __asm__("memmove");
void *memset_host(void *dst, int c, size_t n) __asm__("memset");
int memcmp_host(const void *a, const void *b, size_t n) __asm__("memcmp");
void *memchr_host(const void *s, int c, size_t n) __asm__("memchr");
size_t strlen_host(const char *s) __asm__("strlen");
size_t strnlen_host(const char *s, size_t max) __asm__("strnlen");
int strncmp_host(const char *a, const char *b, size_t n) __asm__("strncmp");
char *strchr_host(const char *s, int c) __asm__("strchr");
char *strrchr_host(const char *s, int c) __asm__("strrchr");
char *strstr_host(const char *haystack, const char *needle)
	__asm__("strstr");
int snprintf_host(char *buf, size_t size, const char *fmt, ...)
	__asm__("snprintf") __attribute__((format(printf, 3, 4)));
int vsnprintf_host(char *buf, size_t size, const char *fmt, va_list ap)
	__asm__("vsnprintf") __attribute__((format(printf, 3, 0)));

#endif
