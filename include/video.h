/*
 * The screens the console (drivers/vt.c) draws on: VGA text mode
 * (drivers/vga_text.c) on BIOS boots and a framebuffer (drivers/fbcon.c)
 * where the loader set up a graphics mode, as UEFI does.
 * Both decide from boot_info whether their hardware is there; call both
 * early, after bootinfo_parse(), and at most one attaches to the console.
 */
#ifndef VIDEO_H
#define VIDEO_H

void vga_text_init(void);
void fbcon_init(void);

/*
 * For the in-kernel tests: the VGA text cell (character | attribute << 8)
 * at screen position (@row, @col), or -1 when VGA text mode is not in use;
 * and where the CRTC cursor is (1 shown, 0 hidden, -1 no VGA).
 */
int vga_text_peek(unsigned int row, unsigned int col);
int vga_text_cursor(unsigned int *row, unsigned int *col);

/* The built-in console font, a PSF file (drivers/font.S). */
extern const unsigned char font_psf_start[];
extern const unsigned char font_psf_end[];

#endif
