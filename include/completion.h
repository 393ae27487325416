/*
 * Completions and semaphores (kernel/completion.c), on wait queues.
 * A completion says "this has happened": waiters sleep until complete()
 * (one waiter) or complete_all() (every waiter, now and later). A
 * semaphore counts: down() sleeps while the count is 0, up() adds one.
 */
#ifndef COMPLETION_H
#define COMPLETION_H

#include "wait.h"

struct completion {
	unsigned int done;	/* under wq.lock; UINT_MAX after complete_all */
	struct wait_queue wq;
};

struct semaphore {
	unsigned int count;	/* under wq.lock */
	struct wait_queue wq;
};

#define COMPLETION_INIT(c)	{ .done = 0, .wq = WAIT_QUEUE_INIT((c).wq) }
#define SEMAPHORE_INIT(s, n)	{ .count = (n), .wq = WAIT_QUEUE_INIT((s).wq) }

void completion_init(struct completion *c);
void complete(struct completion *c);
void complete_all(struct completion *c);
void wait_for_completion(struct completion *c);
/* Returns true if completed, false if @ns passed first. */
bool wait_for_completion_timeout(struct completion *c, uint64_t ns);

void sema_init(struct semaphore *s, unsigned int count);
void down(struct semaphore *s);
bool down_trylock(struct semaphore *s);	/* true: got it */
void up(struct semaphore *s);

#endif
