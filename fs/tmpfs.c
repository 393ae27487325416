/*
 * tmpfs: files in memory. A regular file's data is a shmem object (the
 * page array MAP_SHARED memory uses too), sparse: a hole reads as zeros
 * and costs nothing. A directory is its dentries, which tmpfs pins; a
 * symlink keeps its target. Mount options size= (bytes, with k, m, g or
 * %) and nr_inodes= bound the instance; beyond them, -ENOSPC.
 */
#include <errno.h>
#include <meminfo.h>
#include <mman.h>
#include <mm.h>
#include <shmem.h>
#include <slab.h>
#include <uaccess.h>
#include <vfs.h>
#include <lib/string.h>
#include "fs_internal.h"

#define TMPFS_MAGIC	0x01021994

/* Lock legend: [vfs_lock] for inodes; pages under the inode locks. */
struct tmpfs_info {
	uint64_t max_pages, max_inodes;
	uint64_t pages, inodes;
	unsigned int root_mode;		/* mode=, uid=, gid= of the root */
	uint32_t root_uid, root_gid;
};

static const struct inode_operations tmpfs_dir_iops, tmpfs_file_iops,
	tmpfs_link_iops;
static const struct file_operations tmpfs_file_fops, tmpfs_dir_fops;

static struct tmpfs_info *info_of(const struct inode *i)
{
	return i->sb->fs_info;
}

static struct inode *tmpfs_new_inode(struct super_block *sb,
				     unsigned int mode, dev_t rdev)
{
	struct tmpfs_info *ti = sb->fs_info;
	struct inode *i;

	if (ti->inodes >= ti->max_inodes)
		return ERR_PTR(-ENOSPC);
	i = inode_alloc(sb, mode);
	if (!i)
		return ERR_PTR(-ENOMEM);
	switch (mode & S_IFMT) {
	case S_IFDIR:
		i->i_op = &tmpfs_dir_iops;
		i->i_fop = &tmpfs_dir_fops;
		i->nlink = 2;
		break;
	case S_IFREG:
		i->i_op = &tmpfs_file_iops;
		i->i_fop = &tmpfs_file_fops;
		i->priv = shmem_create(0);
		if (!i->priv) {
			inode_put(i);
			return ERR_PTR(-ENOMEM);
		}
		break;
	case S_IFLNK:
		i->i_op = &tmpfs_link_iops;
		break;
	default:
		init_special_inode(i, mode, rdev);
	}
	ti->inodes++;
	return i;
}

static void tmpfs_evict(struct inode *i)
{
	struct tmpfs_info *ti = info_of(i);

	if (S_ISREG(i->mode) && i->priv) {
		ti->pages -= shmem_resident(i->priv);
		shmem_put(i->priv);
	} else if (S_ISLNK(i->mode)) {
		kfree(i->priv);
	}
	ti->inodes--;
}

/* --- regular files ------------------------------------------------------ */

/* Copy between a page and a user (@user) or kernel buffer. */
static int copy_page_part(void *page, void *buf, size_t n, bool to_buf,
			  bool user)
{
	if (!user) {
		if (to_buf)
			memcpy(buf, page, n);
		else
			memcpy(page, buf, n);
		return 0;
	}
	return to_buf ? copy_to_user(buf, page, n) :
			copy_from_user(page, buf, n);
}

static long tmpfs_do_read(struct inode *i, char *buf, size_t len,
			  uint64_t *pos, bool user)
{
	size_t done = 0;

	mutex_lock(&i->lock);
	while (done < len && *pos < i->size) {
		unsigned long off = *pos & (PAGE_SIZE - 1);
		size_t n = MIN(MIN(len - done, PAGE_SIZE - off),
			       i->size - *pos);
		paddr_t pa = shmem_lookup(i->priv, *pos >> PAGE_SHIFT);
		int err;

		if (pa)
			err = copy_page_part((char *)phys_to_virt(pa) + off,
					     buf + done, n, true, user);
		else if (user)
			err = clear_user(buf + done, n);
		else
			err = (memset(buf + done, 0, n), 0);
		if (err) {
			mutex_unlock(&i->lock);
			return done ? (long)done : -EFAULT;
		}
		done += n;
		*pos += n;
	}
	inode_touch(i, true, false, false);
	mutex_unlock(&i->lock);
	return done;
}

