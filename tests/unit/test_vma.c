/*
 * Host tests for the vma tree (mm/vma.c), one operation at a time: empty
 * and unaligned ranges, overlaps by one page, lookups on every boundary,
 * splits at the ends, merges refused for each reason, carving inside one
 * vma and across several, gaps at the bottom and the top of the address
 * space, top-down search, alignment, guard gaps below stacks, sums that
 * would wrap past ULONG_MAX, and vma_tree_check() on damaged trees.
 * test_vma_random.c runs them together against a model.
 */
#include <stdlib.h>
#include "vma_test.h"

/* Insert a private anonymous vma over pages [s, e); it must fit. */
static struct vma *add(struct vma_tree *t, unsigned long s, unsigned long e,
		       unsigned int flags)
{
	struct vma *v = new_vma(s * P, e * P, flags, NULL, s);

	EXPECT_EQ(vma_insert(t, v), 0);
	return v;
}

/* The tree's vmas as "start-end" page pairs, to compare in one go. */
static const char *layout(const struct vma_tree *t)
{
	static char buf[1024];
	size_t off = 0;
	const struct vma *v;

	buf[0] = '\0';
	vma_for_each(v, t)
		off += snprintf_host(buf + off, sizeof(buf) - off, "%s%lu-%lu",
				     off ? " " : "", v->start / P, v->end / P);
	return buf;
}

TEST(empty_tree)
{
	struct vma_tree t;

	vma_tree_init(&t);
	EXPECT(!vma_first(&t));
	EXPECT(!vma_last(&t));
	EXPECT(!vma_find(&t, 0));
	EXPECT(!vma_find_next(&t, 0));
	EXPECT(!vma_find_prev(&t, ~0UL));
	EXPECT_EQ(vma_tree_check(&t), 0);
	EXPECT_EQ(vma_carve(&t, 0, P, (struct vma *[2]){ NULL, NULL }), 0);
}

TEST(prot_allowed_by_may_bits)
{
	unsigned int ro_file = VMA_READ | VMA_MAYREAD | VMA_MAYEXEC;

	EXPECT(vma_prot_allowed(ro_file, 0));
	EXPECT(vma_prot_allowed(ro_file, VMA_READ | VMA_EXEC));
	EXPECT(!vma_prot_allowed(ro_file, VMA_WRITE));
	EXPECT(!vma_prot_allowed(ro_file, RW));
	EXPECT(vma_prot_allowed(ro_file | VMA_MAYWRITE, RW | VMA_EXEC));
	/* Only the protection bits of @prot are asked about. */
	EXPECT(vma_prot_allowed(VMA_MAYREAD, VMA_READ | VMA_SHARED));
	EXPECT(!vma_prot_allowed(RW, VMA_READ));
}

TEST(insert_rejects_bad_ranges)
{
	struct vma_tree t;
	struct vma v;
	static const unsigned long bad[][2] = {
		{ P, P }, { 2 * P, P }, { 1, P }, { 0, P + 1 },
		{ TOP, 0 }, { P, TOP + 1 },
	};

	vma_tree_init(&t);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		vma_init(&v, bad[i][0], bad[i][1], R, NULL, 0);
		EXPECT_EQ(vma_insert(&t, &v), -EINVAL);
		EXPECT(!vma_linked(&v));
	}
	EXPECT_EQ(t.count, 0);
	EXPECT(!vma_first(&t));
}

