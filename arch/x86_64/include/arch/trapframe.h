/*
 * The register state saved on the kernel stack by every interrupt and
 * exception entry (entry.S). C handlers receive a pointer to it and may
 * change it (e.g. rip, to resume at an exception-table fixup).
 */
#ifndef ARCH_TRAPFRAME_H
#define ARCH_TRAPFRAME_H

#include <stdint.h>

struct trapframe {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	uint64_t error;		/* CPU error code, or 0 */
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

#define TF_SIZE		(22 * 8)

void trap_dispatch(struct trapframe *tf);

#endif
