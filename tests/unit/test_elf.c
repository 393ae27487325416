/*
 * Host tests for lib/elf.c. The images are built here in memory (nothing
 * binary is checked in): a minimal static ET_EXEC and a static-PIE ET_DYN,
 * each with a text and a data PT_LOAD and a PT_GNU_STACK. Tests check the
 * plan for the valid ones, corrupt each field the parser checks, truncate
 * them at every length into exactly-sized buffers (ASan catches any read
 * past the end), fuzz them, and split "#!" lines.
 */
#include <stdint.h>
#include "compiler.h"
#include "errno.h"
#include "lib/elf.h"
#include "lib/string.h"
#include "unittest.h"

#define TEXT_VADDR	0x400000ULL
#define DATA_VADDR	0x601000ULL
#define DATA_OFF	0x1000ULL
#define DATA_FILESZ	0x100ULL
#define DATA_MEMSZ	0x2000ULL
#define ENTRY_OFF	0x100ULL
#define IMAGE_SIZE	(DATA_OFF + DATA_FILESZ)
#define NPHDR		3

/* An image under construction, aligned so its headers can be cast. */
struct image {
	union {
		uint8_t bytes[IMAGE_SIZE];
		struct elf64_ehdr eh;
	};
};

static struct elf64_phdr *phdrs(struct image *im)
{
	return (struct elf64_phdr *)(im->bytes + sizeof(struct elf64_ehdr));
}

static void set_phdr(struct elf64_phdr *ph, uint32_t type, uint32_t flags,
		     uint64_t off, uint64_t vaddr, uint64_t filesz,
		     uint64_t memsz)
{
	ph->p_type = type;
	ph->p_flags = flags;
	ph->p_offset = off;
	ph->p_vaddr = vaddr;
	ph->p_paddr = vaddr;
	ph->p_filesz = filesz;
	ph->p_memsz = memsz;
	ph->p_align = 0x1000;
}

/*
 * A valid image: text (headers and code) at @base, then data and bss at
 * a later page with the same page offset as in the file, as ld does.
 */
static void build(struct image *im, uint16_t type, uint64_t base)
{
	struct elf64_ehdr *eh = &im->eh;
	struct elf64_phdr *ph = phdrs(im);

	memset(im, 0, sizeof(*im));
	eh->e_ident[ELF_EI_MAG0] = ELF_MAG0;
	eh->e_ident[ELF_EI_MAG1] = ELF_MAG1;
	eh->e_ident[ELF_EI_MAG2] = ELF_MAG2;
	eh->e_ident[ELF_EI_MAG3] = ELF_MAG3;
	eh->e_ident[ELF_EI_CLASS] = ELF_CLASS64;
	eh->e_ident[ELF_EI_DATA] = ELF_DATA2LSB;
	eh->e_ident[ELF_EI_VERSION] = ELF_EV_CURRENT;
	eh->e_type = type;
	eh->e_machine = ELF_EM_X86_64;
	eh->e_version = ELF_EV_CURRENT;
	eh->e_entry = base + ENTRY_OFF;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = NPHDR;
	set_phdr(&ph[0], ELF_PT_LOAD, ELF_PF_R | ELF_PF_X, 0, base,
		 DATA_OFF, DATA_OFF);
	set_phdr(&ph[1], ELF_PT_LOAD, ELF_PF_R | ELF_PF_W, DATA_OFF,
		 base + DATA_VADDR - TEXT_VADDR, DATA_FILESZ, DATA_MEMSZ);
	set_phdr(&ph[2], ELF_PT_GNU_STACK, ELF_PF_R | ELF_PF_W, 0, 0, 0, 0);
	ph[2].p_align = 16;
	memset(im->bytes + ENTRY_OFF, 0xc3, 16);	/* some "code" */
}

static void build_exec(struct image *im)
{
	build(im, ELF_ET_EXEC, TEXT_VADDR);
}

static void build_dyn(struct image *im)
{
	build(im, ELF_ET_DYN, 0);
}

