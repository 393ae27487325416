/*
 * Changing and checking an inode's attributes: truncate, ftruncate,
 * fallocate, chmod, chown (stored now; enforced when users arrive),
 * utimensat, access; and the sync family, which has nothing to write
 * back while every filesystem is in memory.
 */
#include <errno.h>
#include <file.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>
#include "fs_internal.h"

#define FALLOC_FL_KEEP_SIZE	1
#define UTIME_NOW	((1L << 30) - 1)
#define UTIME_OMIT	((1L << 30) - 2)
#define R_OK		4
#define W_OK		2
#define X_OK		1

static long truncate_inode(struct inode *i, long size)
{
	if (size < 0)
		return -EINVAL;
	if (S_ISDIR(i->mode))
		return -EISDIR;
	if (!S_ISREG(i->mode) || !i->i_op || !i->i_op->truncate)
		return -EINVAL;
	return i->i_op->truncate(i, size);
}

SYSCALL_DEFINE2(truncate, const char *, path, long, size)
{
	struct path p;
	long err = user_path_at(AT_FDCWD, path, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = truncate_inode(p.dentry->inode, size);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE2(ftruncate, int, fd, long, size)
{
	struct file *f = fd_get(fd);
	long err;

	if (!f)
		return -EBADF;
	if (!f->inode || (f->f_flags & O_ACCMODE) == O_RDONLY)
		err = -EINVAL;
	else
		err = truncate_inode(f->inode, size);
	file_put(f);
	return err;
}

SYSCALL_DEFINE4(fallocate, int, fd, int, mode, long, off, long, len)
{
	struct file *f = fd_get(fd);
	long err = 0;

	if (!f)
		return -EBADF;
	/* FALLOC_FL_KEEP_SIZE: tmpfs reserves nothing ahead, so it is
	 * done as asked; punching holes comes later. */
	if (mode & ~FALLOC_FL_KEEP_SIZE)
		err = -EOPNOTSUPP;
	else if (off < 0 || len <= 0 || off + len < off)
		err = -EINVAL;
	else if (!f->inode || (f->f_flags & O_ACCMODE) == O_RDONLY)
		err = -EBADF;
	else if (!S_ISREG(f->inode->mode))
		err = S_ISDIR(f->inode->mode) ? -EISDIR : -ENODEV;
	else if ((uint64_t)(off + len) > f->inode->size &&
		 !(mode & FALLOC_FL_KEEP_SIZE))
		err = truncate_inode(f->inode, off + len);
	file_put(f);
	return err;
}

static long fd_sync(int fd)
{
	struct file *f = fd_get(fd);
	long r = 0;

	if (!f)
		return -EBADF;
	/* Pipes and terminals cannot be synced; files have nothing to
	 * write back while every filesystem is in memory. */
	if (!f->inode || !(S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode)))
		r = -EINVAL;
	file_put(f);
	return r;
}

SYSCALL_DEFINE1(fsync, int, fd)
{
	return fd_sync(fd);
}

SYSCALL_DEFINE1(fdatasync, int, fd)
{
	return fd_sync(fd);
}

SYSCALL_DEFINE0(sync)
{
	return 0;
}

SYSCALL_DEFINE1(syncfs, int, fd)
{
	return fd_sync(fd);
}

static bool in_group(const struct cred *c, uint32_t gid)
{
	if (c->fsgid == gid)
		return true;
	for (int i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

int inode_permission(const struct inode *i, int mask)
{
	const struct cred *c = current->proc ? &current->proc->cred : NULL;
	unsigned int bits;

	mask &= R_OK | W_OK | X_OK;
	if (!c || c->fsuid == 0) {
		/* Root may do anything but run what nobody may run. */
		if ((mask & X_OK) && !S_ISDIR(i->mode) && !(i->mode & 0111))
			return -EACCES;
		return 0;
	}
	if (c->fsuid == i->uid)
		bits = i->mode >> 6;
	else if (in_group(c, i->gid))
		bits = i->mode >> 3;
	else
		bits = i->mode;
	return (bits & mask) == (unsigned int)mask ? 0 : -EACCES;
}

/* The inode of a path or an fd, referenced, for the attribute calls. */
static int attr_target(int dirfd, const char *upath, int flags,
		       struct inode **out)
{
	struct path p;
	int err;

	if (!upath) {		/* the f*() forms */
		struct file *f = fd_get(dirfd);

		if (!f)
			return -EBADF;
		if (!f->inode) {
			file_put(f);
			return -EBADF;
		}
		*out = inode_get(f->inode);
		file_put(f);
		return 0;
	}
	err = user_path_at(dirfd, upath, (flags & AT_SYMLINK_NOFOLLOW ? 0 :
			   LOOKUP_FOLLOW) | (flags & AT_EMPTY_PATH ?
			   LOOKUP_EMPTY : 0), &p);
	if (err)
		return err;
	*out = inode_get(p.dentry->inode);
	path_put(&p);
	return 0;
}

/* Only the owner or root changes a file's mode or times. */
static bool owner_or_root(const struct inode *i)
{
	const struct cred *c = &current->proc->cred;

	return cred_is_root(c) || c->fsuid == i->uid;
}

static long do_chmod(int dirfd, const char *path, unsigned int mode,
		     int flags)
{
	struct inode *i;
	long err;

	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	err = attr_target(dirfd, path, flags, &i);
	if (err)
		return err;
	if (flags & AT_SYMLINK_NOFOLLOW && S_ISLNK(i->mode))
		err = -EOPNOTSUPP;
	else if (!owner_or_root(i))
		err = -EPERM;
	if (!err) {
		mutex_lock(&vfs_lock);
		i->mode = (i->mode & S_IFMT) | (mode & 07777);
		inode_touch(i, false, false, true);
		mutex_unlock(&vfs_lock);
	}
	inode_put(i);
	return err;
}

SYSCALL_DEFINE2(chmod, const char *, path, unsigned int, mode)
{
	return do_chmod(AT_FDCWD, path, mode, 0);
}

SYSCALL_DEFINE2(fchmod, int, fd, unsigned int, mode)
{
	return do_chmod(fd, NULL, mode, 0);
}

SYSCALL_DEFINE3(fchmodat, int, dirfd, const char *, path,
		unsigned int, mode)
{
	return do_chmod(dirfd, path, mode, 0);
}

static long do_chown(int dirfd, const char *path, uint32_t uid, uint32_t gid,
		     int flags)
{
	struct inode *i;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = attr_target(dirfd, path, flags, &i);
	if (err)
		return err;
	/* A user may only keep the owner and give the file to one of its
	 * own groups; root may do anything. */
	if (!cred_is_root(&current->proc->cred) &&
	    (!owner_or_root(i) ||
	     (uid != (uint32_t)-1 && uid != i->uid) ||
	     (gid != (uint32_t)-1 && gid != i->gid &&
	      !in_group(&current->proc->cred, gid))))
		err = -EPERM;
	if (!err) {
		mutex_lock(&vfs_lock);
		if (uid != (uint32_t)-1)
			i->uid = uid;
		if (gid != (uint32_t)-1)
			i->gid = gid;
		if (!S_ISDIR(i->mode))
			i->mode &= ~(S_ISUID | S_ISGID);
		inode_touch(i, false, false, true);
		mutex_unlock(&vfs_lock);
	}
	inode_put(i);
	return err;
}

SYSCALL_DEFINE3(chown, const char *, path, uint32_t, uid, uint32_t, gid)
{
	return do_chown(AT_FDCWD, path, uid, gid, 0);
}

SYSCALL_DEFINE3(lchown, const char *, path, uint32_t, uid, uint32_t, gid)
{
	return do_chown(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE3(fchown, int, fd, uint32_t, uid, uint32_t, gid)
{
	return do_chown(fd, NULL, uid, gid, 0);
}

SYSCALL_DEFINE5(fchownat, int, dirfd, const char *, path, uint32_t, uid,
		uint32_t, gid, int, flags)
{
	return do_chown(dirfd, path, uid, gid, flags);
}

static long set_time(struct timespec_k *t, const struct timespec_k *want,
		     struct timespec_k now)
{
	if (want->tv_nsec == UTIME_OMIT)
		return 0;
	if (want->tv_nsec == UTIME_NOW) {
		*t = now;
		return 0;
	}
	if (want->tv_nsec < 0 || want->tv_nsec >= 1000000000)
		return -EINVAL;
	*t = *want;
	return 0;
}

SYSCALL_DEFINE4(utimensat, int, dirfd, const char *, path,
		const struct timespec_k *, utimes, int, flags)
{
	struct timespec_k ts[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	struct timespec_k now = vfs_now();
	struct inode *i;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes && copy_from_user(ts, utimes, sizeof(ts)))
		return -EFAULT;
	err = attr_target(dirfd, path, flags, &i);
	if (err)
		return err;
	mutex_lock(&vfs_lock);
	err = set_time(&i->atime, &ts[0], now);
	if (!err)
		err = set_time(&i->mtime, &ts[1], now);
	if (!err)
		i->ctime = now;
	mutex_unlock(&vfs_lock);
	inode_put(i);
	return err;
}

static long do_access(int dirfd, const char *path, int mode, int flags)
{
	struct inode *i;
	long err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = attr_target(dirfd, path, flags, &i);
	if (err)
		return err;
	err = inode_permission(i, mode);
	inode_put(i);
	return err;
}

SYSCALL_DEFINE2(access, const char *, path, int, mode)
{
	return do_access(AT_FDCWD, path, mode, 0);
}

SYSCALL_DEFINE3(faccessat, int, dirfd, const char *, path, int, mode)
{
	return do_access(dirfd, path, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dirfd, const char *, path, int, mode,
		int, flags)
{
	return do_access(dirfd, path, mode, flags);
}
