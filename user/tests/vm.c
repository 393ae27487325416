/*
 * usertests: how user memory behaves, as opposed to the calls that shape
 * it (memory.c): pages appear on first touch, fork copies on write, the
 * stack grows on demand up to its limit, and data is not executable.
 */
#define _GNU_SOURCE
#include <alloca.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "ut.h"

static void demand_paging(void)
{
	size_t small = 64UL << 20, big = 2UL << 30;
	unsigned long *p = ut_map(small, PROT_READ | PROT_WRITE);
	size_t words = PAGE_SIZE / sizeof(*p);
	char *q;

	for (size_t i = 0; i < small / PAGE_SIZE; i++)
		p[i * words] = i;
	for (size_t i = 0; i < small / PAGE_SIZE; i++)
		if (p[i * words] != i || p[i * words + 1] != 0)
			ut_fail("page %zu of a 64 MiB mapping holds %lu, %lu: "
				"expected %zu, 0", i, p[i * words],
				p[i * words + 1], i);
	/* Twice the machine's memory in the emulator: only touched pages
	 * may cost anything. */
	q = mmap(NULL, big, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (q == MAP_FAILED)
		ut_fail("mmap(2 GiB, MAP_NORESERVE) failed: %s",
			ut_errname(errno));
	for (size_t off = 0; off < big; off += big / 64)
		q[off + 100] = 1;
	for (size_t off = 0; off < big; off += big / 64)
		if (q[off + 100] != 1 || q[off + PAGE_SIZE + 100] != 0)
			ut_fail("2 GiB mapping at offset %#zx: %d, %d: "
				"expected 1, 0", off, q[off + 100],
				q[off + PAGE_SIZE + 100]);
}

/* Sync between a parent and a child: steps in a MAP_SHARED word. */
static void step_to(volatile int *step, int value)
{
	__atomic_store_n(step, value, __ATOMIC_RELEASE);
}

static void step_wait(volatile int *step, int value)
{
	if (!ut_wait_for(step, value, 5000))
		ut_fail("the other process did not reach step %d in 5 s "
			"(at %d)", value, *step);
}

static int cow_global = 1;

static void cow_fork_private(void)
{
	volatile int *step = ut_shared(PAGE_SIZE);
	volatile int *priv = ut_map(PAGE_SIZE, PROT_READ | PROT_WRITE);
	volatile int local = 1;
	pid_t pid;

	*priv = 1;
	pid = ut_fork();
	if (pid == 0) {
		step_wait(step, 1);
		/* The parent's writes must not show here... */
		if (*priv != 1 || cow_global != 1 || local != 1)
			_exit(10);
		/* ...nor ours there. */
		*priv = 3;
		cow_global = 3;
		local = 3;
		step_to(step, 2);
		_exit(0);
	}
	*priv = 2;
	cow_global = 2;
	local = 2;
	step_to(step, 1);
	ut_expect_exit(pid, 0, "child checking the parent's writes");
	EXPECT_EQ("mmap'd int after the child wrote", *priv, 2);
	EXPECT_EQ("global after the child wrote", cow_global, 2);
	EXPECT_EQ("stack int after the child wrote", local, 2);
}

static void cow_many_pages(void)
{
	size_t len = 64 * PAGE_SIZE;
	unsigned char *p = ut_map(len, PROT_READ | PROT_WRITE);
	pid_t pid;

	memset(p, 0x5a, len);
	pid = ut_fork();
	if (pid == 0) {
		memset(p, 0xa5, len);
		for (size_t i = 0; i < len; i++)
			if (p[i] != 0xa5)
				_exit(10);
		/* A grandchild copies our copy. */
		pid = fork();
		if (pid == 0) {
			p[0] = 0;
			_exit(p[1] == 0xa5 ? 0 : 11);
		}
		ut_expect_exit(pid, 0, "grandchild");
		_exit(p[0] == 0xa5 ? 0 : 12);
	}
	ut_expect_exit(pid, 0, "child rewriting 64 pages");
	for (size_t i = 0; i < len; i++)
		if (p[i] != 0x5a)
			ut_fail("parent's byte %zu is %#x after the child "
				"wrote: expected 0x5a", i, p[i]);
	/* Sole owner again: writing must still work. */
	memset(p, 0x11, len);
}

static void cow_shared_mapping(void)
{
	volatile int *shared = ut_shared(PAGE_SIZE);
	pid_t pid = ut_fork();

	if (pid == 0) {
		step_wait(&shared[0], 1);
		if (shared[1] != 100)
			_exit(10);
		shared[2] = 200;
		step_to(&shared[0], 2);
		_exit(0);
	}
	shared[1] = 100;
	step_to(&shared[0], 1);
	step_wait(&shared[0], 2);
	EXPECT_EQ("shared int written by the child", shared[2], 200);
	ut_expect_exit(pid, 0, "child reading the parent's write");
}

/* Recursion the compiler can neither flatten nor turn into a loop. */
static int (*volatile recurse_fn)(int);

static int recurse(int depth)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	frame[sizeof(frame) - 1] = (char)depth;
	if (depth == 0)
		return 0;
	return recurse_fn(depth - 1) + frame[0] - frame[sizeof(frame) - 1];
}

