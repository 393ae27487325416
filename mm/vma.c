/*
 * Virtual memory areas: the tree of a user address space's regions, and
 * the operations mmap, munmap and mprotect are made of (lookup, insert,
 * remove, split, merge, carving a range, finding a free gap). Pure logic:
 * it never allocates, locks or prints; the caller passes in the structs a
 * split needs and frees those a merge gives back, and holds the address
 * space's lock throughout. include/vma.h is the interface; the page tables
 * behind the vmas are arch/x86_64/pgtable.c's (include/vm.h).
 *
 * The tree is ordered by start. As vmas never overlap, ordering by start
 * also orders them by end, which every lookup below relies on.
 */
#include "compiler.h"
#include "errno.h"
#include "types.h"
#include "vma.h"
#include "lib/rbtree.h"

static inline struct vma *vma_of(const struct rb_node *node)
{
	return rb_entry_safe((struct rb_node *)node, struct vma, node);
}

static inline bool page_aligned(unsigned long addr)
{
	return !(addr & (PAGE_SIZE - 1));
}

void vma_tree_init(struct vma_tree *tree)
{
	tree->root = RB_ROOT;
	tree->count = 0;
	tree->total_pages = 0;
}

void vma_init(struct vma *vma, unsigned long start, unsigned long end,
	      unsigned int flags, void *object, unsigned long pgoff)
{
	vma->start = start;
	vma->end = end;
	vma->flags = flags;
	vma->object = object;
	vma->pgoff = pgoff;
	RB_CLEAR_NODE(&vma->node);
}

struct vma *vma_find(const struct vma_tree *tree, unsigned long addr)
{
	struct rb_node *n = tree->root.node;

	while (n) {
		struct vma *v = vma_of(n);

		if (addr < v->start)
			n = n->left;
		else if (addr >= v->end)
			n = n->right;
		else
			return v;
	}
	return NULL;
}

struct vma *vma_find_next(const struct vma_tree *tree, unsigned long addr)
{
	struct rb_node *n = tree->root.node;
	struct vma *best = NULL;

	while (n) {
		struct vma *v = vma_of(n);

		if (v->end > addr) {
			best = v;
			if (v->start <= addr)
				break;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return best;
}

struct vma *vma_find_prev(const struct vma_tree *tree, unsigned long addr)
{
	struct rb_node *n = tree->root.node;
	struct vma *best = NULL;

	while (n) {
		struct vma *v = vma_of(n);

		if (v->start < addr) {
			best = v;
			n = n->right;
		} else {
			n = n->left;
		}
	}
	return best;
}

struct vma *vma_first(const struct vma_tree *tree)
{
	return vma_of(rb_first(&tree->root));
}

struct vma *vma_last(const struct vma_tree *tree)
{
	return vma_of(rb_last(&tree->root));
}

struct vma *vma_next(const struct vma *vma)
{
	return vma_of(rb_next(&vma->node));
}

struct vma *vma_prev(const struct vma *vma)
{
	return vma_of(rb_prev(&vma->node));
}

/*
 * Walking down with both ends compared finds any overlap: the vmas just
 * before and after the place where @vma would hang are both on the path,
 * and the others lie beyond those two.
 */
int vma_insert(struct vma_tree *tree, struct vma *vma)
{
	struct rb_node **link = &tree->root.node, *parent = NULL;

	if (vma->start >= vma->end || !page_aligned(vma->start) ||
	    !page_aligned(vma->end))
		return -EINVAL;
	while (*link) {
		struct vma *v = vma_of(*link);

		parent = *link;
		if (vma->end <= v->start)
			link = &parent->left;
		else if (vma->start >= v->end)
			link = &parent->right;
		else
			return -EEXIST;
	}
	rb_link_node(&vma->node, parent, link);
	rb_insert_color(&vma->node, &tree->root);
	tree->count++;
	tree->total_pages += vma_pages(vma);
	return 0;
}

void vma_remove(struct vma_tree *tree, struct vma *vma)
{
	rb_erase(&vma->node, &tree->root);
	tree->count--;
	tree->total_pages -= vma_pages(vma);
}

/*
 * Hang @new right after @vma in order, without comparing: as the leftmost
 * node of @vma's right subtree, or as its right child when it has none.
 */
static void link_after(struct vma_tree *tree, struct vma *vma,
		       struct vma *new)
{
	struct rb_node *parent = &vma->node;
	struct rb_node **link = &parent->right;

	while (*link) {
		parent = *link;
		link = &parent->left;
	}
	rb_link_node(&new->node, parent, link);
	rb_insert_color(&new->node, &tree->root);
}

int vma_split(struct vma_tree *tree, struct vma *vma, unsigned long addr,
	      struct vma *new)
{
	if (addr <= vma->start || addr >= vma->end || !page_aligned(addr))
		return -EINVAL;
	vma_init(new, addr, vma->end, vma->flags, vma->object,
		 vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT));
	vma->end = addr;
	link_after(tree, vma, new);
	tree->count++;
	return 0;
}

bool vma_can_merge(const struct vma *a, const struct vma *b)
{
	return a->end == b->start &&
	       !((a->flags ^ b->flags) & VMA_MERGE_MASK) &&
	       a->object == b->object &&
	       a->pgoff + vma_pages(a) == b->pgoff;
}

/* @a absorbs @b, its successor in the tree; @b is out of it after. */
static void absorb_next(struct vma_tree *tree, struct vma *a, struct vma *b)
{
	rb_erase(&b->node, &tree->root);
	a->end = b->end;
	tree->count--;
}

struct vma *vma_merge_around(struct vma_tree *tree, struct vma *vma,
			     struct vma *freed[VMA_MERGE_MAX_FREED])
{
	struct vma *prev = vma_prev(vma), *next = vma_next(vma);
	int n = 0;

