/*
 * User processes (kernel/process.c, kernel/exec.c, kernel/signal.c): a
 * struct process is a thread group, what Linux calls by its leader's pid;
 * each of its threads is a struct task (include/sched.h) with
 * task->proc pointing here. Kernel threads have no process.
 */
#ifndef PROCESS_H
#define PROCESS_H

#include "spinlock.h"
#include "vfs.h"
#include "types.h"
#include "wait.h"
#include "lib/list.h"
#include "uapi/signal.h"

struct task;
struct trapframe;

/* The bit of signal @sig in a 64-bit signal set. */
#define SIGBIT(sig)	(1ULL << ((sig) - 1))

#define RLIM_NLIMITS	16
#define RLIM_INFINITY	(~0UL)
#define RLIMIT_CPU	0
#define RLIMIT_FSIZE	1
#define RLIMIT_DATA	2
#define RLIMIT_STACK	3
#define RLIMIT_CORE	4
#define RLIMIT_RSS	5
#define RLIMIT_NPROC	6
#define RLIMIT_NOFILE	7
#define RLIMIT_MEMLOCK	8
#define RLIMIT_AS	9

struct rlimit {
	unsigned long cur, max;
};

/* What is kept of a pending signal until delivery (a siginfo's fields). */
struct ksiginfo {
	int code;
	int pid;
	unsigned int uid;
	int status;
	uint64_t addr;			/* fault address or sigqueue value */
	long utime, stime;
	bool forced;			/* from a fault: even init takes it */
};

/*
 * Who a process acts as (kernel/cred.c). Linux keeps these per thread;
 * C libraries change them in every thread at once, so one set per
 * process gives the same answers. NGROUPS_KEPT supplementary groups at
 * most (Linux allows 65536; setgroups says -EINVAL beyond ours).
 */
#define NGROUPS_KEPT	64
struct cred {
	uint32_t uid, euid, suid, fsuid;
	uint32_t gid, egid, sgid, fsgid;
	int ngroups;
	uint32_t groups[NGROUPS_KEPT];
};

bool cred_is_root(const struct cred *c);
bool cred_may_signal(const struct cred *from, const struct cred *to);

/* Signal handlers, shared by the threads of a process (CLONE_SIGHAND). */
struct sighand {
	int refs;			/* atomic */
	struct k_sigaction action[NSIG];	/* [signal_lock] */
};

enum proc_state {
	PROC_ALIVE,
	PROC_ZOMBIE,		/* every thread gone; waits for wait4 */
};

/*
 * Lock legend: [tree] proc_lock (kernel/process.c) for the family links,
 * the state and the status fields the parent reads; [sig] signal_lock
 * (kernel/signal.c); [own] written by the process's own threads only.
 */
struct process {
	int pid;			/* [once] the leader's tid */
	struct list_head all_node;	/* [tree] in the list of processes */
	int exit_signal;		/* [once] sent to the parent at exit */
	unsigned long child_gen;	/* [tree] bumped at each child event */
	int pgid, sid;			/* [tree] */
	struct tty *tty;		/* [tree] controlling terminal */
	enum proc_state state;		/* [tree] */
	struct process *parent;		/* [tree] */
	struct list_head children;	/* [tree] */
	struct list_head sibling;	/* [tree] in parent->children */
	struct list_head threads;	/* [tree] its tasks, by thread_node */
	int nr_threads;			/* [tree] live threads */
	struct task *leader;		/* [tree] the first thread */
	struct wait_queue child_wait;	/* children change state */
	struct task *exec_task;		/* [sig] a thread exec'ing: others go */
	struct wait_queue exec_wait;	/* it waits here for them */
	char comm[16];			/* [own] the program's name */
	struct path exe;		/* [own] the program's file */

	/* How it ended or stopped, for wait4 (Linux's status word). */
	int exit_status;		/* [tree] valid when PROC_ZOMBIE */
	bool group_exit;		/* [sig] exit_group or fatal signal */
	int stop_signal;		/* [sig] non-zero while stopped */
	bool stop_report;		/* [tree] stop not yet seen by wait */
	bool cont_report;		/* [tree] continue not yet seen */

	/* Signals sent to the process as a whole. */
	uint64_t pending;		/* [sig] */
	struct ksiginfo info[NSIG];	/* [sig] of each pending signal */
	struct list_head rtq;		/* [sig] more real-time instances */
	struct sighand *sighand;	/* [sig] */

	struct rlimit rlim[RLIM_NLIMITS];	/* [own] */
	struct cred cred;			/* [tree] */
	unsigned long maxrss;			/* [tree] KiB, at exit */
	unsigned int umask;

