/*
 * Signals: sending (kill, tkill, tgkill, faults, the kernel), the
 * per-thread and per-process pending sets, delivery on the way back to
 * user mode (default actions: terminate, core, stop, continue, ignore;
 * or a handler frame built by arch/x86_64/signal.c), restarting or
 * interrupting system calls, and the rt_sig* calls. ITIMER_REAL (alarm,
 * setitimer) is in kernel/itimer.c. All signal state is under proc_lock.
 */
#include <arch.h>
#include <errno.h>
#include <printk.h>
#include <process.h>
#include <tty.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <lib/string.h>
#include "process_internal.h"

#define UNBLOCKABLE	(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define STOP_SIGNALS	(SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | \
			 SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))
#define IGNORED_BY_DEFAULT (SIGBIT(SIGCHLD) | SIGBIT(SIGURG) | \
			    SIGBIT(SIGWINCH) | SIGBIT(SIGCONT))
#define CORE_BY_DEFAULT	(SIGBIT(SIGQUIT) | SIGBIT(SIGILL) | \
			 SIGBIT(SIGTRAP) | SIGBIT(SIGABRT) | \
			 SIGBIT(SIGBUS) | SIGBIT(SIGFPE) | SIGBIT(SIGSEGV) | \
			 SIGBIT(SIGXCPU) | SIGBIT(SIGXFSZ) | SIGBIT(SIGSYS))

static DEFINE_WAIT_QUEUE(stop_wait);

struct sighand *sighand_alloc(const struct sighand *copy)
{
	struct sighand *sh = kzalloc(sizeof(*sh), GFP_KERNEL);

	if (!sh)
		return NULL;
	if (copy) {
		unsigned long flags = spin_lock_irqsave(&proc_lock);

		memcpy(sh->action, copy->action, sizeof(sh->action));
		spin_unlock_irqrestore(&proc_lock, flags);
	}
	sh->refs = 1;
	return sh;
}

void sighand_put(struct sighand *sh)
{
	if (sh && !__atomic_sub_fetch(&sh->refs, 1, __ATOMIC_ACQ_REL))
		kfree(sh);
}

void signal_exec_reset(struct process *p)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	for (int i = 0; i < NSIG; i++) {
		struct k_sigaction *ka = &p->sighand->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->mask = 0;
		ka->restorer = 0;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
}

static bool sig_ignored(struct process *p, int sig)
{
	unsigned long h = p->sighand->action[sig - 1].handler;

	return h == SIG_IGN ||
	       (h == SIG_DFL && (SIGBIT(sig) & IGNORED_BY_DEFAULT));
}

/* Make some thread of @p that does not block @sig notice it. [proc_lock] */
static void signal_wake(struct process *p, struct task *t, int sig)
{
	if (t) {
		task_interrupt(t);
		return;
	}
	list_for_each_entry(t, &p->threads, thread_node)
		if (!(t->user->blocked & SIGBIT(sig)) ||
		    (SIGBIT(sig) & UNBLOCKABLE)) {
			task_interrupt(t);
			if (!(SIGBIT(sig) & UNBLOCKABLE))
				return;
		}
}

/* SIGCONT resumes a stopped process and cancels pending stops. */
static void do_continue(struct process *p)
{
	struct task *t;

	p->pending &= ~STOP_SIGNALS;
	list_for_each_entry(t, &p->threads, thread_node)
		t->user->pending &= ~STOP_SIGNALS;
	if (p->stop_signal) {
		p->stop_signal = 0;
		p->stop_report = false;
		p->cont_report = true;
		if (p->parent)
			notify_parent(p, CLD_CONTINUED, SIGCONT);
		wake_up_all(&stop_wait);
	}
}

/*
 * Real-time signals queue: the first instance sits in the info slot, the
 * others on a list, in order. At most this many wait in all.
 */
#define RTQ_MAX		1024
static unsigned int rtq_count;

struct sigq {
	struct list_head node;
	int sig;
	struct ksiginfo info;
};

