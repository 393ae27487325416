/*
 * Host tests for the buddy allocator core (mm/buddy.c): giving ranges
 * with odd boundaries, splitting, coalescing, exhaustion and
 * fragmentation, zones side by side, refused frees, buddy_check() on
 * deliberately corrupted zones, and long random alloc/free runs checked
 * against a per-page model. Zones are laid over mem_map_storage, whose
 * pages outside the zone under test carry a sentinel that must survive.
 */
#include "errno.h"
#include "page.h"
#include "unittest.h"

#define NPAGES		8192
#define SENTINEL_FLAGS	(PG_slab | PG_vmalloc)
#define SENTINEL_REFS	77

static struct page mem_map_storage[NPAGES];
/* page.h's mem_map is the front end's; the tests have their own. */
struct page *mem_map = mem_map_storage;

struct block {
	unsigned long pfn;
	unsigned int order;
};

/* A small, reproducible generator (xorshift64*). */
static uint64_t rng_state;

static unsigned long rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned long)((rng_state * 0x2545f4914f6cdd1dULL) >> 16);
}

static void reset_storage(void)
{
	for (unsigned long i = 0; i < NPAGES; i++)
		mem_map_storage[i] = (struct page){
			.flags = SENTINEL_FLAGS, .refcount = SENTINEL_REFS,
			.order = 9, .zone = ZONE_NORMAL,
			.owner = PAGE_OWNER_TEST,
		};
}

static bool is_sentinel(const struct page *p)
{
	return p->flags == SENTINEL_FLAGS && p->refcount == SENTINEL_REFS &&
	       p->order == 9 && p->zone == ZONE_NORMAL &&
	       p->owner == PAGE_OWNER_TEST && !p->lru.next && !p->lru.prev;
}

/* Pages outside [start, end) must still be the sentinel. */
static void expect_untouched_outside(unsigned long start, unsigned long end)
{
	unsigned long bad = 0;

	for (unsigned long pfn = 0; pfn < NPAGES; pfn++)
		if ((pfn < start || pfn >= end) &&
		    !is_sentinel(&mem_map_storage[pfn]))
			bad++;
	EXPECT_EQ(bad, 0);
}

static void zone_setup(struct zone *z, unsigned long start,
		       unsigned long end)
{
	reset_storage();
	buddy_init_pages(mem_map_storage, start, end);
	buddy_zone_init(z, "test", mem_map_storage, start, end);
}

static unsigned long pfn_of(const struct page *p)
{
	return (unsigned long)(p - mem_map_storage);
}

static int block_cmp(const void *a, const void *b)
{
	const struct block *x = a, *y = b;

	return x->pfn < y->pfn ? -1 : x->pfn > y->pfn;
}

/*
 * Every listed free block of @z, sorted by pfn; returns how many, or more
 * than @max when the lists are longer (or corrupted into a cycle).
 */
static size_t collect_blocks(const struct zone *z, struct block *out,
			     size_t max)
{
	const struct list_head *head, *pos;
	size_t n = 0;

	for (unsigned int o = 0; o < NR_ORDERS && n <= max; o++) {
		head = &z->free_area[o].free_list;
		for (pos = head->next; pos != head && n <= max;
		     pos = pos->next, n++)
			if (n < max)
				out[n] = (struct block){
					pfn_of(list_entry(pos, struct page,
							  lru)), o };
	}
	qsort(out, n < max ? n : max, sizeof(*out), block_cmp);
	return n;
}

static void expect_blocks(const struct zone *z, const struct block *want,
			  size_t nwant)
{
	static struct block got[NPAGES];
	size_t n = collect_blocks(z, got, NPAGES);

	EXPECT_EQ(n, nwant);
	for (size_t i = 0; i < n && i < nwant; i++) {
		EXPECT_EQ(got[i].pfn, want[i].pfn);
		EXPECT_EQ(got[i].order, want[i].order);
	}
}

static void expect_nr_free(const struct zone *z, const unsigned long *want)
{
	for (unsigned int o = 0; o < NR_ORDERS; o++)
		EXPECT_EQ(z->free_area[o].nr_free, want[o]);
}

/* --- initialisation and ranges ------------------------------------------ */

