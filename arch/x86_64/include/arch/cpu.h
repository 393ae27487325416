/* x86_64 internals shared between the files of arch/x86_64 only. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/*
 * GDT selectors. The user pair is ordered data, then code, as SYSRET
 * requires (it loads SS = STAR[63:48] + 8 and CS = STAR[63:48] + 16).
 */
#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define USER_DS		(0x18 | 3)
#define USER_CS		(0x20 | 3)
#define TSS_SEL		0x28

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
void write_cr0(uint64_t v);
void write_cr3(uint64_t v);
void write_cr4(uint64_t v);
void invlpg(unsigned long va);

void gdt_init(void);
void tss_set_rsp0(uint64_t rsp0);
uint64_t tss_get_rsp0(void);
uint64_t gdt_entry(unsigned int sel);

/* CR4 protection bits (Intel SDM vol. 3A, 2.5) and their CPUID leaf 7. */
#define CR4_UMIP	(1UL << 11)
#define CR4_SMEP	(1UL << 20)
#define CR4_SMAP	(1UL << 21)
#define CPUID7_EBX_SMEP	(1U << 7)
#define CPUID7_EBX_SMAP	(1U << 20)
#define CPUID7_ECX_UMIP	(1U << 2)
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
