/*
 * Time (kernel/time.c, arch/x86_64/pit.c, tsc.c, drivers/rtc.c):
 * a 100 Hz tick from the PIT, a monotonic nanosecond clock from the TSC
 * calibrated against the PIT, and wall-clock time read once from the RTC.
 */
#ifndef TIME_H
#define TIME_H

#include <stdint.h>

#define HZ		100
#define NSEC_PER_SEC	1000000000UL
#define NSEC_PER_MSEC	1000000UL
#define NSEC_PER_USEC	1000UL

/* Ticks since the timer started. */
extern volatile uint64_t jiffies;

/* Nanoseconds since kernel entry; monotonic. 0 before calibration. */
uint64_t ktime_get_ns(void);
/* TSC ticks converted to ns with the calibrated frequency. */
uint64_t tsc_to_ns(uint64_t tsc_delta);

/* Seconds since 1970-01-01 UTC when the RTC was read, plus elapsed time. */
uint64_t ktime_get_real_seconds(void);
/* CLOCK_REALTIME in ns since the epoch (the RTC at boot, then the TSC). */
uint64_t ktime_get_real_ns(void);
/* The TSC's rate (/proc/cpuinfo). */
uint64_t tsc_khz(void);

/* Busy-wait (only before the scheduler exists, and in drivers' resets). */
void udelay(uint64_t us);
void mdelay(uint64_t ms);

void time_init(void);		/* PIT, tick, TSC calibration, RTC */

/* Read the CMOS RTC; returns seconds since the epoch, or 0 when invalid. */
uint64_t rtc_read_epoch(void);
/* Days from civil date (pure helper for the RTC and tests). */
int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d);

#endif
