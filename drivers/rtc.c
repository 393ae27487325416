/*
 * The CMOS real-time clock, read once at boot for the wall-clock time.
 * Handles BCD or binary registers and the 12-hour format, waits out an
 * update in progress, and reads twice until two reads agree.
 * Motorola MC146818A datasheet; register B bits as on the PC/AT.
 */
#include <printk.h>
#include <time.h>
#include <arch/io.h>
#include <lib/string.h>
#include <stdbool.h>

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define CMOS_NMI_OFF	0x80	/* keep NMIs disabled while indexing */

#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_STATUS_A	0x0a
#define RTC_STATUS_B	0x0b
#define RTC_CENTURY	0x32	/* the usual place; the FADT may say */

#define STATUS_A_UIP	0x80	/* update in progress */
#define STATUS_B_24H	0x02
#define STATUS_B_BIN	0x04
#define HOURS_PM	0x80

#define RTC_MAX_TRIES	1000

struct rtc_time {
	uint8_t sec, min, hour, day, mon, year, century;
};

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	return inb(CMOS_DATA);
}

static int rtc_read_raw(struct rtc_time *t)
{
	int tries = RTC_MAX_TRIES;

	while ((cmos_read(RTC_STATUS_A) & STATUS_A_UIP) && --tries)
		;
	if (!tries)
		return -1;
	t->sec = cmos_read(RTC_SECONDS);
	t->min = cmos_read(RTC_MINUTES);
	t->hour = cmos_read(RTC_HOURS);
	t->day = cmos_read(RTC_DAY);
	t->mon = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
	t->century = cmos_read(RTC_CENTURY);
	return 0;
}

static uint8_t bcd(uint8_t v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

uint64_t rtc_read_epoch(void)
{
	struct rtc_time a, b;
	int tries = 5;

	if (rtc_read_raw(&a))
		goto bad;
	do {
		b = a;
		if (rtc_read_raw(&a))
			goto bad;
	} while (memcmp(&a, &b, sizeof(a)) && --tries);

	uint8_t status_b = cmos_read(RTC_STATUS_B);
	bool pm = a.hour & HOURS_PM;

	a.hour &= ~HOURS_PM;
	if (!(status_b & STATUS_B_BIN)) {
		a.sec = bcd(a.sec);
		a.min = bcd(a.min);
		a.hour = bcd(a.hour);
		a.day = bcd(a.day);
		a.mon = bcd(a.mon);
		a.year = bcd(a.year);
		a.century = bcd(a.century);
	}
	if (!(status_b & STATUS_B_24H))
		a.hour = (a.hour % 12) + (pm ? 12 : 0);

	unsigned int year = (a.century >= 19 && a.century <= 30) ?
			    a.century * 100 + a.year : 2000 + a.year;

	if (a.sec > 59 || a.min > 59 || a.hour > 23 || a.day < 1 ||
	    a.day > 31 || a.mon < 1 || a.mon > 12) {
		pr_warn("rtc: invalid time %u-%02u-%02u %02u:%02u:%02u; "
			"wall clock unset\n", year, a.mon, a.day, a.hour,
			a.min, a.sec);
		return 0;
	}
	pr_info("rtc: %u-%02u-%02u %02u:%02u:%02u UTC\n", year, a.mon, a.day,
		a.hour, a.min, a.sec);
	return (uint64_t)days_from_civil(year, a.mon, a.day) * 86400 +
	       a.hour * 3600 + a.min * 60 + a.sec;
bad:
	pr_warn("rtc: update-in-progress never cleared; wall clock unset\n");
	return 0;
}
