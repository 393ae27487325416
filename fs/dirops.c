/*
 * The calls that change names: mkdir, mknod, unlink, rmdir, link,
 * symlink, rename (and their *at forms, renameat2's NOREPLACE and
 * EXCHANGE), readlink; and those that change an inode's attributes:
 * truncate, chmod, chown, utimensat, access. Each walks to the parent
 * directory, then works under vfs_lock on the final name.
 */
#include <errno.h>
#include <file.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>
#include <lib/string.h>
#include "fs_internal.h"

/* A parent directory and a final name in it, from a user path. */
struct target {
	char *name;		/* the kernel copy; last points into it */
	struct path dir;
	const char *last;
	size_t len;
};

static int target_get(int dirfd, const char *upath, struct target *t)
{
	long err;

	t->name = getname(upath, &err);
	if (!t->name)
		return err;
	err = kernel_path_at(dirfd, t->name, LOOKUP_PARENT, &t->dir, &t->last,
			     &t->len);
	if (err) {
		kfree(t->name);
		return err;
	}
	return 0;
}

static void target_put(struct target *t)
{
	path_put(&t->dir);
	kfree(t->name);
}

static bool is_dot_or_dotdot(const struct target *t)
{
	return (t->len == 1 && t->last[0] == '.') ||
	       (t->len == 2 && t->last[0] == '.' && t->last[1] == '.');
}

/* Does the name end in a slash (only a directory may)? */
static bool trailing_slash(const struct target *t)
{
	return t->last[t->len] == '/';
}

static long make_node(int dirfd, const char *upath, unsigned int mode,
		      dev_t rdev)
{
	struct inode *di;
	struct dentry *d;
	struct target t;
	long err = target_get(dirfd, upath, &t);

	if (err)
		return err;
	if (trailing_slash(&t) && !S_ISDIR(mode)) {
		target_put(&t);
		return -ENOENT;
	}
	mutex_lock(&vfs_lock);
	di = t.dir.dentry->inode;
	d = lookup_one(t.dir.dentry, t.last, t.len);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
	} else {
		if (d->inode)
			err = -EEXIST;
		else if (inode_permission(di, 3))
			err = -EACCES;
		else if (!di->i_op || !di->i_op->create)
			err = -EPERM;
		else
			err = di->i_op->create(di, d, (mode & S_IFMT) |
					       (mode & 07777 &
						~current->fs->umask), rdev);
		d_put(d);
	}
	mutex_unlock(&vfs_lock);
	target_put(&t);
	return err;
}

SYSCALL_DEFINE2(mkdir, const char *, path, unsigned int, mode)
{
	return make_node(AT_FDCWD, path, S_IFDIR | (mode & 07777), 0);
}

SYSCALL_DEFINE3(mkdirat, int, dirfd, const char *, path, unsigned int, mode)
{
	return make_node(dirfd, path, S_IFDIR | (mode & 07777), 0);
}

static long do_mknod(int dirfd, const char *path, unsigned int mode,
		     unsigned int dev)
{
	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	if ((S_ISCHR(mode) || S_ISBLK(mode)) &&
	    !cred_is_root(&current->proc->cred))
		return -EPERM;
	return make_node(dirfd, path, mode, dev);
}

SYSCALL_DEFINE3(mknod, const char *, path, unsigned int, mode,
		unsigned int, dev)
{
	return do_mknod(AT_FDCWD, path, mode, dev);
}

SYSCALL_DEFINE4(mknodat, int, dirfd, const char *, path, unsigned int, mode,
		unsigned int, dev)
{
	return do_mknod(dirfd, path, mode, dev);
}

/* unlink or rmdir of @t's name. */
static long remove_name(struct target *t, bool dir)
{
	struct inode *di = t->dir.dentry->inode;
	struct dentry *d;
	long err;

	if (t->len == 1 && t->last[0] == '.')
		return dir ? -EINVAL : -EISDIR;
	if (t->len == 2 && t->last[0] == '.' && t->last[1] == '.')
		return dir ? -ENOTEMPTY : -EISDIR;
	mutex_lock(&vfs_lock);
	d = lookup_one(t->dir.dentry, t->last, t->len);
	if (IS_ERR(d)) {
		mutex_unlock(&vfs_lock);
		return PTR_ERR(d);
	}
	if (!d->inode)
		err = -ENOENT;
	else if (dir && !S_ISDIR(d->inode->mode))
		err = -ENOTDIR;
	else if (!dir && S_ISDIR(d->inode->mode))
		err = -EISDIR;
	else if (!dir && trailing_slash(t))
		err = -ENOTDIR;
	else if (d->mounts)
		err = -EBUSY;
	else if (inode_permission(di, 3))
		err = -EACCES;
	else if (!di->i_op || !(dir ? di->i_op->rmdir : di->i_op->unlink))
		err = -EPERM;
	else
		err = dir ? di->i_op->rmdir(di, d) : di->i_op->unlink(di, d);
	d_put(d);
	mutex_unlock(&vfs_lock);
	return err;
}

