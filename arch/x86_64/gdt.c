/*
 * The GDT and the TSS. Segments in long mode are mostly vestigial; what
 * matters is the kernel and user code/data selectors (the user pair
 * ready for SYSRET), and the TSS: its IST stacks give #DF, NMI and #MC a
 * known-good stack, so a kernel stack overflow still reports, and its
 * RSP0, kept at the running task's kernel stack, is where a ring change
 * lands.
 * Intel SDM vol. 3, 3.4.5 (descriptors) and 8.7 (64-bit TSS).
 */
#include <compiler.h>
#include <arch/cpu.h>
#include <lib/string.h>

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __packed;

struct gdt_ptr {
	uint16_t limit;
	uint64_t base;
} __packed;

/* null, kernel code, kernel data, user data, user code, TSS (2 slots) */
#define GDT_ENTRIES	7

/* Access byte and flags (SDM vol. 3, 3.4.5). */
#define SEG_PRESENT	(1ULL << 47)
#define SEG_CODE_DATA	(1ULL << 44)
#define SEG_EXEC	(1ULL << 43)
#define SEG_RW		(1ULL << 41)
#define SEG_LONG	(1ULL << 53)
#define SEG_GRAN_4K	(1ULL << 55)
#define SEG_DB		(1ULL << 54)
#define SEG_TSS_AVAIL	(9ULL << 40)
#define SEG_DPL3	(3ULL << 45)

static uint64_t gdt[GDT_ENTRIES] __aligned(16);
static struct tss tss __aligned(16);
char ist_stacks[3][IST_STACK_SIZE] __aligned(16);

static void gdt_set_tss(int idx, uint64_t base, uint32_t limit)
{
	gdt[idx] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		   SEG_TSS_AVAIL | SEG_PRESENT |
		   ((uint64_t)((limit >> 16) & 0xf) << 48) |
		   (((base >> 24) & 0xff) << 56);
	gdt[idx + 1] = base >> 32;
}

void gdt_init(void)
{
	struct gdt_ptr ptr;

	gdt[0] = 0;
	gdt[KERNEL_CS / 8] = SEG_PRESENT | SEG_CODE_DATA | SEG_EXEC | SEG_RW |
			     SEG_LONG | SEG_GRAN_4K | 0xffff | (0xfULL << 48);
	gdt[KERNEL_DS / 8] = SEG_PRESENT | SEG_CODE_DATA | SEG_RW | SEG_DB |
			     SEG_GRAN_4K | 0xffff | (0xfULL << 48);
	gdt[USER_DS / 8] = gdt[KERNEL_DS / 8] | SEG_DPL3;
	gdt[USER_CS / 8] = gdt[KERNEL_CS / 8] | SEG_DPL3;

	memset(&tss, 0, sizeof(tss));
	tss.ist[IST_DOUBLE_FAULT - 1] =
		(uint64_t)&ist_stacks[0][IST_STACK_SIZE];
	tss.ist[IST_NMI - 1] = (uint64_t)&ist_stacks[1][IST_STACK_SIZE];
	tss.ist[IST_MCE - 1] = (uint64_t)&ist_stacks[2][IST_STACK_SIZE];
	tss.iomap_base = sizeof(tss);	/* no I/O bitmap */
	gdt_set_tss(TSS_SEL / 8, (uint64_t)&tss, sizeof(tss) - 1);

	ptr.limit = sizeof(gdt) - 1;
	ptr.base = (uint64_t)gdt;
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"movw %w1, %%ds\n\t"
		"movw %w1, %%es\n\t"
		"movw %w1, %%ss\n\t"
		"pushq %2\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"ltr %w3"
		: : "m"(ptr), "r"(KERNEL_DS), "i"(KERNEL_CS), "r"(TSS_SEL)
		: "rax", "memory");
}

/*
 * The stack the CPU switches to when an interrupt or exception arrives in
 * user mode: the running task's kernel stack, updated at every switch.
 */
void tss_set_rsp0(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}

uint64_t tss_get_rsp0(void)
{
	return tss.rsp[0];
}

/* A descriptor as loaded, for the CPU tests. */
uint64_t gdt_entry(unsigned int sel)
{
	return sel / 8 < GDT_ENTRIES ? gdt[sel / 8] : 0;
}
