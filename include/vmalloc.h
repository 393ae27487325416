/*
 * vmalloc (mm/vmalloc.c): large, virtually contiguous kernel areas built
 * from single pages, each area followed by an unmapped guard page (and so
 * preceded by the previous area's), so running off either end faults.
 * Kernel stacks come from here.
 */
#ifndef VMALLOC_H
#define VMALLOC_H

#include <stddef.h>
#include <stdint.h>

void *vmalloc(size_t size);
void vfree(void *addr);
/* Bytes of pages mapped in vmalloc areas (VmallocUsed). */
uint64_t vmalloc_used_bytes(void);

#endif
