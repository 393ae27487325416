/*
 * User address spaces: creation, fork's copy-on-write duplicate, teardown,
 * anonymous mappings and the reference counts of user pages and shared
 * memory objects. The page fault handler is mm/fault.c, the system calls
 * (mmap, munmap, mprotect, mremap, madvise, brk) mm/mmap.c, the page
 * tables arch/x86_64/uvm.c.
 */
#include <errno.h>
#include <mman.h>
#include <mm.h>
#include <page.h>
#include <panic.h>
#include <slab.h>
#include <lib/string.h>
#include "shmem.h"

static struct kmem_cache *mm_cache, *vma_cache;

static bool caches_ready(void)
{
	if (!mm_cache)
		mm_cache = kmem_cache_create("mm", sizeof(struct mm), 16);
	if (!vma_cache)
		vma_cache = kmem_cache_create("vma", sizeof(struct vma), 16);
	return mm_cache && vma_cache;
}

struct vma *vma_alloc(void)
{
	return kmem_cache_alloc(vma_cache, GFP_KERNEL);
}

void vma_free(struct vma *vma)
{
	if (vma)
		kmem_cache_free(vma_cache, vma);
}

/*
 * Free what vma_merge_around() gave back. Every vma holds a reference
 * on its object, so the ones merged away drop theirs.
 */
void vma_free_merged(struct vma **freed)
{
	for (int i = 0; i < VMA_MERGE_MAX_FREED; i++) {
		if (freed[i] && freed[i]->object)
			shmem_put(freed[i]->object);
		vma_free(freed[i]);
	}
}

void user_page_get(paddr_t pa)
{
	__atomic_add_fetch(&pfn_to_page(pa >> PAGE_SHIFT)->refcount, 1,
			   __ATOMIC_RELAXED);
}

