/*
 * usertests: the runner.
 *
 * Runs the tests of every suite (or those named on the command line),
 * each in a forked child with a timeout, and prints KTAP. Booted as the
 * init of an initramfs (PID 1) it mounts the usual file systems first,
 * ignoring failures, and powers the machine off at the end. The tests
 * themselves are in the other files of this directory, one per area.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "ut.h"
#include "fsutil.h"

int ut_argc;
char **ut_argv;
char **ut_envp;

static const struct ut_suite *const suites[] = {
	&ut_memory, &ut_vm, &ut_process, &ut_exec, &ut_thread, &ut_futex,
	&ut_system, &ut_auxv, &ut_time, &ut_signal, &ut_sigdeliver,
	&ut_sigframe, &ut_file, &ut_fsmeta, &ut_fsdir, &ut_fd,
	&ut_pipe, &ut_poll, &ut_devfs, &ut_procfs,
	&ut_mount, &ut_tty, &ut_crash, &ut_fuzz,
};

enum result { RES_PASS, RES_FAIL, RES_SKIP };

static volatile sig_atomic_t timed_out;
static char fallback_msg[UT_MSG_SIZE];

static void on_timeout(int sig)
{
	timed_out = 1;
}

const char *ut_self_path(void)
{
	const char *path = (const char *)getauxval(AT_EXECFN);

	return path ? path : ut_argv[0];
}

/* The test's process: a clean slate of signals, its own process group. */
static void start_test(const struct ut_test *t)
{
	sigset_t none;

	setpgid(0, 0);
	signal(SIGALRM, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	t->fn();
	_exit(0);
}

/* Wait for the test, killing its process group when time runs out. */
static int wait_test(pid_t pid)
{
	int status;

	timed_out = 0;
	alarm(UT_TIMEOUT_S);
	while (waitpid(pid, &status, 0) != pid) {
		if (errno != EINTR) {
			snprintf(ut_msg, UT_MSG_SIZE, "waitpid: %s",
				 ut_errname(errno));
			alarm(0);
			return -1;
		}
		if (timed_out) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		}
	}
	alarm(0);
	/* Whatever the test left behind in its group goes too. */
	kill(-pid, SIGKILL);
	return status;
}

static enum result judge(int status, char *why, size_t len)
{
	char buf[48];

	if (timed_out) {
		snprintf(why, len, "timed out after %d s%s%s", UT_TIMEOUT_S,
			 ut_msg[0] ? ": " : "", ut_msg);
		return RES_FAIL;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return RES_PASS;
	if (WIFEXITED(status) && WEXITSTATUS(status) == UT_EXIT_SKIP) {
		snprintf(why, len, "%s", ut_msg);
		return RES_SKIP;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 1 && ut_msg[0]) {
		snprintf(why, len, "%s", ut_msg);
		return RES_FAIL;
	}
	snprintf(why, len, "test process ended with %s%s%s",
		 ut_status_str(status, buf, sizeof(buf)),
		 ut_msg[0] ? ": " : "", ut_msg);
	return RES_FAIL;
}

static enum result run_test(const struct ut_test *t, int num)
{
	char why[UT_MSG_SIZE + 96];
	enum result res;
	int status;
	pid_t pid;

	memset(ut_msg, 0, UT_MSG_SIZE);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		start_test(t);
	if (pid < 0) {
		snprintf(why, sizeof(why), "fork: %s", ut_errname(errno));
		res = RES_FAIL;
	} else {
		setpgid(pid, pid);
		status = wait_test(pid);
		ut_scratch_remove(pid);
		if (status < 0) {
			snprintf(why, sizeof(why), "%s", ut_msg);
			res = RES_FAIL;
		} else {
			res = judge(status, why, sizeof(why));
		}
	}
	/* Orphans of earlier tests come to PID 1: bury them. */
	while (waitpid(-1, &status, WNOHANG) > 0)
		;
	for (char *c = why; *c; c++)
		if (*c == '\n')
			*c = ' ';
	if (res == RES_PASS)
		printf("ok %d %s\n", num, t->name);
	else if (res == RES_SKIP)
		printf("ok %d %s # SKIP %s\n", num, t->name, why);
	else
		printf("not ok %d %s # %s\n", num, t->name, why);
	fflush(stdout);
	return res;
}

/* Is test t (of suite s) asked for by the names on the command line? */
static int selected(const struct ut_suite *s, const struct ut_test *t,
		    char **names, int n)
{
	if (n == 0)
		return 1;
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], t->name) || !strcmp(names[i], s->name))
			return 1;
	return 0;
}

