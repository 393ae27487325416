/*
 * mount: without operands, list the mounted file systems from
 * /proc/mounts ("SRC on DIR type FS (OPTS)"); with SRC DIR, mount(2)
 * them, the -o options turned into MS_* flags and the rest passed on
 * as the file system's data.
 */
#include "textutil.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

static const char usage[] =
	"usage: mount [-t TYPE]\n"
	"       mount [-rw] [-t TYPE] [-o OPTS] SRC DIR\n"
	"       mount -o remount[,OPTS] DIR | mount --bind|--rbind|--move "
	"SRC DIR\n"
	"List the mounted file systems, or mount SRC on DIR.\n"
	"  -t TYPE  file system type (listing: only this type)\n"
	"  -o OPTS  comma-separated options: ro rw nosuid suid nodev dev "
	"noexec\n"
	"           exec sync async dirsync remount bind rbind move "
	"noatime atime\n"
	"           nodiratime diratime relatime norelatime strictatime "
	"private\n"
	"           shared slave unbindable rec defaults; others go to "
	"the file system\n"
	"  -r, -w   read-only, read-write     --bind, --rbind, --move  as "
	"in -o\n";

static const struct {
	const char *name;
	unsigned long set, clear;
} flag_opts[] = {
	{ "ro", MS_RDONLY, 0 }, { "rw", 0, MS_RDONLY },
	{ "nosuid", MS_NOSUID, 0 }, { "suid", 0, MS_NOSUID },
	{ "nodev", MS_NODEV, 0 }, { "dev", 0, MS_NODEV },
	{ "noexec", MS_NOEXEC, 0 }, { "exec", 0, MS_NOEXEC },
	{ "sync", MS_SYNCHRONOUS, 0 }, { "async", 0, MS_SYNCHRONOUS },
	{ "dirsync", MS_DIRSYNC, 0 }, { "remount", MS_REMOUNT, 0 },
	{ "bind", MS_BIND, 0 }, { "rbind", MS_BIND | MS_REC, 0 },
	{ "move", MS_MOVE, 0 }, { "rec", MS_REC, 0 },
	{ "noatime", MS_NOATIME, 0 }, { "atime", 0, MS_NOATIME },
	{ "nodiratime", MS_NODIRATIME, 0 }, { "diratime", 0, MS_NODIRATIME },
	{ "relatime", MS_RELATIME, 0 }, { "norelatime", 0, MS_RELATIME },
	{ "strictatime", MS_STRICTATIME, 0 },
	{ "private", MS_PRIVATE, 0 }, { "shared", MS_SHARED, 0 },
	{ "slave", MS_SLAVE, 0 }, { "unbindable", MS_UNBINDABLE, 0 },
	{ "defaults", 0, 0 },
};

#define SPECIAL	(MS_REMOUNT | MS_BIND | MS_MOVE | MS_PRIVATE | \
		 MS_SHARED | MS_SLAVE | MS_UNBINDABLE)

static unsigned long flags;
static char *data;
static size_t data_len;

static void add_data(const char *opt)
{
	size_t n = strlen(opt);

	data = xrealloc(data, data_len + n + 2);
	if (data_len)
		data[data_len++] = ',';
	memcpy(data + data_len, opt, n + 1);
	data_len += n;
}

static void parse_opts(const char *list)
{
	char *copy = xstrdup(list), *save, *o;
	size_t i, n = sizeof(flag_opts) / sizeof(*flag_opts);

	for (o = strtok_r(copy, ",", &save); o;
	     o = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < n && strcmp(o, flag_opts[i].name); i++)
			;
		if (i == n) {
			add_data(o);
			continue;
		}
		flags = (flags | flag_opts[i].set) & ~flag_opts[i].clear;
	}
	free(copy);
}

/* Undo /proc/mounts' octal escapes (\040 is a space) in place. */
static char *unescape(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' &&
		    r[2] >= '0' && r[2] <= '7' && r[3] >= '0' && r[3] <= '7') {
			*w++ = (r[1] - '0') * 64 + (r[2] - '0') * 8 +
			       (r[3] - '0');
			r += 4;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return s;
}

static int list_mounts(const char *type)
{
	FILE *f = fopen("/proc/mounts", "r");
	char *line = NULL, *save, *src, *dir, *fs, *opts;
	size_t cap = 0;

	if (!f)
		die("/proc/mounts:");
	while (getline(&line, &cap, f) >= 0) {
		src = strtok_r(line, " \t\n", &save);
		dir = strtok_r(NULL, " \t\n", &save);
		fs = strtok_r(NULL, " \t\n", &save);
		opts = strtok_r(NULL, " \t\n", &save);
		if (!opts || (type && strcmp(type, fs)))
			continue;
		printf("%s on %s type %s (%s)\n", unescape(src),
		       unescape(dir), unescape(fs), unescape(opts));
	}
	free(line);
	fclose(f);
	text_flush_stdout();
	return 0;
}

static const struct option longopts[] = {
	{ "bind", no_argument, NULL, 'B' },
	{ "rbind", no_argument, NULL, 'R' },
	{ "move", no_argument, NULL, 'M' },
	{ NULL, 0, NULL, 0 },
};

int main(int argc, char **argv)
{
	const char *type = NULL, *src, *dir;
	int c;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt_long(argc, argv, TEXT_OPTS("o:rt:w"), longopts,
				NULL)) != -1) {
		switch (c) {
		case 'o': parse_opts(optarg); break;
		case 'r': flags |= MS_RDONLY; break;
		case 'w': flags &= ~MS_RDONLY; break;
		case 't': type = optarg; break;
		case 'B': flags |= MS_BIND; break;
		case 'R': flags |= MS_BIND | MS_REC; break;
		case 'M': flags |= MS_MOVE; break;
		default:
			if (c == '?' && !optopt)
				usage_error("invalid option '%s'",
					    argv[optind - 1]);
			text_bad_option(c);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && !flags && !data)
		return list_mounts(type);
	if (argc > 2)
		usage_error("extra operand '%s'", argv[2]);
	if (argc == 0 || (argc == 1 && !(flags & SPECIAL)))
		usage_error("need a source and a directory");
	if (!type && !(flags & SPECIAL))
		usage_error("need a file system type (-t TYPE)");
	src = argc == 2 ? argv[0] : "none";
	dir = argv[argc - 1];
	if (mount(src, dir, type, flags, data))
		die("%s on %s:", src, dir);
	free(data);
	return 0;
}
