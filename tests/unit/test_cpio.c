/*
 * Host tests for lib/cpio.c, the newc reader under initramfs: every file
 * type, hard links, name and data lengths across all paddings, trailers
 * and concatenated archives, an archive made by GNU cpio, checksums,
 * hostile headers (bad magic, non-hex digits, huge sizes, names without
 * NUL), every truncation of a valid archive in an exactly-sized buffer
 * (ASan catches any read past it), name checks, and a mutation fuzz loop.
 * Archives are built by the small writer below.
 */
#include <stdbool.h>
#include <stdint.h>
#include "errno.h"
#include "lib/cpio.h"
#include "unittest.h"

#define HDR_LEN		110
#define FIELD_LEN	8
#define CHECK_OFF	(6 + 12 * FIELD_LEN)
#define FUZZ_ROUNDS	200000

/* An archive being written; padding is counted from @start. */
struct wbuf {
	unsigned char *p;
	size_t len, cap, start;
};

struct went {
	const char *name;
	uint32_t mode, ino, uid, gid, nlink, mtime;
	const void *data;
	size_t size;
	uint32_t dmaj, dmin, rmaj, rmin;
};

static void w_bytes(struct wbuf *w, const void *src, size_t n)
{
	if (w->len + n > w->cap) {
		w->cap = (w->len + n) * 2 + 64;
		w->p = realloc(w->p, w->cap);
		if (!w->p)
			abort();
	}
	memcpy_host(w->p + w->len, src, n);
	w->len += n;
}

static void w_zeros(struct wbuf *w, size_t n)
{
	while (n--)
		w_bytes(w, "", 1);
}

static void w_pad(struct wbuf *w)
{
	w_zeros(w, (4 - ((w->len - w->start) & 3)) & 3);
}

/* A header with the given magic and 13 raw field values. */
static void w_header(struct wbuf *w, const char *magic, const uint32_t *f)
{
	char hex[FIELD_LEN + 1];

	w_bytes(w, magic, 6);
	for (int i = 0; i < 13; i++) {
		snprintf_host(hex, sizeof(hex), "%08X", f[i]);
		w_bytes(w, hex, FIELD_LEN);
	}
}

static uint32_t sum_bytes(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint32_t s = 0;

	while (n--)
		s += *b++;
	return s;
}

static void w_entry(struct wbuf *w, const struct went *e, bool crc)
{
	size_t namesize = strlen_host(e->name) + 1;
	uint32_t f[13] = {
		e->ino, e->mode, e->uid, e->gid, e->nlink, e->mtime,
		(uint32_t)e->size, e->dmaj, e->dmin, e->rmaj, e->rmin,
		(uint32_t)namesize, crc ? sum_bytes(e->data, e->size) : 0,
	};

	w_header(w, crc ? "070702" : "070701", f);
	w_bytes(w, e->name, namesize);
	w_pad(w);
	if (e->size)
		w_bytes(w, e->data, e->size);
	w_pad(w);
}

static void w_trailer(struct wbuf *w)
{
	struct went t = { .name = "TRAILER!!!", .nlink = 1 };

	w_entry(w, &t, false);
}

static void w_file(struct wbuf *w, const char *name, const char *data)
{
	struct went e = {
		.name = name, .mode = CPIO_S_IFREG | 0644, .nlink = 1,
		.data = data, .size = strlen_host(data),
	};

	w_entry(w, &e, false);
}

/* A copy of @n bytes in a buffer of exactly that size, for ASan. */
static unsigned char *exact_copy(const void *src, size_t n)
{
	unsigned char *p = malloc(n ? n : 1);

	if (!p)
		abort();
	memcpy_host(p, src, n);
	return p;
}

static bool inside(const void *buf, size_t size, const void *p, size_t n)
{
	uintptr_t b = (uintptr_t)buf, q = (uintptr_t)p;

	return q >= b && n <= size && q - b <= size - n;
}

/*
 * Read every entry of every archive in @buf, checking each lies inside it.
 * Returns the final result (0 or an error) and the number of entries.
 */
