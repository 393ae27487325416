/*
 * Wait queues (kernel/wait.c): a task that must wait for something puts
 * itself on a queue and sleeps; whoever makes the thing happen wakes one
 * or all of the queue. wait_event() is the safe way to wait for a
 * condition: the task is marked sleeping before the condition is checked,
 * so a wake-up between the check and the sleep is not lost. (Its users
 * include sched.h, for current and schedule().)
 */
#ifndef WAIT_H
#define WAIT_H

#include "spinlock.h"
#include "errno.h"
#include "time.h"
#include "lib/list.h"

struct task;

struct wait_queue {
	struct spinlock lock;		/* protects waiters */
	struct list_head waiters;	/* struct waiter, in arrival order */
};

struct waiter {
	struct list_head node;		/* in wq->waiters while queued */
	struct task *task;
};

#define WAIT_QUEUE_INIT(wq) \
	{ .lock = SPINLOCK_INIT(#wq), .waiters = LIST_HEAD_INIT((wq).waiters) }
#define DEFINE_WAIT_QUEUE(wq) struct wait_queue wq = WAIT_QUEUE_INIT(wq)

void wait_queue_init(struct wait_queue *wq);
/* Queue the caller (once) and mark it sleeping; then check, then sleep. */
void prepare_to_wait(struct wait_queue *wq, struct waiter *w);
/* The same, interruptible: task_interrupt() also wakes it. */
void prepare_to_wait_interruptible(struct wait_queue *wq, struct waiter *w);
/* Leave the queue and be running again. */
void finish_wait(struct wait_queue *wq, struct waiter *w);
/* Wake the first waiter / every waiter. Returns how many were woken. */
int wake_up_one(struct wait_queue *wq);
int wake_up_all(struct wait_queue *wq);

#define wait_event(wq, cond)						\
	do {								\
		struct waiter __w = { .task = current };		\
		INIT_LIST_HEAD(&__w.node);				\
		for (;;) {						\
			prepare_to_wait(wq, &__w);			\
			if (cond)					\
				break;					\
			schedule();					\
		}							\
		finish_wait(wq, &__w);					\
	} while (0)

/*
 * wait_event() that a pending signal also ends (task_interrupt): 0 when
 * @cond became true, -EINTR when interrupted first.
 */
#define wait_event_interruptible(wq, cond)				\
	wait_event_interruptible_deadline(wq, cond, 0)

/*
 * wait_event() that gives up after @ns nanoseconds; true if @cond became
 * true, false on timeout.
 */
#define wait_event_timeout(wq, cond, ns)				\
	({								\
		struct waiter __w = { .task = current };		\
		uint64_t __deadline = ktime_get_ns() + (ns);		\
		bool __ok;						\
		INIT_LIST_HEAD(&__w.node);				\
		for (;;) {						\
			prepare_to_wait(wq, &__w);			\
			__ok = (cond);					\
			if (__ok || ktime_get_ns() >= __deadline)	\
				break;					\
			schedule_until(__deadline);			\
		}							\
		finish_wait(wq, &__w);					\
		__ok;							\
	})

/*
 * Both: ends when @cond is true (0), a signal is pending (-EINTR), or the
 * TSC clock passes @deadline in ns (-ETIMEDOUT; 0 means no deadline).
 */
#define wait_event_interruptible_deadline(wq, cond, deadline)		\
	({								\
		struct waiter __w = { .task = current };		\
		uint64_t __dl = (deadline);				\
		int __ret = 0;						\
		INIT_LIST_HEAD(&__w.node);				\
		for (;;) {						\
			prepare_to_wait_interruptible(wq, &__w);	\
			if (cond)					\
				break;					\
			if (READ_ONCE(current->sigpending)) {		\
				__ret = -EINTR;				\
				break;					\
			}						\
			if (__dl && ktime_get_ns() >= __dl) {		\
				__ret = -ETIMEDOUT;			\
				break;					\
			}						\
			if (__dl)					\
				schedule_until(__dl);			\
			else						\
				schedule();				\
		}							\
		finish_wait(wq, &__w);					\
		__ret;							\
	})

#endif
