/*
 * Physical pages: struct page (one per page frame of RAM, in the mem_map
 * array indexed by page frame number), zones, and the buddy page allocator
 * (mm/buddy.c: pure logic, host-tested; mm/page_alloc.c: the kernel's
 * locked, counted front end).
 */
#ifndef PAGE_H
#define PAGE_H

#include "types.h"
#include "lib/list.h"

#define MAX_ORDER	10		/* blocks of 2^0 .. 2^10 pages (4 MiB) */
#define NR_ORDERS	(MAX_ORDER + 1)

/* struct page flags */
#define PG_reserved	(1UL << 0)	/* never handed out (holes, kernel, ...) */
#define PG_buddy	(1UL << 1)	/* head of a free block in a buddy list */
#define PG_head		(1UL << 2)	/* head of an allocated block */
#define PG_slab		(1UL << 3)	/* owned by the slab allocator */
#define PG_pagetable	(1UL << 4)	/* a page-table page */
#define PG_vmalloc	(1UL << 5)	/* backs a vmalloc area */

/* Who asked for a page: a debugging hint kept in struct page. */
enum page_owner {
	PAGE_OWNER_NONE,
	PAGE_OWNER_KERNEL,
	PAGE_OWNER_SLAB,
	PAGE_OWNER_PAGETABLE,
	PAGE_OWNER_VMALLOC,
	PAGE_OWNER_USER,
	PAGE_OWNER_CACHE,
	PAGE_OWNER_TEST,
};

struct kmem_cache;

/*
 * Lock legend: a free page (PG_buddy head and its tail pages) belongs to
 * its zone and is changed under the zone's lock; an allocated page belongs
 * to whoever allocated it; refcount is atomic.
 */
struct page {
	unsigned long flags;		/* PG_* */
	int refcount;			/* 0 when free */
	uint8_t order;			/* PG_buddy/PG_head: the block's order */
	uint8_t zone;			/* enum zone_id */
	uint16_t owner;			/* enum page_owner */
	struct list_head lru;		/* buddy free list, slab lists */
	union {
		struct {			/* PG_slab */
			struct kmem_cache *slab_cache;
			void *freelist;
			uint16_t inuse;
			uint16_t objects;
		};
		struct {			/* file pages (later) */
			void *mapping;
			unsigned long index;
		};
	};
};

enum zone_id {
	ZONE_DMA,		/* below 16 MiB, for ISA DMA */
	ZONE_DMA32,		/* below 4 GiB, for 32-bit devices */
	ZONE_NORMAL,		/* the rest */
	NR_ZONES,
};

#define ZONE_DMA_END_PFN	(16UL << (20 - 12))
#define ZONE_DMA32_END_PFN	(4UL << (30 - 12))

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;		/* blocks on the list */
};

/*
 * A zone: one buddy allocator over [start_pfn, end_pfn). The buddy core
 * (mm/buddy.c) takes no locks; mm/page_alloc.c holds zone_lock around it.
 */
struct zone {
	const char *name;
	unsigned long start_pfn, end_pfn;
	unsigned long managed_pages;	/* pages ever given to the allocator */
	unsigned long free_pages;
	struct free_area free_area[NR_ORDERS];
	struct page *mem_map;		/* the page of pfn 0 */
	/* Optional: false for pfns without a struct page (holes). */
	bool (*pfn_valid)(unsigned long pfn);
};

/* --- the buddy core (mm/buddy.c), pure --------------------------------- */

/* Set up an empty zone; its pages are not touched. */
void buddy_zone_init(struct zone *z, const char *name, struct page *mem_map,
		     unsigned long start_pfn, unsigned long end_pfn);
/*
 * Make [start_pfn, end_pfn) of @mem_map reserved pages, as the zone needs
 * them before buddy_free_range() (page->zone is kept).
 */
void buddy_init_pages(struct page *mem_map, unsigned long start_pfn,
		      unsigned long end_pfn);
/* Give [start_pfn, end_pfn) (inside the zone) to the allocator as free. */
void buddy_free_range(struct zone *z, unsigned long start_pfn,
		      unsigned long end_pfn);
/* A free block of 2^order pages, or NULL. Marks its head PG_head. */
struct page *buddy_alloc(struct zone *z, unsigned int order);
/*
 * Return a block from buddy_alloc(); merges with free buddies. -EINVAL,
 * and nothing done, when @page is not the head of an allocated block of
 * this @order in this zone (a double free, a tail page, a foreign page).
 */
int buddy_free(struct zone *z, struct page *page, unsigned int order);

/* What buddy_check() found wrong, returned negated. */
enum buddy_check_error {
	BUDDY_CHECK_LIST = 1,	/* a free list's links are broken */
	BUDDY_CHECK_PLACE,	/* a free block misaligned or past the zone */
	BUDDY_CHECK_HEAD,	/* a listed head's flags or order are wrong */
	BUDDY_CHECK_NR_FREE,	/* nr_free disagrees with its list */
	BUDDY_CHECK_FREE_PAGES,	/* free_pages disagrees with the lists */
	BUDDY_CHECK_STRAY,	/* PG_buddy on no list, or blocks overlap */
	BUDDY_CHECK_UNMERGED,	/* two free buddies of one order */
};

/*
 * 0 when the zone's free lists and pages agree with each other, else
 * -BUDDY_CHECK_*. Walks every page of the zone: for tests and DEBUG only.
 */
int buddy_check(const struct zone *z);

/* --- the kernel's page allocator (mm/page_alloc.c) ---------------------- */

typedef unsigned int gfp_t;
#define GFP_KERNEL	0u
#define GFP_DMA		(1u << 0)	/* from ZONE_DMA */
#define GFP_DMA32	(1u << 1)	/* from ZONE_DMA or ZONE_DMA32 */
#define GFP_ZERO	(1u << 2)	/* zero the pages */
#define GFP_NOWARN	(1u << 3)	/* no message on failure */

extern struct page *mem_map;
extern unsigned long max_pfn;

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void free_pages(struct page *page, unsigned int order);
/* Direct-mapped address of one page, or 0 on failure. */
void *alloc_page_va(gfp_t gfp);
void free_page_va(void *va);

static inline unsigned long page_to_pfn(const struct page *p)
{
	return (unsigned long)(p - mem_map);
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

paddr_t page_to_phys(const struct page *p);
void *page_address(const struct page *p);
/*
 * The page of a direct-map address, or NULL when @va is not a direct-map
 * address of RAM with a struct page (kfree of a stack or kernel-image
 * address, say). Inline: it is on kfree's fast path. Host unit tests
 * supply their own.
 */
#ifdef HOST_UNIT_TEST
struct page *virt_to_page(const void *va);
#else
#include "mm.h"

/* Which max-order blocks of pfns have struct pages (mm/page_alloc.c). */
extern unsigned long memmap_present[];

static inline struct page *virt_to_page(const void *va)
{
	unsigned long pfn = ((vaddr_t)va - DIRECT_MAP_BASE) >> PAGE_SHIFT;
	unsigned long chunk = pfn >> MAX_ORDER;
	unsigned long bits = 8 * sizeof(unsigned long);

	if (unlikely((vaddr_t)va < DIRECT_MAP_BASE || pfn >= max_pfn ||
		     !((memmap_present[chunk / bits] >> (chunk % bits)) & 1)))
		return NULL;
	return pfn_to_page(pfn);
}
#endif

unsigned long nr_free_pages(void);
/* Run the buddy consistency check on every zone; 0 or negative. */
int page_alloc_check(void);
unsigned long nr_managed_pages(void);

#endif
