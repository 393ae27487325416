/*
 * The arithmetic of fair scheduling, pure and host-tested
 * (tests/unit/test_sched_math.c): nice levels to weights, and CPU time to
 * virtual runtime. kernel/sched.c uses them.
 */
#include <sched.h>

#define NICE_0_WEIGHT		1024

/*
 * Linux's nice-to-weight table: each nice step is about 10 % of CPU time,
 * a factor of 1.25 in weight; nice 0 is 1024.
 */
static const unsigned long nice_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
	110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
};

unsigned long nice_to_weight(int nice)
{
	if (nice < NICE_MIN)
		nice = NICE_MIN;
	if (nice > NICE_MAX)
		nice = NICE_MAX;
	return nice_weight[nice - NICE_MIN];
}

/* Weighted runtime: @delta ns at @weight, in nice-0 ns. */
uint64_t vruntime_delta(uint64_t delta, unsigned long weight)
{
	if (weight == NICE_0_WEIGHT)
		return delta;
	/* 64 bits hold 208 days of one unaccounted run: plenty. */
	if (delta > UINT64_MAX / NICE_0_WEIGHT)
		delta = UINT64_MAX / NICE_0_WEIGHT;
	return delta * NICE_0_WEIGHT / weight;
}

/*
 * One step of the load average, every LOAD_FREQ: an exponentially
 * decaying mean of the number of runnable tasks, in fixed point with
 * FSHIFT fraction bits. @exp is e^(-5s/period) in the same fixed point.
 */
unsigned long calc_load(unsigned long load, unsigned long exp,
			unsigned long active)
{
	unsigned long newload = load * exp + active * (LOAD_FIXED_1 - exp);

	/* Round up while rising so a steady load is reached, not 0.99 of it. */
	if (active >= load)
		newload += LOAD_FIXED_1 - 1;
	return newload / LOAD_FIXED_1;
}
