/*
 * Host tests for lib/chacha20.c: the test vectors of RFC 8439 (2.1.1 and
 * 2.2.1 quarter rounds, 2.3.2 block, 2.4.2 encryption, A.1 keystream with
 * an all-zero key), in-place and keystream-only use, a stream produced in
 * pieces equal to the stream produced at once, and the counter returned.
 */
#include <stdint.h>
#include "lib/chacha20.h"
#include "lib/string.h"
#include "unittest.h"

/* The key of RFC 8439's examples: bytes 00 01 02 ... 1f. */
static void rfc_key(uint8_t key[CHACHA20_KEY_SIZE])
{
	for (int i = 0; i < CHACHA20_KEY_SIZE; i++)
		key[i] = i;
}

TEST(quarter_round_2_1_1)
{
	uint32_t x[CHACHA20_STATE_WORDS] = {
		0x11111111, 0x01020304, 0x9b8d6f43, 0x01234567,
	};

	chacha20_quarter_round(x, 0, 1, 2, 3);
	EXPECT_EQ(x[0], 0xea2a92f4);
	EXPECT_EQ(x[1], 0xcb1cf8ce);
	EXPECT_EQ(x[2], 0x4581472e);
	EXPECT_EQ(x[3], 0x5881c4bb);
	for (int i = 4; i < CHACHA20_STATE_WORDS; i++)
		EXPECT_EQ(x[i], 0);
}

/* 2.2.1: the quarter round on words 2, 7, 8, 13 of a state. */
TEST(quarter_round_on_state_2_2_1)
{
	uint32_t x[CHACHA20_STATE_WORDS] = {
		0x879531e0, 0xc5ecf37d, 0x516461b1, 0xc9a62f8a,
		0x44c20ef3, 0x3390af7f, 0xd9fc690b, 0x2a5f714c,
		0x53372767, 0xb00a5631, 0x974c541a, 0x359e9963,
		0x5c971061, 0x3d631689, 0x2098d9d6, 0x91dbd320,
	};
	const uint32_t want[CHACHA20_STATE_WORDS] = {
		0x879531e0, 0xc5ecf37d, 0xbdb886dc, 0xc9a62f8a,
		0x44c20ef3, 0x3390af7f, 0xd9fc690b, 0xcfacafd2,
		0xe46bea80, 0xb00a5631, 0x974c541a, 0x359e9963,
		0x5c971061, 0xccc07c79, 0x2098d9d6, 0x91dbd320,
	};

	chacha20_quarter_round(x, 2, 7, 8, 13);
	for (int i = 0; i < CHACHA20_STATE_WORDS; i++)
		EXPECT_EQ(x[i], want[i]);
}

static const uint8_t rfc_block_2_3_2[CHACHA20_BLOCK_SIZE] = {
	0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
	0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
	0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03,
	0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e,
	0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09,
	0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2,
	0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9,
	0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
};

TEST(block_2_3_2)
{
	static const uint8_t nonce[CHACHA20_NONCE_SIZE] = {
		0, 0, 0, 0x09, 0, 0, 0, 0x4a, 0, 0, 0, 0,
	};
	uint8_t key[CHACHA20_KEY_SIZE], out[CHACHA20_BLOCK_SIZE];

	rfc_key(key);
	chacha20_block(key, 1, nonce, out);
	EXPECT(memcmp_host(out, rfc_block_2_3_2, sizeof(out)) == 0);
}

/* A.1, test vectors 1 and 2: all-zero key and nonce, counters 0 and 1. */
TEST(keystream_zero_key_a_1)
{
	static const uint8_t want0[CHACHA20_BLOCK_SIZE] = {
		0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90,
		0x40, 0x5d, 0x6a, 0xe5, 0x53, 0x86, 0xbd, 0x28,
		0xbd, 0xd2, 0x19, 0xb8, 0xa0, 0x8d, 0xed, 0x1a,
		0xa8, 0x36, 0xef, 0xcc, 0x8b, 0x77, 0x0d, 0xc7,
		0xda, 0x41, 0x59, 0x7c, 0x51, 0x57, 0x48, 0x8d,
		0x77, 0x24, 0xe0, 0x3f, 0xb8, 0xd8, 0x4a, 0x37,
		0x6a, 0x43, 0xb8, 0xf4, 0x15, 0x18, 0xa1, 0x1c,
		0xc3, 0x87, 0xb6, 0x69, 0xb2, 0xee, 0x65, 0x86,
	};
	static const uint8_t want1_head[8] = {
		0x9f, 0x07, 0xe7, 0xbe, 0x55, 0x51, 0x38, 0x7a,
	};
	uint8_t key[CHACHA20_KEY_SIZE] = { 0 };
	uint8_t nonce[CHACHA20_NONCE_SIZE] = { 0 };
	uint8_t out[2 * CHACHA20_BLOCK_SIZE];

	EXPECT_EQ(chacha20_xor(key, 0, nonce, out, NULL, sizeof(out)), 2);
	EXPECT(memcmp_host(out, want0, sizeof(want0)) == 0);
	EXPECT(memcmp_host(out + CHACHA20_BLOCK_SIZE, want1_head,
			   sizeof(want1_head)) == 0);
}

static const char sunscreen[] =
	"Ladies and Gentlemen of the class of '99: If I could offer you "
	"only one tip for the future, sunscreen would be it.";

