/*
 * Making processes and threads: clone with the flags fork, vfork and
 * musl's pthread_create use, fork and vfork on top of it. A new thread
 * gets a kernel stack whose top holds a copy of the caller's user
 * registers (the child sees 0 from the call) and starts in
 * user_thread_start(), which leaves for user mode through them.
 */
#include <arch.h>
#include <completion.h>
#include <errno.h>
#include <file.h>
#include <mman.h>
#include <printk.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>
#include <arch/trapframe.h>
#include <lib/string.h>
#include "process_internal.h"

#define CSIGNAL			0x000000ff
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000
#define CLONE_IO		0x80000000

/* The flags Ferrite implements (namespaces and ptrace are missing). */
#define CLONE_SUPPORTED	(CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | \
			 CLONE_SIGHAND | CLONE_VFORK | CLONE_PARENT | \
			 CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | \
			 CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | \
			 CLONE_DETACHED | CLONE_UNTRACED | \
			 CLONE_CHILD_SETTID | CLONE_IO)

void user_thread_start(void *arg)
{
	struct task *t = current;

	arch_irq_disable();
	if (t->user->set_child_tid) {
		arch_irq_enable();
		put_user(t->pid, (int *)t->user->set_child_tid);
		t->user->set_child_tid = 0;
		arch_irq_disable();
	}
	arch_return_to_user(current_user_tf());
}

int task_user_init(struct task *t, const struct task_user *copy)
{
	if (task_enable_fpu(t))
		return -ENOMEM;
	t->user = kzalloc(sizeof(*t->user), GFP_KERNEL);
	if (!t->user)
		return -ENOMEM;
	INIT_LIST_HEAD(&t->user->rtq);
	if (copy) {
		t->user->blocked = copy->blocked;
		t->user->fs_base = copy->fs_base;
		t->user->gs_base = copy->gs_base;
		t->user->altstack = copy->altstack;
	} else {
		t->user->altstack.ss_flags = SS_DISABLE;
	}
	return 0;
}

static void task_user_undo(struct task *t)
{
	kfree(t->user);
	t->user = NULL;
	if (t->files)
		fdtable_put(t->files);
	fs_struct_put(t->fs);
	if (t->mm)
		mm_put(t->mm);
	task_free(t);
}

/* A new process for @t, a child of the caller's (or its parent's). */
static struct process *new_process(struct task *t, unsigned long flags)
{
	struct process *self = current->proc, *p = process_alloc();

	if (!p)
		return NULL;
	p->sighand = sighand_alloc(self->sighand);
	if (!p->sighand) {
		kfree(p);
		return NULL;
	}
	p->pid = t->pid;
	p->pgid = self->pgid;
	p->tty = self->tty;
	p->sid = self->sid;
	p->exit_signal = flags & CSIGNAL;
	p->umask = self->umask;
	memcpy(p->rlim, self->rlim, sizeof(p->rlim));
	p->cred = self->cred;
	memcpy(p->comm, self->comm, sizeof(p->comm));
	p->exe = self->exe;
	if (p->exe.dentry)
		path_get(&p->exe);
	p->leader = t;
	return p;
}

/* Link @t into @p (and @p into the tree if new). [proc_lock] */
static void link_task(struct task *t, struct process *p, bool new,
		      unsigned long flags)
{
	if (new) {
		struct process *self = current->proc;

		p->parent = (flags & CLONE_PARENT) && self->parent ?
			    self->parent : self;
		list_add_tail(&p->sibling, &p->parent->children);
		list_add_tail(&p->all_node, &all_processes);
	}
	t->proc = p;
	list_add_tail(&t->thread_node, &p->threads);
	p->nr_threads++;
}

static long check_clone_flags(unsigned long flags)
{
	if (flags & ~CLONE_SUPPORTED)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	return 0;
}

/* The memory, files and registers of the new thread @t. */
static int copy_context(struct task *t, unsigned long flags,
			unsigned long newsp, unsigned long tls)
{
	struct trapframe *tf;

	if (task_user_init(t, current->user))
		return -ENOMEM;
	/* The caller's live FPU registers become the child's. */
	arch_fpu_save(current->fpu);
	memcpy(t->fpu, current->fpu, arch_fpu_state_size());
	if (flags & CLONE_VM) {
		mm_get(current->mm);
		t->mm = current->mm;
		if (!(flags & CLONE_VFORK))
			t->user->altstack.ss_flags = SS_DISABLE;
	} else {
		t->mm = mm_dup(current->mm);
		if (!t->mm)
			return -ENOMEM;
	}
	if (flags & CLONE_FS) {
		__atomic_add_fetch(&current->fs->refs, 1, __ATOMIC_RELAXED);
		t->fs = current->fs;
	} else {
		t->fs = fs_struct_copy(current->fs);
		if (!t->fs)
			return -ENOMEM;
	}
	if (flags & CLONE_FILES) {
		__atomic_add_fetch(&current->files->refs, 1, __ATOMIC_RELAXED);
		t->files = current->files;
	} else {
		t->files = fdtable_dup(current->files);
		if (!t->files)
			return -ENOMEM;
	}
	if (flags & CLONE_SETTLS)
		t->user->fs_base = tls;
	tf = arch_user_tf((char *)t->kstack + KSTACK_SIZE);
	memcpy(tf, current_user_tf(), sizeof(*tf));
	arch_tf_set_return(tf, 0);
	if (newsp)
		arch_tf_set_sp(tf, newsp);
	return 0;
}

static long do_clone(unsigned long flags, unsigned long newsp,
		     int *parent_tid, int *child_tid, unsigned long tls)
{
	struct process *p;
	struct completion vfork_done;
	unsigned long irq;
	struct task *t;
	long err = check_clone_flags(flags);
	int tid;

	if (err)
		return err;
	reap_dead_tasks();
	t = task_alloc(user_thread_start, NULL, current->name);
	if (!t)
		return -ENOMEM;
	err = copy_context(t, flags, newsp, tls);
	if (err) {
		task_user_undo(t);
		return err;
	}
	if (flags & CLONE_CHILD_SETTID)
		t->user->set_child_tid = (unsigned long)child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		t->user->clear_child_tid = (unsigned long)child_tid;
	if (flags & CLONE_THREAD) {
		p = current->proc;
	} else if (!(p = new_process(t, flags))) {
		task_user_undo(t);
		return -ENOMEM;
	}
	if (flags & CLONE_VFORK) {
		completion_init(&vfork_done);
		t->user->vfork_done = &vfork_done;
	}
	tid = t->pid;
	if ((flags & CLONE_PARENT_SETTID) && put_user(tid, parent_tid)) {
		/* Linux ignores this fault too; the child exists. */
	}
	irq = spin_lock_irqsave(&proc_lock);
	link_task(t, p, !(flags & CLONE_THREAD), flags);
	spin_unlock_irqrestore(&proc_lock, irq);
	task_start(t);
	if (flags & CLONE_VFORK)
		wait_for_completion(&vfork_done);
	return tid;
}

void vfork_release(struct task *t)
{
	struct completion *done = t->user->vfork_done;

	t->user->vfork_done = NULL;
	complete(done);
}

SYSCALL_DEFINE5(clone, unsigned long, flags, unsigned long, newsp,
		int *, parent_tid, int *, child_tid, unsigned long, tls)
{
	return do_clone(flags, newsp, parent_tid, child_tid, tls);
}

SYSCALL_DEFINE0(fork)
{
	return do_clone(SIGCHLD, 0, NULL, NULL, 0);
}

SYSCALL_DEFINE0(vfork)
{
	return do_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, NULL, NULL, 0);
}
