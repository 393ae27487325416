/* Internal to fs/: what the VFS files and the filesystems share. */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <vfs.h>

/* Give a device, FIFO or socket inode the operations of its kind. */
void init_special_inode(struct inode *i, unsigned int mode, dev_t rdev);
/* getdents64's d_type for a mode. */
unsigned int mode_to_dtype(unsigned int mode);
/* The ids new files get (the process's filesystem ids). */
uint32_t current_fsuid(void);
uint32_t current_fsgid(void);

void tmpfs_init(void);
void devtmpfs_init(void);
void procfs_init(void);
/* Unpack the boot loader's cpio archives into the root. */
void initramfs_unpack(void);

extern const struct file_operations fifo_fops;

/* A character device's operations, by device number (fs/devices.c). */
const struct file_operations *chrdev_fops(dev_t dev);

/*
 * May the caller read (4), write (2) or search/run (1) @i? 0 or -EACCES.
 * Root may do anything but run a file nobody may run.
 */
int inode_permission(const struct inode *i, int mask);

/* Copy a user path into a fresh kernel buffer (kfree it). */
char *getname(const char *upath, long *err);
/* Walk a kernel path from @dirfd (AT_FDCWD or a directory's fd). */
int kernel_path_at(int dirfd, const char *name, unsigned int flags,
		   struct path *out, const char **last, size_t *last_len);
/* Walk a user path from @dirfd (AT_FDCWD or a directory's fd). */
int user_path_at(int dirfd, const char *upath, unsigned int flags,
		 struct path *out);

#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000
#define AT_EACCESS		0x200

#endif
