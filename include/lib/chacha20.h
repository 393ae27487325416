/*
 * ChaCha20 (RFC 8439, section 2): the block function and the stream
 * cipher built on it (lib/chacha20.c). Pure code, for the kernel's random
 * number generator (kernel/random.c) and the host unit tests.
 *
 * The block counter is 32 bits, as in RFC 8439: one (key, nonce) pair
 * gives at most 2^32 blocks (256 GiB). Callers stay far below that; the
 * counter wraps if they do not.
 */
#ifndef LIB_CHACHA20_H
#define LIB_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#define CHACHA20_KEY_SIZE	32
#define CHACHA20_NONCE_SIZE	12
#define CHACHA20_BLOCK_SIZE	64
#define CHACHA20_STATE_WORDS	16

/* The quarter round on words @a, @b, @c, @d of @x (RFC 8439, 2.1 and 2.2). */
void chacha20_quarter_round(uint32_t x[CHACHA20_STATE_WORDS], unsigned int a,
			    unsigned int b, unsigned int c, unsigned int d);

/* One 64-byte keystream block (RFC 8439, 2.3). */
void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_SIZE],
		    uint8_t out[CHACHA20_BLOCK_SIZE]);

/*
 * XOR @len bytes of keystream, from block @counter on, into @src and store
 * the result at @dst (RFC 8439, 2.4); @dst may equal @src. With @src NULL,
 * store the keystream itself. Returns the counter of the block after the
 * last one used, so that a stream can go on in pieces of whole blocks.
 */
uint32_t chacha20_xor(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		      const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t *dst,
		      const uint8_t *src, size_t len);

#endif
