/*
 * Pixel-buffer rendering and the PSF font parser: the pure half of the
 * framebuffer console. It owns nothing but the formats: how a PSF1/PSF2
 * file is laid out, how a colour becomes a pixel value, how glyphs,
 * rectangles and scrolling land in a struct fb_surface. No kernel services
 * are used, so tests/unit/test_fb_render.c links this file directly;
 * drivers/fbcon.c is the kernel side that owns the real framebuffer.
 */
#include <compiler.h>
#include <errno.h>
#include <fb_render.h>
#include <lib/printf.h>
#include <lib/string.h>

/*
 * PSF version 1: a 4-byte header, then 256 or 512 glyphs of 8 x charsize
 * pixels, then an optional Unicode table we do not use.
 * (Linux Documentation/admin-guide/unicode and kbd's psf.h describe both.)
 */
#define PSF1_MAGIC0		0x36
#define PSF1_MAGIC1		0x04
#define PSF1_HEADER_SIZE	4
#define PSF1_MODE512		0x01	/* 512 glyphs instead of 256 */
#define PSF1_WIDTH		8

/*
 * PSF version 2: eight little-endian 32-bit words (magic, version,
 * headersize, flags, length, charsize, height, width), then length glyphs
 * of charsize bytes at offset headersize.
 */
#define PSF2_MAGIC		0x864ab572
#define PSF2_HEADER_SIZE	32
#define PSF2_VERSION		0

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static int psf1_parse(struct psf_font *font, const uint8_t *p, size_t len)
{
	uint32_t count = (p[2] & PSF1_MODE512) ? 512 : 256;
	uint32_t height = p[3];

	if (height == 0 || height > PSF_MAX_HEIGHT)
		return -EINVAL;
	if ((uint64_t)count * height > len - PSF1_HEADER_SIZE)
		return -EINVAL;
	font->glyphs = p + PSF1_HEADER_SIZE;
	font->count = count;
	font->width = PSF1_WIDTH;
	font->height = height;
	font->bytes_per_row = 1;
	font->bytes_per_glyph = height;
	return 0;
}

static int psf2_parse(struct psf_font *font, const uint8_t *p, size_t len)
{
	uint32_t version = get_le32(p + 4);
	uint32_t header_size = get_le32(p + 8);
	uint32_t count = get_le32(p + 16);
	uint32_t charsize = get_le32(p + 20);
	uint32_t height = get_le32(p + 24);
	uint32_t width = get_le32(p + 28);
	uint32_t row_bytes;

	if (version != PSF2_VERSION || header_size < PSF2_HEADER_SIZE ||
	    header_size > len)
		return -EINVAL;
	if (width == 0 || width > PSF_MAX_WIDTH || height == 0 ||
	    height > PSF_MAX_HEIGHT || count == 0 || count > PSF_MAX_GLYPHS)
		return -EINVAL;
	row_bytes = (width + 7) / 8;
	if (charsize != row_bytes * height)
		return -EINVAL;
	/* Both factors are bounded above, so this cannot overflow. */
	if ((uint64_t)count * charsize > len - header_size)
		return -EINVAL;
	font->glyphs = p + header_size;
	font->count = count;
	font->width = width;
	font->height = height;
	font->bytes_per_row = row_bytes;
	font->bytes_per_glyph = charsize;
	return 0;
}

int psf_parse(struct psf_font *font, const void *data, size_t len)
{
	const uint8_t *p = data;

	if (len >= PSF1_HEADER_SIZE && p[0] == PSF1_MAGIC0 &&
	    p[1] == PSF1_MAGIC1)
		return psf1_parse(font, p, len);
	if (len >= PSF2_HEADER_SIZE && get_le32(p) == PSF2_MAGIC)
		return psf2_parse(font, p, len);
	return -EINVAL;
}

const uint8_t *psf_glyph(const struct psf_font *font, unsigned int c)
{
	if (c >= font->count)
		c = '?' < font->count ? '?' : 0;
	return font->glyphs + (size_t)c * font->bytes_per_glyph;
}

