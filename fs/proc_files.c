/*
 * The text of /proc's files, in Linux's formats (proc(5)): the system
 * files (meminfo, uptime, loadavg, cpuinfo, version, cmdline, mounts,
 * filesystems, stat) and each process's (status, stat, statm, cmdline,
 * environ, comm, maps, mounts), its links (cwd, exe, root) and its fd/.
 */
#include <arch.h>
#include <bootinfo.h>
#include <errno.h>
#include <file.h>
#include <meminfo.h>
#include <mman.h>
#include <process.h>
#include <sched.h>
#include <slab.h>
#include <uaccess.h>
#include <time.h>
#include <version.h>
#include <vfs.h>
#include <tty.h>
#include <lib/printf.h>
#include <lib/string.h>
#include "fs_internal.h"
#include "proc_internal.h"

#define KB(bytes)	((bytes) >> 10)
#define TICKS(ns)	((ns) / (NSEC_PER_SEC / HZ))

extern const char uts_release[];
void for_each_mount(void (*fn)(const struct mount *m, void *arg), void *arg);
void for_each_filesystem(void (*fn)(const struct file_system_type *t,
				    void *arg), void *arg);

static void kb_line(struct seqbuf *s, const char *name, uint64_t bytes)
{
	seq_printf(s, "%-16s%8lu kB\n", name, (unsigned long)KB(bytes));
}

static int show_meminfo(struct seqbuf *s, int pid)
{
	struct meminfo mi;

	meminfo_get(&mi);
	kb_line(s, "MemTotal:", mi.mem_total);
	kb_line(s, "MemFree:", mi.mem_free);
	kb_line(s, "MemAvailable:", mi.mem_available);
	kb_line(s, "Buffers:", mi.buffers);
	kb_line(s, "Cached:", mi.cached);
	kb_line(s, "SwapCached:", 0);
	kb_line(s, "Shmem:", 0);
	kb_line(s, "Slab:", mi.slab);
	kb_line(s, "SReclaimable:", 0);
	kb_line(s, "SUnreclaim:", mi.slab);
	kb_line(s, "PageTables:", mi.page_tables);
	kb_line(s, "SwapTotal:", 0);
	kb_line(s, "SwapFree:", 0);
	kb_line(s, "VmallocTotal:", VMALLOC_END - VMALLOC_START);
	kb_line(s, "VmallocUsed:", mi.vmalloc_used);
	return 0;
}

static void seconds_2(struct seqbuf *s, uint64_t ns, char end)
{
	seq_printf(s, "%lu.%02lu%c", (unsigned long)(ns / NSEC_PER_SEC),
		   (unsigned long)(ns % NSEC_PER_SEC / (NSEC_PER_SEC / 100)),
		   end);
}

static int show_uptime(struct seqbuf *s, int pid)
{
	seconds_2(s, ktime_get_ns(), ' ');
	seconds_2(s, sched_idle_ns(), '\n');
	return 0;
}

static void load_fixed(struct seqbuf *s, unsigned long v, char end)
{
	unsigned long hundredths = (v * 100 + LOAD_FIXED_1 / 2) >>
				   LOAD_FSHIFT;

	seq_printf(s, "%lu.%02lu%c", hundredths / 100, hundredths % 100,
		   end);
}

static int show_loadavg(struct seqbuf *s, int pid)
{
	unsigned long avg[3];

	sched_loadavg(avg);
	load_fixed(s, avg[0], ' ');
	load_fixed(s, avg[1], ' ');
	load_fixed(s, avg[2], ' ');
	seq_printf(s, "1/%lu %d\n", nr_tasks(), last_pid());
	return 0;
}

static int show_cpuinfo(struct seqbuf *s, int pid)
{
	char vendor[16], brand[64], *flags = kmalloc(1024, GFP_KERNEL);

	if (!flags)
		return -ENOMEM;
	arch_cpu_identify(vendor, sizeof(vendor), brand, sizeof(brand));
	arch_cpu_flags(flags, 1024);
	seq_printf(s, "processor\t: 0\nvendor_id\t: %s\nmodel name\t: %s\n"
		   "cpu MHz\t\t: %lu.%03lu\nphysical id\t: 0\n"
		   "core id\t\t: 0\ncpu cores\t: 1\nfpu\t\t: yes\n"
		   "flags\t\t: %s\nbogomips\t: %lu.00\n\n", vendor, brand,
		   (unsigned long)(tsc_khz() / 1000),
		   (unsigned long)(tsc_khz() % 1000), flags,
		   (unsigned long)(tsc_khz() / 500));
	kfree(flags);
	return 0;
}

