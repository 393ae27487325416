/*
 * ls: list directory contents. Output follows GNU ls closely so that
 * scripts and eyes used to it feel at home: columns (filled down, tabs
 * every 8) on a terminal or with -C, one name a line otherwise, -l long
 * lines with a "total" in 1K blocks, colours on a terminal. Names sort
 * by strcoll (byte order in the C locale), by mtime with -t or size
 * with -S. -R remembers the directories on its way down, so a loop
 * through symlinks (-L) or bind mounts is reported, not followed.
 */
#include "fileutil.h"
#include "util.h"

#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: ls [-1AaCdFhiLlnRrSstx] [--color[=WHEN]] [FILE]...\n"
	"List the FILEs (the current directory by default).\n"
	"  -l  long listing         -1  one name per line\n"
	"  -C  columns (down)       -x  columns (across)\n"
	"  -a  include . names      -A  include . names but . and ..\n"
	"  -d  list directories themselves, not their contents\n"
	"  -R  list subdirectories recursively\n"
	"  -i  inode numbers        -s  sizes in 1K blocks\n"
	"  -h  human-readable sizes -n  numeric user and group ids\n"
	"  -t  sort by time, newest first\n"
	"  -S  sort by size, largest first\n"
	"  -r  reverse the order    -F  append an indicator (*/=@|)\n"
	"  -L  follow symbolic links\n"
	"  --color[=WHEN]  colour names: always (default), auto, never\n";

enum { FMT_ONE, FMT_COLS, FMT_ACROSS, FMT_LONG };
enum { SORT_NAME, SORT_TIME, SORT_SIZE };

static int format = -1, show_all, almost_all, recursive, dirs_as_files;
static int human, inodes, blocks, numeric, classify, follow, reverse;
static int sort_by = SORT_NAME, color, on_tty, status;
static unsigned width = 80;
static time_t now;

struct entry {
	char *name;	/* as shown: operand or directory entry name */
	char *path;	/* for stat and readlink */
	struct stat st;
	char *link;	/* symlink target, long format only */
};

struct list {
	struct entry *v;
	size_t n, cap;
};

/* Column widths of one listing. */
struct widths {
	int ino, blk, nlink, user, group, size, major, minor;
};

static void list_add(struct list *l, char *name, char *path,
		     const struct stat *st)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = (struct entry){ name, path, *st, NULL };
}

static void list_free(struct list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].path);
		free(l->v[i].link);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* ---- sorting ---- */

static int cmp_entry(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int r = 0;

	if (sort_by == SORT_TIME) {
		if (a->st.st_mtim.tv_sec != b->st.st_mtim.tv_sec)
			r = a->st.st_mtim.tv_sec > b->st.st_mtim.tv_sec ? -1 : 1;
		else if (a->st.st_mtim.tv_nsec != b->st.st_mtim.tv_nsec)
			r = a->st.st_mtim.tv_nsec > b->st.st_mtim.tv_nsec ?
			    -1 : 1;
	} else if (sort_by == SORT_SIZE && a->st.st_size != b->st.st_size) {
		r = a->st.st_size > b->st.st_size ? -1 : 1;
	}
	if (!r)
		r = strcoll(a->name, b->name);
	return reverse ? -r : r;
}

static void list_sort(struct list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_entry);
}

/* ---- names, colours, indicators ---- */

static const char *color_of(mode_t m)
{
	switch (m & S_IFMT) {
	case S_IFDIR:	return "01;34";
	case S_IFLNK:	return "01;36";
	case S_IFCHR:
	case S_IFBLK:	return "40;33;01";
	case S_IFIFO:	return "40;33";
	case S_IFSOCK:	return "01;35";
	}
	return m & (S_IXUSR | S_IXGRP | S_IXOTH) ? "01;32" : NULL;
}

