/*
 * Bitmaps of arbitrary length (lib/bitmap.c), in unsigned long words.
 */
#ifndef LIB_BITMAP_H
#define LIB_BITMAP_H

#include <stdbool.h>
#include <stddef.h>

#define BITS_PER_LONG		(8 * sizeof(unsigned long))
#define BITMAP_LONGS(bits)	(((bits) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define DECLARE_BITMAP(name, bits) unsigned long name[BITMAP_LONGS(bits)]

void bitmap_set(unsigned long *map, size_t bit);
void bitmap_clear(unsigned long *map, size_t bit);
bool bitmap_test(const unsigned long *map, size_t bit);
void bitmap_set_range(unsigned long *map, size_t start, size_t len);
void bitmap_clear_range(unsigned long *map, size_t start, size_t len);
void bitmap_zero(unsigned long *map, size_t bits);
/* First set/clear bit at or after @start, or @bits when none. */
size_t bitmap_find_next_set(const unsigned long *map, size_t bits,
			    size_t start);
size_t bitmap_find_next_clear(const unsigned long *map, size_t bits,
			      size_t start);
/* Start of the first run of @len clear bits, or @bits when none. */
size_t bitmap_find_clear_run(const unsigned long *map, size_t bits,
			     size_t len);
size_t bitmap_weight(const unsigned long *map, size_t bits);

#endif
