/*
 * usertests: the crash gallery. Each way of crashing runs twice in a
 * child: once with the default action, where the parent checks the
 * signal that killed it, and once with an SA_SIGINFO handler on an
 * alternate stack, which records si_signo, si_code and si_addr in shared
 * memory for the parent to check. The faulting instructions are small
 * assembly functions, so that the compiler can neither fold them away
 * nor move them, and si_addr can be compared with their addresses.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "ut.h"

#define KERNEL_TEXT	0xffffffff81000000UL
#define KERNEL_DATA	0xffff800000000000UL
#define NONCANONICAL	0x8000000000000000UL

void crash_idiv(void);
void crash_idiv_insn(void);
void crash_idiv_overflow(void);
void crash_idiv_overflow_insn(void);
void crash_ud2(void);
void crash_int3(void);
void crash_hlt(void);
void crash_inb(void);

__asm__(
	".text\n"
	".globl crash_idiv, crash_idiv_insn\n"
	"crash_idiv:\n"
	"	xor %ecx, %ecx\n"
	"	mov $1, %eax\n"
	"	cqo\n"
	"crash_idiv_insn:\n"
	"	idiv %rcx\n"
	"	ret\n"
	".globl crash_idiv_overflow, crash_idiv_overflow_insn\n"
	"crash_idiv_overflow:\n"
	"	mov $-1, %rcx\n"
	"	movabs $0x8000000000000000, %rax\n"
	"	cqo\n"
	"crash_idiv_overflow_insn:\n"
	"	idiv %rcx\n"
	"	ret\n"
	".globl crash_ud2\n"
	"crash_ud2:\n"
	"	ud2\n"
	".globl crash_int3\n"
	"crash_int3:\n"
	"	int3\n"
	"	ud2\n"
	".globl crash_hlt\n"
	"crash_hlt:\n"
	"	hlt\n"
	"	ud2\n"
	".globl crash_inb\n"
	"crash_inb:\n"
	"	inb $0x80, %al\n"
	"	ud2\n"
);

/* What a handler saw, for the parent. */
struct crash_record {
	int signo;
	int code;
	uintptr_t addr;
};

static struct crash_record *record;
static void *target;	/* the address a crash uses, set up before it */

enum addr_check { ADDR_ZERO, ADDR_TARGET, ADDR_ANY };

struct crash {
	void (*fn)(void);
	void (*setup)(void);
	int sig;
	int code;
	enum addr_check addr;
	uintptr_t (*want_addr)(void);	/* when ADDR_TARGET; else target */
};

static void null_read(void)
{
	(void)*(volatile int *)target;
}

static void write_target(void)
{
	*(volatile char *)target = 1;
}

static void jump_target(void)
{
	((void (*)(void))target)();
}

static void set_null(void) { target = NULL; }
static void set_kernel_text(void) { target = (void *)KERNEL_TEXT; }
static void set_kernel_data(void) { target = (void *)KERNEL_DATA; }
static void set_noncanonical(void) { target = (void *)NONCANONICAL; }
static void set_own_text(void) { target = (void *)crash_ud2; }

static void set_readonly_page(void)
{
	target = ut_map(PAGE_SIZE, PROT_READ);
}

static void set_prot_none_page(void)
{
	target = ut_map(PAGE_SIZE, PROT_NONE);
}

static void set_heap_code(void)
{
	/* A "ret": were it executable, the call would just return. */
	target = malloc(16);
	*(unsigned char *)target = 0xc3;
}

static int (*volatile overflow_fn)(int);

static int overflow(int n)
{
	volatile char pad[256];

	pad[0] = (char)n;
	return overflow_fn(n + 1) + pad[0];
}

static void stack_overflow(void)
{
	struct rlimit rl;

	/* Finite, so that the crash comes soon and the same everywhere. */
	getrlimit(RLIMIT_STACK, &rl);
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (8UL << 20)) {
		rl.rlim_cur = 8UL << 20;
		setrlimit(RLIMIT_STACK, &rl);
	}
	overflow_fn = overflow;
	overflow_fn(0);
}

static uintptr_t idiv_addr(void) { return (uintptr_t)crash_idiv_insn; }
static uintptr_t idiv_ovf_addr(void)
{
	return (uintptr_t)crash_idiv_overflow_insn;
}
static uintptr_t ud2_addr(void) { return (uintptr_t)crash_ud2; }

static void on_crash(int sig, siginfo_t *si, void *uc)
{
	record->signo = si->si_signo;
	record->code = si->si_code;
	record->addr = (uintptr_t)si->si_addr;
	_exit(0);
}

