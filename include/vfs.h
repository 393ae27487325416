/*
 * The virtual file system (fs/): superblocks, inodes, the dentry cache,
 * mounts, the path walk and the operations tables filesystems fill in.
 * docs/vfs.md describes the objects, their lifetimes and the locking.
 *
 * Objects:
 *   struct super_block  one mounted instance of a filesystem
 *   struct inode        a file, directory, link, device or FIFO
 *   struct dentry       a name in a directory, positive (with an inode)
 *                       or negative (known not to exist)
 *   struct mount        a superblock attached at a dentry
 *   struct path         (mount, dentry): a place in the tree
 *
 * Locking (one CPU for now): vfs_lock, a mutex, serializes every change
 * to the dentry tree and the mount table (create, unlink, rename, mount)
 * and the lookups that may add dentries; an inode's own mutex covers its
 * data and size. Reference counts are atomic.
 */
#ifndef VFS_H
#define VFS_H

#include "file.h"
#include "mutex.h"
#include "types.h"
#include "lib/list.h"

#define NAME_MAX	255
#define PATH_MAX	4096
#define SYMLOOP_MAX	40

/* File types and permission bits (st_mode), as Linux's. */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		04000
#define S_ISGID		02000
#define S_ISVTX		01000
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)

/*
 * Device numbers, Linux's encoding in a 32-bit dev_t's low bits. (Host
 * unit tests take the C library's dev_t, which their headers bring.)
 */
#ifndef HOST_UNIT_TEST
typedef uint32_t dev_t;
#else
#include <sys/types.h>
#endif
#define MKDEV(ma, mi)	((dev_t)(((ma) << 8) | ((mi) & 0xff) | \
				 (((mi) & ~0xffu) << 12)))
#define MAJOR(d)	(((d) >> 8) & 0xfff)
#define MINOR(d)	(((d) & 0xff) | (((d) >> 12) & 0xfff00))

struct timespec_k {
	long tv_sec, tv_nsec;
};

struct inode;
struct dentry;
struct super_block;
struct kstatfs;

struct inode_operations {
	/* Find @d's name in @dir; fill d->inode or leave it negative. */
	int (*lookup)(struct inode *dir, struct dentry *d);
	/* Make a new inode for negative dentry @d in @dir. */
	int (*create)(struct inode *dir, struct dentry *d, unsigned int mode,
		      dev_t rdev);
	int (*link)(struct inode *dir, struct dentry *d, struct inode *old);
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	int (*symlink)(struct inode *dir, struct dentry *d,
		       const char *target);
	int (*rename)(struct inode *odir, struct dentry *od,
		      struct inode *ndir, struct dentry *nd,
		      unsigned int flags);
	/* Copy the target of a link into @buf; its length or -errno.
	 * Called under vfs_lock (the path walk follows links with it). */
	long (*readlink)(struct inode *inode, char *buf, size_t size);
	/* Change the size (truncate): 0 or -errno. */
	int (*truncate)(struct inode *inode, uint64_t size);
	/* Read or write file data from kernel memory (exec, initramfs). */
	long (*kread)(struct inode *inode, void *buf, size_t len,
		      uint64_t pos);
	long (*kwrite)(struct inode *inode, const void *buf, size_t len,
		       uint64_t pos);
};

struct super_operations {
	void (*evict)(struct inode *inode);	/* last reference gone */
	int (*statfs)(struct super_block *sb, struct kstatfs *st);
	void (*put_super)(struct super_block *sb);
	/* Unmount: let go of what the filesystem holds below @root. */
	void (*kill)(struct dentry *root);
};

/* What statfs(2) reports (fs/stat.c turns it into struct statfs). */
struct kstatfs {
	unsigned long type, bsize, blocks, bfree, bavail, files, ffree,
		      namelen;
};