static char indicator(mode_t m)
{
	switch (m & S_IFMT) {
	case S_IFDIR:	return '/';
	case S_IFLNK:	return format == FMT_LONG ? 0 : '@';
	case S_IFIFO:	return '|';
	case S_IFSOCK:	return '=';
	case S_IFREG:
		return m & (S_IXUSR | S_IXGRP | S_IXOTH) ? '*' : 0;
	}
	return 0;
}

/* Columns a name takes on screen: UTF-8 continuation bytes take none. */
static size_t name_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* On a terminal control characters show as '?', as in other lss. */
static void put_name(const char *s)
{
	for (; *s; s++)
		putchar(on_tty && ((unsigned char)*s < 32 || *s == 127) ?
			'?' : *s);
}

static void put_colored(const char *name, mode_t mode)
{
	const char *c = color ? color_of(mode) : NULL;

	if (c)
		printf("\033[%sm", c);
	put_name(name);
	if (c)
		fputs("\033[0m", stdout);
}

/* ---- widths ---- */

static int digits(unsigned long long v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static unsigned long long kblocks(const struct stat *st)
{
	return ((unsigned long long)st->st_blocks + 1) / 2;
}

static void size_text(const struct stat *st, char *buf, size_t len)
{
	if (human)
		fu_human(st->st_size, buf, len);
	else
		snprintf(buf, len, "%llu", (unsigned long long)st->st_size);
}

static void blocks_text(const struct stat *st, char *buf, size_t len)
{
	if (human)
		fu_human((unsigned long long)st->st_blocks * 512, buf, len);
	else
		snprintf(buf, len, "%llu", kblocks(st));
}

static void owner_text(const struct stat *st, char *u, char *g, size_t len)
{
	const char *un = numeric ? NULL : fu_user_name(st->st_uid);
	const char *gn = numeric ? NULL : fu_group_name(st->st_gid);

	if (un)
		snprintf(u, len, "%s", un);
	else
		snprintf(u, len, "%u", (unsigned)st->st_uid);
	if (gn)
		snprintf(g, len, "%s", gn);
	else
		snprintf(g, len, "%u", (unsigned)st->st_gid);
}

#define MAX(a, b) ((a) > (b) ? (a) : (b))

static void measure(const struct list *l, struct widths *w)
{
	char u[64], g[64], buf[32];
	int dev_w;

	memset(w, 0, sizeof(*w));
	for (size_t i = 0; i < l->n; i++) {
		const struct stat *st = &l->v[i].st;

		w->ino = MAX(w->ino, digits(st->st_ino));
		blocks_text(st, buf, sizeof(buf));
		w->blk = MAX(w->blk, (int)strlen(buf));
		if (format != FMT_LONG)
			continue;
		w->nlink = MAX(w->nlink, digits(st->st_nlink));
		owner_text(st, u, g, sizeof(u));
		w->user = MAX(w->user, (int)strlen(u));
		w->group = MAX(w->group, (int)strlen(g));
		if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
			w->major = MAX(w->major, digits(major(st->st_rdev)));
			w->minor = MAX(w->minor, digits(minor(st->st_rdev)));
		} else {
			size_text(st, buf, sizeof(buf));
			w->size = MAX(w->size, (int)strlen(buf));
		}
	}
	dev_w = w->major ? w->major + 2 + w->minor : 0;
	w->size = MAX(w->size, dev_w);
	if (w->major)	/* right-align "major, minor" in the size column */
		w->major = w->size - 2 - w->minor;
}

/* The -i and -s columns before a name; returns the width printed. */
static int put_prefix(const struct entry *e, const struct widths *w)
{
	char buf[32];
	int n = 0;

	if (inodes)
		n += printf("%*llu ", w->ino, (unsigned long long)e->st.st_ino);
	if (blocks) {
		blocks_text(&e->st, buf, sizeof(buf));
		n += printf("%*s ", w->blk, buf);
	}
	return n;
}

/* Name plus -F indicator; returns the width printed. */
static size_t put_item(const struct entry *e)
{
	char ind = classify ? indicator(e->st.st_mode) : 0;

	put_colored(e->name, e->st.st_mode);
	if (ind)
		putchar(ind);
	return name_width(e->name) + (ind != 0);
}

