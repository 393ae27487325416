/*
 * Filesystem types and superblocks: the list of registered types that
 * mount(2) and /proc/filesystems consult, and the reference-counted
 * superblock every mounted instance has. Mounts are fs/mount.c.
 */
#include <errno.h>
#include <slab.h>
#include <vfs.h>
#include <lib/string.h>

static LIST_HEAD(fs_types);
static unsigned int next_anon_dev = 1;

int register_filesystem(struct file_system_type *type)
{
	if (find_filesystem(type->name))
		return -EBUSY;
	list_add_tail(&type->node, &fs_types);
	return 0;
}

const struct file_system_type *find_filesystem(const char *name)
{
	struct file_system_type *t;

	list_for_each_entry(t, &fs_types, node)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/* Visit the registered types, for /proc/filesystems. */
void for_each_filesystem(void (*fn)(const struct file_system_type *t,
				    void *arg), void *arg)
{
	struct file_system_type *t;

	list_for_each_entry(t, &fs_types, node)
		fn(t, arg);
}

struct super_block *sb_alloc(const struct file_system_type *type,
			     const struct super_operations *ops)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->refs = 1;
	sb->type = type;
	sb->ops = ops;
	/* Anonymous devices, major 0, as Linux gives in-memory ones. */
	sb->dev = MKDEV(0, next_anon_dev);
	next_anon_dev++;
	sb->next_ino = 1;
	return sb;
}

void sb_put(struct super_block *sb)
{
	if (__atomic_sub_fetch(&sb->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (sb->ops && sb->ops->put_super)
		sb->ops->put_super(sb);
	kfree(sb);
}
