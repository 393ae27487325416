/*
 * Host tests for lib/bitmap.c: single bits across word boundaries, and
 * random range operations checked against a plain bool array, including
 * the searches and bitmaps whose length is not a multiple of the word
 * size (with junk in the unused tail bits, which must be ignored).
 */
#include <stdbool.h>
#include "lib/bitmap.h"
#include "unittest.h"

#define NBITS	300

TEST(single_bits_across_words)
{
	DECLARE_BITMAP(map, 200);
	static const size_t bits[] = { 0, 1, 63, 64, 65, 127, 128, 199 };

	bitmap_zero(map, 200);
	EXPECT_EQ(BITMAP_LONGS(200), 4);
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		EXPECT(!bitmap_test(map, bits[i]));
		bitmap_set(map, bits[i]);
		EXPECT(bitmap_test(map, bits[i]));
	}
	EXPECT_EQ(bitmap_weight(map, 200), 8);
	EXPECT(!bitmap_test(map, 62));
	EXPECT(!bitmap_test(map, 66));
	EXPECT(map[1] == 0x8000000000000003UL);
	bitmap_clear(map, 64);
	EXPECT(!bitmap_test(map, 64));
	EXPECT(bitmap_test(map, 65));
	EXPECT_EQ(bitmap_weight(map, 200), 7);
}

TEST(search_edges)
{
	DECLARE_BITMAP(map, 130);

	bitmap_zero(map, 130);
	EXPECT_EQ(bitmap_find_next_set(map, 130, 0), 130);
	EXPECT_EQ(bitmap_find_next_clear(map, 130, 0), 0);
	EXPECT_EQ(bitmap_find_next_clear(map, 130, 129), 129);
	EXPECT_EQ(bitmap_find_next_clear(map, 130, 130), 130);
	EXPECT_EQ(bitmap_find_next_set(map, 130, 500), 130);
	bitmap_set(map, 129);
	EXPECT_EQ(bitmap_find_next_set(map, 130, 0), 129);
	EXPECT_EQ(bitmap_find_next_set(map, 130, 129), 129);
	EXPECT_EQ(bitmap_find_clear_run(map, 130, 129), 0);
	EXPECT_EQ(bitmap_find_clear_run(map, 130, 130), 130);
	EXPECT_EQ(bitmap_find_clear_run(map, 130, 0), 0);
	bitmap_set_range(map, 0, 130);
	EXPECT_EQ(bitmap_weight(map, 130), 130);
	EXPECT_EQ(bitmap_find_next_clear(map, 130, 0), 130);
	EXPECT_EQ(bitmap_find_clear_run(map, 130, 1), 130);
	EXPECT_EQ(bitmap_find_clear_run(map, 130, 0), 0);
}

TEST(tail_bits_are_ignored)
{
	DECLARE_BITMAP(map, 70);

	/* Bits 70..127 are junk the functions must never report. */
	map[0] = ~0UL;
	map[1] = ~0UL << 6;
	EXPECT_EQ(bitmap_weight(map, 70), 64);
	EXPECT_EQ(bitmap_find_next_clear(map, 70, 0), 64);
	EXPECT_EQ(bitmap_find_next_clear(map, 70, 65), 65);
	EXPECT_EQ(bitmap_find_next_set(map, 70, 64), 70);
	EXPECT_EQ(bitmap_find_clear_run(map, 70, 6), 64);
	EXPECT_EQ(bitmap_find_clear_run(map, 70, 7), 70);
	map[1] = 0;
	EXPECT_EQ(bitmap_find_next_clear(map, 64, 0), 64);
}

static size_t model_next(const bool *m, size_t start, bool val)
{
	for (size_t i = start; i < NBITS; i++) {
		if (m[i] == val)
			return i;
	}
	return NBITS;
}

static size_t model_run(const bool *m, size_t len)
{
	for (size_t s = 0; s + len <= NBITS; s++) {
		size_t n = 0;

		while (n < len && !m[s + n])
			n++;
		if (n == len)
			return s;
	}
	return NBITS;
}

static void check_against_model(const unsigned long *map, const bool *m)
{
	size_t weight = 0;

	for (size_t i = 0; i < NBITS; i++) {
		EXPECT_EQ(bitmap_test(map, i), m[i]);
		weight += m[i];
	}
	EXPECT_EQ(bitmap_weight(map, NBITS), weight);
	for (size_t s = 0; s <= NBITS; s += 1 + rand() % 7) {
		EXPECT_EQ(bitmap_find_next_set(map, NBITS, s),
			  model_next(m, s, true));
		EXPECT_EQ(bitmap_find_next_clear(map, NBITS, s),
			  model_next(m, s, false));
	}
	for (size_t len = 1; len < 80; len += 1 + len / 4)
		EXPECT_EQ(bitmap_find_clear_run(map, NBITS, len),
			  model_run(m, len));
}

TEST(random_ranges_match_model)
{
	DECLARE_BITMAP(map, NBITS);
	bool m[NBITS] = { false };

	bitmap_zero(map, NBITS);
	for (int round = 0; round < 400; round++) {
		size_t start = rand() % NBITS;
		size_t len = rand() % (NBITS - start + 1);
		bool set = rand() % 2;

		/* Mostly short ranges, so clear runs of many sizes exist. */
		if (rand() % 4)
			len = len % 40;
		if (set)
			bitmap_set_range(map, start, len);
		else
			bitmap_clear_range(map, start, len);
		for (size_t i = start; i < start + len; i++)
			m[i] = set;
		check_against_model(map, m);
	}
}
