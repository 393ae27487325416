/*
 * Intrusive circular doubly linked lists, as in Linux: a struct list_head
 * is embedded in each element, and a standalone list_head is the list
 * itself (an empty list points at itself). list_entry() gets from the node
 * back to the element. Header-only; the locking is the caller's.
 */
#ifndef LIB_LIST_H
#define LIB_LIST_H

#include <stdbool.h>
#include "compiler.h"

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }
#define LIST_HEAD(name)		struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

/* Link @node in between two neighbouring nodes. */
static inline void __list_add(struct list_head *node, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = node;
	node->next = next;
	node->prev = prev;
	prev->next = node;
}

/* Add @node right after @head: at the front of the list (a stack). */
static inline void list_add(struct list_head *node, struct list_head *head)
{
	__list_add(node, head, head->next);
}

/* Add @node right before @head: at the back of the list (a queue). */
static inline void list_add_tail(struct list_head *node,
				 struct list_head *head)
{
	__list_add(node, head->prev, head);
}

static inline void __list_unlink(struct list_head *node)
{
	node->next->prev = node->prev;
	node->prev->next = node->next;
}

/*
 * Unlink @node and leave it pointing at itself, unlike Linux's poisoning:
 * list_empty(node) then tells whether an element is on a list, and a second
 * list_del() is harmless instead of a fault on a poison address.
 */
static inline void list_del(struct list_head *node)
{
	__list_unlink(node);
	INIT_LIST_HEAD(node);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

/* Move @node from wherever it is to the back of @head. */
static inline void list_move_tail(struct list_head *node,
				  struct list_head *head)
{
	__list_unlink(node);
	list_add_tail(node, head);
}

/* Append all of @list's nodes to @head, and leave @list empty. */
static inline void list_splice_tail_init(struct list_head *list,
					 struct list_head *head)
{
	if (list_empty(list))
		return;
	list->next->prev = head->prev;
	head->prev->next = list->next;
	list->prev->next = head;
	head->prev = list->prev;
	INIT_LIST_HEAD(list);
}

#define list_entry(ptr, type, member)	container_of(ptr, type, member)

/* The first element; the list must not be empty. */
#define list_first_entry(head, type, member) \
	list_entry((head)->next, type, member)

#define list_last_entry(head, type, member) \
	list_entry((head)->prev, type, member)

#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, __typeof__(*(pos)), member)

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head); pos = pos->next)

#define list_for_each_entry(pos, head, member)				\
	for (pos = list_first_entry(head, __typeof__(*(pos)), member);	\
	     &pos->member != (head);					\
	     pos = list_next_entry(pos, member))

/* The same, from the last to the first. */
#define list_for_each_entry_reverse(pos, head, member)			\
	for (pos = list_entry((head)->prev, __typeof__(*(pos)), member);	\
	     &pos->member != (head);					\
	     pos = list_entry(pos->member.prev, __typeof__(*(pos)), member))

/* Like list_for_each_entry, but @pos may be deleted from the list. */
#define list_for_each_entry_safe(pos, tmp, head, member)		\
	for (pos = list_first_entry(head, __typeof__(*(pos)), member),	\
	     tmp = list_next_entry(pos, member);			\
	     &pos->member != (head);					\
	     pos = tmp, tmp = list_next_entry(tmp, member))

#endif
