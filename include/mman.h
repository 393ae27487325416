/*
 * User address spaces (mm/mm.c, mm/mmap.c, mm/fault.c): a struct mm is
 * one process's memory, its page tables (include/vm.h) and its VMAs
 * (include/vma.h); threads made with CLONE_VM share one. Private
 * anonymous pages are demand-allocated and shared copy-on-write after
 * fork through struct page reference counts; MAP_SHARED anonymous memory
 * lives in a struct shmem object that every mapping of it references.
 */
#ifndef MMAN_H
#define MMAN_H

#include "mutex.h"
#include "types.h"
#include "vm.h"
#include "vma.h"

/*
 * Lock legend: lock (a mutex: faults may sleep for memory) covers the
 * VMAs, the page tables of the lower half and every field below it;
 * users is atomic.
 */
struct mm {
	struct addr_space as;
	int users;			/* tasks using it (atomic) */
	struct mutex lock;
	struct vma_tree vmas;
	unsigned long brk_start, brk;	/* the heap: [brk_start, brk) */
	unsigned long stack_top;	/* above argv/envp/auxv */
	unsigned long stack_limit;	/* the stack may not grow below */
	unsigned long mmap_base;	/* mmap searches down from here */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long rss;		/* pages mapped */
	unsigned long rss_peak;		/* the most rss has been */
	unsigned long faults_minor;	/* faults served (getrusage) */
};

/* A new empty address space (kernel half only), or NULL. */
struct mm *mm_create(void);
/* fork(): a copy-on-write copy of @old, or NULL. */
struct mm *mm_dup(struct mm *old);
void mm_get(struct mm *mm);
/* Drop a user; the last one frees the pages, tables and VMAs. */
void mm_put(struct mm *mm);
/* Load @mm's page tables (NULL: the kernel's). */
void mm_activate(struct mm *mm);

/*
 * Map [start, end) as new anonymous memory with VMA_* @flags (the range
 * must be free). With VMA_SHARED it gets a shared object. 0 or -errno.
 * Caller holds mm->lock.
 */
int mm_map_anon(struct mm *mm, unsigned long start, unsigned long end,
		unsigned int flags);
/*
 * Map [start, end) from page @pgoff of @obj (its reference taken over;
 * NULL: private anonymous memory), shared with VMA_SHARED, else
 * copy-on-write. Caller holds mm->lock.
 */
struct shmem;
int mm_map_object(struct mm *mm, unsigned long start, unsigned long end,
		  unsigned int flags, struct shmem *obj, unsigned long pgoff);
/* Remove every mapping in [start, end). Caller holds mm->lock. */
int mm_unmap(struct mm *mm, unsigned long start, unsigned long end);
/*
 * Copy @len bytes into @mm at @addr (already mapped, any protection),
 * faulting pages in: the ELF loader fills segments this way. 0 or -errno.
 */
int mm_write(struct mm *mm, unsigned long addr, const void *src,
	     size_t len);

/*
 * Copy up to @len bytes of @mm at @addr out (another process's memory,
 * for /proc), stopping at the first page not present. Bytes copied.
 */
long mm_read(struct mm *mm, unsigned long addr, void *dst, size_t len);

/* The outcome of a page fault in user space (mm/fault.c). */
enum fault_result {
	FAULT_OK,		/* mapped; retry the access */
	FAULT_SIGSEGV_MAPERR,	/* no mapping there */
	FAULT_SIGSEGV_ACCERR,	/* a mapping that forbids the access */
	FAULT_OOM,		/* no memory */
	FAULT_SIGBUS,		/* past the end of a mapped file */
};
#define FAULT_WRITE	(1u << 0)
#define FAULT_EXEC	(1u << 1)
#define FAULT_PRESENT	(1u << 2)	/* a protection fault on a mapped page */
enum fault_result mm_fault(struct mm *mm, unsigned long addr,
			   unsigned int how);

/* Page references for user pages (struct page refcount, atomic). */
void user_page_get(paddr_t pa);
void user_page_put(paddr_t pa);

#endif
