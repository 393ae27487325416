/*
 * Core suites: the serial port's interrupt-driven input (in loopback), the
 * printk ring buffer, the symbol table, the ACPI table list; and the manual suites "panic" and
 * "stack_overflow" that end the boot on purpose (e2e tests check them).
 */
#include <acpi.h>
#include <arch.h>
#include <console.h>
#include <errno.h>
#include <irq.h>
#include <ksyms.h>
#include <ktest.h>
#include <panic.h>
#include <printk.h>
#include <serial.h>
#include <time.h>
#include <lib/string.h>

static void serial_irq_input(void)
{
	static const char msg[] = "Fe";
	unsigned long irqs = irq_count(IRQ_COM1);
	size_t rx_before, dropped_before;
	char got[sizeof(msg)] = { 0 };
	size_t n = 0;

	while (serial_getc() >= 0)
		;
	rx_before = serial_rx_count();
	dropped_before = serial_rx_dropped();
	/* No printk while the port talks to itself. */
	serial_set_loopback(true);
	for (size_t i = 0; i < sizeof(msg) - 1; i++)
		serial_putc_raw(msg[i]);
	uint64_t t0 = ktime_get_ns();

	while (n < sizeof(msg) - 1 &&
	       ktime_get_ns() - t0 < 100 * NSEC_PER_MSEC) {
		int c = serial_getc();

		if (c >= 0)
			got[n++] = c;
		else
			arch_wait_for_interrupt();
	}
	serial_set_loopback(false);
	KEXPECT_EQ(n, sizeof(msg) - 1);
	KEXPECT(!memcmp(got, msg, sizeof(msg) - 1));
	KEXPECT(irq_count(IRQ_COM1) > irqs);
	KEXPECT_EQ(serial_rx_count(), rx_before + sizeof(msg) - 1);
	KEXPECT_EQ(serial_rx_dropped(), dropped_before);
}

/* A handler on a free line: registered once, refused twice, removed. */
static void dummy_irq(unsigned int irq, void *data)
{
}

static void irq_register_unregister(void)
{
	const unsigned int line = 5;	/* LPT2 / sound on PCs: free in QEMU */

	KEXPECT_EQ(irq_register(line, dummy_irq, NULL), 0);
	KEXPECT_EQ(irq_register(line, dummy_irq, NULL), -EBUSY);
	irq_unregister(line);
	KEXPECT_EQ(irq_register(line, dummy_irq, NULL), 0);
	irq_unregister(line);
	KEXPECT_EQ(irq_register(NR_IRQS, dummy_irq, NULL), -EINVAL);
	KEXPECT_EQ(irq_register(line, NULL, NULL), -EINVAL);
}

/* A console sees printk output while registered, and not after. */
static char captured[4096];
static size_t captured_len;

static void capture_write(struct console *con, const char *s, size_t len)
{
	for (size_t i = 0; i < len && captured_len < sizeof(captured) - 1; i++)
		captured[captured_len++] = s[i];
	captured[captured_len] = '\0';
}

static struct console capture_console = {
	.name = "ktest",
	.write = capture_write,
};

static void console_register_unregister(void)
{
	console_register(&capture_console);
	/* Registering replays the log: the banner is in it. */
	KEXPECT(strstr(captured, "Ferrite ") != NULL);
	captured_len = 0;
	printk(KERN_INFO "to the capture console\n");
	KEXPECT(strstr(captured, "] to the capture console\n") != NULL);
	console_unregister(&capture_console);
	captured_len = 0;
	captured[0] = '\0';
	printk(KERN_INFO "not to the capture console\n");
	KEXPECT_EQ(captured_len, 0);
}

static void printk_ring(void)
{
	static char buf[4096];
	size_t pos = 0, n;
	bool found = false;

	printk(KERN_WARNING "ktest marker 31337\n");
	while ((n = printk_read(buf, sizeof(buf) - 1, &pos)) > 0) {
		buf[n] = '\0';
		if (strstr(buf, "<4>[") && strstr(buf, "] ktest marker 31337\n"))
			found = true;
	}
	KEXPECT(found);
}

static void ksyms_lookup(void)
{
	unsigned long off = 123;
	const char *name = ksym_lookup((unsigned long)panic + 5, &off);

	KEXPECT(name && !strcmp(name, "panic"));
	KEXPECT_EQ(off, 5);
	KEXPECT_EQ(ksym_address("panic"), (unsigned long)panic);
	KEXPECT(ksym_lookup(0, &off) == NULL);
}

/* QEMU's q35 and i440fx both list a FADT and a MADT. */
static void acpi_tables_found(void)
{
	const uint8_t *facp = acpi_find_table("FACP", 0);
	const uint8_t *apic = acpi_find_table("APIC", 0);

	KEXPECT(facp != NULL);
	KEXPECT(apic != NULL);
	if (apic) {
		uint32_t len;

		memcpy(&len, apic + 4, sizeof(len));
		KEXPECT(!memcmp(apic, "APIC", 4));
		KEXPECT_EQ(acpi_checksum(apic, len), 0);
	}
	KEXPECT(acpi_find_table("APIC", 1) == NULL);
	KEXPECT(acpi_find_table("NONE", 0) == NULL);
}

static const struct ktest_case core_cases[] = {
	KTEST_CASE(serial_irq_input),
	KTEST_CASE(printk_ring),
	KTEST_CASE(ksyms_lookup),
	KTEST_CASE(acpi_tables_found),
	KTEST_CASE(irq_register_unregister),
	KTEST_CASE(console_register_unregister),
};

const struct ktest_suite ktest_core = KTEST_SUITE("core", core_cases);

static void deliberate_panic(void)
{
	panic("ktest: deliberate panic");
}

static const struct ktest_case panic_cases[] = {
	KTEST_CASE(deliberate_panic),
};

const struct ktest_suite ktest_panic = {
	.name = "panic", .cases = panic_cases,
	.count = ARRAY_SIZE(panic_cases), .manual = true,
};

/*
 * Called through a volatile pointer so the compiler can neither see the
 * recursion (and warn) nor turn it into a loop.
 */
static unsigned long recurse(unsigned long depth);
static unsigned long (*volatile recurse_fn)(unsigned long) = recurse;

static unsigned long recurse(unsigned long depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	return recurse_fn(depth + 1) + pad[0];
}

static void overflow_stack(void)
{
	recurse_fn(0);
}

static const struct ktest_case overflow_cases[] = {
	KTEST_CASE(overflow_stack),
};

const struct ktest_suite ktest_stack_overflow = {
	.name = "stack_overflow", .cases = overflow_cases,
	.count = ARRAY_SIZE(overflow_cases), .manual = true,
};
