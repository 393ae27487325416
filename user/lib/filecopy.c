/*
 * Copying and removing files and trees for cp, mv and rm (fileutil.h).
 * Copies are path based and keep symlinks as symlinks when asked;
 * removal works relative to open directories (unlinkat), so deep trees
 * do not hit PATH_MAX, and never follows a symlink out of the tree.
 */
#include "fileutil.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COPY_BUF	(64 * 1024)

int fu_copy_fd(int in, int out)
{
	static char buf[COPY_BUF];
	ssize_t n;

	for (;;) {
		n = read(in, buf, sizeof(buf));
		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (write_all(out, buf, n) < 0)
			return -1;
	}
}

static mode_t current_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

/* Owner, mode and times of @st onto @dst (cp -p); quiet about chown. */
static int preserve_attrs(const char *dst, const struct stat *st)
{
	struct timespec ts[2] = { st->st_atim, st->st_mtim };
	int ret = 0;

	if (lchown(dst, st->st_uid, st->st_gid) < 0 && errno != EPERM)
		ret = -1;
	if (!S_ISLNK(st->st_mode) && chmod(dst, st->st_mode & 07777) < 0)
		ret = -1;
	if (utimensat(AT_FDCWD, dst, ts, AT_SYMLINK_NOFOLLOW) < 0)
		ret = -1;
	if (ret < 0)
		warnmsg("preserving attributes of '%s':", dst);
	return ret;
}

static int copy_regular(const char *src, const char *dst,
			const struct stat *st, const struct fu_copy_opts *o)
{
	int in, out, ret = 0;

	in = open(src, O_RDONLY);
	if (in < 0) {
		warnmsg("cannot open '%s' for reading:", src);
		return -1;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0 && o->force && errno != ENOENT && unlink(dst) == 0)
		out = open(dst, O_WRONLY | O_CREAT | O_TRUNC,
			   st->st_mode & 0777);
	if (out < 0) {
		warnmsg("cannot create regular file '%s':", dst);
		close(in);
		return -1;
	}
	if (fu_copy_fd(in, out) < 0) {
		warnmsg("error copying '%s' to '%s':", src, dst);
		ret = -1;
	}
	if (close(out) < 0 && ret == 0) {
		warnmsg("error writing '%s':", dst);
		ret = -1;
	}
	close(in);
	return ret;
}

static int copy_symlink(const char *src, const char *dst,
			const struct stat *st)
{
	size_t cap = st->st_size > 0 ? (size_t)st->st_size + 1 : 256;
	char *target = xmalloc(cap);
	ssize_t n = readlink(src, target, cap);
	int ret = 0;

	if (n < 0 || (size_t)n >= cap) {
		warnmsg("cannot read symbolic link '%s':", src);
		free(target);
		return -1;
	}
	target[n] = '\0';
	if (symlink(target, dst) < 0 && (errno != EEXIST || unlink(dst) < 0 ||
					 symlink(target, dst) < 0)) {
		warnmsg("cannot create symbolic link '%s':", dst);
		ret = -1;
	}
	free(target);
	return ret;
}

static int copy_tree(const char *src, const char *dst, const struct stat *st,
		     const struct fu_copy_opts *o,
		     const struct fu_dir_chain *up);

static int copy_dir(const char *src, const char *dst, const struct stat *st,
		    const struct fu_copy_opts *o,
		    const struct fu_dir_chain *up)
{
	struct fu_dir_chain here = { st->st_dev, st->st_ino, up };
	struct stat dst_st, sub;
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if (mkdir(dst, (st->st_mode & 07777) | S_IRWXU) < 0 &&
	    (errno != EEXIST || stat(dst, &dst_st) < 0 ||
	     !S_ISDIR(dst_st.st_mode))) {
		warnmsg("cannot create directory '%s':", dst);
		return -1;
	}
	if (stat(dst, &dst_st) < 0 || fu_chain_has(&here, &dst_st)) {
		warnmsg("cannot copy a directory, '%s', into itself, '%s'",
			src, dst);
		return -1;
	}
	d = opendir(src);
	if (!d) {
		warnmsg("cannot open directory '%s':", src);
		return -1;
	}
	while ((de = readdir(d))) {
		char *s, *t;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		s = fu_path_join(src, de->d_name);
		t = fu_path_join(dst, de->d_name);
		/* The copy itself may sit inside the source: skip it. */
		if (lstat(s, &sub) < 0) {
			warnmsg("cannot stat '%s':", s);
			ret = -1;
		} else if (!(sub.st_dev == dst_st.st_dev &&
			     sub.st_ino == dst_st.st_ino) &&
			   copy_tree(s, t, &sub, o, &here) < 0) {
			ret = -1;
		}
		free(s);
		free(t);
	}
	closedir(d);
	if (o->preserve)
		return preserve_attrs(dst, st) < 0 ? -1 : ret;
	if (chmod(dst, st->st_mode & 07777 & ~current_umask()) < 0)
		ret = -1;
	return ret;
}

