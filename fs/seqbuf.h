/* Internal to fs/: a growing text buffer for generated files (procfs). */
#ifndef FS_SEQBUF_H
#define FS_SEQBUF_H

#include <types.h>

struct seqbuf {
	char *buf;
	size_t len, cap;
	int err;		/* -ENOMEM once it could not grow */
};

void seq_printf(struct seqbuf *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void seq_write(struct seqbuf *s, const void *data, size_t len);
void seq_free(struct seqbuf *s);

#endif
