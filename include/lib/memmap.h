/*
 * Physical memory map sanitizing (lib/memmap.c): pure logic, host-tested.
 *
 * Firmware maps may be unsorted, overlap, or contain tiny entries. The
 * sanitizer turns them into a sorted list of disjoint ranges where, on
 * overlap, the more restrictive type wins (anything beats USABLE), adjacent
 * ranges of the same type are merged, and usable ranges are trimmed to
 * whole pages (ranges smaller than a page disappear).
 */
#ifndef LIB_MEMMAP_H
#define LIB_MEMMAP_H

#include <stddef.h>
#include <stdint.h>

enum memmap_type {
	MEMMAP_USABLE = 1,
	MEMMAP_RESERVED = 2,
	MEMMAP_ACPI_RECLAIMABLE = 3,
	MEMMAP_ACPI_NVS = 4,
	MEMMAP_BAD = 5,
};

struct memmap_entry {
	uint64_t base;
	uint64_t len;
	uint32_t type;		/* enum memmap_type; unknown values: reserved */
};

/* What memmap_sanitize() noticed, so the caller can warn. */
struct memmap_report {
	unsigned int overlaps;	/* pairs of input entries that overlapped */
	unsigned int unsorted;	/* input entries out of order */
	unsigned int dropped;	/* zero-length, wrapping or sub-page entries */
	unsigned int unknown_types; /* types outside enum memmap_type */
};

/*
 * Sanitize @n entries of @map in place; returns the new count (<= cap).
 * @cap is the capacity of @map: splitting may need more room than @n, and
 * entries that do not fit are dropped and counted in report->dropped.
 */
size_t memmap_sanitize(struct memmap_entry *map, size_t n, size_t cap,
		       struct memmap_report *report);

/* Sum of the lengths of entries of @type. */
uint64_t memmap_total(const struct memmap_entry *map, size_t n,
		      uint32_t type);

const char *memmap_type_name(uint32_t type);

#endif
