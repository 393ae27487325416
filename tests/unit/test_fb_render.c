/*
 * Host tests for drivers/fb_render.c: PSF1/PSF2 parsing (including every
 * truncation of a font, under ASan), colour packing, and drawing into
 * buffers whose rows carry padding that must survive untouched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unittest.h"
#include <errno.h>
#include <fb_render.h>

#define CANARY		0xa5
#define REAL_FONT	"/usr/share/consolefonts/Lat15-Terminus16.psf.gz"

/*
 * A surface over a malloc'd buffer: pixels preset to CANARY bytes, the
 * padding at the end of each row to pad_byte(row).
 */
struct test_fb {
	struct fb_surface s;
	size_t size;
};

static uint8_t pad_byte(uint32_t y)
{
	return CANARY + 1 + y;
}

static void test_fb_init(struct test_fb *t, uint32_t w, uint32_t h,
			 uint8_t bytes_pp, size_t pad)
{
	memset(t, 0, sizeof(*t));
	t->s.width = w;
	t->s.height = h;
	t->s.bytes_pp = bytes_pp;
	t->s.pitch = (size_t)w * bytes_pp + pad;
	t->size = t->s.pitch * h;
	t->s.base = malloc(t->size);
	memset(t->s.base, CANARY, t->size);
	/* Padding differs from row to row, so moving it shows. */
	for (uint32_t y = 0; y < h; y++)
		memset(t->s.base + y * t->s.pitch + (size_t)w * bytes_pp,
		       pad_byte(y), pad);
	if (bytes_pp == 2) {
		t->s.red_pos = 11, t->s.red_size = 5;
		t->s.green_pos = 5, t->s.green_size = 6;
		t->s.blue_pos = 0, t->s.blue_size = 5;
	} else {
		t->s.red_pos = 16, t->s.red_size = 8;
		t->s.green_pos = 8, t->s.green_size = 8;
		t->s.blue_pos = 0, t->s.blue_size = 8;
	}
}

static uint32_t get_px(const struct test_fb *t, uint32_t x, uint32_t y)
{
	const uint8_t *p = t->s.base + y * t->s.pitch + x * t->s.bytes_pp;
	uint32_t v = 0;

	for (int i = t->s.bytes_pp - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* The value a pixel holds when nothing wrote it. */
static uint32_t canary_px(const struct test_fb *t)
{
	return 0xa5a5a5a5u >> (32 - 8 * t->s.bytes_pp);
}

/* Count padding bytes (past width * bytes_pp in each row) that changed. */
static int padding_damage(const struct test_fb *t)
{
	int bad = 0;

	for (uint32_t y = 0; y < t->s.height; y++)
		for (size_t i = (size_t)t->s.width * t->s.bytes_pp;
		     i < t->s.pitch; i++)
			bad += t->s.base[y * t->s.pitch + i] != pad_byte(y);
	return bad;
}

/* Count pixels that hold @want inside the rectangle, other values outside. */
static int rect_mismatches(const struct test_fb *t, uint32_t x0, uint32_t y0,
			   uint32_t x1, uint32_t y1, uint32_t want)
{
	int bad = 0;

	for (uint32_t y = 0; y < t->s.height; y++)
		for (uint32_t x = 0; x < t->s.width; x++) {
			bool in = x >= x0 && x < x1 && y >= y0 && y < y1;
			uint32_t v = get_px(t, x, y);

			bad += in ? v != want : v != canary_px(t);
		}
	return bad;
}

/* Count pixels outside the rectangle that no longer hold the canary. */
static int outside_damage(const struct test_fb *t, uint32_t x0, uint32_t y0,
			  uint32_t x1, uint32_t y1)
{
	int bad = 0;

	for (uint32_t y = 0; y < t->s.height; y++)
		for (uint32_t x = 0; x < t->s.width; x++)
			if (x < x0 || x >= x1 || y < y0 || y >= y1)
				bad += get_px(t, x, y) != canary_px(t);
	return bad;
}

/* --- hand-made fonts ------------------------------------------------- */

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = v >> (8 * i);
}

/* Fill @n bytes with a fixed pseudo-random pattern. */
static void fill_pattern(uint8_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = seed >> 16;
	}
}

#define P2_W		10
#define P2_H		5
#define P2_ROW		2
#define P2_COUNT	70
#define P2_HDR		40	/* a header over 32 bytes is legal */
#define P2_LEN		(P2_HDR + P2_COUNT * P2_ROW * P2_H)

