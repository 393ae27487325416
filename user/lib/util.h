/*
 * The small library every Ferrite utility links (the files of user/lib): program
 * name, --help handling, error messages on stderr prefixed with the
 * program's name, and the exit codes of CONVENTIONS.md (0 success, 1
 * error, 2 usage). Plain POSIX C: it builds with musl for Ferrite and
 * with glibc for the host tests.
 */
#ifndef FERRITE_UTIL_H
#define FERRITE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define EXIT_USAGE	2

/* The name the program was run by (basename of argv[0]). */
extern const char *prog_name;

/*
 * Set prog_name from argv[0]. If an argument before "--" is "--help" (or
 * -h when @h_is_help), print @usage (its first line is "usage: NAME ...")
 * to stdout and exit 0.
 */
void util_init(int argc, char **argv, const char *usage, int h_is_help);

/* "prog: message" on stderr; with the errno text when the format ends
 * in ':' (like BSD's warn/err). */
void warnmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
/* "prog: message" and the usage line hint on stderr, exit 2. */
void usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/* Human-readable size: 1023 -> "1023", 1536 -> "1.5K", 3 << 20 -> "3.0M". */
char *human_size(uint64_t bytes, char *buf, size_t len);

/* Allocation that dies with a message instead of returning NULL. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Write all of @buf to @fd, retrying short writes and EINTR; -1 on error. */
int write_all(int fd, const void *buf, size_t len);

#endif
