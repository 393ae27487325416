/*
 * Physical memory map sanitizing (include/lib/memmap.h). The boot code
 * copies the firmware's map (E820 via Multiboot2, or PVH) into an array
 * and runs memmap_sanitize() on it before the page allocator exists, so
 * this works in place in the caller's array and allocates nothing.
 * tests/unit/test_memmap.c checks it against a page-by-page model.
 *
 * The result is computed by a sweep over addresses: at each point the
 * entry with the highest type value wins (USABLE is 1, so any other type
 * beats it), and the sweep hands out maximal ranges of one type. Types are
 * ranked by number on purpose: RESERVED < ACPI_RECLAIMABLE < ACPI_NVS <
 * BAD, so between two non-usable types the later, more specific one wins.
 *
 * The hard part is room. Overlaps split entries (a reserved hole in the
 * middle of a usable range makes three ranges of one), so the result can
 * be nearly twice as long as the input, and the sweep still needs the
 * input while it writes the result. The input is therefore moved to the
 * end of the array and the result grows from the front; an input entry's
 * slot is freed as soon as the sweep is past its end. When the result
 * would not fit in @cap at all, the input is first clipped at the end of
 * the last range that fits, so the sweep only produces what is kept.
 * See write_result() for why the two halves then never collide.
 */
#include <stdbool.h>
#include "compiler.h"
#include "lib/memmap.h"
#include "lib/string.h"

#define MEMMAP_PAGE_SIZE	4096ULL

/* One range of the result, before it is stored: [base, end). */
struct range {
	uint64_t base, end;
	uint32_t type;
};

static uint64_t entry_end(const struct memmap_entry *e)
{
	return e->base + e->len;
}

static bool type_known(uint32_t type)
{
	return type >= MEMMAP_USABLE && type <= MEMMAP_BAD;
}

/*
 * Drop entries that are empty or run past the top of the address space
 * (their end is not representable), make unknown types RESERVED, and
 * count what the caller may want to warn about. Returns the entries kept,
 * compacted at the front of @map.
 */
static size_t check_entries(struct memmap_entry *map, size_t n,
			    struct memmap_report *rep)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		struct memmap_entry e = map[i];

		/* An end of exactly 2^64 wraps to 0 and is dropped too. */
		if (e.len == 0 || e.base + e.len < e.base) {
			rep->dropped++;
			continue;
		}
		if (!type_known(e.type)) {
			rep->unknown_types++;
			e.type = MEMMAP_RESERVED;
		}
		if (m > 0 && e.base < map[m - 1].base)
			rep->unsorted++;
		for (size_t j = 0; j < m; j++) {
			if (e.base < entry_end(&map[j]) &&
			    map[j].base < entry_end(&e))
				rep->overlaps++;
		}
		map[m++] = e;
	}
	return m;
}

/* Do two entries overlap or touch? */
static bool entries_touch(const struct memmap_entry *a,
			  const struct memmap_entry *b)
{
	return a->base <= entry_end(b) && b->base <= entry_end(a);
}

/*
 * Merge entries of one type that overlap or touch. This does not change
 * the result, but afterwards entries of one type are separated by gaps,
 * which write_result() relies on.
 */
static size_t merge_same_type(struct memmap_entry *map, size_t m)
{
	bool merged;

	do {
		merged = false;
		for (size_t i = 0; i < m; i++) {
			for (size_t j = i + 1; j < m; j++) {
				uint64_t end;

				if (map[i].type != map[j].type ||
				    !entries_touch(&map[i], &map[j]))
					continue;
				end = MAX(entry_end(&map[i]),
					  entry_end(&map[j]));
				map[i].base = MIN(map[i].base, map[j].base);
				map[i].len = end - map[i].base;
				map[j--] = map[--m];
				merged = true;
			}
		}
	} while (merged);
	return m;
}

/*
 * The winning type at @p among map[lo..hi) (0: no entry covers @p), and
 * in *@next the first point above @p where the answer may change, or
 * UINT64_MAX when nothing lies beyond.
 */
static uint32_t type_at(const struct memmap_entry *map, size_t lo, size_t hi,
			uint64_t p, uint64_t *next)
{
	uint32_t type = 0;

	*next = UINT64_MAX;
	for (size_t i = lo; i < hi; i++) {
		if (map[i].base > p) {
			*next = MIN(*next, map[i].base);
		} else if (entry_end(&map[i]) > p) {
			type = MAX(type, map[i].type);
			*next = MIN(*next, entry_end(&map[i]));
		}
	}
	return type;
}

/*
 * The first maximal range of one type at or above @x in map[lo..hi),
 * before page trimming. Returns false when there is none.
 */
static bool next_range(const struct memmap_entry *map, size_t lo, size_t hi,
		       uint64_t x, struct range *r)
{
	uint64_t next;
	uint32_t type = type_at(map, lo, hi, x, &next);

	/* No entry ends at UINT64_MAX + 1, so next == UINT64_MAX ends it. */
	while (type == 0) {
		if (next == UINT64_MAX)
			return false;
		x = next;
		type = type_at(map, lo, hi, x, &next);
	}
	r->base = x;
	r->type = type;
	do {
		r->end = next;
	} while (type_at(map, lo, hi, r->end, &next) == type);
	return true;
}

