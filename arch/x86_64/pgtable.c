/*
 * x86_64 page tables behind include/vm.h: map, unmap and protect ranges in
 * any address space with 4 KiB, 2 MiB and (for the direct map) 1 GiB
 * pages; page-table pages come from a pluggable allocator (memblock at
 * boot, the page allocator after) and empty ones are freed; the TLB is
 * flushed page by page for small changes and whole for large ones.
 * One CPU for now: SMP adds TLB shootdowns here.
 * Intel SDM vol. 3A, 4.5 (4-level paging), 4.10.4 (TLB invalidation).
 */
#include <bootinfo.h>
#include <errno.h>
#include <panic.h>
#include <mm.h>
#include <printk.h>
#include <vm.h>
#include <lib/string.h>
#include <arch/boot.h>
#include <arch/cpu.h>
#include <arch/pte.h>
#include <arch/pgtable.h>

#define CPUID_EXT_1G	(1U << 26)	/* 80000001H EDX: 1 GiB pages */

#define SZ_2M		(2UL << 20)
#define SZ_1G		(1UL << 30)
#define SZ_4G_PHYS	(4UL << 30)
#define LEVEL_PT	0
#define LEVEL_PD	1
#define LEVEL_PDPT	2
#define LEVEL_PML4	3
#define KERNEL_HALF	256		/* first PML4 slot of the kernel */
#define FLUSH_ALL_PAGES	64		/* beyond this, flush the whole TLB */

struct addr_space kernel_as;

uint64_t nx_bit;
static bool has_1g_pages;
static paddr_t (*pt_alloc_fn)(void);
static void (*pt_free_fn)(paddr_t);
static unsigned long pt_pages_total;

static unsigned int pt_index(vaddr_t va, int level)
{
	return (va >> (12 + 9 * level)) & 511;
}

static uint64_t level_size(int level)
{
	return 1ULL << (12 + 9 * level);
}

static bool canonical(vaddr_t va)
{
	return (uint64_t)((int64_t)(va << 16) >> 16) == va;
}

static uint64_t prot_to_pte(unsigned int prot)
{
	uint64_t e = PTE_P;

	if (prot & VM_WRITE)
		e |= PTE_W;
	if (prot & VM_USER)
		e |= PTE_U;
	if (prot & VM_GLOBAL)
		e |= PTE_G;
	if (prot & VM_NOCACHE)
		e |= PTE_PCD | PTE_PWT;
	if (!(prot & VM_EXEC))
		e |= nx_bit;
	return e;
}

static unsigned int pte_to_prot(uint64_t e)
{
	unsigned int prot = VM_READ;

	if (e & PTE_W)
		prot |= VM_WRITE;
	if (e & PTE_U)
		prot |= VM_USER;
	if (e & PTE_G)
		prot |= VM_GLOBAL;
	if (e & PTE_PCD)
		prot |= VM_NOCACHE;
	if (!(e & PTE_NX))
		prot |= VM_EXEC;
	return prot;
}

void vm_set_pt_allocator(paddr_t (*alloc)(void), void (*free)(paddr_t))
{
	pt_alloc_fn = alloc;
	pt_free_fn = free;
}

unsigned long vm_pt_pages(void)
{
	return READ_ONCE(pt_pages_total);
}

static uint64_t *table_of(uint64_t entry)
{
	return phys_to_virt(entry & PTE_ADDR);
}

uint64_t *pt_new(struct addr_space *as)
{
	paddr_t pa = pt_alloc_fn ? pt_alloc_fn() : 0;

	if (!pa)
		return NULL;
	uint64_t *t = phys_to_virt(pa);

	memset(t, 0, PAGE_SIZE);
	as->pt_pages++;
	pt_pages_total++;
	return t;
}

void pt_release(struct addr_space *as, uint64_t *t)
{
	as->pt_pages--;
	pt_pages_total--;
	if (pt_free_fn)
		pt_free_fn((paddr_t)t - DIRECT_MAP_BASE);
}

