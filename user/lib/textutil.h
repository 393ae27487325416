/*
 * Shared helpers of Ferrite's text and system utilities (grep, sort, ps,
 * ...; user/bin): opening inputs where "-" is standard input, strict
 * number parsing, getopt error reporting, and small /proc readers. The
 * general helpers (messages, exit codes, allocation) are in util.h.
 */
#ifndef FERRITE_TEXTUTIL_H
#define FERRITE_TEXTUTIL_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/*
 * Open @name for reading ("-" is stdin). On failure print
 * "prog: name: error" (unless @quiet) and return NULL.
 */
FILE *text_open(const char *name, int quiet);
/* Close what text_open returned (stdin stays open); -1 on a read error. */
int text_close(FILE *f);

/*
 * Parse a whole decimal number; 0 on success, -1 if @s is not one
 * (empty, trailing junk, out of range).
 */
int text_parse_long(const char *s, long long *out);
int text_parse_ulong(const char *s, unsigned long long *out);
/* Like text_parse_ulong, with an optional suffix b (512), K, M, G, T
 * (powers of 1024) or KB, MB, GB, TB (powers of 1000). */
int text_parse_size(const char *s, unsigned long long *out);

/*
 * getopt() with opterr = 0 and an optstring starting with ":" returns
 * '?' or ':' on a bad option; report it as a usage error (exit 2).
 */
void text_bad_option(int c) __attribute__((noreturn));
/* Make getopt() stop at the first operand under glibc as under musl. */
#define TEXT_OPTS(s)	"+:" s

/* Read a small file (in /proc) into @buf, NUL-terminated; the length, or
 * -1 with errno set. */
ssize_t text_read_file(const char *path, char *buf, size_t len);
/* The value of "Key:" in a "Key: value" file like /proc/meminfo, or -1. */
long long text_meminfo(const char *buf, const char *key);

/* Flush stdout and die with "write error" if it failed (EPIPE...). */
void text_flush_stdout(void);

#endif
