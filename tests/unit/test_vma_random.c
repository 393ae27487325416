/*
 * Host tests for the vma tree (mm/vma.c) against a model: long random
 * runs of mmap (finding a gap, or MAP_FIXED over whatever is there),
 * munmap, mprotect, raw inserts and splits, in a window of pages at
 * address 0, in the middle of user space and at the very top, checked
 * after every step. test_vma.c has each operation's edge cases.
 */
#include <stdint.h>
#include "vma_test.h"

/*
 * The random runs: a window of NPG pages at @base, a model saying for each
 * page whether it is mapped and with what flags, object and pgoff, and the
 * tree. Every step merges where it can, as mmap and mprotect will, so the
 * tree must be exactly the model's maximal runs of pages that could share
 * a vma, and after every step it is compared with them.
 */
enum { NPG = 512, STEPS = 25000 };

struct page_model {
	bool used;
	unsigned int flags;
	void *object;
	unsigned long pgoff;
};

static struct {
	struct vma_tree tree;
	struct page_model pg[NPG];
	unsigned long base;
	uint64_t rng;
	bool failed;
	unsigned long mapped, unmapped, gap_misses, most;
} sim;

static unsigned long rnd(unsigned long n)
{
	sim.rng ^= sim.rng << 13;
	sim.rng ^= sim.rng >> 7;
	sim.rng ^= sim.rng << 17;
	return sim.rng % n;
}

static unsigned long addr_of(unsigned long i)
{
	return sim.base + i * P;
}

static void sim_fail(int line, const char *what, unsigned long i)
{
	if (!sim.failed)
		unit_fail(__FILE__, line, "%s at page %lu (base %#lx)", what,
			  i, sim.base);
	sim.failed = true;
}

static bool compatible(unsigned long i)
{
	const struct page_model *a = &sim.pg[i], *b = &sim.pg[i + 1];

	return b->used && a->flags == b->flags && a->object == b->object &&
	       a->pgoff + 1 == b->pgoff;
}

/* The tree must be the model's runs, one vma per run. */
static void sim_compare(void)
{
	struct vma *v = vma_first(&sim.tree);
	unsigned long runs = 0, pages = 0, i = 0, j;
	int err = vma_tree_check(&sim.tree);

	if (err)
		sim_fail(__LINE__, "vma_tree_check() failed", -err);
	for (;;) {
		while (i < NPG && !sim.pg[i].used)
			i++;
		if (i == NPG)
			break;
		for (j = i + 1; j < NPG && compatible(j - 1); j++)
			;
		if (!v || v->start != addr_of(i) || v->end != addr_of(j) ||
		    v->flags != sim.pg[i].flags ||
		    v->object != sim.pg[i].object ||
		    v->pgoff != sim.pg[i].pgoff) {
			sim_fail(__LINE__, "tree differs from the model", i);
			return;
		}
		runs++;
		pages += j - i;
		v = vma_next(v);
		i = j;
	}
	if (v)
		sim_fail(__LINE__, "extra vma", (v->start - sim.base) / P);
	if (sim.tree.count != runs || sim.tree.total_pages != pages)
		sim_fail(__LINE__, "counters differ from the model", 0);
	i = rnd(NPG);
	if (!vma_find(&sim.tree, addr_of(i) + rnd(P)) != !sim.pg[i].used)
		sim_fail(__LINE__, "vma_find() disagrees", i);
}

static void model_set(unsigned long lo, unsigned long hi, unsigned int flags,
		      void *object, unsigned long pgoff)
{
	for (unsigned long i = lo; i < hi; i++)
		sim.pg[i] = (struct page_model){
			.used = true, .flags = flags, .object = object,
			.pgoff = pgoff + (i - lo),
		};
}

/* A random page range [*lo, *hi) of 1 to @max pages inside the window. */
static void pick_range(unsigned long max, unsigned long *lo,
		       unsigned long *hi)
{
	*lo = rnd(NPG);
	*hi = *lo + 1 + rnd(MIN(max, NPG - *lo));
}

static void merge_and_free(struct vma *v)
{
	struct vma *freed[VMA_MERGE_MAX_FREED];

	vma_merge_around(&sim.tree, v, freed);
	free_merged(freed);
}

