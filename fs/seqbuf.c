/* A text buffer that grows as generated files are written into it. */
#include <errno.h>
#include <slab.h>
#include <stdarg.h>
#include <lib/printf.h>
#include <lib/string.h>
#include "seqbuf.h"

#define SEQ_MAX		(4UL << 20)	/* no generated file is larger */

static bool seq_reserve(struct seqbuf *s, size_t more)
{
	size_t cap = s->cap ? s->cap : 1024;
	char *n;

	if (s->err)
		return false;
	if (s->len + more <= s->cap)
		return true;
	while (cap < s->len + more)
		cap *= 2;
	if (cap > SEQ_MAX) {
		s->err = -EFBIG;
		return false;
	}
	n = kmalloc(cap, GFP_KERNEL);
	if (!n) {
		s->err = -ENOMEM;
		return false;
	}
	memcpy(n, s->buf, s->len);
	kfree(s->buf);
	s->buf = n;
	s->cap = cap;
	return true;
}

void seq_write(struct seqbuf *s, const void *data, size_t len)
{
	if (!seq_reserve(s, len))
		return;
	memcpy(s->buf + s->len, data, len);
	s->len += len;
}

static void seq_emit(void *ctx, const char *str, size_t len)
{
	seq_write(ctx, str, len);
}

void seq_printf(struct seqbuf *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(seq_emit, s, fmt, ap);
	va_end(ap);
}

void seq_free(struct seqbuf *s)
{
	kfree(s->buf);
	*s = (struct seqbuf){ 0 };
}
