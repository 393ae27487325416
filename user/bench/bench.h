/*
 * The benchmark program's shared declarations: the table entry, what one
 * run of a benchmark hands back, the helpers every file uses, and the
 * benchmarks themselves (proc.c: processes, threads and futexes; mem.c:
 * page faults and mappings; fs.c: files; pipe.c: pipes). main.c holds the
 * table, the runner and the PID 1 duties.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <sys/types.h>

#define NSEC_PER_SEC	1000000000ull

/* What one run of a benchmark hands back to the runner. */
struct bench_run {
	uint64_t ns;		/* guest time of the measured part, all of n */
	char skip[120];		/* why it could not run, when it returns -1 */
};

/*
 * One figure. A benchmark does `iterations` operations of its kind and
 * times what it measures with now_ns(); the runner turns the time into
 * the unit: "us" per operation, or "MB/s" (10^6 bytes a second) for
 * `bytes` moved per operation. Counts are fixed, never calibrated, so
 * that every kernel does the same work.
 */
struct bench {
	const char *name;
	const char *unit;
	long iterations;
	long bytes;
	int (*fn)(long n, struct bench_run *r);
	const char *what;
};

/* Set by main() before anything runs. */
extern const char *bench_self;	/* this program's path, for execve */
extern const char *bench_tmp;	/* directory of the file figures */

uint64_t now_ns(void);
int bench_fail(struct bench_run *r, const char *call);
int bench_failx(struct bench_run *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int bench_wait_child(pid_t pid, struct bench_run *r);

/* proc.c */
int bench_null_syscall(long n, struct bench_run *r);
int bench_fork_exit(long n, struct bench_run *r);
int bench_fork_exec(long n, struct bench_run *r);
int bench_thread_create(long n, struct bench_run *r);
int bench_futex_pingpong(long n, struct bench_run *r);

/* mem.c */
int bench_page_fault(long n, struct bench_run *r);
int bench_mmap_4k(long n, struct bench_run *r);
int bench_mmap_touch_64k(long n, struct bench_run *r);

/* fs.c */
int bench_open_close(long n, struct bench_run *r);
int bench_stat(long n, struct bench_run *r);
int bench_create_unlink(long n, struct bench_run *r);
int bench_read_zero(long n, struct bench_run *r);
int bench_file_write(long n, struct bench_run *r);
int bench_file_read(long n, struct bench_run *r);

/* pipe.c */
int bench_pipe_pingpong(long n, struct bench_run *r);
int bench_pipe_bandwidth(long n, struct bench_run *r);

/* The block size of the bandwidth figures, the file of the sequential. */
#define BENCH_BLOCK	(64 * 1024)
#define BENCH_FILE_SIZE	(16 * 1024 * 1024)

/* proc.c: exit status of a child whose execve failed, plus errno. */
#define EXEC_FAILED	128

#endif
