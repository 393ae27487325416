/*
 * File status: stat, fstat, lstat, newfstatat, statx, statfs, fstatfs,
 * in Linux's x86_64 layouts.
 */
#include <errno.h>
#include <file.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>
#include <lib/string.h>
#include "fs_internal.h"

struct stat_k {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	struct timespec_k atime, mtime, ctime;
	int64_t unused[3];
};

struct statx_ts {
	int64_t sec;
	uint32_t nsec, pad;
};

struct statx_k {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, pad1;
	uint64_t ino, size, blocks, attributes_mask;
	struct statx_ts atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t mnt_id;
	uint32_t dio_mem_align, dio_offset_align;
	uint64_t spare[12];
};

#define STATX_BASIC_STATS	0x7ffu
#define STATX_BTIME		0x800u
#define AT_STATX_SYNC_TYPE	0x6000

/* Blocks of 512 bytes, as st_blocks counts them. */
static uint64_t blocks_of(const struct inode *i)
{
	return (i->size + 511) / 512;
}

static void fill_stat(struct stat_k *st, const struct inode *i)
{
	memset(st, 0, sizeof(*st));
	st->dev = i->sb->dev;
	st->ino = i->ino;
	st->nlink = i->nlink;
	st->mode = i->mode;
	st->uid = i->uid;
	st->gid = i->gid;
	st->rdev = i->rdev;
	st->size = i->size;
	st->blksize = 4096;
	st->blocks = blocks_of(i);
	st->atime = i->atime;
	st->mtime = i->mtime;
	st->ctime = i->ctime;
}

/* The inode of @dirfd/@upath per the AT_* @flags, referenced. */
static int stat_target(int dirfd, const char *upath, int flags,
		       struct inode **out)
{
	struct path p;
	long err;
	char *name;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	name = getname(upath, &err);
	if (!name)
		return err;
	if (!*name && (flags & AT_EMPTY_PATH) && dirfd != AT_FDCWD) {
		struct file *f = fd_get(dirfd);

		kfree(name);
		if (!f)
			return -EBADF;
		if (!f->inode) {
			file_put(f);
			return -EBADF;	/* the early console has none */
		}
		*out = inode_get(f->inode);
		file_put(f);
		return 0;
	}
	err = kernel_path_at(dirfd, name, (flags & AT_SYMLINK_NOFOLLOW ? 0 :
			     LOOKUP_FOLLOW) | (flags & AT_EMPTY_PATH ?
			     LOOKUP_EMPTY : 0), &p, NULL, NULL);
	kfree(name);
	if (err)
		return err;
	*out = inode_get(p.dentry->inode);
	path_put(&p);
	return 0;
}

static long do_stat(int dirfd, const char *upath, int flags,
		    struct stat_k *ust)
{
	struct inode *i;
	struct stat_k st;
	int err = stat_target(dirfd, upath, flags, &i);

	if (err)
		return err;
	fill_stat(&st, i);
	inode_put(i);
	return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(stat, const char *, path, struct stat_k *, st)
{
	return do_stat(AT_FDCWD, path, 0, st);
}

SYSCALL_DEFINE2(lstat, const char *, path, struct stat_k *, st)
{
	return do_stat(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, st);
}

SYSCALL_DEFINE4(newfstatat, int, dirfd, const char *, path,
		struct stat_k *, st, int, flags)
{
	return do_stat(dirfd, path, flags, st);
}

/* The early console has no inode: it is a character device 5,1. */
static void fill_console_stat(struct stat_k *st)
{
	memset(st, 0, sizeof(*st));
	st->mode = S_IFCHR | 0600;
	st->rdev = MKDEV(5, 1);
	st->nlink = 1;
	st->blksize = 1024;
}

SYSCALL_DEFINE2(fstat, int, fd, struct stat_k *, ust)
{
	struct file *f = fd_get(fd);
	struct stat_k st;

	if (!f)
		return -EBADF;
	if (f->inode)
		fill_stat(&st, f->inode);
	else
		fill_console_stat(&st);
	file_put(f);
	return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

static struct statx_ts to_statx_ts(struct timespec_k t)
{
	return (struct statx_ts){ t.tv_sec, t.tv_nsec, 0 };
}

SYSCALL_DEFINE5(statx, int, dirfd, const char *, path, int, flags,
		unsigned int, mask, struct statx_k *, ubuf)
{
	struct statx_k sx;
	struct inode *i;
	int err;

	if (mask & 0x80000000u)		/* STATX__RESERVED */
		return -EINVAL;
	err = stat_target(dirfd, path, flags, &i);
	if (err)
		return err;
	memset(&sx, 0, sizeof(sx));
	sx.mask = STATX_BASIC_STATS | STATX_BTIME;
	sx.blksize = 4096;
	sx.nlink = i->nlink;
	sx.uid = i->uid;
	sx.gid = i->gid;
	sx.mode = i->mode;
	sx.ino = i->ino;
	sx.size = i->size;
	sx.blocks = blocks_of(i);
	sx.atime = to_statx_ts(i->atime);
	sx.btime = to_statx_ts(i->btime);
	sx.ctime = to_statx_ts(i->ctime);
	sx.mtime = to_statx_ts(i->mtime);
	sx.rdev_major = MAJOR(i->rdev);
	sx.rdev_minor = MINOR(i->rdev);
	sx.dev_major = MAJOR(i->sb->dev);
	sx.dev_minor = MINOR(i->sb->dev);
	inode_put(i);
	return copy_to_user(ubuf, &sx, sizeof(sx)) ? -EFAULT : 0;
}

struct statfs_k {
	int64_t type, bsize;
	uint64_t blocks, bfree, bavail, files, ffree;
	int32_t fsid[2];
	int64_t namelen, frsize, flags, spare[4];
};

static long statfs_of(struct inode *i, struct statfs_k *ubuf)
{
	struct super_block *sb = i->sb;
	struct kstatfs k = { 0 };
	struct statfs_k st;

	if (sb->ops && sb->ops->statfs)
		sb->ops->statfs(sb, &k);
	memset(&st, 0, sizeof(st));
	st.type = k.type;
	st.bsize = k.bsize;
	st.blocks = k.blocks;
	st.bfree = k.bfree;
	st.bavail = k.bavail;
	st.files = k.files;
	st.ffree = k.ffree;
	st.fsid[0] = sb->dev;
	st.namelen = k.namelen;
	st.frsize = k.bsize;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char *, path, struct statfs_k *, ubuf)
{
	struct inode *i;
	long err = stat_target(AT_FDCWD, path, 0, &i);

	if (err)
		return err;
	err = statfs_of(i, ubuf);
	inode_put(i);
	return err;
}

SYSCALL_DEFINE2(fstatfs, int, fd, struct statfs_k *, ubuf)
{
	struct file *f = fd_get(fd);
	long err;

	if (!f)
		return -EBADF;
	err = f->inode ? statfs_of(f->inode, ubuf) : -ENOSYS;
	file_put(f);
	return err;
}
