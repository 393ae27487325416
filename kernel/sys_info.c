/*
 * System calls about the system and the process's limits: uname,
 * sysinfo, getrandom, reboot, the user and group ids (root only until
 * users arrive), resource limits, getrusage, times and sched_yield.
 */
#include <arch.h>
#include <console.h>
#include <errno.h>
#include <meminfo.h>
#include <panic.h>
#include <printk.h>
#include <process.h>
#include <random.h>
#include <sched.h>
#include <syscall.h>
#include <time.h>
#include <uaccess.h>
#include <version.h>
#include <lib/string.h>
#include "process_internal.h"

/*
 * The release names the Linux ABI Ferrite follows: C libraries compare
 * it with the oldest kernel they support (glibc refuses to start on a
 * "kernel too old").
 */
#define UTS_RELEASE	"6.1.0-ferrite-" FERRITE_VERSION

struct utsname_k {
	char sysname[65], nodename[65], release[65], version[65],
	     machine[65], domainname[65];
};

/* Lock legend: hostname and domainname under uts_lock. */
static DEFINE_SPINLOCK(uts_lock);
static char hostname[65] = "ferrite";
static char domainname[65] = "(none)";
const char uts_release[] = UTS_RELEASE;	/* /proc/version too */

SYSCALL_DEFINE1(uname, struct utsname_k *, ubuf)
{
	struct utsname_k u;
	unsigned long flags;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Ferrite", sizeof(u.sysname));
	flags = spin_lock_irqsave(&uts_lock);
	strlcpy(u.nodename, hostname, sizeof(u.nodename));
	strlcpy(u.domainname, domainname, sizeof(u.domainname));
	spin_unlock_irqrestore(&uts_lock, flags);
	strlcpy(u.release, UTS_RELEASE, sizeof(u.release));
	strlcpy(u.version, "#1 " FERRITE_BUILD, sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	return copy_to_user(ubuf, &u, sizeof(u)) ? -EFAULT : 0;
}

/* sethostname, setdomainname: root only; at most 64 bytes, no NUL
 * needed (Linux's rules). */
static long set_uts_name(char *dst, const char *uname, int len)
{
	char buf[65];
	unsigned long flags;

	if (!cred_is_root(&current->proc->cred))
		return -EPERM;
	if (len < 0 || len > 64)
		return -EINVAL;
	if (copy_from_user(buf, uname, len))
		return -EFAULT;
	buf[len] = 0;
	flags = spin_lock_irqsave(&uts_lock);
	memcpy(dst, buf, len + 1);
	spin_unlock_irqrestore(&uts_lock, flags);
	return 0;
}

SYSCALL_DEFINE2(sethostname, const char *, uname, int, len)
{
	return set_uts_name(hostname, uname, len);
}

SYSCALL_DEFINE2(setdomainname, const char *, uname, int, len)
{
	return set_uts_name(domainname, uname, len);
}

struct sysinfo_k {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap,
		      freeswap;
	uint16_t procs, pad;
	unsigned long totalhigh, freehigh;
	uint32_t mem_unit;
	char _f[0];
};

SYSCALL_DEFINE1(sysinfo, struct sysinfo_k *, uinfo)
{
	struct sysinfo_k si;
	struct meminfo mi;
	unsigned long avg[3];

	memset(&si, 0, sizeof(si));
	meminfo_get(&mi);
	sched_loadavg(avg);
	si.uptime = ktime_get_ns() / NSEC_PER_SEC;
	/* Linux's fixed point for loads is 16 bits; ours is LOAD_FSHIFT. */
	for (int i = 0; i < 3; i++)
		si.loads[i] = avg[i] << (16 - LOAD_FSHIFT);
	si.totalram = mi.mem_total;
	si.freeram = mi.mem_free;
	si.bufferram = mi.buffers;
	si.procs = nr_tasks();
	si.mem_unit = 1;
	return copy_to_user(uinfo, &si, sizeof(si)) ? -EFAULT : 0;
}

#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004
#define GETRANDOM_CHUNK	256

long random_to_user(char *ubuf, size_t len, bool interruptible)
{
	uint8_t buf[GETRANDOM_CHUNK];
	size_t done = 0;

	while (done < len) {
		size_t n = MIN(len - done, sizeof(buf));

		get_random_bytes(buf, n);
		if (copy_to_user(ubuf + done, buf, n)) {
			memzero_explicit(buf, sizeof(buf));
			return done ? (long)done : -EFAULT;
		}
		done += n;
		if (interruptible && done < len && signal_pending_current())
			break;
	}
	memzero_explicit(buf, sizeof(buf));
	return done;
}

SYSCALL_DEFINE3(getrandom, char *, ubuf, size_t, len, unsigned int, flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	if (len > 0x1ffffff)
		len = 0x1ffffff;	/* Linux caps a call at 32 MiB - 1 */
	return random_to_user(ubuf, len, true);
}

#define REBOOT_MAGIC1		0xfee1dead
#define REBOOT_MAGIC2		672274793
#define REBOOT_MAGIC2A		85072278
#define REBOOT_MAGIC2B		369367448
#define REBOOT_MAGIC2C		537993216
#define CMD_RESTART		0x01234567
#define CMD_HALT		0xcdef0123
#define CMD_CAD_ON		0x89abcdef
#define CMD_CAD_OFF		0x00000000
#define CMD_POWER_OFF		0x4321fedc

SYSCALL_DEFINE4(reboot, unsigned int, magic1, unsigned int, magic2,
		unsigned int, cmd, void *, arg)
{
	if (magic1 != REBOOT_MAGIC1 ||
	    (magic2 != REBOOT_MAGIC2 && magic2 != REBOOT_MAGIC2A &&
	     magic2 != REBOOT_MAGIC2B && magic2 != REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case CMD_POWER_OFF:
		pr_notice("reboot: power off requested by pid %d (%s)\n",
			  current_pid(), current->proc->comm);
		machine_power_off();
	case CMD_RESTART:
		pr_notice("reboot: restart requested by pid %d (%s)\n",
			  current_pid(), current->proc->comm);
		machine_restart();
	case CMD_HALT:
		pr_notice("reboot: system halted by pid %d (%s)\n",
			  current_pid(), current->proc->comm);
		console_flush();
		arch_halt_forever();
	case CMD_CAD_ON:
	case CMD_CAD_OFF:
		return 0;	/* no Ctrl-Alt-Del handling to switch */
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE0(sched_yield)
{
	sched_yield();
	return 0;
}

#define PR_SET_NAME	15
#define PR_GET_NAME	16
#define TASK_COMM_LEN	16

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	char name[TASK_COMM_LEN];
	long n;

	switch (option) {
	case PR_SET_NAME:
		n = strncpy_from_user(name, (const char *)arg2, sizeof(name));
		if (n == -EFAULT)
			return -EFAULT;
		name[sizeof(name) - 1] = '\0';	/* a longer name is cut */
		strlcpy(current->proc->comm, name, sizeof(name));
		strlcpy(current->name, name, sizeof(current->name));
		return 0;
	case PR_GET_NAME:
		strlcpy(name, current->proc->comm, sizeof(name));
		return copy_to_user((void *)arg2, name, sizeof(name)) ?
		       -EFAULT : 0;
	default:
		return -EINVAL;
	}
}
