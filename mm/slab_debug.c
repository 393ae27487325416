/*
 * The slab allocator's debugging layer (slab_debug; on by default under
 * make DEBUG=1): red zones around every object, poison in free objects, a
 * record of who last allocated and freed each object, and the checks that
 * use them to catch double frees, frees of pointers that are not objects,
 * writes past either end and writes after free. Also the messages: the
 * error report and its counter, which mm/slab.c uses for the foreign
 * pointers it catches without debugging too, and the out-of-memory line.
 * The checks run from mm/slab.c's slow paths with the cache's lock held
 * (mm/slab_internal.h).
 *
 * A debug cache lays each object slot out as
 *
 *	| left red zone | object          | right red zone | struct slab_meta |
 *	^ slot start     ^ object (aligned as asked)
 *
 * Red zones hold RED_ACTIVE while the object is allocated and RED_INACTIVE
 * while it is free, so their state tells a double free from an overrun; the
 * unused tail of a kmalloc object, past the size asked for, counts as red
 * zone. A free object is filled with POISON_FREE, and allocation checks it
 * is still whole. An object that fails a check is reported and then left
 * alone: a bad free is ignored and a corrupted free object never handed
 * out, trading a leak for the certainty that nothing gets corrupted further.
 */
#include "ksyms.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "printk.h"
#include "slab.h"
#include "slab_internal.h"

#define RED_ZONE	16	/* bytes on each side, at least */
#define RED_ACTIVE	0xcc
#define RED_INACTIVE	0xbb
#define POISON_FREE	0x6b

/* After each debug object's right red zone. [c->lock] */
struct slab_meta {
	void *free_next;		/* free-list link while free */
	unsigned long alloc_caller;	/* who allocated it last */
	unsigned long free_caller;	/* who freed it last */
	size_t orig_size;		/* bytes asked for (kmalloc) */
};

static unsigned long slab_errors;	/* atomic */

unsigned long slab_debug_errors(void)
{
	return __atomic_load_n(&slab_errors, __ATOMIC_RELAXED);
}

/* "name+0x1f", or the bare address outside the kernel's text. */
void slab_caller_name(unsigned long addr, char *buf, size_t size)
{
	unsigned long off;
	const char *name = ksym_lookup(addr, &off);

	if (name)
		snprintf(buf, size, "%s+%#lx", name, off);
	else
		snprintf(buf, size, "%#lx", addr);
}

void slab_oom(const char *what, size_t size, gfp_t gfp, unsigned long caller)
{
	char who[SLAB_SYM_LEN];

	if (gfp & GFP_NOWARN)
		return;
	slab_caller_name(caller, who, sizeof(who));
	pr_err("%s: out of memory: %zu bytes (gfp %#x) for %s\n", what, size,
	       gfp, who);
}

void slab_report(const struct kmem_cache *c, const void *obj,
		 const char *what, unsigned long caller)
{
	char who[SLAB_SYM_LEN];

	__atomic_add_fetch(&slab_errors, 1, __ATOMIC_RELAXED);
	slab_caller_name(caller, who, sizeof(who));
	pr_err("slab: %s: %p in %s, from %s\n", what, obj,
	       c ? c->name : "no cache", who);
}

static struct slab_meta *meta_of(const struct kmem_cache *c, const void *obj)
{
	return (struct slab_meta *)((char *)obj + c->meta_offset);
}

static char *left_zone(const struct kmem_cache *c, const void *obj)
{
	return (char *)obj - c->offset;
}

/* Index of the first byte of [p, p + n) that is not @val, or n. */
static size_t find_bad(const void *p, uint8_t val, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n && b[i] == val; i++)
		;
	return i;
}

