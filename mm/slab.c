/*
 * The slab allocator: named caches of equal-sized objects
 * (kmem_cache_create) and kmalloc/kfree on top of them. It owns every page
 * flagged PG_slab and the page blocks behind kmalloc sizes above 8 KiB; the
 * pages come from the page allocator (include/page.h). The debugging layer
 * (red zones, poisoning, checks on free) and the error reports are
 * mm/slab_debug.c; both share mm/slab_internal.h. Pure code:
 * tests/unit/test_slab.c links it against a fake page allocator.
 *
 * A slab is a naturally aligned block of 2^order pages cut into objects.
 * Every page of it has PG_slab and slab_cache set, so kfree() finds the
 * cache from any object; the head page holds the slab's free list (linked
 * through the free objects) and its count of objects in use.
 *
 * As in Linux's SLUB, each CPU allocates from an "active" slab of its own
 * whose free list it holds in the cache's per-CPU entry (struct
 * kmem_cache_cpu): the common kmalloc and kfree pop or push that list with
 * interrupts off, which is all that per-CPU data needs, and take no lock,
 * do no division and run no loop. The slow paths take the cache's lock for
 * the other slabs, which wait on the partial, full and empty lists; at
 * most SLAB_KEEP_EMPTY empty ones are kept for reuse.
 *
 * Debug caches never have an active slab: their per-CPU free lists stay
 * empty and no page is "active", so both fast paths fall through to the
 * slow paths, where the checks live, at no cost to the others.
 */
#include "errno.h"
#include "lib/list.h"
#include "lib/string.h"
#include "mm.h"
#include "panic.h"
#include "printk.h"
#include "slab.h"
#include "spinlock.h"
#include "slab_internal.h"

#define SLAB_MIN_OBJECTS	8	/* per slab, for objects up to 8 KiB */
#define SLAB_WASTE_FRACTION	16	/* accept 1/16 of a slab unused */
#define SLAB_KEEP_EMPTY		1	/* empty slabs a cache keeps */
#define SLAB_CACHE_ALIGN	64	/* struct kmem_cache: one cache line */

#define KMALLOC_SMALL_MAX	192	/* table lookup up to here */
#define KMALLOC_MAX_SHIFT	13	/* 8 KiB */
#define GFP_ZONE_MASK		(GFP_DMA | GFP_DMA32)

#define _RET_IP_		((unsigned long)__builtin_return_address(0))

#ifdef DEBUG
bool slab_debug = true;
#else
bool slab_debug;
#endif

/* Caches in creation order. Lock order: cache_list_lock, then c->lock. */
static DEFINE_SPINLOCK(cache_list_lock);
static LIST_HEAD(cache_list);			/* [cache_list_lock] */
static bool slab_ready;				/* set once by slab_init */

/* The cache of struct kmem_cache itself, the only static one. */
static struct kmem_cache cache_cache;

/* Pages held by slabs and big kmalloc blocks (/proc/meminfo "Slab"). */
static unsigned long slab_pages;		/* atomic */

static const struct {
	const char *name;
	unsigned int size;
} kmalloc_info[] = {
	{ "kmalloc-8", 8 },	{ "kmalloc-16", 16 },	{ "kmalloc-32", 32 },
	{ "kmalloc-64", 64 },	{ "kmalloc-96", 96 },	{ "kmalloc-128", 128 },
	{ "kmalloc-192", 192 },	{ "kmalloc-256", 256 },
	{ "kmalloc-512", 512 },	{ "kmalloc-1k", 1024 },
	{ "kmalloc-2k", 2048 },	{ "kmalloc-4k", 4096 },
	{ "kmalloc-8k", 8192 },
};

/*
 * Size to cache, filled by slab_init and read-only afterwards: indexed by
 * the size itself up to 192 bytes (1.5 KiB of pointers, which spares every
 * kmalloc the rounding to an 8-byte step), and by power of two above
 * (index: log2 of the size rounded up).
 */
static struct kmem_cache *kmalloc_small[KMALLOC_SMALL_MAX + 1];
static struct kmem_cache *kmalloc_pow2[KMALLOC_MAX_SHIFT + 1];