/* Names that match no test and no suite; they are reported, not run. */
static int check_names(char **names, int n)
{
	int bad = 0;

	for (int i = 0; i < n; i++) {
		int found = 0;

		for (size_t s = 0; s < ARRAY_SIZE(suites); s++)
			for (size_t j = 0; j < suites[s]->count; j++)
				found |= selected(suites[s],
						  &suites[s]->tests[j],
						  &names[i], 1);
		if (!found) {
			fprintf(stderr,
				"usertests: no test or suite named %s\n",
				names[i]);
			bad++;
		}
	}
	return bad;
}

static int count_selected(char **names, int n)
{
	int count = 0;

	for (size_t s = 0; s < ARRAY_SIZE(suites); s++)
		for (size_t j = 0; j < suites[s]->count; j++)
			count += selected(suites[s], &suites[s]->tests[j],
					  names, n);
	return count;
}

/* Run the selected tests; the number that failed. */
static int run_all(char **names, int n)
{
	int num = 0, passed = 0, failed = 0, skipped = 0;
	struct sigaction sa = { .sa_handler = on_timeout };

	sigaction(SIGALRM, &sa, NULL);
	printf("KTAP version 1\n1..%d\n", count_selected(names, n));
	for (size_t s = 0; s < ARRAY_SIZE(suites); s++) {
		for (size_t j = 0; j < suites[s]->count; j++) {
			const struct ut_test *t = &suites[s]->tests[j];

			if (!selected(suites[s], t, names, n))
				continue;
			switch (run_test(t, ++num)) {
			case RES_PASS: passed++; break;
			case RES_SKIP: skipped++; break;
			case RES_FAIL: failed++; break;
			}
		}
	}
	printf("# usertests: %d passed, %d failed, %d skipped\n", passed,
	       failed, skipped);
	fflush(stdout);
	return failed;
}

static void list_tests(void)
{
	for (size_t s = 0; s < ARRAY_SIZE(suites); s++)
		for (size_t j = 0; j < suites[s]->count; j++)
			printf("%s %s\n", suites[s]->name,
			       suites[s]->tests[j].name);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: usertests [NAME...]\n"
		"       usertests -l\n"
		"Run the system-call tests (all, or those whose test or suite\n"
		"name is given), each in a child process, and print KTAP.\n"
		"  -l, --list   list the tests as SUITE NAME\n"
		"  -h, --help   show this help\n"
		"Exit status: 0 if every test passed, 1 if one failed, 2 on\n"
		"a usage error. As PID 1 it powers the machine off instead.\n");
}

/*
 * As the init of an initramfs: mount what a system has, where it can.
 * Ferrite has no file systems yet, so every failure is ignored. Linux
 * starts init without a console when the archive has no /dev/console;
 * then devtmpfs provides one.
 */
static void init_system(void)
{
	/* Linux starts init in session 0; a real init makes its own. */
	setsid();
	mount("proc", "/proc", "proc", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	if (write(1, "", 0) < 0 && errno == EBADF) {
		int fd = open("/dev/console", O_RDWR);

		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
	}
}

static int parse_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			exit(0);
		}
		if (!strcmp(argv[i], "-l") || !strcmp(argv[i], "--list")) {
			list_tests();
			exit(0);
		}
		if (argv[i][0] == '-') {
			fprintf(stderr, "usertests: unknown option %s\n",
				argv[i]);
			usage(stderr);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv, char **envp)
{
	struct rlimit core;
	int pid1 = getpid() == 1;
	int failed;

	ut_argc = argc;
	ut_argv = argv;
	ut_envp = envp;
	if (argc > 1 && !strncmp(argv[1], "--exec-child", 12))
		return exec_child_main(argc, argv, envp);
	if (pid1)
		init_system();
	else if (parse_args(argc, argv) || check_names(argv + 1, argc - 1))
		return 2;
	/* Crash tests must not litter core files. */
	if (getrlimit(RLIMIT_CORE, &core) == 0) {
		core.rlim_cur = 0;
		setrlimit(RLIMIT_CORE, &core);
	}
	ut_msg = mmap(NULL, UT_MSG_SIZE, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (ut_msg == MAP_FAILED) {
		/* Run anyway: failures then say only how the test ended. */
		printf("# usertests: no shared memory (%s): failure "
		       "messages are lost\n", ut_errname(errno));
		ut_msg = fallback_msg;
	}
	if (pid1)
		check_names(argv + 1, argc - 1);
	failed = run_all(argv + 1, argc - 1);
	if (pid1) {
		sync();
		reboot(RB_POWER_OFF);
		perror("usertests: reboot");
		for (;;)
			pause();
	}
	return failed ? 1 : 0;
}