/* Report a problem with a real object, and the object's history. */
static void __printf(4, 5) report_object(const struct kmem_cache *c,
					 const void *obj, unsigned long caller,
					 const char *fmt, ...)
{
	struct slab_meta *m = meta_of(c, obj);
	char what[96], by[SLAB_SYM_LEN], freed[SLAB_SYM_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	slab_report(c, obj, what, caller);
	slab_caller_name(m->alloc_caller, by, sizeof(by));
	slab_caller_name(m->free_caller, freed, sizeof(freed));
	pr_err("slab: %p was last allocated by %s, last freed by %s\n", obj,
	       m->alloc_caller ? by : "nobody",
	       m->free_caller ? freed : "nobody");
}

/* Is @p the start of one of @slab's objects? */
static bool is_object(const struct kmem_cache *c, struct page *slab,
		      const void *p)
{
	/* Unsigned: a pointer below the first object wraps to a huge value. */
	unsigned long off = (unsigned long)p -
			    (unsigned long)page_address(slab) - c->offset;

	return off % c->size == 0 && off / c->size < c->objects;
}

size_t slab_debug_layout(struct kmem_cache *c)
{
	size_t osize = ALIGN_UP((size_t)c->object_size, sizeof(void *));

	c->offset = ALIGN_UP(RED_ZONE, c->align);
	c->meta_offset = osize + RED_ZONE;
	c->free_offset = c->meta_offset + offsetof(struct slab_meta,
						   free_next);
	return c->offset + c->meta_offset + sizeof(struct slab_meta);
}

/* Lay out a new slab's object as free. */
void slab_debug_init_object(const struct kmem_cache *c, void *obj)
{
	char *o = obj;

	memset(left_zone(c, obj), RED_INACTIVE, c->offset);
	memset(o, POISON_FREE, c->object_size);
	memset(o + c->object_size, RED_INACTIVE,
	       c->meta_offset - c->object_size);
	memset(meta_of(c, obj), 0, sizeof(struct slab_meta));
}

/*
 * After @obj was popped off @slab: a free-list link that does not lead to
 * another of the slab's objects was overwritten. Cut the list there and
 * count the objects it held as lost.
 */
void slab_debug_check_next(struct kmem_cache *c, struct page *slab,
			   void *obj, unsigned long caller)
{
	void *next = slab->freelist;

	if (!next || (slab->inuse < slab->objects &&
		      is_object(c, slab, next)))
		return;
	report_object(c, obj, caller, "free-list link overwritten (%p)",
		      next);
	c->leaked += slab->objects - slab->inuse;
	slab->inuse = slab->objects;
	slab->freelist = NULL;
}

/*
 * Check that free @obj is untouched and make it allocated, with @size of
 * its object_size bytes usable. False, after a report, when it is not.
 */
bool slab_debug_alloc_ok(struct kmem_cache *c, void *obj, size_t size,
			 unsigned long caller)
{
	struct slab_meta *m = meta_of(c, obj);
	size_t right = c->meta_offset - c->object_size;
	char *o = obj;
	size_t bad;

	if (find_bad(left_zone(c, obj), RED_INACTIVE, c->offset) < c->offset ||
	    find_bad(o + c->object_size, RED_INACTIVE, right) < right) {
		report_object(c, obj, caller, "red zone of a free object "
			      "overwritten");
		return false;
	}
	bad = find_bad(o, POISON_FREE, c->object_size);
	if (bad < c->object_size) {
		report_object(c, obj, caller, "write after free (byte %zu)",
			      bad);
		return false;
	}
	memset(left_zone(c, obj), RED_ACTIVE, c->offset);
	memset(o + size, RED_ACTIVE, c->meta_offset - size);
	m->orig_size = size;
	m->alloc_caller = caller;
	return true;
}

/*
 * Check a free of @obj (a pointer into @slab): that it is an allocated
 * object with intact red zones. If so, poison it and return true; if not,
 * report and return false, and the free must not happen.
 */
bool slab_debug_free_ok(struct kmem_cache *c, struct page *slab, void *obj,
			unsigned long caller)
{
	struct slab_meta *m = meta_of(c, obj);
	char *o = obj;
	size_t bad;

	if (!is_object(c, slab, obj)) {
		slab_report(c, obj, "free of a pointer that is not an object",
			    caller);
		return false;
	}
	if (find_bad(left_zone(c, obj), RED_INACTIVE, c->offset) ==
	    c->offset) {
		report_object(c, obj, caller, "double free");
		return false;
	}
	bad = find_bad(left_zone(c, obj), RED_ACTIVE, c->offset);
	if (bad < c->offset) {
		report_object(c, obj, caller, "write before the start "
			      "(byte -%zu)", (size_t)c->offset - bad);
		return false;
	}
	if (m->orig_size > c->object_size) {
		report_object(c, obj, caller, "object record overwritten");
		return false;
	}
	bad = find_bad(o + m->orig_size, RED_ACTIVE,
		       c->meta_offset - m->orig_size);
	if (bad < c->meta_offset - m->orig_size) {
		report_object(c, obj, caller, "write past the end (byte %zu "
			      "of a %zu-byte object)", m->orig_size + bad,
			      m->orig_size);
		return false;
	}
	memset(left_zone(c, obj), RED_INACTIVE, c->offset);
	memset(o, POISON_FREE, c->object_size);
	memset(o + c->object_size, RED_INACTIVE,
	       c->meta_offset - c->object_size);
	m->free_caller = caller;
	return true;
}

/* Exactly the size asked for, so that the red zone begins right after. */
size_t slab_debug_ksize(const struct kmem_cache *c, struct page *slab,
			const void *obj, unsigned long caller)
{
	struct slab_meta *m = meta_of(c, obj);

	if (!is_object(c, slab, obj) || m->orig_size > c->object_size) {
		slab_report(c, obj, "ksize of a pointer that is not an object",
			    caller);
		return 0;
	}
	return m->orig_size;
}
