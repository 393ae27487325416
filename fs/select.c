/*
 * poll, ppoll, select and pselect6. Readiness comes from each file's
 * poll() (a file without one, a regular file say, is always ready).
 * Waiting is simple: every event a poller may care about calls
 * poll_notify(), which bumps a generation and wakes all pollers, who
 * look at their descriptors again. Wakes may be spurious; none is lost.
 */
#include <errno.h>
#include <file.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <time.h>
#include <uaccess.h>
#include <vmalloc.h>
#include <wait.h>
#include <lib/bitmap.h>
#include <lib/string.h>
#include "fs_internal.h"

#define POLL_FDS_MAX	(1U << 20)
#define FD_SETSIZE_MAX	(1U << 20)
#define ALWAYS_READY	(POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct pollfd_k {
	int fd;
	short events, revents;
};

struct timespec_pk {
	long tv_sec, tv_nsec;
};

static DEFINE_WAIT_QUEUE(poll_wq);
static unsigned long poll_gen;

void poll_notify(void)
{
	__atomic_add_fetch(&poll_gen, 1, __ATOMIC_RELAXED);
	wake_up_all(&poll_wq);
}

static unsigned int fd_ready(int fd)
{
	struct file *f = fd_get(fd);
	unsigned int mask;

	if (!f)
		return POLLNVAL;
	mask = f->f_op->poll ? f->f_op->poll(f) : ALWAYS_READY;
	file_put(f);
	return mask;
}

/* One look at every descriptor; how many have something to report. */
static int poll_scan(struct pollfd_k *fds, unsigned int n)
{
	int count = 0;

	for (unsigned int i = 0; i < n; i++) {
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		fds[i].revents = fd_ready(fds[i].fd) &
				 (fds[i].events | POLLERR | POLLHUP | POLLNVAL);
		if (fds[i].revents)
			count++;
	}
	return count;
}

/* Poll until something is ready, @deadline (0: none; 1: now) or a signal. */
static long do_poll(struct pollfd_k *fds, unsigned int n, uint64_t deadline)
{
	for (;;) {
		unsigned long gen = READ_ONCE(poll_gen);
		int count = poll_scan(fds, n);
		int err;

		if (count || deadline == 1)
			return count;
		err = wait_event_interruptible_deadline(&poll_wq,
				READ_ONCE(poll_gen) != gen, deadline);
		if (err == -ETIMEDOUT)
			return poll_scan(fds, n);
		if (err)
			return -ERESTARTNOHAND;
	}
}

/* The deadline for a timeout in ms (negative: none; 0: just look). */
static uint64_t ms_deadline(int ms)
{
	if (ms < 0)
		return 0;
	if (!ms)
		return 1;
	return ktime_get_ns() + (uint64_t)ms * NSEC_PER_MSEC;
}

static long poll_user(struct pollfd_k *ufds, unsigned int n,
		      uint64_t deadline)
{
	struct pollfd_k *fds;
	long r;

	if (n > POLL_FDS_MAX || n > current->proc->rlim[RLIMIT_NOFILE].cur)
		return -EINVAL;
	fds = vmalloc(MAX(n, 1U) * sizeof(*fds));
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, n * sizeof(*fds))) {
		vfree(fds);
		return -EFAULT;
	}
	r = do_poll(fds, n, deadline);
	if (r >= 0)
		for (unsigned int i = 0; i < n; i++)
			if (put_user(fds[i].revents, &ufds[i].revents)) {
				r = -EFAULT;
				break;
			}
	vfree(fds);
	return r;
}

SYSCALL_DEFINE3(poll, struct pollfd_k *, ufds, unsigned int, n, int, ms)
{
	return poll_user(ufds, n, ms_deadline(ms));
}

static long ts_deadline(const struct timespec_pk *uts, uint64_t *deadline)
{
	struct timespec_pk ts;

	*deadline = 0;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	if (!ts.tv_sec && !ts.tv_nsec)
		*deadline = 1;
	else
		*deadline = ktime_get_ns() + ts.tv_sec * NSEC_PER_SEC +
			    ts.tv_nsec;
	return 0;
}

/*
 * ppoll and pselect6 wait with the caller's mask swapped for @umask; a
 * signal that ends the wait is delivered with the old one restored.
 */
static long swap_mask(const uint64_t *umask, size_t size)
{
	struct task_user *u = current->user;
	uint64_t set;

	if (!umask)
		return 0;
	if (size != sizeof(set))
		return -EINVAL;
	if (copy_from_user(&set, umask, sizeof(set)))
		return -EFAULT;
	u->saved_mask = u->blocked;
	u->restore_mask = true;
	u->blocked = set & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	recalc_sigpending();
	return 0;
}

/* After the wait: keep the swapped mask only for a signal to deliver. */
static void unswap_mask(long r)
{
	struct task_user *u = current->user;

	if (u->restore_mask && r != -ERESTARTNOHAND) {
		u->blocked = u->saved_mask;
		u->restore_mask = false;
		recalc_sigpending();
	}
}

SYSCALL_DEFINE5(ppoll, struct pollfd_k *, ufds, unsigned int, n,
		const struct timespec_pk *, uts, const uint64_t *, umask,
		size_t, size)
{
	uint64_t deadline;
	long r = ts_deadline(uts, &deadline);

	if (!r)
		r = swap_mask(umask, size);
	if (r)
		return r;
	r = poll_user(ufds, n, deadline);
	unswap_mask(r);
	return r;
}

