/*
 * seq: print numbers from FIRST (1) by INCR (1) to LAST. Integers are
 * counted exactly in 64 bits; other numbers in long double, printed with
 * as many decimals as FIRST and INCR have (like GNU seq).
 */
#include "textutil.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: seq [-w] [-s SEP] [-f FORMAT] [FIRST [INCR]] LAST\n"
	"Print the numbers from FIRST to LAST by INCR, one a line.\n"
	"  -s SEP     separate the numbers by SEP (default newline)\n"
	"  -w         pad with leading zeros to an equal width\n"
	"  -f FORMAT  printf-style floating-point format (%e, %f, %g...)\n";

struct operand {
	long double v;
	long long iv;
	int is_int;		/* an integer that fits in long long */
	int prec;		/* decimals it asks for */
};

static const char *sep = "\n";
static char fmt[256];
static int equal_width;

static void parse_operand(const char *s, struct operand *op)
{
	const char *dot, *e;
	char *end;

	errno = 0;
	op->v = strtold(s, &end);
	if (!*s || *end || end == s || isnan(op->v))
		usage_error("invalid floating point argument: '%s'", s);
	op->is_int = !text_parse_long(s, &op->iv);
	dot = strchr(s, '.');
	e = strpbrk(s, "eE");
	op->prec = 0;
	if (dot && (!e || dot < e))
		op->prec = (e ? e : s + strlen(s)) - dot - 1;
	if (e) {
		long ex = strtol(e + 1, NULL, 10);

		op->prec = ex > op->prec ? 0 : op->prec - (int)ex;
	}
	if (strpbrk(s, "xXnN"))	/* hex or inf: no decimals to copy */
		op->prec = 0;
}

/* Check -f FORMAT: one floating conversion; make it a long double one. */
static void set_format(const char *f)
{
	const char *p = f, *start;
	size_t o = 0;
	int convs = 0;

	for (; *p; p++) {
		if (o + 4 >= sizeof(fmt))
			usage_error("format too long");
		if (*p != '%' || p[1] == '%') {
			fmt[o++] = *p;
			if (*p == '%')
				fmt[o++] = *++p;
			continue;
		}
		start = p++;
		p += strspn(p, "-+ #0'");
		p += strspn(p, "0123456789");
		if (*p == '.')
			p += 1 + strspn(p + 1, "0123456789");
		if (!*p || !strchr("aAeEfFgG", *p))
			usage_error("invalid format '%s'", f);
		if (convs++)
			usage_error("too many %% directives in format '%s'", f);
		if (o + (p - start) + 3 >= sizeof(fmt))
			usage_error("format too long");
		memcpy(fmt + o, start, p - start);
		o += p - start;
		fmt[o++] = 'L';
		fmt[o++] = *p;
	}
	if (!convs)
		usage_error("format '%s' has no %% directive", f);
	fmt[o] = '\0';
}

static int first_out = 1;

static void out(const char *s)
{
	if (!first_out)
		fputs(sep, stdout);
	fputs(s, stdout);
	first_out = 0;
}

static void seq_int(long long x, long long step, long long last)
{
	char buf[32];

	while (step > 0 ? x <= last : x >= last) {
		snprintf(buf, sizeof(buf), fmt, x);
		out(buf);
		if (__builtin_add_overflow(x, step, &x))
			break;
	}
}

static void format_ld(char *buf, size_t len, long double v)
{
	snprintf(buf, len, fmt, v);
}

static void seq_float(long double first, long double step, long double last)
{
	char buf[512], lastbuf[512];
	long double x;

	format_ld(lastbuf, sizeof(lastbuf), last);
	for (unsigned long long i = 0;; i++) {
		x = first + (long double)i * step;
		if (step > 0 ? x > last : x < last) {
			/* Rounding must not lose the last number. */
			format_ld(buf, sizeof(buf), x);
			if (i && !strcmp(buf, lastbuf))
				out(buf);
			break;
		}
		format_ld(buf, sizeof(buf), x);
		out(buf);
		if (isinf(x))
			break;
	}
}

/* The default format: integers, or the operands' decimals; -w pads. */
static void default_format(struct operand *ops, int prec, int use_int)
{
	char a[512], b[512];
	int width = 0;

	if (equal_width) {
		snprintf(a, sizeof(a), "%.*Lf", prec, ops[0].v);
		snprintf(b, sizeof(b), "%.*Lf", prec, ops[2].v);
		width = strlen(a) > strlen(b) ? strlen(a) : strlen(b);
	}
	if (use_int)
		snprintf(fmt, sizeof(fmt), "%%0%dlld", width);
	else
		snprintf(fmt, sizeof(fmt), "%%0%d.%dLf", width, prec);
}

int main(int argc, char **argv)
{
	struct operand ops[3];
	const char *f = NULL;
	int c, n, use_int;

	util_init(argc, argv, usage, 0);
	/* Negative numbers are operands, not options. */
	while (optind < argc && argv[optind][0] == '-' &&
	       !strchr("0123456789.", argv[optind][1] ?
		       argv[optind][1] : '0')) {
		opterr = 0;
		c = getopt(argc, argv, TEXT_OPTS("f:s:w"));
		if (c == -1)
			break;
		switch (c) {
		case 'f': f = optarg; break;
		case 's': sep = optarg; break;
		case 'w': equal_width = 1; break;
		default: text_bad_option(c);
		}
	}
	n = argc - optind;
	if (n < 1 || n > 3)
		usage_error(n ? "extra operand '%s'" : "missing operand",
			    n ? argv[optind + 3] : "");
	parse_operand(n > 1 ? argv[optind] : "1", &ops[0]);
	parse_operand(n == 3 ? argv[optind + 1] : "1", &ops[1]);
	parse_operand(argv[argc - 1], &ops[2]);
	if (ops[1].v == 0)
		usage_error("invalid Zero increment value: '%s'",
			    argv[optind + 1]);
	if (f && equal_width)
		usage_error("format string may not be specified when printing "
			    "equal width strings");
	use_int = !f && ops[0].is_int && ops[1].is_int && ops[2].is_int;
	if (f)
		set_format(f);
	else
		default_format(ops, ops[0].prec > ops[1].prec ? ops[0].prec :
			       ops[1].prec, use_int);
	if (use_int)
		seq_int(ops[0].iv, ops[1].iv, ops[2].iv);
	else
		seq_float(ops[0].v, ops[1].v, ops[2].v);
	if (!first_out)
		putchar('\n');
	text_flush_stdout();
	return 0;
}
