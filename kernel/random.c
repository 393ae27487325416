/*
 * The kernel's random number generator (include/random.h), built on the
 * ChaCha20 block function of lib/chacha20.c. The CPU's RDSEED and RDRAND
 * come through arch/x86_64/random.c; getrandom(2) and AT_RANDOM will
 * call get_random_bytes(). docs/random.md has the overview.
 *
 * Construction. Let F(k, t) be the first 32 bytes of ChaCha20 block 0
 * under key k with nonce t (a domain tag). ChaCha20 is a PRF of its key:
 * without k, F(k, t) is unpredictable, and k cannot be recovered from it.
 *
 *   absorb(pool, input): cut the input into 32-byte pieces m1..mn (the
 *     last one zero-padded) and for each in turn set
 *     pool = F(pool ^ mi, MIX with the piece's length). Each step is a
 *     full ChaCha20 evaluation, so hundreds of low-entropy jitter samples
 *     add up instead of cancelling or piling into a few bit positions, as
 *     they would if simply XOR-folded into 32 bytes.
 *   reseed: key = F(key ^ pool, RESEED); pool = 0. Entropy waits in the
 *     pool and enters the key all at once, so an attacker who learned
 *     the key once cannot follow small additions by guessing each.
 *   generate(out): the keystream under key with nonce OUTPUT, blocks 1
 *     on into out; then key = the first 32 bytes of block 0. This is
 *     fast key erasure: the key that produced an output is gone before
 *     the output is returned, so reading the state later does not give
 *     away what was handed out before.
 *
 * Requests of up to RANDOM_BATCH bytes (get_random_u64() and friends) are
 * served from a batch made by one generate() and wiped as it is handed
 * out; larger ones are generated straight into the caller's buffer, in
 * chunks of RANDOM_CHUNK bytes with the lock dropped (and interrupts let
 * in) between chunks, each chunk under a fresh key.
 *
 * Seeding (random_init()): up to SEED_WORDS values from RDSEED and from
 * RDRAND, JITTER_SAMPLES TSC differences around a small loop whose length
 * depends on the previous difference, the boot TSC and the RTC time, all
 * absorbed and then reseeded into the key. Afterwards the key is reseeded
 * with RDRAND output and whatever random_add_entropy() gathered every
 * RESEED_BYTES of output or RESEED_INTERVAL_NS, whichever comes first.
 */
#include <arch.h>
#include <printk.h>
#include <random.h>
#include <spinlock.h>
#include <time.h>
#include <lib/chacha20.h>
#include <lib/string.h>

#define RANDOM_KEY_SIZE		CHACHA20_KEY_SIZE
/* Three blocks, plus one for the next key, serve 24 u64s. */
#define RANDOM_BATCH		(3 * CHACHA20_BLOCK_SIZE)
/* Interrupts stay off for one chunk: 17 blocks, microseconds. */
#define RANDOM_CHUNK		1024
#define RESEED_BYTES		(1024 * 1024)
#define RESEED_INTERVAL_NS	(60 * NSEC_PER_SEC)
#define RESEED_WORDS		4	/* RDRAND values at each reseed */

#define SEED_WORDS		8	/* from each of RDSEED and RDRAND */
#define JITTER_SAMPLES		512
#define JITTER_MIN_SPINS	16
#define JITTER_SPIN_SLOTS	16	/* loop lengths, a power of two */

/* Domain tags, the first nonce word: each use of F gets its own. */
enum random_domain {
	DOMAIN_OUTPUT = 1,
	DOMAIN_MIX,
	DOMAIN_RESEED,
};

/*
 * Lock legend: rng.lock, taken with interrupts saved and off, guards
 * every field but seeded, which is also read without it (a stale false
 * only makes a caller seed once more, which is harmless).
 */
static struct {
	struct spinlock lock;
	uint8_t key[RANDOM_KEY_SIZE];	/* lock */
	uint8_t pool[RANDOM_KEY_SIZE];	/* lock: input not yet in key */
	uint8_t batch[RANDOM_BATCH];	/* lock: output yet to hand out */
	size_t batch_left;		/* lock: at the end of batch[] */
	uint64_t bytes_since_reseed;	/* lock */
	uint64_t reseed_ns;		/* lock: ktime of the last reseed */
	uint64_t reseeds;		/* lock */
	bool seeded;			/* lock; read without it too */
} rng = {
	.lock = SPINLOCK_INIT("random"),
};

static void make_nonce(uint8_t nonce[CHACHA20_NONCE_SIZE],
		       enum random_domain domain, uint32_t arg)
{
	memset(nonce, 0, CHACHA20_NONCE_SIZE);
	nonce[0] = domain;
	for (int i = 0; i < 4; i++)
		nonce[4 + i] = arg >> (8 * i);
}

