/* x86_64 internals shared between the files of arch/x86_64 only. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define TSS_SEL		0x18

/* IST slots in the TSS (1-based, as in the IDT gate). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI		2
#define IST_MCE		3
#define IST_STACK_SIZE	(16 * 1024)

void cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b,
	   uint32_t *c, uint32_t *d);
uint64_t rdmsr(uint32_t msr);
void wrmsr(uint32_t msr, uint64_t v);
uint64_t read_cr0(void);
uint64_t read_cr2(void);
uint64_t read_cr3(void);
uint64_t read_cr4(void);
void write_cr3(uint64_t v);
void invlpg(unsigned long va);

void gdt_init(void);
void fpu_init(void);
void idt_init(void);
void pic_init(void);
void pic_mask(unsigned int irq);
void pic_unmask(unsigned int irq);
void pic_eoi(unsigned int irq);
bool pic_is_spurious(unsigned int irq);

/* The stacks of the IST handlers, for backtrace bounds. */
extern char ist_stacks[3][IST_STACK_SIZE];

#endif