static uint8_t *make_psf2(size_t *len)
{
	uint8_t *p = calloc(1, P2_LEN);

	put_le32(p, 0x864ab572);
	put_le32(p + 4, 0);
	put_le32(p + 8, P2_HDR);
	put_le32(p + 12, 0);
	put_le32(p + 16, P2_COUNT);
	put_le32(p + 20, P2_ROW * P2_H);
	put_le32(p + 24, P2_H);
	put_le32(p + 28, P2_W);
	fill_pattern(p + P2_HDR, P2_LEN - P2_HDR, 7);
	*len = P2_LEN;
	return p;
}

#define P1_H		3
#define P1_LEN		(4 + 512 * P1_H)

static uint8_t *make_psf1_512(size_t *len)
{
	uint8_t *p = calloc(1, P1_LEN);

	p[0] = 0x36;
	p[1] = 0x04;
	p[2] = 0x01;	/* 512 glyphs */
	p[3] = P1_H;
	fill_pattern(p + 4, P1_LEN - 4, 3);
	*len = P1_LEN;
	return p;
}

/* Parse a copy of the first @len bytes in a buffer of exactly that size. */
static int parse_exact(const uint8_t *data, size_t len)
{
	struct psf_font f;
	uint8_t *copy = malloc(len ? len : 1);
	int ret;

	memcpy(copy, data, len);
	ret = psf_parse(&f, copy, len);
	free(copy);
	return ret;
}

static uint8_t *load_real_font(size_t *len)
{
	FILE *f = popen("gzip -dc " REAL_FONT, "r");
	size_t cap = 1 << 16;
	uint8_t *buf = malloc(cap);

	*len = f ? fread(buf, 1, cap, f) : 0;
	if (f)
		pclose(f);
	return buf;
}

/* --- PSF parsing ----------------------------------------------------- */

TEST(psf2_parses_header)
{
	size_t len;
	uint8_t *p = make_psf2(&len);
	struct psf_font f;

	EXPECT_EQ(psf_parse(&f, p, len), 0);
	EXPECT_EQ(f.count, P2_COUNT);
	EXPECT_EQ(f.width, P2_W);
	EXPECT_EQ(f.height, P2_H);
	EXPECT_EQ(f.bytes_per_row, P2_ROW);
	EXPECT_EQ(f.bytes_per_glyph, P2_ROW * P2_H);
	EXPECT(f.glyphs == p + P2_HDR);
	EXPECT(psf_glyph(&f, 'A') == p + P2_HDR + 'A' * P2_ROW * P2_H);
	/* Beyond the font's 70 glyphs: '?' (63). */
	EXPECT(psf_glyph(&f, 'z') == psf_glyph(&f, '?'));
	EXPECT(psf_glyph(&f, 255) == psf_glyph(&f, '?'));
	free(p);
}

TEST(psf_glyph_without_question_mark_uses_glyph_0)
{
	size_t len;
	uint8_t *p = make_psf2(&len);
	struct psf_font f;

	put_le32(p + 16, 10);
	EXPECT_EQ(psf_parse(&f, p, len), 0);
	EXPECT(psf_glyph(&f, 'A') == f.glyphs);
	EXPECT(psf_glyph(&f, 9) == f.glyphs + 9 * f.bytes_per_glyph);
	free(p);
}

TEST(psf1_parses_512_glyphs)
{
	size_t len;
	uint8_t *p = make_psf1_512(&len);
	struct psf_font f;

	EXPECT_EQ(psf_parse(&f, p, len), 0);
	EXPECT_EQ(f.count, 512);
	EXPECT_EQ(f.width, 8);
	EXPECT_EQ(f.height, P1_H);
	EXPECT(f.glyphs == p + 4);
	EXPECT(psf_glyph(&f, 200) == p + 4 + 200 * P1_H);
	/* Without the 512 flag the same data is a valid 256-glyph font. */
	p[2] = 0;
	EXPECT_EQ(psf_parse(&f, p, 4 + 256 * P1_H), 0);
	EXPECT_EQ(f.count, 256);
	free(p);
}

TEST(psf_real_font_parses)
{
	size_t len;
	uint8_t *p = load_real_font(&len);
	struct psf_font f;

	EXPECT(len > 4 + 256 * 16);
	EXPECT_EQ(psf_parse(&f, p, len), 0);
	EXPECT_EQ(f.count, 256);
	EXPECT_EQ(f.width, 8);
	EXPECT_EQ(f.height, 16);
	/* Terminus draws a blank space and an 'A' with ink in it. */
	for (int i = 0; i < 16; i++)
		EXPECT_EQ(psf_glyph(&f, ' ')[i], 0);
	EXPECT(memcmp(psf_glyph(&f, 'A'), psf_glyph(&f, ' '), 16) != 0);
	free(p);
}

