/*
 * Makes sense of boot_info once the loader's data is copied
 * (arch/x86_64/bootinfo.c): sanitizes the memory map (lib/memmap.c),
 * checks the modules, prints the map and the memory summary. The memory
 * issue's page allocator starts from the same map and reservations.
 */
#include <bootinfo.h>
#include <mm.h>
#include <printk.h>

#define SZ_1M	(1ULL << 20)

static const char *const path_names[] = {
	[BOOT_PATH_UNKNOWN] = "unknown",
	[BOOT_PATH_MULTIBOOT2] = "Multiboot2",
	[BOOT_PATH_PVH] = "PVH",
};

/* Bytes of usable RAM inside [start, end). */
static uint64_t usable_overlap(uint64_t start, uint64_t end)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < boot_info.memmap_count; i++) {
		const struct memmap_entry *e = &boot_info.memmap[i];
		uint64_t s = MAX(start, e->base);
		uint64_t t = MIN(end, e->base + e->len);

		if (e->type == MEMMAP_USABLE && s < t)
			sum += t - s;
	}
	return sum;
}

static void check_modules(void)
{
	size_t kept = 0;

	for (size_t i = 0; i < boot_info.module_count; i++) {
		struct boot_module *m = &boot_info.modules[i];
		uint64_t len = m->end - m->start;

		if (len == 0) {
			pr_warn("boot: module %zu ('%s') is empty; ignored\n",
				i, m->name);
			continue;
		}
		if (m->start < kernel_image_end() &&
		    m->end > kernel_image_start()) {
			pr_warn("boot: module %zu overlaps the kernel; "
				"ignored\n", i);
			continue;
		}
		if (boot_info.memmap_count &&
		    usable_overlap(m->start, m->end) != len)
			pr_warn("boot: module %zu [%#lx-%#lx] is not all in "
				"usable RAM\n", i, m->start, m->end - 1);
		pr_info("boot: module %zu at [%#lx-%#lx] %lu bytes '%s'\n", i,
			m->start, m->end - 1, len, m->name);
		boot_info.modules[kept++] = *m;
	}
	boot_info.module_count = kept;
	if (!kept)
		pr_notice("boot: no initrd\n");
}

static void sanitize_memmap(void)
{
	struct memmap_report r = { 0 };

	boot_info.memmap_count = memmap_sanitize(boot_info.memmap,
						 boot_info.memmap_count,
						 BOOT_MEMMAP_MAX, &r);
	if (r.overlaps)
		pr_warn("boot: memory map had %u overlapping entries\n",
			r.overlaps);
	if (r.unsorted)
		pr_warn("boot: memory map was not sorted\n");
	if (r.dropped)
		pr_warn("boot: %u tiny or invalid memory map entries "
			"dropped\n", r.dropped);
	if (r.unknown_types)
		pr_warn("boot: %u memory map entries of unknown type taken "
			"as reserved\n", r.unknown_types);
	if (!memmap_total(boot_info.memmap, boot_info.memmap_count,
			  MEMMAP_USABLE))
		pr_warn("boot: no usable RAM in the memory map\n");
}

static void print_memmap(void)
{
	for (size_t i = 0; i < boot_info.memmap_count; i++) {
		const struct memmap_entry *e = &boot_info.memmap[i];

		pr_info("mem: [0x%016lx-0x%016lx] %s\n", e->base,
			e->base + e->len - 1, memmap_type_name(e->type));
	}
}

void bootinfo_report(void)
{
	pr_info("boot: %s via %s%s\n", path_names[boot_info.path],
		boot_info.loader_name[0] ? boot_info.loader_name : "?",
		boot_info.efi ? " (UEFI)" : "");
	if (boot_info.fb.type == BOOT_FB_NONE)
		pr_info("boot: no framebuffer from the loader\n");
	sanitize_memmap();
	print_memmap();
	check_modules();
}
