/*
 * The CPU side of user mode: per-CPU data behind GS, the syscall MSRs,
 * the FS base (user TLS), and building the trapframes through which a
 * task enters user mode (exec) or returns to it (fork, clone). The entry
 * code is in syscall_entry.S and entry.S; signal frames are in signal.c here,
 * the dispatcher in syscall.c.
 * Intel SDM vol. 3A, 5.8.8 (SYSCALL/SYSRET MSRs).
 */
#include <arch.h>
#include <percpu.h>
#include <sched.h>
#include <lib/string.h>
#include <arch/cpu.h>
#include <arch/trapframe.h>
#include <arch/user.h>

#define MSR_EFER		0xc0000080
#define EFER_SCE		(1ULL << 0)
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_FMASK		0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102

#define RFLAGS_RESERVED1	(1UL << 1)
#define RFLAGS_TF		(1UL << 8)
#define RFLAGS_DF		(1UL << 10)
#define RFLAGS_IOPL		(3UL << 12)
#define RFLAGS_NT		(1UL << 14)
#define RFLAGS_RF		(1UL << 16)
#define RFLAGS_AC		(1UL << 18)
/* What a syscall clears in rflags: AC too, or user mode could open SMAP. */
#define SYSCALL_FMASK		(RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | \
				 RFLAGS_IOPL | RFLAGS_NT | RFLAGS_RF | \
				 RFLAGS_AC)
/* The flags user mode may set through rt_sigreturn or ptrace. */
#define RFLAGS_USER_MASK	0x0000000000050dd5UL

void syscall_entry(void);

static struct percpu boot_percpu;

void percpu_init_boot(void)
{
	boot_percpu.self = &boot_percpu;
	boot_percpu.cpu = 0;
	wrmsr(MSR_GS_BASE, (uint64_t)&boot_percpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

void arch_syscall_init(void)
{
	/* SYSRET: cs = STAR[63:48] + 16, ss = STAR[63:48] + 8 (RPL 3). */
	uint64_t star = ((uint64_t)(USER_DS - 8) << 48) |
			((uint64_t)KERNEL_CS << 32);

	wrmsr(MSR_STAR, star);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, SYSCALL_FMASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

/*
 * What the FS base and the user's GS base (in KERNEL_GS_BASE while the
 * kernel runs, swapgs having put it there) hold now, so that a switch
 * between tasks with the same values costs no MSR write.
 */
static unsigned long loaded_fs, loaded_gs;

void arch_set_fs_base(unsigned long base)
{
	if (base != loaded_fs) {
		wrmsr(MSR_FS_BASE, base);
		loaded_fs = base;
	}
}

unsigned long arch_get_fs_base(void)
{
	return rdmsr(MSR_FS_BASE);
}

void arch_set_user_gs_base(unsigned long base)
{
	if (base != loaded_gs) {
		wrmsr(MSR_KERNEL_GS_BASE, base);
		loaded_gs = base;
	}
}

struct trapframe *arch_user_tf(void *kstack_top)
{
	return (struct trapframe *)kstack_top - 1;
}

void arch_user_tf_init(struct trapframe *tf, unsigned long ip,
		       unsigned long sp)
{
	memset(tf, 0, sizeof(*tf));
	tf->rip = ip;
	tf->rsp = sp;
	tf->cs = USER_CS;
	tf->ss = USER_DS;
	tf->rflags = RFLAGS_IF | RFLAGS_RESERVED1;
}

unsigned long arch_sanitize_user_rflags(unsigned long user,
					unsigned long old)
{
	return (old & ~RFLAGS_USER_MASK) | (user & RFLAGS_USER_MASK) |
	       RFLAGS_IF | RFLAGS_RESERVED1;
}

bool arch_tf_from_user(const struct trapframe *tf)
{
	return (tf->cs & 3) == 3;
}

unsigned long arch_tf_ip(const struct trapframe *tf)
{
	return tf->rip;
}

unsigned long arch_tf_sp(const struct trapframe *tf)
{
	return tf->rsp;
}

void arch_tf_set_return(struct trapframe *tf, long value)
{
	tf->rax = (uint64_t)value;
}

void arch_tf_set_sp(struct trapframe *tf, unsigned long sp)
{
	tf->rsp = sp;
}

void arch_tf_set_ip(struct trapframe *tf, unsigned long ip)
{
	tf->rip = ip;
}

long arch_tf_return_value(const struct trapframe *tf)
{
	return (long)tf->rax;
}

/* AT_HWCAP on x86_64: CPUID.1:EDX, as Linux gives it. */
unsigned long arch_elf_hwcap(void)
{
	uint32_t a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return d;
}

/* AT_MINSIGSTKSZ: the largest signal frame, FPU state included. */
unsigned long arch_min_sigstack(void)
{
	return ALIGN_UP(arch_fpu_state_size() + 1024, 64);
}
