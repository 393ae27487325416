/*
 * The 8042 PS/2 controller: find it (the ACPI FADT may say there is
 * none), test it and its two ports, let the keyboard (drivers/ps2kbd.c)
 * and mouse (drivers/ps2mouse.c) drivers set their devices up by polling,
 * then route every received byte to its driver from IRQ 1 and IRQ 12.
 * Every wait on the controller is bounded: a machine without one boots
 * with a message. Translation stays on, so the keyboard's bytes are scan
 * code set 1 (lib/keymap.c). arch/x86_64/reset.c pulses the reset line
 * through the same controller, without this driver.
 * IBM PS/2 Hardware Interface Technical Reference, Keyboard/Auxiliary
 * Device Controller (status register, command byte, controller commands).
 */
#include <acpi.h>
#include <errno.h>
#include <i8042.h>
#include <irq.h>
#include <printk.h>
#include <spinlock.h>
#include <time.h>
#include <arch/io.h>
#include <lib/string.h>

#define I8042_DATA		0x60
#define I8042_STATUS		0x64	/* read */
#define I8042_CMD		0x64	/* write */

#define STS_OBF			0x01	/* output buffer full: a byte */
#define STS_IBF			0x02	/* input buffer full: busy */
#define STS_AUX			0x20	/* the byte is from port 2 */
#define STS_TIMEOUT		0x40
#define STS_PARITY		0x80
#define STS_ABSENT		0xff	/* nothing decodes the port */

#define CMD_READ_CONFIG		0x20
#define CMD_WRITE_CONFIG	0x60
#define CMD_DISABLE_AUX		0xa7
#define CMD_ENABLE_AUX		0xa8
#define CMD_TEST_AUX		0xa9
#define CMD_SELF_TEST		0xaa
#define CMD_TEST_KBD		0xab
#define CMD_DISABLE_KBD		0xad
#define CMD_ENABLE_KBD		0xae
#define CMD_WRITE_AUX		0xd4	/* next data byte: port 2 */

#define SELF_TEST_PASSED	0x55
#define PORT_TEST_PASSED	0x00

#define CFG_KBD_INT		0x01
#define CFG_AUX_INT		0x02
#define CFG_KBD_DISABLE		0x10	/* clock of port 1 off */
#define CFG_AUX_DISABLE		0x20	/* clock of port 2 off */
#define CFG_TRANSLATE		0x40	/* set 2 -> set 1 */

/* ACPI 6.0, 5.2.9.3: IA-PC Boot Architecture Flags, in FADT revision 2+ */
#define FADT_REVISION_OFF	8
#define FADT_BOOT_ARCH_OFF	109
#define FADT_BOOT_ARCH_MIN_REV	2
#define BOOT_ARCH_8042		0x0002

/* Bounds on every wait: controller replies, a device's ACK, and the
 * self-test after a device reset, which takes longest. */
#define CTRL_TIMEOUT_MS		500
#define ACK_TIMEOUT_MS		200
#define REPLY_TIMEOUT_MS	1000
#define FLUSH_MAX		32	/* stale bytes drained at most */
#define IRQ_BYTES_MAX		16	/* bytes per interrupt at most */
#define RESEND_TRIES		3

/*
 * Lock legend: i8042_lock keeps the two writes of a byte for port 2
 * (CMD_WRITE_AUX, then the data) together against another writer (the
 * keyboard's LED updates from the IRQ handler). Reading the output
 * buffer needs no lock: only i8042_init() does it before the interrupts
 * are on, only the IRQ handler after. have_port[] is written by
 * i8042_init() before the handlers are registered.
 */
static DEFINE_SPINLOCK(i8042_lock);
static bool have_port[3];	/* [1] keyboard, [2] aux */

/* Wait until the controller takes a byte (its input buffer is empty). */
static bool wait_input_empty(void)
{
	uint64_t deadline = ktime_get_ns() + CTRL_TIMEOUT_MS * NSEC_PER_MSEC;

	do {
		uint8_t st = inb(I8042_STATUS);

		if (st != STS_ABSENT && !(st & STS_IBF))
			return true;
	} while (ktime_get_ns() < deadline);
	return false;
}

static int ctrl_write(uint16_t port, uint8_t byte)
{
	if (!wait_input_empty())
		return -ETIMEDOUT;
	outb(port, byte);
	return 0;
}

