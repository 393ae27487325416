/*
 * The newc cpio reader (include/lib/cpio.h). Pure logic: the initramfs
 * unpacker in the kernel drives it over the boot modules, and
 * tests/unit/test_cpio.c feeds it good, truncated and mutated archives on
 * the host.
 *
 * Every position is kept at or below the buffer's size, and each length
 * read from a header is compared with what is left ("len > size - pos")
 * rather than added to a position first, so no sum can wrap however large
 * the fields are.
 */
#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"
#include "errno.h"
#include "lib/cpio.h"
#include "lib/string.h"

#define CPIO_MAGIC		"070701"
#define CPIO_MAGIC_CRC		"070702"
#define CPIO_MAGIC_LEN		6
#define CPIO_FIELD_LEN		8
#define CPIO_HDR_LEN		110
#define CPIO_ALIGN		4
#define CPIO_TRAILER		"TRAILER!!!"

/* The header's fields after the magic, in archive order. */
enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE,
	F_CHECK, F_COUNT
};

STATIC_ASSERT(CPIO_MAGIC_LEN + F_COUNT * CPIO_FIELD_LEN == CPIO_HDR_LEN);

struct cpio_header {
	uint32_t f[F_COUNT];
	bool crc;		/* magic 070702: verify F_CHECK */
};

void cpio_init(struct cpio_reader *r, const void *data, size_t size)
{
	r->base = data;
	r->size = size;
	r->offset = 0;
	r->start = 0;
	r->why = NULL;
	r->err = 0;
	r->done = false;
}

static int fail(struct cpio_reader *r, size_t at, const char *why)
{
	r->offset = at;
	r->why = why;
	r->err = -EINVAL;
	return -EINVAL;
}

/* Bytes of zero padding after @pos to reach the archive's alignment. */
static size_t pad_after(const struct cpio_reader *r, size_t pos)
{
	return (CPIO_ALIGN - ((pos - r->start) & (CPIO_ALIGN - 1))) &
	       (CPIO_ALIGN - 1);
}

/* Eight hex digits, no sign, no spaces: anything else is corruption. */
static bool parse_field(const unsigned char *p, uint32_t *val)
{
	uint32_t v = 0;

	for (int i = 0; i < CPIO_FIELD_LEN; i++) {
		int d = char_digit_value((char)p[i]);

		if (d >= 16)		/* not a hex digit */
			return false;
		v = v << 4 | (uint32_t)d;
	}
	*val = v;
	return true;
}

/* Parse the fixed header at @pos, checking that it lies in the buffer. */
static int read_header(struct cpio_reader *r, size_t pos,
		       struct cpio_header *h)
{
	const unsigned char *p = r->base + pos;

	/* The magic first: garbage is better called that than truncated. */
	if (r->size - pos < CPIO_MAGIC_LEN)
		return fail(r, pos, "truncated header");
	if (!memcmp(p, CPIO_MAGIC, CPIO_MAGIC_LEN))
		h->crc = false;
	else if (!memcmp(p, CPIO_MAGIC_CRC, CPIO_MAGIC_LEN))
		h->crc = true;
	else
		return fail(r, pos, "bad magic (not 070701 or 070702)");
	if (r->size - pos < CPIO_HDR_LEN)
		return fail(r, pos, "truncated header");
	p += CPIO_MAGIC_LEN;
	for (int i = 0; i < F_COUNT; i++, p += CPIO_FIELD_LEN) {
		if (!parse_field(p, &h->f[i]))
			return fail(r, (size_t)(p - r->base),
				    "header field is not 8 hex digits");
	}
	return 0;
}

/* Check the name at @pos of @namesize bytes (its NUL included). */
static int read_name(struct cpio_reader *r, size_t pos, uint32_t namesize,
		     struct cpio_entry *e)
{
	const char *name = (const char *)r->base + pos;