TEST(psf_every_truncation_rejected)
{
	size_t len1, len2;
	uint8_t *p1 = make_psf1_512(&len1);
	uint8_t *p2 = make_psf2(&len2);
	int bad = 0;

	for (size_t n = 0; n < len1; n++)
		bad += parse_exact(p1, n) != -EINVAL;
	for (size_t n = 0; n < len2; n++)
		bad += parse_exact(p2, n) != -EINVAL;
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(parse_exact(p1, len1), 0);
	EXPECT_EQ(parse_exact(p2, len2), 0);
	free(p1);
	free(p2);
}

TEST(psf_real_font_truncations)
{
	size_t len;
	uint8_t *p = load_real_font(&len);
	size_t glyph_end = 4 + 256 * 16;
	int bad = 0;

	/* Cut in the glyphs: rejected; cut in the Unicode table: fine. */
	for (size_t n = 0; n < len; n++)
		bad += parse_exact(p, n) != (n < glyph_end ? -EINVAL : 0);
	EXPECT_EQ(bad, 0);
	free(p);
}

TEST(psf2_corrupt_headers_rejected)
{
	size_t len;
	uint8_t *p = make_psf2(&len);
	static const struct {
		int off;
		uint32_t val;
	} bad[] = {
		{ 0, 0x864ab573 },	/* magic */
		{ 4, 1 },		/* version */
		{ 8, 31 },		/* header size below 32 */
		{ 8, P2_LEN + 1 },	/* header size past the data */
		{ 8, 0xffffffff },
		{ 16, 0 },		/* no glyphs */
		{ 16, P2_COUNT + 1 },	/* one glyph more than the data */
		{ 16, 0xffffffff },
		{ 20, P2_ROW * P2_H + 1 },	/* charsize disagrees */
		{ 20, 0 },
		{ 24, 0 },		/* height */
		{ 24, 0xffffffff },
		{ 28, 0 },		/* width */
		{ 28, 0x80000001 },	/* 2^28-byte rows: overflow bait */
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t *copy = malloc(len);

		memcpy(copy, p, len);
		put_le32(copy + bad[i].off, bad[i].val);
		if (parse_exact(copy, len) != -EINVAL)
			unit_fail(__FILE__, __LINE__, "case %zu accepted", i);
		free(copy);
	}
	free(p);
}

TEST(psf1_corrupt_headers_rejected)
{
	size_t len;
	uint8_t *p = make_psf1_512(&len);

	p[3] = 0;		/* zero-height glyphs */
	EXPECT_EQ(parse_exact(p, len), -EINVAL);
	p[3] = P1_H + 1;	/* glyphs run past the data */
	EXPECT_EQ(parse_exact(p, len), -EINVAL);
	p[3] = P1_H;
	p[1] = 0x05;		/* magic */
	EXPECT_EQ(parse_exact(p, len), -EINVAL);
	free(p);
}

TEST(psf_scale2_doubles_every_bit)
{
	size_t len;
	uint8_t *p = make_psf2(&len);
	struct psf_font f, big;
	size_t size = P2_COUNT * 3 * 2 * P2_H;	/* 3 bytes per row */
	uint8_t *buf = malloc(size);
	int bad = 0;

	EXPECT_EQ(psf_parse(&f, p, len), 0);
	EXPECT_EQ(psf_scale2(&big, &f, buf, size - 1), -EINVAL);
	EXPECT_EQ(psf_scale2(&big, &f, buf, size), 0);
	EXPECT_EQ(big.width, 2 * P2_W);
	EXPECT_EQ(big.height, 2 * P2_H);
	EXPECT_EQ(big.bytes_per_row, 3);
	EXPECT_EQ(big.count, P2_COUNT);
	for (unsigned int g = 0; g < P2_COUNT; g++)
		for (uint32_t y = 0; y < big.height; y++)
			for (uint32_t x = 0; x < 24; x++) {
				const uint8_t *s = psf_glyph(&f, g) +
						   y / 2 * P2_ROW;
				const uint8_t *d = psf_glyph(&big, g) + y * 3;
				bool want = x < big.width &&
					    s[x / 2 / 8] >> (7 - x / 2 % 8) & 1;

				bad += (d[x / 8] >> (7 - x % 8) & 1) != want;
			}
	EXPECT_EQ(bad, 0);
	/* 64 pixels wide is the limit; 40 doubled is past it. */
	f.width = 40, f.bytes_per_row = 5;
	EXPECT_EQ(psf_scale2(&big, &f, buf, size), -EINVAL);
	free(buf);
	free(p);
}

