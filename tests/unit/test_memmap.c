/*
 * Host tests for lib/memmap.c. The randomized tests build small maps on a
 * grid of 256-byte units (so sub-page pieces happen), work out the answer
 * with a deliberately simple model (one type per unit: the highest type of
 * any entry covering it; then a page stays usable only if all of it is
 * usable), and compare memmap_sanitize's result and report with it, for
 * capacities from generous down to less than the input. The map array is
 * malloc'd to exactly its capacity, so AddressSanitizer catches any write
 * past it. Explicit cases cover the typical PC map, unsorted input,
 * overlaps, tiny and huge ranges, wrap-around and capacity overflow.
 */
#include <stdbool.h>
#include <stdint.h>
#include "lib/memmap.h"
#include "unittest.h"

#define UNIT		256ULL		/* model granularity */
#define PAGE		4096ULL
#define UNITS_PER_PAGE	(PAGE / UNIT)
#define NUNITS		1024		/* 64 pages */
#define MAX_IN		16
#define GiB		(1ULL << 30)

struct expect {
	struct memmap_entry e[2 * NUNITS];
	size_t n;
	struct memmap_report rep;
};

static uint32_t model_type(uint32_t type)
{
	return type >= MEMMAP_USABLE && type <= MEMMAP_BAD ?
	       type : MEMMAP_RESERVED;
}

/* Count the report fields that only depend on the input entries. */
static void model_report(const struct memmap_entry *in, size_t n,
			 struct memmap_report *rep)
{
	const struct memmap_entry *prev = NULL;

	for (size_t i = 0; i < n; i++) {
		if (in[i].len == 0) {
			rep->dropped++;
			continue;
		}
		if (model_type(in[i].type) != in[i].type)
			rep->unknown_types++;
		if (prev && in[i].base < prev->base)
			rep->unsorted++;
		prev = &in[i];
		for (size_t j = 0; j < i; j++) {
			if (in[j].len && in[i].base < in[j].base + in[j].len &&
			    in[j].base < in[i].base + in[i].len)
				rep->overlaps++;
		}
	}
}

/*
 * The model: entries are multiples of UNIT above @offset (page aligned).
 * Fills @x with the expected result for a capacity of @cap.
 */
static void model(const struct memmap_entry *in, size_t n, uint64_t offset,
		  size_t cap, struct expect *x)
{
	uint32_t t[NUNITS] = { 0 };
	size_t all = 0;

	memset_host(x, 0, sizeof(*x));
	model_report(in, n, &x->rep);
	for (size_t i = 0; i < n; i++) {
		size_t first = (in[i].base - offset) / UNIT;

		for (size_t u = first; u < first + in[i].len / UNIT; u++) {
			if (model_type(in[i].type) > t[u])
				t[u] = model_type(in[i].type);
		}
	}
	/* Usable runs without a whole page vanish (and count as dropped). */
	for (size_t u = 0; u < NUNITS;) {
		size_t end = u, whole = 0;

		if (t[u] != MEMMAP_USABLE) {
			u++;
			continue;
		}
		while (end < NUNITS && t[end] == MEMMAP_USABLE)
			end++;
		for (size_t v = u; v < end; v++) {
			size_t page = v - v % UNITS_PER_PAGE;
			bool full = page >= u && page + UNITS_PER_PAGE <= end;

			whole += full;
			if (!full)
				t[v] = 0;
		}
		x->rep.dropped += whole == 0;
		u = end;
	}
	for (size_t u = 0; u < NUNITS;) {
		size_t end = u;

		while (end < NUNITS && t[end] == t[u])
			end++;
		if (t[u]) {
			if (x->n < cap)
				x->e[x->n++] = (struct memmap_entry){
					.base = offset + u * UNIT,
					.len = (end - u) * UNIT,
					.type = t[u] };
			all++;
		}
		u = end;
	}
	x->rep.dropped += all - x->n;
}

/* Field by field: struct memmap_entry has padding that memcmp would see. */
static bool same_entries(const struct memmap_entry *a,
			 const struct memmap_entry *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a[i].base != b[i].base || a[i].len != b[i].len ||
		    a[i].type != b[i].type)
			return false;
	}
	return true;
}

static bool same_report(const struct memmap_report *a,
			const struct memmap_report *b)
{
	return a->overlaps == b->overlaps && a->unsorted == b->unsorted &&
	       a->dropped == b->dropped &&
	       a->unknown_types == b->unknown_types;
}

