/*
 * Sleeping mutexes (kernel/mutex.c): one owner at a time; a task that
 * finds it taken sleeps on the mutex's wait queue instead of spinning.
 * Only a task may lock one (not an interrupt handler), and only the owner
 * may unlock it.
 */
#ifndef MUTEX_H
#define MUTEX_H

#include "wait.h"

struct task;

struct mutex {
	struct task *owner;		/* NULL when free; under wq.lock */
	struct wait_queue wq;
};

#define MUTEX_INIT(m)	{ .owner = NULL, .wq = WAIT_QUEUE_INIT((m).wq) }
#define DEFINE_MUTEX(m)	struct mutex m = MUTEX_INIT(m)

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);

#endif
