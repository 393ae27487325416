/*
 * The machine as init finds it: the file systems it mounts (proc on
 * /proc, devtmpfs on /dev, a tmpfs on /tmp), file descriptors 0, 1 and
 * 2 on /dev/console, the hostname from /etc/hostname. Also init's log:
 * one line a message, "init: " first, on the console (fd 2).
 */
#include "init.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HOSTNAME_PATH	"/etc/hostname"
#define HOSTNAME_MAX	64

void init_log(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	memcpy(buf, "init: ", 6);
	va_start(ap, fmt);
	n = vsnprintf(buf + 6, sizeof(buf) - 7, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n += 6;
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	buf[n++] = '\n';
	while (write(2, buf, n) < 0 && errno == EINTR)
		;
}

int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* True when something is mounted on @dir already: it lives on another
 * device than the root. */
static int is_mounted(const char *dir)
{
	struct stat d, root;

	return stat(dir, &d) == 0 && stat("/", &root) == 0 &&
	       d.st_dev != root.st_dev;
}

static void mount_one(const char *type, const char *dir, mode_t mode,
		      unsigned long flags)
{
	if (mkdir(dir, mode) < 0 && errno != EEXIST)
		init_log("mkdir %s: %s", dir, strerror(errno));
	if (is_mounted(dir))
		return;
	if (mount(type, dir, type, flags, NULL) < 0) {
		if (errno != EBUSY)
			init_log("mount %s on %s: %s", type, dir,
				 strerror(errno));
		return;
	}
	/* tmpfs starts at 0755 on some kernels; /tmp is everyone's. */
	if (mode & S_ISVTX)
		chmod(dir, mode);
}

/* fds 0, 1 and 2 on /dev/console, not as init's controlling terminal. */
static void console_setup(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);

	if (fd < 0) {
		/* Nothing to say it on but what the kernel gave us. */
		init_log("/dev/console: %s", strerror(errno));
		return;
	}
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

static void hostname_setup(void)
{
	char name[HOSTNAME_MAX + 2];
	int fd = open(HOSTNAME_PATH, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	size_t len;

	if (fd < 0)
		return;
	n = read(fd, name, sizeof(name) - 1);
	close(fd);
	if (n <= 0)
		return;
	name[n] = '\0';
	len = strcspn(name, " \t\r\n");
	if (len == 0 || len > HOSTNAME_MAX) {
		init_log("%s: no usable name in it", HOSTNAME_PATH);
		return;
	}
	if (sethostname(name, len) < 0)
		init_log("sethostname: %s", strerror(errno));
}

void system_setup(void)
{
	umask(022);
	if (chdir("/") < 0)
		init_log("chdir /: %s", strerror(errno));
	mount_one("devtmpfs", "/dev", 0755, MS_NOSUID);
	console_setup();
	mount_one("proc", "/proc", 0555, MS_NOSUID | MS_NODEV | MS_NOEXEC);
	mount_one("tmpfs", "/tmp", 01777, MS_NOSUID | MS_NODEV);
	hostname_setup();
	/* A session of its own, so no terminal ever becomes init's. */
	setsid();
}
