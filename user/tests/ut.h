/*
 * usertests: shared declarations.
 *
 * usertests checks the Linux x86_64 system calls a static musl program
 * relies on (processes, memory, signals, time, files). Each area's tests
 * live in their own file and are listed in a suite (struct ut_suite);
 * main.c runs the suites, each test in a child of its own, and prints
 * KTAP. The helpers here (harness.c) record a failure and end the test's
 * process; those the file tests share are in fsutil.h.
 *
 * The program must pass on Linux: every expectation is what Linux does.
 */
#ifndef USERTESTS_UT_H
#define USERTESTS_UT_H

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/wait.h>

/* musl's <limits.h> may have it as PAGESIZE (4096) already. */
#ifndef PAGE_SIZE
#define PAGE_SIZE	4096UL
#endif
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Linux ABI numbers that musl's headers do not carry (they live in the
 * kernel's uapi headers, which musl-gcc does not see).
 */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_WAIT_BITSET	9
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_WAIT_PRIVATE	(FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE	(FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY	0xffffffff
#define ARCH_SET_GS		0x1001
#define ARCH_SET_FS		0x1002
#define ARCH_GET_FS		0x1003
#define ARCH_GET_GS		0x1004

/* A test's exit status that means "skipped", as automake uses it. */
#define UT_EXIT_SKIP	77
/* What an exec'd `usertests --exec-child ...` exits with when it is happy. */
#define UT_EXEC_OK	42
/* Seconds a test may run before the runner kills it. */
#define UT_TIMEOUT_S	10

struct ut_test {
	const char *name;
	void (*fn)(void);
};

struct ut_suite {
	const char *name;
	const struct ut_test *tests;
	size_t count;
};

#define UT_SUITE(var, sname, array) \
	const struct ut_suite var = { sname, array, ARRAY_SIZE(array) }
#define UT_TEST(fn)	{ #fn, fn }

extern const struct ut_suite ut_memory, ut_vm, ut_process, ut_exec,
	ut_thread, ut_futex, ut_system, ut_auxv, ut_time, ut_signal,
	ut_sigdeliver, ut_sigframe, ut_file, ut_fsmeta, ut_fsdir,
	ut_fd, ut_pipe, ut_poll, ut_devfs,
	ut_procfs, ut_mount, ut_tty, ut_crash, ut_fuzz;

/* main.c: what the running image was started with. */
extern int ut_argc;
extern char **ut_argv;
extern char **ut_envp;
const char *ut_self_path(void);

/* exec.c: `usertests --exec-child MODE ARGS...`, run after an execve. */
int exec_child_main(int argc, char **argv, char **envp);
/* fd.c: `--exec-child fds CLOSED OPEN`: which fds survived execve. */
void fd_exec_check(const char *closed, const char *open);

/* harness.c */
extern char *ut_msg;		/* shared with the runner; NULL after exec */
#define UT_MSG_SIZE	512

__attribute__((noreturn, format(printf, 1, 2)))
void ut_fail(const char *fmt, ...);
__attribute__((noreturn, format(printf, 1, 2)))
void ut_skip(const char *fmt, ...);

const char *ut_errname(int err);
const char *ut_signame(int sig);
const char *ut_status_str(int status, char *buf, size_t len);

void *ut_shared(size_t len);
void *ut_map(size_t len, int prot);
pid_t ut_fork(void);
int ut_wait(pid_t pid);
void ut_expect_exit(pid_t pid, int code, const char *what);
void ut_expect_signal(pid_t pid, int sig, const char *what);
int ut_child_status(void (*fn)(void *), void *arg);
int ut_probe(const volatile void *addr, int write);

/* The kernel's answer: musl's gettid() returns a copy cached in TLS. */
pid_t ut_gettid(void);

uint64_t ut_now_ns(void);
uint64_t ut_cputime_ns(clockid_t clock);
void ut_sleep_ms(unsigned int ms);
void ut_burn_cpu_ms(unsigned int ms);
int ut_wait_for(volatile int *word, int value, unsigned int timeout_ms);

/*
 * Expectations. A failed one records "<what> returned <got>: expected
 * <want>" and ends the test; the first failure recorded is the one shown.
 */
#define EXPECT(cond)							\
	do {								\
		if (!(cond))						\
			ut_fail("%s:%d: expected %s", __FILE__,	\
				__LINE__, #cond);			\
	} while (0)

#define EXPECT_EQ(what, got, want)					\
	do {								\
		long long got_ = (long long)(got);			\
		long long want_ = (long long)(want);			\
		if (got_ != want_)					\
			ut_fail("%s returned %lld: expected %lld",	\
				what, got_, want_);			\
	} while (0)

#define EXPECT_EQX(what, got, want)					\
	do {								\
		unsigned long long got_ = (unsigned long long)(got);	\
		unsigned long long want_ = (unsigned long long)(want);	\
		if (got_ != want_)					\
			ut_fail("%s returned %#llx: expected %#llx",	\
				what, got_, want_);			\
	} while (0)

/* A call that must fail with -1 and errno err. */
#define EXPECT_ERRNO(what, call, err)					\
	do {								\
		errno = 0;						\
		long r_ = (long)(call);					\
		int e_ = errno;						\
		if (r_ != -1 || e_ != (err))				\
			ut_fail("%s returned %ld (%s): expected -1 (%s)", \
				what, r_,				\
				r_ == -1 ? ut_errname(e_) : "no error",	\
				ut_errname(err));			\
	} while (0)

/* A call that must not fail (return -1). */
#define EXPECT_OK(what, call)						\
	do {								\
		errno = 0;						\
		if ((long)(call) == -1)					\
			ut_fail("%s failed: %s", what,			\
				ut_errname(errno));			\
	} while (0)

#endif
