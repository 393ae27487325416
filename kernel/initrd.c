/*
 * Until the VFS (the files issue) unpacks the initramfs into tmpfs, exec
 * finds programs directly in the boot loader's cpio archives: the last
 * entry of a name wins, as it would when unpacking them in order, and
 * symbolic links are followed (8 levels). This file goes away when
 * execve opens files through the VFS.
 */
#include <bootinfo.h>
#include <errno.h>
#include <mm.h>
#include <lib/cpio.h>
#include <lib/string.h>
#include "initrd.h"

#define SYMLINK_DEPTH	8

/* "/a/./b" and "a/b" name the same entry as "./a/b" or "a/b" in cpio. */
static const char *skip_prefix(const char *name)
{
	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else
			return name;
	}
}

static bool find_entry(const char *path, struct cpio_entry *found)
{
	const char *want = skip_prefix(path);
	bool ok = false;

	for (size_t i = 0; i < boot_info.module_count; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		struct cpio_reader r;
		struct cpio_entry e;

		cpio_init(&r, phys_to_virt(m->start), m->end - m->start);
		do {
			while (cpio_next(&r, &e) > 0)
				if (!strcmp(skip_prefix(e.name), want)) {
					*found = e;
					ok = true;
				}
		} while (!r.err && cpio_more(&r));
	}
	return ok;
}

/* Is some leading component of @path a file rather than a directory? */
static bool prefix_not_dir(char *path)
{
	struct cpio_entry e;

	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		bool found = find_entry(path, &e);

		*p = '/';
		if (found && (e.mode & CPIO_S_IFMT) != CPIO_S_IFDIR &&
		    (e.mode & CPIO_S_IFMT) != CPIO_S_IFLNK)
			return true;
	}
	return false;
}

int initrd_lookup(const char *path, struct initrd_file *out)
{
	char buf[INITRD_PATH_MAX], next[INITRD_PATH_MAX];
	struct cpio_entry e = { 0 };

	if (!*path)
		return -ENOENT;		/* the empty path names nothing */
	if (strlcpy(buf, path, sizeof(buf)) >= sizeof(buf))
		return -ENAMETOOLONG;
	for (int depth = 0; depth <= SYMLINK_DEPTH; depth++) {
		if (!*skip_prefix(buf)) {	/* "/": the root directory */
			*out = (struct initrd_file){ NULL, 0,
						     CPIO_S_IFDIR | 0755 };
			return 0;
		}
		if (!find_entry(buf, &e))
			return prefix_not_dir(buf) ? -ENOTDIR : -ENOENT;
		if ((e.mode & CPIO_S_IFMT) != CPIO_S_IFLNK) {
			out->data = e.data;
			out->size = e.size;
			out->mode = e.mode;
			return 0;
		}
		if (e.size + 1 > sizeof(next))
			return -ENAMETOOLONG;
		/* A relative target is relative to the link's directory. */
		if (((const char *)e.data)[0] == '/') {
			memcpy(next, e.data, e.size);
			next[e.size] = '\0';
		} else {
			const char *slash = strrchr(buf, '/');
			size_t dir = slash ? (size_t)(slash - buf) + 1 : 0;

			if (dir + e.size + 1 > sizeof(next))
				return -ENAMETOOLONG;
			memcpy(next, buf, dir);
			memcpy(next + dir, e.data, e.size);
			next[dir + e.size] = '\0';
		}
		memcpy(buf, next, sizeof(buf));
	}
	return -ELOOP;
}
