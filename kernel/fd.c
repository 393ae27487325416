/*
 * Descriptor tables and the read/write family of system calls
 * (include/file.h), and for now the one file there is: the console
 * (writes go to every console, reads take what the serial port received).
 * The VFS of the files issue brings open() and real files behind the
 * same struct file.
 */
#include <errno.h>
#include <file.h>
#include <vfs.h>
#include <printk.h>
#include <process.h>
#include <sched.h>
#include <serial.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <wait.h>
#include <lib/bitmap.h>
#include <lib/string.h>

#define FD_INITIAL	64
#define FD_HARD_MAX	(1U << 20)	/* Linux's fs.nr_open default */
#define IO_CHUNK	512

static unsigned long nr_files;

unsigned long file_count(void)
{
	return READ_ONCE(nr_files);
}

struct file *file_alloc(const struct file_operations *ops,
			unsigned int flags)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	__atomic_add_fetch(&nr_files, 1, __ATOMIC_RELAXED);
	f->refs = 1;
	f->f_op = ops;
	f->f_flags = flags;
	return f;
}

void file_free_unused(struct file *f)
{
	if (f) {
		kfree(f);
		__atomic_sub_fetch(&nr_files, 1, __ATOMIC_RELAXED);
	}
}

struct file *file_get(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
	return f;
}

void file_put(struct file *f)
{
	if (__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (f->f_op->release)
		f->f_op->release(f);
	if (f->dentry) {
		struct path p = { f->mnt, f->dentry };

		path_put(&p);
	}
	if (f->inode)
		inode_put(f->inode);
	kfree(f);
	__atomic_sub_fetch(&nr_files, 1, __ATOMIC_RELAXED);
}

static int fdtable_alloc_slots(struct fdtable *t, unsigned int size)
{
	t->files = kzalloc(size * sizeof(*t->files), GFP_KERNEL);
	t->cloexec = kzalloc(BITMAP_LONGS(size) * sizeof(long), GFP_KERNEL);
	if (!t->files || !t->cloexec) {
		kfree(t->files);
		kfree(t->cloexec);
		return -ENOMEM;
	}
	t->size = size;
	return 0;
}

struct fdtable *fdtable_create(void)
{
	struct fdtable *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	if (fdtable_alloc_slots(t, FD_INITIAL)) {
		kfree(t);
		return NULL;
	}
	t->refs = 1;
	t->lock = (struct spinlock)SPINLOCK_INIT("fdtable");
	return t;
}

struct fdtable *fdtable_dup(struct fdtable *old)
{
	struct fdtable *t = kzalloc(sizeof(*t), GFP_KERNEL);
	unsigned long flags;

	if (!t)
		return NULL;
	/* The size may grow meanwhile; retry with the new size. */
	for (;;) {
		unsigned int size = READ_ONCE(old->size);

		if (fdtable_alloc_slots(t, size)) {
			kfree(t);
			return NULL;
		}
		flags = spin_lock_irqsave(&old->lock);
		if (old->size == size)
			break;
		spin_unlock_irqrestore(&old->lock, flags);
		kfree(t->files);
		kfree(t->cloexec);
	}
	for (unsigned int i = 0; i < t->size; i++)
		if (old->files[i])
			t->files[i] = file_get(old->files[i]);
	memcpy(t->cloexec, old->cloexec, BITMAP_LONGS(t->size) * sizeof(long));
	spin_unlock_irqrestore(&old->lock, flags);
	t->refs = 1;
	t->lock = (struct spinlock)SPINLOCK_INIT("fdtable");
	return t;
}

void fdtable_put(struct fdtable *t)
{
	if (__atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL))
		return;
	for (unsigned int i = 0; i < t->size; i++)
		if (t->files[i])
			file_put(t->files[i]);
	kfree(t->files);
	kfree(t->cloexec);
	kfree(t);
}

void fdtable_exec(struct fdtable *t)
{
	for (unsigned int i = 0; i < t->size; i++)
		if (bitmap_test(t->cloexec, i))
			fd_close(t, i);
}

