/*
 * usertests: the descriptor table: dup, dup2, dup3, the fcntl commands
 * for descriptors and status flags, close and close_range, close-on-exec
 * across execve (checked in the new image by `--exec-child fds`),
 * RLIMIT_NOFILE, and open file descriptions shared by dup, fork and
 * CLONE_FILES.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "ut.h"
#include "fsutil.h"

#define SMALL_NOFILE	20	/* the RLIMIT_NOFILE tests set */
#define CLONE_STACK	(64 * 1024)

/*
 * musl's dup3() checks for equal fds and ignores flags but O_CLOEXEC
 * itself, and its fcntl(F_DUPFD_CLOEXEC) and open(O_CLOEXEC) set
 * FD_CLOEXEC again with F_SETFD: call the kernel directly to test it.
 */
static int sys_dup3(int oldfd, int newfd, int flags)
{
	return syscall(SYS_dup3, oldfd, newfd, flags);
}

static int sys_dupfd_cloexec(int fd, int min)
{
	return syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, min);
}

static int sys_open(const char *path, int flags)
{
	return syscall(SYS_open, path, flags, 0);
}

static int fd_is_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1 || errno != EBADF;
}

static void expect_open(int fd, const char *what)
{
	if (!fd_is_open(fd))
		ut_fail("fd %d (%s) is closed: expected it open", fd, what);
}

static void expect_closed(int fd, const char *what)
{
	if (fd_is_open(fd))
		ut_fail("fd %d (%s) is open: expected it closed", fd, what);
}

/* A scratch file holding "0123456789", open read-only. */
static int digits_fd(void)
{
	ut_scratch();
	ut_puts("digits", "0123456789");
	return ut_open("digits", O_RDONLY, 0);
}

static char read_char(int fd)
{
	char c;

	EXPECT_EQ("read of 1 byte", read(fd, &c, 1), 1);
	return c;
}

/* Duplicates share the offset and status flags, not FD_CLOEXEC. */
static void dup_shares_offset(void)
{
	int fd = digits_fd(), d, other;

	EXPECT_OK("F_SETFD(FD_CLOEXEC)", fcntl(fd, F_SETFD, FD_CLOEXEC));
	d = dup(fd);
	EXPECT(d > fd);
	EXPECT_EQ("F_GETFD of a dup", fcntl(d, F_GETFD), 0);
	EXPECT_EQ("first byte through the original", read_char(fd), '0');
	EXPECT_EQ("next byte through the dup", read_char(d), '1');
	EXPECT_EQ("lseek through the dup", lseek(d, 5, SEEK_SET), 5);
	EXPECT_EQ("offset seen through the original", lseek(fd, 0, SEEK_CUR),
		  5);
	EXPECT_OK("F_SETFL(O_NONBLOCK)", fcntl(d, F_SETFL, O_NONBLOCK));
	EXPECT(fcntl(fd, F_GETFL) & O_NONBLOCK);
	/* A second open is a description of its own. */
	other = ut_open("digits", O_RDONLY, 0);
	EXPECT_EQ("first byte of another open", read_char(other), '0');
	EXPECT_EQ("close of the original", close(fd), 0);
	EXPECT_EQ("the dup after the original is closed", read_char(d), '5');
	EXPECT_EQ("dup takes the lowest free fd", dup(other), fd);
	EXPECT_ERRNO("dup(-1)", dup(-1), EBADF);
	EXPECT_ERRNO("dup(closed fd)", dup(999), EBADF);
}

