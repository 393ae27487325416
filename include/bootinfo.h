/*
 * What the boot loader told us, in one place (kernel/bootinfo.c fills it
 * from Multiboot2 tags or the PVH start info, arch/x86_64/boot_*.c).
 * Everything is copied out of the loader's structures early: they may lie
 * in memory we will reuse.
 */
#ifndef BOOTINFO_H
#define BOOTINFO_H

#include "types.h"
#include "lib/memmap.h"

#define BOOT_MEMMAP_MAX		128
#define BOOT_MODULES_MAX	8
#define BOOT_CMDLINE_MAX	2048	/* Linux's COMMAND_LINE_SIZE on x86 */
#define BOOT_MODNAME_MAX	64

enum boot_path {
	BOOT_PATH_UNKNOWN,
	BOOT_PATH_MULTIBOOT2,
	BOOT_PATH_PVH,
};

enum boot_fb_type {
	BOOT_FB_NONE,
	BOOT_FB_RGB,		/* linear framebuffer with RGB masks */
	BOOT_FB_EGA_TEXT,	/* VGA text mode (0xb8000) */
};

struct boot_module {
	paddr_t start;
	paddr_t end;		/* exclusive */
	char name[BOOT_MODNAME_MAX];
};

struct boot_framebuffer {
	enum boot_fb_type type;
	paddr_t addr;
	uint32_t pitch;		/* bytes per line */
	uint32_t width;		/* pixels, or columns in text mode */
	uint32_t height;	/* pixels, or rows in text mode */
	uint8_t bpp;
	uint8_t red_pos, red_size;
	uint8_t green_pos, green_size;
	uint8_t blue_pos, blue_size;
};

struct boot_info {
	enum boot_path path;
	bool efi;			/* booted by UEFI firmware */
	char loader_name[64];
	char cmdline[BOOT_CMDLINE_MAX];

	struct memmap_entry memmap[BOOT_MEMMAP_MAX];
	size_t memmap_count;

	struct boot_module modules[BOOT_MODULES_MAX];
	size_t module_count;

	struct boot_framebuffer fb;

	/* ACPI: the RSDP's physical address, or a copy from Multiboot2. */
	paddr_t rsdp_addr;		/* 0 when not given */
	bool rsdp_copied;		/* true: rsdp[] holds the loader's copy */
	uint8_t rsdp[36];
};

extern struct boot_info boot_info;

/* Fill boot_info from the loader's data (arch/x86_64/bootinfo_*.c). */
void bootinfo_parse(uint32_t magic, paddr_t info);
/* Sanitize the memory map, check modules, print map and summary. */
void bootinfo_report(void);

#endif
