/*
 * The C side of the syscall entry (syscall_entry.S): the Linux x86_64 calling
 * convention (number in rax, arguments in rdi, rsi, rdx, r10, r8, r9,
 * result in rax), and the restart bookkeeping of interrupted calls: the
 * entry keeps the original number in the frame's error slot so that a
 * restart can put it back and step rip back over the 2-byte syscall.
 */
#include <arch.h>
#include <errno.h>
#include <process.h>
#include <mm.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <arch/trapframe.h>

#define SYSCALL_INSN_LEN	2
#define NR_restart_syscall	219

void syscall_dispatch(struct trapframe *tf)
{
	struct syscall_args args = { {
		tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9,
	} };

	tf->error = tf->rax;		/* the number, for restarts */
	arch_irq_enable();
	tf->rax = syscall_invoke(tf->error, &args);
	user_return_work(tf);
}

long arch_syscall_ret(const struct trapframe *tf)
{
	return tf->vector == VEC_SYSCALL ? (long)tf->rax : 0;
}

void arch_syscall_restart(struct trapframe *tf, bool use_restart_syscall)
{
	tf->rax = use_restart_syscall ? NR_restart_syscall : tf->error;
	tf->rip -= SYSCALL_INSN_LEN;
	tf->rcx = tf->rip;	/* keeps the sysret path usable */
}

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

SYSCALL_DEFINE2(arch_prctl, int, code, unsigned long, addr)
{
	switch (code) {
	case ARCH_SET_FS:
		if (addr >= USER_END)
			return -EPERM;
		current->user->fs_base = addr;
		arch_set_fs_base(addr);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->user->fs_base, (unsigned long *)addr);
	case ARCH_SET_GS:
		if (addr >= USER_END)
			return -EPERM;
		current->user->gs_base = addr;
		arch_set_user_gs_base(addr);
		return 0;
	case ARCH_GET_GS:
		return put_user(current->user->gs_base, (unsigned long *)addr);
	default:
		return -EINVAL;
	}
}