static int walk(const void *buf, size_t size, int *count)
{
	struct cpio_reader r;
	struct cpio_entry e;
	int rc, n = 0;

	cpio_init(&r, buf, size);
	do {
		while ((rc = cpio_next(&r, &e)) == 1) {
			n++;
			EXPECT(inside(buf, size, e.name, e.name_len + 1));
			EXPECT(e.name[e.name_len] == '\0');
			EXPECT(e.size == 0 ||
			       inside(buf, size, e.data, e.size));
		}
	} while (rc == 0 && cpio_more(&r));
	if (rc < 0)
		EXPECT(r.why != NULL && r.offset <= size);
	*count = n;
	return rc;
}

/* An archive of every file type, and what it holds. */
static const struct went sample[] = {
	{ .name = "dir", .mode = CPIO_S_IFDIR | 0755, .ino = 1, .nlink = 2,
	  .mtime = 1700000000 },
	{ .name = "dir/file", .mode = CPIO_S_IFREG | 0600, .ino = 2,
	  .uid = 1000, .gid = 100, .nlink = 1, .mtime = 12345,
	  .data = "hello, world\n", .size = 13, .dmaj = 8, .dmin = 1 },
	{ .name = "dir/link", .mode = CPIO_S_IFLNK | 0777, .ino = 3,
	  .nlink = 1, .data = "file", .size = 4 },
	{ .name = "dev/console", .mode = CPIO_S_IFCHR | 0600, .ino = 4,
	  .nlink = 1, .rmaj = 5, .rmin = 1 },
	{ .name = "dev/sda", .mode = CPIO_S_IFBLK | 0660, .ino = 5,
	  .nlink = 1, .rmaj = 8, .rmin = 0 },
	{ .name = "fifo", .mode = CPIO_S_IFIFO | 0644, .ino = 6, .nlink = 1 },
	{ .name = "sock", .mode = CPIO_S_IFSOCK | 0755, .ino = 7,
	  .nlink = 1 },
	{ .name = "empty", .mode = CPIO_S_IFREG | 0644, .ino = 8,
	  .nlink = 1 },
};

static void build_sample(struct wbuf *w, bool crc)
{
	for (size_t i = 0; i < sizeof(sample) / sizeof(sample[0]); i++)
		w_entry(w, &sample[i], crc);
	w_trailer(w);
}

static void expect_entry(const struct cpio_entry *e, const struct went *x)
{
	EXPECT_STREQ(e->name, x->name);
	EXPECT_EQ(e->name_len, strlen_host(x->name));
	EXPECT_EQ(e->mode, x->mode);
	EXPECT_EQ(e->ino, x->ino);
	EXPECT_EQ(e->uid, x->uid);
	EXPECT_EQ(e->gid, x->gid);
	EXPECT_EQ(e->nlink, x->nlink);
	EXPECT_EQ(e->mtime, x->mtime);
	EXPECT_EQ(e->size, x->size);
	if (x->size)
		EXPECT(!memcmp_host(e->data, x->data, x->size));
	EXPECT_EQ(e->devmajor, x->dmaj);
	EXPECT_EQ(e->devminor, x->dmin);
	EXPECT_EQ(e->rdevmajor, x->rmaj);
	EXPECT_EQ(e->rdevminor, x->rmin);
}

static void check_sample(bool crc)
{
	struct wbuf w = { 0 };
	struct cpio_reader r;
	struct cpio_entry e;

	build_sample(&w, crc);
	cpio_init(&r, w.p, w.len);
	for (size_t i = 0; i < sizeof(sample) / sizeof(sample[0]); i++) {
		EXPECT_EQ(cpio_next(&r, &e), 1);
		expect_entry(&e, &sample[i]);
	}
	EXPECT_EQ(cpio_next(&r, &e), 0);
	EXPECT_EQ(r.offset, w.len);
	EXPECT(!cpio_more(&r));
	free(w.p);
}

TEST(every_file_type)
{
	check_sample(false);
}

TEST(every_file_type_070702)
{
	check_sample(true);
}

TEST(mode_constants)
{
	EXPECT_EQ(CPIO_S_IFMT, 0170000);
	EXPECT_EQ(CPIO_S_IFSOCK, 0140000);
	EXPECT_EQ(CPIO_S_IFLNK, 0120000);
	EXPECT_EQ(CPIO_S_IFREG, 0100000);
	EXPECT_EQ(CPIO_S_IFBLK, 0060000);
	EXPECT_EQ(CPIO_S_IFDIR, 0040000);
	EXPECT_EQ(CPIO_S_IFCHR, 0020000);
	EXPECT_EQ(CPIO_S_IFIFO, 0010000);
}

