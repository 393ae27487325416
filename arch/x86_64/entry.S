/*
 * Interrupt and exception entry: one small stub per IDT vector pushes a
 * zero error code when the CPU did not, and the vector number; the common
 * path saves every general register as a struct trapframe
 * (arch/trapframe.h), calls trap_dispatch(tf) and returns with iretq.
 * idt.c installs the stubs from isr_stub_table. An entry from user mode
 * swaps in the kernel's GS base (include/percpu.h) and the way out swaps
 * it back; trap_exit is also how new and forked user tasks first reach
 * user mode, and syscall_entry.S leaves through it when sysret cannot be used.
 */
#include <arch/trapframe.h>

/* Vectors where the CPU pushes an error code (Intel SDM vol. 3, 6.13). */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
		      (v) == 21 || (v) == 29 || (v) == 30)

	.text
	.balign	16
trap_common:
	testb	$3, 24(%rsp)		/* the CPU's cs: from user mode? */
	jz	1f
	swapgs
1:	push_regs
	cld
	movq	%rsp, %rdi
	/*
	 * Make the interrupted rip/rbp look like a call frame so backtraces
	 * walk through the interrupt: [rbp] = saved rbp, [rbp+8] = rip.
	 */
	pushq	17 * 8(%rsp)		/* tf->rip */
	pushq	8 * 8(%rdi)		/* tf->rbp */
	movq	%rsp, %rbp
	call	trap_dispatch
	addq	$16, %rsp

/* Restore the trapframe at rsp and return to it (kernel or user mode). */
	.globl	trap_exit
trap_exit:
	pop_regs
	addq	$16, %rsp		/* vector and error code */
	testb	$3, 8(%rsp)		/* back to user mode? */
	jz	2f
	swapgs
2:	iretq

/* void arch_return_to_user(struct trapframe *tf): leave through tf. */
	.globl	arch_return_to_user
arch_return_to_user:
	cli
	movq	%rdi, %rsp
	jmp	trap_exit

	.macro	isr_stub v
	.balign	16
isr_stub_\v:
	.if	!HAS_ERROR(\v)
	pushq	$0
	.endif
	pushq	$\v
	jmp	trap_common
	.endm

	.altmacro
	.set	vec, 0
	.rept	256
	isr_stub %vec
	.set	vec, vec + 1
	.endr

	.macro	stub_addr v
	.quad	isr_stub_\v
	.endm

	.section .rodata
	.balign	8
	.globl	isr_stub_table
isr_stub_table:
	.set	vec, 0
	.rept	256
	stub_addr %vec
	.set	vec, vec + 1
	.endr
