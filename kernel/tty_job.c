/*
 * Job control on terminals: controlling terminals of sessions, the
 * foreground process group, SIGTTIN/SIGTTOU for background readers and
 * writers, the hangup when a session leader exits, and orphaned process
 * groups (POSIX "General Terminal Interface", 11.1.2-11.1.4). The tty
 * fields here (session, pgrp) and process->tty are under proc_lock, with
 * the rest of the process tree.
 */
#include <errno.h>
#include <file.h>
#include <process.h>
#include <sched.h>
#include <uaccess.h>
#include "process_internal.h"
#include "tty_internal.h"

/* Send @sig to every live process of group @pgid. [proc_lock] */
static void signal_pgrp_locked(int pgid, int sig)
{
	struct ksiginfo info = { .code = SI_KERNEL };
	struct process *p;

	if (pgid <= 0)
		return;
	list_for_each_entry(p, &all_processes, all_node)
		if (p->pgid == pgid && p->state == PROC_ALIVE)
			signal_send_locked(p, NULL, sig, &info);
}

void tty_signal_pgrp(struct tty *tty, int sig)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	signal_pgrp_locked(tty->pgrp, sig);
	spin_unlock_irqrestore(&proc_lock, flags);
}

/*
 * Is group @pgid orphaned: does no member have a parent in another group
 * of the same session (one that could bring it back by job control)?
 * An empty group counts as orphaned. [proc_lock]
 */
bool pgrp_is_orphaned(int pgid)
{
	struct process *p, *parent;

	list_for_each_entry(p, &all_processes, all_node) {
		if (p->pgid != pgid || p->state != PROC_ALIVE)
			continue;
		parent = p->parent;
		if (parent && parent->state == PROC_ALIVE &&
		    parent->pgid != pgid && parent->sid == p->sid)
			return false;
	}
	return true;
}

static bool signal_blocked_or_ignored(int sig)
{
	struct process *p = current->proc;

	return (current->user->blocked & SIGBIT(sig)) ||
	       p->sighand->action[sig - 1].handler == SIG_IGN;
}

/*
 * A background process touches its terminal: stop its group with @sig,
 * unless it ignores or blocks @sig (@pass_if_ignored: go on, else -EIO)
 * or the group is orphaned (-EIO: nobody would continue it).
 */
static int job_check(struct tty *tty, int sig, bool pass_if_ignored)
{
	struct process *p = current->proc;
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	int r = 0;

	if (p->tty != tty || !tty->pgrp || p->pgid == tty->pgrp)
		goto out;
	if (signal_blocked_or_ignored(sig)) {
		r = pass_if_ignored ? 0 : -EIO;
		goto out;
	}
	if (pgrp_is_orphaned(p->pgid)) {
		r = -EIO;
		goto out;
	}
	signal_pgrp_locked(p->pgid, sig);
	r = -ERESTARTSYS;
out:
	spin_unlock_irqrestore(&proc_lock, flags);
	return r;
}

int tty_check_read(struct tty *tty)
{
	return job_check(tty, SIGTTIN, false);
}

int tty_check_write(struct tty *tty, bool always)
{
	if (!always && !(READ_ONCE(tty->termios.c_lflag) & TOSTOP))
		return 0;
	return job_check(tty, SIGTTOU, true);
}

/* Make @tty the controlling terminal of the caller's session. [tree] */
static void set_ctty(struct tty *tty, struct process *leader)
{
	struct process *p;

	tty->session = leader->sid;
	tty->pgrp = leader->pgid;
	list_for_each_entry(p, &all_processes, all_node)
		if (p->sid == leader->sid && p->state == PROC_ALIVE)
			p->tty = tty;
}

void tty_open_ctty(struct tty *tty)
{
	struct process *p = current->proc;
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	if (p->sid == p->pid && !p->tty && !tty->session)
		set_ctty(tty, p);
	spin_unlock_irqrestore(&proc_lock, flags);
}

/*
 * The terminal leaves session @sid (its leader exits or gives it up):
 * the foreground group gets SIGHUP and SIGCONT, and nobody in the
 * session has a terminal any more. [proc_lock]
 */
static void disassociate(struct tty *tty)
{
	struct process *p;
	int sid = tty->session;

	signal_pgrp_locked(tty->pgrp, SIGHUP);
	signal_pgrp_locked(tty->pgrp, SIGCONT);
	tty->session = 0;
	tty->pgrp = 0;
	list_for_each_entry(p, &all_processes, all_node)
		if (p->sid == sid)
			p->tty = NULL;
}