static void dup2_dup3(void)
{
	struct rlimit rl;
	int fd = digits_fd(), target;

	ut_puts("other", "abc");
	target = ut_open("other", O_RDONLY, 0);
	EXPECT_EQ("dup2(fd, fd)", dup2(fd, fd), fd);
	EXPECT_EQ("dup2 onto an open fd", dup2(fd, target), target);
	EXPECT_EQ("read through the replaced fd", read_char(target), '0');
	EXPECT_EQ("dup2 to a high fd", dup2(fd, 100), 100);
	EXPECT_EQ("read through fd 100", read_char(100), '1');
	EXPECT_OK("F_SETFD(FD_CLOEXEC)", fcntl(100, F_SETFD, FD_CLOEXEC));
	EXPECT_EQ("dup2 onto a close-on-exec fd", dup2(fd, 100), 100);
	EXPECT_EQ("F_GETFD after dup2 clears it", fcntl(100, F_GETFD), 0);
	EXPECT_ERRNO("dup2(closed, fd)", dup2(999, fd), EBADF);
	EXPECT_ERRNO("dup2(closed, itself)", dup2(999, 999), EBADF);
	EXPECT_ERRNO("dup2(fd, -1)", dup2(fd, -1), EBADF);
	getrlimit(RLIMIT_NOFILE, &rl);
	EXPECT_ERRNO("dup2(fd, RLIMIT_NOFILE)", dup2(fd, rl.rlim_cur), EBADF);
	EXPECT_EQ("dup3(O_CLOEXEC)", sys_dup3(fd, 101, O_CLOEXEC), 101);
	EXPECT_EQ("F_GETFD after dup3(O_CLOEXEC)", fcntl(101, F_GETFD),
		  FD_CLOEXEC);
	EXPECT_EQ("dup3(0)", sys_dup3(fd, 101, 0), 101);
	EXPECT_EQ("F_GETFD after dup3(0)", fcntl(101, F_GETFD), 0);
	EXPECT_ERRNO("dup3(fd, fd)", sys_dup3(fd, fd, 0), EINVAL);
	EXPECT_ERRNO("dup3(bad flags)", sys_dup3(fd, 102, O_NONBLOCK),
		     EINVAL);
	expect_closed(102, "target of a failed dup3");
}

static void fcntl_dupfd(void)
{
	struct rlimit rl;
	int fd = digits_fd();

	EXPECT_EQ("F_DUPFD(50)", fcntl(fd, F_DUPFD, 50), 50);
	EXPECT_EQ("F_DUPFD(50) again", fcntl(fd, F_DUPFD, 50), 51);
	EXPECT_EQ("F_GETFD of an F_DUPFD copy", fcntl(51, F_GETFD), 0);
	EXPECT_EQ("F_DUPFD_CLOEXEC(50)", sys_dupfd_cloexec(fd, 50), 52);
	EXPECT_EQ("F_GETFD of an F_DUPFD_CLOEXEC copy", fcntl(52, F_GETFD),
		  FD_CLOEXEC);
	EXPECT_EQ("F_DUPFD(0) takes the lowest", fcntl(fd, F_DUPFD, 0),
		  fd + 1);
	EXPECT_EQ("read through an F_DUPFD copy", read_char(50), '0');
	EXPECT_EQ("read through the original", read_char(fd), '1');
	getrlimit(RLIMIT_NOFILE, &rl);
	EXPECT_ERRNO("F_DUPFD(RLIMIT_NOFILE)",
		     fcntl(fd, F_DUPFD, rl.rlim_cur), EINVAL);
	EXPECT_ERRNO("F_DUPFD(-1)", fcntl(fd, F_DUPFD, -1), EINVAL);
	EXPECT_ERRNO("F_DUPFD of a closed fd", fcntl(999, F_DUPFD, 0), EBADF);
}

