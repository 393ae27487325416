/*
 * usertests: /proc: the system-wide files (meminfo, uptime, loadavg,
 * cpuinfo, version, cmdline, mounts, filesystems, stat) in the formats
 * programs parse, and a process's own directory (/proc/self: status,
 * stat, statm, cmdline, environ, comm, the cwd, exe and root links,
 * fd/ and maps).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

#include "ut.h"
#include "fsutil.h"

#define PROC_BUF	(64 * 1024)
#define MAP_ADDR	0x200000000000UL	/* where proc_self_maps maps */
#define STAT_FIELDS	52	/* fields of /proc/PID/stat in Linux 6.1 */

static char *proc_buf(void)
{
	static char *buf;

	if (!buf)
		buf = ut_map(PROC_BUF, PROT_READ | PROT_WRITE);
	return buf;
}

/* The whole of a /proc file, NUL-terminated, in a shared buffer. */
static char *slurp(const char *path)
{
	char *buf = proc_buf();
	size_t n = ut_get(path, buf, PROC_BUF);

	if (n == 0)
		ut_fail("%s is empty", path);
	return buf;
}

/* The line of text that starts with prefix, or NULL. */
static const char *find_line(const char *text, const char *prefix)
{
	size_t len = strlen(prefix);

	for (const char *line = text; line && *line;) {
		if (!strncmp(line, prefix, len))
			return line;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return NULL;
}

static const char *need_line(const char *path, const char *text,
			     const char *prefix)
{
	const char *line = find_line(text, prefix);

	if (!line)
		ut_fail("%s has no line starting \"%s\"", path, prefix);
	return line;
}

/* The value of a "Key:   123 kB" line of meminfo or status. */
static long kb_value(const char *path, const char *text, const char *key)
{
	const char *line = need_line(path, text, key);
	char unit[4] = "";
	long value;

	if (sscanf(line + strlen(key), " %ld %3s", &value, unit) != 2 ||
	    strcmp(unit, "kB"))
		ut_fail("%s line \"%.40s\" is not \"%s <n> kB\"", path, line,
			key);
	return value;
}

static void proc_meminfo(void)
{
	const char *text = slurp("/proc/meminfo");
	struct sysinfo si;
	long total, free_kb, avail;

	total = kb_value("/proc/meminfo", text, "MemTotal:");
	free_kb = kb_value("/proc/meminfo", text, "MemFree:");
	avail = kb_value("/proc/meminfo", text, "MemAvailable:");
	EXPECT(total > 0);
	EXPECT(free_kb > 0 && free_kb <= total);
	EXPECT(avail > 0 && avail <= total);
	EXPECT_OK("sysinfo", sysinfo(&si));
	EXPECT_EQ("MemTotal against sysinfo's totalram (kB)", total,
		  (long long)si.totalram * si.mem_unit / 1024);
	/* Every line is "Key: <n>" with an optional " kB". */
	for (const char *line = text; *line;) {
		char key[64];
		long v;

		if (sscanf(line, "%63[^:]: %ld", key, &v) != 2)
			ut_fail("meminfo line \"%.40s\" is not \"Key: value\"",
				line);
		line = strchr(line, '\n');
		if (!line)
			ut_fail("meminfo does not end in a newline");
		line++;
	}
}

/* "12.34 56.78\n": seconds since boot and idle, two decimals each. */
static void proc_uptime_loadavg(void)
{
	const char *text = slurp("/proc/uptime");
	unsigned long up_s, up_cs, idle_s, idle_cs, running, total;
	double la[3];
	double boot = ut_cputime_ns(CLOCK_BOOTTIME) / 1e9;
	char end;
	int pid;

	if (sscanf(text, "%lu.%2lu %lu.%2lu%c", &up_s, &up_cs, &idle_s,
		   &idle_cs, &end) != 5 || end != '\n' ||
	    text[strlen(text) - 4] != '.')
		ut_fail("/proc/uptime is \"%s\": expected \"N.NN N.NN\\n\"",
			text);
	if (up_s + up_cs / 100.0 < boot - 2 || up_s > boot + 2)
		ut_fail("/proc/uptime says %lu.%02lu s: CLOCK_BOOTTIME says "
			"%.2f s", up_s, up_cs, boot);
	text = slurp("/proc/loadavg");
	if (sscanf(text, "%lf %lf %lf %lu/%lu %d%c", &la[0], &la[1], &la[2],
		   &running, &total, &pid, &end) != 7 || end != '\n')
		ut_fail("/proc/loadavg is \"%s\": expected "
			"\"N.NN N.NN N.NN R/T PID\\n\"", text);
	EXPECT(la[0] >= 0 && la[1] >= 0 && la[2] >= 0);
	EXPECT(running >= 1 && running <= total);
	EXPECT(pid > 0);
}

static void proc_cpuinfo_version(void)
{
	const char *text = slurp("/proc/cpuinfo");
	struct utsname u;
	char want[200];

	need_line("/proc/cpuinfo", text, "processor\t: 0\n");
	need_line("/proc/cpuinfo", text, "vendor_id\t: ");
	need_line("/proc/cpuinfo", text, "model name\t: ");
	need_line("/proc/cpuinfo", text, "flags\t\t: ");
	text = slurp("/proc/version");
	EXPECT_OK("uname", uname(&u));
	snprintf(want, sizeof(want), "%s version %s ", u.sysname, u.release);
	if (strncmp(text, want, strlen(want)))
		ut_fail("/proc/version is \"%.60s\": expected it to start "
			"\"%s\"", text, want);
	text = slurp("/proc/cmdline");
	EXPECT_EQ("last byte of /proc/cmdline", text[strlen(text) - 1],
		  '\n');
}

static void proc_filesystems_mounts(void)
{
	const char *text = slurp("/proc/filesystems");
	char dev[256], dir[256], type[64], opts[256];
	int proc = 0, tmp = 0, devfs = 0, freq, pass;

	need_line("/proc/filesystems", text, "nodev\tproc\n");
	need_line("/proc/filesystems", text, "nodev\ttmpfs\n");
	need_line("/proc/filesystems", text, "nodev\tdevtmpfs\n");
	text = slurp("/proc/mounts");
	for (const char *line = text; *line;) {
		if (sscanf(line, "%255s %255s %63s %255s %d %d", dev, dir, type,
			   opts, &freq, &pass) != 6)
			ut_fail("/proc/mounts line \"%.60s\" is not "
				"\"dev dir type opts 0 0\"", line);
		EXPECT(!strncmp(opts, "rw", 2) || !strncmp(opts, "ro", 2));
		proc |= !strcmp(dir, "/proc") && !strcmp(type, "proc");
		tmp |= !strcmp(dir, "/tmp") && !strcmp(type, "tmpfs");
		devfs |= !strcmp(dir, "/dev") && !strcmp(type, "devtmpfs");
		line = strchr(line, '\n');
		if (!line)
			ut_fail("/proc/mounts does not end in a newline");
		line++;
	}
	EXPECT(proc);
	if (ut_under_init()) {
		EXPECT(tmp);
		EXPECT(devfs);
	}
}

static void proc_stat(void)
{
	const char *text = slurp("/proc/stat");
	unsigned long long v[4];
	long long btime;
	double expect;
	const char *line;

	if (sscanf(text, "cpu  %llu %llu %llu %llu", &v[0], &v[1], &v[2],
		   &v[3]) != 4)
		ut_fail("/proc/stat starts \"%.60s\": expected \"cpu  N N N "
			"N\"", text);
	need_line("/proc/stat", text, "cpu0 ");
	line = need_line("/proc/stat", text, "btime ");
	btime = atoll(line + 6);
	expect = time(NULL) - ut_cputime_ns(CLOCK_BOOTTIME) / 1e9;
	if (btime < expect - 10 || btime > expect + 10)
		ut_fail("/proc/stat btime is %lld: expected about %.0f",
			btime, expect);
	need_line("/proc/stat", text, "ctxt ");
	need_line("/proc/stat", text, "processes ");
}

static void proc_self_link(void)
{
	char buf[32], want[32];
	struct stat st;

	snprintf(want, sizeof(want), "%d", getpid());
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ("readlink(/proc/self)",
		  readlink("/proc/self", buf, sizeof(buf)), strlen(want));
	if (strcmp(buf, want))
		ut_fail("/proc/self points to \"%s\": expected \"%s\"", buf,
			want);
	EXPECT_OK("lstat(/proc/self)", lstat("/proc/self", &st));
	EXPECT(S_ISLNK(st.st_mode));
	EXPECT_OK("stat(/proc/self)", stat("/proc/self", &st));
	EXPECT(S_ISDIR(st.st_mode));
	EXPECT_EQ("owner of /proc/self", st.st_uid, geteuid());
	EXPECT_OK("stat(/proc/1)", stat("/proc/1", &st));
	EXPECT_ERRNO("stat(/proc/999999999)", stat("/proc/999999999", &st),
		     ENOENT);
}

/*
 * Our comm: the last part of the path execve was given (AT_EXECFN),
 * cut to 15 bytes. (Not PR_GET_NAME: this is about /proc, not prctl.)
 */
static const char *comm(void)
{
	static char name[16];
	const char *path = ut_self_path(), *slash = strrchr(path, '/');

	snprintf(name, sizeof(name), "%s", slash ? slash + 1 : path);
	return name;
}

static void proc_self_status(void)
{
	const char *text = slurp("/proc/self/status");
	char want[64];

	snprintf(want, sizeof(want), "Name:\t%s\n", comm());
	need_line("/proc/self/status", text, want);
	snprintf(want, sizeof(want), "Pid:\t%d\n", getpid());
	need_line("/proc/self/status", text, want);
	snprintf(want, sizeof(want), "PPid:\t%d\n", getppid());
	need_line("/proc/self/status", text, want);
	snprintf(want, sizeof(want), "Tgid:\t%d\n", getpid());
	need_line("/proc/self/status", text, want);
	need_line("/proc/self/status", text, "State:\tR (running)\n");
	snprintf(want, sizeof(want), "Uid:\t%d\t%d\t", getuid(), geteuid());
	need_line("/proc/self/status", text, want);
	need_line("/proc/self/status", text, "Threads:\t1\n");
	EXPECT(kb_value("/proc/self/status", text, "VmRSS:") > 0);
	EXPECT(kb_value("/proc/self/status", text, "VmSize:") > 0);
}

/* Fields of /proc/PID/stat: pid, comm, state, ppid... */
struct proc_stat {
	int pid, ppid, pgrp, session;
	char comm[32], state;
	long num_threads;
	int fields;
};

static void read_stat(const char *path, struct proc_stat *ps)
{
	const char *text = slurp(path), *rparen = strrchr(text, ')');

	if (sscanf(text, "%d (", &ps->pid) != 1 || !rparen ||
	    !strchr(text, '(') || rparen - strchr(text, '(') - 1 >= 32)
		ut_fail("%s is \"%.60s\": expected \"pid (comm) ...\"", path,
			text);
	snprintf(ps->comm, sizeof(ps->comm), "%.*s",
		 (int)(rparen - strchr(text, '(') - 1), strchr(text, '(') + 1);
	if (sscanf(rparen + 1, " %c %d %d %d %*d %*d %*u %*u %*u %*u %*u "
		   "%*u %*u %*d %*d %*d %*d %ld", &ps->state, &ps->ppid,
		   &ps->pgrp, &ps->session, &ps->num_threads) != 5)
		ut_fail("%s after the comm is \"%.60s\": expected numbers",
			path, rparen + 1);
	ps->fields = 2;
	for (const char *p = rparen + 1; *p && *p != '\n'; p++)
		ps->fields += (*p == ' ');
}

static void *park(void *arg)
{
	pause();
	return arg;
}

static void proc_self_stat(void)
{
	struct proc_stat ps;
	pthread_t t;

	read_stat("/proc/self/stat", &ps);
	EXPECT_EQ("pid in /proc/self/stat", ps.pid, getpid());
	if (strcmp(ps.comm, comm()))
		ut_fail("comm in /proc/self/stat is \"%s\": expected \"%s\"",
			ps.comm, comm());
	EXPECT_EQ("state in /proc/self/stat", ps.state, 'R');
	EXPECT_EQ("ppid in /proc/self/stat", ps.ppid, getppid());
	EXPECT_EQ("pgrp in /proc/self/stat", ps.pgrp, getpgrp());
	EXPECT_EQ("session in /proc/self/stat", ps.session, getsid(0));
	EXPECT_EQ("num_threads in /proc/self/stat", ps.num_threads, 1);
	EXPECT_EQ("fields in /proc/self/stat", ps.fields, STAT_FIELDS);
	EXPECT_EQ("pthread_create", pthread_create(&t, NULL, park, NULL), 0);
	read_stat("/proc/self/stat", &ps);
	EXPECT_EQ("num_threads with a second thread", ps.num_threads, 2);
}

/* What state a child is in, as its /proc/PID/stat says. */
static char child_state(pid_t pid)
{
	struct proc_stat ps;
	char path[32];

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	read_stat(path, &ps);
	EXPECT_EQ("pid in a child's stat", ps.pid, pid);
	EXPECT_EQ("ppid in a child's stat", ps.ppid, getpid());
	return ps.state;
}

static void proc_child_states(void)
{
	uint64_t deadline = ut_now_ns() + 2000000000ULL;
	siginfo_t si;
	pid_t pid = ut_fork();
	char path[32];

	if (pid == 0) {
		for (;;)
			pause();
	}
	while (child_state(pid) != 'S') {
		if (ut_now_ns() > deadline)
			ut_fail("child in pause() is in state '%c': "
				"expected 'S'", child_state(pid));
		ut_sleep_ms(5);
	}
	kill(pid, SIGSTOP);
	EXPECT_EQ("waitpid(WUNTRACED)", waitpid(pid, NULL, WUNTRACED), pid);
	EXPECT_EQ("state of a stopped child", child_state(pid), 'T');
	kill(pid, SIGKILL);
	EXPECT_OK("waitid(WNOWAIT)",
		  waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	EXPECT_EQ("state of a zombie", child_state(pid), 'Z');
	ut_wait(pid);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	EXPECT_ERRNO("open of a reaped child's stat", open(path, O_RDONLY),
		     ENOENT);
}

static void proc_self_statm(void)
{
	const char *text = slurp("/proc/self/statm");
	unsigned long v[7];
	char end;

	if (sscanf(text, "%lu %lu %lu %lu %lu %lu %lu%c", &v[0], &v[1],
		   &v[2], &v[3], &v[4], &v[5], &v[6], &end) != 8 ||
	    end != '\n')
		ut_fail("/proc/self/statm is \"%s\": expected 7 numbers",
			text);
	EXPECT(v[0] > 0);
	EXPECT(v[1] > 0 && v[1] <= v[0]);
}

/* cmdline and environ: the strings, each with its NUL. */
static void expect_strings(const char *path, char **want)
{
	char *buf = proc_buf();
	size_t n = ut_get(path, buf, PROC_BUF), off = 0;

	for (int i = 0; want[i]; i++) {
		size_t len = strlen(want[i]) + 1;

		if (off + len > n || memcmp(buf + off, want[i], len))
			ut_fail("%s at byte %zu is \"%.40s\": expected "
				"\"%s\" and a NUL", path, off,
				off < n ? buf + off : "", want[i]);
		off += len;
	}
	EXPECT_EQ("bytes in the file", n, off);
}

static void proc_self_cmdline_environ(void)
{
	expect_strings("/proc/self/cmdline", ut_argv);
	expect_strings("/proc/self/environ", ut_envp);
}

static void proc_self_comm(void)
{
	char buf[32], want[32];
	struct proc_stat ps;
	int fd;

	ut_get("/proc/self/comm", buf, sizeof(buf));
	snprintf(want, sizeof(want), "%s\n", comm());
	if (strcmp(buf, want))
		ut_fail("/proc/self/comm is \"%s\": expected \"%s\" and a "
			"newline", buf, comm());
	/* Writing it renames the process, cut to 15 bytes. */
	fd = ut_open("/proc/self/comm", O_WRONLY, 0);
	EXPECT_EQ("write to comm", write(fd, "ut-renamed-too-long", 19), 19);
	ut_get("/proc/self/comm", buf, sizeof(buf));
	if (strcmp(buf, "ut-renamed-too-\n"))
		ut_fail("/proc/self/comm after writing is \"%s\": expected "
			"\"ut-renamed-too-\" and a newline", buf);
	read_stat("/proc/self/stat", &ps);
	if (strcmp(ps.comm, "ut-renamed-too-"))
		ut_fail("comm in /proc/self/stat after writing comm is "
			"\"%s\"", ps.comm);
}

static void expect_link(const char *path, const char *want)
{
	char buf[256];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	if (n < 0)
		ut_fail("readlink %s failed: %s", path, ut_errname(errno));
	buf[n] = '\0';
	if (strcmp(buf, want))
		ut_fail("%s points to \"%s\": expected \"%s\"", path, buf,
			want);
}

static void proc_self_links(void)
{
	struct stat exe, self;
	char want[64];
	const char *scratch;

	/* (ut_self_path() may be relative to where we started.) */
	EXPECT_OK("stat of our own binary", stat(ut_self_path(), &self));
	scratch = ut_scratch();
	EXPECT_OK("stat(/proc/self/exe)", stat("/proc/self/exe", &exe));
	EXPECT(exe.st_ino == self.st_ino && exe.st_dev == self.st_dev);
	expect_link("/proc/self/cwd", scratch);
	expect_link("/proc/self/root", "/");
	EXPECT_OK("mkdir", mkdir("d", 0755));
	EXPECT_OK("chdir", chdir("d"));
	snprintf(want, sizeof(want), "%s/d", scratch);
	expect_link("/proc/self/cwd", want);
	/* The link leads to the directory itself. */
	ut_puts("f", "x");
	EXPECT_OK("stat(/proc/self/cwd/f)",
		  access("/proc/self/cwd/f", F_OK));
}

#define CLOSED_FD	60	/* a number opendir will not take */

/* Which of fds 'fd' and CLOSED_FD /proc/self/fd lists, as a bit mask. */
static int list_fds(int fd)
{
	struct dirent *de;
	DIR *dir = opendir("/proc/self/fd");
	int seen = 0;

	if (!dir)
		ut_fail("opendir(/proc/self/fd) failed: %s",
			ut_errname(errno));
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		EXPECT_EQ("d_type in /proc/self/fd", de->d_type, DT_LNK);
		seen |= (atoi(de->d_name) == fd) |
			(atoi(de->d_name) == CLOSED_FD) << 1;
	}
	closedir(dir);
	return seen;
}

static void proc_self_fd(void)
{
	char path[64], want[64], c;
	const char *scratch = ut_scratch();
	int fd, fds[2], again;
	struct stat st;

	ut_puts("f", "0123");
	fd = ut_open("f", O_RDONLY, 0);
	EXPECT_EQ("dup2", dup2(fd, CLOSED_FD), CLOSED_FD);
	close(CLOSED_FD);
	EXPECT_EQ("fds listed (1: the open one, 2: a closed one)",
		  list_fds(fd), 1);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	snprintf(want, sizeof(want), "%s/f", scratch);
	expect_link(path, want);
	/* Opening the link opens the file afresh, with its own offset. */
	EXPECT_EQ("lseek", lseek(fd, 2, SEEK_SET), 2);
	again = ut_open(path, O_RDONLY, 0);
	EXPECT_EQ("read through /proc/self/fd", read(again, &c, 1), 1);
	EXPECT_EQ("first byte through a reopened fd", c, '0');
	EXPECT_OK("pipe", pipe(fds));
	EXPECT_OK("fstat", fstat(fds[0], &st));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[0]);
	snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
	expect_link(path, want);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", CLOSED_FD);
	EXPECT_ERRNO("readlink of a closed fd", readlink(path, want, 8),
		     ENOENT);
}