void flush_all(void)
{
	uint64_t cr4 = read_cr4();

	/* Toggling PGE flushes global entries too (SDM 4.10.4.1). */
	write_cr4(cr4 & ~CR4_PGE);
	write_cr4(cr4);
}

static void flush_range(vaddr_t start, vaddr_t end)
{
	if ((end - start) / PAGE_SIZE > FLUSH_ALL_PAGES) {
		flush_all();
		return;
	}
	for (vaddr_t va = start; va < end; va += PAGE_SIZE)
		invlpg(va);
}

/*
 * The entry for @va at @level, walking down from the PML4. With @create,
 * missing tables are allocated; a large page on the way is split when
 * @split, else the walk stops there: *@stop tells the level of the entry
 * returned when it is a large page (or -1 for a normal walk). Returns NULL
 * when a table is missing (and not created) or allocation fails.
 */
static uint64_t *walk(struct addr_space *as, vaddr_t va, int level,
		      bool create, bool split, int *stop);

static bool split_large(struct addr_space *as, uint64_t *entry, int level)
{
	uint64_t *t = pt_new(as);
	uint64_t e = *entry;
	uint64_t step = level_size(level - 1);

	if (!t)
		return false;
	/* A 4 KiB entry has no PS bit; a 2 MiB one keeps it. */
	uint64_t flags = (e & PTE_FLAGS) & ~(level - 1 == LEVEL_PT ? PTE_PS : 0);

	for (int i = 0; i < 512; i++)
		t[i] = ((e & PTE_ADDR) + i * step) | flags;
	*entry = ((paddr_t)t - DIRECT_MAP_BASE) | PTE_P | PTE_W |
		 (e & PTE_U);
	return true;
}

static uint64_t *walk(struct addr_space *as, vaddr_t va, int level,
		      bool create, bool split, int *stop)
{
	uint64_t *table = as->pml4;

	*stop = -1;
	for (int l = LEVEL_PML4; l > level; l--) {
		uint64_t *e = &table[pt_index(va, l)];

		if (!(*e & PTE_P)) {
			if (!create)
				return NULL;
			/* User PML4s copied the kernel half once: no new slot. */
			KASSERT(!(l == LEVEL_PML4 && as == &kernel_as &&
				  user_spaces_made));
			uint64_t *t = pt_new(as);

			if (!t)
				return NULL;
			*e = ((paddr_t)t - DIRECT_MAP_BASE) | PTE_P | PTE_W |
			     (va < DIRECT_MAP_BASE ? PTE_U : 0);
		} else if (*e & PTE_PS) {
			if (!split) {
				*stop = l;
				return e;
			}
			if (!split_large(as, e, l))
				return NULL;
		}
		table = table_of(*e);
	}
	return &table[pt_index(va, level)];
}

int vm_translate(struct addr_space *as, vaddr_t va, paddr_t *pa,
		 unsigned int *prot, size_t *page_size)
{
	int stop;
	uint64_t *e = walk(as, va, LEVEL_PT, false, false, &stop);
	int level = stop < 0 ? LEVEL_PT : stop;

	if (!e || !(*e & PTE_P))
		return -ENOENT;
	if (pa)
		*pa = (*e & PTE_ADDR & ~(level_size(level) - 1)) +
		      (va & (level_size(level) - 1));
	if (prot)
		*prot = pte_to_prot(*e);
	if (page_size)
		*page_size = level_size(level);
	return 0;
}

static bool range_ok(vaddr_t va, size_t len)
{
	return !(va & (PAGE_SIZE - 1)) && !(len & (PAGE_SIZE - 1)) && len &&
	       va + len > va && canonical(va) && canonical(va + len - 1) &&
	       (va >= DIRECT_MAP_BASE) == (va + len - 1 >= DIRECT_MAP_BASE);
}

