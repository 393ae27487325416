/*
 * Page faults in user space: demand allocation of anonymous pages, pages
 * of shared objects, copy-on-write after fork, and stack growth. The trap
 * handler (arch/x86_64/traps.c) calls mm_fault() for faults on user
 * addresses, from user mode or from the kernel's user-copy routines, and
 * turns a refusal into SIGSEGV or -EFAULT.
 */
#include <mman.h>
#include <mm.h>
#include <page.h>
#include <lib/string.h>
#include "shmem.h"

/* Below a stack, this much stays free (Linux's stack_guard_gap). */
#define STACK_GUARD_GAP		(256 * PAGE_SIZE)

unsigned int vma_vm_prot(unsigned int flags)
{
	unsigned int prot = VM_USER;

	if (flags & VMA_READ)
		prot |= VM_READ;
	if (flags & VMA_WRITE)
		prot |= VM_WRITE;
	if (flags & VMA_EXEC)
		prot |= VM_EXEC;
	return prot;
}

/* Grow the stack vma above @addr down to it, if allowed. */
static struct vma *grow_stack(struct mm *mm, unsigned long addr)
{
	struct vma *stack = vma_find_next(&mm->vmas, addr);
	struct vma *prev, *freed[VMA_MERGE_MAX_FREED], *vma;
	unsigned long start = ALIGN_DOWN(addr, PAGE_SIZE);

	if (!stack || !(stack->flags & VMA_GROWSDOWN) ||
	    start < mm->stack_limit)
		return NULL;
	prev = vma_find_prev(&mm->vmas, addr);
	if (prev && prev->end + STACK_GUARD_GAP > start)
		return NULL;
	vma = vma_alloc();
	if (!vma)
		return NULL;
	vma_init(vma, start, stack->start, stack->flags, NULL,
		 start >> PAGE_SHIFT);
	if (vma_insert(&mm->vmas, vma)) {
		vma_free(vma);
		return NULL;
	}
	vma = vma_merge_around(&mm->vmas, vma, freed);
	vma_free_merged(freed);
	return vma;
}

/* A write to a present read-only page of a private vma: copy or reuse. */
static enum fault_result cow_page(struct mm *mm, unsigned long page,
				  paddr_t old, unsigned int prot)
{
	paddr_t new;

	if (READ_ONCE(pfn_to_page(old >> PAGE_SHIFT)->refcount) == 1)
		return uvm_map_page(&mm->as, page, old, prot) ? FAULT_OOM :
								FAULT_OK;
	new = user_page_alloc(false);
	if (!new)
		return FAULT_OOM;
	memcpy(phys_to_virt(new), phys_to_virt(old), PAGE_SIZE);
	if (uvm_map_page(&mm->as, page, new, prot)) {
		user_page_put(new);
		return FAULT_OOM;
	}
	user_page_put(old);
	return FAULT_OK;
}

static enum fault_result fault_in(struct mm *mm, struct vma *vma,
				  unsigned long page, unsigned int how)
{
	unsigned int prot = vma_vm_prot(vma->flags), cur;
	paddr_t pa;

	if (!uvm_lookup(&mm->as, page, &pa, &cur)) {
		if (!(how & FAULT_WRITE) || (cur & VM_WRITE))
			return FAULT_OK;	/* raced or stale: retry */
		if (vma->flags & VMA_SHARED)
			return uvm_map_page(&mm->as, page, pa, prot) ?
			       FAULT_OOM : FAULT_OK;
		return cow_page(mm, page, pa, prot);
	}
	if (vma->object) {
		pa = shmem_page(vma->object, vma->pgoff +
				((page - vma->start) >> PAGE_SHIFT));
		if (!pa)	/* past the object's end (a file's) */
			return FAULT_SIGBUS;
		if (!(vma->flags & VMA_SHARED)) {
			/*
			 * A private file mapping: the file's page, read-only,
			 * until a write copies it (cow_page does later ones).
			 */
			if (how & FAULT_WRITE) {
				paddr_t copy = user_page_alloc(false);

				if (!copy) {
					user_page_put(pa);
					return FAULT_OOM;
				}
				memcpy(phys_to_virt(copy), phys_to_virt(pa),
				       PAGE_SIZE);
				user_page_put(pa);
				pa = copy;
			} else {
				prot &= ~VM_WRITE;
			}
		}
	} else {
		pa = user_page_alloc(true);
	}
	if (!pa)
		return FAULT_OOM;
	if (uvm_map_page(&mm->as, page, pa, prot)) {
		user_page_put(pa);
		return FAULT_OOM;
	}
	if (++mm->rss > mm->rss_peak)
		mm->rss_peak = mm->rss;
	return FAULT_OK;
}

enum fault_result mm_fault(struct mm *mm, unsigned long addr,
			   unsigned int how)
{
	enum fault_result r = FAULT_SIGSEGV_ACCERR;
	struct vma *vma;

	if (addr >= USER_END)
		return FAULT_SIGSEGV_MAPERR;
	mutex_lock(&mm->lock);
	vma = vma_find(&mm->vmas, addr);
	if (!vma)
		vma = grow_stack(mm, addr);
	if (!vma) {
		r = FAULT_SIGSEGV_MAPERR;
		goto out;
	}
	if (!(vma->flags & VMA_PROT_MASK) ||
	    ((how & FAULT_WRITE) && !(vma->flags & VMA_WRITE)) ||
	    ((how & FAULT_EXEC) && !(vma->flags & VMA_EXEC)))
		goto out;
	r = fault_in(mm, vma, ALIGN_DOWN(addr, PAGE_SIZE), how);
	if (r == FAULT_OK)
		mm->faults_minor++;
out:
	mutex_unlock(&mm->lock);
	return r;
}
