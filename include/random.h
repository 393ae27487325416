/*
 * The kernel's random number generator (kernel/random.c): a ChaCha20
 * generator with fast key erasure, seeded at boot from RDSEED, RDRAND
 * and TSC jitter, reseeded from RDRAND as it goes. Its output is fit for
 * keys, AT_RANDOM, getrandom(2) and address-space randomization.
 * docs/random.md describes the construction.
 *
 * Every function may be called in any context, interrupts included, and
 * before random_init(): the first use seeds the generator.
 */
#ifndef RANDOM_H
#define RANDOM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Seed the generator from everything the machine offers and log, once,
 * what that was. Called at boot after time_init(); calling it again does
 * nothing.
 */
void random_init(void);

void get_random_bytes(void *buf, size_t len);
uint64_t get_random_u64(void);
/* Uniform in [0, @n), without modulo bias; 0 when @n is 0. */
unsigned long get_random_range(unsigned long n);

/*
 * Mix @len bytes the caller believes hard to guess (interrupt timings,
 * device noise) into the generator. Nothing is credited or counted: the
 * bytes wait in a pool and enter the key at the next reseed.
 */
void random_add_entropy(const void *buf, size_t len);

/* How many times the key has been reseeded since boot (for tests). */
uint64_t random_reseed_count(void);

/*
 * Fill user memory with random bytes (getrandom, /dev/urandom); stops
 * early for a signal when @interruptible. Bytes written or -EFAULT.
 */
long random_to_user(char *ubuf, size_t len, bool interruptible);

#endif
