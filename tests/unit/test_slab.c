/*
 * Host tests of the slab allocator (mm/slab.c, mm/slab_debug.c). The
 * kernel services it uses are faked here: a page allocator of naturally
 * aligned 2^k-page blocks over a 16 MiB arena with its own struct page
 * array (freed pages are poisoned for ASan, so slab touching a page it gave
 * back is an error), printk into a log the tests search, a symbol table
 * that names every caller "host_caller", and interrupt-flag no-ops that
 * count nesting, so that a lock left held shows.
 *
 * The kmalloc caches take their debug mode once, at slab_init, so every
 * test runs in a child process with a fresh arena and a fresh allocator,
 * in plain mode, debug mode or both; the parent turns the child's "# FAIL"
 * lines and exit status into the test's result.
 */
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include "unittest.h"
#include "errno.h"
#include "ksyms.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm.h"
#include "page.h"
#include "panic.h"
#include "printk.h"
#include "slab.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#else
#define ASAN_POISON_MEMORY_REGION(a, n)		((void)(a), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(a, n)	((void)(a), (void)(n))
#endif

#define ARENA_PAGES	4096UL		/* 16 MiB */
#define ARENA_BYTES	(ARENA_PAGES * PAGE_SIZE)
#define JUNK		0xa5		/* fresh pages, not zeroed */
#define CHILD_TIMEOUT	60		/* seconds: a looping free list */

/* --- the fake kernel ----------------------------------------------------- */

static struct page host_pages[ARENA_PAGES];
struct page *mem_map = host_pages;
unsigned long max_pfn = ARENA_PAGES;

static char *arena;
static bool page_used[ARENA_PAGES];
static unsigned long arena_used;	/* pages handed out */
static unsigned long arena_limit;	/* at most this many */
static unsigned long initial_used;	/* after slab_init */
static int irq_depth;

static char msg_log[16384];
static size_t msg_len;
static unsigned long nr_msgs;

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long n = 1UL << order, pfn, i;

	if (order > MAX_ORDER || arena_used + n > arena_limit)
		return NULL;
	for (pfn = 0; pfn < ARENA_PAGES; pfn += n) {
		for (i = 0; i < n && !page_used[pfn + i]; i++)
			;
		if (i == n)
			break;
	}
	if (pfn == ARENA_PAGES)
		return NULL;
	for (i = 0; i < n; i++) {
		page_used[pfn + i] = true;
		memset(&host_pages[pfn + i], 0, sizeof(struct page));
	}
	host_pages[pfn].flags = PG_head;
	host_pages[pfn].order = order;
	host_pages[pfn].refcount = 1;
	host_pages[pfn].owner = PAGE_OWNER_KERNEL;
	arena_used += n;
	ASAN_UNPOISON_MEMORY_REGION(arena + pfn * PAGE_SIZE, n * PAGE_SIZE);
	memset(arena + pfn * PAGE_SIZE, gfp & GFP_ZERO ? 0 : JUNK,
	       n * PAGE_SIZE);
	return &host_pages[pfn];
}

void free_pages(struct page *page, unsigned int order)
{
	unsigned long pfn = page - host_pages, n = 1UL << order, i;

	if (pfn >= ARENA_PAGES || !(page->flags & PG_head) ||
	    page->order != order) {
		unit_fail(__FILE__, __LINE__, "free_pages: bad block");
		return;
	}
	for (i = 0; i < n; i++) {
		if (!page_used[pfn + i] || (page[i].flags & PG_slab))
			unit_fail(__FILE__, __LINE__,
				  "free_pages: page %lu free or PG_slab",
				  pfn + i);
		page_used[pfn + i] = false;
		memset(&page[i], 0, sizeof(struct page));
	}
	arena_used -= n;
	ASAN_POISON_MEMORY_REGION(arena + pfn * PAGE_SIZE, n * PAGE_SIZE);
}

void *page_address(const struct page *p)
{
	return arena + (p - host_pages) * PAGE_SIZE;
}

