/*
 * Trap dispatch: every IDT vector lands in trap_dispatch() (entry.S).
 * Hardware interrupts go to kernel/irq.c; exceptions in kernel code are
 * either recovered through the exception table (arch/extable.h) or
 * reported with vector, error code, CR2, registers and a symbolized
 * backtrace, then the kernel panics. User-mode faults arrive with the
 * user-space issue.
 */
#include <arch.h>
#include <irq.h>
#include <ksyms.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <mman.h>
#include <process.h>
#include <sched.h>
#include <arch/cpu.h>
#include <arch/extable.h>
#include <arch/trapframe.h>
#include <arch/traps.h>

extern const struct extable_entry __ex_table_start[], __ex_table_end[];
void irq_dispatch(unsigned int irq);
void lapic_eoi(void);

struct trap_record last_recovered_trap;
static unsigned long nmi_count;

static const char *const exception_names[32] = {
	[0] = "#DE divide error",
	[1] = "#DB debug",
	[2] = "NMI",
	[3] = "#BP breakpoint",
	[4] = "#OF overflow",
	[5] = "#BR bound range exceeded",
	[6] = "#UD invalid opcode",
	[7] = "#NM device not available",
	[8] = "#DF double fault",
	[9] = "coprocessor segment overrun",
	[10] = "#TS invalid TSS",
	[11] = "#NP segment not present",
	[12] = "#SS stack-segment fault",
	[13] = "#GP general protection fault",
	[14] = "#PF page fault",
	[16] = "#MF x87 floating-point error",
	[17] = "#AC alignment check",
	[18] = "#MC machine check",
	[19] = "#XM SIMD floating-point error",
	[20] = "#VE virtualization exception",
	[21] = "#CP control protection",
	[28] = "#HV hypervisor injection",
	[29] = "#VC VMM communication",
	[30] = "#SX security exception",
};

/* The user half ends here; the user-space issue handles faults below. */
#define USER_SPACE_END	0x0000800000000000UL

