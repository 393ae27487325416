/*
 * The register state saved on the kernel stack by every interrupt and
 * exception entry (entry.S). C handlers receive a pointer to it and may
 * change it (e.g. rip, to resume at an exception-table fixup).
 */
#ifndef ARCH_TRAPFRAME_H
#define ARCH_TRAPFRAME_H

#define TF_RCX		(12 * 8)
#define TF_R11		(4 * 8)
#define TF_RIP		(17 * 8)
#define TF_CS		(18 * 8)
#define TF_RFLAGS	(19 * 8)
#define TF_RSP		(20 * 8)
#define TF_SS		(21 * 8)
#define TF_SIZE		(22 * 8)

/* The vector field of a trapframe built by the syscall entry. */
#define VEC_SYSCALL	0x100

#ifdef __ASSEMBLY__
/* Save and restore the general registers in struct trapframe's order. */
	.macro	push_regs
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	.endm

	.macro	pop_regs
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	.endm
#else
#include <stdint.h>

struct trapframe {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	uint64_t error;		/* CPU error code, or 0 */
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct trapframe) == TF_SIZE, "trapframe layout");
_Static_assert(__builtin_offsetof(struct trapframe, rip) == TF_RIP,
	       "trapframe layout");
_Static_assert(__builtin_offsetof(struct trapframe, rcx) == TF_RCX,
	       "trapframe layout");
_Static_assert(__builtin_offsetof(struct trapframe, r11) == TF_R11,
	       "trapframe layout");

void trap_dispatch(struct trapframe *tf);
#endif

#endif
