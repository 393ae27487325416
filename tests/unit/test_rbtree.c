/*
 * Host tests for lib/rbtree.c. Trees are built from ascending, descending
 * and random keys (up to 100 000, duplicates included) and compared with a
 * sorted array: the in-order walk both ways, the cached leftmost node, the
 * height bound and rb_check() after every operation on the smaller sizes.
 * The scheduler's pattern (take the minimum, erase it, put it back with a
 * larger key) gets its own test, and hand-built broken trees show that
 * rb_check() reports each kind of damage.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include "lib/rbtree.h"
#include "unittest.h"

#define BIG	100000
#define SMALL	1000

struct item {
	unsigned long key;
	int seq;		/* insertion order, to check ties */
	struct rb_node node;
};

static struct item *item_of(const struct rb_node *node)
{
	return rb_entry((struct rb_node *)node, struct item, node);
}

static unsigned long key_of(const struct rb_node *node)
{
	return item_of(node)->key;
}

static bool item_less(const struct rb_node *a, const struct rb_node *b)
{
	return item_of(a)->key < item_of(b)->key;
}

static uint64_t rng_state;

static void rng_seed(uint64_t seed)
{
	rng_state = seed * 0x9e3779b97f4a7c15ULL + 1;
}

/* xorshift64: reproducible, and independent of the C library. */
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void shuffle(int *a, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = rng() % (i + 1);
		int t = a[i];

		a[i] = a[j];
		a[j] = t;
	}
}

static int *identity(int n)
{
	int *a = malloc(n * sizeof(*a));

	for (int i = 0; i < n; i++)
		a[i] = i;
	return a;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a;
	unsigned long y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/*
 * Insert by hand, as most callers will: walk down, link, rebalance. Equal
 * keys go right, so they end up after the ones already there.
 */
static void insert_by_hand(struct rb_root_cached *root, struct item *it)
{
	struct rb_node **link = &root->root.node, *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (it->key < item_of(parent)->key) {
			link = &parent->left;
		} else {
			link = &parent->right;
			leftmost = false;
		}
	}
	rb_link_node(&it->node, parent, link);
	rb_insert_color_cached(&it->node, root, leftmost);
}

static int height(const struct rb_node *node)
{
	int l, r;

	if (!node)
		return 0;
	l = height(node->left);
	r = height(node->right);
	return 1 + (l > r ? l : r);
}

/* height <= 2 * log2(n + 1), i.e. 2^height <= (n + 1)^2. */
static bool height_ok(const struct rb_root *root, unsigned long n)
{
	int h = height(root->node);

	return h < 64 && (1ULL << h) <= (n + 1) * (n + 1);
}

/*
 * The tree's keys must be exactly @want[0..n) (sorted), walking forwards
 * from rb_first() and backwards from rb_last(). Also checks the cached
 * leftmost node and the invariants.
 */
static void expect_keys(const struct rb_root_cached *root,
			const unsigned long *want, int n)
{
	struct rb_node *node;
	int i = 0, bad = 0;

	EXPECT_EQ(rb_check_cached(root, item_less), 0);
	/* Bounded, so that a cycle fails rather than spins. */
	for (node = rb_first(&root->root); node && i <= n;
	     node = rb_next(node)) {
		if (i < n && item_of(node)->key != want[i])
			bad++;
		i++;
	}
	EXPECT_EQ(i, n);
	EXPECT_EQ(bad, 0);
	for (node = rb_last(&root->root); node && i >= 0;
	     node = rb_prev(node)) {
		i--;
		if (i >= 0 && i < n && item_of(node)->key != want[i])
			bad++;
	}
	EXPECT_EQ(i, 0);
	EXPECT_EQ(bad, 0);
	EXPECT(rb_first_cached(root) == rb_first(&root->root));
	EXPECT(height_ok(&root->root, n));
}

static struct item *make_items(int n, unsigned long (*key)(int i, int n))
{
	struct item *items = calloc(n, sizeof(*items));

	for (int i = 0; i < n; i++) {
		items[i].key = key(i, n);
		items[i].seq = i;
		RB_CLEAR_NODE(&items[i].node);
	}
	return items;
}

