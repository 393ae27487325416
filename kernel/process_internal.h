/* Internal to kernel/: what process.c, fork.c, exec.c, signal.c share. */
#ifndef KERNEL_PROCESS_INTERNAL_H
#define KERNEL_PROCESS_INTERNAL_H

#include <process.h>

struct mm;

void reap_dead_tasks(void);
struct process *process_alloc(void);
/* Unlink a reaped process [proc_lock]; then release its memory. */
void process_free(struct process *p);
void process_release(struct process *p);
void process_set_init(struct process *p);
/* [proc_lock] */
void notify_parent(struct process *p, int code, int status);
/* Queue @sig for process @p (or thread @t if not NULL). [proc_lock] */
int signal_send_locked(struct process *p, struct task *t, int sig,
		       const struct ksiginfo *info);
/*
 * Take the lowest pending signal of @t in @allowed (thread's first, then
 * the process's), with its info; 0 if none. [proc_lock]
 */
int signal_take(struct task *t, uint64_t allowed, struct ksiginfo *info);
/* Free a real-time signal queue's entries of @sig (0: all). [proc_lock] */
void rtq_drop(struct list_head *q, int sig);
/* Start killing every thread of @p with @status (exit_group). */
void signal_group_exit(struct process *p, int status);
struct sighand *sighand_alloc(const struct sighand *copy);
void sighand_put(struct sighand *sh);
/* Wake up to @n waiters of the futex at @uaddr in @mm. */
int futex_wake_addr(struct mm *mm, unsigned long uaddr, int n);
/*
 * exec: end the process's other threads and take over its pid.
 * 0, or -EAGAIN when another thread got there first.
 */
int exec_become_single_thread(void);
/* The vfork child @t released its parent (exec or exit). */
void vfork_release(struct task *t);
/* A user thread's first instructions in the kernel (fork, clone). */
void user_thread_start(void *arg);
/* The default resource limits of PID 1. */
void rlimits_init(struct rlimit *rlim);
/* Set up the user side of a new thread: FPU state and task_user. */
int task_user_init(struct task *t, const struct task_user *copy);

#endif
