/*
 * The interrupt flag, inline: spinlocks save and restore it on every
 * acquisition, so a call for each costs more than the instructions.
 * Declared for everyone in include/arch.h.
 */
#ifndef ARCH_IRQFLAGS_H
#define ARCH_IRQFLAGS_H

#include <stdbool.h>

#define RFLAGS_IF	(1UL << 9)

static inline void arch_irq_enable(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

static inline void arch_irq_disable(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void arch_irq_restore(unsigned long flags)
{
	if (flags & RFLAGS_IF)
		arch_irq_enable();
}

static inline bool arch_irqs_enabled(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(flags));
	return flags & RFLAGS_IF;
}

#endif
