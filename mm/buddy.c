/*
 * The buddy allocator core: free lists of naturally aligned blocks of 2^0
 * to 2^MAX_ORDER pages for one zone, splitting on allocation and merging
 * with the buddy block on free. Pure logic: no locks, no printing, no
 * other kernel services, so tests/unit/test_buddy.c runs it on the host.
 * mm/page_alloc.c is the kernel's front end (zone lock, zone choice, page
 * reference counts and owners); include/page.h declares both.
 *
 * Invariants, checked by buddy_check():
 *  - a free block of order k starts at a pfn that is a multiple of 2^k and
 *    lies wholly inside [start_pfn, end_pfn);
 *  - its head page, and no other page of it, has PG_buddy, with
 *    page->order == k, and sits on free_area[k];
 *  - no two buddies of the same order are both free (they would have been
 *    merged), so the free lists are fully coalesced.
 * Everything else in struct page (refcount, owner, zone, the union) is
 * the front end's: this file only resets it in buddy_zone_init().
 */
#include "compiler.h"
#include "errno.h"
#include "lib/list.h"
#include "page.h"

static inline unsigned long zone_pfn(const struct zone *z,
				     const struct page *page)
{
	return (unsigned long)(page - z->mem_map);
}

/* Whether @pfn lies in [start_pfn, end_pfn), with one compare. */
static inline bool zone_has_pfn(const struct zone *z, unsigned long pfn)
{
	return pfn - z->start_pfn < z->end_pfn - z->start_pfn;
}

static inline void free_list_add(struct zone *z, struct page *page,
				 unsigned int order)
{
	page->flags |= PG_buddy;
	page->order = order;
	list_add(&page->lru, &z->free_area[order].free_list);
	z->free_area[order].nr_free++;
}

static inline void free_list_del(struct zone *z, struct page *page,
				 unsigned int order)
{
	list_del(&page->lru);
	z->free_area[order].nr_free--;
	page->flags &= ~PG_buddy;
}

void buddy_zone_init(struct zone *z, const char *name, struct page *mem_map,
		     unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned int o;

	if (end_pfn < start_pfn)
		end_pfn = start_pfn;
	z->name = name;
	z->mem_map = mem_map;
	z->start_pfn = start_pfn;
	z->end_pfn = end_pfn;
	z->managed_pages = 0;
	z->free_pages = 0;
	z->pfn_valid = NULL;
	for (o = 0; o < NR_ORDERS; o++) {
		INIT_LIST_HEAD(&z->free_area[o].free_list);
		z->free_area[o].nr_free = 0;
	}
}

/*
 * Kept apart from buddy_zone_init(): a zone may span holes whose struct
 * pages do not exist (the kernel backs the page array only where there is
 * RAM), so only the caller knows which pages can be touched.
 */
void buddy_init_pages(struct page *mem_map, unsigned long start_pfn,
		      unsigned long end_pfn)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++) {
		struct page *p = &mem_map[pfn];

		*p = (struct page){ .flags = PG_reserved, .zone = p->zone };
		INIT_LIST_HEAD(&p->lru);
	}
}

/*
 * Whether the block of 2^order pages at @pfn has a buddy to merge with: a
 * whole free block of the same order in this zone.
 */
static inline bool buddy_is_free(const struct zone *z, unsigned long pfn,
				 unsigned int order)
{
	unsigned long buddy_pfn = pfn ^ (1UL << order);
	const struct page *buddy;

	if (order >= MAX_ORDER || !zone_has_pfn(z, buddy_pfn))
		return false;
	buddy = &z->mem_map[buddy_pfn];
	return (buddy->flags & PG_buddy) && buddy->order == order;
}

/*
 * Put the free block of 2^order pages at @pfn on the lists, merged with
 * its buddies as far as they go. The caller has counted its pages free.
 * Returns 0, so that buddy_free() can end with a jump here.
 */
static __attribute__((noinline)) int free_block(struct zone *z,
						unsigned long pfn,
						unsigned int order)
{
	z->mem_map[pfn].flags &= ~PG_head;
	while (buddy_is_free(z, pfn, order)) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);

		free_list_del(z, &z->mem_map[buddy_pfn], order);
		pfn &= buddy_pfn;
		order++;
	}
	free_list_add(z, &z->mem_map[pfn], order);
	return 0;
}

/* The largest order of an aligned block at @pfn that fits in @n pages. */
static unsigned int fit_order(unsigned long pfn, unsigned long n)
{
	unsigned int order = 63 - __builtin_clzl(n);

	if (order > MAX_ORDER)
		order = MAX_ORDER;
	if (pfn && (unsigned int)__builtin_ctzl(pfn) < order)
		order = __builtin_ctzl(pfn);
	return order;
}

/* Free the reserved pages [pfn, end) as maximal aligned blocks. */
static void free_run(struct zone *z, unsigned long pfn, unsigned long end)
{
	while (pfn < end) {
		unsigned int order = fit_order(pfn, end - pfn);
		unsigned long n = 1UL << order;

		z->managed_pages += n;
		z->free_pages += n;
		free_block(z, pfn, order);
		pfn += n;
	}
}

/*
 * Pages that are not PG_reserved are already the allocator's and are
 * skipped, so giving a range twice cannot put a page on the lists twice.
 */
void buddy_free_range(struct zone *z, unsigned long start_pfn,
		      unsigned long end_pfn)
{
	struct page *map = z->mem_map;
	unsigned long run;

	start_pfn = MAX(start_pfn, z->start_pfn);
	end_pfn = MIN(end_pfn, z->end_pfn);
	while (start_pfn < end_pfn) {
		if (!(map[start_pfn].flags & PG_reserved)) {
			start_pfn++;
			continue;
		}
		for (run = start_pfn; run < end_pfn &&
		     (map[run].flags & PG_reserved); run++)
			map[run].flags &= ~PG_reserved;
		free_run(z, start_pfn, run);
		start_pfn = run;
	}
}

