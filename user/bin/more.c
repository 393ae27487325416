/*
 * more: a pager. On a terminal it shows a screenful, then a --More--
 * prompt and waits for a key read from /dev/tty in non-canonical mode
 * (space: next page, Enter: next line, d: half a page, q: quit),
 * restoring the terminal on exit and on signals. When stdout is not a
 * terminal it copies its input like cat.
 */
#include "textutil.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

static const char usage[] =
	"usage: more [FILE...]\n"
	"Show FILEs (or stdin) a screenful at a time. At the --More-- "
	"prompt:\n"
	"  space  next page     Enter, j  next line     d  half a page\n"
	"  q      quit\n"
	"When stdout is not a terminal, copy the FILEs to it.\n";

#define DEFAULT_ROWS	24
#define DEFAULT_COLS	80
#define TAB_WIDTH	8

static int tty_fd = -1;
static struct termios saved;
static int rows = DEFAULT_ROWS, cols = DEFAULT_COLS;

static void restore_tty(void)
{
	if (tty_fd >= 0)
		tcsetattr(tty_fd, TCSADRAIN, &saved);
}

static void on_signal(int sig)
{
	restore_tty();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Keys from /dev/tty, one at a time and unechoed. */
static int setup_tty(void)
{
	struct termios t;
	struct winsize ws;
	static const int sigs[] = { SIGINT, SIGTERM, SIGQUIT, SIGHUP };

	tty_fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (tty_fd < 0 || tcgetattr(tty_fd, &saved)) {
		if (tty_fd >= 0)
			close(tty_fd);
		tty_fd = -1;
		return -1;
	}
	if (!ioctl(1, TIOCGWINSZ, &ws) && ws.ws_row > 1 && ws.ws_col > 0) {
		rows = ws.ws_row;
		cols = ws.ws_col;
	}
	for (size_t i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		signal(sigs[i], on_signal);
	atexit(restore_tty);
	t = saved;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(tty_fd, TCSADRAIN, &t))
		die("/dev/tty:");
	return 0;
}

/* How many screen rows a line of @len bytes takes. */
static int screen_rows(const char *s, size_t len)
{
	size_t col = 0;
	int n = 1;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];

		if ((c & 0xc0) == 0x80)
			continue;	/* inside a UTF-8 character */
		col = c == '\t' ? (col / TAB_WIDTH + 1) * TAB_WIDTH : col + 1;
		if (col > (size_t)cols) {
			n++;
			col = c == '\t' ? 0 : 1;
		}
	}
	return n;
}

/* Prompt and wait; returns the rows to show next, 0 to quit. */
static int prompt(long long pos, long long size)
{
	char c;
	ssize_t n;

	if (size > 0)
		printf("\033[7m--More--(%lld%%)\033[m", pos * 100 / size);
	else
		printf("\033[7m--More--\033[m");
	fflush(stdout);
	for (;;) {
		n = read(tty_fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			c = 'q';
		if (c == ' ' || c == 'f' || c == '\n' || c == '\r' ||
		    c == 'j' || c == 'd' || c == 'q' || c == 'Q')
			break;
	}
	printf("\r\033[K");
	switch (c) {
	case ' ':
	case 'f': return rows - 1;
	case 'd': return rows / 2 > 0 ? rows / 2 : 1;
	case 'q':
	case 'Q': return 0;
	default: return 1;
	}
}

static int left;		/* rows to show before the next prompt */

/* Page one stream; 0 when the user quits. */
static int page(FILE *f)
{
	struct stat st;
	long long size = -1, pos = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!fstat(fileno(f), &st) && S_ISREG(st.st_mode))
		size = st.st_size;
	while ((len = getline(&line, &cap, f)) >= 0) {
		int need = screen_rows(line, len && line[len - 1] == '\n' ?
				       len - 1 : len);

		if (left <= 0 && !(left = prompt(pos, size))) {
			free(line);
			return 0;
		}
		fwrite(line, 1, len, stdout);
		if (len && line[len - 1] != '\n')
			putchar('\n');
		pos += len;
		left -= need;
	}
	free(line);
	return 1;
}

static void copy(FILE *f)
{
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, stdout);
}

int main(int argc, char **argv)
{
	int paging, ret = 0, n;
	FILE *f;

	util_init(argc, argv, usage, 0);
	if (argc > 1 && !strcmp(argv[1], "--"))
		argv++, argc--;
	else if (argc > 1 && argv[1][0] == '-' && argv[1][1])
		usage_error("invalid option -- '%c'", argv[1][1]);
	paging = isatty(1) && !setup_tty();
	if (paging && argc < 2 && isatty(0))
		usage_error("no input: give a FILE or a pipe");
	left = rows - 1;
	n = argc > 1 ? argc - 1 : 1;
	for (int i = 0; i < n; i++) {
		const char *name = argc > 1 ? argv[i + 1] : "-";

		if (!(f = text_open(name, 0))) {
			ret = 1;
			continue;
		}
		if (n > 1) {
			printf("::::::::::::::\n%s\n::::::::::::::\n", name);
			left -= 3;
		}
		if (!paging)
			copy(f);
		else if (!page(f))
			n = 0;	/* quit */
		if (text_close(f)) {
			warnmsg("%s: read error", name);
			ret = 1;
		}
	}
	text_flush_stdout();
	return ret;
}