/* Parse a copy of @size bytes in a buffer of exactly that size. */
static int parse_exact(const void *image, size_t size, struct elf_plan *plan)
{
	uint8_t *copy = malloc(size);
	int err;

	EXPECT(copy != NULL || size == 0);
	if (size)
		memcpy(copy, image, size);
	err = elf_parse(copy, size, plan);
	free(copy);
	return err;
}

TEST(valid_exec_gives_plan)
{
	struct image im;
	struct elf_plan plan;

	build_exec(&im);
	EXPECT_EQ(parse_exact(&im, IMAGE_SIZE, &plan), 0);
	EXPECT_EQ(plan.type, ELF_TYPE_EXEC);
	EXPECT_EQ(plan.entry, TEXT_VADDR + ENTRY_OFF);
	EXPECT_EQ(plan.nseg, 2);
	EXPECT_EQ(plan.seg[0].vaddr, TEXT_VADDR);
	EXPECT_EQ(plan.seg[0].memsz, DATA_OFF);
	EXPECT_EQ(plan.seg[0].offset, 0);
	EXPECT_EQ(plan.seg[0].filesz, DATA_OFF);
	EXPECT_EQ(plan.seg[0].prot, ELF_PROT_R | ELF_PROT_X);
	EXPECT_EQ(plan.seg[1].vaddr, DATA_VADDR);
	EXPECT_EQ(plan.seg[1].memsz, DATA_MEMSZ);
	EXPECT_EQ(plan.seg[1].offset, DATA_OFF);
	EXPECT_EQ(plan.seg[1].filesz, DATA_FILESZ);
	EXPECT_EQ(plan.seg[1].prot, ELF_PROT_R | ELF_PROT_W);
	EXPECT_EQ(plan.lowest, TEXT_VADDR);
	EXPECT_EQ(plan.highest, DATA_VADDR + DATA_MEMSZ);
	EXPECT_EQ(plan.phdr_addr, TEXT_VADDR + sizeof(struct elf64_ehdr));
	EXPECT_EQ(plan.phnum, NPHDR);
	EXPECT_EQ(plan.phent, sizeof(struct elf64_phdr));
	EXPECT(!plan.exec_stack);
}

/*
 * elf_parse_head(): the headers from the first bytes of a larger file
 * give the same plan; program headers past the part read are refused.
 */
TEST(head_only_parse)
{
	struct image im;
	struct elf_plan whole, head;
	size_t table_end = sizeof(struct elf64_ehdr) +
			   NPHDR * sizeof(struct elf64_phdr);

	build_exec(&im);
	EXPECT_EQ(elf_parse(im.bytes, IMAGE_SIZE, &whole), 0);
	EXPECT_EQ(elf_parse_head(im.bytes, table_end, IMAGE_SIZE, &head), 0);
	EXPECT_EQ(head.nseg, whole.nseg);
	EXPECT_EQ(head.entry, whole.entry);
	EXPECT_EQ(head.seg[1].filesz, whole.seg[1].filesz);
	EXPECT_EQ(elf_parse_head(im.bytes, table_end - 1, IMAGE_SIZE, &head),
		  -EINVAL);
	/* A head longer than the file counts as the file. */
	EXPECT_EQ(elf_parse_head(im.bytes, IMAGE_SIZE * 2, IMAGE_SIZE, &head),
		  0);
}

TEST(valid_dyn_gives_relative_plan)
{
	struct image im;
	struct elf_plan plan;

	build_dyn(&im);
	EXPECT_EQ(parse_exact(&im, IMAGE_SIZE, &plan), 0);
	EXPECT_EQ(plan.type, ELF_TYPE_DYN);
	EXPECT_EQ(plan.entry, ENTRY_OFF);
	EXPECT_EQ(plan.nseg, 2);
	EXPECT_EQ(plan.seg[0].vaddr, 0);
	EXPECT_EQ(plan.seg[1].vaddr, DATA_VADDR - TEXT_VADDR);
	EXPECT_EQ(plan.lowest, 0);
	EXPECT_EQ(plan.highest, DATA_VADDR - TEXT_VADDR + DATA_MEMSZ);
	EXPECT_EQ(plan.phdr_addr, sizeof(struct elf64_ehdr));
}

