/*
 * usertests: execve. The tests run this very binary again as
 * `usertests --exec-child MODE ARGS...`; exec_child_main() checks what the
 * new image got (arguments, environment, pid, signals, memory) and exits
 * with UT_EXEC_OK when all is well. The `#!` tests need the fixtures
 * user/tests/mkcpio puts in the initramfs under /tests.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "ut.h"

#define SCRIPT		"/tests/hello.sh"
#define SCRIPT_NOEXEC	"/tests/noexec.sh"
#define SCRIPT_NOINTERP	"/tests/nointerp.sh"
/* Where exec_fresh_memory maps a page that must not survive execve. */
#define STALE_ADDR	0x300000000000UL

static char *const child_env[] = { "UT_A=1", "UT_B=two words", NULL };

/* exec'd side ------------------------------------------------------- */

static void check_argv(char **argv)
{
	static const char *const want[] = { "a", "b c", "" };

	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		if (!argv[i] || strcmp(argv[i], want[i]))
			ut_fail("argv[%zu] is \"%s\": expected \"%s\"", i + 3,
				argv[i] ? argv[i] : "(null)", want[i]);
	if (argv[3])
		ut_fail("argv[6] is not NULL");
}

static void check_env(char **envp)
{
	size_t i;

	for (i = 0; child_env[i]; i++)
		if (!envp[i] || strcmp(envp[i], child_env[i]))
			ut_fail("envp[%zu] is \"%s\": expected \"%s\"", i,
				envp[i] ? envp[i] : "(null)", child_env[i]);
	if (envp[i])
		ut_fail("envp[%zu] is \"%s\": expected NULL", i, envp[i]);
}

/* Handlers are reset, ignored signals stay ignored, mask and pending
 * signals are kept. */
static void check_signals(void)
{
	struct sigaction sa;
	sigset_t set;

	sigaction(SIGUSR1, NULL, &sa);
	if (sa.sa_handler != SIG_DFL)
		ut_fail("SIGUSR1's handler survived execve");
	sigaction(SIGUSR2, NULL, &sa);
	if (sa.sa_handler != SIG_IGN)
		ut_fail("ignored SIGUSR2 is no longer ignored after execve");
	sigprocmask(SIG_SETMASK, NULL, &set);
	if (!sigismember(&set, SIGTERM))
		ut_fail("blocked SIGTERM was unblocked by execve");
	sigpending(&set);
	if (!sigismember(&set, SIGTERM))
		ut_fail("pending SIGTERM was dropped by execve");
}

static void check_script(int argc, char **argv)
{
	const char *execfn = (const char *)getauxval(AT_EXECFN);

	if (argc != 4 || strcmp(argv[0], "/init") ||
	    strcmp(argv[2], SCRIPT) || strcmp(argv[3], "arg1"))
		ut_fail("script got argc %d, argv \"%s\" \"%s\" \"%s\": "
			"expected 4, \"/init\" \"--exec-child script\" \"%s\" "
			"\"arg1\"", argc, argv[0], argv[1],
			argc > 2 ? argv[2] : "", SCRIPT);
	if (!execfn || strcmp(execfn, SCRIPT))
		ut_fail("script's AT_EXECFN is \"%s\": expected \"%s\"",
			execfn ? execfn : "(null)", SCRIPT);
}

static void check_mode(const char *mode, int argc, char **argv,
		       char **envp)
{
	if (!strcmp(mode, "argv") && argc == 6) {
		check_argv(argv + 3);
		check_env(envp);
	} else if (!strcmp(mode, "pid") && argc == 5) {
		EXPECT_EQ("getpid after execve", getpid(), atoi(argv[3]));
		EXPECT_EQ("getppid after execve", getppid(), atoi(argv[4]));
		EXPECT_EQ("gettid after execve", ut_gettid(), getpid());
	} else if (!strcmp(mode, "signals")) {
		check_signals();
	} else if (!strcmp(mode, "memory")) {
		EXPECT_ERRNO("mprotect of a page mapped before execve",
			     mprotect((void *)STALE_ADDR, PAGE_SIZE,
				      PROT_READ), ENOMEM);
	} else if (!strcmp(mode, "execfn") && argc == 4) {
		const char *fn = (const char *)getauxval(AT_EXECFN);

		if (!fn || strcmp(fn, argv[3]))
			ut_fail("AT_EXECFN is \"%s\": expected \"%s\"",
				fn ? fn : "(null)", argv[3]);
		EXPECT_EQ("argv[0] (\"x\") length", strlen(argv[0]), 1);
	} else if (!strcmp(mode, "fds") && argc == 5) {
		fd_exec_check(argv[3], argv[4]);
	} else if (!strcmp(mode, "sleep") && argc == 5) {
		ut_sleep_ms(atoi(argv[3]));
		_exit(atoi(argv[4]));
	} else {
		ut_fail("unknown --exec-child mode %s or wrong argc %d", mode,
			argc);
	}
}

