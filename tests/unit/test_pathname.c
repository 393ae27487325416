/*
 * Host tests for lib/pathname.c, the component splitting of the path
 * walk: slashes (leading, doubled, trailing), the last component and the
 * slash after it, ".", "..", the NAME_MAX limit; and a small resolver
 * built on it over a model tree (directories, files, symlinks with a
 * loop limit), checked against the answers Linux gives.
 */
#include "errno.h"
#include "lib/pathname.h"
#include "lib/string.h"
#include "unittest.h"

/* Split @path into "name|name|..." with L after the last, S if slashed. */
static void split(const char *path, char *out, size_t size, int *err)
{
	const char *cur = path;
	struct path_component c;
	size_t n = 0;
	int r;

	out[0] = '\0';
	while ((r = path_next(&cur, &c)) > 0) {
		n += snprintf_host(out + n, size - n, "%s%.*s%s%s",
				   n ? "|" : "", (int)c.len, c.name,
				   c.is_last ? "L" : "",
				   c.slash_after ? "S" : "");
	}
	*err = r;
}

static void expect_split(const char *path, const char *want)
{
	char got[512];
	int err;

	split(path, got, sizeof(got), &err);
	EXPECT_EQ(err, 0);
	EXPECT_STREQ(got, want);
}

TEST(components)
{
	expect_split("a/b/c", "a|b|cL");
	expect_split("/a/b", "a|bL");
	expect_split("a//b///c", "a|b|cL");
	expect_split("a/b/", "a|bLS");
	expect_split("a/b//", "a|bLS");
	expect_split("", "");
	expect_split("/", "");
	expect_split("////", "");
	expect_split(".", ".L");
	expect_split("./..", ".|..L");
	expect_split("x", "xL");
}

TEST(dots)
{
	EXPECT_EQ(path_dot_kind(".", 1), PATH_DOT);
	EXPECT_EQ(path_dot_kind("..", 2), PATH_DOTDOT);
	EXPECT_EQ(path_dot_kind("...", 3), PATH_NAME);
	EXPECT_EQ(path_dot_kind(".a", 2), PATH_NAME);
	EXPECT_EQ(path_dot_kind("..", 1), PATH_DOT);	/* length rules */
}

TEST(name_max)
{
	char path[600];
	const char *cur;
	struct path_component c;

	memset(path, 'n', 255);
	path[255] = '\0';
	cur = path;
	EXPECT_EQ(path_next(&cur, &c), 1);
	EXPECT_EQ(c.len, 255);
	memset(path, 'n', 256);
	path[256] = '\0';
	cur = path;
	EXPECT_EQ(path_next(&cur, &c), -ENAMETOOLONG);
	EXPECT(cur == path);
	/* A long component after a short one fails only when reached. */
	path[0] = 'a';
	path[1] = '/';
	cur = path;
	EXPECT_EQ(path_next(&cur, &c), 1);
	EXPECT_EQ(c.len, 1);
	EXPECT_EQ(path_next(&cur, &c), 1);	/* 254 bytes */
}

TEST(ends_in_slash)
{
	EXPECT(path_ends_in_slash("a/"));
	EXPECT(path_ends_in_slash("/"));
	EXPECT(!path_ends_in_slash("a"));
	EXPECT(!path_ends_in_slash(""));
}

/* --- a resolver over a model tree, as the kernel's walk does it -------- */

enum kind { DIR_, FILE_, LINK_ };

struct node {
	const char *name;
	enum kind kind;
	int parent;
	const char *target;	/* links */
};

/* / has a, a has b (dir), f (file), up -> .., loop -> loop, d -> b/. */
static const struct node tree[] = {
	{ "/", DIR_, 0, NULL },
	{ "a", DIR_, 0, NULL },
	{ "b", DIR_, 1, NULL },
	{ "f", FILE_, 1, NULL },
	{ "up", LINK_, 1, ".." },
	{ "loop", LINK_, 1, "loop" },
	{ "d", LINK_, 1, "b/" },
	{ "abs", LINK_, 2, "/a/f" },
	{ "dangling", LINK_, 1, "nothing" },
};

static int child(int dir, const char *name, size_t len)
{
	for (int i = 1; i < (int)(sizeof(tree) / sizeof(tree[0])); i++)
		if (tree[i].parent == dir && strlen(tree[i].name) == len &&
		    !memcmp(tree[i].name, name, len))
			return i;
	return -1;
}

static int resolve(int cur, const char *path, bool follow, int *links);

/* One component, with the kernel's rules for links and ENOTDIR. */
static int step(int *cur, const struct path_component *c, bool follow,
		int *links)
{
	int n;

	if (tree[*cur].kind != DIR_)
		return -ENOTDIR;
	switch (path_dot_kind(c->name, c->len)) {
	case PATH_DOT:
		return 0;
	case PATH_DOTDOT:
		*cur = tree[*cur].parent;
		return 0;
	case PATH_NAME:
		break;
	}
	n = child(*cur, c->name, c->len);
	if (n < 0)
		return -ENOENT;
	if (tree[n].kind == LINK_ && (!c->is_last || follow ||
				      c->slash_after)) {
		if (++*links > 40)
			return -ELOOP;
		n = resolve(*cur, tree[n].target, true, links);
		if (n < 0)
			return n;
	}
	*cur = n;
	return 0;
}

static int resolve(int cur, const char *path, bool follow, int *links)
{
	struct path_component c;
	const char *p = path;
	int r;

	if (*p == '/')
		cur = 0;
	while ((r = path_next(&p, &c)) > 0) {
		r = step(&cur, &c, follow, links);
		if (r)
			return r;
	}
	if (r < 0)
		return r;
	if (path_ends_in_slash(path) && tree[cur].kind != DIR_)
		return -ENOTDIR;
	return cur;
}

static int walk(const char *path, bool follow)
{
	int links = 0;

	return resolve(0, path, follow, &links);
}

TEST(model_walk)
{
	EXPECT_EQ(walk("/a/b", true), 2);
	EXPECT_EQ(walk("a/./b/..", true), 1);
	EXPECT_EQ(walk("/..", true), 0);		/* not above the root */
	EXPECT_EQ(walk("/a/f", true), 3);
	EXPECT_EQ(walk("/a/f/", true), -ENOTDIR);
	EXPECT_EQ(walk("/a/f/x", true), -ENOTDIR);
	EXPECT_EQ(walk("/a/up/a/b", true), 2);
	EXPECT_EQ(walk("/a/d", true), 2);		/* "b/" */
	EXPECT_EQ(walk("/a/d", false), 6);		/* the link itself */
	EXPECT_EQ(walk("/a/d/", false), 2);		/* a slash follows */
	EXPECT_EQ(walk("/a/b/abs", true), 3);
	EXPECT_EQ(walk("/a/loop", true), -ELOOP);
	EXPECT_EQ(walk("/a/loop", false), 5);		/* not followed */
	EXPECT_EQ(walk("/a/dangling", true), -ENOENT);
	EXPECT_EQ(walk("/a/nope", true), -ENOENT);
}
