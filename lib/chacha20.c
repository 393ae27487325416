/*
 * ChaCha20 (include/lib/chacha20.h), written from RFC 8439, section 2:
 * the state is 4 constant words, 8 key words, a block counter and 3 nonce
 * words, all little-endian; 20 rounds (10 column/diagonal double rounds)
 * of quarter rounds, then the input state added back word by word.
 *
 * Pure and portable: bytes are assembled into words one at a time, so no
 * buffer needs any alignment, and only general-purpose registers are used
 * (the kernel is built without SSE). kernel/random.c builds its generator
 * on this; tests/unit/test_chacha20.c checks it against the RFC's vectors.
 */
#include <stdint.h>
#include "compiler.h"
#include "lib/chacha20.h"
#include "lib/string.h"

#define CHACHA20_DOUBLE_ROUNDS	10

/* "expand 32-byte k", as four little-endian words (RFC 8439, 2.3). */
static const uint32_t chacha20_constants[4] = {
	0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
};

static inline uint32_t rotl32(uint32_t v, unsigned int n)
{
	return (v << n) | (v >> (32 - n));
}

static inline uint32_t load32_le(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline void store32_le(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/* Inlined into the rounds, where constant indices keep x[] in registers. */
static inline __attribute__((always_inline)) void
quarter_round(uint32_t *x, unsigned int a, unsigned int b, unsigned int c,
	      unsigned int d)
{
	x[a] += x[b];
	x[d] = rotl32(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = rotl32(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = rotl32(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = rotl32(x[b] ^ x[c], 7);
}

void chacha20_quarter_round(uint32_t x[CHACHA20_STATE_WORDS], unsigned int a,
			    unsigned int b, unsigned int c, unsigned int d)
{
	quarter_round(x, a, b, c, d);
}

void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_SIZE],
		    uint8_t out[CHACHA20_BLOCK_SIZE])
{
	uint32_t in[CHACHA20_STATE_WORDS], x[CHACHA20_STATE_WORDS];
	int i;

	for (i = 0; i < 4; i++)
		in[i] = chacha20_constants[i];
	for (i = 0; i < 8; i++)
		in[4 + i] = load32_le(key + 4 * i);
	in[12] = counter;
	for (i = 0; i < 3; i++)
		in[13 + i] = load32_le(nonce + 4 * i);

	for (i = 0; i < CHACHA20_STATE_WORDS; i++)
		x[i] = in[i];
	for (i = 0; i < CHACHA20_DOUBLE_ROUNDS; i++) {
		quarter_round(x, 0, 4, 8, 12);	/* columns */
		quarter_round(x, 1, 5, 9, 13);
		quarter_round(x, 2, 6, 10, 14);
		quarter_round(x, 3, 7, 11, 15);
		quarter_round(x, 0, 5, 10, 15);	/* diagonals */
		quarter_round(x, 1, 6, 11, 12);
		quarter_round(x, 2, 7, 8, 13);
		quarter_round(x, 3, 4, 9, 14);
	}
	for (i = 0; i < CHACHA20_STATE_WORDS; i++)
		store32_le(out + 4 * i, x[i] + in[i]);
	/* Both hold the key (in[] plainly); the caller cannot reach them. */
	memzero_explicit(in, sizeof(in));
	memzero_explicit(x, sizeof(x));
}

uint32_t chacha20_xor(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		      const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t *dst,
		      const uint8_t *src, size_t len)
{
	uint8_t block[CHACHA20_BLOCK_SIZE];

	while (len) {
		size_t n = MIN(len, (size_t)CHACHA20_BLOCK_SIZE);

		chacha20_block(key, counter++, nonce, block);
		for (size_t i = 0; i < n; i++)
			dst[i] = src ? src[i] ^ block[i] : block[i];
		dst += n;
		if (src)
			src += n;
		len -= n;
	}
	/* The random generator's output passes through here. */
	memzero_explicit(block, sizeof(block));
	return counter;
}
