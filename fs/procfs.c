/*
 * proc: the kernel's state as files, in Linux's formats so that ps, top,
 * free, uptime and df work unmodified. Nothing is stored: a directory
 * lists what exists now (processes come and go), a lookup makes a
 * short-lived inode that names its object (a process, a descriptor), and
 * opening a file generates its text (fs/proc_files.c) into a buffer that
 * reads then serve, so that one read sees one consistent snapshot.
 */
#include <errno.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <uaccess.h>
#include <vfs.h>
#include <lib/printf.h>
#include <lib/string.h>
#include "fs_internal.h"
#include "proc_internal.h"

#define PROC_SUPER_MAGIC	0x9fa0

static struct super_block *proc_sb;

static const struct inode_operations proc_dir_iops, proc_link_iops;
static const struct file_operations proc_dir_fops, proc_file_fops;

static struct inode *proc_inode(enum proc_kind kind, unsigned int mode,
				int pid, int index)
{
	struct inode *i = inode_alloc(proc_sb, mode);
	struct proc_node *n = kzalloc(sizeof(*n), GFP_KERNEL);

	if (!i || !n) {
		kfree(n);
		if (i)
			inode_put(i);
		return NULL;
	}
	n->kind = kind;
	n->pid = pid;
	n->index = index;
	i->priv = n;
	/* Stable numbers: ps and find compare them. */
	i->ino = ((uint64_t)pid << 16) | ((uint64_t)kind << 10) |
		 (index & 0x3ff);
	if (S_ISDIR(mode)) {
		i->i_op = &proc_dir_iops;
		i->i_fop = &proc_dir_fops;
		i->nlink = 2;
	} else if (S_ISLNK(mode)) {
		i->i_op = &proc_link_iops;
	} else {
		i->i_fop = &proc_file_fops;
	}
	return i;
}

static struct proc_node *node_of(const struct inode *i)
{
	return i->priv;
}

static void proc_evict(struct inode *i)
{
	kfree(i->priv);
}

/* Does process @pid exist (alive or a zombie)? */
static bool pid_exists(int pid)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	bool ok = process_of_pid(pid) != NULL;

	spin_unlock_irqrestore(&proc_lock, flags);
	return ok;
}

static int parse_pid(const char *name, size_t len)
{
	int pid = 0;

	if (!len || len > 9 || name[0] == '0')
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid;
}

/* --- lookup --------------------------------------------------------------- */

static struct inode *lookup_root(const char *name, size_t len)
{
	int pid;

	for (int i = 0; i < proc_global_count; i++)
		if (strlen(proc_global[i].name) == len &&
		    !memcmp(proc_global[i].name, name, len))
			return proc_inode(PROC_GLOBAL, S_IFREG | 0444, 0, i);
	if (len == 4 && !memcmp(name, "self", 4))
		return proc_inode(PROC_SELF, S_IFLNK | 0777, 0, 0);
	if (len == 3 && !memcmp(name, "sys", 3))
		return proc_inode(PROC_SYS_DIR, S_IFDIR | 0555, 0, 0);
	pid = parse_pid(name, len);
	if (pid > 0 && pid_exists(pid))
		return proc_inode(PROC_PID_DIR, S_IFDIR | 0555, pid, 0);
	return NULL;
}

static struct inode *lookup_pid(int pid, const char *name, size_t len)
{
	for (int i = 0; i < proc_pid_count; i++) {
		const struct proc_entry *e = &proc_pid[i];

		if (strlen(e->name) != len || memcmp(e->name, name, len))
			continue;
		if (e->kind == PROC_PID_FD_DIR)
			return proc_inode(e->kind, S_IFDIR | 0500, pid, 0);
		return proc_inode(e->kind, (e->kind == PROC_PID_LINK ?
					    S_IFLNK | 0777 : S_IFREG | 0444),
				  pid, i);
	}
	return NULL;
}