static void dump(const char *what, const struct memmap_entry *m, size_t n)
{
	printf("# %s (%zu):\n", what, n);
	for (size_t i = 0; i < n; i++)
		printf("#   %#llx +%#llx type %u\n",
		       (unsigned long long)m[i].base,
		       (unsigned long long)m[i].len, m[i].type);
}

/* Sanitize a copy of @in in an array of exactly @cap (or n) entries. */
static bool check_sanitize(const struct memmap_entry *in, size_t n,
			   size_t cap, const struct expect *x)
{
	size_t room = n > cap ? n : cap;
	struct memmap_entry *map = malloc((room ? room : 1) * sizeof(*map));
	struct memmap_report rep;
	bool ok;
	size_t got;

	memcpy_host(map, in, n * sizeof(*map));
	got = memmap_sanitize(map, n, cap, &rep);
	ok = got == x->n && same_report(&rep, &x->rep) &&
	     same_entries(map, x->e, got);
	if (!ok) {
		printf("# cap %zu\n", cap);
		dump("input", in, n);
		dump("got", map, got);
		dump("want", x->e, x->n);
		printf("# report got o%u u%u d%u t%u want o%u u%u d%u t%u\n",
		       rep.overlaps, rep.unsorted, rep.dropped,
		       rep.unknown_types, x->rep.overlaps, x->rep.unsorted,
		       x->rep.dropped, x->rep.unknown_types);
	}
	free(map);
	return ok;
}

static uint32_t random_type(void)
{
	static const uint32_t types[] = {
		MEMMAP_USABLE, MEMMAP_USABLE, MEMMAP_USABLE, MEMMAP_USABLE,
		MEMMAP_RESERVED, MEMMAP_RESERVED, MEMMAP_ACPI_RECLAIMABLE,
		MEMMAP_ACPI_NVS, MEMMAP_BAD, 0, 6, 0xffffffff,
	};

	return types[rand() % (sizeof(types) / sizeof(types[0]))];
}

static size_t random_map(struct memmap_entry *in, uint64_t offset)
{
	size_t n = 1 + rand() % MAX_IN;

	for (size_t i = 0; i < n; i++) {
		size_t base = rand() % NUNITS;
		size_t len = rand() % (NUNITS - base + 1);

		/* Mostly short entries; some land on pages, some not. */
		if (rand() % 3)
			len %= 3 * UNITS_PER_PAGE;
		if (rand() % 2) {
			base -= base % UNITS_PER_PAGE;
			len -= len % UNITS_PER_PAGE;
		}
		/* Sometimes touch or repeat an earlier entry. */
		if (i && rand() % 6 == 0) {
			in[i] = in[rand() % i];
			if (rand() % 2) {
				in[i].base += in[i].len;
				if (in[i].base + in[i].len > offset +
				    NUNITS * UNIT)
					in[i].len = 0;
			}
			continue;
		}
		in[i] = (struct memmap_entry){ .base = offset + base * UNIT,
					       .len = len * UNIT,
					       .type = random_type() };
	}
	return n;
}

TEST(random_maps_match_model)
{
	static const uint64_t offsets[] = {
		0, 0x100000, 4 * GiB - 32 * PAGE, 1ULL << 40,
		0xffffffffffc00000ULL,
	};
	struct memmap_entry in[MAX_IN];
	static struct expect x;
	int failures = 0;

	for (int round = 0; round < 20000 && failures < 3; round++) {
		uint64_t offset = offsets[rand() % 5];
		size_t n = random_map(in, offset);
		size_t caps[] = { 2 * n + 1, n, n / 2, 1 + rand() % (2 * n) };

		for (size_t c = 0; c < 4; c++) {
			model(in, n, offset, caps[c], &x);
			if (!check_sanitize(in, n, caps[c], &x))
				failures++;
		}
	}
	EXPECT_EQ(failures, 0);
}

/* Run memmap_sanitize on @in with room for @cap entries. */
static size_t sanitize(struct memmap_entry *out, const struct memmap_entry *in,
		       size_t n, size_t cap, struct memmap_report *rep)
{
	memcpy_host(out, in, n * sizeof(*out));
	return memmap_sanitize(out, n, cap, rep);
}

#define E(b, l, t)	{ .base = (b), .len = (l), .type = MEMMAP_##t }