/* Make room for @end bytes; the pages themselves come on write. */
static int tmpfs_grow(struct inode *i, uint64_t end)
{
	return shmem_resize(i->priv, (end + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

/* The page of @i at @idx for writing, counted against size=. */
static paddr_t tmpfs_page_for_write(struct inode *i, unsigned long idx)
{
	struct tmpfs_info *ti = info_of(i);
	paddr_t pa = shmem_lookup(i->priv, idx);

	if (pa)
		return pa;
	if (ti->pages >= ti->max_pages)
		return 0;
	pa = shmem_page(i->priv, idx);
	if (!pa)
		return 0;
	user_page_put(pa);	/* the object keeps its own reference */
	ti->pages++;
	return pa;
}

static long tmpfs_do_write(struct inode *i, const char *buf, size_t len,
			   uint64_t *pos, bool user)
{
	size_t done = 0;
	long err = 0;

	if (*pos + len < *pos)
		return -EFBIG;
	mutex_lock(&i->lock);
	if (len && tmpfs_grow(i, *pos + len)) {
		mutex_unlock(&i->lock);
		return -ENOSPC;
	}
	while (done < len) {
		unsigned long off = *pos & (PAGE_SIZE - 1);
		size_t n = MIN(len - done, PAGE_SIZE - off);
		paddr_t pa = tmpfs_page_for_write(i, *pos >> PAGE_SHIFT);

		if (!pa) {
			err = -ENOSPC;
			break;
		}
		if (copy_page_part((char *)phys_to_virt(pa) + off,
				   (char *)buf + done, n, false, user)) {
			err = -EFAULT;
			break;
		}
		done += n;
		*pos += n;
		if (*pos > i->size)
			i->size = *pos;
	}
	if (done)
		inode_touch(i, false, true, true);
	mutex_unlock(&i->lock);
	return done ? (long)done : err;
}

static long tmpfs_read(struct file *f, char *ubuf, size_t len,
		       uint64_t *pos)
{
	return tmpfs_do_read(f->inode, ubuf, len, pos, true);
}

static long tmpfs_write(struct file *f, const char *ubuf, size_t len,
			uint64_t *pos)
{
	return tmpfs_do_write(f->inode, ubuf, len, pos, true);
}

static long tmpfs_kread(struct inode *i, void *buf, size_t len, uint64_t pos)
{
	return tmpfs_do_read(i, buf, len, &pos, false);
}

static long tmpfs_kwrite(struct inode *i, const void *buf, size_t len,
			 uint64_t pos)
{
	return tmpfs_do_write(i, buf, len, &pos, false);
}

static int tmpfs_truncate(struct inode *i, uint64_t size)
{
	struct tmpfs_info *ti = info_of(i);
	unsigned long keep = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;

	if (!S_ISREG(i->mode))
		return -EINVAL;
	mutex_lock(&i->lock);
	if (size > i->size) {
		if (tmpfs_grow(i, size)) {
			mutex_unlock(&i->lock);
			return -ENOSPC;
		}
	} else {
		unsigned long before = shmem_resident(i->priv);
		paddr_t pa;

		shmem_truncate(i->priv, keep);
		ti->pages -= before - shmem_resident(i->priv);
		/* The tail of the last page must read as zeros later. */
		pa = size & (PAGE_SIZE - 1) ?
		     shmem_lookup(i->priv, size >> PAGE_SHIFT) : 0;
		if (pa)
			memset((char *)phys_to_virt(pa) +
			       (size & (PAGE_SIZE - 1)), 0,
			       PAGE_SIZE - (size & (PAGE_SIZE - 1)));
	}
	i->size = size;
	inode_touch(i, false, true, true);
	mutex_unlock(&i->lock);
	return 0;
}

static const struct inode_operations tmpfs_file_iops = {
	.truncate = tmpfs_truncate,
	.kread = tmpfs_kread,
	.kwrite = tmpfs_kwrite,
};

static const struct file_operations tmpfs_file_fops = {
	.read = tmpfs_read,
	.write = tmpfs_write,
};

/* --- directories -------------------------------------------------------- */

static int tmpfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->dentry, *d;
	uint64_t n = 2;

	/* A removed directory still lists "." and "..", and nothing. */
	struct inode *up = dir->unhashed ? f->inode : dir->parent->inode;

	if (ctx->pos == 0) {
		if (!ctx->emit(ctx, ".", 1, f->inode->ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->emit(ctx, "..", 2, up->ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	mutex_lock(&vfs_lock);
	list_for_each_entry(d, &dir->children, sibling) {
		if (!d->inode || d->unhashed)
			continue;
		if (n++ < ctx->pos)
			continue;
		if (!ctx->emit(ctx, d->name, d->len, d->inode->ino,
			       mode_to_dtype(d->inode->mode)))
			break;
		ctx->pos = n;
	}
	mutex_unlock(&vfs_lock);
	return 0;
}

static const struct file_operations tmpfs_dir_fops = {
	.iterate = tmpfs_iterate,
};

static int tmpfs_create(struct inode *dir, struct dentry *d,
			unsigned int mode, dev_t rdev)
{
	struct inode *i = tmpfs_new_inode(dir->sb, mode, rdev);

	if (IS_ERR(i))
		return PTR_ERR(i);
	i->uid = current_fsuid();
	i->gid = current_fsgid();
	d_instantiate(d, i);
	d_pin(d);
	if (S_ISDIR(mode))
		dir->nlink++;
	inode_touch(dir, false, true, true);
	return 0;
}

static int tmpfs_link(struct inode *dir, struct dentry *d, struct inode *old)
{
	old->nlink++;
	inode_touch(old, false, false, true);
	d_instantiate(d, inode_get(old));
	d_pin(d);
	inode_touch(dir, false, true, true);
	return 0;
}

static int tmpfs_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *i = d->inode;

	i->nlink--;
	inode_touch(i, false, false, true);
	inode_touch(dir, false, true, true);
	/* Out of the tree, but whoever holds it (an open file, a cwd)
	 * keeps the inode until the last reference goes. */
	d_drop(d);
	d_unpin(d);
	return 0;
}

static bool dir_empty(struct dentry *d)
{
	struct dentry *c;

	list_for_each_entry(c, &d->children, sibling)
		if (c->inode && !c->unhashed)
			return false;
	return true;
}

static int tmpfs_rmdir(struct inode *dir, struct dentry *d)
{
	if (!dir_empty(d))
		return -ENOTEMPTY;
	d->inode->nlink = 0;
	dir->nlink--;
	inode_touch(dir, false, true, true);
	d_prune_children(d);	/* absent names kept there hold it */
	d_drop(d);
	d_unpin(d);
	return 0;
}

static int tmpfs_symlink(struct inode *dir, struct dentry *d,
			 const char *target)
{
	size_t len = strlen(target);
	struct inode *i = tmpfs_new_inode(dir->sb, S_IFLNK | 0777, 0);
	char *copy;

	if (IS_ERR(i))
		return PTR_ERR(i);
	copy = kmalloc(len + 1, GFP_KERNEL);
	if (!copy) {
		inode_put(i);
		return -ENOMEM;
	}
	memcpy(copy, target, len + 1);
	i->priv = copy;
	i->size = len;
	i->uid = current_fsuid();
	i->gid = current_fsgid();
	d_instantiate(d, i);
	d_pin(d);
	inode_touch(dir, false, true, true);
	return 0;
}

static long tmpfs_readlink(struct inode *i, char *buf, size_t size)
{
	size_t n = MIN(size, (size_t)i->size);

	memcpy(buf, i->priv, n);
	return n;
}

/*
 * tmpfs's directories are their dentries, so a rename moves the dentry
 * itself (its children come along); the target's dentry, made negative
 * when it is replaced, leaves the tree. With RENAME_EXCHANGE the two
 * dentries trade places.
 */
static int tmpfs_rename(struct inode *odir, struct dentry *od,
			struct inode *ndir, struct dentry *nd,
			unsigned int flags)
{
	struct inode *i = od->inode;
	struct dentry *oparent = od->parent;
	char *oname = NULL;
	size_t olen = od->len;

	if (flags & RENAME_EXCHANGE) {
		oname = kmalloc(olen + 1, GFP_KERNEL);
		if (!oname)
			return -ENOMEM;
		memcpy(oname, od->name, olen + 1);
		if (S_ISDIR(i->mode) != S_ISDIR(nd->inode->mode)) {
			odir->nlink += S_ISDIR(i->mode) ? -1 : 1;
			ndir->nlink += S_ISDIR(i->mode) ? 1 : -1;
		}
	} else if (nd->inode) {
		int err = S_ISDIR(nd->inode->mode) ?
			  tmpfs_rmdir(ndir, nd) : tmpfs_unlink(ndir, nd);

		if (err)
			return err;
	}
	d_move(od, nd->parent, nd->name, nd->len);
	if (oname) {
		d_move(nd, oparent, oname, olen);
		kfree(oname);
	} else {
		d_drop(nd);
		if (S_ISDIR(i->mode) && odir != ndir) {
			odir->nlink--;
			ndir->nlink++;
		}
	}
	inode_touch(i, false, false, true);
	inode_touch(odir, false, true, true);
	inode_touch(ndir, false, true, true);
	return 0;
}

static const struct inode_operations tmpfs_dir_iops = {
	.create = tmpfs_create,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.symlink = tmpfs_symlink,
	.rename = tmpfs_rename,
};

static const struct inode_operations tmpfs_link_iops = {
	.readlink = tmpfs_readlink,
};

/* --- the filesystem ------------------------------------------------------ */

static int tmpfs_statfs(struct super_block *sb, struct kstatfs *st)
{
	struct tmpfs_info *ti = sb->fs_info;

	st->type = TMPFS_MAGIC;
	st->bsize = PAGE_SIZE;
	st->blocks = ti->max_pages;
	st->bfree = st->bavail = ti->max_pages - ti->pages;
	st->files = ti->max_inodes;
	st->ffree = ti->max_inodes - ti->inodes;
	st->namelen = NAME_MAX;
	return 0;
}

static void tmpfs_put_super(struct super_block *sb)
{
	kfree(sb->fs_info);
}

/* Unpin every dentry below @d, children first, so the tree can go. */
static void tmpfs_unpin_tree(struct dentry *d)
{
	struct dentry *c, *tmp;

	list_for_each_entry_safe(c, tmp, &d->children, sibling) {
		d_get(c);
		tmpfs_unpin_tree(c);
		d_unpin(c);
		d_put(c);
	}
}

static const struct super_operations tmpfs_sops = {
	.evict = tmpfs_evict,
	.statfs = tmpfs_statfs,
	.put_super = tmpfs_put_super,
	.kill = tmpfs_unpin_tree,
};

/* size= in bytes with k, m, g or %, nr_inodes= with k, m, g. */
static int parse_size(const char *v, bool percent_ok, uint64_t *out)
{
	const char *end = v;
	uint64_t n = 0;

	while (*end >= '0' && *end <= '9') {
		if (n > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		n = n * 10 + (*end++ - '0');
	}
	switch (*end) {
	case 'k': case 'K': n <<= 10; end++; break;
	case 'm': case 'M': n <<= 20; end++; break;
	case 'g': case 'G': n <<= 30; end++; break;
	case '%':
		if (!percent_ok || n > 100)
			return -EINVAL;
		n = nr_managed_pages() * PAGE_SIZE / 100 * n;
		end++;
		break;
	}
	if (*end || end == v)
		return -EINVAL;
	*out = n;
	return 0;
}

/* A number in @base (8 for mode=, 10 for ids) up to @max. */
static int parse_num(const char *v, unsigned int base, uint64_t max,
		     uint64_t *out)
{
	uint64_t n = 0;

	if (!*v)
		return -EINVAL;
	for (; *v; v++) {
		unsigned int d = *v - '0';

		if (*v < '0' || d >= base)
			return -EINVAL;
		n = n * base + d;
		if (n > max)
			return -EINVAL;
	}
	*out = n;
	return 0;
}

static int tmpfs_options(struct tmpfs_info *ti, const char *data)
{
	char opt[64];

	while (data && *data) {
		const char *comma = strchr(data, ',');
		size_t len = comma ? (size_t)(comma - data) : strlen(data);
		uint64_t v = 0;
		int err = 0;

		if (len >= sizeof(opt))
			return -EINVAL;
		memcpy(opt, data, len);
		opt[len] = '\0';
		if (!strncmp(opt, "size=", 5)) {
			err = parse_size(opt + 5, true, &v);
			ti->max_pages = (v + PAGE_SIZE - 1) / PAGE_SIZE;
		} else if (!strncmp(opt, "nr_inodes=", 10)) {
			err = parse_size(opt + 10, false, &v);
			ti->max_inodes = v;
		} else if (!strncmp(opt, "mode=", 5)) {
			err = parse_num(opt + 5, 8, 07777, &v);
			ti->root_mode = v;
		} else if (!strncmp(opt, "uid=", 4)) {
			err = parse_num(opt + 4, 10, UINT32_MAX - 1, &v);
			ti->root_uid = v;
		} else if (!strncmp(opt, "gid=", 4)) {
			err = parse_num(opt + 4, 10, UINT32_MAX - 1, &v);
			ti->root_gid = v;
		} else if (strcmp(opt, "rw") &&
			   strcmp(opt, "nosuid") && strcmp(opt, "nodev") &&
			   strcmp(opt, "noexec") && strcmp(opt, "relatime")) {
			err = -EINVAL;
		}
		if (err)
			return err;
		data = comma ? comma + 1 : NULL;
	}
	return 0;
}

static struct super_block *tmpfs_mount(const struct file_system_type *t,
				       const char *data)
{
	struct super_block *sb = sb_alloc(t, &tmpfs_sops);
	struct tmpfs_info *ti = kzalloc(sizeof(*ti), GFP_KERNEL);
	struct inode *root;
	int err = -ENOMEM;

	if (!sb || !ti)
		goto fail;
	/* Linux's defaults: half of RAM, as many inodes as half the pages. */
	ti->max_pages = nr_managed_pages() / 2;
	ti->max_inodes = nr_managed_pages() / 2;
	ti->root_mode = 01777;
	err = tmpfs_options(ti, data);
	if (err)
		goto fail;
	sb->fs_info = ti;
	sb->magic = TMPFS_MAGIC;
	sb->keep_negative = true;
	root = tmpfs_new_inode(sb, S_IFDIR | ti->root_mode, 0);
	if (IS_ERR(root)) {
		err = PTR_ERR(root);
		sb->fs_info = NULL;
		goto fail;
	}
	root->uid = ti->root_uid;
	root->gid = ti->root_gid;
	sb->root = d_alloc_root(sb, root);
	if (!sb->root) {
		inode_put(root);
		goto fail;
	}
	return sb;
fail:
	kfree(ti);
	if (sb)
		sb_put(sb);
	return ERR_PTR(err);
}

static struct file_system_type tmpfs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
	.nodev = true,
};

void tmpfs_init(void)
{
	register_filesystem(&tmpfs_type);
}
