/*
 * usertests: what a process can ask about itself and the system:
 * credentials, process groups and sessions, uname, resource usage and
 * limits, getrandom and sysinfo.
 */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>

#include "ut.h"

#define NOBODY	1000
#define CAP_SETUID		7
#define CAP_SYS_RESOURCE	24

/*
 * Root normally holds every capability; a container may take some away.
 * A kernel without capget (Ferrite) is taken at root's word.
 */
static int have_cap(int cap)
{
	struct { uint32_t version; int pid; } head = { 0x20080522, 0 };
	struct { uint32_t effective, permitted, inheritable; } data[2];

	if (syscall(SYS_capget, &head, data) == 0)
		return !!(data[cap / 32].effective & (1U << (cap % 32)));
	return geteuid() == 0;
}

static void ids_match_auxv(void)
{
	uid_t r, e, s;

	EXPECT_EQ("getuid", getuid(), getauxval(AT_UID));
	EXPECT_EQ("geteuid", geteuid(), getauxval(AT_EUID));
	EXPECT_EQ("getgid", getgid(), getauxval(AT_GID));
	EXPECT_EQ("getegid", getegid(), getauxval(AT_EGID));
	EXPECT_EQ("getresuid", getresuid(&r, &e, &s), 0);
	EXPECT_EQ("real uid", r, getuid());
	EXPECT_EQ("saved uid", s, geteuid());
	if (getuid() != 0)
		return;
	EXPECT_EQ("setuid(0) as root", setuid(0), 0);
	EXPECT_EQ("setgid(0) as root", setgid(0), 0);
	EXPECT_EQ("geteuid after setuid(0)", geteuid(), 0);
	EXPECT_EQ("getegid after setgid(0)", getegid(), 0);
}

static int drop_root(void)
{
	struct rlimit rl;

	if (setgid(NOBODY) || setuid(NOBODY))
		return 10;
	if (getuid() != NOBODY || geteuid() != NOBODY || getgid() != NOBODY)
		return 11;
	/* All three uids changed: there is no way back. */
	if (setuid(0) != -1 || errno != EPERM)
		return 12;
	if (kill(getppid(), 0) != -1 || errno != EPERM)
		return 13;
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_max = rl.rlim_cur;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		return 14;
	rl.rlim_max++;
	if (setrlimit(RLIMIT_NOFILE, &rl) != -1 || errno != EPERM)
		return 15;
	return 0;
}

static void setuid_drop_root(void)
{
	pid_t pid;

	if (getuid() != 0 || !have_cap(CAP_SETUID))
		ut_skip("not root");
	pid = ut_fork();
	if (pid == 0)
		_exit(drop_root());
	ut_expect_exit(pid, 0, "child dropping root (10 setuid failed, 11 ids, "
		       "12 regained root, 13 kill allowed, 14/15 rlimit)");
}

static int pgid_child(pid_t parent_pgid)
{
	if (getpgid(0) != parent_pgid || getpgrp() != parent_pgid)
		return 10;
	if (setpgid(0, 0) || getpgid(0) != getpid() || getpgrp() != getpid())
		return 11;
	if (setpgid(0, -1) != -1 || errno != EINVAL)
		return 12;
	if (getpgid(getppid()) != parent_pgid)
		return 13;
	return 0;
}

static void setpgid_getpgid(void)
{
	pid_t pgid = getpgid(0), pid;

	/* The runner put each test in a group of its own. */
	EXPECT_EQ("getpgid(0) of a test", pgid, getpid());
	EXPECT_ERRNO("getpgid(no such process)", getpgid(0x3fffffff), ESRCH);
	EXPECT_ERRNO("setpgid(no such process)", setpgid(0x3fffffff, 0),
		     ESRCH);
	pid = ut_fork();
	if (pid == 0)
		_exit(pgid_child(pgid));
	ut_expect_exit(pid, 0, "child (10 inherited group, 11 setpgid, "
		       "12 EINVAL, 13 parent's group)");
}

static int sid_child(void)
{
	pid_t old = getsid(0);

	if (old < 0 || getsid(getppid()) != old)
		return 10;
	if (setsid() != getpid())
		return 11;
	if (getsid(0) != getpid() || getpgid(0) != getpid())
		return 12;
	if (setsid() != -1 || errno != EPERM)
		return 13;
	return 0;
}

static void setsid_getsid(void)
{
	pid_t pid;

	/* A group leader cannot start a session. */
	EXPECT_ERRNO("setsid() in a group leader", setsid(), EPERM);
	EXPECT_ERRNO("getsid(no such process)", getsid(0x3fffffff), ESRCH);
	pid = ut_fork();
	if (pid == 0)
		_exit(sid_child());
	ut_expect_exit(pid, 0, "child (10 inherited session, 11 setsid, "
		       "12 new ids, 13 second setsid)");
}