static void slab_add_pages(long n)
{
	__atomic_add_fetch(&slab_pages, n, __ATOMIC_RELAXED);
}

unsigned long slab_bytes(void)
{
	return __atomic_load_n(&slab_pages, __ATOMIC_RELAXED) * PAGE_SIZE;
}

/*
 * This CPU's number, to index the caches' per-CPU entries: always 0, as
 * there is one CPU. The SMP issue replaces it with the real one.
 */
static inline unsigned int this_cpu(void)
{
	return 0;
}

/* This CPU's entry of @c; interrupts must stay off while it is in use. */
static __always_inline struct kmem_cache_cpu *cpu_slab(struct kmem_cache *c)
{
	return &c->cpu[this_cpu()];
}

/*
 * virt_to_page() for the free fast paths. The page array exists before
 * the first slab does; telling the compiler so lets it drop the NULL test
 * of the page virt_to_page() computes for a good address (mem_map + pfn
 * is never NULL then), which would otherwise repeat the tests that chose
 * that address. Its NULL for a bad address is still tested.
 */
static __always_inline struct page *obj_to_page(const void *p)
{
	if (!mem_map)
		__builtin_unreachable();
	return virt_to_page(p);
}

/* --- slabs --------------------------------------------------------------- */

/* The head page of the slab that holds @page. */
static struct page *slab_head(const struct kmem_cache *c, struct page *page)
{
	return page - (page_to_pfn(page) & ((1UL << c->order) - 1));
}

static struct page *slab_new(struct kmem_cache *c, gfp_t gfp)
{
	unsigned long i, npages = 1UL << c->order;
	struct page *slab;
	char *base;
	void *next = NULL;

	/*
	 * Slab pages come from any zone: a cache mixes all its callers'
	 * objects, so a zone modifier cannot hold for a whole slab. kmalloc
	 * sends zone requests to whole pages instead.
	 */
	slab = alloc_pages((gfp & ~(GFP_ZONE_MASK | GFP_ZERO)) | GFP_NOWARN,
			   c->order);
	if (!slab)
		return NULL;
	/* Buddy blocks are naturally aligned; slab_head() relies on it. */
	KASSERT((page_to_pfn(slab) & (npages - 1)) == 0);
	for (i = 0; i < npages; i++) {
		slab[i].flags |= PG_slab;
		slab[i].owner = PAGE_OWNER_SLAB;
		slab[i].slab_cache = c;
	}
	base = page_address(slab);
	for (i = c->objects; i-- > 0;) {
		void *obj = base + i * c->size + c->offset;

		if (c->debug)
			slab_debug_init_object(c, obj);
		set_free(c, obj, next);
		next = obj;
	}
	slab->freelist = next;
	slab->inuse = 0;
	slab->objects = c->objects;
	INIT_LIST_HEAD(&slab->lru);
	c->slabs++;
	slab_add_pages(npages);
	return slab;
}

static void slab_release(struct kmem_cache *c, struct page *slab)
{
	unsigned long i, npages = 1UL << c->order;

	for (i = 0; i < npages; i++) {
		slab[i].flags &= ~PG_slab;
		slab[i].owner = PAGE_OWNER_NONE;
		slab[i].slab_cache = NULL;
	}
	slab->freelist = NULL;
	slab->inuse = slab->objects = 0;
	c->slabs--;
	slab_add_pages(-(long)npages);
	free_pages(slab, c->order);
}

/*
 * File a slab that is on no list where its count of objects in use says,
 * releasing it when it is empty and enough empty ones are kept. [c->lock]
 */
static void slab_file(struct kmem_cache *c, struct page *slab)
{
	if (slab->inuse == slab->objects) {
		list_add(&slab->lru, &c->full);
	} else if (slab->inuse) {
		list_add(&slab->lru, &c->partial);
	} else if (c->nr_empty < SLAB_KEEP_EMPTY) {
		list_add(&slab->lru, &c->empty);
		c->nr_empty++;
	} else {
		slab_release(c, slab);
	}
}

