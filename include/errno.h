/* Kernel errors: negative errno values, and pointers that carry them. */
#ifndef ERRNO_H
#define ERRNO_H

#include "uapi/errno.h"

#define MAX_ERRNO	4095

/*
 * Kernel-internal: a system call interrupted by a signal returns one of
 * these; the signal code turns it into -EINTR or restarts the call (as
 * Linux does). User space never sees them.
 */
#define ERESTARTSYS		512	/* restart if SA_RESTART */
#define ERESTARTNOINTR		513	/* always restart */
#define ERESTARTNOHAND		514	/* restart if no handler ran */
#define ERESTART_RESTARTBLOCK	516	/* restart with restart_syscall */

static inline void *ERR_PTR(long err)
{
	return (void *)err;
}

static inline long PTR_ERR(const void *p)
{
	return (long)p;
}

static inline int IS_ERR(const void *p)
{
	return (unsigned long)p >= (unsigned long)-MAX_ERRNO;
}

#endif
