/*
 * usertests: the signal frame. A handler must find the ABI's state on
 * entry (stack aligned as after a call, direction flag clear), may
 * trash every register, and rt_sigreturn must bring back all of them,
 * general and SSE, and the flags. A handler may also edit the saved
 * context (the instruction pointer, a register, the signal mask) and
 * the interrupted code resumes as edited.
 *
 * The register tests need exact control of every register, so the
 * spinning code and the handler are assembly (two small functions
 * below, System V ABI, no calls).
 */
#define _GNU_SOURCE
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include <sys/time.h>

#include "ut.h"

#define RFLAGS_DF	(1UL << 10)
#define NGPR		15	/* all but %rsp, in the order below */
#define NXMM		16

/* Written by the assembly; extern so that it can name them. */
volatile int sigframe_flag;
uint64_t sigframe_gpr[NGPR];
uint64_t sigframe_xmm[NXMM][2];
uint64_t sigframe_rflags;
uint64_t sigframe_entry_rsp;
uint64_t sigframe_entry_rflags;
const uint64_t sigframe_junk[2] = { 0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef };

void sigframe_spin(void);
void sigframe_clobber(int sig);

static const char *const gpr_names[NGPR] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10",
	"r11", "r12", "r13", "r14", "r15",
};

/*
 * sigframe_spin: load register n (gpr_names order) with the byte n+1
 * repeated, %xmm n with the same (%xmm15 with %rax's), set DF, spin
 * until sigframe_flag is set by the handler, then store everything.
 */
__asm__(
	".text\n"
	".globl sigframe_spin\n"
	".type sigframe_spin, @function\n"
	"sigframe_spin:\n"
	"push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n"
	"push %r15\n"
	"movabs $0x0101010101010101, %rax\n"
	"movabs $0x0202020202020202, %rbx\n"
	"movabs $0x0303030303030303, %rcx\n"
	"movabs $0x0404040404040404, %rdx\n"
	"movabs $0x0505050505050505, %rsi\n"
	"movabs $0x0606060606060606, %rdi\n"
	"movabs $0x0707070707070707, %rbp\n"
	"movabs $0x0808080808080808, %r8\n"
	"movabs $0x0909090909090909, %r9\n"
	"movabs $0x0a0a0a0a0a0a0a0a, %r10\n"
	"movabs $0x0b0b0b0b0b0b0b0b, %r11\n"
	"movabs $0x0c0c0c0c0c0c0c0c, %r12\n"
	"movabs $0x0d0d0d0d0d0d0d0d, %r13\n"
	"movabs $0x0e0e0e0e0e0e0e0e, %r14\n"
	"movabs $0x0f0f0f0f0f0f0f0f, %r15\n"
	"movq %rax, %xmm0\n movq %rbx, %xmm1\n movq %rcx, %xmm2\n"
	"movq %rdx, %xmm3\n movq %rsi, %xmm4\n movq %rdi, %xmm5\n"
	"movq %rbp, %xmm6\n movq %r8, %xmm7\n movq %r9, %xmm8\n"
	"movq %r10, %xmm9\n movq %r11, %xmm10\n movq %r12, %xmm11\n"
	"movq %r13, %xmm12\n movq %r14, %xmm13\n movq %r15, %xmm14\n"
	"movq %rax, %xmm15\n"
	"std\n"
	"1: cmpl $0, sigframe_flag(%rip)\n"
	"je 1b\n"
	"pushfq\n"
	"popq sigframe_rflags(%rip)\n"
	"cld\n"
	"movq %rax, sigframe_gpr+0(%rip)\n"
	"movq %rbx, sigframe_gpr+8(%rip)\n"
	"movq %rcx, sigframe_gpr+16(%rip)\n"
	"movq %rdx, sigframe_gpr+24(%rip)\n"
	"movq %rsi, sigframe_gpr+32(%rip)\n"
	"movq %rdi, sigframe_gpr+40(%rip)\n"
	"movq %rbp, sigframe_gpr+48(%rip)\n"
	"movq %r8, sigframe_gpr+56(%rip)\n"
	"movq %r9, sigframe_gpr+64(%rip)\n"
	"movq %r10, sigframe_gpr+72(%rip)\n"
	"movq %r11, sigframe_gpr+80(%rip)\n"
	"movq %r12, sigframe_gpr+88(%rip)\n"
	"movq %r13, sigframe_gpr+96(%rip)\n"
	"movq %r14, sigframe_gpr+104(%rip)\n"
	"movq %r15, sigframe_gpr+112(%rip)\n"
	"movdqu %xmm0, sigframe_xmm+0(%rip)\n"
	"movdqu %xmm1, sigframe_xmm+16(%rip)\n"
	"movdqu %xmm2, sigframe_xmm+32(%rip)\n"
	"movdqu %xmm3, sigframe_xmm+48(%rip)\n"
	"movdqu %xmm4, sigframe_xmm+64(%rip)\n"
	"movdqu %xmm5, sigframe_xmm+80(%rip)\n"
	"movdqu %xmm6, sigframe_xmm+96(%rip)\n"
	"movdqu %xmm7, sigframe_xmm+112(%rip)\n"
	"movdqu %xmm8, sigframe_xmm+128(%rip)\n"
	"movdqu %xmm9, sigframe_xmm+144(%rip)\n"
	"movdqu %xmm10, sigframe_xmm+160(%rip)\n"
	"movdqu %xmm11, sigframe_xmm+176(%rip)\n"
	"movdqu %xmm12, sigframe_xmm+192(%rip)\n"
	"movdqu %xmm13, sigframe_xmm+208(%rip)\n"
	"movdqu %xmm14, sigframe_xmm+224(%rip)\n"
	"movdqu %xmm15, sigframe_xmm+240(%rip)\n"
	"pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
	"ret\n"
	".size sigframe_spin, .-sigframe_spin\n"
);

