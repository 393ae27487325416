/*
 * Futexes: FUTEX_WAIT, FUTEX_WAKE, their _BITSET forms, FUTEX_REQUEUE and
 * FUTEX_CMP_REQUEUE, private or shared. A waiter is keyed by (address
 * space, address) for private futexes and by the physical address of
 * the word for shared ones, so processes sharing a MAP_SHARED page meet
 * on it. Waiters hash into buckets; a bucket's mutex orders the check of
 * the futex word against wake-ups, so no wake-up is lost.
 */
#include <errno.h>
#include <mman.h>
#include <mutex.h>
#include <process.h>
#include <sched.h>
#include <syscall.h>
#include <time.h>
#include <uaccess.h>
#include <vm.h>
#include <wait.h>
#include "process_internal.h"

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_ANY	0xffffffffu
#define NR_BUCKETS		64

struct futex_key {
	const void *space;	/* the mm, or NULL for a shared futex */
	unsigned long addr;	/* user address, or physical address */
};

struct futex_waiter {
	struct list_head node;
	struct futex_key key;
	uint32_t bitset;
	bool woken;
};

struct bucket {
	struct mutex lock;
	struct list_head waiters;
	struct wait_queue wq;
};

static struct bucket buckets[NR_BUCKETS];
static bool buckets_ready;

static struct bucket *bucket_of(const struct futex_key *k)
{
	unsigned long h = (unsigned long)k->space ^ k->addr;

	if (!buckets_ready) {
		for (int i = 0; i < NR_BUCKETS; i++) {
			mutex_init(&buckets[i].lock);
			INIT_LIST_HEAD(&buckets[i].waiters);
			wait_queue_init(&buckets[i].wq);
		}
		buckets_ready = true;
	}
	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15UL;
	return &buckets[(h >> 32) % NR_BUCKETS];
}

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->space == b->space && a->addr == b->addr;
}

static long get_key(struct mm *mm, unsigned long uaddr, bool private,
		    struct futex_key *k)
{
	unsigned int prot;
	paddr_t pa;

	if (uaddr & 3)
		return -EINVAL;
	if (!user_range_ok(uaddr, 4))
		return -EFAULT;
	if (private) {
		*k = (struct futex_key){ mm, uaddr };
		return 0;
	}
	mutex_lock(&mm->lock);
	int err = uvm_lookup(&mm->as, uaddr & ~(PAGE_SIZE - 1), &pa, &prot);

	mutex_unlock(&mm->lock);
	if (err) {
		if (mm_fault(mm, uaddr, 0) != FAULT_OK)
			return -EFAULT;
		mutex_lock(&mm->lock);
		err = uvm_lookup(&mm->as, uaddr & ~(PAGE_SIZE - 1), &pa,
				 &prot);
		mutex_unlock(&mm->lock);
		if (err)
			return -EFAULT;
	}
	*k = (struct futex_key){ NULL, pa + (uaddr & (PAGE_SIZE - 1)) };
	return 0;
}

static long futex_wait(struct futex_key *k, uint32_t *uaddr, uint32_t val,
		       uint64_t deadline, uint32_t bitset)
{
	struct bucket *b = bucket_of(k);
	struct futex_waiter w = { .key = *k, .bitset = bitset };
	uint32_t cur;
	long err;

	mutex_lock(&b->lock);
	if (get_user(cur, uaddr)) {
		mutex_unlock(&b->lock);
		return -EFAULT;
	}
	if (cur != val) {
		mutex_unlock(&b->lock);
		return -EAGAIN;
	}
	list_add_tail(&w.node, &b->waiters);
	mutex_unlock(&b->lock);

	err = wait_event_interruptible_deadline(&b->wq, READ_ONCE(w.woken),
						deadline);
	mutex_lock(&b->lock);
	if (!w.woken)
		list_del(&w.node);
	else
		err = 0;
	mutex_unlock(&b->lock);
	return err == -EINTR ? -ERESTARTSYS : err;
}

static int futex_wake_key(struct futex_key *k, int n, uint32_t bitset)
{
	struct bucket *b = bucket_of(k);
	struct futex_waiter *w, *tmp;
	int woken = 0;

	mutex_lock(&b->lock);
	list_for_each_entry_safe(w, tmp, &b->waiters, node) {
		if (woken >= n)
			break;
		if (!key_eq(&w->key, k) || !(w->bitset & bitset))
			continue;
		list_del(&w->node);
		WRITE_ONCE(w->woken, true);
		woken++;
	}
	mutex_unlock(&b->lock);
	if (woken)
		wake_up_all(&b->wq);
	return woken;
}

