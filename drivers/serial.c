/*
 * 16550A UART driver for COM1: 115200 baud, 8 data bits, no parity, one
 * stop bit. Output is polled so that it works with interrupts off and in a
 * panic; input arrives by interrupt (IRQ 4): into a ring buffer at first
 * (the kernel's serial tests read it), and to the TTY layer once the tty
 * ttyS0 is registered. The console registered here is the one tests
 * read.
 * National Semiconductor PC16550D datasheet (register map, LSR, IER, MCR).
 */
#include <console.h>
#include <irq.h>
#include <file.h>
#include <wait.h>
#include <printk.h>
#include <serial.h>
#include <spinlock.h>
#include <tty.h>
#include <vfs.h>
#include <arch/io.h>

#define COM1		0x3f8
#define UART_CLOCK	115200	/* divisor 1 = 115200 baud */
#define BAUD		115200

#define REG_DATA	0	/* RBR/THR; DLL when DLAB=1 */
#define REG_IER		1	/* DLM when DLAB=1 */
#define REG_IIR_FCR	2
#define REG_LCR		3
#define REG_MCR		4
#define REG_LSR		5
#define REG_SCRATCH	7

#define IER_RX_AVAIL	0x01
#define FCR_ENABLE	0x01
#define FCR_CLEAR_RX	0x02
#define FCR_CLEAR_TX	0x04
#define FCR_TRIGGER_1	0x00
#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define MCR_DTR		0x01
#define MCR_RTS		0x02
#define MCR_OUT2	0x08	/* gates the IRQ line on PCs */
#define MCR_LOOP	0x10
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20

#define TX_SPIN_LIMIT	100000	/* a missing UART must not hang output */
#define RX_RING_SIZE	1024

static bool present;

/*
 * Lock legend: rx_lock protects the receive ring (head, tail, counters);
 * taken by the IRQ handler and by readers.
 */
static DEFINE_SPINLOCK(rx_lock);
static unsigned char rx_ring[RX_RING_SIZE];
static size_t rx_head, rx_tail;		/* rx_lock */
static size_t rx_total, rx_dropped;	/* rx_lock */
static struct tty *serial_tty;		/* set once */

static inline void uart_out(int reg, uint8_t v)
{
	outb(COM1 + reg, v);
}

static inline uint8_t uart_in(int reg)
{
	return inb(COM1 + reg);
}

void serial_putc_raw(char c)
{
	int spins = TX_SPIN_LIMIT;

	while (!(uart_in(REG_LSR) & LSR_THR_EMPTY) && --spins)
		;
	uart_out(REG_DATA, c);
}

static void serial_console_write(struct console *con, const char *s,
				 size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc_raw('\r');
		serial_putc_raw(s[i]);
	}
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_console_write,
};

/* The scratch register holds what we write only if a UART is there. */
static bool uart_probe(void)
{
	uart_out(REG_SCRATCH, 0x5a);
	if (uart_in(REG_SCRATCH) != 0x5a)
		return false;
	uart_out(REG_SCRATCH, 0xa5);
	return uart_in(REG_SCRATCH) == 0xa5;
}

void serial_early_init(void)
{
	unsigned int div = UART_CLOCK / BAUD;

	if (!uart_probe())
		return;
	uart_out(REG_IER, 0);
	uart_out(REG_LCR, LCR_DLAB);
	uart_out(REG_DATA, div & 0xff);
	uart_out(REG_IER, div >> 8);
	uart_out(REG_LCR, LCR_8N1);
	uart_out(REG_IIR_FCR, FCR_ENABLE | FCR_CLEAR_RX | FCR_CLEAR_TX |
				     FCR_TRIGGER_1);
	uart_out(REG_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
	present = true;
	console_register(&serial_console);
}

DEFINE_WAIT_QUEUE(serial_rx_wait);

bool serial_rx_ready(void)
{
	return READ_ONCE(rx_head) != READ_ONCE(rx_tail);
}

static void serial_irq(unsigned int irq, void *data)
{
	struct tty *tty = READ_ONCE(serial_tty);

	spin_lock(&rx_lock);
	while (uart_in(REG_LSR) & LSR_DATA_READY) {
		char c = uart_in(REG_DATA);
		size_t next = (rx_head + 1) % RX_RING_SIZE;

		rx_total++;
		if (tty) {
			tty_receive(tty, &c, 1);
			continue;
		}
		if (next == rx_tail) {
			rx_dropped++;
			continue;
		}
		rx_ring[rx_head] = c;
		rx_head = next;
	}
	spin_unlock(&rx_lock);
	wake_up_all(&serial_rx_wait);
	poll_notify();
}

void serial_irq_init(void)
{
	if (!present)
		return;
	/* Drain what arrived before the handler existed. */
	while (uart_in(REG_LSR) & LSR_DATA_READY)
		uart_in(REG_DATA);
	if (irq_register(IRQ_COM1, serial_irq, NULL)) {
		pr_err("serial: IRQ %d busy; input disabled\n", IRQ_COM1);
		return;
	}
	uart_out(REG_IER, IER_RX_AVAIL);
	pr_info("serial: ttyS0 at 0x%x, IRQ %d, %d 8N1\n", COM1, IRQ_COM1,
		BAUD);
}

/* Output from the tty: bytes as they are (the line discipline did ONLCR). */
static void serial_tty_write(struct tty *tty, const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		serial_putc_raw(buf[i]);
}

static const struct tty_ops serial_tty_ops = {
	.write = serial_tty_write,
};

void serial_tty_init(void)
{
	if (!present)
		return;
	serial_tty = tty_register("ttyS0", MKDEV(4, 64), &serial_tty_ops,
				  NULL, 24, 80);
	if (!serial_tty)
		pr_err("serial: no memory for the tty; input disabled\n");
}

int serial_getc(void)
{
	unsigned long flags = spin_lock_irqsave(&rx_lock);
	int c = -1;

	if (rx_tail != rx_head) {
		c = rx_ring[rx_tail];
		rx_tail = (rx_tail + 1) % RX_RING_SIZE;
	}
	spin_unlock_irqrestore(&rx_lock, flags);
	return c;
}

size_t serial_rx_count(void)
{
	return READ_ONCE(rx_total);
}

size_t serial_rx_dropped(void)
{
	return READ_ONCE(rx_dropped);
}

void serial_set_loopback(bool on)
{
	uint8_t mcr = MCR_DTR | MCR_RTS | MCR_OUT2;

	uart_out(REG_MCR, on ? mcr | MCR_LOOP : mcr);
}
