/*
 * cut: print selected bytes (-b), characters (-c, bytes here as in the
 * C locale) or delimited fields (-f) of each line, by lists like
 * 1,3-5,7-.
 */
#include "textutil.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [-n] "
	"[--complement]\n"
	"           [--output-delimiter=STR] [FILE...]\n"
	"Print the selected parts of the lines of FILEs (or stdin).\n"
	"  -b LIST  bytes          -c LIST  characters (bytes)\n"
	"  -f LIST  fields         -d DELIM field delimiter (default tab)\n"
	"  -s       with -f, skip lines without a delimiter\n"
	"  --complement  select what LIST does not\n"
	"LIST is ranges N, N-M, N-, -M separated by commas, from 1.\n";

struct range {
	unsigned long lo, hi;
};

static struct range *ranges;
static size_t nranges;
static int complement, only_delimited, fields;
static char delim = '\t';
static const char *out_delim;

static unsigned long parse_bound(const char **p, const char *list)
{
	unsigned long v = 0;

	while (**p >= '0' && **p <= '9') {
		if (v > 1000000000UL)
			usage_error("list too large: '%s'", list);
		v = v * 10 + (*(*p)++ - '0');
	}
	return v;
}

static void parse_list(const char *list)
{
	const char *p = list;
	struct range r;

	if (ranges)
		usage_error("only one list may be specified");
	do {
		int has_lo = *p >= '0' && *p <= '9';

		r.lo = has_lo ? parse_bound(&p, list) : 1;
		r.hi = r.lo;
		if (*p == '-') {
			p++;
			r.hi = (*p >= '0' && *p <= '9') ?
			       parse_bound(&p, list) : ~0UL;
			if (!has_lo && r.hi == ~0UL)
				usage_error("invalid range: '%s'", list);
		} else if (!has_lo) {
			usage_error("invalid list: '%s'", list);
		}
		if (!r.lo || !r.hi)
			usage_error("positions are numbered from 1: '%s'",
				    list);
		if (r.hi < r.lo)
			usage_error("invalid decreasing range: '%s'", list);
		if (*p && *p != ',')
			usage_error("invalid list: '%s'", list);
		ranges = xrealloc(ranges, (nranges + 1) * sizeof(*ranges));
		ranges[nranges++] = r;
	} while (*p++ == ',');
}

static int selected(unsigned long pos)
{
	for (size_t i = 0; i < nranges; i++)
		if (pos >= ranges[i].lo && pos <= ranges[i].hi)
			return !complement;
	return complement;
}

static void cut_bytes(const char *s, size_t len)
{
	int prev = 1, any = 0;

	for (size_t i = 0; i < len; i++) {
		int sel = selected(i + 1);

		if (sel && !prev && any && out_delim)
			fputs(out_delim, stdout);
		if (sel) {
			putchar(s[i]);
			any = 1;
		}
		prev = sel;
	}
	putchar('\n');
}

static void cut_fields(const char *s, size_t len)
{
	const char *end = s + len, *p = s, *f;
	unsigned long n = 1;
	int any = 0;

	if (!memchr(s, delim, len)) {
		if (!only_delimited) {
			fwrite(s, 1, len, stdout);
			putchar('\n');
		}
		return;
	}
	for (; p <= end; n++) {
		f = memchr(p, delim, end - p);
		if (!f)
			f = end;
		if (selected(n)) {
			if (any++) {
				if (out_delim)
					fputs(out_delim, stdout);
				else
					putchar(delim);
			}
			fwrite(p, 1, f - p, stdout);
		}
		p = f + 1;
	}
	putchar('\n');
}

static int cut_file(const char *name)
{
	FILE *f = text_open(name, 0);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!f)
		return 1;
	while ((len = getline(&line, &cap, f)) >= 0) {
		if (len && line[len - 1] == '\n')
			len--;
		if (fields)
			cut_fields(line, len);
		else
			cut_bytes(line, len);
	}
	free(line);
	if (text_close(f)) {
		warnmsg("%s: read error", name);
		return 1;
	}
	return 0;
}

static const struct option longopts[] = {
	{ "complement", no_argument, NULL, 'C' },
	{ "output-delimiter", required_argument, NULL, 'O' },
	{ NULL, 0, NULL, 0 },
};

static void parse_options(int argc, char **argv)
{
	int c, have_delim = 0;

	opterr = 0;
	while ((c = getopt_long(argc, argv, TEXT_OPTS("b:c:d:f:ns"),
				longopts, NULL)) != -1) {
		switch (c) {
		case 'b':
		case 'c': parse_list(optarg); break;
		case 'f': parse_list(optarg); fields = 1; break;
		case 'd':
			if (strlen(optarg) > 1)
				usage_error("the delimiter must be a single "
					    "character");
			delim = optarg[0];
			have_delim = 1;
			break;
		case 'n': break;	/* bytes are characters here */
		case 's': only_delimited = 1; break;
		case 'C': complement = 1; break;
		case 'O': out_delim = optarg; break;
		default:
			if (c == '?' && !optopt)
				usage_error("invalid option '%s'",
					    argv[optind - 1]);
			text_bad_option(c);
		}
	}
	if (!ranges)
		usage_error("you must specify a list of bytes, characters, "
			    "or fields");
	if (!fields && (have_delim || only_delimited))
		usage_error("-d and -s only apply to fields");
}

int main(int argc, char **argv)
{
	int ret = 0;

	util_init(argc, argv, usage, 0);
	parse_options(argc, argv);
	if (optind == argc)
		ret = cut_file("-");
	for (int i = optind; i < argc; i++)
		ret |= cut_file(argv[i]);
	text_flush_stdout();
	return ret;
}
