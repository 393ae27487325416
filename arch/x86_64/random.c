/*
 * The CPU's random number instructions behind include/arch.h: RDSEED
 * (conditioned entropy, meant for seeding) and RDRAND (the output of the
 * on-chip DRBG that RDSEED's source reseeds). kernel/random.c mixes what
 * they return into its ChaCha20 generator and never hands it out as is.
 * Intel SDM vol. 2B, RDRAND and RDSEED; Intel's DRNG software
 * implementation guide, 5.2, for the retries.
 */
#include <arch.h>
#include <printk.h>
#include <arch/cpu.h>

#define CPUID1_ECX_RDRAND	(1U << 30)	/* SDM vol. 2A, CPUID.01H */
#define CPUID7_EBX_RDSEED	(1U << 18)	/* SDM vol. 2A, CPUID.07H */

/*
 * RDRAND fails (CF = 0) only while the DRBG is drained: ten failures in a
 * row mean a broken unit. RDSEED waits on the entropy source itself and
 * runs dry under load, so it gets a pause between its tries.
 */
#define RDRAND_RETRIES		10
#define RDSEED_RETRIES		32
/* Values read at detection to reject a unit that repeats itself. */
#define RDRAND_SELFTEST_READS	8

#define HAVE_RDRAND	(1 << 0)
#define HAVE_RDSEED	(1 << 1)
#define FEATURES_KNOWN	(1 << 2)

/* Written once, before or by the first caller; any race writes the same. */
static int rng_features;

static bool rdrand_once(uint64_t *v)
{
	bool ok;

	__asm__ __volatile__("rdrand %0" : "=r"(*v), "=@ccc"(ok));
	return ok;
}

static bool rdseed_once(uint64_t *v)
{
	bool ok;

	__asm__ __volatile__("rdseed %0" : "=r"(*v), "=@ccc"(ok));
	return ok;
}

static bool rdrand_retry(uint64_t *v)
{
	for (int i = 0; i < RDRAND_RETRIES; i++)
		if (rdrand_once(v))
			return true;
	return false;
}

/*
 * Some AMD parts have returned success with the same value (all ones)
 * for ever after a suspend; a unit that fails or repeats itself during
 * a few reads is treated as absent.
 */
static bool rdrand_selftest(void)
{
	uint64_t first, v;
	bool differs = false;

	if (!rdrand_retry(&first))
		return false;
	for (int i = 1; i < RDRAND_SELFTEST_READS; i++) {
		if (!rdrand_retry(&v))
			return false;
		differs |= v != first;
	}
	return differs;
}

static int detect_features(void)
{
	uint32_t max, a, b, c, d;
	int f = FEATURES_KNOWN;

	cpuid(0, 0, &max, &b, &c, &d);
	cpuid(1, 0, &a, &b, &c, &d);
	if (c & CPUID1_ECX_RDRAND) {
		if (rdrand_selftest())
			f |= HAVE_RDRAND;
		else
			pr_warn("random: RDRAND fails its self-test; not "
				"used\n");
	}
	if (max >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		if (b & CPUID7_EBX_RDSEED)
			f |= HAVE_RDSEED;
	}
	return f;
}

static int features(void)
{
	int f = READ_ONCE(rng_features);

	if (!f) {
		f = detect_features();
		WRITE_ONCE(rng_features, f);
	}
	return f;
}

bool arch_get_random_u64(uint64_t *v)
{
	return (features() & HAVE_RDRAND) && rdrand_retry(v);
}

bool arch_get_random_seed_u64(uint64_t *v)
{
	if (!(features() & HAVE_RDSEED))
		return false;
	for (int i = 0; i < RDSEED_RETRIES; i++) {
		if (rdseed_once(v))
			return true;
		arch_cpu_relax();
	}
	return false;
}
