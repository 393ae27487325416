/*
 * Shared helpers of Ferrite's file utilities (user/bin: ls, cp, mv, rm,
 * chmod, stat, du, ...): option parsing with getopt_long and the exit
 * codes of util.h, path joining, mode strings and symbolic modes,
 * user and group names, loop detection for tree walks (fileutil.c,
 * filemode.c), copying and removing trees (filecopy.c).
 */
#ifndef FERRITE_FILEUTIL_H
#define FERRITE_FILEUTIL_H

#include <getopt.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* ---- fileutil.c ---- */

/*
 * getopt_long with getopt's own messages off: an unknown option or a
 * missing argument is a usage error (exit 2) worded by us. Permutes
 * operands and options on both musl and glibc.
 */
int fu_getopt(int argc, char **argv, const char *opts,
	      const struct option *longopts);

/* "dir/name" in fresh memory (no doubled slash). */
char *fu_path_join(const char *dir, const char *name);
/* The last component of @path, without modifying it ("a/b/" -> "b/"). */
const char *fu_last_name(const char *path);
/* The last component without trailing slashes, in fresh memory. */
char *fu_base_dup(const char *path);
/* "dir/" + last component of @src: the target of cp/mv/ln into a dir. */
char *fu_into_dir(const char *dir, const char *src);

/* Name of @uid / @gid from /etc/passwd, /etc/group (cached); NULL if none. */
const char *fu_user_name(uid_t uid);
const char *fu_group_name(gid_t gid);

/*
 * Size for -h the way ls, du and df print it: rounded up, one decimal
 * below 10 ("1.5K", "12K", "3.0G"), plain bytes below 1024.
 */
char *fu_human(unsigned long long bytes, char *buf, size_t len);

/* Parse a non-negative decimal; -1 if @s is not one. */
long long fu_parse_num(const char *s);

/* Ask "prog: QUESTION? " on stderr; 1 if the answer starts with y/Y. */
int fu_ask(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * The directories on the way down a tree walk, innermost first, so that
 * a walk which follows symlinks (or meets a bind mount) can tell that a
 * directory is its own ancestor instead of looping forever.
 */
struct fu_dir_chain {
	dev_t dev;
	ino_t ino;
	const struct fu_dir_chain *up;
};
int fu_chain_has(const struct fu_dir_chain *c, const struct stat *st);

/* ---- filemode.c ---- */

/* "drwxr-sr-t": type letter and permission bits, 10 chars plus NUL. */
void fu_mode_string(mode_t mode, char buf[11]);
/* The type letter of ls -l: '-' 'd' 'l' 'c' 'b' 'p' 's' ('?' unknown). */
char fu_type_char(mode_t mode);
/* "regular file", "directory", ... as stat %F prints it. */
const char *fu_type_name(const struct stat *st);

/*
 * Apply a chmod mode to @old: octal ("0755", "4711") or symbolic
 * ("u+x,go-w", "a=r", "+X", "u=g", "o-rwx"). @is_dir makes X act as x;
 * @umask_bits masks "+r" style changes whose who-part is empty.
 * Returns 0 and sets *@out, or -1 when @spec is malformed.
 */
int fu_mode_apply(const char *spec, mode_t old, int is_dir,
		  mode_t umask_bits, mode_t *out);

/* ---- filecopy.c ---- */

struct fu_copy_opts {
	int recursive;		/* copy directories and their contents */
	int preserve;		/* mode, owner, times (cp -p) */
	int no_deref;		/* copy symlinks as symlinks */
	int force;		/* remove a destination that cannot be opened */
	int interactive;	/* ask before overwriting */
	int verbose;		/* "'src' -> 'dst'" on stdout */
	int move;		/* for mv: remove sources that were copied */
};

/*
 * Copy @src to @dst (both full paths; @dst is the new name, not a
 * directory to copy into). Messages are printed; returns 0 or -1.
 */
int fu_copy(const char *src, const char *dst, const struct fu_copy_opts *o);

/* Copy the bytes of @in to @out; -1 with errno on a read/write error. */
int fu_copy_fd(int in, int out);

struct fu_rm_opts {
	int recursive;
	int force;		/* no messages for missing files, no asking */
	int interactive;	/* ask before each removal */
	int verbose;		/* "removed 'x'" */
};

/* Remove @path (a tree with recursive); messages printed; 0 or -1. */
int fu_remove(const char *path, const struct fu_rm_opts *o);

#endif