TEST(unaligned_image_and_unaligned_bounds)
{
	static uint8_t buf[IMAGE_SIZE + 1];
	struct image im;
	struct elf_plan plan;
	struct elf64_phdr *ph = phdrs(&im);

	/* Segments off page boundaries, the image at an odd address. */
	build_exec(&im);
	ph[0].p_vaddr = TEXT_VADDR + ENTRY_OFF;
	ph[0].p_offset = ENTRY_OFF;
	ph[0].p_filesz = ph[0].p_memsz = 0x700;
	ph[1].p_memsz = 0x123;
	memcpy(buf + 1, &im, IMAGE_SIZE);
	EXPECT_EQ(elf_parse(buf + 1, IMAGE_SIZE, &plan), 0);
	EXPECT_EQ(plan.lowest, TEXT_VADDR);
	EXPECT_EQ(plan.highest, DATA_VADDR + 0x1000);
	/* The header table (offset 0x40..0xe8) is not in the first segment. */
	EXPECT_EQ(plan.phdr_addr, 0);
}

TEST(exec_stack_is_a_flag)
{
	struct image im;
	struct elf_plan plan;

	build_exec(&im);
	phdrs(&im)[2].p_flags |= ELF_PF_X;
	EXPECT_EQ(parse_exact(&im, IMAGE_SIZE, &plan), 0);
	EXPECT(plan.exec_stack);
}

TEST(segment_may_end_at_user_limit)
{
	struct image im;
	struct elf_plan plan;
	struct elf64_phdr *ph = phdrs(&im);

	build_exec(&im);
	ph[1].p_vaddr = ELF_USER_LIMIT - DATA_MEMSZ;
	EXPECT_EQ(parse_exact(&im, IMAGE_SIZE, &plan), 0);
	EXPECT_EQ(plan.highest, ELF_USER_LIMIT);

	build_dyn(&im);
	ph[1].p_vaddr = ELF_DYN_MAX_SPAN - DATA_MEMSZ;
	EXPECT_EQ(parse_exact(&im, IMAGE_SIZE, &plan), 0);
	EXPECT_EQ(plan.highest, ELF_DYN_MAX_SPAN);
}

TEST(empty_segments_are_skipped)
{
	struct image im;
	struct elf_plan plan;

	build_exec(&im);
	set_phdr(&phdrs(&im)[2], ELF_PT_LOAD, ELF_PF_R, 0, 0, 0, 0);
	EXPECT_EQ(parse_exact(&im, IMAGE_SIZE, &plan), 0);
	EXPECT_EQ(plan.nseg, 2);
}

/*
 * One corruption of a valid image: @mutate changes it, elf_parse() must
 * return @err with a why containing @word.
 */
struct corruption {
	const char *name;
	bool dyn;
	void (*mutate)(struct elf64_ehdr *eh, struct elf64_phdr *ph);
	int err;
	const char *word;
};

#define MUT(name, stmt)							\
	static void mut_##name(struct elf64_ehdr *eh,			\
			       struct elf64_phdr *ph)			\
	{								\
		(void)eh;						\
		(void)ph;						\
		stmt;							\
	}