/*
 * Wait up to @ms for a byte; with @port (1 or 2) set, bytes from the
 * other port are dropped (a key typed while the mouse is set up).
 */
static int read_byte(int port, unsigned int ms, uint8_t *byte)
{
	uint64_t deadline = ktime_get_ns() + ms * NSEC_PER_MSEC;

	do {
		uint8_t st = inb(I8042_STATUS);

		if (st == STS_ABSENT || !(st & STS_OBF))
			continue;
		*byte = inb(I8042_DATA);
		if (port && (port == I8042_PORT_AUX) != !!(st & STS_AUX))
			continue;
		return 0;
	} while (ktime_get_ns() < deadline);
	return -ETIMEDOUT;
}

/* A controller command with an optional argument and reply byte. */
static int ctrl_command(uint8_t cmd, int arg, uint8_t *reply)
{
	int err = ctrl_write(I8042_CMD, cmd);

	if (!err && arg >= 0)
		err = ctrl_write(I8042_DATA, arg);
	if (!err && reply)
		err = read_byte(0, CTRL_TIMEOUT_MS, reply);
	return err;
}

int i8042_write(int port, uint8_t byte)
{
	unsigned long flags = spin_lock_irqsave(&i8042_lock);
	int err = 0;

	if (port == I8042_PORT_AUX)
		err = ctrl_write(I8042_CMD, CMD_WRITE_AUX);
	if (!err)
		err = ctrl_write(I8042_DATA, byte);
	spin_unlock_irqrestore(&i8042_lock, flags);
	return err;
}

/* Send @cmd until the device acknowledges it; other bytes are dropped. */
static int send_acked(int port, uint8_t cmd)
{
	for (int try = 0; try < RESEND_TRIES; try++) {
		uint8_t b = 0;
		int err = i8042_write(port, cmd);

		while (!err && b != PS2_ACK && b != PS2_RESEND)
			err = read_byte(port, ACK_TIMEOUT_MS, &b);
		if (err)
			return err;
		if (b == PS2_ACK)
			return 0;
	}
	return -EIO;
}

int i8042_command(int port, uint8_t cmd, uint8_t *reply, int nreply)
{
	int err = send_acked(port, cmd);

	for (int i = 0; !err && i < nreply; i++)
		err = read_byte(port, REPLY_TIMEOUT_MS, &reply[i]);
	return err;
}

/* Drain what the firmware or the devices left; false if it never ends. */
static bool flush_output(void)
{
	for (int i = 0; i < FLUSH_MAX; i++) {
		if (!(inb(I8042_STATUS) & STS_OBF))
			return true;
		inb(I8042_DATA);
	}
	return false;
}

/* The firmware's word: false when a FADT (revision 2+) says no 8042. */
static bool firmware_has_8042(void)
{
	const uint8_t *fadt = acpi_find_table("FACP", 0);
	uint32_t len;
	uint16_t flags;

	if (!fadt)
		return true;
	memcpy(&len, fadt + 4, sizeof(len));
	if (fadt[FADT_REVISION_OFF] < FADT_BOOT_ARCH_MIN_REV ||
	    len < FADT_BOOT_ARCH_OFF + sizeof(flags))
		return true;
	memcpy(&flags, fadt + FADT_BOOT_ARCH_OFF, sizeof(flags));
	return flags & BOOT_ARCH_8042;
}

static int read_config(uint8_t *cfg)
{
	return ctrl_command(CMD_READ_CONFIG, -1, cfg);
}

static int write_config(uint8_t cfg)
{
	return ctrl_command(CMD_WRITE_CONFIG, cfg, NULL);
}

/*
 * Ports off, interrupts off, translation on; the controller's self-test
 * (which may reset the configuration, so it is written again after).
 * Sets *@dual when port 2 exists: its clock bit follows the disable.
 */
static int controller_setup(bool *dual, uint8_t *cfg)
{
	uint8_t r;
	int err;

	if ((err = ctrl_command(CMD_DISABLE_KBD, -1, NULL)) ||
	    (err = ctrl_command(CMD_DISABLE_AUX, -1, NULL)))
		return err;
	if (!flush_output())
		return -EIO;
	if ((err = read_config(cfg)))
		return err;
	*dual = *cfg & CFG_AUX_DISABLE;
	*cfg &= ~(CFG_KBD_INT | CFG_AUX_INT);
	*cfg |= CFG_TRANSLATE;
	if ((err = write_config(*cfg)) ||
	    (err = ctrl_command(CMD_SELF_TEST, -1, &r)))
		return err;
	if (r != SELF_TEST_PASSED) {
		pr_err("i8042: controller self-test failed (0x%02x)\n", r);
		return -EIO;
	}
	return write_config(*cfg);
}

