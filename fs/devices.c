/*
 * Device and FIFO inodes: init_special_inode() gives a character device
 * its driver's operations by number, and the memory devices live here:
 * null (1,3), zero (1,5), full (1,7), random (1,8), urandom (1,9), kmsg
 * (1,11: the kernel log, a record per read), as Linux numbers them.
 * Terminals (majors 4 and 5) register from kernel/tty.c. A number nobody
 * drives opens with -ENXIO.
 */
#include <errno.h>
#include <printk.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <time.h>
#include <lib/printf.h>
#include <random.h>
#include <uaccess.h>
#include <vfs.h>
#include <lib/string.h>
#include "fs_internal.h"

#define CHUNK	256

static long null_read(struct file *f, char *ubuf, size_t len, uint64_t *pos)
{
	return 0;
}

static long null_write(struct file *f, const char *ubuf, size_t len,
		       uint64_t *pos)
{
	return len;
}

static long zero_read(struct file *f, char *ubuf, size_t len, uint64_t *pos)
{
	return clear_user(ubuf, len) ? -EFAULT : (long)len;
}

static long full_write(struct file *f, const char *ubuf, size_t len,
		       uint64_t *pos)
{
	return len ? -ENOSPC : 0;
}

static long random_read(struct file *f, char *ubuf, size_t len,
			uint64_t *pos)
{
	return random_to_user(ubuf, len, true);
}