TEST(insert_rejects_overlaps)
{
	struct vma_tree t;
	struct vma v;
	static const unsigned long clash[][2] = {
		{ 5, 11 }, { 15, 16 }, { 19, 21 }, { 10, 20 }, { 19, 31 },
		{ 39, 50 }, { 0, 100 }, { 12, 38 }, { 30, 31 },
	};

	vma_tree_init(&t);
	add(&t, 10, 20, R);
	add(&t, 30, 40, R);
	for (size_t i = 0; i < ARRAY_SIZE(clash); i++) {
		vma_init(&v, clash[i][0] * P, clash[i][1] * P, R, NULL, 0);
		EXPECT_EQ(vma_insert(&t, &v), -EEXIST);
		EXPECT(!vma_linked(&v));
	}
	EXPECT_EQ(t.count, 2);
	EXPECT_EQ(t.total_pages, 20);
	/* Touching on either side is not overlapping. */
	add(&t, 20, 30, RW);
	add(&t, 0, 10, RW);
	add(&t, 40, 41, RW);
	EXPECT_STREQ(layout(&t), "0-10 10-20 20-30 30-40 40-41");
	EXPECT_EQ(t.total_pages, 41);
	EXPECT_EQ(vma_tree_check(&t), 0);
	free_tree(&t);
}

TEST(lookups)
{
	struct vma_tree t;
	struct vma *a, *b, *c;

	vma_tree_init(&t);
	a = add(&t, 10, 20, R);
	b = add(&t, 20, 30, R);
	c = add(&t, 40, 50, R);
	EXPECT(!vma_find(&t, 0));
	EXPECT(!vma_find(&t, 10 * P - 1));
	EXPECT(vma_find(&t, 10 * P) == a);
	EXPECT(vma_find(&t, 20 * P - 1) == a);
	EXPECT(vma_find(&t, 20 * P) == b);
	EXPECT(!vma_find(&t, 30 * P));
	EXPECT(!vma_find(&t, 40 * P - 1));
	EXPECT(vma_find(&t, 50 * P - 1) == c);
	EXPECT(!vma_find(&t, 50 * P));
	EXPECT(!vma_find(&t, ~0UL));

	EXPECT(vma_find_next(&t, 0) == a);
	EXPECT(vma_find_next(&t, 15 * P) == a);
	EXPECT(vma_find_next(&t, 20 * P) == b);
	EXPECT(vma_find_next(&t, 30 * P) == c);
	EXPECT(vma_find_next(&t, 50 * P - 1) == c);
	EXPECT(!vma_find_next(&t, 50 * P));
	EXPECT(!vma_find_next(&t, ~0UL));

	EXPECT(!vma_find_prev(&t, 0));
	EXPECT(!vma_find_prev(&t, 10 * P));
	EXPECT(vma_find_prev(&t, 10 * P + 1) == a);
	EXPECT(vma_find_prev(&t, 20 * P) == a);
	EXPECT(vma_find_prev(&t, 40 * P) == b);
	EXPECT(vma_find_prev(&t, ~0UL) == c);

	EXPECT(vma_first(&t) == a && vma_last(&t) == c);
	EXPECT(vma_next(a) == b && vma_next(b) == c && !vma_next(c));
	EXPECT(vma_prev(c) == b && vma_prev(b) == a && !vma_prev(a));
	free_tree(&t);
}

/* Iteration must come out sorted whatever the insertion order. */
TEST(iteration_order)
{
	enum { N = 300 };
	struct vma_tree t;
	struct vma *v;
	int order[N];
	unsigned long expect = 0, n = 0;

	vma_tree_init(&t);
	for (int i = 0; i < N; i++)
		order[i] = i;
	srand(7);
	for (int i = N - 1; i > 0; i--) {
		int j = rand() % (i + 1), x = order[i];

		order[i] = order[j];
		order[j] = x;
	}
	for (int i = 0; i < N; i++)
		add(&t, 3 * order[i] + 1, 3 * order[i] + 3, R);
	EXPECT_EQ(vma_tree_check(&t), 0);
	vma_for_each(v, &t) {
		EXPECT_EQ(v->start, (3 * expect + 1) * P);
		expect++;
		n++;
	}
	EXPECT_EQ(n, N);
	for (v = vma_last(&t); v; v = vma_prev(v))
		EXPECT_EQ(v->start, (3 * --expect + 1) * P);
	free_tree(&t);
}

