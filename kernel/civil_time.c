/*
 * Calendar arithmetic: days since 1970-01-01 for a proleptic Gregorian
 * date. Pure logic, used by the RTC driver and host-tested.
 */
#include <time.h>

/*
 * Count from 0000-03-01 so that the leap day is the last day of the
 * counted year; eras of 400 years repeat exactly (146097 days).
 */
int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;			/* [0, 399] */
	int64_t mp = m > 2 ? m - 3 : m + 9;		/* March = 0 */
	int64_t doy = (153 * mp + 2) / 5 + d - 1;	/* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;	/* 719468: 0000-03-01 to 1970 */
}