/* GNU cpio 2.13, -H newc: a, its hard link h, symlink l -> a, dir s. */
static const char gnu_archive[] =
	"07070100000000000081A40000000000000000000000026B066809"
	"00000000000000000000000000000000000000000000000200000000"
	"a\0"
	"07070100000000000081A40000000000000000000000026B066809"
	"00000003000000000000000000000000000000000000000200000000"
	"h\0hi\n\0"
	"070701000000010000A1FF0000000000000000000000016B066809"
	"00000001000000000000000000000000000000000000000200000000"
	"l\0a\0\0\0"
	"07070100000002000041ED0000000000000000000000026B066809"
	"00000000000000000000000000000000000000000000000200000000"
	"s\0"
	"070701000000000000000000000000000000000000000100000000"
	"00000000000000000000000000000000000000000000000B00000000"
	"TRAILER!!!\0\0\0\0";

TEST(gnu_cpio_archive_with_hard_link)
{
	size_t n = sizeof(gnu_archive) - 1;
	unsigned char *buf = exact_copy(gnu_archive, n);
	struct cpio_reader r;
	struct cpio_entry a, h, l, s, t;

	EXPECT_EQ(n, 580);
	cpio_init(&r, buf, n);
	EXPECT_EQ(cpio_next(&r, &a), 1);
	EXPECT_EQ(cpio_next(&r, &h), 1);
	EXPECT_EQ(cpio_next(&r, &l), 1);
	EXPECT_EQ(cpio_next(&r, &s), 1);
	EXPECT_EQ(cpio_next(&r, &t), 0);
	EXPECT_STREQ(a.name, "a");
	EXPECT_EQ(a.mode, CPIO_S_IFREG | 0644);
	EXPECT_EQ(a.nlink, 2);
	/* GNU cpio puts a hard-linked file's data on its last link. */
	EXPECT_EQ(a.size, 0);
	EXPECT_STREQ(h.name, "h");
	EXPECT_EQ(h.ino, a.ino);
	EXPECT_EQ(h.devmajor, a.devmajor);
	EXPECT_EQ(h.devminor, a.devminor);
	EXPECT_EQ(h.size, 3);
	EXPECT(!memcmp_host(h.data, "hi\n", 3));
	EXPECT_STREQ(l.name, "l");
	EXPECT_EQ(l.mode & CPIO_S_IFMT, CPIO_S_IFLNK);
	EXPECT_EQ(l.size, 1);
	EXPECT(!memcmp_host(l.data, "a", 1));
	EXPECT_EQ(s.mode, CPIO_S_IFDIR | 0755);
	EXPECT_EQ(s.nlink, 2);
	EXPECT(s.ino != a.ino && s.ino != l.ino);
	EXPECT_EQ(r.offset, n);
	free(buf);
}

TEST(hard_links_share_ino)
{
	struct wbuf w = { 0 };
	struct went first = { .name = "x", .mode = CPIO_S_IFREG | 0644,
			      .ino = 42, .nlink = 2, .dmaj = 3, .dmin = 4 };
	struct went second = first;
	struct cpio_reader r;
	struct cpio_entry e1, e2;

	second.name = "y";
	second.data = "data";
	second.size = 4;
	w_entry(&w, &first, false);
	w_entry(&w, &second, false);
	w_trailer(&w);
	cpio_init(&r, w.p, w.len);
	EXPECT_EQ(cpio_next(&r, &e1), 1);
	EXPECT_EQ(cpio_next(&r, &e2), 1);
	EXPECT_EQ(e1.ino, 42);
	EXPECT_EQ(e2.ino, 42);
	EXPECT_EQ(e1.devmajor, e2.devmajor);
	EXPECT_EQ(e1.devminor, 4);
	EXPECT_EQ(e1.size, 0);
	EXPECT_EQ(e2.size, 4);
	EXPECT_EQ(cpio_next(&r, &e1), 0);
	free(w.p);
}

/*
 * One entry named @name with @data, then a file "z" whose reading proves
 * the padding after both was skipped right.
 */
