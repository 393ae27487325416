/*
 * File modes for the file utilities (fileutil.h): the "drwxr-xr-x"
 * string of ls -l and stat, the type names of stat %F, and chmod's
 * octal and symbolic modes ("u+x,go-w", "a=r", "+X", "g=u").
 */
#include "fileutil.h"

#include <string.h>

char fu_type_char(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:	return '-';
	case S_IFDIR:	return 'd';
	case S_IFLNK:	return 'l';
	case S_IFCHR:	return 'c';
	case S_IFBLK:	return 'b';
	case S_IFIFO:	return 'p';
	case S_IFSOCK:	return 's';
	}
	return '?';
}

/* One rwx triple; @special is the setuid/setgid/sticky bit of the triple. */
static void triple(char *p, mode_t mode, int shift, mode_t special,
		   char set_x, char set_nox)
{
	p[0] = mode & (4 << shift) ? 'r' : '-';
	p[1] = mode & (2 << shift) ? 'w' : '-';
	if (mode & special)
		p[2] = mode & (1 << shift) ? set_x : set_nox;
	else
		p[2] = mode & (1 << shift) ? 'x' : '-';
}

void fu_mode_string(mode_t mode, char buf[11])
{
	buf[0] = fu_type_char(mode);
	triple(buf + 1, mode, 6, S_ISUID, 's', 'S');
	triple(buf + 4, mode, 3, S_ISGID, 's', 'S');
	triple(buf + 7, mode, 0, S_ISVTX, 't', 'T');
	buf[10] = '\0';
}

const char *fu_type_name(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG:
		return st->st_size ? "regular file" : "regular empty file";
	case S_IFDIR:	return "directory";
	case S_IFLNK:	return "symbolic link";
	case S_IFCHR:	return "character special file";
	case S_IFBLK:	return "block special file";
	case S_IFIFO:	return "fifo";
	case S_IFSOCK:	return "socket";
	}
	return "weird file";
}

#define ALL_PERM	07777

static int apply_octal(const char *spec, mode_t old, int is_dir,
		       mode_t *out)
{
	mode_t m = 0;
	size_t n = strlen(spec);

	if (n == 0 || n > 5)
		return -1;
	for (const char *p = spec; *p; p++) {
		if (*p < '0' || *p > '7')
			return -1;
		m = m * 8 + (*p - '0');
	}
	if (m > ALL_PERM)
		return -1;
	/* Like other chmods: a short mode keeps a directory's set-id bits. */
	if (is_dir && n <= 3)
		m |= old & (S_ISUID | S_ISGID);
	*out = (old & ~(mode_t)ALL_PERM) | m;
	return 0;
}

/* The bits a who-letter set ("ug") owns, for '=' to clear. */
static mode_t who_bits(int who)
{
	mode_t m = 0;

	if (who & 4)
		m |= S_IRWXU | S_ISUID;
	if (who & 2)
		m |= S_IRWXG | S_ISGID;
	if (who & 1)
		m |= S_IRWXO | S_ISVTX;
	return m;
}

/* rwx in the low 3 bits, spread to each class in @who. */
static mode_t spread(mode_t rwx, int who)
{
	return ((who & 4) ? rwx << 6 : 0) | ((who & 2) ? rwx << 3 : 0) |
	       ((who & 1) ? rwx : 0);
}

/* The permission list after an operator; advances *@pp. */
static mode_t perm_list(const char **pp, mode_t cur, mode_t old, int who,
			int is_dir)
{
	const char *p = *pp;
	mode_t rwx = 0, extra = 0;

	if (*p == 'u' || *p == 'g' || *p == 'o') {
		int sh = *p == 'u' ? 6 : *p == 'g' ? 3 : 0;

		*pp = p + 1;
		return spread((cur >> sh) & 7, who);
	}
	for (; *p && strchr("rwxXst", *p); p++) {
		switch (*p) {
		case 'r': rwx |= 4; break;
		case 'w': rwx |= 2; break;
		case 'x': rwx |= 1; break;
		case 'X':
			if (is_dir || (old & (S_IXUSR | S_IXGRP | S_IXOTH)))
				rwx |= 1;
			break;
		case 's':
			extra |= ((who & 4) ? S_ISUID : 0) |
				 ((who & 2) ? S_ISGID : 0);
			break;
		case 't':
			extra |= (who & 1) ? S_ISVTX : 0;
			break;
		}
	}
	*pp = p;
	return spread(rwx, who) | extra;
}

/* One clause "who op perms [op perms]..."; advances *@pp past it. */
static int apply_clause(const char **pp, mode_t *cur, mode_t old,
			int is_dir, mode_t umask_bits)
{
	const char *p = *pp;
	int who = 0;
	mode_t mask;

	for (; *p && strchr("ugoa", *p); p++)
		who |= *p == 'u' ? 4 : *p == 'g' ? 2 : *p == 'o' ? 1 : 7;
	/* No who-letter: all classes, but the umask's bits stay alone. */
	mask = who ? (mode_t)ALL_PERM : ~umask_bits & ALL_PERM;
	if (!who)
		who = 7;
	if (*p != '+' && *p != '-' && *p != '=')
		return -1;
	while (*p == '+' || *p == '-' || *p == '=') {
		char op = *p++;
		mode_t bits = perm_list(&p, *cur, old, who, is_dir) & mask;

		if (op == '+')
			*cur |= bits;
		else if (op == '-')
			*cur &= ~bits;
		else {
			mode_t clear = who_bits(who);

			if (is_dir)
				clear &= ~(mode_t)(S_ISUID | S_ISGID);
			*cur = (*cur & ~clear) | bits;
		}
	}
	*pp = p;
	return 0;
}

int fu_mode_apply(const char *spec, mode_t old, int is_dir,
		  mode_t umask_bits, mode_t *out)
{
	mode_t cur = old & ALL_PERM;
	const char *p = spec;

	if (*spec >= '0' && *spec <= '7')
		return apply_octal(spec, old, is_dir, out);
	for (;;) {
		if (apply_clause(&p, &cur, old, is_dir, umask_bits) < 0)
			return -1;
		if (*p == '\0')
			break;
		if (*p++ != ',')
			return -1;
	}
	*out = (old & ~(mode_t)ALL_PERM) | cur;
	return 0;
}
