/*
 * Pipe figures between two processes: a 1-byte round trip over two pipes,
 * and the bandwidth of 64 KiB writes. The child leaves with _exit() and
 * the parent reaps it whatever happened.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

static char block[BENCH_BLOCK];

static void close_pair(int p[2])
{
	close(p[0]);
	close(p[1]);
	p[0] = p[1] = -1;
}

/* Both pipes, or neither. */
static int open_pipes(int a[2], int b[2], struct bench_run *r)
{
	if (pipe(a) < 0)
		return bench_fail(r, "pipe");
	if (pipe(b) < 0) {
		bench_fail(r, "pipe");
		close_pair(a);
		return -1;
	}
	return 0;
}

/*
 * Reaps the child, if there is one; `ret` is the parent's own result,
 * whose reason is kept when both failed.
 */
static int reap(pid_t pid, int ret, struct bench_run *r)
{
	if (pid < 0)
		return ret;
	if (ret < 0) {
		waitpid(pid, NULL, 0);
		return ret;
	}
	return bench_wait_child(pid, r);
}

/* Child of the round trip: echoes every byte until end of file. */
static void echo_bytes(int in, int out)
{
	char c;

	while (read(in, &c, 1) == 1)
		if (write(out, &c, 1) != 1)
			_exit(1);
	_exit(0);
}

static int pingpong_rounds(long n, int out, int in, struct bench_run *r)
{
	uint64_t t0 = now_ns();
	char c = 'p';

	for (long i = 0; i < n; i++) {
		if (write(out, &c, 1) != 1)
			return bench_fail(r, "write");
		if (read(in, &c, 1) != 1)
			return bench_fail(r, "read");
	}
	r->ns = now_ns() - t0;
	return 0;
}

int bench_pipe_pingpong(long n, struct bench_run *r)
{
	int down[2], up[2], ret;
	pid_t pid;

	if (open_pipes(down, up, r) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		echo_bytes(down[0], up[1]);
	}
	ret = pid < 0 ? bench_fail(r, "fork") :
	      pingpong_rounds(n, down[1], up[0], r);
	close_pair(down);	/* the child's end of file */
	close_pair(up);
	return reap(pid, ret, r);
}

/* Child of the bandwidth figure: n blocks, once the parent says go. */
static void write_blocks(long n, int go, int out)
{
	char c;

	if (read(go, &c, 1) != 1)
		_exit(0);
	for (long i = 0; i < n; i++)
		for (size_t done = 0; done < sizeof(block);) {
			ssize_t k = write(out, block + done,
					  sizeof(block) - done);

			if (k <= 0)
				_exit(1);
			done += k;
		}
	_exit(0);
}

static int read_blocks(long n, int go, int in, struct bench_run *r)
{
	static char buf[BENCH_BLOCK];
	long want = n * BENCH_BLOCK, got = 0;
	uint64_t t0 = now_ns();

	if (write(go, "g", 1) != 1)
		return bench_fail(r, "write");
	while (got < want) {
		ssize_t k = read(in, buf, sizeof(buf));

		if (k < 0)
			return bench_fail(r, "read");
		if (k == 0)
			return bench_failx(r, "end of file after %ld bytes",
					   got);
		got += k;
	}
	r->ns = now_ns() - t0;
	return 0;
}

int bench_pipe_bandwidth(long n, struct bench_run *r)
{
	int data[2], go[2], ret;
	pid_t pid;

	if (open_pipes(data, go, r) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(data[0]);
		close(go[1]);
		write_blocks(n, go[0], data[1]);
	}
	/* Our copy of the write end would hide the child's end of file. */
	close(data[1]);
	data[1] = -1;
	ret = pid < 0 ? bench_fail(r, "fork") :
	      read_blocks(n, go[1], data[0], r);
	close_pair(data);
	close_pair(go);
	return reap(pid, ret, r);
}
