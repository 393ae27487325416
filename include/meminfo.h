/*
 * Memory counters in the units and meanings of Linux's /proc/meminfo
 * (mm/page_alloc.c gathers them; procfs shows them later).
 */
#ifndef MEMINFO_H
#define MEMINFO_H

#include <stdint.h>

struct meminfo {
	uint64_t mem_total;	/* all bytes the page allocator manages */
	uint64_t mem_free;
	uint64_t mem_available;	/* free plus what could be reclaimed */
	uint64_t buffers;	/* block-device buffers (none yet) */
	uint64_t cached;	/* page cache (none yet) */
	uint64_t slab;
	uint64_t page_tables;
	uint64_t vmalloc_used;
};

void meminfo_get(struct meminfo *mi);

#endif
