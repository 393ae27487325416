/*
 * The root filesystem: a tmpfs mounted as /, and every newc cpio archive
 * the boot loader handed over unpacked into it, in order, as Linux does:
 * files with their data, directories, symlinks, device nodes and FIFOs,
 * hard links (entries that share an inode number), modes, owners and
 * mtimes. A truncated or corrupt archive stops its own unpacking with a
 * message; what was unpacked stays and the boot goes on.
 */
#include <bootinfo.h>
#include <errno.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <sched.h>
#include <slab.h>
#include <vfs.h>
#include <lib/cpio.h>
#include <lib/string.h>
#include "fs_internal.h"

/* The first name seen of each inode with more than one link. */
struct link_seen {
	uint32_t ino, major, minor;
	char *path;
	struct link_seen *next;
};

static struct link_seen *links;

static const char *link_source(const struct cpio_entry *e)
{
	for (struct link_seen *l = links; l; l = l->next)
		if (l->ino == e->ino && l->major == e->devmajor &&
		    l->minor == e->devminor)
			return l->path;
	return NULL;
}

static void link_remember(const struct cpio_entry *e, const char *path)
{
	struct link_seen *l = kzalloc(sizeof(*l), GFP_KERNEL);

	if (!l)
		return;
	l->path = kmalloc(strlen(path) + 1, GFP_KERNEL);
	if (!l->path) {
		kfree(l);
		return;
	}
	memcpy(l->path, path, strlen(path) + 1);
	l->ino = e->ino;
	l->major = e->devmajor;
	l->minor = e->devminor;
	l->next = links;
	links = l;
}

/*
 * Directories get their mtimes after their archive is unpacked, as on
 * Linux: creating the entries inside them would move the times again.
 */
struct dir_time {
	struct dentry *dir;	/* referenced */
	int64_t mtime;
	struct dir_time *next;
};

static struct dir_time *dir_times;

static void dir_time_remember(struct dentry *d, int64_t mtime)
{
	struct dir_time *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return;
	t->dir = d_get(d);
	t->mtime = mtime;
	t->next = dir_times;
	dir_times = t;
}

static void dir_times_apply(void)
{
	while (dir_times) {
		struct dir_time *t = dir_times;

		dir_times = t->next;
		if (t->dir->inode)
			t->dir->inode->mtime = (struct timespec_k){ t->mtime,
								    0 };
		d_put(t->dir);
		kfree(t);
	}
}

static void links_forget(void)
{
	while (links) {
		struct link_seen *l = links;

		links = l->next;
		kfree(l->path);
		kfree(l);
	}
}

/* Apply the entry's owner, mode and mtime to what now has its name. */
static void set_attrs(struct dentry *d, const struct cpio_entry *e)
{
	struct inode *i = d->inode;

	i->uid = e->uid;
	i->gid = e->gid;
	if (!S_ISLNK(i->mode))
		i->mode = (i->mode & S_IFMT) | (e->mode & 07777);
	i->mtime = (struct timespec_k){ e->mtime, 0 };
}

/* Create @e in @dir under @name (existing non-directories replaced). */
static int make_entry(struct dentry *dir, const char *name, size_t len,
		      const struct cpio_entry *e, const char *target)
{
	struct inode *di = dir->inode;
	struct dentry *d = lookup_one(dir, name, len);
	unsigned int type = e->mode & CPIO_S_IFMT;
	int err = 0;

	if (IS_ERR(d))
		return PTR_ERR(d);
	if (d->inode && !(type == CPIO_S_IFDIR && S_ISDIR(d->inode->mode))) {
		err = S_ISDIR(d->inode->mode) ? di->i_op->rmdir(di, d) :
		      di->i_op->unlink(di, d);
		/* The old dentry is out of the tree now but keeps its
		 * inode: the new entry needs a fresh one. */
		d_put(d);
		if (err)
			return err;
		d = lookup_one(dir, name, len);
		if (IS_ERR(d))
			return PTR_ERR(d);
	}
	if (!err && !d->inode) {
		if (type == CPIO_S_IFLNK)
			err = di->i_op->symlink(di, d, target);
		else
			err = di->i_op->create(di, d, e->mode,
					       MKDEV(e->rdevmajor,
						     e->rdevminor));
	}
	/* The data first: writing it would move the mtime set after. */
	if (!err && type == CPIO_S_IFREG && e->size)
		err = d->inode->i_op->kwrite(d->inode, e->data, e->size, 0) ==
		      (long)e->size ? 0 : -ENOSPC;
	if (!err) {
		set_attrs(d, e);
		if (type == CPIO_S_IFDIR)
			dir_time_remember(d, e->mtime);
	}
	d_put(d);
	return err;
}

