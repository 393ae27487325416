/*
 * A process's filesystem context: its root, its current directory and
 * its umask, shared by threads made with CLONE_FS; and the calls that
 * change or report them (chdir, fchdir, getcwd, umask, chroot).
 */
#include <errno.h>
#include <file.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>

struct fs_struct *fs_struct_create(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->refs = 1;
	fs->umask = 022;
	fs->root = (struct path){ root_mount, root_mount->root };
	fs->cwd = fs->root;
	path_get(&fs->root);
	path_get(&fs->cwd);
	return fs;
}

struct fs_struct *fs_struct_copy(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->refs = 1;
	mutex_lock(&vfs_lock);
	fs->umask = old->umask;
	fs->root = old->root;
	fs->cwd = old->cwd;
	path_get(&fs->root);
	path_get(&fs->cwd);
	mutex_unlock(&vfs_lock);
	return fs;
}

void fs_struct_put(struct fs_struct *fs)
{
	if (!fs || __atomic_sub_fetch(&fs->refs, 1, __ATOMIC_ACQ_REL))
		return;
	path_put(&fs->root);
	path_put(&fs->cwd);
	kfree(fs);
}

static void set_cwd(struct path *p)
{
	struct fs_struct *fs = current->fs;
	struct path old;

	mutex_lock(&vfs_lock);
	old = fs->cwd;
	fs->cwd = *p;		/* the walk's references move here */
	mutex_unlock(&vfs_lock);
	path_put(&old);
}

SYSCALL_DEFINE1(chdir, const char *, upath)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path p;
	long err;

	if (!name)
		return -ENOMEM;
	err = strncpy_from_user(name, upath, PATH_MAX);
	if (err >= 0)
		err = path_walk(NULL, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
				&p, NULL, NULL);
	kfree(name);
	if (err < 0)
		return err;
	set_cwd(&p);
	return 0;
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct file *f = fd_get(fd);
	struct path p;

	if (!f)
		return -EBADF;
	if (!f->inode || !S_ISDIR(f->inode->mode)) {
		file_put(f);
		return -ENOTDIR;
	}
	p = (struct path){ f->mnt, f->dentry };
	path_get(&p);
	file_put(f);
	set_cwd(&p);
	return 0;
}

SYSCALL_DEFINE2(getcwd, char *, ubuf, unsigned long, size)
{
	struct fs_struct *fs = current->fs;
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	long n;

	if (!buf)
		return -ENOMEM;
	mutex_lock(&vfs_lock);
	/* A removed directory has no name: Linux says "(unreachable)". */
	if (fs->cwd.dentry->unhashed)
		n = -ENOENT;
	else
		n = vfs_path_name(&fs->cwd, &fs->root, buf, PATH_MAX);
	mutex_unlock(&vfs_lock);
	if (n >= 0 && (unsigned long)n + 1 > size)
		n = -ERANGE;
	if (n >= 0 && copy_to_user(ubuf, buf, n + 1))
		n = -EFAULT;
	kfree(buf);
	return n < 0 ? n : n + 1;
}

SYSCALL_DEFINE1(umask, unsigned int, mask)
{
	unsigned int old = current->fs->umask;

	current->fs->umask = mask & 0777;
	return old;
}