/*
 * Take a slab with a free object off the lists (partial, then a kept
 * empty one) or make a new one. [c->lock]
 */
static struct page *slab_get(struct kmem_cache *c, gfp_t gfp)
{
	struct page *slab;

	if (!list_empty(&c->partial)) {
		slab = list_first_entry(&c->partial, struct page, lru);
	} else if (!list_empty(&c->empty)) {
		slab = list_first_entry(&c->empty, struct page, lru);
		c->nr_empty--;
	} else {
		return slab_new(c, gfp);
	}
	list_del(&slab->lru);
	return slab;
}

/* Objects on a CPU's free list: a loop, off the fast paths. [c->lock, i] */
static unsigned int cpu_nfree(const struct kmem_cache *c,
			      const struct kmem_cache_cpu *cc)
{
	unsigned int nfree = 0;
	void *p;

	for (p = cc->freelist; p; p = get_free(c, p))
		nfree++;
	return nfree;
}

/*
 * Frees on a CPU, those that pushed onto its free list since its slab
 * became active included (struct kmem_cache_cpu). [c->lock, i]
 */
static unsigned long cpu_frees(const struct kmem_cache *c,
			       const struct kmem_cache_cpu *cc)
{
	if (!cc->slab)
		return cc->frees;
	return cc->frees + cpu_nfree(c, cc) + cc->allocs - cc->mark;
}

/* Give a CPU's active slab its free objects back and file it. [c->lock, i] */
static void slab_deactivate(struct kmem_cache *c, struct kmem_cache_cpu *cc)
{
	struct page *slab = cc->slab;
	unsigned int nfree;

	if (!slab)
		return;
	nfree = cpu_nfree(c, cc);
	cc->frees += nfree + cc->allocs - cc->mark;
	slab->freelist = cc->freelist;
	slab->inuse = slab->objects - nfree;
	cc->freelist = NULL;
	cc->slab = NULL;
	slab_file(c, slab);
}

/* --- allocation ---------------------------------------------------------- */

/*
 * An object from this CPU's active slab, after making a new one active if
 * the old one has none left; or NULL. [c->lock, i]
 */
static void *slab_refill(struct kmem_cache *c, gfp_t gfp)
{
	struct kmem_cache_cpu *cc = cpu_slab(c);
	struct page *slab;
	void *obj = cc->freelist;

	/* An interrupt may have freed one since the fast path looked. */
	if (!obj) {
		slab_deactivate(c, cc);
		slab = slab_get(c, gfp);
		if (!slab)
			return NULL;
		/* The CPU holds all the slab's free objects: it is full. */
		cc->slab = slab;
		cc->mark = slab->objects - slab->inuse + cc->allocs;
		obj = slab->freelist;
		slab->freelist = NULL;
		slab->inuse = slab->objects;
	}
	cc->freelist = get_free(c, obj);
	cc->allocs++;
	return obj;
}

/* A debug object that passed its checks, or NULL. [c->lock] */
static void *slab_alloc_debug(struct kmem_cache *c, gfp_t gfp, size_t size,
			      unsigned long caller)
{
	struct page *slab;
	void *obj;

	/* A corrupted object is reported and kept out of use; try the next. */
	for (;;) {
		slab = slab_get(c, gfp);
		if (!slab)
			return NULL;
		obj = slab->freelist;
		slab->freelist = get_free(c, obj);
		slab->inuse++;
		slab_debug_check_next(c, slab, obj, caller);
		slab_file(c, slab);
		if (slab_debug_alloc_ok(c, obj, size, caller))
			break;
		c->leaked++;
	}
	cpu_slab(c)->allocs++;
	return obj;
}

/*
 * The fast paths below have one way out each to the slow paths, which
 * get the caller's address from there: so only that way sets up a stack
 * frame (for _RET_IP_), and the fast paths run without one.
 */

/*
 * The fast path: pop this CPU's free list, or return NULL when it is
 * empty. The link is the object's first word: only plain caches have
 * objects here.
 */
