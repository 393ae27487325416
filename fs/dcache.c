/*
 * The dentry cache: the tree of names the path walk goes through. A
 * dentry is a name in its parent directory, positive (it holds a
 * reference on the inode) or negative (the name is known to be absent).
 * Each dentry holds a reference on its parent, so a cached path keeps
 * its directories. A dentry whose last reference goes is freed at once
 * unless its filesystem pinned it (tmpfs pins every positive dentry: its
 * directories are nothing but their dentries) or something is mounted on
 * it. Children are found by a walk of the parent's list; a hash comes
 * when directories grow large.
 * The children lists and the drop of a last reference are under
 * dcache_lock, a spinlock, so that d_put() may run anywhere (a file's
 * close) and a lookup never finds a dentry on its way out.
 */
#include <errno.h>
#include <slab.h>
#include <vfs.h>
#include <lib/string.h>

static struct kmem_cache *dentry_cache;
static unsigned long nr_dentries;
static DEFINE_SPINLOCK(dcache_lock);

/*
 * Unreferenced negative dentries of filesystems that want them kept
 * (sb->keep_negative), oldest first: a later lookup of the same absent
 * name finds the answer without asking the filesystem. [dcache_lock]
 */
#define NEG_LRU_MAX	1024
static LIST_HEAD(neg_lru);
static unsigned long nr_lru;

unsigned long dcache_unused(void)
{
	return READ_ONCE(nr_lru);
}

unsigned long dcache_count(void)
{
	return READ_ONCE(nr_dentries);
}

static struct dentry *d_new(const char *name, size_t len)
{
	struct dentry *d;

	if (!dentry_cache)
		dentry_cache = kmem_cache_create("dentry",
						 sizeof(struct dentry), 16);
	d = dentry_cache ? kmem_cache_alloc(dentry_cache, GFP_KERNEL) : NULL;
	if (!d)
		return NULL;
	memset(d, 0, sizeof(*d));
	d->name = kmalloc(len + 1, GFP_KERNEL);
	if (!d->name) {
		kmem_cache_free(dentry_cache, d);
		return NULL;
	}
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->len = len;
	d->refs = 1;
	INIT_LIST_HEAD(&d->children);
	INIT_LIST_HEAD(&d->sibling);
	INIT_LIST_HEAD(&d->lru);
	nr_dentries++;
	return d;
}

struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d = d_new(name, len);

	if (!d)
		return NULL;
	unsigned long flags;

	d->parent = d_get(parent);
	d->sb = parent->sb;
	flags = spin_lock_irqsave(&dcache_lock);
	list_add_tail(&d->sibling, &parent->children);
	spin_unlock_irqrestore(&dcache_lock, flags);
	return d;
}

struct dentry *d_alloc_root(struct super_block *sb, struct inode *root)
{
	struct dentry *d = d_new("/", 1);

	if (!d)
		return NULL;
	d->parent = d;
	d->sb = sb;
	d->inode = root;
	return d;
}

struct dentry *d_get(struct dentry *d)
{
	unsigned long flags = spin_lock_irqsave(&dcache_lock);

	d->refs++;
	spin_unlock_irqrestore(&dcache_lock, flags);
	return d;
}

static bool d_keep(const struct dentry *d)
{
	return d->pinned || d->mounts;
}

/* Should @d, unreferenced now, wait on the LRU? [dcache_lock] */
static bool d_cacheable(const struct dentry *d)
{
	return !d->inode && !d->unhashed && d->parent != d &&
	       d->sb && d->sb->keep_negative;
}

/*
 * Park @d on the LRU; if that makes it too long, take the oldest off
 * (and out of its parent) and return it for freeing. [dcache_lock]
 */
static struct dentry *lru_add(struct dentry *d)
{
	struct dentry *old;

	if (!d->on_lru) {
		list_add_tail(&d->lru, &neg_lru);
		d->on_lru = true;
		nr_lru++;
	}
	if (nr_lru <= NEG_LRU_MAX)
		return NULL;
	old = list_first_entry(&neg_lru, struct dentry, lru);
	list_del(&old->lru);
	old->on_lru = false;
	nr_lru--;
	list_del(&old->sibling);
	return old;
}