static void catch_crashes(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
	size_t len = 256 * 1024;
	stack_t ss = { .ss_sp = ut_map(len, PROT_READ | PROT_WRITE),
		       .ss_size = len };
	struct sigaction sa = { .sa_sigaction = on_crash,
				.sa_flags = SA_SIGINFO | SA_ONSTACK };

	if (sigaltstack(&ss, NULL))
		ut_fail("sigaltstack: %s", ut_errname(errno));
	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

static void crash_child(void *arg)
{
	const struct crash *c = arg;

	if (record)
		catch_crashes();
	c->fn();
	ut_fail("the crash did not happen");
}

static void expect_record(const struct crash *c)
{
	uintptr_t want = c->want_addr ? c->want_addr() : (uintptr_t)target;

	EXPECT_EQ("handler's si_signo", record->signo, c->sig);
	EXPECT_EQ("handler's si_code", record->code, c->code);
	if (c->addr == ADDR_ZERO)
		EXPECT_EQX("handler's si_addr", record->addr, 0);
	else if (c->addr == ADDR_TARGET)
		EXPECT_EQX("handler's si_addr", record->addr, want);
}

static void expect_crash(const struct crash *c, int with_handler)
{
	char buf[48];
	int status;

	record = with_handler ? ut_shared(PAGE_SIZE) : NULL;
	/* Set up here, so that the child inherits the very address. */
	if (c->setup)
		c->setup();
	status = ut_child_status(crash_child, (void *)c);
	if (with_handler) {
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			ut_fail("child with a handler ended with %s: expected "
				"exit 0 from the handler",
				ut_status_str(status, buf, sizeof(buf)));
		expect_record(c);
	} else if (!WIFSIGNALED(status) || WTERMSIG(status) != c->sig) {
		ut_fail("child ended with %s: expected killed by %s",
			ut_status_str(status, buf, sizeof(buf)),
			ut_signame(c->sig));
	}
}

#define CRASH(name, ...)						\
	static const struct crash name##_desc = { __VA_ARGS__ };	\
	static void name(void) { expect_crash(&name##_desc, 0); }	\
	static void name##_siginfo(void) { expect_crash(&name##_desc, 1); }

CRASH(crash_null_deref, null_read, set_null, SIGSEGV, SEGV_MAPERR,
      ADDR_ZERO, NULL)
CRASH(crash_divide_by_zero, crash_idiv, NULL, SIGFPE, FPE_INTDIV,
      ADDR_TARGET, idiv_addr)
CRASH(crash_divide_overflow, crash_idiv_overflow, NULL, SIGFPE, FPE_INTDIV,
      ADDR_TARGET, idiv_ovf_addr)
CRASH(crash_ud2_insn, crash_ud2, NULL, SIGILL, ILL_ILLOPN, ADDR_TARGET,
      ud2_addr)
CRASH(crash_int3_insn, crash_int3, NULL, SIGTRAP, SI_KERNEL, ADDR_ZERO, NULL)
CRASH(crash_hlt_insn, crash_hlt, NULL, SIGSEGV, SI_KERNEL, ADDR_ZERO, NULL)
CRASH(crash_port_io, crash_inb, NULL, SIGSEGV, SI_KERNEL, ADDR_ZERO, NULL)
CRASH(crash_jump_kernel, jump_target, set_kernel_text, SIGSEGV, SEGV_MAPERR,
      ADDR_TARGET, NULL)
CRASH(crash_read_kernel, null_read, set_kernel_data, SIGSEGV, SEGV_MAPERR,
      ADDR_TARGET, NULL)
CRASH(crash_noncanonical, null_read, set_noncanonical, SIGSEGV, SI_KERNEL,
      ADDR_ZERO, NULL)
CRASH(crash_write_text, write_target, set_own_text, SIGSEGV, SEGV_ACCERR,
      ADDR_TARGET, NULL)
CRASH(crash_write_readonly, write_target, set_readonly_page, SIGSEGV,
      SEGV_ACCERR, ADDR_TARGET, NULL)
CRASH(crash_read_prot_none, null_read, set_prot_none_page, SIGSEGV,
      SEGV_ACCERR, ADDR_TARGET, NULL)
CRASH(crash_exec_heap, jump_target, set_heap_code, SIGSEGV, SEGV_ACCERR,
      ADDR_TARGET, NULL)
CRASH(crash_stack_overflow, stack_overflow, NULL, SIGSEGV, SEGV_MAPERR,
      ADDR_ANY, NULL)

#define BOTH(name)	UT_TEST(name), UT_TEST(name##_siginfo)

static const struct ut_test tests[] = {
	BOTH(crash_null_deref),
	BOTH(crash_divide_by_zero),
	BOTH(crash_divide_overflow),
	BOTH(crash_ud2_insn),
	BOTH(crash_int3_insn),
	BOTH(crash_hlt_insn),
	BOTH(crash_port_io),
	BOTH(crash_jump_kernel),
	BOTH(crash_read_kernel),
	BOTH(crash_noncanonical),
	BOTH(crash_write_text),
	BOTH(crash_write_readonly),
	BOTH(crash_read_prot_none),
	BOTH(crash_exec_heap),
	BOTH(crash_stack_overflow),
};

UT_SUITE(ut_crash, "crash", tests);