	/* CPU time: of dead threads, and of waited-for children. */
	uint64_t dead_utime, dead_stime;	/* [tree] ns */
	uint64_t child_utime, child_stime;	/* [tree] ns */
	unsigned long child_maxrss;

	/* ITIMER_REAL (alarm, setitimer): ns deadline and interval. */
	uint64_t itimer_deadline, itimer_interval;	/* [sig] */
	struct list_head itimer_node;		/* [sig] armed timers */
	/* ITIMER_VIRTUAL, ITIMER_PROF: ns of CPU time left, reload. */
	uint64_t itimer_cpu[2][2];		/* [sig] */
	uint64_t start_ns;			/* [once] */
};

/* What each user thread has beyond a kernel thread (in struct task). */
struct task_user {
	uint64_t blocked;		/* [own] signal mask */
	uint64_t pending;		/* [sig] sent to this thread */
	struct ksiginfo info[NSIG];	/* [sig] */
	struct list_head rtq;		/* [sig] more real-time instances */
	uint64_t saved_mask;		/* [own] sigsuspend's, restored */
	bool restore_mask;		/* [own] */
	unsigned long fs_base;		/* [own] TLS */
	unsigned long clear_child_tid;	/* [own] set_tid_address */
	unsigned long gs_base;		/* [own] arch_prctl(ARCH_SET_GS) */
	stack_t altstack;		/* [own] sigaltstack */
	struct completion *vfork_done;	/* [own] the vfork parent waits */
	unsigned long set_child_tid;	/* [own] CLONE_CHILD_SETTID, once */
	uint64_t utime_start;		/* [own] ns when it entered user mode */
};

/*
 * proc_lock guards the process tree and all signal state ([tree] and
 * [sig] above): one lock while there is one CPU.
 */
extern struct spinlock proc_lock;
extern struct list_head all_processes;
/* CPU time of all threads that have exited (/proc/stat). [proc_lock] */
extern uint64_t exited_utime, exited_stime;
/* The process with @pid, or NULL; caller holds proc_lock. */
struct process *process_of_pid(int pid);
/* The thread with @tid, or NULL; caller holds proc_lock. */
struct task *task_of_tid(int tid);

/* Start PID 1: exec @path in the calling kernel thread. Returns on error. */
int process_start_init(const char *path, const char *const argv[],
		       const char *const envp[]);

/* The trapframe of the calling user thread. */
struct trapframe *current_user_tf(void);

/*
 * Exit the calling thread; with @group, the whole process (exit_group,
 * fatal signals). @status is Linux's wait status word.
 */
__noreturn void process_exit(int status, bool group);

/*
 * Work to do before returning to user mode (signals, rescheduling,
 * stops); the entry code calls it with interrupts on and it returns with
 * them off.
 */
void user_return_work(struct trapframe *tf);

/* Signals (kernel/signal.c). */
int send_signal_process(struct process *p, int sig,
			const struct ksiginfo *info);
int send_signal_task(struct task *t, int sig, const struct ksiginfo *info);
/* A fault in user mode: deliver @sig with @code and @addr or die. */
void force_fault_signal(int sig, int code, unsigned long addr);
bool signal_pending_current(void);
/* Recompute whether the caller has a deliverable signal. */
void recalc_sigpending(void);
/* Does the current process have a handler for @sig? */
bool signal_handled(int sig);
void signal_init_process(struct process *p);
/* exec resets handled signals to the default action. */
void signal_exec_reset(struct process *p);
/* From the tick: fire due ITIMER_REAL timers. */
void itimer_tick(uint64_t now);
void itimer_cancel(struct process *p);
/* From the tick: charge @p's CPU-time timers (user or system tick). */
void itimer_account(struct process *p, bool user);

/* The arch side of signal delivery (arch/x86_64/signal.c). */
int arch_setup_sigframe(struct trapframe *tf, int sig,
			const struct k_sigaction *ka,
			const struct siginfo *info, uint64_t old_mask,
			unsigned long sp);
/* rt_sigreturn: restore tf; *mask gets the mask to restore. -EFAULT. */
int arch_restore_sigframe(struct trapframe *tf, uint64_t *mask,
			  stack_t *ss);
/* Restart bookkeeping on the syscall frame. */
long arch_syscall_ret(const struct trapframe *tf);
void arch_syscall_restart(struct trapframe *tf, bool use_restart_syscall);

/* Ids of the calling process. */
int current_pid(void);

#endif