static void check_padding(const char *name, const char *data)
{
	struct wbuf w = { 0 };
	struct cpio_reader r;
	struct cpio_entry e;
	unsigned char *buf;

	w_file(&w, name, data);
	w_file(&w, "z", "Z");
	w_trailer(&w);
	buf = exact_copy(w.p, w.len);
	cpio_init(&r, buf, w.len);
	EXPECT_EQ(cpio_next(&r, &e), 1);
	EXPECT_STREQ(e.name, name);
	EXPECT_EQ(e.name_len, strlen_host(name));
	EXPECT_EQ(e.size, strlen_host(data));
	EXPECT(!memcmp_host(e.data, data, e.size));
	EXPECT_EQ(((const unsigned char *)e.data - buf) % 4, 0);
	EXPECT_EQ(cpio_next(&r, &e), 1);
	EXPECT_STREQ(e.name, "z");
	EXPECT(e.size == 1 && *(const char *)e.data == 'Z');
	EXPECT_EQ(cpio_next(&r, &e), 0);
	EXPECT_EQ(r.offset, w.len);
	free(buf);
	free(w.p);
}

TEST(names_of_every_length)
{
	char name[301];

	for (int len = 1; len <= 300; len++) {
		for (int i = 0; i < len; i++)
			name[i] = (char)('a' + i % 26);
		name[len] = '\0';
		check_padding(name, "abc");
	}
}

TEST(data_of_every_length)
{
	char data[17];

	for (int len = 0; len <= 16; len++) {
		for (int i = 0; i < len; i++)
			data[i] = (char)('0' + i % 10);
		data[len] = '\0';
		check_padding("f", data);
		check_padding("fi", data);
		check_padding("fil", data);
		check_padding("file", data);
	}
}

TEST(name_of_path_max)
{
	static char name[CPIO_NAME_MAX + 1];
	struct wbuf w = { 0 };
	struct cpio_reader r;
	struct cpio_entry e;

	memset_host(name, 'n', CPIO_NAME_MAX - 1);
	w_file(&w, name, "");
	w_trailer(&w);
	cpio_init(&r, w.p, w.len);
	EXPECT_EQ(cpio_next(&r, &e), 1);
	EXPECT_EQ(e.name_len, CPIO_NAME_MAX - 1);

	/* One more byte and the name is too long. */
	name[CPIO_NAME_MAX - 1] = 'n';
	w.len = 0;
	w_file(&w, name, "");
	w_trailer(&w);
	cpio_init(&r, w.p, w.len);
	EXPECT_EQ(cpio_next(&r, &e), -EINVAL);
	EXPECT(r.why && strstr_host(r.why, "PATH_MAX"));
	free(w.p);
}

TEST(trailer_ends_and_stays_ended)
{
	struct wbuf w = { 0 };
	struct cpio_reader r;
	struct cpio_entry e;
	size_t end;

	w_file(&w, "a", "1");
	w_trailer(&w);
	end = w.len;
	w_zeros(&w, 512);
	/* Anything after the trailer is not read until cpio_more(). */
	w_bytes(&w, "junk", 4);
	cpio_init(&r, w.p, w.len);
	EXPECT_EQ(cpio_next(&r, &e), 1);
	EXPECT_EQ(cpio_next(&r, &e), 0);
	EXPECT_EQ(r.offset, end);
	EXPECT_EQ(cpio_next(&r, &e), 0);
	EXPECT(r.why == NULL);

	/* Trailing zeros only: no more archives. */
	cpio_init(&r, w.p, end + 512);
	EXPECT_EQ(cpio_next(&r, &e), 1);
	EXPECT_EQ(cpio_next(&r, &e), 0);
	EXPECT(!cpio_more(&r));
	EXPECT_EQ(cpio_next(&r, &e), 0);
	free(w.p);
}

TEST(more_before_trailer_is_false)
{
	struct wbuf w = { 0 };
	struct cpio_reader r;
	struct cpio_entry e;

	w_file(&w, "a", "1");
	w_trailer(&w);
	cpio_init(&r, w.p, w.len);
	EXPECT(!cpio_more(&r));
	EXPECT_EQ(cpio_next(&r, &e), 1);
	EXPECT(!cpio_more(&r));
	EXPECT_STREQ(e.name, "a");
	free(w.p);
}

