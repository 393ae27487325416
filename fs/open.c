/*
 * Opening files: the path walk from a directory descriptor or the cwd,
 * O_CREAT/O_EXCL/O_TRUNC/O_DIRECTORY/O_NOFOLLOW/O_PATH, the umask, and
 * the struct file that holds the path and the inode while it is open
 * (an unlinked file lives on until its last close). Also the helpers
 * every path-taking call shares.
 */
#include <errno.h>
#include <file.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>
#include <lib/printf.h>
#include <lib/string.h>
#include "fs_internal.h"

#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | \
			  O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | \
			  O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | \
			  O_NOATIME | O_CLOEXEC | O_SYNC | O_PATH | \
			  O_TMPFILE | 020000 /* FASYNC */)

uint32_t current_fsuid(void)
{
	return current->proc ? current->proc->cred.fsuid : 0;
}

uint32_t current_fsgid(void)
{
	return current->proc ? current->proc->cred.fsgid : 0;
}

unsigned int mode_to_dtype(unsigned int mode)
{
	return (mode & S_IFMT) >> 12;	/* Linux's DT_* are the type bits */
}

char *getname(const char *upath, long *err)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long n;

	if (!name) {
		*err = -ENOMEM;
		return NULL;
	}
	n = strncpy_from_user(name, upath, PATH_MAX);
	if (n < 0) {
		kfree(name);
		*err = n;
		return NULL;
	}
	*err = 0;
	return name;
}

/* The starting point for a *at() call: cwd, or a directory's path. */
static int start_of(int dirfd, const char *name, struct path *start,
		    struct file **held)
{
	struct file *f;

	*held = NULL;
	if (name[0] == '/' || dirfd == AT_FDCWD)
		return 1;	/* the walk picks root or cwd itself */
	f = fd_get(dirfd);
	if (!f)
		return -EBADF;
	if (!f->dentry || (!S_ISDIR(f->inode->mode) && *name)) {
		file_put(f);
		return -ENOTDIR;
	}
	*start = (struct path){ f->mnt, f->dentry };
	*held = f;
	return 0;
}

int kernel_path_at(int dirfd, const char *name, unsigned int flags,
		   struct path *out, const char **last, size_t *last_len)
{
	struct path start;
	struct file *held;
	int r = start_of(dirfd, name, &start, &held);

	if (r < 0)
		return r;
	r = path_walk(r ? NULL : &start, name, flags, out, last, last_len);
	if (held)
		file_put(held);
	return r;
}

int user_path_at(int dirfd, const char *upath, unsigned int flags,
		 struct path *out)
{
	long err;
	char *name = getname(upath, &err);

	if (!name)
		return err;
	err = kernel_path_at(dirfd, name, flags, out, NULL, NULL);
	kfree(name);
	return err;
}

/* What an O_PATH descriptor can do: nothing but be one. */
static const struct file_operations path_only_fops;

struct file *vfs_open(const struct path *p, unsigned int flags)
{
	struct inode *inode = p->dentry->inode;
	const struct file_operations *fop = inode->i_fop;
	struct file *f;
	int err;

	if (!fop && !(flags & O_PATH))
		return ERR_PTR(-ENXIO);
	f = file_alloc(flags & O_PATH || !fop ? &path_only_fops : fop,
		       flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC));
	if (!f)
		return ERR_PTR(-ENOMEM);
	f->inode = inode_get(inode);
	f->dentry = p->dentry;
	f->mnt = p->mnt;
	path_get(p);
	if (fop && fop->open && !(flags & O_PATH)) {
		err = fop->open(inode, f);
		if (err) {
			f->f_op = &path_only_fops;	/* no release */
			file_put(f);
			return ERR_PTR(err);
		}
	}
	/* O_NOCTTY was for the open (a terminal's) only, as on Linux. */
	f->f_flags &= ~O_NOCTTY;
	return f;
}

long kernel_read(struct inode *inode, uint64_t pos, void *buf, size_t len)
{
	if (!inode->i_op || !inode->i_op->kread)
		return -EINVAL;
	return inode->i_op->kread(inode, buf, len, pos);
}

/* What open(@flags) asks of the file's mode. */
static int open_mask(unsigned int flags)
{
	int mask = 0;

	if ((flags & O_ACCMODE) != O_WRONLY)
		mask |= 4;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		mask |= 2;
	return mask;
}

/* Create @last in @dir (O_CREAT), or find what is there. [vfs_lock] */
static int open_create(struct path *dir, const char *last, size_t len,
		       unsigned int flags, unsigned int mode, bool *created)
{
	struct dentry *d = lookup_one(dir->dentry, last, len);
	struct inode *di = dir->dentry->inode;
	int err = 0;

	if (IS_ERR(d))
		return PTR_ERR(d);
	*created = false;
	if (!d->inode) {
		if (inode_permission(di, 3))
			err = -EACCES;
		else if (!di->i_op || !di->i_op->create)
			err = -EROFS;
		else
			err = di->i_op->create(di, d, S_IFREG | (mode & 07777 &
					       ~current->fs->umask), 0);
		*created = !err;
	} else if (flags & O_EXCL) {
		err = -EEXIST;
	}
	if (err) {
		d_put(d);
		return err;
	}
	d_put(dir->dentry);
	dir->dentry = d;
	return 0;
}

/* Find or create the file for open(): @p gets its path. */
static int open_path(int dirfd, const char *name, unsigned int flags,
		     unsigned int mode, struct path *p, bool *created,
		     int links);

/*
 * The name a dangling symlink @link points at, absolute (its directory's
 * path joined to a relative target), in a new buffer; NULL if none.
 */
