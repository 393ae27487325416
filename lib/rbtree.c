/*
 * Red-black trees (include/lib/rbtree.h): rebalancing after insertion and
 * erasure, in-order iteration, node replacement and an invariant checker.
 * The fair scheduler (sched/) is the first user; anything that needs an
 * ordered set with O(log n) updates can embed a struct rb_node.
 *
 * The invariants kept: every node is red or black, the root is black, a
 * red node has no red child, and every path from a node down to an empty
 * link passes the same number of black nodes. Together they bound the
 * height by 2 * log2(n + 1).
 *
 * Each fix-up case comes in two mirror images. Rather than write both, the
 * code names the side it is working on (dir, 0 for left, 1 for right) and
 * reaches children through child(); !dir is the other side.
 */
#include "lib/rbtree.h"

#define LEFT	0
#define RIGHT	1

static inline struct rb_node **child(struct rb_node *node, int dir)
{
	return dir == LEFT ? &node->left : &node->right;
}

/* Empty links count as black leaves. */
static inline bool is_red(const struct rb_node *node)
{
	return node && node->color == RB_RED;
}

static inline bool is_black(const struct rb_node *node)
{
	return !is_red(node);
}

/* The side of its parent that @node hangs on; @node is not the root. */
static inline int side_of(const struct rb_node *node)
{
	return node == node->parent->left ? LEFT : RIGHT;
}

/* Point whatever pointed at @old (its parent, or the root) at @new. */
static void change_child(struct rb_node *old, struct rb_node *new,
			 struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->node = new;
	else if (parent->left == old)
		parent->left = new;
	else
		parent->right = new;
}

/*
 * Rotate @node down towards @dir: its child on the other side takes its
 * place and @node becomes that child's @dir child. In-order is unchanged.
 */
static void rotate(struct rb_node *node, int dir, struct rb_root *root)
{
	struct rb_node *up = *child(node, !dir);
	struct rb_node *middle = *child(up, dir);

	*child(node, !dir) = middle;
	if (middle)
		middle->parent = node;
	up->parent = node->parent;
	change_child(node, up, node->parent, root);
	*child(up, dir) = node;
	node->parent = up;
}

/*
 * @node was just linked red. The only invariant that can be broken is a
 * red node with a red parent; push the problem up the tree until it
 * disappears or reaches the root, which is simply painted black.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *grandparent, *uncle;
	int dir;

	while (is_red(parent = node->parent)) {
		/* A red node is never the root, so there is a grandparent. */
		grandparent = parent->parent;
		dir = side_of(parent);
		uncle = *child(grandparent, !dir);
		if (is_red(uncle)) {
			/* Move the grandparent's black down a level. */
			parent->color = RB_BLACK;
			uncle->color = RB_BLACK;
			grandparent->color = RB_RED;
			node = grandparent;
			continue;
		}
		if (node == *child(parent, !dir)) {
			/* Inner grandchild: make it an outer one first. */
			rotate(parent, dir, root);
			node = parent;
			parent = node->parent;
		}
		parent->color = RB_BLACK;
		grandparent->color = RB_RED;
		rotate(grandparent, !dir, root);
		break;
	}
	root->node->color = RB_BLACK;
}

void rb_insert_color_cached(struct rb_node *node, struct rb_root_cached *root,
			    bool leftmost)
{
	if (leftmost)
		root->leftmost = node;
	rb_insert_color(node, &root->root);
}

/* Walk down to @node's place; returns whether every step went left. */
static bool add_walk(struct rb_node *node, struct rb_root *root,
		     rb_less_fn less)
{
	struct rb_node **link = &root->node, *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (less(node, parent)) {
			link = &parent->left;
		} else {
			link = &parent->right;
			leftmost = false;
		}
	}
	rb_link_node(node, parent, link);
	return leftmost;
}

void rb_add(struct rb_node *node, struct rb_root *root, rb_less_fn less)
{
	add_walk(node, root, less);
	rb_insert_color(node, root);
}

