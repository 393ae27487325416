/* Path name components for the path walk (include/lib/pathname.h). */
#include "errno.h"
#include "lib/pathname.h"
#include "lib/string.h"

int path_next(const char **cursor, struct path_component *c)
{
	const char *s = *cursor, *e, *rest;

	while (*s == '/')
		s++;
	if (!*s) {
		*cursor = s;
		return 0;
	}
	for (e = s; *e && *e != '/'; e++)
		;
	if ((size_t)(e - s) > PATH_COMPONENT_MAX)
		return -ENAMETOOLONG;
	for (rest = e; *rest == '/'; rest++)
		;
	c->name = s;
	c->len = e - s;
	c->is_last = !*rest;
	c->slash_after = c->is_last && *e == '/';
	*cursor = e;
	return 1;
}

enum path_dot path_dot_kind(const char *name, size_t len)
{
	if (len == 1 && name[0] == '.')
		return PATH_DOT;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return PATH_DOTDOT;
	return PATH_NAME;
}

bool path_ends_in_slash(const char *path)
{
	size_t n = strlen(path);

	return n > 0 && path[n - 1] == '/';
}
