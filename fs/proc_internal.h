/* Internal to fs/procfs.c and fs/proc_files.c. */
#ifndef FS_PROC_INTERNAL_H
#define FS_PROC_INTERNAL_H

#include "seqbuf.h"

enum proc_kind {
	PROC_ROOT,
	PROC_GLOBAL,		/* /proc/meminfo and friends */
	PROC_SELF,		/* /proc/self */
	PROC_PID_DIR,		/* /proc/PID */
	PROC_PID_FILE,		/* /proc/PID/status and friends */
	PROC_PID_LINK,		/* /proc/PID/cwd, exe, root */
	PROC_PID_FD_DIR,	/* /proc/PID/fd */
	PROC_PID_FD_LINK,	/* /proc/PID/fd/N */
	PROC_SYS_DIR,		/* /proc/sys (index 0), /proc/sys/fs (1) */
	PROC_SYS_FILE,		/* /proc/sys/fs/inode-nr and friends */
};

/* What a proc inode stands for. */
struct proc_node {
	enum proc_kind kind;
	int pid;
	int index;		/* the table entry, or the fd */
};

struct proc_entry {
	const char *name;
	enum proc_kind kind;
	/* Write the file's text; 0 or -errno (-ESRCH: the process is gone). */
	int (*show)(struct seqbuf *s, int pid);
	/* Writable files (comm): take the user's bytes. */
	long (*write)(int pid, const char *ubuf, size_t len);
};

extern const struct proc_entry proc_global[], proc_pid[], proc_sys_fs[];
extern const int proc_global_count, proc_pid_count, proc_sys_fs_count;

bool proc_fd_exists(int pid, int fd);
/* Visit the open descriptors of @pid. */
void proc_for_each_fd(int pid, void (*fn)(int fd, void *arg), void *arg);
long proc_link_target(const struct proc_node *n, char *buf, size_t size);

#endif
