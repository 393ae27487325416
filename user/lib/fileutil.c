/*
 * General helpers of the file utilities (fileutil.h): option errors,
 * paths, user and group names, numbers, questions, and the directory
 * chain that stops tree walks from looping. Modes are in filemode.c,
 * copying and removal in filecopy.c.
 */
#include "fileutil.h"
#include "util.h"

#include <ctype.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fu_getopt(int argc, char **argv, const char *opts,
	      const struct option *longopts)
{
	static const struct option none[] = { { 0, 0, 0, 0 } };
	char buf[256];
	int c;

	/* A leading ':' makes a missing argument return ':' not '?'. */
	snprintf(buf, sizeof(buf), ":%s", opts);
	opterr = 0;
	c = getopt_long(argc, argv, buf, longopts ? longopts : none, NULL);
	if (c == ':') {
		if (optopt)
			usage_error("option requires an argument -- '%c'",
				    optopt);
		usage_error("option '%s' requires an argument",
			    argv[optind - 1]);
	}
	if (c == '?') {
		if (optopt)
			usage_error("invalid option -- '%c'", optopt);
		usage_error("unrecognized option '%s'", argv[optind - 1]);
	}
	return c;
}

char *fu_path_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *p = xmalloc(dl + nl + 2);

	memcpy(p, dir, dl);
	if (dl && dir[dl - 1] != '/')
		p[dl++] = '/';
	memcpy(p + dl, name, nl + 1);
	return p;
}

const char *fu_last_name(const char *path)
{
	const char *end = path + strlen(path);

	while (end > path + 1 && end[-1] == '/')
		end--;
	while (end > path && end[-1] != '/')
		end--;
	return end;
}

char *fu_base_dup(const char *path)
{
	const char *start = fu_last_name(path);
	size_t len = strlen(start);
	char *p;

	while (len > 1 && start[len - 1] == '/')
		len--;
	p = xmalloc(len + 1);
	memcpy(p, start, len);
	p[len] = '\0';
	return p;
}

char *fu_into_dir(const char *dir, const char *src)
{
	char *base = fu_base_dup(src);
	char *p = fu_path_join(dir, base);

	free(base);
	return p;
}

/* A few recent id -> name answers: ls -l asks for the same ids again. */
#define NAME_CACHE	16
struct name_cache {
	unsigned id[NAME_CACHE];
	char *name[NAME_CACHE];
	int used, next;
};

static const char *cache_find(struct name_cache *c, unsigned id, int *hit)
{
	for (int i = 0; i < c->used; i++) {
		if (c->id[i] == id) {
			*hit = 1;
			return c->name[i];
		}
	}
	*hit = 0;
	return NULL;
}

static const char *cache_add(struct name_cache *c, unsigned id,
			     const char *name)
{
	int slot = c->next;

	if (c->used < NAME_CACHE)
		c->used++;
	else
		free(c->name[slot]);
	c->next = (slot + 1) % NAME_CACHE;
	c->id[slot] = id;
	c->name[slot] = name ? xstrdup(name) : NULL;
	return c->name[slot];
}

const char *fu_user_name(uid_t uid)
{
	static struct name_cache cache;
	const char *name;
	struct passwd *pw;
	int hit;

	name = cache_find(&cache, uid, &hit);
	if (hit)
		return name;
	pw = getpwuid(uid);
	return cache_add(&cache, uid, pw ? pw->pw_name : NULL);
}

const char *fu_group_name(gid_t gid)
{
	static struct name_cache cache;
	const char *name;
	struct group *gr;
	int hit;

	name = cache_find(&cache, gid, &hit);
	if (hit)
		return name;
	gr = getgrgid(gid);
	return cache_add(&cache, gid, gr ? gr->gr_name : NULL);
}

char *fu_human(unsigned long long v, char *buf, size_t len)
{
	static const char units[] = "KMGTPE";
	unsigned long long d = 1024, q, r, tenths;
	int u = 0;

	if (v < 1024) {
		snprintf(buf, len, "%llu", v);
		return buf;
	}
	while (u < 5 && v / d >= 1024) {
		d *= 1024;
		u++;
	}
	for (;;) {
		q = v / d;
		r = v % d;
		tenths = q * 10 + (r * 10 + d - 1) / d;
		if (tenths < 100) {
			snprintf(buf, len, "%llu.%llu%c", tenths / 10,
				 tenths % 10, units[u]);
			return buf;
		}
		q += r != 0;
		if (q < 1024 || u == 5)
			break;
		d *= 1024;	/* 1023.9K rounds up to 1.0M */
		u++;
	}
	snprintf(buf, len, "%llu%c", q, units[u]);
	return buf;
}

long long fu_parse_num(const char *s)
{
	long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		if (v > (__LONG_LONG_MAX__ - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int fu_ask(const char *fmt, ...)
{
	va_list ap;
	int c, first;

	fflush(stdout);
	fprintf(stderr, "%s: ", prog_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("? ", stderr);
	first = c = getchar();
	while (c != EOF && c != '\n')
		c = getchar();
	return first == 'y' || first == 'Y';
}

int fu_chain_has(const struct fu_dir_chain *c, const struct stat *st)
{
	for (; c; c = c->up)
		if (c->dev == st->st_dev && c->ino == st->st_ino)
			return 1;
	return 0;
}
