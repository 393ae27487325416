/*
 * Virtual memory mappings: one API to map, unmap and change the protection
 * of a range in any address space, with 4 KiB and 2 MiB pages, page-table
 * pages allocated and freed as needed, and the TLB kept right
 * (arch/x86_64/pgtable.c). The kernel's layout (include/mm.h) and vmalloc
 * (mm/vmalloc.c) sit on top; user address spaces will too.
 */
#ifndef VM_H
#define VM_H

#include "types.h"
#include "spinlock.h"

/* Protection and attributes of a mapping. */
#define VM_READ		(1u << 0)	/* always implied: x86 cannot deny it */
#define VM_WRITE	(1u << 1)
#define VM_EXEC		(1u << 2)
#define VM_USER		(1u << 3)
#define VM_GLOBAL	(1u << 4)	/* kernel mappings: survive CR3 loads */
#define VM_NOCACHE	(1u << 5)	/* device memory */
#define VM_HUGE		(1u << 6)	/* allow 2 MiB pages where aligned */

/*
 * An address space: a top-level page table. Lock legend: lock serializes
 * changes to the tables of this space (not to the kernel half, which
 * kernel_as's lock covers).
 */
struct addr_space {
	uint64_t *pml4;			/* direct-mapped */
	paddr_t pml4_phys;
	struct spinlock lock;
	unsigned long pt_pages;		/* page-table pages below the PML4 */
};

extern struct addr_space kernel_as;

/*
 * Map [va, va+len) to [pa, pa+len). All three page-aligned; with VM_HUGE,
 * 2 MiB pages are used where va and pa are both 2 MiB aligned and the
 * range covers them. Returns 0, -EINVAL (bad alignment or address), -EEXIST
 * (something is already mapped there; nothing is changed), or -ENOMEM.
 */
int vm_map(struct addr_space *as, vaddr_t va, paddr_t pa, size_t len,
	   unsigned int prot);
/* Unmap a range (splitting 2 MiB pages it cuts); frees empty tables. */
int vm_unmap(struct addr_space *as, vaddr_t va, size_t len);
/* Change the protection of every mapped page in the range. */
int vm_protect(struct addr_space *as, vaddr_t va, size_t len,
	       unsigned int prot);
/*
 * Look up @va: returns 0 and fills *pa, *prot and *page_size (4096 or
 * 2 MiB or 1 GiB), or -ENOENT when it is not mapped.
 */
int vm_translate(struct addr_space *as, vaddr_t va, paddr_t *pa,
		 unsigned int *prot, size_t *page_size);

/* Set up kernel_as over the boot PML4 (before the page allocator). */
void vm_init_kernel(void);
/*
 * Map all of RAM into the direct map with the largest pages that fit
 * (1 GiB where the CPU has them, else 2 MiB), read-write, no-execute.
 */
void vm_map_direct(void);

/*
 * Where page-table pages come from: memblock during boot, the page
 * allocator once it runs (mm/page_alloc.c switches this over).
 */
void vm_set_pt_allocator(paddr_t (*alloc)(void), void (*free)(paddr_t));

/*
 * User address spaces (arch/x86_64/uvm.c): the lower half of a PML4 of
 * their own, 4 KiB pages only; the upper half is the kernel's. The caller
 * (mm/) serializes calls on one space with its mm lock.
 * vm_kernel_prealloc() makes the top-level kernel tables of a range at
 * boot, before the first user space: kernel mappings made later in it
 * are then seen by every space.
 */
void vm_kernel_prealloc(vaddr_t start, vaddr_t end);
int uvm_create(struct addr_space *as);
/* Free the tables (the pages must have been unmapped with uvm_unmap). */
void uvm_destroy(struct addr_space *as);
/* Load @as into the MMU (kernel_as for kernel threads). */
void uvm_activate(struct addr_space *as);
/* Map one page, replacing what was there. 0 or -ENOMEM. */
int uvm_map_page(struct addr_space *as, vaddr_t va, paddr_t pa,
		 unsigned int prot);
/* 0 and *pa, *prot for a mapped page, else -ENOENT. */
int uvm_lookup(struct addr_space *as, vaddr_t va, paddr_t *pa,
	       unsigned int *prot);
/* Unmap [start, end), calling @put for each page that was mapped. */
void uvm_unmap(struct addr_space *as, vaddr_t start, vaddr_t end,
	       void (*put)(paddr_t pa, void *arg), void *arg);
/* Set the protection of the mapped pages of [start, end). */
void uvm_protect(struct addr_space *as, vaddr_t start, vaddr_t end,
		 unsigned int prot);
/*
 * Copy the mappings of [start, end) from @src to @dst (fork), calling
 * @get for each page; with @cow, both lose write access. 0 or -ENOMEM.
 */
int uvm_copy(struct addr_space *dst, struct addr_space *src, vaddr_t start,
	     vaddr_t end, bool cow, void (*get)(paddr_t pa, void *arg),
	     void *arg);

/* Pages of page tables in use in all address spaces (PageTables). */
unsigned long vm_pt_pages(void);

#endif
