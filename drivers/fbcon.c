/*
 * Framebuffer text screen: the screen console's driver when the loader set
 * up a linear graphics mode (always so under UEFI, which has no text
 * mode). It owns the boot framebuffer: checks the mode the loader
 * reported, maps it, and draws the cells drivers/vt.c (the terminal) hands
 * it in 16 colours. Pixels and the built-in PSF font (drivers/font.S) are
 * drawn by drivers/fb_render.c; VGA text mode is drivers/vga_text.c's.
 */
#include <bootinfo.h>
#include <compiler.h>
#include <errno.h>
#include <fb_render.h>
#include <mm.h>
#include <printk.h>
#include <video.h>
#include <vt.h>
#include <lib/vtemu.h>

/* What the boot page tables direct-map (include/mm.h). */
#define FBCON_DIRECT_MAPPED	(4ULL << 30)

/*
 * From this size up, glyphs are drawn at twice their size: such screens
 * have small pixels, and 8x16 text on them is hard to read.
 */
#define FBCON_HIDPI_WIDTH	2560
#define FBCON_HIDPI_HEIGHT	1440
#define FBCON_BIG_GLYPHS_SIZE	(256 * 32 * 2)	/* 256 of 16x32 */

/*
 * Driver state. drivers/vt.c calls the ops below with its vt_lock held,
 * so the fields need no lock of their own.
 *
 * The console (drivers/vt.c) sends only the cells that changed and never
 * asks to move pixels: firmware maps framebuffers uncached or
 * write-combining, where every read of video memory is a slow bus round
 * trip, so a memmove of the screen costs far more than the writes. It also
 * defers printk's drawing to the console flush that printk runs from the
 * timer tick, from panic, and when boot is ready: a burst of lines that
 * scrolls the screen many times is drawn once, which is most of the cost
 * of a verbose boot.
 */
static struct {
	struct fb_surface fb;
	struct psf_font font;
	uint32_t palette[16];	/* pixel values of the console's colours */
	uint8_t big_glyphs[FBCON_BIG_GLYPHS_SIZE];
} fbc;

static void fbcon_put(unsigned int row, unsigned int col, uint8_t ch,
		      uint8_t fg, uint8_t bg, bool underline)
{
	uint32_t w = fbc.font.width, h = fbc.font.height;

	fb_draw_glyph(&fbc.fb, &fbc.font, col, row, ch, fbc.palette[fg & 15],
		      fbc.palette[bg & 15]);
	if (underline)
		fb_fill_rect(&fbc.fb, col * w, row * h + h - 1, w, 1,
			     fbc.palette[fg & 15]);
}

static const struct vt_screen_ops fbcon_ops = {
	.put = fbcon_put,
	.defer = true,
};

/*
 * The usual layouts for each depth: x8r8g8b8, r8g8b8, r5g6b5, x1r5g5b5.
 * Wrong colour fields only give wrong colours, so they are replaced.
 */
static void fbcon_default_fields(struct fb_surface *fb, uint8_t bpp)
{
	bool five = bpp == 15;
	bool small = bpp <= 16;

	fb->red_pos = small ? (five ? 10 : 11) : 16;
	fb->red_size = small ? 5 : 8;
	fb->green_pos = small ? 5 : 8;
	fb->green_size = small ? (five ? 5 : 6) : 8;
	fb->blue_pos = 0;
	fb->blue_size = small ? 5 : 8;
}

static void fbcon_fields(struct fb_surface *fb,
			 const struct boot_framebuffer *b)
{
	fb->red_pos = b->red_pos;
	fb->red_size = b->red_size;
	fb->green_pos = b->green_pos;
	fb->green_size = b->green_size;
	fb->blue_pos = b->blue_pos;
	fb->blue_size = b->blue_size;
	if (fb_fields_valid(fb))
		return;
	pr_warn("fbcon: colour fields red %u:%u green %u:%u blue %u:%u (pos:size) are unusable at %u bpp, assuming the usual layout\n",
		b->red_pos, b->red_size, b->green_pos, b->green_size,
		b->blue_pos, b->blue_size, b->bpp);
	fbcon_default_fields(fb, b->bpp);
}