/* Is anything mapped in [va, va+len)? */
static bool range_mapped(struct addr_space *as, vaddr_t va, size_t len)
{
	for (vaddr_t p = va; p < va + len;) {
		int stop;
		uint64_t *e = walk(as, p, LEVEL_PT, false, false, &stop);

		if (e && (*e & PTE_P))
			return true;
		p += PAGE_SIZE;
	}
	return false;
}

/* The largest page that fits at (va, pa) with @left bytes to go. */
static int map_level(vaddr_t va, paddr_t pa, size_t left, unsigned int prot)
{
	if (!(prot & VM_HUGE))
		return LEVEL_PT;
	if (has_1g_pages && !((va | pa) & (SZ_1G - 1)) && left >= SZ_1G)
		return LEVEL_PDPT;
	if (!((va | pa) & (SZ_2M - 1)) && left >= SZ_2M)
		return LEVEL_PD;
	return LEVEL_PT;
}

static int unmap_locked(struct addr_space *as, vaddr_t va, size_t len);

int vm_map(struct addr_space *as, vaddr_t va, paddr_t pa, size_t len,
	   unsigned int prot)
{
	unsigned long flags;
	size_t done = 0;
	int err = 0;

	if (!range_ok(va, len) || (pa & (PAGE_SIZE - 1)))
		return -EINVAL;
	flags = spin_lock_irqsave(&as->lock);
	if (range_mapped(as, va, len)) {
		err = -EEXIST;
		goto out;
	}
	while (done < len) {
		int level = map_level(va + done, pa + done, len - done, prot);
		int stop;
		uint64_t *e = walk(as, va + done, level, true, false, &stop);

		if (!e || stop >= 0) {
			err = e ? -EEXIST : -ENOMEM;
			unmap_locked(as, va, done);
			break;
		}
		*e = (pa + done) | prot_to_pte(prot) |
		     (level > LEVEL_PT ? PTE_PS : 0);
		done += level_size(level);
	}
out:
	spin_unlock_irqrestore(&as->lock, flags);
	return err;
}

static bool table_empty(const uint64_t *t)
{
	for (int i = 0; i < 512; i++)
		if (t[i])
			return false;
	return true;
}

/*
 * Free the tables under @va that became empty, bottom up. Tables hung
 * from the kernel half of a PML4 stay: every address space shares them.
 */
static void prune_tables(struct addr_space *as, vaddr_t va)
{
	uint64_t *path[LEVEL_PML4 + 1];
	uint64_t *table = as->pml4;

	for (int l = LEVEL_PML4; l > LEVEL_PT; l--) {
		uint64_t *e = &table[pt_index(va, l)];

		path[l] = e;
		if (!(*e & PTE_P) || (*e & PTE_PS))
			return;
		table = table_of(*e);
	}
	for (int l = LEVEL_PD; l <= LEVEL_PML4; l++) {
		uint64_t *t = table_of(*path[l]);

		if (l == LEVEL_PML4 && pt_index(va, l) >= KERNEL_HALF)
			return;
		if (!table_empty(t))
			return;
		*path[l] = 0;
		pt_release(as, t);
	}
}

static int unmap_locked(struct addr_space *as, vaddr_t va, size_t len)
{
	vaddr_t end = va + len;

	for (vaddr_t p = va; p < end;) {
		int stop;
		uint64_t *e = walk(as, p, LEVEL_PT, false, false, &stop);

		if (e && stop >= 0) {
			uint64_t size = level_size(stop);

			if ((p & (size - 1)) || end - p < size) {
				/* Cut a large page: split it, retry. */
				if (!split_large(as, e, stop))
					return -ENOMEM;
				continue;
			}
			*e = 0;
			p += size;
			continue;
		}
		if (e)
			*e = 0;
		p += PAGE_SIZE;
		if (!(p & (SZ_2M - 1)) || p >= end)
			prune_tables(as, p - PAGE_SIZE);
	}
	flush_range(va, end);
	return 0;
}