/* Queue another instance of an already pending @sig. [proc_lock] */
static void rtq_add(struct list_head *q, int sig,
		    const struct ksiginfo *info)
{
	struct sigq *e;

	if (rtq_count >= RTQ_MAX)
		return;		/* Linux's RLIMIT_SIGPENDING drops too */
	e = kmalloc(sizeof(*e), GFP_NOWARN);
	if (!e)
		return;
	e->sig = sig;
	e->info = *info;
	list_add_tail(&e->node, q);
	rtq_count++;
}

/* Drop the queued instances of @sig (or all when 0). [proc_lock] */
void rtq_drop(struct list_head *q, int sig)
{
	struct sigq *e, *tmp;

	list_for_each_entry_safe(e, tmp, q, node)
		if (!sig || e->sig == sig) {
			list_del(&e->node);
			kfree(e);
			rtq_count--;
		}
}

int signal_take(struct task *t, uint64_t allowed, struct ksiginfo *info)
{
	uint64_t *sets[2] = { &t->user->pending, &t->proc->pending };
	struct ksiginfo *infos[2] = { t->user->info, t->proc->info };
	struct list_head *queues[2] = { &t->user->rtq, &t->proc->rtq };

	for (int i = 0; i < 2; i++) {
		uint64_t ready = *sets[i] & allowed;
		struct sigq *e;

		if (!ready)
			continue;
		int sig = __builtin_ctzll(ready) + 1;

		*info = infos[i][sig - 1];
		*sets[i] &= ~SIGBIT(sig);
		list_for_each_entry(e, queues[i], node)
			if (e->sig == sig) {
				infos[i][sig - 1] = e->info;
				*sets[i] |= SIGBIT(sig);
				list_del(&e->node);
				kfree(e);
				rtq_count--;
				break;
			}
		return sig;
	}
	return 0;
}

int signal_send_locked(struct process *p, struct task *t, int sig,
		       const struct ksiginfo *info)
{
	uint64_t *pending = t ? &t->user->pending : &p->pending;
	struct ksiginfo *slot = t ? &t->user->info[sig - 1] :
				&p->info[sig - 1];
	struct ksiginfo kernel_info = { .code = SI_KERNEL };

	if (p->state != PROC_ALIVE || p->group_exit)
		return 0;
	if (sig == SIGCONT)
		do_continue(p);
	else if (SIGBIT(sig) & STOP_SIGNALS)
		p->pending &= ~SIGBIT(SIGCONT);
	if (sig == SIGKILL) {
		/* Even a stopped process dies now. */
		p->stop_signal = 0;
		wake_up_all(&stop_wait);
	}
	/* Ignored signals are dropped unless blocked (they may be
	 * unignored before they are unblocked). */
	if (sig_ignored(p, sig) && !(t && (t->user->blocked & SIGBIT(sig))))
		return 0;
	if (!info)
		info = &kernel_info;
	if (*pending & SIGBIT(sig)) {
		/* Standard signals do not queue; real-time ones do. */
		if (sig >= SIGRTMIN)
			rtq_add(t ? &t->user->rtq : &p->rtq, sig, info);
		return 0;
	}
	*pending |= SIGBIT(sig);
	*slot = *info;
	signal_wake(p, t, sig);
	return 0;
}

int send_signal_process(struct process *p, int sig,
			const struct ksiginfo *info)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	int r = signal_send_locked(p, NULL, sig, info);

	spin_unlock_irqrestore(&proc_lock, flags);
	return r;
}

int send_signal_task(struct task *t, int sig, const struct ksiginfo *info)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	int r = signal_send_locked(t->proc, t, sig, info);

	spin_unlock_irqrestore(&proc_lock, flags);
	return r;
}

void signal_group_exit(struct process *p, int status)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct task *t;

	if (!p->group_exit) {
		p->group_exit = true;
		p->exit_status = status;
	}
	p->stop_signal = 0;
	list_for_each_entry(t, &p->threads, thread_node)
		if (t != current)
			task_interrupt(t);
	wake_up_all(&stop_wait);
	spin_unlock_irqrestore(&proc_lock, flags);
}

