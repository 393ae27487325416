/* Internal to arch/x86_64: the user-mode pieces of user.c. */
#ifndef ARCH_USER_H
#define ARCH_USER_H

unsigned long arch_sanitize_user_rflags(unsigned long user,
					unsigned long old);
void arch_syscall_init(void);

#endif
