/*
 * Splitting path names into components (lib/pathname.c): the pure part
 * of the VFS's path walk (fs/namei.c), tested on the host. A component
 * knows whether it is the last one and whether slashes follow it, which
 * is what decides symlink following and ENOTDIR for "file/".
 */
#ifndef LIB_PATHNAME_H
#define LIB_PATHNAME_H

#include <stdbool.h>
#include <stddef.h>

#define PATH_COMPONENT_MAX	255	/* NAME_MAX */

struct path_component {
	const char *name;	/* into the path, not NUL-terminated */
	size_t len;
	bool is_last;		/* nothing but slashes follows */
	bool slash_after;	/* is_last, and a slash follows it */
};

enum path_dot {
	PATH_NAME,		/* an ordinary name */
	PATH_DOT,		/* "." */
	PATH_DOTDOT,		/* ".." */
};

/*
 * Take the next component at *@cursor (slashes before it skipped) and
 * move the cursor past it. Returns 1 with @c filled, 0 when only slashes
 * or nothing remain, or -ENAMETOOLONG for a component longer than
 * PATH_COMPONENT_MAX (the cursor then stays).
 */
int path_next(const char **cursor, struct path_component *c);
enum path_dot path_dot_kind(const char *name, size_t len);
/* Does the path end in a slash (after at least one character)? */
bool path_ends_in_slash(const char *path);

#endif