TEST(split_rejects_bad_points)
{
	struct vma_tree t;
	struct vma *v, spare;
	static const unsigned long bad[] = {
		10 * P, 20 * P, 5 * P, 25 * P, 15 * P + 1, 20 * P - 1, 0,
		~0UL,
	};

	vma_tree_init(&t);
	v = add(&t, 10, 20, RW);
	vma_init(&spare, 1, 2, 0, NULL, 0);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(vma_split(&t, v, bad[i], &spare), -EINVAL);
		EXPECT(!vma_linked(&spare));
		EXPECT_EQ(spare.start, 1);
	}
	EXPECT_STREQ(layout(&t), "10-20");
	EXPECT_EQ(t.count, 1);
	free_tree(&t);
}

TEST(split_copies_and_advances_pgoff)
{
	struct vma_tree t;
	struct vma *v, *n = malloc(sizeof(*n));

	vma_tree_init(&t);
	add(&t, 0, 5, R);
	v = new_vma(10 * P, 20 * P, RW | VMA_SHARED, &objects[1], 100);
	EXPECT_EQ(vma_insert(&t, v), 0);
	add(&t, 30, 31, R);
	EXPECT_EQ(vma_split(&t, v, 13 * P, n), 0);
	EXPECT_EQ(v->start, 10 * P);
	EXPECT_EQ(v->end, 13 * P);
	EXPECT_EQ(v->pgoff, 100);
	EXPECT_EQ(n->start, 13 * P);
	EXPECT_EQ(n->end, 20 * P);
	EXPECT_EQ(n->pgoff, 103);
	EXPECT_EQ(n->flags, RW | VMA_SHARED);
	EXPECT(n->object == &objects[1]);
	EXPECT(vma_linked(n));
	EXPECT(vma_next(v) == n);
	EXPECT(vma_find(&t, 13 * P) == n);
	EXPECT(vma_find(&t, 13 * P - 1) == v);
	EXPECT_EQ(t.count, 4);
	EXPECT_EQ(t.total_pages, 16);
	EXPECT_EQ(vma_tree_check(&t), 0);
	free_tree(&t);
}

/* Splits of vmas deep in a big tree, where the new node hangs far down. */
TEST(split_everywhere_in_a_big_tree)
{
	enum { N = 200 };
	struct vma_tree t;
	struct vma *v;

	vma_tree_init(&t);
	for (int i = 0; i < N; i++)
		add(&t, 10 * i, 10 * i + 8, R);
	for (int i = 0; i < N; i++) {
		v = vma_find(&t, (10 * ((i * 37) % N) + 3) * P);
		EXPECT(v != NULL);
		EXPECT_EQ(vma_split(&t, v, v->start + 4 * P,
				    malloc(sizeof(*v))), 0);
		EXPECT_EQ(vma_tree_check(&t), 0);
	}
	EXPECT_EQ(t.count, 2 * N);
	EXPECT_EQ(t.total_pages, 8 * N);
	v = vma_first(&t);
	for (int i = 0; i < N; i++) {
		EXPECT_EQ(v->start, 10 * i * P);
		EXPECT_EQ(v->pgoff, 10 * i);
		v = vma_next(v);
		EXPECT_EQ(v->start, (10 * i + 4) * P);
		EXPECT_EQ(v->pgoff, 10 * i + 4);
		v = vma_next(v);
	}
	free_tree(&t);
}

TEST(merge_both_sides)
{
	struct vma_tree t;
	struct vma *a, *b, *c, *s, *freed[2];

	vma_tree_init(&t);
	a = add(&t, 10, 20, RW);
	b = add(&t, 20, 25, RW);
	c = add(&t, 25, 40, RW);
	s = vma_merge_around(&t, b, freed);
	EXPECT(s == a);
	EXPECT(freed[0] == b && freed[1] == c);
	EXPECT(!vma_linked(b) && !vma_linked(c));
	EXPECT_EQ(a->end, 40 * P);
	EXPECT_EQ(a->pgoff, 10);
	EXPECT_EQ(t.count, 1);
	EXPECT_EQ(t.total_pages, 30);
	EXPECT_EQ(vma_tree_check(&t), 0);
	free_merged(freed);
	/* Nothing left to merge with. */
	EXPECT(vma_merge_around(&t, a, freed) == a);
	EXPECT(!freed[0] && !freed[1]);
	free_tree(&t);
}

