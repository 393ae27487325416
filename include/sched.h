/*
 * Tasks and the scheduler (kernel/sched.c, kernel/kthread.c): every
 * thread of control is a struct task with its own kernel stack from
 * vmalloc; runnable tasks wait on a per-CPU runqueue ordered by virtual
 * runtime (a red-black tree), the leftmost runs next. User processes (the
 * user-space issue) are tasks with an address space; the fields they will
 * need have their place here already.
 */
#ifndef SCHED_H
#define SCHED_H

#include "compiler.h"
#include "spinlock.h"
#include "types.h"
#include "wait.h"
#include "lib/list.h"
#include "lib/rbtree.h"

#define TASK_NAME_LEN		16
#define KSTACK_SIZE		(16 * 1024)
#define NICE_MIN		(-20)
#define NICE_MAX		19

enum task_state {
	TASK_RUNNING,		/* on a runqueue or on the CPU */
	TASK_SLEEPING,		/* waiting for a wake-up, not signals */
	TASK_INTERRUPTIBLE,	/* waiting; signals (later) wake it too */
	TASK_ZOMBIE,		/* exited, not yet reaped */
};

/*
 * Lock legend: [rq] fields belong to the runqueue and change under
 * rq->lock; [tree] under tasks_lock (the parent/child tree); [own] only
 * the task itself writes them; [once] set at creation.
 */
struct task {
	unsigned long sp;		/* [rq] saved stack pointer */
	void *kstack;			/* [once] vmalloc'd, KSTACK_SIZE */
	int pid;			/* [once] */
	char name[TASK_NAME_LEN];	/* [once] */
	enum task_state state;		/* [rq] */
	int exit_code;			/* [tree] valid when TASK_ZOMBIE */

	/* The fair scheduler. */
	struct rb_node run_node;	/* [rq] in rq->tasks when queued */
	bool on_rq;			/* [rq] */
	uint64_t vruntime;		/* [rq] weighted ns of CPU time */
	int nice;			/* [rq] */
	unsigned long weight;		/* [rq] from the nice level */
	uint64_t exec_start;		/* [rq] ns when last charged */
	uint64_t slice_start;		/* [rq] ns when it last got the CPU */
	uint64_t sum_exec;		/* [rq] ns on the CPU in all */
	uint64_t utime, stime;		/* [rq] ticks seen in user, system mode */
	uint64_t prev_utime, prev_stime; /* the split last reported */

	/* Signals (the user-space issue delivers them; here, the flag that
	 * ends interruptible waits). */
	bool sigpending;		/* [own] written by task_interrupt too */

	/* Sleeping. */
	uint64_t wake_at;		/* [rq] ns deadline, 0: none */
	struct rb_node timer_node;	/* [rq] in rq->sleepers, by wake_at */

	/* The process tree. */
	struct task *parent;		/* [tree] */
	struct list_head children;	/* [tree] */
	struct list_head sibling;	/* [tree] in parent->children */
	struct wait_queue child_exit;	/* the task waits here for children */
	void (*entry)(void *);		/* [once] what the thread runs */
	void *entry_arg;		/* [once] */

	/* FPU/SSE/AVX registers, for tasks that use them (user tasks). */
	void *fpu;			/* [own] NULL: none */

	/* User threads (include/process.h); all NULL for kernel threads. */
	struct mm *mm;			/* [own] address space */
	struct process *proc;		/* [tree] its thread group */
	struct task_user *user;		/* [own] signals, TLS, ... */
	struct fdtable *files;		/* [own] descriptors */
	struct fs_struct *fs;		/* [own] root, cwd, umask */
	struct list_head thread_node;	/* [tree] in proc->threads */
	void *cred;			/* users and permissions (later) */
};

/* The task running on this CPU. */
struct task *current_task(void);
#define current current_task()

