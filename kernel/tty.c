/*
 * Terminals, the device side (include/tty.h): the list of ttys drivers
 * registered, the worker thread that runs received bytes through the
 * line discipline (kernel/tty_ldisc.c) outside interrupt context, and
 * the file operations behind /dev/ttyS0, /dev/tty1, /dev/tty0 (the
 * screen console), /dev/tty (the caller's controlling terminal) and
 * /dev/console (the terminal the last console= word named). Job control
 * is kernel/tty_job.c.
 */
#include <errno.h>
#include <file.h>
#include <params.h>
#include <printk.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <uaccess.h>
#include <vfs.h>
#include <lib/string.h>
#include "tty_internal.h"

#define TTY_MAJOR	4	/* tty0-63, ttyS0-: 64 + n */
#define TTYAUX_MAJOR	5	/* tty (0), console (1) */
#define VT_MINOR_LAST	63

static LIST_HEAD(tty_list);
static DEFINE_SPINLOCK(tty_list_lock);

/* Ttys with received bytes for the worker. [tty_work_lock] */
static LIST_HEAD(tty_work);
static DEFINE_SPINLOCK(tty_work_lock);
static DEFINE_WAIT_QUEUE(tty_work_wait);

static struct tty *console_tty;		/* /dev/console; set once */

struct tty *tty_find(dev_t dev)
{
	unsigned long flags = spin_lock_irqsave(&tty_list_lock);
	struct tty *t, *found = NULL;

	list_for_each_entry(t, &tty_list, node)
		if (t->dev == dev)
			found = t;
	spin_unlock_irqrestore(&tty_list_lock, flags);
	return found;
}

static struct tty *tty_find_name(const char *name)
{
	unsigned long flags = spin_lock_irqsave(&tty_list_lock);
	struct tty *t, *found = NULL;

	list_for_each_entry(t, &tty_list, node)
		if (!strcmp(t->name, name))
			found = t;
	spin_unlock_irqrestore(&tty_list_lock, flags);
	return found;
}

void *tty_driver_data(struct tty *tty)
{
	return tty->driver_data;
}

struct tty *tty_register(const char *name, dev_t dev,
			 const struct tty_ops *ops, void *driver_data,
			 unsigned int rows, unsigned int cols)
{
	struct tty *tty = kzalloc(sizeof(*tty), GFP_KERNEL);
	unsigned long flags;

	if (!tty)
		return NULL;
	strlcpy(tty->name, name, sizeof(tty->name));
	tty->dev = dev;
	tty->ops = ops;
	tty->driver_data = driver_data;
	tty->raw_lock = (struct spinlock)SPINLOCK_INIT("tty->raw_lock");
	mutex_init(&tty->ldisc_lock);
	mutex_init(&tty->out_lock);
	wait_queue_init(&tty->read_wait);
	wait_queue_init(&tty->write_wait);
	INIT_LIST_HEAD(&tty->work_node);
	ldisc_init_termios(&tty->termios);
	tty->winsize.ws_row = rows;
	tty->winsize.ws_col = cols;
	flags = spin_lock_irqsave(&tty_list_lock);
	list_add_tail(&tty->node, &tty_list);
	spin_unlock_irqrestore(&tty_list_lock, flags);
	/* The node is made when devtmpfs exists (tty_init) or now. */
	devtmpfs_create(name, S_IFCHR | 0620, dev);
	return tty;
}

void tty_receive(struct tty *tty, const char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&tty->raw_lock);
	bool queue;

	for (size_t i = 0; i < len; i++) {
		unsigned int next = (tty->raw_head + 1) % TTY_RAW_SIZE;

		if (next == tty->raw_tail) {
			tty->raw_dropped += len - i;
			break;
		}
		tty->raw[tty->raw_head] = buf[i];
		tty->raw_head = next;
	}
	spin_unlock_irqrestore(&tty->raw_lock, flags);

	flags = spin_lock_irqsave(&tty_work_lock);
	queue = !tty->work_queued;
	if (queue) {
		tty->work_queued = true;
		list_add_tail(&tty->work_node, &tty_work);
	}
	spin_unlock_irqrestore(&tty_work_lock, flags);
	if (queue)
		wake_up_one(&tty_work_wait);
}