/* --- colours --------------------------------------------------------- */

TEST(pack_rgb_scales_to_fields)
{
	struct fb_surface s = { .bytes_pp = 4, .red_pos = 16, .red_size = 8,
				.green_pos = 8, .green_size = 8,
				.blue_pos = 0, .blue_size = 8 };

	EXPECT_EQ(fb_pack_rgb(&s, 0x12, 0x34, 0x56), 0x123456);
	s.red_pos = 0, s.blue_pos = 16;		/* BGR */
	EXPECT_EQ(fb_pack_rgb(&s, 0x12, 0x34, 0x56), 0x563412);
	s = (struct fb_surface){ .bytes_pp = 2, .red_pos = 11, .red_size = 5,
				 .green_pos = 5, .green_size = 6,
				 .blue_pos = 0, .blue_size = 5 };
	EXPECT_EQ(fb_pack_rgb(&s, 255, 255, 255), 0xffff);
	EXPECT_EQ(fb_pack_rgb(&s, 255, 0, 0), 0xf800);
	EXPECT_EQ(fb_pack_rgb(&s, 0, 255, 0), 0x07e0);
	EXPECT_EQ(fb_pack_rgb(&s, 0xaa, 0xaa, 0xaa), 21 << 11 | 42 << 5 | 21);
	s.red_pos = 10, s.green_size = 5;	/* x1r5g5b5 */
	EXPECT_EQ(fb_pack_rgb(&s, 255, 255, 255), 0x7fff);
	s = (struct fb_surface){ .bytes_pp = 4, .red_pos = 20, .red_size = 10,
				 .green_pos = 10, .green_size = 10,
				 .blue_pos = 0, .blue_size = 10 };
	EXPECT_EQ(fb_pack_rgb(&s, 255, 0, 255), 0x3ff003ff);
}

TEST(fields_valid_checks_layout)
{
	struct test_fb t;

	test_fb_init(&t, 1, 1, 4, 0);
	EXPECT(fb_fields_valid(&t.s));
	t.s.green_pos = 12;		/* overlaps red */
	EXPECT(!fb_fields_valid(&t.s));
	t.s.green_pos = 24, t.s.green_size = 9;	/* past bit 31 */
	EXPECT(!fb_fields_valid(&t.s));
	t.s.green_pos = 8, t.s.green_size = 0;
	EXPECT(!fb_fields_valid(&t.s));
	t.s.green_size = 8;
	t.s.bytes_pp = 2;		/* 24 bits of fields in 16 */
	EXPECT(!fb_fields_valid(&t.s));
	t.s.bytes_pp = 3;
	EXPECT(fb_fields_valid(&t.s));
	free(t.s.base);
}

/* --- drawing --------------------------------------------------------- */

static const uint8_t depths[] = { 2, 3, 4 };

TEST(fill_rect_clips_and_spares_padding)
{
	for (size_t d = 0; d < sizeof(depths); d++) {
		struct test_fb t;
		uint32_t mask = 0xffffffffu >> (32 - 8 * depths[d]);
		uint32_t px = 0x00c0ffee & mask;

		test_fb_init(&t, 13, 9, depths[d], 7);
		fb_fill_rect(&t.s, 2, 3, 4, 2, px);
		EXPECT_EQ(rect_mismatches(&t, 2, 3, 6, 5, px), 0);
		/* Across the right and bottom edges, and with sizes that
		 * would overflow 32 bits if added naively. */
		fb_fill_rect(&t.s, 10, 7, 100, 100, px);
		fb_fill_rect(&t.s, 12, 0, UINT32_MAX, 1, px);
		fb_fill_rect(&t.s, 13, 0, 5, 5, px);	/* wholly outside */
		fb_fill_rect(&t.s, 0, 9, 5, 5, px);
		fb_fill_rect(&t.s, UINT32_MAX, UINT32_MAX, 2, 2, px);
		EXPECT_EQ(get_px(&t, 12, 8), px);
		EXPECT_EQ(get_px(&t, 10, 7), px);
		EXPECT_EQ(get_px(&t, 12, 0), px);
		EXPECT_EQ(get_px(&t, 9, 8), canary_px(&t));
		EXPECT_EQ(get_px(&t, 11, 1), canary_px(&t));
		EXPECT_EQ(padding_damage(&t), 0);
		free(t.s.base);
	}
}

