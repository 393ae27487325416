/*
 * Reading and writing descriptors: read, write, pread64, pwrite64, readv,
 * writev, lseek. The access mode and O_APPEND are checked here; each
 * file's operations do the copying from the position given.
 */
#include <errno.h>
#include <file.h>
#include <mman.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>

#define IOV_MAX		1024
#define MAX_RW_COUNT	0x7ffff000UL	/* Linux's cap on one transfer */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

struct iovec_k {
	unsigned long base;
	size_t len;
};

/* One transfer at @pos (NULL: the file's own position). */
static long file_io(struct file *f, unsigned long buf, size_t len,
		    uint64_t *pos, bool write)
{
	unsigned int mode = f->f_flags & O_ACCMODE;
	uint64_t *p = pos ? pos : &f->f_pos;

	len = MIN(len, MAX_RW_COUNT);
	if (f->inode && S_ISDIR(f->inode->mode))
		return write ? -EBADF : -EISDIR;
	if (write) {
		if (mode == O_RDONLY || !f->f_op->write)
			return -EBADF;
		if ((f->f_flags & O_APPEND) && !pos && f->inode)
			f->f_pos = f->inode->size;
		return f->f_op->write(f, (const char *)buf, len, p);
	}
	if (mode == O_WRONLY || !f->f_op->read)
		return -EBADF;
	return f->f_op->read(f, (char *)buf, len, p);
}

static long fd_io(int fd, unsigned long buf, size_t len, uint64_t *pos,
		  bool write)
{
	struct file *f = fd_get(fd);
	long r;

	if (!f)
		return -EBADF;
	r = file_io(f, buf, len, pos, write);
	file_put(f);
	return r;
}

SYSCALL_DEFINE3(read, int, fd, unsigned long, buf, size_t, len)
{
	return fd_io(fd, buf, len, NULL, false);
}

SYSCALL_DEFINE3(write, int, fd, unsigned long, buf, size_t, len)
{
	return fd_io(fd, buf, len, NULL, true);
}

/* pread64/pwrite64: at @off, leaving the file position alone. */
static long fd_pio(int fd, unsigned long buf, size_t len, long off,
		   bool write)
{
	struct file *f;
	uint64_t pos = off;
	long r;

	if (off < 0)
		return -EINVAL;
	f = fd_get(fd);
	if (!f)
		return -EBADF;
	if (!f->inode || S_ISFIFO(f->inode->mode) || S_ISCHR(f->inode->mode))
		r = f->inode && S_ISCHR(f->inode->mode) ?
		    file_io(f, buf, len, &pos, write) : -ESPIPE;
	else
		r = file_io(f, buf, len, &pos, write);
	file_put(f);
	return r;
}

SYSCALL_DEFINE4(pread64, int, fd, unsigned long, buf, size_t, len,
		long, off)
{
	return fd_pio(fd, buf, len, off, false);
}

SYSCALL_DEFINE4(pwrite64, int, fd, unsigned long, buf, size_t, len,
		long, off)
{
	return fd_pio(fd, buf, len, off, true);
}

static long fd_iov(int fd, unsigned long uiov, int cnt, uint64_t *pos,
		   bool write)
{
	struct file *f = fd_get(fd);
	struct iovec_k iov;
	long total = 0, r = 0;

	if (!f)
		return -EBADF;
	if (cnt < 0 || cnt > IOV_MAX)
		r = -EINVAL;
	for (int i = 0; !r && i < cnt; i++) {
		if (copy_from_user(&iov, (void *)(uiov + i * sizeof(iov)),
				   sizeof(iov))) {
			r = -EFAULT;
			break;
		}
		if ((long)iov.len < 0) {
			r = -EINVAL;
			break;
		}
		if (!iov.len)
			continue;
		r = file_io(f, iov.base, iov.len, pos, write);
		if (r < 0)
			break;
		total += r;
		if ((size_t)r < iov.len)
			break;
		r = 0;
	}
	file_put(f);
	return total ? total : (r < 0 ? r : 0);
}

SYSCALL_DEFINE3(readv, int, fd, unsigned long, iov, int, cnt)
{
	return fd_iov(fd, iov, cnt, NULL, false);
}

SYSCALL_DEFINE3(writev, int, fd, unsigned long, iov, int, cnt)
{
	return fd_iov(fd, iov, cnt, NULL, true);
}

/* preadv/pwritev: at @off, leaving the position alone. */
static long fd_piov(int fd, unsigned long iov, int cnt, long off,
		    bool write)
{
	uint64_t pos = off;

	if (off < 0)
		return -EINVAL;
	return fd_iov(fd, iov, cnt, &pos, write);
}

SYSCALL_DEFINE5(preadv, int, fd, unsigned long, iov, int, cnt, long, off,
		long, off_hi)
{
	return fd_piov(fd, iov, cnt, off, false);
}

