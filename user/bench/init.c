/*
 * PID 1 duties of the benchmark, for when it boots as /init of the
 * initramfs that user/bench/mkcpio builds: mount the usual file systems,
 * make sure fds 0-2 reach the console, let Linux settle on its final
 * clocksource, and power off at the end. Everything here tolerates
 * failure: Ferrite answers -ENOSYS to much of it for now, and the figures
 * that need what failed skip themselves.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "init.h"

#define CLOCKSOURCE \
	"/sys/devices/system/clocksource/clocksource0/current_clocksource"
#define CLOCKSOURCE_WAIT_NS	(10 * NSEC_PER_SEC)
#define CLOCKSOURCE_POLL_NS	(20 * 1000 * 1000)

static const struct {
	const char *source, *target, *type;
} init_mounts[] = {
	{ "proc", "/proc", "proc" },
	{ "devtmpfs", "/dev", "devtmpfs" },
	{ "tmpfs", "/tmp", "tmpfs" },
	{ "sysfs", "/sys", "sysfs" },
};
#define NMOUNTS	(sizeof(init_mounts) / sizeof(init_mounts[0]))

/*
 * Linux opens /dev/console for /init only if the initramfs holds the
 * node, and ours has an empty /dev; once devtmpfs is mounted the node
 * exists. Ferrite hands PID 1 fds 0-2 on the console itself.
 */
static void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

/* Returns 1 when the file says "tsc", 0 when not yet, -1 if unreadable. */
static int clocksource_is_tsc(char *name, size_t size)
{
	int fd = open(CLOCKSOURCE, O_RDONLY);
	ssize_t len;

	if (fd < 0)
		return -1;
	len = read(fd, name, size - 1);
	close(fd);
	if (len <= 0)
		return -1;
	name[len] = '\0';
	name[strcspn(name, "\n")] = '\0';
	return !strcmp(name, "tsc");
}

/*
 * Linux starts on tsc-early and moves to tsc about 2 s into the boot
 * under plain TCG; a switch in the middle of a figure would skew it.
 */
static void wait_for_tsc(void)
{
	const struct timespec poll = { 0, CLOCKSOURCE_POLL_NS };
	uint64_t start = now_ns();
	char name[64];
	int tsc;

	while (!(tsc = clocksource_is_tsc(name, sizeof(name))) &&
	       now_ns() - start < CLOCKSOURCE_WAIT_NS)
		nanosleep(&poll, NULL);
	if (tsc > 0)
		printf("bench: clocksource tsc after %.2f s of waiting\n",
		       (now_ns() - start) / 1e9);
	else if (!tsc)
		printf("bench: clocksource still %s after %llu s\n", name,
		       CLOCKSOURCE_WAIT_NS / NSEC_PER_SEC);
}

void init_setup(void)
{
	int err[NMOUNTS];

	for (size_t i = 0; i < NMOUNTS; i++) {
		mkdir(init_mounts[i].target, 0755);
		err[i] = mount(init_mounts[i].source, init_mounts[i].target,
			       init_mounts[i].type, 0, NULL) < 0 ? errno : 0;
	}
	open_console();
	for (size_t i = 0; i < NMOUNTS; i++)
		if (err[i])
			printf("bench: mount %s: %s\n", init_mounts[i].target,
			       strerror(err[i]));
	wait_for_tsc();
}

/*
 * If power-off fails, exiting makes Linux panic, which with panic=-1 and
 * QEMU's -no-reboot ends the run too.
 */
void init_power_off(void)
{
	fflush(NULL);
	sync();
	reboot(RB_POWER_OFF);
	printf("bench: reboot: %s\n", strerror(errno));
	fflush(NULL);
	_exit(1);
}