/* Make room for descriptor @fd. [t->lock held, dropped and retaken] */
static int fdtable_grow(struct fdtable *t, unsigned int fd,
			unsigned long *flags)
{
	unsigned int size = t->size;
	struct file **files;
	unsigned long *cloexec;

	while (size <= fd)
		size *= 2;
	spin_unlock_irqrestore(&t->lock, *flags);
	files = kzalloc(size * sizeof(*files), GFP_KERNEL);
	cloexec = kzalloc(BITMAP_LONGS(size) * sizeof(long), GFP_KERNEL);
	*flags = spin_lock_irqsave(&t->lock);
	if (!files || !cloexec) {
		kfree(files);
		kfree(cloexec);
		return -ENOMEM;
	}
	if (size <= t->size) {		/* someone else grew it */
		kfree(files);
		kfree(cloexec);
		return 0;
	}
	memcpy(files, t->files, t->size * sizeof(*files));
	memcpy(cloexec, t->cloexec, BITMAP_LONGS(t->size) * sizeof(long));
	kfree(t->files);
	kfree(t->cloexec);
	t->files = files;
	t->cloexec = cloexec;
	t->size = size;
	return 0;
}

static unsigned long nofile_limit(void)
{
	struct process *p = current->proc;

	return p ? MIN(p->rlim[RLIMIT_NOFILE].cur, (unsigned long)FD_HARD_MAX)
		 : FD_HARD_MAX;
}

int fd_install(struct fdtable *t, struct file *f, int min, bool cloexec)
{
	unsigned long limit = nofile_limit(), flags;
	int fd = -EMFILE;

	flags = spin_lock_irqsave(&t->lock);
	for (unsigned long i = min; i < limit; i++) {
		if (i >= t->size && fdtable_grow(t, i, &flags)) {
			fd = -ENOMEM;
			break;
		}
		if (!t->files[i]) {
			t->files[i] = f;
			if (cloexec)
				bitmap_set(t->cloexec, i);
			else
				bitmap_clear(t->cloexec, i);
			fd = i;
			break;
		}
	}
	spin_unlock_irqrestore(&t->lock, flags);
	return fd;
}

struct file *fd_get(int fd)
{
	struct fdtable *t = current->files;
	struct file *f = NULL;
	unsigned long flags;

	if (!t || fd < 0)
		return NULL;
	flags = spin_lock_irqsave(&t->lock);
	if ((unsigned int)fd < t->size && t->files[fd])
		f = file_get(t->files[fd]);
	spin_unlock_irqrestore(&t->lock, flags);
	return f;
}