/* key = F(key ^ with, domain/arg); @with may be NULL (all zeros). */
static void rekey(uint8_t key[RANDOM_KEY_SIZE], const uint8_t *with,
		  enum random_domain domain, uint32_t arg)
{
	uint8_t k[RANDOM_KEY_SIZE], nonce[CHACHA20_NONCE_SIZE];
	uint8_t block[CHACHA20_BLOCK_SIZE];

	for (int i = 0; i < RANDOM_KEY_SIZE; i++)
		k[i] = key[i] ^ (with ? with[i] : 0);
	make_nonce(nonce, domain, arg);
	chacha20_block(k, 0, nonce, block);
	memcpy(key, block, RANDOM_KEY_SIZE);
	memzero_explicit(k, sizeof(k));
	memzero_explicit(block, sizeof(block));
}

static void absorb(uint8_t pool[RANDOM_KEY_SIZE], const void *data,
		   size_t len)
{
	const uint8_t *p = data;
	uint8_t piece[RANDOM_KEY_SIZE];

	while (len) {
		size_t n = MIN(len, sizeof(piece));

		memset(piece, 0, sizeof(piece));
		memcpy(piece, p, n);
		rekey(pool, piece, DOMAIN_MIX, n);
		p += n;
		len -= n;
	}
	memzero_explicit(piece, sizeof(piece));
}

static void reseed_locked(void)
{
	rekey(rng.key, rng.pool, DOMAIN_RESEED, 0);
	memzero_explicit(rng.pool, sizeof(rng.pool));
	/* The batch came from the old key: drop it with the key. */
	memzero_explicit(rng.batch, sizeof(rng.batch));
	rng.batch_left = 0;
	rng.bytes_since_reseed = 0;
	rng.reseed_ns = ktime_get_ns();
	rng.reseeds++;
}

static void maybe_reseed_locked(void)
{
	uint64_t fresh[RESEED_WORDS + 1];
	size_t n = 0;

	if (rng.bytes_since_reseed < RESEED_BYTES &&
	    ktime_get_ns() - rng.reseed_ns < RESEED_INTERVAL_NS)
		return;
	for (int i = 0; i < RESEED_WORDS; i++)
		if (arch_get_random_u64(&fresh[n]))
			n++;
	fresh[n++] = arch_read_tsc();
	absorb(rng.pool, fresh, n * sizeof(fresh[0]));
	memzero_explicit(fresh, sizeof(fresh));
	reseed_locked();
}

/* Keystream blocks 1.. into @out, then the next key from block 0. */
static void generate_locked(uint8_t *out, size_t len)
{
	uint8_t nonce[CHACHA20_NONCE_SIZE];

	make_nonce(nonce, DOMAIN_OUTPUT, 0);
	chacha20_xor(rng.key, 1, nonce, out, NULL, len);
	rekey(rng.key, NULL, DOMAIN_OUTPUT, 0);
	rng.bytes_since_reseed += len;
}

static void take_from_batch_locked(uint8_t *out, size_t len)
{
	while (len) {
		if (!rng.batch_left) {
			generate_locked(rng.batch, sizeof(rng.batch));
			rng.batch_left = sizeof(rng.batch);
		}
		size_t n = MIN(len, rng.batch_left);
		uint8_t *src = rng.batch + sizeof(rng.batch) - rng.batch_left;

		memcpy(out, src, n);
		memzero_explicit(src, n);
		rng.batch_left -= n;
		out += n;
		len -= n;
	}
}

void get_random_bytes(void *buf, size_t len)
{
	uint8_t *out = buf;

	if (unlikely(!READ_ONCE(rng.seeded)))
		random_init();
	while (len) {
		size_t n = MIN(len, (size_t)RANDOM_CHUNK);
		unsigned long flags = spin_lock_irqsave(&rng.lock);

		maybe_reseed_locked();
		if (n <= RANDOM_BATCH)
			take_from_batch_locked(out, n);
		else
			generate_locked(out, n);
		spin_unlock_irqrestore(&rng.lock, flags);
		out += n;
		len -= n;
	}
}

uint64_t get_random_u64(void)
{
	uint64_t v;

	get_random_bytes(&v, sizeof(v));
	return v;
}

/*
 * Lemire's method: the high word of x * n for a uniform 64-bit x is in
 * [0, n). Each result r comes from the x whose product falls in
 * [r * 2^64, (r + 1) * 2^64); rejecting the products whose low word is
 * below 2^64 mod n leaves exactly floor(2^64 / n) of them for every r.
 * The division runs only when a rejection is possible at all.
 */
unsigned long get_random_range(unsigned long n)
{
	unsigned __int128 m;
	uint64_t low, threshold;

	if (n == 0)
		return 0;
	m = (unsigned __int128)get_random_u64() * n;
	low = (uint64_t)m;
	if (low < n) {
		threshold = -(uint64_t)n % n;
		while (low < threshold) {
			m = (unsigned __int128)get_random_u64() * n;
			low = (uint64_t)m;
		}
	}
	return m >> 64;
}

