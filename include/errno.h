/* Kernel errors: negative errno values, and pointers that carry them. */
#ifndef ERRNO_H
#define ERRNO_H

#include "uapi/errno.h"

#define MAX_ERRNO	4095

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