MUT(magic, eh->e_ident[ELF_EI_MAG1] = 'e')
MUT(magic0, eh->e_ident[ELF_EI_MAG0] = 0)
MUT(class32, eh->e_ident[ELF_EI_CLASS] = 1)
MUT(big_endian, eh->e_ident[ELF_EI_DATA] = 2)
MUT(ident_version, eh->e_ident[ELF_EI_VERSION] = 0)
MUT(e_version, eh->e_version = 2)
MUT(machine, eh->e_machine = 3)
MUT(type_rel, eh->e_type = 1)
MUT(type_core, eh->e_type = 4)
MUT(ehsize, eh->e_ehsize = 52)
MUT(phentsize, eh->e_phentsize = 32)
MUT(phnum_zero, eh->e_phnum = 0)
MUT(phnum_65, eh->e_phnum = ELF_MAX_PHDRS + 1)
MUT(phnum_xnum, eh->e_phnum = 0xffff)
MUT(phoff_past_end, eh->e_phoff = IMAGE_SIZE + 8)
MUT(phoff_straddles_end, eh->e_phoff = IMAGE_SIZE - 100)
MUT(phoff_wraps, eh->e_phoff = UINT64_MAX - 16)
MUT(seg_past_end, ph[1].p_filesz = DATA_FILESZ + 1)
MUT(seg_offset_past_end, ph[1].p_offset = IMAGE_SIZE + 0x1000)
MUT(seg_offset_wraps, ph[1].p_offset = UINT64_MAX - 0xfff)
MUT(filesz_gt_memsz, ph[1].p_memsz = DATA_FILESZ - 1)
MUT(align_not_pow2, ph[1].p_align = 0x1800)
MUT(align_mismatch, ph[1].p_vaddr += 0x10)
MUT(overlap, ph[1].p_vaddr = TEXT_VADDR)
MUT(overlap_partly, ph[1].p_vaddr = TEXT_VADDR - 0x1000)
MUT(vaddr_wraps, ph[1].p_vaddr = UINT64_MAX & ~0xfffULL)
MUT(memsz_wraps, ph[1].p_memsz = UINT64_MAX - 0x100)
MUT(above_limit, ph[1].p_vaddr = ELF_USER_LIMIT - 0x1000)
MUT(kernel_half, ph[1].p_vaddr = 0xffffffff80001000ULL)
MUT(below_min, ph[0].p_vaddr = 0; eh->e_entry = ENTRY_OFF)
MUT(dyn_too_wide, ph[1].p_vaddr = ELF_DYN_MAX_SPAN)
MUT(no_load, ph[0].p_type = ELF_PT_NULL; ph[1].p_type = ELF_PT_NULL)
MUT(only_empty_loads, ph[0].p_memsz = ph[0].p_filesz = 0;
    ph[1].p_memsz = ph[1].p_filesz = 0)
MUT(entry_in_data, eh->e_entry = DATA_VADDR)
MUT(entry_before, eh->e_entry = TEXT_VADDR - 1)
MUT(entry_past_text, eh->e_entry = TEXT_VADDR + DATA_OFF)
MUT(entry_nowhere, eh->e_entry = 0x7000000000ULL)
MUT(dyn_entry_absolute, eh->e_entry = TEXT_VADDR + ENTRY_OFF)
MUT(text_not_exec, ph[0].p_flags = ELF_PF_R)
MUT(interp, ph[2].p_type = ELF_PT_INTERP)

#define C(n, d, e, w)	{ #n, d, mut_##n, e, w }

static const struct corruption corruptions[] = {
	C(magic, false, -ENOEXEC, "magic"),
	C(magic0, true, -ENOEXEC, "magic"),
	C(class32, false, -ENOEXEC, "64-bit"),
	C(big_endian, false, -ENOEXEC, "endian"),
	C(ident_version, false, -ENOEXEC, "version"),
	C(e_version, false, -ENOEXEC, "version"),
	C(machine, false, -ENOEXEC, "x86_64"),
	C(type_rel, false, -ENOEXEC, "executable"),
	C(type_core, false, -ENOEXEC, "executable"),
	C(ehsize, false, -ENOEXEC, "e_ehsize"),
	C(phentsize, false, -ENOEXEC, "e_phentsize"),
	C(phnum_zero, false, -EINVAL, "program headers"),
	C(phnum_65, false, -EINVAL, "too many"),
	C(phnum_xnum, false, -EINVAL, "too many"),
	C(phoff_past_end, false, -EINVAL, "outside the file"),
	C(phoff_straddles_end, false, -EINVAL, "outside the file"),
	C(phoff_wraps, false, -EINVAL, "outside the file"),
	C(seg_past_end, false, -EINVAL, "outside the file"),
	C(seg_offset_past_end, false, -EINVAL, "outside the file"),
	C(seg_offset_wraps, true, -EINVAL, "outside the file"),
	C(filesz_gt_memsz, false, -EINVAL, "p_filesz > p_memsz"),
	C(align_not_pow2, false, -EINVAL, "power of two"),
	C(align_mismatch, true, -EINVAL, "mod p_align"),
	C(overlap, false, -EINVAL, "overlap"),
	C(overlap_partly, false, -EINVAL, "overlap"),
	C(vaddr_wraps, false, -EINVAL, "overflows"),
	C(memsz_wraps, true, -EINVAL, "overflows"),
	C(above_limit, false, -EINVAL, "user address limit"),
	C(kernel_half, false, -EINVAL, "user address limit"),
	C(below_min, false, -EINVAL, "minimum address"),
	C(dyn_too_wide, true, -EINVAL, "PIE span"),
	C(no_load, false, -EINVAL, "PT_LOAD"),
	C(only_empty_loads, true, -EINVAL, "PT_LOAD"),
	C(entry_in_data, false, -EINVAL, "entry"),
	C(entry_before, false, -EINVAL, "entry"),
	C(entry_past_text, false, -EINVAL, "entry"),
	C(entry_nowhere, false, -EINVAL, "entry"),
	C(dyn_entry_absolute, true, -EINVAL, "entry"),
	C(text_not_exec, true, -EINVAL, "entry"),
	C(interp, false, -ENOEXEC, "PT_INTERP"),
};

