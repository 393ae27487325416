/* What the trap handler saw last, for the trap tests (tests/kernel). */
#ifndef ARCH_TRAPS_H
#define ARCH_TRAPS_H

#include <stdint.h>

#define VEC_DE		0
#define VEC_NMI		2
#define VEC_BP		3
#define VEC_OF		4
#define VEC_DB		1
#define VEC_NP		11
#define VEC_SS		12
#define VEC_MF		16
#define VEC_AC		17
#define VEC_XM		19
#define VEC_UD		6
#define VEC_DF		8
#define VEC_GP		13
#define VEC_PF		14
#define VEC_MC		18
#define IRQ_BASE	32	/* PIC lines 0-15 arrive at 32-47 */
#define VEC_LAPIC_TIMER	0xf0	/* local APIC timer (lapic.c) */
#define VEC_SPURIOUS	255

struct trap_record {
	uint64_t vector;
	uint64_t error;
	uint64_t cr2;
	uint64_t rip;
	unsigned long count;	/* exceptions recovered through the extable */
};

extern struct trap_record last_recovered_trap;

/*
 * Deliberate exceptions (arch/x86_64/trap_tests.S); each returns the
 * vector that was caught and recovered from, or -1 if none was raised.
 */
long arch_trigger_divide_error(void);
long arch_trigger_invalid_opcode(void);
long arch_trigger_breakpoint(void);
long arch_trigger_page_fault(unsigned long addr);
long arch_trigger_write(unsigned long addr);

#endif
