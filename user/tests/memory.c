/*
 * usertests: the memory-mapping calls one by one: brk, mmap, munmap,
 * mprotect, mremap and madvise, their results and their errors. How
 * memory behaves across fork, on the stack and when executed is in vm.c.
 */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "ut.h"

/*
 * Past the end of user space even with 5-level paging (which QEMU's
 * "-cpu max" offers and Linux uses: 0x800000000000 is valid there).
 */
#define USER_END	(1UL << 56)
#define PAGE_UP(x)	(((uintptr_t)(x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

static uintptr_t sys_brk(uintptr_t addr)
{
	return (uintptr_t)syscall(SYS_brk, addr);
}

static void fill(void *p, size_t len, int seed)
{
	for (size_t i = 0; i < len; i++)
		((unsigned char *)p)[i] = (unsigned char)(i * 7 + seed);
}

static void expect_filled(const char *what, const void *p, size_t len,
			  int seed)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i] != (unsigned char)(i * 7 + seed))
			ut_fail("%s: byte %zu is %#x: expected %#x", what, i,
				b[i], (unsigned char)(i * 7 + seed));
}

static void expect_zero(const char *what, const void *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (((const unsigned char *)p)[i])
			ut_fail("%s: byte %zu is %#x: expected 0", what, i,
				((const unsigned char *)p)[i]);
}

static void expect_fault(const char *what, const volatile void *p, int wr)
{
	int sig = ut_probe(p, wr);

	if (sig != SIGSEGV)
		ut_fail("%s of %s at %p: %s: expected SIGSEGV",
			wr ? "write" : "read", what, (const void *)p,
			sig ? ut_signame(sig) : "no fault");
}

static void brk_grow(void)
{
	uintptr_t b0 = sys_brk(0);
	size_t len = 4 * PAGE_SIZE;

	EXPECT(b0 != 0);
	EXPECT_EQX("brk(+4 pages)", sys_brk(b0 + len), b0 + len);
	EXPECT_EQX("brk(0)", sys_brk(0), b0 + len);
	fill((void *)b0, len, 1);
	expect_filled("new break area", (void *)b0, len, 1);
}

static void brk_shrink(void)
{
	uintptr_t b0 = sys_brk(0);
	uintptr_t top = PAGE_UP(b0);

	EXPECT_EQX("brk(+3 pages)", sys_brk(top + 3 * PAGE_SIZE),
		   top + 3 * PAGE_SIZE);
	memset((void *)top, 0xaa, 3 * PAGE_SIZE);
	EXPECT_EQX("brk(old break)", sys_brk(b0), b0);
	expect_fault("released break page", (char *)top + PAGE_SIZE, 0);
	/* Grown again, the area comes back as new zeroed pages. */
	EXPECT_EQX("brk(+2 pages)", sys_brk(top + 2 * PAGE_SIZE),
		   top + 2 * PAGE_SIZE);
	expect_zero("regrown break area", (void *)top, 2 * PAGE_SIZE);
}

static void brk_bad_value(void)
{
	uintptr_t b0 = sys_brk(0);

	/* A refused brk returns the break unchanged, never an error. */
	EXPECT_EQX("brk(1)", sys_brk(1), b0);
	EXPECT_EQX("brk(end of user space)", sys_brk(USER_END), b0);
	EXPECT_EQX("brk(-4096)", sys_brk(-PAGE_SIZE), b0);
	EXPECT_EQX("brk(0) after the refusals", sys_brk(0), b0);
}

static void mmap_anon_private(void)
{
	size_t len = 8 * PAGE_SIZE;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	EXPECT(p != MAP_FAILED);
	EXPECT_EQ("mmap address % 4096", (uintptr_t)p % PAGE_SIZE, 0);
	expect_zero("fresh anonymous mapping", p, len);
	fill(p, len, 3);
	expect_filled("anonymous mapping", p, len, 3);
	EXPECT_EQ("munmap", munmap(p, len), 0);
	expect_fault("unmapped page", p, 0);
}

static void mmap_anon_shared(void)
{
	char *p = ut_shared(2 * PAGE_SIZE);
	pid_t pid = ut_fork();

	if (pid == 0) {
		fill(p, 2 * PAGE_SIZE, 5);
		_exit(0);
	}
	ut_expect_exit(pid, 0, "writer");
	expect_filled("MAP_SHARED page written by the child", p,
		      2 * PAGE_SIZE, 5);
}

/*
 * A shared mapping cut in pieces (mprotect of one page, munmap of
 * another) keeps every piece's pages shared, and unmapping the pieces
 * one by one leaves the others intact.
 */