/* Usable memory comes in whole pages; false if no page is left. */
static bool trim_range(struct range *r)
{
	uint64_t end;

	if (r->type != MEMMAP_USABLE)
		return true;
	end = ALIGN_DOWN(r->end, MEMMAP_PAGE_SIZE);
	if (end <= r->base)
		return false;
	/* base < end and end is aligned, so rounding base up stays <= end. */
	r->base = ALIGN_UP(r->base, MEMMAP_PAGE_SIZE);
	r->end = end;
	return r->base < r->end;
}

/*
 * Count the ranges of the result and those that trimming removes. If more
 * than @cap remain, clip the input at the end of the last range that fits
 * (dropping what lies above) and count the rest as dropped.
 */
static size_t clip_to_cap(struct memmap_entry *map, size_t m, size_t cap,
			  struct memmap_report *rep)
{
	uint64_t x = 0, limit = 0;	/* with cap 0, nothing is kept */
	size_t count = 0, kept = 0;
	struct range r;

	while (next_range(map, 0, m, x, &r)) {
		x = r.end;
		if (!trim_range(&r)) {
			rep->dropped++;
			continue;
		}
		if (++count == cap)
			limit = r.end;
	}
	if (count <= cap)
		return m;
	rep->dropped += count - cap;
	for (size_t i = 0; i < m; i++) {
		if (map[i].base >= limit)
			continue;
		map[kept] = map[i];
		map[kept].len = MIN(entry_end(&map[i]), limit) - map[i].base;
		kept++;
	}
	return kept;
}

/*
 * Does map[i] decide any of the result at or above @x? It does where no
 * higher type covers it, unless that stretch is usable and trims away.
 */
static bool entry_matters(const struct memmap_entry *map, size_t lo,
			  size_t hi, size_t i, uint64_t x)
{
	uint64_t p = MAX(map[i].base, x), end = entry_end(&map[i]);

	while (p < end) {
		struct range own = { .base = p, .end = end,
				     .type = map[i].type };
		uint64_t covered = p;

		for (size_t j = lo; j < hi; j++) {
			if (map[j].type <= own.type)
				continue;
			if (map[j].base <= p && entry_end(&map[j]) > covered)
				covered = entry_end(&map[j]);
			else if (map[j].base > p)
				own.end = MIN(own.end, map[j].base);
		}
		if (covered > p) {
			p = covered;
			continue;
		}
		if (trim_range(&own))
			return true;
		p = own.end;
	}
	return false;
}

/*
 * Sweep map[lo..room) and write the result to the front of @map, freeing
 * an input slot (by moving the lowest input into it) once the sweep is
 * past that input's end. Returns the number of ranges written.
 *
 * Why the front never runs into the inputs: suppose k ranges are written,
 * j inputs remain (all ending above the sweep) and k + j = room, with one
 * more range R to write. Inputs of one type are separated by gaps
 * (merge_same_type), so no two remaining inputs decide the same range of
 * the result; if each decides some range above R, the result has at least
 * k + 1 + j > room >= cap ranges, but clip_to_cap() made it at most cap.
 * So some remaining input decides nothing any more and can go.
 */
static size_t write_result(struct memmap_entry *map, size_t lo, size_t room,
			   struct memmap_report *rep)
{
	size_t k = 0;
	uint64_t x = 0;
	struct range r;

	while (next_range(map, lo, room, x, &r)) {
		x = r.end;
		/*
		 * Free the slots of inputs the sweep is done with. map[lo]
		 * has been looked at already, so it can fill the hole.
		 */
		for (size_t i = lo; i < room; i++) {
			if (entry_end(&map[i]) <= x || (k == lo &&
			    !entry_matters(map, lo, room, i, x)))
				map[i] = map[lo++];
		}
		if (!trim_range(&r))
			continue;
		if (k == lo) {
			/* Unreachable by the argument above; stay safe. */
			rep->dropped++;
			continue;
		}
		map[k++] = (struct memmap_entry){ .base = r.base,
						  .len = r.end - r.base,
						  .type = r.type };
	}
	return k;
}

size_t memmap_sanitize(struct memmap_entry *map, size_t n, size_t cap,
		       struct memmap_report *report)
{
	struct memmap_report dummy;
	struct memmap_report *rep = report ? report : &dummy;
	size_t m, room = MAX(n, cap);

	memset(rep, 0, sizeof(*rep));
	m = check_entries(map, n, rep);
	m = merge_same_type(map, m);
	m = clip_to_cap(map, m, cap, rep);
	memmove(&map[room - m], map, m * sizeof(*map));
	return write_result(map, room - m, room, rep);
}

uint64_t memmap_total(const struct memmap_entry *map, size_t n,
		      uint32_t type)
{
	uint64_t total = 0;

	for (size_t i = 0; i < n; i++) {
		if (map[i].type == type)
			total += map[i].len;
	}
	return total;
}

const char *memmap_type_name(uint32_t type)
{
	switch (type) {
	case MEMMAP_USABLE:
		return "usable";
	case MEMMAP_RESERVED:
		return "reserved";
	case MEMMAP_ACPI_RECLAIMABLE:
		return "ACPI data";
	case MEMMAP_ACPI_NVS:
		return "ACPI NVS";
	case MEMMAP_BAD:
		return "unusable";
	default:
		return "unknown";
	}
}
