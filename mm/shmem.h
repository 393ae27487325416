/*
 * Internal to mm/: what mm.c, fault.c, mmap.c and mremap.c share. Shared
 * memory objects themselves are <shmem.h>.
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include <types.h>
#include <shmem.h>

struct vma;

struct vma *vma_alloc(void);
void vma_free(struct vma *vma);
/* Free the vmas vma_merge_around() merged away, with their references. */
void vma_free_merged(struct vma **freed);
paddr_t user_page_alloc(bool zero);
/* The page-table protection (VM_*) for a vma's VMA_* flags. */
unsigned int vma_vm_prot(unsigned int flags);
int mm_carve(struct mm *mm, unsigned long start, unsigned long end);

#endif
