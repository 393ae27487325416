/*
 * Small helpers of the shell (sh.h): growable strings, string vectors,
 * error messages and name checks. Everything else builds on these.
 */
#include "sh.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

static void sb_grow(struct strbuf *sb, size_t need)
{
	if (sb->len + need + 1 <= sb->cap)
		return;
	while (sb->len + need + 1 > sb->cap)
		sb->cap = sb->cap ? sb->cap * 2 : 32;
	sb->s = xrealloc(sb->s, sb->cap);
}

void sb_addc(struct strbuf *sb, int c)
{
	sb_grow(sb, 1);
	sb->s[sb->len++] = (char)c;
	sb->s[sb->len] = 0;
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = 0;
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	sb_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

char *sb_take(struct strbuf *sb)
{
	char *s = sb->s ? sb->s : xstrdup("");

	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sb_free(struct strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

void sv_push(struct strv *sv, char *s)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = xrealloc(sv->v, sizeof(char *) * (size_t)sv->cap);
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void sv_free(struct strv *sv)
{
	for (int i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

void sh_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	if (sh.script && sh.in)
		fprintf(stderr, "sh: line %d: ", sh.lineno);
	else
		fputs("sh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int is_name_n(const char *s, size_t n)
{
	if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
			return 0;
	return 1;
}

int is_name(const char *s)
{
	return is_name_n(s, strlen(s));
}

/* A decimal integer with optional sign and surrounding blanks. */
int parse_int(const char *s, long *out)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return -1;
	errno = 0;
	*out = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	return (*end || errno) ? -1 : 0;
}

/* A close-on-exec copy of @fd at @min or above; F_DUPFD_CLOEXEC where
 * the kernel has it, else F_DUPFD and FD_CLOEXEC. */
int dup_high(int fd, int min)
{
	int copy = fcntl(fd, F_DUPFD_CLOEXEC, min);

	if (copy >= 0 || errno == EBADF)
		return copy;
	copy = fcntl(fd, F_DUPFD, min);
	if (copy >= 0)
		fcntl(copy, F_SETFD, FD_CLOEXEC);
	return copy;
}
