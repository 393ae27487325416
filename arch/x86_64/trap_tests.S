/*
 * Deliberate exceptions for the trap tests. Each faulting instruction has
 * an exception-table entry of type EX_TYPE_VECTOR, so the trap handler
 * resumes at the fixup with rax = the vector it caught (arch/traps.h).
 */
#include <arch/extable.h>

	.text
	.globl	arch_trigger_divide_error
arch_trigger_divide_error:
	movq	$-1, %rax
	xorl	%ecx, %ecx
	xorl	%edx, %edx
1:	divl	%ecx
2:	ret
	EXTABLE(1b, 2b, EX_TYPE_VECTOR)

	.globl	arch_trigger_invalid_opcode
arch_trigger_invalid_opcode:
	movq	$-1, %rax
1:	ud2
2:	ret
	EXTABLE(1b, 2b, EX_TYPE_VECTOR)

	/* int3 is a trap: the saved rip is the next instruction. */
	.globl	arch_trigger_breakpoint
arch_trigger_breakpoint:
	movq	$-1, %rax
	int3
1:	ret
	EXTABLE(1b, 1b, EX_TYPE_VECTOR)

	.globl	arch_trigger_page_fault
arch_trigger_page_fault:
	movq	$-1, %rax
1:	movq	(%rdi), %rdx
2:	ret
	EXTABLE(1b, 2b, EX_TYPE_VECTOR)

	.globl	arch_trigger_write
arch_trigger_write:
	movq	$-1, %rax
1:	movb	$0, (%rdi)
2:	ret
	EXTABLE(1b, 2b, EX_TYPE_VECTOR)