static int proc_lookup(struct inode *dir, struct dentry *d)
{
	struct proc_node *n = node_of(dir);
	struct inode *i = NULL;
	int fd;

	switch (n->kind) {
	case PROC_ROOT:
		i = lookup_root(d->name, d->len);
		break;
	case PROC_PID_DIR:
		i = pid_exists(n->pid) ? lookup_pid(n->pid, d->name, d->len) :
					 NULL;
		break;
	case PROC_SYS_DIR:
		if (n->index == 0 && d->len == 2 && !memcmp(d->name, "fs", 2))
			i = proc_inode(PROC_SYS_DIR, S_IFDIR | 0555, 0, 1);
		for (int k = 0; n->index == 1 && k < proc_sys_fs_count; k++)
			if (strlen(proc_sys_fs[k].name) == d->len &&
			    !memcmp(proc_sys_fs[k].name, d->name, d->len))
				i = proc_inode(PROC_SYS_FILE, S_IFREG | 0444,
					       0, k);
		break;
	case PROC_PID_FD_DIR:
		fd = parse_pid(d->name, d->len);
		if (d->len == 1 && d->name[0] == '0')
			fd = 0;
		if (fd >= 0 && proc_fd_exists(n->pid, fd))
			i = proc_inode(PROC_PID_FD_LINK, S_IFLNK | 0700,
				       n->pid, fd);
		break;
	default:
		return -ENOTDIR;
	}
	if (i)
		d_instantiate(d, i);
	return 0;
}

static long proc_readlink(struct inode *i, char *buf, size_t size)
{
	struct proc_node *n = node_of(i);

	if (n->kind == PROC_SELF)
		return snprintf(buf, size, "%d", current_pid()) < (int)size ?
		       (long)strlen(buf) : -ENAMETOOLONG;
	return proc_link_target(n, buf, size);
}

static const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
};

static const struct inode_operations proc_link_iops = {
	.readlink = proc_readlink,
};

/* --- directories ---------------------------------------------------------- */

static bool emit_name(struct dir_context *ctx, uint64_t *n, const char *name,
		      uint64_t ino, unsigned int type)
{
	if ((*n)++ < ctx->pos)
		return true;
	if (!ctx->emit(ctx, name, strlen(name), ino, type))
		return false;
	ctx->pos = *n;
	return true;
}

struct fd_walk {
	struct dir_context *ctx;
	uint64_t *n;
	int pid;
	bool full;
};

static void emit_fd(int fd, void *arg)
{
	struct fd_walk *w = arg;
	char name[16];

	if (w->full)
		return;
	snprintf(name, sizeof(name), "%d", fd);
	w->full = !emit_name(w->ctx, w->n, name, ((uint64_t)w->pid << 16) |
			     ((uint64_t)PROC_PID_FD_LINK << 10) | fd, DT_LNK);
}

/* The pids that exist now, in order, into @pids; how many. */
static size_t list_pids(int *pids, size_t max)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct process *p;
	size_t n = 0;

	list_for_each_entry(p, &all_processes, all_node)
		if (n < max)
			pids[n++] = p->pid;
	spin_unlock_irqrestore(&proc_lock, flags);
	return n;
}

static int iterate_root(struct dir_context *ctx, uint64_t *n)
{
	size_t max = 4096, count;
	int *pids = kmalloc(max * sizeof(int), GFP_KERNEL);
	char name[16];

	for (int i = 0; i < proc_global_count; i++)
		if (!emit_name(ctx, n, proc_global[i].name,
			       ((uint64_t)PROC_GLOBAL << 10) | i, DT_REG))
			goto out;
	if (!emit_name(ctx, n, "self", PROC_SELF << 10, DT_LNK) ||
	    !emit_name(ctx, n, "sys", PROC_SYS_DIR << 10, DT_DIR))
		goto out;
	count = pids ? list_pids(pids, max) : 0;
	for (size_t i = 0; i < count; i++) {
		snprintf(name, sizeof(name), "%d", pids[i]);
		if (!emit_name(ctx, n, name, ((uint64_t)pids[i] << 16) |
			       (PROC_PID_DIR << 10), DT_DIR))
			break;
	}
out:
	kfree(pids);
	return 0;
}

