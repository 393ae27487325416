/*
 * vmalloc: virtually contiguous kernel areas of single pages in
 * [VMALLOC_START, VMALLOC_END), for large buffers and kernel stacks.
 * Every area is followed by an unmapped guard page, and the first one is
 * preceded by one, so an overflow or underflow of any area faults instead
 * of running into its neighbour. Areas are kept in a list sorted by
 * address; allocation is first fit.
 */
#include <errno.h>
#include <mm.h>
#include <page.h>
#include <printk.h>
#include <slab.h>
#include <spinlock.h>
#include <vm.h>
#include <vmalloc.h>
#include <lib/list.h>

#define GUARD_SIZE	PAGE_SIZE

struct vm_area {
	struct list_head node;		/* in vmap_areas, by address */
	vaddr_t start;			/* first mapped byte */
	size_t size;			/* mapped bytes (the guard follows) */
};

/*
 * Lock legend: vmap_lock protects vmap_areas and vmalloc_pages. The page
 * tables have their own lock (kernel_as.lock).
 */
static DEFINE_SPINLOCK(vmap_lock);
static LIST_HEAD(vmap_areas);
static unsigned long vmalloc_pages;

/* Find room for @size bytes plus guards and insert the area; 0 or -ENOMEM. */
static int area_insert(struct vm_area *a, size_t size)
{
	vaddr_t candidate = VMALLOC_START + GUARD_SIZE;
	struct vm_area *cur;
	unsigned long flags = spin_lock_irqsave(&vmap_lock);

	list_for_each_entry(cur, &vmap_areas, node) {
		if (candidate + size + GUARD_SIZE <= cur->start)
			break;
		candidate = cur->start + cur->size + GUARD_SIZE;
	}
	if (candidate + size + GUARD_SIZE > VMALLOC_END ||
	    candidate + size < candidate) {
		spin_unlock_irqrestore(&vmap_lock, flags);
		return -ENOMEM;
	}
	a->start = candidate;
	a->size = size;
	/* Before cur (or at the end when the loop ran out). */
	list_add_tail(&a->node, &cur->node);
	spin_unlock_irqrestore(&vmap_lock, flags);
	return 0;
}

static void area_remove(struct vm_area *a)
{
	unsigned long flags = spin_lock_irqsave(&vmap_lock);

	list_del(&a->node);
	spin_unlock_irqrestore(&vmap_lock, flags);
}

static struct vm_area *area_find(vaddr_t start)
{
	struct vm_area *a, *found = NULL;
	unsigned long flags = spin_lock_irqsave(&vmap_lock);

	list_for_each_entry(a, &vmap_areas, node)
		if (a->start == start) {
			found = a;
			break;
		}
	spin_unlock_irqrestore(&vmap_lock, flags);
	return found;
}

/* Unmap and free the pages of [start, start + size). */
static void area_release_pages(vaddr_t start, size_t size)
{
	for (vaddr_t va = start; va < start + size; va += PAGE_SIZE) {
		paddr_t pa;

		if (vm_translate(&kernel_as, va, &pa, NULL, NULL))
			continue;
		vm_unmap(&kernel_as, va, PAGE_SIZE);
		free_pages(pfn_to_page(pa >> PAGE_SHIFT), 0);
		__atomic_sub_fetch(&vmalloc_pages, 1, __ATOMIC_RELAXED);
	}
}

void *vmalloc(size_t size)
{
	struct vm_area *a;

	if (!size)
		return NULL;
	size = ALIGN_UP(size, PAGE_SIZE);
	a = kmalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return NULL;
	if (area_insert(a, size)) {
		pr_warn("vmalloc: no room for %zu KiB\n", size >> 10);
		kfree(a);
		return NULL;
	}
	for (vaddr_t va = a->start; va < a->start + size; va += PAGE_SIZE) {
		struct page *p = alloc_pages(GFP_KERNEL, 0);

		if (!p || vm_map(&kernel_as, va, page_to_phys(p), PAGE_SIZE,
				 VM_READ | VM_WRITE | VM_GLOBAL)) {
			free_pages(p, 0);
			area_release_pages(a->start, va - a->start);
			area_remove(a);
			kfree(a);
			return NULL;
		}
		p->flags |= PG_vmalloc;
		p->owner = PAGE_OWNER_VMALLOC;
		__atomic_add_fetch(&vmalloc_pages, 1, __ATOMIC_RELAXED);
	}
	return (void *)a->start;
}

void vfree(void *addr)
{
	struct vm_area *a;

	if (!addr)
		return;
	a = area_find((vaddr_t)addr);
	if (!a) {
		pr_err("vfree: %p is not the start of a vmalloc area\n", addr);
		return;
	}
	area_release_pages(a->start, a->size);
	area_remove(a);
	kfree(a);
}

uint64_t vmalloc_used_bytes(void)
{
	return READ_ONCE(vmalloc_pages) * PAGE_SIZE;
}