/* Take up to @max received bytes. */
static size_t raw_take(struct tty *tty, unsigned char *out, size_t max)
{
	unsigned long flags = spin_lock_irqsave(&tty->raw_lock);
	size_t n = 0;

	while (n < max && tty->raw_tail != tty->raw_head) {
		out[n++] = tty->raw[tty->raw_tail];
		tty->raw_tail = (tty->raw_tail + 1) % TTY_RAW_SIZE;
	}
	spin_unlock_irqrestore(&tty->raw_lock, flags);
	return n;
}

static struct tty *next_work(void)
{
	unsigned long flags = spin_lock_irqsave(&tty_work_lock);
	struct tty *tty = NULL;

	if (!list_empty(&tty_work)) {
		tty = list_first_entry(&tty_work, struct tty, work_node);
		list_del(&tty->work_node);
		tty->work_queued = false;
	}
	spin_unlock_irqrestore(&tty_work_lock, flags);
	return tty;
}

/*
 * The tty worker: received bytes go through the line discipline here,
 * where it may echo (drivers may sleep to write) and send signals.
 */
static void tty_worker(void *unused)
{
	unsigned char chunk[64];
	struct tty *tty;
	size_t n;

	for (;;) {
		wait_event(&tty_work_wait, !list_empty(&tty_work));
		while ((tty = next_work())) {
			while ((n = raw_take(tty, chunk, sizeof(chunk)))) {
				mutex_lock(&tty->ldisc_lock);
				for (size_t i = 0; i < n; i++)
					ldisc_receive(tty, chunk[i]);
				mutex_unlock(&tty->ldisc_lock);
			}
		}
	}
}

void tty_set_winsize(struct tty *tty, unsigned int rows, unsigned int cols)
{
	bool changed;

	mutex_lock(&tty->ldisc_lock);
	changed = tty->winsize.ws_row != rows || tty->winsize.ws_col != cols;
	tty->winsize.ws_row = rows;
	tty->winsize.ws_col = cols;
	mutex_unlock(&tty->ldisc_lock);
	if (changed)
		tty_signal_pgrp(tty, SIGWINCH);
}

/* --- files ------------------------------------------------------------ */

static struct tty *file_tty(struct file *f)
{
	return f->private_data;
}

static long tty_read(struct file *f, char *ubuf, size_t len, uint64_t *pos)
{
	struct tty *tty = file_tty(f);
	int err = tty_check_read(tty);

	return err ? err : ldisc_read(tty, f, ubuf, len);
}

static long tty_write(struct file *f, const char *ubuf, size_t len,
		      uint64_t *pos)
{
	struct tty *tty = file_tty(f);
	char chunk[256];
	size_t done = 0;
	int err = tty_check_write(tty, false);

	if (err)
		return err;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));

		if (copy_from_user(chunk, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		if (READ_ONCE(tty->stopped)) {
			if (f->f_flags & O_NONBLOCK)
				return done ? (long)done : -EAGAIN;
			if (wait_event_interruptible(&tty->write_wait,
						     !READ_ONCE(tty->stopped)))
				return done ? (long)done : -ERESTARTSYS;
		}
		mutex_lock(&tty->out_lock);
		ldisc_output(tty, chunk, n);
		mutex_unlock(&tty->out_lock);
		done += n;
	}
	return done;
}

