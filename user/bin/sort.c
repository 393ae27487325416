/*
 * sort: sort the lines of files in byte order (the C locale), or by keys
 * (-k) made of fields and characters, numerically (-n), reversed (-r),
 * without duplicates (-u); -c checks that input is sorted. The sort is a
 * merge sort, so -s (stable) only turns off the last-resort comparison.
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
	"usage: sort [-bcCdfimnrsu] [-k POS1[,POS2]]... [-t SEP] [-o FILE] "
	"[FILE...]\n"
	"Sort the lines of FILEs (or stdin) and print them.\n"
	"  -b  ignore leading blanks        -d  dictionary order\n"
	"  -f  fold lower case to upper     -i  ignore nonprinting bytes\n"
	"  -n  numeric                      -r  reverse\n"
	"  -u  one line of equal runs       -s  stable (no last resort)\n"
	"  -c  check order (-C quietly)     -m  merge (sorted inputs)\n"
	"  -t  field separator              -o  output to FILE\n"
	"  -k  key POS1[,POS2]: F[.C][bdfinr], fields and chars from 1\n";

enum {
	KF_BSTART = 1, KF_BEND = 2, KF_DICT = 4, KF_FOLD = 8,
	KF_NONPRINT = 16, KF_NUM = 32, KF_REV = 64,
};

struct key {
	long sf, sc;		/* start field and char, from 1 */
	long ef, ec;	/* end field (0: line end), char (0: field end) */
	int flags;
};

struct line {
	const char *s;
	size_t len;
};

static struct key *keys;
static size_t nkeys;
static int gflags, stable, unique, tab = -1;

static int parse_flags(const char **p, int *flags, int end)
{
	static const char names[] = "bdfinr";
	static const int bits[] = { KF_BSTART, KF_DICT, KF_FOLD,
				    KF_NONPRINT, KF_NUM, KF_REV };
	const char *c;

	while (**p && **p != ',') {
		c = strchr(names, **p);
		if (!c)
			return -1;
		*flags |= bits[c - names];
		if (*c == 'b' && end)
			*flags = (*flags & ~KF_BSTART) | KF_BEND;
		(*p)++;
	}
	return 0;
}

static long parse_pos_num(const char **p)
{
	long v = 0;

	if (**p < '0' || **p > '9')
		return -1;
	while (**p >= '0' && **p <= '9') {
		if (v > 100000000)
			return -1;
		v = v * 10 + (*(*p)++ - '0');
	}
	return v;
}

static void add_key(const char *spec)
{
	struct key k = { 0 };
	const char *p = spec;
	int flags = 0;

	k.sf = parse_pos_num(&p);
	k.sc = 1;
	if (*p == '.') {
		p++;
		k.sc = parse_pos_num(&p);
	}
	if (k.sf < 1 || k.sc < 1 || parse_flags(&p, &flags, 0))
		usage_error("invalid key: '%s'", spec);
	if (*p == ',') {
		p++;
		k.ef = parse_pos_num(&p);
		if (*p == '.') {
			p++;
			k.ec = parse_pos_num(&p);
		}
		if (k.ef < 1 || k.ec < 0 || parse_flags(&p, &flags, 1) || *p)
			usage_error("invalid key: '%s'", spec);
	}
	k.flags = flags ? flags : -1;	/* -1: inherit the global flags */
	keys = xrealloc(keys, (nkeys + 1) * sizeof(*keys));
	keys[nkeys++] = k;
}

static int blank(int c)
{
	return c == ' ' || c == '\t';
}

/* Offset where field @f (from 1) of @l begins, with its blanks. */
static size_t field_start(const struct line *l, long f)
{
	size_t p = 0;

	for (long i = 1; i < f && p < l->len; i++) {
		if (tab >= 0) {
			while (p < l->len && l->s[p] != tab)
				p++;
			if (p < l->len)
				p++;
		} else {
			while (p < l->len && blank(l->s[p]))
				p++;
			while (p < l->len && !blank(l->s[p]))
				p++;
		}
	}
	return p;
}

static size_t skip_blanks(const struct line *l, size_t p)
{
	while (p < l->len && blank(l->s[p]))
		p++;
	return p;
}

