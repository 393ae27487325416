/*
 * The memory system calls: mmap (anonymous private and shared, MAP_FIXED,
 * MAP_FIXED_NOREPLACE, hints, PROT_NONE), munmap, mprotect, mremap,
 * madvise, msync and brk, with Linux's checks and error numbers. They
 * edit the VMAs (include/vma.h) and page tables of the caller's struct mm
 * under its lock; pages come later, from mm/fault.c.
 */
#include <errno.h>
#include <file.h>
#include <mman.h>
#include <mm.h>
#include <process.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/mman.h>
#include <vfs.h>
#include "shmem.h"

#define MMAP_MIN_ADDR	0x10000UL	/* Linux's vm.mmap_min_addr */
#define MAP_32BIT_LOW	0x40000000UL
#define MAP_32BIT_HIGH	0x80000000UL
#define MAX_MAP_COUNT	65530		/* Linux's vm.max_map_count */

#define MAP_KNOWN	(MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_32BIT | \
			 MAP_GROWSDOWN | MAP_DENYWRITE | MAP_EXECUTABLE | \
			 MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | \
			 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_SYNC | \
			 MAP_FIXED_NOREPLACE | MAP_UNINITIALIZED)

static unsigned int prot_to_vma(unsigned long prot)
{
	return (prot & PROT_READ ? VMA_READ : 0) |
	       (prot & PROT_WRITE ? VMA_WRITE | VMA_READ : 0) |
	       (prot & PROT_EXEC ? VMA_EXEC | VMA_READ : 0);
}

/* Is [start, end) free of vmas? [mm->lock] */
static bool range_free(struct mm *mm, unsigned long start, unsigned long end)
{
	struct vma *v = vma_find_next(&mm->vmas, start);

	return !v || v->start >= end;
}

unsigned long mm_find_free(struct mm *mm, unsigned long len,
			   unsigned long hint, bool low32)
{
	struct vma_gap_req req = {
		.len = len,
		.low = low32 ? MAP_32BIT_LOW : MMAP_MIN_ADDR,
		.high = low32 ? MAP_32BIT_HIGH : mm->mmap_base,
		.guard = 256 * PAGE_SIZE,
		.topdown = !low32,
	};
	unsigned long a;

	hint = ALIGN_DOWN(hint, PAGE_SIZE);
	if (hint >= MMAP_MIN_ADDR && hint <= USER_END - len &&
	    range_free(mm, hint, hint + len))
		return hint;
	a = vma_find_gap(&mm->vmas, &req);
	if (vma_gap_error(a) && !low32) {
		/* Nothing below the base: try above it, up to the stack. */
		req.low = mm->mmap_base;
		req.high = mm->stack_limit;
		a = vma_find_gap(&mm->vmas, &req);
	}
	return a;
}

int mm_protect(struct mm *mm, unsigned long start, unsigned long end,
	       unsigned int prot_flags)
{
	struct vma *v, *freed[VMA_MERGE_MAX_FREED];
	int err = mm_carve(mm, start, end);

	if (err)
		return err;
	for (v = vma_find_next(&mm->vmas, start); v && v->start < end;
	     v = vma_next(v)) {
		v->flags = (v->flags & ~VMA_PROT_MASK) | prot_flags;
		/*
		 * Private pages stay read-only in the tables: a write
		 * fault then copies a page still shared after fork, or
		 * just allows the write (mm/fault.c).
		 */
		uvm_protect(&mm->as, v->start, v->end,
			    vma_vm_prot(v->flags & VMA_SHARED ? v->flags :
					v->flags & ~VMA_WRITE));
	}
	v = vma_find_prev(&mm->vmas, start);
	if (!v)
		v = vma_first(&mm->vmas);
	while (v && v->start <= end) {
		v = vma_merge_around(&mm->vmas, v, freed);
		vma_free_merged(freed);
		v = vma_next(v);
	}
	return 0;
}

/* Fault in every page of [start, end) now (MAP_POPULATE). */
static void populate(struct mm *mm, unsigned long start, unsigned long end,
		     unsigned int flags)
{
	for (unsigned long a = start; a < end; a += PAGE_SIZE)
		if (mm_fault(mm, a, flags & VMA_WRITE ? FAULT_WRITE : 0) !=
		    FAULT_OK)
			break;
}

