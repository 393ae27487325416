/*
 * df: free space of mounted file systems, from /proc/mounts and
 * statfs(2) of each mount point, in GNU df's columns (Filesystem,
 * 1K-blocks, Used, Available, Use%, Mounted on). File systems without
 * blocks (proc, sysfs, ...) are left out unless -a. With FILE operands,
 * only the file systems holding them are shown.
 */
#include "fileutil.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>

static const char usage[] =
	"usage: df [-ahkT] [FILE]...\n"
	"Show the space used and available on mounted file systems.\n"
	"  -a  include file systems that have no blocks (proc, sysfs...)\n"
	"  -h  human-readable sizes (1.5G)\n"
	"  -k  1K blocks (the default)\n"
	"  -T  show the file system type\n";

#define MOUNTS	"/proc/mounts"
#define NCOLS	7

static int show_all, human, show_type;

/* A table of strings, NCOLS a row, printed with aligned columns. */
struct table {
	char **cell;
	size_t rows, cap;
};

static void add_row(struct table *t, char *cols[NCOLS])
{
	if (t->rows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cell = xrealloc(t->cell, t->cap * NCOLS * sizeof(char *));
	}
	for (int i = 0; i < NCOLS; i++)
		t->cell[t->rows * NCOLS + i] = xstrdup(cols[i]);
	t->rows++;
}

/*
 * Columns 0 and 1 (name, type) and the last are left-aligned; the
 * minimum widths keep -h output steady from one system to the next.
 */
static void print_table(const struct table *t)
{
	int w[NCOLS] = { 14, 4, 5, 5, 5, 4, 0 };

	for (size_t r = 0; r < t->rows; r++)
		for (int c = 0; c < NCOLS; c++) {
			int n = strlen(t->cell[r * NCOLS + c]);

			w[c] = n > w[c] ? n : w[c];
		}
	for (size_t r = 0; r < t->rows; r++) {
		char **row = t->cell + r * NCOLS;

		printf("%-*s", w[0], row[0]);
		if (show_type)
			printf(" %-*s", w[1], row[1]);
		for (int c = 2; c < NCOLS - 1; c++)
			printf(" %*s", w[c], row[c]);
		printf(" %s\n", row[NCOLS - 1]);
		for (int c = 0; c < NCOLS; c++)
			free(row[c]);
	}
	free(t->cell);
}

/* /proc/mounts escapes blanks and backslashes as \ooo. */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (s[1] - '0') * 64 + (s[2] - '0') * 8 +
			       (s[3] - '0');
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

static void amount(unsigned long long blocks, unsigned long long bsize,
		   char *buf, size_t len)
{
	unsigned long long bytes = blocks * bsize;

	if (human)
		fu_human(bytes, buf, len);
	else
		snprintf(buf, len, "%llu", (bytes + 1023) / 1024);
}

static void add_mount(struct table *t, char *dev, char *dir, char *type,
		      const struct statfs *sf)
{
	unsigned long long bs = sf->f_frsize ? sf->f_frsize : sf->f_bsize;
	unsigned long long used = sf->f_blocks - sf->f_bfree;
	unsigned long long avail = sf->f_bavail, base = used + avail;
	char size[32], u[32], a[32], pct[8];
	char *row[NCOLS] = { dev, type, size, u, a, pct, dir };

	amount(sf->f_blocks, bs, size, sizeof(size));
	amount(used, bs, u, sizeof(u));
	amount(avail, bs, a, sizeof(a));
	if (base)
		snprintf(pct, sizeof(pct), "%llu%%",
			 (used * 100 + base - 1) / base);
	else
		strcpy(pct, "-");
	add_row(t, row);
}

struct mount {
	char *dev, *dir, *type;
};

static struct mount *read_mounts(size_t *count)
{
	char line[4096], dev[1024], dir[1024], type[256];
	struct mount *m = NULL;
	size_t n = 0;
	FILE *f = fopen(MOUNTS, "r");

	if (!f)
		die("cannot read %s:", MOUNTS);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%1023s %1023s %255s", dev, dir, type) != 3)
			continue;
		unescape(dev);
		unescape(dir);
		m = xrealloc(m, (n + 1) * sizeof(*m));
		m[n++] = (struct mount){ xstrdup(dev), xstrdup(dir),
					 xstrdup(type) };
	}
	fclose(f);
	*count = n;
	return m;
}

static void show(struct table *t, const struct mount *m)
{
	struct statfs sf;

	if (statfs(m->dir, &sf) < 0)
		return;
	if (sf.f_blocks == 0 && !show_all)
		return;
	add_mount(t, m->dev, m->dir, m->type, &sf);
}

/* All mounts; a mount point mounted over again is shown once. */
static void show_all_mounts(struct table *t, const struct mount *m,
			    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;

		while (j < i && strcmp(m[j].dir, m[i].dir))
			j++;
		if (j == i)
			show(t, &m[i]);
	}
}

/* The file system of @path: the last mount whose device it is on. */
static int show_file(struct table *t, const char *path,
		     const struct mount *m, size_t n)
{
	struct stat st, mst;

	if (stat(path, &st) < 0) {
		warnmsg("%s:", path);
		return -1;
	}
	for (size_t i = n; i-- > 0;) {
		if (stat(m[i].dir, &mst) == 0 && mst.st_dev == st.st_dev) {
			show(t, &m[i]);
			return 0;
		}
	}
	warnmsg("%s: no file system found", path);
	return -1;
}

int main(int argc, char **argv)
{
	char *header[NCOLS] = { "Filesystem", "Type", "1K-blocks", "Used",
				"Available", "Use%", "Mounted on" };
	struct table t = { 0 };
	struct mount *m;
	int c, status = 0;
	size_t n;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "ahkT", NULL)) != -1) {
		switch (c) {
		case 'a': show_all = 1; break;
		case 'h': human = 1; break;
		case 'k': human = 0; break;
		case 'T': show_type = 1; break;
		}
	}
	if (human) {
		header[2] = "Size";
		header[4] = "Avail";
	}
	add_row(&t, header);
	m = read_mounts(&n);
	if (optind == argc)
		show_all_mounts(&t, m, n);
	for (int i = optind; i < argc; i++)
		if (show_file(&t, argv[i], m, n) < 0)
			status = 1;
	if (t.rows > 1)
		print_table(&t);
	for (size_t i = 0; i < n; i++) {
		free(m[i].dev);
		free(m[i].dir);
		free(m[i].type);
	}
	free(m);
	return status;
}
