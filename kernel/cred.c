/*
 * Credentials: the real, effective, saved and filesystem user and group
 * ids of a process and its supplementary groups, with Linux's rules for
 * changing them (root, effective uid 0, may do anything; others may only
 * move between the ids they hold) and the checks that depend on them so
 * far: sending signals and raising hard resource limits. File
 * permissions arrive with the VFS and the users issue.
 */
#include <errno.h>
#include <process.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <lib/string.h>
#include "process_internal.h"

#define NO_ID	((uint32_t)-1)

static struct cred *cur(void)
{
	return &current->proc->cred;
}

bool cred_is_root(const struct cred *c)
{
	return c->euid == 0;
}

bool cred_may_signal(const struct cred *from, const struct cred *to)
{
	return cred_is_root(from) || from->euid == to->suid ||
	       from->euid == to->uid || from->uid == to->suid ||
	       from->uid == to->uid;
}

static bool holds(uint32_t id, uint32_t r, uint32_t e, uint32_t s)
{
	return id == r || id == e || id == s;
}

/*
 * setresuid/setresgid on one triple (@ids: real, effective, saved, fs);
 * NO_ID leaves a field. Without root, each new id must be one held.
 */
static long set_res(uint32_t ids[4], uint32_t r, uint32_t e, uint32_t s,
		    bool root)
{
	if (!root && ((r != NO_ID && !holds(r, ids[0], ids[1], ids[2])) ||
		      (e != NO_ID && !holds(e, ids[0], ids[1], ids[2])) ||
		      (s != NO_ID && !holds(s, ids[0], ids[1], ids[2]))))
		return -EPERM;
	if (r != NO_ID)
		ids[0] = r;
	if (e != NO_ID)
		ids[1] = e;
	if (s != NO_ID)
		ids[2] = s;
	ids[3] = ids[1];
	return 0;
}

/* setreuid/setregid: real may become effective; a change saves. */
static long set_re(uint32_t ids[4], uint32_t r, uint32_t e, bool root)
{
	uint32_t old_r = ids[0];

	if (!root && ((r != NO_ID && r != ids[0] && r != ids[1]) ||
		      (e != NO_ID && !holds(e, ids[0], ids[1], ids[2]))))
		return -EPERM;
	if (r != NO_ID)
		ids[0] = r;
	if (e != NO_ID)
		ids[1] = e;
	if (r != NO_ID || (e != NO_ID && e != old_r))
		ids[2] = ids[1];
	ids[3] = ids[1];
	return 0;
}

/* setuid/setgid: root sets all; others only the effective one. */
static long set_one(uint32_t ids[4], uint32_t id, bool root)
{
	if (id == NO_ID)
		return -EINVAL;
	if (root) {
		ids[0] = ids[1] = ids[2] = ids[3] = id;
		return 0;
	}
	if (id != ids[0] && id != ids[2])
		return -EPERM;
	ids[1] = ids[3] = id;
	return 0;
}

/* The four uids or gids of @c as an array, and back. */
static void get4(const struct cred *c, bool gid, uint32_t ids[4])
{
	ids[0] = gid ? c->gid : c->uid;
	ids[1] = gid ? c->egid : c->euid;
	ids[2] = gid ? c->sgid : c->suid;
	ids[3] = gid ? c->fsgid : c->fsuid;
}

static void put4(struct cred *c, bool gid, const uint32_t ids[4])
{
	if (gid) {
		c->gid = ids[0];
		c->egid = ids[1];
		c->sgid = ids[2];
		c->fsgid = ids[3];
	} else {
		c->uid = ids[0];
		c->euid = ids[1];
		c->suid = ids[2];
		c->fsuid = ids[3];
	}
}

enum set_kind { SET_ONE, SET_RE, SET_RES };