static long do_unlinkat(int dirfd, const char *path, int flags)
{
	struct target t;
	long err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	err = target_get(dirfd, path, &t);
	if (err == -EEXIST)	/* "/" */
		return flags & AT_REMOVEDIR ? -EBUSY : -EISDIR;
	if (err)
		return err;
	err = remove_name(&t, flags & AT_REMOVEDIR);
	target_put(&t);
	return err;
}

SYSCALL_DEFINE1(unlink, const char *, path)
{
	return do_unlinkat(AT_FDCWD, path, 0);
}

SYSCALL_DEFINE1(rmdir, const char *, path)
{
	return do_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

SYSCALL_DEFINE3(unlinkat, int, dirfd, const char *, path, int, flags)
{
	return do_unlinkat(dirfd, path, flags);
}

static long do_symlink(const char *utarget, int dirfd, const char *upath)
{
	struct inode *di;
	struct dentry *d;
	struct target t;
	long err;
	char *target = getname(utarget, &err);

	if (!target)
		return err;
	if (!*target) {
		kfree(target);
		return -ENOENT;
	}
	err = target_get(dirfd, upath, &t);
	if (err) {
		kfree(target);
		return err;
	}
	mutex_lock(&vfs_lock);
	di = t.dir.dentry->inode;
	d = lookup_one(t.dir.dentry, t.last, t.len);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
	} else {
		err = d->inode ? -EEXIST : !di->i_op || !di->i_op->symlink ?
		      -EPERM : di->i_op->symlink(di, d, target);
		d_put(d);
	}
	mutex_unlock(&vfs_lock);
	target_put(&t);
	kfree(target);
	return err;
}

SYSCALL_DEFINE2(symlink, const char *, target, const char *, path)
{
	return do_symlink(target, AT_FDCWD, path);
}

SYSCALL_DEFINE3(symlinkat, const char *, target, int, dirfd,
		const char *, path)
{
	return do_symlink(target, dirfd, path);
}

static long do_link(int odirfd, const char *opath, int ndirfd,
		    const char *npath, int flags)
{
	struct path old;
	struct inode *di;
	struct dentry *d;
	struct target t;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(odirfd, opath, flags & AT_SYMLINK_FOLLOW ?
			   LOOKUP_FOLLOW : 0, &old);
	if (err)
		return err;
	if (S_ISDIR(old.dentry->inode->mode)) {
		path_put(&old);
		return -EPERM;
	}
	err = target_get(ndirfd, npath, &t);
	if (err) {
		path_put(&old);
		return err;
	}
	mutex_lock(&vfs_lock);
	di = t.dir.dentry->inode;
	d = lookup_one(t.dir.dentry, t.last, t.len);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
	} else {
		if (d->inode)
			err = -EEXIST;
		else if (t.dir.mnt->sb != old.mnt->sb)
			err = -EXDEV;
		else if (!di->i_op || !di->i_op->link)
			err = -EPERM;
		else
			err = di->i_op->link(di, d, old.dentry->inode);
		d_put(d);
	}
	mutex_unlock(&vfs_lock);
	target_put(&t);
	path_put(&old);
	return err;
}

SYSCALL_DEFINE2(link, const char *, old, const char *, new)
{
	return do_link(AT_FDCWD, old, AT_FDCWD, new, 0);
}

SYSCALL_DEFINE5(linkat, int, odirfd, const char *, old, int, ndirfd,
		const char *, new, int, flags)
{
	return do_link(odirfd, old, ndirfd, new, flags);
}

