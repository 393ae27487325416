/*
 * Reaching user memory from the kernel (arch/x86_64/usercopy.S): every
 * access to a user pointer goes through these. A range that is not wholly
 * in user space, or a page that cannot be faulted in, gives -EFAULT and
 * never a kernel fault; SMAP is opened only inside them.
 */
#ifndef UACCESS_H
#define UACCESS_H

#include "compiler.h"
#include "mm.h"
#include "types.h"

static inline bool user_range_ok(unsigned long addr, size_t len)
{
	return addr <= USER_END && len <= USER_END - addr;
}

/* 0 or -EFAULT. */
int copy_from_user(void *dst, const void *usrc, size_t len);
int copy_to_user(void *udst, const void *src, size_t len);
/* Zero @len bytes of user memory. 0 or -EFAULT. */
int clear_user(void *udst, size_t len);
/*
 * Copy a NUL-terminated string of at most @max bytes with its NUL:
 * returns its length, -ENAMETOOLONG when no NUL came within @max bytes
 * (@dst then holds @max bytes, unterminated), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char *usrc, size_t max);

/* The arch routines: bytes NOT copied (0 on success). */
size_t arch_copy_user(void *dst, const void *src, size_t len);
size_t arch_clear_user(void *dst, size_t len);
/* Bytes copied including the NUL, or -1 on a fault, max if no NUL. */
long arch_strncpy_user(char *dst, const char *src, size_t max);

#define get_user(dst, uptr) copy_from_user(&(dst), (uptr), sizeof(dst))
#define put_user(val, uptr)						\
	({ __typeof__(*(uptr)) __pu_v = (val);				\
	   copy_to_user((uptr), &__pu_v, sizeof(__pu_v)); })

#endif
