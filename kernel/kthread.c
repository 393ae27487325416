/*
 * Kernel threads: creation (a struct task from a slab cache, a 16 KiB
 * stack from vmalloc with guard pages, a pid), exit (the task becomes a
 * zombie and wakes its parent; its children go to PID 1) and reaping by
 * the parent, which returns the stack and the task to the allocators.
 * PID 1 reaps whatever is left to it, so zombies never pile up.
 * The scheduler proper is kernel/sched.c.
 */
#include <arch.h>
#include <errno.h>
#include <panic.h>
#include <printk.h>
#include <sched.h>
#include <slab.h>
#include <vmalloc.h>
#include <wait.h>
#include <lib/string.h>

/*
 * Lock legend: tasks_lock protects every task's parent, children and
 * sibling links, next_pid and the task count.
 */
static DEFINE_SPINLOCK(tasks_lock);
static struct kmem_cache *task_cache;
static struct task *init_task;		/* PID 1: adopts orphans */
static int next_pid = 1;
static unsigned long task_count;

int last_pid(void)
{
	return READ_ONCE(next_pid) - 1;
}

unsigned long nr_tasks(void)
{
	return READ_ONCE(task_count);
}

/* Where every kernel thread starts (through arch_thread_trampoline). */
static __noreturn void kthread_entry(void *arg)
{
	struct task *t = arg;

	/* schedule() switched here with interrupts off. */
	arch_irq_enable();
	t->entry(t->entry_arg);
	kthread_exit(0);
}

struct task *task_alloc(void (*fn)(void *), void *arg, const char *name)
{
	struct task *t;
	unsigned long flags;

	if (!task_cache)
		task_cache = kmem_cache_create("task", sizeof(struct task),
					       16);
	t = task_cache ? kmem_cache_alloc(task_cache, GFP_KERNEL) : NULL;
	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->kstack = vmalloc(KSTACK_SIZE);
	if (!t->kstack) {
		kmem_cache_free(task_cache, t);
		return NULL;
	}
	strlcpy(t->name, name, sizeof(t->name));
	t->entry = fn;
	t->entry_arg = arg;
	t->weight = nice_to_weight(0);
	t->state = TASK_RUNNING;
	RB_CLEAR_NODE(&t->run_node);
	RB_CLEAR_NODE(&t->timer_node);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->thread_node);
	wait_queue_init(&t->child_exit);
	/* Below the place a user task keeps its registers (a trapframe). */
	t->sp = arch_thread_stack_init(arch_user_tf((char *)t->kstack +
						    KSTACK_SIZE),
				       kthread_entry, t);

	flags = spin_lock_irqsave(&tasks_lock);
	t->pid = next_pid++;
	task_count++;
	spin_unlock_irqrestore(&tasks_lock, flags);
	return t;
}

void task_start(struct task *t)
{
	sched_add_new(t);
}

void task_free(struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&tasks_lock);

	task_count--;
	spin_unlock_irqrestore(&tasks_lock, flags);
	kfree(t->fpu);
	vfree(t->kstack);
	kmem_cache_free(task_cache, t);
}

void task_exit_final(void)
{
	struct task *t = current;

	arch_irq_disable();
	t->state = TASK_ZOMBIE;
	schedule();
	panic("exited task %d (%s) ran again", t->pid, t->name);
}

struct task *kthread_create(void (*fn)(void *), void *arg, const char *name)
{
	struct task *t = task_alloc(fn, arg, name);
	unsigned long flags;

	if (!t)
		return NULL;
	flags = spin_lock_irqsave(&tasks_lock);
	t->parent = current;
	if (t->parent)
		list_add_tail(&t->sibling, &t->parent->children);
	if (!init_task)
		init_task = t;
	spin_unlock_irqrestore(&tasks_lock, flags);

	sched_add_new(t);
	return t;
}

void kthread_exit(int code)
{
	struct task *t = current, *child, *tmp;
	unsigned long flags;

	if (t == init_task)
		panic("the first task (pid 1) exited with code %d", code);
	flags = spin_lock_irqsave(&tasks_lock);
	bool orphaned_zombie = false;

	list_for_each_entry_safe(child, tmp, &t->children, sibling) {
		list_del(&child->sibling);
		child->parent = init_task;
		list_add_tail(&child->sibling, &init_task->children);
		orphaned_zombie |= child->state == TASK_ZOMBIE;
	}
	t->exit_code = code;
	spin_unlock_irqrestore(&tasks_lock, flags);
	if (orphaned_zombie)
		wake_up_all(&init_task->child_exit);

	/*
	 * Interrupts stay off until the switch, so the zombie never runs
	 * again; the parent frees this stack only after we left it.
	 */
	arch_irq_disable();
	t->state = TASK_ZOMBIE;
	if (t->parent)
		wake_up_all(&t->parent->child_exit);
	schedule();
	panic("zombie %d (%s) ran again", t->pid, t->name);
}

int kthread_wait(struct task *t)
{
	unsigned long flags;
	int code;

	if (!t || t->parent != current)
		return -ECHILD;
	wait_event(&current->child_exit, READ_ONCE(t->state) == TASK_ZOMBIE);

	flags = spin_lock_irqsave(&tasks_lock);
	list_del(&t->sibling);
	spin_unlock_irqrestore(&tasks_lock, flags);
	code = t->exit_code;
	task_free(t);
	return code;
}

/* A child of @parent that is a zombie, or NULL. */
static struct task *zombie_child(struct task *parent)
{
	unsigned long flags = spin_lock_irqsave(&tasks_lock);
	struct task *c, *found = NULL;

	list_for_each_entry(c, &parent->children, sibling)
		if (READ_ONCE(c->state) == TASK_ZOMBIE) {
			found = c;
			break;
		}
	spin_unlock_irqrestore(&tasks_lock, flags);
	return found;
}

int kthread_reap_child(int *code)
{
	struct task *z;
	int pid;

	wait_event(&current->child_exit, (z = zombie_child(current)));
	pid = z->pid;
	*code = kthread_wait(z);
	return pid;
}

struct task *task_parent(const struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&tasks_lock);
	struct task *p = t->parent;

	spin_unlock_irqrestore(&tasks_lock, flags);
	return p;
}

int task_enable_fpu(struct task *t)
{
	size_t size = 64;

	/* kmalloc's power-of-two sizes are aligned to themselves. */
	while (size < arch_fpu_state_size())
		size *= 2;
	if (t->fpu)
		return 0;
	t->fpu = kmalloc(size, GFP_KERNEL);
	if (!t->fpu)
		return -ENOMEM;
	arch_fpu_state_init(t->fpu);
	return 0;
}