void user_page_put(paddr_t pa)
{
	struct page *p = pfn_to_page(pa >> PAGE_SHIFT);

	if (__atomic_sub_fetch(&p->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
		p->refcount = 1;	/* free_pages() expects the owner's */
		free_pages(p, 0);
	}
}

/* A page for user space (zeroed if @zero), the caller holding it. */
paddr_t user_page_alloc(bool zero)
{
	struct page *p = alloc_pages((zero ? GFP_ZERO : 0) | GFP_NOWARN, 0);

	if (!p)
		return 0;
	p->owner = PAGE_OWNER_USER;
	return page_to_phys(p);
}

struct mm *mm_create(void)
{
	struct mm *mm;

	if (!caches_ready())
		return NULL;
	mm = kmem_cache_alloc(mm_cache, GFP_KERNEL);
	if (!mm)
		return NULL;
	memset(mm, 0, sizeof(*mm));
	if (uvm_create(&mm->as)) {
		kmem_cache_free(mm_cache, mm);
		return NULL;
	}
	mm->users = 1;
	mutex_init(&mm->lock);
	vma_tree_init(&mm->vmas);
	return mm;
}

void mm_get(struct mm *mm)
{
	__atomic_add_fetch(&mm->users, 1, __ATOMIC_RELAXED);
}

static void put_page_cb(paddr_t pa, void *arg)
{
	struct mm *mm = arg;

	mm->rss--;
	user_page_put(pa);
}

/* Unmap and drop one vma that is out of the tree. */
static void vma_destroy(struct mm *mm, struct vma *vma)
{
	uvm_unmap(&mm->as, vma->start, vma->end, put_page_cb, mm);
	if (vma->object)
		shmem_put(vma->object);
	vma_free(vma);
}

void mm_put(struct mm *mm)
{
	struct vma *vma;

	if (__atomic_sub_fetch(&mm->users, 1, __ATOMIC_ACQ_REL))
		return;
	while ((vma = vma_first(&mm->vmas))) {
		vma_remove(&mm->vmas, vma);
		vma_destroy(mm, vma);
	}
	uvm_destroy(&mm->as);
	kmem_cache_free(mm_cache, mm);
}

void mm_activate(struct mm *mm)
{
	uvm_activate(mm ? &mm->as : &kernel_as);
}

static void get_page_cb(paddr_t pa, void *arg)
{
	struct mm *mm = arg;

	mm->rss++;
	user_page_get(pa);
}

static int dup_vma(struct mm *new, struct mm *old, const struct vma *v)
{
	struct vma *copy = vma_alloc();
	int err;

	if (!copy)
		return -ENOMEM;
	vma_init(copy, v->start, v->end, v->flags, v->object, v->pgoff);
	if (copy->object)
		shmem_get(copy->object);
	err = vma_insert(&new->vmas, copy);
	KASSERT(!err);
	/* Private pages become copy-on-write in both; shared stay shared. */
	return uvm_copy(&new->as, &old->as, v->start, v->end,
			!(v->flags & VMA_SHARED), get_page_cb, new);
}

struct mm *mm_dup(struct mm *old)
{
	struct mm *new = mm_create();
	struct vma *v;
	int err = 0;

	if (!new)
		return NULL;
	mutex_lock(&old->lock);
	vma_for_each(v, &old->vmas) {
		err = dup_vma(new, old, v);
		if (err)
			break;
	}
	new->brk_start = old->brk_start;
	new->brk = old->brk;
	new->stack_top = old->stack_top;
	new->stack_limit = old->stack_limit;
	new->mmap_base = old->mmap_base;
	new->start_code = old->start_code;
	new->end_code = old->end_code;
	new->start_data = old->start_data;
	new->end_data = old->end_data;
	new->arg_start = old->arg_start;
	new->arg_end = old->arg_end;
	new->env_start = old->env_start;
	new->env_end = old->env_end;
	mutex_unlock(&old->lock);
	if (err) {
		mm_put(new);
		return NULL;
	}
	return new;
}

int mm_map_object(struct mm *mm, unsigned long start, unsigned long end,
		  unsigned int flags, struct shmem *obj, unsigned long pgoff)
{
	struct vma *vma = vma_alloc(), *freed[VMA_MERGE_MAX_FREED];
	int err;

	if (!vma) {
		if (obj)
			shmem_put(obj);
		return -ENOMEM;
	}
	vma_init(vma, start, end, flags, obj, pgoff);
	err = vma_insert(&mm->vmas, vma);
	if (err) {
		if (obj)
			shmem_put(obj);
		vma_free(vma);
		return err;
	}
	vma_merge_around(&mm->vmas, vma, freed);
	vma_free_merged(freed);
	return 0;
}

int mm_map_anon(struct mm *mm, unsigned long start, unsigned long end,
		unsigned int flags)
{
	struct shmem *obj = NULL;

	if (flags & VMA_SHARED) {
		obj = shmem_create((end - start) >> PAGE_SHIFT);
		if (!obj)
			return -ENOMEM;
	}
	/* Private memory's pgoff is its page number, so neighbours merge. */
	return mm_map_object(mm, start, end, flags, obj,
			     obj ? 0 : start >> PAGE_SHIFT);
}

/* Split around [start, end) so whole vmas cover it. 0 or -errno. */
int mm_carve(struct mm *mm, unsigned long start, unsigned long end)
{
	struct vma *spare[VMA_CARVE_SPARES] = { vma_alloc(), vma_alloc() };
	int used = vma_carve(&mm->vmas, start, end, spare);

	/* A vma cut in two: both halves hold the object. */
	for (int i = 0; i < used; i++)
		if (spare[i]->object)
			shmem_get(spare[i]->object);
	for (int i = used < 0 ? 0 : used; i < VMA_CARVE_SPARES; i++)
		vma_free(spare[i]);
	return used < 0 ? used : 0;
}

int mm_unmap(struct mm *mm, unsigned long start, unsigned long end)
{
	struct vma *vma, *next;
	int err = mm_carve(mm, start, end);

	if (err)
		return err;
	for (vma = vma_find_next(&mm->vmas, start); vma && vma->start < end;
	     vma = next) {
		next = vma_next(vma);
		vma_remove(&mm->vmas, vma);
		vma_destroy(mm, vma);
	}
	return 0;
}

int mm_write(struct mm *mm, unsigned long addr, const void *src,
	     size_t len)
{
	const char *s = src;

	while (len) {
		unsigned long off = addr & (PAGE_SIZE - 1);
		size_t n = MIN(len, PAGE_SIZE - off);
		unsigned int prot;
		paddr_t pa;

		if (uvm_lookup(&mm->as, addr - off, &pa, &prot) ||
		    !(prot & VM_WRITE)) {
			if (mm_fault(mm, addr, FAULT_WRITE) != FAULT_OK)
				return -EFAULT;
			continue;
		}
		memcpy((char *)phys_to_virt(pa) + off, s, n);
		s += n;
		addr += n;
		len -= n;
	}
	return 0;
}

long mm_read(struct mm *mm, unsigned long addr, void *dst, size_t len)
{
	char *d = dst;
	size_t done = 0;

	mutex_lock(&mm->lock);
	while (done < len) {
		unsigned long off = addr & (PAGE_SIZE - 1);
		size_t n = MIN(len - done, PAGE_SIZE - off);
		unsigned int prot;
		paddr_t pa;

		if (uvm_lookup(&mm->as, addr - off, &pa, &prot))
			break;
		memcpy(d + done, (char *)phys_to_virt(pa) + off, n);
		done += n;
		addr += n;
	}
	mutex_unlock(&mm->lock);
	return done;
}
