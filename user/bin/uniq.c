/*
 * uniq: print the lines of a sorted input without adjacent repeats, or
 * only the repeated (-d) or unique (-u) ones, with counts (-c); fields
 * and characters may be skipped before comparing (-f, -s, -w).
 */
#include "textutil.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char usage[] =
	"usage: uniq [-cdiu] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]\n"
	"Print INPUT (or stdin) without adjacent repeated lines.\n"
	"  -c  prefix lines by their number of occurrences\n"
	"  -d  only print repeated lines    -u  only unrepeated lines\n"
	"  -i  ignore case                  -f N  skip N fields first\n"
	"  -s N  skip N characters first    -w N  compare at most N chars\n";

static int counts, only_dup, only_uniq, icase;
static unsigned long long skip_fields, skip_chars, max_chars = ~0ULL;

/* The compared part of a line. */
static const char *compared(const char *s, size_t len, size_t *clen)
{
	const char *end = s + len;

	for (unsigned long long f = 0; f < skip_fields; f++) {
		while (s < end && isblank((unsigned char)*s))
			s++;
		while (s < end && !isblank((unsigned char)*s))
			s++;
	}
	for (unsigned long long c = 0; c < skip_chars && s < end; c++)
		s++;
	*clen = end - s;
	if (*clen > max_chars)
		*clen = max_chars;
	return s;
}

static int same(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t la, lb;

	a = compared(a, alen, &la);
	b = compared(b, blen, &lb);
	if (la != lb)
		return 0;
	return icase ? !strncasecmp(a, b, la) : !memcmp(a, b, la);
}

static void emit(FILE *out, const char *s, size_t len, unsigned long n)
{
	if ((only_dup && n < 2) || (only_uniq && n > 1))
		return;
	if (counts)
		fprintf(out, "%7lu ", n);
	fwrite(s, 1, len, out);
	putc('\n', out);
}

static void uniq(FILE *in, FILE *out)
{
	char *prev = NULL, *line = NULL;
	size_t pcap = 0, cap = 0, plen = 0;
	unsigned long n = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, in)) >= 0) {
		if (len && line[len - 1] == '\n')
			len--;
		if (n && same(prev, plen, line, len)) {
			n++;
			continue;
		}
		if (n)
			emit(out, prev, plen, n);
		if (pcap < (size_t)len + 1)
			prev = xrealloc(prev, pcap = len + 1);
		memcpy(prev, line, len);
		plen = len;
		n = 1;
	}
	if (n)
		emit(out, prev, plen, n);
	free(prev);
	free(line);
}

static void parse_num(const char *arg, unsigned long long *v)
{
	if (text_parse_ulong(arg, v))
		usage_error("invalid number: '%s'", arg);
}

int main(int argc, char **argv)
{
	FILE *in = stdin, *out = stdout;
	int c;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("cdf:is:uw:"))) != -1) {
		switch (c) {
		case 'c': counts = 1; break;
		case 'd': only_dup = 1; break;
		case 'u': only_uniq = 1; break;
		case 'i': icase = 1; break;
		case 'f': parse_num(optarg, &skip_fields); break;
		case 's': parse_num(optarg, &skip_chars); break;
		case 'w': parse_num(optarg, &max_chars); break;
		default: text_bad_option(c);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 2)
		usage_error("extra operand '%s'", argv[2]);
	if (argc > 0 && !(in = text_open(argv[0], 0)))
		return 1;
	if (argc > 1 && strcmp(argv[1], "-") && !(out = fopen(argv[1], "w")))
		die("%s:", argv[1]);
	uniq(in, out);
	if (text_close(in))
		die("%s: read error", argv[0]);
	if (fflush(out) || ferror(out) || (out != stdout && fclose(out)))
		die("write error:");
	return 0;
}
