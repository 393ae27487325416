/*
 * System call dispatch: the table made from kernel/syscalls.def, the
 * once-per-number report of calls Ferrite does not have (-ENOSYS), and
 * the strace command-line word's log of every call, one line each:
 * "pid name(args) = ret". The arch entry (arch/x86_64/syscall.c) gathers
 * the number and arguments and calls syscall_invoke().
 */
#include <errno.h>
#include <params.h>
#include <printk.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <lib/bitmap.h>
#include <lib/printf.h>
#include <lib/string.h>

#define NR_SYSCALLS	512
#define STRACE_STR_MAX	48

struct syscall_entry {
	const char *name;
	syscall_fn fn;
	const char *fmt;
};

static const struct syscall_entry table[NR_SYSCALLS] = {
#define SYSCALL(nr, name, fmt, note) [nr] = { #name, sys_##name, fmt },
#include "syscalls.def"
#undef SYSCALL
};

static DECLARE_BITMAP(reported, NR_SYSCALLS);
static bool reported_big;

static void report_unknown(unsigned long nr)
{
	if (nr < NR_SYSCALLS) {
		if (bitmap_test(reported, nr))
			return;
		bitmap_set(reported, nr);
	} else {
		if (reported_big)
			return;
		reported_big = true;
	}
	pr_info("syscall: pid %d (%s) called %lu, which Ferrite does not "
		"have: -ENOSYS (reported once)\n", current->pid,
		current->name, nr);
}

/* One argument as strace shows it, into @buf. */
static void format_arg(char *buf, size_t size, char f, unsigned long v)
{
	char s[STRACE_STR_MAX + 1];
	long n;

	switch (f) {
	case 'd':
	case 'S':
		snprintf(buf, size, "%d", (int)v);
		break;
	case 'u':
		snprintf(buf, size, "%lu", v);
		break;
	case 'o':
		snprintf(buf, size, "0%lo", v);
		break;
	case 'p':
		if (v)
			snprintf(buf, size, "%#lx", v);
		else
			snprintf(buf, size, "NULL");
		break;
	case 's':
		n = strncpy_from_user(s, (const char *)v, sizeof(s));
		if (n == -EFAULT)
			snprintf(buf, size, "%#lx", v);
		else if (n < 0)
			snprintf(buf, size, "\"%.*s\"...", STRACE_STR_MAX, s);
		else
			snprintf(buf, size, "\"%s\"", s);
		break;
	default:
		snprintf(buf, size, "%#lx", v);
	}
}

/* "pid name(args" into @line, read before the call (exec replaces
 * the memory its strings were in). */
static void strace_begin(char *line, size_t size,
			 const struct syscall_entry *e,
			 const struct syscall_args *args)
{
	char arg[STRACE_STR_MAX + 8];
	size_t len;

	len = snprintf(line, size, "%d %s(", current->pid, e->name);
	for (int i = 0; e->fmt[i] && len < size; i++) {
		format_arg(arg, sizeof(arg), e->fmt[i], args->a[i]);
		len += snprintf(line + len, size - len, "%s%s", i ? ", " : "",
				arg);
	}
}

static void strace_end(const char *line, long r)
{
	/* Like strace: counts in decimal, addresses in hex. */
	if (r < 0 && r >= -MAX_ERRNO)
		printk(KERN_INFO "%s) = -1 (errno %ld)\n", line, -r);
	else if (r >= 0 && r < (1L << 20))
		printk(KERN_INFO "%s) = %ld\n", line, r);
	else
		printk(KERN_INFO "%s) = %#lx\n", line, r);
}

/* The slow path of syscall_invoke() when strace is on. */
static long invoke_traced(unsigned long nr, const struct syscall_entry *e,
			  const struct syscall_args *args)
{
	char line[256];
	long r;

	strace_begin(line, sizeof(line), e, args);
	if (nr == 60 || nr == 231)	/* exit, exit_group: no return */
		printk(KERN_INFO "%s) = ?\n", line);
	r = e->fn(args);
	strace_end(line, r);
	return r;
}

long syscall_invoke(unsigned long nr, const struct syscall_args *args)
{
	const struct syscall_entry *e = nr < NR_SYSCALLS ? &table[nr] : NULL;

	if (!e || !e->fn) {
		report_unknown(nr);
		if (kernel_params.strace)
			printk(KERN_INFO "%d syscall_%lu(...) = -ENOSYS\n",
			       current->pid, nr);
		return -ENOSYS;
	}
	if (unlikely(kernel_params.strace))
		return invoke_traced(nr, e, args);
	return e->fn(args);
}