static __always_inline void *slab_alloc_fast(struct kmem_cache *c)
{
	unsigned long flags = arch_irq_save();
	struct kmem_cache_cpu *cc = cpu_slab(c);
	void **obj = cc->freelist;

	if (likely(obj)) {
		cc->freelist = *obj;
		cc->allocs++;
	}
	arch_irq_restore(flags);
	return obj;
}

/* With c->lock, for the slabs; says who failed, when out of memory. */
static void *slab_alloc_locked(struct kmem_cache *c, gfp_t gfp, size_t size,
			       unsigned long caller)
{
	unsigned long flags;
	void *obj;

	KASSERT(slab_ready);
	flags = spin_lock_irqsave(&c->lock);
	if (c->debug)
		obj = slab_alloc_debug(c, gfp, size, caller);
	else
		obj = slab_refill(c, gfp);
	spin_unlock_irqrestore(&c->lock, flags);
	if (unlikely(!obj))
		slab_oom(c->name, size, gfp, caller);
	return obj;
}

/*
 * What the fast path leaves: GFP_ZERO (which would cost every caller
 * there), and an empty free list.
 */
static __noinline void *slab_alloc_slow(struct kmem_cache *c, gfp_t gfp,
					size_t size, unsigned long caller)
{
	void *obj = NULL;

	if (gfp & GFP_ZERO)
		obj = slab_alloc_fast(c);
	if (!obj)
		obj = slab_alloc_locked(c, gfp, size, caller);
	if (obj && (gfp & GFP_ZERO))
		memset(obj, 0, c->debug ? size : c->object_size);
	return obj;
}

void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	void *obj;

	if (unlikely(gfp & GFP_ZERO))
		goto slow;
	obj = slab_alloc_fast(c);
	if (likely(obj))
		return obj;
slow:
	return slab_alloc_slow(c, gfp, c->object_size, _RET_IP_);
}

/* --- freeing ------------------------------------------------------------- */

/* When @obj is not in this CPU's active slab's head page: with c->lock. */
static void slab_free_slow(struct kmem_cache *c, struct page *page,
				      void *obj, unsigned long caller)
{
	unsigned long flags = spin_lock_irqsave(&c->lock);
	struct kmem_cache_cpu *cc = cpu_slab(c);
	struct page *slab;

	if (!(page->flags & PG_slab) || page->slab_cache != c) {
		slab_report(c, obj, "free of an object from another cache",
			    caller);
		goto out;
	}
	slab = slab_head(c, page);
	if (c->debug && !slab_debug_free_ok(c, slab, obj, caller))
		goto out;
	if (slab == cc->slab) {
		/* Counted as the fast path's are: struct kmem_cache_cpu. */
		set_free(c, obj, cc->freelist);
		cc->freelist = obj;
	} else {
		list_del(&slab->lru);
		set_free(c, obj, slab->freelist);
		slab->freelist = obj;
		slab->inuse--;
		slab_file(c, slab);
		cc->frees++;
	}
out:
	spin_unlock_irqrestore(&c->lock, flags);
}

/*
 * The fast path: push onto this CPU's free list when @obj is in its active
 * slab's head page (always, for one-page slabs), or return false.
 */
static __always_inline bool slab_free_fast(struct kmem_cache *c,
					   struct page *page, void *obj)
{
	unsigned long flags = arch_irq_save();
	struct kmem_cache_cpu *cc = cpu_slab(c);
	bool mine = page == cc->slab;

	if (likely(mine)) {
		*(void **)obj = cc->freelist;
		cc->freelist = obj;
	}
	arch_irq_restore(flags);
	return mine;
}

static __noinline void cache_free_slow(struct kmem_cache *c, void *obj,
				       unsigned long caller)
{
	struct page *page;

	if (!obj)
		return;
	page = virt_to_page(obj);
	if (!page)
		slab_report(c, obj, "free of a pointer outside memory", caller);
	else
		slab_free_slow(c, page, obj, caller);
}

/* A NULL @obj has no page either: cache_free_slow() lets it be. */
void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct page *page = obj_to_page(obj);

	if (likely(page && slab_free_fast(c, page, obj)))
		return;
	cache_free_slow(c, obj, _RET_IP_);
}