static void expect_map(const struct memmap_entry *got, size_t n,
		       const struct memmap_entry *want, size_t wn)
{
	EXPECT_EQ(n, wn);
	if (n == wn && same_entries(got, want, n))
		return;
	unit_fail(__FILE__, __LINE__, "maps differ");
	dump("got", got, n);
	dump("want", want, wn);
}

static const struct memmap_entry pc_map[] = {
	E(0, 0x9fc00, USABLE),
	E(0x9fc00, 0x400, RESERVED),
	E(0xf0000, 0x10000, RESERVED),
	E(0x100000, 0x7fde0000, USABLE),
	E(0x7fee0000, 0x20000, ACPI_RECLAIMABLE),
	E(0xfffc0000, 0x40000, RESERVED),
	E(0x100000000, 0x80000000, USABLE),
};

static const struct memmap_entry pc_clean[] = {
	E(0, 0x9f000, USABLE),
	E(0x9fc00, 0x400, RESERVED),
	E(0xf0000, 0x10000, RESERVED),
	E(0x100000, 0x7fde0000, USABLE),
	E(0x7fee0000, 0x20000, ACPI_RECLAIMABLE),
	E(0xfffc0000, 0x40000, RESERVED),
	E(0x100000000, 0x80000000, USABLE),
};

TEST(typical_pc_map)
{
	struct memmap_entry map[16];
	struct memmap_report rep;
	size_t n = sanitize(map, pc_map, 7, 16, &rep);

	expect_map(map, n, pc_clean, 7);
	EXPECT_EQ(rep.overlaps + rep.unsorted + rep.dropped +
		  rep.unknown_types, 0);
	EXPECT(memmap_total(map, n, MEMMAP_USABLE) ==
	       0x9f000 + 0x7fde0000 + 0x80000000ULL);
	EXPECT(memmap_total(map, n, MEMMAP_RESERVED) == 0x50400);
	EXPECT(memmap_total(map, n, MEMMAP_BAD) == 0);
}

TEST(unsorted_input_is_sorted)
{
	struct memmap_entry rev[7], map[7];
	struct memmap_report rep;
	size_t n;

	for (size_t i = 0; i < 7; i++)
		rev[i] = pc_map[6 - i];
	/* No spare room at all: sorting must not need any. */
	n = sanitize(map, rev, 7, 7, &rep);
	expect_map(map, n, pc_clean, 7);
	EXPECT_EQ(rep.unsorted, 6);
	EXPECT_EQ(rep.overlaps, 0);
}

TEST(restrictive_type_wins_overlaps)
{
	static const struct memmap_entry in[] = {
		E(0, 0x100000, USABLE),
		E(0x10000, 0x10000, RESERVED),
		E(0x18000, 0x18000, BAD),
		E(0x40000, 0x1000, ACPI_NVS),
		E(0x40000, 0x3000, ACPI_RECLAIMABLE),
	};
	static const struct memmap_entry want[] = {
		E(0, 0x10000, USABLE),
		E(0x10000, 0x8000, RESERVED),
		E(0x18000, 0x18000, BAD),
		E(0x30000, 0x10000, USABLE),
		E(0x40000, 0x1000, ACPI_NVS),
		E(0x41000, 0x2000, ACPI_RECLAIMABLE),
		E(0x43000, 0xbd000, USABLE),
	};
	struct memmap_entry map[16];
	struct memmap_report rep;
	size_t n = sanitize(map, in, 5, 16, &rep);

	expect_map(map, n, want, 7);
	/* U-R, U-BAD, R-BAD, U-NVS, U-ACPI, NVS-ACPI. */
	EXPECT_EQ(rep.overlaps, 6);
	EXPECT_EQ(rep.unsorted, 0);
}

TEST(sub_page_usable_disappears)
{
	static const struct memmap_entry in[] = {
		E(0x1000, 0x800, USABLE),
		E(0x11800, 0x1000, USABLE),
		E(0x21800, 0x2000, USABLE),
		/* A reserved byte spoils the whole page around it. */
		E(0x40000, 0x3000, USABLE),
		E(0x41010, 1, RESERVED),
	};
	static const struct memmap_entry want[] = {
		E(0x22000, 0x1000, USABLE),
		E(0x40000, 0x1000, USABLE),
		E(0x41010, 1, RESERVED),
		E(0x42000, 0x1000, USABLE),
	};
	struct memmap_entry map[16];
	struct memmap_report rep;
	size_t n = sanitize(map, in, 5, 16, &rep);

	expect_map(map, n, want, 4);
	EXPECT_EQ(rep.dropped, 2);
}