bool signal_pending_current(void)
{
	return READ_ONCE(current->sigpending);
}

/* Anything deliverable for @t? Updates t->sigpending. [proc_lock] */
static bool recalc_pending(struct task *t)
{
	struct process *p = t->proc;
	bool any = ((t->user->pending | p->pending) & ~t->user->blocked) ||
		   p->group_exit || p->stop_signal ||
		   (p->exec_task && p->exec_task != t);

	WRITE_ONCE(t->sigpending, any);
	return any;
}

void recalc_sigpending(void)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	recalc_pending(current);
	spin_unlock_irqrestore(&proc_lock, flags);
}

/* Sleep while the process is stopped (SIGCONT or SIGKILL end it). */
static void do_stop(struct process *p)
{
	wait_event(&stop_wait, !READ_ONCE(p->stop_signal) ||
		   READ_ONCE(p->group_exit));
}

/* An interrupted call with no handler to run: restart it. */
static void restart_without_handler(struct trapframe *tf)
{
	long ret = arch_syscall_ret(tf);

	if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR ||
	    ret == -ERESTARTNOHAND)
		arch_syscall_restart(tf, false);
	else if (ret == -ERESTART_RESTARTBLOCK)
		arch_syscall_restart(tf, true);
}

/* A handler will run: restart the call or make it fail with -EINTR. */
static void restart_for_handler(struct trapframe *tf,
				const struct k_sigaction *ka)
{
	long ret = arch_syscall_ret(tf);

	if (ret == -ERESTARTNOHAND || ret == -ERESTART_RESTARTBLOCK ||
	    (ret == -ERESTARTSYS && !(ka->flags & SA_RESTART)))
		arch_tf_set_return(tf, -EINTR);
	else if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR)
		arch_syscall_restart(tf, false);
}

static void to_siginfo(struct siginfo *si, int sig,
		       const struct ksiginfo *k)
{
	memset(si, 0, sizeof(*si));
	si->si_signo = sig;
	si->si_code = k->code;
	if (sig == SIGCHLD) {
		si->chld.pid = k->pid;
		si->chld.uid = k->uid;
		si->chld.status = k->status;
		si->chld.utime = k->utime;
		si->chld.stime = k->stime;
	} else if (k->code > 0 && k->code < SI_KERNEL) {
		si->fault.addr = k->addr;	/* a fault's address */
	} else {
		si->kill.pid = k->pid;
		si->kill.uid = k->uid;
		si->kill.value = k->addr;
	}
}

/* Run @sig's handler: build its frame, mask what it asks. */
static void run_handler(struct trapframe *tf, int sig,
			const struct ksiginfo *info)
{
	struct task *t = current;
	struct k_sigaction ka;
	struct siginfo si;
	uint64_t old;
	unsigned long sp = arch_tf_sp(tf), flags;
	stack_t *ss = &t->user->altstack;

	flags = spin_lock_irqsave(&proc_lock);
	ka = t->proc->sighand->action[sig - 1];
	if (ka.flags & SA_RESETHAND)
		t->proc->sighand->action[sig - 1].handler = SIG_DFL;
	old = t->user->restore_mask ? t->user->saved_mask : t->user->blocked;
	t->user->restore_mask = false;
	t->user->blocked |= ka.mask |
			    (ka.flags & SA_NODEFER ? 0 : SIGBIT(sig));
	t->user->blocked &= ~UNBLOCKABLE;
	recalc_pending(t);
	spin_unlock_irqrestore(&proc_lock, flags);

	restart_for_handler(tf, &ka);
	if ((ka.flags & SA_ONSTACK) && !(ss->ss_flags & SS_DISABLE) &&
	    !(sp > ss->ss_sp && sp - ss->ss_sp <= ss->ss_size)) {
		sp = ss->ss_sp + ss->ss_size;
		if (ss->ss_flags & SS_AUTODISARM)
			ss->ss_flags = SS_DISABLE;
	}
	to_siginfo(&si, sig, info);
	if (arch_setup_sigframe(tf, sig, &ka, &si, old, sp)) {
		printk(KERN_INFO "ferrite: pid %d (%s): cannot build the "
		       "frame of signal %d at sp %#lx; killed\n",
		       t->proc->pid, t->proc->comm, sig, sp);
		process_exit(SIGSEGV, true);
	}
}