static const uint8_t sunscreen_2_4_2[] = {
	0x6e, 0x2e, 0x35, 0x9a, 0x25, 0x68, 0xf9, 0x80,
	0x41, 0xba, 0x07, 0x28, 0xdd, 0x0d, 0x69, 0x81,
	0xe9, 0x7e, 0x7a, 0xec, 0x1d, 0x43, 0x60, 0xc2,
	0x0a, 0x27, 0xaf, 0xcc, 0xfd, 0x9f, 0xae, 0x0b,
	0xf9, 0x1b, 0x65, 0xc5, 0x52, 0x47, 0x33, 0xab,
	0x8f, 0x59, 0x3d, 0xab, 0xcd, 0x62, 0xb3, 0x57,
	0x16, 0x39, 0xd6, 0x24, 0xe6, 0x51, 0x52, 0xab,
	0x8f, 0x53, 0x0c, 0x35, 0x9f, 0x08, 0x61, 0xd8,
	0x07, 0xca, 0x0d, 0xbf, 0x50, 0x0d, 0x6a, 0x61,
	0x56, 0xa3, 0x8e, 0x08, 0x8a, 0x22, 0xb6, 0x5e,
	0x52, 0xbc, 0x51, 0x4d, 0x16, 0xcc, 0xf8, 0x06,
	0x81, 0x8c, 0xe9, 0x1a, 0xb7, 0x79, 0x37, 0x36,
	0x5a, 0xf9, 0x0b, 0xbf, 0x74, 0xa3, 0x5b, 0xe6,
	0xb4, 0x0b, 0x8e, 0xed, 0xf2, 0x78, 0x5e, 0x42,
	0x87, 0x4d,
};

static const uint8_t sunscreen_nonce[CHACHA20_NONCE_SIZE] = {
	0, 0, 0, 0, 0, 0, 0, 0x4a, 0, 0, 0, 0,
};

#define SUNSCREEN_LEN	(sizeof(sunscreen) - 1)

TEST(encryption_2_4_2)
{
	uint8_t key[CHACHA20_KEY_SIZE], out[SUNSCREEN_LEN + 1];

	_Static_assert(sizeof(sunscreen_2_4_2) == SUNSCREEN_LEN, "114 bytes");
	rfc_key(key);
	out[SUNSCREEN_LEN] = 0xa5;
	/* 114 bytes: one partial block after the whole ones. */
	EXPECT_EQ(chacha20_xor(key, 1, sunscreen_nonce, out,
			       (const uint8_t *)sunscreen, SUNSCREEN_LEN), 3);
	EXPECT(memcmp_host(out, sunscreen_2_4_2, SUNSCREEN_LEN) == 0);
	EXPECT_EQ(out[SUNSCREEN_LEN], 0xa5);

	/* Decryption is the same operation, here in place. */
	EXPECT_EQ(chacha20_xor(key, 1, sunscreen_nonce, out, out,
			       SUNSCREEN_LEN), 3);
	EXPECT(memcmp_host(out, sunscreen, SUNSCREEN_LEN) == 0);
}

TEST(keystream_is_block_output)
{
	static const uint8_t nonce[CHACHA20_NONCE_SIZE] = {
		0, 0, 0, 0x09, 0, 0, 0, 0x4a, 0, 0, 0, 0,
	};
	uint8_t key[CHACHA20_KEY_SIZE], out[CHACHA20_BLOCK_SIZE];

	rfc_key(key);
	EXPECT_EQ(chacha20_xor(key, 1, nonce, out, NULL, sizeof(out)), 2);
	EXPECT(memcmp_host(out, rfc_block_2_3_2, sizeof(out)) == 0);
}

TEST(zero_length_touches_nothing)
{
	uint8_t key[CHACHA20_KEY_SIZE] = { 0 }, out = 0x5a;

	EXPECT_EQ(chacha20_xor(key, 7, sunscreen_nonce, &out, NULL, 0), 7);
	EXPECT_EQ(out, 0x5a);
}

/* Whole blocks at a time, continued with the returned counter. */
TEST(stream_in_pieces_matches_stream_at_once)
{
	uint8_t key[CHACHA20_KEY_SIZE], whole[SUNSCREEN_LEN];
	uint8_t pieces[SUNSCREEN_LEN];
	uint32_t ctr = 1;
	size_t off = 0;

	rfc_key(key);
	chacha20_xor(key, 1, sunscreen_nonce, whole,
		     (const uint8_t *)sunscreen, SUNSCREEN_LEN);
	while (off < SUNSCREEN_LEN) {
		size_t n = SUNSCREEN_LEN - off;

		if (n > CHACHA20_BLOCK_SIZE)
			n = CHACHA20_BLOCK_SIZE;
		ctr = chacha20_xor(key, ctr, sunscreen_nonce, pieces + off,
				   (const uint8_t *)sunscreen + off, n);
		off += n;
	}
	EXPECT_EQ(ctr, 3);
	EXPECT(memcmp_host(whole, pieces, sizeof(whole)) == 0);
}

/* The counter is 32 bits and wraps (RFC 8439 leaves the limit to users). */
TEST(counter_wraps_to_zero)
{
	uint8_t key[CHACHA20_KEY_SIZE] = { 0 }, nonce[CHACHA20_NONCE_SIZE] = {
		0 };
	uint8_t a[2 * CHACHA20_BLOCK_SIZE], b[CHACHA20_BLOCK_SIZE];

	EXPECT_EQ(chacha20_xor(key, UINT32_MAX, nonce, a, NULL, sizeof(a)), 1);
	chacha20_block(key, 0, nonce, b);
	EXPECT(memcmp_host(a + CHACHA20_BLOCK_SIZE, b, sizeof(b)) == 0);
}
