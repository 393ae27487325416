/*
 * 16550 UART serial ports (drivers/serial.c). COM1 is the first console:
 * polled output (it must work in a panic), interrupt-driven input into a
 * receive ring that the TTY layer will read.
 */
#ifndef SERIAL_H
#define SERIAL_H

#include <stdbool.h>
#include <stddef.h>

/* Set up COM1 at 115200 8N1 and register it as a console. */
void serial_early_init(void);
/* Enable receive interrupts (after the IDT and PIC are up). */
void serial_irq_init(void);
/* Register COM1 as the tty ttyS0 (kernel/tty.c); its input goes there
 * from then on. */
void serial_tty_init(void);

/* Woken when bytes arrive; serial_rx_ready() says whether any wait. */
struct wait_queue;
extern struct wait_queue serial_rx_wait;
bool serial_rx_ready(void);
/* Take one received byte; returns -1 when the ring is empty. */
int serial_getc(void);
/* Bytes received and dropped (ring full) since boot. */
size_t serial_rx_count(void);
size_t serial_rx_dropped(void);

/* Internal loopback, for the serial test suite. */
void serial_set_loopback(bool on);
void serial_putc_raw(char c);

#endif
