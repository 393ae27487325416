/*
 * Machine reset without ACPI (arch/x86_64/reset.c): pulse the reset line
 * through the 8042 keyboard controller, and if the machine is still
 * running, force a triple fault. kernel/panic.c's machine_restart() calls
 * this after drivers/acpi.c's acpi_reset() (the FADT reset register) did
 * not reset the machine.
 */
#include <arch.h>
#include <compiler.h>
#include <arch/io.h>

/* IBM PC/AT Technical Reference, keyboard controller (8042) */
#define I8042_STATUS_PORT	0x64
#define I8042_COMMAND_PORT	0x64
#define I8042_STATUS_IBF	0x02	/* input buffer full: busy */
#define I8042_CMD_PULSE_RESET	0xfe	/* pulse output bit 0: CPU reset */

/*
 * Bounds on the waits, counted in port accesses (about 1 us each on ISA
 * timing). A missing controller reads 0xff, busy forever: give up and
 * write anyway, which is harmless.
 */
#define I8042_WAIT_LOOPS	100000		/* ~100 ms */
#define RESET_SETTLE_LOOPS	100000		/* ~100 ms */

/* Intel SDM vol. 3, 6.10: the IDTR operand of LIDT */
struct idt_pointer {
	uint16_t limit;
	uint64_t base;
} __packed;

static void i8042_pulse_reset(void)
{
	for (int i = 0; i < I8042_WAIT_LOOPS; i++) {
		if (!(inb(I8042_STATUS_PORT) & I8042_STATUS_IBF))
			break;
	}
	outb(I8042_COMMAND_PORT, I8042_CMD_PULSE_RESET);
}

/*
 * Intel SDM vol. 3, 6.15 (interrupt 8, #DF): with an IDT whose limit
 * covers no gate, the breakpoint cannot be delivered (#GP), nor can the
 * #GP (#DF), nor the #DF: the processor shuts down, and the chipset turns
 * a shutdown cycle into a reset.
 */
static __noreturn void triple_fault(void)
{
	static const struct idt_pointer no_idt = { .limit = 0, .base = 0 };

	__asm__ __volatile__("lidt %0\n\tint3" : : "m"(no_idt) : "memory");
	for (;;)
		__asm__ __volatile__("hlt");
}

__noreturn void arch_reset_fallback(void)
{
	__asm__ __volatile__("cli" : : : "memory");
	i8042_pulse_reset();
	for (int i = 0; i < RESET_SETTLE_LOOPS; i++)
		io_wait();
	triple_fault();
}
