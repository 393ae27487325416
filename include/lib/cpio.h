/*
 * A reader for "newc" cpio archives in memory (lib/cpio.c): the pure part
 * of initramfs unpacking. The kernel's unpacker walks each archive the
 * boot loader hands over with cpio_next(), creates what every entry
 * describes, and asks cpio_more() whether another archive follows.
 *
 * Format ("new ASCII", magic "070701"; "070702" adds a checksum): each
 * entry is a 110-byte header of 13 eight-digit hex fields, the name with
 * its NUL, zero padding to a multiple of 4 bytes (counted from the start
 * of the archive), the file data, and padding to 4 again. An entry named
 * "TRAILER!!!" ends the archive.
 *
 * Nothing is copied: names and data point into the caller's buffer, which
 * must outlive the entries. Every length is checked against the buffer
 * before it is used, so a hostile or truncated archive gives an error with
 * a reason and an offset, never a read outside the buffer.
 */
#ifndef LIB_CPIO_H
#define LIB_CPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* File type bits of cpio_entry.mode: the traditional octal values. */
#define CPIO_S_IFMT	0170000
#define CPIO_S_IFSOCK	0140000
#define CPIO_S_IFLNK	0120000
#define CPIO_S_IFREG	0100000
#define CPIO_S_IFBLK	0060000
#define CPIO_S_IFDIR	0040000
#define CPIO_S_IFCHR	0020000
#define CPIO_S_IFIFO	0010000

/* The longest name, its NUL included, like Linux's PATH_MAX. */
#define CPIO_NAME_MAX	4096

struct cpio_entry {
	const char *name;	/* into the archive, NUL-terminated */
	size_t name_len;	/* strlen(name) */
	uint32_t ino;		/* hard links share ino, devmajor, devminor */
	uint32_t mode;		/* CPIO_S_IF* type bits | permissions */
	uint32_t uid, gid;
	uint32_t nlink;
	uint32_t mtime;		/* seconds since the epoch */
	const void *data;	/* file contents; a symlink's target, no NUL */
	size_t size;
	uint32_t devmajor, devminor;	/* device holding the file */
	uint32_t rdevmajor, rdevminor;	/* device nodes: the device */
};

/*
 * The reader's state. offset is where the next header starts; after an
 * error it is the offset of the offending byte and why says what is wrong
 * there (a constant string). Errors stick: later calls return them again.
 */
struct cpio_reader {
	const unsigned char *base;
	size_t size;
	size_t offset;
	size_t start;		/* current archive's offset: padding base */
	const char *why;	/* NULL until an error */
	int err;		/* 0 or the sticky negative error */
	bool done;		/* this archive's trailer has been read */
};

void cpio_init(struct cpio_reader *r, const void *data, size_t size);

/*
 * Read the next entry into @e. Returns 1 with @e filled, 0 at the trailer
 * (and on every call after it, until cpio_more()), or -EINVAL with r->why
 * and r->offset set. Reaching the end of the buffer without a trailer is
 * an error: the archive was truncated. Devices, directories and the rest
 * are returned as they are; the mode's type bits are the caller's to
 * check.
 */
int cpio_next(struct cpio_reader *r, struct cpio_entry *e);

/*
 * After cpio_next() returned 0: skip the zero bytes that follow the trailer
 * and say whether another archive starts after them; if so, cpio_next()
 * goes on reading it. The next archive may start at any offset (its own
 * padding is counted from there). Returns false after an error, before the
 * trailer, or when only zeros (or nothing) are left.
 */
bool cpio_more(struct cpio_reader *r);

/*
 * Check a name before the unpacker creates it under the root. Returns
 * -EINVAL for the empty name and for any name with a ".." component, else
 * the offset of the path relative to the root: leading "/" and "./" are
 * skipped, so "/etc/passwd" and "./etc/passwd" both give the offset of
 * "etc/passwd". An empty result ("/", ".", "./") is the root itself.
 */
int cpio_check_name(const char *name);

#endif