/* --- kmalloc ------------------------------------------------------------- */

static unsigned int size_to_order(size_t size)
{
	unsigned long pages = (size - 1) >> PAGE_SHIFT;

	return pages ? 64 - __builtin_clzl(pages) : 0;
}

/*
 * Whole pages for sizes above the caches and for zone requests. The head
 * page's owner marks the block as kmalloc's; its order (set by the page
 * allocator on every allocated head) gives the size back.
 */
static __noinline void *kmalloc_pages(size_t size, gfp_t gfp,
				      unsigned long caller)
{
	unsigned int order = size_to_order(size ? size : 1);
	struct page *page = NULL;

	if (order <= MAX_ORDER)
		page = alloc_pages(gfp | GFP_NOWARN, order);
	if (!page) {
		slab_oom("kmalloc", size, gfp, caller);
		return NULL;
	}
	page->owner = PAGE_OWNER_SLAB;
	slab_add_pages(1L << order);
	return page_address(page);
}

/* The kmalloc page block that starts at @p, or NULL. */
static struct page *kmalloc_pages_of(struct page *page, const void *p)
{
	if (!page || (page->flags & PG_slab) || !(page->flags & PG_head) ||
	    page->owner != PAGE_OWNER_SLAB || page_address(page) != p)
		return NULL;
	return page;
}

static void kfree_pages(struct page *page, const void *p,
			unsigned long caller)
{
	unsigned int order;

	if (!p)
		return;
	page = kmalloc_pages_of(page, p);
	if (!page) {
		slab_report(NULL, p,
			    "kfree of a pointer kmalloc never returned",
			    caller);
		return;
	}
	order = page->order;
	page->owner = PAGE_OWNER_NONE;
	slab_add_pages(-(1L << order));
	free_pages(page, order);
}

/* The cache for @size, or NULL above KMALLOC_MAX_CACHE. */
static __always_inline struct kmem_cache *kmalloc_cache(size_t size)
{
	if (likely(size <= KMALLOC_SMALL_MAX))
		return kmalloc_small[size];
	if (size <= KMALLOC_MAX_CACHE)
		return kmalloc_pow2[64 - __builtin_clzl(size - 1)];
	return NULL;
}

static __noinline void *kmalloc_slow(size_t size, gfp_t gfp,
				     unsigned long caller)
{
	struct kmem_cache *c = kmalloc_cache(size);

	if (!c || (gfp & GFP_ZONE_MASK))
		return kmalloc_pages(size, gfp, caller);
	return slab_alloc_slow(c, gfp, size, caller);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	struct kmem_cache *c;
	void *obj;

	if (likely(size <= KMALLOC_SMALL_MAX))
		c = kmalloc_small[size];
	else if (size <= KMALLOC_MAX_CACHE)
		c = kmalloc_pow2[64 - __builtin_clzl(size - 1)];
	else
		goto slow;
	if (unlikely(gfp & (GFP_ZONE_MASK | GFP_ZERO)))
		goto slow;
	obj = slab_alloc_fast(c);
	if (likely(obj))
		return obj;
slow:
	return kmalloc_slow(size, gfp, _RET_IP_);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | GFP_ZERO);
}

static __noinline void kfree_slow(const void *p, unsigned long caller)
{
	struct page *page = virt_to_page(p);

	if (page && (page->flags & PG_slab))
		slab_free_slow(page->slab_cache, page, (void *)p, caller);
	else
		kfree_pages(page, p, caller);
}

/* NULL has no page either: kfree_pages() lets it be, off the fast path. */
void kfree(const void *p)
{
	struct page *page = obj_to_page(p);

	if (likely(page && (page->flags & PG_slab) &&
		   slab_free_fast(page->slab_cache, page, (void *)p)))
		return;
	kfree_slow(p, _RET_IP_);
}

size_t ksize(const void *p)
{
	struct page *page;
	struct kmem_cache *c;

	if (!p)
		return 0;
	page = virt_to_page(p);
	if (page && (page->flags & PG_slab)) {
		c = page->slab_cache;
		if (c->debug)
			return slab_debug_ksize(c, slab_head(c, page), p,
						_RET_IP_);
		return c->object_size;
	}
	if (kmalloc_pages_of(page, p))
		return PAGE_SIZE << page->order;
	slab_report(NULL, p, "ksize of a pointer kmalloc never returned",
		    _RET_IP_);
	return 0;
}

