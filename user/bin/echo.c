/*
 * echo: write the arguments, separated by spaces, and a newline. -n
 * drops the newline, -e interprets backslash escapes (\n \t \\ \0NNN
 * \xHH \c ...), -E turns them off again. Like other echos it takes
 * options only as leading words made of those letters, and --help only
 * as its sole argument, so that any other text is printed as given.
 */
#include "util.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: echo [-neE] [STRING]...\n"
	"Write the STRINGs, separated by spaces, and a newline.\n"
	"  -n  no trailing newline\n"
	"  -e  interpret backslash escapes: \\\\ \\a \\b \\c (stop output)"
	" \\e \\f \\n \\r \\t \\v\n"
	"      \\0NNN (octal byte) \\xHH (hex byte)\n"
	"  -E  do not interpret escapes (the default)\n";

static int is_option(const char *s)
{
	if (s[0] != '-' || s[1] == '\0')
		return 0;
	for (s++; *s; s++)
		if (!strchr("neE", *s))
			return 0;
	return 1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Print @s with escapes; returns 1 when \c asked to stop all output. */
static int put_escaped(const char *s)
{
	static const char from[] = "abefnrtv\\", to[] = "\a\b\033\f\n\r\t\v\\";
	const char *hit;
	int v, i;

	for (; *s; s++) {
		if (*s != '\\' || s[1] == '\0') {
			putchar(*s);
			continue;
		}
		s++;
		if (*s == 'c')
			return 1;
		if ((hit = strchr(from, *s))) {
			putchar(to[hit - from]);
		} else if (*s == '0') {
			for (v = 0, i = 0; i < 3 && s[1] >= '0' && s[1] <= '7';
			     i++)
				v = v * 8 + (*++s - '0');
			putchar(v);
		} else if (*s == 'x' && hexval(s[1]) >= 0) {
			v = hexval(*++s);
			if (hexval(s[1]) >= 0)
				v = v * 16 + hexval(*++s);
			putchar(v);
		} else {
			putchar('\\');
			putchar(*s);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int newline = 1, escapes = 0, i = 1, stop = 0;

	util_init(1, argv, usage, 0);
	if (argc == 2 && !strcmp(argv[1], "--help")) {
		fputs(usage, stdout);
		return 0;
	}
	for (; i < argc && is_option(argv[i]); i++) {
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				newline = 0;
			else
				escapes = *p == 'e';
		}
	}
	for (int first = i; i < argc && !stop; i++) {
		if (i > first)
			putchar(' ');
		if (escapes)
			stop = put_escaped(argv[i]);
		else
			fputs(argv[i], stdout);
	}
	if (newline && !stop)
		putchar('\n');
	if (fflush(stdout) == EOF || ferror(stdout))
		die("write error:");
	return 0;
}
