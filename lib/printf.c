/*
 * Formatted output (include/lib/printf.h): one formatting core, vformat(),
 * that hands its output in pieces to a callback, and vsnprintf/snprintf on
 * top of it. printk (kernel/printk.c) can feed the core straight into its
 * log without an intermediate buffer. Integers only: the kernel is built
 * with -mgeneral-regs-only, so there is no %f and no floating point here.
 *
 * Conversions follow C99 for everything the header lists. Deliberate
 * differences: %p is always "0x" and 16 hex digits, %n is not supported
 * (it is printed literally and takes no argument, so a format string can
 * never write memory), and an unknown conversion is printed as written.
 */
#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"
#include "lib/printf.h"
#include "lib/string.h"

#define FL_LEFT		0x01	/* '-' */
#define FL_PLUS		0x02	/* '+' */
#define FL_SPACE	0x04	/* ' ' */
#define FL_ZERO		0x08	/* '0' */
#define FL_ALT		0x10	/* '#' */

#define NO_PREC		(-1)
#define INT_LIMIT	__INT_MAX__	/* the kernel has no <limits.h> */

/* The length modifiers: none, hh, h, l, ll, z, t, j. */
enum fmt_len { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct fmt_spec {
	unsigned int flags;
	int width;
	int prec;		/* NO_PREC when not given */
	enum fmt_len len;
};

struct fmt_out {
	void (*emit)(void *ctx, const char *s, size_t len);
	void *ctx;
	size_t count;		/* bytes produced so far */
};

static void out_str(struct fmt_out *o, const char *s, size_t len)
{
	if (len) {
		o->emit(o->ctx, s, len);
		o->count += len;
	}
}

static void out_pad(struct fmt_out *o, char c, long n)
{
	static const char spaces[16] = "                ";
	static const char zeros[16] = "0000000000000000";
	const char *src = c == '0' ? zeros : spaces;

	for (; n > 0; n -= sizeof(spaces))
		out_str(o, src, MIN((size_t)n, sizeof(spaces)));
}

/*
 * The spaces that bring a field of @len bytes up to the width: the ones
 * before it (@before) unless the field is left-justified, else after it.
 */
static void out_padded(struct fmt_out *o, const struct fmt_spec *spec,
		       size_t len, bool before)
{
	if (before == !(spec->flags & FL_LEFT) && len < (size_t)spec->width)
		out_pad(o, ' ', spec->width - (long)len);
}

/* Parse a decimal field, saturating instead of overflowing. */
static int parse_num(const char **fmt)
{
	int n = 0;

	while (**fmt >= '0' && **fmt <= '9') {
		int d = *(*fmt)++ - '0';

		n = n > (INT_LIMIT - d) / 10 ? INT_LIMIT : n * 10 + d;
	}
	return n;
}

/* Flags, width, precision and length, up to the conversion character. */
static const char *parse_spec(const char *fmt, struct fmt_spec *spec,
			      va_list *ap)
{
	for (spec->flags = 0;; fmt++) {
		if (*fmt == '-')
			spec->flags |= FL_LEFT;
		else if (*fmt == '+')
			spec->flags |= FL_PLUS;
		else if (*fmt == ' ')
			spec->flags |= FL_SPACE;
		else if (*fmt == '0')
			spec->flags |= FL_ZERO;
		else if (*fmt == '#')
			spec->flags |= FL_ALT;
		else
			break;
	}

	if (*fmt == '*') {
		fmt++;
		spec->width = va_arg(*ap, int);
		if (spec->width < 0) {
			spec->flags |= FL_LEFT;
			spec->width = spec->width == -INT_LIMIT - 1 ?
				      INT_LIMIT : -spec->width;
		}
	} else {
		spec->width = parse_num(&fmt);
	}

	spec->prec = NO_PREC;
	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			fmt++;
			spec->prec = va_arg(*ap, int);
			if (spec->prec < 0)
				spec->prec = NO_PREC;
		} else {
			spec->prec = parse_num(&fmt);
		}
	}

	spec->len = LEN_NONE;
	switch (*fmt) {
	case 'h':
		spec->len = fmt[1] == 'h' ? LEN_HH : LEN_H;
		break;
	case 'l':
		spec->len = fmt[1] == 'l' ? LEN_LL : LEN_L;
		break;
	case 'z':
		spec->len = LEN_Z;
		break;
	case 't':
		spec->len = LEN_T;
		break;
	case 'j':
		spec->len = LEN_J;
		break;
	}
	if (spec->len == LEN_HH || spec->len == LEN_LL)
		fmt += 2;
	else if (spec->len != LEN_NONE)
		fmt++;
	return fmt;
}

STATIC_ASSERT(sizeof(size_t) == sizeof(ptrdiff_t));
STATIC_ASSERT(sizeof(uintmax_t) <= sizeof(unsigned long long));