static size_t item_width(const struct entry *e, const struct widths *w)
{
	return (inodes ? w->ino + 1 : 0) + (blocks ? w->blk + 1 : 0) +
	       name_width(e->name) +
	       (classify && indicator(e->st.st_mode) ? 1 : 0);
}


/* ---- long format ---- */

static const char months[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
#define SIX_MONTHS	(365 * 24 * 3600 / 2)

/* "Mon DD HH:MM" within six months, "Mon DD  YYYY" otherwise. */
static void put_date(time_t t)
{
	struct tm tm;

	if (!localtime_r(&t, &tm)) {
		printf("%12s", "?");
		return;
	}
	if (t > now - SIX_MONTHS && t <= now)
		printf("%s %2d %02d:%02d", months[tm.tm_mon], tm.tm_mday,
		       tm.tm_hour, tm.tm_min);
	else
		printf("%s %2d  %4d", months[tm.tm_mon], tm.tm_mday,
		       tm.tm_year + 1900);
}

static void put_long(struct entry *e, const struct widths *w)
{
	const struct stat *st = &e->st;
	char mode[11], u[64], g[64], buf[32];

	put_prefix(e, w);
	fu_mode_string(st->st_mode, mode);
	owner_text(st, u, g, sizeof(u));
	printf("%s %*lu %-*s %-*s ", mode, w->nlink,
	       (unsigned long)st->st_nlink, w->user, u, w->group, g);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
		printf("%*u, %*u ", w->major, major(st->st_rdev), w->minor,
		       minor(st->st_rdev));
	} else {
		size_text(st, buf, sizeof(buf));
		printf("%*s ", w->size, buf);
	}
	put_date(st->st_mtim.tv_sec);
	putchar(' ');
	put_item(e);
	if (e->link) {
		fputs(" -> ", stdout);
		put_name(e->link);
	}
	putchar('\n');
}

/* Fill in symlink targets: only the long format shows them. */
static void read_link(struct entry *e)
{
	size_t cap = e->st.st_size > 0 ? (size_t)e->st.st_size + 1 : 256;
	ssize_t n;

	if (!S_ISLNK(e->st.st_mode))
		return;
	e->link = xmalloc(cap);
	n = readlink(e->path, e->link, cap - 1);
	if (n < 0) {
		free(e->link);
		e->link = NULL;
		return;
	}
	e->link[n] = '\0';
}

/* ---- columns ---- */

/*
 * Pad from column @from to @to with tabs (stops every 8) and spaces; a
 * tab never stands for a lone space.
 */
static void pad(size_t from, size_t to)
{
	while (from < to) {
		if (to / 8 > (from + 1) / 8) {
			putchar('\t');
			from = (from / 8 + 1) * 8;
		} else {
			putchar(' ');
			from++;
		}
	}
}

#define MIN_COL		3	/* one character and two spaces */

/*
 * Widths of the columns when @l is laid out in @cols columns (down the
 * rows, or across with FMT_ACROSS); 0 if the line would not fit. Every
 * column but the last is followed by two spaces.
 */
static size_t try_cols(const size_t *len, size_t n, size_t cols,
		       size_t *colw)
{
	size_t rows = (n + cols - 1) / cols, total = 0;

	for (size_t c = 0; c < cols; c++)
		colw[c] = MIN_COL;
	for (size_t i = 0; i < n; i++) {
		size_t c = format == FMT_ACROSS ? i % cols : i / rows;
		size_t want = len[i] + (c == cols - 1 ? 0 : 2);

		if (want > colw[c])
			colw[c] = want;
	}
	for (size_t c = 0; c < cols; c++)
		total += colw[c];
	return total < width ? rows : 0;
}

