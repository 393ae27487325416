/*
 * Host tests for include/lib/list.h: insertion order, deletion (and that a
 * deleted node is left self-linked), safe iteration while deleting,
 * moving and splicing. Every check also walks the list backwards, so a
 * broken prev pointer shows up.
 */
#include "lib/list.h"
#include "unittest.h"

struct item {
	int value;
	struct list_head node;
};

/* Give items the values 1..n. */
static void number_items(struct item *it, int n)
{
	for (int i = 0; i < n; i++)
		it[i].value = i + 1;
}

/* The values on @head front to back, checked against the walk back. */
static int collect(struct list_head *head, int *out, int max)
{
	struct list_head *pos;
	struct item *it;
	int n = 0, back = 0;

	list_for_each_entry(it, head, node) {
		if (n < max)
			out[n] = it->value;
		n++;
	}
	for (pos = head->prev; pos != head; pos = pos->prev) {
		back++;
		EXPECT(pos->next->prev == pos);
		if (n - back >= 0 && n - back < max)
			EXPECT_EQ(list_entry(pos, struct item, node)->value,
				  out[n - back]);
	}
	EXPECT_EQ(back, n);
	return n;
}

static void expect_values(struct list_head *head, const int *want, int n)
{
	int got[32];

	EXPECT_EQ(collect(head, got, 32), n);
	for (int i = 0; i < n; i++)
		EXPECT_EQ(got[i], want[i]);
}

static LIST_HEAD(static_list);

TEST(empty_lists)
{
	struct list_head h;
	struct list_head *pos;
	int visits = 0;

	INIT_LIST_HEAD(&h);
	EXPECT(list_empty(&h));
	EXPECT(list_empty(&static_list));
	EXPECT(static_list.next == &static_list);
	list_for_each(pos, &h)
		visits++;
	EXPECT_EQ(visits, 0);
}

TEST(add_is_front_add_tail_is_back)
{
	struct item it[4];
	LIST_HEAD(h);

	number_items(it, 4);
	list_add_tail(&it[1].node, &h);
	list_add(&it[0].node, &h);
	list_add_tail(&it[2].node, &h);
	list_add_tail(&it[3].node, &h);
	EXPECT(!list_empty(&h));
	expect_values(&h, (int[]){ 1, 2, 3, 4 }, 4);
	EXPECT_EQ(list_first_entry(&h, struct item, node)->value, 1);
	EXPECT(list_entry(&it[2].node, struct item, node) == &it[2]);
}

TEST(del_unlinks_and_reinits)
{
	struct item it[3];
	LIST_HEAD(h);

	number_items(it, 3);
	for (int i = 0; i < 3; i++)
		list_add_tail(&it[i].node, &h);
	list_del(&it[1].node);
	expect_values(&h, (int[]){ 1, 3 }, 2);
	EXPECT(list_empty(&it[1].node));
	/* A second delete of a self-linked node changes nothing. */
	list_del(&it[1].node);
	expect_values(&h, (int[]){ 1, 3 }, 2);
	list_del(&it[0].node);
	list_del(&it[2].node);
	EXPECT(list_empty(&h));
}

TEST(safe_iteration_allows_deleting)
{
	struct item it[10];
	struct item *pos, *tmp;
	LIST_HEAD(h);
	int seen = 0;

	for (int i = 0; i < 10; i++) {
		it[i].value = i;
		list_add_tail(&it[i].node, &h);
	}
	list_for_each_entry_safe(pos, tmp, &h, node) {
		EXPECT_EQ(pos->value, seen);
		seen++;
		if (pos->value % 2)
			list_del(&pos->node);
	}
	EXPECT_EQ(seen, 10);
	expect_values(&h, (int[]){ 0, 2, 4, 6, 8 }, 5);
	list_for_each_entry_safe(pos, tmp, &h, node)
		list_del(&pos->node);
	EXPECT(list_empty(&h));
}

TEST(move_tail_between_lists)
{
	struct item it[3];
	LIST_HEAD(a);
	LIST_HEAD(b);

	number_items(it, 3);
	for (int i = 0; i < 3; i++)
		list_add_tail(&it[i].node, &a);
	list_move_tail(&it[0].node, &a);
	expect_values(&a, (int[]){ 2, 3, 1 }, 3);
	list_move_tail(&it[2].node, &b);
	list_move_tail(&it[1].node, &b);
	expect_values(&a, (int[]){ 1 }, 1);
	expect_values(&b, (int[]){ 3, 2 }, 2);
}

TEST(splice_tail_init_appends_and_empties)
{
	struct item it[5];
	LIST_HEAD(a);
	LIST_HEAD(b);

	number_items(it, 5);
	list_add_tail(&it[0].node, &a);
	list_add_tail(&it[1].node, &a);
	list_add_tail(&it[2].node, &b);
	list_add_tail(&it[3].node, &b);
	list_add_tail(&it[4].node, &b);
	list_splice_tail_init(&b, &a);
	EXPECT(list_empty(&b));
	expect_values(&a, (int[]){ 1, 2, 3, 4, 5 }, 5);
	/* Splicing an empty list changes nothing. */
	list_splice_tail_init(&b, &a);
	expect_values(&a, (int[]){ 1, 2, 3, 4, 5 }, 5);
	/* Into an empty list: everything moves over. */
	list_splice_tail_init(&a, &b);
	EXPECT(list_empty(&a));
	expect_values(&b, (int[]){ 1, 2, 3, 4, 5 }, 5);
}
