/*
 * Host tests for the \_S5 scanner (drivers/acpi_aml.c): the encodings QEMU
 * and real firmware emit, every PkgLength form, and hostile input. Each
 * case runs on a heap copy of exactly the input length so that ASan
 * catches a read one byte past the end.
 */
#include <acpi.h>
#include <errno.h>
#include "unittest.h"

#define SENTINEL	0xa5

/* Run the scanner on an exact-size heap copy of @n bytes of @src. */
static int find_s5(const uint8_t *src, size_t n, uint8_t *a, uint8_t *b)
{
	uint8_t *buf = malloc(n ? n : 1);
	int ret;

	if (!buf)
		abort();
	for (size_t i = 0; i < n; i++)
		buf[i] = src[i];
	*a = SENTINEL;
	*b = SENTINEL;
	ret = acpi_aml_find_s5(buf, n, a, b);
	free(buf);
	return ret;
}

/* QEMU q35 (and i440fx): Name (_S5, Package (0x04) { Zero, ... }) */
static const uint8_t qemu_s5[] = {
	0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00,
};

/*
 * The tail of a typical DSDT: Scope (\_SB) { ... }, then \_S3 and \_S4,
 * which must not be taken for \_S5, then Name (\_S5, ...) with byte
 * values and a root prefix, then a Method after it.
 */
static const uint8_t dsdt_tail[] = {
	0x10, 0x0c, '\\', '_', 'S', 'B', '_',
	0x08, 'P', 'C', 'I', '0', 0x01,
	0x08, '\\', '_', 'S', '3', '_', 0x12, 0x08, 0x04,
	0x0a, 0x01, 0x0a, 0x01, 0x00, 0x00,
	0x08, '\\', '_', 'S', '4', '_', 0x12, 0x08, 0x04,
	0x0a, 0x02, 0x0a, 0x02, 0x00, 0x00,
	0x08, '\\', '_', 'S', '5', '_', 0x12, 0x08, 0x04,
	0x0a, 0x07, 0x0a, 0x05, 0x00, 0x00,
	0x14, 0x07, '_', 'P', 'T', 'S', 0x01, 0xa3,
};

TEST(qemu_zero_values)
{
	uint8_t a, b;

	EXPECT_EQ(find_s5(qemu_s5, sizeof(qemu_s5), &a, &b), 0);
	EXPECT_EQ(a, 0);
	EXPECT_EQ(b, 0);
}

TEST(root_prefix_byte_values_among_other_states)
{
	uint8_t a, b;

	EXPECT_EQ(find_s5(dsdt_tail, sizeof(dsdt_tail), &a, &b), 0);
	EXPECT_EQ(a, 7);
	EXPECT_EQ(b, 5);
}

TEST(one_word_dword_qword_values)
{
	static const uint8_t one[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x01, 0x01,
	};
	static const uint8_t wide[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x0a, 0x02,
		0x0b, 0x06, 0x12,			/* Word 0x1206 */
		0x0c, 0x03, 0x00, 0x01, 0x00,		/* DWord 0x10003 */
	};
	static const uint8_t qword[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x0c, 0x02,
		0x0e, 0x04, 0, 0, 0, 0, 0, 0, 0x80,	/* QWord, low 4 */
		0xff,					/* Ones */
	};
	uint8_t a, b;

	EXPECT_EQ(find_s5(one, sizeof(one), &a, &b), 0);
	EXPECT_EQ(a, 1);
	EXPECT_EQ(b, 1);
	EXPECT_EQ(find_s5(wide, sizeof(wide), &a, &b), 0);
	EXPECT_EQ(a, 0x06);
	EXPECT_EQ(b, 0x03);
	EXPECT_EQ(find_s5(qword, sizeof(qword), &a, &b), 0);
	EXPECT_EQ(a, 0x04);
	EXPECT_EQ(b, 0xff);
}

TEST(single_element_copies_typa)
{
	static const uint8_t declared_one[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x01, 0x0a, 0x05,
	};
	/* Four declared, one initialized: the rest are uninitialized. */
	static const uint8_t initialized_one[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x04, 0x0a, 0x06,
	};
	uint8_t a, b;

	EXPECT_EQ(find_s5(declared_one, sizeof(declared_one), &a, &b), 0);
	EXPECT_EQ(a, 5);
	EXPECT_EQ(b, 5);
	EXPECT_EQ(find_s5(initialized_one, sizeof(initialized_one), &a, &b),
		  0);
	EXPECT_EQ(a, 6);
	EXPECT_EQ(b, 6);
}

