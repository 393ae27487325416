/*
 * Page-indexed memory objects (mm/shmem.c): the pages of MAP_SHARED
 * anonymous memory and of tmpfs files, filled on first use. The object
 * holds one reference on each page it has; mappings hold their own.
 */
#ifndef SHMEM_H
#define SHMEM_H

#include "types.h"

struct shmem;

struct shmem *shmem_create(unsigned long npages);
void shmem_get(struct shmem *obj);
void shmem_put(struct shmem *obj);
/*
 * The page at @index, allocated (zeroed) on first use; its physical
 * address with a reference taken for the caller, or 0 when out of
 * memory or past the end.
 */
paddr_t shmem_page(struct shmem *obj, unsigned long index);
/* The page at @index if it exists (no reference taken), else 0. */
paddr_t shmem_lookup(struct shmem *obj, unsigned long index);
/* Make the object at least @npages long. 0 or -ENOMEM. */
int shmem_resize(struct shmem *obj, unsigned long npages);
/* Drop the pages from @npages on (truncate). */
void shmem_truncate(struct shmem *obj, unsigned long npages);
/* Pages the object holds (allocated, not its length). */
unsigned long shmem_resident(struct shmem *obj);

#endif