TEST(each_corruption_is_rejected)
{
	for (size_t i = 0; i < ARRAY_SIZE(corruptions); i++) {
		const struct corruption *c = &corruptions[i];
		struct image im;
		struct elf_plan plan;
		int err;

		if (c->dyn)
			build_dyn(&im);
		else
			build_exec(&im);
		c->mutate(&im.eh, phdrs(&im));
		err = parse_exact(&im, IMAGE_SIZE, &plan);
		if (err != c->err || !plan.why || !strstr(plan.why, c->word))
			unit_fail(__FILE__, __LINE__,
				  "%s: got %d (%s), want %d (%s)", c->name,
				  err, plan.why ? plan.why : "no why",
				  c->err, c->word);
	}
}

TEST(more_than_max_phdrs_even_if_file_holds_them)
{
	static uint8_t buf[0x4000] __aligned(8);
	struct image im;
	struct elf_plan plan;
	struct elf64_phdr *ph = (struct elf64_phdr *)(buf + 0x1100);

	/* A table of 65 PT_NULLs, wholly inside the file. */
	build_exec(&im);
	memset(buf, 0, sizeof(buf));
	memcpy(buf, &im, IMAGE_SIZE);
	((struct elf64_ehdr *)buf)->e_phoff = 0x1100;
	((struct elf64_ehdr *)buf)->e_phnum = ELF_MAX_PHDRS;
	memcpy(ph, phdrs(&im), NPHDR * sizeof(*ph));
	EXPECT_EQ(elf_parse(buf, sizeof(buf), &plan), 0);
	EXPECT_EQ(plan.phnum, ELF_MAX_PHDRS);
	EXPECT_EQ(plan.phdr_addr, 0);
	((struct elf64_ehdr *)buf)->e_phnum = ELF_MAX_PHDRS + 1;
	EXPECT_EQ(elf_parse(buf, sizeof(buf), &plan), -EINVAL);
}

TEST(every_truncation_is_rejected_safely)
{
	struct image ims[2];

	build_exec(&ims[0]);
	build_dyn(&ims[1]);
	for (int k = 0; k < 2; k++) {
		for (size_t len = 0; len < IMAGE_SIZE; len++) {
			struct elf_plan plan;
			int err = parse_exact(&ims[k], len, &plan);

			if ((err != -ENOEXEC && err != -EINVAL) ||
			    !plan.why || !plan.why[0])
				unit_fail(__FILE__, __LINE__,
					  "length %zu: %d", len, err);
		}
	}
}

