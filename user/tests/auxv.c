/*
 * usertests: the initial stack execve builds: argc, argv and envp as the
 * x86-64 psABI lays them out, then the auxiliary vector. The values are
 * checked against what the program can see for itself: its own ELF
 * headers, its entry point, its credentials.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>

#include "ut.h"

extern void _start(void);

/* The auxiliary vector, found where the psABI puts it: after envp. */
static const Elf64_auxv_t *auxv_start(void)
{
	char **p = ut_envp;

	while (*p)
		p++;
	return (const Elf64_auxv_t *)(p + 1);
}

static void initial_stack_layout(void)
{
	long *argc_slot = (long *)ut_argv - 1;

	/* At entry %rsp pointed at argc, 16-byte aligned. */
	EXPECT_EQ("(argv - 8) % 16", (uintptr_t)argc_slot % 16, 0);
	EXPECT_EQ("argc on the stack", *argc_slot, ut_argc);
	EXPECT(ut_argv[ut_argc] == NULL);
	EXPECT(ut_envp == ut_argv + ut_argc + 1);
	for (int i = 0; i < ut_argc; i++)
		EXPECT(ut_argv[i] != NULL);
}

static void auxv_entries(void)
{
	const Elf64_auxv_t *a = auxv_start();
	unsigned long seen = 0;
	int n;

	for (n = 0; a[n].a_type != AT_NULL; n++) {
		if (n > 64)
			ut_fail("auxv has no AT_NULL in its first 64 entries");
		if (a[n].a_type < 64) {
			if (seen & (1UL << a[n].a_type))
				ut_fail("auxv type %lu appears twice",
					(unsigned long)a[n].a_type);
			seen |= 1UL << a[n].a_type;
		}
		if (a[n].a_un.a_val != getauxval(a[n].a_type))
			ut_fail("auxv type %lu: %#lx, getauxval says %#lx",
				(unsigned long)a[n].a_type,
				(unsigned long)a[n].a_un.a_val,
				getauxval(a[n].a_type));
	}
	EXPECT_EQ("AT_PAGESZ", getauxval(AT_PAGESZ), 4096);
	EXPECT_EQ("AT_CLKTCK", getauxval(AT_CLKTCK), 100);
	EXPECT_EQ("AT_SECURE", getauxval(AT_SECURE), 0);
	EXPECT_EQ("AT_BASE of a static program", getauxval(AT_BASE), 0);
	EXPECT(getauxval(AT_HWCAP) != 0);
	EXPECT_EQ("AT_UID", getauxval(AT_UID), getuid());
	EXPECT_EQ("AT_EUID", getauxval(AT_EUID), geteuid());
	EXPECT_EQ("AT_GID", getauxval(AT_GID), getgid());
	EXPECT_EQ("AT_EGID", getauxval(AT_EGID), getegid());
}

static void auxv_strings(void)
{
	const char *platform = (const char *)getauxval(AT_PLATFORM);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	const unsigned char *random = (const void *)getauxval(AT_RANDOM);
	unsigned char zero[16] = { 0 };

	if (!platform || strcmp(platform, "x86_64"))
		ut_fail("AT_PLATFORM is \"%s\": expected \"x86_64\"",
			platform ? platform : "(null)");
	if (!execfn || !execfn[0])
		ut_fail("AT_EXECFN is missing or empty");
	if (getpid() == 1 || getppid() == 1)
		EXPECT(!strcmp(execfn, "/init"));
	if (!random)
		ut_fail("AT_RANDOM is missing");
	/* 16 readable bytes, and all zero only once in 2^128. */
	EXPECT(memcmp(random, zero, 16) != 0);
}

static const Elf64_Phdr *find_phdr(const Elf64_Phdr *ph, int n, int type)
{
	for (int i = 0; i < n; i++)
		if (ph[i].p_type == (Elf64_Word)type &&
		    (type != PT_LOAD || ph[i].p_offset == 0))
			return &ph[i];
	return NULL;
}

/* AT_PHDR, AT_PHNUM, AT_PHENT and AT_ENTRY describe this very program. */
static void auxv_program_headers(void)
{
	const Elf64_Phdr *ph = (const void *)getauxval(AT_PHDR);
	int n = getauxval(AT_PHNUM);
	const Elf64_Phdr *self, *first;
	const Elf64_Ehdr *eh;
	uintptr_t bias = 0;

	EXPECT_EQ("AT_PHENT", getauxval(AT_PHENT), sizeof(Elf64_Phdr));
	EXPECT(ph != NULL);
	EXPECT(n > 0 && n < 64);
	self = find_phdr(ph, n, PT_PHDR);
	if (self)
		bias = (uintptr_t)ph - self->p_vaddr;
	first = find_phdr(ph, n, PT_LOAD);
	if (!first)
		ut_fail("no PT_LOAD maps the ELF header");
	eh = (const Elf64_Ehdr *)(first->p_vaddr + bias);
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
		ut_fail("no ELF magic at %p", (const void *)eh);
	EXPECT_EQX("AT_PHDR", (uintptr_t)ph, (uintptr_t)eh + eh->e_phoff);
	EXPECT_EQ("AT_PHNUM", n, eh->e_phnum);
	EXPECT_EQ("e_phentsize", eh->e_phentsize, sizeof(Elf64_Phdr));
	EXPECT_EQX("AT_ENTRY", getauxval(AT_ENTRY), eh->e_entry + bias);
	EXPECT_EQX("AT_ENTRY", getauxval(AT_ENTRY), (uintptr_t)_start);
}

static const struct ut_test tests[] = {
	UT_TEST(initial_stack_layout),
	UT_TEST(auxv_entries),
	UT_TEST(auxv_strings),
	UT_TEST(auxv_program_headers),
};

UT_SUITE(ut_auxv, "auxv", tests);
