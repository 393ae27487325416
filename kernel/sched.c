/*
 * The scheduler: one runqueue per CPU (one CPU for now), runnable tasks in
 * a red-black tree ordered by virtual runtime, the leftmost runs next
 * ("completely fair": each task's CPU time is weighted by its nice level,
 * with Linux's weights, so over time every runnable task gets its share).
 * Preemption comes from the timer tick, sleeping tasks wait in a second
 * tree ordered by deadline, and the boot context becomes the idle task.
 * Context switching is arch_context_switch(); tasks and kernel threads
 * are created in kernel/kthread.c; docs/scheduler.md explains the policy.
 */
#include <arch.h>
#include <errno.h>
#include <lockdebug.h>
#include <panic.h>
#include <printk.h>
#include <mman.h>
#include <percpu.h>
#include <process.h>
#include <sched.h>
#include <time.h>
#include <lib/string.h>

#define SCHED_LATENCY_NS	(6 * NSEC_PER_MSEC)	/* sleeper credit */
#define MIN_GRANULARITY_NS	(1 * NSEC_PER_MSEC)	/* before preemption */
#define WAKEUP_GRANULARITY_NS	(1 * NSEC_PER_MSEC)

/*
 * Lock legend: rq->lock protects the tree, nr_running, min_vruntime, curr,
 * need_resched and the sleepers tree, and each task's [rq] fields. It is
 * taken with interrupts off; a context switch happens with it released but
 * interrupts still off, and the next task turns them back on.
 */
struct runqueue {
	struct spinlock lock;
	struct rb_root_cached tasks;
	unsigned long nr_running;	/* queued, not counting curr */
	uint64_t min_vruntime;
	struct task *curr;
	struct task *idle;
	bool need_resched;
	struct rb_root_cached sleepers;	/* by wake_at, earliest leftmost */
	uint64_t switches;
};

static struct runqueue rq0 = {
	.lock = SPINLOCK_INIT("rq0"),
	.tasks = RB_ROOT_CACHED,
	.sleepers = RB_ROOT_CACHED,
};
static struct task idle_task;
static bool sched_running;

static struct runqueue *this_rq(void)
{
	return &rq0;	/* per-CPU with SMP */
}

struct task *current_task(void)
{
	return this_cpu_current();
}

static bool vruntime_less(const struct rb_node *a, const struct rb_node *b)
{
	const struct task *x = rb_entry(a, struct task, run_node);
	const struct task *y = rb_entry(b, struct task, run_node);

	/* Signed difference: vruntimes may wrap after centuries. */
	return (int64_t)(x->vruntime - y->vruntime) < 0;
}

/* Charge curr for the time since it got the CPU. [rq->lock] */
static void update_curr(struct runqueue *rq, uint64_t now)
{
	struct task *t = rq->curr;
	uint64_t delta = now - t->exec_start;

	t->exec_start = now;
	t->sum_exec += delta;
	if (t == rq->idle)
		return;
	t->vruntime += vruntime_delta(delta, t->weight);
	uint64_t min = t->vruntime;

	if (rq->tasks.leftmost) {
		uint64_t left = rb_entry(rq->tasks.leftmost, struct task,
					 run_node)->vruntime;

		if ((int64_t)(left - min) < 0)
			min = left;
	}
	if ((int64_t)(min - rq->min_vruntime) > 0)
		rq->min_vruntime = min;
}

static bool wake_at_less(const struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct task, timer_node)->wake_at <
	       rb_entry(b, struct task, timer_node)->wake_at;
}

/* Take @t off the sleepers' tree if it is there. [rq->lock] */
static void sleeper_remove(struct runqueue *rq, struct task *t)
{
	if (!RB_EMPTY_NODE(&t->timer_node))
		rb_erase_cached(&t->timer_node, &rq->sleepers);
	t->wake_at = 0;
}

static void enqueue(struct runqueue *rq, struct task *t)
{
	rb_add_cached(&t->run_node, &rq->tasks, vruntime_less);
	t->on_rq = true;
	rq->nr_running++;
}