/* renameat2 flags */
#define RENAME_NOREPLACE	(1u << 0)
#define RENAME_EXCHANGE		(1u << 1)
#define RENAME_WHITEOUT		(1u << 2)

/* getdents64's d_type values */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

struct file_system_type {
	const char *name;
	/* A new superblock from @data (mount options); ERR_PTR on error. */
	struct super_block *(*mount)(const struct file_system_type *type,
				     const char *data);
	bool nodev;		/* no backing device */
	struct list_head node;	/* in the list of filesystems */
};

/* Lock legend: refs atomic; the rest [once] or the filesystem's. */
struct super_block {
	int refs;
	const struct file_system_type *type;
	const struct super_operations *ops;
	struct dentry *root;
	dev_t dev;
	unsigned long magic;
	void *fs_info;
	uint64_t next_ino;
	int mounts;		/* [vfs_lock] mounts of it */
	bool keep_negative;	/* [once] cache absent names (dcache.c) */
};

/*
 * Lock legend: refs atomic; nlink, mode, ids and times [vfs_lock];
 * size and data [lock].
 */
struct inode {
	int refs;
	uint64_t ino;
	unsigned int mode;
	unsigned int nlink;
	uint32_t uid, gid;
	uint64_t size;
	dev_t rdev;
	struct timespec_k atime, mtime, ctime, btime;
	struct super_block *sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct mutex lock;
	void *priv;		/* the filesystem's */
	void *pipe;		/* a FIFO's pipe, while open */
};

/*
 * Lock legend: all fields [vfs_lock] but refs (atomic). A dentry holds a
 * reference on its parent and on its inode.
 */
struct dentry {
	int refs;
	char *name;
	size_t len;
	struct inode *inode;		/* NULL: negative */
	struct dentry *parent;		/* itself at a root */
	struct list_head children;
	struct list_head sibling;	/* in parent->children */
	struct super_block *sb;
	int mounts;			/* mounts on it */
	bool pinned;			/* the filesystem holds it (tmpfs) */
	bool unhashed;			/* out of the tree: lookups skip it */
	bool on_lru;			/* negative, unreferenced, kept */
	struct list_head lru;		/* [dcache_lock] */
};

struct mount {
	struct super_block *sb;
	struct dentry *root;		/* the mounted tree's root */
	struct dentry *mountpoint;	/* where, in the parent */
	struct mount *parent;		/* itself for the root mount */
	struct list_head node;		/* in the mount table */
	char *source;
	const char *fstype;		/* as mount(2) named it */
	unsigned long flags;
	int busy;			/* open files and cwds inside */
};

struct path {
	struct mount *mnt;
	struct dentry *dentry;
};

extern struct mutex vfs_lock;

/* Filesystem types (fs/super.c). */
int register_filesystem(struct file_system_type *type);
const struct file_system_type *find_filesystem(const char *name);
struct super_block *sb_alloc(const struct file_system_type *type,
			     const struct super_operations *ops);
void sb_put(struct super_block *sb);

/* Inodes (fs/inode.c). */
struct inode *inode_alloc(struct super_block *sb, unsigned int mode);
struct inode *inode_get(struct inode *inode);
void inode_put(struct inode *inode);
void inode_touch(struct inode *inode, bool atime, bool mtime, bool ctime);
/* Inodes and open files that exist (/proc/sys/fs, leak tests). */
unsigned long inode_count(void);
unsigned long file_count(void);
struct timespec_k vfs_now(void);

/* Dentries (fs/dcache.c). [vfs_lock] unless said otherwise */
struct dentry *d_alloc(struct dentry *parent, const char *name,
		       size_t len);
struct dentry *d_alloc_root(struct super_block *sb, struct inode *root);
struct dentry *d_get(struct dentry *d);
void d_put(struct dentry *d);
/* The cached child @name of @parent, with a reference, or NULL. */
struct dentry *d_lookup(struct dentry *parent, const char *name,
			size_t len);