int futex_wake_addr(struct mm *mm, unsigned long uaddr, int n)
{
	struct futex_key k;
	int woken = 0;

	/* Both kinds: a thread library may wait either way on this word. */
	if (!get_key(mm, uaddr, true, &k))
		woken += futex_wake_key(&k, n, FUTEX_BITSET_ANY);
	if (!get_key(mm, uaddr, false, &k))
		woken += futex_wake_key(&k, n, FUTEX_BITSET_ANY);
	return woken;
}

/* Wake @n of @from's waiters and move up to @n2 of the rest to @to. */
static long futex_requeue(struct futex_key *from, struct futex_key *to,
			  int n, int n2, uint32_t *uaddr, bool cmp,
			  uint32_t val)
{
	struct bucket *b = bucket_of(from), *b2 = bucket_of(to);
	struct futex_waiter *w, *tmp;
	LIST_HEAD(moved);
	int woken = 0, requeued = 0;
	uint32_t cur;

	mutex_lock(&b->lock);
	if (cmp && (get_user(cur, uaddr) || cur != val)) {
		mutex_unlock(&b->lock);
		return cmp && get_user(cur, uaddr) ? -EFAULT : -EAGAIN;
	}
	list_for_each_entry_safe(w, tmp, &b->waiters, node) {
		if (!key_eq(&w->key, from))
			continue;
		list_del(&w->node);
		if (woken < n) {
			WRITE_ONCE(w->woken, true);
			woken++;
		} else if (requeued < n2) {
			w->key = *to;
			list_add_tail(&w->node, &moved);
			requeued++;
		} else {
			list_add_tail(&w->node, &moved);
			break;
		}
	}
	mutex_unlock(&b->lock);
	wake_up_all(&b->wq);
	if (!list_empty(&moved)) {
		mutex_lock(&b2->lock);
		list_for_each_entry_safe(w, tmp, &moved, node) {
			list_del(&w->node);
			list_add_tail(&w->node, key_eq(&w->key, to) ?
				      &b2->waiters : &b->waiters);
		}
		mutex_unlock(&b2->lock);
		/* A moved waiter sleeps on the old queue: wake it to
		 * re-sleep on the new one (it re-checks woken). */
		wake_up_all(&b->wq);
	}
	return woken + requeued;
}


static long timeout_deadline(const struct timespec_k *uts, bool absolute,
			     bool realtime, uint64_t *deadline)
{
	struct timespec_k ts;
	uint64_t ns;

	*deadline = 0;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	ns = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	if (!absolute) {
		*deadline = ktime_get_ns() + ns;
	} else if (realtime) {
		uint64_t now = ktime_get_real_ns();

		*deadline = ktime_get_ns() + (ns > now ? ns - now : 0);
	} else {
		*deadline = ns;
	}
	if (!*deadline)
		*deadline = 1;
	return 0;
}

SYSCALL_DEFINE6(futex, uint32_t *, uaddr, int, op, uint32_t, val,
		const struct timespec_k *, uts, uint32_t *, uaddr2,
		uint32_t, val3)
{
	bool private = op & FUTEX_PRIVATE_FLAG;
	int cmd = op & FUTEX_CMD_MASK;
	struct futex_key k, k2;
	uint64_t deadline;
	long err;

	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET &&
	    cmd != FUTEX_WAIT)
		return -ENOSYS;
	err = get_key(current->mm, (unsigned long)uaddr, private, &k);
	if (err)
		return err;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if (cmd == FUTEX_WAIT_BITSET && !val3)
			return -EINVAL;
		err = timeout_deadline(uts, cmd == FUTEX_WAIT_BITSET,
				       op & FUTEX_CLOCK_REALTIME, &deadline);
		if (err)
			return err;
		return futex_wait(&k, uaddr, val, deadline,
				  cmd == FUTEX_WAIT ? FUTEX_BITSET_ANY : val3);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		if (cmd == FUTEX_WAKE_BITSET && !val3)
			return -EINVAL;
		return futex_wake_key(&k, (int)val < 0 ? 0x7fffffff : val,
				      cmd == FUTEX_WAKE ? FUTEX_BITSET_ANY :
				      val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		if ((int)val < 0 || (long)uts < 0)
			return -EINVAL;
		err = get_key(current->mm, (unsigned long)uaddr2, private,
			      &k2);
		if (err)
			return err;
		return futex_requeue(&k, &k2, val, (int)(long)uts, uaddr,
				     cmd == FUTEX_CMP_REQUEUE, val3);
	default:
		return -ENOSYS;
	}
}