static void put_columns(const struct list *l, const struct widths *w)
{
	size_t *len = xmalloc(l->n * sizeof(*len));
	size_t *colw = xmalloc((l->n + 1) * sizeof(*colw));
	size_t cols = l->n < width / MIN_COL ? l->n : width / MIN_COL;
	size_t rows = 0;

	for (size_t i = 0; i < l->n; i++)
		len[i] = item_width(&l->v[i], w);
	for (; cols > 1; cols--)
		if ((rows = try_cols(len, l->n, cols, colw)))
			break;
	if (cols <= 1) {
		cols = 1;
		rows = l->n;
		colw[0] = 0;
	}
	for (size_t r = 0; r < rows; r++) {
		size_t pos = 0, c = 0;
		size_t i = format == FMT_ACROSS ? r * cols : r;

		for (;;) {
			size_t next = format == FMT_ACROSS ? i + 1 : i + rows;

			put_prefix(&l->v[i], w);
			put_item(&l->v[i]);
			if (c + 1 == cols || next >= l->n)
				break;
			pad(pos + len[i], pos + colw[c]);
			pos += colw[c++];
			i = next;
		}
		putchar('\n');
	}
	free(len);
	free(colw);
}

static void put_list(struct list *l)
{
	struct widths w;

	measure(l, &w);
	for (size_t i = 0; i < l->n; i++) {
		if (format == FMT_LONG) {
			read_link(&l->v[i]);
			put_long(&l->v[i], &w);
		} else if (format == FMT_ONE) {
			put_prefix(&l->v[i], &w);
			put_item(&l->v[i]);
			putchar('\n');
		}
	}
	if (format == FMT_COLS || format == FMT_ACROSS)
		put_columns(l, &w);
}

/* ---- directories ---- */

static int hidden(const char *name)
{
	if (name[0] != '.' || show_all)
		return 0;
	if (!almost_all)
		return 1;
	return !strcmp(name, ".") || !strcmp(name, "..");
}

/* Read directory @path into @l; -1 (reported) if it cannot be opened. */
static int read_dir(const char *path, struct list *l)
{
	DIR *d = opendir(path);
	struct dirent *de;
	struct stat st;
	char *sub;

	if (!d) {
		warnmsg("cannot open directory '%s':", path);
		return -1;
	}
	while ((de = readdir(d))) {
		if (hidden(de->d_name))
			continue;
		sub = fu_path_join(path, de->d_name);
		if ((follow ? stat(sub, &st) : -1) < 0 &&
		    lstat(sub, &st) < 0) {
			warnmsg("cannot access '%s':", sub);
			status = 1;
			free(sub);
			continue;
		}
		list_add(l, xstrdup(de->d_name), sub, &st);
	}
	closedir(d);
	return 0;
}

static void put_total(const struct list *l)
{
	unsigned long long sum = 0;
	char buf[32];

	for (size_t i = 0; i < l->n; i++)
		sum += l->v[i].st.st_blocks;
	if (human)
		printf("total %s\n", fu_human(sum * 512, buf, sizeof(buf)));
	else
		printf("total %llu\n", (sum + 1) / 2);
}

static int printed;	/* anything listed yet: headers need a blank line */

static void list_dir(const char *path, const struct stat *st, int header,
		     const struct fu_dir_chain *up)
{
	struct fu_dir_chain here = { st->st_dev, st->st_ino, up };
	struct list l = { 0 };

	if (printed++)
		putchar('\n');
	if (header) {
		put_name(path);
		fputs(":\n", stdout);
	}
	if (read_dir(path, &l) < 0) {
		status = 1;
		return;
	}
	list_sort(&l);
	if (format == FMT_LONG || blocks)
		put_total(&l);
	put_list(&l);
	for (size_t i = 0; recursive && i < l.n; i++) {
		struct entry *e = &l.v[i];

		if (!S_ISDIR(e->st.st_mode) || !strcmp(e->name, ".") ||
		    !strcmp(e->name, ".."))
			continue;
		if (fu_chain_has(&here, &e->st)) {
			warnmsg("%s: not listing already-listed directory",
				e->path);
			status = 1;
			continue;
		}
		list_dir(e->path, &e->st, 1, &here);
	}
	list_free(&l);
}