/* Make negative @d positive with @inode (the reference is taken over). */
void d_instantiate(struct dentry *d, struct inode *inode);
void d_move(struct dentry *d, struct dentry *new_parent, const char *name,
	    size_t len);
/* Take @d out of lookups (unlink, rmdir, a replaced rename target);
 * whoever holds it keeps its inode. */
void d_drop(struct dentry *d);
/* Pin @d for a filesystem whose dentries are its directories (tmpfs). */
void d_pin(struct dentry *d);
void d_unpin(struct dentry *d);
unsigned long dcache_count(void);
/* Unreferenced negative dentries kept on the LRU (dentry-state). */
unsigned long dcache_unused(void);
/* Free the kept negative dentries of @sb (unmount), of @dir (rmdir). */
void d_prune_sb(struct super_block *sb);
void d_prune_children(struct dentry *dir);

/* Mounts (fs/mount.c). */
extern struct mount *root_mount;
/* Mount @type on @mountpoint (NULL: as the root). [vfs_lock] */
int vfs_mount(const char *source, const char *fstype, const char *data,
	      const struct path *mountpoint, unsigned long flags);
/* What is mounted on @p, or NULL. [vfs_lock] */
struct mount *lookup_mount(const struct path *p);
void path_get(const struct path *p);
void path_put(const struct path *p);
/* Write the absolute name of @p into @buf; its length or -errno. */
long vfs_path_name(const struct path *p, const struct path *root,
		   char *buf, size_t size);

/* The path walk (fs/namei.c). Flags: */
#define LOOKUP_FOLLOW		(1u << 0)	/* follow a final symlink */
#define LOOKUP_DIRECTORY	(1u << 1)	/* the result must be a dir */
#define LOOKUP_PARENT		(1u << 2)	/* stop at the parent */
#define LOOKUP_EMPTY		(1u << 3)	/* "" names @start itself */
#define LOOKUP_NEGATIVE		(1u << 4)	/* a negative end is fine */

/*
 * Walk @name (a kernel string) from @start (cwd or a dirfd's path; the
 * process root for absolute names). The result holds references. With
 * LOOKUP_PARENT, *@last gets the final component (pointing into @name)
 * and @out the directory that holds it. [takes vfs_lock]
 */
int path_walk(const struct path *start, const char *name,
	      unsigned int flags, struct path *out, const char **last,
	      size_t *last_len);
/* Look up @name in directory @dir: a dentry, maybe negative. [vfs_lock] */
struct dentry *lookup_one(struct dentry *dir, const char *name, size_t len);

/* The per-process filesystem context: root, cwd, umask (fs/fs_struct.c). */
struct fs_struct {
	int refs;
	struct path root, cwd;
	unsigned int umask;
};
struct fs_struct *fs_struct_create(void);
struct fs_struct *fs_struct_copy(struct fs_struct *old);
void fs_struct_put(struct fs_struct *fs);

/* Open files (fs/open.c). */
struct file *vfs_open(const struct path *p, unsigned int flags);

/*
 * For drivers: claim @count minors from @minor of character major @major
 * (fs/devices.c; opens of those numbers reach @fops, looked up at open
 * time), and make a node in devtmpfs ("input/mice": directories on the
 * way are made; @mode is S_IFCHR | permissions). 0 or -errno.
 */
int chrdev_register(unsigned int major, unsigned int minor,
		    unsigned int count, const struct file_operations *fops);
int devtmpfs_create(const char *name, unsigned int mode, dev_t dev);
/* Read a regular file's bytes into kernel memory (exec). */
long kernel_read(struct inode *inode, uint64_t pos, void *buf, size_t len);

/* The root filesystem and the initramfs (fs/initramfs.c). */
void vfs_init(void);

/* Which fs a filesystem-private inode belongs to. */
static inline bool inode_is(const struct inode *i, unsigned int type)
{
	return (i->mode & S_IFMT) == type;
}

#endif