paddr_t page_to_phys(const struct page *p)
{
	return (paddr_t)(p - host_pages) * PAGE_SIZE;
}

struct page *virt_to_page(const void *va)
{
	uintptr_t off = (uintptr_t)va - (uintptr_t)arena;

	return off < ARENA_BYTES ? &host_pages[off / PAGE_SIZE] : NULL;
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	const char *s = buf;
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (s[0] == KERN_SOH[0] && s[1])
		s += 2;
	printf("# %s", s);
	msg_len += strlcpy(msg_log + msg_len, s, sizeof(msg_log) - msg_len);
	if (msg_len >= sizeof(msg_log))
		msg_len = 0;
	nr_msgs++;
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

const char *ksym_lookup(unsigned long addr, unsigned long *offset)
{
	(void)addr;
	*offset = 0x2a;
	return "host_caller";
}

unsigned long arch_irq_save(void)
{
	return irq_depth++;
}

void arch_irq_restore(unsigned long flags)
{
	irq_depth--;
	if ((unsigned long)irq_depth != flags)
		unit_fail(__FILE__, __LINE__, "irq restore out of order");
}

/* One thread: spinning means a lock was left held. */
void arch_cpu_relax(void)
{
	printf("# FAIL: deadlock on a spinlock\n");
	fflush(stdout);
	abort();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	printf("# FAIL: panic: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	abort();
}

static bool log_has(const char *s)
{
	return strstr(msg_log, s) != NULL;
}

static void log_clear(void)
{
	msg_len = 0;
	msg_log[0] = '\0';
}

/* --- running a test on a fresh allocator --------------------------------- */

static void fresh_start(bool debug)
{
	arena = aligned_alloc(ARENA_BYTES, ARENA_BYTES);
	if (!arena)
		abort();
	ASAN_POISON_MEMORY_REGION(arena, ARENA_BYTES);
	arena_limit = ARENA_PAGES;
	slab_debug = debug;
	slab_init();
	initial_used = arena_used;
	log_clear();
}

static void run_fresh(bool debug, void (*body)(void), const char *name)
{
	bool failed = false;
	char line[1024];
	int fds[2], status;
	FILE *in;
	pid_t pid;

	fflush(stdout);
	if (pipe(fds) < 0 || (pid = fork()) < 0) {
		unit_fail(__FILE__, __LINE__, "pipe/fork");
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		alarm(CHILD_TIMEOUT);
		fresh_start(debug);
		body();
		EXPECT_EQ(irq_depth, 0);
		fflush(stdout);
		_exit(0);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	while (fgets(line, sizeof(line), in)) {
		fputs(line, stdout);
		if (strncmp(line, "# FAIL", 6) == 0)
			failed = true;
	}
	fclose(in);
	waitpid(pid, &status, 0);
	if (failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		unit_fail(__FILE__, __LINE__, "%s (%s mode) failed, status %#x",
			  name, debug ? "debug" : "plain", status);
}

#define RUN_PLAIN(body)	run_fresh(false, body, #body)
#define RUN_DEBUG(body)	run_fresh(true, body, #body)
#define RUN_BOTH(body)	do { RUN_PLAIN(body); RUN_DEBUG(body); } while (0)

/* --- helpers ------------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* The kmalloc size class of @size, 0 above the caches. */
static size_t class_of(size_t size)
{
	static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256,
					  512, 1024, 2048, 4096, 8192 };

	for (size_t i = 0; i < ARRAY_SIZE(classes); i++)
		if (size <= classes[i])
			return classes[i];
	return 0;
}

static bool all_bytes(const void *p, uint8_t val, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != val)
			return false;
	return true;
}

struct find_arg {
	const char *name;
	struct kmem_cache_stats st;
	int found;
	unsigned long busy;	/* caches with objects in use, but the */
};				/* kmem_cache cache of the boot caches */

static void find_cache(const struct kmem_cache_stats *st, void *arg)
{
	struct find_arg *f = arg;

	if (st->active_objs && strcmp(st->name, "kmem_cache") != 0)
		f->busy++;
	if (f->name && strcmp(st->name, f->name) == 0) {
		f->st = *st;
		f->found++;
	}
}

static struct find_arg find(const char *name)
{
	struct find_arg f = { .name = name };

	kmem_cache_for_each(find_cache, &f);
	return f;
}

/* Every object freed: shrinking gives every page back. */
static void expect_all_returned(void)
{
	slab_shrink();
	EXPECT_EQ(find(NULL).busy, 0);
	EXPECT_EQ(arena_used, initial_used);
	EXPECT_EQ(slab_bytes(), initial_used * PAGE_SIZE);
}

/* --- kmalloc ------------------------------------------------------------- */

#define PER_SIZE 20

static void size_classes(void)
{
	static const size_t sizes[] = {
		0, 1, 7, 8, 9, 16, 24, 31, 32, 33, 64, 65, 96, 97, 128, 129,
		192, 193, 256, 500, 512, 1000, 1024, 2048, 3000, 4096, 5000,
		8192, 8193, 20000, 100000,
	};

	for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
		size_t size = sizes[s], class = class_of(size);
		size_t align = class ? MIN(class & -class, PAGE_SIZE) :
				       PAGE_SIZE;
		char *p[PER_SIZE];

		for (int i = 0; i < PER_SIZE; i++) {
			p[i] = kmalloc(size, GFP_KERNEL);
			EXPECT(p[i] != NULL);
			if (!p[i])
				return;
			EXPECT((uintptr_t)p[i] % align == 0);
			if (slab_debug || !class)
				EXPECT(ksize(p[i]) >= size);
			else
				EXPECT_EQ(ksize(p[i]), class);
			memset(p[i], i + 1, size);
		}
		for (int i = 0; i < PER_SIZE; i++) {
			EXPECT(all_bytes(p[i], i + 1, size));
			kfree(p[i]);
		}
	}
	EXPECT_EQ(slab_debug_errors(), 0);
	expect_all_returned();
}

TEST(kmalloc_every_size_class)
{
	RUN_BOTH(size_classes);
}

static void zero_and_null(void)
{
	char *a, *b, *p;
	unsigned long n = nr_msgs;

	kfree(NULL);
	EXPECT_EQ(ksize(NULL), 0);
	a = kmalloc(0, GFP_KERNEL);
	b = kmalloc(0, GFP_KERNEL);
	EXPECT(a && b && a != b);
	kfree(a);
	kfree(b);

	p = kmalloc(100, GFP_KERNEL);
	memset(p, 0xff, 100);
	kfree(p);
	p = kzalloc(100, GFP_KERNEL);
	EXPECT(all_bytes(p, 0, 100));
	kfree(p);
	p = kzalloc(20000, GFP_KERNEL);
	EXPECT(all_bytes(p, 0, 20000));
	kfree(p);
	EXPECT_EQ(nr_msgs, n);
	EXPECT_EQ(slab_debug_errors(), 0);
	expect_all_returned();
}

TEST(kmalloc_zero_size_kzalloc_and_null)
{
	RUN_BOTH(zero_and_null);
}

static void big_sizes(void)
{
	unsigned long used = arena_used, bytes = slab_bytes();
	char *p = kmalloc(20000, GFP_KERNEL), *q;

	EXPECT((uintptr_t)p % PAGE_SIZE == 0);
	EXPECT_EQ(ksize(p), 32768);
	EXPECT_EQ(arena_used, used + 8);
	EXPECT_EQ(slab_bytes(), bytes + 32768);
	EXPECT(!(virt_to_page(p)->flags & PG_slab));
	memset(p, 1, 32768);
	kfree(p);
	EXPECT_EQ(arena_used, used);
	EXPECT_EQ(slab_bytes(), bytes);

	/* Zone requests get whole pages, whatever the size. */
	q = kmalloc(64, GFP_DMA);
	EXPECT((uintptr_t)q % PAGE_SIZE == 0);
	EXPECT_EQ(ksize(q), PAGE_SIZE);
	kfree(q);

	log_clear();
	EXPECT(kmalloc(SIZE_MAX, GFP_KERNEL) == NULL);
	EXPECT(kmalloc(PAGE_SIZE << (MAX_ORDER + 1), GFP_KERNEL) == NULL);
	EXPECT(log_has("out of memory"));
	EXPECT(log_has("host_caller"));
	EXPECT_EQ(slab_debug_errors(), 0);
	expect_all_returned();
}

TEST(kmalloc_big_sizes_from_pages)
{
	RUN_BOTH(big_sizes);
}

/* --- caches -------------------------------------------------------------- */

static void alignment(void)
{
	static const struct { size_t size, align; } cases[] = {
		{ 1, 0 }, { 24, 0 }, { 40, 64 }, { 100, 128 }, { 8, 4096 },
		{ 3000, 0 }, { 5000, 512 }, { 17, 16 },
	};

	for (size_t k = 0; k < ARRAY_SIZE(cases); k++) {
		size_t size = cases[k].size, align = MAX(cases[k].align, 8);
		struct kmem_cache *c = kmem_cache_create("align", size,
							 cases[k].align);
		char *p[30];

		EXPECT(c != NULL);
		if (!c)
			return;
		for (int i = 0; i < 30; i++) {
			p[i] = kmem_cache_alloc(c, GFP_KERNEL);
			EXPECT((uintptr_t)p[i] % align == 0);
			memset(p[i], i, size);
		}
		for (int i = 0; i < 30; i++) {
			EXPECT(all_bytes(p[i], i, size));
			kmem_cache_free(c, p[i]);
		}
		EXPECT_EQ(kmem_cache_destroy(c), 0);
	}

	log_clear();
	EXPECT(kmem_cache_create("bad", 0, 0) == NULL);
	EXPECT(kmem_cache_create("bad", 64, 3) == NULL);
	EXPECT(kmem_cache_create("bad", 64, 2 * PAGE_SIZE) == NULL);
	EXPECT(kmem_cache_create("bad", 1 << 20, 0) == NULL);
	EXPECT(log_has("bad size"));
	EXPECT_EQ(slab_debug_errors(), 0);
	expect_all_returned();
}

TEST(cache_alignment_and_bad_arguments)
{
	RUN_BOTH(alignment);
}

static void stats(void)
{
	unsigned long used = arena_used;
	struct kmem_cache *c = kmem_cache_create("test-obj", 200, 0);
	struct find_arg f;
	void *p[100];

	for (int i = 0; i < 100; i++)
		p[i] = kmem_cache_alloc(c, GFP_KERNEL);
	f = find("test-obj");
	EXPECT_EQ(f.found, 1);
	EXPECT_EQ(f.st.object_size, 200);
	EXPECT_EQ(f.st.allocs, 100);
	EXPECT_EQ(f.st.frees, 0);
	EXPECT_EQ(f.st.active_objs, 100);
	EXPECT(f.st.slabs >= 1);
	EXPECT(f.st.total_objs >= 100);
	EXPECT_EQ(f.st.total_objs % f.st.slabs, 0);
	EXPECT(f.st.slabs * f.st.slab_size >= 100 * 200);
	EXPECT(f.st.total_objs / f.st.slabs >= 8);

	log_clear();
	EXPECT_EQ(kmem_cache_destroy(c), -EBUSY);
	EXPECT(log_has("test-obj"));
	for (int i = 0; i < 40; i++)
		kmem_cache_free(c, p[i]);
	/* kfree takes any slab object: the page knows its cache. */
	for (int i = 40; i < 50; i++)
		kfree(p[i]);
	kmem_cache_get_stats(c, &f.st);
	EXPECT_EQ(f.st.frees, 50);
	EXPECT_EQ(f.st.active_objs, 50);
	EXPECT_EQ(kmem_cache_destroy(c), -EBUSY);
	for (int i = 50; i < 100; i++)
		kmem_cache_free(c, p[i]);
	kmem_cache_get_stats(c, &f.st);
	EXPECT_EQ(f.st.active_objs, 0);
	EXPECT_EQ(f.st.allocs, 100);
	EXPECT_EQ(f.st.frees, 100);
	/* Emptied slabs go back to the page allocator, but for one kept. */
	kmem_cache_get_stats(c, &f.st);
	EXPECT(f.st.slabs >= 1 && f.st.slabs <= 2);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	EXPECT_EQ(find("test-obj").found, 0);
	EXPECT_EQ(arena_used, used);

	/* The boot caches stay. */
	EXPECT_EQ(find("kmalloc-64").found, 1);
	EXPECT_EQ(find("kmalloc-96").found, 1);
	EXPECT_EQ(find("kmalloc-8k").found, 1);
	EXPECT_EQ(find("kmem_cache").found, 1);
	EXPECT(kmem_cache_destroy(NULL) == 0);
	EXPECT_EQ(slab_debug_errors(), 0);
	expect_all_returned();
}

TEST(cache_stats_and_destroy)
{
	RUN_BOTH(stats);
}

static void slab_bytes_and_shrink(void)
{
	unsigned long bytes = slab_bytes();
	struct find_arg f;
	void *p = kmalloc(64, GFP_KERNEL);

	f = find("kmalloc-64");
	EXPECT_EQ(slab_bytes(), bytes + f.st.slab_size);
	EXPECT_EQ(f.st.slabs, 1);
	kfree(p);
	/* The empty slab stays for reuse until a shrink. */
	EXPECT_EQ(slab_bytes(), bytes + f.st.slab_size);
	EXPECT_EQ(slab_shrink(), f.st.slab_size / PAGE_SIZE);
	EXPECT_EQ(slab_bytes(), bytes);
	EXPECT_EQ(find("kmalloc-64").st.slabs, 0);
}

TEST(slab_bytes_counts_pages_and_shrink_frees_them)
{
	RUN_BOTH(slab_bytes_and_shrink);
}

/* --- random sequences against a model ------------------------------------ */

#define NLIVE	400
#define NOPS	30000

struct live {
	char *p;
	size_t size;
	int kind;		/* 0: kmalloc, else caches[kind - 1] */
	uint8_t fill;
};

static size_t random_size(void)
{
	uint64_t r = rnd() % 100;

	if (r < 70)
		return rnd() % 257;
	if (r < 95)
		return rnd() % 8193;
	return rnd() % 20001;
}

static bool overlaps(const struct live *l, const char *p, size_t size)
{
	size_t lsize = MAX(l->size, 1);

	size = MAX(size, 1);
	return p < l->p + lsize && l->p < p + size;
}

/*
 * The counts kfree's fast path leaves to be derived (mm/slab_internal.h:
 * struct kmem_cache_cpu) agree with the model's, slabs coming and going.
 */
static void expect_counts(struct kmem_cache *c, unsigned long allocs,
			  unsigned long frees)
{
	struct kmem_cache_stats st;

	kmem_cache_get_stats(c, &st);
	EXPECT_EQ(st.allocs, allocs);
	EXPECT_EQ(st.frees, frees);
	EXPECT_EQ(st.active_objs, allocs - frees);
}

static void random_model(void)
{
	static const size_t csize[] = { 24, 200, 3000 }, calign[] = {
		0, 64, 0 };
	static struct live live[NLIVE];
	struct kmem_cache *caches[3];
	unsigned long allocs[3] = { 0 }, frees[3] = { 0 };
	int i, k;

	for (k = 0; k < 3; k++)
		caches[k] = kmem_cache_create("random", csize[k], calign[k]);
	for (int op = 0; op < NOPS; op++) {
		struct live *l = &live[rnd() % NLIVE];

		if (l->p) {
			EXPECT(all_bytes(l->p, l->fill, l->size));
			if (l->kind)
				frees[l->kind - 1]++;
			if (l->kind && rnd() % 2)
				kmem_cache_free(caches[l->kind - 1], l->p);
			else
				kfree(l->p);
			l->p = NULL;
			continue;
		}
		l->kind = rnd() % 4;
		l->size = l->kind ? csize[l->kind - 1] : random_size();
		l->p = l->kind ? kmem_cache_alloc(caches[l->kind - 1],
						  GFP_KERNEL) :
				 kmalloc(l->size, GFP_KERNEL);
		EXPECT(l->p != NULL);
		if (!l->p)
			return;
		if (l->kind)
			allocs[l->kind - 1]++;
		for (i = 0; i < NLIVE; i++)
			if (&live[i] != l && live[i].p &&
			    overlaps(&live[i], l->p, l->size))
				unit_fail(__FILE__, __LINE__,
					  "overlap at op %d", op);
		EXPECT(ksize(l->p) >= l->size);
		l->fill = rnd();
		memset(l->p, l->fill, l->size);
		if (op % 1000 == 0) {
			EXPECT_EQ(irq_depth, 0);
			for (k = 0; k < 3; k++)
				expect_counts(caches[k], allocs[k], frees[k]);
		}
	}
	for (i = 0; i < NLIVE; i++) {
		if (!live[i].p)
			continue;
		EXPECT(all_bytes(live[i].p, live[i].fill, live[i].size));
		if (live[i].kind)
			frees[live[i].kind - 1]++;
		kfree(live[i].p);
		live[i].p = NULL;
	}
	for (k = 0; k < 3; k++) {
		expect_counts(caches[k], allocs[k], frees[k]);
		EXPECT_EQ(kmem_cache_destroy(caches[k]), 0);
	}
	EXPECT_EQ(slab_debug_errors(), 0);
	expect_all_returned();
}

TEST(random_alloc_free_against_a_model)
{
	RUN_BOTH(random_model);
}

/* --- exhaustion ---------------------------------------------------------- */

#define MAX_HELD 100000

static void exhaustion(void)
{
	struct kmem_cache *c = kmem_cache_create("exhaust", 512, 0);
	void **held = malloc(MAX_HELD * sizeof(void *));
	unsigned long n;
	int count = 0;

	arena_limit = arena_used + 16;
	log_clear();
	while (count < MAX_HELD && (held[count] = kmalloc(64, GFP_KERNEL)))
		count++;
	EXPECT(count > 16 && count < MAX_HELD);
	EXPECT(log_has("out of memory: 64 bytes"));
	EXPECT(log_has("host_caller+0x2a"));

	log_clear();
	EXPECT(kmalloc(20000, GFP_KERNEL) == NULL);
	EXPECT(log_has("20000 bytes"));
	EXPECT(kmem_cache_alloc(c, GFP_KERNEL) == NULL);
	EXPECT(log_has("exhaust"));
	n = nr_msgs;
	EXPECT(kmalloc(64, GFP_KERNEL | GFP_NOWARN) == NULL);
	EXPECT(kmalloc(1 << 20, GFP_NOWARN) == NULL);
	EXPECT_EQ(nr_msgs, n);

	while (count > 0)
		kfree(held[--count]);
	arena_limit = ARENA_PAGES;
	held[0] = kmem_cache_alloc(c, GFP_KERNEL);
	held[1] = kmalloc(20000, GFP_KERNEL);
	EXPECT(held[0] && held[1]);
	kmem_cache_free(c, held[0]);
	kfree(held[1]);
	free(held);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	EXPECT_EQ(slab_debug_errors(), 0);
	expect_all_returned();
}

TEST(exhaustion_returns_null_and_names_the_caller)
{
	RUN_BOTH(exhaustion);
}

/* --- bad pointers and corruption ----------------------------------------- */

/* Each call must report exactly one error. */
#define EXPECT_ONE_ERROR(call)						\
	do {								\
		unsigned long _e = slab_debug_errors();			\
		call;							\
		EXPECT_EQ(slab_debug_errors(), _e + 1);			\
	} while (0)

/* Detected in both modes: pointers into no slab at all. */
static void foreign_pointers(void)
{
	struct kmem_cache *c1 = kmem_cache_create("one", 48, 0);
	struct kmem_cache *c2 = kmem_cache_create("two", 48, 0);
	char *host = malloc(64), *big = kmalloc(20000, GFP_KERNEL);
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	void *o = kmem_cache_alloc(c1, GFP_KERNEL);
	int on_stack;

	log_clear();
	EXPECT_ONE_ERROR(kfree(&on_stack));
	EXPECT(log_has("never returned"));
	EXPECT(log_has("host_caller"));
	EXPECT_ONE_ERROR(kfree(host));
	EXPECT_ONE_ERROR(kfree(page_address(page)));
	EXPECT_ONE_ERROR(kfree(big + PAGE_SIZE));
	EXPECT_ONE_ERROR(kfree(big + 8));
	EXPECT_ONE_ERROR(EXPECT_EQ(ksize(&on_stack), 0));
	EXPECT_ONE_ERROR(kmem_cache_free(c2, o));
	EXPECT(log_has("another cache"));
	EXPECT_ONE_ERROR(kmem_cache_free(c1, &on_stack));

	/* The real frees still work and nothing else is reported. */
	EXPECT_EQ(kmem_cache_destroy(c1), -EBUSY);
	kmem_cache_free(c1, o);
	kfree(big);
	free_pages(page, 0);
	free(host);
	EXPECT_EQ(slab_debug_errors(), 8);
	EXPECT_EQ(kmem_cache_destroy(c1), 0);
	EXPECT_EQ(kmem_cache_destroy(c2), 0);
	expect_all_returned();
}

TEST(free_of_foreign_pointers_is_reported)
{
	RUN_BOTH(foreign_pointers);
}

/* After errors, the allocator still hands out distinct, whole objects. */
static void expect_still_sane(size_t size, const void *bad)
{
	char *p[64];

	for (int i = 0; i < 64; i++) {
		p[i] = kmalloc(size, GFP_KERNEL);
		EXPECT(p[i] != NULL && p[i] != bad);
		memset(p[i], i, size);
	}
	for (int i = 0; i < 64; i++) {
		EXPECT(all_bytes(p[i], i, size));
		kfree(p[i]);
	}
}

static void double_free(void)
{
	struct kmem_cache *c = kmem_cache_create("dbl", 40, 0);
	char *p = kmalloc(32, GFP_KERNEL), *a, *b;
	void *o = kmem_cache_alloc(c, GFP_KERNEL);
	unsigned long errors;

	kfree(p);
	log_clear();
	EXPECT_ONE_ERROR(kfree(p));
	EXPECT(log_has("double free"));
	EXPECT(log_has("kmalloc-32"));
	EXPECT(log_has("host_caller"));
	EXPECT(log_has("last freed by host_caller"));
	/* Handed out once, not twice. */
	a = kmalloc(32, GFP_KERNEL);
	b = kmalloc(32, GFP_KERNEL);
	EXPECT(a != b);
	kfree(a);
	kfree(b);

	kmem_cache_free(c, o);
	EXPECT_ONE_ERROR(kmem_cache_free(c, o));
	EXPECT_ONE_ERROR(kfree(o));
	errors = slab_debug_errors();
	expect_still_sane(32, NULL);
	EXPECT_EQ(slab_debug_errors(), errors);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	expect_all_returned();
}

TEST(debug_double_free)
{
	RUN_DEBUG(double_free);
}

static void misaligned(void)
{
	struct kmem_cache *c = kmem_cache_create("mis", 100, 0);
	char *p = kmalloc(64, GFP_KERNEL), *o = kmem_cache_alloc(c, 0);

	log_clear();
	EXPECT_ONE_ERROR(kfree(p + 8));
	EXPECT(log_has("not an object"));
	EXPECT_ONE_ERROR(kfree(p + 1));
	EXPECT_ONE_ERROR(kfree(p - 1));
	EXPECT_ONE_ERROR(kmem_cache_free(c, o + 50));
	EXPECT_ONE_ERROR(ksize(p + 8));
	/* Past the last object of the slab, in its unused tail. */
	EXPECT_ONE_ERROR(kfree((char *)((uintptr_t)p | (PAGE_SIZE - 8))));
	kfree(p);
	kmem_cache_free(c, o);
	EXPECT_EQ(slab_debug_errors(), 6);
	EXPECT_EQ(kmem_cache_destroy(c), 0);
	expect_all_returned();
}

TEST(debug_misaligned_pointers)
{
	RUN_DEBUG(misaligned);
}

static void overruns(void)
{
	struct kmem_cache *c = kmem_cache_create("over", 40, 0);
	char *p = kmalloc(24, GFP_KERNEL), *q, *r, *s;
	size_t a;

	EXPECT_EQ(ksize(p), 24);
	p[24] = 'x';
	log_clear();
	EXPECT_ONE_ERROR(kfree(p));
	EXPECT(log_has("write past the end (byte 24 of a 24-byte object)"));
	EXPECT(log_has("kmalloc-32"));
	EXPECT(log_has("last allocated by host_caller"));
	/* The overrun object is kept out of use: freeing it again reports. */
	expect_still_sane(24, p);
	EXPECT_ONE_ERROR(kfree(p));

	q = kmalloc(32, GFP_KERNEL);
	q[32] = 0;
	EXPECT_ONE_ERROR(kfree(q));
	r = kmem_cache_alloc(c, GFP_KERNEL);
	r[-1] = 0;
	EXPECT_ONE_ERROR(kmem_cache_free(c, r));
	EXPECT(log_has("before the start"));
	s = kzalloc(100, GFP_KERNEL);
	EXPECT(all_bytes(s, 0, 100));
	s[120] = 0;
	EXPECT_ONE_ERROR(kfree(s));
	/* Objects lost to corruption still count: the cache is not empty. */
	EXPECT_EQ(kmem_cache_destroy(c), -EBUSY);

	a = slab_debug_errors();
	expect_still_sane(24, p);
	expect_still_sane(100, s);
	EXPECT_EQ(slab_debug_errors(), a);
}

TEST(debug_write_past_the_end)
{
	RUN_DEBUG(overruns);
}

static void use_after_free(void)
{
	char *p = kmalloc(64, GFP_KERNEL), *q, *w;
	size_t e;

	kfree(p);
	p[10] = 0x42;
	log_clear();
	EXPECT_ONE_ERROR(q = kmalloc(64, GFP_KERNEL));
	EXPECT(q != NULL && q != p);
	EXPECT(log_has("write after free (byte 10)"));
	EXPECT(log_has("last freed by host_caller"));
	kfree(q);

	/* Past the end of a free object: its red zone. */
	q = kmalloc(64, GFP_KERNEL);
	kfree(q);
	q[64] = 1;
	EXPECT_ONE_ERROR(w = kmalloc(64, GFP_KERNEL));
	EXPECT(log_has("red zone of a free object"));
	EXPECT(w != q);
	kfree(w);

	/* A wild write over a free object and its free-list link. */
	w = kmalloc(64, GFP_KERNEL);
	kfree(w);
	memset(w, 0x11, 128);
	e = slab_debug_errors();
	q = kmalloc(64, GFP_KERNEL);
	EXPECT(q != NULL && q != w);
	EXPECT(slab_debug_errors() > e);
	kfree(q);

	e = slab_debug_errors();
	expect_still_sane(64, p);
	expect_still_sane(64, w);
	EXPECT_EQ(slab_debug_errors(), e);
}

TEST(debug_write_after_free)
{
	RUN_DEBUG(use_after_free);
}
