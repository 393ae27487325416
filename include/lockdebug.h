/*
 * What lock debugging (kernel/lockdebug.c, make DEBUG=1) offers besides
 * the spinlock hooks in include/spinlock.h.
 */
#ifndef LOCKDEBUG_H
#define LOCKDEBUG_H

#include <stdbool.h>

/* Report (once per call site) if the caller holds any spinlock: it is
 * about to sleep. No-op unless DEBUG. */
void lockdebug_might_sleep(void);
/* Problems reported so far (0 unless DEBUG). */
unsigned long lockdebug_errors(void);
/* Stop checking: panic releases locks it does not hold. */
void lockdebug_off(void);

#endif