int exec_child_main(int argc, char **argv, char **envp)
{
	if (!strcmp(argv[1], "--exec-child script"))
		check_script(argc, argv);
	else if (!strcmp(argv[1], "--exec-child") && argc > 2)
		check_mode(argv[2], argc, argv, envp);
	else
		ut_fail("bad --exec-child arguments");
	return UT_EXEC_OK;
}

/* exec'ing side ----------------------------------------------------- */

/* Run `usertests --exec-child MODE a...` in a child; its wait status. */
static int exec_child(char **args, char *const *env)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		execve(ut_self_path(), args, env);
		ut_fail("execve(%s) failed: %s", ut_self_path(),
			ut_errname(errno));
	}
	return ut_wait(pid);
}

static void expect_exec_ok(int status, const char *what)
{
	char buf[48];

	if (!WIFEXITED(status) || WEXITSTATUS(status) != UT_EXEC_OK)
		ut_fail("%s: exec'd child ended with %s: expected exit %d",
			what, ut_status_str(status, buf, sizeof(buf)),
			UT_EXEC_OK);
}

static void execve_argv_envp(void)
{
	char *args[] = { "usertests", "--exec-child", "argv", "a", "b c", "",
			 NULL };

	expect_exec_ok(exec_child(args, child_env), "argv and envp");
}

static void execve_keeps_pid(void)
{
	char pid[16], ppid[16];
	char *args[] = { "usertests", "--exec-child", "pid", pid, ppid, NULL };
	pid_t child = ut_fork();

	if (child == 0) {
		snprintf(pid, sizeof(pid), "%d", getpid());
		snprintf(ppid, sizeof(ppid), "%d", getppid());
		execve(ut_self_path(), args, child_env);
		ut_fail("execve: %s", ut_errname(errno));
	}
	expect_exec_ok(ut_wait(child), "pid and ppid");
}

static void never_called(int sig)
{
	ut_fail("handler for %s ran", ut_signame(sig));
}

/* Pending signals are not inherited by fork: set the state up after. */
static void execve_signal_state(void)
{
	char *args[] = { "usertests", "--exec-child", "signals", NULL };
	pid_t pid = ut_fork();
	sigset_t set;

	if (pid == 0) {
		signal(SIGUSR1, never_called);
		signal(SIGUSR2, SIG_IGN);
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigprocmask(SIG_BLOCK, &set, NULL);
		raise(SIGTERM);
		execve(ut_self_path(), args, child_env);
		ut_fail("execve: %s", ut_errname(errno));
	}
	expect_exec_ok(ut_wait(pid), "signal state");
}

static void execve_fresh_memory(void)
{
	char *args[] = { "usertests", "--exec-child", "memory", NULL };
	void *p = mmap((void *)STALE_ADDR, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		       -1, 0);

	EXPECT_EQX("mmap(MAP_FIXED_NOREPLACE)", p, STALE_ADDR);
	expect_exec_ok(exec_child(args, child_env), "memory");
}

static void execve_execfn(void)
{
	char *args[] = { "x", "--exec-child", "execfn",
			 (char *)ut_self_path(), NULL };

	expect_exec_ok(exec_child(args, child_env), "AT_EXECFN");
}

