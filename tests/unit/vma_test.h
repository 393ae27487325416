/*
 * What the vma tree's host tests share (tests/unit/test_vma.c for each
 * operation's edge cases, test_vma_random.c for the runs against a
 * model): names for page counts and flags, and the vmas' allocation, which
 * mm/vma.c leaves to its caller, done with malloc.
 */
#ifndef VMA_TEST_H
#define VMA_TEST_H

#include <stdlib.h>
#include "errno.h"
#include "vma.h"
#include "unittest.h"

#define P		PAGE_SIZE
/* The highest end a vma can have: the last page never fits. */
#define TOP		(0UL - PAGE_SIZE)
#define R		VMA_READ
#define RW		(VMA_READ | VMA_WRITE)
#define STACK		(VMA_READ | VMA_WRITE | VMA_GROWSDOWN)

/* vma_find_gap()'s errors, as the addresses it returns. */
#define ENOMEM_ADDR	((unsigned long)-ENOMEM)
#define EINVAL_ADDR	((unsigned long)-EINVAL)

static char objects[2] __unused;	/* stand-ins for backing objects */

static inline struct vma *new_vma(unsigned long start, unsigned long end,
				  unsigned int flags, void *object,
				  unsigned long pgoff)
{
	struct vma *v = malloc(sizeof(*v));

	if (!v)
		abort();
	vma_init(v, start, end, flags, object, pgoff);
	return v;
}

static inline void free_tree(struct vma_tree *t)
{
	struct vma *v;

	while ((v = vma_first(t))) {
		vma_remove(t, v);
		free(v);
	}
	EXPECT_EQ(t->count, 0);
	EXPECT_EQ(t->total_pages, 0);
}

static inline void free_merged(struct vma *freed[VMA_MERGE_MAX_FREED])
{
	for (int i = 0; i < VMA_MERGE_MAX_FREED; i++)
		free(freed[i]);
}

/* Two fresh spares for vma_carve(). */
static inline struct vma **spares(struct vma *s[VMA_CARVE_SPARES])
{
	for (int i = 0; i < VMA_CARVE_SPARES; i++)
		s[i] = new_vma(0, 0, 0, NULL, 0);
	return s;
}

/* Free the spares vma_carve() did not take (all after an error). */
static inline void free_unused(struct vma *s[VMA_CARVE_SPARES], int used)
{
	for (int i = used < 0 ? 0 : used; i < VMA_CARVE_SPARES; i++)
		free(s[i]);
}

#endif
