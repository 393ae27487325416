/*
 * In-kernel micro-benchmarks, run by `make bench` (tools/bench) with
 * ktest=bench under -icount shift=0, where one guest instruction takes
 * one nanosecond: the figures are instructions per operation, loop
 * included. A manual suite: ktest=all does not run it.
 */
#include <arch.h>
#include <ktest.h>
#include <page.h>
#include <printk.h>
#include <sched.h>
#include <slab.h>
#include <time.h>
#include <vmalloc.h>

#define BENCH_ITERS	100000

static void report(const char *name, uint64_t ns)
{
	uint64_t per_mille = ns * 1000 / BENCH_ITERS;

	printk(KERN_INFO "bench: %s %lu.%03lu ns/op\n", name,
	       per_mille / 1000, per_mille % 1000);
	KEXPECT(ns > 0);
}

static void page_alloc_free(void)
{
	uint64_t t0;

	free_pages(alloc_pages(GFP_KERNEL, 0), 0);	/* warm */
	t0 = ktime_get_ns();
	for (int i = 0; i < BENCH_ITERS; i++)
		free_pages(alloc_pages(GFP_KERNEL, 0), 0);
	report("page_alloc_free", ktime_get_ns() - t0);
}

static void kmalloc64_kfree(void)
{
	uint64_t t0;

	kfree(kmalloc(64, GFP_KERNEL));			/* warm */
	t0 = ktime_get_ns();
	for (int i = 0; i < BENCH_ITERS; i++)
		kfree(kmalloc(64, GFP_KERNEL));
	report("kmalloc64_kfree", ktime_get_ns() - t0);
}

static unsigned long bench_main_sp, bench_thread_sp;

static void bench_partner(void *arg)
{
	for (;;)
		arch_context_switch(&bench_thread_sp, bench_main_sp);
}

/* One switch (half a round trip) between two kernel stacks, raw. */
static void context_switch(void)
{
	enum { STACK = 16 * 1024 };
	void *stack = vmalloc(STACK);
	uint64_t t0;

	KEXPECT(stack != NULL);
	if (!stack)
		return;
	bench_thread_sp = arch_thread_stack_init((char *)stack + STACK,
						 bench_partner, NULL);
	arch_context_switch(&bench_main_sp, bench_thread_sp);	/* warm */
	t0 = ktime_get_ns();
	for (int i = 0; i < BENCH_ITERS / 2; i++)
		arch_context_switch(&bench_main_sp, bench_thread_sp);
	report("context_switch", ktime_get_ns() - t0);
	vfree(stack);
}

#define YIELDS		(BENCH_ITERS / 2)

static void yielder(void *arg)
{
	for (int i = 0; i < YIELDS; i++)
		sched_yield();
}

/*
 * Two kernel threads yielding to each other: each yield is a trip through
 * the scheduler and a context switch (the scheduler issue's figure).
 */
static void thread_switch(void)
{
	struct task *a, *b;
	uint64_t t0 = ktime_get_ns();

	a = kthread_create(yielder, NULL, "yield-a");
	b = kthread_create(yielder, NULL, "yield-b");
	KEXPECT(a && b);
	if (!a || !b)
		return;
	kthread_wait(a);
	kthread_wait(b);
	report("thread_switch", ktime_get_ns() - t0);
}

static const struct ktest_case bench_cases[] = {
	KTEST_CASE(page_alloc_free),
	KTEST_CASE(kmalloc64_kfree),
	KTEST_CASE(context_switch),
	KTEST_CASE(thread_switch),
};

const struct ktest_suite ktest_bench = {
	.name = "bench", .cases = bench_cases,
	.count = ARRAY_SIZE(bench_cases), .manual = true,
};
