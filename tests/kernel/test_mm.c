/*
 * Memory suite: the page allocator gives back every page it has and takes
 * them all back; zones and GFP flags are honoured; slab returns to where
 * it started; 4 KiB and 2 MiB mappings, splitting, protection and
 * page-table freeing work; vmalloc areas have guard pages; the counters
 * add up. Runs at -m 64M and -m 3G in make test (tools/run-tests).
 */
#include <ktest.h>
#include <errno.h>
#include <meminfo.h>
#include <mm.h>
#include <page.h>
#include <slab.h>
#include <vm.h>
#include <vmalloc.h>
#include <lib/list.h>
#include <lib/string.h>
#include <arch/traps.h>

/* Free virtual space between vmalloc and vmemmap, for mapping tests. */
#define TEST_VA		KTEST_MAP_START
#define SZ_2M		(2UL << 20)
#define PF_PRESENT	0x1
#define PF_WRITE	0x2

/* Allocate every page at @order; returns how many blocks, on @list. */
static unsigned long take_all(struct list_head *list, unsigned int order)
{
	unsigned long n = 0;
	struct page *p;

	while ((p = alloc_pages(GFP_NOWARN, order))) {
		list_add(&p->lru, list);
		n++;
	}
	return n;
}

static void give_back(struct list_head *list, unsigned int order)
{
	struct page *p, *tmp;

	list_for_each_entry_safe(p, tmp, list, lru) {
		list_del(&p->lru);
		free_pages(p, order);
	}
}

static void all_pages_round_trip(void)
{
	unsigned long before = nr_free_pages();
	LIST_HEAD(pages);
	unsigned long n = take_all(&pages, 0);

	ktest_log("allocated all %lu free pages", n);
	KEXPECT_EQ(n, before);
	KEXPECT_EQ(nr_free_pages(), 0);
	give_back(&pages, 0);
	KEXPECT_EQ(nr_free_pages(), before);
	KEXPECT_EQ(page_alloc_check(), 0);
}

static void max_order_blocks(void)
{
	unsigned long before = nr_free_pages();
	LIST_HEAD(blocks);
	unsigned long n = take_all(&blocks, MAX_ORDER);
	struct page *p;
	bool aligned = true;

	list_for_each_entry(p, &blocks, lru)
		aligned &= !(page_to_pfn(p) & ((1UL << MAX_ORDER) - 1));
	KEXPECT(n > 0);
	KEXPECT(aligned);
	give_back(&blocks, MAX_ORDER);
	KEXPECT_EQ(nr_free_pages(), before);
	KEXPECT(alloc_pages(GFP_NOWARN, MAX_ORDER + 1) == NULL);
	KEXPECT_EQ(page_alloc_check(), 0);
}

static void zones_honoured(void)
{
	struct page *dma = alloc_pages(GFP_DMA, 0);
	struct page *dma32 = alloc_pages(GFP_DMA32, 2);

	KEXPECT(dma && page_to_phys(dma) < (16UL << 20));
	KEXPECT(dma32 && page_to_phys(dma32) + 4 * PAGE_SIZE <= (4UL << 30));
	free_pages(dma, 0);
	free_pages(dma32, 2);
}

static void zeroed_pages(void)
{
	uint8_t *p = alloc_page_va(GFP_KERNEL);
	bool zero = true;

	KEXPECT(p != NULL);
	memset(p, 0xa5, PAGE_SIZE);
	free_page_va(p);
	/* LIFO free lists: this is very likely the same page again. */
	p = alloc_page_va(GFP_ZERO);
	for (size_t i = 0; p && i < PAGE_SIZE; i++)
		zero &= p[i] == 0;
	KEXPECT(zero);
	free_page_va(p);
}

static void slab_round_trip(void)
{
	enum { MAX_OBJS = 20000 };
	static void *objs[MAX_OBJS];
	unsigned long before;
	bool intact = true;
	int n;

	slab_shrink();
	before = nr_free_pages();
	/*
	 * Objects of 8 to 2007 bytes, about 1 KiB each, in at most a
	 * quarter of free memory (debug caches double the size and more):
	 * 20 000 at 1 GiB, fewer at 64 MiB.
	 */
	n = MIN((unsigned long)MAX_OBJS, before * PAGE_SIZE / 4 / 2048);
	for (int i = 0; i < n; i++) {
		objs[i] = kmalloc(8 + i % 2000, GFP_KERNEL);
		if (objs[i])
			memset(objs[i], i & 0xff, 8);
	}
	for (int i = 0; i < n; i++)
		intact &= objs[i] && ((uint8_t *)objs[i])[7] == (i & 0xff);
	KEXPECT(n > 1000);
	KEXPECT(intact);
	KEXPECT(nr_free_pages() < before);
	for (int i = 0; i < n; i++)
		kfree(objs[i]);
	slab_shrink();
	KEXPECT_EQ(nr_free_pages(), before);
}

