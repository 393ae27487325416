/*
 * Pixel-buffer rendering and PSF fonts (drivers/fb_render.c): the pure
 * part of the framebuffer console, built for the kernel and for the host
 * unit tests alike. It draws into any linear buffer described by a struct
 * fb_surface; drivers/fbcon.c points one at the boot framebuffer.
 */
#ifndef FB_RENDER_H
#define FB_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A linear pixel buffer. Pixels are little-endian values of bytes_pp bytes
 * with each colour in a bit field (pos, size), as the boot loader reports
 * them. The functions below touch only bytes [0, width * bytes_pp) of each
 * of the first height rows: padding at the end of a row is left alone.
 * Callers guarantee pitch >= width * bytes_pp and bytes_pp in 2..4.
 */
struct fb_surface {
	uint8_t *base;
	size_t pitch;		/* bytes from one row to the next */
	uint32_t width;		/* pixels */
	uint32_t height;	/* pixels */
	uint8_t bytes_pp;	/* 2 (15/16 bpp), 3 (24) or 4 (32) */
	uint8_t red_pos, red_size;
	uint8_t green_pos, green_size;
	uint8_t blue_pos, blue_size;
};

/*
 * A parsed PSF font. The glyphs point into the caller's font data, which
 * must stay alive. Each glyph is height rows of bytes_per_row bytes, the
 * leftmost pixel in the top bit of the first byte.
 */
struct psf_font {
	const uint8_t *glyphs;
	uint32_t count;		/* number of glyphs */
	uint32_t width;		/* pixels */
	uint32_t height;	/* pixels */
	uint32_t bytes_per_row;
	uint32_t bytes_per_glyph;
};

/* Limits on what psf_parse() accepts; console fonts are at most 32x64. */
#define PSF_MAX_WIDTH		64
#define PSF_MAX_HEIGHT		128
#define PSF_MAX_GLYPHS		65536

/*
 * Check and parse a PSF1 or PSF2 font of @len bytes at @data. Returns 0,
 * or -EINVAL for an unknown magic, a corrupt or truncated header, or glyph
 * data that runs past @len. Nothing past @len is ever read.
 */
int psf_parse(struct psf_font *font, const void *data, size_t len);

/*
 * The glyph for character @c (0-255 index the font directly); characters
 * the font lacks are drawn as '?' (or glyph 0 if it lacks that too).
 */
const uint8_t *psf_glyph(const struct psf_font *font, unsigned int c);

/*
 * Make @dst a copy of @src at twice the width and height (for screens with
 * small pixels), its glyphs in @buf of @size bytes; @dst may be @src.
 * Returns 0, or -EINVAL
 * when the result would exceed the PSF_MAX_* limits or @size.
 */
int psf_scale2(struct psf_font *dst, const struct psf_font *src, uint8_t *buf,
	       size_t size);

/*
 * True when the colour fields are usable: each 1..16 bits wide, inside the
 * pixel, and not overlapping one another.
 */
bool fb_fields_valid(const struct fb_surface *fb);

/* The pixel value for the 8-bit colour (r, g, b), scaled to the fields. */
uint32_t fb_pack_rgb(const struct fb_surface *fb, uint8_t r, uint8_t g,
		     uint8_t b);

/* Fill a rectangle with @pixel; the parts outside the surface are cut. */
void fb_fill_rect(const struct fb_surface *fb, uint32_t x, uint32_t y,
		  uint32_t w, uint32_t h, uint32_t pixel);

/*
 * Draw glyph @c of @font in the text cell at column @col, row @row (cells
 * are font->width x font->height pixels), set bits in @fg, clear ones in
 * @bg. A cell partly off the surface is clipped.
 */
void fb_draw_glyph(const struct fb_surface *fb, const struct psf_font *font,
		   uint32_t col, uint32_t row, unsigned int c,
		   uint32_t fg, uint32_t bg);

/* A video mode as a boot loader describes it, before it is trusted. */
struct fb_mode {
	uint64_t addr;		/* physical */
	uint32_t pitch;		/* bytes per line */
	uint32_t width, height;	/* pixels */
	uint8_t bpp;
};

/* Bytes per pixel for 15, 16, 24 or 32 bpp; 0 for anything else. */
int fb_bytes_per_pixel(uint8_t bpp);

/*
 * Is @m usable: a supported depth, plausible sizes, a pitch that holds a
 * line, an addressable buffer of sane size? Returns 0, or -EINVAL with
 * what is wrong written to @why (for the warning).
 */
int fb_mode_check(const struct fb_mode *m, char *why, size_t why_size);

/*
 * Move the picture up by @rows pixel rows and fill the rows freed at the
 * bottom with @bg. This reads the buffer: fine in RAM, slow on a
 * framebuffer that is mapped uncached (see drivers/fbcon.c).
 */
void fb_scroll_up(const struct fb_surface *fb, uint32_t rows, uint32_t bg);

#endif