/* Hand out @page, just taken off its free list, as a block of @order. */
static inline struct page *take_block(struct zone *z, struct page *page,
				      unsigned int order)
{
	page->flags = (page->flags & ~PG_buddy) | PG_head;
	page->order = order;
	z->free_pages -= 1UL << order;
	return page;
}

/*
 * Split the free block of order @high at @page down to order @low: the
 * upper halves go back on the lists, the lowest 2^low pages are taken.
 * Out of line, so the fast path needs no registers saved.
 */
static __attribute__((noinline)) struct page *
split_block(struct zone *z, struct page *page, unsigned int high,
	    unsigned int low)
{
	while (high > low) {
		high--;
		free_list_add(z, page + (1UL << high), high);
	}
	return take_block(z, page, low);
}

/*
 * The fast path is the first list that is not empty being the one asked
 * for: a list check, an unlink and a few stores.
 */
struct page *buddy_alloc(struct zone *z, unsigned int order)
{
	struct free_area *area;
	struct page *page;
	unsigned int o;

	for (o = order; o <= MAX_ORDER; o++) {
		area = &z->free_area[o];
		if (likely(!list_empty(&area->free_list)))
			goto found;
	}
	return NULL;

found:
	page = list_first_entry(&area->free_list, struct page, lru);
	list_del(&page->lru);
	area->nr_free--;
	if (unlikely(o != order))
		return split_block(z, page, o, order);
	return take_block(z, page, order);
}

/*
 * A page that is not the PG_head of a block of this @order in this zone
 * (a double free, a tail page, a foreign page) is refused with -EINVAL
 * and left alone: putting it on the lists would corrupt them for good.
 */
int buddy_free(struct zone *z, struct page *page, unsigned int order)
{
	unsigned long pfn = zone_pfn(z, page);

	if (unlikely(!zone_has_pfn(z, pfn) ||
		     (page->flags & (PG_head | PG_buddy)) != PG_head ||
		     page->order != order))
		return -EINVAL;
	z->free_pages += 1UL << order;
	if (buddy_is_free(z, pfn, order))
		return free_block(z, pfn, order);
	/* The fast path: no merge, and PG_head is known set, PG_buddy clear. */
	page->flags ^= PG_head | PG_buddy;
	list_add(&page->lru, &z->free_area[order].free_list);
	z->free_area[order].nr_free++;
	return 0;
}

/* --- consistency check ------------------------------------------------- */

/* Check free_area[@order]'s list; add its block count to @nblocks. */
static int check_list(const struct zone *z, unsigned int order,
		      unsigned long *nblocks)
{
	const struct list_head *head = &z->free_area[order].free_list;
	const struct list_head *pos;
	unsigned long span = z->end_pfn - z->start_pfn;
	unsigned long size = 1UL << order, n = 0;

	for (pos = head->next; pos != head; pos = pos->next) {
		const struct page *p = list_entry(pos, struct page, lru);
		unsigned long off = zone_pfn(z, p) - z->start_pfn;

		/* A cycle that misses the head would run past the limit. */
		if (pos->next->prev != pos || ++n > (span >> order) + 1)
			return -BUDDY_CHECK_LIST;
		if (off >= span || size > span - off ||
		    (zone_pfn(z, p) & (size - 1)))
			return -BUDDY_CHECK_PLACE;
		if ((p->flags & (PG_buddy | PG_head | PG_reserved)) !=
		    PG_buddy || p->order != order)
			return -BUDDY_CHECK_HEAD;
	}
	if (n != z->free_area[order].nr_free)
		return -BUDDY_CHECK_NR_FREE;
	*nblocks += n;
	return 0;
}

/*
 * Walk the zone's pages: every PG_buddy page must head a block whose other
 * pages are plain, must not have a free buddy, and must be on a list
 * (there are as many such heads as listed blocks).
 */
static int check_pages(const struct zone *z, unsigned long nblocks)
{
	unsigned long pfn, block_end = 0, heads = 0;

	for (pfn = z->start_pfn; pfn < z->end_pfn; pfn++) {
		const struct page *p = &z->mem_map[pfn];

		if (z->pfn_valid && !z->pfn_valid(pfn))
			continue;	/* a hole: no struct page there */
		if (pfn < block_end) {
			if (p->flags & (PG_buddy | PG_head | PG_reserved))
				return -BUDDY_CHECK_STRAY;
			continue;
		}
		if (!(p->flags & PG_buddy))
			continue;
		if (p->order > MAX_ORDER)
			return -BUDDY_CHECK_STRAY;
		if (buddy_is_free(z, pfn, p->order))
			return -BUDDY_CHECK_UNMERGED;
		block_end = pfn + (1UL << p->order);
		heads++;
	}
	return heads == nblocks ? 0 : -BUDDY_CHECK_STRAY;
}

int buddy_check(const struct zone *z)
{
	unsigned long nblocks = 0, pages = 0;
	unsigned int o;
	int err;

	for (o = 0; o < NR_ORDERS; o++) {
		unsigned long before = nblocks;

		err = check_list(z, o, &nblocks);
		if (err)
			return err;
		pages += (nblocks - before) << o;
	}
	if (pages != z->free_pages || pages > z->managed_pages)
		return -BUDDY_CHECK_FREE_PAGES;
	return check_pages(z, nblocks);
}