static const char *need_map(const char *text, const char *what)
{
	const char *p = strstr(text, what);

	if (!p)
		ut_fail("/proc/self/maps has no \"%s\"", what);
	return p;
}

/* "start-end perms offset major:minor inode   path" per mapping. */
static void proc_self_maps(void)
{
	unsigned long cur = syscall(SYS_brk, 0);
	char want[80], exe[256];
	const char *text, *line;
	unsigned long lo, hi, off, ino;
	char perms[8];
	unsigned int maj, min;
	ssize_t n;
	void *p;

	EXPECT_EQ("brk(+8 KiB)", syscall(SYS_brk, cur + 8192), cur + 8192);
	*(volatile char *)cur = 1;
	p = mmap((void *)MAP_ADDR, PAGE_SIZE, PROT_READ,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	EXPECT_EQX("mmap(MAP_FIXED_NOREPLACE)", p, MAP_ADDR);
	text = slurp("/proc/self/maps");
	for (line = text; *line; line = strchr(line, '\n') + 1) {
		if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu", &lo, &hi, perms,
			   &off, &maj, &min, &ino) != 7 || lo >= hi ||
		    strlen(perms) != 4 || !strchr(line, '\n'))
			ut_fail("/proc/self/maps line \"%.70s\" is not "
				"\"lo-hi perm off dev ino path\"", line);
	}
	snprintf(want, sizeof(want), "%lx-%lx r--p 00000000 00:00 0 ",
		 MAP_ADDR, MAP_ADDR + PAGE_SIZE);
	need_map(text, want);
	need_map(text, " [stack]\n");
	need_map(text, " [heap]\n");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 2);
	EXPECT(n > 0);
	exe[n] = '\n';
	exe[n + 1] = '\0';
	need_map(text, exe);
}

static const struct ut_test tests[] = {
	UT_TEST(proc_meminfo),
	UT_TEST(proc_uptime_loadavg),
	UT_TEST(proc_cpuinfo_version),
	UT_TEST(proc_filesystems_mounts),
	UT_TEST(proc_stat),
	UT_TEST(proc_self_link),
	UT_TEST(proc_self_status),
	UT_TEST(proc_self_stat),
	UT_TEST(proc_child_states),
	UT_TEST(proc_self_statm),
	UT_TEST(proc_self_cmdline_environ),
	UT_TEST(proc_self_comm),
	UT_TEST(proc_self_links),
	UT_TEST(proc_self_fd),
	UT_TEST(proc_self_maps),
};

UT_SUITE(ut_procfs, "procfs", tests);
