/* panic(), oops-style assertions and the panic= policy (kernel/panic.c). */
#ifndef PANIC_H
#define PANIC_H

#include "compiler.h"

__noreturn void panic(const char *fmt, ...) __printf(1, 2);

#define KASSERT(cond)							\
	do {								\
		if (unlikely(!(cond)))					\
			panic("assertion failed: %s at %s:%d", #cond,	\
			      __FILE__, __LINE__);			\
	} while (0)

/* Power off or reset the machine: ACPI first, then the fallbacks. */
__noreturn void machine_power_off(void);
__noreturn void machine_restart(void);

/* Print "Call Trace:" and symbolized return addresses. */
void dump_backtrace(const unsigned long *pcs, size_t n);

#endif
