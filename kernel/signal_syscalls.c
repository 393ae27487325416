/*
 * The signal system calls: rt_sigaction, rt_sigprocmask, rt_sigpending,
 * rt_sigsuspend, rt_sigtimedwait, rt_sigreturn, sigaltstack, pause, kill,
 * tkill and tgkill. Delivery itself is kernel/signal.c.
 */
#include <arch.h>
#include <errno.h>
#include <process.h>
#include <sched.h>
#include <syscall.h>
#include <time.h>
#include <uaccess.h>
#include <lib/string.h>
#include "process_internal.h"

#define UNBLOCKABLE	(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define SIGSET_SIZE	8

static DEFINE_WAIT_QUEUE(never_woken);


SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct k_sigaction *, uact,
		struct k_sigaction *, uold, size_t, size)
{
	struct sighand *sh = current->proc->sighand;
	struct k_sigaction act, old;
	unsigned long flags;

	if (size != SIGSET_SIZE || sig < 1 || sig > NSIG)
		return -EINVAL;
	if (uact && copy_from_user(&act, uact, sizeof(act)))
		return -EFAULT;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	flags = spin_lock_irqsave(&proc_lock);
	old = sh->action[sig - 1];
	if (uact) {
		act.mask &= ~UNBLOCKABLE;
		sh->action[sig - 1] = act;
		/* Ignoring a signal discards it where it is pending. */
		if (act.handler == SIG_IGN ||
		    (act.handler == SIG_DFL &&
		     (sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH))) {
			struct process *p = current->proc;
			struct task *t;

			p->pending &= ~SIGBIT(sig);
			rtq_drop(&p->rtq, sig);
			list_for_each_entry(t, &p->threads, thread_node) {
				t->user->pending &= ~SIGBIT(sig);
				rtq_drop(&t->user->rtq, sig);
			}
		}
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const uint64_t *, uset,
		uint64_t *, uold, size_t, size)
{
	struct task_user *u = current->user;
	uint64_t set, old = u->blocked;

	if (size != SIGSET_SIZE)
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		set &= ~UNBLOCKABLE;
		switch (how) {
		case SIG_BLOCK:
			u->blocked |= set;
			break;
		case SIG_UNBLOCK:
			u->blocked &= ~set;
			break;
		case SIG_SETMASK:
			u->blocked = set;
			break;
		default:
			return -EINVAL;
		}
		recalc_sigpending();
	}
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, uint64_t *, uset, size_t, size)
{
	unsigned long flags;
	uint64_t set;

	if (size > SIGSET_SIZE)
		return -EINVAL;
	flags = spin_lock_irqsave(&proc_lock);
	set = (current->user->pending | current->proc->pending) &
	      current->user->blocked;
	spin_unlock_irqrestore(&proc_lock, flags);
	return copy_to_user(uset, &set, size) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(rt_sigsuspend, const uint64_t *, uset, size_t, size)
{
	struct task_user *u = current->user;
	uint64_t set;

	if (size != SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	u->saved_mask = u->blocked;
	u->restore_mask = true;
	u->blocked = set & ~UNBLOCKABLE;
	recalc_sigpending();
	wait_event_interruptible(&never_woken, false);
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE0(pause)
{
	wait_event_interruptible(&never_woken, false);
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE4(rt_sigtimedwait, const uint64_t *, uset,
		struct siginfo *, uinfo, const struct timespec_k *, uts,
		size_t, size)
{
	struct task_user *u = current->user;
	struct timespec_k ts;
	struct ksiginfo k;
	uint64_t set, deadline = 0, saved;
	unsigned long flags;
	int sig, err;

	if (size != SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	set &= ~UNBLOCKABLE;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 ||
		    ts.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = ktime_get_ns() + ts.tv_sec * 1000000000ULL +
			   ts.tv_nsec;
		if (!deadline)
			deadline = 1;
	}
	flags = spin_lock_irqsave(&proc_lock);
	sig = signal_take(current, set, &k);
	if (!sig) {
		/* Wait with the set unblocked, so that it wakes us. */
		saved = u->blocked;
		u->blocked &= ~set;
		spin_unlock_irqrestore(&proc_lock, flags);
		err = wait_event_interruptible_deadline(&never_woken,
				false, (uts && !ts.tv_sec && !ts.tv_nsec) ?
				ktime_get_ns() : deadline);
		flags = spin_lock_irqsave(&proc_lock);
		u->blocked = saved;
		sig = signal_take(current, set, &k);
		spin_unlock_irqrestore(&proc_lock, flags);
		recalc_sigpending();
		if (!sig)
			return err == -ETIMEDOUT ? -EAGAIN : -EINTR;
	} else {
		spin_unlock_irqrestore(&proc_lock, flags);
		recalc_sigpending();
	}
	if (uinfo) {
		struct siginfo si;

		memset(&si, 0, sizeof(si));
		si.si_signo = sig;
		si.si_code = k.code;
		si.kill.pid = k.pid;
		si.kill.uid = k.uid;
		if (sig == SIGCHLD)
			si.chld.status = k.status;
		else if (k.code > 0 && k.code < SI_KERNEL)
			si.fault.addr = k.addr;
		if (copy_to_user(uinfo, &si, sizeof(si)))
			return -EFAULT;
	}
	return sig;
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct trapframe *tf = current_user_tf();
	uint64_t mask;
	stack_t ss;

	if (arch_restore_sigframe(tf, &mask, &ss)) {
		force_fault_signal(SIGSEGV, SI_KERNEL, 0);
		return 0;
	}
	current->user->blocked = mask & ~UNBLOCKABLE;
	if (!(current->user->altstack.ss_flags & SS_ONSTACK))
		current->user->altstack.ss_flags =
			(current->user->altstack.ss_flags & SS_DISABLE) |
			(ss.ss_flags & SS_AUTODISARM);
	recalc_sigpending();
	return arch_tf_return_value(tf);
}

/* Is @sp on the alternate stack @ss? */
static bool on_altstack(const stack_t *ss, unsigned long sp)
{
	return !(ss->ss_flags & SS_DISABLE) && sp > ss->ss_sp &&
	       sp - ss->ss_sp <= ss->ss_size;
}

SYSCALL_DEFINE2(sigaltstack, const stack_t *, uss, stack_t *, uold)
{
	stack_t *cur = &current->user->altstack, ss, old = *cur;
	bool on = on_altstack(cur, arch_tf_sp(current_user_tf()));

	old.ss_flags = on ? SS_ONSTACK : (cur->ss_flags & ~SS_ONSTACK);
	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (on)
			return -EPERM;
		int mode = ss.ss_flags & ~SS_AUTODISARM;

		if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			cur->ss_sp = 0;
			cur->ss_size = 0;
			cur->ss_flags = SS_DISABLE;
		} else {
			if (ss.ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			cur->ss_sp = ss.ss_sp;
			cur->ss_size = ss.ss_size;
			cur->ss_flags = ss.ss_flags & SS_AUTODISARM;
		}
	}
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* kill(): one process, a group, or everyone we may signal. */
static long kill_many(int pid, int sig, const struct ksiginfo *info)
{
	struct process *self = current->proc, *p;
	int pgid = pid == 0 ? self->pgid : -pid;
	bool found = false, denied = false;

	list_for_each_entry(p, &all_processes, all_node) {
		if (p->state != PROC_ALIVE)
			continue;
		if (pid == -1 ? (p->pid == 1 || p == self) : p->pgid != pgid)
			continue;
		if (!cred_may_signal(&self->cred, &p->cred)) {
			denied = true;
			continue;
		}
		found = true;
		if (sig)
			signal_send_locked(p, NULL, sig, info);
	}
	if (found)
		return 0;
	return denied ? -EPERM : -ESRCH;
}

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	struct ksiginfo info = { .code = SI_USER, .pid = current_pid() };
	unsigned long flags;
	struct process *p;
	long r = 0;

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	flags = spin_lock_irqsave(&proc_lock);
	if (pid > 0) {
		p = process_of_pid(pid);
		if (!p)
			r = -ESRCH;
		else if (!cred_may_signal(&current->proc->cred, &p->cred))
			r = -EPERM;
		else if (sig)	/* a zombie exists but takes no signals */
			signal_send_locked(p, NULL, sig, &info);
	} else {
		r = kill_many(pid, sig, &info);
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return r;
}

static long do_tkill(int tgid, int tid, int sig)
{
	struct ksiginfo info = { .code = SI_TKILL, .pid = current_pid() };
	unsigned long flags;
	struct task *t;
	long r = 0;

	if (tid <= 0 || sig < 0 || sig > NSIG)
		return -EINVAL;
	flags = spin_lock_irqsave(&proc_lock);
	t = task_of_tid(tid);
	if (!t || (tgid > 0 && t->proc->pid != tgid))
		r = -ESRCH;
	else if (!cred_may_signal(&current->proc->cred, &t->proc->cred))
		r = -EPERM;
	else if (sig)
		signal_send_locked(t->proc, t, sig, &info);
	spin_unlock_irqrestore(&proc_lock, flags);
	return r;
}

SYSCALL_DEFINE2(tkill, int, tid, int, sig)
{
	return do_tkill(0, tid, sig);
}

SYSCALL_DEFINE3(tgkill, int, tgid, int, tid, int, sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, tid, sig);
}

/*
 * rt_sigqueueinfo and rt_tgsigqueueinfo: the sender supplies the siginfo
 * (sigqueue's SI_QUEUE and its value). It may not pose as the kernel:
 * a positive si_code, or SI_TKILL, is refused unless sent to itself.
 */
static long queue_info(int tgid, int tid, int sig,
		       const struct siginfo *uinfo)
{
	struct siginfo si;
	struct ksiginfo k;
	unsigned long flags;
	struct process *p;
	struct task *t = NULL;
	long r = 0;

	if (sig < 1 || sig > NSIG)
		return -EINVAL;
	if (copy_from_user(&si, uinfo, sizeof(si)))
		return -EFAULT;
	if ((si.si_code >= 0 || si.si_code == SI_TKILL) &&
	    tgid != current_pid())
		return -EPERM;
	k = (struct ksiginfo){ .code = si.si_code, .pid = si.kill.pid,
			       .uid = si.kill.uid, .addr = si.kill.value };
	flags = spin_lock_irqsave(&proc_lock);
	if (tid) {
		t = task_of_tid(tid);
		p = t && t->proc->pid == tgid ? t->proc : NULL;
	} else {
		p = process_of_pid(tgid);
	}
	if (!p)
		r = -ESRCH;
	else if (!cred_may_signal(&current->proc->cred, &p->cred))
		r = -EPERM;
	else
		signal_send_locked(p, t, sig, &k);
	spin_unlock_irqrestore(&proc_lock, flags);
	return r;
}

SYSCALL_DEFINE3(rt_sigqueueinfo, int, tgid, int, sig,
		const struct siginfo *, uinfo)
{
	return queue_info(tgid, 0, sig, uinfo);
}

SYSCALL_DEFINE4(rt_tgsigqueueinfo, int, tgid, int, tid, int, sig,
		const struct siginfo *, uinfo)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	return queue_info(tgid, tid, sig, uinfo);
}
