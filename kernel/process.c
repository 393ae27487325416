/*
 * Processes: the tree of thread groups (include/process.h), their ids,
 * exit and exit_group, and the waiting for children (wait4, waitid) with
 * Linux's status encoding. Creation is kernel/fork.c, program loading
 * kernel/exec.c, signals kernel/signal.c. The threads themselves are
 * tasks of the scheduler (kernel/kthread.c, kernel/sched.c).
 */
#include <arch.h>
#include <errno.h>
#include <file.h>
#include <mman.h>
#include <panic.h>
#include <printk.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <tty.h>
#include <uaccess.h>
#include <vfs.h>
#include <lib/string.h>
#include "process_internal.h"

DEFINE_SPINLOCK(proc_lock);
LIST_HEAD(all_processes);
static struct process *init_process;

/* CPU time of every thread that exited, for /proc/stat. [proc_lock] */
uint64_t exited_utime, exited_stime;

/* Tasks that exited, freed once they are surely off the CPU. */
static LIST_HEAD(dead_tasks);

struct trapframe *current_user_tf(void)
{
	return arch_user_tf((char *)current->kstack + KSTACK_SIZE);
}

int current_pid(void)
{
	return current->proc ? current->proc->pid : 0;
}

struct process *process_of_pid(int pid)
{
	struct process *p;

	list_for_each_entry(p, &all_processes, all_node)
		if (p->pid == pid)
			return p;
	return NULL;
}

struct task *task_of_tid(int tid)
{
	struct process *p;
	struct task *t;

	list_for_each_entry(p, &all_processes, all_node)
		list_for_each_entry(t, &p->threads, thread_node)
			if (t->pid == tid)
				return t;
	return NULL;
}

void reap_dead_tasks(void)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	LIST_HEAD(list);
	struct task *t, *tmp;

	list_for_each_entry_safe(t, tmp, &dead_tasks, thread_node)
		if (t != current) {
			list_del(&t->thread_node);
			list_add_tail(&t->thread_node, &list);
		}
	spin_unlock_irqrestore(&proc_lock, flags);
	list_for_each_entry_safe(t, tmp, &list, thread_node)
		task_free(t);
}

struct process *process_alloc(void)
{
	struct process *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->threads);
	INIT_LIST_HEAD(&p->all_node);
	INIT_LIST_HEAD(&p->itimer_node);
	INIT_LIST_HEAD(&p->rtq);
	wait_queue_init(&p->child_wait);
	wait_queue_init(&p->exec_wait);
	p->state = PROC_ALIVE;
	p->exit_signal = SIGCHLD;
	p->umask = 022;
	p->start_ns = ktime_get_ns();
	return p;
}

void process_set_init(struct process *p)
{
	init_process = p;
}

/* Give @p's children to init. [proc_lock] */
static void reparent_children(struct process *p)
{
	struct process *c, *tmp;
	bool zombie = false;

	list_for_each_entry_safe(c, tmp, &p->children, sibling) {
		list_del(&c->sibling);
		c->parent = init_process;
		list_add_tail(&c->sibling, &init_process->children);
		zombie |= c->state == PROC_ZOMBIE;
	}
	if (zombie) {
		init_process->child_gen++;
		wake_up_all(&init_process->child_wait);
	}
}

/* Tell the parent about a state change of @p. [proc_lock] */
void notify_parent(struct process *p, int code, int status)
{
	struct process *parent = p->parent;
	struct ksiginfo info = {
		.code = code, .pid = p->pid, .status = status,
		.utime = p->dead_utime / 1000, .stime = p->dead_stime / 1000,
	};
	int sig = code == CLD_EXITED || code == CLD_KILLED ||
		  code == CLD_DUMPED ? p->exit_signal : SIGCHLD;

	parent->child_gen++;
	wake_up_all(&parent->child_wait);
	if (sig && !(code == CLD_STOPPED &&
		     parent->sighand->action[SIGCHLD - 1].flags &
		     SA_NOCLDSTOP))
		signal_send_locked(parent, NULL, sig, &info);
}

/* The wait status word and si_code of an exited process. */
static int exit_code_of(int status)
{
	if ((status & 0x7f) == 0)
		return CLD_EXITED;
	return status & 0x80 ? CLD_DUMPED : CLD_KILLED;
}

/*
 * Does @parent reap its children itself? A SIGCHLD set to SIG_IGN or
 * SA_NOCLDWAIT says no: its children vanish at exit. [proc_lock]
 */
static bool parent_autoreaps(const struct process *parent)
{
	const struct k_sigaction *ka = &parent->sighand->action[SIGCHLD - 1];

	return ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
}

/*
 * The last thread of @p is gone: a zombie for the parent's wait, or
 * nothing if the parent said it will not wait. Returns the process to
 * free, if it is to go now. [proc_lock]
 */