static void slab_exhaustion(void)
{
	/* kmalloc until memory runs out, then free it all. */
	LIST_HEAD(chain);
	unsigned long before, n = 0;
	struct list_head *obj;

	slab_shrink();
	before = nr_free_pages();
	while ((obj = kmalloc(4096, GFP_NOWARN))) {
		list_add(obj, &chain);
		n++;
	}
	ktest_log("%lu 4 KiB objects before kmalloc failed", n);
	KEXPECT(n > 0);
	while (!list_empty(&chain)) {
		obj = chain.next;
		list_del(obj);
		kfree(obj);
	}
	slab_shrink();
	KEXPECT_EQ(nr_free_pages(), before);
}

static void slab_debug_catches_misuse(void)
{
	/* A cache created in debug mode keeps it, whatever the build. */
	bool was = slab_debug;
	struct kmem_cache *c;
	unsigned long errors = slab_debug_errors();
	uint8_t *a, *b;
	int local;

	slab_debug = true;
	c = kmem_cache_create("ktest-debug", 24, 8);
	slab_debug = was;
	KEXPECT(c != NULL);
	if (!c)
		return;
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KEXPECT(a && b);
	if (!a || !b)
		return;
	kmem_cache_free(c, a);
	kmem_cache_free(c, a);				/* double free */
	KEXPECT_EQ(slab_debug_errors(), errors + 1);
	b[24] = 0x42;					/* one past the end */
	kmem_cache_free(c, b);
	KEXPECT_EQ(slab_debug_errors(), errors + 2);
	kmem_cache_free(c, &local);			/* not from the cache */
	KEXPECT_EQ(slab_debug_errors(), errors + 3);
	/* The cache still works after the reports. */
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KEXPECT(a != NULL);
	kmem_cache_free(c, a);
	KEXPECT_EQ(slab_debug_errors(), errors + 3);
}