/* ---- options and operands ---- */

static void set_color(const char *when)
{
	if (!when || !strcmp(when, "always") || !strcmp(when, "yes") ||
	    !strcmp(when, "force"))
		color = 1;
	else if (!strcmp(when, "never") || !strcmp(when, "no") ||
		 !strcmp(when, "none"))
		color = 0;
	else if (!strcmp(when, "auto") || !strcmp(when, "tty") ||
		 !strcmp(when, "if-tty"))
		color = on_tty;
	else
		usage_error("invalid argument '%s' for '--color'", when);
}

static void parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "color", optional_argument, NULL, 'c' },
		{ "colour", optional_argument, NULL, 'c' },
		{ "all", no_argument, NULL, 'a' },
		{ "almost-all", no_argument, NULL, 'A' },
		{ "recursive", no_argument, NULL, 'R' },
		{ "human-readable", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 }
	};
	int c;

	while ((c = fu_getopt(argc, argv, "1AaCdFhiLlnRrSstx",
			      longopts)) != -1) {
		switch (c) {
		case '1': format = FMT_ONE; break;
		case 'A': almost_all = 1; show_all = 0; break;
		case 'a': show_all = 1; almost_all = 0; break;
		case 'C': format = FMT_COLS; break;
		case 'c': set_color(optarg); break;
		case 'd': dirs_as_files = 1; break;
		case 'F': classify = 1; break;
		case 'h': human = 1; break;
		case 'i': inodes = 1; break;
		case 'L': follow = 1; break;
		case 'l': format = FMT_LONG; break;
		case 'n': numeric = 1; format = FMT_LONG; break;
		case 'R': recursive = 1; break;
		case 'r': reverse = 1; break;
		case 'S': sort_by = SORT_SIZE; break;
		case 's': blocks = 1; break;
		case 't': sort_by = SORT_TIME; break;
		case 'x': format = FMT_ACROSS; break;
		}
	}
	if (format < 0)
		format = on_tty ? FMT_COLS : FMT_ONE;
}

static void find_width(void)
{
	const char *cols = getenv("COLUMNS");
	long long v = cols ? fu_parse_num(cols) : -1;
	struct winsize ws;

	if (v > 0 && v < 100000)
		width = v;
	if (on_tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		width = ws.ws_col;
}

/* Operands that are files (or -d) are listed first, together. */
static void list_operands(char **names, int n)
{
	struct list files = { 0 }, dirs = { 0 };
	int r, deref;
	struct stat st;

	deref = follow || (format != FMT_LONG && !dirs_as_files && !classify);
	for (int i = 0; i < n; i++) {
		r = deref ? stat(names[i], &st) : -1;
		if (r < 0 && lstat(names[i], &st) < 0) {
			warnmsg("cannot access '%s':", names[i]);
			status = 1;
			continue;
		}
		list_add(S_ISDIR(st.st_mode) && !dirs_as_files ? &dirs : &files,
			 xstrdup(names[i]), xstrdup(names[i]), &st);
	}
	list_sort(&files);
	list_sort(&dirs);
	if (files.n) {
		put_list(&files);
		printed = 1;
	}
	for (size_t i = 0; i < dirs.n; i++)
		list_dir(dirs.v[i].path, &dirs.v[i].st,
			 n > 1 || recursive, NULL);
	list_free(&files);
	list_free(&dirs);
}

int main(int argc, char **argv)
{
	static char *dot[] = { ".", NULL };

	util_init(argc, argv, usage, 0);
	setlocale(LC_ALL, "");
	on_tty = isatty(STDOUT_FILENO);
	color = on_tty;	/* like --color=auto */
	parse_options(argc, argv);
	find_width();
	now = time(NULL);
	if (optind == argc)
		list_operands(dot, 1);
	else
		list_operands(argv + optind, argc - optind);
	if (fflush(stdout) == EOF)
		die("write error:");
	return status;
}
