/*
 * Time system calls: clock_gettime, clock_getres, gettimeofday, time,
 * nanosleep, clock_nanosleep, and ITIMER_REAL (alarm, setitimer,
 * getitimer), whose expiries the timer tick checks. The clocks:
 * REALTIME (the RTC at boot plus the TSC), MONOTONIC and BOOTTIME (the
 * TSC; there is no suspend, so they agree), their coarse variants, and
 * the CPU-time clocks of the process and the thread.
 */
#include <errno.h>
#include <process.h>
#include <sched.h>
#include <syscall.h>
#include <time.h>
#include <uaccess.h>
#include "process_internal.h"

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_TAI			11
#define TIMER_ABSTIME			1
#define ITIMER_REAL			0
#define ITIMER_VIRTUAL			1
#define ITIMER_PROF			2
#define TICK_NS				(NSEC_PER_SEC / HZ)


struct timeval_k {
	long tv_sec, tv_usec;
};

struct itimerval_k {
	struct timeval_k interval, value;
};

static DEFINE_WAIT_QUEUE(sleepers);
static LIST_HEAD(armed_itimers);	/* [proc_lock] */

static uint64_t process_cputime(struct process *p)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	uint64_t sum = p->dead_utime + p->dead_stime;
	struct task *t;

	list_for_each_entry(t, &p->threads, thread_node)
		sum += task_cputime(t);
	spin_unlock_irqrestore(&proc_lock, flags);
	return sum;
}

static long clock_read(int id, uint64_t *ns)
{
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = ktime_get_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		*ns = process_cputime(current->proc);
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = task_cputime(current);
		return 0;
	default:
		return -EINVAL;
	}
}