static void map_4k_and_2m(void)
{
	struct page *blk = alloc_pages(GFP_KERNEL, 9);	/* 2 MiB, aligned */
	paddr_t pa = blk ? page_to_phys(blk) : 0, got;
	unsigned long pt_before;
	size_t size;
	unsigned int prot;

	KEXPECT(blk != NULL);
	if (!blk)
		return;
	/*
	 * The kernel half's top-level tables are shared by every address
	 * space and never freed: create ours before counting.
	 */
	KEXPECT_EQ(vm_map(&kernel_as, TEST_VA, pa, PAGE_SIZE, VM_READ), 0);
	KEXPECT_EQ(vm_unmap(&kernel_as, TEST_VA, PAGE_SIZE), 0);
	pt_before = vm_pt_pages();
	KEXPECT_EQ(vm_map(&kernel_as, TEST_VA, pa, SZ_2M,
			  VM_READ | VM_WRITE | VM_HUGE), 0);
	KEXPECT_EQ(vm_translate(&kernel_as, TEST_VA + 5000, &got, &prot,
				&size), 0);
	KEXPECT_EQ(size, SZ_2M);
	KEXPECT_EQ(got, pa + 5000);
	KEXPECT(prot & VM_WRITE);
	KEXPECT_EQ(vm_map(&kernel_as, TEST_VA, pa, PAGE_SIZE, VM_READ),
		   -EEXIST);

	/* Written through the mapping, read through the direct map. */
	*(volatile uint64_t *)(TEST_VA + 0x1234 * 8) = 0x1122334455667788;
	KEXPECT_EQ(*(uint64_t *)((uint8_t *)page_address(blk) + 0x1234 * 8),
		   0x1122334455667788);

	/* Unmapping one page in the middle splits the 2 MiB page. */
	KEXPECT_EQ(vm_unmap(&kernel_as, TEST_VA + 7 * PAGE_SIZE, PAGE_SIZE), 0);
	KEXPECT_EQ(vm_translate(&kernel_as, TEST_VA + 7 * PAGE_SIZE, NULL,
				NULL, NULL), -ENOENT);
	KEXPECT_EQ(vm_translate(&kernel_as, TEST_VA + 8 * PAGE_SIZE, &got,
				NULL, &size), 0);
	KEXPECT_EQ(size, PAGE_SIZE);
	KEXPECT_EQ(got, pa + 8 * PAGE_SIZE);
	KEXPECT_EQ(arch_trigger_page_fault(TEST_VA + 7 * PAGE_SIZE), VEC_PF);

	/* Read-only now: a write faults as a protection violation. */
	KEXPECT_EQ(vm_protect(&kernel_as, TEST_VA, SZ_2M, VM_READ), 0);
	KEXPECT_EQ(arch_trigger_write(TEST_VA + 9 * PAGE_SIZE), VEC_PF);
	KEXPECT_EQ(last_recovered_trap.error & (PF_PRESENT | PF_WRITE),
		   PF_PRESENT | PF_WRITE);

	/* 4 KiB mappings of single pages, then everything goes. */
	KEXPECT_EQ(vm_unmap(&kernel_as, TEST_VA, SZ_2M), 0);
	KEXPECT_EQ(vm_map(&kernel_as, TEST_VA + PAGE_SIZE, pa, PAGE_SIZE,
			  VM_READ | VM_WRITE), 0);
	KEXPECT_EQ(vm_translate(&kernel_as, TEST_VA + PAGE_SIZE, &got, NULL,
				&size), 0);
	KEXPECT_EQ(size, PAGE_SIZE);
	KEXPECT_EQ(vm_unmap(&kernel_as, TEST_VA + PAGE_SIZE, PAGE_SIZE), 0);
	KEXPECT_EQ(vm_pt_pages(), pt_before);
	KEXPECT_EQ(vm_map(&kernel_as, TEST_VA + 1, pa, PAGE_SIZE, VM_READ),
		   -EINVAL);
	free_pages(blk, 9);
}

static void vmalloc_guards(void)
{
	uint64_t used = vmalloc_used_bytes();
	uint8_t *a = vmalloc(3 * PAGE_SIZE);
	uint8_t *b = vmalloc(PAGE_SIZE);

	KEXPECT(a && b);
	if (!a || !b)
		return;
	KEXPECT_EQ(vmalloc_used_bytes(), used + 4 * PAGE_SIZE);
	memset(a, 0x5a, 3 * PAGE_SIZE);
	KEXPECT_EQ(a[3 * PAGE_SIZE - 1], 0x5a);
	/* One past the end, and one before the start, both fault. */
	KEXPECT_EQ(arch_trigger_write((unsigned long)a + 3 * PAGE_SIZE),
		   VEC_PF);
	KEXPECT_EQ(last_recovered_trap.cr2, (unsigned long)a + 3 * PAGE_SIZE);
	KEXPECT_EQ(arch_trigger_write((unsigned long)b - 1), VEC_PF);
	KEXPECT(b >= a + 4 * PAGE_SIZE);
	vfree(a);
	vfree(b);
	KEXPECT_EQ(vmalloc_used_bytes(), used);
	KEXPECT(vmalloc(0) == NULL);
}

static void counters_add_up(void)
{
	struct meminfo mi;

	meminfo_get(&mi);
	KEXPECT(mi.mem_total > 0);
	KEXPECT(mi.mem_free <= mi.mem_total);
	KEXPECT(mi.mem_available >= mi.mem_free);
	KEXPECT(mi.slab > 0);
	KEXPECT(mi.page_tables > 0);
	KEXPECT_EQ(mi.mem_total, nr_managed_pages() * PAGE_SIZE);
}

static const struct ktest_case mm_cases[] = {
	KTEST_CASE(all_pages_round_trip),
	KTEST_CASE(max_order_blocks),
	KTEST_CASE(zones_honoured),
	KTEST_CASE(zeroed_pages),
	KTEST_CASE(slab_round_trip),
	KTEST_CASE(slab_exhaustion),
	KTEST_CASE(slab_debug_catches_misuse),
	KTEST_CASE(map_4k_and_2m),
	KTEST_CASE(vmalloc_guards),
	KTEST_CASE(counters_add_up),
};

const struct ktest_suite ktest_mm = KTEST_SUITE("mm", mm_cases);
