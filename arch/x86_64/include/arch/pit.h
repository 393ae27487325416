/* The 8254 PIT (arch/x86_64/pit.c): the tick and a calibration timer. */
#ifndef ARCH_PIT_H
#define ARCH_PIT_H

#include <stdint.h>

#define PIT_HZ		1193182		/* input clock, Hz */

/* Program channel 0 as a periodic @hz interrupt on IRQ 0. */
void pit_start_periodic(unsigned int hz);

/*
 * Run channel 2 as a one-shot of @ticks PIT ticks (at most 65535) and
 * return the TSC cycles it took; busy-waits with interrupts as they are.
 */
uint64_t pit_measure_tsc(uint16_t ticks);

#endif