void random_add_entropy(const void *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&rng.lock);

	absorb(rng.pool, buf, len);
	spin_unlock_irqrestore(&rng.lock, flags);
}

uint64_t random_reseed_count(void)
{
	unsigned long flags = spin_lock_irqsave(&rng.lock);
	uint64_t n = rng.reseeds;

	spin_unlock_irqrestore(&rng.lock, flags);
	return n;
}

/*
 * What seeding found: counts for the boot log, and how many jitter
 * samples differed from the last one taken with the same loop length.
 * Where time is only instruction counting (an emulator under -icount),
 * equal work takes equal time and almost none differ.
 */
struct seed_report {
	unsigned int rdseed, rdrand, jitter, varied;
};

/* The TSC difference around a loop of JITTER_MIN_SPINS + @spins rounds. */
static uint32_t jitter_sample(unsigned int spins)
{
	volatile uint32_t sink = spins;
	uint64_t t0 = arch_read_tsc();

	for (unsigned int i = 0; i < JITTER_MIN_SPINS + spins; i++)
		sink = sink * 31 + i;
	return (uint32_t)(arch_read_tsc() - t0);
}

/*
 * Each loop's length comes from the previous difference, so the timing
 * noise also steers the work that is timed next. The samples are
 * absorbed eight at a time: the absorbing is more work of its own whose
 * timing the next samples see.
 */
static void seed_from_jitter(uint8_t pool[RANDOM_KEY_SIZE],
			     struct seed_report *r)
{
	uint32_t samples[RANDOM_KEY_SIZE / sizeof(uint32_t)];
	uint32_t last[JITTER_SPIN_SLOTS] = { 0 };
	uint32_t prev = 0;

	for (unsigned int i = 0; i < JITTER_SAMPLES; i++) {
		unsigned int slot = prev % JITTER_SPIN_SLOTS;
		uint32_t d = jitter_sample(slot);

		if (d != last[slot])
			r->varied++;
		last[slot] = d;
		prev = d;
		samples[i % ARRAY_SIZE(samples)] = d;
		if (i % ARRAY_SIZE(samples) == ARRAY_SIZE(samples) - 1)
			absorb(pool, samples, sizeof(samples));
	}
	r->jitter = JITTER_SAMPLES;
	memzero_explicit(samples, sizeof(samples));
}

static void seed_from_cpu(uint8_t pool[RANDOM_KEY_SIZE],
			  struct seed_report *r)
{
	uint64_t v[SEED_WORDS];
	unsigned int n;

	for (n = 0; n < SEED_WORDS && arch_get_random_seed_u64(&v[n]); n++)
		;
	absorb(pool, v, n * sizeof(v[0]));
	r->rdseed = n;
	for (n = 0; n < SEED_WORDS && arch_get_random_u64(&v[n]); n++)
		;
	absorb(pool, v, n * sizeof(v[0]));
	r->rdrand = n;
	memzero_explicit(v, sizeof(v));
}

/* Not secret, but different on every boot and every machine. */
static void seed_from_clocks(uint8_t pool[RANDOM_KEY_SIZE])
{
	uint64_t v[3] = {
		boot_tsc, ktime_get_real_seconds(), arch_read_tsc(),
	};

	absorb(pool, v, sizeof(v));
}

static void report_seed(const struct seed_report *r)
{
	const char *cpu = "";

	if (r->rdseed && r->rdrand)
		cpu = "RDSEED, RDRAND and ";
	else if (r->rdseed)
		cpu = "RDSEED and ";
	else if (r->rdrand)
		cpu = "RDRAND and ";
	pr_info("random: seeded from %s%u TSC jitter samples\n", cpu,
		r->jitter);
	if (!r->rdseed && !r->rdrand && r->varied < r->jitter / 8)
		pr_warn("random: only %u of %u jitter samples varied and the "
			"CPU has no RDRAND: the seed may be guessable\n",
			r->varied, r->jitter);
}

void random_init(void)
{
	uint8_t pool[RANDOM_KEY_SIZE] = { 0 };
	struct seed_report report = { 0 };
	unsigned long flags;
	bool first;

	if (READ_ONCE(rng.seeded))
		return;
	/* Gathered without the lock: the jitter takes a while. */
	seed_from_cpu(pool, &report);
	seed_from_jitter(pool, &report);
	seed_from_clocks(pool);

	flags = spin_lock_irqsave(&rng.lock);
	absorb(rng.pool, pool, sizeof(pool));
	reseed_locked();
	first = !rng.seeded;
	WRITE_ONCE(rng.seeded, true);
	spin_unlock_irqrestore(&rng.lock, flags);
	memzero_explicit(pool, sizeof(pool));
	if (first)
		report_seed(&report);
}