TEST(merge_one_side)
{
	struct vma_tree t;
	struct vma *a, *b, *c, *freed[2];

	vma_tree_init(&t);
	a = add(&t, 10, 20, R);
	b = add(&t, 20, 25, RW);
	c = add(&t, 25, 40, RW);
	EXPECT(vma_merge_around(&t, b, freed) == b);
	EXPECT(freed[0] == c && !freed[1]);
	free_merged(freed);
	EXPECT_STREQ(layout(&t), "10-20 20-40");
	b->flags = R;
	EXPECT(vma_merge_around(&t, b, freed) == a);
	EXPECT(freed[0] == b && !freed[1]);
	free_merged(freed);
	EXPECT_STREQ(layout(&t), "10-40");
	EXPECT_EQ(vma_tree_check(&t), 0);
	free_tree(&t);
}

/* Each reason two touching vmas stay apart, on both sides of the middle. */
TEST(merge_refusals)
{
	struct vma_tree t;
	struct vma *m, *freed[2];
	static const struct {
		unsigned int flags;
		void *object;
		long pgoff_skew;
		unsigned long gap;
	} side[] = {
		{ R, NULL, 0, 1 },		/* not touching */
		{ RW, NULL, 0, 0 },		/* other protection */
		{ R | VMA_MAYWRITE, NULL, 0, 0 },
		{ R | VMA_SHARED, NULL, 0, 0 },
		{ R | VMA_GROWSDOWN, NULL, 0, 0 },
		{ R, &objects[0], 0, 0 },	/* other object */
		{ R, NULL, 1, 0 },		/* pgoff not contiguous */
		{ R, NULL, -1, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(side); i++) {
		unsigned long g = side[i].gap;

		vma_tree_init(&t);
		m = add(&t, 20, 30, R);
		EXPECT_EQ(vma_insert(&t, new_vma((10 - g) * P, (20 - g) * P,
						 side[i].flags, side[i].object,
						 10 - g + side[i].pgoff_skew)),
			  0);
		EXPECT_EQ(vma_insert(&t, new_vma((30 + g) * P, (40 + g) * P,
						 side[i].flags, side[i].object,
						 30 + g + side[i].pgoff_skew)),
			  0);
		EXPECT(vma_merge_around(&t, m, freed) == m);
		EXPECT(!freed[0] && !freed[1]);
		EXPECT_EQ(t.count, 3);
		EXPECT_EQ(m->start, 20 * P);
		EXPECT_EQ(m->end, 30 * P);
		free_tree(&t);
	}
}

/* A shared object merges only where its page offsets line up. */
TEST(merge_object_pgoff)
{
	struct vma_tree t;
	struct vma *a, *b, *freed[2];

	vma_tree_init(&t);
	a = new_vma(10 * P, 12 * P, RW | VMA_SHARED, &objects[0], 7);
	b = new_vma(12 * P, 15 * P, RW | VMA_SHARED, &objects[0], 9);
	EXPECT_EQ(vma_insert(&t, a), 0);
	EXPECT_EQ(vma_insert(&t, b), 0);
	EXPECT(vma_can_merge(a, b));
	EXPECT(!vma_can_merge(b, a));
	EXPECT(vma_merge_around(&t, b, freed) == a);
	free_merged(freed);
	EXPECT_EQ(a->end, 15 * P);
	EXPECT_EQ(a->pgoff, 7);
	free_tree(&t);
}

TEST(carve_inside_one_vma)
{
	struct vma_tree t;
	struct vma *v, *s[2];

	vma_tree_init(&t);
	v = add(&t, 10, 20, RW);
	EXPECT_EQ(vma_carve_splits(&t, 12 * P, 15 * P), 2);
	EXPECT_EQ(vma_carve(&t, 12 * P, 15 * P, spares(s)), 2);
	EXPECT_STREQ(layout(&t), "10-12 12-15 15-20");
	EXPECT(vma_find(&t, 12 * P) == s[0]);
	EXPECT(vma_find(&t, 15 * P) == s[1]);
	EXPECT_EQ(s[0]->pgoff, 12);
	EXPECT_EQ(s[1]->pgoff, 15);
	EXPECT(vma_find(&t, 10 * P) == v);
	EXPECT_EQ(vma_tree_check(&t), 0);
	/* Carving again on the same boundaries takes nothing. */
	EXPECT_EQ(vma_carve_splits(&t, 12 * P, 15 * P), 0);
	EXPECT_EQ(vma_carve(&t, 12 * P, 15 * P, spares(s)), 0);
	free_unused(s, 0);
	free_tree(&t);
}

TEST(carve_across_vmas_and_holes)
{
	struct vma_tree t;
	struct vma *s[2];

	vma_tree_init(&t);
	add(&t, 10, 20, R);
	add(&t, 25, 30, R);
	add(&t, 30, 40, RW);
	/* Start in a hole, end inside the last vma: one split. */
	EXPECT_EQ(vma_carve(&t, 22 * P, 35 * P, spares(s)), 1);
	EXPECT_EQ(s[0]->start, 35 * P);
	free_unused(s, 1);
	EXPECT_STREQ(layout(&t), "10-20 25-30 30-35 35-40");
	/* Start inside the first, end in a hole: one split. */
	EXPECT_EQ(vma_carve(&t, 15 * P, 22 * P, spares(s)), 1);
	EXPECT_EQ(s[0]->start, 15 * P);
	free_unused(s, 1);
	/* Both ends on boundaries or in holes: nothing. */
	EXPECT_EQ(vma_carve(&t, 0, 100 * P, spares(s)), 0);
	free_unused(s, 0);
	EXPECT_EQ(vma_carve(&t, 20 * P, 25 * P, spares(s)), 0);
	free_unused(s, 0);
	EXPECT_STREQ(layout(&t), "10-15 15-20 25-30 30-35 35-40");
	EXPECT_EQ(t.total_pages, 25);
	EXPECT_EQ(vma_tree_check(&t), 0);
	free_tree(&t);
}

/* vma_carve() on pages [s, e) with the spares @a and @b. */
static int carve_with(struct vma_tree *t, unsigned long s, unsigned long e,
		      struct vma *a, struct vma *b)
{
	struct vma *spare[VMA_CARVE_SPARES] = { a, b };

	return vma_carve(t, s * P, e * P, spare);
}

TEST(carve_refuses_without_changing)
{
	struct vma_tree t;
	struct vma one;

	vma_tree_init(&t);
	vma_init(&one, 1, 2, 0, NULL, 0);
	add(&t, 10, 20, R);
	EXPECT_EQ(carve_with(&t, 12, 12, &one, &one), -EINVAL);
	EXPECT_EQ(carve_with(&t, 13, 12, &one, &one), -EINVAL);
	EXPECT_EQ(vma_carve(&t, 12 * P + 1, 14 * P,
			    (struct vma *[2]){ &one, &one }), -EINVAL);
	EXPECT_EQ(vma_carve(&t, 12 * P, 14 * P - 1,
			    (struct vma *[2]){ &one, &one }), -EINVAL);
	EXPECT_EQ(vma_carve_splits(&t, 12 * P, 14 * P - 1), -EINVAL);
	/* Two splits needed, one spare given. */
	EXPECT_EQ(carve_with(&t, 12, 14, &one, NULL), -ENOMEM);
	EXPECT_EQ(carve_with(&t, 12, 14, NULL, &one), -ENOMEM);
	/* One needed, none given. */
	EXPECT_EQ(carve_with(&t, 5, 14, NULL, &one), -ENOMEM);
	EXPECT_EQ(carve_with(&t, 12, 24, NULL, NULL), -ENOMEM);
	EXPECT(!vma_linked(&one));
	EXPECT_EQ(one.start, 1);
	EXPECT_STREQ(layout(&t), "10-20");
	EXPECT_EQ(t.count, 1);
	/* None needed: NULL spares are fine. */
	EXPECT_EQ(carve_with(&t, 10, 30, NULL, NULL), 0);
	free_tree(&t);
}

static unsigned long gap(const struct vma_tree *t, unsigned long len,
			 unsigned long low, unsigned long high,
			 unsigned long align, unsigned long guard, bool topdown)
{
	struct vma_gap_req req = {
		.len = len, .low = low, .high = high, .align = align,
		.guard = guard, .topdown = topdown,
	};

	return vma_find_gap(t, &req);
}

TEST(gap_error_encoding)
{
	EXPECT(vma_gap_error(ENOMEM_ADDR));
	EXPECT(vma_gap_error(EINVAL_ADDR));
	EXPECT(!vma_gap_error(0));
	EXPECT(!vma_gap_error(TOP - P));
	EXPECT(!vma_gap_error(TOP));
}

TEST(gap_in_empty_tree)
{
	struct vma_tree t;

	vma_tree_init(&t);
	EXPECT_EQ(gap(&t, 3 * P, P, 256 * P, 0, 0, false), P);
	EXPECT_EQ(gap(&t, 3 * P, P, 256 * P, 0, 0, true), 253 * P);
	EXPECT_EQ(gap(&t, 255 * P, P, 256 * P, 0, 0, true), P);
	EXPECT_EQ(gap(&t, 256 * P, P, 256 * P, 0, 0, false), ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, P, 5 * P, 5 * P, 0, 0, false), ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, P, 6 * P, 5 * P, 0, 0, true), ENOMEM_ADDR);
}

