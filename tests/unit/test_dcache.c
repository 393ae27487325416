/*
 * Host tests for fs/dcache.c, the dentry cache: names in directories,
 * lookups that take references, negative dentries, freeing at the last
 * reference (parents after children), pinning, d_drop hiding a name,
 * d_move renaming and reparenting. The slab and inode services it uses
 * are played here by malloc and counters.
 */
#include "unittest.h"	/* first: the C library's types */
#include "errno.h"
#include "slab.h"
#include "vfs.h"
#include "lib/string.h"

/* --- what dcache.c needs from the rest of the kernel ------------------- */

static int inode_puts;

void inode_put(struct inode *inode)
{
	if (inode)
		inode_puts++;
}

struct kmem_cache {
	size_t size;
};

struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align)
{
	struct kmem_cache *c = calloc(1, sizeof(*c));

	(void)name;
	(void)align;
	c->size = size;
	return c;
}

void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	(void)gfp;
	return calloc(1, c->size);
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	(void)c;
	free(obj);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	return malloc(size);
}

void kfree(const void *p)
{
	free((void *)p);
}

unsigned long arch_irq_save(void)
{
	return 0;
}

void arch_irq_restore(unsigned long flags)
{
	(void)flags;
}

void arch_cpu_relax(void)
{
	unit_fail(__FILE__, __LINE__, "deadlock on a spinlock");
	abort();
}

/* --- helpers --------------------------------------------------------- */

static struct inode fake_inodes[8];

static struct super_block plain_sb, caching_sb = { .keep_negative = true };

static struct dentry *root(void)
{
	return d_alloc_root(&plain_sb, &fake_inodes[0]);
}

static struct dentry *child(struct dentry *dir, const char *name, int ino)
{
	struct dentry *d = d_alloc(dir, name, strlen(name));

	if (ino)
		d_instantiate(d, &fake_inodes[ino]);
	return d;
}

/* --- tests ------------------------------------------------------------- */

TEST(lookup_takes_a_reference)
{
	unsigned long base = dcache_count();
	struct dentry *r = root(), *a = child(r, "a", 1), *found;

	EXPECT_EQ(dcache_count(), base + 2);
	found = d_lookup(r, "a", 1);
	EXPECT(found == a);
	EXPECT_EQ(a->refs, 2);
	EXPECT(d_lookup(r, "b", 1) == NULL);
	EXPECT(d_lookup(r, "ab", 2) == NULL);	/* lengths count */
	d_put(found);
	d_put(a);
	EXPECT_EQ(dcache_count(), base + 1);	/* a went, r holds on */
	d_put(r);
	EXPECT_EQ(dcache_count(), base);
}

TEST(parents_go_after_their_children)
{
	unsigned long base = dcache_count();
	struct dentry *r = root(), *a = child(r, "a", 1),
		      *b = child(a, "b", 2);

	inode_puts = 0;
	d_put(a);		/* b still holds a */
	d_put(r);		/* a still holds r */
	EXPECT_EQ(dcache_count(), base + 3);
	d_put(b);		/* b, then a, then r */
	EXPECT_EQ(dcache_count(), base);
	EXPECT_EQ(inode_puts, 3);
}

TEST(negative_dentries)
{
	unsigned long base = dcache_count();
	struct dentry *r = root(), *n = child(r, "missing", 0), *found;

	found = d_lookup(r, "missing", 7);
	EXPECT(found == n && found->inode == NULL);
	d_put(found);
	d_instantiate(n, &fake_inodes[3]);	/* created */
	EXPECT(n->inode == &fake_inodes[3]);
	d_put(n);
	d_put(r);
	EXPECT_EQ(dcache_count(), base);
}

TEST(pinned_dentries_stay)
{
	unsigned long base = dcache_count();
	struct dentry *r = root(), *a = child(r, "a", 1);

	d_pin(a);
	d_put(a);
	EXPECT_EQ(dcache_count(), base + 2);
	EXPECT(d_lookup(r, "a", 1) == a);
	d_put(a);
	d_unpin(a);		/* its last reference: gone */
	EXPECT_EQ(dcache_count(), base + 1);
	d_put(r);
	EXPECT_EQ(dcache_count(), base);
}

TEST(dropped_names_are_not_found)
{
	struct dentry *r = root(), *a = child(r, "a", 1), *a2;

	d_drop(a);
	EXPECT(d_lookup(r, "a", 1) == NULL);
	a2 = child(r, "a", 2);		/* a new file of the same name */
	EXPECT(d_lookup(r, "a", 1) == a2);
	EXPECT(a->inode == &fake_inodes[1]);	/* the holder keeps it */
	d_put(a2);
	d_put(a2);
	d_put(a);
	d_put(r);
}

TEST(move_renames_and_reparents)
{
	unsigned long base = dcache_count();
	struct dentry *r = root(), *x = child(r, "x", 1), *y = child(r, "y", 2),
		      *f = child(x, "f", 3);

	d_move(f, y, "g", 1);
	EXPECT(d_lookup(x, "f", 1) == NULL);
	EXPECT(d_lookup(y, "g", 1) == f);
	EXPECT(f->parent == y);
	EXPECT_EQ(f->len, 1);
	EXPECT_STREQ(f->name, "g");
	d_put(f);
	EXPECT_EQ(x->refs, 1);		/* f no longer holds x */
	EXPECT_EQ(y->refs, 2);		/* but y */
	d_put(f);
	d_put(x);
	d_put(y);
	d_put(r);
	EXPECT_EQ(dcache_count(), base);
}

TEST(negative_entries_kept_where_asked)
{
	unsigned long base = dcache_count(), unused = dcache_unused();
	struct dentry *r = d_alloc_root(&caching_sb, &fake_inodes[0]);
	struct dentry *n = child(r, "absent", 0), *p = child(r, "file", 4);

	d_put(n);			/* negative: kept */
	d_put(p);			/* positive, unpinned: freed */
	EXPECT_EQ(dcache_count(), base + 2);
	EXPECT_EQ(dcache_unused(), unused + 1);
	n = d_lookup(r, "absent", 6);	/* found, off the LRU */
	EXPECT(n != NULL && n->inode == NULL);
	EXPECT_EQ(dcache_unused(), unused);
	d_put(n);
	EXPECT_EQ(dcache_unused(), unused + 1);
	d_put(r);			/* n still holds the root */
	EXPECT_EQ(dcache_count(), base + 2);
	d_prune_sb(&caching_sb);	/* unmount: n goes, then the root */
	EXPECT_EQ(dcache_count(), base);
	EXPECT_EQ(dcache_unused(), unused);
}

TEST(kept_negatives_are_bounded)
{
	unsigned long base = dcache_count();
	struct dentry *r = d_alloc_root(&caching_sb, &fake_inodes[0]);
	char name[16];

	for (int i = 0; i < 1500; i++) {
		snprintf_host(name, sizeof(name), "n%d", i);
		d_put(child(r, name, 0));
	}
	EXPECT(dcache_unused() <= 1024);
	EXPECT(dcache_count() <= base + 1 + 1024);
	d_put(r);
	d_prune_sb(&caching_sb);
	EXPECT_EQ(dcache_count(), base);
}
