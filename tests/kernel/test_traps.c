/*
 * Trap suite: deliberate #DE, #UD, #BP, #PF and #GP are caught with the
 * right vector (and error code and CR2 for #PF) and recovered through the
 * exception table; writes to kernel text and rodata fault (W^X).
 */
#include <ktest.h>
#include <mm.h>
#include <sched.h>
#include <arch/cpu.h>
#include <arch/traps.h>

/* Canonical, in the user half, never mapped by the kernel. */
#define UNMAPPED_ADDR	0x00006d0000000000UL
/* Not canonical (bits 63:47 differ): #GP, not #PF. */
#define NONCANONICAL_ADDR 0x0000dead00000000UL

#define PF_PRESENT	0x1
#define PF_WRITE	0x2

static void expect_recovered(long got, unsigned long want,
			     unsigned long count_before)
{
	KEXPECT_EQ(got, want);
	KEXPECT_EQ(last_recovered_trap.vector, want);
	KEXPECT_EQ(last_recovered_trap.count, count_before + 1);
}

static void divide_error(void)
{
	unsigned long n = last_recovered_trap.count;

	expect_recovered(arch_trigger_divide_error(), VEC_DE, n);
}

static void invalid_opcode(void)
{
	unsigned long n = last_recovered_trap.count;

	expect_recovered(arch_trigger_invalid_opcode(), VEC_UD, n);
}

static void breakpoint(void)
{
	unsigned long n = last_recovered_trap.count;

	expect_recovered(arch_trigger_breakpoint(), VEC_BP, n);
}

static void page_fault_unmapped(void)
{
	unsigned long n = last_recovered_trap.count;

	expect_recovered(arch_trigger_page_fault(UNMAPPED_ADDR), VEC_PF, n);
	KEXPECT_EQ(last_recovered_trap.cr2, UNMAPPED_ADDR);
	KEXPECT_EQ(last_recovered_trap.error & (PF_PRESENT | PF_WRITE), 0);
}

static void general_protection(void)
{
	unsigned long n = last_recovered_trap.count;

	expect_recovered(arch_trigger_page_fault(NONCANONICAL_ADDR), VEC_GP,
			 n);
}

static void page_fault_null(void)
{
	unsigned long n = last_recovered_trap.count;

	expect_recovered(arch_trigger_page_fault(0), VEC_PF, n);
	KEXPECT_EQ(last_recovered_trap.cr2, 0);
}

static void text_not_writable(void)
{
	unsigned long n = last_recovered_trap.count;
	unsigned long addr = (unsigned long)__text_start + 64;

	expect_recovered(arch_trigger_write(addr), VEC_PF, n);
	KEXPECT_EQ(last_recovered_trap.cr2, addr);
	KEXPECT_EQ(last_recovered_trap.error & (PF_PRESENT | PF_WRITE),
		   PF_PRESENT | PF_WRITE);
}

static void rodata_not_writable(void)
{
	static const char constant[] = "read only";
	unsigned long n = last_recovered_trap.count;

	expect_recovered(arch_trigger_write((unsigned long)constant), VEC_PF,
			 n);
	KEXPECT_EQ(constant[0], 'r');
}

static void data_writable(void)
{
	static char variable[8];

	KEXPECT_EQ(arch_trigger_write((unsigned long)variable), -1);
}

/* The CPU protections the CPU offers are on. */
static void cpu_protections(void)
{
	uint32_t a, b, c, d, max;
	uint64_t cr4 = read_cr4();

	cpuid(0, 0, &max, &b, &c, &d);
	if (max < 7) {
		ktest_skip("no CPUID leaf 7");
		return;
	}
	cpuid(7, 0, &a, &b, &c, &d);
	KEXPECT_EQ(!!(cr4 & CR4_SMEP), !!(b & CPUID7_EBX_SMEP));
	KEXPECT_EQ(!!(cr4 & CR4_SMAP), !!(b & CPUID7_EBX_SMAP));
	KEXPECT_EQ(!!(cr4 & CR4_UMIP), !!(c & CPUID7_ECX_UMIP));
	ktest_log("SMEP %s, SMAP %s, UMIP %s", cr4 & CR4_SMEP ? "on" : "-",
		  cr4 & CR4_SMAP ? "on" : "-", cr4 & CR4_UMIP ? "on" : "-");
}

/* User segments exist for SYSRET, and ring changes land on our stack. */
static void user_segments_and_rsp0(void)
{
	uint64_t ucs = gdt_entry(USER_CS), uds = gdt_entry(USER_DS);

	KEXPECT(ucs & (1ULL << 47));			/* present */
	KEXPECT_EQ((ucs >> 45) & 3, 3);			/* DPL 3 */
	KEXPECT(ucs & (1ULL << 53));			/* 64-bit code */
	KEXPECT(ucs & (1ULL << 43));			/* executable */
	KEXPECT_EQ((uds >> 45) & 3, 3);
	KEXPECT(!(uds & (1ULL << 43)));			/* data */
	KEXPECT_EQ(USER_CS - 16, USER_DS - 8);		/* SYSRET order */
	KEXPECT_EQ(tss_get_rsp0(), (uint64_t)current->kstack + KSTACK_SIZE);
}

static const struct ktest_case trap_cases[] = {
	KTEST_CASE(divide_error),
	KTEST_CASE(invalid_opcode),
	KTEST_CASE(breakpoint),
	KTEST_CASE(page_fault_unmapped),
	KTEST_CASE(page_fault_null),
	KTEST_CASE(general_protection),
	KTEST_CASE(text_not_writable),
	KTEST_CASE(rodata_not_writable),
	KTEST_CASE(data_writable),
	KTEST_CASE(cpu_protections),
	KTEST_CASE(user_segments_and_rsp0),
};

const struct ktest_suite ktest_traps = KTEST_SUITE("traps", trap_cases);