static char *link_destination(const struct path *link)
{
	struct path dir = { link->mnt, link->dentry->parent };
	struct inode *i = link->dentry->inode;
	char *buf = kmalloc(2 * PATH_MAX, GFP_KERNEL), *target;
	long n = -ENOMEM, d;

	if (!buf)
		return NULL;
	target = buf + PATH_MAX;
	mutex_lock(&vfs_lock);
	if (i->i_op && i->i_op->readlink)
		n = i->i_op->readlink(i, target, PATH_MAX - 1);
	d = vfs_path_name(&dir, &current->fs->root, buf, PATH_MAX);
	mutex_unlock(&vfs_lock);
	if (n <= 0 || d < 0) {
		kfree(buf);
		return NULL;
	}
	target[n] = '\0';
	if (target[0] == '/')
		memmove(buf, target, n + 1);
	else if ((size_t)d + 1 + n < PATH_MAX)
		snprintf(buf + d, PATH_MAX - d, "/%s", target);
	else
		buf[0] = '\0';
	return buf;
}

/* O_CREAT met an existing symlink: follow it, creating a missing end. */
static int open_through_link(int dirfd, const char *name,
			     unsigned int flags, unsigned int mode,
			     struct path *p, bool *created, int links)
{
	struct path link = *p;
	char *dest;
	int err;

	if (flags & (O_NOFOLLOW | O_EXCL)) {
		path_put(p);
		return flags & O_EXCL ? -EEXIST : -ELOOP;
	}
	err = kernel_path_at(dirfd, name, LOOKUP_FOLLOW, p, NULL, NULL);
	if (err != -ENOENT || links >= SYMLOOP_MAX) {
		path_put(&link);
		return err == -ENOENT ? -ELOOP : err;
	}
	/* A dangling link: O_CREAT makes the file it names, as Linux. */
	dest = link_destination(&link);
	path_put(&link);
	if (!dest || !*dest) {
		kfree(dest);
		return -ENOENT;
	}
	err = open_path(AT_FDCWD, dest, flags, mode, p, created, links + 1);
	kfree(dest);
	return err;
}

static int open_path(int dirfd, const char *name, unsigned int flags,
		     unsigned int mode, struct path *p, bool *created,
		     int links)
{
	const char *last;
	size_t len;
	int err;

	*created = false;
	if (!(flags & O_CREAT))
		return kernel_path_at(dirfd, name, (flags & O_NOFOLLOW ? 0 :
				      LOOKUP_FOLLOW) | (flags & O_DIRECTORY ?
				      LOOKUP_DIRECTORY : 0), p, NULL, NULL);
	err = kernel_path_at(dirfd, name, LOOKUP_PARENT, p, &last, &len);
	if (err == -EEXIST)	/* "/" and friends: a directory */
		return -EISDIR;
	if (err)
		return err;
	if (name[strlen(name) - 1] == '/') {
		path_put(p);
		return -EISDIR;
	}
	mutex_lock(&vfs_lock);
	err = open_create(p, last, len, flags, mode, created);
	mutex_unlock(&vfs_lock);
	if (err) {
		path_put(p);
		return err;
	}
	/* An existing symlink is followed unless O_EXCL or O_NOFOLLOW. */
	if (!*created && S_ISLNK(p->dentry->inode->mode))
		return open_through_link(dirfd, name, flags, mode, p, created,
					 links);
	return 0;
}

static long do_open(int dirfd, const char *upath, unsigned int flags,
		    unsigned int mode)
{
	struct path p;
	struct file *f;
	bool created;
	long err;
	char *name = getname(upath, &err);
	struct inode *inode;

	if (!name)
		return err;
	if (flags & ~VALID_OPEN_FLAGS) {
		kfree(name);
		return -EINVAL;
	}
	if ((flags & O_TMPFILE) == O_TMPFILE) {
		kfree(name);
		return -EOPNOTSUPP;
	}
	err = open_path(dirfd, name, flags, mode, &p, &created, 0);
	kfree(name);
	if (err)
		return err;
	inode = p.dentry->inode;
	if (S_ISLNK(inode->mode) && !(flags & O_PATH)) {
		err = -ELOOP;		/* O_NOFOLLOW on a link */
	} else if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode)) {
		err = -ENOTDIR;
	} else if (S_ISDIR(inode->mode) && ((flags & O_ACCMODE) != O_RDONLY
					     || (flags & O_CREAT))) {
		err = -EISDIR;
	} else if (!created && !(flags & O_PATH) &&
		   inode_permission(inode, open_mask(flags))) {
		err = -EACCES;
	} else if ((flags & O_TRUNC) && S_ISREG(inode->mode) && !created) {
		/* Linux truncates even with O_RDONLY. */
		err = inode->i_op && inode->i_op->truncate ?
		      inode->i_op->truncate(inode, 0) : -EINVAL;
	}
	if (err) {
		path_put(&p);
		return err;
	}
	f = vfs_open(&p, flags);
	path_put(&p);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = fd_install(current->files, f, 0, flags & O_CLOEXEC);
	if (err < 0)
		file_put(f);
	return err;
}

SYSCALL_DEFINE3(open, const char *, path, unsigned int, flags,
		unsigned int, mode)
{
	return do_open(AT_FDCWD, path, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dirfd, const char *, path, unsigned int, flags,
		unsigned int, mode)
{
	return do_open(dirfd, path, flags, mode);
}

SYSCALL_DEFINE2(creat, const char *, path, unsigned int, mode)
{
	return do_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