static unsigned int tty_poll(struct file *f)
{
	struct tty *tty = file_tty(f);
	unsigned int mask = 0;

	if (ldisc_readable(tty))
		mask |= POLLIN | POLLRDNORM;
	if (!READ_ONCE(tty->stopped))
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static long termios_ioctl(struct tty *tty, unsigned int cmd, void *uarg)
{
	struct termios_k t, old;
	int err;

	if (cmd == TCGETS) {
		mutex_lock(&tty->ldisc_lock);
		t = tty->termios;
		mutex_unlock(&tty->ldisc_lock);
		return copy_to_user(uarg, &t, sizeof(t)) ? -EFAULT : 0;
	}
	if (copy_from_user(&t, uarg, sizeof(t)))
		return -EFAULT;
	err = tty_check_write(tty, true);
	if (err)
		return err;
	/* Output is written synchronously: TCSETSW has nothing to drain. */
	mutex_lock(&tty->ldisc_lock);
	old = tty->termios;
	tty->termios = t;
	if (cmd == TCSETSF)
		ldisc_flush_input(tty);
	ldisc_set_termios(tty, &old);
	mutex_unlock(&tty->ldisc_lock);
	return 0;
}

static long winsize_ioctl(struct tty *tty, unsigned int cmd, void *uarg)
{
	struct winsize_k ws;
	bool changed;

	if (cmd == TIOCGWINSZ) {
		mutex_lock(&tty->ldisc_lock);
		ws = tty->winsize;
		mutex_unlock(&tty->ldisc_lock);
		return copy_to_user(uarg, &ws, sizeof(ws)) ? -EFAULT : 0;
	}
	if (copy_from_user(&ws, uarg, sizeof(ws)))
		return -EFAULT;
	mutex_lock(&tty->ldisc_lock);
	changed = memcmp(&ws, &tty->winsize, sizeof(ws)) != 0;
	tty->winsize = ws;
	mutex_unlock(&tty->ldisc_lock);
	if (changed)
		tty_signal_pgrp(tty, SIGWINCH);
	return 0;
}

/* TCFLSH, TCXONC, TIOCSTI and the other ioctls on the line itself. */
static long line_ioctl(struct tty *tty, unsigned int cmd, unsigned long arg)
{
	unsigned int n;
	char c;

	switch (cmd) {
	case TCFLSH:
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH) {
			mutex_lock(&tty->ldisc_lock);
			ldisc_flush_input(tty);
			mutex_unlock(&tty->ldisc_lock);
		}
		return 0;
	case TCXONC:
		if (arg > TCION)
			return -EINVAL;
		if (arg == TCOOFF || arg == TCOON) {
			WRITE_ONCE(tty->stopped, arg == TCOOFF);
			wake_up_all(&tty->write_wait);
		}
		return 0;
	case TCSBRK:
	case TCSBRKP:
		return 0;	/* output is synchronous: already drained */
	case FIONREAD:
		n = ldisc_readable(tty);
		return copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
	case TIOCOUTQ:
		n = 0;
		return copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
	case TIOCSTI:
		if (!cred_is_root(&current->proc->cred) &&
		    READ_ONCE(current->proc->tty) != tty)
			return -EPERM;
		if (get_user(c, (char *)arg))
			return -EFAULT;
		mutex_lock(&tty->ldisc_lock);
		ldisc_receive(tty, c);
		mutex_unlock(&tty->ldisc_lock);
		return 0;
	case TIOCGDEV:
		n = tty->dev;
		return copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
	case TIOCEXCL:
	case TIOCNXCL:
		mutex_lock(&tty->ldisc_lock);
		tty->exclusive = cmd == TIOCEXCL;
		mutex_unlock(&tty->ldisc_lock);
		return 0;
	}
	return -ENOIOCTLCMD;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty *tty = file_tty(f);
	long r;

	switch (cmd) {
	case TCGETS:
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return termios_ioctl(tty, cmd, (void *)arg);
	case TIOCGWINSZ:
	case TIOCSWINSZ:
		return winsize_ioctl(tty, cmd, (void *)arg);
	}
	r = line_ioctl(tty, cmd, arg);
	if (r == -ENOIOCTLCMD)
		r = tty_job_ioctl(tty, f, cmd, arg);
	return r == -ENOIOCTLCMD ? -ENOTTY : r;
}