/* Writing to random devices mixes the bytes in, as on Linux. */
static long random_write(struct file *f, const char *ubuf, size_t len,
			 uint64_t *pos)
{
	uint8_t buf[CHUNK];
	size_t done = 0;

	while (done < len) {
		size_t n = MIN(len - done, sizeof(buf));

		if (copy_from_user(buf, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		random_add_entropy(buf, n);
		done += n;
	}
	return done;
}

static const struct file_operations null_fops = {
	.read = null_read, .write = null_write,
};
static const struct file_operations zero_fops = {
	.read = zero_read, .write = null_write,
};
static const struct file_operations full_fops = {
	.read = zero_read, .write = full_write,
};
static const struct file_operations random_fops = {
	.read = random_read, .write = random_write,
};

/* --- /dev/kmsg: the kernel log, a record per read, as on Linux --------- */

#define KMSG_LINE	(1024 + 64)

static int kmsg_open(struct inode *inode, struct file *f)
{
	f->f_pos = 0;		/* the oldest record kept */
	return 0;
}

static long kmsg_read(struct file *f, char *ubuf, size_t len, uint64_t *pos)
{
	struct log_record *rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	char *line = kmalloc(KMSG_LINE, GFP_KERNEL);
	long n;

	if (!rec || !line) {
		n = -ENOMEM;
		goto out;
	}
	/* Wait for a record; the log has no wait queue, so look every tick. */
	while ((n = printk_read_record(pos, rec)) == -EAGAIN) {
		if (f->f_flags & O_NONBLOCK)
			goto out;
		sleep_ns(NSEC_PER_SEC / HZ);
		if (signal_pending_current()) {
			n = -ERESTARTSYS;
			goto out;
		}
	}
	/* "prio,seq,usec,flags;text\n": facility 0 (kernel), level. */
	n = snprintf(line, KMSG_LINE, "%d,%lu,%lu,-;%s\n", rec->level,
		     (unsigned long)rec->seq, (unsigned long)rec->usec,
		     rec->text);
	if ((size_t)n > len)
		n = -EINVAL;	/* a record is read whole or not at all */
	else if (copy_to_user(ubuf, line, n))
		n = -EFAULT;
out:
	kfree(rec);
	kfree(line);
	return n;
}

/* A write is a log message, with an optional "<N>" level. */
static long kmsg_write(struct file *f, const char *ubuf, size_t len,
		       uint64_t *pos)
{
	char buf[256];
	size_t n = MIN(len, sizeof(buf) - 2), off = 0;
	int level = LOGLEVEL_DEFAULT;

	if (copy_from_user(buf, ubuf, n))
		return -EFAULT;
	buf[n] = '\0';
	if (n >= 3 && buf[0] == '<' && buf[1] >= '0' && buf[1] <= '7' &&
	    buf[2] == '>') {
		level = buf[1] - '0';
		off = 3;
	}
	if (!n || buf[n - 1] != '\n')
		buf[n++] = '\n';	/* a record is a line */
	buf[n] = '\0';
	printk_user(level, buf + off);
	return len;
}

static long kmsg_llseek(struct file *f, long off, int whence)
{
	if (off)
		return -ESPIPE;
	if (whence == 0)		/* SEEK_SET: the oldest record */
		f->f_pos = 0;
	else if (whence == 2)		/* SEEK_END: after the newest */
		f->f_pos = printk_log_end();
	else
		return -EINVAL;
	return 0;
}

static unsigned int kmsg_poll(struct file *f)
{
	return f->f_pos < printk_log_end() ? POLLIN | POLLRDNORM : 0;
}

static const struct file_operations kmsg_fops = {
	.open = kmsg_open,
	.read = kmsg_read,
	.write = kmsg_write,
	.llseek = kmsg_llseek,
	.poll = kmsg_poll,
};

/*
 * Character drivers registered at run time (the TTY layer, input
 * devices): a range of minors of one major each. Lock legend: chrdevs
 * and nr_chrdevs under chrdev_lock; entries are never removed.
 */
#define MAX_CHRDEVS	32

static struct chrdev_range {
	unsigned int major, minor, count;
	const struct file_operations *fops;
} chrdevs[MAX_CHRDEVS];
static unsigned int nr_chrdevs;
static DEFINE_SPINLOCK(chrdev_lock);

int chrdev_register(unsigned int major, unsigned int minor,
		    unsigned int count, const struct file_operations *fops)
{
	unsigned long flags = spin_lock_irqsave(&chrdev_lock);
	int err = 0;

	for (unsigned int i = 0; i < nr_chrdevs; i++) {
		struct chrdev_range *r = &chrdevs[i];

		if (r->major == major && minor < r->minor + r->count &&
		    r->minor < minor + count)
			err = -EBUSY;
	}
	if (!err && nr_chrdevs == MAX_CHRDEVS)
		err = -ENOSPC;
	if (!err)
		chrdevs[nr_chrdevs++] = (struct chrdev_range){
			major, minor, count, fops };
	spin_unlock_irqrestore(&chrdev_lock, flags);
	return err;
}

static const struct file_operations *registered_fops(dev_t dev)
{
	unsigned long flags = spin_lock_irqsave(&chrdev_lock);
	const struct file_operations *fops = NULL;

	for (unsigned int i = 0; i < nr_chrdevs && !fops; i++) {
		struct chrdev_range *r = &chrdevs[i];

		if (r->major == MAJOR(dev) && MINOR(dev) >= r->minor &&
		    MINOR(dev) - r->minor < r->count)
			fops = r->fops;
	}
	spin_unlock_irqrestore(&chrdev_lock, flags);
	return fops;
}

const struct file_operations *chrdev_fops(dev_t dev)
{
	const struct file_operations *fops = registered_fops(dev);

	if (fops)
		return fops;
	switch (MAJOR(dev)) {
	case 1:
		switch (MINOR(dev)) {
		case 3: return &null_fops;
		case 5: return &zero_fops;
		case 7: return &full_fops;
		case 8:
		case 9: return &random_fops;
		case 11: return &kmsg_fops;
		}
		return NULL;
	default:
		return NULL;
	}
}

/*
 * Every character device inode opens through here: the driver is looked
 * up by number at open time (as Linux's chrdev_open does), so a node made
 * before its driver registered works once it has. A number nobody drives
 * opens with -ENXIO.
 */
static int chrdev_open(struct inode *inode, struct file *f)
{
	const struct file_operations *fops = chrdev_fops(inode->rdev);

	if (!fops)
		return -ENXIO;
	f->f_op = fops;
	return fops->open ? fops->open(inode, f) : 0;
}

static const struct file_operations chrdev_def_fops = {
	.open = chrdev_open,
};

/* Block devices, sockets: later. */
static int nodev_open(struct inode *inode, struct file *f)
{
	return -ENXIO;
}

static const struct file_operations nodev_fops = {
	.open = nodev_open,
};

void init_special_inode(struct inode *i, unsigned int mode, dev_t rdev)
{
	i->rdev = rdev;
	if (S_ISCHR(mode)) {
		i->i_fop = &chrdev_def_fops;
	} else if (S_ISFIFO(mode)) {
		i->i_fop = &fifo_fops;
	} else {
		i->i_fop = &nodev_fops;
	}
}