static void mmap_shared_pieces(void)
{
	char *p = mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	EXPECT(p != MAP_FAILED);
	fill(p, 4 * PAGE_SIZE, 1);
	EXPECT_EQ("mprotect(page 1, PROT_READ)",
		  mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	EXPECT_EQ("munmap(page 2)", munmap(p + 2 * PAGE_SIZE, PAGE_SIZE), 0);
	pid = ut_fork();
	if (pid == 0) {
		fill(p, PAGE_SIZE, 7);
		fill(p + 3 * PAGE_SIZE, PAGE_SIZE, 8);
		_exit(0);
	}
	ut_expect_exit(pid, 0, "writer");
	expect_filled("page 0 written by the child", p, PAGE_SIZE, 7);
	expect_filled("read-only page 1", p + PAGE_SIZE, PAGE_SIZE, 1);
	expect_filled("page 3 written by the child", p + 3 * PAGE_SIZE,
		      PAGE_SIZE, 8);
	EXPECT_EQ("munmap(page 0)", munmap(p, PAGE_SIZE), 0);
	expect_filled("page 3 after page 0 went", p + 3 * PAGE_SIZE,
		      PAGE_SIZE, 8);
	EXPECT_EQ("munmap(pages 1-3)", munmap(p + PAGE_SIZE, 3 * PAGE_SIZE),
		  0);
}

static void mmap_fixed(void)
{
	char *p = ut_map(8 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	char *q;

	fill(p, 8 * PAGE_SIZE, 9);
	q = mmap(p + 2 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	EXPECT_EQX("mmap(MAP_FIXED)", q, p + 2 * PAGE_SIZE);
	expect_zero("MAP_FIXED replacement", q, 2 * PAGE_SIZE);
	expect_filled("page before the replacement", p, 2 * PAGE_SIZE, 9);
	expect_filled("pages after the replacement", p + 4 * PAGE_SIZE,
		      4 * PAGE_SIZE, (int)(4 * PAGE_SIZE * 7 + 9));
}

static void mmap_fixed_noreplace(void)
{
	char *p = ut_map(4 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	char *q;

	p[PAGE_SIZE] = 42;
	EXPECT_ERRNO("mmap(MAP_FIXED_NOREPLACE) over a mapping",
		     mmap(p + PAGE_SIZE, PAGE_SIZE, PROT_READ,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
			  -1, 0), EEXIST);
	EXPECT_EQ("byte under the refused mapping", p[PAGE_SIZE], 42);
	EXPECT_EQ("munmap of the last two pages",
		  munmap(p + 2 * PAGE_SIZE, 2 * PAGE_SIZE), 0);
	q = mmap(p + 2 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	EXPECT_EQX("mmap(MAP_FIXED_NOREPLACE) on a hole", q,
		   p + 2 * PAGE_SIZE);
}

static void mmap_hint(void)
{
	char *p = ut_map(4 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	char *q;

	/* A free hint is taken as it is. */
	EXPECT_EQ("munmap", munmap(p, 4 * PAGE_SIZE), 0);
	q = mmap(p, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_EQX("mmap(free hint)", q, p);
	/* A busy one is only a hint: the old mapping stays. */
	q[0] = 17;
	p = mmap(q, PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(p != MAP_FAILED);
	EXPECT(p != q);
	EXPECT_EQ("byte under the busy hint", q[0], 17);
}

static void mmap_bad_args(void)
{
	const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
	const int rw = PROT_READ | PROT_WRITE;

	EXPECT_ERRNO("mmap(len 0)", mmap(NULL, 0, rw, anon, -1, 0), EINVAL);
	EXPECT_ERRNO("mmap(neither shared nor private)",
		     mmap(NULL, PAGE_SIZE, rw, MAP_ANONYMOUS, -1, 0), EINVAL);
	EXPECT_ERRNO("mmap(MAP_FIXED, unaligned address)",
		     mmap((void *)0x10000123, PAGE_SIZE, rw, anon | MAP_FIXED,
			  -1, 0), EINVAL);
	EXPECT_ERRNO("mmap(unaligned offset)",
		     syscall(SYS_mmap, 0, PAGE_SIZE, rw, anon, -1, 1), EINVAL);
	EXPECT_ERRNO("mmap(fd -1, not anonymous)",
		     mmap(NULL, PAGE_SIZE, rw, MAP_PRIVATE, -1, 0), EBADF);
	EXPECT_ERRNO("mmap(len 1 << 62)",
		     mmap(NULL, 1UL << 62, rw, anon, -1, 0), ENOMEM);
	EXPECT_ERRNO("mmap(MAP_FIXED above user space)",
		     mmap((void *)USER_END, PAGE_SIZE, rw, anon | MAP_FIXED,
			  -1, 0), ENOMEM);
}

static void mmap_prot_none(void)
{
	char *p = ut_map(PAGE_SIZE, PROT_NONE);

	expect_fault("PROT_NONE page", p, 0);
	EXPECT_EQ("mprotect(PROT_READ|PROT_WRITE)",
		  mprotect(p, PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	expect_zero("page made accessible", p, PAGE_SIZE);
	p[1] = 1;
}

static void munmap_split(void)
{
	char *p = ut_map(3 * PAGE_SIZE, PROT_READ | PROT_WRITE);

	memset(p, 'a', PAGE_SIZE);
	memset(p + PAGE_SIZE, 'b', PAGE_SIZE);
	memset(p + 2 * PAGE_SIZE, 'c', PAGE_SIZE);
	EXPECT_EQ("munmap(middle page)", munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	expect_fault("unmapped middle page", p + PAGE_SIZE, 0);
	EXPECT_EQ("first page's byte", p[PAGE_SIZE - 1], 'a');
	EXPECT_EQ("last page's byte", p[2 * PAGE_SIZE], 'c');
	p[0] = 'x';
	p[2 * PAGE_SIZE + 1] = 'y';
	/* Unmapping a hole, or more than is mapped, is not an error. */
	EXPECT_EQ("munmap(the hole again)", munmap(p + PAGE_SIZE, PAGE_SIZE),
		  0);
	EXPECT_EQ("munmap(all three)", munmap(p, 3 * PAGE_SIZE), 0);
	expect_fault("unmapped last page", p + 2 * PAGE_SIZE, 0);
}

static void munmap_bad_args(void)
{
	char *p = ut_map(PAGE_SIZE, PROT_READ | PROT_WRITE);

	EXPECT_ERRNO("munmap(unaligned)", munmap(p + 1, PAGE_SIZE), EINVAL);
	EXPECT_ERRNO("munmap(len 0)", munmap(p, 0), EINVAL);
	EXPECT_ERRNO("munmap(kernel address)",
		     munmap((void *)0xffff800000000000UL, PAGE_SIZE), EINVAL);
	p[0] = 1;
}

static void mprotect_readonly(void)
{
	char *p = ut_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);

	fill(p, 2 * PAGE_SIZE, 11);
	EXPECT_EQ("mprotect(second page, PROT_READ)",
		  mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	expect_fault("read-only page", p + PAGE_SIZE, 1);
	EXPECT_EQ("probe read", ut_probe(p + PAGE_SIZE, 0), 0);
	expect_filled("read-only page", p, 2 * PAGE_SIZE, 11);
	p[0] = 0;
	EXPECT_EQ("mprotect(back to PROT_READ|PROT_WRITE)",
		  mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE),
		  0);
	p[PAGE_SIZE] = 1;
}

static void mprotect_bad_args(void)
{
	char *p = ut_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);

	/* musl's mprotect() rounds the address down: ask the kernel. */
	EXPECT_ERRNO("mprotect(unaligned)",
		     syscall(SYS_mprotect, p + 1, PAGE_SIZE, PROT_READ),
		     EINVAL);
	EXPECT_ERRNO("mprotect(unknown prot bit)",
		     mprotect(p, PAGE_SIZE, 0x100), EINVAL);
	EXPECT_EQ("munmap(second page)", munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	EXPECT_ERRNO("mprotect(over a hole)",
		     mprotect(p, 2 * PAGE_SIZE, PROT_READ), ENOMEM);
}

static void mremap_grow_moves(void)
{
	char *p = ut_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	char *q;

	fill(p, 2 * PAGE_SIZE, 13);
	/* The second page blocks growth in place, so the first must move. */
	q = mremap(p, PAGE_SIZE, 3 * PAGE_SIZE, MREMAP_MAYMOVE);
	EXPECT(q != MAP_FAILED);
	EXPECT(q != p);
	expect_filled("moved page", q, PAGE_SIZE, 13);
	expect_zero("grown pages", q + PAGE_SIZE, 2 * PAGE_SIZE);
	expect_fault("old address of the moved page", p, 0);
	expect_filled("page left behind", p + PAGE_SIZE, PAGE_SIZE,
		      (int)(PAGE_SIZE * 7 + 13));
}

static void mremap_in_place(void)
{
	char *p = ut_map(4 * PAGE_SIZE, PROT_READ | PROT_WRITE);

	fill(p, 2 * PAGE_SIZE, 15);
	EXPECT_EQ("munmap(last two pages)",
		  munmap(p + 2 * PAGE_SIZE, 2 * PAGE_SIZE), 0);
	EXPECT_EQX("mremap(2 -> 4 pages, no move)",
		   mremap(p, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 0), p);
	expect_filled("grown mapping", p, 2 * PAGE_SIZE, 15);
	expect_zero("grown pages", p + 2 * PAGE_SIZE, 2 * PAGE_SIZE);
	EXPECT_EQX("mremap(4 -> 1 page)",
		   mremap(p, 4 * PAGE_SIZE, PAGE_SIZE, 0), p);
	expect_filled("shrunk mapping", p, PAGE_SIZE, 15);
	expect_fault("page cut off by the shrink", p + PAGE_SIZE, 0);
}

static void mremap_bad_args(void)
{
	char *p = ut_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);

	EXPECT_ERRNO("mremap(grow into a mapping, no MAYMOVE)",
		     mremap(p, PAGE_SIZE, 2 * PAGE_SIZE, 0), ENOMEM);
	EXPECT_ERRNO("mremap(unaligned)",
		     syscall(SYS_mremap, p + 1, PAGE_SIZE, PAGE_SIZE, 0, 0),
		     EINVAL);
	EXPECT_ERRNO("mremap(unknown flag)",
		     syscall(SYS_mremap, p, PAGE_SIZE, PAGE_SIZE, 0x100, 0),
		     EINVAL);
	EXPECT_ERRNO("mremap(MREMAP_FIXED without MAYMOVE)",
		     syscall(SYS_mremap, p, PAGE_SIZE, PAGE_SIZE,
			     MREMAP_FIXED, p + PAGE_SIZE), EINVAL);
	EXPECT_ERRNO("mremap(new length 0)",
		     syscall(SYS_mremap, p, PAGE_SIZE, 0, 0, 0), EINVAL);
	EXPECT_EQ("munmap(second page)", munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	EXPECT_ERRNO("mremap(unmapped address)",
		     syscall(SYS_mremap, p + PAGE_SIZE, PAGE_SIZE,
			     PAGE_SIZE, 0, 0), EFAULT);
}

static void madvise_dontneed(void)
{
	char *priv = ut_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	char *shared = ut_shared(PAGE_SIZE);

	fill(priv, 2 * PAGE_SIZE, 17);
	fill(shared, PAGE_SIZE, 19);
	EXPECT_EQ("madvise(private, MADV_DONTNEED)",
		  madvise(priv, PAGE_SIZE, MADV_DONTNEED), 0);
	expect_zero("private page after MADV_DONTNEED", priv, PAGE_SIZE);
	expect_filled("private page not advised", priv + PAGE_SIZE,
		      PAGE_SIZE, (int)(PAGE_SIZE * 7 + 17));
	/* Shared memory lives on in its object: the data comes back. */
	EXPECT_EQ("madvise(shared, MADV_DONTNEED)",
		  madvise(shared, PAGE_SIZE, MADV_DONTNEED), 0);
	expect_filled("shared page after MADV_DONTNEED", shared, PAGE_SIZE,
		      19);
}

static void madvise_bad_args(void)
{
	char *p = ut_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);

	EXPECT_ERRNO("madvise(advice 12345)", madvise(p, PAGE_SIZE, 12345),
		     EINVAL);
	EXPECT_ERRNO("madvise(unaligned)",
		     madvise(p + 1, PAGE_SIZE, MADV_DONTNEED), EINVAL);
	EXPECT_EQ("madvise(MADV_NORMAL)", madvise(p, PAGE_SIZE, MADV_NORMAL),
		  0);
	EXPECT_EQ("munmap(second page)", munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	EXPECT_ERRNO("madvise(over a hole)",
		     madvise(p, 2 * PAGE_SIZE, MADV_DONTNEED), ENOMEM);
}

static const struct ut_test tests[] = {
	UT_TEST(brk_grow),
	UT_TEST(brk_shrink),
	UT_TEST(brk_bad_value),
	UT_TEST(mmap_anon_private),
	UT_TEST(mmap_anon_shared),
	UT_TEST(mmap_shared_pieces),
	UT_TEST(mmap_fixed),
	UT_TEST(mmap_fixed_noreplace),
	UT_TEST(mmap_hint),
	UT_TEST(mmap_bad_args),
	UT_TEST(mmap_prot_none),
	UT_TEST(munmap_split),
	UT_TEST(munmap_bad_args),
	UT_TEST(mprotect_readonly),
	UT_TEST(mprotect_bad_args),
	UT_TEST(mremap_grow_moves),
	UT_TEST(mremap_in_place),
	UT_TEST(mremap_bad_args),
	UT_TEST(madvise_dontneed),
	UT_TEST(madvise_bad_args),
};

UT_SUITE(ut_memory, "memory", tests);
