/*
 * Lock debugging for make DEBUG=1 kernels: each CPU's stack of held
 * spinlocks (locks are held with interrupts off, so the stack is exact),
 * and a table of the order in which pairs of locks were ever taken. It
 * reports, with a backtrace, and never corrupts anything further:
 *   - recursive locking (the lock is not taken again, which would hang);
 *   - unlocking a lock this CPU does not hold (the unlock is ignored);
 *   - lock-order inversion: B taken while holding A after A was taken
 *     while holding B (a deadlock waiting for two CPUs or an interrupt);
 *   - sleeping (scheduling) with a spinlock held.
 * In other builds only the counters exist and report nothing.
 */
#include <arch.h>
#include <lockdebug.h>
#include <panic.h>
#include <printk.h>
#include <spinlock.h>

static unsigned long errors;
static bool disabled;

unsigned long lockdebug_errors(void)
{
	return READ_ONCE(errors);
}

void lockdebug_off(void)
{
	disabled = true;
}

#ifndef DEBUG
void lockdebug_might_sleep(void)
{
}
#else

#define MAX_HELD	16
#define MAX_ORDER_PAIRS	512

static struct spinlock *held[MAX_HELD];	/* this CPU's, innermost last */
static int depth;
static int untracked;		/* held beyond MAX_HELD: not checked */
static bool reporting;		/* printk takes a lock: don't recurse */
/* Reported as slept on: not again (other tasks switch while it is held). */
static const struct spinlock *slept_holding;

static struct {
	const struct spinlock *first, *then;
} order[MAX_ORDER_PAIRS];
static int norder;

static void report(const char *what, const struct spinlock *l,
		   const struct spinlock *other)
{
	unsigned long pcs[16];
	size_t n;

	errors++;
	reporting = true;
	if (other)
		printk(KERN_ERR "lockdebug: %s: %s (%p) and %s (%p)\n", what,
		       l->name ? l->name : "?", l, other->name ?
		       other->name : "?", other);
	else
		printk(KERN_ERR "lockdebug: %s: %s (%p)\n", what,
		       l->name ? l->name : "?", l);
	n = arch_backtrace(pcs, ARRAY_SIZE(pcs));
	dump_backtrace(pcs, n);
	reporting = false;
}

static bool is_held(const struct spinlock *l)
{
	for (int i = 0; i < depth; i++)
		if (held[i] == l)
			return true;
	return false;
}

static bool order_seen(const struct spinlock *a, const struct spinlock *b)
{
	for (int i = 0; i < norder; i++)
		if (order[i].first == a && order[i].then == b)
			return true;
	return false;
}

/* Taking @l while holding held[]: check and remember the order. */
static void check_order(struct spinlock *l)
{
	for (int i = 0; i < depth; i++) {
		struct spinlock *h = held[i];

		if (order_seen(l, h)) {
			report("lock order inversion", l, h);
			continue;
		}
		if (!order_seen(h, l) && norder < MAX_ORDER_PAIRS) {
			order[norder].first = h;
			order[norder].then = l;
			norder++;
		}
	}
}

bool lockdebug_acquire(struct spinlock *l)
{
	unsigned long flags;
	bool ok = true;

	if (disabled || reporting)
		return true;
	flags = arch_irq_save();
	if (is_held(l)) {
		report("recursive locking", l, NULL);
		ok = false;
	} else {
		check_order(l);
	}
	arch_irq_restore(flags);
	return ok;
}

void lockdebug_acquired(struct spinlock *l)
{
	unsigned long flags;

	if (disabled || reporting)
		return;
	flags = arch_irq_save();
	if (depth < MAX_HELD)
		held[depth++] = l;
	else
		untracked++;
	arch_irq_restore(flags);
}

bool lockdebug_release(struct spinlock *l)
{
	unsigned long flags;
	bool ok = false;

	if (disabled || reporting)
		return true;
	flags = arch_irq_save();
	for (int i = depth - 1; i >= 0; i--) {
		if (held[i] != l)
			continue;
		for (int j = i; j + 1 < depth; j++)
			held[j] = held[j + 1];
		depth--;
		if (slept_holding == l)
			slept_holding = NULL;
		ok = true;
		break;
	}
	if (!ok && untracked) {
		untracked--;
		ok = true;
	}
	if (!ok)
		report("unlocking a lock not held", l, NULL);
	arch_irq_restore(flags);
	return ok;
}

void lockdebug_might_sleep(void)
{
	if (disabled || reporting || !depth ||
	    held[depth - 1] == slept_holding)
		return;
	slept_holding = held[depth - 1];
	report("sleeping with a spinlock held", held[depth - 1], NULL);
}
#endif
