/*
 * mremap (shrink, grow in place, move with MREMAP_MAYMOVE or to
 * MREMAP_FIXED), madvise and msync: the rarer memory calls, next to
 * mm/mmap.c. A moved mapping keeps its pages: their table entries move
 * to the new place, nothing is copied.
 */
#include <errno.h>
#include <mman.h>
#include <mm.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/mman.h>
#include "shmem.h"

unsigned long mm_find_free(struct mm *mm, unsigned long len,
			   unsigned long hint, bool low32);

/* Move the page-table entries of [old, old+len) to new. [mm->lock] */
static int move_pages(struct mm *mm, unsigned long old, unsigned long new,
		      unsigned long len)
{
	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		unsigned int prot;
		paddr_t pa;

		if (uvm_lookup(&mm->as, old + off, &pa, &prot))
			continue;
		if (uvm_map_page(&mm->as, new + off, pa, prot))
			return -ENOMEM;
		user_page_get(pa);
		mm->rss++;
	}
	return 0;
}

/* Grow the vma ending at @end by @extra bytes in place. [mm->lock] */
static int grow_in_place(struct mm *mm, struct vma *v, unsigned long extra)
{
	struct vma *n = vma_alloc(), *freed[VMA_MERGE_MAX_FREED];

	if (!n)
		return -ENOMEM;
	if (v->object && shmem_resize(v->object, v->pgoff +
				      ((v->end + extra - v->start) >>
				       PAGE_SHIFT))) {
		vma_free(n);
		return -ENOMEM;
	}
	vma_init(n, v->end, v->end + extra, v->flags, v->object,
		 v->pgoff + ((v->end - v->start) >> PAGE_SHIFT));
	if (n->object)
		shmem_get(n->object);
	if (vma_insert(&mm->vmas, n)) {
		if (n->object)
			shmem_put(n->object);
		vma_free(n);
		return -ENOMEM;
	}
	vma_merge_around(&mm->vmas, n, freed);
	vma_free_merged(freed);
	return 0;
}

/* Move [old, old+old_len) (one vma's part) to new, new_len long. */
static long move_mapping(struct mm *mm, struct vma *v, unsigned long old,
			 unsigned long old_len, unsigned long new,
			 unsigned long new_len)
{
	struct vma *n = vma_alloc(), *freed[VMA_MERGE_MAX_FREED];
	unsigned long pgoff = v->pgoff + ((old - v->start) >> PAGE_SHIFT);

	if (!n)
		return -ENOMEM;
	if (v->object && shmem_resize(v->object, pgoff +
				      (new_len >> PAGE_SHIFT))) {
		vma_free(n);
		return -ENOMEM;
	}
	vma_init(n, new, new + new_len, v->flags, v->object,
		 v->object ? pgoff : new >> PAGE_SHIFT);
	if (n->object)
		shmem_get(n->object);
	if (vma_insert(&mm->vmas, n) ||
	    move_pages(mm, old, new, MIN(old_len, new_len))) {
		mm_unmap(mm, new, new + new_len);
		return -ENOMEM;
	}
	vma_merge_around(&mm->vmas, n, freed);
	vma_free_merged(freed);
	mm_unmap(mm, old, old + old_len);
	return new;
}

static long do_mremap(struct mm *mm, unsigned long old, unsigned long old_len,
		      unsigned long new_len, unsigned long flags,
		      unsigned long new)
{
	struct vma *v = vma_find(&mm->vmas, old);

	if (!v || old + old_len > v->end)
		return -EFAULT;
	if (flags & MREMAP_FIXED) {
		if (new + new_len > old && new < old + old_len)
			return -EINVAL;
		mm_unmap(mm, new, new + new_len);
		v = vma_find(&mm->vmas, old);
		return move_mapping(mm, v, old, old_len, new, new_len);
	}
	if (new_len <= old_len) {
		if (new_len < old_len)
			mm_unmap(mm, old + new_len, old + old_len);
		return old;
	}
	if (old + old_len == v->end &&
	    (!vma_next(v) || vma_next(v)->start >= old + new_len) &&
	    old + new_len <= USER_END) {
		if (grow_in_place(mm, v, new_len - old_len))
			return -ENOMEM;
		return old;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new = mm_find_free(mm, new_len, 0, false);
	if (vma_gap_error(new))
		return -ENOMEM;
	return move_mapping(mm, v, old, old_len, new, new_len);
}

SYSCALL_DEFINE5(mremap, unsigned long, old, unsigned long, old_len,
		unsigned long, new_len, unsigned long, flags,
		unsigned long, new)
{
	struct mm *mm = current->mm;
	long r;

	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP))
		return -EINVAL;		/* not supported yet */
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (old & (PAGE_SIZE - 1))
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len || !old_len)
		return -EINVAL;
	if (old_len > USER_END || new_len > USER_END ||
	    old > USER_END - old_len)
		return -EINVAL;
	if ((flags & MREMAP_FIXED) &&
	    ((new & (PAGE_SIZE - 1)) || new > USER_END - new_len))
		return -EINVAL;
	mutex_lock(&mm->lock);
	r = do_mremap(mm, old, old_len, new_len, flags, new);
	mutex_unlock(&mm->lock);
	return r;
}

static bool advice_known(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_DONTNEED: case MADV_FREE:
	case MADV_REMOVE: case MADV_DONTFORK: case MADV_DOFORK:
	case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
	case MADV_WIPEONFORK: case MADV_KEEPONFORK: case MADV_COLD:
	case MADV_PAGEOUT:
		return true;
	default:
		return false;
	}
}

static void put_cb(paddr_t pa, void *arg)
{
	struct mm *mm = arg;

	mm->rss--;
	user_page_put(pa);
}

SYSCALL_DEFINE3(madvise, unsigned long, addr, unsigned long, len,
		int, advice)
{
	struct mm *mm = current->mm;
	unsigned long end = addr + ALIGN_UP(len, PAGE_SIZE);
	long err = 0;

	if ((addr & (PAGE_SIZE - 1)) || !advice_known(advice) ||
	    end < addr || end > USER_END)
		return -EINVAL;
	if (!len)
		return 0;
	mutex_lock(&mm->lock);
	/* Linux answers -ENOMEM for holes but still applies the advice. */
	for (unsigned long a = addr; a < end; a += PAGE_SIZE)
		if (!vma_find(&mm->vmas, a)) {
			err = -ENOMEM;
			break;
		}
	if (advice == MADV_DONTNEED || advice == MADV_FREE) {
		/*
		 * Private pages go (the next touch gets a zero page);
		 * shared ones stay in their object and are just unmapped.
		 */
		uvm_unmap(&mm->as, addr, end, put_cb, mm);
	}
	mutex_unlock(&mm->lock);
	return err;
}

SYSCALL_DEFINE3(msync, unsigned long, addr, unsigned long, len, int, flags)
{
	struct mm *mm = current->mm;
	unsigned long end = addr + ALIGN_UP(len, PAGE_SIZE);
	long err = 0;

	if ((addr & (PAGE_SIZE - 1)) ||
	    (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)) || end < addr)
		return -EINVAL;
	mutex_lock(&mm->lock);
	for (unsigned long a = addr; a < end; a += PAGE_SIZE)
		if (!vma_find(&mm->vmas, a)) {
			err = -ENOMEM;
			break;
		}
	mutex_unlock(&mm->lock);
	/* Anonymous memory has nothing to write back. */
	return err;
}