TEST(gap_rejects_malformed_requests)
{
	struct vma_tree t;

	vma_tree_init(&t);
	EXPECT_EQ(gap(&t, 0, 0, 64 * P, 0, 0, false), EINVAL_ADDR);
	EXPECT_EQ(gap(&t, P + 1, 0, 64 * P, 0, 0, false), EINVAL_ADDR);
	EXPECT_EQ(gap(&t, P, 1, 64 * P, 0, 0, false), EINVAL_ADDR);
	EXPECT_EQ(gap(&t, P, 0, 64 * P - 1, 0, 0, false), EINVAL_ADDR);
	EXPECT_EQ(gap(&t, P, 0, 64 * P, 3 * P, 0, false), EINVAL_ADDR);
	EXPECT_EQ(gap(&t, P, 0, 64 * P, 0, 100, true), EINVAL_ADDR);
	/* Alignments below a page are a page. */
	EXPECT_EQ(gap(&t, P, 0, 64 * P, 1, 0, true), 63 * P);
	EXPECT_EQ(gap(&t, P, 0, 64 * P, 512, 0, false), 0);
}

TEST(gap_between_vmas)
{
	struct vma_tree t;

	vma_tree_init(&t);
	add(&t, 10, 20, R);
	add(&t, 23, 30, R);
	EXPECT_EQ(gap(&t, 3 * P, 0, 40 * P, 0, 0, false), 0);
	EXPECT_EQ(gap(&t, 3 * P, 10 * P, 40 * P, 0, 0, false), 20 * P);
	EXPECT_EQ(gap(&t, 3 * P, 15 * P, 40 * P, 0, 0, false), 20 * P);
	EXPECT_EQ(gap(&t, 4 * P, 10 * P, 40 * P, 0, 0, false), 30 * P);
	EXPECT_EQ(gap(&t, 11 * P, 0, 40 * P, 0, 0, false), ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, 11 * P, 0, 41 * P, 0, 0, false), 30 * P);
	EXPECT_EQ(gap(&t, 3 * P, 0, 40 * P, 0, 0, true), 37 * P);
	EXPECT_EQ(gap(&t, 3 * P, 0, 30 * P, 0, 0, true), 20 * P);
	EXPECT_EQ(gap(&t, 3 * P, 0, 25 * P, 0, 0, true), 20 * P);
	EXPECT_EQ(gap(&t, 3 * P, 0, 22 * P, 0, 0, true), 7 * P);
	EXPECT_EQ(gap(&t, 4 * P, 0, 30 * P, 0, 0, true), 6 * P);
	EXPECT_EQ(gap(&t, 4 * P, 8 * P, 30 * P, 0, 0, true), ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, 2 * P, 8 * P, 30 * P, 0, 0, true), 21 * P);
	/* A range inside one vma has no room at all. */
	EXPECT_EQ(gap(&t, P, 11 * P, 19 * P, 0, 0, false), ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, P, 11 * P, 19 * P, 0, 0, true), ENOMEM_ADDR);
	free_tree(&t);
}

