/*
 * The slab allocator (mm/slab.c): named caches of fixed-size objects
 * (kmem_cache_create) for hot structures, and kmalloc/kfree for 8 B to
 * 8 KiB from power-of-two size classes, larger sizes straight from the page
 * allocator. With DEBUG (make DEBUG=1) objects get red zones and poisoning,
 * and double frees, frees of foreign pointers and writes past the end are
 * reported with the caller's symbol.
 */
#ifndef SLAB_H
#define SLAB_H

#include "types.h"
#include "page.h"

#define KMALLOC_MIN	8
#define KMALLOC_MAX_CACHE 8192		/* larger: whole pages */

struct kmem_cache;

struct kmem_cache_stats {
	const char *name;
	size_t object_size;		/* what the user asked for */
	size_t slab_size;		/* bytes per slab (pages) */
	unsigned long active_objs;	/* allocated objects */
	unsigned long total_objs;	/* objects in all slabs */
	unsigned long slabs;
	unsigned long allocs, frees;	/* since creation */
};

struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align);
/* Fails (returns -EBUSY) while objects are still allocated. */
int kmem_cache_destroy(struct kmem_cache *c);
void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *c, void *obj);
void kmem_cache_get_stats(const struct kmem_cache *c,
			  struct kmem_cache_stats *st);
/* Call @fn for every cache (for /proc/slabinfo later and tests). */
void kmem_cache_for_each(void (*fn)(const struct kmem_cache_stats *st,
				    void *arg), void *arg);

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
/* Also takes kmem_cache_alloc objects; kfree(NULL) does nothing. */
void kfree(const void *p);
/*
 * Usable size of a kmalloc'd object: its size class, or under slab_debug
 * exactly the size asked for (the red zone starts right after it).
 */
size_t ksize(const void *p);

/*
 * Free a cache's empty slabs, the ones it keeps for reuse too; returns the
 * pages freed. slab_shrink() does it for every cache. Neither may be called
 * with a page allocator lock held.
 */
unsigned long kmem_cache_shrink(struct kmem_cache *c);
unsigned long slab_shrink(void);

/* Bytes in slab pages and kmalloc page blocks (/proc/meminfo's Slab). */
unsigned long slab_bytes(void);

/*
 * Red zones, poisoning and checks for the caches created while this is
 * true (each cache keeps the mode it was created with; the kmalloc caches
 * take it at slab_init). Defaults to true under make DEBUG=1.
 */
extern bool slab_debug;
/* Errors detected and reported so far: bad frees, overruns, ... */
unsigned long slab_debug_errors(void);

void slab_init(void);

#endif