/* The default action of @sig. Returns false to go on delivering. */
static void default_action(struct trapframe *tf, int sig,
			   const struct ksiginfo *info, unsigned long flags)
{
	struct process *p = current->proc;

	if (SIGBIT(sig) & STOP_SIGNALS) {
		/* POSIX: the terminal's stop signals do not stop an
		 * orphaned group, which nobody could continue. */
		if (sig != SIGSTOP && pgrp_is_orphaned(p->pgid)) {
			spin_unlock_irqrestore(&proc_lock, flags);
			return;
		}
		p->stop_signal = sig;
		p->stop_report = true;
		if (p->parent)
			notify_parent(p, CLD_STOPPED, sig);
		signal_wake(p, NULL, SIGKILL);	/* all threads stop */
		spin_unlock_irqrestore(&proc_lock, flags);
		do_stop(p);
		return;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	process_exit(sig, true);
}

static void do_signal(struct trapframe *tf)
{
	struct task *t = current;
	struct process *p = t->proc;
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct ksiginfo info;
	unsigned long handler;
	int sig;

	if (p->group_exit) {
		spin_unlock_irqrestore(&proc_lock, flags);
		process_exit(p->exit_status, true);
	}
	if (p->exec_task && p->exec_task != t) {
		/* Another thread execs: this one ends quietly. */
		spin_unlock_irqrestore(&proc_lock, flags);
		process_exit(0, false);
	}
	if (p->stop_signal) {
		spin_unlock_irqrestore(&proc_lock, flags);
		do_stop(p);
		return;
	}
	sig = signal_take(t, ~t->user->blocked, &info);
	if (!sig) {
		if (t->user->restore_mask) {
			t->user->blocked = t->user->saved_mask;
			t->user->restore_mask = false;
		}
		recalc_pending(t);
		spin_unlock_irqrestore(&proc_lock, flags);
		restart_without_handler(tf);
		return;
	}
	handler = p->sighand->action[sig - 1].handler;
	if (handler == SIG_IGN ||
	    (handler == SIG_DFL && ((SIGBIT(sig) & IGNORED_BY_DEFAULT) ||
				    (p->pid == 1 && !info.forced)))) {
		/* init ignores what it has no handler for, but faults. */
		spin_unlock_irqrestore(&proc_lock, flags);
		return;
	}
	if (handler == SIG_DFL) {
		default_action(tf, sig, &info, flags);
		return;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	run_handler(tf, sig, &info);
}

void user_return_work(struct trapframe *tf)
{
	struct task *t = current;

	for (;;) {
		arch_irq_disable();
		if (sched_need_resched()) {
			arch_irq_enable();
			schedule();
			continue;
		}
		if (!t->user || !READ_ONCE(t->sigpending))
			return;
		arch_irq_enable();
		do_signal(tf);
	}
}

void force_fault_signal(int sig, int code, unsigned long addr)
{
	struct task *t = current;
	struct k_sigaction *ka;
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	ka = &t->proc->sighand->action[sig - 1];
	/* A fault cannot be blocked or ignored: that would loop forever. */
	if ((t->user->blocked & SIGBIT(sig)) || ka->handler == SIG_IGN) {
		ka->handler = SIG_DFL;
		t->user->blocked &= ~SIGBIT(sig);
	}
	t->user->pending |= SIGBIT(sig);
	t->user->info[sig - 1] = (struct ksiginfo){ .code = code,
						    .addr = addr,
						    .forced = true };
	recalc_pending(t);
	spin_unlock_irqrestore(&proc_lock, flags);
}

bool signal_handled(int sig)
{
	return current->proc->sighand->action[sig - 1].handler > SIG_IGN;
}