static void fcntl_flags(void)
{
	int fd = digits_fd(), fds[2];
	char c;

	EXPECT_EQ("F_GETFD", fcntl(fd, F_GETFD), 0);
	EXPECT_EQ("F_SETFD(FD_CLOEXEC)", fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	EXPECT_EQ("F_GETFD after F_SETFD", fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ("F_SETFD(0)", fcntl(fd, F_SETFD, 0), 0);
	EXPECT_EQ("F_GETFD after F_SETFD(0)", fcntl(fd, F_GETFD), 0);
	EXPECT_EQX("F_GETFL of an O_RDONLY file",
		   fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK),
		   O_RDONLY);
	close(fd);
	fd = ut_open("digits", O_RDWR | O_APPEND, 0);
	EXPECT_EQX("F_GETFL of an O_RDWR|O_APPEND file",
		   fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK),
		   O_RDWR | O_APPEND);
	EXPECT_OK("F_SETFL(0)", fcntl(fd, F_SETFL, 0));
	EXPECT_EQ("write without O_APPEND", write(fd, "X", 1), 1);
	EXPECT_EQ("offset after that write", lseek(fd, 0, SEEK_CUR), 1);
	EXPECT_OK("F_SETFL(O_APPEND)", fcntl(fd, F_SETFL, O_APPEND));
	EXPECT_EQ("write with O_APPEND", write(fd, "Y", 1), 1);
	EXPECT_EQ("offset after an O_APPEND write", lseek(fd, 0, SEEK_CUR),
		  11);
	/* The access mode cannot be changed. */
	EXPECT_OK("F_SETFL(O_WRONLY)", fcntl(fd, F_SETFL, O_WRONLY));
	EXPECT_EQ("access mode after F_SETFL(O_WRONLY)",
		  fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	EXPECT_OK("pipe", pipe(fds));
	EXPECT_OK("F_SETFL(O_NONBLOCK) on a pipe",
		  fcntl(fds[0], F_SETFL, O_NONBLOCK));
	EXPECT_ERRNO("read from an empty O_NONBLOCK pipe",
		     read(fds[0], &c, 1), EAGAIN);
	EXPECT_OK("F_SETFL(0) on a pipe", fcntl(fds[0], F_SETFL, 0));
	EXPECT_EQ("F_GETFL after clearing O_NONBLOCK",
		  fcntl(fds[0], F_GETFL) & O_NONBLOCK, 0);
	EXPECT_ERRNO("fcntl(cmd 12345)", fcntl(fd, 12345), EINVAL);
	EXPECT_ERRNO("F_GETFD of a closed fd", fcntl(999, F_GETFD), EBADF);
	EXPECT_ERRNO("F_SETFL of a closed fd", fcntl(999, F_SETFL, 0), EBADF);
}

static void close_errors(void)
{
	int fd = digits_fd();

	EXPECT_OK("close", close(fd));
	EXPECT_ERRNO("close again", close(fd), EBADF);
	EXPECT_ERRNO("close(-1)", close(-1), EBADF);
	EXPECT_ERRNO("close(1 << 20)", close(1 << 20), EBADF);
}

static long close_range(unsigned int lo, unsigned int hi, unsigned int fl)
{
	return syscall(SYS_close_range, lo, hi, fl);
}

static void close_range_basic(void)
{
	int fd = digits_fd();

	for (int i = 40; i < 50; i++)
		EXPECT_EQ("dup2", dup2(fd, i), i);
	EXPECT_OK("close_range(42, 44)", close_range(42, 44, 0));
	expect_open(41, "below the range");
	expect_closed(42, "start of the range");
	expect_closed(44, "end of the range");
	expect_open(45, "above the range");
	EXPECT_OK("close_range(46, ~0)", close_range(46, ~0U, 0));
	expect_open(45, "below the range");
	expect_closed(49, "in the range up to ~0");
	EXPECT_OK("close_range(40, 41, CLOSE_RANGE_CLOEXEC)",
		  close_range(40, 41, CLOSE_RANGE_CLOEXEC));
	EXPECT_EQ("F_GETFD after CLOSE_RANGE_CLOEXEC", fcntl(40, F_GETFD),
		  FD_CLOEXEC);
	EXPECT_EQ("F_GETFD just above it", fcntl(45, F_GETFD), 0);
	EXPECT_OK("close_range of closed fds", close_range(200, 300, 0));
	EXPECT_ERRNO("close_range(hi < lo)", close_range(45, 40, 0), EINVAL);
	EXPECT_ERRNO("close_range(bad flags)", close_range(40, 45, 1U << 30),
		     EINVAL);
	expect_open(45, "after failed close_ranges");
}

/* exec'd side: `usertests --exec-child fds CLOSED OPEN`, comma lists. */
void fd_exec_check(const char *closed, const char *open)
{
	char *end;

	for (long fd = strtol(closed, &end, 10); end != closed;
	     fd = strtol(closed, &end, 10)) {
		if (fd_is_open(fd))
			ut_fail("close-on-exec fd %ld is open after execve",
				fd);
		closed = *end ? end + 1 : end;
	}
	for (long fd = strtol(open, &end, 10); end != open;
	     fd = strtol(open, &end, 10)) {
		char c = 0;

		if (!fd_is_open(fd))
			ut_fail("fd %ld is closed after execve", fd);
		if (read(fd, &c, 1) != 1 || c != '4')
			ut_fail("fd %ld read '%c' after execve: expected '4' "
				"(the offset kept)", fd, c);
		open = *end ? end + 1 : end;
	}
}

/* Run `usertests --exec-child fds CLOSED OPEN` from directory cwd. */
static void exec_with_fds(int cwd, const char *closed, const char *open)
{
	char *args[] = { "usertests", "--exec-child", "fds", (char *)closed,
			 (char *)open, NULL };
	char *env[] = { NULL };
	char buf[48];
	pid_t pid = ut_fork();
	int status;

	if (pid == 0) {
		/* ut_self_path() may be relative to where we started. */
		fchdir(cwd);
		execve(ut_self_path(), args, env);
		ut_fail("execve(%s) failed: %s", ut_self_path(),
			ut_errname(errno));
	}
	status = ut_wait(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != UT_EXEC_OK)
		ut_fail("exec'd child checking fds ended with %s: expected "
			"exit %d", ut_status_str(status, buf, sizeof(buf)),
			UT_EXEC_OK);
}

/* Each way of setting FD_CLOEXEC closes the fd in the new image. */
static void cloexec_across_exec(void)
{
	int cwd = ut_open(".", O_RDONLY | O_DIRECTORY, 0);
	int fd = digits_fd(), fds[2], oc;
	char closed[64];

	EXPECT_EQ("lseek", lseek(fd, 4, SEEK_SET), 4);
	EXPECT_EQ("dup2", dup2(fd, 30), 30);			/* kept */
	EXPECT_EQ("dup3(O_CLOEXEC)", sys_dup3(fd, 31, O_CLOEXEC), 31);
	EXPECT_EQ("F_DUPFD_CLOEXEC", sys_dupfd_cloexec(fd, 32), 32);
	EXPECT_EQ("dup2", dup2(fd, 33), 33);
	EXPECT_OK("F_SETFD(FD_CLOEXEC)", fcntl(33, F_SETFD, FD_CLOEXEC));
	EXPECT_OK("pipe2(O_CLOEXEC)", pipe2(fds, O_CLOEXEC));
	EXPECT_EQ("dup3", sys_dup3(fds[0], 35, O_CLOEXEC), 35);
	EXPECT_EQ("dup3", sys_dup3(fds[1], 36, O_CLOEXEC), 36);
	EXPECT_EQ("dup2", dup2(fd, 37), 37);
	EXPECT_EQ("dup2", dup2(fd, 38), 38);
	EXPECT_OK("close_range(37, 38, CLOSE_RANGE_CLOEXEC)",
		  close_range(37, 38, CLOSE_RANGE_CLOEXEC));
	oc = sys_open("digits", O_RDONLY | O_CLOEXEC);
	EXPECT_EQ("F_GETFD of an open(O_CLOEXEC)", fcntl(oc, F_GETFD),
		  FD_CLOEXEC);
	snprintf(closed, sizeof(closed), "31,32,33,%d,%d,35,36,37,38,%d",
		 fds[0], fds[1], oc);
	exec_with_fds(cwd, closed, "30");
}

static void rlimit_nofile(void)
{
	struct rlimit rl = { SMALL_NOFILE, SMALL_NOFILE };
	int fd = digits_fd(), last = -1, n, fds[2];

	EXPECT_OK("setrlimit(RLIMIT_NOFILE, 20)",
		  setrlimit(RLIMIT_NOFILE, &rl));
	while ((n = open("digits", O_RDONLY)) >= 0)
		last = n;
	EXPECT_ERRNO("open with every fd below the limit taken",
		     open("digits", O_RDONLY), EMFILE);
	EXPECT_EQ("the highest fd open", last, SMALL_NOFILE - 1);
	EXPECT_ERRNO("dup at the limit", dup(fd), EMFILE);
	EXPECT_ERRNO("F_DUPFD at the limit", fcntl(fd, F_DUPFD, 0), EMFILE);
	EXPECT_ERRNO("pipe at the limit", pipe(fds), EMFILE);
	EXPECT_ERRNO("dup2 to the limit", dup2(fd, SMALL_NOFILE), EBADF);
	EXPECT_ERRNO("F_DUPFD(limit)", fcntl(fd, F_DUPFD, SMALL_NOFILE),
		     EINVAL);
	EXPECT_OK("close", close(7));
	EXPECT_EQ("open after freeing fd 7", open("digits", O_RDONLY), 7);
	/* Lowering the limit does not close what is open above it. */
	rl.rlim_cur = 10;
	EXPECT_OK("setrlimit(RLIMIT_NOFILE, 10)",
		  setrlimit(RLIMIT_NOFILE, &rl));
	expect_open(SMALL_NOFILE - 1, "above a lowered limit");
	EXPECT_OK("close", close(12));
	EXPECT_ERRNO("open of fd 12 above the lowered limit",
		     open("digits", O_RDONLY), EMFILE);
}

/* Parent and child share the description, and so its offset. */
static void offset_shared_after_fork(void)
{
	int fd = digits_fd();
	pid_t pid;

	EXPECT_EQ("read in the parent", read_char(fd), '0');
	pid = ut_fork();
	if (pid == 0)
		_exit(read_char(fd) == '1' && lseek(fd, 6, SEEK_SET) == 6 ?
		      0 : 1);
	ut_expect_exit(pid, 0, "child reading '1' and seeking to 6");
	EXPECT_EQ("read after the child moved the offset", read_char(fd),
		  '6');
	/* Descriptors the child opens or closes are its own. */
	pid = ut_fork();
	if (pid == 0) {
		close(fd);
		_exit(ut_open("digits", O_RDONLY, 0) == fd ? 0 : 1);
	}
	ut_expect_exit(pid, 0, "child closing and reopening");
	EXPECT_EQ("read after the child closed its copy", read_char(fd),
		  '7');
	expect_closed(fd + 1, "opened by the child");
}

static void *open_in_thread(void *arg)
{
	int *fdp = arg;

	*fdp = open("digits", O_RDONLY);
	return NULL;
}

static void *close_in_thread(void *arg)
{
	close(*(int *)arg);
	return NULL;
}

static int clone_files_child(void *arg)
{
	volatile int *shared = arg;

	shared[0] = open("digits", O_RDONLY);
	close(shared[1]);
	return 0;
}

/* Threads share one table; so does any clone with CLONE_FILES. */
static void clone_files_shared(void)
{
	volatile int *shared = ut_shared(PAGE_SIZE);
	char *stack = ut_map(CLONE_STACK, PROT_READ | PROT_WRITE);
	int fd = digits_fd(), tfd = -1;
	pthread_t t;
	pid_t pid;

	EXPECT_EQ("pthread_create",
		  pthread_create(&t, NULL, open_in_thread, &tfd), 0);
	pthread_join(t, NULL);
	EXPECT(tfd > fd);
	EXPECT_EQ("read of the thread's fd", read_char(tfd), '0');
	EXPECT_EQ("pthread_create",
		  pthread_create(&t, NULL, close_in_thread, &tfd), 0);
	pthread_join(t, NULL);
	expect_closed(tfd, "closed by a thread");
	shared[1] = dup(fd);
	pid = clone(clone_files_child, stack + CLONE_STACK,
		    CLONE_FILES | SIGCHLD, (void *)shared);
	if (pid < 0)
		ut_fail("clone(CLONE_FILES) failed: %s", ut_errname(errno));
	ut_expect_exit(pid, 0, "CLONE_FILES child");
	EXPECT(shared[0] >= 0);
	EXPECT_EQ("read of the fd the CLONE_FILES child opened",
		  read_char(shared[0]), '0');
	expect_closed(shared[1], "closed by the CLONE_FILES child");
}

static const struct ut_test tests[] = {
	UT_TEST(dup_shares_offset),
	UT_TEST(dup2_dup3),
	UT_TEST(fcntl_dupfd),
	UT_TEST(fcntl_flags),
	UT_TEST(close_errors),
	UT_TEST(close_range_basic),
	UT_TEST(cloexec_across_exec),
	UT_TEST(rlimit_nofile),
	UT_TEST(offset_shared_after_fork),
	UT_TEST(clone_files_shared),
};

UT_SUITE(ut_fd, "fd", tests);
