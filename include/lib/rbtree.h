/*
 * Intrusive red-black trees (lib/rbtree.c). A struct rb_node is embedded in
 * each element and rb_entry() gets back to the element. The tree knows
 * nothing about keys: to insert, the caller walks down with its own
 * comparison, links the node where the walk ended with rb_link_node() and
 * rebalances with rb_insert_color(), or does all three with rb_add() and a
 * "less" function. The fair scheduler keeps runnable tasks in an
 * rb_root_cached ordered by virtual runtime, which also remembers the
 * leftmost (smallest) node so that picking the next task is O(1).
 *
 * Every operation is O(log n) except rb_first_cached() and the link/clear
 * helpers, which are O(1). The locking is the caller's.
 */
#ifndef LIB_RBTREE_H
#define LIB_RBTREE_H

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"

#define RB_RED		0
#define RB_BLACK	1

struct rb_node {
	struct rb_node *parent;		/* NULL at the root; self if unlinked */
	struct rb_node *left, *right;
	int color;			/* RB_RED or RB_BLACK */
};

struct rb_root {
	struct rb_node *node;
};

/* A tree that also tracks its leftmost node, for an O(1) minimum. */
struct rb_root_cached {
	struct rb_root root;
	struct rb_node *leftmost;
};

/* Strict weak order: true when @a sorts before @b. */
typedef bool (*rb_less_fn)(const struct rb_node *a, const struct rb_node *b);

#define RB_ROOT		((struct rb_root){ NULL })
#define RB_ROOT_CACHED	((struct rb_root_cached){ { NULL }, NULL })

#define rb_entry(ptr, type, member)	container_of(ptr, type, member)
/* As rb_entry(), but NULL stays NULL (for rb_first() and friends). */
#define rb_entry_safe(ptr, type, member)				\
	({								\
		struct rb_node *__rb_ptr = (ptr);			\
		__rb_ptr ? rb_entry(__rb_ptr, type, member) : NULL;	\
	})

#define RB_EMPTY_ROOT(root)	((root)->node == NULL)

/*
 * A node that is in no tree points its parent at itself. RB_CLEAR_NODE()
 * marks it so (rb_erase() does it too), and RB_EMPTY_NODE() asks, so an
 * element can tell whether it is queued without a separate flag.
 */
#define RB_EMPTY_NODE(node)	((node)->parent == (node))
#define RB_CLEAR_NODE(node)	((node)->parent = (node))

/*
 * Hang @node, red and childless, in the empty link @link of @parent (NULL
 * with @link == &root->node for an empty tree). The tree is not balanced
 * again until rb_insert_color().
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->parent = parent;
	node->left = NULL;
	node->right = NULL;
	node->color = RB_RED;
	*link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* As rb_insert_color(); @leftmost: the walk went left at every step. */
void rb_insert_color_cached(struct rb_node *node, struct rb_root_cached *root,
			    bool leftmost);

/*
 * Insert @node in order. A node equal to ones already in the tree goes
 * after them, so equal keys come out in insertion order. rb_add_cached()
 * returns true when @node became the leftmost node.
 */
void rb_add(struct rb_node *node, struct rb_root *root, rb_less_fn less);
bool rb_add_cached(struct rb_node *node, struct rb_root_cached *root,
		   rb_less_fn less);

/* Remove @node and leave it cleared (RB_EMPTY_NODE() is then true). */
void rb_erase(struct rb_node *node, struct rb_root *root);
void rb_erase_cached(struct rb_node *node, struct rb_root_cached *root);

/*
 * Put @new in the place of @victim, which must be in the tree, with no
 * rebalancing. The caller makes sure @new sorts where @victim did.
 */
void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root);
void rb_replace_node_cached(struct rb_node *victim, struct rb_node *new,
			    struct rb_root_cached *root);

/* In-order iteration; NULL past either end or for a cleared node. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

static inline struct rb_node *rb_first_cached(const struct rb_root_cached *root)
{
	return root->leftmost;
}

/* What rb_check() found wrong; 0 means nothing. */
#define RB_ERR_ROOT_RED		(-1)	/* the root is red */
#define RB_ERR_RED_RED		(-2)	/* a red node has a red child */
#define RB_ERR_BLACK_HEIGHT	(-3)	/* paths hold unequal black counts */
#define RB_ERR_LINK		(-4)	/* a parent or child pointer is wrong */
#define RB_ERR_ORDER		(-5)	/* in-order walk not sorted by @less */
#define RB_ERR_COLOR		(-6)	/* a colour neither red nor black */
#define RB_ERR_LEFTMOST		(-7)	/* cached leftmost is not the first */

/*
 * Check every red-black and ordering invariant of @root in O(n), without
 * recursion, so that DEBUG builds may call it on a kernel stack. Returns 0
 * or the first RB_ERR_* found. @less may be NULL to skip the order check.
 */
int rb_check(const struct rb_root *root, rb_less_fn less);
/* rb_check(), and the cached leftmost node must be the first one. */
int rb_check_cached(const struct rb_root_cached *root, rb_less_fn less);

#endif