TEST(init_reserves_zone_pages_only)
{
	struct zone z;
	unsigned long bad = 0;

	zone_setup(&z, 100, 300);
	for (unsigned long pfn = 100; pfn < 300; pfn++) {
		const struct page *p = &mem_map_storage[pfn];

		if (p->flags != PG_reserved || p->refcount || p->order ||
		    p->owner || p->zone != ZONE_NORMAL ||
		    !list_empty(&p->lru))
			bad++;
	}
	EXPECT_EQ(bad, 0);
	expect_untouched_outside(100, 300);
	EXPECT_EQ(z.free_pages, 0);
	EXPECT_EQ(z.managed_pages, 0);
	for (unsigned int o = 0; o < NR_ORDERS; o++)
		EXPECT(list_empty(&z.free_area[o].free_list));
	EXPECT(buddy_alloc(&z, 0) == NULL);
	EXPECT_EQ(buddy_check(&z), 0);
}

TEST(free_range_odd_boundaries_gives_maximal_blocks)
{
	static const struct block want[] = {
		{ 5, 0 }, { 6, 1 }, { 8, 3 }, { 16, 4 }, { 32, 5 },
		{ 64, 6 }, { 128, 7 }, { 256, 8 }, { 512, 9 },
		{ 1024, 10 }, { 2048, 10 }, { 3072, 10 }, { 4096, 1 },
		{ 4098, 0 },
	};
	static const unsigned long nr[NR_ORDERS] = {
		2, 2, 0, 1, 1, 1, 1, 1, 1, 1, 3
	};
	struct zone z;
	unsigned long wrong = 0;

	zone_setup(&z, 3, 5000);
	buddy_free_range(&z, 5, 4099);
	expect_blocks(&z, want, ARRAY_SIZE(want));
	expect_nr_free(&z, nr);
	EXPECT_EQ(z.free_pages, 4094);
	EXPECT_EQ(z.managed_pages, 4094);
	for (unsigned long pfn = 3; pfn < 5000; pfn++) {
		bool reserved = mem_map_storage[pfn].flags & PG_reserved;

		if (reserved != (pfn < 5 || pfn >= 4099))
			wrong++;
	}
	EXPECT_EQ(wrong, 0);
	EXPECT_EQ(buddy_check(&z), 0);
	expect_untouched_outside(3, 5000);
}

TEST(adjacent_ranges_coalesce_like_one_range)
{
	static const struct block want[] = {
		{ 5, 0 }, { 6, 1 }, { 8, 3 }, { 16, 4 }, { 32, 5 },
		{ 64, 6 }, { 128, 7 }, { 256, 8 }, { 512, 9 },
		{ 1024, 10 }, { 2048, 10 }, { 3072, 10 }, { 4096, 2 },
	};
	struct zone z;

	zone_setup(&z, 3, 5000);
	/* Out of order and split at awkward points. */
	buddy_free_range(&z, 4098, 4100);
	buddy_free_range(&z, 1000, 4098);
	buddy_free_range(&z, 5, 7);
	buddy_free_range(&z, 7, 1000);
	expect_blocks(&z, want, ARRAY_SIZE(want));
	EXPECT_EQ(z.free_pages, 4095);
	EXPECT_EQ(z.managed_pages, 4095);
	EXPECT_EQ(buddy_check(&z), 0);
}

TEST(free_range_clamps_to_zone_and_skips_given_pages)
{
	static const struct block want[] = {
		{ 3, 0 }, { 4, 2 }, { 8, 3 }, { 16, 2 }, { 20, 0 },
	};
	struct zone z;

	zone_setup(&z, 3, 21);
	/* A range covering one given before: nothing may be listed twice. */
	buddy_free_range(&z, 10, 15);
	buddy_free_range(&z, 0, NPAGES);
	expect_blocks(&z, want, ARRAY_SIZE(want));
	EXPECT_EQ(z.managed_pages, 18);
	buddy_free_range(&z, 0, NPAGES);
	buddy_free_range(&z, 10, 12);
	expect_blocks(&z, want, ARRAY_SIZE(want));
	EXPECT_EQ(z.managed_pages, 18);
	EXPECT_EQ(z.free_pages, 18);
	EXPECT_EQ(buddy_check(&z), 0);
	expect_untouched_outside(3, 21);
}

TEST(empty_and_inverted_zones_hold_nothing)
{
	struct zone z;

	zone_setup(&z, 50, 40);
	buddy_free_range(&z, 0, NPAGES);
	EXPECT_EQ(z.free_pages, 0);
	EXPECT(buddy_alloc(&z, 0) == NULL);
	EXPECT_EQ(buddy_check(&z), 0);
	expect_untouched_outside(0, 0);
}

