/*
 * Process, thread and futex figures: the null system call, fork, execve,
 * pthread creation and a futex ping-pong. Children leave with _exit(), so
 * that nothing of the parent's stdio is flushed twice.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

extern char **environ;

/* The futex operations of the Linux ABI (musl ships no linux/futex.h). */
#define FUTEX_WAIT_PRIVATE	(0 | 128)
#define FUTEX_WAKE_PRIVATE	(1 | 128)

int bench_null_syscall(long n, struct bench_run *r)
{
	uint64_t t0 = now_ns();

	/* musl's getppid() is the bare system call, never cached. */
	for (long i = 0; i < n; i++)
		getppid();
	r->ns = now_ns() - t0;
	return 0;
}

int bench_fork_exit(long n, struct bench_run *r)
{
	uint64_t t0 = now_ns();

	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return bench_fail(r, "fork");
		if (pid == 0)
			_exit(0);
		if (bench_wait_child(pid, r) < 0)
			return -1;
	}
	r->ns = now_ns() - t0;
	return 0;
}

/* The child runs this very program, which leaves at once on --exit. */
int bench_fork_exec(long n, struct bench_run *r)
{
	char *argv[] = { (char *)bench_self, "--exit", NULL };
	uint64_t t0 = now_ns();

	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return bench_fail(r, "fork");
		if (pid == 0) {
			execve(bench_self, argv, environ);
			_exit(EXEC_FAILED + (errno < 127 ? errno : 127));
		}
		if (bench_wait_child(pid, r) < 0)
			return -1;
	}
	r->ns = now_ns() - t0;
	return 0;
}

static void *thread_noop(void *arg)
{
	return arg;
}

int bench_thread_create(long n, struct bench_run *r)
{
	uint64_t t0 = now_ns();

	for (long i = 0; i < n; i++) {
		pthread_t t;
		int err = pthread_create(&t, NULL, thread_noop, NULL);

		if (err) {
			errno = err;
			return bench_fail(r, "pthread_create");
		}
		pthread_join(t, NULL);
	}
	r->ns = now_ns() - t0;
	return 0;
}

/*
 * Futex ping-pong. `turn` says whose move it is; each side hands the
 * turn over, wakes the other and sleeps until the turn comes back, so
 * that on one CPU every round trip is two waits, two wakes and two
 * switches. A side that meets an error sets `failed` and hands the turn
 * over anyway, so that the other never sleeps for good.
 */
enum { TURN_MAIN, TURN_PEER };

struct pingpong {
	atomic_int turn;
	atomic_int failed;
	long rounds;
};

static long futex(atomic_int *word, int op, int val)
{
	return syscall(SYS_futex, word, op, val, NULL, NULL, 0);
}

/* Sleeps while *word is `val`; 0, or -1 on an unexpected error. */
static int futex_wait_while(atomic_int *word, int val)
{
	while (atomic_load(word) == val)
		if (futex(word, FUTEX_WAIT_PRIVATE, val) < 0 &&
		    errno != EAGAIN && errno != EINTR)
			return -1;
	return 0;
}

/* Gives the turn away for good after an error, so that no side sleeps on. */
static int pingpong_abort(struct pingpong *pp, int theirs)
{
	atomic_store(&pp->failed, errno ? errno : EINVAL);
	atomic_store(&pp->turn, theirs);
	futex(&pp->turn, FUTEX_WAKE_PRIVATE, 1);
	return -1;
}

/* Hands the turn to the other side and waits for it to come back. */
static int pingpong_move(struct pingpong *pp, int theirs)
{
	atomic_store(&pp->turn, theirs);
	if (futex(&pp->turn, FUTEX_WAKE_PRIVATE, 1) < 0 ||
	    futex_wait_while(&pp->turn, theirs) < 0)
		return pingpong_abort(pp, theirs);
	return atomic_load(&pp->failed) ? -1 : 0;
}

static void *pingpong_peer(void *arg)
{
	struct pingpong *pp = arg;

	if (futex_wait_while(&pp->turn, TURN_MAIN) < 0) {
		pingpong_abort(pp, TURN_MAIN);
		return NULL;
	}
	/* The last move hands the turn back and need not wait. */
	for (long i = 0; i < pp->rounds - 1; i++)
		if (atomic_load(&pp->failed) ||
		    pingpong_move(pp, TURN_MAIN) < 0)
			return NULL;
	atomic_store(&pp->turn, TURN_MAIN);
	futex(&pp->turn, FUTEX_WAKE_PRIVATE, 1);
	return NULL;
}

int bench_futex_pingpong(long n, struct bench_run *r)
{
	struct pingpong pp = { TURN_MAIN, 0, n };
	pthread_t peer;
	uint64_t t0;
	int err;

	if (futex(&pp.turn, FUTEX_WAKE_PRIVATE, 1) < 0)
		return bench_fail(r, "futex");
	err = pthread_create(&peer, NULL, pingpong_peer, &pp);
	if (err) {
		errno = err;
		return bench_fail(r, "pthread_create");
	}
	t0 = now_ns();
	for (long i = 0; i < n; i++)
		if (pingpong_move(&pp, TURN_PEER) < 0)
			break;
	r->ns = now_ns() - t0;
	pthread_join(peer, NULL);
	if (atomic_load(&pp.failed)) {
		errno = atomic_load(&pp.failed);
		return bench_fail(r, "futex");
	}
	return 0;
}