TEST(ranges_above_4g)
{
	static const struct memmap_entry in[] = {
		E(0x100000000ULL, 0xff00000000ULL, USABLE),
		E(0x180000000ULL, 0x1000, RESERVED),
		E(0x10000000000ULL, 0x40000000, RESERVED),
		E(0x10000000000ULL - 0x1000, 0x1000, USABLE),
	};
	static const struct memmap_entry want[] = {
		E(0x100000000ULL, 0x80000000ULL, USABLE),
		E(0x180000000ULL, 0x1000, RESERVED),
		E(0x180001000ULL, 0xfe7ffff000ULL, USABLE),
		E(0x10000000000ULL, 0x40000000, RESERVED),
	};
	struct memmap_entry map[8];
	struct memmap_report rep;
	size_t n = sanitize(map, in, 4, 8, &rep);

	expect_map(map, n, want, 4);
	EXPECT(memmap_total(map, n, MEMMAP_USABLE) == 0xff00000000ULL - 0x1000);
	EXPECT_EQ(rep.overlaps, 2);
}

TEST(empty_and_wrapping_entries_dropped)
{
	static const struct memmap_entry in[] = {
		E(0x5000, 0, USABLE),
		E(0xfffffffffffff000ULL, 0x2000, RESERVED),
		E(0xfffffffffffff000ULL, 0x1000, RESERVED),
		E(0xffffffffffffe000ULL, 0x1000, RESERVED),
		E(0x1000, 0x1000, USABLE),
		E(0, UINT64_MAX, BAD),
	};
	static const struct memmap_entry want[] = {
		E(0, UINT64_MAX, BAD),
	};
	struct memmap_entry map[8];
	struct memmap_report rep;
	size_t n = sanitize(map, in, 5, 8, &rep);

	EXPECT_EQ(n, 2);
	EXPECT(map[0].base == 0x1000 && map[0].len == 0x1000);
	EXPECT(map[1].base == 0xffffffffffffe000ULL && map[1].len == 0x1000);
	EXPECT_EQ(rep.dropped, 3);
	/* The whole address space but its last byte, of one type. */
	n = sanitize(map, in, 6, 8, &rep);
	expect_map(map, n, want, 1);
	EXPECT_EQ(rep.dropped, 3);
}

TEST(unknown_types_are_reserved)
{
	static const struct memmap_entry in[] = {
		E(0, 0x10000, USABLE),
		{ .base = 0x4000, .len = 0x1000, .type = 0 },
		{ .base = 0x5000, .len = 0x1000, .type = 99 },
	};
	static const struct memmap_entry want[] = {
		E(0, 0x4000, USABLE),
		E(0x4000, 0x2000, RESERVED),
		E(0x6000, 0xa000, USABLE),
	};
	struct memmap_entry map[8];
	struct memmap_report rep;
	size_t n = sanitize(map, in, 3, 8, &rep);

	expect_map(map, n, want, 3);
	EXPECT_EQ(rep.unknown_types, 2);
	EXPECT_EQ(rep.overlaps, 2);
}

TEST(adjacent_same_type_merges)
{
	static const struct memmap_entry in[] = {
		E(0x2000, 0x1000, USABLE),
		E(0, 0x1000, USABLE),
		E(0x1000, 0x1000, USABLE),
		E(0x3000, 0x1000, RESERVED),
		E(0x4000, 0x1000, RESERVED),
		E(0x5000, 0x1000, ACPI_NVS),
	};
	static const struct memmap_entry want[] = {
		E(0, 0x3000, USABLE),
		E(0x3000, 0x2000, RESERVED),
		E(0x5000, 0x1000, ACPI_NVS),
	};
	struct memmap_entry map[6];
	struct memmap_report rep;
	size_t n = sanitize(map, in, 6, 6, &rep);

	expect_map(map, n, want, 3);
	EXPECT_EQ(rep.unsorted, 1);
}

/* One usable range with @holes reserved pages punched into it. */
static size_t holes_map(struct memmap_entry *in, size_t holes)
{
	in[0] = (struct memmap_entry)E(0, (2 * holes + 1) * PAGE, USABLE);
	for (size_t i = 0; i < holes; i++)
		in[i + 1] = (struct memmap_entry)E((2 * i + 1) * PAGE, PAGE,
						   RESERVED);
	return holes + 1;
}

