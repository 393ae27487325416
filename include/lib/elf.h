/*
 * ELF64 executable checks (lib/elf.c): the pure half of the program
 * loader. elf_parse() reads a static x86_64 executable held in memory,
 * validates every header field the loader will act on, and fills a
 * struct elf_plan; the loader (written against this plan) maps segments
 * and builds the initial stack without looking at the file's headers
 * again. elf_script_interp() does the same for "#!" scripts.
 *
 * Structures and constants follow the System V ABI's ELF-64 Object File
 * Format and its AMD64 supplement; the names are Ferrite's own.
 */
#ifndef LIB_ELF_H
#define LIB_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ELF-64 Object File Format, "ELF Header": e_ident[] indexes and values. */
#define ELF_EI_MAG0		0
#define ELF_EI_MAG1		1
#define ELF_EI_MAG2		2
#define ELF_EI_MAG3		3
#define ELF_EI_CLASS		4
#define ELF_EI_DATA		5
#define ELF_EI_VERSION		6
#define ELF_EI_OSABI		7
#define ELF_EI_NIDENT		16

#define ELF_MAG0		0x7f
#define ELF_MAG1		'E'
#define ELF_MAG2		'L'
#define ELF_MAG3		'F'
#define ELF_CLASS64		2
#define ELF_DATA2LSB		1
#define ELF_EV_CURRENT		1

#define ELF_ET_EXEC		2
#define ELF_ET_DYN		3
#define ELF_EM_X86_64		62	/* AMD64 supplement, 4.1.1 */

/* "Program Header Table": p_type values and p_flags bits. */
#define ELF_PT_NULL		0
#define ELF_PT_LOAD		1
#define ELF_PT_DYNAMIC		2
#define ELF_PT_INTERP		3
#define ELF_PT_PHDR		6
#define ELF_PT_GNU_STACK	0x6474e551	/* GNU extension */

#define ELF_PF_X		0x1
#define ELF_PF_W		0x2
#define ELF_PF_R		0x4

struct elf64_ehdr {
	uint8_t e_ident[ELF_EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
};

/* More program headers than this is a hostile file, not a real program. */
#define ELF_MAX_PHDRS		64
/* First address above the lower (user) half of a 48-bit address space. */
#define ELF_USER_LIMIT		0x0000800000000000ULL
/*
 * ET_EXEC segments may not map the first 64 KiB, so that NULL pointer
 * dereferences always fault (Linux's default vm.mmap_min_addr).
 */
#define ELF_MIN_VADDR		0x10000ULL
/*
 * ET_DYN addresses are relative to a load bias the loader picks later, so
 * they are checked against a span instead of the user limit: any bias up
 * to ELF_USER_LIMIT - ELF_DYN_MAX_SPAN keeps the whole image in user space.
 */
#define ELF_DYN_MAX_SPAN	0x0000010000000000ULL	/* 1 TiB */
#define ELF_PAGE_SIZE		4096ULL

/* Segment protections in a plan (Ferrite's bits, not the PF_* ones). */
#define ELF_PROT_R		0x1
#define ELF_PROT_W		0x2
#define ELF_PROT_X		0x4

enum elf_type {
	ELF_TYPE_EXEC,		/* fixed addresses */
	ELF_TYPE_DYN,		/* static PIE: addresses relative to a bias */
};

/*
 * One PT_LOAD with a non-zero p_memsz: @filesz bytes at file offset
 * @offset land at @vaddr, the rest up to @memsz is zero-filled. Segments
 * may share a page (each byte belongs to one segment); their file and
 * memory page offsets need not agree when p_align is below a page.
 */
struct elf_segment {
	uint64_t vaddr;
	uint64_t memsz;
	uint64_t offset;
	uint64_t filesz;
	unsigned int prot;	/* ELF_PROT_* */
};

/*
 * What elf_parse() found. For ELF_TYPE_DYN every address (entry, segment
 * vaddr, lowest, highest, phdr_addr) is relative to the load bias.
 * Roughly 2.6 KiB: callers in the kernel allocate it rather than put it
 * on the stack.
 */
struct elf_plan {
	enum elf_type type;
	uint64_t entry;
	struct elf_segment seg[ELF_MAX_PHDRS];
	unsigned int nseg;
	uint64_t lowest;	/* first segment's page, rounded down */
	uint64_t highest;	/* end of the last segment, rounded up */
	uint64_t phdr_addr;	/* for AT_PHDR; 0 when no PT_LOAD covers it */
	unsigned int phnum;	/* AT_PHNUM */
	unsigned int phent;	/* AT_PHENT */
	bool exec_stack;	/* PT_GNU_STACK asked for PF_X */
	const char *why;	/* on error: what was wrong, for a log line */
};

/*
 * Check the executable @image of @size bytes and fill @plan. Returns 0,
 * -ENOEXEC when it is not a program Ferrite runs (not ELF, another
 * machine, class or byte order, a dynamic executable with PT_INTERP), or
 * -EINVAL when it is broken or hostile. On error plan->why says why.
 */
int elf_parse(const void *image, size_t size, struct elf_plan *plan);
/*
 * The same from the first @head_len bytes of a @size-byte file (exec
 * reads no more): the program headers must lie within them (-EINVAL),
 * the segments are checked against @size.
 */
int elf_parse_head(const void *head, size_t head_len, size_t size,
		   struct elf_plan *plan);

/* True when @image starts with "#!". */
bool elf_is_script(const void *image, size_t size);

/*
 * Split a script's "#!" line as Linux does: blanks after "#!" are
 * skipped, the interpreter runs up to the next blank, and the rest of the
 * line, trimmed, is one optional argument (empty string when absent).
 * The line ends at a newline, a NUL or the end of @image. Returns 0, or
 * -ENOEXEC when there is no "#!", no interpreter, or either part does
 * not fit its buffer (with its NUL).
 */
int elf_script_interp(const void *image, size_t size, char *interp,
		      size_t isize, char *arg, size_t asize);

#endif
