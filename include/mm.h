/*
 * The kernel's memory layout: the kernel image, the direct map of physical
 * memory, the struct page array (vmemmap) and the vmalloc area, plus the
 * early mapping helper (arch/x86_64/paging.c). docs/memory.md draws it.
 */
#ifndef MM_H
#define MM_H

#include "types.h"

#define KERNEL_VMA		0xffffffff80000000UL
#define DIRECT_MAP_BASE		0xffff800000000000UL	/* 512 GiB */
#define VMALLOC_START		0xffffc90000000000UL	/* 512 GiB */
#define VMALLOC_END		0xffffca0000000000UL
#define KTEST_MAP_START		0xffffca0000000000UL	/* tests' scratch */
#define KTEST_MAP_END		0xffffca8000000000UL	/* 512 GiB */
#define VMEMMAP_BASE		0xffffea0000000000UL	/* struct page[] */
#define PAGE_SIZE		4096UL
#define PAGE_SHIFT		12
/* User space: [0, USER_END); the top page is never mapped. */
#define USER_END		0x00007ffffffff000UL

/* Kernel image bounds from the linker script. */
extern char __kernel_start[], __kernel_end[];
extern char __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[];
extern char __data_start[], __bss_start[], __bss_end[];

static inline void *phys_to_virt(paddr_t pa)
{
	return (void *)(pa + DIRECT_MAP_BASE);
}

static inline paddr_t kernel_virt_to_phys(const void *va)
{
	return (paddr_t)va - KERNEL_VMA;
}

static inline paddr_t kernel_image_start(void)
{
	return kernel_virt_to_phys(__kernel_start);
}

static inline paddr_t kernel_image_end(void)
{
	return kernel_virt_to_phys(__kernel_end);
}

/*
 * Make [pa, pa+len) reachable through the direct map (the boot tables map
 * the first 4 GiB; this adds 2 MiB pages for anything above, e.g. a
 * framebuffer or ACPI table high up). Returns 0 or -ENOMEM when the early
 * page-table pool is exhausted. @uncached selects cache-disabled mappings.
 */
int early_map_phys(paddr_t pa, uint64_t len, bool uncached);

/*
 * Bring up memory management: memblock, the direct map of all RAM, the
 * struct page array, the zones and the page allocator, then slab
 * (mm/page_alloc.c).
 */
void mm_init(void);

#endif
