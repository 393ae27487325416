/*
 * The kernel's page allocator: brings memory up at boot (memblock, the
 * direct map, the struct page array, the zones) and then hands out blocks
 * of 2^order pages from the buddy core (mm/buddy.c) with zone fallback,
 * zeroing, failure messages and the counters of include/meminfo.h.
 * slab (mm/slab.c) and vmalloc (mm/vmalloc.c) allocate from here.
 */
#include <bootinfo.h>
#include <errno.h>
#include <ksyms.h>
#include <memblock.h>
#include <meminfo.h>
#include <mm.h>
#include <page.h>
#include <panic.h>
#include <printk.h>
#include <slab.h>
#include <spinlock.h>
#include <vm.h>
#include <vmalloc.h>
#include <lib/bitmap.h>
#include <lib/string.h>

#define MAX_ORDER_PAGES		(1UL << MAX_ORDER)
/* Bytes of struct page per max-order block: the unit vmemmap is backed in. */
#define MEMMAP_CHUNK_BYTES	(MAX_ORDER_PAGES * sizeof(struct page))
STATIC_ASSERT(MEMMAP_CHUNK_BYTES % 4096 == 0);
#define MEMMAP_MAX_CHUNKS	(1UL << 18)	/* 1 TiB of physical space */

struct page *mem_map = (struct page *)VMEMMAP_BASE;
unsigned long max_pfn;

/*
 * Lock legend: zone_lock protects every zone's free lists and counters
 * (the buddy core takes no locks of its own). One lock for all zones is
 * enough on one CPU.
 *
 * In front of the buddy lists sit the per-CPU lists of single pages (as
 * Linux's "pcp" lists): freeing a page and allocating one again is a list
 * push and pop instead of merging the page up to a 4 MiB block and
 * splitting it down again. They are filled and drained PCP_BATCH pages at
 * a time and never hold more than PCP_HIGH. Protected by disabling
 * interrupts (one CPU now; one set per CPU with SMP).
 */
#define PCP_HIGH	64
#define PCP_BATCH	16

struct pcp_list {
	struct list_head pages;
	unsigned long count;
};

static DEFINE_SPINLOCK(zone_lock);
static struct zone zones[NR_ZONES];
static struct pcp_list pcp[NR_ZONES];
static int highest_zone;	/* the highest zone with memory */
/* Which max-order blocks of pfns have struct pages (memmap_back_chunk). */
DECLARE_BITMAP(memmap_present, MEMMAP_MAX_CHUNKS);
static const char *const zone_names[NR_ZONES] = { "DMA", "DMA32", "Normal" };
static const unsigned long zone_end_pfn[NR_ZONES] = {
	ZONE_DMA_END_PFN, ZONE_DMA32_END_PFN, ~0UL,
};

static enum zone_id pfn_zone(unsigned long pfn)
{
	if (pfn < ZONE_DMA_END_PFN)
		return ZONE_DMA;
	return pfn < ZONE_DMA32_END_PFN ? ZONE_DMA32 : ZONE_NORMAL;
}

paddr_t page_to_phys(const struct page *p)
{
	return (paddr_t)page_to_pfn(p) << PAGE_SHIFT;
}

void *page_address(const struct page *p)
{
	return phys_to_virt(page_to_phys(p));
}


/* --- allocation ---------------------------------------------------------- */

static void alloc_failed(gfp_t gfp, unsigned int order, void *caller)
{
	unsigned long off;
	const char *who = ksym_lookup((unsigned long)caller, &off);

	if (gfp & GFP_NOWARN)
		return;
	pr_warn("page_alloc: out of memory: %s+0x%lx asked for %lu KiB "
		"(order %u, gfp %#x); %lu KiB free\n", who ? who : "?",
		who ? off : 0, (PAGE_SIZE << order) >> 10, order, gfp,
		nr_free_pages() * (PAGE_SIZE >> 10));
}

/* Move up to PCP_BATCH pages from zone @z to its pcp list; irqs off. */
static void pcp_refill(int z)
{
	spin_lock(&zone_lock);
	for (int i = 0; i < PCP_BATCH; i++) {
		struct page *p = buddy_alloc(&zones[z], 0);

		if (!p)
			break;
		list_add_tail(&p->lru, &pcp[z].pages);
		pcp[z].count++;
	}
	spin_unlock(&zone_lock);
}

/* Give PCP_BATCH pages of zone @z's pcp list back to the buddy lists. */
static void pcp_drain(int z, unsigned long n)
{
	spin_lock(&zone_lock);
	while (n-- && pcp[z].count) {
		struct page *p = list_last_entry(&pcp[z].pages, struct page,
						 lru);

		list_del(&p->lru);
		pcp[z].count--;
		buddy_free(&zones[z], p, 0);
	}
	spin_unlock(&zone_lock);
}

static struct page *alloc_one(int z)
{
	struct page *p;