/* TIOCSCTTY: @steal (root only) takes it from another session. */
static long ioctl_sctty(struct tty *tty, unsigned long steal)
{
	struct process *p = current->proc;
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	long r = 0;

	if (p->tty == tty)
		goto out;
	if (p->sid != p->pid || p->tty) {
		r = -EPERM;
		goto out;
	}
	if (tty->session) {
		if (steal != 1 || !cred_is_root(&p->cred)) {
			r = -EPERM;
			goto out;
		}
		disassociate(tty);
	}
	set_ctty(tty, p);
out:
	spin_unlock_irqrestore(&proc_lock, flags);
	return r;
}

static long ioctl_notty(struct tty *tty)
{
	struct process *p = current->proc;
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	long r = 0;

	if (p->tty != tty)
		r = -ENOTTY;
	else if (p->sid == p->pid)
		disassociate(tty);
	else
		p->tty = NULL;
	spin_unlock_irqrestore(&proc_lock, flags);
	return r;
}

/* Does a live process of group @pgid belong to session @sid? [tree] */
static bool pgrp_in_session_locked(int pgid, int sid)
{
	struct process *p;

	list_for_each_entry(p, &all_processes, all_node)
		if (p->pgid == pgid && p->sid == sid &&
		    p->state == PROC_ALIVE)
			return true;
	return false;
}

static long ioctl_spgrp(struct tty *tty, const int *upgid)
{
	struct process *p = current->proc;
	unsigned long flags;
	int pgid, err;
	long r = 0;

	if (get_user(pgid, upgid))
		return -EFAULT;
	err = tty_check_write(tty, true);
	if (err)
		return err;
	flags = spin_lock_irqsave(&proc_lock);
	if (p->tty != tty || tty->session != p->sid)
		r = -ENOTTY;
	else if (pgid < 0)
		r = -EINVAL;
	else if (!pgrp_in_session_locked(pgid, p->sid))
		r = -EPERM;
	else
		tty->pgrp = pgid;
	spin_unlock_irqrestore(&proc_lock, flags);
	return r;
}

/* TIOCGPGRP / TIOCGSID: only on the caller's controlling terminal. */
static long ioctl_get(struct tty *tty, unsigned int cmd, int *uout)
{
	struct process *p = current->proc;
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	int v = -1;

	if (p->tty == tty && tty->session)
		v = cmd == TIOCGPGRP ? tty->pgrp : tty->session;
	spin_unlock_irqrestore(&proc_lock, flags);
	if (v < 0)
		return -ENOTTY;
	return put_user(v, uout) ? -EFAULT : 0;
}

long tty_job_ioctl(struct tty *tty, struct file *f, unsigned int cmd,
		   unsigned long arg)
{
	switch (cmd) {
	case TIOCSCTTY:
		return ioctl_sctty(tty, arg);
	case TIOCNOTTY:
		return ioctl_notty(tty);
	case TIOCGPGRP:
	case TIOCGSID:
		return ioctl_get(tty, cmd, (int *)arg);
	case TIOCSPGRP:
		return ioctl_spgrp(tty, (const int *)arg);
	}
	return -ENOIOCTLCMD;
}

/*
 * Process @p is exiting (its state is PROC_ZOMBIE, its children given to
 * init). A session leader takes its terminal with it; and POSIX wants
 * every process group this orphans that has a stopped member to get
 * SIGHUP then SIGCONT. Rather than track which groups @p's exit orphaned,
 * look at each stopped process's group: stopped processes are few.
 * [proc_lock]
 */
void tty_process_exit(struct process *p)
{
	struct process *q;

	if (p->sid == p->pid && p->tty && p->tty->session == p->sid)
		disassociate(p->tty);
	p->tty = NULL;
	list_for_each_entry(q, &all_processes, all_node) {
		if (q->state != PROC_ALIVE || !q->stop_signal)
			continue;
		if (pgrp_is_orphaned(q->pgid)) {
			signal_pgrp_locked(q->pgid, SIGHUP);
			signal_pgrp_locked(q->pgid, SIGCONT);
		}
	}
}

dev_t tty_devnum(struct tty *tty)
{
	return tty->dev;
}

int tty_fg_pgrp(struct tty *tty)
{
	return tty->pgrp;
}

/* setsid(): the new session starts without a terminal. [proc_lock] */
void tty_setsid(struct process *p)
{
	p->tty = NULL;
}
