/*
 * The syscall instruction's entry (Intel SDM vol. 2B, SYSCALL; AMD APM
 * vol. 2, 6.1.1): the CPU leaves the user rip in rcx and rflags in r11,
 * masks rflags with MSR_FMASK (interrupts off) and jumps here at CPL 0
 * with the user's stack and GS. We swap in the kernel GS, switch to the
 * task's kernel stack (per-CPU kernel_sp), build the same struct
 * trapframe an interrupt would, and call syscall_dispatch(tf).
 *
 * The way back is sysret when the frame still looks like a plain syscall
 * return (rcx == rip, r11 == rflags, user selectors, rip in the lower
 * half, no TF or RF), else the iret path of entry.S: after
 * execve, rt_sigreturn or anything that changed the frame. The canonical
 * check matters: sysret with a non-canonical rcx faults in kernel mode on
 * Intel CPUs with the user's stack already loaded.
 * arch/x86_64/user.c sets the MSRs.
 */
#include <percpu.h>
#include <arch/trapframe.h>

#define KERNEL_CS	0x08
#define USER_DS		(0x18 | 3)
#define USER_CS		(0x20 | 3)
#define RFLAGS_TF	(1 << 8)
#define RFLAGS_RF	(1 << 16)

	.text
	.balign	16
	.globl	syscall_entry
syscall_entry:
	swapgs
	movq	%rsp, %gs:PERCPU_USER_SP
	movq	%gs:PERCPU_KERNEL_SP, %rsp
	pushq	$USER_DS		/* ss */
	pushq	%gs:PERCPU_USER_SP	/* rsp */
	pushq	%r11			/* rflags */
	pushq	$USER_CS		/* cs */
	pushq	%rcx			/* rip */
	pushq	$0			/* error */
	pushq	$VEC_SYSCALL		/* vector */
	push_regs
	movq	%rsp, %rdi
	xorl	%ebp, %ebp		/* backtraces end here */
	call	syscall_dispatch

	/* syscall_dispatch returns with interrupts off. */
	movq	TF_RCX(%rsp), %rcx
	cmpq	%rcx, TF_RIP(%rsp)
	jne	trap_exit
	movq	TF_R11(%rsp), %r11
	cmpq	%r11, TF_RFLAGS(%rsp)
	jne	trap_exit
	cmpq	$USER_CS, TF_CS(%rsp)
	jne	trap_exit
	cmpq	$USER_DS, TF_SS(%rsp)
	jne	trap_exit
	movq	%rcx, %rax
	shrq	$47, %rax		/* rip in the lower half? */
	jnz	trap_exit
	testl	$(RFLAGS_TF | RFLAGS_RF), %r11d
	jnz	trap_exit

	pop_regs
	movq	(TF_RSP - 15 * 8)(%rsp), %rsp
	swapgs
	sysretq