TEST(gap_alignment)
{
	struct vma_tree t;

	vma_tree_init(&t);
	add(&t, 0, 1, R);
	add(&t, 40, 48, R);
	EXPECT_EQ(gap(&t, P, 0, 64 * P, 16 * P, 0, false), 16 * P);
	EXPECT_EQ(gap(&t, P, 0, 64 * P, 16 * P, 0, true), 48 * P);
	/* [1, 40) holds 39 pages but only 24 from an aligned start. */
	EXPECT_EQ(gap(&t, 24 * P, 0, 64 * P, 16 * P, 0, false), 16 * P);
	EXPECT_EQ(gap(&t, 25 * P, 0, 128 * P, 16 * P, 0, false), 48 * P);
	EXPECT_EQ(gap(&t, 24 * P, 0, 40 * P, 16 * P, 0, true), 16 * P);
	EXPECT_EQ(gap(&t, 25 * P, 0, 40 * P, 16 * P, 0, true), ENOMEM_ADDR);
	free_tree(&t);
}

TEST(gap_guard_below_stacks)
{
	struct vma_tree t;

	vma_tree_init(&t);
	add(&t, 0, 40, RW);
	add(&t, 50, 60, STACK);
	EXPECT_EQ(gap(&t, 6 * P, 0, 60 * P, 0, 4 * P, false), 40 * P);
	EXPECT_EQ(gap(&t, 7 * P, 0, 60 * P, 0, 4 * P, false), ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, 10 * P, 0, 60 * P, 0, 0, false), 40 * P);
	EXPECT_EQ(gap(&t, 6 * P, 0, 50 * P, 0, 4 * P, true), 40 * P);
	EXPECT_EQ(gap(&t, P, 0, 50 * P, 0, 4 * P, true), 45 * P);
	/* Nothing is kept free above a stack. */
	EXPECT_EQ(gap(&t, 6 * P, 0, 100 * P, 0, 4 * P, true), 94 * P);
	EXPECT_EQ(gap(&t, 6 * P, 45 * P, 100 * P, 0, 4 * P, false), 60 * P);
	free_tree(&t);

	/* A plain vma gets no guard. */
	vma_tree_init(&t);
	add(&t, 0, 40, RW);
	add(&t, 50, 60, RW);
	EXPECT_EQ(gap(&t, 10 * P, 0, 60 * P, 0, 4 * P, false), 40 * P);
	free_tree(&t);

	/* A guard reaching below address 0 leaves nothing under the stack. */
	vma_tree_init(&t);
	add(&t, 2, 10, STACK);
	EXPECT_EQ(gap(&t, P, 0, 10 * P, 0, 16 * P, false), ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, P, 0, 10 * P, 0, 16 * P, true), ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, P, 0, 10 * P, 0, 2 * P, true), ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, P, 0, 10 * P, 0, P, true), 0);
	free_tree(&t);
}

