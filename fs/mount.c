/*
 * The mount table (one namespace for now): the root mount, mounts on
 * directories of others, the crossing between them the path walk does,
 * mount(2) and umount2(2), and absolute path names (getcwd, /proc).
 */
#include <errno.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>
#include <lib/string.h>

DEFINE_MUTEX(vfs_lock);
struct mount *root_mount;
static LIST_HEAD(mounts);

void path_get(const struct path *p)
{
	d_get(p->dentry);
	if (p->mnt)
		__atomic_add_fetch(&p->mnt->busy, 1, __ATOMIC_RELAXED);
}

void path_put(const struct path *p)
{
	if (p->mnt)
		__atomic_sub_fetch(&p->mnt->busy, 1, __ATOMIC_RELAXED);
	d_put(p->dentry);
}

struct mount *lookup_mount(const struct path *p)
{
	struct mount *m;

	if (!p->dentry->mounts)
		return NULL;
	/* The last one mounted there is the one seen. */
	list_for_each_entry_reverse(m, &mounts, node)
		if (m->parent == p->mnt && m->mountpoint == p->dentry)
			return m;
	return NULL;
}

/* Every mount, in order, for /proc/mounts. [vfs_lock] */
void for_each_mount(void (*fn)(const struct mount *m, void *arg), void *arg)
{
	struct mount *m;

	list_for_each_entry(m, &mounts, node)
		fn(m, arg);
}

int vfs_mount(const char *source, const char *fstype, const char *data,
	      const struct path *mp, unsigned long flags)
{
	const struct file_system_type *t = find_filesystem(fstype);
	struct super_block *sb;
	struct mount *m;

	if (!t)
		return -ENODEV;
	if (mp && !S_ISDIR(mp->dentry->inode->mode))
		return -ENOTDIR;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	sb = t->mount(t, data);
	if (IS_ERR(sb)) {
		kfree(m);
		return PTR_ERR(sb);
	}
	m->sb = sb;
	m->fstype = t->name;
	m->root = d_get(sb->root);
	sb->mounts++;
	m->source = kmalloc(strlen(source) + 1, GFP_KERNEL);
	if (m->source)
		memcpy(m->source, source, strlen(source) + 1);
	m->flags = flags;
	if (mp) {
		m->parent = mp->mnt;
		m->mountpoint = d_get(mp->dentry);
		mp->dentry->mounts++;
	} else {
		m->parent = m;
		m->mountpoint = m->root;
		root_mount = m;
	}
	list_add_tail(&m->node, &mounts);
	return 0;
}

/* Is anything mounted below @m? [vfs_lock] */
static bool has_children(const struct mount *m)
{
	struct mount *c;

	list_for_each_entry(c, &mounts, node)
		if (c->parent == m && c != m)
			return true;
	return false;
}

static int do_umount(struct mount *m, int flags)
{
	if (m == root_mount)
		return -EBUSY;
	if (has_children(m) || READ_ONCE(m->busy))
		return -EBUSY;
	list_del(&m->node);
	m->mountpoint->mounts--;
	d_put(m->mountpoint);
	d_put(m->root);
	if (!--m->sb->mounts) {
		/* The last mount: the filesystem lets go of its tree. */
		struct dentry *root = m->sb->root;

		d_prune_sb(m->sb);
		if (m->sb->ops && m->sb->ops->kill)
			m->sb->ops->kill(root);
		d_put(root);
	}
	kfree(m->source);
	kfree(m);
	return 0;
}

long vfs_path_name(const struct path *p, const struct path *root,
		   char *buf, size_t size)
{
	struct dentry *d = p->dentry;
	struct mount *m = p->mnt;
	size_t pos = size;

	if (!size)
		return -ERANGE;
	buf[--pos] = '\0';
	for (;;) {
		if (d == root->dentry && m == root->mnt)
			break;
		if (d == m->root) {
			if (m->parent == m)
				break;	/* above the process root: stop */
			d = m->mountpoint;
			m = m->parent;
			continue;
		}
		if (pos < d->len + 1)
			return -ENAMETOOLONG;
		pos -= d->len;
		memcpy(buf + pos, d->name, d->len);
		buf[--pos] = '/';
		d = d->parent;
	}
	if (pos == size - 1)
		buf[--pos] = '/';
	memmove(buf, buf + pos, size - pos);
	return size - pos - 1;
}

