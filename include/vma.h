/*
 * Virtual memory areas (mm/vma.c): the regions of a user address space,
 * each a page-aligned range [start, end) with one set of permissions and
 * one backing, kept in a red-black tree sorted by address. mmap, munmap,
 * mprotect, brk and the page fault handler are built on these operations;
 * the page tables themselves are include/vm.h's.
 *
 * Pure logic: nothing here allocates, locks or prints, so the host tests
 * (tests/unit/test_vma.c, test_vma_random.c) run it directly. Operations
 * that create a vma (vma_split(), vma_carve()) take structs the caller
 * allocated, and those that drop one (vma_merge_around()) hand it back for
 * the caller to free.
 *
 * Lock legend: a vma_tree and the vmas in it belong to one address space,
 * whose lock the caller holds around every call, reads included.
 *
 * A vma can never contain the last page of the address space: its end
 * would be 2^64, which does not fit in an unsigned long. User space ends
 * far below that, so nothing is lost.
 */
#ifndef VMA_H
#define VMA_H

#include "compiler.h"
#include "errno.h"
#include "mm.h"		/* PAGE_SIZE; it holds only the memory layout */
#include "types.h"
#include "lib/rbtree.h"

/* What the pages may be used for now: the PROT_* of the mapping. */
#define VMA_READ	(1u << 0)
#define VMA_WRITE	(1u << 1)
#define VMA_EXEC	(1u << 2)
#define VMA_SHARED	(1u << 3)	/* MAP_SHARED: writes reach object */
#define VMA_GROWSDOWN	(1u << 4)	/* a stack: grows down on faults */
/*
 * What mprotect may ever grant: a read-only file mapped shared must not
 * become writable. Each sits VMA_MAY_SHIFT above the bit it allows.
 */
#define VMA_MAY_SHIFT	5
#define VMA_MAYREAD	(VMA_READ << VMA_MAY_SHIFT)
#define VMA_MAYWRITE	(VMA_WRITE << VMA_MAY_SHIFT)
#define VMA_MAYEXEC	(VMA_EXEC << VMA_MAY_SHIFT)

#define VMA_PROT_MASK	(VMA_READ | VMA_WRITE | VMA_EXEC)
#define VMA_MAY_MASK	(VMA_MAYREAD | VMA_MAYWRITE | VMA_MAYEXEC)
/*
 * Flags two vmas must share to become one. Every flag belongs here unless
 * it is a pure hint that may be lost when vmas merge (the survivor's value
 * wins); none is yet.
 */
#define VMA_MERGE_MASK	(VMA_PROT_MASK | VMA_SHARED | VMA_GROWSDOWN | \
			 VMA_MAY_MASK)

/* Whether the VMA_MAY* bits of @flags allow all VMA_PROT_MASK bits of @prot. */
static inline bool vma_prot_allowed(unsigned int flags, unsigned int prot)
{
	return !(prot & VMA_PROT_MASK & ~(flags >> VMA_MAY_SHIFT));
}

struct vma {
	unsigned long start, end;	/* [start, end), page-aligned */
	unsigned int flags;		/* VMA_* */
	struct rb_node node;		/* in vma_tree.root, by start */
	/*
	 * The backing object (shared anonymous memory, later a file), or
	 * NULL for private anonymous memory, and the page of it that
	 * backs start. Private anonymous vmas use start >> PAGE_SHIFT as
	 * pgoff, as Linux does, so that touching ones can merge.
	 */
	void *object;
	unsigned long pgoff;
};

/*
 * The vmas of one address space, with their number and the pages they
 * span (for mmap limits and /proc). Touching vmas that could merge are
 * allowed: merging is the caller's choice (vma_merge_around()), and
 * vma_tree_check() does not ask for it.
 */
struct vma_tree {
	struct rb_root root;
	unsigned long count;		/* vmas in the tree */
	unsigned long total_pages;	/* sum of their lengths, in pages */
};

static inline unsigned long vma_pages(const struct vma *vma)
{
	return (vma->end - vma->start) >> PAGE_SHIFT;
}

/* Whether @vma is in a tree (vma_init() and vma_remove() leave it out). */
static inline bool vma_linked(const struct vma *vma)
{
	return !RB_EMPTY_NODE(&vma->node);
}

void vma_tree_init(struct vma_tree *tree);
/* Fill in a vma that is in no tree. */
void vma_init(struct vma *vma, unsigned long start, unsigned long end,
	      unsigned int flags, void *object, unsigned long pgoff);

/*
 * Lookups, O(log n), all NULL when there is no such vma:
 * vma_find: the vma containing @addr.
 * vma_find_next: the first vma ending above @addr, i.e. the one containing
 *   @addr or else the first one after it (Linux's find_vma()).
 * vma_find_prev: the last vma starting below @addr.
 */
struct vma *vma_find(const struct vma_tree *tree, unsigned long addr);
struct vma *vma_find_next(const struct vma_tree *tree, unsigned long addr);
struct vma *vma_find_prev(const struct vma_tree *tree, unsigned long addr);

/* In address order; O(log n), O(1) amortized over a whole walk. */
struct vma *vma_first(const struct vma_tree *tree);
struct vma *vma_last(const struct vma_tree *tree);
struct vma *vma_next(const struct vma *vma);
struct vma *vma_prev(const struct vma *vma);