/* Check the mode the loader reported; 0 or -EINVAL after a warning. */
static int fbcon_check_geometry(const struct boot_framebuffer *b)
{
	char why[96];
	struct fb_mode m = {
		.addr = b->addr, .pitch = b->pitch, .width = b->width,
		.height = b->height, .bpp = b->bpp,
	};

	if (!fb_mode_check(&m, why, sizeof(why)))
		return 0;
	pr_warn("fbcon: %s; not using the framebuffer\n", why);
	return -EINVAL;
}

/* The part above the boot page tables' direct map needs mapping. */
static int fbcon_map(const struct boot_framebuffer *b)
{
	uint64_t end = b->addr + (uint64_t)b->pitch * b->height;
	uint64_t start = MAX(b->addr, FBCON_DIRECT_MAPPED);

	if (end <= FBCON_DIRECT_MAPPED)
		return 0;
	/* Uncached: a cached mapping could hold writes back from the screen. */
	if (early_map_phys(start, end - start, true) < 0) {
		pr_warn("fbcon: cannot map framebuffer at %#llx\n",
			(unsigned long long)b->addr);
		return -ENOMEM;
	}
	return 0;
}

static int fbcon_setup(const struct boot_framebuffer *b)
{
	int bytes_pp = fb_bytes_per_pixel(b->bpp);
	int err;

	err = psf_parse(&fbc.font, font_psf_start,
			font_psf_end - font_psf_start);
	if (err) {
		pr_warn("fbcon: built-in font is corrupt (%d)\n", err);
		return err;
	}
	err = fbcon_check_geometry(b);
	if (err)
		return err;
	if (b->width < fbc.font.width || b->height < fbc.font.height) {
		pr_warn("fbcon: %ux%u screen is smaller than one %ux%u glyph\n",
			b->width, b->height, fbc.font.width, fbc.font.height);
		return -EINVAL;
	}
	err = fbcon_map(b);
	if (err)
		return err;
	fbc.fb.base = phys_to_virt(b->addr);
	fbc.fb.pitch = b->pitch;
	fbc.fb.width = b->width;
	fbc.fb.height = b->height;
	fbc.fb.bytes_pp = bytes_pp;
	fbcon_fields(&fbc.fb, b);
	/* On failure the font stays as it is: small text beats none. */
	if (b->width >= FBCON_HIDPI_WIDTH && b->height >= FBCON_HIDPI_HEIGHT)
		psf_scale2(&fbc.font, &fbc.font, fbc.big_glyphs,
			   sizeof(fbc.big_glyphs));
	return 0;
}

void fbcon_init(void)
{
	uint32_t cols, rows;

	if (boot_info.fb.type != BOOT_FB_RGB || fbcon_setup(&boot_info.fb))
		return;
	cols = fbc.fb.width / fbc.font.width;
	rows = fbc.fb.height / fbc.font.height;
	for (int i = 0; i < 16; i++)
		fbc.palette[i] = fb_pack_rgb(&fbc.fb, vtemu_palette[i][0],
					     vtemu_palette[i][1],
					     vtemu_palette[i][2]);
	fb_fill_rect(&fbc.fb, 0, 0, fbc.fb.width, fbc.fb.height,
		     fbc.palette[VTEMU_DEFAULT_BG]);
	vt_attach(&fbcon_ops, cols, rows);
	pr_info("fbcon: %ux%u, %u bpp, pitch %zu at %#lx: %ux%u text\n",
		fbc.fb.width, fbc.fb.height, boot_info.fb.bpp, fbc.fb.pitch,
		boot_info.fb.addr, cols, rows);
}
