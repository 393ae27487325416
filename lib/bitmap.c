/*
 * Bitmaps of arbitrary length (include/lib/bitmap.h): the physical page
 * allocator, PID and inode number allocators and the like keep their
 * free/used state in these. Bit i lives in word i / BITS_PER_LONG, at bit
 * i % BITS_PER_LONG. Searches go a word at a time.
 */
#include "compiler.h"
#include "lib/bitmap.h"

#define BIT_WORD(bit)	((bit) / BITS_PER_LONG)
#define BIT_MASK(bit)	(1UL << ((bit) % BITS_PER_LONG))

void bitmap_set(unsigned long *map, size_t bit)
{
	map[BIT_WORD(bit)] |= BIT_MASK(bit);
}

void bitmap_clear(unsigned long *map, size_t bit)
{
	map[BIT_WORD(bit)] &= ~BIT_MASK(bit);
}

bool bitmap_test(const unsigned long *map, size_t bit)
{
	return map[BIT_WORD(bit)] & BIT_MASK(bit);
}

/* The bits of [start, end) that fall in the word holding @start. */
static unsigned long word_mask(size_t start, size_t end)
{
	unsigned long mask = ~0UL << (start % BITS_PER_LONG);
	size_t word_end = (BIT_WORD(start) + 1) * BITS_PER_LONG;

	if (end < word_end)
		mask &= ~0UL >> (word_end - end);
	return mask;
}

void bitmap_set_range(unsigned long *map, size_t start, size_t len)
{
	size_t end = start + len;

	while (start < end) {
		map[BIT_WORD(start)] |= word_mask(start, end);
		start = (BIT_WORD(start) + 1) * BITS_PER_LONG;
	}
}

void bitmap_clear_range(unsigned long *map, size_t start, size_t len)
{
	size_t end = start + len;

	while (start < end) {
		map[BIT_WORD(start)] &= ~word_mask(start, end);
		start = (BIT_WORD(start) + 1) * BITS_PER_LONG;
	}
}

void bitmap_zero(unsigned long *map, size_t bits)
{
	for (size_t i = 0; i < BITMAP_LONGS(bits); i++)
		map[i] = 0;
}

/*
 * First bit at or after @start that differs from @invert's bits (0: find a
 * set bit, ~0: find a clear bit), or @bits. Bits past @bits in the last
 * word are never looked at.
 */
static size_t find_next(const unsigned long *map, size_t bits, size_t start,
			unsigned long invert)
{
	unsigned long word;

	if (start >= bits)
		return bits;
	word = (map[BIT_WORD(start)] ^ invert) & word_mask(start, bits);
	start = BIT_WORD(start) * BITS_PER_LONG;
	while (!word) {
		start += BITS_PER_LONG;
		if (start >= bits)
			return bits;
		word = (map[BIT_WORD(start)] ^ invert) & word_mask(start, bits);
	}
	return start + __builtin_ctzl(word);
}

size_t bitmap_find_next_set(const unsigned long *map, size_t bits,
			    size_t start)
{
	return find_next(map, bits, start, 0);
}

size_t bitmap_find_next_clear(const unsigned long *map, size_t bits,
			      size_t start)
{
	return find_next(map, bits, start, ~0UL);
}

size_t bitmap_find_clear_run(const unsigned long *map, size_t bits,
			     size_t len)
{
	size_t start = bitmap_find_next_clear(map, bits, 0);

	/* An empty run fits anywhere, even in a full map. */
	if (len == 0)
		return 0;
	while (start < bits && bits - start >= len) {
		size_t end = bitmap_find_next_set(map, bits, start);

		if (end - start >= len)
			return start;
		start = bitmap_find_next_clear(map, bits, end);
	}
	return bits;
}

STATIC_ASSERT(sizeof(unsigned long) == 8);

/* Population count without __builtin_popcount: that needs libgcc. */
static unsigned int popcount(unsigned long w)
{
	w = w - ((w >> 1) & 0x5555555555555555UL);
	w = (w & 0x3333333333333333UL) + ((w >> 2) & 0x3333333333333333UL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fUL;
	return (w * 0x0101010101010101UL) >> 56;
}

size_t bitmap_weight(const unsigned long *map, size_t bits)
{
	size_t n = 0;

	for (size_t start = 0; start < bits; start += BITS_PER_LONG)
		n += popcount(map[BIT_WORD(start)] & word_mask(start, bits));
	return n;
}