/* --- allocation, splitting, freeing -------------------------------------- */

TEST(alloc_splits_the_smallest_sufficient_block)
{
	static const unsigned long after_first[NR_ORDERS] = {
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0
	};
	struct zone z;
	struct page *a, *b, *c;

	zone_setup(&z, 0, 1024 + 16);
	buddy_free_range(&z, 0, 1024 + 16);
	/* The order-4 block at 1024 is the smallest that fits order 2. */
	a = buddy_alloc(&z, 2);
	EXPECT(a != NULL && pfn_of(a) >= 1024);
	EXPECT_EQ(z.free_area[10].nr_free, 1);
	EXPECT_EQ(z.free_area[2].nr_free, 1);
	EXPECT_EQ(z.free_area[3].nr_free, 1);
	EXPECT_EQ(z.free_area[4].nr_free, 0);
	EXPECT_EQ(buddy_free(&z, a, 2), 0);

	b = buddy_alloc(&z, 0);
	EXPECT(b != NULL);
	expect_nr_free(&z, (const unsigned long[NR_ORDERS]){
		1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1 });
	c = buddy_alloc(&z, 0);
	EXPECT(c != NULL && c != b);
	EXPECT_EQ(buddy_free(&z, b, 0), 0);
	EXPECT_EQ(buddy_free(&z, c, 0), 0);
	EXPECT_EQ(z.free_area[10].nr_free, 1);
	EXPECT_EQ(z.free_area[4].nr_free, 1);

	/* The same on a zone of exactly one order-10 block. */
	zone_setup(&z, 0, 1024);
	buddy_free_range(&z, 0, 1024);
	b = buddy_alloc(&z, 0);
	EXPECT(b != NULL);
	expect_nr_free(&z, after_first);
	EXPECT_EQ(z.free_pages, 1023);
	EXPECT_EQ(buddy_check(&z), 0);
}

TEST(allocated_block_is_marked_and_clean)
{
	struct zone z;
	struct page *p;
	unsigned long bad = 0;

	zone_setup(&z, 7, 3000);
	buddy_free_range(&z, 7, 3000);
	p = buddy_alloc(&z, 5);
	EXPECT(p != NULL);
	if (!p)
		return;
	EXPECT_EQ(pfn_of(p) % 32, 0);
	EXPECT(p->flags & PG_head);
	EXPECT_EQ(p->order, 5);
	for (int i = 0; i < 32; i++)
		if (p[i].flags & (PG_buddy | PG_reserved) ||
		    (i && (p[i].flags & PG_head)))
			bad++;
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(z.free_pages, 3000 - 7 - 32);
	EXPECT_EQ(buddy_free(&z, p, 5), 0);
	EXPECT(!(p->flags & PG_head));
	EXPECT_EQ(z.free_pages, 3000 - 7);
	EXPECT_EQ(buddy_check(&z), 0);
}

TEST(freed_pages_are_reused_first)
{
	struct zone z;
	struct page *p[4];

	zone_setup(&z, 0, 64);
	buddy_free_range(&z, 0, 64);
	for (int i = 0; i < 4; i++)
		p[i] = buddy_alloc(&z, 0);
	/* Not buddies of each other, so neither merges. */
	EXPECT_EQ(buddy_free(&z, p[0], 0), 0);
	EXPECT_EQ(buddy_free(&z, p[2], 0), 0);
	EXPECT(buddy_alloc(&z, 0) == p[2]);
	EXPECT(buddy_alloc(&z, 0) == p[0]);
	EXPECT_EQ(buddy_check(&z), 0);
}

TEST(alloc_refuses_orders_above_max)
{
	struct zone z;
	struct page *p;

	zone_setup(&z, 0, 4096);
	buddy_free_range(&z, 0, 4096);
	EXPECT(buddy_alloc(&z, MAX_ORDER + 1) == NULL);
	EXPECT(buddy_alloc(&z, 64) == NULL);
	EXPECT(buddy_alloc(&z, ~0u) == NULL);
	EXPECT_EQ(z.free_pages, 4096);
	p = buddy_alloc(&z, MAX_ORDER);
	EXPECT(p != NULL);
	EXPECT_EQ(z.free_pages, 4096 - 1024);
	EXPECT_EQ(buddy_check(&z), 0);
}

