/* getdents64: a directory's entries in Linux's linux_dirent64 records. */
#include <errno.h>
#include <file.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>
#include <lib/string.h>

struct getdents_ctx {
	struct dir_context ctx;
	char *ubuf;
	size_t size, used;
	int err;
};

struct dirent64_head {
	uint64_t ino;
	int64_t off;
	uint16_t reclen;
	uint8_t type;
} __packed;

static bool emit_dirent(struct dir_context *ctx, const char *name,
			size_t len, uint64_t ino, unsigned int type)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	size_t reclen = ALIGN_UP(sizeof(struct dirent64_head) + len + 1, 8);
	struct dirent64_head h = { ino, (int64_t)ctx->pos + 1, reclen, type };
	char zero[8] = { 0 };

	if (g->used + reclen > g->size) {
		if (!g->used)
			g->err = -EINVAL;	/* not even one fits */
		return false;
	}
	if (copy_to_user(g->ubuf + g->used, &h, sizeof(h)) ||
	    copy_to_user(g->ubuf + g->used + sizeof(h), name, len) ||
	    copy_to_user(g->ubuf + g->used + sizeof(h) + len, zero,
			 reclen - sizeof(h) - len)) {
		g->err = -EFAULT;
		return false;
	}
	g->used += reclen;
	return true;
}

SYSCALL_DEFINE3(getdents64, int, fd, char *, ubuf, unsigned int, size)
{
	struct file *f = fd_get(fd);
	struct getdents_ctx g = { .ctx.emit = emit_dirent, .ubuf = ubuf,
				  .size = size };
	long err;

	if (!f)
		return -EBADF;
	if (!f->inode || !S_ISDIR(f->inode->mode) || !f->f_op->iterate) {
		file_put(f);
		return -ENOTDIR;
	}
	if (!f->dentry || f->dentry->unhashed) {
		file_put(f);
		return -ENOENT;		/* the directory was removed */
	}
	g.ctx.pos = f->f_pos;
	err = f->f_op->iterate(f, &g.ctx);
	f->f_pos = g.ctx.pos;
	file_put(f);
	if (err)
		return err;
	return g.used ? (long)g.used : g.err;
}