/*
 * Build Name (_S5, Package) with @nbytes PkgLength bytes and @pad extra
 * ByteConst elements after SLP_TYPa = 3, SLP_TYPb = 4. Returns the size.
 */
static size_t build_s5(uint8_t *buf, size_t nbytes, size_t pad)
{
	size_t value = nbytes + 1 + 4 + 2 * pad;
	size_t pos = 0;

	buf[pos++] = 0x08;
	buf[pos++] = '_';
	buf[pos++] = 'S';
	buf[pos++] = '5';
	buf[pos++] = '_';
	buf[pos++] = 0x12;
	if (nbytes == 1) {
		buf[pos++] = (uint8_t)value;
	} else {
		buf[pos++] = (uint8_t)(((nbytes - 1) << 6) | (value & 0x0f));
		for (size_t i = 1; i < nbytes; i++)
			buf[pos++] = (uint8_t)(value >> (4 + 8 * (i - 1)));
	}
	buf[pos++] = (uint8_t)(2 + pad);
	buf[pos++] = 0x0a;
	buf[pos++] = 3;
	buf[pos++] = 0x0a;
	buf[pos++] = 4;
	for (size_t i = 0; i < pad; i++) {
		buf[pos++] = 0x0a;
		buf[pos++] = (uint8_t)i;
	}
	return pos;
}

TEST(multi_byte_pkg_length)
{
	static uint8_t buf[16 + 2 * 200];
	uint8_t a, b;
	size_t n;

	/* Every length form, minimal (pad 100: > 63 bytes) or not. */
	for (size_t nbytes = 1; nbytes <= 4; nbytes++) {
		for (size_t pad = 0; pad <= 100; pad += 100) {
			if (nbytes == 1 && pad)
				continue;
			n = build_s5(buf, nbytes, pad);
			EXPECT_EQ(find_s5(buf, n, &a, &b), 0);
			EXPECT_EQ(a, 3);
			EXPECT_EQ(b, 4);
		}
	}
	/* Bits 5-4 of a multi-byte lead byte are reserved. */
	n = build_s5(buf, 2, 100);
	buf[6] |= 0x10;
	EXPECT_EQ(find_s5(buf, n, &a, &b), -EINVAL);
	EXPECT_EQ(a, SENTINEL);
	EXPECT_EQ(b, SENTINEL);
}

TEST(truncated_at_every_length)
{
	static uint8_t buf[16 + 2 * 200];
	const uint8_t *inputs[] = { qemu_s5, dsdt_tail, buf };
	size_t sizes[] = { sizeof(qemu_s5), sizeof(dsdt_tail), 0 };
	/* Where "_S5_" ends: before it, the name is simply not there. */
	size_t name_end[] = { 5, 49, 5 };
	uint8_t a, b;
	int ret;

	sizes[2] = build_s5(buf, 3, 100);
	for (size_t t = 0; t < 3; t++) {
		size_t pkg_end = t == 1 ? sizeof(dsdt_tail) - 8 : sizes[t];

		for (size_t n = 0; n < pkg_end; n++) {
			ret = find_s5(inputs[t], n, &a, &b);
			EXPECT_EQ(ret, n < name_end[t] ? -ENOENT : -EINVAL);
			EXPECT_EQ(a, SENTINEL);
			EXPECT_EQ(b, SENTINEL);
		}
		for (size_t n = pkg_end; n <= sizes[t]; n++)
			EXPECT_EQ(find_s5(inputs[t], n, &a, &b), 0);
	}
}

TEST(not_there)
{
	static const uint8_t no_name_op[] = {
		/* A reference to \_S5_ (e.g. in a method), no NameOp */
		0x70, '\\', '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0, 0, 0, 0,
	};
	static const uint8_t s4_only[] = {
		0x08, '_', 'S', '4', '_', 0x12, 0x06, 0x04, 0x02, 0x02, 0, 0,
	};
	static const uint8_t root_at_start[] = {
		'\\', '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0, 0, 0, 0,
	};
	uint8_t a, b;

	EXPECT_EQ(find_s5(no_name_op, sizeof(no_name_op), &a, &b), -ENOENT);
	EXPECT_EQ(find_s5(s4_only, sizeof(s4_only), &a, &b), -ENOENT);
	EXPECT_EQ(find_s5(root_at_start, sizeof(root_at_start), &a, &b),
		  -ENOENT);
	EXPECT_EQ(find_s5(qemu_s5, 0, &a, &b), -ENOENT);
	EXPECT_EQ(acpi_aml_find_s5(NULL, 100, &a, &b), -ENOENT);
	EXPECT_EQ(a, SENTINEL);
}

