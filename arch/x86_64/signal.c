/*
 * Signal frames in Linux's x86_64 layout, so that musl's and glibc's
 * sa_restorer (which calls rt_sigreturn) and handlers that read the
 * ucontext work unchanged: below the interrupted stack pointer (less the
 * 128-byte red zone) or on the alternate stack come the FPU state (64-byte
 * aligned), then struct rt_sigframe: the return address (sa_restorer),
 * the ucontext with the registers and the old mask, and the siginfo.
 * The generic side (which signal, which handler, masks) is
 * kernel/signal.c.
 */
#include <arch.h>
#include <errno.h>
#include <mm.h>
#include <process.h>
#include <sched.h>
#include <uaccess.h>
#include <lib/string.h>
#include <arch/cpu.h>
#include <arch/trapframe.h>
#include <arch/user.h>

#define RED_ZONE		128
#define UC_FP_XSTATE		0x1
#define UC_SIGCONTEXT_SS	0x2
#define UC_STRICT_RESTORE_SS	0x4

struct sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;		/* user pointer to the FPU state */
	uint64_t reserved1[8];
};

struct ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	uint64_t uc_sigmask;
};

struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext uc;
	struct siginfo info;
};

static void fill_sigcontext(struct sigcontext *sc, const struct trapframe *tf)
{
	sc->r8 = tf->r8;
	sc->r9 = tf->r9;
	sc->r10 = tf->r10;
	sc->r11 = tf->r11;
	sc->r12 = tf->r12;
	sc->r13 = tf->r13;
	sc->r14 = tf->r14;
	sc->r15 = tf->r15;
	sc->rdi = tf->rdi;
	sc->rsi = tf->rsi;
	sc->rbp = tf->rbp;
	sc->rbx = tf->rbx;
	sc->rdx = tf->rdx;
	sc->rax = tf->rax;
	sc->rcx = tf->rcx;
	sc->rsp = tf->rsp;
	sc->rip = tf->rip;
	sc->eflags = tf->rflags;
	sc->cs = tf->cs;
	sc->ss = tf->ss;
	sc->err = tf->vector == VEC_SYSCALL ? 0 : tf->error;
	sc->trapno = tf->vector == VEC_SYSCALL ? 0 : tf->vector;
}

int arch_setup_sigframe(struct trapframe *tf, int sig,
			const struct k_sigaction *ka,
			const struct siginfo *info, uint64_t old_mask,
			unsigned long sp)
{
	struct task *t = current;
	size_t fpsize = arch_fpu_state_size();
	unsigned long fp, frame_addr;
	struct rt_sigframe frame;

	sp -= RED_ZONE;
	fp = ALIGN_DOWN(sp - fpsize, 64);
	frame_addr = ALIGN_DOWN(fp - sizeof(frame), 16) - 8;

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = ka->restorer;
	frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	frame.uc.uc_stack = t->user->altstack;
	fill_sigcontext(&frame.uc.uc_mcontext, tf);
	frame.uc.uc_mcontext.oldmask = old_mask;
	frame.uc.uc_mcontext.fpstate = fp;
	frame.uc.uc_sigmask = old_mask;
	frame.info = *info;

	arch_fpu_save(t->fpu);
	if (copy_to_user((void *)fp, t->fpu, fpsize) ||
	    copy_to_user((void *)frame_addr, &frame, sizeof(frame)))
		return -EFAULT;
	/* The handler starts with a clean FPU, as on Linux. */
	arch_fpu_state_init(t->fpu);
	arch_fpu_restore(t->fpu);

	tf->rdi = sig;
	tf->rsi = frame_addr + offsetof(struct rt_sigframe, info);
	tf->rdx = frame_addr + offsetof(struct rt_sigframe, uc);
	tf->rax = 0;
	tf->rsp = frame_addr;
	tf->rip = ka->handler;
	tf->cs = USER_CS;
	tf->ss = USER_DS;
	tf->rflags &= ~((1UL << 8) | (1UL << 10));	/* TF, DF */
	tf->vector = 0;		/* no longer a syscall frame: no restart */
	return 0;
}

int arch_restore_sigframe(struct trapframe *tf, uint64_t *mask, stack_t *ss)
{
	struct task *t = current;
	unsigned long frame_addr = tf->rsp - 8;	/* ret popped pretcode */
	struct rt_sigframe frame;
	const struct sigcontext *sc = &frame.uc.uc_mcontext;

	if (copy_from_user(&frame, (void *)frame_addr, sizeof(frame)))
		return -EFAULT;
	/* iretq to a non-canonical rip would fault in the kernel. */
	if (sc->rip >= USER_END || sc->rsp >= USER_END)
		return -EFAULT;
	if (sc->fpstate) {
		if (copy_from_user(t->fpu, (void *)sc->fpstate,
				   arch_fpu_state_size()))
			return -EFAULT;
		arch_fpu_state_sanitize(t->fpu);
	} else {
		arch_fpu_state_init(t->fpu);
	}
	arch_fpu_restore(t->fpu);

	tf->r8 = sc->r8;
	tf->r9 = sc->r9;
	tf->r10 = sc->r10;
	tf->r11 = sc->r11;
	tf->r12 = sc->r12;
	tf->r13 = sc->r13;
	tf->r14 = sc->r14;
	tf->r15 = sc->r15;
	tf->rdi = sc->rdi;
	tf->rsi = sc->rsi;
	tf->rbp = sc->rbp;
	tf->rbx = sc->rbx;
	tf->rdx = sc->rdx;
	tf->rax = sc->rax;
	tf->rcx = sc->rcx;
	tf->rsp = sc->rsp;
	tf->rip = sc->rip;
	tf->rflags = arch_sanitize_user_rflags(sc->eflags, tf->rflags);
	tf->cs = USER_CS;
	tf->ss = USER_DS;
	tf->vector = 0;		/* not a syscall to restart */
	*mask = frame.uc.uc_sigmask;
	*ss = frame.uc.uc_stack;
	return 0;
}
