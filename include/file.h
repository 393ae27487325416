/*
 * Open files and descriptor tables (kernel/fd.c). A struct file is an
 * open instance with its operations; a descriptor table maps numbers to
 * files and is shared by threads made with CLONE_FILES. The VFS (the
 * files issue) adds inodes and paths behind struct file; until then the
 * console is the only file, and PID 1 gets it as descriptors 0, 1 and 2.
 */
#ifndef FILE_H
#define FILE_H

#include "spinlock.h"
#include "types.h"

struct file;
struct inode;
struct dentry;
struct mount;

/*
 * What getdents64 hands a directory's iterate(): emit() copies one entry
 * out and returns false when the user's buffer is full.
 */
struct dir_context {
	bool (*emit)(struct dir_context *ctx, const char *name, size_t len,
		     uint64_t ino, unsigned int type);
	uint64_t pos;		/* the entry to start at, advanced */
};

struct file_operations {
	/* @ubuf is a user pointer; *@pos the offset, advanced. */
	long (*read)(struct file *f, char *ubuf, size_t len, uint64_t *pos);
	long (*write)(struct file *f, const char *ubuf, size_t len,
		      uint64_t *pos);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* lseek for files with their own idea of a position (kmsg). */
	long (*llseek)(struct file *f, long off, int whence);
	/* Readiness now (POLL* bits); NULL means always ready. */
	unsigned int (*poll)(struct file *f);
	/* Directories: emit entries from ctx->pos on. 0 or -errno. */
	int (*iterate)(struct file *f, struct dir_context *ctx);
	int (*open)(struct inode *inode, struct file *f);
	void (*release)(struct file *f);
};

/*
 * Lock legend: refs is atomic; pos under pos_lock's users (one at a
 * time); flags may change by fcntl.
 */
struct file {
	int refs;
	const struct file_operations *f_op;
	unsigned int f_flags;		/* O_* */
	uint64_t f_pos;
	void *private_data;
	struct inode *inode;		/* NULL for the early console */
	struct dentry *dentry;
	struct mount *mnt;
};

#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define O_ACCMODE	3
#define O_CREAT		0100
#define O_EXCL		0200
#define O_NOCTTY	0400
#define O_TRUNC		01000
#define O_APPEND	02000
#define O_NONBLOCK	04000
#define O_DSYNC		010000
#define O_DIRECT	040000
#define O_LARGEFILE	0100000
#define O_DIRECTORY	0200000
#define O_NOFOLLOW	0400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define O_SYNC		04010000
#define O_PATH		010000000
#define O_TMPFILE	020200000

struct file *file_alloc(const struct file_operations *ops,
			unsigned int flags);
struct file *file_get(struct file *f);
/* Free a file that was never opened (an error path). */
void file_free_unused(struct file *f);
void file_put(struct file *f);

/*
 * Lock legend: lock covers size, files and the close-on-exec bits;
 * refs is atomic.
 */
struct fdtable {
	int refs;
	struct spinlock lock;
	unsigned int size;		/* slots in files[] */
	struct file **files;
	unsigned long *cloexec;		/* a bit per slot */
};

struct fdtable *fdtable_create(void);
struct fdtable *fdtable_dup(struct fdtable *old);
void fdtable_put(struct fdtable *t);
/* exec: close the close-on-exec descriptors. */
void fdtable_exec(struct fdtable *t);
/* The lowest free descriptor >= @min for @f (a reference is taken
 * over), or -EMFILE. */
int fd_install(struct fdtable *t, struct file *f, int min, bool cloexec);
/* The file of @fd with a reference for the caller, or NULL. */
struct file *fd_get(int fd);
int fd_close(struct fdtable *t, int fd);

/* poll(2) events */
#define POLLIN		0x001
#define POLLPRI		0x002
#define POLLOUT		0x004
#define POLLERR		0x008
#define POLLHUP		0x010
#define POLLNVAL	0x020
#define POLLRDNORM	0x040
#define POLLRDBAND	0x080
#define POLLWRNORM	0x100
#define POLLWRBAND	0x200

/*
 * Something a poller may wait for happened (data in a pipe, a byte on
 * the serial line): pollers look again. fs/select.c.
 */
void poll_notify(void);

/* The console as a file: what PID 1 gets for 0, 1 and 2. */
struct file *console_file_open(void);
extern const struct file_operations console_fops;

#endif