static unsigned long *sorted_keys(const struct item *items, int n)
{
	unsigned long *keys = malloc(n * sizeof(*keys));

	for (int i = 0; i < n; i++)
		keys[i] = items[i].key;
	qsort(keys, n, sizeof(*keys), cmp_ulong);
	return keys;
}

static unsigned long key_ascending(int i, int n)
{
	(void)n;
	return i;
}

static unsigned long key_descending(int i, int n)
{
	return n - i;
}

/* Random, with about one key in three repeated. */
static unsigned long key_random(int i, int n)
{
	(void)i;
	return rng() % (2UL * n);
}

/* Insert @n keys, checking the invariants after each while n is small. */
static void insert_and_check(unsigned long (*key)(int i, int n), int n)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct item *items = make_items(n, key);
	unsigned long *keys = sorted_keys(items, n);
	unsigned long min = ~0UL;
	int bad = 0;

	for (int i = 0; i < n; i++) {
		bool was_min = items[i].key < min;

		if (was_min)
			min = items[i].key;
		if (i % 2)
			insert_by_hand(&root, &items[i]);
		else if (rb_add_cached(&items[i].node, &root, item_less) !=
			 was_min)
			bad++;
		if (item_of(rb_first_cached(&root))->key != min)
			bad++;
		if (i < SMALL && rb_check_cached(&root, item_less) != 0)
			bad++;
		if (RB_EMPTY_NODE(&items[i].node))
			bad++;
	}
	EXPECT_EQ(bad, 0);
	expect_keys(&root, keys, n);
	free(keys);
	free(items);
}

TEST(empty_tree)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct rb_root plain = RB_ROOT;

	EXPECT(RB_EMPTY_ROOT(&plain));
	EXPECT(RB_EMPTY_ROOT(&root.root));
	EXPECT(rb_first(&plain) == NULL);
	EXPECT(rb_last(&plain) == NULL);
	EXPECT(rb_first_cached(&root) == NULL);
	EXPECT(rb_entry_safe(rb_first(&plain), struct item, node) == NULL);
	EXPECT_EQ(rb_check(&plain, item_less), 0);
	EXPECT_EQ(rb_check_cached(&root, item_less), 0);
}

TEST(single_node)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct item it = { .key = 42 };

	RB_CLEAR_NODE(&it.node);
	EXPECT(RB_EMPTY_NODE(&it.node));
	EXPECT(rb_next(&it.node) == NULL);
	EXPECT(rb_add_cached(&it.node, &root, item_less));
	EXPECT(!RB_EMPTY_NODE(&it.node));
	EXPECT(!RB_EMPTY_ROOT(&root.root));
	EXPECT(root.root.node == &it.node);
	EXPECT_EQ(it.node.color, RB_BLACK);
	EXPECT(it.node.parent == NULL);
	EXPECT(rb_first(&root.root) == &it.node);
	EXPECT(rb_last(&root.root) == &it.node);
	EXPECT(rb_first_cached(&root) == &it.node);
	EXPECT(rb_entry_safe(rb_first(&root.root), struct item, node) == &it);
	EXPECT(rb_next(&it.node) == NULL);
	EXPECT(rb_prev(&it.node) == NULL);
	EXPECT_EQ(rb_check_cached(&root, item_less), 0);

	rb_erase_cached(&it.node, &root);
	EXPECT(RB_EMPTY_ROOT(&root.root));
	EXPECT(rb_first_cached(&root) == NULL);
	EXPECT(RB_EMPTY_NODE(&it.node));
	EXPECT(rb_next(&it.node) == NULL);
	EXPECT(rb_prev(&it.node) == NULL);
}

TEST(insert_ascending)
{
	insert_and_check(key_ascending, BIG);
}

TEST(insert_descending)
{
	insert_and_check(key_descending, BIG);
}

TEST(insert_random)
{
	rng_seed(1);
	insert_and_check(key_random, BIG);
	rng_seed(2);
	insert_and_check(key_random, 100);
}

/* Every tree size from 1 to 300 in each order stays within the bound. */
TEST(height_bound_every_size)
{
	struct item items[300];
	int bad = 0;

	for (int order = 0; order < 3; order++) {
		struct rb_root root = RB_ROOT;

		for (int i = 0; i < 300; i++) {
			items[i].key = order == 0 ? (unsigned long)i :
				       order == 1 ? 300UL - i : rng() % 1000;
			rb_add(&items[i].node, &root, item_less);
			if (!height_ok(&root, i + 1) ||
			    rb_check(&root, item_less) != 0)
				bad++;
		}
	}
	EXPECT_EQ(bad, 0);
}

