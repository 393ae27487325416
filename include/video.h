/*
 * Screen consoles for printk besides the serial line: VGA text mode
 * (drivers/vga_text.c) on BIOS boots and a framebuffer text console
 * (drivers/fbcon.c) where the loader set up a graphics mode, as UEFI does.
 * Both decide from boot_info whether their hardware is there; call both
 * early, after bootinfo_parse(), and at most one registers.
 */
#ifndef VIDEO_H
#define VIDEO_H

void vga_text_init(void);
void fbcon_init(void);

/* The built-in console font, a PSF file (drivers/font.S). */
extern const unsigned char font_psf_start[];
extern const unsigned char font_psf_end[];

#endif