/* The boot context becomes the idle task; @first runs. */
__noreturn void sched_start(struct task *first);
/* Queue a newly created task (kernel/kthread.c). */
void sched_add_new(struct task *t);
/* Called from the timer interrupt: accounting, wake-ups, preemption. */
void sched_tick(void);
/* The one-shot timer fired: wake the sleepers that are due. */
void sched_timer_event(void);
/* On the way out of an interrupt: switch if a reschedule is due. */
void sched_preempt_irq(void);

void schedule(void);
void sched_yield(void);
/* Make a sleeping task runnable; returns false if it was not asleep. */
bool wake_up_task(struct task *t);
/*
 * Mark a signal pending for @t and end an interruptible wait it is in
 * (its wait_event_interruptible returns -EINTR). The user-space issue's
 * signal delivery calls this.
 */
void task_interrupt(struct task *t);
/* Sleep at least @ns nanoseconds on the TSC clock. */
void sleep_ns(uint64_t ns);
/*
 * schedule(), and be woken at @deadline (ns on the TSC clock) at the
 * latest. The caller has set its state (a woken task just returns).
 */
void schedule_until(uint64_t deadline);
int task_set_nice(struct task *t, int nice);
unsigned long nice_to_weight(int nice);
/* Weighted runtime: @delta ns at @weight, in nice-0 ns. */
uint64_t vruntime_delta(uint64_t delta, unsigned long weight);
/*
 * Load average (/proc/loadavg later): fixed point with LOAD_FSHIFT bits,
 * over 1, 5 and 15 minutes, updated every 5 seconds.
 */
#define LOAD_FSHIFT	11
#define LOAD_FIXED_1	(1UL << LOAD_FSHIFT)
#define LOAD_EXP_1	1884	/* 2048 / e^(5 s / 1 min) */
#define LOAD_EXP_5	2014	/* 2048 / e^(5 s / 5 min) */
#define LOAD_EXP_15	2037	/* 2048 / e^(5 s / 15 min) */
unsigned long calc_load(unsigned long load, unsigned long exp,
			unsigned long active);
void sched_loadavg(unsigned long avg[3]);

/* Context switches so far, and the time the CPU idled (/proc/stat). */
uint64_t sched_switches(void);
uint64_t sched_idle_ns(void);
/* The last pid handed out (/proc/loadavg, /proc/stat's processes). */
int last_pid(void);

/* Kernel threads (kernel/kthread.c). */
struct task *kthread_create(void (*fn)(void *), void *arg, const char *name);
/* A task that is not yet anyone's child (fork, clone); not yet queued. */
struct task *task_alloc(void (*fn)(void *), void *arg, const char *name);
/* Queue a task made by task_alloc() (wake_up_new). */
void task_start(struct task *t);
/* Free a task that has exited for good (its pid, stack and struct). */
void task_free(struct task *t);
/* Switch to the zombie state and away, for good (process exit). */
__noreturn void task_exit_final(void);
/* Charge the tick to current's user or system time (samples). */
void sched_account_tick(bool user);
/* @t's CPU time split into user and system ns. */
void task_times(struct task *t, uint64_t *user, uint64_t *sys);
/* CPU time @t has used, in ns (to now, when it is running). */
uint64_t task_cputime(struct task *t);
/* Whether a reschedule is due (tick preemption) on this CPU. */
bool sched_need_resched(void);
__noreturn void kthread_exit(int code);
/* Wait for @t (a child of the caller) to exit, reap it; its exit code. */
int kthread_wait(struct task *t);
/*
 * Wait for any child of the caller to exit (children it will get by
 * adoption included), reap it; returns its pid and stores its code.
 */
int kthread_reap_child(int *code);
/* @t's parent, read under the tree lock (for tests). */
struct task *task_parent(const struct task *t);

/*
 * Give @t (not yet running) its own FPU/SSE state, saved and restored at
 * every switch. User tasks get one; kernel threads only if they ask.
 */
int task_enable_fpu(struct task *t);

/* Counters for tests: tasks that exist, and all ever created. */
unsigned long nr_tasks(void);

#endif
