/*
 * ELF64 executable checks (include/lib/elf.h): turns an x86_64 static
 * executable (ET_EXEC, or static PIE as ET_DYN) held in memory into a
 * struct elf_plan the loader can act on without further checks, and
 * splits "#!" lines. Pure logic: the kernel's exec path calls it, and
 * tests/unit/test_elf.c feeds it well-formed, truncated and random images
 * on the host. Nothing here maps memory.
 *
 * Every header is copied out of the image before it is read, so the image
 * needs no alignment, and every sum of two file-controlled values is
 * checked for overflow before it is compared.
 */
#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"
#include "errno.h"
#include "lib/elf.h"
#include "lib/string.h"

STATIC_ASSERT(sizeof(struct elf64_ehdr) == 64);
STATIC_ASSERT(sizeof(struct elf64_phdr) == 56);

static int fail(struct elf_plan *plan, int err, const char *why)
{
	plan->why = why;
	return err;
}

/* @a + @b into *@sum, or false when it wraps. */
static bool add_ok(uint64_t a, uint64_t b, uint64_t *sum)
{
	return !__builtin_add_overflow(a, b, sum);
}

static int check_ehdr(const struct elf64_ehdr *eh, size_t size,
		      struct elf_plan *plan)
{
	const uint8_t *id = eh->e_ident;
	uint64_t table = (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr);

	if (id[ELF_EI_MAG0] != ELF_MAG0 || id[ELF_EI_MAG1] != ELF_MAG1 ||
	    id[ELF_EI_MAG2] != ELF_MAG2 || id[ELF_EI_MAG3] != ELF_MAG3)
		return fail(plan, -ENOEXEC, "not an ELF file (bad magic)");
	if (id[ELF_EI_CLASS] != ELF_CLASS64)
		return fail(plan, -ENOEXEC, "not a 64-bit ELF (ELFCLASS64)");
	if (id[ELF_EI_DATA] != ELF_DATA2LSB)
		return fail(plan, -ENOEXEC, "not a little-endian ELF");
	if (id[ELF_EI_VERSION] != ELF_EV_CURRENT ||
	    eh->e_version != ELF_EV_CURRENT)
		return fail(plan, -ENOEXEC, "unknown ELF version");
	if (eh->e_machine != ELF_EM_X86_64)
		return fail(plan, -ENOEXEC, "not an x86_64 ELF (EM_X86_64)");
	if (eh->e_type != ELF_ET_EXEC && eh->e_type != ELF_ET_DYN)
		return fail(plan, -ENOEXEC, "not an executable (ET_EXEC/DYN)");
	if (eh->e_ehsize != sizeof(struct elf64_ehdr))
		return fail(plan, -ENOEXEC, "bad ELF header size (e_ehsize)");
	if (eh->e_phentsize != sizeof(struct elf64_phdr))
		return fail(plan, -ENOEXEC,
			    "bad program header size (e_phentsize)");
	if (eh->e_phnum == 0)
		return fail(plan, -EINVAL, "no program headers");
	if (eh->e_phnum > ELF_MAX_PHDRS)
		return fail(plan, -EINVAL, "too many program headers");
	if (eh->e_phoff > size || table > size - eh->e_phoff)
		return fail(plan, -EINVAL,
			    "program header table outside the file");
	return 0;
}

/* Highest address a segment may reach for this kind of executable. */
static uint64_t addr_limit(const struct elf_plan *plan)
{
	return plan->type == ELF_TYPE_DYN ? ELF_DYN_MAX_SPAN : ELF_USER_LIMIT;
}

static unsigned int prot_of(uint32_t flags)
{
	return (flags & ELF_PF_R ? ELF_PROT_R : 0) |
	       (flags & ELF_PF_W ? ELF_PROT_W : 0) |
	       (flags & ELF_PF_X ? ELF_PROT_X : 0);
}

/* Check one PT_LOAD and, unless it is empty in memory, add it to @plan. */
static int check_load(const struct elf64_phdr *ph, size_t size,
		      struct elf_plan *plan)
{
	struct elf_segment *seg;
	uint64_t fend, mend;

	if (!add_ok(ph->p_offset, ph->p_filesz, &fend) || fend > size)
		return fail(plan, -EINVAL, "segment data outside the file");
	if (ph->p_filesz > ph->p_memsz)
		return fail(plan, -EINVAL, "segment p_filesz > p_memsz");
	if (ph->p_align & (ph->p_align - 1))
		return fail(plan, -EINVAL,
			    "segment p_align not a power of two");
	if (ph->p_align > 1 &&
	    ph->p_vaddr % ph->p_align != ph->p_offset % ph->p_align)
		return fail(plan, -EINVAL,
			    "segment p_vaddr != p_offset mod p_align");
	if (!add_ok(ph->p_vaddr, ph->p_memsz, &mend))
		return fail(plan, -EINVAL, "segment address overflows");
	if (mend > addr_limit(plan))
		return fail(plan, -EINVAL,
			    plan->type == ELF_TYPE_DYN ?
			    "segment beyond the maximum PIE span" :
			    "segment above the user address limit");
	if (plan->type == ELF_TYPE_EXEC && ph->p_memsz &&
	    ph->p_vaddr < ELF_MIN_VADDR)
		return fail(plan, -EINVAL, "segment below the minimum address");
	if (!ph->p_memsz)
		return 0;	/* maps nothing; Linux skips it too */