/* The key's bytes in @l: [*b, *e). */
static void key_span(const struct key *k, int flags, const struct line *l,
		     size_t *b, size_t *e)
{
	size_t p = field_start(l, k->sf);

	if (flags & KF_BSTART)
		p = skip_blanks(l, p);
	p += k->sc - 1;
	*b = p < l->len ? p : l->len;
	if (!k->ef) {
		*e = l->len;
	} else {
		p = field_start(l, k->ef);
		if (k->ec == 0) {
			if (tab >= 0) {
				while (p < l->len && l->s[p] != tab)
					p++;
			} else {
				p = skip_blanks(l, p);
				while (p < l->len && !blank(l->s[p]))
					p++;
			}
		} else {
			if (flags & KF_BEND)
				p = skip_blanks(l, p);
			p += k->ec;
		}
		*e = p < l->len ? p : l->len;
	}
	if (*e < *b)
		*e = *b;
}

struct num {
	int neg;
	const char *ip;		/* integer digits, no leading zeros */
	const char *fp;		/* fraction digits */
	size_t ilen, flen;	/* flen without trailing zeros */
};

static void num_parse(const char *s, size_t len, struct num *n)
{
	size_t p = 0;

	while (p < len && blank(s[p]))
		p++;
	n->neg = p < len && s[p] == '-';
	p += n->neg;
	while (p < len && s[p] == '0')
		p++;
	n->ip = s + p;
	while (p < len && isdigit((unsigned char)s[p]))
		p++;
	n->ilen = s + p - n->ip;
	n->fp = s + p;
	n->flen = 0;
	if (p < len && s[p] == '.') {
		n->fp = s + ++p;
		while (p < len && isdigit((unsigned char)s[p]))
			p++;
		n->flen = s + p - n->fp;
		while (n->flen && n->fp[n->flen - 1] == '0')
			n->flen--;
	}
	if (!n->ilen && !n->flen)
		n->neg = 0;		/* -0 is 0 */
}

static int num_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	struct num x, y;
	size_t m;
	int r;

	num_parse(a, alen, &x);
	num_parse(b, blen, &y);
	if (x.neg != y.neg)
		return x.neg ? -1 : 1;
	if (x.ilen != y.ilen) {
		r = x.ilen < y.ilen ? -1 : 1;
	} else {
		r = memcmp(x.ip, y.ip, x.ilen);
		if (!r) {
			m = x.flen < y.flen ? x.flen : y.flen;
			r = memcmp(x.fp, y.fp, m);
			if (!r && x.flen != y.flen)
				r = x.flen < y.flen ? -1 : 1;
		}
	}
	return x.neg ? -r : r;
}

/* Is byte @c ignored under @flags (-d, -i)? */
static int ignored(unsigned char c, int flags)
{
	if ((flags & KF_DICT) && !isalnum(c) && !blank(c))
		return 1;
	return (flags & KF_NONPRINT) && !isprint(c);
}

static int text_cmp(const char *a, size_t alen, const char *b, size_t blen,
		    int flags)
{
	size_t i = 0, j = 0;
	int r;

	if (!(flags & (KF_DICT | KF_FOLD | KF_NONPRINT))) {
		r = memcmp(a, b, alen < blen ? alen : blen);
		if (r || alen == blen)
			return r;
		return alen < blen ? -1 : 1;
	}
	for (;;) {
		while (i < alen && ignored(a[i], flags))
			i++;
		while (j < blen && ignored(b[j], flags))
			j++;
		if (i == alen || j == blen)
			return (i < alen) - (j < blen);
		int ca = (unsigned char)a[i++], cb = (unsigned char)b[j++];

		if (flags & KF_FOLD) {
			ca = toupper(ca);
			cb = toupper(cb);
		}
		if (ca != cb)
			return ca - cb;
	}
}

/* Compare by the keys only (what -u and -c -u call equal). */
static int key_cmp(const struct line *x, const struct line *y)
{
	size_t xb, xe, yb, ye;
	int r;

	for (size_t i = 0; i < nkeys; i++) {
		int flags = keys[i].flags < 0 ? gflags : keys[i].flags;

		key_span(&keys[i], flags, x, &xb, &xe);
		key_span(&keys[i], flags, y, &yb, &ye);
		if (flags & KF_NUM)
			r = num_cmp(x->s + xb, xe - xb, y->s + yb, ye - yb);
		else
			r = text_cmp(x->s + xb, xe - xb, y->s + yb, ye - yb,
				     flags);
		if (r)
			return (flags & KF_REV) ? -r : r;
	}
	return 0;
}

static int line_cmp(const struct line *x, const struct line *y)
{
	int r = key_cmp(x, y);

	if (r || stable || unique)
		return r;
	r = text_cmp(x->s, x->len, y->s, y->len, 0);
	return (gflags & KF_REV) ? -r : r;
}

