/*
 * ps: a snapshot of the processes, from /proc/[pid]/stat, status and
 * cmdline (Linux's formats). The selections and columns of procps' most
 * used forms: ps, ps -e/-A, ps -f/-ef, ps aux/ax/x/u, -p PIDS, -o LIST.
 */
#include "textutil.h"
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: ps [-eAf] [-p PID[,PID...]] [-o COL[,COL...]] | ps [aux]\n"
	"Print the processes of this terminal and user (-e, -A or ax: all).\n"
	"  -f        full format: UID PID PPID C STIME TTY TIME CMD\n"
	"  u         user format: USER PID %CPU %MEM VSZ RSS TTY STAT START "
	"TIME\n"
	"            COMMAND\n"
	"  a         processes of all users with a terminal; x: without "
	"one too\n"
	"  -p PIDS   only these processes\n"
	"  -o COLS   columns: pid ppid pgid sid tty stat comm args rss vsz "
	"user\n"
	"            uid time etime nice pcpu pmem nlwp c stime start\n"
	"BSD forms (a, x, ax) print PID TTY STAT TIME COMMAND.\n";

struct proc {
	int pid, ppid, pgrp, sid, tty, tpgid;
	char state;
	char comm[64];
	char *args;		/* the command line, spaces between args */
	unsigned long long utime, stime, start;	/* clock ticks */
	long nice, nthreads, rss;	/* rss in pages */
	unsigned long long vsize;
	unsigned euid;
	int locked;		/* has pages locked in memory */
};

/* What every column's value may need, computed once. */
static struct {
	long hz, page_kib;
	double uptime;
	time_t now, boot;
	long long mem_kib;
	int pid_width;
} sys;

