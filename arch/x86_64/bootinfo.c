/*
 * Reads what the boot loader left us into struct boot_info
 * (include/bootinfo.h): Multiboot2 tags from GRUB, or the PVH start info
 * from QEMU -kernel. Everything is copied: the loader's structures may lie
 * in memory we will reuse. Malformed input (a tag running past the end, an
 * absurd size) is warned about and skipped; parsing never trusts a length
 * it has not checked. kernel/bootinfo.c sanitizes and reports the result.
 * Multiboot2 specification 1.0, section 3.6; Xen's hvm/start_info.h.
 */
#include <bootinfo.h>
#include <compiler.h>
#include <mm.h>
#include <printk.h>
#include <lib/string.h>
#include <arch/boot.h>

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER		2
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_FRAMEBUFFER	8
#define MB2_TAG_EFI32		11
#define MB2_TAG_EFI64		12
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15

#define MB2_FB_INDEXED		0
#define MB2_FB_RGB		1
#define MB2_FB_EGA_TEXT		2

#define MB2_INFO_MAX		(1 << 20)	/* a sanity bound */
#define PVH_MEMMAP_READ_MAX	1024		/* a sanity bound */
#define BOOT_MAPPED_END		(4ULL << 30)	/* boot.S maps this much */

struct mb2_tag {
	uint32_t type;
	uint32_t size;
} __packed;

struct mb2_mmap_entry {
	uint64_t addr;
	uint64_t len;
	uint32_t type;
	uint32_t reserved;
} __packed;

struct mb2_fb {
	uint64_t addr;
	uint32_t pitch;
	uint32_t width;
	uint32_t height;
	uint8_t bpp;
	uint8_t type;
	uint16_t reserved;
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
} __packed;

struct pvh_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;		/* version >= 1 */
	uint32_t memmap_entries;
	uint32_t reserved;
} __packed;

struct pvh_module {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
} __packed;

struct pvh_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
} __packed;

struct boot_info boot_info;

/*
 * Copy a NUL-terminated string of at most @max bytes from physical memory.
 * Returns true when it did not fit in @size and was cut.
 */
