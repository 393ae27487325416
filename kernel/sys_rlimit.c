/*
 * Resource limits (getrlimit, setrlimit, prlimit64) and resource usage
 * (getrusage, times). Limits are stored per process and inherited; the
 * ones enforced so far are RLIMIT_STACK (stack growth, at exec) and
 * RLIMIT_NOFILE (descriptor numbers).
 */
#include <errno.h>
#include <mman.h>
#include <process.h>
#include <sched.h>
#include <syscall.h>
#include <time.h>
#include <uaccess.h>
#include <lib/string.h>
#include "process_internal.h"

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1
#define NR_OPEN_MAX	(1UL << 20)

struct rusage_k {
	long utime_sec, utime_usec, stime_sec, stime_usec;
	long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock,
	     oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

struct tms_k {
	long utime, stime, cutime, cstime;
};

void rlimits_init(struct rlimit *rlim)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		rlim[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	rlim[RLIMIT_STACK] = (struct rlimit){ 8UL << 20, RLIM_INFINITY };
	rlim[RLIMIT_CORE] = (struct rlimit){ 0, RLIM_INFINITY };
	rlim[RLIMIT_NOFILE] = (struct rlimit){ 1024, 4096 };
	rlim[RLIMIT_NPROC] = (struct rlimit){ 1UL << 15, 1UL << 15 };
	rlim[RLIMIT_MEMLOCK] = (struct rlimit){ 8UL << 20, 8UL << 20 };
	rlim[14] = (struct rlimit){ 0, 0 };	/* RLIMIT_RTPRIO */
	rlim[13] = (struct rlimit){ 0, 0 };	/* RLIMIT_NICE */
	rlim[11] = (struct rlimit){ 1UL << 15, 1UL << 15 }; /* SIGPENDING */
	rlim[12] = (struct rlimit){ 819200, 819200 };	/* MSGQUEUE */
}

static long do_prlimit(int pid, int res, const struct rlimit *new,
		       struct rlimit *old)
{
	struct process *p;
	unsigned long flags;
	long err = 0;

	if (res < 0 || res >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->cur > new->max)
		return -EINVAL;
	if (new && res == RLIMIT_NOFILE && new->max > NR_OPEN_MAX &&
	    new->max != RLIM_INFINITY)
		return -EPERM;
	if (new && res == RLIMIT_NOFILE && new->max == RLIM_INFINITY)
		return -EPERM;
	flags = spin_lock_irqsave(&proc_lock);
	p = pid ? process_of_pid(pid) : current->proc;
	if (!p) {
		err = -ESRCH;
	} else if (p != current->proc &&
		   !cred_may_signal(&current->proc->cred, &p->cred)) {
		err = -EPERM;
	} else if (new && new->max > p->rlim[res].max &&
		   !cred_is_root(&current->proc->cred)) {
		err = -EPERM;	/* only root raises a hard limit */
	} else {
		if (old)
			*old = p->rlim[res];
		if (new)
			p->rlim[res] = *new;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

SYSCALL_DEFINE4(prlimit64, int, pid, int, res, const struct rlimit *, unew,
		struct rlimit *, uold)
{
	struct rlimit new, old;
	long err;

	if (unew && copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	err = do_prlimit(pid, res, unew ? &new : NULL, &old);
	if (err)
		return err;
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(getrlimit, int, res, struct rlimit *, uold)
{
	struct rlimit old;
	long err = do_prlimit(0, res, NULL, &old);

	if (err)
		return err;
	return copy_to_user(uold, &old, sizeof(old)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(setrlimit, int, res, const struct rlimit *, unew)
{
	struct rlimit new;

	if (copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	return do_prlimit(0, res, &new, NULL);
}

static void process_times(struct process *p, uint64_t *u, uint64_t *s)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct task *t;

	*u = p->dead_utime;
	*s = p->dead_stime;
	list_for_each_entry(t, &p->threads, thread_node) {
		uint64_t tu, ts;

		task_times(t, &tu, &ts);
		*u += tu;
		*s += ts;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage_k *, uru)
{
	struct process *p = current->proc;
	struct rusage_k ru;
	uint64_t u, s;

	memset(&ru, 0, sizeof(ru));
	switch (who) {
	case RUSAGE_SELF:
		process_times(p, &u, &s);
		ru.minflt = current->mm->faults_minor;
		ru.maxrss = MAX(p->maxrss,
				current->mm->rss_peak * (PAGE_SIZE / 1024));
		break;
	case RUSAGE_THREAD:
		task_times(current, &u, &s);
		break;
	case RUSAGE_CHILDREN:
		u = p->child_utime;
		s = p->child_stime;
		ru.maxrss = p->child_maxrss;
		break;
	default:
		return -EINVAL;
	}
	ru.utime_sec = u / NSEC_PER_SEC;
	ru.utime_usec = u % NSEC_PER_SEC / NSEC_PER_USEC;
	ru.stime_sec = s / NSEC_PER_SEC;
	ru.stime_usec = s % NSEC_PER_SEC / NSEC_PER_USEC;
	return copy_to_user(uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(times, struct tms_k *, ubuf)
{
	struct process *p = current->proc;
	struct tms_k tms;
	uint64_t u, s;

	process_times(p, &u, &s);
	tms.utime = u / (NSEC_PER_SEC / HZ);
	tms.stime = s / (NSEC_PER_SEC / HZ);
	tms.cutime = p->child_utime / (NSEC_PER_SEC / HZ);
	tms.cstime = p->child_stime / (NSEC_PER_SEC / HZ);
	if (ubuf && copy_to_user(ubuf, &tms, sizeof(tms)))
		return -EFAULT;
	return jiffies;
}
