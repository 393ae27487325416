/*
 * Spinlocks that disable interrupts while held (saving the previous
 * state), so the same lock is safe against interrupt handlers and, later,
 * other CPUs. make DEBUG=1 adds lock debugging (kernel/lockdebug.c).
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

/*
 * Lock debugging (kernel/lockdebug.c), in make DEBUG=1 kernels: the locks
 * each CPU holds are tracked, and recursive locking, unlocking a lock one
 * does not hold, lock-order inversions and sleeping with a spinlock held
 * are reported with a backtrace. lockdebug_acquire() returns false when
 * the lock must not be taken (it is already held: taking it would hang),
 * lockdebug_release() false when it must not be released.
 */
#if defined(DEBUG) && !defined(HOST_UNIT_TEST)
bool lockdebug_acquire(struct spinlock *l);
void lockdebug_acquired(struct spinlock *l);
bool lockdebug_release(struct spinlock *l);
#else
static inline bool lockdebug_acquire(struct spinlock *l __unused)
{
	return true;
}

static inline void lockdebug_acquired(struct spinlock *l __unused)
{
}

static inline bool lockdebug_release(struct spinlock *l __unused)
{
	return true;
}
#endif

static inline void spin_lock(struct spinlock *l)
{
	if (!lockdebug_acquire(l))
		return;
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (READ_ONCE(l->locked))
			arch_cpu_relax();
	lockdebug_acquired(l);
}

static inline bool spin_trylock(struct spinlock *l)
{
	if (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		return false;
	lockdebug_acquired(l);
	return true;
}

static inline void spin_unlock(struct spinlock *l)
{
	if (!lockdebug_release(l))
		return;
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