/* Copy one node whose lstat (or stat) is @st. */
static int copy_tree(const char *src, const char *dst, const struct stat *st,
		     const struct fu_copy_opts *o,
		     const struct fu_dir_chain *up)
{
	struct stat lst = *st;
	int ret;

	if (S_ISLNK(st->st_mode) && !o->no_deref && stat(src, &lst) < 0) {
		warnmsg("cannot stat '%s':", src);
		return -1;
	}
	st = &lst;
	if (S_ISDIR(st->st_mode)) {
		if (!o->recursive) {
			warnmsg("-r not specified; omitting directory '%s'",
				src);
			return -1;
		}
		if (fu_chain_has(up, st)) {
			warnmsg("'%s': directory loop, not copied", src);
			return -1;
		}
		if (o->verbose)
			printf("'%s' -> '%s'\n", src, dst);
		return copy_dir(src, dst, st, o, up);
	}
	if (o->verbose)
		printf("'%s' -> '%s'\n", src, dst);
	if (S_ISLNK(st->st_mode))
		ret = copy_symlink(src, dst, st);
	else if (S_ISREG(st->st_mode) || !o->recursive)
		ret = copy_regular(src, dst, st, o);
	else if (mknod(dst, st->st_mode, st->st_rdev) < 0) {
		warnmsg("cannot create special file '%s':", dst);
		ret = -1;
	} else
		ret = 0;
	if (ret == 0 && o->preserve)
		ret = preserve_attrs(dst, st);
	return ret;
}

/* Whether @dst lies inside directory @src (cp -r a a/b: never ends). */
static int inside(const char *src, const char *dst)
{
	char *dir = xstrdup(dst);
	char *slash, rs[PATH_MAX], rd[PATH_MAX];
	size_t n;
	int ret = 0;

	slash = strrchr(dir, '/');
	while (slash && slash > dir && slash[1] == '\0') {
		*slash = '\0';
		slash = strrchr(dir, '/');
	}
	if (!slash)
		strcpy(dir, ".");
	else
		slash[slash == dir] = '\0';
	if (realpath(src, rs) && realpath(dir, rd)) {
		n = strlen(rs);
		ret = !strcmp(rd, rs) ||
		      (!strncmp(rd, rs, n) && (rd[n] == '/' || n == 1));
	}
	free(dir);
	return ret;
}

int fu_copy(const char *src, const char *dst, const struct fu_copy_opts *o)
{
	struct stat st, dst_st;
	int r;

	r = o->no_deref ? lstat(src, &st) : stat(src, &st);
	if (r < 0) {
		warnmsg("cannot stat '%s':", src);
		return -1;
	}
	if (lstat(dst, &dst_st) == 0) {
		if (dst_st.st_dev == st.st_dev && dst_st.st_ino == st.st_ino) {
			warnmsg("'%s' and '%s' are the same file", src, dst);
			return -1;
		}
		if (S_ISDIR(dst_st.st_mode) && !S_ISDIR(st.st_mode)) {
			warnmsg("cannot overwrite directory '%s' with "
				"non-directory", dst);
			return -1;
		}
		if (!S_ISDIR(dst_st.st_mode) && S_ISDIR(st.st_mode)) {
			warnmsg("cannot overwrite non-directory '%s' with "
				"directory '%s'", dst, src);
			return -1;
		}
		if (o->interactive && !S_ISDIR(dst_st.st_mode) &&
		    !fu_ask("overwrite '%s'", dst))
			return 0;
	}
	if (S_ISDIR(st.st_mode) && o->recursive && inside(src, dst)) {
		warnmsg("cannot copy a directory, '%s', into itself, '%s'",
			src, dst);
		return -1;
	}
	return copy_tree(src, dst, &st, o, NULL);
}

/* ---- removal ---- */

static int remove_at(int dfd, const char *name, const char *shown,
		     const struct fu_rm_opts *o);

/* The names in directory @fd, read before any is removed. */
static char **list_dir(int fd, size_t *count)
{
	DIR *d = fdopendir(fd);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (!d) {
		close(fd);
		return NULL;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	*count = n;
	return names ? names : xmalloc(sizeof(*names));
}

static int remove_contents(int dfd, const char *name, const char *shown,
			   const struct fu_rm_opts *o)
{
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	size_t n = 0;
	char **names;
	int ret = 0;

	if (fd < 0) {
		warnmsg("cannot open directory '%s':", shown);
		return -1;
	}
	names = list_dir(dup(fd), &n);
	if (!names) {
		warnmsg("cannot read directory '%s':", shown);
		close(fd);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char *sub = fu_path_join(shown, names[i]);

		if (remove_at(fd, names[i], sub, o) < 0)
			ret = -1;
		free(sub);
		free(names[i]);
	}
	free(names);
	close(fd);
	return ret;
}

static int remove_at(int dfd, const char *name, const char *shown,
		     const struct fu_rm_opts *o)
{
	struct stat st;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (o->force && errno == ENOENT)
			return 0;
		warnmsg("cannot remove '%s':", shown);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!o->recursive) {
			warnmsg("cannot remove '%s': Is a directory", shown);
			return -1;
		}
		if (o->interactive &&
		    !fu_ask("descend into directory '%s'", shown))
			return 0;
		if (remove_contents(dfd, name, shown, o) < 0)
			return -1;
		if (o->interactive &&
		    !fu_ask("remove directory '%s'", shown))
			return 0;
		if (unlinkat(dfd, name, AT_REMOVEDIR) < 0) {
			warnmsg("cannot remove '%s':", shown);
			return -1;
		}
		if (o->verbose)
			printf("removed directory '%s'\n", shown);
		return 0;
	}
	if (o->interactive && !fu_ask("remove %s '%s'", fu_type_name(&st),
				      shown))
		return 0;
	if (unlinkat(dfd, name, 0) < 0) {
		warnmsg("cannot remove '%s':", shown);
		return -1;
	}
	if (o->verbose)
		printf("removed '%s'\n", shown);
	return 0;
}

int fu_remove(const char *path, const struct fu_rm_opts *o)
{
	return remove_at(AT_FDCWD, path, path, o);
}
