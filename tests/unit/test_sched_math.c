/* Host tests of the fair scheduler's arithmetic (kernel/sched_math.c). */
#include <sched.h>
#include "unittest.h"

TEST(weights_follow_linux_table)
{
	EXPECT_EQ(nice_to_weight(0), 1024);
	EXPECT_EQ(nice_to_weight(-20), 88761);
	EXPECT_EQ(nice_to_weight(19), 15);
	EXPECT_EQ(nice_to_weight(5), 335);
	/* Out of range is clamped, never read past the table. */
	EXPECT_EQ(nice_to_weight(-100), 88761);
	EXPECT_EQ(nice_to_weight(100), 15);
}

TEST(each_nice_step_is_about_a_quarter)
{
	for (int n = NICE_MIN; n < NICE_MAX; n++) {
		unsigned long a = nice_to_weight(n), b = nice_to_weight(n + 1);

		/* Ratio between 1.15 and 1.35 (about 1.25). */
		EXPECT(a * 100 >= b * 115 && a * 100 <= b * 135);
	}
}

TEST(vruntime_scales_inversely_with_weight)
{
	EXPECT_EQ(vruntime_delta(1000000, 1024), 1000000);
	EXPECT_EQ(vruntime_delta(1000000, 2048), 500000);
	EXPECT_EQ(vruntime_delta(1000000, 512), 2000000);
	/* nice 5 runs 3.06x slower in virtual time than nice 0. */
	EXPECT_EQ(vruntime_delta(335, 335), 1024);
	EXPECT_EQ(vruntime_delta(0, 15), 0);
}

TEST(vruntime_does_not_overflow)
{
	uint64_t huge = vruntime_delta(UINT64_MAX, 15);

	/* Clamped, not wrapped to a small number. */
	EXPECT(huge > (UINT64_MAX / 1024) * 60);
	EXPECT(vruntime_delta(UINT64_MAX, 88761) <= UINT64_MAX / 1024);
}

TEST(fair_shares_from_the_weights)
{
	/*
	 * Two tasks charged in turns so their virtual runtimes stay equal
	 * get real time in the ratio of their weights.
	 */
	uint64_t va = 0, vb = 0, ra = 0, rb = 0;

	for (int i = 0; i < 100000; i++) {
		if (va <= vb) {
			va += vruntime_delta(100000, nice_to_weight(0));
			ra += 100000;
		} else {
			vb += vruntime_delta(100000, nice_to_weight(5));
			rb += 100000;
		}
	}
	/* 1024 / 335 = 3.057; allow the granularity of the turns. */
	EXPECT(ra * 1000 / rb >= 3000 && ra * 1000 / rb <= 3100);
}

TEST(load_average_converges)
{
	unsigned long one = 0, fifteen = 0;

	/* Two runnable tasks for 10 minutes (120 steps of 5 s). */
	for (int i = 0; i < 120; i++) {
		one = calc_load(one, LOAD_EXP_1, 2 * LOAD_FIXED_1);
		fifteen = calc_load(fifteen, LOAD_EXP_15, 2 * LOAD_FIXED_1);
	}
	/* The 1-minute average reaches 2.00 (rounding up while rising). */
	EXPECT_EQ(one, 2 * LOAD_FIXED_1);
	/* 15-minute average: 2 * (1 - e^-(10/15)) = 0.973, within 0.02. */
	EXPECT(fifteen > LOAD_FIXED_1 * 953 / 1000);
	EXPECT(fifteen < LOAD_FIXED_1 * 993 / 1000);
	/* Then idle for 5 minutes: the 1-minute average decays under 0.02. */
	for (int i = 0; i < 60; i++)
		one = calc_load(one, LOAD_EXP_1, 0);
	EXPECT(one < LOAD_FIXED_1 / 50);
}
