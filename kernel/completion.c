/*
 * Completions and semaphores (include/completion.h): a counter guarded
 * by the wait queue's own lock, and waiters that take one unit of it in
 * their wait_event() condition.
 */
#include <completion.h>
#include <sched.h>
#include <wait.h>

#define COMPLETE_ALL	(~0u)

void completion_init(struct completion *c)
{
	c->done = 0;
	wait_queue_init(&c->wq);
}

/* Take one unit of @counter if there is one (COMPLETE_ALL never runs out). */
static bool take_one(struct wait_queue *wq, unsigned int *counter)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);
	bool got = *counter != 0;

	if (got && *counter != COMPLETE_ALL)
		(*counter)--;
	spin_unlock_irqrestore(&wq->lock, flags);
	return got;
}

static void give(struct wait_queue *wq, unsigned int *counter, bool all)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	if (all)
		*counter = COMPLETE_ALL;
	else if (*counter != COMPLETE_ALL)
		(*counter)++;
	spin_unlock_irqrestore(&wq->lock, flags);
	if (all)
		wake_up_all(wq);
	else
		wake_up_one(wq);
}

void complete(struct completion *c)
{
	give(&c->wq, &c->done, false);
}

void complete_all(struct completion *c)
{
	give(&c->wq, &c->done, true);
}

void wait_for_completion(struct completion *c)
{
	wait_event(&c->wq, take_one(&c->wq, &c->done));
}

bool wait_for_completion_timeout(struct completion *c, uint64_t ns)
{
	return wait_event_timeout(&c->wq, take_one(&c->wq, &c->done), ns);
}

void sema_init(struct semaphore *s, unsigned int count)
{
	s->count = count;
	wait_queue_init(&s->wq);
}

void down(struct semaphore *s)
{
	wait_event(&s->wq, take_one(&s->wq, &s->count));
}

bool down_trylock(struct semaphore *s)
{
	return take_one(&s->wq, &s->count);
}

void up(struct semaphore *s)
{
	give(&s->wq, &s->count, false);
}