TEST(free_refuses_what_alloc_did_not_hand_out)
{
	struct zone z, other;
	struct page *p, *q;

	zone_setup(&z, 0, 64);
	buddy_free_range(&z, 0, 64);
	p = buddy_alloc(&z, 2);
	q = buddy_alloc(&z, 0);
	EXPECT(p && q);
	if (!p || !q)
		return;
	EXPECT_EQ(buddy_free(&z, p + 1, 0), -EINVAL);	/* a tail page */
	EXPECT_EQ(buddy_free(&z, p, 1), -EINVAL);	/* the wrong order */
	EXPECT_EQ(buddy_free(&z, p, MAX_ORDER + 1), -EINVAL);
	EXPECT_EQ(buddy_free(&z, &mem_map_storage[100], 0), -EINVAL);
	/* A zone's page handed to another zone. */
	buddy_zone_init(&other, "other", mem_map_storage, 64, 128);
	EXPECT_EQ(buddy_free(&other, q, 0), -EINVAL);
	EXPECT_EQ(z.free_pages, 64 - 5);
	EXPECT_EQ(buddy_free(&z, p, 2), 0);
	EXPECT_EQ(buddy_free(&z, p, 2), -EINVAL);	/* a double free */
	EXPECT_EQ(buddy_free(&z, q, 0), 0);
	EXPECT_EQ(buddy_free(&z, q, 0), -EINVAL);
	EXPECT_EQ(z.free_pages, 64);
	EXPECT_EQ(z.free_area[6].nr_free, 1);
	EXPECT_EQ(buddy_check(&z), 0);
}

/* --- exhaustion, fragmentation, coalescing ------------------------------ */

static struct page *pages[NPAGES];

