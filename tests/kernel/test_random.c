/*
 * Random suite (kernel/random.c): requests differ and are not zero, bits
 * and byte values come out balanced, small requests fill exactly what
 * was asked, get_random_range() stays in range and reaches every value,
 * a large request is made in fresh chunks with interrupts let in and
 * reseeds past its byte budget, random_init() runs once, and ChaCha20
 * gives RFC 8439's block in the kernel build too.
 */
#include <ktest.h>
#include <random.h>
#include <time.h>
#include <vmalloc.h>
#include <lib/chacha20.h>
#include <lib/string.h>

#define BALANCE_BYTES	(64 * 1024)
#define LARGE_BYTES	(4096 * 1024 + 3)	/* four reseed budgets */
#define LARGE_PIECE	1024		/* the generator's chunk */
#define GUARD		0xa5

/* Population count without __builtin_popcount: that needs libgcc. */
static unsigned int popcount64(uint64_t w)
{
	unsigned int n = 0;

	for (; w; w &= w - 1)
		n++;
	return n;
}

static bool all_zero(const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i])
			return false;
	return true;
}

static void requests_differ(void)
{
	uint8_t a[32], b[32];

	get_random_bytes(a, sizeof(a));
	get_random_bytes(b, sizeof(b));
	KEXPECT(memcmp(a, b, sizeof(a)) != 0);
	KEXPECT(get_random_u64() != get_random_u64());
}

static void output_not_zero(void)
{
	uint8_t buf[4096];

	get_random_bytes(buf, sizeof(buf));
	/* Any 8 zero bytes in a row would be a 2^-64 event. */
	for (size_t i = 0; i < sizeof(buf); i += 8)
		KEXPECT(!all_zero(buf + i, 8));
}

/*
 * 64 KiB: 524288 bits, so one standard deviation of the count of ones
 * is 0.07 %; each byte value is expected 256 times, give or take 16.
 */
static void bits_and_bytes_balanced(void)
{
	uint8_t *buf = vmalloc(BALANCE_BYTES);
	static unsigned int seen[256];
	uint64_t ones = 0, w;
	unsigned int lo = ~0U, hi = 0;

	KEXPECT(buf != NULL);
	if (!buf)
		return;
	get_random_bytes(buf, BALANCE_BYTES);
	memset(seen, 0, sizeof(seen));
	for (size_t i = 0; i < BALANCE_BYTES; i += sizeof(w)) {
		memcpy(&w, buf + i, sizeof(w));
		ones += popcount64(w);
	}
	for (size_t i = 0; i < BALANCE_BYTES; i++)
		seen[buf[i]]++;
	for (int v = 0; v < 256; v++) {
		lo = MIN(lo, seen[v]);
		hi = MAX(hi, seen[v]);
	}
	ktest_log("%lu of %u bits set; each byte value %u to %u times",
		  ones, BALANCE_BYTES * 8, lo, hi);
	KEXPECT(ones * 100 >= (uint64_t)BALANCE_BYTES * 8 * 48);
	KEXPECT(ones * 100 <= (uint64_t)BALANCE_BYTES * 8 * 52);
	KEXPECT(lo >= 128);
	KEXPECT(hi <= 384);
	vfree(buf);
}

/*
 * Every length up to past the batch size fills exactly its bytes: the
 * byte after stays, and neither the first nor the last 16 are all left
 * as they were (a 2^-128 event for random bytes).
 */
static void small_requests_exact(void)
{
	static const uint8_t guards[16] = { [0 ... 15] = GUARD };
	uint8_t buf[256 + 1];

	get_random_bytes(buf, 0);
	for (size_t len = 0; len < sizeof(buf); len++) {
		memset(buf, GUARD, sizeof(buf));
		get_random_bytes(buf, len);
		KEXPECT_EQ(buf[len], GUARD);
		if (len < sizeof(guards))
			continue;
		KEXPECT(memcmp(buf, guards, sizeof(guards)) != 0);
		KEXPECT(memcmp(buf + len - sizeof(guards), guards,
			       sizeof(guards)) != 0);
	}
}