TEST(malformed_packages)
{
	static const uint8_t cases[][12] = {
		/* Name (_S5, 5): not a package */
		{ 0x08, '_', 'S', '5', '_', 0x0a, 0x05 },
		/* NumElements 0 */
		{ 0x08, '_', 'S', '5', '_', 0x12, 0x02, 0x00, 0x00, 0x00 },
		/* PkgLength 0, and 1 (no room for NumElements) */
		{ 0x08, '_', 'S', '5', '_', 0x12, 0x00, 0x04, 0x00, 0x00 },
		{ 0x08, '_', 'S', '5', '_', 0x12, 0x01, 0x04, 0x00, 0x00 },
		/* a String element */
		{ 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0d, 'x', 0 },
		/* a BytePrefix whose byte lies past the package end */
		{ 0x08, '_', 'S', '5', '_', 0x12, 0x03, 0x02, 0x0a, 0x05 },
		/* second element unknown */
		{ 0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x00, 0x5b, 0 },
		/* PkgLength beyond the buffer (12 bytes) */
		{ 0x08, '_', 'S', '5', '_', 0x12, 0x3f, 0x02, 0x00, 0x00 },
	};
	uint8_t a, b;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		EXPECT_EQ(find_s5(cases[i], sizeof(cases[i]), &a, &b),
			  -EINVAL);
		EXPECT_EQ(a, SENTINEL);
	}
}

TEST(element_data_past_package_end)
{
	/* The package ends at the buffer's end, inside an integer. */
	static const uint8_t last_byte[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x03, 0x01, 0x0a,
	};
	static const uint8_t second_word[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x00, 0x0b, 0x01,
	};
	/* The package ends before the buffer does, inside an integer. */
	static const uint8_t inner_dword[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x01, 0x0c, 0x01, 0x00,
		0x00, 0x00, 0x00,
	};
	uint8_t a, b;

	EXPECT_EQ(find_s5(last_byte, sizeof(last_byte), &a, &b), -EINVAL);
	EXPECT_EQ(find_s5(second_word, sizeof(second_word), &a, &b),
		  -EINVAL);
	EXPECT_EQ(find_s5(inner_dword, sizeof(inner_dword), &a, &b),
		  -EINVAL);
	EXPECT_EQ(a, SENTINEL);
	EXPECT_EQ(b, SENTINEL);
}

TEST(bad_candidate_then_good_one)
{
	static const uint8_t buf[] = {
		0x08, '_', 'S', '5', '_', 0x0a, 0x05,
		0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x01, 0x0a, 0x02,
	};
	uint8_t a, b;

	EXPECT_EQ(find_s5(buf, sizeof(buf), &a, &b), 0);
	EXPECT_EQ(a, 2);
	EXPECT_EQ(b, 2);
}

/* xorshift64: a fixed sequence, so a failure reproduces. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void check_result(int ret)
{
	EXPECT(ret == 0 || ret == -ENOENT || ret == -EINVAL);
}

TEST(fuzz_random_bytes)
{
	static uint8_t buf[300];
	static const uint8_t head[] = { 0x08, '_', 'S', '5', '_', 0x12 };
	uint8_t a, b;

	for (int iter = 0; iter < 50000; iter++) {
		size_t n = rng() % sizeof(buf);

		for (size_t i = 0; i < n; i++) {
			/* Bias towards the bytes that matter here. */
			uint64_t r = rng();

			buf[i] = (r & 0x300) ? (uint8_t)r :
				 (uint8_t)"\x08_S5\x12\x0a\x0b\x0c\x0e\x00\x01"
				 "\x40\x80\xc0\xff\\"[(r >> 10) % 16];
		}
		/* Half the time, plant a real-looking header somewhere. */
		if ((rng() & 1) && n >= sizeof(head)) {
			size_t at = rng() % (n - sizeof(head) + 1);

			for (size_t i = 0; i < sizeof(head); i++)
				buf[at + i] = head[i];
		}
		check_result(find_s5(buf, n, &a, &b));
	}
}

TEST(fuzz_mutated_encodings)
{
	static uint8_t base[16 + 2 * 200], buf[sizeof(base)];
	uint8_t a, b;

	for (int iter = 0; iter < 50000; iter++) {
		size_t n = build_s5(base, 1 + rng() % 4, rng() % 40);

		for (size_t i = 0; i < n; i++)
			buf[i] = base[i];
		for (int flips = 1 + rng() % 3; flips > 0; flips--)
			buf[rng() % n] = (uint8_t)rng();
		check_result(find_s5(buf, n, &a, &b));
		check_result(find_s5(buf, rng() % (n + 1), &a, &b));
	}
}