static void shuffle(struct page **v, unsigned long n)
{
	for (unsigned long i = n; i > 1; i--) {
		unsigned long j = rnd() % i;
		struct page *t = v[i - 1];

		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* Allocate order-0 pages until the zone is empty; returns how many. */
static unsigned long alloc_all_pages(struct zone *z)
{
	unsigned long n = 0;

	while (n < NPAGES && (pages[n] = buddy_alloc(z, 0)))
		n++;
	return n;
}

TEST(every_page_out_and_back_restores_the_lists)
{
	static struct block before[NPAGES];
	struct zone z;
	unsigned long n, distinct = 0, refused = 0;
	size_t nblocks;

	rng_state = 42;
	zone_setup(&z, 11, 6011);
	buddy_free_range(&z, 13, 3001);
	buddy_free_range(&z, 3003, 6000);
	nblocks = collect_blocks(&z, before, NPAGES);

	n = alloc_all_pages(&z);
	EXPECT_EQ(n, 2988 + 2997);
	EXPECT_EQ(z.free_pages, 0);
	EXPECT(buddy_alloc(&z, 0) == NULL);
	/* Mark each page seen: a page handed out twice is counted once. */
	for (unsigned long i = 0; i < n; i++) {
		if (pages[i]->flags & PG_slab)
			continue;
		pages[i]->flags |= PG_slab;
		distinct++;
	}
	EXPECT_EQ(distinct, n);
	for (unsigned long i = 0; i < n; i++)
		pages[i]->flags &= ~PG_slab;

	shuffle(pages, n);
	for (unsigned long i = 0; i < n; i++)
		if (buddy_free(&z, pages[i], 0))
			refused++;
	EXPECT_EQ(refused, 0);
	expect_blocks(&z, before, nblocks);
	EXPECT_EQ(z.free_pages, 2988 + 2997);
	EXPECT_EQ(buddy_check(&z), 0);
	expect_untouched_outside(11, 6011);
}

TEST(exhaustion_returns_null_for_every_order)
{
	struct zone z;

	zone_setup(&z, 5, 1029);
	buddy_free_range(&z, 5, 1029);
	EXPECT_EQ(alloc_all_pages(&z), 1024);
	EXPECT_EQ(z.free_pages, 0);
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		EXPECT(buddy_alloc(&z, o) == NULL);
	EXPECT_EQ(buddy_check(&z), 0);
}

TEST(fragmented_zone_refuses_large_blocks)
{
	struct zone z;
	unsigned long n;

	zone_setup(&z, 0, 2048);
	buddy_free_range(&z, 0, 2048);
	n = alloc_all_pages(&z);
	EXPECT_EQ(n, 2048);
	/* Free every page with an even pfn: half the zone, no pairs. */
	for (unsigned long i = 0; i < n; i++)
		if (pfn_of(pages[i]) % 2 == 0)
			EXPECT_EQ(buddy_free(&z, pages[i], 0), 0);
	EXPECT_EQ(z.free_pages, 1024);
	EXPECT_EQ(z.free_area[0].nr_free, 1024);
	EXPECT(buddy_alloc(&z, 1) == NULL);
	EXPECT(buddy_alloc(&z, MAX_ORDER) == NULL);
	EXPECT_EQ(buddy_check(&z), 0);
	EXPECT(buddy_alloc(&z, 0) != NULL);
}

TEST(mixed_orders_coalesce_back_to_max_order_blocks)
{
	static const struct block whole[] = {
		{ 0, 10 }, { 1024, 10 }, { 2048, 10 }, { 3072, 10 },
	};
	static unsigned int order_of[NPAGES];
	struct zone z;
	unsigned long n = 0, pages_out = 0;

	rng_state = 7;
	zone_setup(&z, 0, 4096);
	buddy_free_range(&z, 0, 4096);
	/* Fill the zone with random orders, then with whatever fits. */
	for (unsigned int order = 9; n < NPAGES; ) {
		struct page *p;

		if (rnd() % 2)
			order = rnd() % 8;
		p = buddy_alloc(&z, order);
		if (!p && order == 0)
			break;
		if (!p) {
			order--;
			continue;
		}
		order_of[pfn_of(p)] = order;
		pages[n++] = p;
		pages_out += 1UL << order;
	}
	EXPECT_EQ(pages_out, 4096);
	EXPECT(z.free_area[0].nr_free == 0 && z.free_pages == 0);
	shuffle(pages, n);
	for (unsigned long i = 0; i < n; i++)
		EXPECT_EQ(buddy_free(&z, pages[i], order_of[pfn_of(pages[i])]),
			  0);
	expect_blocks(&z, whole, ARRAY_SIZE(whole));
	EXPECT_EQ(z.free_pages, 4096);
	EXPECT_EQ(buddy_check(&z), 0);
}

/*
 * pfn 1536's order-9 buddy is 1024: in zone a while 1536 is in zone b.
 * The two must never merge, whichever side frees last.
 */
TEST(zones_side_by_side_do_not_merge)
{
	struct zone a, b;
	struct page *p;

	reset_storage();
	buddy_init_pages(mem_map_storage, 0, 2048);
	buddy_zone_init(&a, "a", mem_map_storage, 0, 1536);
	buddy_zone_init(&b, "b", mem_map_storage, 1536, 2048);
	buddy_free_range(&a, 0, 1536);
	buddy_free_range(&b, 0, NPAGES);
	EXPECT_EQ(a.free_pages, 1536);
	EXPECT_EQ(b.free_pages, 512);
	EXPECT_EQ(a.free_area[9].nr_free, 1);
	EXPECT_EQ(a.free_area[10].nr_free, 1);
	EXPECT_EQ(b.free_area[9].nr_free, 1);
	EXPECT_EQ(b.free_area[10].nr_free, 0);

	/* Free a's half again, now that b's is free. */
	p = buddy_alloc(&a, 9);
	EXPECT(p && pfn_of(p) == 1024);
	if (p)
		EXPECT_EQ(buddy_free(&a, p, 9), 0);
	p = buddy_alloc(&b, 9);
	EXPECT(p && pfn_of(p) == 1536);
	if (p)
		EXPECT_EQ(buddy_free(&b, p, 9), 0);
	EXPECT_EQ(a.free_area[9].nr_free, 1);
	EXPECT_EQ(b.free_area[9].nr_free, 1);
	EXPECT_EQ(b.free_area[10].nr_free, 0);
	EXPECT_EQ(buddy_check(&a), 0);
	EXPECT_EQ(buddy_check(&b), 0);
	expect_untouched_outside(0, 2048);
}

/* --- random runs against a model ---------------------------------------- */

#define RANDOM_OPS	100000
#define CHECK_EVERY	1000
#define PHASE_OPS	5000	/* steps between filling and draining */
#define NOT_FREE	(~0UL)	/* reserved, or outside the zone */

/*
 * The model: owner[pfn] is 0 for a free page, the head pfn + 1 of the
 * allocation holding it, or NOT_FREE; held[] lists the allocations.
 */
static unsigned long owner[NPAGES];
static struct block held[NPAGES];

struct run {
	struct zone z;
	unsigned long seed, step, nheld, model_free;
	unsigned long refused;		/* NULL returns */
	unsigned long large;		/* blocks of order 8 and more */
};

/* Whether the model has a free, naturally aligned block of @order. */
static bool model_has_block(const struct zone *z, unsigned int order)
{
	unsigned long size = 1UL << order;
	unsigned long pfn = ALIGN_UP(z->start_pfn, size);

	for (; pfn + size <= z->end_pfn; pfn += size) {
		unsigned long i = 0;

		while (i < size && owner[pfn + i] == 0)
			i++;
		if (i == size)
			return true;
	}
	return false;
}

/* Take a block from buddy_alloc() into the model; false if it is wrong. */
static bool model_alloc(struct run *r, struct page *p, unsigned int order)
{
	unsigned long pfn = pfn_of(p), size = 1UL << order;

	if (pfn % size || pfn < r->z.start_pfn || pfn + size > r->z.end_pfn ||
	    !(p->flags & PG_head) || p->order != order)
		return false;
	for (unsigned long i = 0; i < size; i++) {
		if (owner[pfn + i] || (p[i].flags & (PG_buddy | PG_reserved)))
			return false;
		owner[pfn + i] = pfn + 1;
	}
	held[r->nheld++] = (struct block){ pfn, order };
	r->model_free -= size;
	return true;
}

/* Free held[@i] in the model and in the zone; false if that fails. */
static bool model_free_one(struct run *r, unsigned long i)
{
	struct block b = held[i];
	unsigned long size = 1UL << b.order;

	for (unsigned long j = 0; j < size; j++) {
		if (owner[b.pfn + j] != b.pfn + 1)
			return false;
		owner[b.pfn + j] = 0;
	}
	held[i] = held[--r->nheld];
	r->model_free += size;
	return buddy_free(&r->z, &mem_map_storage[b.pfn], b.order) == 0;
}

#define RUN_FAIL(r, what)						\
	unit_fail(__FILE__, __LINE__, "seed %lu step %lu: %s",		\
		  (r)->seed, (r)->step, what)

/* One random operation; false, after reporting, on the first error. */
static bool random_step(struct run *r)
{
	unsigned int alloc_pct = (r->step / PHASE_OPS) % 2 ? 30 : 75;
	unsigned int order;
	struct page *p;

	if (r->nheld && rnd() % 100 >= alloc_pct) {
		if (!model_free_one(r, rnd() % r->nheld)) {
			RUN_FAIL(r, "free of a held block went wrong");
			return false;
		}
	} else {
		order = rnd() % 4 ? rnd() % 3 : rnd() % NR_ORDERS;
		p = buddy_alloc(&r->z, order);
		if (p && !model_alloc(r, p, order)) {
			RUN_FAIL(r, "bad block handed out");
			return false;
		}
		if (!p && model_has_block(&r->z, order)) {
			RUN_FAIL(r, "NULL though a free block fits");
			return false;
		}
		r->refused += !p;
		r->large += p && order >= 8;
	}
	if (r->z.free_pages != r->model_free) {
		RUN_FAIL(r, "free_pages differs from the model");
		return false;
	}
	if (r->step % CHECK_EVERY == 0 && buddy_check(&r->z)) {
		RUN_FAIL(r, "buddy_check failed");
		return false;
	}
	return true;
}

static void random_run(unsigned long seed)
{
	static struct block before[NPAGES];
	struct run r = { .seed = seed };
	size_t nblocks;

	rng_state = seed;
	zone_setup(&r.z, 37, 6001);
	buddy_free_range(&r.z, 40, 3000);
	buddy_free_range(&r.z, 3010, 5990);
	for (unsigned long pfn = 0; pfn < NPAGES; pfn++)
		owner[pfn] = mem_map_storage[pfn].flags & PG_buddy ||
			     (pfn >= 37 && pfn < 6001 &&
			      !(mem_map_storage[pfn].flags & PG_reserved)) ?
			     0 : NOT_FREE;
	r.model_free = r.z.free_pages;
	EXPECT_EQ(r.model_free, 2960 + 2980);
	nblocks = collect_blocks(&r.z, before, NPAGES);

	for (r.step = 0; r.step < RANDOM_OPS; r.step++)
		if (!random_step(&r))
			return;
	EXPECT(r.refused > 1000);
	EXPECT(r.large > 100);
	while (r.nheld)
		EXPECT(model_free_one(&r, r.nheld - 1));
	expect_blocks(&r.z, before, nblocks);
	EXPECT_EQ(r.z.free_pages, r.model_free);
	EXPECT_EQ(buddy_check(&r.z), 0);
	expect_untouched_outside(37, 6001);
}

TEST(random_runs_match_the_model)
{
	static const unsigned long seeds[] = { 1, 2, 3, 0x9e3779b97f4a7c15 };

	for (size_t i = 0; i < ARRAY_SIZE(seeds); i++)
		random_run(seeds[i]);
}

/* --- buddy_check itself -------------------------------------------------- */

/*
 * Move the free block at @pfn from list @from to list @to, keeping the
 * counters in step so that only the block's place is wrong.
 */
static void relist(struct zone *z, unsigned long pfn, unsigned int from,
		   unsigned int to)
{
	struct page *p = &mem_map_storage[pfn];

	list_del(&p->lru);
	z->free_area[from].nr_free--;
	z->free_pages -= 1UL << from;
	p->order = to;
	list_add(&p->lru, &z->free_area[to].free_list);
	z->free_area[to].nr_free++;
	z->free_pages += 1UL << to;
}

TEST(check_catches_bad_heads_counts_and_links)
{
	struct zone z;
	struct page *p16 = &mem_map_storage[16];
	struct list_head *list4;

	zone_setup(&z, 0, 24);	/* blocks: 0 order 4, 16 order 3 */
	buddy_free_range(&z, 0, 24);
	EXPECT_EQ(buddy_check(&z), 0);

	p16->flags &= ~PG_buddy;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_HEAD);
	p16->flags |= PG_buddy | PG_reserved;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_HEAD);
	p16->flags &= ~PG_reserved;
	p16->order = 2;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_HEAD);
	p16->order = 3;

	z.free_area[3].nr_free++;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_NR_FREE);
	z.free_area[3].nr_free--;
	z.free_pages--;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_FREE_PAGES);
	z.free_pages += 2;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_FREE_PAGES);
	z.free_pages--;

	list4 = &z.free_area[4].free_list;
	list4->prev = list4;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_LIST);
	list4->prev = list4->next;
	EXPECT_EQ(buddy_check(&z), 0);
}