TEST(top_of_address_space)
{
	struct vma_tree t;
	struct vma *v, *n = malloc(sizeof(*n)), *s[2];

	vma_tree_init(&t);
	EXPECT_EQ(gap(&t, P, 0, TOP, 0, 0, true), TOP - P);
	EXPECT_EQ(gap(&t, P, TOP - P, TOP, 0, 0, false), TOP - P);
	EXPECT_EQ(gap(&t, TOP, 0, TOP, 0, 0, false), 0);
	EXPECT_EQ(gap(&t, TOP, 0, TOP, 0, 0, true), 0);
	EXPECT_EQ(gap(&t, TOP, P, TOP, 0, 0, true), ENOMEM_ADDR);
	/* Rounding up past the top wraps; it must not look like a fit. */
	EXPECT_EQ(gap(&t, P, TOP - 2 * P, TOP, 1UL << 63, 0, false),
		  ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, P, TOP - 2 * P, TOP, 1UL << 63, 0, true),
		  ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, P, P, TOP, 1UL << 63, 0, true), 1UL << 63);
	EXPECT_EQ(gap(&t, P, P, TOP, 1UL << 63, 0, false), 1UL << 63);

	v = new_vma(TOP - 3 * P, TOP, RW, NULL, TOP / P - 3);
	EXPECT_EQ(vma_insert(&t, v), 0);
	EXPECT(vma_find(&t, TOP - 1) == v);
	EXPECT(!vma_find(&t, TOP));
	EXPECT(!vma_find(&t, ~0UL));
	EXPECT(vma_find_next(&t, TOP - 1) == v);
	EXPECT(!vma_find_next(&t, TOP));
	EXPECT(vma_find_prev(&t, ~0UL) == v);
	EXPECT_EQ(gap(&t, P, 0, TOP, 0, 0, true), TOP - 4 * P);
	EXPECT_EQ(gap(&t, P, TOP - 4 * P, TOP, 0, 0, false), TOP - 4 * P);
	EXPECT_EQ(gap(&t, P, TOP - 3 * P, TOP, 0, 0, false), ENOMEM_ADDR);
	EXPECT_EQ(gap(&t, TOP, 0, TOP, 0, 0, false), ENOMEM_ADDR);

	EXPECT_EQ(vma_split(&t, v, TOP - P, n), 0);
	EXPECT_EQ(n->end, TOP);
	EXPECT_EQ(vma_carve(&t, TOP - 2 * P, TOP, spares(s)), 1);
	free_unused(s, 1);
	/* TOP / P is 2^52 - 1. */
	EXPECT_STREQ(layout(&t), "4503599627370492-4503599627370493 "
		     "4503599627370493-4503599627370494 "
		     "4503599627370494-4503599627370495");
	EXPECT_EQ(vma_tree_check(&t), 0);
	free_tree(&t);
}