static unsigned long key_few(int i, int n)
{
	(void)i;
	(void)n;
	return rng() % 10;
}

/* With a strict less, equal keys come out in insertion order. */
TEST(duplicates_keep_insertion_order)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct item *items, *prev = NULL, *first, *last;
	struct rb_node *node;
	int n = 0, bad = 0;

	rng_seed(3);
	items = make_items(SMALL, key_few);
	for (int i = 0; i < SMALL; i++)
		rb_add_cached(&items[i].node, &root, item_less);
	EXPECT_EQ(rb_check_cached(&root, item_less), 0);
	for (node = rb_first(&root.root); node; node = rb_next(node)) {
		struct item *it = item_of(node);

		if (prev && (prev->key > it->key ||
			     (prev->key == it->key && prev->seq > it->seq)))
			bad++;
		prev = it;
		n++;
	}
	EXPECT_EQ(n, SMALL);
	EXPECT_EQ(bad, 0);
	/* First inserted of the smallest key, last of the largest. */
	first = last = &items[0];
	for (int i = 1; i < SMALL; i++) {
		if (items[i].key < first->key)
			first = &items[i];
		if (items[i].key >= last->key)
			last = &items[i];
	}
	EXPECT(rb_first_cached(&root) == &first->node);
	EXPECT(prev == last);
	free(items);
}

/* rb_next() k times then rb_prev() k times comes back to the start. */
TEST(walk_both_ways)
{
	struct rb_root root = RB_ROOT;
	struct item items[500];
	struct rb_node *start, *node;
	int bad = 0;

	for (int i = 0; i < 500; i++) {
		items[i].key = (i * 7919) % 500;
		rb_add(&items[i].node, &root, item_less);
	}
	for (int s = 0; s < 500; s += 37) {
		int steps = 0;

		start = &items[s].node;
		for (node = start; steps < 50 && rb_next(node); steps++) {
			if (key_of(rb_next(node)) != key_of(node) + 1)
				bad++;
			node = rb_next(node);
		}
		for (; steps > 0; steps--) {
			if (key_of(rb_prev(node)) != key_of(node) - 1)
				bad++;
			node = rb_prev(node);
		}
		if (node != start)
			bad++;
	}
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(item_of(rb_first(&root))->key, 0);
	EXPECT_EQ(item_of(rb_last(&root))->key, 499);
	EXPECT(rb_prev(rb_first(&root)) == NULL);
	EXPECT(rb_next(rb_last(&root)) == NULL);
}

/* The smallest key among items still in the tree, by brute force. */
static unsigned long brute_min(const struct item *items, int n)
{
	unsigned long min = ~0UL;

	for (int i = 0; i < n; i++)
		if (!RB_EMPTY_NODE(&items[i].node) && items[i].key < min)
			min = items[i].key;
	return min;
}

/* Erase every node in random order, checking everything after each. */
static void erase_random_checked(uint64_t seed, int n)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct item *items;
	int *order, bad = 0;

	rng_seed(seed);
	items = make_items(n, key_random);
	order = identity(n);
	shuffle(order, n);
	for (int i = 0; i < n; i++)
		insert_by_hand(&root, &items[i]);
	for (int i = 0; i < n; i++) {
		struct item *it = &items[order[i]];

		rb_erase_cached(&it->node, &root);
		if (!RB_EMPTY_NODE(&it->node))
			bad++;
		if (rb_check_cached(&root, item_less) != 0)
			bad++;
		if (i + 1 < n && item_of(rb_first_cached(&root))->key !=
				 brute_min(items, n))
			bad++;
		if (!height_ok(&root.root, n - i - 1))
			bad++;
	}
	EXPECT_EQ(bad, 0);
	EXPECT(RB_EMPTY_ROOT(&root.root));
	EXPECT(rb_first_cached(&root) == NULL);
	free(order);
	free(items);
}

TEST(erase_random_order_checked)
{
	for (uint64_t seed = 10; seed < 15; seed++)
		erase_random_checked(seed, SMALL);
	erase_random_checked(20, 2);
	erase_random_checked(21, 3);
}