static void dequeue(struct runqueue *rq, struct task *t)
{
	rb_erase_cached(&t->run_node, &rq->tasks);	/* clears the node */
	t->on_rq = false;
	rq->nr_running--;
}

/*
 * A task that slept gets at most half a latency period of credit: enough
 * to run soon after waking, not enough to starve those that kept running.
 */
static void place_woken(struct runqueue *rq, struct task *t)
{
	uint64_t floor = rq->min_vruntime - SCHED_LATENCY_NS / 2;

	if ((int64_t)(t->vruntime - floor) < 0)
		t->vruntime = floor;
}

static void check_preempt(struct runqueue *rq, struct task *t)
{
	struct task *c = rq->curr;

	if (c == rq->idle ||
	    (int64_t)(c->vruntime - t->vruntime) >
	    (int64_t)WAKEUP_GRANULARITY_NS)
		rq->need_resched = true;
}

/* Make @t runnable. [rq->lock] */
static void activate(struct runqueue *rq, struct task *t)
{
	t->state = TASK_RUNNING;
	if (t == rq->curr || t->on_rq)
		return;
	place_woken(rq, t);
	enqueue(rq, t);
	check_preempt(rq, t);
}

void sched_add_new(struct task *t)
{
	struct runqueue *rq = this_rq();
	unsigned long flags = spin_lock_irqsave(&rq->lock);

	t->vruntime = rq->min_vruntime;
	t->state = TASK_RUNNING;
	enqueue(rq, t);
	check_preempt(rq, t);
	spin_unlock_irqrestore(&rq->lock, flags);
}

bool wake_up_task(struct task *t)
{
	struct runqueue *rq = this_rq();
	unsigned long flags = spin_lock_irqsave(&rq->lock);
	bool was_asleep = t->state == TASK_SLEEPING ||
			  t->state == TASK_INTERRUPTIBLE;

	if (was_asleep) {
		sleeper_remove(rq, t);
		activate(rq, t);
	}
	spin_unlock_irqrestore(&rq->lock, flags);
	return was_asleep;
}

/*
 * Pick the next task and switch to it. A task that calls this having set
 * itself sleeping leaves the runqueue; one that is preempted stays on it
 * whatever its state: it may be between marking itself sleeping and
 * checking its condition (wait_event), and must get to the check.
 */
static void __schedule(bool preempt)
{
	struct runqueue *rq = this_rq();
	unsigned long flags;

	lockdebug_might_sleep();
	flags = spin_lock_irqsave(&rq->lock);
	uint64_t now = ktime_get_ns();
	struct task *prev = rq->curr, *next;

	update_curr(rq, now);
	if (prev != rq->idle && (prev->state == TASK_RUNNING ||
				 (preempt && prev->state != TASK_ZOMBIE)))
		enqueue(rq, prev);
	if (rq->tasks.leftmost) {
		next = rb_entry(rq->tasks.leftmost, struct task, run_node);
		dequeue(rq, next);
	} else {
		next = rq->idle;
	}
	rq->need_resched = false;
	next->exec_start = now;
	next->slice_start = now;
	if (next == prev) {
		spin_unlock_irqrestore(&rq->lock, flags);
		return;
	}
	rq->curr = next;
	this_cpu()->curr = next;
	rq->switches++;
	if (next->kstack)	/* the idle task runs on the boot stack */
		arch_set_kernel_stack(next->kstack,
				      (char *)next->kstack + KSTACK_SIZE);
	spin_unlock(&rq->lock);
	/* Eagerly: the kernel never uses these registers itself. */
	if (prev->fpu)
		arch_fpu_save(prev->fpu);
	if (next->fpu)
		arch_fpu_restore(next->fpu);
	/* Kernel threads borrow whatever address space is loaded. */
	if (next->mm)
		mm_activate(next->mm);
	if (next->user) {
		arch_set_fs_base(next->user->fs_base);
		arch_set_user_gs_base(next->user->gs_base);
	}
	arch_context_switch(&prev->sp, next->sp);
	/* Back on prev's stack, maybe much later: its own saved flags. */
	arch_irq_restore(flags);
}