static long check_mmap_flags(unsigned long flags, int fd)
{
	unsigned long type = flags & MAP_TYPE;

	if (type != MAP_SHARED && type != MAP_PRIVATE &&
	    type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (type == MAP_SHARED_VALIDATE && (flags & ~MAP_KNOWN))
		return -EOPNOTSUPP;
	if (flags & MAP_HUGETLB)
		return -EINVAL;		/* no huge page pools */
	return 0;
}

#define TMPFS_MAGIC	0x01021994

/*
 * What a file mapping maps: tmpfs files, whose pages are a shmem object
 * (the page cache of memory files), or /dev/zero, which is anonymous
 * memory. Returns the object referenced (NULL for anonymous) or an
 * ERR_PTR; clears VMA_MAYWRITE in *@vflags for a read-only shared file.
 */
static struct shmem *mmap_object(int fd, unsigned long flags,
				 unsigned long prot, unsigned int *vflags)
{
	struct file *f = fd_get(fd);
	struct inode *i;
	struct shmem *obj = ERR_PTR(-ENODEV);
	unsigned int mode;

	if (!f)
		return ERR_PTR(-EBADF);
	i = f->inode;
	mode = f->f_flags & O_ACCMODE;
	if (i && S_ISCHR(i->mode) && i->rdev == MKDEV(1, 5)) {
		obj = NULL;			/* /dev/zero */
	} else if (i && S_ISREG(i->mode) && i->sb->magic == TMPFS_MAGIC) {
		if (mode == O_WRONLY)
			obj = ERR_PTR(-EACCES);
		else if ((flags & MAP_TYPE) != MAP_PRIVATE &&
			 (prot & PROT_WRITE) && mode != O_RDWR)
			obj = ERR_PTR(-EACCES);
		else {
			obj = i->priv;
			shmem_get(obj);
			if ((flags & MAP_TYPE) != MAP_PRIVATE &&
			    mode != O_RDWR)
				*vflags &= ~VMA_MAYWRITE;
		}
	}
	file_put(f);
	return obj;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len,
		unsigned long, prot, unsigned long, flags, int, fd,
		unsigned long, off)
{
	struct mm *mm = current->mm;
	struct shmem *obj = NULL;
	unsigned int vflags;
	long err;

	if (!len)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (off & (PAGE_SIZE - 1))
		return -EINVAL;
	err = check_mmap_flags(flags, fd);
	if (err)
		return err;
	if (len > USER_END)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) &&
	    ((addr & (PAGE_SIZE - 1)) || addr > USER_END - len))
		return (addr & (PAGE_SIZE - 1)) ? -EINVAL : -ENOMEM;
	vflags = prot_to_vma(prot) | VMA_MAY_MASK |
		 ((flags & MAP_TYPE) == MAP_PRIVATE ? 0 : VMA_SHARED) |
		 (flags & MAP_GROWSDOWN ? VMA_GROWSDOWN : 0);
	if (!(flags & MAP_ANONYMOUS)) {
		obj = mmap_object(fd, flags, prot, &vflags);
		if (IS_ERR(obj))
			return PTR_ERR(obj);
	}

	mutex_lock(&mm->lock);
	if (mm->vmas.count >= MAX_MAP_COUNT) {
		err = -ENOMEM;
		goto out;
	}
	if (flags & MAP_FIXED_NOREPLACE) {
		if (!range_free(mm, addr, addr + len)) {
			err = -EEXIST;
			goto out;
		}
	} else if (flags & MAP_FIXED) {
		err = mm_unmap(mm, addr, addr + len);
		if (err)
			goto out;
	} else {
		addr = mm_find_free(mm, len, addr, flags & MAP_32BIT);
		if (vma_gap_error(addr)) {
			err = -ENOMEM;
			goto out;
		}
	}
	if (obj) {
		err = mm_map_object(mm, addr, addr + len, vflags, obj,
				    off >> PAGE_SHIFT);
		obj = NULL;		/* the mapping has the reference */
	} else {
		err = mm_map_anon(mm, addr, addr + len, vflags);
	}
	if (!err && (flags & MAP_POPULATE)) {
		mutex_unlock(&mm->lock);
		populate(mm, addr, addr + len, vflags);
		return addr;
	}
out:
	mutex_unlock(&mm->lock);
	if (obj)
		shmem_put(obj);
	return err ? err : (long)addr;
}

/* A user range for munmap, mprotect and friends: -EINVAL if malformed. */
static long user_range(unsigned long addr, unsigned long len,
		       unsigned long *end)
{
	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!len || len > USER_END)
		return -EINVAL;
	*end = addr + ALIGN_UP(len, PAGE_SIZE);
	if (*end > USER_END || *end < addr)
		return -EINVAL;
	return 0;
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, unsigned long, len)
{
	struct mm *mm = current->mm;
	unsigned long end;
	long err = user_range(addr, len, &end);

	if (err)
		return err;
	mutex_lock(&mm->lock);
	err = mm_unmap(mm, addr, end);
	mutex_unlock(&mm->lock);
	return err;
}

/* Is all of [start, end) mapped? [mm->lock] */
static bool range_mapped(struct mm *mm, unsigned long start,
			 unsigned long end)
{
	struct vma *v = vma_find(&mm->vmas, start);

	while (v && v->end < end) {
		struct vma *n = vma_next(v);

		if (!n || n->start != v->end)
			return false;
		v = n;
	}
	return v != NULL;
}

SYSCALL_DEFINE3(mprotect, unsigned long, addr, unsigned long, len,
		unsigned long, prot)
{
	struct mm *mm = current->mm;
	unsigned long end;
	long err;

	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN |
		     PROT_GROWSUP))
		return -EINVAL;
	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!len)
		return 0;
	err = user_range(addr, len, &end);
	if (err)
		return err;
	mutex_lock(&mm->lock);
	if (!range_mapped(mm, addr, end))
		err = -ENOMEM;
	else
		err = mm_protect(mm, addr, end, prot_to_vma(prot));
	mutex_unlock(&mm->lock);
	return err;
}

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm *mm = current->mm;
	unsigned long old, new;
	long ret;

	mutex_lock(&mm->lock);
	ret = mm->brk;
	if (brk < mm->brk_start || brk >= mm->mmap_base)
		goto out;
	old = ALIGN_UP(mm->brk, PAGE_SIZE);
	new = ALIGN_UP(brk, PAGE_SIZE);
	if (new > old) {
		/* Growing needs free space up to the new break. */
		if (!range_free(mm, old, new + PAGE_SIZE) ||
		    mm_map_anon(mm, old, new, VMA_READ | VMA_WRITE |
				VMA_MAY_MASK))
			goto out;
	} else if (new < old) {
		mm_unmap(mm, new, old);
	}
	mm->brk = brk;
	ret = brk;
out:
	mutex_unlock(&mm->lock);
	return ret;
}
