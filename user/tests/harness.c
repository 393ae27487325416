/*
 * usertests: the helpers every test uses.
 *
 * A test runs in a child of the runner (main.c) and reports a failure by
 * writing one line into ut_msg, a MAP_SHARED page the runner reads after
 * the child is gone, and exiting 1. Forking, waiting, probing an address
 * and measuring time are here too, so that the tests read as what they
 * check.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ut.h"

char *ut_msg;

static void ut_vrecord(const char *fmt, va_list ap)
{
	char line[UT_MSG_SIZE];

	vsnprintf(line, sizeof(line), fmt, ap);
	if (!ut_msg) {
		/* After an execve there is no shared page: say it here. */
		dprintf(2, "# usertests --exec-child: %s\n", line);
		return;
	}
	/* The first failure is the cause; later ones are its echoes. */
	if (!ut_msg[0])
		memcpy(ut_msg, line, sizeof(line));
}

void ut_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ut_vrecord(fmt, ap);
	va_end(ap);
	_exit(1);
}

void ut_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ut_vrecord(fmt, ap);
	va_end(ap);
	_exit(UT_EXIT_SKIP);
}

const char *ut_errname(int err)
{
	static const struct { int err; const char *name; } names[] = {
		{ 0, "no error" }, { EPERM, "EPERM" }, { ENOENT, "ENOENT" },
		{ ESRCH, "ESRCH" }, { EINTR, "EINTR" }, { EIO, "EIO" },
		{ E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" },
		{ ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
		{ ENOTDIR, "ENOTDIR" }, { EINVAL, "EINVAL" },
		{ ENOSYS, "ENOSYS" }, { ETIMEDOUT, "ETIMEDOUT" },
		{ EOPNOTSUPP, "EOPNOTSUPP" }, { ERANGE, "ERANGE" },
		{ ENXIO, "ENXIO" }, { EXDEV, "EXDEV" }, { ENODEV, "ENODEV" },
		{ EISDIR, "EISDIR" }, { ENFILE, "ENFILE" },
		{ EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" },
		{ ETXTBSY, "ETXTBSY" }, { EFBIG, "EFBIG" },
		{ ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" },
		{ EROFS, "EROFS" }, { EMLINK, "EMLINK" }, { EPIPE, "EPIPE" },
		{ ENAMETOOLONG, "ENAMETOOLONG" },
		{ ENOTEMPTY, "ENOTEMPTY" }, { ELOOP, "ELOOP" },
		{ EOVERFLOW, "EOVERFLOW" },
	};
	static char other[24];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].err == err)
			return names[i].name;
	snprintf(other, sizeof(other), "errno %d", err);
	return other;
}

const char *ut_signame(int sig)
{
	static const char *const names[] = {
		[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT",
		[SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
		[SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
		[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
		[SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1",
		[SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
		[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",
		[SIGTERM] = "SIGTERM", [SIGCHLD] = "SIGCHLD",
		[SIGCONT] = "SIGCONT", [SIGSTOP] = "SIGSTOP",
		[SIGTSTP] = "SIGTSTP", [SIGVTALRM] = "SIGVTALRM",
		[SIGPROF] = "SIGPROF", [SIGSYS] = "SIGSYS",
	};
	static char other[24];

	if (sig > 0 && sig < (int)ARRAY_SIZE(names) && names[sig])
		return names[sig];
	snprintf(other, sizeof(other), "signal %d", sig);
	return other;
}

const char *ut_status_str(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by %s",
			 ut_signame(WTERMSIG(status)));
	else if (WIFSTOPPED(status))
		snprintf(buf, len, "stopped by %s",
			 ut_signame(WSTOPSIG(status)));
	else
		snprintf(buf, len, "status %#x", status);
	return buf;
}

void *ut_shared(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		ut_fail("mmap(%zu, MAP_SHARED) failed: %s", len,
			ut_errname(errno));
	return p;
}

void *ut_map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		ut_fail("mmap(%zu, MAP_PRIVATE) failed: %s", len,
			ut_errname(errno));
	return p;
}

pid_t ut_fork(void)
{
	pid_t pid = fork();

	if (pid < 0)
		ut_fail("fork failed: %s", ut_errname(errno));
	return pid;
}

/* The status of child pid, however many signals interrupt the wait. */
int ut_wait(pid_t pid)
{
	int status;
	pid_t r;

	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r != pid)
		ut_fail("waitpid(%d) returned %d (%s): expected %d", pid, r,
			ut_errname(errno), pid);
	return status;
}

void ut_expect_exit(pid_t pid, int code, const char *what)
{
	char buf[48];
	int status = ut_wait(pid);

	if (!WIFEXITED(status) || WEXITSTATUS(status) != code)
		ut_fail("%s: child ended with %s: expected exit %d", what,
			ut_status_str(status, buf, sizeof(buf)), code);
}

void ut_expect_signal(pid_t pid, int sig, const char *what)
{
	char buf[48];
	int status = ut_wait(pid);

	if (!WIFSIGNALED(status) || WTERMSIG(status) != sig)
		ut_fail("%s: child ended with %s: expected killed by %s", what,
			ut_status_str(status, buf, sizeof(buf)),
			ut_signame(sig));
}

/* Run fn(arg) in a child that exits 0 if fn returns; its wait status. */
int ut_child_status(void (*fn)(void *), void *arg)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	return ut_wait(pid);
}

static void probe_child(void *arg)
{
	const volatile char *p = *(const volatile char **)arg;
	int write = ((const volatile char **)arg)[1] != NULL;

	if (write)
		*(volatile char *)p = *p;
	else
		(void)*p;
}

/*
 * Touch addr in a child: 0 if the access worked, else the signal that
 * killed the child. The caller's memory is left as it was.
 */
int ut_probe(const volatile void *addr, int write)
{
	const volatile void *arg[2] = { addr, write ? addr : NULL };
	int status = ut_child_status(probe_child, arg);
	char buf[48];

	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		return WTERMSIG(status);
	ut_fail("probe of %p: child ended with %s", (const void *)addr,
		ut_status_str(status, buf, sizeof(buf)));
}

pid_t ut_gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

uint64_t ut_now_ns(void)
{
	return ut_cputime_ns(CLOCK_MONOTONIC);
}

/* Any clock's reading in nanoseconds (the name is for the CPU clocks). */
uint64_t ut_cputime_ns(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts))
		ut_fail("clock_gettime(%d) failed: %s", (int)clock,
			ut_errname(errno));
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void ut_sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * Spin until this thread has used ms of CPU time. The wall-clock bound
 * is generous: an emulated machine may give us a small share of a CPU.
 */
void ut_burn_cpu_ms(unsigned int ms)
{
	uint64_t start = ut_cputime_ns(CLOCK_THREAD_CPUTIME_ID);
	uint64_t deadline = ut_now_ns() + 5000000000ULL;
	volatile unsigned long spin = 0;

	while (ut_cputime_ns(CLOCK_THREAD_CPUTIME_ID) - start <
	       ms * 1000000ULL) {
		for (int i = 0; i < 10000; i++)
			spin++;
		if (ut_now_ns() > deadline)
			ut_fail("thread CPU time did not grow by %u ms in 5 s",
				ms);
	}
}

/* Wait until *word == value: 1 if it got there within timeout_ms. */
int ut_wait_for(volatile int *word, int value, unsigned int timeout_ms)
{
	uint64_t deadline = ut_now_ns() + timeout_ms * 1000000ULL;

	while (__atomic_load_n(word, __ATOMIC_ACQUIRE) != value) {
		if (ut_now_ns() > deadline)
			return 0;
		sched_yield();
	}
	return 1;
}