TEST(concatenated_archives)
{
	for (size_t gap = 0; gap <= 9; gap++) {
		struct wbuf w = { 0 };
		struct cpio_reader r;
		struct cpio_entry e;
		unsigned char *buf;

		w_file(&w, "one", "1");
		w_trailer(&w);
		w_zeros(&w, gap);
		w.start = w.len;	/* the second archive pads from here */
		w_file(&w, "two", "22");
		w_file(&w, "three", "333");
		w_trailer(&w);
		w_zeros(&w, gap);
		buf = exact_copy(w.p, w.len);
		cpio_init(&r, buf, w.len);
		EXPECT_EQ(cpio_next(&r, &e), 1);
		EXPECT_STREQ(e.name, "one");
		EXPECT_EQ(cpio_next(&r, &e), 0);
		EXPECT(cpio_more(&r));
		EXPECT_EQ(cpio_next(&r, &e), 1);
		EXPECT_STREQ(e.name, "two");
		EXPECT(e.size == 2 && !memcmp_host(e.data, "22", 2));
		EXPECT_EQ(cpio_next(&r, &e), 1);
		EXPECT_STREQ(e.name, "three");
		EXPECT(e.size == 3 && !memcmp_host(e.data, "333", 3));
		EXPECT_EQ(cpio_next(&r, &e), 0);
		EXPECT(!cpio_more(&r));
		free(buf);
		free(w.p);
	}
}

TEST(garbage_after_trailer_is_reported)
{
	struct wbuf w = { 0 };
	struct cpio_reader r;
	struct cpio_entry e;
	size_t junk;

	w_trailer(&w);
	w_zeros(&w, 8);
	junk = w.len;
	w_bytes(&w, "garbage garbage garbage", 23);
	cpio_init(&r, w.p, w.len);
	EXPECT_EQ(cpio_next(&r, &e), 0);
	EXPECT(cpio_more(&r));
	EXPECT_EQ(cpio_next(&r, &e), -EINVAL);
	EXPECT_EQ(r.offset, junk);
	EXPECT(r.why && strstr_host(r.why, "magic"));
	free(w.p);
}

TEST(every_truncation_fails_cleanly)
{
	struct wbuf w = { 0 };
	int count, rc;

	build_sample(&w, true);
	for (size_t len = 0; len < w.len; len++) {
		unsigned char *buf = exact_copy(w.p, len);

		rc = walk(buf, len, &count);
		EXPECT_EQ(rc, -EINVAL);
		EXPECT(count <= (int)(sizeof(sample) / sizeof(sample[0])));
		free(buf);
	}
	rc = walk(w.p, w.len, &count);
	EXPECT_EQ(rc, 0);
	EXPECT_EQ(count, sizeof(sample) / sizeof(sample[0]));
	free(w.p);
}

TEST(empty_buffer_is_an_error)
{
	struct cpio_reader r;
	struct cpio_entry e;

	cpio_init(&r, "", 0);
	EXPECT_EQ(cpio_next(&r, &e), -EINVAL);
	EXPECT_EQ(r.offset, 0);
	EXPECT(r.why && strstr_host(r.why, "TRAILER"));
}

/* A one-file archive whose header byte @off is replaced by @c. */
static int read_poked(size_t off, char c, struct cpio_reader *r)
{
	struct wbuf w = { 0 };
	struct cpio_entry e;
	unsigned char *buf;
	int rc;

	w_file(&w, "file", "data");
	w_trailer(&w);
	w.p[off] = (unsigned char)c;
	buf = exact_copy(w.p, w.len);
	cpio_init(r, buf, w.len);
	rc = cpio_next(r, &e);
	free(buf);
	free(w.p);
	return rc;
}

TEST(bad_magic)
{
	struct cpio_reader r;

	for (size_t i = 0; i < 6; i++) {
		EXPECT_EQ(read_poked(i, 'x', &r), -EINVAL);
		EXPECT_EQ(r.offset, 0);
		EXPECT(r.why && strstr_host(r.why, "magic"));
	}
	/* The old portable format and a CRC magic off by one. */
	EXPECT_EQ(read_poked(5, '7', &r), -EINVAL);
	EXPECT_EQ(read_poked(5, '3', &r), -EINVAL);
}

TEST(non_hex_fields)
{
	static const char bad[] = "gG x-+.\xff";
	struct cpio_reader r;

	for (size_t off = 6; off < HDR_LEN; off++) {
		for (size_t k = 0; k < sizeof(bad) - 1; k++) {
			EXPECT_EQ(read_poked(off, bad[k], &r), -EINVAL);
			EXPECT_EQ(r.offset, 6 + (off - 6) / 8 * 8);
			EXPECT(r.why && strstr_host(r.why, "hex"));
		}
	}
}