static bool glyph_bit(const uint8_t *row, uint32_t x)
{
	return row[x / 8] & (0x80 >> (x % 8));
}

int psf_scale2(struct psf_font *dst, const struct psf_font *src, uint8_t *buf,
	       size_t size)
{
	uint32_t width = src->width * 2, height = src->height * 2;
	uint32_t row_bytes = (width + 7) / 8;
	uint64_t total = (uint64_t)src->count * row_bytes * height;

	if (width > PSF_MAX_WIDTH || height > PSF_MAX_HEIGHT || total > size)
		return -EINVAL;
	memset(buf, 0, total);
	for (uint32_t g = 0; g < src->count; g++) {
		const uint8_t *in = psf_glyph(src, g);
		uint8_t *out = buf + (size_t)g * row_bytes * height;

		for (uint32_t y = 0; y < height; y++, out += row_bytes) {
			const uint8_t *bits = in + y / 2 * src->bytes_per_row;

			for (uint32_t x = 0; x < width; x++)
				if (glyph_bit(bits, x / 2))
					out[x / 8] |= 0x80 >> (x % 8);
		}
	}
	dst->glyphs = buf;
	dst->count = src->count;
	dst->width = width;
	dst->height = height;
	dst->bytes_per_row = row_bytes;
	dst->bytes_per_glyph = row_bytes * height;
	return 0;
}

static bool field_valid(uint8_t pos, uint8_t size, unsigned int bits)
{
	return size >= 1 && size <= 16 && pos + size <= bits;
}

static uint32_t field_mask(uint8_t pos, uint8_t size)
{
	return (uint32_t)((1ULL << size) - 1) << pos;
}

bool fb_fields_valid(const struct fb_surface *fb)
{
	unsigned int bits = fb->bytes_pp * 8u;
	uint32_t r, g, b;

	if (!field_valid(fb->red_pos, fb->red_size, bits) ||
	    !field_valid(fb->green_pos, fb->green_size, bits) ||
	    !field_valid(fb->blue_pos, fb->blue_size, bits))
		return false;
	r = field_mask(fb->red_pos, fb->red_size);
	g = field_mask(fb->green_pos, fb->green_size);
	b = field_mask(fb->blue_pos, fb->blue_size);
	return !(r & g) && !(r & b) && !(g & b);
}

/* Scale an 8-bit intensity to a @size-bit field, rounding to nearest. */
static uint32_t scale_component(uint8_t v, uint8_t size)
{
	uint32_t max = (1u << size) - 1;

	return ((uint32_t)v * max + 127) / 255;
}

uint32_t fb_pack_rgb(const struct fb_surface *fb, uint8_t r, uint8_t g,
		     uint8_t b)
{
	return scale_component(r, fb->red_size) << fb->red_pos |
	       scale_component(g, fb->green_size) << fb->green_pos |
	       scale_component(b, fb->blue_size) << fb->blue_pos;
}

/*
 * Store one pixel, least significant byte first. __builtin_memcpy of a
 * constant size compiles to a single (possibly unaligned) move even with
 * -ffreestanding, and unlike a cast pointer it is defined for any address.
 */
static inline void put_pixel(uint8_t *p, uint8_t bytes_pp, uint32_t pixel)
{
	switch (bytes_pp) {
	case 4:
		__builtin_memcpy(p, &pixel, 4);
		break;
	case 3:
		p[0] = pixel;
		p[1] = pixel >> 8;
		p[2] = pixel >> 16;
		break;
	default: {
		uint16_t v = pixel;

		__builtin_memcpy(p, &v, 2);
		break;
	}
	}
}

/* Cut [*start, *start + *len) to [0, limit); false when nothing is left. */
static bool clip(uint32_t *start, uint32_t *len, uint32_t limit)
{
	if (*start >= limit || *len == 0)
		return false;
	if (*len > limit - *start)
		*len = limit - *start;
	return true;
}

