/*
 * tr: translate, delete (-d) or squeeze (-s) bytes of stdin into stdout.
 * Sets know escapes (\n, \t, \\, \NNN), ranges (a-z), classes
 * ([:upper:] ...), [=c=], and repeats [c*n] and [c*] in SET2.
 */
#include "textutil.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: tr [-cdst] SET1 [SET2]\n"
	"Copy stdin to stdout, translating bytes of SET1 into those of "
	"SET2.\n"
	"  -c  use the complement of SET1   -d  delete bytes in SET1\n"
	"  -s  squeeze repeats of the bytes in the last SET\n"
	"  -t  truncate SET1 to the length of SET2\n"
	"Sets: a-z ranges, \\n \\t \\\\ \\NNN escapes, [:alpha:] [:alnum:] "
	"[:digit:]\n"
	"[:lower:] [:upper:] [:space:] [:blank:] [:punct:] [:print:] "
	"[:graph:]\n"
	"[:cntrl:] [:xdigit:] classes, [=c=], and [c*N] or [c*] in SET2.\n";

#define SET_MAX	65536

struct set {
	unsigned char c[SET_MAX];
	size_t len;
	long fill;		/* where [c*] goes in SET2, or -1 */
};

static const struct {
	const char *name;
	int (*is)(int);
} classes[] = {
	{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank },
	{ "cntrl", iscntrl }, { "digit", isdigit }, { "graph", isgraph },
	{ "lower", islower }, { "print", isprint }, { "punct", ispunct },
	{ "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
};

static void push(struct set *s, int c)
{
	if (s->len == SET_MAX)
		usage_error("set too long");
	s->c[s->len++] = c;
}

/* One possibly escaped byte at *p. */
static int next_char(const char **p)
{
	const char *s = *p;
	int v = 0, n = 0;

	if (*s != '\\' || !s[1]) {
		*p = s + 1;
		return (unsigned char)*s;
	}
	s++;
	if (*s >= '0' && *s <= '7') {
		while (n < 3 && *s >= '0' && *s <= '7' &&
		       v * 8 + (*s - '0') <= 0377) {
			v = v * 8 + (*s++ - '0');
			n++;
		}
		*p = s;
		return v;
	}
	*p = s + 1;
	switch (*s) {
	case 'a': return '\a';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	case 'v': return '\v';
	default: return (unsigned char)*s;
	}
}

/* [:class:] at @q, ending at @end (its ":]"): push its bytes. */
static void push_class(struct set *s, const char *q, const char *end)
{
	size_t len = end - q - 2;

	for (size_t i = 0; i < sizeof(classes) / sizeof(*classes); i++) {
		if (strlen(classes[i].name) != len ||
		    strncmp(classes[i].name, q + 2, len))
			continue;
		for (int c = 0; c < 256; c++)
			if (classes[i].is(c))
				push(s, c);
		return;
	}
	usage_error("invalid character class '%.*s'", (int)len, q + 2);
}

/* [c*n] (n copies) or [c*] (fill SET2 up to SET1's length); @q is at
 * the '*', @end at the ']'. */
static void push_repeat(struct set *s, int c, const char *q,
			const char *end)
{
	unsigned long n = 0;
	char *e;

	if (end > q + 1) {
		errno = 0;
		n = strtoul(q + 1, &e, q[1] == '0' ? 8 : 10);
		if (e != end || errno || n > SET_MAX)
			usage_error("invalid repeat count '%.*s'",
				    (int)(end - q - 1), q + 1);
	}
	if (n) {
		while (n--)
			push(s, c);
		return;
	}
	if (s->fill >= 0)
		usage_error("only one [c*] repeat construct may appear in "
			    "SET2");
	s->fill = s->len;
	push(s, c);
}

/* A bracketed element at *p ([:class:], [=c=], [c*n]); 0 if none. */
static int bracket(const char **p, struct set *s, int is_set2)
{
	const char *q = *p, *end;
	int c;

	if (q[0] != '[' || !q[1])
		return 0;
	if (q[1] == ':' && (end = strstr(q + 2, ":]"))) {
		push_class(s, q, end);
		*p = end + 2;
		return 1;
	}
	if (q[1] == '=' && q[2] && q[3] == '=' && q[4] == ']') {
		push(s, (unsigned char)q[2]);
		*p = q + 5;
		return 1;
	}
	q++;
	c = next_char(&q);
	if (*q != '*' || !(end = strchr(q, ']')))
		return 0;
	if (!is_set2)
		usage_error("the [c*] repeat construct may not appear in SET1");
	push_repeat(s, c, q, end);
	*p = end + 1;
	return 1;
}

static void parse_set(const char *p, struct set *s, int is_set2)
{
	int c, hi;

	s->len = 0;
	s->fill = -1;
	while (*p) {
		if (bracket(&p, s, is_set2))
			continue;
		c = next_char(&p);
		if (*p == '-' && p[1]) {
			p++;
			hi = next_char(&p);
			if (hi < c)
				usage_error("range-endpoints of '%c-%c' are in "
					    "reverse collating sequence order",
					    c, hi);
			while (c <= hi)
				push(s, c++);
		} else {
			push(s, c);
		}
	}
}

static struct set set1, set2;
static int complement, delete, squeeze, truncate_set1;
static int map[256];
static unsigned char in_set1[256], in_squeeze[256];

static void complement_set1(void)
{
	unsigned char present[256] = { 0 };

	for (size_t i = 0; i < set1.len; i++)
		present[set1.c[i]] = 1;
	set1.len = 0;
	for (int c = 0; c < 256; c++)
		if (!present[c])
			push(&set1, c);
}

/* Make [c*] fill SET2 up to the length of SET1. */
static void fill_set2(void)
{
	size_t n;

	if (set2.fill < 0)
		return;
	n = set1.len > set2.len ? set1.len - set2.len : 0;
	if (set2.len + n > SET_MAX)
		usage_error("set too long");
	memmove(set2.c + set2.fill + 1 + n, set2.c + set2.fill + 1,
		set2.len - set2.fill - 1);
	memset(set2.c + set2.fill + 1, set2.c[set2.fill], n);
	set2.len += n;
}

static void build_tables(int nsets)
{
	for (int c = 0; c < 256; c++)
		map[c] = c;
	for (size_t i = 0; i < set1.len; i++)
		in_set1[set1.c[i]] = 1;
	if (squeeze) {
		const struct set *sq = nsets == 2 ? &set2 : &set1;

		for (size_t i = 0; i < sq->len; i++)
			in_squeeze[sq->c[i]] = 1;
	}
	if (delete || nsets < 2)
		return;
	if (!set2.len)
		usage_error("when not truncating SET1, SET2 must be "
			    "non-empty");
	if (truncate_set1 && set1.len > set2.len)
		set1.len = set2.len;
	for (size_t i = 0; i < set1.len; i++)
		map[set1.c[i]] = set2.c[i < set2.len ? i : set2.len - 1];
}

static void run(void)
{
	static unsigned char in[65536], out[65536];
	int last = -1;
	ssize_t n;
	size_t o;

	while ((n = read(0, in, sizeof(in))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("read error:");
		o = 0;
		for (ssize_t i = 0; i < n; i++) {
			int c = in[i];

			if (delete && in_set1[c])
				continue;
			c = map[c];
			if (squeeze && c == last && in_squeeze[c])
				continue;
			out[o++] = c;
			last = c;
		}
		if (write_all(1, out, o))
			die("write error:");
	}
}

int main(int argc, char **argv)
{
	int c, nsets, need;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("Ccdst"))) != -1) {
		switch (c) {
		case 'C':
		case 'c': complement = 1; break;
		case 'd': delete = 1; break;
		case 's': squeeze = 1; break;
		case 't': truncate_set1 = 1; break;
		default: text_bad_option(c);
		}
	}
	nsets = argc - optind;
	need = (delete && !squeeze) || (squeeze && !delete) ? 1 : 2;
	if (nsets < need)
		usage_error("missing operand");
	if (nsets > 2 || (nsets == 2 && delete && !squeeze))
		usage_error("extra operand '%s'", argv[optind + nsets - 1]);
	parse_set(argv[optind], &set1, 0);
	if (complement)
		complement_set1();
	if (nsets == 2) {
		parse_set(argv[optind + 1], &set2, 1);
		fill_set2();
	}
	build_tables(nsets);
	run();
	return 0;
}