static void stack_growth(void)
{
	struct rlimit rl;
	size_t len = 4UL << 20;
	char *buf;

	EXPECT_EQ("getrlimit(RLIMIT_STACK)", getrlimit(RLIMIT_STACK, &rl), 0);
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (8UL << 20))
		ut_skip("stack limit is %lu bytes, under 8 MiB",
			(unsigned long)rl.rlim_cur);
	/* About 3 MiB of frames, then 4 MiB in one go, touched downwards. */
	recurse_fn = recurse;
	EXPECT_EQ("3000-deep recursion", recurse_fn(3000), 0);
	buf = alloca(len);
	for (size_t off = len; off >= PAGE_SIZE; off -= PAGE_SIZE)
		buf[off - 1] = (char)off;
	for (size_t off = len; off >= PAGE_SIZE; off -= PAGE_SIZE)
		if (buf[off - 1] != (char)(off & 0xff))
			ut_fail("alloca'd stack at -%zu lost its byte", off);
}

/* x86-64 code for "mov $42, %eax; ret". */
static const unsigned char ret42[] = { 0xb8, 42, 0, 0, 0, 0xc3 };

static void call_code(void *code)
{
	int (*fn)(void) = (int (*)(void))code;

	_exit(fn());
}

static void exec_mapping(void)
{
	unsigned char *p = ut_map(PAGE_SIZE, PROT_READ | PROT_WRITE);
	char buf[48];
	int status;

	memcpy(p, ret42, sizeof(ret42));
	EXPECT_EQ("mprotect(PROT_READ|PROT_EXEC)",
		  mprotect(p, PAGE_SIZE, PROT_READ | PROT_EXEC), 0);
	status = ut_child_status(call_code, p);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 42)
		ut_fail("calling code in a PROT_EXEC page: %s: "
			"expected exit 42",
			ut_status_str(status, buf, sizeof(buf)));
	EXPECT_EQ("write to PROT_READ|PROT_EXEC page", ut_probe(p, 1),
		  SIGSEGV);
}

static void expect_nx(const char *what, void *code)
{
	char buf[48];
	int status;

	memcpy(code, ret42, sizeof(ret42));
	status = ut_child_status(call_code, code);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
		ut_fail("calling code in %s: %s: expected killed by SIGSEGV",
			what, ut_status_str(status, buf, sizeof(buf)));
}

static void nx_data(void)
{
	static unsigned char data[64];
	unsigned char stack[64];

	expect_nx("the heap", malloc(64));
	expect_nx("a PROT_READ|PROT_WRITE mapping",
		  ut_map(PAGE_SIZE, PROT_READ | PROT_WRITE));
	expect_nx("the stack", stack);
	expect_nx(".bss", data);
}

static const struct ut_test tests[] = {
	UT_TEST(demand_paging),
	UT_TEST(cow_fork_private),
	UT_TEST(cow_many_pages),
	UT_TEST(cow_shared_mapping),
	UT_TEST(stack_growth),
	UT_TEST(exec_mapping),
	UT_TEST(nx_data),
};

UT_SUITE(ut_vm, "vm", tests);
