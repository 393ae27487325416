/*
 * Formatted output (lib/printf.c): the kernel's printf family.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%, with length modifiers
 * hh h l ll z t j, flags - + space 0 #, width and precision (also as *).
 * %p prints 0x followed by 16 hex digits.
 */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* Returns the length the full output would have (like C99 vsnprintf). */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
