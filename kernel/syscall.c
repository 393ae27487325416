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

static void strace_log(const struct syscall_entry *e,
		       const struct syscall_args *args, const char *ret)
{
	char line[256], arg[STRACE_STR_MAX + 8];
	size_t len;

	len = snprintf(line, sizeof(line), "%d %s(", current->pid, e->name);
	for (int i = 0; e->fmt[i] && len < sizeof(line); i++) {
		format_arg(arg, sizeof(arg), e->fmt[i], args->a[i]);
		len += snprintf(line + len, sizeof(line) - len, "%s%s",
				i ? ", " : "", arg);
	}
	printk(KERN_INFO "%s) = %s\n", line, ret);
}

long syscall_invoke(unsigned long nr, const struct syscall_args *args)
{
	const struct syscall_entry *e = nr < NR_SYSCALLS ? &table[nr] : NULL;
	char ret[24];
	long r;

	if (!e || !e->fn) {
		report_unknown(nr);
		if (kernel_params.strace)
			printk(KERN_INFO "%d syscall_%lu(...) = -ENOSYS\n",
			       current->pid, nr);
		return -ENOSYS;
	}
	if (unlikely(kernel_params.strace) &&
	    (nr == 60 || nr == 231))	/* exit, exit_group: no return */
		strace_log(e, args, "?");
	r = e->fn(args);
	if (unlikely(kernel_params.strace)) {
		if (r < 0 && r >= -MAX_ERRNO)
			snprintf(ret, sizeof(ret), "-1 (errno %ld)", -r);
		else
			snprintf(ret, sizeof(ret), "%#lx", r);
		strace_log(e, args, ret);
	}
	return r;
}