static int show_version(struct seqbuf *s, int pid)
{
	/* Linux's shape: "Linux version RELEASE (BUILD) #1 ...". */
	seq_printf(s, "Ferrite version %s (%s) #1\n", uts_release,
		   FERRITE_BUILD);
	return 0;
}

static int show_cmdline(struct seqbuf *s, int pid)
{
	seq_printf(s, "%s\n", boot_info.cmdline);
	return 0;
}

static void mount_line(const struct mount *m, void *arg)
{
	struct seqbuf *s = arg;
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path mp = { m->parent, m->mountpoint };
	struct path root = { root_mount, root_mount->root };

	if (!path)
		return;
	if (m->parent == m)
		strlcpy(path, "/", PATH_MAX);
	else if (vfs_path_name(&mp, &root, path, PATH_MAX) < 0)
		strlcpy(path, "?", PATH_MAX);
	seq_printf(s, "%s %s %s rw 0 0\n", m->source ? m->source : "none",
		   path, m->fstype ? m->fstype : m->sb->type->name);
	kfree(path);
}

static int show_mounts(struct seqbuf *s, int pid)
{
	mutex_lock(&vfs_lock);
	for_each_mount(mount_line, s);
	mutex_unlock(&vfs_lock);
	return 0;
}

static void fs_line(const struct file_system_type *t, void *arg)
{
	seq_printf(arg, "%s\t%s\n", t->nodev ? "nodev" : "", t->name);
}

static int show_filesystems(struct seqbuf *s, int pid)
{
	for_each_filesystem(fs_line, s);
	return 0;
}