/*
 * sigframe_clobber: a handler that notes %rsp and the flags it was
 * entered with, then overwrites every register but %rsp, callee-saved
 * ones included: the restorer it returns to needs none of them.
 */
__asm__(
	".text\n"
	".globl sigframe_clobber\n"
	".type sigframe_clobber, @function\n"
	"sigframe_clobber:\n"
	"movq %rsp, sigframe_entry_rsp(%rip)\n"
	"pushfq\n"
	"popq sigframe_entry_rflags(%rip)\n"
	"movq sigframe_junk(%rip), %rax\n"
	"movq %rax, %rbx\n movq %rax, %rcx\n movq %rax, %rdx\n"
	"movq %rax, %rsi\n movq %rax, %rdi\n movq %rax, %rbp\n"
	"movq %rax, %r8\n movq %rax, %r9\n movq %rax, %r10\n"
	"movq %rax, %r11\n movq %rax, %r12\n movq %rax, %r13\n"
	"movq %rax, %r14\n movq %rax, %r15\n"
	"pcmpeqd %xmm0, %xmm0\n pcmpeqd %xmm1, %xmm1\n"
	"pcmpeqd %xmm2, %xmm2\n pcmpeqd %xmm3, %xmm3\n"
	"pcmpeqd %xmm4, %xmm4\n pcmpeqd %xmm5, %xmm5\n"
	"pcmpeqd %xmm6, %xmm6\n pcmpeqd %xmm7, %xmm7\n"
	"pcmpeqd %xmm8, %xmm8\n pcmpeqd %xmm9, %xmm9\n"
	"pcmpeqd %xmm10, %xmm10\n pcmpeqd %xmm11, %xmm11\n"
	"pcmpeqd %xmm12, %xmm12\n pcmpeqd %xmm13, %xmm13\n"
	"pcmpeqd %xmm14, %xmm14\n pcmpeqd %xmm15, %xmm15\n"
	"movl $1, sigframe_flag(%rip)\n"
	"ret\n"
	".size sigframe_clobber, .-sigframe_clobber\n"
);

static uint64_t pattern(int n)
{
	return 0x0101010101010101ULL * (uint64_t)(n + 1);
}

static void run_spin_with_timer(void)
{
	struct sigaction sa = { .sa_handler = sigframe_clobber };
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };

	sigaction(SIGALRM, &sa, NULL);
	if (setitimer(ITIMER_REAL, &it, NULL))
		ut_fail("setitimer: %s", ut_errname(errno));
	sigframe_spin();
}

static void sigreturn_restores_registers(void)
{
	run_spin_with_timer();
	for (int i = 0; i < NGPR; i++)
		if (sigframe_gpr[i] != pattern(i))
			ut_fail("%%%s after the handler is %#llx: expected "
				"%#llx", gpr_names[i],
				(unsigned long long)sigframe_gpr[i],
				(unsigned long long)pattern(i));
	for (int i = 0; i < NXMM; i++) {
		uint64_t want = pattern(i == 15 ? 0 : i);

		if (sigframe_xmm[i][0] != want || sigframe_xmm[i][1] != 0)
			ut_fail("%%xmm%d after the handler is %#llx:%#llx: "
				"expected 0:%#llx", i,
				(unsigned long long)sigframe_xmm[i][1],
				(unsigned long long)sigframe_xmm[i][0],
				(unsigned long long)want);
	}
	if (!(sigframe_rflags & RFLAGS_DF))
		ut_fail("DF, set when the signal came, is clear after it");
}

/* On entry: %rsp + 8 16-byte aligned (as after a call), DF clear. */
static void handler_entry_state(void)
{
	run_spin_with_timer();
	EXPECT_EQ("handler's %rsp % 16 at entry", sigframe_entry_rsp % 16, 8);
	if (sigframe_entry_rflags & RFLAGS_DF)
		ut_fail("DF is set on entry to the handler (rflags %#llx)",
			(unsigned long long)sigframe_entry_rflags);
}

static void skip_ud2(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	uc->uc_mcontext.gregs[REG_RIP] += 2;
	uc->uc_mcontext.gregs[REG_RAX] = 1234;
	sigaddset(&uc->uc_sigmask, SIGUSR2);
}

/* What the handler writes into the saved context is what resumes. */
static void sigreturn_edited_context(void)
{
	struct sigaction sa = { .sa_sigaction = skip_ud2,
				.sa_flags = SA_SIGINFO };
	sigset_t now;
	long rax;

	sigaction(SIGILL, &sa, NULL);
	__asm__ volatile("xor %%eax, %%eax\n\tud2" : "=a"(rax) : : "memory");
	EXPECT_EQ("%rax set by the handler in the saved context", rax, 1234);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR2));
	EXPECT(!sigismember(&now, SIGILL));
}

static volatile int order[4];
static volatile int depth;

static void inner(int sig)
{
	order[depth++] = 2;
}

static void outer(int sig)
{
	order[depth++] = 1;
	raise(SIGUSR2);
	order[depth++] = 3;
}

static void nested_handlers(void)
{
	signal(SIGUSR1, outer);
	signal(SIGUSR2, inner);
	raise(SIGUSR1);
	EXPECT_EQ("handler steps", depth, 3);
	EXPECT(order[0] == 1 && order[1] == 2 && order[2] == 3);
}

static const struct ut_test tests[] = {
	UT_TEST(sigreturn_restores_registers),
	UT_TEST(handler_entry_state),
	UT_TEST(sigreturn_edited_context),
	UT_TEST(nested_handlers),
};

UT_SUITE(ut_sigframe, "sigframe", tests);
