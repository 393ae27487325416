/*
 * Inodes: allocation with a fresh number, reference counting (the last
 * reference of an inode with no links left hands it to its filesystem's
 * evict()), and the timestamps.
 */
#include <errno.h>
#include <slab.h>
#include <time.h>
#include <vfs.h>
#include <lib/string.h>

static struct kmem_cache *inode_cache;
static unsigned long nr_inodes;

unsigned long inode_count(void)
{
	return READ_ONCE(nr_inodes);
}

struct timespec_k vfs_now(void)
{
	uint64_t ns = ktime_get_real_ns();

	return (struct timespec_k){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

struct inode *inode_alloc(struct super_block *sb, unsigned int mode)
{
	struct inode *i;

	if (!inode_cache)
		inode_cache = kmem_cache_create("inode", sizeof(struct inode),
						16);
	i = inode_cache ? kmem_cache_alloc(inode_cache, GFP_KERNEL) : NULL;
	if (!i)
		return NULL;
	memset(i, 0, sizeof(*i));
	i->refs = 1;
	i->sb = sb;
	i->ino = __atomic_fetch_add(&sb->next_ino, 1, __ATOMIC_RELAXED);
	i->mode = mode;
	i->nlink = 1;
	mutex_init(&i->lock);
	i->atime = i->mtime = i->ctime = i->btime = vfs_now();
	__atomic_add_fetch(&nr_inodes, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&sb->refs, 1, __ATOMIC_RELAXED);
	return i;
}

struct inode *inode_get(struct inode *inode)
{
	__atomic_add_fetch(&inode->refs, 1, __ATOMIC_RELAXED);
	return inode;
}

void inode_put(struct inode *inode)
{
	struct super_block *sb;

	if (!inode || __atomic_sub_fetch(&inode->refs, 1, __ATOMIC_ACQ_REL))
		return;
	sb = inode->sb;
	if (sb->ops && sb->ops->evict)
		sb->ops->evict(inode);
	kmem_cache_free(inode_cache, inode);
	__atomic_sub_fetch(&nr_inodes, 1, __ATOMIC_RELAXED);
	sb_put(sb);
}

void inode_touch(struct inode *inode, bool atime, bool mtime, bool ctime)
{
	struct timespec_k now = vfs_now();

	if (atime)
		inode->atime = now;
	if (mtime)
		inode->mtime = now;
	if (ctime)
		inode->ctime = now;
}