static int unpack_entry(const struct cpio_entry *e)
{
	const char *last, *src;
	unsigned int type = e->mode & CPIO_S_IFMT;
	char target[PATH_MAX];
	struct path dir, old;
	size_t len;
	int err, off = cpio_check_name(e->name);

	if (off < 0)
		return off;
	if (!e->name[off])
		return 0;	/* the root itself */
	if (type == CPIO_S_IFLNK) {
		if (e->size >= sizeof(target))
			return -ENAMETOOLONG;
		memcpy(target, e->data, e->size);
		target[e->size] = '\0';
	}
	err = kernel_path_at(AT_FDCWD, e->name, LOOKUP_PARENT, &dir, &last,
			     &len);
	if (err)
		return err;
	src = type == CPIO_S_IFREG && e->nlink > 1 ? link_source(e) : NULL;
	if (src && kernel_path_at(AT_FDCWD, src, 0, &old, NULL, NULL))
		src = NULL;	/* the first name is gone: a new file */
	mutex_lock(&vfs_lock);
	if (src) {
		struct dentry *d = lookup_one(dir.dentry, last, len);

		struct inode *i = old.dentry->inode;

		err = IS_ERR(d) ? PTR_ERR(d) : d->inode ? -EEXIST :
		      dir.dentry->inode->i_op->link(dir.dentry->inode, d, i);
		if (!IS_ERR(d))
			d_put(d);
		/* newc puts a link set's data on its last entry. */
		if (!err && e->size)
			err = i->i_op->kwrite(i, e->data, e->size, 0) ==
			      (long)e->size ? 0 : -ENOSPC;
		if (!err)
			i->mtime = (struct timespec_k){ e->mtime, 0 };
		path_put(&old);
	} else {
		err = make_entry(dir.dentry, last, len, e, target);
		if (!err && type == CPIO_S_IFREG && e->nlink > 1)
			link_remember(e, e->name);
	}
	mutex_unlock(&vfs_lock);
	path_put(&dir);
	return err;
}

static void unpack_module(size_t index, const struct boot_module *m)
{
	struct cpio_reader r;
	struct cpio_entry e;
	unsigned long count = 0, failed = 0;
	int n;

	cpio_init(&r, phys_to_virt(m->start), m->end - m->start);
	do {
		while ((n = cpio_next(&r, &e)) > 0) {
			int err = unpack_entry(&e);

			count++;
			if (err && failed++ < 8)
				pr_warn("initramfs: %s: cannot unpack "
					"(error %d)\n", e.name, err);
		}
		links_forget();
		dir_times_apply();
	} while (!r.err && cpio_more(&r));
	if (r.err)
		pr_err("initramfs: module %zu: %s at byte %zu; unpacking "
		       "stops there, the %lu entries before it stay\n",
		       index, r.why ? r.why : "corrupt archive", r.offset,
		       count);
	else
		pr_info("initramfs: module %zu: %lu entries unpacked%s\n",
			index, count, failed ? " (some failed)" : "");
}

void vfs_init(void)
{
	tmpfs_init();
	devtmpfs_init();
	procfs_init();
	mutex_lock(&vfs_lock);
	if (vfs_mount("rootfs", "tmpfs", "mode=0755", NULL, 0))
		panic("vfs: cannot mount the root tmpfs");
	mutex_unlock(&vfs_lock);
	current->fs = fs_struct_create();
	if (!current->fs)
		panic("vfs: no memory for the first process's fs context");
	for (size_t i = 0; i < boot_info.module_count; i++)
		unpack_module(i, &boot_info.modules[i]);
}
