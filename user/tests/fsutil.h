/*
 * usertests: what the file-system tests share (fsutil.c): a scratch
 * directory per test, small file helpers, and the Linux ABI numbers and
 * structures for files that musl 1.2's headers do not carry.
 */
#ifndef USERTESTS_FSUTIL_H
#define USERTESTS_FSUTIL_H

#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

/* statfs f_type values (Linux's include/uapi/linux/magic.h). */
#define TMPFS_MAGIC		0x01021994
#define PROC_SUPER_MAGIC	0x9fa0

#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)
#define MAXSYMLINKS		40	/* links one lookup may follow */

/* statx(2): struct statx and the bits of its mask. */
#define STATX_TYPE		0x0001U
#define STATX_MODE		0x0002U
#define STATX_NLINK		0x0004U
#define STATX_UID		0x0008U
#define STATX_GID		0x0010U
#define STATX_ATIME		0x0020U
#define STATX_MTIME		0x0040U
#define STATX_CTIME		0x0080U
#define STATX_INO		0x0100U
#define STATX_SIZE		0x0200U
#define STATX_BLOCKS		0x0400U
#define STATX_BASIC_STATS	0x07ffU
#define STATX__RESERVED		0x80000000U

struct ut_statx_ts {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct ut_statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t spare0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct ut_statx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint64_t spare2[14];
};

/*
 * Make /tmp/ut.PID, where PID is the test's, and chdir there with umask
 * 022; its path. The runner removes it when the test is over, passed or
 * not, so a test leaves it as it likes. Call it from the test's own
 * process only.
 */
const char *ut_scratch(void);
/* The runner's side: remove what test process pid left in /tmp. */
void ut_scratch_remove(pid_t pid);
/* Remove a tree, unmounting what is mounted in it; best effort. */
void ut_rmtree(const char *path);

/* Create or truncate path and write len bytes of data; fail on error. */
void ut_put(const char *path, const void *data, size_t len);
void ut_puts(const char *path, const char *text);
/* Read up to len - 1 bytes of path into buf and NUL-terminate them;
 * the number read. Fails if path cannot be read. */
size_t ut_get(const char *path, char *buf, size_t len);
/* open() that fails the test when it fails. */
int ut_open(const char *path, int flags, mode_t mode);
/* lstat() that fails the test when it fails. */
void ut_lstat(const char *path, struct stat *st);
/* Read exactly len bytes (or fail the test) from fd. */
void ut_read_all(int fd, void *buf, size_t len, const char *what);
/* Write exactly len bytes (or fail the test) to fd. */
void ut_write_all(int fd, const void *buf, size_t len, const char *what);
/* Is the file system that holds path a tmpfs? */
int ut_on_tmpfs(const char *path);
/* Was the runner started as init (and so mounted /proc, /dev, /tmp)? */
int ut_under_init(void);

#endif