/* Test a port's lines (0x00 is good); log why one is not used. */
static bool port_ok(int port)
{
	uint8_t cmd = port == I8042_PORT_KBD ? CMD_TEST_KBD : CMD_TEST_AUX;
	uint8_t r;
	int err = ctrl_command(cmd, -1, &r);

	if (!err && r == PORT_TEST_PASSED)
		return true;
	pr_warn("i8042: port %d failed its test (%s 0x%02x)\n", port,
		err ? "no reply" : "reply", err ? 0 : r);
	return false;
}

static void i8042_irq(unsigned int irq, void *data)
{
	for (int i = 0; i < IRQ_BYTES_MAX; i++) {
		uint8_t st = inb(I8042_STATUS), b;

		if (st == STS_ABSENT || !(st & STS_OBF))
			break;
		b = inb(I8042_DATA);
		if (st & (STS_TIMEOUT | STS_PARITY))
			continue;	/* a garbled byte: drop it */
		if (st & STS_AUX) {
			if (have_port[I8042_PORT_AUX])
				ps2mouse_receive(b);
		} else if (have_port[I8042_PORT_KBD]) {
			ps2kbd_receive(b);
		}
	}
}

/* Enable port @port's clock and run its driver's set-up. */
static bool port_start(int port)
{
	uint8_t cmd = port == I8042_PORT_KBD ? CMD_ENABLE_KBD :
					       CMD_ENABLE_AUX;
	int err = ctrl_command(cmd, -1, NULL);

	if (!err)
		err = port == I8042_PORT_KBD ? ps2kbd_init() :
					       ps2mouse_init();
	if (err) {
		cmd = port == I8042_PORT_KBD ? CMD_DISABLE_KBD :
					       CMD_DISABLE_AUX;
		ctrl_command(cmd, -1, NULL);
		pr_info("i8042: no %s on port %d (error %d)\n",
			port == I8042_PORT_KBD ? "keyboard" : "mouse", port,
			err);
		return false;
	}
	return true;
}

/* Interrupts on for the ports with a device, and their handlers in. */
static int enable_irqs(uint8_t cfg)
{
	static const unsigned int irqs[3] = { 0, IRQ_KEYBOARD, IRQ_MOUSE };
	static const uint8_t bits[3] = { 0, CFG_KBD_INT, CFG_AUX_INT };

	for (int port = 1; port <= 2; port++) {
		if (!have_port[port])
			continue;
		if (irq_register(irqs[port], i8042_irq, NULL)) {
			pr_err("i8042: IRQ %u busy\n", irqs[port]);
			have_port[port] = false;
			continue;
		}
		cfg |= bits[port];
	}
	flush_output();
	return write_config(cfg);
}

void i8042_init(void)
{
	bool dual = false;
	uint8_t cfg;

	if (!firmware_has_8042()) {
		pr_info("i8042: none (the ACPI FADT says there is no 8042)\n");
		return;
	}
	if (inb(I8042_STATUS) == STS_ABSENT ||
	    controller_setup(&dual, &cfg)) {
		pr_info("i8042: no PS/2 controller found\n");
		return;
	}
	have_port[I8042_PORT_KBD] = port_ok(I8042_PORT_KBD) &&
				    port_start(I8042_PORT_KBD);
	have_port[I8042_PORT_AUX] = dual && port_ok(I8042_PORT_AUX) &&
				    port_start(I8042_PORT_AUX);
	if (read_config(&cfg) || enable_irqs(cfg)) {
		pr_err("i8042: controller stopped answering\n");
		return;
	}
	if (have_port[I8042_PORT_KBD])
		pr_info("i8042: keyboard on port 1, IRQ %d\n", IRQ_KEYBOARD);
	if (have_port[I8042_PORT_AUX])
		pr_info("i8042: mouse on port 2, IRQ %d\n", IRQ_MOUSE);
}