static struct process *process_zombify(struct process *p, int status)
{
	p->state = PROC_ZOMBIE;
	p->exit_status = status;
	reparent_children(p);
	tty_process_exit(p);
	notify_parent(p, exit_code_of(status),
		      (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff);
	if (p->exit_signal == SIGCHLD && parent_autoreaps(p->parent)) {
		p->parent->child_utime += p->dead_utime;
		p->parent->child_stime += p->dead_stime;
		process_free(p);
		return p;
	}
	return NULL;
}

void process_exit(int status, bool group)
{
	struct task *t = current;
	struct process *p = t->proc;
	struct task_user *u = t->user;
	struct process *gone = NULL;
	unsigned long flags;
	bool last;

	if (group)
		signal_group_exit(p, status);
	if (u->clear_child_tid) {
		put_user(0, (int *)u->clear_child_tid);
		futex_wake_addr(t->mm, u->clear_child_tid, 1);
	}
	if (u->vfork_done)
		vfork_release(t);

	flags = spin_lock_irqsave(&proc_lock);
	list_del(&t->thread_node);
	last = --p->nr_threads == 0;
	if (p->exec_task)
		wake_up_all(&p->exec_wait);
	{
		uint64_t u, s;

		task_times(t, &u, &s);
		p->dead_utime += u;
		p->dead_stime += s;
		exited_utime += u;
		exited_stime += s;
	}
	if (p->group_exit)
		status = p->exit_status;
	spin_unlock_irqrestore(&proc_lock, flags);

	if (last && p == init_process)
		panic("Attempted to kill init! exit code 0x%08x", status);
	if (last)
		itimer_cancel(p);
	p->maxrss = MAX(p->maxrss, t->mm->rss_peak * (PAGE_SIZE / 1024));
	{
		/*
		 * Forget the mm before unloading it: a switch back to this
		 * task would load t->mm again, and the last mm_put frees it.
		 */
		struct mm *mm = t->mm;

		t->mm = NULL;
		barrier();
		mm_activate(NULL);
		mm_put(mm);
	}
	fdtable_put(t->files);
	t->files = NULL;
	fs_struct_put(t->fs);
	t->fs = NULL;

	flags = spin_lock_irqsave(&proc_lock);
	if (last)
		gone = process_zombify(p, status);
	list_add_tail(&t->thread_node, &dead_tasks);
	t->proc = NULL;
	rtq_drop(&u->rtq, 0);
	kfree(t->user);
	t->user = NULL;
	/* Interrupts stay off until the switch away (task_exit_final). */
	spin_unlock(&proc_lock);
	(void)flags;
	if (gone)
		process_release(gone);
	task_exit_final();
}

int exec_become_single_thread(void)
{
	struct task *t = current;
	struct process *p = t->proc;
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct task *other;

	if (p->nr_threads > 1) {
		if (p->exec_task || p->group_exit) {
			/* Another thread execs or the process dies: yield. */
			spin_unlock_irqrestore(&proc_lock, flags);
			return -EAGAIN;
		}
		p->exec_task = t;
		list_for_each_entry(other, &p->threads, thread_node)
			if (other != t)
				task_interrupt(other);
		spin_unlock_irqrestore(&proc_lock, flags);
		wait_event(&p->exec_wait, READ_ONCE(p->nr_threads) == 1);
		flags = spin_lock_irqsave(&proc_lock);
		p->exec_task = NULL;
	}
	/* The exec'ing thread takes over the process's id (Linux's rule). */
	if (t != p->leader) {
		t->pid = p->pid;
		p->leader = t;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return 0;
}

SYSCALL_DEFINE1(exit, int, code)
{
	process_exit((code & 0xff) << 8, false);
}

SYSCALL_DEFINE1(exit_group, int, code)
{
	process_exit((code & 0xff) << 8, true);
}

/* --- ids --------------------------------------------------------------- */

SYSCALL_DEFINE0(getpid)
{
	return current->proc->pid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE0(getppid)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct process *parent = current->proc->parent;
	int pid = parent ? parent->pid : 0;

	spin_unlock_irqrestore(&proc_lock, flags);
	return pid;
}

SYSCALL_DEFINE1(set_tid_address, unsigned long, addr)
{
	current->user->clear_child_tid = addr;
	return current->pid;
}

/* Any process in group @pgid of session @sid? [proc_lock] */
static bool pgrp_in_session(int pgid, int sid)
{
	struct process *p;

	list_for_each_entry(p, &all_processes, all_node)
		if (p->pgid == pgid && p->sid == sid &&
		    p->state == PROC_ALIVE)
			return true;
	return false;
}

SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct process *self = current->proc, *p;
	unsigned long flags;
	int err = 0;

	if (pgid < 0)
		return -EINVAL;
	flags = spin_lock_irqsave(&proc_lock);
	p = pid ? process_of_pid(pid) : self;
	if (!p || (p != self && p->parent != self)) {
		err = -ESRCH;
		goto out;
	}
	if (!pgid)
		pgid = p->pid;
	if (p->sid == p->pid || (p != self && p->sid != self->sid)) {
		err = -EPERM;	/* a session leader, or another session */
		goto out;
	}
	if (pgid != p->pid && !pgrp_in_session(pgid, self->sid)) {
		err = -EPERM;
		goto out;
	}
	p->pgid = pgid;
out:
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

static long get_id_of(int pid, bool session)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct process *p = pid ? process_of_pid(pid) : current->proc;
	long r = p ? (session ? p->sid : p->pgid) : -ESRCH;

	spin_unlock_irqrestore(&proc_lock, flags);
	return r;
}

SYSCALL_DEFINE1(getpgid, int, pid)
{
	return get_id_of(pid, false);
}

SYSCALL_DEFINE0(getpgrp)
{
	return get_id_of(0, false);
}

SYSCALL_DEFINE1(getsid, int, pid)
{
	return get_id_of(pid, true);
}

SYSCALL_DEFINE0(setsid)
{
	struct process *self = current->proc, *p;
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	long r = self->pid;

	/* Not if some process group already has this number. */
	list_for_each_entry(p, &all_processes, all_node)
		if (p->pgid == self->pid)
			r = -EPERM;
	if (r > 0) {
		self->sid = self->pid;
		self->pgid = self->pid;
		tty_setsid(self);
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return r;
}
