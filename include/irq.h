/*
 * Hardware interrupt lines (ISA IRQs 0-15 through the 8259 PICs now; the
 * APIC later). Handlers run with interrupts disabled.
 */
#ifndef IRQ_H
#define IRQ_H

#include <stdbool.h>

#define IRQ_PIT		0
#define IRQ_KEYBOARD	1
#define IRQ_COM2	3
#define IRQ_COM1	4
#define IRQ_RTC		8
#define IRQ_MOUSE	12
#define NR_IRQS		16

typedef void (*irq_handler_t)(unsigned int irq, void *data);

/* Install @fn for @irq and unmask it. Returns 0 or -EBUSY / -EINVAL. */
int irq_register(unsigned int irq, irq_handler_t fn, void *data);
void irq_unregister(unsigned int irq);

/* Counts of interrupts received per line, for tests and /proc later. */
unsigned long irq_count(unsigned int irq);

#endif