void task_interrupt(struct task *t)
{
	WRITE_ONCE(t->sigpending, true);
	if (READ_ONCE(t->state) == TASK_INTERRUPTIBLE)
		wake_up_task(t);
}

void schedule(void)
{
	__schedule(false);
}

void sched_yield(void)
{
	schedule();
}

/* Wake the sleepers whose deadline passed. [rq->lock] */
static void wake_sleepers(struct runqueue *rq, uint64_t now)
{
	while (rq->sleepers.leftmost) {
		struct task *t = rb_entry(rq->sleepers.leftmost, struct task,
					  timer_node);

		if (t->wake_at > now)
			break;
		sleeper_remove(rq, t);
		activate(rq, t);
	}
}

/* Ask for a timer event at the earliest sleeper's deadline. [rq->lock] */
static void arm_sleep_timer(struct runqueue *rq, uint64_t now)
{
	struct task *t;

	if (!rq->sleepers.leftmost)
		return;
	t = rb_entry(rq->sleepers.leftmost, struct task, timer_node);
	/* Without a one-shot timer, the 100 Hz tick wakes sleepers. */
	arch_timer_oneshot(t->wake_at > now ? t->wake_at - now : 0);
}

void sched_timer_event(void)
{
	struct runqueue *rq = this_rq();
	uint64_t now;

	spin_lock(&rq->lock);
	now = ktime_get_ns();
	wake_sleepers(rq, now);
	arm_sleep_timer(rq, now);
	spin_unlock(&rq->lock);
}

#define LOAD_FREQ_TICKS	(5 * HZ)

static unsigned long avenrun[3];	/* rq->lock */

/* Every 5 s, fold the number of runnable tasks in. [rq->lock] */
static void update_loadavg(struct runqueue *rq)
{
	static unsigned int ticks;
	unsigned long active;

	if (++ticks < LOAD_FREQ_TICKS)
		return;
	ticks = 0;
	active = (rq->nr_running + (rq->curr != rq->idle)) * LOAD_FIXED_1;
	avenrun[0] = calc_load(avenrun[0], LOAD_EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], LOAD_EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], LOAD_EXP_15, active);
}

void sched_loadavg(unsigned long avg[3])
{
	struct runqueue *rq = this_rq();
	unsigned long flags = spin_lock_irqsave(&rq->lock);

	avg[0] = avenrun[0];
	avg[1] = avenrun[1];
	avg[2] = avenrun[2];
	spin_unlock_irqrestore(&rq->lock, flags);
}

void sched_tick(void)
{
	struct runqueue *rq = this_rq();
	uint64_t now;

	if (!sched_running)
		return;
	spin_lock(&rq->lock);
	update_loadavg(rq);
	now = ktime_get_ns();
	update_curr(rq, now);
	wake_sleepers(rq, now);
	if (rq->curr != rq->idle && rq->tasks.leftmost) {
		struct task *left = rb_entry(rq->tasks.leftmost, struct task,
					     run_node);

		/*
		 * Share the CPU once curr has had its minimum slice (so
		 * two tasks do not ping-pong on every tick) and is ahead.
		 */
		if (now - rq->curr->slice_start >= MIN_GRANULARITY_NS &&
		    (int64_t)(rq->curr->vruntime - left->vruntime) > 0)
			rq->need_resched = true;
	}
	spin_unlock(&rq->lock);
}

void sched_account_tick(bool user)
{
	struct task *t = current;

	if (user)
		t->utime += NSEC_PER_SEC / HZ;
	else
		t->stime += NSEC_PER_SEC / HZ;
	if (t->proc)
		itimer_account(t->proc, user);
}