static int show_stat(struct seqbuf *s, int pid)
{
	uint64_t user, sys, idle = sched_idle_ns();
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct process *p;
	struct task *t;
	int running = 0;

	/* Every thread that ever ran: the live ones and those gone. */
	user = exited_utime;
	sys = exited_stime;
	list_for_each_entry(p, &all_processes, all_node) {
		list_for_each_entry(t, &p->threads, thread_node) {
			uint64_t u, st;

			task_times(t, &u, &st);
			user += u;
			sys += st;
			running += t->state == TASK_RUNNING;
		}
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	for (int cpu = -1; cpu < 1; cpu++)
		seq_printf(s, "cpu%s %lu 0 %lu %lu 0 0 0 0 0 0\n",
			   cpu < 0 ? " " : "0", (unsigned long)TICKS(user),
			   (unsigned long)TICKS(sys),
			   (unsigned long)TICKS(idle));
	seq_printf(s, "intr 0\nctxt %lu\nbtime %lu\nprocesses %d\n"
		   "procs_running %d\nprocs_blocked 0\n",
		   (unsigned long)sched_switches(),
		   (unsigned long)(ktime_get_real_seconds() -
				   ktime_get_ns() / NSEC_PER_SEC),
		   last_pid(), running ? running : 1);
	return 0;
}

const struct proc_entry proc_global[] = {
	{ .name = "cmdline", .kind = PROC_GLOBAL, .show = show_cmdline },
	{ .name = "cpuinfo", .kind = PROC_GLOBAL, .show = show_cpuinfo },
	{ .name = "filesystems", .kind = PROC_GLOBAL, .show = show_filesystems },
	{ .name = "loadavg", .kind = PROC_GLOBAL, .show = show_loadavg },
	{ .name = "meminfo", .kind = PROC_GLOBAL, .show = show_meminfo },
	{ .name = "mounts", .kind = PROC_GLOBAL, .show = show_mounts },
	{ .name = "stat", .kind = PROC_GLOBAL, .show = show_stat },
	{ .name = "uptime", .kind = PROC_GLOBAL, .show = show_uptime },
	{ .name = "version", .kind = PROC_GLOBAL, .show = show_version },
};
const int proc_global_count = ARRAY_SIZE(proc_global);

/* --- per process ---------------------------------------------------------- */

/* What one look at a process sees, with references on its parts. */
struct snap {
	int pid, ppid, pgid, sid, threads, exit_signal;
	int tty_nr, tpgid;		/* controlling terminal, its group */
	char state;
	char comm[16];
	struct cred cred;
	unsigned int umask;
	uint64_t utime, stime, cutime, cstime, start_ns;
	uint64_t blocked, pending, shared_pending, ignored, caught;
	struct mm *mm;
	struct fs_struct *fs;
	struct fdtable *files;
	struct path exe;
};

static char task_state(const struct process *p, const struct task *t)
{
	if (p->state == PROC_ZOMBIE)
		return 'Z';
	if (p->stop_signal)
		return 'T';
	if (!t)
		return 'Z';
	switch (t->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_SLEEPING:
		return 'D';
	default:
		return 'S';
	}
}

static void snap_signals(struct snap *s, const struct process *p,
			 const struct task *t)
{
	s->shared_pending = p->pending;
	for (int sig = 1; sig <= NSIG; sig++) {
		unsigned long h = p->sighand->action[sig - 1].handler;

		if (h == SIG_IGN)
			s->ignored |= 1ULL << (sig - 1);
		else if (h != SIG_DFL)
			s->caught |= 1ULL << (sig - 1);
	}
	if (t && t->user) {
		s->blocked = t->user->blocked;
		s->pending = t->user->pending;
	}
}

static int snap_get(int pid, struct snap *s)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct process *p = process_of_pid(pid);
	struct task *t, *lead = NULL;

	memset(s, 0, sizeof(*s));
	if (!p) {
		spin_unlock_irqrestore(&proc_lock, flags);
		return -ESRCH;
	}
	if (!list_empty(&p->threads))
		lead = list_first_entry(&p->threads, struct task, thread_node);
	s->pid = p->pid;
	s->ppid = p->parent ? p->parent->pid : 0;
	s->pgid = p->pgid;
	s->sid = p->sid;
	s->tty_nr = p->tty ? (int)tty_devnum(p->tty) : 0;
	s->tpgid = p->tty ? tty_fg_pgrp(p->tty) : -1;
	s->threads = p->nr_threads;
	s->exit_signal = p->exit_signal;
	s->state = task_state(p, lead);
	memcpy(s->comm, p->comm, sizeof(s->comm));
	s->cred = p->cred;
	s->utime = p->dead_utime;
	s->stime = p->dead_stime;
	list_for_each_entry(t, &p->threads, thread_node) {
		uint64_t u, st;

		task_times(t, &u, &st);
		s->utime += u;
		s->stime += st;
	}
	s->cutime = p->child_utime;
	s->cstime = p->child_stime;
	s->start_ns = p->start_ns;
	snap_signals(s, p, lead);
	if (lead && lead->mm) {
		mm_get(lead->mm);
		s->mm = lead->mm;
	}
	if (lead && lead->fs) {
		__atomic_add_fetch(&lead->fs->refs, 1, __ATOMIC_RELAXED);
		s->fs = lead->fs;
		s->umask = lead->fs->umask;
	}
	if (lead && lead->files) {
		__atomic_add_fetch(&lead->files->refs, 1, __ATOMIC_RELAXED);
		s->files = lead->files;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	if (p->exe.dentry) {	/* the exe path is the process's own */
		s->exe = p->exe;
		path_get(&s->exe);
	}
	return 0;
}

static void snap_put(struct snap *s)
{
	if (s->mm)
		mm_put(s->mm);
	if (s->fs)
		fs_struct_put(s->fs);
	if (s->files)
		fdtable_put(s->files);
	if (s->exe.dentry)
		path_put(&s->exe);
}

static unsigned long vm_pages(const struct snap *s)
{
	return s->mm ? s->mm->vmas.total_pages : 0;
}

static int show_status(struct seqbuf *q, int pid)
{
	static const char *const names[] = {
		['R'] = "running", ['S'] = "sleeping", ['D'] = "disk sleep",
		['T'] = "stopped", ['Z'] = "zombie",
	};
	struct snap s;
	int err = snap_get(pid, &s);
	const struct cred *c = &s.cred;

	if (err)
		return err;
	seq_printf(q, "Name:\t%s\nUmask:\t%04o\nState:\t%c (%s)\nTgid:\t%d\n"
		   "Ngid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		   s.comm, s.umask, s.state, names[(int)s.state], s.pid,
		   s.pid, s.ppid);
	seq_printf(q, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n"
		   "FDSize:\t%u\nGroups:\t\n", c->uid, c->euid, c->suid,
		   c->fsuid, c->gid, c->egid, c->sgid, c->fsgid,
		   s.files ? s.files->size : 0);
	if (s.mm)
		seq_printf(q, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\n"
			   "VmRSS:\t%8lu kB\nVmData:\t%8lu kB\n"
			   "VmStk:\t%8lu kB\n", vm_pages(&s) * 4,
			   vm_pages(&s) * 4, s.mm->rss * 4,
			   (s.mm->brk - s.mm->brk_start) >> 10,
			   (s.mm->stack_top - s.mm->stack_limit) >> 10);
	seq_printf(q, "Threads:\t%d\nSigQ:\t0/%u\nSigPnd:\t%016lx\n"
		   "ShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\n"
		   "SigCgt:\t%016lx\n", s.threads, 1U << 15,
		   (unsigned long)s.pending, (unsigned long)s.shared_pending,
		   (unsigned long)s.blocked, (unsigned long)s.ignored,
		   (unsigned long)s.caught);
	snap_put(&s);
	return 0;
}

static int show_stat_pid(struct seqbuf *q, int pid)
{
	struct snap s;
	int err = snap_get(pid, &s);
	struct mm *mm;

	if (err)
		return err;
	mm = s.mm;
	seq_printf(q, "%d (%s) %c %d %d %d %d %d 4194304 %lu 0 0 0 %lu %lu "
		   "%lu %lu 20 0 %d 0 %lu %lu %lu %lu ", s.pid, s.comm,
		   s.state, s.ppid, s.pgid, s.sid, s.tty_nr, s.tpgid,
		   mm ? mm->faults_minor : 0, (unsigned long)TICKS(s.utime),
		   (unsigned long)TICKS(s.stime),
		   (unsigned long)TICKS(s.cutime),
		   (unsigned long)TICKS(s.cstime), s.threads,
		   (unsigned long)TICKS(s.start_ns), vm_pages(&s) * PAGE_SIZE,
		   mm ? mm->rss : 0, ~0UL);
	seq_printf(q, "%lu %lu %lu 0 0 %lu %lu %lu %lu 0 0 0 %d 0 0 0 0 0 0 "
		   "%lu %lu %lu %lu %lu %lu %lu 0\n",
		   mm ? mm->start_code : 0, mm ? mm->end_code : 0,
		   mm ? mm->stack_top : 0, (unsigned long)s.pending,
		   (unsigned long)s.blocked, (unsigned long)s.ignored,
		   (unsigned long)s.caught, s.exit_signal,
		   mm ? mm->start_data : 0, mm ? mm->end_data : 0,
		   mm ? mm->brk_start : 0, mm ? mm->arg_start : 0,
		   mm ? mm->arg_end : 0, mm ? mm->env_start : 0,
		   mm ? mm->env_end : 0);
	snap_put(&s);
	return 0;
}

static int show_statm(struct seqbuf *q, int pid)
{
	struct snap s;
	int err = snap_get(pid, &s);

	if (err)
		return err;
	seq_printf(q, "%lu %lu 0 %lu 0 %lu 0\n", vm_pages(&s),
		   s.mm ? s.mm->rss : 0,
		   s.mm ? (s.mm->end_code - s.mm->start_code) >> PAGE_SHIFT :
			  0,
		   s.mm ? (s.mm->brk - s.mm->brk_start) >> PAGE_SHIFT : 0);
	snap_put(&s);
	return 0;
}

/* A range of the process's memory as the file's bytes (cmdline). */
static int show_memory(struct seqbuf *q, int pid, bool env)
{
	struct snap s;
	int err = snap_get(pid, &s);
	unsigned long start, end;
	char *buf;

	if (err)
		return err;
	if (s.mm) {
		start = env ? s.mm->env_start : s.mm->arg_start;
		end = env ? s.mm->env_end : s.mm->arg_end;
		buf = end > start && end - start <= (1UL << 20) ?
		      kmalloc(end - start, GFP_KERNEL) : NULL;
		if (buf) {
			seq_write(q, buf, mm_read(s.mm, start, buf,
						 end - start));
			kfree(buf);
		}
	}
	snap_put(&s);
	return 0;
}

static int show_cmdline_pid(struct seqbuf *q, int pid)
{
	return show_memory(q, pid, false);
}

static int show_environ(struct seqbuf *q, int pid)
{
	return show_memory(q, pid, true);
}

static int show_comm(struct seqbuf *q, int pid)
{
	struct snap s;
	int err = snap_get(pid, &s);

	if (!err)
		seq_printf(q, "%s\n", s.comm);
	snap_put(&s);
	return err;
}

/* A link's text. [vfs_lock]: readlink runs under it, walks included. */
static long path_text(const struct path *p, char *buf, size_t size)
{
	struct path root = { root_mount, root_mount->root };

	return vfs_path_name(p, &root, buf, size);
}

/* Writing comm renames the process, as PR_SET_NAME does (15 bytes). */
static long write_comm(int pid, const char *ubuf, size_t len)
{
	char name[16] = { 0 };
	size_t n = MIN(len, sizeof(name) - 1);
	unsigned long flags;
	struct process *p;

	if (copy_from_user(name, ubuf, n))
		return -EFAULT;
	if (n && name[n - 1] == '\n')
		name[n - 1] = '\0';
	flags = spin_lock_irqsave(&proc_lock);
	p = process_of_pid(pid);
	if (p)
		strlcpy(p->comm, name, sizeof(p->comm));
	spin_unlock_irqrestore(&proc_lock, flags);
	return p ? (long)len : -ESRCH;
}

static int show_maps(struct seqbuf *q, int pid)
{
	struct snap s;
	int err = snap_get(pid, &s);
	char *exe = kmalloc(PATH_MAX, GFP_KERNEL);
	struct vma *v;

	if (err || !exe) {
		kfree(exe);
		if (!err)
			snap_put(&s);
		return err ? err : -ENOMEM;
	}
	exe[0] = '\0';
	if (s.exe.dentry) {
		mutex_lock(&vfs_lock);
		if (path_text(&s.exe, exe, PATH_MAX) < 0)
			exe[0] = '\0';
		mutex_unlock(&vfs_lock);
	}
	if (s.mm) {
		mutex_lock(&s.mm->lock);
		vma_for_each(v, &s.mm->vmas) {
			const char *name = v->flags & VMA_GROWSDOWN ?
					   "[stack]" :
					   v->start >= s.mm->brk_start &&
					   v->end <= ALIGN_UP(s.mm->brk,
							      PAGE_SIZE) &&
					   s.mm->brk > s.mm->brk_start ?
					   "[heap]" :
					   v->start >= s.mm->start_code &&
					   v->end <= s.mm->end_code ? exe : "";

			seq_printf(q, "%08lx-%08lx %c%c%c%c %08lx 00:00 0 "
				   "%s%s\n", v->start, v->end,
				   v->flags & VMA_READ ? 'r' : '-',
				   v->flags & VMA_WRITE ? 'w' : '-',
				   v->flags & VMA_EXEC ? 'x' : '-',
				   v->flags & VMA_SHARED ? 's' : 'p',
				   v->object ? v->pgoff << PAGE_SHIFT : 0,
				   *name ? "                          " : "",
				   name);
		}
		mutex_unlock(&s.mm->lock);
	}
	kfree(exe);
	snap_put(&s);
	return 0;
}

static int show_mounts_pid(struct seqbuf *q, int pid)
{
	return show_mounts(q, pid);
}

const struct proc_entry proc_pid[] = {
	{ .name = "cmdline", .kind = PROC_PID_FILE, .show = show_cmdline_pid },
	{ .name = "comm", .kind = PROC_PID_FILE, .show = show_comm,
	  .write = write_comm },
	{ .name = "cwd", .kind = PROC_PID_LINK },
	{ .name = "environ", .kind = PROC_PID_FILE, .show = show_environ },
	{ .name = "exe", .kind = PROC_PID_LINK },
	{ .name = "fd", .kind = PROC_PID_FD_DIR },
	{ .name = "maps", .kind = PROC_PID_FILE, .show = show_maps },
	{ .name = "mounts", .kind = PROC_PID_FILE, .show = show_mounts_pid },
	{ .name = "root", .kind = PROC_PID_LINK },
	{ .name = "stat", .kind = PROC_PID_FILE, .show = show_stat_pid },
	{ .name = "statm", .kind = PROC_PID_FILE, .show = show_statm },
	{ .name = "status", .kind = PROC_PID_FILE, .show = show_status },
};
const int proc_pid_count = ARRAY_SIZE(proc_pid);

/* --- links and descriptors ------------------------------------------------ */

/* What an open file is called in /proc/PID/fd. */
static long file_text(struct file *f, char *buf, size_t size)
{
	struct path p = { f->mnt, f->dentry };

	if (f->dentry)
		return path_text(&p, buf, size);
	if (!f->inode)
		return snprintf(buf, size, "/dev/console");
	return snprintf(buf, size, "pipe:[%lu]", (unsigned long)f->inode->ino);
}

long proc_link_target(const struct proc_node *n, char *buf, size_t size)
{
	struct snap s;
	long r = snap_get(n->pid, &s);
	const char *name = n->kind == PROC_PID_LINK ?
			   proc_pid[n->index].name : "fd";

	if (r)
		return r;
	r = -ENOENT;
	if (n->kind == PROC_PID_FD_LINK && s.files) {
		struct file *f = NULL;
		unsigned long flags = spin_lock_irqsave(&s.files->lock);

		if ((unsigned int)n->index < s.files->size &&
		    s.files->files[n->index])
			f = file_get(s.files->files[n->index]);
		spin_unlock_irqrestore(&s.files->lock, flags);
		if (f) {
			r = file_text(f, buf, size);
			file_put(f);
		}
	} else if (!strcmp(name, "exe") && s.exe.dentry) {
		r = path_text(&s.exe, buf, size);
	} else if (s.fs && !strcmp(name, "cwd")) {
		r = path_text(&s.fs->cwd, buf, size);
	} else if (s.fs && !strcmp(name, "root")) {
		r = path_text(&s.fs->root, buf, size);
	}
	snap_put(&s);
	return r < 0 ? r : (long)strlen(buf);
}

bool proc_fd_exists(int pid, int fd)
{
	struct snap s;
	bool ok = false;

	if (snap_get(pid, &s))
		return false;
	if (s.files) {
		unsigned long flags = spin_lock_irqsave(&s.files->lock);

		ok = (unsigned int)fd < s.files->size && s.files->files[fd];
		spin_unlock_irqrestore(&s.files->lock, flags);
	}
	snap_put(&s);
	return ok;
}

void proc_for_each_fd(int pid, void (*fn)(int fd, void *arg), void *arg)
{
	struct snap s;

	if (snap_get(pid, &s))
		return;
	for (unsigned int fd = 0; s.files && fd < s.files->size; fd++)
		if (READ_ONCE(s.files->files[fd]))
			fn(fd, arg);
	snap_put(&s);
}

/* --- /proc/sys/fs: the VFS's object counts, in Linux's formats --------- */

static int show_inode_nr(struct seqbuf *s, int pid)
{
	seq_printf(s, "%lu\t0\n", inode_count());
	return 0;
}

static int show_dentry_state(struct seqbuf *s, int pid)
{
	seq_printf(s, "%lu\t%lu\t45\t0\t0\t0\n", dcache_count(),
		   dcache_unused());
	return 0;
}

static int show_file_nr(struct seqbuf *s, int pid)
{
	seq_printf(s, "%lu\t0\t%lu\n", file_count(), 1UL << 20);
	return 0;
}

const struct proc_entry proc_sys_fs[] = {
	{ .name = "dentry-state", .kind = PROC_SYS_FILE,
	  .show = show_dentry_state },
	{ .name = "file-nr", .kind = PROC_SYS_FILE, .show = show_file_nr },
	{ .name = "inode-nr", .kind = PROC_SYS_FILE, .show = show_inode_nr },
};
const int proc_sys_fs_count = ARRAY_SIZE(proc_sys_fs);
