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

/*
 * Returns the length the full output would have (like C99 vsnprintf), or
 * -1 if that exceeds INT_MAX. Never writes more than @size bytes, and
 * always terminates the buffer when @size > 0 (@buf may be NULL if 0).
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The formatting core, for output that does not go to a buffer (consoles,
 * the log ring): calls @emit with consecutive pieces of the output, in
 * order, and returns the total length like vsnprintf.
 */
int vformat(void (*emit)(void *ctx, const char *s, size_t len), void *ctx,
	    const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif
