/*
 * input_probe: /init for tests/e2e/test_input.py, built there with
 * musl-gcc -static. Mounts devtmpfs on /dev, then by its argument:
 *
 *   mice  opens /dev/input/mice twice, checks the first client's command
 *         replies (ImPS/2 knock, get ID), O_NONBLOCK and poll, prints
 *         "READY", then prints each 4-byte packet of the first client as
 *         "pkt b=.. dx=.. dy=.. dz=.." until one moves the wheel, then the
 *         second (plain PS/2, 3-byte) client's packets as "pkt3 ...".
 *   cad   installs a SIGINT handler, prints "READY", and waits for the
 *         signal Ctrl+Alt+Del sends init: "sigint code=<si_code>".
 *   tty   opens /dev/tty1 raw, prints "READY", then the bytes typed, in
 *         hex on one "keys:" line, up to a 'q'; turns the console's
 *         application cursor keys on, prints "APPKEYS" and does it again.
 *         "notty: <error>" when there is no tty1.
 *
 * Every line goes to stdout (the serial console); it powers off at the
 * end. Failures print "FAIL: ..." and exit 1 (init dies: the kernel
 * panics and, with panic=-1, powers off too).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#define WAIT_MS		8000
#define PKT_MAX		64

static void fail(const char *what)
{
	printf("FAIL: %s: %s\n", what, strerror(errno));
	fflush(stdout);
	exit(1);
}

static void power_off(void)
{
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	exit(0);
}

/* Read exactly @n bytes, waiting at most WAIT_MS for each. */
static int read_n(int fd, unsigned char *buf, int n)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int got = 0;

	while (got < n) {
		if (poll(&p, 1, WAIT_MS) != 1)
			return got;
		ssize_t r = read(fd, buf + got, n - got);

		if (r <= 0)
			return got;
		got += r;
	}
	return got;
}

static void print_reply(const char *label, int fd, int n)
{
	unsigned char buf[16];
	int got = read_n(fd, buf, n);

	printf("%s:", label);
	for (int i = 0; i < got; i++)
		printf(" %02x", buf[i]);
	printf("\n");
}

static int decode(const unsigned char *p, int size, const char *label)
{
	int dx = p[1] - ((p[0] & 0x10) ? 256 : 0);
	int dy = p[2] - ((p[0] & 0x20) ? 256 : 0);
	int dz = size == 4 ? (signed char)p[3] : 0;

	printf("%s b=%d dx=%d dy=%d dz=%d bit3=%d\n", label, p[0] & 7, dx,
	       dy, dz, !!(p[0] & 8));
	fflush(stdout);
	return dz;
}

static void mice_setup(int fd, int fd2)
{
	static const unsigned char knock[] = {
		0xf3, 200, 0xf3, 100, 0xf3, 80, 0xf2 };
	unsigned char b;
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (read(fd, &b, 1) < 0 && errno == EAGAIN)
		printf("nonblock: EAGAIN\n");
	printf("poll empty: %d\n", poll(&p, 1, 0));
	if (write(fd, knock, sizeof(knock)) != sizeof(knock))
		fail("write knock");
	printf("poll replies: %d\n", poll(&p, 1, 0));
	if (fcntl(fd, F_SETFL, 0) < 0)
		fail("fcntl");
	print_reply("reply", fd, 8);
	b = 0xf2;
	if (write(fd2, &b, 1) != 1)
		fail("write id");
	print_reply("second", fd2, 2);
}

static void mice(void)
{
	unsigned char buf[PKT_MAX];
	int fd = open("/dev/input/mice", O_RDWR | O_NONBLOCK);
	int fd2 = open("/dev/input/mice", O_RDWR);

	if (fd < 0 || fd2 < 0)
		fail("open /dev/input/mice");
	mice_setup(fd, fd2);
	printf("READY\n");
	fflush(stdout);
	for (;;) {
		/* a blocking read; it returns whole packets */
		ssize_t n = read(fd, buf, sizeof(buf));
		int wheel = 0;

		if (n <= 0 || n % 4)
			fail("read packets");

		for (ssize_t i = 0; i < n; i += 4)
			wheel |= decode(buf + i, 4, "pkt");
		if (wheel)
			break;
	}
	/* The second client got the same movements, 3 bytes each; a
	 * buffer smaller than a packet gets it in pieces. */
	if (read(fd2, buf, 1) != 1 || read(fd2, buf + 1, 2) != 2)
		fail("read a packet in pieces");
	decode(buf, 3, "pkt3");
	for (;;) {
		struct pollfd p = { .fd = fd2, .events = POLLIN };

		if (poll(&p, 1, 0) != 1)
			break;
		if (read(fd2, buf, 4) != 3)
			fail("read 3-byte packet");
		decode(buf, 3, "pkt3");
	}
	printf("DONE\n");
}

static volatile sig_atomic_t sigint_code = -1;

static void on_sigint(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	sigint_code = si->si_code;
}

static void cad(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigint,
				.sa_flags = SA_SIGINFO };

	if (sigaction(SIGINT, &sa, NULL) < 0)
		fail("sigaction");
	printf("READY\n");
	fflush(stdout);
	for (int i = 0; i < WAIT_MS / 10 && sigint_code < 0; i++)
		usleep(10000);
	if (sigint_code < 0)
		printf("no SIGINT\n");
	else
		printf("sigint code=%d\n", sigint_code);
}

/* Print "<label>:" and the bytes read from @fd up to a 'q', in hex. */
static void read_keys(int fd, const char *label)
{
	unsigned char buf[256];
	int n = 0;

	printf("%s\n", label);
	fflush(stdout);
	while (n < (int)sizeof(buf) && (n == 0 || buf[n - 1] != 'q')) {
		if (read_n(fd, buf + n, 1) != 1)
			break;
		n++;
	}
	printf("keys:");
	for (int i = 0; i < n; i++)
		printf(" %02x", buf[i]);
	printf("\n");
	fflush(stdout);
}

static void tty(void)
{
	static const char decckm_on[] = "\033[?1h";
	struct termios t;
	int fd = open("/dev/tty1", O_RDWR | O_NOCTTY);

	if (fd < 0) {
		printf("notty: %s\n", strerror(errno));
		return;
	}
	if (tcgetattr(fd, &t) < 0)
		fail("tcgetattr");
	cfmakeraw(&t);
	if (tcsetattr(fd, TCSANOW, &t) < 0)
		fail("tcsetattr");
	read_keys(fd, "READY");
	/* application cursor keys: the arrows change, nothing else */
	if (write(fd, decckm_on, sizeof(decckm_on) - 1) < 0)
		fail("write tty1");
	read_keys(fd, "APPKEYS");
}

int main(int argc, char **argv)
{
	if (mkdir("/dev", 0755) < 0 && errno != EEXIST)
		fail("mkdir /dev");
	if (mount("none", "/dev", "devtmpfs", 0, NULL) < 0)
		fail("mount devtmpfs");
	if (argc > 1 && !strcmp(argv[1], "mice"))
		mice();
	else if (argc > 1 && !strcmp(argv[1], "cad"))
		cad();
	else if (argc > 1 && !strcmp(argv[1], "tty"))
		tty();
	else
		printf("FAIL: usage: input_probe mice|cad|tty\n");
	power_off();
	return 0;
}