TEST(check_finds_damage)
{
	struct vma_tree t;
	struct vma *a, *b;

	vma_tree_init(&t);
	a = add(&t, 10, 20, R);
	b = add(&t, 20, 30, R);
	add(&t, 40, 50, R);
	EXPECT_EQ(vma_tree_check(&t), 0);

	b->end = b->start;
	EXPECT_EQ(vma_tree_check(&t), VMA_ERR_EMPTY);
	b->end = b->start - P;
	EXPECT_EQ(vma_tree_check(&t), VMA_ERR_EMPTY);
	b->end = 30 * P + 8;
	EXPECT_EQ(vma_tree_check(&t), VMA_ERR_ALIGN);
	b->end = 41 * P;
	EXPECT_EQ(vma_tree_check(&t), VMA_ERR_OVERLAP);
	b->end = 30 * P;
	a->start = 10 * P + 1;
	EXPECT_EQ(vma_tree_check(&t), VMA_ERR_ALIGN);
	a->start = 10 * P;

	t.count++;
	EXPECT_EQ(vma_tree_check(&t), VMA_ERR_COUNT);
	t.count--;
	t.total_pages--;
	EXPECT_EQ(vma_tree_check(&t), VMA_ERR_PAGES);
	t.total_pages++;

	/* Out of order: the first vma now lies after the last. */
	a->start = 60 * P;
	a->end = 70 * P;
	EXPECT_EQ(vma_tree_check(&t), RB_ERR_ORDER);
	a->start = 10 * P;
	a->end = 20 * P;

	t.root.node->color = RB_RED;
	EXPECT_EQ(vma_tree_check(&t), RB_ERR_ROOT_RED);
	t.root.node->color = RB_BLACK;
	EXPECT_EQ(vma_tree_check(&t), 0);
	free_tree(&t);
}