static int proc_iterate(struct file *f, struct dir_context *ctx)
{
	struct proc_node *node = node_of(f->inode);
	uint64_t n = 0;

	if (!emit_name(ctx, &n, ".", f->inode->ino, DT_DIR) ||
	    !emit_name(ctx, &n, "..", f->dentry->parent->inode->ino, DT_DIR))
		return 0;
	if (node->kind == PROC_ROOT)
		return iterate_root(ctx, &n);
	if (node->kind == PROC_SYS_DIR) {
		if (node->index == 0) {
			emit_name(ctx, &n, "fs", (PROC_SYS_DIR << 10) | 1,
				  DT_DIR);
			return 0;
		}
		for (int i = 0; i < proc_sys_fs_count; i++)
			if (!emit_name(ctx, &n, proc_sys_fs[i].name,
				       (PROC_SYS_FILE << 10) | i, DT_REG))
				break;
		return 0;
	}
	if (node->kind == PROC_PID_FD_DIR) {
		struct fd_walk w = { ctx, &n, node->pid, false };

		proc_for_each_fd(node->pid, emit_fd, &w);
		return 0;
	}
	for (int i = 0; i < proc_pid_count; i++) {
		const struct proc_entry *e = &proc_pid[i];
		unsigned int type = e->kind == PROC_PID_FD_DIR ? DT_DIR :
				    e->kind == PROC_PID_LINK ? DT_LNK : DT_REG;

		if (!emit_name(ctx, &n, e->name, ((uint64_t)node->pid << 16) |
			       ((uint64_t)e->kind << 10) | i, type))
			break;
	}
	return 0;
}

static const struct file_operations proc_dir_fops = {
	.iterate = proc_iterate,
};

/* --- generated files ------------------------------------------------------ */

static int proc_file_open(struct inode *i, struct file *f)
{
	struct proc_node *n = node_of(i);
	struct seqbuf *s = kzalloc(sizeof(*s), GFP_KERNEL);
	const struct proc_entry *e = n->kind == PROC_GLOBAL ?
				     &proc_global[n->index] :
				     n->kind == PROC_SYS_FILE ?
				     &proc_sys_fs[n->index] :
				     &proc_pid[n->index];
	int err;

	if (!s)
		return -ENOMEM;
	if ((f->f_flags & O_ACCMODE) != O_RDONLY &&
	    !(n->kind == PROC_PID_FILE && e->write)) {
		kfree(s);
		return -EACCES;
	}
	err = e->show(s, n->pid);
	if (!err)
		err = s->err;
	if (err) {
		seq_free(s);
		kfree(s);
		return err;
	}
	f->private_data = s;
	return 0;
}

static long proc_file_read(struct file *f, char *ubuf, size_t len,
			   uint64_t *pos)
{
	struct seqbuf *s = f->private_data;
	size_t n;

	if (*pos >= s->len)
		return 0;
	n = MIN(len, s->len - *pos);
	if (copy_to_user(ubuf, s->buf + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

static void proc_file_release(struct file *f)
{
	struct seqbuf *s = f->private_data;

	if (s) {
		seq_free(s);
		kfree(s);
	}
}

static long proc_file_write(struct file *f, const char *ubuf, size_t len,
			    uint64_t *pos)
{
	struct proc_node *n = node_of(f->inode);

	if (n->kind != PROC_PID_FILE || !proc_pid[n->index].write)
		return -EINVAL;
	return proc_pid[n->index].write(n->pid, ubuf, len);
}

static const struct file_operations proc_file_fops = {
	.open = proc_file_open,
	.read = proc_file_read,
	.write = proc_file_write,
	.release = proc_file_release,
};

/* --- the filesystem ------------------------------------------------------- */

static int proc_statfs(struct super_block *sb, struct kstatfs *st)
{
	st->type = PROC_SUPER_MAGIC;
	st->bsize = 4096;
	st->namelen = NAME_MAX;
	return 0;
}

static const struct super_operations proc_sops = {
	.evict = proc_evict,
	.statfs = proc_statfs,
};

static struct super_block *proc_mount(const struct file_system_type *t,
				      const char *data)
{
	if (!proc_sb) {
		struct inode *root;

		proc_sb = sb_alloc(t, &proc_sops);
		if (!proc_sb)
			return ERR_PTR(-ENOMEM);
		proc_sb->magic = PROC_SUPER_MAGIC;
		proc_sb->mounts = 1;	/* the kernel keeps it */
		root = proc_inode(PROC_ROOT, S_IFDIR | 0555, 0, 0);
		proc_sb->root = root ? d_alloc_root(proc_sb, root) : NULL;
		if (!proc_sb->root) {
			proc_sb = NULL;
			return ERR_PTR(-ENOMEM);
		}
	}
	__atomic_add_fetch(&proc_sb->refs, 1, __ATOMIC_RELAXED);
	return proc_sb;
}

static struct file_system_type proc_type = {
	.name = "proc",
	.mount = proc_mount,
	.nodev = true,
};

void procfs_init(void)
{
	register_filesystem(&proc_type);
}