/* xorshift64: reproducible, and good enough to pick bytes and fields. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Values near the edges the parser compares against. */
static uint64_t interesting(void)
{
	static const uint64_t v[] = {
		0, 1, 2, 0x10, 0x38, 0x40, 0xfff, 0x1000, 0x1001, IMAGE_SIZE,
		IMAGE_SIZE - 1, IMAGE_SIZE + 1, TEXT_VADDR, DATA_VADDR,
		ELF_MIN_VADDR, ELF_USER_LIMIT, ELF_USER_LIMIT - 0x1000,
		ELF_DYN_MAX_SPAN, INT64_MAX, UINT64_MAX, UINT64_MAX - 0xfff,
		UINT32_MAX, ELF_PT_LOAD, ELF_PT_INTERP, ELF_PT_GNU_STACK,
	};

	if (rnd() % 4 == 0)
		return rnd();
	return v[rnd() % ARRAY_SIZE(v)] + (rnd() % 3) - 1;
}

/* One random change to the headers (the only bytes the parser reads). */
static void mutate(struct image *im)
{
	size_t hdr = sizeof(struct elf64_ehdr) +
		     NPHDR * sizeof(struct elf64_phdr);
	uint64_t v = interesting();
	size_t at;

	switch (rnd() % 3) {
	case 0:
		im->bytes[rnd() % hdr] ^= 1u << (rnd() % 8);
		break;
	case 1:
		im->bytes[rnd() % hdr] = rnd();
		break;
	default:
		/* An 8-, 4- or 2-byte field at its natural alignment. */
		at = (rnd() % (hdr / 8)) * 8;
		memcpy(im->bytes + at, &v, 2 << (rnd() % 3));
		break;
	}
}

static bool seg_has(const struct elf_segment *s, uint64_t a)
{
	return a >= s->vaddr && a - s->vaddr < s->memsz;
}

/* What a loader relies on in every plan elf_parse() accepts. */
static void check_plan(const struct elf_plan *p, size_t size)
{
	uint64_t limit = p->type == ELF_TYPE_DYN ? ELF_DYN_MAX_SPAN :
						   ELF_USER_LIMIT;
	bool entry_ok = false;

	EXPECT(p->nseg >= 1 && p->nseg <= ELF_MAX_PHDRS);
	EXPECT(p->lowest % ELF_PAGE_SIZE == 0);
	EXPECT(p->highest % ELF_PAGE_SIZE == 0);
	EXPECT(p->highest <= limit);
	for (unsigned int i = 0; i < p->nseg; i++) {
		const struct elf_segment *s = &p->seg[i];

		EXPECT(s->memsz > 0 && s->filesz <= s->memsz);
		EXPECT(s->vaddr + s->memsz > s->vaddr);
		EXPECT(s->vaddr + s->memsz <= limit);
		EXPECT(s->vaddr >= p->lowest &&
		       s->vaddr + s->memsz <= p->highest);
		EXPECT(s->offset <= size && s->filesz <= size - s->offset);
		if (p->type == ELF_TYPE_EXEC)
			EXPECT(s->vaddr >= ELF_MIN_VADDR);
		for (unsigned int j = 0; j < i; j++)
			EXPECT(!seg_has(&p->seg[j], s->vaddr) &&
			       !seg_has(s, p->seg[j].vaddr));
		if ((s->prot & ELF_PROT_X) && seg_has(s, p->entry))
			entry_ok = true;
	}
	EXPECT(entry_ok);
}

TEST(fuzzed_headers_never_crash)
{
	unsigned int accepted = 0, rejected = 0;

	for (int iter = 0; iter < 200000; iter++) {
		struct image im;
		struct elf_plan plan;
		size_t size = IMAGE_SIZE;
		int err;

		if (iter & 1)
			build_dyn(&im);
		else
			build_exec(&im);
		for (uint64_t n = 1 + rnd() % 4; n; n--)
			mutate(&im);
		if (rnd() % 16 == 0)
			size = rnd() % IMAGE_SIZE;
		err = parse_exact(&im, size, &plan);
		if (err == 0) {
			accepted++;
			check_plan(&plan, size);
		} else {
			rejected++;
			EXPECT(err == -ENOEXEC || err == -EINVAL);
			EXPECT(plan.why && plan.why[0]);
		}
	}
	/* Both outcomes happen, or the fuzzer is not exploring. */
	EXPECT(accepted > 1000);
	EXPECT(rejected > 1000);
}

