/*
 * Waiting for children: wait4 and waitid, with Linux's status word
 * (exit code << 8, or the signal, 0x80 for a core dump; 0x7f with the
 * stop signal << 8 for a stopped child; 0xffff for a continued one).
 * Any thread of a process may wait for the process's children.
 */
#include <errno.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <lib/string.h>
#include "process_internal.h"

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define WNOWAIT		0x01000000
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

#define P_ALL		0
#define P_PID		1
#define P_PGID		2

struct rusage {
	long utime_sec, utime_usec, stime_sec, stime_usec;
	long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock,
	     oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

/* What one wait found. */
struct wait_result {
	int pid;
	int status;		/* the wait4 status word */
	int code;		/* CLD_* for waitid */
	int si_status;
	uint64_t utime, stime;	/* ns, for rusage */
	unsigned long maxrss;	/* KiB */
};

/* Does child @c match wait4's/waitid's selection? */
static bool selected(const struct process *c, int idtype, int id)
{
	switch (idtype) {
	case P_PID:
		return c->pid == id;
	case P_PGID:
		return c->pgid == id;
	default:
		return true;
	}
}

void process_free(struct process *p)
{
	list_del(&p->sibling);
	list_del(&p->all_node);
}

void process_release(struct process *p)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	rtq_drop(&p->rtq, 0);
	spin_unlock_irqrestore(&proc_lock, flags);
	if (p->exe.dentry)
		path_put(&p->exe);
	sighand_put(p->sighand);
	kfree(p);
}

/*
 * Look for a child to report. Returns 1 and fills @r when found (reaping
 * a zombie unless WNOWAIT), 0 when there are children to wait for,
 * -ECHILD when none is selected. [proc_lock]
 */
static int find_child(struct process *self, int idtype, int id,
		      int options, struct wait_result *r,
		      struct process **reaped)
{
	struct process *c;
	bool any = false;

	list_for_each_entry(c, &self->children, sibling) {
		if (!selected(c, idtype, id))
			continue;
		any = true;
		if (c->state == PROC_ZOMBIE && (options & WEXITED)) {
			r->pid = c->pid;
			r->status = c->exit_status;
			r->code = (c->exit_status & 0x7f) == 0 ? CLD_EXITED :
				  c->exit_status & 0x80 ? CLD_DUMPED :
				  CLD_KILLED;
			r->si_status = r->code == CLD_EXITED ?
				       (c->exit_status >> 8) & 0xff :
				       c->exit_status & 0x7f;
			r->utime = c->dead_utime;
			r->stime = c->dead_stime;
			r->maxrss = c->maxrss;
			if (!(options & WNOWAIT)) {
				self->child_maxrss = MAX(self->child_maxrss,
							 c->maxrss);
				self->child_utime += c->dead_utime +
						     c->child_utime;
				self->child_stime += c->dead_stime +
						     c->child_stime;
				process_free(c);
				*reaped = c;
			}
			return 1;
		}
		if (c->stop_report && c->stop_signal &&
		    (options & WSTOPPED)) {
			if (!(options & WNOWAIT))
				c->stop_report = false;
			r->pid = c->pid;
			r->status = (c->stop_signal << 8) | 0x7f;
			r->code = CLD_STOPPED;
			r->si_status = c->stop_signal;
			return 1;
		}
		if (c->cont_report && (options & WCONTINUED)) {
			if (!(options & WNOWAIT))
				c->cont_report = false;
			r->pid = c->pid;
			r->status = 0xffff;
			r->code = CLD_CONTINUED;
			r->si_status = SIGCONT;
			return 1;
		}
	}
	return any ? 0 : -ECHILD;
}

static long do_wait(int idtype, int id, int options, struct wait_result *r)
{
	struct process *self = current->proc, *reaped = NULL;

	for (;;) {
		unsigned long flags = spin_lock_irqsave(&proc_lock);
		unsigned long gen = self->child_gen;
		int found = find_child(self, idtype, id, options, r, &reaped);

		spin_unlock_irqrestore(&proc_lock, flags);
		if (reaped) {
			process_release(reaped);
			reap_dead_tasks();
		}
		if (found)
			return found < 0 ? found : r->pid;
		if (options & WNOHANG)
			return 0;
		if (wait_event_interruptible(&self->child_wait,
					     READ_ONCE(self->child_gen) != gen))
			return -ERESTARTSYS;
	}
}

static void fill_rusage(struct rusage *ru, const struct wait_result *r)
{
	uint64_t utime = r->utime, stime = r->stime;

	memset(ru, 0, sizeof(*ru));
	ru->maxrss = r->maxrss;
	ru->utime_sec = utime / 1000000000;
	ru->utime_usec = utime % 1000000000 / 1000;
	ru->stime_sec = stime / 1000000000;
	ru->stime_usec = stime % 1000000000 / 1000;
}

SYSCALL_DEFINE4(wait4, int, pid, int *, ustatus, int, options,
		struct rusage *, uru)
{
	struct wait_result r = { 0 };
	struct rusage ru;
	int idtype = P_PID, id = pid;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD |
			__WALL | __WCLONE))
		return -EINVAL;
	if (pid == -1) {
		idtype = P_ALL;
	} else if (pid == 0) {
		idtype = P_PGID;
		id = current->proc->pgid;
	} else if (pid < -1) {
		idtype = P_PGID;
		id = -pid;
	}
	ret = do_wait(idtype, id, options | WEXITED, &r);
	if (ret <= 0)
		return ret;
	if (ustatus && put_user(r.status, ustatus))
		return -EFAULT;
	if (uru) {
		fill_rusage(&ru, &r);
		if (copy_to_user(uru, &ru, sizeof(ru)))
			return -EFAULT;
	}
	return ret;
}

SYSCALL_DEFINE5(waitid, int, idtype, int, id, struct siginfo *, uinfo,
		int, options, struct rusage *, uru)
{
	struct wait_result r = { 0 };
	struct siginfo info;
	struct rusage ru;
	long ret;

	if (options & ~(WNOHANG | WEXITED | WSTOPPED | WCONTINUED | WNOWAIT |
			__WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	if (idtype != P_ALL && idtype != P_PID && idtype != P_PGID)
		return -EINVAL;
	if (idtype != P_ALL && id <= 0 && !(idtype == P_PGID && id == 0))
		return -EINVAL;
	if (idtype == P_PGID && id == 0)
		id = current->proc->pgid;
	ret = do_wait(idtype, id, options, &r);
	if (ret < 0)
		return ret;
	memset(&info, 0, sizeof(info));
	if (ret > 0) {
		info.si_signo = SIGCHLD;
		info.si_code = r.code;
		info.chld.pid = r.pid;
		info.chld.status = r.si_status;
	}
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	if (uru) {
		fill_rusage(&ru, &r);
		if (copy_to_user(uru, &ru, sizeof(ru)))
			return -EFAULT;
	}
	return 0;
}
