/*
 * bench: the user-space benchmark of `make bench` (docs/performance.md).
 * The same static binary runs on Linux and on Ferrite and prints one line
 * per figure, `bench NAME VALUE UNIT` or `bench NAME skipped (REASON)`,
 * which tools/bench reads. This file holds the table of figures, the
 * runner and the command line; init.c does what PID 1 must (mounts, the
 * console, the clocksource, power-off); the benchmarks live in proc.c,
 * mem.c, fs.c and pipe.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "init.h"

const char *bench_self;
const char *bench_tmp = "/tmp";
static int clock_errno;		/* set when there is no clock to time with */

/*
 * The counts put each figure at roughly 30-180 ms of guest time on Linux
 * under icount, so that the two clock_gettime() calls around a batch are
 * lost in the noise even where they are system calls (Ferrite has no
 * vDSO) and the whole table runs in a few seconds of guest time.
 */
static const struct bench benches[] = {
	{ "null_syscall", "us", 100000, 0, bench_null_syscall,
	  "getppid()" },
	{ "fork_exit", "us", 200, 0, bench_fork_exit,
	  "fork + _exit + waitpid" },
	{ "fork_exec", "us", 200, 0, bench_fork_exec,
	  "fork + execve(self, --exit) + waitpid" },
	{ "page_fault", "us", 8192, 0, bench_page_fault,
	  "first write to an anonymous 4 KiB page (no huge pages)" },
	{ "mmap_4k", "us", 10000, 0, bench_mmap_4k,
	  "mmap + munmap 4 KiB anonymous, untouched" },
	{ "mmap_touch_64k", "us", 500, 0, bench_mmap_touch_64k,
	  "mmap 64 KiB anonymous + write every page + munmap" },
	{ "thread_create", "us", 1000, 0, bench_thread_create,
	  "pthread_create + pthread_join" },
	{ "futex_pingpong", "us", 10000, 0, bench_futex_pingpong,
	  "futex wait/wake round trip between two threads" },
	{ "open_close", "us", 10000, 0, bench_open_close,
	  "open + close a tmpfs file" },
	{ "stat", "us", 10000, 0, bench_stat,
	  "stat a tmpfs file" },
	{ "create_unlink", "us", 2000, 0, bench_create_unlink,
	  "create + write 4 KiB + close + unlink on tmpfs" },
	{ "read_zero", "us", 100000, 0, bench_read_zero,
	  "read 1 byte from /dev/zero" },
	{ "pipe_pingpong", "us", 10000, 0, bench_pipe_pingpong,
	  "1-byte round trip over two pipes, two processes" },
	{ "pipe_bandwidth", "MB/s", 512, BENCH_BLOCK, bench_pipe_bandwidth,
	  "64 KiB writes through a pipe to another process" },
	{ "file_write", "MB/s", 4, BENCH_FILE_SIZE, bench_file_write,
	  "write a 16 MiB tmpfs file in 64 KiB blocks" },
	{ "file_read", "MB/s", 8, BENCH_FILE_SIZE, bench_file_read,
	  "read a 16 MiB tmpfs file in 64 KiB blocks" },
};
#define NBENCH	(sizeof(benches) / sizeof(benches[0]))

uint64_t now_ns(void)
{
	struct timespec ts = { 0, 0 };

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

/* A call failed: the figure is skipped, and says which call and why. */
int bench_fail(struct bench_run *r, const char *call)
{
	return bench_failx(r, "%s: %s", call, strerror(errno));
}

int bench_failx(struct bench_run *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->skip, sizeof(r->skip), fmt, ap);
	va_end(ap);
	return -1;
}

/* Reaps a child that must have exited with status 0. */
int bench_wait_child(pid_t pid, struct bench_run *r)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return bench_fail(r, "waitpid");
	if (WIFSIGNALED(status))
		return bench_failx(r, "child killed by signal %d",
				   WTERMSIG(status));
	if (WEXITSTATUS(status) > EXEC_FAILED) {
		errno = WEXITSTATUS(status) - EXEC_FAILED;
		return bench_fail(r, "execve in the child");
	}
	if (WEXITSTATUS(status))
		return bench_failx(r, "child exited with status %d",
				   WEXITSTATUS(status));
	return 0;
}