/* Map pages [lo, hi), which must be free, with random attributes. */
static void sim_map(unsigned long lo, unsigned long hi)
{
	static const unsigned int flag_set[] = {
		R, R, RW, RW, R | VMA_EXEC, STACK, RW | VMA_SHARED,
		RW | VMA_MAYWRITE | VMA_MAYREAD,
	};
	unsigned int flags = flag_set[rnd(ARRAY_SIZE(flag_set))];
	void *object = rnd(3) ? NULL : &objects[rnd(2)];
	unsigned long pgoff = addr_of(lo) / P;
	struct vma *v;

	if (object) {
		pgoff = rnd(64);
		if (lo && sim.pg[lo - 1].used &&
		    sim.pg[lo - 1].object == object && rnd(2))
			pgoff = sim.pg[lo - 1].pgoff + 1;
	}
	v = new_vma(addr_of(lo), addr_of(hi), flags, object, pgoff);
	if (vma_insert(&sim.tree, v)) {
		sim_fail(__LINE__, "insert into a free range failed", lo);
		free(v);
		return;
	}
	merge_and_free(v);
	model_set(lo, hi, flags, object, pgoff);
	sim.mapped++;
}

/* Carve [lo, hi) out of the tree, sometimes first with too few spares. */
static void sim_carve(unsigned long lo, unsigned long hi)
{
	unsigned long s = addr_of(lo), e = addr_of(hi);
	int splits = vma_carve_splits(&sim.tree, s, e), used;
	struct vma *sp[2];

	if (splits > 0 && !rnd(8)) {
		struct vma dummy;

		vma_init(&dummy, 0, 0, 0, NULL, 0);
		sp[0] = splits == 2 && rnd(2) ? &dummy : NULL;
		sp[1] = sp[0] ? NULL : &dummy;
		if (vma_carve(&sim.tree, s, e, sp) != -ENOMEM ||
		    vma_linked(&dummy))
			sim_fail(__LINE__, "carve without spares", lo);
		sim_compare();
	}
	used = vma_carve(&sim.tree, s, e, spares(sp));
	if (used != splits)
		sim_fail(__LINE__, "carve used other than it said", lo);
	free_unused(sp, used);
}

static void sim_munmap(unsigned long lo, unsigned long hi)
{
	struct vma *v, *next;

	sim_carve(lo, hi);
	for (v = vma_find_next(&sim.tree, addr_of(lo));
	     v && v->start < addr_of(hi); v = next) {
		next = vma_next(v);
		if (v->start < addr_of(lo) || v->end > addr_of(hi))
			sim_fail(__LINE__, "carve left a vma across an end",
				 (v->start - sim.base) / P);
		vma_remove(&sim.tree, v);
		free(v);
	}
	for (unsigned long i = lo; i < hi; i++)
		sim.pg[i].used = false;
	sim.unmapped++;
}

static unsigned int new_prot(unsigned int flags, unsigned int prot)
{
	return (flags & ~VMA_PROT_MASK) | prot;
}

/* mprotect as include/vma.h describes it: carve, change, then merge. */
static void sim_mprotect(unsigned long lo, unsigned long hi)
{
	static const unsigned int prots[] = { 0, R, RW, R | VMA_EXEC };
	unsigned int prot = prots[rnd(ARRAY_SIZE(prots))];
	unsigned long s = addr_of(lo), e = addr_of(hi);
	struct vma *v, *freed[VMA_MERGE_MAX_FREED];

	sim_carve(lo, hi);
	for (v = vma_find_next(&sim.tree, s); v && v->start < e;
	     v = vma_next(v))
		v->flags = new_prot(v->flags, prot);
	v = vma_find_prev(&sim.tree, s);
	if (!v)
		v = vma_first(&sim.tree);
	while (v && v->start <= e) {
		v = vma_merge_around(&sim.tree, v, freed);
		free_merged(freed);
		v = vma_next(v);
	}
	for (unsigned long i = lo; i < hi; i++)
		sim.pg[i].flags = new_prot(sim.pg[i].flags, prot);
}

/* The address vma_find_gap() must give, worked out page by page. */
static unsigned long model_gap(const struct vma_gap_req *req)
{
	unsigned long next_used[NPG + 1], len = req->len / P;
	unsigned long lo = (req->low - sim.base) / P;
	unsigned long hi = (req->high - sim.base) / P;
	unsigned long align = MAX(req->align, P), found = ENOMEM_ADDR;

	next_used[NPG] = NPG;
	for (unsigned long i = NPG; i-- > 0;)
		next_used[i] = sim.pg[i].used ? i : next_used[i + 1];
	for (unsigned long i = lo; i + len <= hi; i++) {
		unsigned long q = next_used[i + len];

		if (addr_of(i) & (align - 1) || next_used[i] < i + len)
			continue;
		if (q < NPG && sim.pg[q].flags & VMA_GROWSDOWN &&
		    (q - i - len) * P < req->guard)
			continue;
		found = addr_of(i);
		if (!req->topdown)
			break;
	}
	return found;
}