/* --- mount(2), umount2(2) ---------------------------------------------- */

#define MS_RDONLY	1
#define MS_BIND		4096
#define MS_REC		16384
#define MNT_FORCE	1
#define MNT_DETACH	2
#define MNT_EXPIRE	4
#define UMOUNT_NOFOLLOW	8

static long copy_opt_string(const char *u, char *buf, size_t size)
{
	long n;

	if (!u) {
		buf[0] = '\0';
		return 0;
	}
	n = strncpy_from_user(buf, u, size);
	return n < 0 ? n : 0;
}

static int bind_mount(const struct path *from, const struct path *to)
{
	struct mount *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return -ENOMEM;
	m->sb = from->dentry->sb;
	m->fstype = from->mnt->fstype;
	m->root = d_get(from->dentry);
	m->sb->mounts++;
	m->parent = to->mnt;
	m->mountpoint = d_get(to->dentry);
	to->dentry->mounts++;
	m->source = kmalloc(5, GFP_KERNEL);
	if (m->source)
		memcpy(m->source, "none", 5);
	list_add_tail(&m->node, &mounts);
	return 0;
}

SYSCALL_DEFINE5(mount, const char *, usource, const char *, utarget,
		const char *, utype, unsigned long, flags, const char *, udata)
{
	char source[64], type[32], *target = NULL, *data = NULL;
	struct path mp, from;
	long err;

	if (!cred_is_root(&current->proc->cred))
		return -EPERM;
	err = copy_opt_string(usource, source, sizeof(source));
	if (!err && !(flags & MS_BIND))
		err = copy_opt_string(utype, type, sizeof(type));
	if (err)
		return err;
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	data = kmalloc(PAGE_SIZE, GFP_KERNEL);
	err = -ENOMEM;
	if (!target || !data)
		goto out;
	err = strncpy_from_user(target, utarget, PATH_MAX);
	if (err >= 0)
		err = copy_opt_string(udata, data, PAGE_SIZE);
	if (err < 0)
		goto out;
	err = path_walk(NULL, target, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &mp,
			NULL, NULL);
	if (err)
		goto out;
	mutex_lock(&vfs_lock);
	if (flags & MS_BIND) {
		mutex_unlock(&vfs_lock);
		err = path_walk(NULL, source, LOOKUP_FOLLOW, &from, NULL,
				NULL);
		mutex_lock(&vfs_lock);
		if (!err) {
			err = bind_mount(&from, &mp);
			path_put(&from);
		}
	} else {
		err = vfs_mount(source, type, data, &mp, flags);
	}
	mutex_unlock(&vfs_lock);
	path_put(&mp);
out:
	kfree(target);
	kfree(data);
	return err;
}

SYSCALL_DEFINE2(umount2, const char *, utarget, int, flags)
{
	char *target;
	struct path p;
	struct mount *m;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if (!cred_is_root(&current->proc->cred))
		return -EPERM;
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	err = strncpy_from_user(target, utarget, PATH_MAX);
	if (err >= 0)
		err = path_walk(NULL, target, flags & UMOUNT_NOFOLLOW ? 0 :
				LOOKUP_FOLLOW, &p, NULL, NULL);
	kfree(target);
	if (err < 0)
		return err;
	mutex_lock(&vfs_lock);
	m = p.mnt;
	if (p.dentry != m->root) {
		err = -EINVAL;		/* not a mount point */
	} else {
		path_put(&p);		/* our own walk keeps it busy */
		p.dentry = NULL;
		err = do_umount(m, flags);
	}
	mutex_unlock(&vfs_lock);
	if (p.dentry)
		path_put(&p);
	return err;
}
