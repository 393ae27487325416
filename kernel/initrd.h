/* Internal to kernel/: exec's view of the initramfs (kernel/initrd.c). */
#ifndef KERNEL_INITRD_H
#define KERNEL_INITRD_H

#include <types.h>

#define INITRD_PATH_MAX	4096

struct initrd_file {
	const void *data;
	size_t size;
	uint32_t mode;
};

/*
 * Find @path (symlinks followed): 0, -ENOENT, -ENOTDIR (a leading
 * component is a file), -ELOOP or -ENAMETOOLONG.
 */
int initrd_lookup(const char *path, struct initrd_file *out);

#endif