/* The tty behind device number @dev for an open; ERR_PTR(-ENXIO). */
static struct tty *tty_for_open(dev_t dev, bool *may_ctty)
{
	struct tty *tty;

	*may_ctty = false;
	if (dev == MKDEV(TTYAUX_MAJOR, 0)) {	/* /dev/tty */
		tty = READ_ONCE(current->proc->tty);
		return tty ? tty : ERR_PTR(-ENXIO);
	}
	if (dev == MKDEV(TTYAUX_MAJOR, 1))	/* /dev/console */
		tty = console_tty;
	else if (dev == MKDEV(TTY_MAJOR, 0))	/* the current VT */
		tty = tty_find(MKDEV(TTY_MAJOR, 1));
	else {
		tty = tty_find(dev);
		/* As on Linux, /dev/console and /dev/tty0 never become
		 * a controlling terminal by open; a tty's own node does. */
		*may_ctty = true;
	}
	return tty ? tty : ERR_PTR(-ENXIO);
}

static int tty_open(struct inode *inode, struct file *f)
{
	bool may_ctty;
	struct tty *tty = tty_for_open(inode->rdev, &may_ctty);

	if (IS_ERR(tty))
		return PTR_ERR(tty);
	mutex_lock(&tty->ldisc_lock);
	if (tty->exclusive && !cred_is_root(&current->proc->cred)) {
		mutex_unlock(&tty->ldisc_lock);
		return -EBUSY;
	}
	tty->opens++;
	mutex_unlock(&tty->ldisc_lock);
	f->private_data = tty;
	if (may_ctty && !(f->f_flags & O_NOCTTY))
		tty_open_ctty(tty);
	return 0;
}

static void tty_release(struct file *f)
{
	struct tty *tty = file_tty(f);

	mutex_lock(&tty->ldisc_lock);
	if (!--tty->opens)
		tty->exclusive = false;
	mutex_unlock(&tty->ldisc_lock);
}

const struct file_operations tty_fops = {
	.open = tty_open,
	.release = tty_release,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
};

/* --- start-up ----------------------------------------------------------- */

/*
 * /dev/console is the terminal the last console= word named (tty0 means
 * the screen, tty1); without one, the serial line if there is one, else
 * the screen.
 */
static void pick_console(void)
{
	const char *want = kernel_params.console;

	if (!strcmp(want, "tty0"))
		want = "tty1";
	console_tty = *want ? tty_find_name(want) : NULL;
	if (!console_tty)
		console_tty = tty_find_name("ttyS0");
	if (!console_tty)
		console_tty = tty_find_name("tty1");
	if (console_tty)
		pr_info("tty: console is %s\n", console_tty->name);
	else
		pr_warn("tty: no terminal for /dev/console\n");
}

struct file *tty_console_file(void)
{
	struct file *f;

	if (!console_tty)
		return NULL;
	f = file_alloc(&tty_fops, O_RDWR);
	if (!f)
		return NULL;
	mutex_lock(&console_tty->ldisc_lock);
	console_tty->opens++;
	mutex_unlock(&console_tty->ldisc_lock);
	f->private_data = console_tty;
	return f;
}

void tty_init(void)
{
	struct tty *t;

	if (chrdev_register(TTY_MAJOR, 0, 256, &tty_fops) ||
	    chrdev_register(TTYAUX_MAJOR, 0, 2, &tty_fops))
		pr_err("tty: device numbers taken\n");
	/* Nodes for the ttys drivers registered before devtmpfs existed. */
	list_for_each_entry(t, &tty_list, node)
		devtmpfs_create(t->name, S_IFCHR | 0620, t->dev);
	if (!kthread_create(tty_worker, NULL, "tty"))
		pr_err("tty: cannot start the worker; no input\n");
	pick_console();
}
