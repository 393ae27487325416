/*
 * String and memory functions for the kernel and the host tests (lib/string.c).
 * The host build renames them (tests/unit/compat.h) so they do not collide
 * with the C library's.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
/*
 * Zero @n bytes with stores the compiler may not drop as dead: for keys
 * and other secrets about to go out of scope.
 */
void memzero_explicit(void *p, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);
/* Appends like strlcpy; returns the length it tried to create. */
size_t strlcat(char *dst, const char *src, size_t size);

/* The value of digit @c in bases up to 36 (0-9, a-z, A-Z); 99 if none. */
int char_digit_value(char c);

/*
 * Parse an unsigned/signed integer in the given base (0: auto-detect 0x, 0).
 * The whole string must be a number; returns 0 or -EINVAL / -ERANGE.
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoll(const char *s, unsigned int base, long long *res);

#endif
