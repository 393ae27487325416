/*
 * Per-CPU data: one struct percpu for each CPU, reached through the GS
 * segment base in the kernel (arch/x86_64/percpu.c). Entry from user mode
 * swaps GS (swapgs) so that the kernel's base is in place, and the
 * syscall entry finds the kernel stack here before it has any register
 * to spare. The offsets are fixed for the assembly that uses them.
 */
#ifndef PERCPU_H
#define PERCPU_H

#define PERCPU_SELF		0
#define PERCPU_KERNEL_SP	8
#define PERCPU_USER_SP		16
#define PERCPU_CURRENT		24

#ifndef __ASSEMBLY__
#include "compiler.h"
#include "types.h"

struct task;

/* Lock legend: only the owning CPU touches its struct, interrupts off. */
struct percpu {
	struct percpu *self;		/* for this_cpu() */
	unsigned long kernel_sp;	/* top of current's kernel stack */
	unsigned long user_sp;		/* syscall entry parks user rsp */
	struct task *curr;		/* the running task (current) */
	unsigned int cpu;		/* 0 for the boot CPU */
};

STATIC_ASSERT(__builtin_offsetof(struct percpu, self) == PERCPU_SELF);
STATIC_ASSERT(__builtin_offsetof(struct percpu, kernel_sp) == PERCPU_KERNEL_SP);
STATIC_ASSERT(__builtin_offsetof(struct percpu, user_sp) == PERCPU_USER_SP);
STATIC_ASSERT(__builtin_offsetof(struct percpu, curr) == PERCPU_CURRENT);

/* Install the boot CPU's struct (before the first interrupt). */
void percpu_init_boot(void);

#ifndef HOST_UNIT_TEST
#include <arch/percpu.h>	/* this_cpu(), this_cpu_current() */
#endif
#endif

#endif