static void range_in_bounds(void)
{
	const unsigned long big = (1UL << 63) + 1;	/* worst bias case */
	bool hit[7] = { false };
	unsigned long over = 0, big_over = 0, one = 0, high = 0;

	for (int i = 0; i < 2000; i++) {
		unsigned long v = get_random_range(ARRAY_SIZE(hit));

		if (v < ARRAY_SIZE(hit))
			hit[v] = true;
		else
			over++;
		one += get_random_range(1);
	}
	for (int i = 0; i < 200; i++) {
		unsigned long v = get_random_range(big);

		big_over += v >= big;
		high += v >= big / 2;
	}
	KEXPECT_EQ(over, 0);
	KEXPECT_EQ(one, 0);
	KEXPECT_EQ(big_over, 0);
	/* About half of [0, 2^63] is its upper half: not stuck low. */
	KEXPECT(high > 50 && high < 150);
	KEXPECT_EQ(get_random_range(0), 0);
	for (size_t v = 0; v < ARRAY_SIZE(hit); v++)
		KEXPECT(hit[v]);
}

/*
 * A request of four reseed budgets (1 MiB each), at an odd address and
 * of an odd length: the bytes around it stay untouched, no 1 KiB piece
 * repeats the one before (a chunk that missed its new key would), the
 * key was reseeded three times on the way, and the timer kept ticking
 * while it ran (it takes 50 to 150 ms under TCG).
 */
static void large_request(void)
{
	uint8_t *buf = vmalloc(LARGE_BYTES + 2);
	uint64_t reseeds = random_reseed_count();
	unsigned long repeats = 0;

	KEXPECT(buf != NULL);
	if (!buf)
		return;
	memset(buf, GUARD, LARGE_BYTES + 2);
	uint64_t j0 = jiffies, t0 = ktime_get_ns();

	get_random_bytes(buf + 1, LARGE_BYTES);
	uint64_t ns = ktime_get_ns() - t0, ticks = jiffies - j0;

	ktest_log("%u bytes in %lu us, %lu ticks", LARGE_BYTES,
		  ns / NSEC_PER_USEC, ticks);
	KEXPECT_EQ(buf[0], GUARD);
	KEXPECT_EQ(buf[LARGE_BYTES + 1], GUARD);
	for (size_t off = 1 + LARGE_PIECE; off + LARGE_PIECE <= LARGE_BYTES;
	     off += LARGE_PIECE)
		repeats += !memcmp(buf + off - LARGE_PIECE, buf + off,
				   LARGE_PIECE);
	KEXPECT_EQ(repeats, 0);
	KEXPECT(!all_zero(buf + LARGE_BYTES - 63, 64));
	KEXPECT(random_reseed_count() >= reseeds + 3);
	/* Interrupts held off throughout would let one tick in at most. */
	if (ns >= 50 * NSEC_PER_MSEC)
		KEXPECT(ticks >= 3);
	else
		ktest_log("too fast to see ticks during the request");
	vfree(buf);
}

static void init_runs_once(void)
{
	uint64_t reseeds = random_reseed_count();

	random_init();
	KEXPECT_EQ(random_reseed_count(), reseeds);
}

/* RFC 8439, 2.3.2, as the kernel's compiler flags build ChaCha20. */
static void chacha20_rfc_block(void)
{
	static const uint8_t nonce[CHACHA20_NONCE_SIZE] = {
		0, 0, 0, 0x09, 0, 0, 0, 0x4a, 0, 0, 0, 0,
	};
	static const uint8_t want[CHACHA20_BLOCK_SIZE] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
		0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
		0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03,
		0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e,
		0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09,
		0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2,
		0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9,
		0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
	};
	uint8_t key[CHACHA20_KEY_SIZE], out[CHACHA20_BLOCK_SIZE];

	for (int i = 0; i < CHACHA20_KEY_SIZE; i++)
		key[i] = i;
	chacha20_block(key, 1, nonce, out);
	KEXPECT(memcmp(out, want, sizeof(out)) == 0);
}

static const struct ktest_case random_cases[] = {
	KTEST_CASE(requests_differ),
	KTEST_CASE(output_not_zero),
	KTEST_CASE(bits_and_bytes_balanced),
	KTEST_CASE(small_requests_exact),
	KTEST_CASE(range_in_bounds),
	KTEST_CASE(large_request),
	KTEST_CASE(init_runs_once),
	KTEST_CASE(chacha20_rfc_block),
};

const struct ktest_suite ktest_random = KTEST_SUITE("random", random_cases);