TEST(lower_case_hex_is_accepted)
{
	struct wbuf w = { 0 };
	struct went f = { .name = "f", .mode = CPIO_S_IFREG | 0644,
			  .mtime = 0xabcdef12 };
	struct cpio_reader r;
	struct cpio_entry e;

	w_entry(&w, &f, false);
	w_trailer(&w);
	for (size_t i = 6; i < HDR_LEN; i++)
		if (w.p[i] >= 'A' && w.p[i] <= 'F')
			w.p[i] = (unsigned char)(w.p[i] - 'A' + 'a');
	cpio_init(&r, w.p, w.len);
	EXPECT_EQ(cpio_next(&r, &e), 1);
	EXPECT_EQ(e.mtime, 0xabcdef12);
	EXPECT_EQ(e.mode, CPIO_S_IFREG | 0644);
	free(w.p);
}

/* A one-entry archive with raw namesize, filesize and name bytes. */
static int read_raw(uint32_t namesize, uint32_t filesize, const char *name,
		    size_t name_bytes, struct cpio_reader *r)
{
	struct wbuf w = { 0 };
	uint32_t f[13] = { 1, CPIO_S_IFREG | 0644, 0, 0, 1, 0, filesize,
			   0, 0, 0, 0, namesize, 0 };
	struct cpio_entry e;
	unsigned char *buf;
	int rc;

	w_header(&w, "070701", f);
	w_bytes(&w, name, name_bytes);
	w_pad(&w);
	w_bytes(&w, "0123456789abcdef", 16);
	w_trailer(&w);
	buf = exact_copy(w.p, w.len);
	cpio_init(r, buf, w.len);
	rc = cpio_next(r, &e);
	if (rc < 0) {
		/* Errors stick, at the same place. */
		size_t off = r->offset;

		EXPECT_EQ(cpio_next(r, &e), rc);
		EXPECT_EQ(r->offset, off);
	}
	free(buf);
	free(w.p);
	return rc;
}

TEST(huge_sizes)
{
	struct cpio_reader r;

	EXPECT_EQ(read_raw(2, 16, "a", 2, &r), 1);
	EXPECT_EQ(read_raw(2, 0xffffffff, "a", 2, &r), -EINVAL);
	EXPECT(r.why && strstr_host(r.why, "data runs past"));
	EXPECT_EQ(r.offset, HDR_LEN + 2);
	EXPECT_EQ(read_raw(2, 0x80000000, "a", 2, &r), -EINVAL);
	EXPECT_EQ(read_raw(0xffffffff, 0, "a", 2, &r), -EINVAL);
	EXPECT_EQ(read_raw(0xfffffffe, 0, "a", 2, &r), -EINVAL);
	EXPECT_EQ(read_raw(CPIO_NAME_MAX + 1, 0, "a", 2, &r), -EINVAL);
	EXPECT(r.why && strstr_host(r.why, "PATH_MAX"));
	/* A name size that fits PATH_MAX but not the archive. */
	EXPECT_EQ(read_raw(4000, 0, "a", 2, &r), -EINVAL);
	EXPECT(r.why && strstr_host(r.why, "name runs past"));
}

TEST(names_without_nul)
{
	struct cpio_reader r;

	EXPECT_EQ(read_raw(0, 0, "", 0, &r), -EINVAL);
	EXPECT(r.why && strstr_host(r.why, "name size is 0"));
	EXPECT_EQ(read_raw(2, 0, "ab", 2, &r), -EINVAL);
	EXPECT(r.why && strstr_host(r.why, "NUL-terminated"));
	EXPECT_EQ(r.offset, HDR_LEN + 1);
	/* A name size one short of the name's NUL. */
	EXPECT_EQ(read_raw(3, 0, "abc", 4, &r), -EINVAL);
	EXPECT_EQ(read_raw(4, 0, "a\0b", 4, &r), -EINVAL);
	EXPECT(r.why && strstr_host(r.why, "NUL before"));
	EXPECT_EQ(read_raw(4, 0, "abc", 4, &r), 1);
}