/* Free an unreferenced dentry out of every list; its parent to put. */
static struct dentry *d_free(struct dentry *d)
{
	struct dentry *parent = d->parent == d ? NULL : d->parent;

	inode_put(d->inode);
	kfree(d->name);
	kmem_cache_free(dentry_cache, d);
	nr_dentries--;
	return parent;
}

void d_put(struct dentry *d)
{
	while (d) {
		struct dentry *parent = d->parent;
		unsigned long flags = spin_lock_irqsave(&dcache_lock);

		if (--d->refs || d_keep(d)) {
			spin_unlock_irqrestore(&dcache_lock, flags);
			return;
		}
		if (d_cacheable(d)) {
			struct dentry *old = lru_add(d);

			spin_unlock_irqrestore(&dcache_lock, flags);
			d = old ? d_free(old) : NULL;
			continue;
		}
		if (d->on_lru) {
			list_del(&d->lru);
			d->on_lru = false;
			nr_lru--;
		}
		if (parent != d)
			list_del(&d->sibling);
		spin_unlock_irqrestore(&dcache_lock, flags);
		d = d_free(d);
	}
}

/* Free the kept negative dentries for which @match says yes. */
static void prune(bool (*match)(const struct dentry *d, const void *arg),
		  const void *arg)
{
	for (;;) {
		unsigned long flags = spin_lock_irqsave(&dcache_lock);
		struct dentry *d, *victim = NULL;

		list_for_each_entry(d, &neg_lru, lru)
			if (match(d, arg)) {
				victim = d;
				break;
			}
		if (victim) {
			list_del(&victim->lru);
			victim->on_lru = false;
			nr_lru--;
			list_del(&victim->sibling);
		}
		spin_unlock_irqrestore(&dcache_lock, flags);
		if (!victim)
			return;
		d_put(d_free(victim));
	}
}

static bool of_sb(const struct dentry *d, const void *sb)
{
	return d->sb == sb;
}

static bool child_of(const struct dentry *d, const void *parent)
{
	return d->parent == parent;
}

void d_prune_sb(struct super_block *sb)
{
	prune(of_sb, sb);
}

void d_prune_children(struct dentry *dir)
{
	prune(child_of, dir);
}

struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&dcache_lock);
	struct dentry *d, *found = NULL;

	list_for_each_entry(d, &parent->children, sibling)
		if (!d->unhashed && d->len == len &&
		    !memcmp(d->name, name, len)) {
			if (d->on_lru) {	/* wanted again */
				list_del(&d->lru);
				d->on_lru = false;
				nr_lru--;
			}
			d->refs++;
			found = d;
			break;
		}
	spin_unlock_irqrestore(&dcache_lock, flags);
	return found;
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
	d->inode = inode;
}

void d_move(struct dentry *d, struct dentry *new_parent, const char *name,
	    size_t len)
{
	char *n = kmalloc(len + 1, GFP_KERNEL);

	if (n) {		/* out of memory: keep the old name */
		memcpy(n, name, len);
		n[len] = '\0';
		kfree(d->name);
		d->name = n;
		d->len = len;
	}
	unsigned long flags = spin_lock_irqsave(&dcache_lock);

	list_del(&d->sibling);
	list_add_tail(&d->sibling, &new_parent->children);
	spin_unlock_irqrestore(&dcache_lock, flags);
	if (d->parent != new_parent) {
		struct dentry *old = d->parent;

		d->parent = d_get(new_parent);
		d_put(old);
	}
}

void d_drop(struct dentry *d)
{
	d->unhashed = true;
}

void d_pin(struct dentry *d)
{
	if (!d->pinned) {
		d->pinned = true;
		d_get(d);
	}
}

void d_unpin(struct dentry *d)
{
	if (d->pinned) {
		d->pinned = false;
		d_put(d);
	}
}
