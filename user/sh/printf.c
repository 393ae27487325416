/*
 * The echo and printf builtins (sh.h). echo takes -n and -e (escapes
 * only with -e, like bash); printf reuses its format while arguments
 * remain, as POSIX says.
 */
#include "sh.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One backslash escape at *p (after the backslash); returns the
 * character, -1 for \c (stop output). @octal0: \0NNN as in %b. */
static int escape(const char **p, int octal0)
{
	const char *s = *p;
	int c = *s++, v = 0, k;

	switch (c) {
	case 'a': c = '\a'; break;
	case 'b': c = '\b'; break;
	case 'e': c = 033; break;
	case 'f': c = '\f'; break;
	case 'n': c = '\n'; break;
	case 'r': c = '\r'; break;
	case 't': c = '\t'; break;
	case 'v': c = '\v'; break;
	case 'c': *p = s; return -1;
	case '\\': break;
	default:
		if (c >= '0' && c <= '7') {
			int max = (octal0 && c == '0') ? 4 : 3;

			s--;
			for (k = 0; k < max && *s >= '0' && *s <= '7'; k++)
				v = v * 8 + (*s++ - '0');
			c = v & 0xff;
		} else {
			s--;
			c = '\\';
		}
	}
	*p = s;
	return c;
}

/* Print @s with escapes; returns -1 after \c. */
static int put_escaped(const char *s, int octal0)
{
	while (*s) {
		int c = (unsigned char)*s++;

		if (c == '\\' && *s) {
			c = escape(&s, octal0);
			if (c < 0)
				return -1;
		}
		putchar(c);
	}
	return 0;
}

int echo_builtin(char **argv)
{
	int i = 1, nl = 1, esc = 0;

	for (; argv[i] && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *p = argv[i] + 1;

		if (strspn(p, "neE") != strlen(p))
			break;
		for (; *p; p++) {
			if (*p == 'n')
				nl = 0;
			else
				esc = *p == 'e';
		}
	}
	for (; argv[i]; i++) {
		if (esc) {
			if (put_escaped(argv[i], 1) < 0)
				return 0;
		} else {
			fputs(argv[i], stdout);
		}
		if (argv[i + 1])
			putchar(' ');
	}
	if (nl)
		putchar('\n');
	return 0;
}

struct pf {
	char **args;
	int used;
	int err;
};

static const char *next_arg(struct pf *pf)
{
	if (!*pf->args)
		return NULL;
	pf->used = 1;
	return *pf->args++;
}

static long num_arg(struct pf *pf)
{
	const char *s = next_arg(pf);
	char *end;
	long v;

	if (!s || !*s)
		return 0;
	if (*s == '\'' || *s == '"')
		return (unsigned char)s[1];
	errno = 0;
	v = strtol(s, &end, 0);
	if (*end || errno) {
		sh_err("printf: %s: invalid number", s);
		pf->err = 1;
	}
	return v;
}

static void conversion(struct pf *pf, char *spec, size_t len, char conv)
{
	const char *s;

	spec[len] = 0;
	switch (conv) {
	case 'd': case 'i':
		strcpy(spec + len - 1, "ld");
		printf(spec, num_arg(pf));
		break;
	case 'u': case 'x': case 'X': case 'o':
		spec[len - 1] = 'l';
		spec[len] = conv;
		spec[len + 1] = 0;
		printf(spec, (unsigned long)num_arg(pf));
		break;
	case 'c':
		s = next_arg(pf);
		printf(spec, s ? *s : 0);
		break;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		s = next_arg(pf);
		printf(spec, s ? strtod(s, NULL) : 0.0);
		break;
	default:	/* s */
		s = next_arg(pf);
		printf(spec, s ? s : "");
	}
}

/* One %... directive at *p (on the '%'); returns -1 after %b's \c. */
static int directive(struct pf *pf, const char **p)
{
	char spec[64];
	size_t len = 0;
	const char *s = *p + 1;

	spec[len++] = '%';
	while (*s && strchr("-+ #0", *s) && len < 20)
		spec[len++] = *s++;
	for (int part = 0; part < 2; part++) {
		if (*s == '*') {
			len += (size_t)snprintf(spec + len, 16, "%ld",
						num_arg(pf));
			s++;
		}
		while (isdigit((unsigned char)*s) && len < 40)
			spec[len++] = *s++;
		if (part == 0 && *s == '.')
			spec[len++] = *s++;
		else
			break;
	}
	*p = s + (*s ? 1 : 0);
	if (*s == '%') {
		putchar('%');
	} else if (*s == 'b') {
		const char *a = next_arg(pf);

		return put_escaped(a ? a : "", 1);
	} else if (*s && strchr("diuxXocsfFeEgG", *s)) {
		spec[len++] = *s;
		conversion(pf, spec, len, *s);
	} else {
		sh_err("printf: %%%c: invalid directive", *s);
		pf->err = 1;
		return -1;
	}
	return 0;
}

int printf_builtin(char **argv)
{
	struct pf pf = { 0 };
	const char *fmt, *p;

	if (argv[1] && !strcmp(argv[1], "--"))
		argv++;
	if (!argv[1]) {
		sh_err("usage: printf format [arguments...]");
		return 2;
	}
	fmt = argv[1];
	pf.args = argv + 2;
	do {
		pf.used = 0;
		for (p = fmt; *p; ) {
			if (*p == '%') {
				if (directive(&pf, &p) < 0)
					return pf.err;
			} else if (*p == '\\' && p[1]) {
				int c;

				p++;
				c = escape(&p, 0);
				if (c < 0)
					return pf.err;
				putchar(c);
			} else {
				putchar(*p++);
			}
		}
	} while (*pf.args && pf.used);
	return pf.err;
}