static long change_ids(bool gid, enum set_kind kind, uint32_t a, uint32_t b,
		       uint32_t c)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct cred *cr = cur();
	bool root = cred_is_root(cr);
	uint32_t ids[4];
	long err;

	get4(cr, gid, ids);
	if (kind == SET_ONE)
		err = set_one(ids, a, root);
	else if (kind == SET_RE)
		err = set_re(ids, a, b, root);
	else
		err = set_res(ids, a, b, c, root);
	if (!err)
		put4(cr, gid, ids);
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

SYSCALL_DEFINE0(getuid) { return cur()->uid; }
SYSCALL_DEFINE0(geteuid) { return cur()->euid; }
SYSCALL_DEFINE0(getgid) { return cur()->gid; }
SYSCALL_DEFINE0(getegid) { return cur()->egid; }

SYSCALL_DEFINE1(setuid, uint32_t, uid)
{
	return change_ids(false, SET_ONE, uid, 0, 0);
}

SYSCALL_DEFINE1(setgid, uint32_t, gid)
{
	return change_ids(true, SET_ONE, gid, 0, 0);
}

SYSCALL_DEFINE2(setreuid, uint32_t, r, uint32_t, e)
{
	return change_ids(false, SET_RE, r, e, 0);
}

SYSCALL_DEFINE2(setregid, uint32_t, r, uint32_t, e)
{
	return change_ids(true, SET_RE, r, e, 0);
}

SYSCALL_DEFINE3(setresuid, uint32_t, r, uint32_t, e, uint32_t, s)
{
	return change_ids(false, SET_RES, r, e, s);
}

SYSCALL_DEFINE3(setresgid, uint32_t, r, uint32_t, e, uint32_t, s)
{
	return change_ids(true, SET_RES, r, e, s);
}

static long put_three(uint32_t a, uint32_t b, uint32_t c, uint32_t *ua,
		      uint32_t *ub, uint32_t *uc)
{
	if (put_user(a, ua) || put_user(b, ub) || put_user(c, uc))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid, uint32_t *, r, uint32_t *, e, uint32_t *, s)
{
	struct cred c = *cur();

	return put_three(c.uid, c.euid, c.suid, r, e, s);
}

SYSCALL_DEFINE3(getresgid, uint32_t *, r, uint32_t *, e, uint32_t *, s)
{
	struct cred c = *cur();

	return put_three(c.gid, c.egid, c.sgid, r, e, s);
}

/* setfsuid/setfsgid return the old value whatever happens (Linux). */
static long set_fs(bool gid, uint32_t id)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct cred *c = cur();
	uint32_t old = gid ? c->fsgid : c->fsuid;
	uint32_t ids[4];

	get4(c, gid, ids);
	if (id != NO_ID && (cred_is_root(c) ||
			    holds(id, ids[0], ids[1], ids[2]) ||
			    id == ids[3])) {
		ids[3] = id;
		put4(c, gid, ids);
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return old;
}

SYSCALL_DEFINE1(setfsuid, uint32_t, id)
{
	return set_fs(false, id);
}

SYSCALL_DEFINE1(setfsgid, uint32_t, id)
{
	return set_fs(true, id);
}

SYSCALL_DEFINE2(getgroups, int, size, uint32_t *, list)
{
	struct cred c = *cur();

	if (size < 0)
		return -EINVAL;
	if (!size)
		return c.ngroups;
	if (size < c.ngroups)
		return -EINVAL;
	if (copy_to_user(list, c.groups, c.ngroups * sizeof(uint32_t)))
		return -EFAULT;
	return c.ngroups;
}

SYSCALL_DEFINE2(setgroups, int, size, const uint32_t *, list)
{
	uint32_t groups[NGROUPS_KEPT];
	unsigned long flags;

	if (!cred_is_root(cur()))
		return -EPERM;
	if (size < 0 || size > NGROUPS_KEPT)
		return -EINVAL;
	if (copy_from_user(groups, list, size * sizeof(uint32_t)))
		return -EFAULT;
	flags = spin_lock_irqsave(&proc_lock);
	memcpy(cur()->groups, groups, size * sizeof(uint32_t));
	cur()->ngroups = size;
	spin_unlock_irqrestore(&proc_lock, flags);
	return 0;
}