TEST(check_catches_misplaced_blocks)
{
	struct zone z;

	zone_setup(&z, 0, 16);
	buddy_free_range(&z, 0, 16);
	EXPECT(buddy_alloc(&z, 0) == &mem_map_storage[0]);
	EXPECT_EQ(buddy_check(&z), 0);
	relist(&z, 1, 0, 1);		/* an order-1 block at an odd pfn */
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_PLACE);

	zone_setup(&z, 0, 6);		/* blocks: 0 order 2, 4 order 1 */
	buddy_free_range(&z, 0, 6);
	EXPECT_EQ(buddy_check(&z), 0);
	relist(&z, 4, 1, 2);		/* would run to pfn 8 */
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_PLACE);
}

TEST(check_catches_unmerged_buddies_and_strays)
{
	struct zone z;
	struct page *p;

	zone_setup(&z, 0, 16);
	buddy_free_range(&z, 0, 16);
	p = buddy_alloc(&z, 0);
	EXPECT(p == &mem_map_storage[0]);
	/* Free it by hand without merging it with pfn 1. */
	p->flags = PG_buddy;
	list_add(&p->lru, &z.free_area[0].free_list);
	z.free_area[0].nr_free++;
	z.free_pages++;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_UNMERGED);

	zone_setup(&z, 0, 16);		/* one order-4 block */
	buddy_free_range(&z, 0, 16);
	mem_map_storage[5].flags |= PG_buddy;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_STRAY);
	mem_map_storage[5].flags = PG_head;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_STRAY);
	mem_map_storage[5].flags = PG_reserved;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_STRAY);
	mem_map_storage[5].flags = 0;
	EXPECT_EQ(buddy_check(&z), 0);

	/* An allocated page marked PG_buddy but on no list. */
	EXPECT(buddy_alloc(&z, 0) == &mem_map_storage[0]);
	EXPECT(buddy_alloc(&z, 0) == &mem_map_storage[1]);
	mem_map_storage[0].flags |= PG_buddy;
	EXPECT_EQ(buddy_check(&z), -BUDDY_CHECK_STRAY);
}
