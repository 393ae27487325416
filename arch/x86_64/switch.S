/*
 * Kernel context switch (the scheduler issue builds tasks on it): save the
 * callee-saved registers on the current stack, store its stack pointer,
 * load the next one and pop its registers. Everything else a thread owns
 * is either on its stack already (the caller-saved registers, by the C
 * calling convention) or switched by the scheduler (address space, FPU
 * state of user tasks, TSS.RSP0).
 * Declared in include/arch.h.
 */

/* void arch_context_switch(unsigned long *prev_sp, unsigned long next_sp) */
	.text
	.globl	arch_context_switch
arch_context_switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret

/*
 * Where a new thread's first switch returns to (arch_thread_stack_init
 * puts it there): call fn(arg), kept in r12 and r13, with a clean frame
 * chain; fn must not return to here (the scheduler's thread entry calls
 * the exit path), so a return is trapped.
 */
	.globl	arch_thread_trampoline
arch_thread_trampoline:
	xorl	%ebp, %ebp
	movq	%r13, %rdi
	callq	*%r12
	ud2