static long do_readlink(int dirfd, const char *upath, char *ubuf, int size)
{
	struct inode *i;
	struct path p;
	char *buf;
	long n;

	if (size <= 0)
		return -EINVAL;
	n = user_path_at(dirfd, upath, LOOKUP_EMPTY, &p);
	if (n)
		return n;
	i = p.dentry->inode;
	if (!S_ISLNK(i->mode) || !i->i_op || !i->i_op->readlink) {
		path_put(&p);
		return -EINVAL;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	mutex_lock(&vfs_lock);	/* readlink runs under it (see vfs.h) */
	n = buf ? i->i_op->readlink(i, buf, MIN(size, PATH_MAX)) : -ENOMEM;
	mutex_unlock(&vfs_lock);
	if (n > 0 && copy_to_user(ubuf, buf, n))
		n = -EFAULT;
	kfree(buf);
	path_put(&p);
	return n;
}

SYSCALL_DEFINE3(readlink, const char *, path, char *, buf, int, size)
{
	return do_readlink(AT_FDCWD, path, buf, size);
}

SYSCALL_DEFINE4(readlinkat, int, dirfd, const char *, path, char *, buf,
		int, size)
{
	return do_readlink(dirfd, path, buf, size);
}

/* Is @d an ancestor of (or the same as) @of? [vfs_lock] */
static bool is_ancestor(const struct dentry *d, const struct dentry *of)
{
	for (;;) {
		if (of == d)
			return true;
		if (of->parent == of)
			return false;
		of = of->parent;
	}
}

/* The checks of rename(2) on old @od and new @nd. [vfs_lock] */
static long rename_check(struct dentry *od, struct dentry *nd,
			 unsigned int flags)
{
	struct inode *oi = od->inode, *ni = nd->inode;

	if (!oi)
		return -ENOENT;
	if ((flags & RENAME_NOREPLACE) && ni)
		return -EEXIST;
	if ((flags & RENAME_EXCHANGE) && !ni)
		return -ENOENT;
	if (od->mounts || nd->mounts)
		return -EBUSY;
	if (oi == ni)
		return 1;	/* the same file: nothing to do */
	if (S_ISDIR(oi->mode) && is_ancestor(od, nd->parent))
		return -EINVAL;	/* into itself */
	if ((flags & RENAME_EXCHANGE) && S_ISDIR(ni->mode) &&
	    is_ancestor(nd, od->parent))
		return -EINVAL;
	if (ni && !(flags & RENAME_EXCHANGE)) {
		if (S_ISDIR(oi->mode) && !S_ISDIR(ni->mode))
			return -ENOTDIR;
		if (!S_ISDIR(oi->mode) && S_ISDIR(ni->mode))
			return -EISDIR;
	}
	return 0;
}

static long do_rename(int odirfd, const char *opath, int ndirfd,
		      const char *npath, unsigned int flags)
{
	struct target o, n;
	struct dentry *od = NULL, *nd = NULL;
	struct inode *odi, *ndi;
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE) ||
	    ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE)))
		return -EINVAL;
	err = target_get(odirfd, opath, &o);
	if (err)
		return err == -EEXIST ? -EBUSY : err;
	err = target_get(ndirfd, npath, &n);
	if (err) {
		target_put(&o);
		return err == -EEXIST ? -EBUSY : err;
	}
	if (is_dot_or_dotdot(&o) || is_dot_or_dotdot(&n)) {
		err = -EBUSY;
		goto out_names;
	}
	mutex_lock(&vfs_lock);
	odi = o.dir.dentry->inode;
	ndi = n.dir.dentry->inode;
	if (o.dir.mnt->sb != n.dir.mnt->sb) {
		err = -EXDEV;
		goto out;
	}
	od = lookup_one(o.dir.dentry, o.last, o.len);
	nd = IS_ERR(od) ? NULL : lookup_one(n.dir.dentry, n.last, n.len);
	if (IS_ERR(od) || IS_ERR(nd)) {
		err = IS_ERR(od) ? PTR_ERR(od) : PTR_ERR(nd);
		od = IS_ERR(od) ? NULL : od;
		nd = NULL;
		goto out;
	}
	err = rename_check(od, nd, flags);
	/* "f/" names a directory: a file there is not one. */
	if (!err && ((trailing_slash(&o) && !S_ISDIR(od->inode->mode)) ||
		     (trailing_slash(&n) && !S_ISDIR(od->inode->mode))))
		err = -ENOTDIR;
	if (!err && (!odi->i_op || !odi->i_op->rename))
		err = -EPERM;
	if (!err)
		err = odi->i_op->rename(odi, od, ndi, nd, flags);
	if (err == 1)
		err = 0;
out:
	if (od)
		d_put(od);
	if (nd)
		d_put(nd);
	mutex_unlock(&vfs_lock);
out_names:
	target_put(&n);
	target_put(&o);
	return err;
}

SYSCALL_DEFINE2(rename, const char *, old, const char *, new)
{
	return do_rename(AT_FDCWD, old, AT_FDCWD, new, 0);
}

SYSCALL_DEFINE4(renameat, int, odirfd, const char *, old, int, ndirfd,
		const char *, new)
{
	return do_rename(odirfd, old, ndirfd, new, 0);
}

SYSCALL_DEFINE5(renameat2, int, odirfd, const char *, old, int, ndirfd,
		const char *, new, unsigned int, flags)
{
	return do_rename(odirfd, old, ndirfd, new, flags);
}