SYSCALL_DEFINE5(pwritev, int, fd, unsigned long, iov, int, cnt, long, off,
		long, off_hi)
{
	return fd_piov(fd, iov, cnt, off, true);
}

SYSCALL_DEFINE3(lseek, int, fd, long, off, int, whence)
{
	struct file *f = fd_get(fd);
	long base, r;

	if (!f)
		return -EBADF;
	if (!f->inode || S_ISFIFO(f->inode->mode)) {
		file_put(f);
		return -ESPIPE;
	}
	if (f->f_op->llseek) {
		r = f->f_op->llseek(f, off, whence);
		file_put(f);
		return r;
	}
	if (S_ISCHR(f->inode->mode)) {
		f->f_pos = 0;	/* devices have no positions: null, zero */
		file_put(f);
		return 0;
	}
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->f_pos;
		break;
	case SEEK_END:
		base = f->inode->size;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		/* No hole map yet: all data up to the size, one hole after. */
		if (off < 0 || (uint64_t)off >= f->inode->size) {
			file_put(f);
			return -ENXIO;
		}
		base = 0;
		if (whence == SEEK_HOLE)
			off = f->inode->size;
		break;
	default:
		file_put(f);
		return -EINVAL;
	}
	r = base + off;
	if ((off > 0 && r < base) || r < 0)
		r = -EINVAL;
	else
		f->f_pos = r;
	file_put(f);
	return r;
}

/*
 * sendfile: from @in (at *@uoff, or its position) to @out. The bytes pass
 * through a bounce buffer mapped for the moment in the caller's own
 * address space, so that every kind of file's read and write (which take
 * user buffers) serve as they are.
 */
#define SENDFILE_CHUNK	(64 * 1024)

unsigned long mm_find_free(struct mm *mm, unsigned long len,
			   unsigned long hint, bool low32);

static long bounce_map(unsigned long *addr)
{
	struct mm *mm = current->mm;
	long err;

	mutex_lock(&mm->lock);
	*addr = mm_find_free(mm, SENDFILE_CHUNK, 0, false);
	err = vma_gap_error(*addr) ? -ENOMEM :
	      mm_map_anon(mm, *addr, *addr + SENDFILE_CHUNK,
			  VMA_READ | VMA_WRITE | VMA_MAY_MASK);
	mutex_unlock(&mm->lock);
	return err;
}

static void bounce_unmap(unsigned long addr)
{
	struct mm *mm = current->mm;

	mutex_lock(&mm->lock);
	mm_unmap(mm, addr, addr + SENDFILE_CHUNK);
	mutex_unlock(&mm->lock);
}

static long do_sendfile(struct file *out, struct file *in, uint64_t *pos,
			size_t count)
{
	unsigned long buf;
	size_t done = 0;
	long r = bounce_map(&buf);

	if (r)
		return r;
	while (done < count) {
		size_t want = MIN(count - done, SENDFILE_CHUNK);
		long got = file_io(in, buf, want, pos, false);

		if (got <= 0) {
			r = got;
			break;
		}
		r = file_io(out, buf, got, NULL, true);
		if (r <= 0)
			break;
		done += r;
		if (r < got) {		/* the writer took less: give back */
			if (pos)
				*pos -= got - r;
			else
				in->f_pos -= got - r;
			break;
		}
		/* A short read is all a pipe or terminal had: return it
		 * rather than block for more (or eat an EOF from ^D). */
		if ((size_t)got < want)
			break;
	}
	bounce_unmap(buf);
	return done ? (long)done : r;
}

SYSCALL_DEFINE4(sendfile, int, outfd, int, infd, long *, uoff,
		size_t, count)
{
	struct file *in = fd_get(infd), *out = fd_get(outfd);
	uint64_t pos;
	long r;

	if (!in || !out) {
		r = -EBADF;
		goto out;
	}
	if ((in->f_flags & O_ACCMODE) == O_WRONLY ||
	    (out->f_flags & O_ACCMODE) == O_RDONLY) {
		r = -EBADF;
		goto out;
	}
	if (out->f_flags & O_APPEND) {
		r = -EINVAL;	/* Linux refuses appending outputs */
		goto out;
	}
	if (uoff && (get_user(pos, (uint64_t *)uoff) || (long)pos < 0)) {
		r = (long)pos < 0 ? -EINVAL : -EFAULT;
		goto out;
	}
	r = do_sendfile(out, in, uoff ? &pos : NULL, MIN(count,
							MAX_RW_COUNT));
	if (uoff && r >= 0 && put_user(pos, (uint64_t *)uoff))
		r = -EFAULT;
out:
	if (in)
		file_put(in);
	if (out)
		file_put(out);
	return r;
}