/* Erase half of a big tree, compare with the model, then the rest. */
TEST(erase_random_order_big)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct item *items, *left;
	unsigned long *keys;
	int *order;

	rng_seed(30);
	items = make_items(BIG, key_random);
	order = identity(BIG);
	shuffle(order, BIG);
	for (int i = 0; i < BIG; i++)
		rb_add_cached(&items[i].node, &root, item_less);
	left = malloc(BIG / 2 * sizeof(*left));
	for (int i = 0; i < BIG / 2; i++) {
		rb_erase_cached(&items[order[i]].node, &root);
		left[i] = items[order[BIG / 2 + i]];
	}
	keys = sorted_keys(left, BIG / 2);
	expect_keys(&root, keys, BIG / 2);
	EXPECT_EQ(item_of(rb_first_cached(&root))->key, keys[0]);
	for (int i = BIG / 2; i < BIG; i++)
		rb_erase_cached(&items[order[i]].node, &root);
	EXPECT(RB_EMPTY_ROOT(&root.root));
	EXPECT(rb_first_cached(&root) == NULL);
	free(keys);
	free(left);
	free(order);
	free(items);
}

/* Random inserts and erases mixed, against a count of present items. */
TEST(mixed_operations)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct item items[200];
	int present = 0, bad = 0, n;
	struct rb_node *node;

	rng_seed(40);
	for (int i = 0; i < 200; i++)
		RB_CLEAR_NODE(&items[i].node);
	for (int op = 0; op < 20000; op++) {
		struct item *it = &items[rng() % 200];

		if (RB_EMPTY_NODE(&it->node)) {
			it->key = rng() % 100;
			rb_add_cached(&it->node, &root, item_less);
			present++;
		} else {
			rb_erase_cached(&it->node, &root);
			present--;
		}
		if (rb_check_cached(&root, item_less) != 0)
			bad++;
		if (present && item_of(rb_first_cached(&root))->key !=
			       brute_min(items, 200))
			bad++;
	}
	EXPECT_EQ(bad, 0);
	n = 0;
	for (node = rb_first(&root.root); node; node = rb_next(node))
		n++;
	EXPECT_EQ(n, present);
}

/*
 * The scheduler's loop: pick the leftmost task, erase it, charge it some
 * runtime and queue it again. The pick must always be the minimum.
 */
TEST(erase_leftmost_repeatedly)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct item tasks[64];
	int bad = 0;

	rng_seed(50);
	for (int i = 0; i < 64; i++) {
		tasks[i].key = rng() % 1000;
		rb_add_cached(&tasks[i].node, &root, item_less);
	}
	for (int round = 0; round < 100000; round++) {
		struct item *it = item_of(rb_first_cached(&root));

		if (it->key != brute_min(tasks, 64))
			bad++;
		rb_erase_cached(&it->node, &root);
		it->key += 1 + rng() % 5000;
		rb_add_cached(&it->node, &root, item_less);
		if (round % 16 == 0 && rb_check_cached(&root, item_less) != 0)
			bad++;
	}
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(rb_check_cached(&root, item_less), 0);
	EXPECT(height_ok(&root.root, 64));
}

/* Equal runtimes: tasks queued again behind their equals take turns. */
TEST(equal_keys_round_robin)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct item tasks[10];
	int bad = 0;

	for (int i = 0; i < 10; i++) {
		tasks[i].key = 7;
		tasks[i].seq = i;
		rb_add_cached(&tasks[i].node, &root, item_less);
	}
	for (int round = 0; round < 1000; round++) {
		struct item *it = item_of(rb_first_cached(&root));

		if (it->seq != round % 10)
			bad++;
		rb_erase_cached(&it->node, &root);
		rb_add_cached(&it->node, &root, item_less);
	}
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(rb_check_cached(&root, item_less), 0);
}