/* Check one cell against the raw font bits; returns wrong pixels. */
static int glyph_mismatches(const struct test_fb *t, const uint8_t *font_data,
			    uint32_t hdr, uint32_t fw, uint32_t fh,
			    uint32_t col, uint32_t row, unsigned int glyph,
			    uint32_t fg, uint32_t bg)
{
	uint32_t row_bytes = (fw + 7) / 8;
	int bad = 0;

	for (uint32_t gy = 0; gy < fh; gy++)
		for (uint32_t gx = 0; gx < fw; gx++) {
			uint32_t x = col * fw + gx, y = row * fh + gy;
			const uint8_t *b = font_data + hdr +
					   glyph * row_bytes * fh +
					   gy * row_bytes;
			bool on = b[gx / 8] >> (7 - gx % 8) & 1;

			if (x >= t->s.width || y >= t->s.height)
				continue;
			bad += get_px(t, x, y) != (on ? fg : bg);
		}
	return bad;
}

TEST(glyphs_match_font_bits)
{
	size_t len;
	uint8_t *p = make_psf2(&len);
	struct psf_font f;

	EXPECT_EQ(psf_parse(&f, p, len), 0);
	for (size_t d = 0; d < sizeof(depths); d++) {
		struct test_fb t;
		uint32_t mask = 0xffffffffu >> (32 - 8 * depths[d]);
		uint32_t fg = 0x123456 & mask, bg = 0x000102 & mask;

		/* 4 x 3 cells of 10x5 with 3 pixels over on the right. */
		test_fb_init(&t, 43, 15, depths[d], 5);
		fb_draw_glyph(&t.s, &f, 0, 0, 'A', fg, bg);
		fb_draw_glyph(&t.s, &f, 3, 2, '0', fg, bg);
		fb_draw_glyph(&t.s, &f, 1, 1, 200, fg, bg);	/* -> '?' */
		EXPECT_EQ(glyph_mismatches(&t, p, P2_HDR, P2_W, P2_H, 0, 0,
					   'A', fg, bg), 0);
		EXPECT_EQ(glyph_mismatches(&t, p, P2_HDR, P2_W, P2_H, 3, 2,
					   '0', fg, bg), 0);
		EXPECT_EQ(glyph_mismatches(&t, p, P2_HDR, P2_W, P2_H, 1, 1,
					   '?', fg, bg), 0);
		EXPECT_EQ(get_px(&t, 10, 0), canary_px(&t));
		EXPECT_EQ(get_px(&t, 40, 14), canary_px(&t));
		EXPECT_EQ(padding_damage(&t), 0);
		free(t.s.base);
	}
	free(p);
}

TEST(glyphs_clip_at_edges)
{
	size_t len;
	uint8_t *p = make_psf2(&len);
	struct psf_font f;
	struct test_fb t;

	EXPECT_EQ(psf_parse(&f, p, len), 0);
	/* Cells of 10x5 in 25x12: column 2 and row 2 are partly off. */
	test_fb_init(&t, 25, 12, 4, 12);
	fb_draw_glyph(&t.s, &f, 2, 2, 'B', 0xffffff, 0x000001);
	EXPECT_EQ(glyph_mismatches(&t, p, P2_HDR, P2_W, P2_H, 2, 2, 'B',
				   0xffffff, 0x000001), 0);
	EXPECT_EQ(get_px(&t, 19, 11), canary_px(&t));
	/* Wholly off the surface, including coordinates that overflow. */
	fb_draw_glyph(&t.s, &f, 3, 0, 'B', 0xffffff, 0);
	fb_draw_glyph(&t.s, &f, 0, 3, 'B', 0xffffff, 0);
	fb_draw_glyph(&t.s, &f, 0x1999999a, 0x33333334, 'B', 0xffffff, 0);
	EXPECT_EQ(outside_damage(&t, 20, 10, 25, 12), 0);
	EXPECT_EQ(padding_damage(&t), 0);
	free(t.s.base);
	free(p);
}

