/* Reading the per-CPU struct through GS (include/percpu.h). */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;

	__asm__("movq %%gs:%c1, %0" : "=r"(p) : "i"(PERCPU_SELF));
	return p;
}

/*
 * Not volatile: the running task never changes under the code that asks
 * (a task that sleeps and wakes is still itself), so the compiler may
 * reuse the value.
 */
static inline struct task *this_cpu_current(void)
{
	struct task *t;

	__asm__("movq %%gs:%c1, %0" : "=r"(t) : "i"(PERCPU_CURRENT));
	return t;
}

#endif