/* A stable merge sort of @n lines, with @tmp as scratch space. */
static void merge_sort(struct line *v, struct line *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(v, tmp, mid);
	merge_sort(v + mid, tmp, n - mid);
	if (line_cmp(&v[mid - 1], &v[mid]) <= 0)
		return;
	while (i < mid && j < n)
		tmp[k++] = line_cmp(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < mid)
		tmp[k++] = v[i++];
	memcpy(v, tmp, k * sizeof(*v));
}

static struct line *lines;
static size_t nlines, cap_lines;

/* Read all of @f, and add its lines (the buffer is kept). */
static int read_lines(FILE *f)
{
	size_t len = 0, cap = 65536, n, start = 0;
	char *buf = xmalloc(cap);

	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	if (ferror(f)) {
		free(buf);
		return -1;
	}
	for (size_t i = 0; i <= len; i++) {
		if (i < len && buf[i] != '\n')
			continue;
		if (i == len && start == len)
			break;		/* no unterminated last line */
		if (nlines == cap_lines) {
			cap_lines = cap_lines ? cap_lines * 2 : 1024;
			lines = xrealloc(lines, cap_lines * sizeof(*lines));
		}
		lines[nlines].s = buf + start;
		lines[nlines++].len = i - start;
		start = i + 1;
	}
	return 0;
}

/* -c: report the first line out of order; 1 if there is one. */
static int check_order(const char *name, int quiet)
{
	for (size_t i = 1; i < nlines; i++) {
		int r = line_cmp(&lines[i - 1], &lines[i]);

		if (r > 0 || (r == 0 && unique)) {
			if (!quiet) {
				fprintf(stderr, "%s: %s:%zu: disorder: ",
					prog_name, name, i + 1);
				fwrite(lines[i].s, 1, lines[i].len, stderr);
				putc('\n', stderr);
			}
			return 1;
		}
	}
	return 0;
}

static void write_lines(FILE *out)
{
	for (size_t i = 0; i < nlines; i++) {
		if (unique && i && !key_cmp(&lines[i - 1], &lines[i]))
			continue;
		fwrite(lines[i].s, 1, lines[i].len, out);
		putc('\n', out);
	}
}

static int parse_options(int argc, char **argv, const char **output)
{
	int c, check = 0;

	opterr = 0;
	while ((c = getopt(argc, argv,
			   TEXT_OPTS("bcCdfik:mno:rst:u"))) != -1) {
		switch (c) {
		case 'b': gflags |= KF_BSTART | KF_BEND; break;
		case 'c': check = 1; break;
		case 'C': check = 2; break;
		case 'd': gflags |= KF_DICT; break;
		case 'f': gflags |= KF_FOLD; break;
		case 'i': gflags |= KF_NONPRINT; break;
		case 'k': add_key(optarg); break;
		case 'm': break;	/* sorting all of it merges too */
		case 'n': gflags |= KF_NUM; break;
		case 'o': *output = optarg; break;
		case 'r': gflags |= KF_REV; break;
		case 's': stable = 1; break;
		case 't':
			if (strlen(optarg) != 1)
				usage_error("the separator must be one "
					    "character: '%s'", optarg);
			tab = (unsigned char)optarg[0];
			break;
		case 'u': unique = 1; break;
		default: text_bad_option(c);
		}
	}
	if (!nkeys) {
		add_key("1");
		keys[0].flags = -1;
	}
	return check;
}

int main(int argc, char **argv)
{
	const char *output = NULL;
	FILE *f, *out = stdout;
	int check, ret = 0;

	util_init(argc, argv, usage, 0);
	check = parse_options(argc, argv, &output);
	argc -= optind;
	argv += optind;
	if (check && argc > 1)
		usage_error("extra operand '%s' not allowed with -c", argv[1]);
	for (int i = 0; i < (argc ? argc : 1); i++) {
		const char *name = argc ? argv[i] : "-";

		f = text_open(name, 0);
		if (!f)
			exit(2);
		if (read_lines(f) || text_close(f))
			die("%s: read error:", name);
	}
	if (check)
		return check_order(argc ? argv[0] : "-", check == 2);
	if (nlines) {
		struct line *tmp = xmalloc(nlines * sizeof(*tmp));

		merge_sort(lines, tmp, nlines);
		free(tmp);
	}
	if (output && !(out = fopen(output, "w")))
		die("%s:", output);
	write_lines(out);
	if (fflush(out) || ferror(out) || (out != stdout && fclose(out)))
		die("write error:");
	return ret;
}
