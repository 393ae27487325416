/*
 * The architecture interface: everything outside arch/x86_64 reaches the
 * CPU through these functions (arch/x86_64/cpu.c and friends).
 */
#ifndef ARCH_H
#define ARCH_H

#include "compiler.h"
#include "types.h"

/*
 * The interrupt flag: arch_irq_enable(), arch_irq_disable(),
 * arch_irq_save() (disable, return the previous state),
 * arch_irq_restore(flags) and arch_irqs_enabled(). Inline in the kernel;
 * host unit tests (tests/unit/compat.h) supply functions instead.
 */
#ifdef HOST_UNIT_TEST
void arch_irq_enable(void);
void arch_irq_disable(void);
unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);
bool arch_irqs_enabled(void);
#else
#include <arch/irqflags.h>
#endif

/* Wait for the next interrupt (hlt). Enables interrupts while waiting. */
void arch_wait_for_interrupt(void);
void arch_cpu_relax(void);		/* pause, in spin loops */
__noreturn void arch_halt_forever(void);	/* cli; hlt forever */

uint64_t arch_read_tsc(void);
/* TSC value captured at kernel entry, before anything else ran. */
extern uint64_t boot_tsc;

/*
 * The CPU's random number instructions (arch/x86_64/random.c), retried
 * a few times as the vendor advises: arch_get_random_seed_u64() gives
 * fresh entropy (RDSEED), arch_get_random_u64() the output of the CPU's
 * own generator (RDRAND). Both return false when the CPU has no such
 * instruction or it keeps failing. kernel/random.c mixes their values
 * into its own generator; nothing else should use them.
 */
bool arch_get_random_seed_u64(uint64_t *v);
bool arch_get_random_u64(uint64_t *v);

/* Reset the machine without ACPI: the 8042, then a triple fault. */
__noreturn void arch_reset_fallback(void);

/*
 * A one-shot timer event (the local APIC timer, arch/x86_64/lapic.c):
 * arch_timer_init() calibrates it; arch_timer_oneshot(ns) makes the
 * scheduler's sched_timer_event() run about @ns from now, replacing any
 * earlier request. Returns false when there is no such timer.
 */
void arch_timer_init(void);
bool arch_timer_oneshot(uint64_t ns);

/*
 * FPU/SSE/AVX state of tasks that have one (arch/x86_64/fpu.c): an area
 * of arch_fpu_state_size() bytes, 64-byte aligned, saved and restored at
 * context switches. arch_fpu_test_set/get touch xmm0, for tests only.
 */
size_t arch_fpu_state_size(void);
void arch_fpu_state_init(void *area);
void arch_fpu_save(void *area);
void arch_fpu_restore(const void *area);
/* Clear what would make a user-supplied state fault on restore. */
void arch_fpu_state_sanitize(void *area);
void arch_fpu_test_set(uint64_t v);
uint64_t arch_fpu_test_get(void);

/*
 * The bounds of the kernel stack of the task about to run: backtraces
 * trust frames on it, and interrupts from user mode land at its top.
 */
void arch_set_kernel_stack(void *lo, void *hi);

/*
 * Kernel context switch (arch/x86_64/switch.S): save the callee-saved
 * registers on the current stack and its pointer in *prev_sp, then resume
 * the context whose stack pointer is next_sp.
 */
void arch_context_switch(unsigned long *prev_sp, unsigned long next_sp);
/*
 * Prepare a new stack [stack_low, stack_top) so that switching to the
 * returned stack pointer calls fn(arg) on it. fn must never return.
 */
unsigned long arch_thread_stack_init(void *stack_top, void (*fn)(void *),
				     void *arg);

/*
 * User mode (arch/x86_64/user.c). The register state of a user task sits
 * in a struct trapframe at the top of its kernel stack, where entries from
 * user mode build it; generic code handles it through these functions
 * only.
 */
struct trapframe;
struct trapframe *arch_user_tf(void *kstack_top);
/* Leave the kernel through @tf (interrupts go off first); no return. */
__noreturn void arch_return_to_user(struct trapframe *tf);
/* A fresh user context: everything zero but @ip and @sp, interrupts on. */
void arch_user_tf_init(struct trapframe *tf, unsigned long ip,
		       unsigned long sp);
bool arch_tf_from_user(const struct trapframe *tf);
unsigned long arch_tf_ip(const struct trapframe *tf);
unsigned long arch_tf_sp(const struct trapframe *tf);
void arch_tf_set_return(struct trapframe *tf, long value);
void arch_tf_set_sp(struct trapframe *tf, unsigned long sp);
void arch_tf_set_ip(struct trapframe *tf, unsigned long ip);
long arch_tf_return_value(const struct trapframe *tf);
/* AT_HWCAP and AT_MINSIGSTKSZ of the initial stack. */
unsigned long arch_elf_hwcap(void);
unsigned long arch_min_sigstack(void);
/* The user TLS base (FS on x86_64), per task, switched with it. */
void arch_set_fs_base(unsigned long base);
unsigned long arch_get_fs_base(void);
/* The user's GS base (x86_64's second TLS register), per task too. */
void arch_set_user_gs_base(unsigned long base);

/* Early CPU setup: GDT, TSS, IDT. */
void arch_cpu_init(void);

/* CPU identification for the boot log and for feature checks. */
void arch_cpu_identify(char *vendor, size_t vlen, char *brand, size_t blen);
bool arch_cpu_has_invariant_tsc(void);
/* The CPU's feature flags as /proc/cpuinfo names them, space-separated. */
size_t arch_cpu_flags(char *buf, size_t size);

/*
 * Fill @pcs with up to @max return addresses, starting at the caller of
 * the function that calls this (frame-pointer walk). Returns the count.
 */
size_t arch_backtrace(unsigned long *pcs, size_t max);
/* The same from a saved frame pointer (an interrupted context). */
size_t arch_backtrace_from(unsigned long fp, unsigned long *pcs, size_t max);

#endif