/* select: bitmaps of descriptors in, the ready ones out. */
struct fdsets {
	unsigned long *in[3];		/* read, write, except (user) */
	unsigned long *k[3];		/* kernel copies */
	size_t bytes;
};

static long select_scan(int nfds, struct fdsets *s, unsigned long *out[3])
{
	static const unsigned int want[3] = {
		POLLIN | POLLRDNORM | POLLHUP | POLLERR,
		POLLOUT | POLLWRNORM | POLLERR,
		POLLPRI,
	};
	long count = 0;

	for (int i = 0; i < 3; i++)
		if (out[i])
			memset(out[i], 0, s->bytes);
	for (int fd = 0; fd < nfds; fd++) {
		unsigned long bit = 1UL << (fd % BITS_PER_LONG);
		size_t w = fd / BITS_PER_LONG;
		bool any = false;
		unsigned int mask;

		for (int i = 0; i < 3; i++)
			any |= s->k[i] && (s->k[i][w] & bit);
		if (!any)
			continue;
		mask = fd_ready(fd);
		if (mask & POLLNVAL)
			return -EBADF;
		for (int i = 0; i < 3; i++)
			if (s->k[i] && (s->k[i][w] & bit) && (mask & want[i])) {
				out[i][w] |= bit;
				count++;
			}
	}
	return count;
}

static long do_select(int nfds, struct fdsets *s, uint64_t deadline)
{
	unsigned long *out[3] = { NULL, NULL, NULL };
	long r;

	for (int i = 0; i < 3; i++)
		if (s->k[i]) {
			out[i] = kzalloc(s->bytes, GFP_KERNEL);
			if (!out[i]) {
				r = -ENOMEM;
				goto done;
			}
		}
	for (;;) {
		unsigned long gen = READ_ONCE(poll_gen);
		int err;

		r = select_scan(nfds, s, out);
		if (r || deadline == 1)
			break;
		err = wait_event_interruptible_deadline(&poll_wq,
				READ_ONCE(poll_gen) != gen, deadline);
		if (err == -ETIMEDOUT) {
			r = select_scan(nfds, s, out);
			break;
		}
		if (err) {
			r = -ERESTARTNOHAND;
			break;
		}
	}
	for (int i = 0; r >= 0 && i < 3; i++)
		if (out[i] && copy_to_user(s->in[i], out[i], s->bytes))
			r = -EFAULT;
done:
	for (int i = 0; i < 3; i++)
		kfree(out[i]);
	return r;
}

static long select_user(int nfds, unsigned long *r, unsigned long *w,
			unsigned long *e, uint64_t deadline)
{
	struct fdsets s = { { r, w, e }, { NULL, NULL, NULL }, 0 };
	long ret;

	if (nfds < 0 || (unsigned int)nfds > FD_SETSIZE_MAX)
		return -EINVAL;
	s.bytes = BITMAP_LONGS(nfds) * sizeof(long);
	for (int i = 0; i < 3; i++) {
		if (!s.in[i] || !nfds)
			continue;
		s.k[i] = kmalloc(s.bytes, GFP_KERNEL);
		if (!s.k[i]) {
			ret = -ENOMEM;
			goto out;
		}
		if (copy_from_user(s.k[i], s.in[i], s.bytes)) {
			ret = -EFAULT;
			goto out;
		}
	}
	ret = do_select(nfds, &s, deadline);
out:
	for (int i = 0; i < 3; i++)
		kfree(s.k[i]);
	return ret;
}

struct timeval_pk {
	long tv_sec, tv_usec;
};

SYSCALL_DEFINE5(select, int, nfds, unsigned long *, r, unsigned long *, w,
		unsigned long *, e, struct timeval_pk *, utv)
{
	struct timeval_pk tv;
	uint64_t deadline = 0;
	long ret;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		deadline = !tv.tv_sec && !tv.tv_usec ? 1 :
			   ktime_get_ns() + tv.tv_sec * NSEC_PER_SEC +
			   tv.tv_usec * NSEC_PER_USEC;
	}
	ret = select_user(nfds, r, w, e, deadline);
	if (utv && deadline > 1 && ret >= 0) {
		/* Linux writes back the time that was left. */
		uint64_t now = ktime_get_ns(), left = deadline > now ?
						      deadline - now : 0;

		tv.tv_sec = left / NSEC_PER_SEC;
		tv.tv_usec = left % NSEC_PER_SEC / NSEC_PER_USEC;
		copy_to_user(utv, &tv, sizeof(tv));
	}
	return ret;
}

struct sigset_arg {
	const uint64_t *set;
	size_t size;
};

SYSCALL_DEFINE6(pselect6, int, nfds, unsigned long *, r, unsigned long *, w,
		unsigned long *, e, const struct timespec_pk *, uts,
		const struct sigset_arg *, usig)
{
	struct sigset_arg sig = { NULL, 0 };
	uint64_t deadline;
	long ret = ts_deadline(uts, &deadline);

	if (!ret && usig && copy_from_user(&sig, usig, sizeof(sig)))
		ret = -EFAULT;
	if (!ret)
		ret = swap_mask(sig.set, sig.size);
	if (ret)
		return ret;
	ret = select_user(nfds, r, w, e, deadline);
	unswap_mask(ret);
	return ret;
}
