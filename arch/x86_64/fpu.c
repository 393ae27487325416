/*
 * FPU/SSE/AVX register state for the tasks that use it (user tasks, and
 * kernel threads that ask): saved and restored eagerly at every switch
 * with xsave/xrstor (fxsave/fxrstor on CPUs without XSAVE). The kernel
 * itself never touches these registers (-mgeneral-regs-only), so a task
 * without state needs nothing. Eager rather than lazy: no #NM trap on
 * first use after each switch, and no window in which one task's
 * registers sit in the CPU while another runs (the LazyFP leak).
 * Intel SDM vol. 1, 13 (XSAVE), vol. 2 (FXSAVE); vol. 3A, 2.5 (CR0/CR4).
 */
#include <arch.h>
#include <printk.h>
#include <lib/string.h>
#include <arch/cpu.h>

#define CR0_MP			(1UL << 1)
#define CR0_EM			(1UL << 2)
#define CR0_TS			(1UL << 3)
#define CR4_OSFXSR		(1UL << 9)
#define CR4_OSXMMEXCPT		(1UL << 10)
#define CR4_OSXSAVE		(1UL << 18)
#define CPUID_1_ECX_XSAVE	(1U << 26)
#define XCR0_X87_SSE_AVX	0x7ULL
#define FXSAVE_SIZE		512
#define FX_FCW_OFFSET		0	/* x87 control word */
#define FX_MXCSR_OFFSET		24
#define FCW_DEFAULT		0x037f	/* all x87 exceptions masked */
#define MXCSR_DEFAULT		0x1f80	/* all SSE exceptions masked */

#define FX_MXCSR_MASK_OFFSET	28
#define XSAVE_HEADER_OFFSET	512
#define XSAVE_HEADER_SIZE	64

static bool use_xsave;
static uint32_t mxcsr_mask = 0xffbf;	/* without DAZ, the SDM's default */
static uint64_t xcr0;
static size_t state_size = FXSAVE_SIZE;

static uint64_t read_xcr0_supported(void)
{
	uint32_t a, b, c, d;

	cpuid(0xd, 0, &a, &b, &c, &d);
	return ((uint64_t)d << 32 | a) & XCR0_X87_SSE_AVX;
}

void fpu_init(void)
{
	uint32_t a, b, c, d;
	uint64_t cr0 = read_cr0(), cr4 = read_cr4();

	cr0 = (cr0 | CR0_MP) & ~(CR0_EM | CR0_TS);
	cr4 |= CR4_OSFXSR | CR4_OSXMMEXCPT;
	cpuid(1, 0, &a, &b, &c, &d);
	use_xsave = c & CPUID_1_ECX_XSAVE;
	if (use_xsave)
		cr4 |= CR4_OSXSAVE;
	write_cr0(cr0);
	write_cr4(cr4);
	if (use_xsave) {
		xcr0 = read_xcr0_supported();
		__asm__ __volatile__("xsetbv" : : "c"(0), "a"((uint32_t)xcr0),
				     "d"((uint32_t)(xcr0 >> 32)));
		/* EBX: the size for the features enabled in XCR0 now. */
		cpuid(0xd, 0, &a, &b, &c, &d);
		state_size = b;
	}
	__asm__ __volatile__("fninit");
	{
		static uint8_t probe[FXSAVE_SIZE] __aligned(16);
		uint32_t m;

		__asm__ __volatile__("fxsave64 %0" : "=m"(probe));
		memcpy(&m, probe + FX_MXCSR_MASK_OFFSET, sizeof(m));
		if (m)
			mxcsr_mask = m;
	}
}

/*
 * Make a state that came from user memory (rt_sigreturn) safe to load:
 * MXCSR bits the CPU lacks and XSAVE header fields it would refuse make
 * fxrstor/xrstor fault, so they are cleared as Linux does.
 */
void arch_fpu_state_sanitize(void *area)
{
	uint8_t *p = area;
	uint32_t mxcsr;

	memcpy(&mxcsr, p + FX_MXCSR_OFFSET, sizeof(mxcsr));
	mxcsr &= mxcsr_mask;
	memcpy(p + FX_MXCSR_OFFSET, &mxcsr, sizeof(mxcsr));
	if (use_xsave) {
		uint64_t bv;

		memcpy(&bv, p + XSAVE_HEADER_OFFSET, sizeof(bv));
		bv &= xcr0;
		memset(p + XSAVE_HEADER_OFFSET, 0, XSAVE_HEADER_SIZE);
		memcpy(p + XSAVE_HEADER_OFFSET, &bv, sizeof(bv));
	}
}

size_t arch_fpu_state_size(void)
{
	return state_size;
}

/* The state of a fresh task: x87 and SSE exceptions masked, all zero. */
void arch_fpu_state_init(void *area)
{
	uint8_t *p = area;
	uint16_t fcw = FCW_DEFAULT;
	uint32_t mxcsr = MXCSR_DEFAULT;

	memset(area, 0, state_size);
	memcpy(p + FX_FCW_OFFSET, &fcw, sizeof(fcw));
	memcpy(p + FX_MXCSR_OFFSET, &mxcsr, sizeof(mxcsr));
	/* XSAVE header zero: only the legacy area (x87, SSE) is loaded. */
}

void arch_fpu_save(void *area)
{
	if (use_xsave)
		__asm__ __volatile__("xsave64 (%0)" : : "r"(area),
				     "a"((uint32_t)xcr0),
				     "d"((uint32_t)(xcr0 >> 32)) : "memory");
	else
		__asm__ __volatile__("fxsave64 (%0)" : : "r"(area) : "memory");
}

void arch_fpu_restore(const void *area)
{
	if (use_xsave)
		__asm__ __volatile__("xrstor64 (%0)" : : "r"(area),
				     "a"((uint32_t)xcr0),
				     "d"((uint32_t)(xcr0 >> 32)) : "memory");
	else
		__asm__ __volatile__("fxrstor64 (%0)" : : "r"(area) : "memory");
}

/* For the scheduler's test: the low half of xmm0, set and read. */
void arch_fpu_test_set(uint64_t v)
{
	__asm__ __volatile__("movq %0, %%xmm0" : : "r"(v));
}

uint64_t arch_fpu_test_get(void)
{
	uint64_t v;

	__asm__ __volatile__("movq %%xmm0, %0" : "=r"(v));
	return v;
}