#define vma_for_each(vma, tree) \
	for ((vma) = vma_first(tree); (vma); (vma) = vma_next(vma))

/*
 * Add @vma, which is in no tree. Returns 0, -EINVAL when it is empty or
 * not page-aligned, or -EEXIST when it overlaps a vma of the tree; on an
 * error nothing changes. O(log n). It is not merged with its neighbours.
 */
int vma_insert(struct vma_tree *tree, struct vma *vma);
/* Take @vma, which must be in @tree, out of it. O(log n). */
void vma_remove(struct vma_tree *tree, struct vma *vma);

/*
 * Cut @vma at @addr, page-aligned and strictly inside it: @vma keeps
 * [start, addr) and @new, a struct in no tree, gets [addr, end) with the
 * same flags and object and pgoff advanced to match. Returns 0, or -EINVAL
 * (nothing changed) when @addr is not a page boundary inside @vma.
 * O(log n).
 */
int vma_split(struct vma_tree *tree, struct vma *vma, unsigned long addr,
	      struct vma *new);

/* Whether @a, immediately followed by @b, could be one vma. */
bool vma_can_merge(const struct vma *a, const struct vma *b);

#define VMA_MERGE_MAX_FREED	2
/*
 * Merge @vma with the neighbours that touch it and vma_can_merge() it.
 * Returns the vma now covering @vma's range: the previous one when it
 * absorbed @vma, else @vma. The structs merged away are out of the tree
 * and left in @freed for the caller to free; unused slots are NULL.
 * O(log n).
 */
struct vma *vma_merge_around(struct vma_tree *tree, struct vma *vma,
			     struct vma *freed[VMA_MERGE_MAX_FREED]);

#define VMA_CARVE_SPARES	2
/*
 * How many vmas splitting at @start and @end would cut (0, 1 or 2): the
 * number vma_carve() would take, for a caller that limits the vma count.
 */
int vma_carve_splits(const struct vma_tree *tree, unsigned long start,
		     unsigned long end);
/*
 * Split the vmas at @start and @end so that every vma is either wholly
 * inside [start, end) or wholly outside it; the range may hold holes.
 * The new vmas come from @spare in order: returns how many were taken
 * (spare[0..n) now belong to the tree, the caller frees the rest), or
 * -EINVAL for an empty or unaligned range, or -ENOMEM when a spare
 * needed is NULL; on an error nothing changes. O(log n).
 *
 * munmap:   vma_carve(), then remove and free every vma in the range.
 * mprotect: vma_carve(), change the flags of every vma in the range, then
 *   merge from the vma just below the range (v = vma_find_prev(start), or
 *   vma_first()) up to the one starting at end:
 *	while (v && v->start <= end)
 *		v = vma_next(vma_merge_around(tree, v, freed));
 *   freeing what each call gives back. The vma at end is needed too: a
 *   merge reaches one neighbour each side, so the last piece may have
 *   grown up to it. Merging as the flags change instead would let a vma
 *   still holding its old flags join one with new flags.
 */
int vma_carve(struct vma_tree *tree, unsigned long start, unsigned long end,
	      struct vma *spare[VMA_CARVE_SPARES]);

/*
 * What mmap without MAP_FIXED asks for: @len bytes (page-aligned, > 0)
 * inside [low, high) (page-aligned), starting at a multiple of @align (a
 * power of two; 0 or anything below PAGE_SIZE means PAGE_SIZE). @guard
 * bytes (page-aligned) are kept free below every VMA_GROWSDOWN vma so a
 * stack has room to grow. @topdown: the highest fit instead of the lowest.
 */
struct vma_gap_req {
	unsigned long len;
	unsigned long low, high;
	unsigned long align;
	unsigned long guard;
	bool topdown;
};

/*
 * The lowest (highest with topdown) address where @req fits, or an error
 * encoded as an address: -ENOMEM when nothing fits, -EINVAL for a
 * malformed request. Test with vma_gap_error(); no address that can start
 * a vma is one of those values, as they lie in the last page.
 * O(log n + k), k the number of vmas passed over: the tree does not keep
 * the largest gap of each subtree, which would make it O(log n) but needs
 * a red-black tree that updates such data as it rotates.
 */
unsigned long vma_find_gap(const struct vma_tree *tree,
			   const struct vma_gap_req *req);

static inline bool vma_gap_error(unsigned long addr)
{
	return addr >= (unsigned long)-MAX_ERRNO;
}

/* What vma_tree_check() found wrong; 0 means nothing, RB_ERR_* too. */
#define VMA_ERR_EMPTY	(-20)	/* a vma with start >= end */
#define VMA_ERR_ALIGN	(-21)	/* start or end not page-aligned */
#define VMA_ERR_OVERLAP	(-22)	/* out of order or overlapping */
#define VMA_ERR_COUNT	(-23)	/* count is not the number of vmas */
#define VMA_ERR_PAGES	(-24)	/* total_pages is not their sum */

/*
 * Check the tree in O(n): the red-black invariants (an RB_ERR_* code),
 * every vma non-empty and page-aligned, the vmas sorted and disjoint, and
 * the counters right. Returns 0 or the first error found. For tests and
 * DEBUG builds.
 */
int vma_tree_check(const struct vma_tree *tree);

#endif
