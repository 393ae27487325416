/*
 * The two cascaded 8259A PICs, remapped to vectors 32-47 so they do not
 * collide with CPU exceptions. Every line starts masked; irq_register()
 * unmasks what a driver asks for. The APIC replaces this with SMP.
 * Intel 8259A datasheet (ICW1-ICW4, OCW2, OCW3).
 */
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/traps.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

#define ICW1_INIT	0x10
#define ICW1_ICW4	0x01
#define ICW4_8086	0x01
#define OCW2_EOI	0x20
#define OCW3_READ_ISR	0x0b
#define PIC_CASCADE_IRQ	2

static uint16_t pic_masks = 0xffff;

static void pic_write_masks(void)
{
	outb(PIC1_DATA, pic_masks & 0xff);
	outb(PIC2_DATA, pic_masks >> 8);
}

void pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT | ICW1_ICW4);
	io_wait();
	outb(PIC2_CMD, ICW1_INIT | ICW1_ICW4);
	io_wait();
	outb(PIC1_DATA, IRQ_BASE);		/* ICW2: vector offsets */
	io_wait();
	outb(PIC2_DATA, IRQ_BASE + 8);
	io_wait();
	outb(PIC1_DATA, 1 << PIC_CASCADE_IRQ);	/* ICW3: slave on IRQ2 */
	io_wait();
	outb(PIC2_DATA, PIC_CASCADE_IRQ);
	io_wait();
	outb(PIC1_DATA, ICW4_8086);
	io_wait();
	outb(PIC2_DATA, ICW4_8086);
	io_wait();
	pic_masks = 0xffff & ~(1 << PIC_CASCADE_IRQ);
	pic_write_masks();
}

void pic_mask(unsigned int irq)
{
	pic_masks |= 1 << irq;
	pic_write_masks();
}

void pic_unmask(unsigned int irq)
{
	pic_masks &= ~(1 << irq);
	pic_write_masks();
}

static uint8_t pic_read_isr(uint16_t cmd_port)
{
	outb(cmd_port, OCW3_READ_ISR);
	return inb(cmd_port);
}

/*
 * IRQ 7 and 15 may be spurious (the line dropped before the CPU
 * acknowledged): then the in-service bit is clear and no EOI is due,
 * except to the master for a spurious slave interrupt.
 */
bool pic_is_spurious(unsigned int irq)
{
	if (irq == 7 && !(pic_read_isr(PIC1_CMD) & 0x80))
		return true;
	if (irq == 15 && !(pic_read_isr(PIC2_CMD) & 0x80)) {
		outb(PIC1_CMD, OCW2_EOI);
		return true;
	}
	return false;
}

void pic_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, OCW2_EOI);
	outb(PIC1_CMD, OCW2_EOI);
}