	freed[0] = NULL;
	freed[1] = NULL;
	if (prev && vma_can_merge(prev, vma)) {
		absorb_next(tree, prev, vma);
		freed[n++] = vma;
		vma = prev;
	}
	if (next && vma_can_merge(vma, next)) {
		absorb_next(tree, vma, next);
		freed[n++] = next;
	}
	return vma;
}

/* The vma that a boundary at @addr would cut, or NULL. */
static struct vma *cut_at(const struct vma_tree *tree, unsigned long addr)
{
	struct vma *v = vma_find(tree, addr);

	return v && v->start != addr ? v : NULL;
}

static bool carve_range_ok(unsigned long start, unsigned long end)
{
	return start < end && page_aligned(start) && page_aligned(end);
}

int vma_carve_splits(const struct vma_tree *tree, unsigned long start,
		     unsigned long end)
{
	if (!carve_range_ok(start, end))
		return -EINVAL;
	return !!cut_at(tree, start) + !!cut_at(tree, end);
}

int vma_carve(struct vma_tree *tree, unsigned long start, unsigned long end,
	      struct vma *spare[VMA_CARVE_SPARES])
{
	struct vma *low, *high;
	int used = 0;

	if (!carve_range_ok(start, end))
		return -EINVAL;
	low = cut_at(tree, start);
	high = cut_at(tree, end);
	if ((low && !spare[0]) || (low && high && !spare[1]) ||
	    (!low && high && !spare[0]))
		return -ENOMEM;
	if (low) {
		vma_split(tree, low, start, spare[used]);
		/* One vma over both ends: its upper part is now cut at end. */
		if (high == low)
			high = spare[used];
		used++;
	}
	if (high)
		vma_split(tree, high, end, spare[used++]);
	return used;
}

/*
 * The free stretch between @prev and @next (NULL: the ends of the address
 * space) that @req may use, [*gs, *ge): clipped to [low, high) and short of
 * the guard below a stack. False when nothing is left.
 */
static bool gap_between(const struct vma *prev, const struct vma *next,
			const struct vma_gap_req *req, unsigned long *gs,
			unsigned long *ge)
{
	unsigned long s = prev ? prev->end : 0;
	unsigned long e = next ? next->start : req->high;

	if (next && (next->flags & VMA_GROWSDOWN))
		e = e > req->guard ? e - req->guard : 0;
	*gs = MAX(s, req->low);
	*ge = MIN(e, req->high);
	return *gs < *ge;
}

/* Where in [gs, ge) @req fits, lowest or highest; false if it does not. */
static bool gap_fit(unsigned long gs, unsigned long ge, unsigned long align,
		    const struct vma_gap_req *req, unsigned long *addr)
{
	unsigned long a;

	if (ge - gs < req->len)
		return false;
	if (req->topdown) {
		a = ALIGN_DOWN(ge - req->len, align);
		if (a < gs)
			return false;
	} else {
		a = ALIGN_UP(gs, align);
		/* a < gs: rounding up wrapped past the top. */
		if (a < gs || a > ge - req->len)
			return false;
	}
	*addr = a;
	return true;
}

static bool gap_req_ok(const struct vma_gap_req *req)
{
	return req->len && page_aligned(req->len) && page_aligned(req->low) &&
	       page_aligned(req->high) && page_aligned(req->guard) &&
	       !(req->align & (req->align - 1));
}

/* Gaps from the one holding @low upwards, each vma passed over once. */
static unsigned long gap_up(const struct vma_tree *tree,
			    const struct vma_gap_req *req, unsigned long align)
{
	struct vma *next = vma_find_next(tree, req->low);
	struct vma *prev = next ? vma_prev(next) : vma_last(tree);
	unsigned long gs, ge, addr;

	for (;;) {
		if (gap_between(prev, next, req, &gs, &ge) &&
		    gap_fit(gs, ge, align, req, &addr))
			return addr;
		if (!next || next->end >= req->high)
			return (unsigned long)-ENOMEM;
		prev = next;
		next = vma_next(next);
	}
}

/* Gaps from the one holding high - 1 downwards. */
static unsigned long gap_down(const struct vma_tree *tree,
			      const struct vma_gap_req *req,
			      unsigned long align)
{
	struct vma *prev = vma_find_prev(tree, req->high);
	struct vma *next = prev ? vma_next(prev) : vma_first(tree);
	unsigned long gs, ge, addr;

	for (;;) {
		if (gap_between(prev, next, req, &gs, &ge) &&
		    gap_fit(gs, ge, align, req, &addr))
			return addr;
		if (!prev || prev->start <= req->low)
			return (unsigned long)-ENOMEM;
		next = prev;
		prev = vma_prev(prev);
	}
}

unsigned long vma_find_gap(const struct vma_tree *tree,
			   const struct vma_gap_req *req)
{
	unsigned long align = MAX(req->align, PAGE_SIZE);

	if (!gap_req_ok(req))
		return (unsigned long)-EINVAL;
	if (req->low >= req->high || req->high - req->low < req->len)
		return (unsigned long)-ENOMEM;
	return req->topdown ? gap_down(tree, req, align) :
			      gap_up(tree, req, align);
}

static bool start_less(const struct rb_node *a, const struct rb_node *b)
{
	return vma_of(a)->start < vma_of(b)->start;
}

int vma_tree_check(const struct vma_tree *tree)
{
	const struct vma *v, *prev = NULL;
	unsigned long count = 0, pages = 0;
	int err = rb_check(&tree->root, start_less);

	if (err)
		return err;
	vma_for_each(v, tree) {
		if (v->start >= v->end)
			return VMA_ERR_EMPTY;
		if (!page_aligned(v->start) || !page_aligned(v->end))
			return VMA_ERR_ALIGN;
		if (prev && prev->end > v->start)
			return VMA_ERR_OVERLAP;
		count++;
		pages += vma_pages(v);
		prev = v;
	}
	if (count != tree->count)
		return VMA_ERR_COUNT;
	if (pages != tree->total_pages)
		return VMA_ERR_PAGES;
	return 0;
}