bool rb_add_cached(struct rb_node *node, struct rb_root_cached *root,
		   rb_less_fn less)
{
	bool leftmost = add_walk(node, &root->root, less);

	rb_insert_color_cached(node, root, leftmost);
	return leftmost;
}

/*
 * A black node was unlinked from @parent, and the subtree now hanging
 * there, @node (possibly empty), has one black too few on every path.
 * Either find a red node to paint black, borrow a black from the
 * sibling's side by rotation, or recolour the sibling red and move the
 * deficit up to @parent.
 *
 * The sibling always exists: before the erase, the sibling's side held
 * at least the missing black.
 */
static void erase_fixup(struct rb_node *node, struct rb_node *parent,
			struct rb_root *root)
{
	struct rb_node *sibling;
	int dir;

	while (node != root->node && is_black(node)) {
		/* @node may be empty; then its side is the empty one. */
		dir = node == parent->left ? LEFT : RIGHT;
		sibling = *child(parent, !dir);
		if (is_red(sibling)) {
			/* Turn a red sibling into a black one. */
			sibling->color = RB_BLACK;
			parent->color = RB_RED;
			rotate(parent, dir, root);
			sibling = *child(parent, !dir);
		}
		if (is_black(sibling->left) && is_black(sibling->right)) {
			sibling->color = RB_RED;
			node = parent;
			parent = node->parent;
			continue;
		}
		if (is_black(*child(sibling, !dir))) {
			/* Make the sibling's far child the red one. */
			(*child(sibling, dir))->color = RB_BLACK;
			sibling->color = RB_RED;
			rotate(sibling, !dir, root);
			sibling = *child(parent, !dir);
		}
		sibling->color = parent->color;
		parent->color = RB_BLACK;
		(*child(sibling, !dir))->color = RB_BLACK;
		rotate(parent, dir, root);
		node = root->node;
	}
	if (node)
		node->color = RB_BLACK;
}

/*
 * Unlink @node, which has two children, by moving its in-order successor
 * into its place, colour included. Returns the colour that disappeared
 * from the tree (the successor's) and where: the successor's old right
 * child in *@hole, under *@hole_parent.
 */
static int erase_two_children(struct rb_node *node, struct rb_root *root,
			      struct rb_node **hole,
			      struct rb_node **hole_parent)
{
	struct rb_node *succ = node->right;
	int color;

	while (succ->left)
		succ = succ->left;
	color = succ->color;
	*hole = succ->right;
	if (succ->parent == node) {
		*hole_parent = succ;
	} else {
		*hole_parent = succ->parent;
		succ->parent->left = succ->right;
		if (succ->right)
			succ->right->parent = succ->parent;
		succ->right = node->right;
		succ->right->parent = succ;
	}
	succ->left = node->left;
	succ->left->parent = succ;
	succ->parent = node->parent;
	succ->color = node->color;
	change_child(node, succ, node->parent, root);
	return color;
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *hole, *hole_parent;
	int color;

	if (node->left && node->right) {
		color = erase_two_children(node, root, &hole, &hole_parent);
	} else {
		/* At most one child: it takes @node's place. */
		hole = node->left ? node->left : node->right;
		hole_parent = node->parent;
		color = node->color;
		if (hole)
			hole->parent = hole_parent;
		change_child(node, hole, hole_parent, root);
	}
	if (color == RB_BLACK)
		erase_fixup(hole, hole_parent, root);
	RB_CLEAR_NODE(node);
}

void rb_erase_cached(struct rb_node *node, struct rb_root_cached *root)
{
	if (root->leftmost == node)
		root->leftmost = rb_next(node);
	rb_erase(node, &root->root);
}

void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root)
{
	*new = *victim;
	if (victim->left)
		victim->left->parent = new;
	if (victim->right)
		victim->right->parent = new;
	change_child(victim, new, victim->parent, root);
	RB_CLEAR_NODE(victim);
}