int vm_unmap(struct addr_space *as, vaddr_t va, size_t len)
{
	unsigned long flags;
	int err;

	if (!range_ok(va, len))
		return -EINVAL;
	flags = spin_lock_irqsave(&as->lock);
	err = unmap_locked(as, va, len);
	spin_unlock_irqrestore(&as->lock, flags);
	return err;
}

int vm_protect(struct addr_space *as, vaddr_t va, size_t len,
	       unsigned int prot)
{
	vaddr_t end = va + len;
	unsigned long flags;
	int err = 0;

	if (!range_ok(va, len))
		return -EINVAL;
	flags = spin_lock_irqsave(&as->lock);
	for (vaddr_t p = va; p < end;) {
		int stop;
		uint64_t *e = walk(as, p, LEVEL_PT, false, false, &stop);
		uint64_t size = stop >= 0 ? level_size(stop) : PAGE_SIZE;

		if (e && stop >= 0 && ((p & (size - 1)) || end - p < size)) {
			if (!split_large(as, e, stop)) {
				err = -ENOMEM;
				break;
			}
			continue;
		}
		if (e && (*e & PTE_P))
			*e = (*e & PTE_ADDR) | prot_to_pte(prot) |
			     (stop >= 0 ? PTE_PS : 0);
		p += size;
	}
	flush_range(va, end);
	spin_unlock_irqrestore(&as->lock, flags);
	return err;
}

void vm_init_kernel(void)
{
	uint32_t a, b, c, d;

	if (rdmsr(MSR_EFER) & EFER_NXE)
		nx_bit = PTE_NX;
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	has_1g_pages = d & CPUID_EXT_1G;
	kernel_as.pml4 = boot_pml4;
	kernel_as.pml4_phys = kernel_virt_to_phys(boot_pml4);
	kernel_as.lock = (struct spinlock)SPINLOCK_INIT("kernel_as");
}

/*
 * The boot tables direct-map the first 4 GiB with 2 MiB pages; make those
 * global and no-execute, and map the RAM above 4 GiB with the largest
 * pages that fit.
 */
void vm_map_direct(void)
{
	const unsigned int prot = VM_READ | VM_WRITE | VM_GLOBAL | VM_HUGE;
	uint64_t above = 0;

	for (int i = 0; i < 4 * 512; i++)
		if (boot_pd[i] & PTE_P)
			boot_pd[i] |= PTE_G | nx_bit;
	for (size_t i = 0; i < boot_info.memmap_count; i++) {
		const struct memmap_entry *e = &boot_info.memmap[i];
		paddr_t start = ALIGN_DOWN(MAX(e->base, SZ_4G_PHYS), SZ_2M);
		paddr_t end = ALIGN_UP(e->base + e->len, SZ_2M);

		if (e->type == MEMMAP_RESERVED || e->type == MEMMAP_BAD ||
		    end <= SZ_4G_PHYS)
			continue;
		/*
		 * A large page at a time, so that one already mapped (the
		 * previous entry's last 2 MiB, a framebuffer) is kept.
		 */
		for (paddr_t p = start; p < end;) {
			uint64_t step = has_1g_pages && !(p & (SZ_1G - 1)) &&
					end - p >= SZ_1G ? SZ_1G : SZ_2M;
			int err = vm_map(&kernel_as, DIRECT_MAP_BASE + p, p,
					 step, prot);

			if (err && err != -EEXIST)
				panic("vm: cannot direct-map %#lx (%d)", p, err);
			if (!err)
				above += step;
			p += step;
		}
	}
	flush_all();
	pr_info("vm: direct map: 4 GiB + %lu MiB above 4 GiB, NX%s\n",
		above >> 20, has_1g_pages ? ", 1 GiB pages available" : "");
}