static void sim_mmap(void)
{
	static const unsigned long aligns[] = { 0, 0, 2 * P, 8 * P, 32 * P };
	static const unsigned long guards[] = { 0, 0, P, 3 * P };
	struct vma_gap_req req = {
		.len = (1 + rnd(12)) * P,
		.align = aligns[rnd(ARRAY_SIZE(aligns))],
		.guard = guards[rnd(ARRAY_SIZE(guards))],
		.topdown = rnd(2),
	};
	unsigned long lo, hi, got;

	pick_range(NPG, &lo, &hi);
	req.low = addr_of(lo);
	req.high = addr_of(hi);
	got = vma_find_gap(&sim.tree, &req);
	if (got != model_gap(&req)) {
		sim_fail(__LINE__, "vma_find_gap() differs from the model",
			 lo);
		return;
	}
	if (vma_gap_error(got)) {
		sim.gap_misses++;
		return;
	}
	lo = (got - sim.base) / P;
	sim_map(lo, lo + req.len / P);
}

/* vma_insert() over a random range: -EEXIST exactly when in use. */
static void sim_insert(unsigned long lo, unsigned long hi)
{
	struct vma probe;
	bool busy = false;

	for (unsigned long i = lo; i < hi; i++)
		busy |= sim.pg[i].used;
	if (!busy) {
		sim_map(lo, hi);
		return;
	}
	vma_init(&probe, addr_of(lo), addr_of(hi), R, NULL, 0);
	if (vma_insert(&sim.tree, &probe) != -EEXIST || vma_linked(&probe))
		sim_fail(__LINE__, "insert over a used range", lo);
}

/* Split a vma at a random page, then merge the pieces back. */
static void sim_split(void)
{
	struct vma *v = vma_find(&sim.tree, addr_of(rnd(NPG)));
	struct vma *n, *freed[VMA_MERGE_MAX_FREED];
	unsigned long at;

	if (!v || vma_pages(v) < 2)
		return;
	at = v->start + (1 + rnd(vma_pages(v) - 1)) * P;
	n = malloc(sizeof(*n));
	if (vma_split(&sim.tree, v, at, n) || vma_tree_check(&sim.tree) ||
	    vma_find(&sim.tree, at) != n || vma_find(&sim.tree, at - 1) != v) {
		sim_fail(__LINE__, "split", (at - sim.base) / P);
		return;
	}
	if (vma_merge_around(&sim.tree, n, freed) != v || freed[0] != n ||
	    freed[1])
		sim_fail(__LINE__, "merging a split back", (at - sim.base) / P);
	free_merged(freed);
}

/* @filling: munmap turns into mmap, to crowd the window for a while. */
static void sim_step(bool filling)
{
	unsigned long lo, hi, op = rnd(100);

	if (op < 30 || (filling && op >= 40 && op < 62)) {
		sim_mmap();
	} else if (op < 40) {
		/* MAP_FIXED: unmap whatever is there, then map. */
		pick_range(16, &lo, &hi);
		sim_munmap(lo, hi);
		sim_map(lo, hi);
	} else if (op < 62) {
		pick_range(64, &lo, &hi);
		sim_munmap(lo, hi);
	} else if (op < 85) {
		pick_range(64, &lo, &hi);
		sim_mprotect(lo, hi);
	} else if (op < 95) {
		pick_range(8, &lo, &hi);
		sim_insert(lo, hi);
	} else {
		sim_split();
	}
	sim_compare();
}

static void sim_run(unsigned long base, uint64_t seed)
{
	memset_host(&sim, 0, sizeof(sim));
	vma_tree_init(&sim.tree);
	sim.base = base;
	sim.rng = seed;
	for (int step = 0; step < STEPS && !sim.failed; step++) {
		sim_step(step / (STEPS / 10) % 2);
		sim.most = MAX(sim.most, sim.tree.count);
	}
	/* A run that never fills or empties the window tests little. */
	EXPECT(sim.mapped > STEPS / 5);
	EXPECT(sim.unmapped > STEPS / 10);
	EXPECT(sim.gap_misses > 0);
	EXPECT(sim.most > 64);
	free_tree(&sim.tree);
}

TEST(random_at_address_zero)
{
	sim_run(0, 0x9e3779b97f4a7c15ULL);
}

TEST(random_in_the_middle)
{
	sim_run(0x7f0000000000UL, 12345);
}

TEST(random_at_the_top)
{
	sim_run(TOP - NPG * P, 0xdeadbeefcafeULL);
}
