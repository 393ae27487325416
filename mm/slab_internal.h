/*
 * What mm/slab.c and its debugging layer mm/slab_debug.c share: the cache
 * structure and the free-list link. Nothing else includes this; the rest
 * of the kernel sees struct kmem_cache as opaque (include/slab.h).
 */
#ifndef MM_SLAB_INTERNAL_H
#define MM_SLAB_INTERNAL_H

#include "compiler.h"
#include "page.h"
#include "spinlock.h"
#include "types.h"

/* For the fast paths; compiler.h has no such helpers yet. */
#ifndef __always_inline
#define __always_inline	inline __attribute__((always_inline))
#endif
#ifndef __noinline
#define __noinline	__attribute__((noinline))
#endif

#define SLAB_MAX_ORDER	6	/* 256 KiB: 8 debug-size 8 KiB objects */
#define SLAB_SYM_LEN	64	/* "symbol+0xoff" */

/*
 * CPUs the caches keep per-CPU state for. One until the SMP issue, which
 * sizes this by the CPUs it brings up.
 */
#define SLAB_NR_CPUS	1

/*
 * A CPU's share of a cache: its active slab and that slab's free objects,
 * which the fast paths pop and push with interrupts off and no lock. Only
 * its CPU touches it, with interrupts off ([i]); the slow paths hold
 * c->lock as well. Reading another CPU's entry (statistics, shrinking)
 * is safe only while there is one CPU: the SMP issue has to flush remote
 * CPUs' slabs (or read them there) instead.
 */
struct kmem_cache_cpu {
	void *freelist;			/* [i] free objects of @slab */
	struct page *slab;		/* [i] active slab's head, or NULL */
	unsigned long allocs;		/* [i] on this CPU, since creation */
	unsigned long frees;		/* [i] ditto, but see below */
	unsigned long mark;		/* [i] see below */
};

/*
 * kfree's fast path counts nothing: a push onto @freelist is derived.
 * When @slab became active, @mark was set to the objects then on
 * @freelist plus @allocs; as every allocation pops @freelist and every
 * push adds to it, the pushes since are length(@freelist) + @allocs -
 * @mark. Deactivating a slab adds them to @frees, which counts the other
 * frees directly (mm/slab.c: cpu_frees()).
 */

/*
 * A cache. Lock legend: [i] see struct kmem_cache_cpu, [c] c->lock,
 * [L] cache_list_lock (mm/slab.c), [-] set at creation, read-only
 * afterwards. c->lock also guards, for each of the cache's slabs that is
 * no CPU's active one, the head page's freelist, inuse and lru, and (with
 * debug) the red zones and metadata of the slab's objects while free.
 *
 * The per-CPU entries come first: kmalloc and kfree touch nothing else.
 */
struct kmem_cache {
	struct kmem_cache_cpu cpu[SLAB_NR_CPUS];
	struct spinlock lock;
	unsigned int object_size;	/* [-] bytes the user may use */
	unsigned int size;		/* [-] stride: bytes per object slot */
	unsigned int offset;		/* [-] object start within its slot */
	unsigned int free_offset;	/* [-] free-list link in an object */
	unsigned int meta_offset;	/* [-] debug: struct slab_meta, ditto */
	unsigned int align;		/* [-] of every object */
	unsigned int order;		/* [-] a slab is 2^order pages */
	unsigned int objects;		/* [-] per slab */
	bool debug;			/* [-] red zones, poison, checks */
	bool permanent;			/* [-] a boot cache, never destroyed */
	unsigned int nr_empty;		/* [c] slabs on @empty */
	struct list_head partial;	/* [c] slabs with some objects free */
	struct list_head full;		/* [c] slabs with none free */
	struct list_head empty;		/* [c] free slabs kept for reuse */
	unsigned long slabs;		/* [c] slabs the cache holds */
	unsigned long leaked;		/* [c] objects lost to corruption */
	const char *name;		/* [-] */
	struct list_head list;		/* [L] on cache_list */
};

/*
 * The link of a free object to the next free one: the object's first word
 * in plain caches, a field of struct slab_meta in debug ones (so that the
 * poison stays whole). [c->lock], or [i] for a CPU's active slab
 */
static inline void *get_free(const struct kmem_cache *c, const void *obj)
{
	return *(void **)((char *)obj + c->free_offset);
}

static inline void set_free(const struct kmem_cache *c, void *obj,
			    void *next)
{
	*(void **)((char *)obj + c->free_offset) = next;
}

/* mm/slab_debug.c: reports, and the debug checks; see there. */
void slab_caller_name(unsigned long addr, char *buf, size_t size);
void slab_oom(const char *what, size_t size, gfp_t gfp, unsigned long caller);
void slab_report(const struct kmem_cache *c, const void *obj,
		 const char *what, unsigned long caller);
size_t slab_debug_layout(struct kmem_cache *c);
void slab_debug_init_object(const struct kmem_cache *c, void *obj);
void slab_debug_check_next(struct kmem_cache *c, struct page *slab,
			   void *obj, unsigned long caller);
bool slab_debug_alloc_ok(struct kmem_cache *c, void *obj, size_t size,
			 unsigned long caller);
bool slab_debug_free_ok(struct kmem_cache *c, struct page *slab, void *obj,
			unsigned long caller);
size_t slab_debug_ksize(const struct kmem_cache *c, struct page *slab,
			const void *obj, unsigned long caller);

#endif