	if (!pcp[z].count) {
		if (!zones[z].free_pages)
			return NULL;
		pcp_refill(z);
		if (!pcp[z].count)
			return NULL;
	}
	p = list_first_entry(&pcp[z].pages, struct page, lru);
	list_del(&p->lru);
	pcp[z].count--;
	return p;
}

static struct page *alloc_block(int z, unsigned int order)
{
	struct page *p;

	if (zones[z].free_pages < (1UL << order))
		return NULL;
	spin_lock(&zone_lock);
	p = buddy_alloc(&zones[z], order);
	spin_unlock(&zone_lock);
	return p;
}

static struct page *alloc_pages_caller(gfp_t gfp, unsigned int order,
				       void *caller)
{
	int top = gfp & GFP_DMA ? ZONE_DMA :
		  gfp & GFP_DMA32 ? ZONE_DMA32 : highest_zone;
	struct page *page = NULL;
	unsigned long flags;

	if (order > MAX_ORDER) {
		alloc_failed(gfp, order, caller);
		return NULL;
	}
	flags = arch_irq_save();
	for (int z = top; z >= 0 && !page; z--)
		page = order ? alloc_block(z, order) : alloc_one(z);
	arch_irq_restore(flags);
	if (!page) {
		alloc_failed(gfp, order, caller);
		return NULL;
	}
	page->refcount = 1;
	page->owner = PAGE_OWNER_KERNEL;
	if (gfp & GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return alloc_pages_caller(gfp, order, __builtin_return_address(0));
}

void free_pages(struct page *page, unsigned int order)
{
	unsigned long flags;
	int z;

	if (!page)
		return;
	page->refcount = 0;
	page->owner = PAGE_OWNER_NONE;
	page->flags &= ~(PG_slab | PG_pagetable | PG_vmalloc);
	z = pfn_zone(page_to_pfn(page));
	flags = arch_irq_save();
	if (order == 0 && (page->flags & PG_head)) {
		list_add(&page->lru, &pcp[z].pages);
		if (++pcp[z].count > PCP_HIGH)
			pcp_drain(z, PCP_BATCH);
	} else {
		spin_lock(&zone_lock);
		if (buddy_free(&zones[z], page, order))
			pr_err("page_alloc: bad free of pfn %#lx order %u by "
			       "%p\n", page_to_pfn(page), order,
			       __builtin_return_address(0));
		spin_unlock(&zone_lock);
	}
	arch_irq_restore(flags);
}

void *alloc_page_va(gfp_t gfp)
{
	struct page *p = alloc_pages_caller(gfp, 0,
					    __builtin_return_address(0));

	return p ? page_address(p) : NULL;
}

void free_page_va(void *va)
{
	if (va)
		free_pages(virt_to_page(va), 0);
}

unsigned long nr_free_pages(void)
{
	unsigned long n = 0;

	for (int z = 0; z < NR_ZONES; z++)
		n += READ_ONCE(zones[z].free_pages) + READ_ONCE(pcp[z].count);
	return n;
}

unsigned long nr_managed_pages(void)
{
	unsigned long n = 0;

	for (int z = 0; z < NR_ZONES; z++)
		n += zones[z].managed_pages;
	return n;
}

void meminfo_get(struct meminfo *mi)
{
	memset(mi, 0, sizeof(*mi));
	mi->mem_total = nr_managed_pages() * PAGE_SIZE;
	mi->mem_free = nr_free_pages() * PAGE_SIZE;
	mi->mem_available = mi->mem_free;	/* nothing reclaimable yet */
	mi->slab = slab_bytes();
	mi->page_tables = vm_pt_pages() * PAGE_SIZE;
	mi->vmalloc_used = vmalloc_used_bytes();
}

/* --- page-table pages ------------------------------------------------------ */

static paddr_t memblock_pt_alloc(void)
{
	return memblock_alloc(PAGE_SIZE, PAGE_SIZE);
}

static paddr_t buddy_pt_alloc(void)
{
	struct page *p = alloc_pages_caller(GFP_KERNEL, 0,
					    __builtin_return_address(0));

	if (!p)
		return 0;
	p->flags |= PG_pagetable;
	p->owner = PAGE_OWNER_PAGETABLE;
	return page_to_phys(p);
}

static void buddy_pt_free(paddr_t pa)
{
	struct page *p = pfn_to_page(pa >> PAGE_SHIFT);

	/* Tables from memblock were never the allocator's: keep them. */
	if (p->flags & PG_pagetable)
		free_pages(p, 0);
}

/* --- bring-up ---------------------------------------------------------------- */

/*
 * Back the struct pages of one max-order block of pfns with memory and
 * initialize them as reserved. The buddy core looks at a block's buddy,
 * which is always inside the same max-order block, so backing whole blocks
 * that hold any RAM is enough; big holes (the PCI hole below 4 GiB) cost
 * nothing.
 */
static void memmap_back_chunk(unsigned long chunk)
{
	vaddr_t va = VMEMMAP_BASE + chunk * MEMMAP_CHUNK_BYTES;
	paddr_t pa;

	if (chunk >= MEMMAP_MAX_CHUNKS)
		panic("mm: RAM above %lu GiB is not supported",
		      (MEMMAP_MAX_CHUNKS * MAX_ORDER_PAGES * PAGE_SIZE) >> 30);
	if (bitmap_test(memmap_present, chunk))
		return;			/* already backed */
	pa = memblock_alloc(MEMMAP_CHUNK_BYTES, PAGE_SIZE);
	if (!pa || vm_map(&kernel_as, va, pa, MEMMAP_CHUNK_BYTES,
			  VM_READ | VM_WRITE | VM_GLOBAL))
		panic("mm: no memory for the page array of pfn %#lx",
		      chunk * MAX_ORDER_PAGES);
	struct page *p = (struct page *)va;
	/* A max-order block never straddles a zone boundary. */
	uint8_t zone = pfn_zone(chunk * MAX_ORDER_PAGES);

	for (unsigned long i = 0; i < MAX_ORDER_PAGES; i++) {
		p[i] = (struct page){ .flags = PG_reserved, .zone = zone };
		INIT_LIST_HEAD(&p[i].lru);
	}
	bitmap_set(memmap_present, chunk);
}

static bool memmap_pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn &&
	       bitmap_test(memmap_present, pfn / MAX_ORDER_PAGES);
}

