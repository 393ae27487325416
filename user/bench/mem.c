/*
 * Memory figures: the anonymous page fault, and mmap + munmap with and
 * without touching the pages.
 */
#include <stddef.h>
#include <sys/mman.h>

#include "bench.h"

#define PAGE_SIZE	4096
#define FAULT_REGION	(16 * 1024 * 1024)	/* mapped per round */
#define SMALL_MAP	PAGE_SIZE
#define TOUCHED_MAP	(64 * 1024)

static void touch_pages(volatile char *p, long pages)
{
	for (long i = 0; i < pages; i++)
		p[i * PAGE_SIZE] = 1;
}

/*
 * n first writes to anonymous pages, in rounds of one 16 MiB mapping;
 * only the writes are timed. No huge pages, or a 2 MiB page would stand
 * in for 512 faults on Linux: a failing madvise() is fine (Ferrite has
 * none to give).
 */
int bench_page_fault(long n, struct bench_run *r)
{
	const long per_round = FAULT_REGION / PAGE_SIZE;

	r->ns = 0;
	for (long done = 0; done < n; done += per_round) {
		long pages = n - done < per_round ? n - done : per_round;
		char *p = mmap(NULL, FAULT_REGION, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uint64_t t0;

		if (p == MAP_FAILED)
			return bench_fail(r, "mmap");
		madvise(p, FAULT_REGION, MADV_NOHUGEPAGE);
		t0 = now_ns();
		touch_pages(p, pages);
		r->ns += now_ns() - t0;
		if (munmap(p, FAULT_REGION) < 0)
			return bench_fail(r, "munmap");
	}
	return 0;
}

/* n times: map `size` bytes, write to `touched` pages of them, unmap. */
static int map_unmap(long n, size_t size, long touched, struct bench_run *r)
{
	uint64_t t0 = now_ns();

	for (long i = 0; i < n; i++) {
		char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return bench_fail(r, "mmap");
		touch_pages(p, touched);
		if (munmap(p, size) < 0)
			return bench_fail(r, "munmap");
	}
	r->ns = now_ns() - t0;
	return 0;
}

int bench_mmap_4k(long n, struct bench_run *r)
{
	return map_unmap(n, SMALL_MAP, 0, r);
}

int bench_mmap_touch_64k(long n, struct bench_run *r)
{
	return map_unmap(n, TOUCHED_MAP, TOUCHED_MAP / PAGE_SIZE, r);
}