	if (namesize == 0)
		return fail(r, pos, "name size is 0");
	if (namesize > CPIO_NAME_MAX)
		return fail(r, pos, "name longer than PATH_MAX");
	if (namesize > r->size - pos)
		return fail(r, pos, "name runs past the end of the archive");
	if (name[namesize - 1] != '\0')
		return fail(r, pos + namesize - 1,
			    "name is not NUL-terminated");
	if (memchr(name, '\0', namesize - 1))
		return fail(r, pos, "name has a NUL before its end");
	e->name = name;
	e->name_len = namesize - 1;
	return 0;
}

/* The 070702 checksum: the sum of the data's bytes, modulo 2^32. */
static uint32_t data_sum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;

	while (len--)
		sum += *p++;
	return sum;
}

static void fill_entry(struct cpio_entry *e, const struct cpio_header *h)
{
	e->ino = h->f[F_INO];
	e->mode = h->f[F_MODE];
	e->uid = h->f[F_UID];
	e->gid = h->f[F_GID];
	e->nlink = h->f[F_NLINK];
	e->mtime = h->f[F_MTIME];
	e->size = h->f[F_FILESIZE];
	e->devmajor = h->f[F_DEVMAJOR];
	e->devminor = h->f[F_DEVMINOR];
	e->rdevmajor = h->f[F_RDEVMAJOR];
	e->rdevminor = h->f[F_RDEVMINOR];
}

/*
 * Find the data after the name at @pos and the next header after it.
 * Returns the next header's offset, which may be the buffer's size when
 * the final padding is missing, or 0 after an error (0 is never a valid
 * next offset: it is inside the current header).
 */
static size_t read_data(struct cpio_reader *r, size_t pos,
			const struct cpio_header *h, struct cpio_entry *e)
{
	size_t pad = pad_after(r, pos);

	if (pad > r->size - pos) {
		fail(r, pos, "truncated padding after the name");
		return 0;
	}
	pos += pad;
	if (e->size > r->size - pos) {
		fail(r, pos, "file data runs past the end of the archive");
		return 0;
	}
	e->data = r->base + pos;
	if (h->crc && data_sum(e->data, e->size) != h->f[F_CHECK]) {
		fail(r, pos, "bad 070702 checksum");
		return 0;
	}
	pos += e->size;
	pad = pad_after(r, pos);
	return pad > r->size - pos ? r->size : pos + pad;
}

int cpio_next(struct cpio_reader *r, struct cpio_entry *e)
{
	struct cpio_header h;
	size_t pos = r->offset, next;
	int err;

	if (r->err)
		return r->err;
	if (r->done)
		return 0;
	if (pos == r->size)
		return fail(r, pos, "archive ends without a TRAILER!!! entry");
	err = read_header(r, pos, &h);
	if (err)
		return err;
	fill_entry(e, &h);
	err = read_name(r, pos + CPIO_HDR_LEN, h.f[F_NAMESIZE], e);
	if (err)
		return err;
	next = read_data(r, pos + CPIO_HDR_LEN + e->name_len + 1, &h, e);
	if (!next)
		return r->err;
	r->offset = next;
	if (e->name_len == sizeof(CPIO_TRAILER) - 1 &&
	    !memcmp(e->name, CPIO_TRAILER, e->name_len)) {
		r->done = true;
		return 0;
	}
	return 1;
}

bool cpio_more(struct cpio_reader *r)
{
	if (r->err || !r->done)
		return false;
	while (r->offset < r->size && r->base[r->offset] == 0)
		r->offset++;
	if (r->offset == r->size)
		return false;
	r->start = r->offset;
	r->done = false;
	return true;
}

/* Is the component starting at @p (ended by '/' or NUL) ".."? */
static bool is_dotdot(const char *p)
{
	return p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0');
}

int cpio_check_name(const char *name)
{
	const char *p = name;

	if (!*name)
		return -EINVAL;
	for (;;) {
		if (*p == '/')
			p++;
		else if (p[0] == '.' && (p[1] == '/' || p[1] == '\0'))
			p++;
		else
			break;
	}
	for (const char *c = p; *c; c++) {
		if ((c == p || c[-1] == '/') && is_dotdot(c))
			return -EINVAL;
	}
	return (int)(p - name);
}
