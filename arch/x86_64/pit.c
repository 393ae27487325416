/*
 * The 8254 programmable interval timer: channel 0 drives the 100 Hz tick
 * (IRQ 0); channel 2, gated through port 0x61 and not wired to the speaker,
 * is the reference for calibrating the TSC (kernel/time.c).
 * Intel 82C54 datasheet; port 0x61 as on the PC/AT.
 */
#include <arch.h>
#include <arch/io.h>
#include <arch/pit.h>

#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PORT_B		0x61	/* bit 0: ch2 gate, 1: speaker, 5: ch2 out */

#define PIT_SEL_CH0	(0 << 6)
#define PIT_SEL_CH2	(2 << 6)
#define PIT_LOHI	(3 << 4)
#define PIT_MODE0	(0 << 1)	/* interrupt on terminal count */
#define PIT_MODE2	(2 << 1)	/* rate generator */

#define PORTB_GATE2	0x01
#define PORTB_SPEAKER	0x02
#define PORTB_OUT2	0x20

void pit_start_periodic(unsigned int hz)
{
	unsigned int div = (PIT_HZ + hz / 2) / hz;

	outb(PIT_CMD, PIT_SEL_CH0 | PIT_LOHI | PIT_MODE2);
	outb(PIT_CH0, div & 0xff);
	outb(PIT_CH0, div >> 8);
}

uint64_t pit_measure_tsc(uint16_t ticks)
{
	uint8_t b = inb(PORT_B);
	uint64_t t0, t1;

	/* Gate low, speaker off, then load the count in mode 0. */
	outb(PORT_B, b & ~(PORTB_GATE2 | PORTB_SPEAKER));
	outb(PIT_CMD, PIT_SEL_CH2 | PIT_LOHI | PIT_MODE0);
	outb(PIT_CH2, ticks & 0xff);
	outb(PIT_CH2, ticks >> 8);
	/* Raising the gate starts the count; OUT2 goes high at zero. */
	outb(PORT_B, (b & ~PORTB_SPEAKER) | PORTB_GATE2);
	t0 = arch_read_tsc();
	while (!(inb(PORT_B) & PORTB_OUT2))
		;
	t1 = arch_read_tsc();
	outb(PORT_B, b & ~PORTB_GATE2);
	return t1 - t0;
}