/* --- caches -------------------------------------------------------------- */

/*
 * The smallest order that holds SLAB_MIN_OBJECTS with little waste. Up to
 * 16 KiB objects, SLAB_MAX_ORDER always does; bigger ones get it anyway.
 */
static unsigned int slab_order(size_t size)
{
	unsigned int order;

	for (order = 0; order < SLAB_MAX_ORDER; order++) {
		size_t bytes = PAGE_SIZE << order, n = bytes / size;

		if (n >= SLAB_MIN_OBJECTS &&
		    bytes - n * size <= bytes / SLAB_WASTE_FRACTION)
			return order;
	}
	return SLAB_MAX_ORDER;
}

static int cache_setup(struct kmem_cache *c, const char *name, size_t size,
		       size_t align, bool debug)
{
	size_t osize = ALIGN_UP(size, sizeof(void *));

	memset(c, 0, sizeof(*c));
	c->lock = (struct spinlock)SPINLOCK_INIT("kmem_cache");
	c->name = name;
	c->object_size = size;
	c->align = MAX(align, sizeof(void *));
	c->debug = debug;
	INIT_LIST_HEAD(&c->partial);
	INIT_LIST_HEAD(&c->full);
	INIT_LIST_HEAD(&c->empty);
	INIT_LIST_HEAD(&c->list);
	if (debug)
		osize = slab_debug_layout(c);
	c->size = ALIGN_UP(osize, c->align);
	if (c->size > PAGE_SIZE << SLAB_MAX_ORDER)
		return -EINVAL;
	c->order = slab_order(c->size);
	c->objects = (PAGE_SIZE << c->order) / c->size;
	return 0;
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align)
{
	struct kmem_cache *c;
	unsigned long flags;

	KASSERT(slab_ready);
	if (!size || (align & (align - 1)) || align > PAGE_SIZE ||
	    size > PAGE_SIZE << SLAB_MAX_ORDER)
		goto bad;
	c = kmem_cache_alloc(&cache_cache, GFP_KERNEL);
	if (!c)
		return NULL;
	if (cache_setup(c, name, size, align, slab_debug) < 0) {
		kmem_cache_free(&cache_cache, c);
		goto bad;
	}
	flags = spin_lock_irqsave(&cache_list_lock);
	list_add_tail(&c->list, &cache_list);
	spin_unlock_irqrestore(&cache_list_lock, flags);
	return c;
bad:
	pr_err("kmem_cache_create: %s: bad size %zu or alignment %zu\n",
	       name, size, align);
	return NULL;
}

/* Free every empty slab, the kept ones too. [c->lock] */
static unsigned long cache_shrink_locked(struct kmem_cache *c)
{
	unsigned long n = 0;
	struct page *slab, *tmp;
	unsigned int cpu;

	/* Every CPU's active slab: fine while there is one CPU. */
	for (cpu = 0; cpu < SLAB_NR_CPUS; cpu++)
		slab_deactivate(c, &c->cpu[cpu]);
	list_for_each_entry_safe(slab, tmp, &c->empty, lru) {
		list_del(&slab->lru);
		slab_release(c, slab);
		n += 1UL << c->order;
	}
	c->nr_empty = 0;
	return n;
}

unsigned long kmem_cache_shrink(struct kmem_cache *c)
{
	unsigned long flags = spin_lock_irqsave(&c->lock);
	unsigned long n = cache_shrink_locked(c);

	spin_unlock_irqrestore(&c->lock, flags);
	return n;
}

unsigned long slab_shrink(void)
{
	unsigned long n = 0, flags = spin_lock_irqsave(&cache_list_lock);
	struct kmem_cache *c;

	list_for_each_entry(c, &cache_list, list)
		n += kmem_cache_shrink(c);
	spin_unlock_irqrestore(&cache_list_lock, flags);
	return n;
}

