/*
 * Lock debugging suite (make DEBUG=1 kernels; skipped otherwise): each
 * misuse is reported once, counted, and does not hang or corrupt the
 * lock: recursive locking, unlocking a lock not held, a lock-order
 * inversion between two locks, and sleeping with a spinlock held.
 */
#include <ktest.h>
#include <lockdebug.h>
#include <sched.h>
#include <spinlock.h>
#include <time.h>

static DEFINE_SPINLOCK(lock_a);
static DEFINE_SPINLOCK(lock_b);

static bool debug_build(void)
{
#ifdef DEBUG
	return true;
#else
	ktest_skip("lock debugging is in make DEBUG=1 kernels");
	return false;
#endif
}

static void recursive_locking(void)
{
	unsigned long n = lockdebug_errors();

	if (!debug_build())
		return;
	unsigned long flags = spin_lock_irqsave(&lock_a);

	spin_lock(&lock_a);		/* would hang: reported, not taken */
	KEXPECT_EQ(lockdebug_errors(), n + 1);
	spin_unlock_irqrestore(&lock_a, flags);
	KEXPECT(!spin_is_locked(&lock_a));
}

static void unlock_not_held(void)
{
	unsigned long n = lockdebug_errors();

	if (!debug_build())
		return;
	spin_unlock(&lock_b);		/* never locked: reported, ignored */
	KEXPECT_EQ(lockdebug_errors(), n + 1);
	KEXPECT(!spin_is_locked(&lock_b));
}

static void order_inversion(void)
{
	unsigned long n = lockdebug_errors(), flags;

	if (!debug_build())
		return;
	flags = spin_lock_irqsave(&lock_a);
	spin_lock(&lock_b);		/* a, then b: recorded */
	spin_unlock(&lock_b);
	spin_unlock_irqrestore(&lock_a, flags);
	KEXPECT_EQ(lockdebug_errors(), n);
	flags = spin_lock_irqsave(&lock_b);
	spin_lock(&lock_a);		/* b, then a: inversion */
	spin_unlock(&lock_a);
	spin_unlock_irqrestore(&lock_b, flags);
	KEXPECT_EQ(lockdebug_errors(), n + 1);
}

static void sleep_while_holding(void)
{
	unsigned long n = lockdebug_errors();

	if (!debug_build())
		return;
	spin_lock(&lock_a);		/* interrupts stay on */
	sleep_ns(NSEC_PER_MSEC);
	spin_unlock(&lock_a);
	KEXPECT_EQ(lockdebug_errors(), n + 1);
}

static const struct ktest_case lockdebug_cases[] = {
	KTEST_CASE(recursive_locking),
	KTEST_CASE(unlock_not_held),
	KTEST_CASE(order_inversion),
	KTEST_CASE(sleep_while_holding),
};

const struct ktest_suite ktest_lockdebug =
	KTEST_SUITE("lockdebug", lockdebug_cases);
