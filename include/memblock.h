/*
 * The boot-time memory allocator (mm/memblock.c): hands out physical
 * ranges from the loader's memory map before the page allocator exists
 * (for the page-table pages of the direct map and for mem_map), and keeps
 * the list of ranges that must never be handed out (the first MiB, the
 * kernel image, the initrd modules, its own allocations). The page
 * allocator takes over everything else and memblock closes.
 */
#ifndef MEMBLOCK_H
#define MEMBLOCK_H

#include "types.h"

void memblock_init(void);
/* Never hand out [base, end). */
void memblock_reserve(paddr_t base, paddr_t end, const char *what);
/* A free, reserved-from-now-on range below 4 GiB; 0 when none is left. */
paddr_t memblock_alloc(uint64_t size, uint64_t align);
/* Call @fn for every usable range that is not reserved, in order. */
void memblock_for_each_free(void (*fn)(paddr_t base, paddr_t end));
/* After this, memblock_alloc() fails: the page allocator owns memory. */
void memblock_close(void);
void memblock_dump(void);

#endif
