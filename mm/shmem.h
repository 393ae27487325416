/*
 * Internal to mm/: shared anonymous memory (MAP_SHARED|MAP_ANONYMOUS), an
 * object holding its pages by index, referenced by every vma that maps
 * it, in this process and in those forked from it. The files issue's
 * tmpfs will put its file pages in the same kind of object.
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include <types.h>

struct vma;
struct shmem;

struct shmem *shmem_create(unsigned long npages);
void shmem_get(struct shmem *obj);
void shmem_put(struct shmem *obj);
/*
 * The page at @index, allocated (zeroed) on first use; its physical
 * address with a reference taken for the caller's mapping, or 0 when out
 * of memory or past the end.
 */
paddr_t shmem_page(struct shmem *obj, unsigned long index);
/* Make the object at least @npages long (mremap growth). 0 or -ENOMEM. */
int shmem_resize(struct shmem *obj, unsigned long npages);

struct vma *vma_alloc(void);
void vma_free(struct vma *vma);
paddr_t user_page_alloc(bool zero);
/* The page-table protection (VM_*) for a vma's VMA_* flags. */
unsigned int vma_vm_prot(unsigned int flags);
int mm_carve(struct mm *mm, unsigned long start, unsigned long end);

#endif
