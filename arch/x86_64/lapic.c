/*
 * The local APIC's timer, as a one-shot event source: the scheduler arms
 * it for the earliest sleeper's deadline, so a sleep ends when it should
 * rather than at the next 10 ms tick. The PIC keeps delivering the ISA
 * interrupts (through LINT0 in virtual-wire mode, as the firmware left
 * it); SMP will move them to the I/O APIC.
 * Intel SDM vol. 3A, 10.4 (local APIC), 10.5.4 (APIC timer).
 */
#include <arch.h>
#include <mm.h>
#include <printk.h>
#include <time.h>
#include <arch/cpu.h>
#include <arch/pit.h>
#include <arch/traps.h>

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_ENABLE	(1ULL << 11)
#define APIC_BASE_ADDR		0xfffff000UL
#define CPUID_1_EDX_APIC	(1U << 9)

#define LAPIC_EOI		0x0b0
#define LAPIC_SVR		0x0f0
#define LAPIC_LVT_TIMER		0x320
#define LAPIC_TIMER_INIT	0x380
#define LAPIC_TIMER_CURRENT	0x390
#define LAPIC_TIMER_DIVIDE	0x3e0

#define SVR_ENABLE		(1U << 8)
#define LVT_MASKED		(1U << 16)
#define TIMER_DIVIDE_16		0x3
#define CALIBRATE_PIT_TICKS	(PIT_HZ / 500)	/* 2 ms */

static volatile uint32_t *lapic;
static uint64_t timer_hz;		/* timer counts per second */

static uint32_t lapic_read(unsigned int reg)
{
	return lapic[reg / 4];
}

static void lapic_write(unsigned int reg, uint32_t v)
{
	lapic[reg / 4] = v;
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

bool arch_timer_oneshot(uint64_t ns)
{
	uint64_t counts = ns * (timer_hz / 1000) / 1000000 + 1;

	if (counts > 0xffffffffULL)
		counts = 0xffffffffULL;
	if (!timer_hz)
		return false;
	lapic_write(LAPIC_LVT_TIMER, VEC_LAPIC_TIMER);	/* one-shot */
	lapic_write(LAPIC_TIMER_INIT, (uint32_t)counts);
	return true;
}

void arch_timer_init(void)
{
	uint32_t a, b, c, d;
	uint64_t base, start, left;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & CPUID_1_EDX_APIC)) {
		pr_warn("lapic: no local APIC; sleeps end at timer ticks\n");
		return;
	}
	base = rdmsr(MSR_APIC_BASE);
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = phys_to_virt(base & APIC_BASE_ADDR);
	lapic_write(LAPIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_16);

	/* Count down from the top for 2 ms of PIT channel 2. */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_LAPIC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	start = lapic_read(LAPIC_TIMER_CURRENT);
	pit_measure_tsc(CALIBRATE_PIT_TICKS);
	left = lapic_read(LAPIC_TIMER_CURRENT);
	lapic_write(LAPIC_TIMER_INIT, 0);
	timer_hz = (start - left) * PIT_HZ / CALIBRATE_PIT_TICKS;
	if (!timer_hz) {
		pr_warn("lapic: timer does not count; not used\n");
		return;
	}
	pr_info("lapic: at %#lx, timer %lu kHz (divide by 16)\n",
		base & APIC_BASE_ADDR, timer_hz / 1000);
}
