/*
 * The built-in console font: Terminus 8x16 (Lat15 set), a PSF1 file from
 * Debian's console-setup-linux, unpacked by drivers/font.mk and placed in
 * .rodata as is. drivers/fbcon.c parses it with psf_parse().
 */
	.section .rodata
	.balign 16
	.globl font_psf_start
	.type font_psf_start, @object
font_psf_start:
	.incbin "build/font.psf"
	.globl font_psf_end
	.type font_psf_end, @object
font_psf_end:
	.size font_psf_start, font_psf_end - font_psf_start

	.section .note.GNU-stack, "", @progbits
