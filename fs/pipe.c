/*
 * Pipes and FIFOs: a 64 KiB ring buffer with readers and writers. Reads
 * block while it is empty and writers remain (EOF when none does), writes
 * block while it is full; O_NONBLOCK makes both -EAGAIN. A write of at
 * most PIPE_BUF bytes is atomic: it waits for room for all of it. Writing
 * with no reader left raises SIGPIPE and fails with -EPIPE. A FIFO is the
 * same pipe, attached to its inode while anyone has it open.
 */
#include <errno.h>
#include <file.h>
#include <mutex.h>
#include <page.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>
#include <wait.h>
#include "fs_internal.h"

#define PIPE_SIZE	(64 * 1024)
#define PIPE_ORDER	4		/* 16 pages */
#define PIPE_BUF	4096

/* Lock legend: lock covers everything but the wait queue. */
struct pipe {
	struct mutex lock;
	char *buf;
	size_t head, count;		/* the data: [head, head+count) */
	int readers, writers;
	/* Ends ever opened: a FIFO open waits for the other count to move
	 * (the other end may come and go before the waiter runs). */
	unsigned long r_opens, w_opens;
	struct wait_queue wait;		/* readers and writers both */
};

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kzalloc(sizeof(*p), GFP_KERNEL);
	struct page *pg = alloc_pages(GFP_KERNEL | GFP_NOWARN, PIPE_ORDER);

	if (!p || !pg) {
		kfree(p);
		if (pg)
			free_pages(pg, PIPE_ORDER);
		return NULL;
	}
	p->buf = page_address(pg);
	mutex_init(&p->lock);
	wait_queue_init(&p->wait);
	return p;
}

static void pipe_free(struct pipe *p)
{
	free_pages(virt_to_page(p->buf), PIPE_ORDER);
	kfree(p);
}

/* Copy up to @len bytes out of @p into user memory. [p->lock] */
static long pipe_take(struct pipe *p, char *ubuf, size_t len)
{
	size_t n = MIN(len, p->count), done = 0;

	while (done < n) {
		size_t chunk = MIN(n - done, PIPE_SIZE - p->head);

		if (copy_to_user(ubuf + done, p->buf + p->head, chunk))
			return done ? (long)done : -EFAULT;
		p->head = (p->head + chunk) % PIPE_SIZE;
		p->count -= chunk;
		done += chunk;
	}
	return done;
}

/* Copy up to @len bytes of user memory into @p's free space. [p->lock] */
static long pipe_put(struct pipe *p, const char *ubuf, size_t len)
{
	size_t n = MIN(len, PIPE_SIZE - p->count), done = 0;

	while (done < n) {
		size_t tail = (p->head + p->count) % PIPE_SIZE;
		size_t chunk = MIN(n - done, PIPE_SIZE - tail);

		if (copy_from_user(p->buf + tail, ubuf + done, chunk))
			return done ? (long)done : -EFAULT;
		p->count += chunk;
		done += chunk;
	}
	return done;
}

static long pipe_read(struct file *f, char *ubuf, size_t len, uint64_t *pos)
{
	struct pipe *p = f->private_data;
	long r;

	if (!len)
		return 0;
	mutex_lock(&p->lock);
	while (!p->count && p->writers) {
		mutex_unlock(&p->lock);
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(&p->wait, READ_ONCE(p->count) ||
					     !READ_ONCE(p->writers)))
			return -ERESTARTSYS;
		mutex_lock(&p->lock);
	}
	r = pipe_take(p, ubuf, len);
	mutex_unlock(&p->lock);
	wake_up_all(&p->wait);
	poll_notify();
	return r;
}

static long pipe_write(struct file *f, const char *ubuf, size_t len,
		       uint64_t *pos)
{
	struct pipe *p = f->private_data;
	size_t done = 0;
	long r = 0;

	mutex_lock(&p->lock);
	while (done < len) {
		size_t room = PIPE_SIZE - p->count;
		/* Up to PIPE_BUF bytes go in at once or not at all. */
		size_t need = len - done <= PIPE_BUF ? len - done : 1;

		if (!p->readers) {
			send_signal_task(current, SIGPIPE, NULL);
			r = -EPIPE;
			break;
		}
		if (room < need) {
			mutex_unlock(&p->lock);
			wake_up_all(&p->wait);
			if (f->f_flags & O_NONBLOCK) {
				r = -EAGAIN;
				goto out;
			}
			if (wait_event_interruptible(&p->wait,
				    PIPE_SIZE - READ_ONCE(p->count) >= need ||
				    !READ_ONCE(p->readers))) {
				r = -ERESTARTSYS;
				goto out;
			}
			mutex_lock(&p->lock);
			continue;
		}
		r = pipe_put(p, ubuf + done, len - done);
		if (r < 0)
			break;
		done += r;
		r = 0;
	}
	mutex_unlock(&p->lock);
out:
	wake_up_all(&p->wait);
	poll_notify();
	return done ? (long)done : r;
}

static unsigned int pipe_poll(struct file *f)
{
	struct pipe *p = f->private_data;
	unsigned int mask = 0;

	if ((f->f_flags & O_ACCMODE) != O_WRONLY) {
		if (READ_ONCE(p->count))
			mask |= POLLIN | POLLRDNORM;
		if (!READ_ONCE(p->writers))
			mask |= POLLHUP;
	}
	if ((f->f_flags & O_ACCMODE) != O_RDONLY) {
		if (PIPE_SIZE - READ_ONCE(p->count) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!READ_ONCE(p->readers))
			mask |= POLLERR;
	}
	return mask;
}

