/*
 * Wait queues (include/wait.h): the building block of every sleep that
 * waits for an event (child exit, mutex release, I/O later).
 */
#include <sched.h>
#include <wait.h>

void wait_queue_init(struct wait_queue *wq)
{
	wq->lock = (struct spinlock)SPINLOCK_INIT("wait_queue");
	INIT_LIST_HEAD(&wq->waiters);
}

static void queue_waiter(struct wait_queue *wq, struct waiter *w,
			 enum task_state state)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	if (list_empty(&w->node))
		list_add_tail(&w->node, &wq->waiters);
	current->state = state;
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait(struct wait_queue *wq, struct waiter *w)
{
	queue_waiter(wq, w, TASK_SLEEPING);
}

void prepare_to_wait_interruptible(struct wait_queue *wq, struct waiter *w)
{
	queue_waiter(wq, w, TASK_INTERRUPTIBLE);
}

void finish_wait(struct wait_queue *wq, struct waiter *w)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	current->state = TASK_RUNNING;
	if (!list_empty(&w->node))
		list_del(&w->node);
	spin_unlock_irqrestore(&wq->lock, flags);
}

static int wake_up(struct wait_queue *wq, bool all)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);
	struct waiter *w, *tmp;
	int n = 0;

	list_for_each_entry_safe(w, tmp, &wq->waiters, node) {
		/* Off the queue: the waiter re-queues if it must sleep on. */
		list_del(&w->node);
		wake_up_task(w->task);
		n++;
		if (!all)
			break;
	}
	spin_unlock_irqrestore(&wq->lock, flags);
	return n;
}

int wake_up_one(struct wait_queue *wq)
{
	return wake_up(wq, false);
}

int wake_up_all(struct wait_queue *wq)
{
	return wake_up(wq, true);
}