/*
 * One figure: a short untimed warm-up run first (it also finds out
 * whether the calls exist), then the timed run.
 */
static void run_one(const struct bench *b)
{
	struct bench_run r = { 0 };
	long warm = b->iterations / 16 ? b->iterations / 16 : 1;
	double value;

	fflush(NULL);	/* nothing buffered may be copied into a child */
	if (clock_errno) {
		errno = clock_errno;
		bench_fail(&r, "clock_gettime");
	}
	if (clock_errno || b->fn(warm, &r) < 0 ||
	    b->fn(b->iterations, &r) < 0) {
		printf("bench %s skipped (%s)\n", b->name, r.skip);
		return;
	}
	if (r.ns == 0)
		r.ns = 1;
	if (b->bytes)
		value = (double)b->bytes * b->iterations * 1e3 / r.ns;
	else
		value = r.ns / 1e3 / b->iterations;
	printf("bench %s %.3f %s\n", b->name, value, b->unit);
}

static const struct bench *find(const char *name)
{
	for (size_t i = 0; i < NBENCH; i++)
		if (!strcmp(benches[i].name, name))
			return &benches[i];
	return NULL;
}

static void list(void)
{
	for (size_t i = 0; i < NBENCH; i++)
		printf("%-16s %-5s %7ld  %s\n", benches[i].name,
		       benches[i].unit, benches[i].iterations,
		       benches[i].what);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: bench [-l] [NAME...]\n"
		"Runs the benchmarks named (all by default) and prints one\n"
		"line per figure: \"bench NAME VALUE UNIT\", or \"bench NAME\n"
		"skipped (REASON)\" when a call it needs fails.\n"
		"  -l, --list   list the benchmarks\n"
		"  -h, --help   this help\n"
		"As PID 1 (booted as /init) it mounts /proc, /dev, /tmp and\n"
		"/sys, runs every benchmark (or those named on the kernel\n"
		"command line), prints \"bench done\" and powers off.\n");
}

/* Runs those named in argv (all when none is); returns the exit status. */
static int run_named(int argc, char **argv, int strict)
{
	int named = 0;

	for (int i = 1; i < argc; i++) {
		if (find(argv[i])) {
			named = 1;
		} else if (strict) {
			fprintf(stderr, "bench: unknown benchmark '%s' "
				"(bench -l lists them)\n", argv[i]);
			return 2;
		}
	}
	for (size_t i = 0; i < NBENCH; i++) {
		int wanted = !named;

		for (int j = 1; j < argc && !wanted; j++)
			wanted = !strcmp(argv[j], benches[i].name);
		if (wanted)
			run_one(&benches[i]);
	}
	return 0;
}

static const char *self_path(const char *argv0)
{
	if (getpid() == 1)
		return "/init";
	if (argv0 && strchr(argv0, '/'))
		return argv0;
	return "/proc/self/exe";
}

int main(int argc, char **argv)
{
	struct timespec ts;
	int status;

	/* fork_exec's child: exit at once, before anything else. */
	if (argc == 2 && !strcmp(argv[1], "--exit"))
		_exit(0);
	bench_self = self_path(argv[0]);
	/* A line as soon as it is complete, whatever fd 1 turns out to be. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		clock_errno = errno;

	/*
	 * PID 1 gets whatever words of the kernel command line the kernel
	 * did not know: benchmark names select, the rest is ignored.
	 */
	if (getpid() == 1) {
		init_setup();
		run_named(argc, argv, 0);
		printf("bench done\n");
		init_power_off();
	}

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "-l") || !strcmp(argv[i], "--list")) {
			list();
			return 0;
		}
		if (argv[i][0] == '-') {
			fprintf(stderr, "bench: unknown option '%s'\n",
				argv[i]);
			usage(stderr);
			return 2;
		}
	}
	status = run_named(argc, argv, 1);
	if (!status)
		printf("bench done\n");
	return status;
}