TEST(replace_node)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct item items[100], spare[3];
	unsigned long keys[100];
	struct item *old;
	struct rb_node *next;

	for (int i = 0; i < 100; i++) {
		items[i].key = keys[i] = 2 * i;
		rb_add_cached(&items[i].node, &root, item_less);
	}
	/* The leftmost, a middle one, and whichever is now the root. */
	for (int v = 0; v < 3; v++) {
		old = v == 0 ? &items[0] : v == 1 ? &items[77] :
		      item_of(root.root.node);
		next = rb_next(&old->node);

		spare[v].key = old->key;
		rb_replace_node_cached(&old->node, &spare[v].node, &root);
		EXPECT(RB_EMPTY_NODE(&old->node));
		EXPECT(rb_next(&spare[v].node) == next);
		if (next)
			EXPECT(rb_prev(next) == &spare[v].node);
		expect_keys(&root, keys, 100);
	}
	EXPECT(rb_first_cached(&root) == &spare[0].node);
	EXPECT(root.root.node == &spare[2].node);
	EXPECT(spare[2].node.parent == NULL);
}

/* Build the tree 2(1, 3) by hand, valid: black root, red leaves. */
static void small_tree(struct item *t, struct rb_root_cached *root)
{
	for (int i = 0; i < 4; i++) {
		t[i].key = i;
		t[i].node.left = t[i].node.right = NULL;
		t[i].node.color = RB_RED;
	}
	t[2].node.parent = NULL;
	t[2].node.color = RB_BLACK;
	t[2].node.left = &t[1].node;
	t[2].node.right = &t[3].node;
	t[1].node.parent = &t[2].node;
	t[3].node.parent = &t[2].node;
	root->root.node = &t[2].node;
	root->leftmost = &t[1].node;
}

TEST(check_reports_each_fault)
{
	struct rb_root_cached root;
	struct item t[4];

	small_tree(t, &root);
	EXPECT_EQ(rb_check_cached(&root, item_less), 0);

	t[2].node.color = RB_RED;
	EXPECT_EQ(rb_check(&root.root, item_less), RB_ERR_ROOT_RED);

	small_tree(t, &root);
	t[1].node.color = RB_BLACK;
	EXPECT_EQ(rb_check(&root.root, item_less), RB_ERR_BLACK_HEIGHT);

	small_tree(t, &root);
	t[1].node.left = &t[0].node;	/* red under red, heights equal */
	t[0].node.parent = &t[1].node;
	EXPECT_EQ(rb_check(&root.root, item_less), RB_ERR_RED_RED);

	small_tree(t, &root);
	t[3].node.parent = &t[1].node;
	EXPECT_EQ(rb_check(&root.root, item_less), RB_ERR_LINK);

	small_tree(t, &root);
	t[2].node.parent = &t[1].node;
	EXPECT_EQ(rb_check(&root.root, item_less), RB_ERR_LINK);

	small_tree(t, &root);
	t[2].node.right = &t[1].node;	/* one node reached twice */
	EXPECT_EQ(rb_check(&root.root, item_less), RB_ERR_LINK);

	small_tree(t, &root);
	t[1].key = 5;
	EXPECT_EQ(rb_check(&root.root, item_less), RB_ERR_ORDER);
	EXPECT_EQ(rb_check(&root.root, NULL), 0);

	small_tree(t, &root);
	t[3].node.color = 7;
	EXPECT_EQ(rb_check(&root.root, item_less), RB_ERR_COLOR);

	small_tree(t, &root);
	root.leftmost = &t[2].node;
	EXPECT_EQ(rb_check(&root.root, item_less), 0);
	EXPECT_EQ(rb_check_cached(&root, item_less), RB_ERR_LEFTMOST);
}

/* Damage deep inside a real tree is found too. */
TEST(check_finds_damage_in_big_tree)
{
	struct rb_root root = RB_ROOT;
	struct item *items = calloc(SMALL, sizeof(*items));
	struct item *deep;

	for (int i = 0; i < SMALL; i++) {
		items[i].key = i;
		rb_add(&items[i].node, &root, item_less);
	}
	EXPECT_EQ(rb_check(&root, item_less), 0);
	items[SMALL / 2].key = SMALL;
	EXPECT_EQ(rb_check(&root, item_less), RB_ERR_ORDER);
	items[SMALL / 2].key = SMALL / 2;

	/* A leaf: paint it the other colour and the path count changes. */
	deep = item_of(rb_last(&root));
	deep->node.color ^= 1;
	EXPECT(rb_check(&root, item_less) != 0);
	deep->node.color ^= 1;
	EXPECT_EQ(rb_check(&root, item_less), 0);
	free(items);
}