TEST(worst_case_splits_fit_in_2n_minus_1)
{
	struct memmap_entry in[65], map[129];
	struct memmap_report rep;
	size_t n = holes_map(in, 64);
	size_t got = sanitize(map, in, n, 2 * n - 1, &rep);

	EXPECT_EQ(got, 129);
	EXPECT_EQ(rep.dropped, 0);
	EXPECT_EQ(rep.overlaps, 64);
	for (size_t i = 0; i < got; i++) {
		EXPECT(map[i].base == i * PAGE && map[i].len == PAGE);
		EXPECT_EQ(map[i].type, i % 2 ? MEMMAP_RESERVED : MEMMAP_USABLE);
	}
}

TEST(capacity_overflow_keeps_lowest_ranges)
{
	struct memmap_entry in[6], map[6];
	struct memmap_report rep;
	size_t n = holes_map(in, 5);
	size_t got;

	/* 11 ranges, room for 6: the six lowest are kept. */
	got = sanitize(map, in, n, 6, &rep);
	EXPECT_EQ(got, 6);
	EXPECT_EQ(rep.dropped, 5);
	for (size_t i = 0; i < got; i++)
		EXPECT(map[i].base == i * PAGE && map[i].len == PAGE);
	/* A capacity below the input count. */
	got = sanitize(map, in, n, 3, &rep);
	EXPECT_EQ(got, 3);
	EXPECT_EQ(rep.dropped, 8);
	EXPECT(map[2].base == 2 * PAGE && map[2].type == MEMMAP_USABLE);
	got = sanitize(map, in, n, 0, &rep);
	EXPECT_EQ(got, 0);
	EXPECT_EQ(rep.dropped, 11);
}

TEST(tight_room_with_shadowed_entries)
{
	/* R2 is hidden under BAD and NVS; it must not cost a slot. */
	static const struct memmap_entry in[] = {
		E(0, 0x8000, USABLE),
		E(0x6000, 0x1a000, RESERVED),
		E(0x5000, 0xb000, BAD),
		E(0x10000, 0x10000, ACPI_NVS),
	};
	static const struct memmap_entry want[] = {
		E(0, 0x5000, USABLE),
		E(0x5000, 0xb000, BAD),
		E(0x10000, 0x10000, ACPI_NVS),
	};
	struct memmap_entry map[4];
	struct memmap_report rep;
	size_t n = sanitize(map, in, 4, 3, &rep);

	expect_map(map, n, want, 3);
	EXPECT_EQ(rep.dropped, 0);
}

TEST(many_entries_are_fast_enough)
{
	static struct memmap_entry in[128], map[255];
	struct memmap_report rep;
	size_t got;

	/* Nested ranges of alternating types: every boundary matters. */
	for (size_t i = 0; i < 128; i++) {
		in[i].base = i * PAGE;
		in[i].len = (256 - 2 * i) * PAGE;
		in[i].type = i % 2 ? MEMMAP_USABLE : MEMMAP_RESERVED + i % 4;
	}
	got = sanitize(map, in, 128, 255, &rep);
	EXPECT(got > 0 && got <= 255);
	for (size_t i = 1; i < got; i++)
		EXPECT(map[i].base >= map[i - 1].base + map[i - 1].len);
	got = sanitize(map, in, 128, 128, &rep);
	EXPECT(got > 0 && got <= 128);
}

TEST(report_may_be_null_and_names)
{
	struct memmap_entry map[2] = { E(0x1000, 0x1000, USABLE) };

	EXPECT_EQ(memmap_sanitize(map, 1, 2, NULL), 1);
	EXPECT_EQ(memmap_sanitize(map, 0, 2, NULL), 0);
	EXPECT_STREQ(memmap_type_name(MEMMAP_USABLE), "usable");
	EXPECT_STREQ(memmap_type_name(MEMMAP_RESERVED), "reserved");
	EXPECT_STREQ(memmap_type_name(MEMMAP_ACPI_RECLAIMABLE), "ACPI data");
	EXPECT_STREQ(memmap_type_name(MEMMAP_ACPI_NVS), "ACPI NVS");
	EXPECT_STREQ(memmap_type_name(MEMMAP_BAD), "unusable");
	EXPECT_STREQ(memmap_type_name(0), "unknown");
	EXPECT_STREQ(memmap_type_name(77), "unknown");
}
