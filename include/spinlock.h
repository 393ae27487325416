/*
 * Spinlocks that disable interrupts while held (saving the previous
 * state), so the same lock is safe against interrupt handlers and, later,
 * other CPUs. The scheduler issue adds lock debugging on top.
 */
#ifndef SPINLOCK_H
#define SPINLOCK_H

#include "arch.h"

struct spinlock {
	volatile int locked;
	const char *name;
};

#define SPINLOCK_INIT(n)	{ .locked = 0, .name = (n) }
#define DEFINE_SPINLOCK(x)	struct spinlock x = SPINLOCK_INIT(#x)

static inline void spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (READ_ONCE(l->locked))
			arch_cpu_relax();
}

static inline bool spin_trylock(struct spinlock *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline unsigned long spin_lock_irqsave(struct spinlock *l)
{
	unsigned long flags = arch_irq_save();

	spin_lock(l);
	return flags;
}

static inline void spin_unlock_irqrestore(struct spinlock *l,
					  unsigned long flags)
{
	spin_unlock(l);
	arch_irq_restore(flags);
}

static inline bool spin_is_locked(const struct spinlock *l)
{
	return READ_ONCE(l->locked) != 0;
}

#endif