static void expect_field(const char *name, const char *field)
{
	if (!memchr(field, 0, sizeof(((struct utsname *)0)->sysname)))
		ut_fail("uname %s is not NUL-terminated", name);
	if (!field[0] && strcmp(name, "domainname"))
		ut_fail("uname %s is empty", name);
}

static void uname_fields(void)
{
	struct utsname u;

	memset(&u, 0xff, sizeof(u));
	EXPECT_EQ("uname", uname(&u), 0);
	expect_field("sysname", u.sysname);
	expect_field("nodename", u.nodename);
	expect_field("release", u.release);
	expect_field("version", u.version);
	expect_field("machine", u.machine);
	expect_field("domainname", u.domainname);
	if (strcmp(u.machine, "x86_64"))
		ut_fail("uname machine is \"%s\": expected \"x86_64\"",
			u.machine);
	EXPECT_ERRNO("uname(bad pointer)", syscall(SYS_uname, 8), EFAULT);
}

/* Calls a kernel does not have fail with ENOSYS, and nothing else. */
static void unknown_syscall(void)
{
	EXPECT_ERRNO("syscall(1000)", syscall(1000, 0, 0, 0), ENOSYS);
	EXPECT_ERRNO("syscall(-1)", syscall(-1L, 0, 0, 0), ENOSYS);
	EXPECT_EQ("sched_yield", syscall(SYS_sched_yield), 0);
}

static long tv_us(struct timeval tv)
{
	return tv.tv_sec * 1000000L + tv.tv_usec;
}

static void getrusage_times(void)
{
	struct rusage ru;
	pid_t pid;
	long us;

	/* 2 MiB touched shows in ru_maxrss above the kernel's slack in
	 * counting (per-CPU batches of pages). */
	memset(ut_map(2 << 20, PROT_READ | PROT_WRITE), 1, 2 << 20);
	ut_burn_cpu_ms(40);
	EXPECT_EQ("getrusage(RUSAGE_SELF)", getrusage(RUSAGE_SELF, &ru), 0);
	us = tv_us(ru.ru_utime) + tv_us(ru.ru_stime);
	if (us < 30000)
		ut_fail("RUSAGE_SELF after 40 ms of CPU says %ld us", us);
	if (ru.ru_maxrss < 1024)
		ut_fail("ru_maxrss after touching 2 MiB is %ld KiB",
			ru.ru_maxrss);
	EXPECT_EQ("getrusage(RUSAGE_THREAD)", getrusage(RUSAGE_THREAD, &ru),
		  0);
	pid = ut_fork();
	if (pid == 0) {
		ut_burn_cpu_ms(40);
		_exit(0);
	}
	ut_wait(pid);
	EXPECT_EQ("getrusage(RUSAGE_CHILDREN)",
		  getrusage(RUSAGE_CHILDREN, &ru), 0);
	us = tv_us(ru.ru_utime) + tv_us(ru.ru_stime);
	if (us < 30000)
		ut_fail("RUSAGE_CHILDREN after a 40 ms child says %ld us", us);
	EXPECT_ERRNO("getrusage(5)", getrusage(5, &ru), EINVAL);
	EXPECT_ERRNO("getrusage(bad pointer)",
		     syscall(SYS_getrusage, RUSAGE_SELF, 8), EFAULT);
}

static void times_ticks(void)
{
	long hz = sysconf(_SC_CLK_TCK);
	struct tms t;
	clock_t c0, c1;
	pid_t pid;

	EXPECT_EQ("sysconf(_SC_CLK_TCK)", hz, 100);
	c0 = times(&t);
	ut_burn_cpu_ms(50);
	pid = ut_fork();
	if (pid == 0) {
		ut_burn_cpu_ms(50);
		_exit(0);
	}
	ut_wait(pid);
	ut_sleep_ms(50);
	c1 = times(&t);
	/* Differences only: the start of the count is the kernel's. */
	if ((unsigned long)(c1 - c0) < 10)
		ut_fail("times() moved by %ld ticks in 150 ms: expected >= 10",
			(long)(c1 - c0));
	if (t.tms_utime + t.tms_stime < 4)
		ut_fail("tms_utime + tms_stime after 50 ms of CPU: %ld ticks",
			(long)(t.tms_utime + t.tms_stime));
	if (t.tms_cutime + t.tms_cstime < 4)
		ut_fail("tms_cutime + tms_cstime after a 50 ms child: "
			"%ld ticks", (long)(t.tms_cutime + t.tms_cstime));
	EXPECT_ERRNO("times(bad pointer)", syscall(SYS_times, 8), EFAULT);
}