TEST(crc_checksums)
{
	struct wbuf w = { 0 };
	struct cpio_reader r;
	struct cpio_entry e;
	uint32_t sum = sum_bytes(sample[1].data, sample[1].size);
	size_t data_off;
	char hex[9];

	EXPECT_EQ(sum, 1170);	/* "hello, world\n" */
	w_entry(&w, &sample[1], true);
	w_trailer(&w);
	snprintf_host(hex, sizeof(hex), "%08X", sum);
	EXPECT(!memcmp_host(w.p + CHECK_OFF, hex, 8));
	cpio_init(&r, w.p, w.len);
	EXPECT_EQ(cpio_next(&r, &e), 1);
	data_off = (const unsigned char *)e.data - w.p;

	/* One byte of data changed: the sum no longer matches. */
	w.p[data_off + 3] ^= 1;
	cpio_init(&r, w.p, w.len);
	EXPECT_EQ(cpio_next(&r, &e), -EINVAL);
	EXPECT(r.why && strstr_host(r.why, "checksum"));
	EXPECT_EQ(r.offset, data_off);
	w.p[data_off + 3] ^= 1;

	/* A wrong check field; 070701 ignores the same field. */
	w.p[CHECK_OFF + 7] = w.p[CHECK_OFF + 7] == '0' ? '1' : '0';
	cpio_init(&r, w.p, w.len);
	EXPECT_EQ(cpio_next(&r, &e), -EINVAL);
	w.p[5] = '1';
	cpio_init(&r, w.p, w.len);
	EXPECT_EQ(cpio_next(&r, &e), 1);
	free(w.p);
}

TEST(check_name)
{
	EXPECT_EQ(cpio_check_name(""), -EINVAL);
	EXPECT_EQ(cpio_check_name(".."), -EINVAL);
	EXPECT_EQ(cpio_check_name("../x"), -EINVAL);
	EXPECT_EQ(cpio_check_name("/.."), -EINVAL);
	EXPECT_EQ(cpio_check_name("./../etc"), -EINVAL);
	EXPECT_EQ(cpio_check_name("a/../../b"), -EINVAL);
	EXPECT_EQ(cpio_check_name("a/.."), -EINVAL);
	EXPECT_EQ(cpio_check_name("a/../"), -EINVAL);
	EXPECT_EQ(cpio_check_name("a//.."), -EINVAL);
	EXPECT_EQ(cpio_check_name("etc"), 0);
	EXPECT_EQ(cpio_check_name("a/./b"), 0);
	EXPECT_EQ(cpio_check_name("..a"), 0);
	EXPECT_EQ(cpio_check_name("a.."), 0);
	EXPECT_EQ(cpio_check_name(".../x"), 0);
	EXPECT_EQ(cpio_check_name("a/..b/c"), 0);
	EXPECT_EQ(cpio_check_name(".hidden"), 0);
	EXPECT_EQ(cpio_check_name("/etc/passwd"), 1);
	EXPECT_EQ(cpio_check_name("./etc"), 2);
	EXPECT_EQ(cpio_check_name("//./etc"), 4);
	EXPECT_EQ(cpio_check_name("/"), 1);
	EXPECT_EQ(cpio_check_name("."), 1);
	EXPECT_EQ(cpio_check_name("./"), 2);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

/* Mostly bytes a parser cares about, so mutations reach deep paths. */
static unsigned char fuzz_byte(void)
{
	static const char pick[] = "0123456789abcdefABCDEF7\0/.";

	if (rng() % 4 == 0)
		return (unsigned char)rng();
	return (unsigned char)pick[rng() % (sizeof(pick) - 1)];
}

TEST(mutation_fuzz)
{
	struct wbuf w = { 0 };
	unsigned char *work;
	int count, rc, clean = 0, failed = 0;

	build_sample(&w, false);
	w_zeros(&w, 3);
	w.start = w.len;
	build_sample(&w, true);
	work = malloc(w.len);
	for (int round = 0; round < FUZZ_ROUNDS; round++) {
		size_t len = w.len, edits = 1 + rng() % 4;
		unsigned char *buf;

		memcpy_host(work, w.p, w.len);
		for (size_t i = 0; i < edits; i++)
			work[rng() % w.len] = fuzz_byte();
		if (rng() % 4 == 0)
			len = rng() % (w.len + 1);
		buf = exact_copy(work, len);
		rc = walk(buf, len, &count);
		EXPECT(rc == 0 || rc == -EINVAL);
		clean += rc == 0;
		failed += rc < 0;
		free(buf);
	}
	/* Both outcomes must occur, or the fuzzer is not exploring. */
	EXPECT(clean > 0 && failed > 0);
	EXPECT_EQ(clean + failed, FUZZ_ROUNDS);
	free(work);
	free(w.p);
}
