/*
 * panic(): the kernel cannot go on. Prints "Kernel panic - not syncing: "
 * and a symbolized backtrace, then does what panic= on the command line
 * says: halt (0, the default), reboot after N seconds, or power off at
 * once (negative). Also machine_power_off()/machine_restart(), which try
 * ACPI (drivers/acpi.c) and then the fallbacks.
 */
#include <acpi.h>
#include <arch.h>
#include <console.h>
#include <ksyms.h>
#include <lockdebug.h>
#include <panic.h>
#include <params.h>
#include <printk.h>
#include <time.h>
#include <lib/printf.h>

static volatile int panicking;

void dump_backtrace(const unsigned long *pcs, size_t n)
{
	printk(KERN_EMERG "Call Trace:\n");
	for (size_t i = 0; i < n; i++) {
		unsigned long off;
		const char *name = ksym_lookup(pcs[i], &off);

		if (name)
			printk(KERN_EMERG " [<%016lx>] %s+0x%lx\n", pcs[i],
			       name, off);
		else
			printk(KERN_EMERG " [<%016lx>] ?\n", pcs[i]);
	}
}

void machine_power_off(void)
{
	arch_irq_disable();
	acpi_power_off();
	printk(KERN_EMERG "power off failed; halting\n");
	arch_halt_forever();
}

void machine_restart(void)
{
	arch_irq_disable();
	acpi_reset();
	arch_reset_fallback();
}

void panic(const char *fmt, ...)
{
	char msg[256];
	unsigned long pcs[32];
	va_list ap;
	size_t n;

	arch_irq_disable();
	lockdebug_off();	/* panic releases locks it does not hold */
	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST)) {
		/* Panic inside panic: say so as plainly as possible, stop. */
		static const char again[] = "\nKernel panic - recursive panic\n";

		console_write(again, sizeof(again) - 1);
		arch_halt_forever();
	}
	printk_panic_unlock();

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	n = arch_backtrace(pcs, ARRAY_SIZE(pcs));
	dump_backtrace(pcs, n);
	console_flush();	/* the screen shows it all before we stop */

	if (kernel_params.panic_timeout < 0) {
		printk(KERN_EMERG "---[ end Kernel panic: powering off ]---\n");
		machine_power_off();
	}
	if (kernel_params.panic_timeout > 0) {
		printk(KERN_EMERG "---[ end Kernel panic: rebooting in %d "
		       "seconds ]---\n", kernel_params.panic_timeout);
		mdelay((uint64_t)kernel_params.panic_timeout * 1000);
		machine_restart();
	}
	printk(KERN_EMERG "---[ end Kernel panic: halted ]---\n");
	arch_halt_forever();
}