static struct timespec_k ns_to_ts(uint64_t ns)
{
	return (struct timespec_k){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

static long ts_to_ns(const struct timespec_k *ts, uint64_t *ns)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 ||
	    ts->tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	if ((uint64_t)ts->tv_sec > UINT64_MAX / NSEC_PER_SEC - 1)
		*ns = UINT64_MAX / 2;	/* forever, for our purposes */
	else
		*ns = ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
	return 0;
}

SYSCALL_DEFINE2(clock_gettime, int, id, struct timespec_k *, uts)
{
	struct timespec_k ts;
	uint64_t ns;
	long err = clock_read(id, &ns);

	if (err)
		return err;
	ts = ns_to_ts(ns);
	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_getres, int, id, struct timespec_k *, uts)
{
	struct timespec_k ts = { 0, 1 };
	uint64_t ns;
	long err = clock_read(id, &ns);

	if (err)
		return err;
	if (id == CLOCK_REALTIME_COARSE || id == CLOCK_MONOTONIC_COARSE)
		ts.tv_nsec = NSEC_PER_SEC / HZ;
	if (uts && copy_to_user(uts, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(gettimeofday, struct timeval_k *, utv, void *, utz)
{
	uint64_t ns = ktime_get_real_ns();
	struct timeval_k tv = { ns / NSEC_PER_SEC,
				ns % NSEC_PER_SEC / NSEC_PER_USEC };
	int tz[2] = { 0, 0 };

	if (utv && copy_to_user(utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_to_user(utz, tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(time, long *, ut)
{
	long t = ktime_get_real_ns() / NSEC_PER_SEC;

	if (ut && put_user(t, ut))
		return -EFAULT;
	return t;
}

/* Sleep until @deadline on clock @id; -ERESTARTNOHAND if interrupted. */
static long sleep_until(int id, uint64_t deadline)
{
	uint64_t now, mono_deadline;

	clock_read(id, &now);
	if (deadline <= now)
		return 0;
	/* Every sleeping clock ticks at the TSC's rate here. */
	mono_deadline = ktime_get_ns() + (deadline - now);
	if (wait_event_interruptible_deadline(&sleepers, false,
					      mono_deadline) == -EINTR)
		return -ERESTARTNOHAND;
	return 0;
}

static long do_nanosleep(int id, int flags, const struct timespec_k *ureq,
			 struct timespec_k *urem)
{
	struct timespec_k req, rem;
	uint64_t ns, start, now;
	long err;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	err = ts_to_ns(&req, &ns);
	if (err)
		return err;
	if (id == CLOCK_THREAD_CPUTIME_ID || clock_read(id, &start))
		return -EINVAL;
	if (flags & TIMER_ABSTIME)
		return sleep_until(id, ns);
	err = sleep_until(id, start + ns);
	if (err && urem) {
		clock_read(id, &now);
		rem = ns_to_ts(start + ns > now ? start + ns - now : 0);
		if (copy_to_user(urem, &rem, sizeof(rem)))
			return -EFAULT;
	}
	return err;
}

SYSCALL_DEFINE2(nanosleep, const struct timespec_k *, req,
		struct timespec_k *, rem)
{
	return do_nanosleep(CLOCK_MONOTONIC, 0, req, rem);
}

SYSCALL_DEFINE4(clock_nanosleep, int, id, int, flags,
		const struct timespec_k *, req, struct timespec_k *, rem)
{
	if (flags & ~TIMER_ABSTIME)
		return -EINVAL;
	return do_nanosleep(id, flags, req, rem);
}

/* --- ITIMER_REAL ------------------------------------------------------- */

void itimer_tick(uint64_t now)
{
	struct process *p, *tmp;

	spin_lock(&proc_lock);
	list_for_each_entry_safe(p, tmp, &armed_itimers, itimer_node) {
		if (now < p->itimer_deadline)
			continue;
		signal_send_locked(p, NULL, SIGALRM, &(struct ksiginfo){
					   .code = SI_KERNEL });
		if (p->itimer_interval) {
			p->itimer_deadline += p->itimer_interval;
			if (p->itimer_deadline < now)
				p->itimer_deadline = now +
						     p->itimer_interval;
		} else {
			p->itimer_deadline = 0;
			list_del(&p->itimer_node);
		}
	}
	spin_unlock(&proc_lock);
}

/* One tick of CPU time off a CPU-time timer; fire it when it runs out. */
static void cpu_timer_tick(struct process *p, uint64_t t[2], int sig)
{
	if (!t[0])
		return;
	if (t[0] > TICK_NS) {
		t[0] -= TICK_NS;
		return;
	}
	t[0] = t[1];
	signal_send_locked(p, NULL, sig, &(struct ksiginfo){
				   .code = SI_KERNEL });
}

void itimer_account(struct process *p, bool user)
{
	spin_lock(&proc_lock);
	if (user)
		cpu_timer_tick(p, p->itimer_cpu[0], SIGVTALRM);
	cpu_timer_tick(p, p->itimer_cpu[1], SIGPROF);
	spin_unlock(&proc_lock);
}

void itimer_cancel(struct process *p)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	p->itimer_deadline = 0;
	list_del(&p->itimer_node);
	spin_unlock_irqrestore(&proc_lock, flags);
}

static struct timeval_k ns_to_tv(uint64_t ns)
{
	return (struct timeval_k){ ns / NSEC_PER_SEC,
				   ns % NSEC_PER_SEC / NSEC_PER_USEC };
}

/* Swap in a new ITIMER_REAL (ns, 0: off); the old one's values out. */
static void itimer_set(uint64_t value, uint64_t interval,
		       struct itimerval_k *old)
{
	struct process *p = current->proc;
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	uint64_t now = ktime_get_ns();

	if (old) {
		old->value = ns_to_tv(p->itimer_deadline > now ?
				      p->itimer_deadline - now :
				      p->itimer_deadline ? 1000 : 0);
		old->interval = ns_to_tv(p->itimer_interval);
	}
	list_del(&p->itimer_node);
	p->itimer_deadline = value ? now + value : 0;
	p->itimer_interval = value ? interval : 0;
	if (value)
		list_add_tail(&p->itimer_node, &armed_itimers);
	spin_unlock_irqrestore(&proc_lock, flags);
}

static long tv_to_ns(const struct timeval_k *tv, uint64_t *ns)
{
	if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
		return -EINVAL;
	*ns = tv->tv_sec * NSEC_PER_SEC + tv->tv_usec * NSEC_PER_USEC;
	return 0;
}

/* Swap in a CPU-time timer (ITIMER_VIRTUAL or ITIMER_PROF). */
static void cpu_timer_set(int which, uint64_t value, uint64_t interval,
			  struct itimerval_k *old)
{
	uint64_t *t = current->proc->itimer_cpu[which - 1];
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	if (old) {
		old->value = ns_to_tv(t[0]);
		old->interval = ns_to_tv(t[1]);
	}
	/* Whole ticks: the tick is what measures CPU time here. */
	t[0] = ALIGN_UP(value, TICK_NS);
	t[1] = ALIGN_UP(interval, TICK_NS);
	spin_unlock_irqrestore(&proc_lock, flags);
}

SYSCALL_DEFINE3(setitimer, int, which, const struct itimerval_k *, unew,
		struct itimerval_k *, uold)
{
	struct itimerval_k new = { 0 }, old;
	uint64_t value, interval;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (unew && copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	if (tv_to_ns(&new.value, &value) || tv_to_ns(&new.interval,
						     &interval))
		return -EINVAL;
	if (which == ITIMER_REAL)
		itimer_set(value, interval, &old);
	else
		cpu_timer_set(which, value, interval, &old);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(getitimer, int, which, struct itimerval_k *, uval)
{
	struct process *p = current->proc;
	struct itimerval_k v;
	unsigned long flags;
	uint64_t now = ktime_get_ns();

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	flags = spin_lock_irqsave(&proc_lock);
	if (which == ITIMER_REAL) {
		v.value = ns_to_tv(p->itimer_deadline > now ?
				   p->itimer_deadline - now : 0);
		v.interval = ns_to_tv(p->itimer_interval);
	} else {
		v.value = ns_to_tv(p->itimer_cpu[which - 1][0]);
		v.interval = ns_to_tv(p->itimer_cpu[which - 1][1]);
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return copy_to_user(uval, &v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct itimerval_k old;

	itimer_set(seconds * NSEC_PER_SEC, 0, &old);
	/* The seconds that were left, rounded to the nearest. */
	return old.value.tv_sec + (old.value.tv_usec >= 500000) +
	       (!old.value.tv_sec && old.value.tv_usec &&
		old.value.tv_usec < 500000);
}
