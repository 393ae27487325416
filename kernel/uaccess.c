/*
 * The checked user-memory accessors of include/uaccess.h: the range check
 * here, the copying (with its fault recovery) in arch/x86_64/usercopy.S.
 */
#include <errno.h>
#include <uaccess.h>

int copy_from_user(void *dst, const void *usrc, size_t len)
{
	if (!user_range_ok((unsigned long)usrc, len))
		return -EFAULT;
	return arch_copy_user(dst, usrc, len) ? -EFAULT : 0;
}

int copy_to_user(void *udst, const void *src, size_t len)
{
	if (!user_range_ok((unsigned long)udst, len))
		return -EFAULT;
	return arch_copy_user(udst, src, len) ? -EFAULT : 0;
}

int clear_user(void *udst, size_t len)
{
	if (!user_range_ok((unsigned long)udst, len))
		return -EFAULT;
	return arch_clear_user(udst, len) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, const char *usrc, size_t max)
{
	unsigned long a = (unsigned long)usrc;
	long n;

	if (!max)
		return -ENAMETOOLONG;
	if (a >= USER_END)
		return -EFAULT;
	/* Never read past the end of user space. */
	if (max > USER_END - a)
		max = USER_END - a;
	n = arch_strncpy_user(dst, usrc, max);
	if (n < 0)
		return -EFAULT;
	if (dst[n - 1] != '\0')
		return -ENAMETOOLONG;
	return n - 1;
}