	seg = &plan->seg[plan->nseg++];
	seg->vaddr = ph->p_vaddr;
	seg->memsz = ph->p_memsz;
	seg->offset = ph->p_offset;
	seg->filesz = ph->p_filesz;
	seg->prot = prot_of(ph->p_flags);
	return 0;
}

static int check_phdr(const struct elf64_phdr *ph, size_t size,
		      struct elf_plan *plan)
{
	switch (ph->p_type) {
	case ELF_PT_LOAD:
		return check_load(ph, size, plan);
	case ELF_PT_INTERP:
		return fail(plan, -ENOEXEC,
			    "dynamic executables (PT_INTERP) not supported");
	case ELF_PT_GNU_STACK:
		if (ph->p_flags & ELF_PF_X)
			plan->exec_stack = true;
		return 0;
	default:
		return 0;
	}
}

/* Each byte of memory belongs to at most one segment. */
static int check_overlap(struct elf_plan *plan)
{
	for (unsigned int i = 0; i < plan->nseg; i++) {
		const struct elf_segment *a = &plan->seg[i];

		for (unsigned int j = i + 1; j < plan->nseg; j++) {
			const struct elf_segment *b = &plan->seg[j];

			if (a->vaddr < b->vaddr + b->memsz &&
			    b->vaddr < a->vaddr + a->memsz)
				return fail(plan, -EINVAL,
					    "segments overlap in memory");
		}
	}
	return 0;
}

/*
 * Bounds, entry point and AT_PHDR, once every segment is known to be
 * inside the limit (so no sum below can wrap).
 */
static int finish_plan(const struct elf64_ehdr *eh, struct elf_plan *plan)
{
	uint64_t ph_end = eh->e_phoff +
			  (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr);
	uint64_t lo = UINT64_MAX, hi = 0;
	bool entry_ok = false;

	for (unsigned int i = 0; i < plan->nseg; i++) {
		const struct elf_segment *s = &plan->seg[i];

		lo = MIN(lo, s->vaddr);
		hi = MAX(hi, s->vaddr + s->memsz);
		if ((s->prot & ELF_PROT_X) && eh->e_entry >= s->vaddr &&
		    eh->e_entry < s->vaddr + s->memsz)
			entry_ok = true;
		if (!plan->phdr_addr && eh->e_phoff >= s->offset &&
		    ph_end <= s->offset + s->filesz)
			plan->phdr_addr = s->vaddr + (eh->e_phoff - s->offset);
	}
	if (!entry_ok)
		return fail(plan, -EINVAL,
			    "entry point not in an executable segment");
	plan->entry = eh->e_entry;
	plan->lowest = ALIGN_DOWN(lo, ELF_PAGE_SIZE);
	plan->highest = ALIGN_UP(hi, ELF_PAGE_SIZE);
	return 0;
}

int elf_parse(const void *image, size_t size, struct elf_plan *plan)
{
	return elf_parse_head(image, size, size, plan);
}

int elf_parse_head(const void *head, size_t head_len, size_t size,
		   struct elf_plan *plan)
{
	const uint8_t *p = head;
	struct elf64_ehdr eh;
	struct elf64_phdr ph;
	int err;

	memset(plan, 0, sizeof(*plan));
	if (head_len > size)
		head_len = size;
	if (head_len < sizeof(eh))
		return fail(plan, -ENOEXEC, "too short for an ELF header");
	memcpy(&eh, p, sizeof(eh));
	err = check_ehdr(&eh, size, plan);
	if (err)
		return err;
	if (eh.e_phoff + (uint64_t)eh.e_phnum * sizeof(ph) > head_len)
		return fail(plan, -EINVAL,
			    "program headers beyond the part read");

	plan->type = eh.e_type == ELF_ET_DYN ? ELF_TYPE_DYN : ELF_TYPE_EXEC;
	plan->phnum = eh.e_phnum;
	plan->phent = eh.e_phentsize;
	for (unsigned int i = 0; i < eh.e_phnum; i++) {
		memcpy(&ph, p + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		err = check_phdr(&ph, size, plan);
		if (err)
			return err;
	}
	if (!plan->nseg)
		return fail(plan, -EINVAL, "no loadable segment (PT_LOAD)");
	err = check_overlap(plan);
	if (!err)
		err = finish_plan(&eh, plan);
	return err;
}

bool elf_is_script(const void *image, size_t size)
{
	const char *p = image;

	return size >= 2 && p[0] == '#' && p[1] == '!';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Copy [@s, @e) into @buf of @bsize bytes with its NUL, if it fits. */
static bool copy_part(const char *s, const char *e, char *buf, size_t bsize)
{
	size_t n = e - s;

	if (n >= bsize)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return true;
}

int elf_script_interp(const void *image, size_t size, char *interp,
		      size_t isize, char *arg, size_t asize)
{
	const char *p = image, *end, *s, *e;

	if (!elf_is_script(image, size))
		return -ENOEXEC;
	end = p + 2;
	while (end < p + size && *end != '\n' && *end != '\0')
		end++;
	while (end > p + 2 && is_blank(end[-1]))
		end--;

	s = p + 2;
	while (s < end && is_blank(*s))
		s++;
	e = s;
	while (e < end && !is_blank(*e))
		e++;
	if (e == s || !copy_part(s, e, interp, isize))
		return -ENOEXEC;

	s = e;
	while (s < end && is_blank(*s))
		s++;
	if (!copy_part(s, end, arg, asize))
		return -ENOEXEC;
	return 0;
}