static bool copy_phys_string(char *dst, size_t size, const char *src,
			     size_t max)
{
	size_t n = strnlen(src, max < size ? max : size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
	return n == size - 1 && n < max && src[n] != '\0';
}

/*
 * The command line, cut at a word boundary if it is too long: a word cut
 * in half would reach init as a word nobody wrote.
 */
static void copy_cmdline(const char *src, size_t max)
{
	char *line = boot_info.cmdline;

	if (!copy_phys_string(line, sizeof(boot_info.cmdline), src, max))
		return;
	char *cut = strrchr(line, ' ');

	if (cut)
		*cut = '\0';
	const char *last = strrchr(line, ' ');

	pr_warn("boot: command line longer than %zu bytes; truncated after "
		"'%s'\n", sizeof(boot_info.cmdline) - 1, last ? last + 1 : line);
}

static void add_memmap(uint64_t base, uint64_t len, uint32_t type)
{
	if (boot_info.memmap_count == BOOT_MEMMAP_MAX) {
		pr_warn("boot: memory map has more than %d entries; "
			"[%#lx-%#lx] ignored\n", BOOT_MEMMAP_MAX, base,
			base + len);
		return;
	}
	boot_info.memmap[boot_info.memmap_count++] =
		(struct memmap_entry){ base, len, type };
}

static void add_module(uint64_t start, uint64_t end, const char *name)
{
	struct boot_module *m;

	if (boot_info.module_count == BOOT_MODULES_MAX) {
		pr_warn("boot: more than %d modules; '%s' ignored\n",
			BOOT_MODULES_MAX, name);
		return;
	}
	if (end < start) {
		pr_warn("boot: module '%s' ends before it starts; ignored\n",
			name);
		return;
	}
	m = &boot_info.modules[boot_info.module_count++];
	m->start = start;
	m->end = end;
	strlcpy(m->name, name, sizeof(m->name));
}

static void mb2_mmap(const struct mb2_tag *tag)
{
	const uint8_t *p = (const uint8_t *)tag + 16;
	const uint8_t *end = (const uint8_t *)tag + tag->size;
	uint32_t esize = tag->size >= 16 ? ((const uint32_t *)tag)[2] : 0;

	if (esize < sizeof(struct mb2_mmap_entry)) {
		pr_warn("boot: malformed Multiboot2 memory map (entry size "
			"%u); ignored\n", esize);
		return;
	}
	for (; p + esize <= end; p += esize) {
		const struct mb2_mmap_entry *e = (const void *)p;

		add_memmap(e->addr, e->len, e->type);
	}
}

static void mb2_framebuffer(const struct mb2_tag *tag)
{
	const struct mb2_fb *fb = (const void *)(tag + 1);
	struct boot_framebuffer *bf = &boot_info.fb;

	if (tag->size < sizeof(*tag) + offsetof(struct mb2_fb, red_pos)) {
		pr_warn("boot: short framebuffer tag; ignored\n");
		return;
	}
	bf->addr = fb->addr;
	bf->pitch = fb->pitch;
	bf->width = fb->width;
	bf->height = fb->height;
	bf->bpp = fb->bpp;
	switch (fb->type) {
	case MB2_FB_RGB:
		if (tag->size < sizeof(*tag) + sizeof(*fb)) {
			pr_warn("boot: framebuffer tag without colour "
				"masks; ignored\n");
			return;
		}
		bf->type = BOOT_FB_RGB;
		bf->red_pos = fb->red_pos;
		bf->red_size = fb->red_size;
		bf->green_pos = fb->green_pos;
		bf->green_size = fb->green_size;
		bf->blue_pos = fb->blue_pos;
		bf->blue_size = fb->blue_size;
		break;
	case MB2_FB_EGA_TEXT:
		bf->type = BOOT_FB_EGA_TEXT;
		break;
	default:
		pr_warn("boot: indexed-colour framebuffer not supported\n");
		bf->type = BOOT_FB_NONE;
	}
}

static void mb2_acpi(const struct mb2_tag *tag)
{
	size_t n = tag->size - sizeof(*tag);

	if (n > sizeof(boot_info.rsdp))
		n = sizeof(boot_info.rsdp);
	/* Prefer the ACPI 2.0 copy when both tags are present. */
	if (boot_info.rsdp_copied && tag->type == MB2_TAG_ACPI_OLD)
		return;
	memset(boot_info.rsdp, 0, sizeof(boot_info.rsdp));
	memcpy(boot_info.rsdp, tag + 1, n);
	boot_info.rsdp_copied = true;
}

static void mb2_tag(const struct mb2_tag *tag)
{
	const char *str = (const char *)(tag + 1);
	size_t strmax = tag->size - sizeof(*tag);

	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		copy_cmdline(str, strmax);
		break;
	case MB2_TAG_LOADER:
		copy_phys_string(boot_info.loader_name,
				 sizeof(boot_info.loader_name), str, strmax);
		break;
	case MB2_TAG_MODULE: {
		const uint32_t *m = (const uint32_t *)(tag + 1);
		char name[BOOT_MODNAME_MAX];

		if (tag->size < 16)
			break;
		copy_phys_string(name, sizeof(name), (const char *)(m + 2),
				 tag->size - 16);
		add_module(m[0], m[1], name);
		break;
	}
	case MB2_TAG_MMAP:
		mb2_mmap(tag);
		break;
	case MB2_TAG_FRAMEBUFFER:
		mb2_framebuffer(tag);
		break;
	case MB2_TAG_EFI32:
	case MB2_TAG_EFI64:
		boot_info.efi = true;
		break;
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		mb2_acpi(tag);
		break;
	}
}

