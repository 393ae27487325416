/*
 * devtmpfs: one tmpfs instance for device nodes, filled by the kernel
 * with the devices it has, and the same instance wherever it is mounted
 * (mount -t devtmpfs none /dev), as on Linux. Drivers add their nodes
 * with devtmpfs_create(); later, block devices appear here too.
 */
#include <errno.h>
#include <printk.h>
#include <vfs.h>
#include <lib/string.h>
#include "fs_internal.h"

static struct super_block *dev_sb;

/* The entry @name (len @len) in @dir, made as a directory if absent. */
static struct dentry *devtmpfs_subdir(struct dentry *dir, const char *name,
				      size_t len)
{
	struct dentry *d = lookup_one(dir, name, len);
	int err = 0;

	if (IS_ERR(d))
		return d;
	if (!d->inode)
		err = dir->inode->i_op->create(dir->inode, d, S_IFDIR | 0755,
					       0);
	else if (!S_ISDIR(d->inode->mode))
		err = -ENOTDIR;
	if (err) {
		d_put(d);
		return ERR_PTR(err);
	}
	return d;
}

/* Make node @name ("null", "input/mice": directories on the way are
 * made) with @mode (S_IFCHR | perms) for device @dev. */
int devtmpfs_create(const char *name, unsigned int mode, dev_t dev)
{
	struct dentry *dir, *d;
	const char *slash;
	int err;

	if (!dev_sb)
		return -ENODEV;
	mutex_lock(&vfs_lock);
	dir = d_get(dev_sb->root);
	while ((slash = strchr(name, '/'))) {
		d = devtmpfs_subdir(dir, name, slash - name);
		d_put(dir);
		if (IS_ERR(d)) {
			mutex_unlock(&vfs_lock);
			return PTR_ERR(d);
		}
		dir = d;
		name = slash + 1;
	}
	d = lookup_one(dir, name, strlen(name));
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
	} else {
		err = d->inode ? -EEXIST :
		      dir->inode->i_op->create(dir->inode, d, mode, dev);
		d_put(d);
	}
	d_put(dir);
	mutex_unlock(&vfs_lock);
	return err;
}

static struct super_block *devtmpfs_mount(const struct file_system_type *t,
					  const char *data)
{
	if (!dev_sb)
		return ERR_PTR(-ENODEV);
	__atomic_add_fetch(&dev_sb->refs, 1, __ATOMIC_RELAXED);
	return dev_sb;
}

static struct file_system_type devtmpfs_type = {
	.name = "devtmpfs",
	.mount = devtmpfs_mount,
	.nodev = true,
};

static const struct {
	const char *name;
	unsigned int mode;
	unsigned int major, minor;
} base_nodes[] = {
	{ "null", 0666, 1, 3 },
	{ "zero", 0666, 1, 5 },
	{ "full", 0666, 1, 7 },
	{ "random", 0666, 1, 8 },
	{ "urandom", 0666, 1, 9 },
	{ "kmsg", 0644, 1, 11 },
	{ "tty", 0666, 5, 0 },
	{ "tty0", 0620, 4, 0 },
	{ "ttyS0", 0660, 4, 64 },
	{ "ttyS1", 0660, 4, 65 },
	{ "ttyS2", 0660, 4, 66 },
	{ "ttyS3", 0660, 4, 67 },
	{ "console", 0600, 5, 1 },
};

void devtmpfs_init(void)
{
	const struct file_system_type *tmpfs = find_filesystem("tmpfs");

	register_filesystem(&devtmpfs_type);
	dev_sb = tmpfs ? tmpfs->mount(tmpfs, "mode=0755") : NULL;
	if (IS_ERR(dev_sb) || !dev_sb) {
		pr_err("devtmpfs: cannot make its tmpfs instance\n");
		dev_sb = NULL;
		return;
	}
	dev_sb->root->inode->mode = S_IFDIR | 0755;
	dev_sb->mounts = 1;	/* the kernel's: unmounting never empties it */
	for (size_t i = 0; i < ARRAY_SIZE(base_nodes); i++)
		devtmpfs_create(base_nodes[i].name,
				S_IFCHR | base_nodes[i].mode,
				MKDEV(base_nodes[i].major, base_nodes[i].minor));
}
