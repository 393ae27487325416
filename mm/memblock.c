/*
 * Boot-time physical memory (include/memblock.h): the reserved ranges and
 * a simple first-fit allocator over the usable ranges of the sanitized
 * memory map in boot_info. Used only on the boot CPU before the page
 * allocator runs, so it takes no lock.
 */
#include <bootinfo.h>
#include <memblock.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>

#define MEMBLOCK_MAX	64
#define SZ_1M		(1ULL << 20)
#define SZ_16M		(16ULL << 20)
#define SZ_4G		(4ULL << 30)

struct mrange {
	paddr_t base, end;
	const char *what;
};

/* Sorted by base, disjoint: touching or overlapping ranges are merged. */
static struct mrange reserved[MEMBLOCK_MAX];
static size_t nreserved;
static bool closed;

/* Merge reserved[i] with the ones after it that it overlaps or touches. */
static void merge_from(size_t i)
{
	while (i + 1 < nreserved && reserved[i + 1].base <= reserved[i].end) {
		reserved[i].end = MAX(reserved[i].end, reserved[i + 1].end);
		for (size_t j = i + 1; j + 1 < nreserved; j++)
			reserved[j] = reserved[j + 1];
		nreserved--;
	}
}

void memblock_reserve(paddr_t base, paddr_t end, const char *what)
{
	size_t i;

	if (end <= base)
		return;
	if (nreserved == MEMBLOCK_MAX)
		panic("memblock: more than %d reserved ranges", MEMBLOCK_MAX);
	for (i = nreserved; i > 0 && reserved[i - 1].base > base; i--)
		reserved[i] = reserved[i - 1];
	reserved[i] = (struct mrange){ base, end, what };
	nreserved++;
	/* Allocations come in a row: keep the list short by merging. */
	merge_from(i);
	if (i > 0)
		merge_from(i - 1);
}

void memblock_init(void)
{
	memblock_reserve(0, SZ_1M, "first MiB");
	memblock_reserve(ALIGN_DOWN(kernel_image_start(), PAGE_SIZE),
			 ALIGN_UP(kernel_image_end(), PAGE_SIZE), "kernel");
	for (size_t i = 0; i < boot_info.module_count; i++)
		memblock_reserve(ALIGN_DOWN(boot_info.modules[i].start,
					    PAGE_SIZE),
				 ALIGN_UP(boot_info.modules[i].end, PAGE_SIZE),
				 "initrd");
}

/* The first reserved range overlapping [base, end), or NULL. */
static const struct mrange *overlap(paddr_t base, paddr_t end)
{
	for (size_t i = 0; i < nreserved; i++)
		if (reserved[i].base < end && base < reserved[i].end)
			return &reserved[i];
	return NULL;
}

static paddr_t alloc_from(paddr_t floor, uint64_t size, uint64_t align)
{
	for (size_t i = 0; i < boot_info.memmap_count; i++) {
		const struct memmap_entry *e = &boot_info.memmap[i];
		paddr_t end = MIN(e->base + e->len, SZ_4G);
		paddr_t p = ALIGN_UP(MAX(e->base, floor), align);
		const struct mrange *r;

		if (e->type != MEMMAP_USABLE)
			continue;
		while (p + size <= end) {
			r = overlap(p, p + size);
			if (!r)
				return p;
			p = ALIGN_UP(r->end, align);
		}
	}
	return 0;
}

paddr_t memblock_alloc(uint64_t size, uint64_t align)
{
	paddr_t p;

	if (closed || !size)
		return 0;
	size = ALIGN_UP(size, PAGE_SIZE);
	/* Leave the DMA zone to the drivers that need it, if we can. */
	p = alloc_from(SZ_16M, size, align);
	if (!p)
		p = alloc_from(SZ_1M, size, align);
	if (p)
		memblock_reserve(p, p + size, "memblock");
	return p;
}

void memblock_for_each_free(void (*fn)(paddr_t base, paddr_t end))
{
	for (size_t i = 0; i < boot_info.memmap_count; i++) {
		const struct memmap_entry *e = &boot_info.memmap[i];
		paddr_t p = e->base, end = e->base + e->len;

		if (e->type != MEMMAP_USABLE)
			continue;
		/* reserved[] is sorted: walk it once across the entry. */
		for (size_t r = 0; r < nreserved && p < end; r++) {
			if (reserved[r].end <= p || reserved[r].base >= end)
				continue;
			if (reserved[r].base > p)
				fn(p, reserved[r].base);
			p = MAX(p, reserved[r].end);
		}
		if (p < end)
			fn(p, end);
	}
}

void memblock_close(void)
{
	closed = true;
}

void memblock_dump(void)
{
	for (size_t i = 0; i < nreserved; i++)
		pr_debug("memblock: reserved [%#lx-%#lx] %s\n",
			 reserved[i].base, reserved[i].end - 1,
			 reserved[i].what);
}
