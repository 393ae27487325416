/*
 * Kernel time: the 100 Hz tick (jiffies) from the PIT, a monotonic
 * nanosecond clock from the TSC calibrated against PIT channel 2, and the
 * wall clock read once from the CMOS RTC (drivers/rtc.c). The scheduler
 * issue adds timers on top of this.
 */
#include <arch.h>
#include <console.h>
#include <irq.h>
#include <printk.h>
#include <sched.h>
#include <process.h>
#include <time.h>
#include <arch/pit.h>

#define CALIBRATE_MS		2	/* one window; three are taken */
#define CALIBRATE_ROUNDS	3

volatile uint64_t jiffies;

static uint64_t tsc_hz;
static uint64_t tsc_mult;	/* ns = tsc * mult >> 32 */
static uint64_t boot_epoch;	/* RTC seconds at boot_epoch_ns */
static uint64_t boot_epoch_ns;

uint64_t tsc_to_ns(uint64_t delta)
{
	return (uint64_t)(((unsigned __int128)delta * tsc_mult) >> 32);
}

uint64_t ktime_get_ns(void)
{
	if (!tsc_mult)
		return 0;
	return tsc_to_ns(arch_read_tsc() - boot_tsc);
}

uint64_t ktime_get_real_seconds(void)
{
	if (!boot_epoch)
		return 0;
	return boot_epoch + (ktime_get_ns() - boot_epoch_ns) / NSEC_PER_SEC;
}

uint64_t tsc_khz(void)
{
	return tsc_hz / 1000;
}

uint64_t ktime_get_real_ns(void)
{
	return boot_epoch * NSEC_PER_SEC + (ktime_get_ns() - boot_epoch_ns);
}

void udelay(uint64_t us)
{
	if (!tsc_hz) {
		/* Before calibration: PIT windows of at most 50 ms. */
		while (us) {
			uint64_t chunk = us > 50000 ? 50000 : us;

			pit_measure_tsc(chunk * PIT_HZ / 1000000 + 1);
			us -= chunk;
		}
		return;
	}
	uint64_t end = arch_read_tsc() + us * tsc_hz / 1000000;

	while (arch_read_tsc() < end)
		arch_cpu_relax();
}

void mdelay(uint64_t ms)
{
	udelay(ms * 1000);
}

static void timer_tick(unsigned int irq, void *data)
{
	jiffies++;
	sched_tick();
	itimer_tick(ktime_get_ns());
	console_flush();
}

static uint64_t median3(uint64_t a, uint64_t b, uint64_t c)
{
	if (a > b) {
		uint64_t t = a;

		a = b;
		b = t;
	}
	if (b > c)
		b = c;
	return a > b ? a : b;
}

static void tsc_calibrate(void)
{
	uint16_t ticks = PIT_HZ * CALIBRATE_MS / 1000;
	uint64_t s[CALIBRATE_ROUNDS];

	for (int i = 0; i < CALIBRATE_ROUNDS; i++)
		s[i] = pit_measure_tsc(ticks);
	uint64_t cycles = median3(s[0], s[1], s[2]);

	tsc_hz = cycles * PIT_HZ / ticks;
	if (tsc_hz < 1000000) {
		/* A TSC this slow (or stopped) is broken; keep time going. */
		pr_warn("tsc: calibration gave %lu Hz; assuming 1 GHz\n",
			tsc_hz);
		tsc_hz = 1000000000;
	}
	tsc_mult = (uint64_t)(((unsigned __int128)NSEC_PER_SEC << 32) /
			      tsc_hz);
	pr_info("tsc: %lu.%03lu MHz, calibrated against the PIT%s\n",
		tsc_hz / 1000000, tsc_hz / 1000 % 1000,
		arch_cpu_has_invariant_tsc() ? " (invariant)" : "");
}

void time_init(void)
{
	tsc_calibrate();
	pit_start_periodic(HZ);
	if (irq_register(IRQ_PIT, timer_tick, NULL))
		pr_err("time: cannot register the timer interrupt\n");

	arch_timer_init();
	boot_epoch = rtc_read_epoch();
	boot_epoch_ns = ktime_get_ns();
}
