/*
 * User page tables (include/vm.h, "user address spaces"): each process
 * has its own PML4 whose upper half points at the kernel's tables, so the
 * kernel half is shared and never copied again; the lower half maps user
 * pages with 4 KiB entries only. The generic memory code (mm/mmap.c,
 * mm/fault.c) keeps the VMAs and the page reference counts and calls
 * these functions under the address space's mm lock.
 *
 * Every kernel-half PML4 slot that will ever exist is made at boot
 * (vm_kernel_prealloc), so that copying the upper half once per process
 * is enough. Intel SDM vol. 3A, 4.5 and 4.10.4.
 */
#include <errno.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <vm.h>
#include <lib/string.h>
#include <arch/cpu.h>
#include <arch/pgtable.h>
#include <arch/pte.h>

#define KERNEL_HALF	256
#define FLUSH_ALL_PAGES	64

/* The address space whose PML4 is in CR3 (one CPU for now). */
static struct addr_space *active_as = &kernel_as;
bool user_spaces_made;

static inline unsigned int idx(vaddr_t va, int level)
{
	return (va >> (12 + 9 * level)) & 511;
}

static inline uint64_t *table_at(uint64_t e)
{
	return phys_to_virt(e & PTE_ADDR);
}

void vm_kernel_prealloc(vaddr_t start, vaddr_t end)
{
	KASSERT(!user_spaces_made);
	for (vaddr_t va = start; va < end; va += 1UL << 39) {
		uint64_t *e = &kernel_as.pml4[idx(va, 3)];

		if (*e & PTE_P)
			continue;
		uint64_t *t = pt_new(&kernel_as);

		if (!t)
			panic("vm: no memory for the kernel's top tables");
		*e = ((paddr_t)t - DIRECT_MAP_BASE) | PTE_P | PTE_W;
	}
}

int uvm_create(struct addr_space *as)
{
	uint64_t *pml4 = pt_new(as);

	if (!pml4)
		return -ENOMEM;
	as->pt_pages = 0;	/* the PML4 itself is not counted below */
	memcpy(pml4 + KERNEL_HALF, kernel_as.pml4 + KERNEL_HALF,
	       KERNEL_HALF * sizeof(uint64_t));
	as->pml4 = pml4;
	as->pml4_phys = (paddr_t)pml4 - DIRECT_MAP_BASE;
	as->lock = (struct spinlock)SPINLOCK_INIT("user_as");
	user_spaces_made = true;
	return 0;
}

static void free_level(struct addr_space *as, uint64_t *t, int level)
{
	for (int i = 0; i < 512; i++) {
		if (!(t[i] & PTE_P))
			continue;
		if (level > 1)
			free_level(as, table_at(t[i]), level - 1);
		pt_release(as, table_at(t[i]));
	}
}

void uvm_destroy(struct addr_space *as)
{
	KASSERT(active_as != as);
	for (int i = 0; i < KERNEL_HALF; i++) {
		if (!(as->pml4[i] & PTE_P))
			continue;
		free_level(as, table_at(as->pml4[i]), 2);
		pt_release(as, table_at(as->pml4[i]));
	}
	as->pt_pages++;		/* the PML4, not counted by uvm_create */
	pt_release(as, as->pml4);
	as->pml4 = NULL;
}

void uvm_activate(struct addr_space *as)
{
	if (active_as == as)
		return;
	active_as = as;
	write_cr3(as->pml4_phys);
}

/* The PT entry of @va, creating the tables on the way if @create. */
static uint64_t *pte_of(struct addr_space *as, vaddr_t va, bool create)
{
	uint64_t *t = as->pml4;

	for (int level = 3; level > 0; level--) {
		uint64_t *e = &t[idx(va, level)];

		if (!(*e & PTE_P)) {
			if (!create)
				return NULL;
			uint64_t *n = pt_new(as);

			if (!n)
				return NULL;
			*e = ((paddr_t)n - DIRECT_MAP_BASE) | PTE_P | PTE_W |
			     PTE_U;
		}
		t = table_at(*e);
	}
	return &t[idx(va, 0)];
}

static uint64_t user_pte(paddr_t pa, unsigned int prot)
{
	uint64_t e = pa | PTE_P | PTE_U;

	if (prot & VM_WRITE)
		e |= PTE_W;
	if (!(prot & VM_EXEC))
		e |= nx_bit;
	return e;
}

static void flush_page(struct addr_space *as, vaddr_t va)
{
	if (as == active_as)
		invlpg(va);
}

static void flush_span(struct addr_space *as, vaddr_t start, vaddr_t end)
{
	if (as != active_as || start >= end)
		return;
	if ((end - start) / PAGE_SIZE > FLUSH_ALL_PAGES)
		write_cr3(as->pml4_phys);
	else
		for (vaddr_t va = start; va < end; va += PAGE_SIZE)
			invlpg(va);
}

int uvm_map_page(struct addr_space *as, vaddr_t va, paddr_t pa,
		 unsigned int prot)
{
	uint64_t *e = pte_of(as, va, true);

	if (!e)
		return -ENOMEM;
	bool was = *e & PTE_P;

	*e = user_pte(pa, prot);
	if (was)
		flush_page(as, va);
	return 0;
}

