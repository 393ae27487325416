/*
 * The IDT: all 256 vectors point at the stubs of entry.S. #DF, NMI and #MC
 * run on their own IST stacks (gdt.c). Vectors 32-47 are the remapped PIC
 * lines (pic.c); dispatch is in traps.c.
 * Intel SDM vol. 3, 6.10 (IDT) and 6.14.1 (64-bit gates).
 */
#include <compiler.h>
#include <arch/cpu.h>
#include <arch/traps.h>

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __packed;

struct idt_ptr {
	uint16_t limit;
	uint64_t base;
} __packed;

#define GATE_INTERRUPT	0x8e	/* present, DPL 0, 64-bit interrupt gate */
#define GATE_USER	0xee	/* the same, reachable by int n from DPL 3 */

extern const uint64_t isr_stub_table[256];
static struct idt_gate idt[256] __aligned(16);

static void idt_set(int vec, uint64_t handler, uint8_t ist)
{
	/* int3 and into from user mode are breakpoints and overflows (as
	 * on Linux: SIGTRAP, SIGSEGV), not #GP. */
	bool user = vec == VEC_BP || vec == VEC_OF;

	idt[vec].offset_lo = handler & 0xffff;
	idt[vec].selector = KERNEL_CS;
	idt[vec].ist = ist;
	idt[vec].type_attr = user ? GATE_USER : GATE_INTERRUPT;
	idt[vec].offset_mid = (handler >> 16) & 0xffff;
	idt[vec].offset_hi = handler >> 32;
	idt[vec].reserved = 0;
}

void idt_init(void)
{
	struct idt_ptr ptr;

	for (int v = 0; v < 256; v++)
		idt_set(v, isr_stub_table[v], 0);
	idt_set(VEC_DF, isr_stub_table[VEC_DF], IST_DOUBLE_FAULT);
	idt_set(VEC_NMI, isr_stub_table[VEC_NMI], IST_NMI);
	idt_set(VEC_MC, isr_stub_table[VEC_MC], IST_MCE);

	ptr.limit = sizeof(idt) - 1;
	ptr.base = (uint64_t)idt;
	__asm__ __volatile__("lidt %0" : : "m"(ptr));
}