void task_times(struct task *t, uint64_t *user, uint64_t *sys)
{
	uint64_t total = task_cputime(t);
	uint64_t u = t->utime / (NSEC_PER_SEC / HZ);
	uint64_t n = u + t->stime / (NSEC_PER_SEC / HZ);

	/* CPU time split as the ticks saw it (Linux's cputime_adjust),
	 * neither part ever going back from one look to the next. */
	uint64_t usr = n ? total / n * u + total % n * u / n : 0;

	if (usr < t->prev_utime)
		usr = t->prev_utime;
	if (total - MIN(usr, total) < t->prev_stime)
		usr = total > t->prev_stime ? total - t->prev_stime : 0;
	if (usr < t->prev_utime)	/* total itself lags: hold both */
		usr = t->prev_utime;
	t->prev_utime = usr;
	t->prev_stime = MAX(t->prev_stime, total - MIN(usr, total));
	*user = t->prev_utime;
	*sys = t->prev_stime;
}

uint64_t task_cputime(struct task *t)
{
	uint64_t sum = READ_ONCE(t->sum_exec);

	if (t == current)
		sum += ktime_get_ns() - READ_ONCE(t->exec_start);
	return sum;
}

bool sched_need_resched(void)
{
	return READ_ONCE(this_rq()->need_resched);
}

void sched_preempt_irq(void)
{
	if (sched_running && READ_ONCE(this_rq()->need_resched))
		__schedule(true);
}

void schedule_until(uint64_t deadline)
{
	struct runqueue *rq = this_rq();
	unsigned long flags = spin_lock_irqsave(&rq->lock);
	struct task *t = current;
	uint64_t now = ktime_get_ns();

	t->wake_at = deadline;
	rb_add_cached(&t->timer_node, &rq->sleepers, wake_at_less);
	arm_sleep_timer(rq, now);
	spin_unlock_irqrestore(&rq->lock, flags);

	schedule();

	/* Woken by someone else before the deadline: leave the list. */
	flags = spin_lock_irqsave(&rq->lock);
	sleeper_remove(rq, t);
	spin_unlock_irqrestore(&rq->lock, flags);
}

void sleep_ns(uint64_t ns)
{
	current->state = TASK_SLEEPING;
	schedule_until(ktime_get_ns() + ns);
}

int task_set_nice(struct task *t, int nice)
{
	struct runqueue *rq = this_rq();
	unsigned long flags;

	if (nice < NICE_MIN || nice > NICE_MAX)
		return -EINVAL;
	flags = spin_lock_irqsave(&rq->lock);
	if (t == rq->curr)
		update_curr(rq, ktime_get_ns());
	t->nice = nice;
	t->weight = nice_to_weight(nice);
	spin_unlock_irqrestore(&rq->lock, flags);
	return 0;
}

/*
 * The boot context becomes the idle task: it runs when nothing else can,
 * and halts until the next interrupt.
 */
static __noreturn void idle_loop(void)
{
	struct runqueue *rq = this_rq();

	for (;;) {
		arch_irq_disable();
		if (rq->tasks.leftmost || rq->need_resched) {
			arch_irq_enable();
			schedule();
		} else {
			arch_wait_for_interrupt();	/* sti; hlt */
		}
	}
}

/*
 * Start scheduling: the caller (the boot context) becomes the idle task,
 * @first (created with kthread_create) runs. Never returns.
 */
__noreturn void sched_start(struct task *first)
{
	struct runqueue *rq = this_rq();

	KASSERT(first && first->on_rq);
	idle_task.pid = 0;
	strlcpy(idle_task.name, "idle", sizeof(idle_task.name));
	idle_task.state = TASK_RUNNING;
	idle_task.weight = nice_to_weight(0);
	INIT_LIST_HEAD(&idle_task.children);
	INIT_LIST_HEAD(&idle_task.sibling);
	RB_CLEAR_NODE(&idle_task.timer_node);
	wait_queue_init(&idle_task.child_exit);
	RB_CLEAR_NODE(&idle_task.run_node);
	rq->idle = &idle_task;
	rq->curr = &idle_task;
	this_cpu()->curr = &idle_task;
	idle_task.exec_start = ktime_get_ns();
	sched_running = true;
	idle_loop();
}

uint64_t sched_idle_ns(void)
{
	return task_cputime(&idle_task);
}

uint64_t sched_switches(void)
{
	return READ_ONCE(this_rq()->switches);
}