void rb_replace_node_cached(struct rb_node *victim, struct rb_node *new,
			    struct rb_root_cached *root)
{
	if (root->leftmost == victim)
		root->leftmost = new;
	rb_replace_node(victim, new, &root->root);
}

/* The last node on @node's path down towards @dir. */
static struct rb_node *extreme(struct rb_node *node, int dir)
{
	if (node)
		while (*child(node, dir))
			node = *child(node, dir);
	return node;
}

struct rb_node *rb_first(const struct rb_root *root)
{
	return extreme(root->node, LEFT);
}

struct rb_node *rb_last(const struct rb_root *root)
{
	return extreme(root->node, RIGHT);
}

/*
 * The in-order neighbour of @node on side @dir: the nearest node of its
 * @dir subtree if it has one, else the first ancestor whose subtree on
 * the other side holds @node.
 */
static struct rb_node *step(const struct rb_node *node, int dir)
{
	struct rb_node *n = (struct rb_node *)node;

	if (RB_EMPTY_NODE(n))
		return NULL;
	if (*child(n, dir))
		return extreme(*child(n, dir), !dir);
	while (n->parent && n == *child(n->parent, dir))
		n = n->parent;
	return n->parent;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	return step(node, RIGHT);
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	return step(node, LEFT);
}

/* What rb_check() carries along its walk. */
struct check_state {
	int black;		/* black nodes from the root to here */
	int leaf_black;		/* the same at the first empty link, or -1 */
};

/*
 * Check what can be seen from @node itself: its colour, that its children
 * point back at it (so that climbing later through parent pointers is
 * safe, and no node is reached twice), and, when it has an empty link,
 * the number of blacks on the path down to it.
 */
static int check_node(const struct rb_node *node, struct check_state *s)
{
	if (node->color != RB_RED && node->color != RB_BLACK)
		return RB_ERR_COLOR;
	if (node->left && node->left == node->right)
		return RB_ERR_LINK;
	if ((node->left && node->left->parent != node) ||
	    (node->right && node->right->parent != node))
		return RB_ERR_LINK;
	if (is_red(node) && (is_red(node->left) || is_red(node->right)))
		return RB_ERR_RED_RED;
	s->black += is_black(node);
	if (!node->left || !node->right) {
		if (s->leaf_black < 0)
			s->leaf_black = s->black;
		else if (s->leaf_black != s->black)
			return RB_ERR_BLACK_HEIGHT;
	}
	return 0;
}

/*
 * An in-order walk driven by parent pointers instead of a stack: go down
 * the left spine checking each node entered, visit, then either enter the
 * right subtree or climb until coming up from a left child.
 */
int rb_check(const struct rb_root *root, rb_less_fn less)
{
	struct check_state s = { .black = 0, .leaf_black = -1 };
	const struct rb_node *node = root->node, *down = node, *prev = NULL;
	const struct rb_node *from;
	int err;

	if (!node)
		return 0;
	if (node->parent)
		return RB_ERR_LINK;
	if (node->color != RB_BLACK)
		return node->color == RB_RED ? RB_ERR_ROOT_RED : RB_ERR_COLOR;
	for (;;) {
		for (; down; down = down->left) {
			node = down;
			err = check_node(node, &s);
			if (err)
				return err;
		}
		for (;;) {
			if (less && prev && less(node, prev))
				return RB_ERR_ORDER;
			prev = node;
			if (node->right)
				break;
			do {
				from = node;
				s.black -= is_black(from);
				node = from->parent;
			} while (node && from == node->right);
			if (!node)
				return 0;
		}
		down = node->right;
	}
}

int rb_check_cached(const struct rb_root_cached *root, rb_less_fn less)
{
	int err = rb_check(&root->root, less);

	if (!err && root->leftmost != rb_first(&root->root))
		return RB_ERR_LEFTMOST;
	return err;
}
