/* Host tests of days_from_civil() (kernel/civil_time.c). */
#include <stdint.h>
#include <time.h>
#include "unittest.h"

TEST(epoch_is_day_zero)
{
	EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
	EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
	EXPECT_EQ(days_from_civil(1970, 3, 1), 59);
}

TEST(known_dates)
{
	/* 2000-03-01: 11017 days; 2026-11-25: 20782 days. */
	EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
	EXPECT_EQ(days_from_civil(2026, 11, 25), 20782);
	EXPECT_EQ(days_from_civil(2038, 1, 19), 24855);
}

TEST(leap_years)
{
	/* 2000 is a leap year, 1900 and 2100 are not. */
	EXPECT_EQ(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28), 2);
	EXPECT_EQ(days_from_civil(2100, 3, 1) - days_from_civil(2100, 2, 28), 1);
	EXPECT_EQ(days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28), 1);
	EXPECT_EQ(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28), 2);
}

TEST(consecutive_days_count_up)
{
	/* Walk 400 years day by day; each date is the one after. */
	static const unsigned int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31,
					      30, 31, 30, 31 };
	int64_t expect = days_from_civil(1900, 1, 1);
	int bad = 0;

	for (int y = 1900; y < 2300; y++) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

		for (unsigned int m = 1; m <= 12; m++) {
			unsigned int n = mdays[m - 1] + (m == 2 && leap);

			for (unsigned int d = 1; d <= n; d++)
				bad += days_from_civil(y, m, d) != expect++;
		}
	}
	EXPECT_EQ(bad, 0);
}