static void parse_multiboot2(paddr_t info)
{
	const uint8_t *base = phys_to_virt(info);
	uint32_t total = *(const uint32_t *)base;
	uint32_t off = 8;

	boot_info.path = BOOT_PATH_MULTIBOOT2;
	if (total < 16 || total > MB2_INFO_MAX) {
		pr_warn("boot: Multiboot2 information of %u bytes; ignored\n",
			total);
		return;
	}
	while (off + sizeof(struct mb2_tag) <= total) {
		const struct mb2_tag *tag = (const void *)(base + off);

		if (tag->type == MB2_TAG_END)
			break;
		if (tag->size < sizeof(*tag) || tag->size > total - off) {
			pr_warn("boot: Multiboot2 tag %u has bad size %u; "
				"stopping\n", tag->type, tag->size);
			break;
		}
		mb2_tag(tag);
		off += ALIGN_UP(tag->size, 8);
	}
}

/*
 * Is [pa, pa + len) inside what the boot page tables map (the first
 * 4 GiB)? The PVH structures point anywhere a loader likes.
 */
static bool boot_mapped(paddr_t pa, uint64_t len, const char *what)
{
	if (pa && pa < BOOT_MAPPED_END && len <= BOOT_MAPPED_END - pa)
		return true;
	pr_warn("boot: PVH %s at %#lx (%lu bytes) is not in the first "
		"4 GiB; ignored\n", what, pa, len);
	return false;
}

static void parse_pvh(paddr_t info)
{
	const struct pvh_start_info *si = phys_to_virt(info);

	boot_info.path = BOOT_PATH_PVH;
	strlcpy(boot_info.loader_name, "PVH", sizeof(boot_info.loader_name));
	if (si->cmdline_paddr && boot_mapped(si->cmdline_paddr,
					     BOOT_CMDLINE_MAX, "command line"))
		copy_cmdline(phys_to_virt(si->cmdline_paddr),
			     BOOT_MAPPED_END - si->cmdline_paddr);
	boot_info.rsdp_addr = si->rsdp_paddr;

	if (si->nr_modules > BOOT_MODULES_MAX)
		pr_warn("boot: PVH lists %u modules; using the first %d\n",
			si->nr_modules, BOOT_MODULES_MAX);
	uint32_t nmods = MIN(si->nr_modules, BOOT_MODULES_MAX);
	const struct pvh_module *mods = NULL;

	if (nmods && boot_mapped(si->modlist_paddr, nmods * sizeof(*mods),
				 "module list"))
		mods = phys_to_virt(si->modlist_paddr);
	for (uint32_t i = 0; mods && i < nmods; i++) {
		char name[BOOT_MODNAME_MAX] = "";

		if (mods[i].cmdline_paddr &&
		    boot_mapped(mods[i].cmdline_paddr, sizeof(name),
				"module name"))
			copy_phys_string(name, sizeof(name),
					 phys_to_virt(mods[i].cmdline_paddr),
					 sizeof(name));
		add_module(mods[i].paddr, mods[i].paddr + mods[i].size, name);
	}

	if (si->version < 1 || !si->memmap_paddr) {
		pr_warn("boot: PVH start info v%u has no memory map\n",
			si->version);
		return;
	}
	/* Entries past what boot_info holds are only counted by add_memmap. */
	uint32_t n = MIN(si->memmap_entries, PVH_MEMMAP_READ_MAX);
	const struct pvh_memmap_entry *mm;

	if (!boot_mapped(si->memmap_paddr, n * sizeof(*mm), "memory map"))
		return;
	mm = phys_to_virt(si->memmap_paddr);
	if (n < si->memmap_entries)
		pr_warn("boot: PVH memory map of %u entries; reading %u\n",
			si->memmap_entries, n);
	for (uint32_t i = 0; i < n; i++)
		add_memmap(mm[i].addr, mm[i].size, mm[i].type);
}

void bootinfo_parse(uint32_t magic, paddr_t info)
{
	if (magic == MB2_BOOTLOADER_MAGIC && info)
		parse_multiboot2(info);
	else if (info && info < BOOT_MAPPED_END - sizeof(struct pvh_start_info) &&
		 *(const uint32_t *)phys_to_virt(info) == PVH_START_MAGIC)
		parse_pvh(info);
	else
		pr_warn("boot: unknown boot protocol (magic %#x); no memory "
			"map, modules or command line\n", magic);
}
