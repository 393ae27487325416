/*
 * Hardware interrupt lines: a handler table for the 16 ISA IRQs, counts,
 * and the dispatch called by arch/x86_64/traps.c. The interrupt controller
 * (8259 PIC now) is driven through arch/x86_64/pic.c.
 */
#include <errno.h>
#include <irq.h>
#include <printk.h>
#include <spinlock.h>
#include <arch/cpu.h>

void irq_dispatch(unsigned int irq);

/*
 * Lock legend: irq_lock protects handlers[] against registration racing
 * with dispatch on another CPU (SMP); counts[] are written only by the
 * dispatching CPU with interrupts off.
 */
static DEFINE_SPINLOCK(irq_lock);
static struct {
	irq_handler_t fn;
	void *data;
} handlers[NR_IRQS];
static unsigned long counts[NR_IRQS];
static unsigned long unhandled[NR_IRQS];

int irq_register(unsigned int irq, irq_handler_t fn, void *data)
{
	unsigned long flags;
	int ret = 0;

	if (irq >= NR_IRQS || !fn)
		return -EINVAL;
	flags = spin_lock_irqsave(&irq_lock);
	if (handlers[irq].fn) {
		ret = -EBUSY;
	} else {
		handlers[irq].fn = fn;
		handlers[irq].data = data;
		pic_unmask(irq);
	}
	spin_unlock_irqrestore(&irq_lock, flags);
	return ret;
}

void irq_unregister(unsigned int irq)
{
	unsigned long flags;

	if (irq >= NR_IRQS)
		return;
	flags = spin_lock_irqsave(&irq_lock);
	pic_mask(irq);
	handlers[irq].fn = NULL;
	handlers[irq].data = NULL;
	spin_unlock_irqrestore(&irq_lock, flags);
}

unsigned long irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? READ_ONCE(counts[irq]) : 0;
}

void irq_dispatch(unsigned int irq)
{
	if (pic_is_spurious(irq))
		return;
	counts[irq]++;
	if (handlers[irq].fn)
		handlers[irq].fn(irq, handlers[irq].data);
	else if (unhandled[irq]++ == 0)
		printk(KERN_WARNING "irq: no handler for IRQ %u\n", irq);
	pic_eoi(irq);
}