static long long arg_signed(enum fmt_len len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:	/* the signed type of size_t's width */
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long arg_unsigned(enum fmt_len len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
	case LEN_T:	/* the unsigned type of ptrdiff_t's width */
		return va_arg(*ap, size_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/*
 * Print one integer: [spaces] [sign or 0x] [zeros] digits [spaces].
 * @prefix is "-", "+", " ", "0x", "0X" or "".
 */
static void out_number(struct fmt_out *o, const struct fmt_spec *spec,
		       unsigned long long val, unsigned int base,
		       bool upper, const char *prefix)
{
	const char *digit_chars = upper ? "0123456789ABCDEF" :
					  "0123456789abcdef";
	char digits[24];	/* 22 octal digits hold 64 bits */
	int ndigits = 0, plen = strlen(prefix);
	long zeros;		/* long: precision + width cannot overflow */

	for (; val; val /= base)
		digits[sizeof(digits) - ++ndigits] = digit_chars[val % base];
	/* The default precision is 1, so zero prints one digit. */
	zeros = spec->prec == NO_PREC ? 1 - ndigits : spec->prec - ndigits;
	/*
	 * '#' with %o: the first digit must be a 0, even for precision 0.
	 * The digits never start with one, so one is needed unless
	 * zero-padding for the precision comes first anyway.
	 */
	if ((spec->flags & FL_ALT) && base == 8 && zeros <= 0)
		zeros = 1;
	zeros = MAX(zeros, 0);
	/* The 0 flag pads with zeros only when there is no precision. */
	if ((spec->flags & (FL_ZERO | FL_LEFT)) == FL_ZERO &&
	    spec->prec == NO_PREC)
		zeros = MAX(zeros, (long)spec->width - plen - ndigits);

	out_padded(o, spec, plen + zeros + ndigits, true);
	out_str(o, prefix, plen);
	out_pad(o, '0', zeros);
	out_str(o, digits + sizeof(digits) - ndigits, ndigits);
	out_padded(o, spec, plen + zeros + ndigits, false);
}

static void out_string(struct fmt_out *o, const struct fmt_spec *spec,
		       const char *s, size_t len)
{
	out_padded(o, spec, len, true);
	out_str(o, s, len);
	out_padded(o, spec, len, false);
}

static void out_signed(struct fmt_out *o, const struct fmt_spec *spec,
		       long long val)
{
	/* Negate in unsigned arithmetic so LLONG_MIN does not overflow. */
	unsigned long long mag = val < 0 ? 0ULL - (unsigned long long)val :
					   (unsigned long long)val;
	const char *prefix = "";

	if (val < 0)
		prefix = "-";
	else if (spec->flags & FL_PLUS)
		prefix = "+";
	else if (spec->flags & FL_SPACE)
		prefix = " ";
	out_number(o, spec, mag, 10, false, prefix);
}

/*
 * One conversion; @conv points at the conversion character. Returns false
 * for a conversion this printf does not know.
 */
static bool convert(struct fmt_out *o, struct fmt_spec *spec,
		    const char *conv, va_list *ap)
{
	unsigned long long val;
	const char *str;
	char c;

	switch (*conv) {
	case 'd':
	case 'i':
		out_signed(o, spec, arg_signed(spec->len, ap));
		return true;
	case 'u':
		out_number(o, spec, arg_unsigned(spec->len, ap), 10, false, "");
		return true;
	case 'o':
		out_number(o, spec, arg_unsigned(spec->len, ap), 8, false, "");
		return true;
	case 'x':
	case 'X':
		val = arg_unsigned(spec->len, ap);
		out_number(o, spec, val, 16, *conv == 'X',
			   (spec->flags & FL_ALT) && val ?
			   (*conv == 'X' ? "0X" : "0x") : "");
		return true;
	case 'p':
		spec->flags &= FL_LEFT;
		spec->prec = 2 * sizeof(void *);
		out_number(o, spec, (uintptr_t)va_arg(*ap, void *), 16, false,
			   "0x");
		return true;
	case 'c':
		c = (char)va_arg(*ap, int);
		out_string(o, spec, &c, 1);
		return true;
	case 's':
		str = va_arg(*ap, const char *);
		if (!str)
			str = "(null)";
		/* With a precision, str need not be terminated. */
		out_string(o, spec, str, spec->prec == NO_PREC ? strlen(str) :
				    strnlen(str, spec->prec));
		return true;
	case '%':
		out_str(o, "%", 1);
		return true;
	default:
		return false;
	}
}

int vformat(void (*emit)(void *ctx, const char *s, size_t len), void *ctx,
	    const char *fmt, va_list ap)
{
	struct fmt_out o = { .emit = emit, .ctx = ctx };
	struct fmt_spec spec;
	va_list args;

	/* A copy, so that helpers can take it by pointer portably. */
	va_copy(args, ap);
	while (*fmt) {
		const char *start = fmt, *conv;

		if (*fmt != '%') {
			while (*fmt && *fmt != '%')
				fmt++;
			out_str(&o, start, fmt - start);
			continue;
		}
		conv = parse_spec(fmt + 1, &spec, &args);
		if (*conv && convert(&o, &spec, conv, &args)) {
			fmt = conv + 1;
		} else {
			fmt = *conv ? conv + 1 : conv;
			out_str(&o, start, fmt - start);
		}
	}
	va_end(args);
	return o.count > INT_LIMIT ? -1 : (int)o.count;
}

struct snprintf_buf {
	char *buf;
	size_t size;		/* room for text, not counting the NUL */
	size_t len;		/* bytes stored */
};

static void snprintf_emit(void *ctx, const char *s, size_t len)
{
	struct snprintf_buf *b = ctx;
	size_t n = MIN(len, b->size - b->len);

	if (n) {
		memcpy(b->buf + b->len, s, n);
		b->len += n;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct snprintf_buf b = { .buf = buf, .size = size ? size - 1 : 0 };
	int ret = vformat(snprintf_emit, &b, fmt, ap);

	if (size)
		buf[b.len] = '\0';
	return ret;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return ret;
}
