/*
 * du: disk usage of files and directory trees, in 1K blocks (or -h).
 * Each directory is printed after its contents; -a prints files too,
 * -s only the operands, -d N only down to depth N, -c a grand total.
 * A file with several hard links is counted once. Symlinks are not
 * followed, and a directory met again (a bind mount loop) is skipped.
 */
#include "fileutil.h"
#include "util.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
	"usage: du [-achks] [-d DEPTH] [FILE]...\n"
	"Print the disk usage of each FILE, recursively for directories.\n"
	"  -a        print files as well as directories\n"
	"  -s        print only a total for each FILE (-d 0)\n"
	"  -d DEPTH  print directories only down to DEPTH levels\n"
	"  -c        print a grand total\n"
	"  -h        human-readable sizes (1.5K, 20M)\n"
	"  -k        1K blocks (the default)\n";

static int all, human, status;
static long long max_depth = -1;

/* The (dev, ino) pairs seen: an open-addressed set that doubles. */
static struct seen {
	dev_t dev;
	ino_t ino;
} *seen;
static size_t seen_cap, seen_n;

static size_t seen_slot(struct seen *t, size_t cap, dev_t d, ino_t i)
{
	size_t h = ((uint64_t)i * 0x9e3779b97f4a7c15ULL ^ (uint64_t)d) &
		   (cap - 1);

	while (t[h].ino && !(t[h].dev == d && t[h].ino == i))
		h = (h + 1) & (cap - 1);
	return h;
}

/* Add a file; returns 1 if it was already there. */
static int seen_add(const struct stat *st)
{
	size_t h;

	if (seen_n * 2 >= seen_cap) {
		size_t cap = seen_cap ? seen_cap * 2 : 256;
		struct seen *t = calloc(cap, sizeof(*t));

		if (!t)
			die("out of memory");
		for (size_t i = 0; i < seen_cap; i++)
			if (seen[i].ino)
				t[seen_slot(t, cap, seen[i].dev,
					    seen[i].ino)] = seen[i];
		free(seen);
		seen = t;
		seen_cap = cap;
	}
	h = seen_slot(seen, seen_cap, st->st_dev, st->st_ino);
	if (seen[h].ino)
		return 1;
	seen[h] = (struct seen){ st->st_dev, st->st_ino ? st->st_ino : 1 };
	seen_n++;
	return 0;
}

static void put_size(unsigned long long blocks, const char *name)
{
	char buf[32];

	if (human)
		printf("%s\t%s\n", fu_human(blocks * 512, buf, sizeof(buf)),
		       name);
	else
		printf("%llu\t%s\n", (blocks + 1) / 2, name);
}

static unsigned long long du_tree(const char *path, long long depth);

static unsigned long long du_dir(const char *path, long long depth)
{
	unsigned long long sum = 0;
	struct dirent *de;
	DIR *d = opendir(path);

	if (!d) {
		warnmsg("cannot read directory '%s':", path);
		status = 1;
		return 0;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *sub = fu_path_join(path, de->d_name);

		sum += du_tree(sub, depth + 1);
		free(sub);
	}
	closedir(d);
	return sum;
}

static unsigned long long du_tree(const char *path, long long depth)
{
	unsigned long long sum;
	struct stat st;
	int shown = max_depth < 0 || depth <= max_depth;

	if (lstat(path, &st) < 0) {
		warnmsg("cannot access '%s':", path);
		status = 1;
		return 0;
	}
	if ((S_ISDIR(st.st_mode) || st.st_nlink > 1) && seen_add(&st))
		return 0;
	sum = st.st_blocks;
	if (S_ISDIR(st.st_mode)) {
		sum += du_dir(path, depth);
		if (shown)
			put_size(sum, path);
	} else if (shown && (all || depth == 0)) {
		put_size(sum, path);
	}
	return sum;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "max-depth", required_argument, NULL, 'd' },
		{ "summarize", no_argument, NULL, 's' },
		{ "human-readable", no_argument, NULL, 'h' },
		{ "total", no_argument, NULL, 'c' },
		{ "all", no_argument, NULL, 'a' },
		{ 0, 0, 0, 0 }
	};
	unsigned long long total = 0;
	int c, grand = 0, summarize = 0;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "acd:hks", longopts)) != -1) {
		switch (c) {
		case 'a': all = 1; break;
		case 'c': grand = 1; break;
		case 'h': human = 1; break;
		case 'k': human = 0; break;
		case 's': summarize = 1; break;
		case 'd':
			max_depth = fu_parse_num(optarg);
			if (max_depth < 0)
				usage_error("invalid maximum depth '%s'",
					    optarg);
			break;
		}
	}
	if (summarize) {
		if (all || max_depth > 0)
			usage_error("cannot both summarize and show all "
				    "entries");
		max_depth = 0;
	}
	if (optind == argc)
		total = du_tree(".", 0);
	for (int i = optind; i < argc; i++)
		total += du_tree(argv[i], 0);
	if (grand)
		put_size(total, "total");
	free(seen);
	return status;
}