/* One end goes; the last end frees the pipe. */
static void pipe_release_end(struct pipe *p, unsigned int mode,
			     struct inode *fifo)
{
	bool gone;

	mutex_lock(&p->lock);
	if (mode != O_WRONLY)
		p->readers--;
	if (mode != O_RDONLY)
		p->writers--;
	gone = !p->readers && !p->writers;
	mutex_unlock(&p->lock);
	wake_up_all(&p->wait);
	poll_notify();
	if (gone) {
		if (fifo)
			fifo->pipe = NULL;
		pipe_free(p);
	}
}

static void pipe_release(struct file *f)
{
	pipe_release_end(f->private_data, f->f_flags & O_ACCMODE, NULL);
}

#define FIONREAD	0x541b

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = f->private_data;

	if (cmd == FIONREAD)
		return put_user((int)READ_ONCE(p->count), (int *)arg);
	return -ENOTTY;
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

/*
 * Pipes made by pipe(2) have an inode of their own in an unmounted
 * superblock, so that fstat and /proc/PID/fd show what Linux shows.
 */
static const struct file_system_type pipefs_type = { .name = "pipefs" };
static struct super_block *pipe_sb;

static struct inode *pipe_inode(void)
{
	if (!pipe_sb)
		pipe_sb = sb_alloc(&pipefs_type, NULL);
	return pipe_sb ? inode_alloc(pipe_sb, S_IFIFO | 0600) : NULL;
}

SYSCALL_DEFINE2(pipe2, int *, ufds, int, flags)
{
	struct pipe *p;
	struct file *r, *w;
	struct inode *inode;
	int fds[2];

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	p = pipe_alloc();
	inode = pipe_inode();
	if (!p || !inode) {
		if (p)
			pipe_free(p);
		if (inode)
			inode_put(inode);
		return -ENFILE;
	}
	r = file_alloc(&pipe_fops, O_RDONLY | (flags & O_NONBLOCK));
	w = file_alloc(&pipe_fops, O_WRONLY | (flags & O_NONBLOCK));
	if (!r || !w) {
		file_free_unused(r);
		file_free_unused(w);
		pipe_free(p);
		inode_put(inode);
		return -ENFILE;
	}
	r->private_data = w->private_data = p;
	r->inode = inode;		/* the creation's reference */
	w->inode = inode_get(inode);
	p->readers = p->writers = 1;
	fds[0] = fd_install(current->files, r, 0, flags & O_CLOEXEC);
	if (fds[0] < 0) {
		file_put(r);
		file_put(w);
		return fds[0];
	}
	fds[1] = fd_install(current->files, w, 0, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		fd_close(current->files, fds[0]);
		file_put(w);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(current->files, fds[0]);
		fd_close(current->files, fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE1(pipe, int *, ufds)
{
	struct syscall_args a = { { (unsigned long)ufds, 0 } };

	return sys_pipe2(&a);
}

/* --- FIFOs ---------------------------------------------------------------- */

static DEFINE_MUTEX(fifo_lock);

static void fifo_release(struct file *f)
{
	mutex_lock(&fifo_lock);
	pipe_release_end(f->private_data, f->f_flags & O_ACCMODE, f->inode);
	mutex_unlock(&fifo_lock);
}

/*
 * Open a FIFO: a reader waits for a writer and a writer for a reader
 * (unless O_NONBLOCK: then a reader goes on, and a writer with no reader
 * gets -ENXIO); O_RDWR waits for nobody.
 */
static int fifo_open(struct inode *inode, struct file *f)
{
	unsigned int mode = f->f_flags & O_ACCMODE;
	unsigned long w_seen, r_seen;
	bool have_writer, have_reader;
	struct pipe *p;
	int err = 0;

	mutex_lock(&fifo_lock);
	p = inode->pipe;
	if (!p) {
		p = pipe_alloc();
		if (!p) {
			mutex_unlock(&fifo_lock);
			return -ENOMEM;
		}
		inode->pipe = p;
	}
	if (mode == O_WRONLY && (f->f_flags & O_NONBLOCK) && !p->readers) {
		if (!p->writers && !p->readers) {
			inode->pipe = NULL;
			pipe_free(p);
		}
		mutex_unlock(&fifo_lock);
		return -ENXIO;
	}
	mutex_lock(&p->lock);
	if (mode != O_WRONLY) {
		p->readers++;
		p->r_opens++;
	}
	if (mode != O_RDONLY) {
		p->writers++;
		p->w_opens++;
	}
	w_seen = p->w_opens;
	r_seen = p->r_opens;
	have_writer = p->writers > (mode == O_RDWR);
	have_reader = p->readers > (mode == O_RDWR);
	mutex_unlock(&p->lock);
	f->private_data = p;
	mutex_unlock(&fifo_lock);
	wake_up_all(&p->wait);
	if (mode == O_RDONLY && !(f->f_flags & O_NONBLOCK) && !have_writer)
		err = wait_event_interruptible(&p->wait,
					READ_ONCE(p->w_opens) != w_seen);
	else if (mode == O_WRONLY && !have_reader)
		err = wait_event_interruptible(&p->wait,
					READ_ONCE(p->r_opens) != r_seen);
	if (err) {
		fifo_release(f);
		return -ERESTARTSYS;
	}
	return 0;
}

const struct file_operations fifo_fops = {
	.open = fifo_open,
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = fifo_release,
};