/* Parse /proc/PID/stat: "pid (comm) state ppid ..." */
static int read_stat(struct proc *p, const char *dir)
{
	char path[64], buf[1024], *open, *close;

	snprintf(path, sizeof(path), "%s/stat", dir);
	if (text_read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	open = strchr(buf, '(');
	close = strrchr(buf, ')');
	if (!open || !close || close < open)
		return -1;
	snprintf(p->comm, sizeof(p->comm), "%.*s", (int)(close - open - 1),
		 open + 1);
	if (sscanf(close + 2,
		   "%c %d %d %d %d %d %*u %*u %*u %*u %*u %llu %llu %*d "
		   "%*d %*d %ld %ld %*d %llu %llu %ld",
		   &p->state, &p->ppid, &p->pgrp, &p->sid, &p->tty, &p->tpgid,
		   &p->utime, &p->stime, &p->nice, &p->nthreads, &p->start,
		   &p->vsize, &p->rss) != 13)
		return -1;
	return 0;
}

static void read_status(struct proc *p, const char *dir)
{
	char path[64], buf[4096], *uid;
	unsigned ruid;

	snprintf(path, sizeof(path), "%s/status", dir);
	p->euid = 0;
	if (text_read_file(path, buf, sizeof(buf)) <= 0)
		return;
	uid = strstr(buf, "\nUid:");
	if (uid)
		sscanf(uid + 5, "%u %u", &ruid, &p->euid);
	p->locked = text_meminfo(buf, "VmLck") > 0;
}

static void read_cmdline(struct proc *p, const char *dir)
{
	char path[64], buf[4096];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/cmdline", dir);
	n = text_read_file(path, buf, sizeof(buf));
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	if (n <= 0) {
		p->args = NULL;
		return;
	}
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0' || buf[i] == '\n')
			buf[i] = ' ';
	p->args = xmalloc(n + 1);
	memcpy(p->args, buf, n);
	p->args[n] = '\0';
}

static int read_proc(int pid, struct proc *p)
{
	char dir[32];

	snprintf(dir, sizeof(dir), "/proc/%d", pid);
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	if (read_stat(p, dir))
		return -1;
	read_status(p, dir);
	read_cmdline(p, dir);
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The pids in /proc, ascending. */
static int *list_pids(size_t *n)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int *pids = NULL;
	size_t cap = 0;

	if (!d)
		die("/proc:");
	*n = 0;
	while ((de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		if (*n == cap)
			pids = xrealloc(pids, (cap = cap * 2 + 64) *
					sizeof(*pids));
		pids[(*n)++] = atoi(de->d_name);
	}
	closedir(d);
	qsort(pids, *n, sizeof(*pids), cmp_int);
	return pids;
}

/* --- column values ------------------------------------------------- */

static void tty_name(int tty, char *buf, size_t len)
{
	unsigned major = (tty >> 8) & 0xfff;
	unsigned minor = (tty & 0xff) | ((tty >> 12) & 0xfff00);

	if (!tty)
		snprintf(buf, len, "?");
	else if (major == 4 && minor >= 64)
		snprintf(buf, len, "ttyS%u", minor - 64);
	else if (major == 4)
		snprintf(buf, len, "tty%u", minor);
	else if (major == 136)
		snprintf(buf, len, "pts/%u", minor);
	else if (major == 5 && minor == 1)
		snprintf(buf, len, "console");
	else
		snprintf(buf, len, "%u,%u", major, minor);
}

static void user_name(unsigned uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		snprintf(buf, len, "%s", pw->pw_name);
	else
		snprintf(buf, len, "%u", uid);
}

static double cpu_percent(const struct proc *p)
{
	double secs = sys.uptime - (double)p->start / sys.hz;
	double used = (double)(p->utime + p->stime) / sys.hz;

	return secs > 0 ? used * 100 / secs : 0;
}

/* HH:MM today, MonDD this year, else the year (procps' START). */
static void start_time(const struct proc *p, char *buf, size_t len)
{
	time_t t = sys.boot + (time_t)(p->start / sys.hz);
	struct tm tm, now_tm;

	localtime_r(&t, &tm);
	localtime_r(&sys.now, &now_tm);
	if (sys.now - t < 24 * 3600)
		strftime(buf, len, "%H:%M", &tm);
	else if (tm.tm_year == now_tm.tm_year)
		strftime(buf, len, "%b%d", &tm);
	else
		strftime(buf, len, "%Y", &tm);
}

static void stat_flags(const struct proc *p, char *buf, size_t len)
{
	size_t n = 0;

	buf[n++] = p->state;
	if (p->nice < 0)
		buf[n++] = '<';
	else if (p->nice > 0)
		buf[n++] = 'N';
	if (p->locked)
		buf[n++] = 'L';
	if (p->pid == p->sid)
		buf[n++] = 's';
	if (p->nthreads > 1)
		buf[n++] = 'l';
	if (p->tty && p->tpgid == p->pgrp)
		buf[n++] = '+';
	buf[n] = '\0';
}

static void dhms(unsigned long long s, char *buf, size_t len)
{
	if (s >= 86400)
		snprintf(buf, len, "%llu-%02llu:%02llu:%02llu", s / 86400,
			 s / 3600 % 24, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%02llu:%02llu:%02llu", s / 3600,
			 s / 60 % 60, s % 60);
}

enum col_id {
	C_PID, C_PPID, C_PGID, C_SID, C_TTY, C_TIME, C_BSDTIME, C_STAT,
	C_USER, C_UID, C_C, C_STIME, C_PCPU, C_PMEM, C_VSZ, C_RSS, C_COMM,
	C_ARGS, C_NICE, C_NLWP, C_ETIME,
};

static void value(enum col_id id, const struct proc *p, char *b, size_t n)
{
	unsigned long long cpu = (p->utime + p->stime) / sys.hz;

	switch (id) {
	case C_PID: snprintf(b, n, "%d", p->pid); break;
	case C_PPID: snprintf(b, n, "%d", p->ppid); break;
	case C_PGID: snprintf(b, n, "%d", p->pgrp); break;
	case C_SID: snprintf(b, n, "%d", p->sid); break;
	case C_TTY: tty_name(p->tty, b, n); break;
	case C_TIME: dhms(cpu, b, n); break;
	case C_BSDTIME: snprintf(b, n, "%llu:%02llu", cpu / 60, cpu % 60);
		break;
	case C_ETIME: dhms(sys.uptime - (double)p->start / sys.hz, b, n);
		break;
	case C_STAT: stat_flags(p, b, n); break;
	case C_USER: user_name(p->euid, b, n); break;
	case C_UID: snprintf(b, n, "%u", p->euid); break;
	case C_C: snprintf(b, n, "%d", (int)cpu_percent(p) % 100); break;
	case C_STIME: start_time(p, b, n); break;
	case C_PCPU: snprintf(b, n, "%.1f", cpu_percent(p)); break;
	case C_PMEM: snprintf(b, n, "%.1f", sys.mem_kib ? 100.0 * p->rss *
			      sys.page_kib / sys.mem_kib : 0.0); break;
	case C_VSZ: snprintf(b, n, "%llu", p->vsize / 1024); break;
	case C_RSS: snprintf(b, n, "%ld", p->rss * sys.page_kib); break;
	case C_NICE: snprintf(b, n, "%ld", p->nice); break;
	case C_NLWP: snprintf(b, n, "%ld", p->nthreads); break;
	case C_COMM: snprintf(b, n, "%s", p->comm); break;
	case C_ARGS:
		if (p->args)
			snprintf(b, n, "%s", p->args);
		else
			snprintf(b, n, "[%s]", p->comm);
		break;
	}
}

/* --- formats ------------------------------------------------------- */

struct col {
	const char *name;	/* for -o */
	enum col_id id;
	const char *header;
	int width;		/* -1: the width of pids */
	int left;
};

#define PIDCOL(n, id, h)	{ n, id, h, -1, 0 }
#define NCOLS(fmt)		(sizeof(fmt) / sizeof(*(fmt)))

static const struct col named[] = {
	PIDCOL("pid", C_PID, "PID"), PIDCOL("ppid", C_PPID, "PPID"),
	PIDCOL("pgid", C_PGID, "PGID"), PIDCOL("pgrp", C_PGID, "PGRP"),
	PIDCOL("sid", C_SID, "SID"), PIDCOL("sess", C_SID, "SESS"),
	{ "tty", C_TTY, "TT", 8, 1 }, { "tname", C_TTY, "TTY", 8, 1 },
	{ "stat", C_STAT, "STAT", 4, 1 }, { "s", C_STAT, "S", 1, 1 },
	{ "comm", C_COMM, "COMMAND", 15, 1 },
	{ "ucomm", C_COMM, "COMMAND", 15, 1 },
	{ "args", C_ARGS, "COMMAND", 27, 1 },
	{ "command", C_ARGS, "COMMAND", 27, 1 },
	{ "cmd", C_ARGS, "CMD", 27, 1 },
	{ "rss", C_RSS, "RSS", 5, 0 }, { "vsz", C_VSZ, "VSZ", 6, 0 },
	{ "user", C_USER, "USER", 8, 1 }, { "uid", C_UID, "UID", 5, 0 },
	{ "time", C_TIME, "TIME", 8, 0 },
	{ "etime", C_ETIME, "ELAPSED", 11, 0 },
	{ "nice", C_NICE, "NI", 3, 0 }, { "ni", C_NICE, "NI", 3, 0 },
	{ "pcpu", C_PCPU, "%CPU", 4, 0 }, { "%cpu", C_PCPU, "%CPU", 4, 0 },
	{ "pmem", C_PMEM, "%MEM", 4, 0 }, { "%mem", C_PMEM, "%MEM", 4, 0 },
	{ "nlwp", C_NLWP, "NLWP", 4, 0 }, { "c", C_C, "C", 2, 0 },
	{ "stime", C_STIME, "STIME", 5, 1 },
	{ "start", C_STIME, "STARTED", 8, 0 },
};

static const struct col fmt_default[] = {
	PIDCOL(NULL, C_PID, "PID"), { NULL, C_TTY, "TTY", 8, 1 },
	{ NULL, C_TIME, "TIME", 8, 0 }, { NULL, C_COMM, "CMD", 0, 1 },
};

static const struct col fmt_full[] = {
	{ NULL, C_USER, "UID", 8, 1 }, PIDCOL(NULL, C_PID, "PID"),
	PIDCOL(NULL, C_PPID, "PPID"), { NULL, C_C, "C", 2, 0 },
	{ NULL, C_STIME, "STIME", 5, 1 }, { NULL, C_TTY, "TTY", 8, 1 },
	{ NULL, C_TIME, "TIME", 8, 0 }, { NULL, C_ARGS, "CMD", 0, 1 },
};

static const struct col fmt_user[] = {
	{ NULL, C_USER, "USER", 8, 1 }, PIDCOL(NULL, C_PID, "PID"),
	{ NULL, C_PCPU, "%CPU", 4, 0 }, { NULL, C_PMEM, "%MEM", 4, 0 },
	{ NULL, C_VSZ, "VSZ", 6, 0 }, { NULL, C_RSS, "RSS", 5, 0 },
	{ NULL, C_TTY, "TTY", 8, 1 }, { NULL, C_STAT, "STAT", 4, 1 },
	{ NULL, C_STIME, "START", 5, 0 }, { NULL, C_BSDTIME, "TIME", 6, 0 },
	{ NULL, C_ARGS, "COMMAND", 0, 1 },
};

static const struct col fmt_bsd[] = {
	PIDCOL(NULL, C_PID, "PID"), { NULL, C_TTY, "TTY", 8, 1 },
	{ NULL, C_STAT, "STAT", 4, 1 }, { NULL, C_BSDTIME, "TIME", 6, 0 },
	{ NULL, C_ARGS, "COMMAND", 0, 1 },
};

static const struct col **fmt;
static size_t ncols;

static void use_format(const struct col *c, size_t n)
{
	fmt = xrealloc(fmt, n * sizeof(*fmt));
	for (size_t i = 0; i < n; i++)
		fmt[i] = &c[i];
	ncols = n;
}

static void add_columns(const char *list)
{
	char *copy = xstrdup(list), *save, *name;
	size_t i, nnamed = sizeof(named) / sizeof(*named);

	for (name = strtok_r(copy, ", ", &save); name;
	     name = strtok_r(NULL, ", ", &save)) {
		for (i = 0; i < nnamed && strcmp(named[i].name, name); i++)
			;
		if (i == nnamed)
			usage_error("unknown column '%s' in -o", name);
		fmt = xrealloc(fmt, (ncols + 1) * sizeof(*fmt));
		fmt[ncols++] = &named[i];
	}
	free(copy);
}

static void print_cell(const struct col *c, const char *s, int last)
{
	int w = c->width < 0 ? sys.pid_width : c->width;

	if (last && c->left)
		fputs(s, stdout);
	else if (c->left && (c->id == C_COMM || c->id == C_ARGS))
		printf("%-*.*s", w, w, s);
	else
		printf(c->left ? "%-*s" : "%*s", w, s);
}

static void print_row(const struct proc *p)
{
	char buf[4096];

	for (size_t i = 0; i < ncols; i++) {
		if (i)
			putchar(' ');
		if (p)
			value(fmt[i]->id, p, buf, sizeof(buf));
		print_cell(fmt[i], p ? buf : fmt[i]->header, i + 1 == ncols);
	}
	putchar('\n');
}

/* --- selection and main -------------------------------------------- */

static struct {
	int all, bsd_a, bsd_x, full, user;
	int *pids;
	size_t npids;
} sel;

static void add_pids(const char *list)
{
	char *copy = xstrdup(list), *save, *s;
	long long v;

	for (s = strtok_r(copy, ", ", &save); s;
	     s = strtok_r(NULL, ", ", &save)) {
		if (text_parse_long(s, &v) || v <= 0 || v > 0x7fffffff)
			usage_error("invalid process id '%s'", s);
		sel.pids = xrealloc(sel.pids, (sel.npids + 1) *
				    sizeof(*sel.pids));
		sel.pids[sel.npids++] = v;
	}
	free(copy);
}

/* Dash options; returns how many arguments were used. */
static int dash_options(char **argv)
{
	const char *a = argv[0];

	for (int i = 1; a[i]; i++) {
		const char *arg = a[i + 1] ? a + i + 1 : argv[1];

		switch (a[i]) {
		case 'e':
		case 'A': sel.all = 1; break;
		case 'f': sel.full = 1; break;
		case 'o':
		case 'p':
			if (!arg)
				usage_error("option -%c needs a list", a[i]);
			if (a[i] == 'o')
				add_columns(arg);
			else
				add_pids(arg);
			return a[i + 1] ? 1 : 2;
		default:
			usage_error("invalid option -- '%c'", a[i]);
		}
	}
	return 1;
}

static void parse_args(int argc, char **argv)
{
	for (int i = 1; i < argc;) {
		if (argv[i][0] == '-') {
			i += dash_options(argv + i);
			continue;
		}
		for (const char *c = argv[i]; *c; c++) {
			if (*c == 'a')
				sel.bsd_a = 1;
			else if (*c == 'x')
				sel.bsd_x = 1;
			else if (*c == 'u')
				sel.user = 1;
			else if (*c != 'w')
				usage_error("invalid BSD option '%c'", *c);
		}
		i++;
	}
	if (sel.bsd_a && sel.bsd_x)
		sel.all = 1;
}

static int selected(const struct proc *p, const struct proc *self)
{
	if (sel.npids) {
		for (size_t i = 0; i < sel.npids; i++)
			if (sel.pids[i] == p->pid)
				return 1;
		return 0;
	}
	if (sel.all)
		return 1;
	if (sel.bsd_a)
		return p->tty != 0;
	if (sel.bsd_x)
		return p->euid == self->euid;
	return p->euid == self->euid && p->tty == self->tty;
}

static void init_sys(void)
{
	char buf[8192];
	long long pid_max = 32768;

	sys.hz = sysconf(_SC_CLK_TCK);
	if (sys.hz <= 0)
		sys.hz = 100;
	sys.page_kib = sysconf(_SC_PAGESIZE) / 1024;
	if (text_read_file("/proc/uptime", buf, sizeof(buf)) > 0)
		sys.uptime = strtod(buf, NULL);
	sys.now = time(NULL);
	sys.boot = sys.now - (time_t)sys.uptime;
	if (text_read_file("/proc/meminfo", buf, sizeof(buf)) > 0)
		sys.mem_kib = text_meminfo(buf, "MemTotal");
	if (text_read_file("/proc/sys/kernel/pid_max", buf, sizeof(buf)) > 0)
		pid_max = atoll(buf);
	sys.pid_width = 1;
	for (; pid_max >= 10; pid_max /= 10)
		sys.pid_width++;
	if (sys.pid_width < 5)
		sys.pid_width = 5;
}

int main(int argc, char **argv)
{
	struct proc self, p;
	size_t npids;
	int *pids, found = 0;

	util_init(argc, argv, usage, 0);
	parse_args(argc, argv);
	init_sys();
	if (!ncols) {
		if (sel.user)
			use_format(fmt_user, NCOLS(fmt_user));
		else if (sel.bsd_a || sel.bsd_x)
			use_format(fmt_bsd, NCOLS(fmt_bsd));
		else if (sel.full)
			use_format(fmt_full, NCOLS(fmt_full));
		else
			use_format(fmt_default, NCOLS(fmt_default));
	}
	if (read_proc(getpid(), &self))
		die("cannot read /proc/%d/stat", (int)getpid());
	print_row(NULL);
	pids = list_pids(&npids);
	for (size_t i = 0; i < npids; i++) {
		if (read_proc(pids[i], &p))
			continue;	/* it exited meanwhile */
		if (selected(&p, &self)) {
			print_row(&p);
			found = 1;
		}
		free(p.args);
	}
	free(pids);
	free(self.args);
	text_flush_stdout();
	return found ? 0 : 1;
}