int fd_close(struct fdtable *t, int fd)
{
	struct file *f = NULL;
	unsigned long flags = spin_lock_irqsave(&t->lock);

	if (fd >= 0 && (unsigned int)fd < t->size) {
		f = t->files[fd];
		t->files[fd] = NULL;
		bitmap_clear(t->cloexec, fd);
	}
	spin_unlock_irqrestore(&t->lock, flags);
	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

/* --- the console ----------------------------------------------------- */

static long console_file_write(struct file *f, const char *ubuf, size_t len,
			       uint64_t *pos)
{
	char buf[IO_CHUNK];
	size_t done = 0;

	while (done < len) {
		size_t n = MIN(len - done, sizeof(buf));

		if (copy_from_user(buf, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		console_write(buf, n);
		done += n;
	}
	return done;
}

static long console_file_read(struct file *f, char *ubuf, size_t len,
			      uint64_t *pos)
{
	char buf[IO_CHUNK];
	size_t n = 0;
	int c, err;

	if (!len)
		return 0;
	if (!serial_rx_ready()) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&serial_rx_wait,
					       serial_rx_ready());
		if (err)
			return -ERESTARTSYS;
	}
	while (n < MIN(len, sizeof(buf)) && (c = serial_getc()) >= 0)
		buf[n++] = c == '\r' ? '\n' : c;
	if (copy_to_user(ubuf, buf, n))
		return -EFAULT;
	return n;
}

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414

struct termios_k {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
};

struct winsize_k {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/*
 * The console's terminal settings: Linux's defaults (cooked mode, echo,
 * ^C for SIGINT, ONLCR). They are kept and reported, so programs see a
 * terminal and C libraries line-buffer their output; the line
 * discipline that acts on them is the TTY layer of issue 8.
 */
static struct termios_k console_termios = {
	.c_iflag = 0x500,		/* ICRNL | IXON */
	.c_oflag = 0x5,			/* OPOST | ONLCR */
	.c_cflag = 0x4bf,		/* B38400 | CS8 | CREAD | HUPCL */
	.c_lflag = 0x8a3b,		/* ISIG ICANON ECHO ECHOE ECHOK ... */
	.c_cc = { 3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0,
		  0x12, 0xf, 0x17, 0x16, 0 },
};
static struct winsize_k console_winsize = { 25, 80, 0, 0 };

static long console_file_ioctl(struct file *f, unsigned int cmd,
			       unsigned long arg)
{
	void *uarg = (void *)arg;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(uarg, &console_termios,
				    sizeof(console_termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return copy_from_user(&console_termios, uarg,
				      sizeof(console_termios)) ? -EFAULT : 0;
	case TIOCGWINSZ:
		return copy_to_user(uarg, &console_winsize,
				    sizeof(console_winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&console_winsize, uarg,
				      sizeof(console_winsize)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static unsigned int console_file_poll(struct file *f)
{
	return POLLOUT | POLLWRNORM |
	       (serial_rx_ready() ? POLLIN | POLLRDNORM : 0);
}

const struct file_operations console_fops = {
	.poll = console_file_poll,
	.read = console_file_read,
	.write = console_file_write,
	.ioctl = console_file_ioctl,
};

struct file *console_file_open(void)
{
	return file_alloc(&console_fops, O_RDWR);
}

/* --- system calls ------------------------------------------------------ */

SYSCALL_DEFINE1(close, int, fd)
{
	return current->files ? fd_close(current->files, fd) : -EBADF;
}

#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451
#define ENOIOCTLCMD	515

/* Set or clear @fd's close-on-exec bit (@fd is open). */
static void fd_set_cloexec(struct fdtable *t, int fd, bool on)
{
	unsigned long flags = spin_lock_irqsave(&t->lock);

	if ((unsigned int)fd < t->size) {
		if (on)
			bitmap_set(t->cloexec, fd);
		else
			bitmap_clear(t->cloexec, fd);
	}
	spin_unlock_irqrestore(&t->lock, flags);
}

/* The ioctls every descriptor answers, whatever its file. */
static long generic_ioctl(int fd, struct file *f, unsigned int cmd,
			  unsigned long arg)
{
	int on;

	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		fd_set_cloexec(current->files, fd, cmd == FIOCLEX);
		return 0;
	case FIONBIO:
		if (get_user(on, (int *)arg))
			return -EFAULT;
		if (on)
			__atomic_or_fetch(&f->f_flags, O_NONBLOCK,
					  __ATOMIC_RELAXED);
		else
			__atomic_and_fetch(&f->f_flags, ~O_NONBLOCK,
					   __ATOMIC_RELAXED);
		return 0;
	}
	return -ENOIOCTLCMD;
}

SYSCALL_DEFINE3(ioctl, int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fd_get(fd);
	long r;

	if (!f)
		return -EBADF;
	r = generic_ioctl(fd, f, cmd, arg);
	if (r == -ENOIOCTLCMD)
		r = f->f_op->ioctl ? f->f_op->ioctl(f, cmd, arg) : -ENOTTY;
	file_put(f);
	return r;
}

/* --- duplicating and flags ----------------------------------------------- */

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
#define PIPE_DEF_SIZE	(64 * 1024)
#define FD_CLOEXEC	1
#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)
/* The flags F_SETFL may change (Linux's SETFL_MASK, less O_DIRECT). */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_NOATIME | 020000)

/* Put @f at exactly @fd, closing what was there. 0 or -errno. */
static int fd_replace(struct fdtable *t, int fd, struct file *f,
		      bool cloexec)
{
	struct file *old = NULL;
	unsigned long flags;

	if (fd < 0 || (unsigned long)fd >= nofile_limit())
		return -EBADF;
	flags = spin_lock_irqsave(&t->lock);
	if ((unsigned int)fd >= t->size && fdtable_grow(t, fd, &flags)) {
		spin_unlock_irqrestore(&t->lock, flags);
		return -ENOMEM;
	}
	old = t->files[fd];
	t->files[fd] = f;
	if (cloexec)
		bitmap_set(t->cloexec, fd);
	else
		bitmap_clear(t->cloexec, fd);
	spin_unlock_irqrestore(&t->lock, flags);
	if (old)
		file_put(old);
	return fd;
}

SYSCALL_DEFINE1(dup, int, fd)
{
	struct file *f = fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	r = fd_install(current->files, f, 0, false);
	if (r < 0)
		file_put(f);
	return r;
}

static long do_dup3(int oldfd, int newfd, int flags)
{
	struct file *f;
	int r;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	f = fd_get(oldfd);
	if (!f)
		return -EBADF;
	r = fd_replace(current->files, newfd, f, flags & O_CLOEXEC);
	if (r < 0)
		file_put(f);
	return r;
}

SYSCALL_DEFINE2(dup2, int, oldfd, int, newfd)
{
	if (oldfd == newfd) {
		struct file *f = fd_get(oldfd);

		if (!f)
			return -EBADF;
		file_put(f);
		return newfd;
	}
	return do_dup3(oldfd, newfd, 0);
}

SYSCALL_DEFINE3(dup3, int, oldfd, int, newfd, int, flags)
{
	if (oldfd == newfd)
		return -EINVAL;
	return do_dup3(oldfd, newfd, flags);
}

SYSCALL_DEFINE3(fcntl, int, fd, int, cmd, unsigned long, arg)
{
	struct fdtable *t = current->files;
	struct file *f = fd_get(fd);
	unsigned long flags;
	long r = 0;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= nofile_limit()) {
			r = -EINVAL;
			break;
		}
		r = fd_install(t, file_get(f), arg, cmd == F_DUPFD_CLOEXEC);
		if (r < 0)
			file_put(f);
		break;
	case F_GETFD:
		flags = spin_lock_irqsave(&t->lock);
		r = bitmap_test(t->cloexec, fd) ? FD_CLOEXEC : 0;
		spin_unlock_irqrestore(&t->lock, flags);
		break;
	case F_SETFD:
		fd_set_cloexec(t, fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		r = f->f_flags;
		break;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		break;
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
		/* Pipes are 64 KiB, and stay so: the size asked is granted
		 * when it fits. */
		if (!f->inode || !S_ISFIFO(f->inode->mode))
			r = -EBADF;
		else if (cmd == F_SETPIPE_SZ && arg > PIPE_DEF_SIZE)
			r = -EPERM;
		else
			r = PIPE_DEF_SIZE;
		break;
	default:
		r = -EINVAL;
	}
	file_put(f);
	return r;
}

SYSCALL_DEFINE3(close_range, unsigned int, first, unsigned int, last,
		unsigned int, flags)
{
	struct fdtable *t = current->files;
	unsigned long irq;

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC) ||
	    first > last)
		return -EINVAL;
	for (unsigned int fd = first; fd <= last && fd < t->size; fd++) {
		if (flags & CLOSE_RANGE_CLOEXEC) {
			irq = spin_lock_irqsave(&t->lock);
			if (t->files[fd])
				bitmap_set(t->cloexec, fd);
			spin_unlock_irqrestore(&t->lock, irq);
		} else {
			fd_close(t, fd);
		}
	}
	return 0;
}