void fb_fill_rect(const struct fb_surface *fb, uint32_t x, uint32_t y,
		  uint32_t w, uint32_t h, uint32_t pixel)
{
	if (!clip(&x, &w, fb->width) || !clip(&y, &h, fb->height))
		return;
	for (uint32_t row = y; row < y + h; row++) {
		uint8_t *p = fb->base + row * fb->pitch +
			     (size_t)x * fb->bytes_pp;

		for (uint32_t i = 0; i < w; i++, p += fb->bytes_pp)
			put_pixel(p, fb->bytes_pp, pixel);
	}
}

void fb_draw_glyph(const struct fb_surface *fb, const struct psf_font *font,
		   uint32_t col, uint32_t row, unsigned int c,
		   uint32_t fg, uint32_t bg)
{
	const uint8_t *glyph = psf_glyph(font, c);
	uint64_t x0 = (uint64_t)col * font->width;
	uint64_t y0 = (uint64_t)row * font->height;
	uint32_t w = font->width, h = font->height;

	if (x0 >= fb->width || y0 >= fb->height)
		return;
	w = MIN(w, fb->width - (uint32_t)x0);
	h = MIN(h, fb->height - (uint32_t)y0);
	for (uint32_t gy = 0; gy < h; gy++) {
		const uint8_t *bits = glyph + gy * font->bytes_per_row;
		uint8_t *p = fb->base + (y0 + gy) * fb->pitch +
			     x0 * fb->bytes_pp;

		for (uint32_t gx = 0; gx < w; gx++, p += fb->bytes_pp)
			put_pixel(p, fb->bytes_pp,
				  glyph_bit(bits, gx) ? fg : bg);
	}
}

void fb_scroll_up(const struct fb_surface *fb, uint32_t rows, uint32_t bg)
{
	size_t row_bytes = (size_t)fb->width * fb->bytes_pp;

	if (rows >= fb->height) {
		fb_fill_rect(fb, 0, 0, fb->width, fb->height, bg);
		return;
	}
	/* Row by row: one big move would shift the padding bytes too. */
	for (uint32_t y = 0; y + rows < fb->height; y++)
		memmove(fb->base + (size_t)y * fb->pitch,
			fb->base + (size_t)(y + rows) * fb->pitch, row_bytes);
	fb_fill_rect(fb, 0, fb->height - rows, fb->width, rows, bg);
}

/* Beyond these the loader's data is wrong, not the screen large. */
#define FB_MAX_PIXELS	16384		/* per side */
#define FB_MAX_BYTES	(1ULL << 30)	/* whole buffer */
/* Physical addresses have at most 52 bits (Intel SDM vol. 3A, 4.1.4). */
#define FB_PHYS_LIMIT	(1ULL << 52)

int fb_bytes_per_pixel(uint8_t bpp)
{
	switch (bpp) {
	case 15:
	case 16:
		return 2;
	case 24:
		return 3;
	case 32:
		return 4;
	default:
		return 0;
	}
}

int fb_mode_check(const struct fb_mode *m, char *why, size_t why_size)
{
	int bytes_pp = fb_bytes_per_pixel(m->bpp);
	uint64_t size = (uint64_t)m->pitch * m->height;

	if (!bytes_pp) {
		snprintf(why, why_size, "%u bits per pixel not supported",
			 m->bpp);
		return -EINVAL;
	}
	if (m->width == 0 || m->height == 0 || m->width > FB_MAX_PIXELS ||
	    m->height > FB_MAX_PIXELS) {
		snprintf(why, why_size, "implausible size: width %u, height %u",
			 m->width, m->height);
		return -EINVAL;
	}
	if (m->pitch < (uint64_t)m->width * bytes_pp) {
		snprintf(why, why_size, "pitch %u is less than %u pixels of "
			 "%d bytes", m->pitch, m->width, bytes_pp);
		return -EINVAL;
	}
	if (m->addr == 0 || size > FB_MAX_BYTES || m->addr >= FB_PHYS_LIMIT ||
	    size > FB_PHYS_LIMIT - m->addr) {
		snprintf(why, why_size, "framebuffer at %#llx size %#llx is not "
			 "addressable", (unsigned long long)m->addr,
			 (unsigned long long)size);
		return -EINVAL;
	}
	return 0;
}