static void rlimit_get_set(void)
{
	struct rlimit rl, old, now;

	EXPECT_EQ("getrlimit(RLIMIT_NOFILE)", getrlimit(RLIMIT_NOFILE, &old),
		  0);
	EXPECT(old.rlim_cur <= old.rlim_max);
	EXPECT(old.rlim_cur >= 64);
	rl.rlim_cur = 32;
	rl.rlim_max = old.rlim_max;
	EXPECT_EQ("setrlimit(soft 32)", setrlimit(RLIMIT_NOFILE, &rl), 0);
	EXPECT_EQ("getrlimit", getrlimit(RLIMIT_NOFILE, &now), 0);
	EXPECT_EQ("soft limit after setrlimit", now.rlim_cur, 32);
	EXPECT_EQ("hard limit after setrlimit", now.rlim_max, old.rlim_max);
	rl.rlim_cur = 64;
	EXPECT_EQ("prlimit64(0, set soft 64, get old)",
		  syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &rl, &now), 0);
	EXPECT_EQ("old soft limit from prlimit64", now.rlim_cur, 32);
	EXPECT_EQ("prlimit64(getpid(), get)",
		  syscall(SYS_prlimit64, getpid(), RLIMIT_NOFILE, NULL, &now),
		  0);
	EXPECT_EQ("soft limit from prlimit64", now.rlim_cur, 64);
	rl.rlim_cur = 16;
	rl.rlim_max = 8;
	EXPECT_ERRNO("setrlimit(soft > hard)", setrlimit(RLIMIT_NOFILE, &rl),
		     EINVAL);
	EXPECT_ERRNO("prlimit64(resource 100)",
		     syscall(SYS_prlimit64, 0, 100, NULL, &now), EINVAL);
	EXPECT_ERRNO("prlimit64(no such process)",
		     syscall(SYS_prlimit64, 0x3fffffff, RLIMIT_NOFILE, NULL,
			     &now), ESRCH);
	EXPECT_ERRNO("prlimit64(bad pointer)",
		     syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, 8), EFAULT);
}

/* Root (CAP_SYS_RESOURCE) may raise a hard limit again. */
static void rlimit_root_raises_hard(void)
{
	struct rlimit old, rl;

	if (!have_cap(CAP_SYS_RESOURCE))
		ut_skip("no CAP_SYS_RESOURCE");
	EXPECT_EQ("getrlimit(RLIMIT_CPU)", getrlimit(RLIMIT_CPU, &old), 0);
	rl.rlim_cur = rl.rlim_max = 1000;
	EXPECT_EQ("setrlimit(RLIMIT_CPU, 1000 s)", setrlimit(RLIMIT_CPU, &rl),
		  0);
	EXPECT_EQ("setrlimit(RLIMIT_CPU, back up)",
		  setrlimit(RLIMIT_CPU, &old), 0);
	EXPECT_EQ("getrlimit(RLIMIT_CPU)", getrlimit(RLIMIT_CPU, &rl), 0);
	EXPECT_EQ("hard RLIMIT_CPU raised back", rl.rlim_max, old.rlim_max);
}

static void getrandom_bytes(void)
{
	unsigned char a[32], b[32];

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	EXPECT_EQ("getrandom(32, 0)", getrandom(a, sizeof(a), 0), 32);
	/* Blocking once made sure the pool is ready: now it must not wait. */
	EXPECT_EQ("getrandom(32, GRND_NONBLOCK)",
		  getrandom(b, sizeof(b), GRND_NONBLOCK), 32);
	if (!memcmp(a, b, sizeof(a)))
		ut_fail("two getrandom calls gave the same 32 bytes");
	EXPECT_EQ("getrandom(0 bytes)", getrandom(a, 0, 0), 0);
	EXPECT_ERRNO("getrandom(flags 0x100)", getrandom(a, 8, 0x100),
		     EINVAL);
	EXPECT_ERRNO("getrandom(bad pointer)",
		     syscall(SYS_getrandom, 8, 16, 0), EFAULT);
}

static void sysinfo_fields(void)
{
	struct sysinfo si;

	memset(&si, 0, sizeof(si));
	EXPECT_EQ("sysinfo", sysinfo(&si), 0);
	EXPECT(si.uptime > 0);
	EXPECT(si.mem_unit >= 1);
	if ((unsigned long long)si.totalram * si.mem_unit < (16ULL << 20))
		ut_fail("sysinfo totalram %lu x %u: under 16 MiB",
			si.totalram, si.mem_unit);
	EXPECT(si.freeram > 0);
	EXPECT(si.freeram <= si.totalram);
	EXPECT(si.procs >= 2);
	EXPECT_ERRNO("sysinfo(bad pointer)", syscall(SYS_sysinfo, 8), EFAULT);
}

static const struct ut_test tests[] = {
	UT_TEST(ids_match_auxv),
	UT_TEST(setuid_drop_root),
	UT_TEST(setpgid_getpgid),
	UT_TEST(setsid_getsid),
	UT_TEST(uname_fields),
	UT_TEST(unknown_syscall),
	UT_TEST(getrusage_times),
	UT_TEST(times_ticks),
	UT_TEST(rlimit_get_set),
	UT_TEST(rlimit_root_raises_hard),
	UT_TEST(getrandom_bytes),
	UT_TEST(sysinfo_fields),
};

UT_SUITE(ut_system, "system", tests);