/* Split @text (no NUL of its own) with buffers of @isize and @asize. */
static int script(const char *text, char *interp, size_t isize, char *arg,
		  size_t asize)
{
	size_t n = strlen(text);
	char *copy = malloc(n ? n : 1);
	int err;

	memcpy(copy, text, n);
	err = elf_script_interp(copy, n, interp, isize, arg, asize);
	free(copy);
	return err;
}

TEST(script_detection)
{
	struct image im;

	EXPECT(elf_is_script("#!", 2));
	EXPECT(elf_is_script("#!/bin/sh\n", 10));
	EXPECT(!elf_is_script("#!", 1));
	EXPECT(!elf_is_script("", 0));
	EXPECT(!elf_is_script("#/bin/sh", 8));
	EXPECT(!elf_is_script("!#/bin/sh", 9));
	build_exec(&im);
	EXPECT(!elf_is_script(&im, IMAGE_SIZE));
}

TEST(script_interpreter_and_argument)
{
	char in[64], arg[64];

	EXPECT_EQ(script("#!/bin/sh\necho hi\n", in, 64, arg, 64), 0);
	EXPECT_STREQ(in, "/bin/sh");
	EXPECT_STREQ(arg, "");

	EXPECT_EQ(script("#! /usr/bin/env  python3 -u \nx", in, 64, arg, 64),
		  0);
	EXPECT_STREQ(in, "/usr/bin/env");
	EXPECT_STREQ(arg, "python3 -u");	/* one argument, as Linux */

	EXPECT_EQ(script("#!\t/bin/sh\t-e\t\n", in, 64, arg, 64), 0);
	EXPECT_STREQ(in, "/bin/sh");
	EXPECT_STREQ(arg, "-e");

	EXPECT_EQ(script("#!/bin/busybox sh", in, 64, arg, 64), 0);
	EXPECT_STREQ(in, "/bin/busybox");
	EXPECT_STREQ(arg, "sh");

	EXPECT_EQ(script("#!/bin/sh   ", in, 64, arg, 64), 0);
	EXPECT_STREQ(in, "/bin/sh");
	EXPECT_STREQ(arg, "");
}

TEST(script_line_ends_at_nul)
{
	char in[64], arg[64];
	static const char text[] = "#!/bin/sh -x\0 more";

	EXPECT_EQ(elf_script_interp(text, sizeof(text) - 1, in, 64, arg, 64),
		  0);
	EXPECT_STREQ(in, "/bin/sh");
	EXPECT_STREQ(arg, "-x");
}

TEST(script_too_long_for_buffers)
{
	char in[64], arg[64];

	/* "/bin/sh" needs 8 bytes with its NUL. */
	EXPECT_EQ(script("#!/bin/sh\n", in, 8, arg, 64), 0);
	EXPECT_STREQ(in, "/bin/sh");
	EXPECT_EQ(script("#!/bin/sh\n", in, 7, arg, 64), -ENOEXEC);
	EXPECT_EQ(script("#!/bin/sh -abc\n", in, 64, arg, 5), 0);
	EXPECT_STREQ(arg, "-abc");
	EXPECT_EQ(script("#!/bin/sh -abc\n", in, 64, arg, 4), -ENOEXEC);
	EXPECT_EQ(script("#!/bin/sh\n", in, 64, arg, 0), -ENOEXEC);
}

TEST(script_without_interpreter)
{
	char in[64], arg[64];

	EXPECT_EQ(script("#!", in, 64, arg, 64), -ENOEXEC);
	EXPECT_EQ(script("#!\n/bin/sh\n", in, 64, arg, 64), -ENOEXEC);
	EXPECT_EQ(script("#!  \t \n", in, 64, arg, 64), -ENOEXEC);
	EXPECT_EQ(script("#/bin/sh\n", in, 64, arg, 64), -ENOEXEC);
	EXPECT_EQ(script("", in, 64, arg, 64), -ENOEXEC);
}
