/*
 * The path walk: from the process's root or cwd (or a directory
 * descriptor's path), component by component through the dentry cache,
 * asking the filesystem about names it has not seen, crossing mount
 * points down and up, following symbolic links (40 in one walk at most,
 * then -ELOOP), with Linux's answers for ".", "..", trailing slashes,
 * over-long names (-ENAMETOOLONG) and files used as directories
 * (-ENOTDIR). The whole walk runs under vfs_lock.
 */
#include <errno.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <vfs.h>
#include <lib/pathname.h>
#include <lib/string.h>
#include "fs_internal.h"

struct nameidata {
	struct path cur;	/* where the walk is; holds references */
	struct path root;	/* the process's root */
	int links;		/* symlinks followed so far */
};

struct dentry *lookup_one(struct dentry *dir, const char *name, size_t len)
{
	struct dentry *d = d_lookup(dir, name, len);
	int err;

	if (d)
		return d;
	d = d_alloc(dir, name, len);
	if (!d)
		return ERR_PTR(-ENOMEM);
	err = dir->inode->i_op && dir->inode->i_op->lookup ?
	      dir->inode->i_op->lookup(dir->inode, d) : 0;
	if (err) {
		d_put(d);
		return ERR_PTR(err);
	}
	return d;
}

static void nd_set(struct nameidata *nd, struct mount *mnt,
		   struct dentry *d)
{
	struct path old = nd->cur;

	nd->cur = (struct path){ mnt, d };
	path_get(&nd->cur);
	path_put(&old);
}

/* "..": up one directory, across a mount's root, not above the root. */
static void walk_up(struct nameidata *nd)
{
	struct mount *m = nd->cur.mnt;
	struct dentry *d = nd->cur.dentry;

	for (;;) {
		if (d == nd->root.dentry && m == nd->root.mnt)
			break;
		if (d != m->root) {
			d = d->parent;
			break;
		}
		if (m->parent == m)
			break;
		d = m->mountpoint;
		m = m->parent;
	}
	nd_set(nd, m, d);
}

/* Go down through whatever is mounted on @nd->cur. */
static void cross_mounts(struct nameidata *nd)
{
	struct mount *m;

	while ((m = lookup_mount(&nd->cur)))
		nd_set(nd, m, m->root);
}

static int walk(struct nameidata *nd, const char *name, unsigned int flags,
		const char **last, size_t *last_len);

/* Follow the symlink @link found in the directory nd->cur. */
static int follow_link(struct nameidata *nd, struct dentry *link,
		       unsigned int flags)
{
	struct inode *inode = link->inode;
	char *target;
	long n;
	int err;

	if (++nd->links > SYMLOOP_MAX)
		return -ELOOP;
	if (!inode->i_op || !inode->i_op->readlink)
		return -EINVAL;
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	n = inode->i_op->readlink(inode, target, PATH_MAX - 1);
	if (n < 0) {
		kfree(target);
		return n;
	}
	target[n] = '\0';
	err = n ? walk(nd, target, flags, NULL, NULL) : -ENOENT;
	kfree(target);
	return err;
}

/* One component [s, s+len) of a walk; @is_last with the name's end. */
static int walk_component(struct nameidata *nd, const char *s, size_t len,
			  bool is_last, bool slash_after, unsigned int flags)
{
	struct dentry *d;
	int err = 0;

	if (!S_ISDIR(nd->cur.dentry->inode->mode))
		return -ENOTDIR;
	if (inode_permission(nd->cur.dentry->inode, 1))
		return -EACCES;
	switch (path_dot_kind(s, len)) {
	case PATH_DOT:
		return 0;
	case PATH_DOTDOT:
		walk_up(nd);
		return 0;
	case PATH_NAME:
		break;
	}
	if (nd->cur.dentry->unhashed)
		return -ENOENT;		/* nothing lives in a removed dir */
	d = lookup_one(nd->cur.dentry, s, len);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (!d->inode) {
		bool ok = is_last && (flags & LOOKUP_NEGATIVE) && !slash_after;

		if (ok)
			nd_set(nd, nd->cur.mnt, d);
		d_put(d);
		return ok ? 0 : -ENOENT;
	}
	if (S_ISLNK(d->inode->mode) &&
	    (!is_last || (flags & LOOKUP_FOLLOW) || slash_after)) {
		err = follow_link(nd, d, is_last && !slash_after ?
				  (flags & ~LOOKUP_PARENT) | LOOKUP_FOLLOW :
				  LOOKUP_FOLLOW);
		d_put(d);
		return err;
	}
	nd_set(nd, nd->cur.mnt, d);
	d_put(d);
	cross_mounts(nd);
	return 0;
}

static int walk(struct nameidata *nd, const char *name, unsigned int flags,
		const char **last, size_t *last_len)
{
	const char *cursor = name;
	struct path_component c;
	int r;

	if (*name == '/') {
		nd_set(nd, nd->root.mnt, nd->root.dentry);
		cross_mounts(nd);
	}
	while ((r = path_next(&cursor, &c)) > 0) {
		if (c.is_last && (flags & LOOKUP_PARENT)) {
			if (nd->cur.dentry->unhashed)
				return -ENOENT;
			if (!S_ISDIR(nd->cur.dentry->inode->mode))
				return -ENOTDIR;
			*last = c.name;
			*last_len = c.len;
			return 0;
		}
		r = walk_component(nd, c.name, c.len, c.is_last,
				   c.slash_after, flags);
		if (r)
			return r;
	}
	if (r < 0)
		return r;
	/* A name that ends in a slash, or asks for one, names a dir. */
	if (nd->cur.dentry->inode &&
	    (flags & LOOKUP_DIRECTORY || path_ends_in_slash(name)) &&
	    !S_ISDIR(nd->cur.dentry->inode->mode))
		return -ENOTDIR;
	if (last) {
		*last = NULL;
		*last_len = 0;
	}
	return 0;
}

int path_walk(const struct path *start, const char *name,
	      unsigned int flags, struct path *out, const char **last,
	      size_t *last_len)
{
	struct fs_struct *fs = current->fs;
	struct nameidata nd;
	int err;

	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	if (strnlen(name, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	mutex_lock(&vfs_lock);
	nd.root = fs->root;
	nd.cur = start ? *start : fs->cwd;
	nd.links = 0;
	path_get(&nd.cur);
	err = walk(&nd, name, flags, last, last_len);
	if (!err && (flags & LOOKUP_PARENT) && !*last) {
		/* "/" or "a/..": no last component to create or remove. */
		err = -EEXIST;
	}
	mutex_unlock(&vfs_lock);
	if (err) {
		path_put(&nd.cur);
		return err;
	}
	*out = nd.cur;
	return 0;
}