/* Page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_PRESENT	(1 << 0)
#define PF_WRITE	(1 << 1)
#define PF_USER		(1 << 2)
#define PF_RSVD		(1 << 3)
#define PF_INSTR	(1 << 4)

const struct extable_entry *extable_search(uint64_t ip)
{
	for (const struct extable_entry *e = __ex_table_start;
	     e < __ex_table_end; e++)
		if (e->insn == ip)
			return e;
	return NULL;
}

static bool try_fixup(struct trapframe *tf, uint64_t cr2)
{
	const struct extable_entry *e = extable_search(tf->rip);

	if (!e)
		return false;
	if (e->type == EX_TYPE_VECTOR)
		tf->rax = tf->vector;
	last_recovered_trap.vector = tf->vector;
	last_recovered_trap.error = tf->error;
	last_recovered_trap.cr2 = cr2;
	last_recovered_trap.rip = tf->rip;
	last_recovered_trap.count++;
	tf->rip = e->fixup;
	return true;
}

static void print_symbol_line(const char *label, uint64_t addr)
{
	unsigned long off;
	const char *name = ksym_lookup(addr, &off);

	if (name)
		printk(KERN_EMERG "%s%016lx %s+0x%lx\n", label, addr, name,
		       off);
	else
		printk(KERN_EMERG "%s%016lx\n", label, addr);
}

static void dump_registers(const struct trapframe *tf)
{
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n",
	       tf->rax, tf->rbx, tf->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n",
	       tf->rdx, tf->rsi, tf->rdi);
	printk(KERN_EMERG "RBP: %016lx RSP: %016lx R8:  %016lx\n",
	       tf->rbp, tf->rsp, tf->r8);
	printk(KERN_EMERG "R9:  %016lx R10: %016lx R11: %016lx\n",
	       tf->r9, tf->r10, tf->r11);
	printk(KERN_EMERG "R12: %016lx R13: %016lx R14: %016lx\n",
	       tf->r12, tf->r13, tf->r14);
	printk(KERN_EMERG "R15: %016lx RFLAGS: %016lx CS: %04lx SS: %04lx\n",
	       tf->r15, tf->rflags, tf->cs, tf->ss);
	printk(KERN_EMERG "CR0: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr3(), read_cr4());
}

static __noreturn void kernel_exception(struct trapframe *tf, uint64_t cr2)
{
	const char *name = tf->vector < 32 ? exception_names[tf->vector] : NULL;
	unsigned long pcs[32];
	size_t n;

	if (tf->vector == VEC_PF)
		printk(KERN_EMERG "BUG: %s at address %016lx\n",
		       cr2 < PAGE_SIZE ? "kernel NULL pointer dereference" :
		       cr2 < USER_SPACE_END ?
		       "kernel access to a user-space address" :
		       "unable to handle kernel page fault", cr2);
	printk(KERN_EMERG "Oops: %s (vector %lu), error code 0x%lx\n",
	       name ? name : "reserved exception", tf->vector, tf->error);
	if (tf->vector == VEC_PF)
		printk(KERN_EMERG "CR2: %016lx (%s, %s, %s%s)\n", cr2,
		       tf->error & PF_USER ? "user" : "kernel",
		       tf->error & PF_INSTR ? "instruction fetch" :
		       tf->error & PF_WRITE ? "write" : "read",
		       tf->error & PF_PRESENT ? "protection violation" :
		       "page not present",
		       tf->error & PF_RSVD ? ", reserved bit set" : "");
	print_symbol_line("RIP: ", tf->rip);
	dump_registers(tf);
	pcs[0] = tf->rip;
	n = 1 + arch_backtrace_from(tf->rbp, pcs + 1, ARRAY_SIZE(pcs) - 1);
	dump_backtrace(pcs, n);
	panic("Fatal exception: %s", name ? name : "reserved exception");
}

/* Linux's names for the traps user programs die of. */
static const char *user_trap_name(uint64_t vector)
{
	switch (vector) {
	case VEC_DE: return "divide error";
	case VEC_UD: return "invalid opcode";
	case VEC_BP: return "int3";
	case VEC_OF: return "overflow";
	case VEC_GP: return "general protection fault";
	default: return vector < 32 && exception_names[vector] ?
			exception_names[vector] : "trap";
	}
}

/* The signal, si_code and si_addr of an exception in user mode. */
static int user_trap_signal(const struct trapframe *tf, int *code,
			    unsigned long *addr)
{
	*code = SI_KERNEL;
	*addr = 0;
	switch (tf->vector) {
	case VEC_DE:
		*code = FPE_INTDIV;
		*addr = tf->rip;
		return SIGFPE;
	case VEC_UD:
		*code = ILL_ILLOPN;
		*addr = tf->rip;
		return SIGILL;
	case VEC_BP:
	case VEC_DB:
		return SIGTRAP;
	case VEC_NP:
	case VEC_SS:
		return SIGBUS;
	case VEC_AC:
		*code = BUS_ADRALN;
		return SIGBUS;
	case VEC_MF:
	case VEC_XM:
		*code = 0;
		*addr = tf->rip;
		return SIGFPE;
	default:		/* #GP, into, and the rest */
		return SIGSEGV;
	}
}

