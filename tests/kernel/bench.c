/*
 * In-kernel micro-benchmarks, run by `make bench` (tools/bench) with
 * ktest=bench under -icount shift=0, where one guest instruction takes
 * one nanosecond: the figures are instructions per operation, loop
 * included. A manual suite: ktest=all does not run it.
 */
#include <ktest.h>
#include <page.h>
#include <printk.h>
#include <slab.h>
#include <time.h>

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

static const struct ktest_case bench_cases[] = {
	KTEST_CASE(page_alloc_free),
	KTEST_CASE(kmalloc64_kfree),
};

const struct ktest_suite ktest_bench = {
	.name = "bench", .cases = bench_cases,
	.count = ARRAY_SIZE(bench_cases), .manual = true,
};