static void execve_errors(void)
{
	char *args[] = { "usertests", NULL };
	char path[4096];

	snprintf(path, sizeof(path), "%s/x", ut_self_path());
	EXPECT_ERRNO("execve(nonexistent)",
		     execve("/nonexistent/usertests", args, child_env), ENOENT);
	EXPECT_ERRNO("execve(\"\")", execve("", args, child_env), ENOENT);
	EXPECT_ERRNO("execve(file/x)", execve(path, args, child_env),
		     ENOTDIR);
	EXPECT_ERRNO("execve(\"/\")", execve("/", args, child_env), EACCES);
	EXPECT_ERRNO("execve(bad path pointer)",
		     syscall(SYS_execve, (char *)8, args, child_env), EFAULT);
	EXPECT_ERRNO("execve(bad argv pointer)",
		     syscall(SYS_execve, ut_self_path(), (char **)8,
			     child_env), EFAULT);
	args[0] = (char *)8;
	EXPECT_ERRNO("execve(bad argv[0])",
		     syscall(SYS_execve, ut_self_path(), args, child_env),
		     EFAULT);
}

/* The parent of a vfork runs again as soon as the child execs. */
static void vfork_exec(void)
{
	char *args[] = { "usertests", "--exec-child", "sleep", "300", "5",
			 NULL };
	const char *self = ut_self_path();
	pid_t pid = vfork();

	if (pid == 0) {
		execve(self, args, child_env);
		_exit(127);
	}
	EXPECT(pid > 0);
	EXPECT_EQ("wait4(WNOHANG) right after vfork returned",
		  wait4(pid, NULL, WNOHANG, NULL), 0);
	ut_expect_exit(pid, 5, "exec'd vfork child");
}

static void *exec_thread(void *arg)
{
	execve(ut_self_path(), arg, child_env);
	ut_fail("execve from a thread: %s", ut_errname(errno));
}

/* A thread that execs takes over the process: same pid, one thread. */
static void exec_from_thread(void)
{
	char pid_s[16], ppid_s[16];
	char *args[] = { "usertests", "--exec-child", "pid", pid_s, ppid_s,
			 NULL };
	pid_t pid = ut_fork();
	pthread_t t;

	if (pid == 0) {
		snprintf(pid_s, sizeof(pid_s), "%d", getpid());
		snprintf(ppid_s, sizeof(ppid_s), "%d", getppid());
		if (pthread_create(&t, NULL, exec_thread, args))
			ut_fail("pthread_create failed");
		for (;;)
			pause();
	}
	expect_exec_ok(ut_wait(pid), "exec from a thread");
}

/* In the initramfs the fixtures must be there; elsewhere they may not. */
static void need_fixtures(int err)
{
	if (err == ENOENT && getppid() != 1)
		ut_skip("no %s: not run from the initramfs", SCRIPT);
}

static void execve_script(void)
{
	char *args[] = { "hello.sh", "arg1", NULL };
	pid_t pid = ut_fork();
	int status;

	if (pid == 0) {
		execve(SCRIPT, args, child_env);
		_exit(errno == ENOENT ? 100 : 101);
	}
	status = ut_wait(pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 100)
		need_fixtures(ENOENT);
	expect_exec_ok(status, SCRIPT);
}

static void execve_script_errors(void)
{
	char *args[] = { "x", NULL };

	errno = 0;
	if (execve(SCRIPT_NOEXEC, args, child_env) < 0)
		need_fixtures(errno);
	EXPECT_ERRNO("execve(" SCRIPT_NOEXEC ", mode 0644)",
		     execve(SCRIPT_NOEXEC, args, child_env), EACCES);
	EXPECT_ERRNO("execve(" SCRIPT_NOINTERP ")",
		     execve(SCRIPT_NOINTERP, args, child_env), ENOENT);
}

static const struct ut_test tests[] = {
	UT_TEST(execve_argv_envp),
	UT_TEST(execve_keeps_pid),
	UT_TEST(execve_signal_state),
	UT_TEST(execve_fresh_memory),
	UT_TEST(execve_execfn),
	UT_TEST(execve_errors),
	UT_TEST(vfork_exec),
	UT_TEST(exec_from_thread),
	UT_TEST(execve_script),
	UT_TEST(execve_script_errors),
};

UT_SUITE(ut_exec, "exec", tests);