TEST(real_font_glyph_at_24bpp)
{
	size_t len;
	uint8_t *p = load_real_font(&len);
	struct psf_font f;
	struct test_fb t;

	EXPECT_EQ(psf_parse(&f, p, len), 0);
	test_fb_init(&t, 80, 32, 3, 1);
	for (unsigned int c = 'a'; c < 'a' + 10; c++)
		fb_draw_glyph(&t.s, &f, c - 'a', 1, c, 0xaaaaaa, 0);
	for (unsigned int c = 'a'; c < 'a' + 10; c++)
		EXPECT_EQ(glyph_mismatches(&t, p, 4, 8, 16, c - 'a', 1, c,
					   0xaaaaaa, 0), 0);
	EXPECT_EQ(outside_damage(&t, 0, 16, 80, 32), 0);
	EXPECT_EQ(padding_damage(&t), 0);
	free(t.s.base);
	free(p);
}

/* Give every row of the picture its own colour, row + 1. */
static void paint_rows(struct test_fb *t)
{
	for (uint32_t y = 0; y < t->s.height; y++)
		fb_fill_rect(&t->s, 0, y, t->s.width, 1, y + 1);
}

TEST(scroll_moves_rows_and_fills_bottom)
{
	for (size_t d = 0; d < sizeof(depths); d++) {
		struct test_fb t;
		int bad = 0;

		test_fb_init(&t, 11, 20, depths[d], 3);
		paint_rows(&t);
		fb_scroll_up(&t.s, 6, 0x77);
		for (uint32_t y = 0; y < 20; y++)
			for (uint32_t x = 0; x < 11; x++)
				bad += get_px(&t, x, y) !=
				       (y < 14 ? y + 7 : 0x77);
		EXPECT_EQ(bad, 0);
		EXPECT_EQ(padding_damage(&t), 0);
		free(t.s.base);
	}
}

TEST(scroll_by_zero_and_by_too_much)
{
	struct test_fb t;

	test_fb_init(&t, 7, 5, 4, 4);
	paint_rows(&t);
	fb_scroll_up(&t.s, 0, 0x99);
	EXPECT_EQ(get_px(&t, 3, 0), 1);
	EXPECT_EQ(get_px(&t, 3, 4), 5);
	fb_scroll_up(&t.s, 5, 0x99);
	EXPECT_EQ(rect_mismatches(&t, 0, 0, 7, 5, 0x99), 0);
	paint_rows(&t);
	fb_scroll_up(&t.s, UINT32_MAX, 0x42);
	EXPECT_EQ(rect_mismatches(&t, 0, 0, 7, 5, 0x42), 0);
	EXPECT_EQ(padding_damage(&t), 0);
	free(t.s.base);
}

/* Modes a loader might report, checked before fbcon trusts them. */
TEST(mode_check_accepts_sane_modes)
{
	static const struct fb_mode ok[] = {
		{ 0xc0000000, 2400, 800, 600, 24 },
		{ 0xfd000000, 5120, 1280, 800, 32 },
		{ 0x80000000, 2048, 1000, 700, 16 },	/* padded rows */
		{ 0x140000000ULL, 4096, 1024, 768, 32 },	/* above 4 GiB */
		{ 0xe0000000, 1600, 800, 600, 15 },
	};
	char why[96];

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		EXPECT_EQ(fb_mode_check(&ok[i], why, sizeof(why)), 0);
}

TEST(mode_check_rejects_bad_modes)
{
	static const struct {
		struct fb_mode m;
		const char *needle;
	} bad[] = {
		{ { 0xc0000000, 800, 800, 600, 8 }, "bits per pixel" },
		{ { 0xc0000000, 800, 800, 600, 0 }, "bits per pixel" },
		{ { 0xc0000000, 3200, 0, 600, 32 }, "implausible size" },
		{ { 0xc0000000, 3200, 800, 0, 32 }, "implausible size" },
		{ { 0xc0000000, 3200, 20000, 600, 32 }, "implausible size" },
		{ { 0xc0000000, 3199, 800, 600, 32 }, "pitch 3199" },
		{ { 0xc0000000, 2399, 800, 600, 24 }, "pitch 2399" },
		{ { 0, 3200, 800, 600, 32 }, "not addressable" },
		{ { 1ULL << 52, 3200, 800, 600, 32 }, "not addressable" },
		{ { (1ULL << 52) - 4096, 3200, 800, 600, 32 },
		  "not addressable" },
		/* 4 GiB pitch x 16384 lines: too big, not a wrap-around. */
		{ { 0xc0000000, 0xffffffffu, 16384, 16384, 32 },
		  "not addressable" },
	};
	char why[96];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		EXPECT_EQ(fb_mode_check(&bad[i].m, why, sizeof(why)), -EINVAL);
		EXPECT(strstr_host(why, bad[i].needle) != NULL);
	}
}