int uvm_lookup(struct addr_space *as, vaddr_t va, paddr_t *pa,
	       unsigned int *prot)
{
	uint64_t *e = pte_of(as, va, false);

	if (!e || !(*e & PTE_P))
		return -ENOENT;
	*pa = *e & PTE_ADDR;
	*prot = VM_READ | VM_USER | (*e & PTE_W ? VM_WRITE : 0) |
		(*e & PTE_NX ? 0 : VM_EXEC);
	return 0;
}

static bool all_clear(const uint64_t *t)
{
	for (int i = 0; i < 512; i++)
		if (t[i])
			return false;
	return true;
}

/*
 * Visit the PT pages under [start, end): @fn gets each with the range of
 * it that is inside; tables left empty afterwards are freed when @prune.
 */
typedef void (*pt_visit_fn)(uint64_t *pt, vaddr_t va, vaddr_t end,
			    void *arg);

static void walk_range(struct addr_space *as, vaddr_t start, vaddr_t end,
		       pt_visit_fn fn, void *arg, bool prune)
{
	vaddr_t va = start;

	while (va < end) {
		uint64_t *e4 = &as->pml4[idx(va, 3)];
		vaddr_t next4 = (va | ((1UL << 39) - 1)) + 1;

		if (!(*e4 & PTE_P)) {
			va = next4;
			continue;
		}
		uint64_t *e3 = &table_at(*e4)[idx(va, 2)];
		vaddr_t next3 = (va | ((1UL << 30) - 1)) + 1;

		if (!(*e3 & PTE_P)) {
			va = next3;
			continue;
		}
		uint64_t *e2 = &table_at(*e3)[idx(va, 1)];
		vaddr_t next2 = (va | ((1UL << 21) - 1)) + 1;

		if (*e2 & PTE_P) {
			fn(table_at(*e2), va, MIN(end, next2), arg);
			if (prune && all_clear(table_at(*e2))) {
				pt_release(as, table_at(*e2));
				*e2 = 0;
				if (all_clear(table_at(*e3))) {
					pt_release(as, table_at(*e3));
					*e3 = 0;
					if (all_clear(table_at(*e4))) {
						pt_release(as, table_at(*e4));
						*e4 = 0;
					}
				}
			}
		}
		va = next2;
	}
}

struct unmap_ctx {
	void (*put)(paddr_t pa, void *arg);
	void *arg;
};

static void unmap_pt(uint64_t *pt, vaddr_t va, vaddr_t end, void *arg)
{
	struct unmap_ctx *c = arg;

	for (; va < end; va += PAGE_SIZE) {
		uint64_t *e = &pt[idx(va, 0)];

		if (!(*e & PTE_P))
			continue;
		paddr_t pa = *e & PTE_ADDR;

		*e = 0;
		if (c->put)
			c->put(pa, c->arg);
	}
}

void uvm_unmap(struct addr_space *as, vaddr_t start, vaddr_t end,
	       void (*put)(paddr_t pa, void *arg), void *arg)
{
	struct unmap_ctx c = { put, arg };

	walk_range(as, start, end, unmap_pt, &c, true);
	flush_span(as, start, end);
}

static void protect_pt(uint64_t *pt, vaddr_t va, vaddr_t end, void *arg)
{
	unsigned int prot = *(unsigned int *)arg;

	for (; va < end; va += PAGE_SIZE) {
		uint64_t *e = &pt[idx(va, 0)];

		if (*e & PTE_P)
			*e = user_pte(*e & PTE_ADDR, prot);
	}
}

void uvm_protect(struct addr_space *as, vaddr_t start, vaddr_t end,
		 unsigned int prot)
{
	walk_range(as, start, end, protect_pt, &prot, false);
	flush_span(as, start, end);
}

struct copy_ctx {
	struct addr_space *dst;
	bool cow;
	void (*get)(paddr_t pa, void *arg);
	void *arg;
	int err;
};

static void copy_pt(uint64_t *pt, vaddr_t va, vaddr_t end, void *arg)
{
	struct copy_ctx *c = arg;

	for (; va < end && !c->err; va += PAGE_SIZE) {
		uint64_t *e = &pt[idx(va, 0)];

		if (!(*e & PTE_P))
			continue;
		uint64_t *d = pte_of(c->dst, va, true);

		if (!d) {
			c->err = -ENOMEM;
			return;
		}
		if (c->cow)
			*e &= ~PTE_W;
		*d = *e;
		c->get(*e & PTE_ADDR, c->arg);
	}
}

int uvm_copy(struct addr_space *dst, struct addr_space *src, vaddr_t start,
	     vaddr_t end, bool cow, void (*get)(paddr_t pa, void *arg),
	     void *arg)
{
	struct copy_ctx c = { dst, cow, get, arg, 0 };

	walk_range(src, start, end, copy_pt, &c, false);
	if (cow)
		flush_span(src, start, end);
	return c.err;
}