/* The per-CPU counts, summed; fine while there is one CPU. [c->lock] */
static void cache_counts(const struct kmem_cache *c, unsigned long *allocs,
			 unsigned long *frees)
{
	unsigned int cpu;

	*allocs = *frees = 0;
	for (cpu = 0; cpu < SLAB_NR_CPUS; cpu++) {
		*allocs += c->cpu[cpu].allocs;
		*frees += cpu_frees(c, &c->cpu[cpu]);
	}
}

/* Objects in use, counting those lost to corruption. [c->lock] */
static unsigned long cache_active(const struct kmem_cache *c)
{
	unsigned long allocs, frees;

	cache_counts(c, &allocs, &frees);
	return allocs - frees + c->leaked;
}

int kmem_cache_destroy(struct kmem_cache *c)
{
	unsigned long flags, cflags;
	unsigned long active;

	if (!c)
		return 0;
	flags = spin_lock_irqsave(&cache_list_lock);
	cflags = spin_lock_irqsave(&c->lock);
	active = cache_active(c);
	if (active || c->permanent) {
		spin_unlock_irqrestore(&c->lock, cflags);
		spin_unlock_irqrestore(&cache_list_lock, flags);
		pr_err("kmem_cache_destroy: %s: %s (%lu objects in use)\n",
		       c->name, c->permanent ? "a boot cache" : "busy",
		       active);
		return -EBUSY;
	}
	cache_shrink_locked(c);
	KASSERT(!c->slabs && list_empty(&c->partial) && list_empty(&c->full));
	list_del(&c->list);
	spin_unlock_irqrestore(&c->lock, cflags);
	spin_unlock_irqrestore(&cache_list_lock, flags);
	kmem_cache_free(&cache_cache, c);
	return 0;
}

void kmem_cache_get_stats(const struct kmem_cache *c,
			  struct kmem_cache_stats *st)
{
	/* The lock is not part of the cache's value: taking it is a read. */
	struct spinlock *lock = (struct spinlock *)&c->lock;
	unsigned long flags = spin_lock_irqsave(lock);

	st->name = c->name;
	st->object_size = c->object_size;
	st->slab_size = PAGE_SIZE << c->order;
	st->active_objs = cache_active(c);
	st->total_objs = c->slabs * c->objects;
	st->slabs = c->slabs;
	cache_counts(c, &st->allocs, &st->frees);
	spin_unlock_irqrestore(lock, flags);
}

void kmem_cache_for_each(void (*fn)(const struct kmem_cache_stats *st,
				    void *arg), void *arg)
{
	unsigned long flags = spin_lock_irqsave(&cache_list_lock);
	struct kmem_cache_stats st;
	struct kmem_cache *c;

	list_for_each_entry(c, &cache_list, list) {
		kmem_cache_get_stats(c, &st);
		fn(&st, arg);
	}
	spin_unlock_irqrestore(&cache_list_lock, flags);
}

void slab_init(void)
{
	unsigned int i, k = 0;
	int err;

	KASSERT(!slab_ready);
	err = cache_setup(&cache_cache, "kmem_cache", sizeof(struct kmem_cache),
			  SLAB_CACHE_ALIGN, slab_debug);
	KASSERT(!err);
	cache_cache.permanent = true;
	list_add_tail(&cache_cache.list, &cache_list);
	slab_ready = true;

	/*
	 * kmalloc objects are aligned to the largest power of two dividing
	 * their size, up to a page: naturally, for power-of-two sizes, even
	 * with debug.
	 */
	for (i = 0; i < ARRAY_SIZE(kmalloc_info); i++) {
		unsigned int size = kmalloc_info[i].size;
		struct kmem_cache *c = kmem_cache_create(kmalloc_info[i].name,
				size, MIN(size & -size, PAGE_SIZE));

		KASSERT(c);
		c->permanent = true;
		for (; k <= MIN(size, KMALLOC_SMALL_MAX); k++)
			kmalloc_small[k] = c;
		if ((size & (size - 1)) == 0)
			kmalloc_pow2[__builtin_ctz(size)] = c;
	}
}