static void memmap_init(void)
{
	for (size_t i = 0; i < boot_info.memmap_count; i++) {
		const struct memmap_entry *e = &boot_info.memmap[i];
		unsigned long first = e->base >> PAGE_SHIFT;
		unsigned long last = (e->base + e->len - 1) >> PAGE_SHIFT;

		if (e->type != MEMMAP_USABLE)
			continue;
		max_pfn = MAX(max_pfn, last + 1);
		for (unsigned long c = first / MAX_ORDER_PAGES;
		     c <= last / MAX_ORDER_PAGES; c++)
			memmap_back_chunk(c);
	}
}

/* Hand one free range to the zones it spans. */
static void free_range(paddr_t base, paddr_t end)
{
	unsigned long pfn = ALIGN_UP(base, PAGE_SIZE) >> PAGE_SHIFT;
	unsigned long end_pfn = end >> PAGE_SHIFT;

	while (pfn < end_pfn) {
		enum zone_id z = pfn_zone(pfn);
		unsigned long stop = MIN(end_pfn, zone_end_pfn[z]);

		buddy_free_range(&zones[z], pfn, stop);
		pfn = stop;
	}
}

static void zones_init(void)
{
	unsigned long start = 0;

	for (int z = 0; z < NR_ZONES; z++) {
		unsigned long end = MIN(zone_end_pfn[z], max_pfn);

		INIT_LIST_HEAD(&pcp[z].pages);
		if (end < start)
			end = start;
		buddy_zone_init(&zones[z], zone_names[z], mem_map, start, end);
		zones[z].pfn_valid = memmap_pfn_valid;
		start = end;
	}
	memblock_for_each_free(free_range);
	for (int z = 0; z < NR_ZONES; z++)
		if (zones[z].managed_pages)
			highest_zone = z;
}

static void print_summary(void)
{
	uint64_t total = memmap_total(boot_info.memmap, boot_info.memmap_count,
				      MEMMAP_USABLE);
	uint64_t kernel = ALIGN_UP(kernel_image_end(), PAGE_SIZE) -
			  ALIGN_DOWN(kernel_image_start(), PAGE_SIZE);
	uint64_t avail = nr_free_pages() * PAGE_SIZE;

	for (int z = 0; z < NR_ZONES; z++)
		if (zones[z].managed_pages)
			pr_info("mm: zone %-6s pfn [%#lx-%#lx) %lu KiB free\n",
				zones[z].name, zones[z].start_pfn,
				zones[z].end_pfn,
				zones[z].free_pages * (PAGE_SIZE >> 10));
	pr_info("Memory: %lu KiB available / %lu KiB total (kernel %lu KiB, "
		"reserved %lu KiB)\n", avail >> 10, total >> 10, kernel >> 10,
		(total - kernel - avail) >> 10);
}

void mm_init(void)
{
	memblock_init();
	vm_set_pt_allocator(memblock_pt_alloc, NULL);
	vm_map_direct();
	memmap_init();
	zones_init();
	memblock_dump();
	memblock_close();
	vm_set_pt_allocator(buddy_pt_alloc, buddy_pt_free);
	slab_init();
	/* Kernel ranges mapped later; user spaces share their top tables. */
	vm_kernel_prealloc(VMALLOC_START, KTEST_MAP_END);
	print_summary();
}

int page_alloc_check(void)
{
	unsigned long flags = arch_irq_save();
	int err = 0;

	for (int z = 0; z < NR_ZONES; z++)
		pcp_drain(z, pcp[z].count);
	spin_lock(&zone_lock);

	for (int z = 0; z < NR_ZONES && !err; z++)
		err = buddy_check(&zones[z]);
	spin_unlock(&zone_lock);
	arch_irq_restore(flags);
	return err;
}