/* An exception in user mode: a page to fault in, or a signal. */
static void user_exception(struct trapframe *tf, uint64_t cr2)
{
	struct task *t = current;
	unsigned long addr;
	int sig, code;

	if (tf->vector == VEC_PF) {
		unsigned int how = (tf->error & PF_WRITE ? FAULT_WRITE : 0) |
				   (tf->error & PF_INSTR ? FAULT_EXEC : 0);
		enum fault_result r = mm_fault(t->mm, cr2, how);

		if (r == FAULT_OK)
			return;
		if (r == FAULT_OOM) {
			printk(KERN_ERR "ferrite: pid %d (%s): out of memory "
			       "at 0x%lx; killed\n", t->proc->pid,
			       t->proc->comm, cr2);
			send_signal_task(t, SIGKILL, NULL);
			return;
		}
		sig = r == FAULT_SIGBUS ? SIGBUS : SIGSEGV;
		code = r == FAULT_SIGBUS ? BUS_ADRERR :
		       r == FAULT_SIGSEGV_ACCERR ? SEGV_ACCERR : SEGV_MAPERR;
		addr = cr2;
		if (!signal_handled(sig))
			printk(KERN_INFO "ferrite: pid %d (%s): segfault at "
			       "0x%lx ip 0x%lx code %lu\n", t->proc->pid,
			       t->proc->comm, cr2, tf->rip, tf->error);
	} else {
		sig = user_trap_signal(tf, &code, &addr);
		if (!signal_handled(sig))
			printk(KERN_INFO "ferrite: pid %d (%s): trap %s ip "
			       "0x%lx code %lu\n", t->proc->pid,
			       t->proc->comm, user_trap_name(tf->vector),
			       tf->rip, tf->error);
	}
	force_fault_signal(sig, code, addr);
}

/*
 * The kernel's user-copy routines fault on user pages that are not there
 * yet: serve those like a user fault. Anything else touching user
 * addresses from the kernel is a bug (SMAP catches it).
 */
static bool kernel_user_fault(struct trapframe *tf, uint64_t cr2)
{
	unsigned int how = tf->error & PF_WRITE ? FAULT_WRITE : 0;

	if (cr2 >= USER_SPACE_END || !current || !current->mm ||
	    !extable_search(tf->rip))
		return false;
	return mm_fault(current->mm, cr2, how) == FAULT_OK;
}

void trap_dispatch(struct trapframe *tf)
{
	uint64_t cr2 = 0;
	bool user = arch_tf_from_user(tf);

	if (tf->vector >= IRQ_BASE && tf->vector < IRQ_BASE + NR_IRQS) {
		if (tf->vector == IRQ_BASE)	/* the tick: whose time */
			sched_account_tick(user);
		irq_dispatch(tf->vector - IRQ_BASE);
		if (user) {
			arch_irq_enable();
			user_return_work(tf);
			return;
		}
		/* Preempt only code that ran with interrupts on. */
		if (tf->rflags & RFLAGS_IF)
			sched_preempt_irq();
		return;
	}
	if (tf->vector == VEC_LAPIC_TIMER) {
		lapic_eoi();
		sched_timer_event();
		if (user) {
			arch_irq_enable();
			user_return_work(tf);
			return;
		}
		if (tf->rflags & RFLAGS_IF)
			sched_preempt_irq();
		return;
	}
	if (tf->vector == VEC_SPURIOUS)
		return;
	if (tf->vector >= 32) {
		printk(KERN_WARNING "traps: unexpected interrupt vector %lu\n",
		       tf->vector);
		return;
	}
	if (tf->vector == VEC_NMI) {
		/*
		 * Hardware errors or a watchdog; nothing to recover here.
		 * The NMI may have interrupted printk: then stay silent
		 * rather than deadlock on the log lock.
		 */
		nmi_count++;
		if (!printk_busy())
			printk(KERN_WARNING "traps: NMI received at %016lx "
			       "(%lu so far); continuing\n", tf->rip,
			       nmi_count);
		return;
	}
	if (tf->vector == VEC_PF)
		cr2 = read_cr2();
	if (user) {
		arch_irq_enable();
		user_exception(tf, cr2);
		user_return_work(tf);
		return;
	}
	if (tf->vector == VEC_PF && (tf->rflags & RFLAGS_IF))
		arch_irq_enable();	/* a fault may sleep for memory */
	if (tf->vector == VEC_PF && kernel_user_fault(tf, cr2))
		return;
	if (try_fixup(tf, cr2))
		return;
	kernel_exception(tf, cr2);
}
