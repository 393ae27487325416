/*
 * Sleeping mutexes (include/mutex.h) on top of wait queues. Ownership is
 * handed over only by the owner's unlock; a woken waiter takes the mutex
 * if it is still free, else sleeps again (no promise of FIFO order).
 */
#include <mutex.h>
#include <panic.h>
#include <sched.h>
#include <wait.h>

void mutex_init(struct mutex *m)
{
	m->owner = NULL;
	wait_queue_init(&m->wq);
}

bool mutex_trylock(struct mutex *m)
{
	unsigned long flags = spin_lock_irqsave(&m->wq.lock);
	bool got = !m->owner;

	if (got)
		m->owner = current;
	spin_unlock_irqrestore(&m->wq.lock, flags);
	return got;
}

void mutex_lock(struct mutex *m)
{
	KASSERT(m->owner != current);	/* recursive locking is a bug */
	wait_event(&m->wq, mutex_trylock(m));
}

void mutex_unlock(struct mutex *m)
{
	unsigned long flags = spin_lock_irqsave(&m->wq.lock);

	KASSERT(m->owner == current);
	m->owner = NULL;
	spin_unlock_irqrestore(&m->wq.lock, flags);
	wake_up_one(&m->wq);
}
