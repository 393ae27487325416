/*
 * Interactive line editing and the history (sh.h). While a line is read
 * the terminal is in non-canonical, no-echo mode without signals (^C
 * and ^Z arrive as bytes); it is restored before any command runs. The
 * display is redrawn with \r, ESC[K and ESC[nD only, so a plain VT100
 * (Ferrite's console, a serial line) shows it right. Tab completion is
 * in complete.c. The history is kept in memory and appended to
 * $HOME/.sh_history.
 */
#include "sh.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define HIST_MAX	500
#define OUT_FD		2

#undef CTRL
#define CTRL(c)		((c) & 0x1f)
#define KEY_DEL		0x7f
#define KEY_ESC		0x1b

static struct strv hist;

static char *hist_file;	/* $HOME/.sh_history, once loaded */

static void hist_push(const char *line)
{
	if (hist.n == HIST_MAX) {
		free(hist.v[0]);
		memmove(hist.v, hist.v + 1, sizeof(char *) * (size_t)hist.n);
		hist.n--;
	}
	sv_push(&hist, xstrdup(line));
}

/* Read the history file of an interactive shell; later lines are
 * appended to it as they are entered. */
void hist_load(void)
{
	const char *home = var_get("HOME");
	struct strbuf sb = { 0 };
	char buf[4096], *line, *save = NULL;
	ssize_t r;
	int fd;

	if (!home || !*home)
		return;
	snprintf(buf, sizeof(buf), "%s/.sh_history", home);
	hist_file = xstrdup(buf);
	fd = open(hist_file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		sb_addn(&sb, buf, (size_t)r);
	close(fd);
	for (line = strtok_r(sb.s, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		hist_push(line);
	sb_free(&sb);
}

void hist_add(const char *line)
{
	int fd;

	if (hist.n && !strcmp(hist.v[hist.n - 1], line))
		return;
	hist_push(line);
	if (!hist_file)
		return;
	fd = open(hist_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0) {
		write_all(fd, line, strlen(line));
		write_all(fd, "\n", 1);
		close(fd);
	}
}

int hist_count(void)
{
	return hist.n;
}

const char *hist_get(int i)
{
	return i >= 0 && i < hist.n ? hist.v[i] : NULL;
}

struct editor {
	struct strbuf buf;
	size_t cur;
	const char *prompt;	/* its last line, for redraws */
	int hpos;		/* history index being shown */
	char *saved;		/* the new line, while walking history */
	int tabs;		/* consecutive Tab presses */
};

static void out(const char *s, size_t n)
{
	write_all(OUT_FD, s, n);
}

static void refresh(struct editor *e)
{
	struct strbuf sb = { 0 };

	sb_addc(&sb, '\r');
	sb_adds(&sb, e->prompt);
	sb_addn(&sb, e->buf.s, e->buf.len);
	sb_adds(&sb, "\x1b[K");
	if (e->buf.len > e->cur)
		sb_printf(&sb, "\x1b[%zuD", e->buf.len - e->cur);
	out(sb.s, sb.len);
	sb_free(&sb);
}

static void insert(struct editor *e, const char *s, size_t n)
{
	size_t tail = e->buf.len - e->cur;

	sb_addn(&e->buf, s, n);	/* grow; then shift the tail right */
	memmove(e->buf.s + e->cur + n, e->buf.s + e->cur, tail);
	memcpy(e->buf.s + e->cur, s, n);
	e->cur += n;
}

static void delete(struct editor *e, size_t from, size_t to)
{
	memmove(e->buf.s + from, e->buf.s + to, e->buf.len - to);
	e->buf.len -= to - from;
	e->buf.s[e->buf.len] = 0;
	if (e->cur > to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
}

static void set_line(struct editor *e, const char *s)
{
	e->buf.len = 0;
	sb_adds(&e->buf, s);
	e->cur = e->buf.len;
}

static void history_move(struct editor *e, int dir)
{
	int to = e->hpos + dir;

	if (to < 0 || to > hist.n)
		return;
	if (e->hpos == hist.n) {
		free(e->saved);
		e->saved = xstrdup(e->buf.s);
	}
	e->hpos = to;
	set_line(e, to == hist.n ? (e->saved ? e->saved : "") : hist.v[to]);
}

static void erase_word(struct editor *e)
{
	size_t i = e->cur;

	while (i > 0 && e->buf.s[i - 1] == ' ')
		i--;
	while (i > 0 && e->buf.s[i - 1] != ' ')
		i--;
	delete(e, i, e->cur);
}

static void tab(struct editor *e, const char *full_prompt)
{
	struct strbuf list = { 0 };

	e->tabs++;
	complete_word(&e->buf, &e->cur, e->tabs >= 2, &list);
	if (list.len) {
		out("\n", 1);
		out(list.s, list.len);
		out(full_prompt, strlen(full_prompt));
	}
	sb_free(&list);
}

/* ESC [ ... or ESC O ...: the key it names, as a control character. */
static int read_escape(void)
{
	char s[4] = { 0 };

	if (read(0, &s[0], 1) != 1 || read(0, &s[1], 1) != 1)
		return 0;
	if (s[0] != '[' && s[0] != 'O')
		return 0;
	if (s[1] >= '0' && s[1] <= '9') {
		if (read(0, &s[2], 1) != 1 || s[2] != '~')
			return 0;
		switch (s[1]) {
		case '1': case '7': return CTRL('A');
		case '4': case '8': return CTRL('E');
		case '3': return KEY_DEL + 1;	/* Delete */
		}
		return 0;
	}
	switch (s[1]) {
	case 'A': return CTRL('P');
	case 'B': return CTRL('N');
	case 'C': return CTRL('F');
	case 'D': return CTRL('B');
	case 'H': return CTRL('A');
	case 'F': return CTRL('E');
	}
	return 0;
}

/* Edit keys; returns 1 when the line is done, -1 for EOF, -2 for ^C. */
static int key(struct editor *e, int c, const char *full_prompt)
{
	if (c != '\t')
		e->tabs = 0;
	switch (c) {
	case '\r': case '\n':
		return 1;
	case CTRL('C'):
		return -2;
	case CTRL('D'):
		if (!e->buf.len)
			return -1;
		/* fall through: delete under the cursor */
		__attribute__((fallthrough));
	case KEY_DEL + 1:
		if (e->cur < e->buf.len)
			delete(e, e->cur, e->cur + 1);
		break;
	case KEY_DEL: case CTRL('H'):
		if (e->cur > 0)
			delete(e, e->cur - 1, e->cur);
		break;
	case CTRL('A'): e->cur = 0; break;
	case CTRL('E'): e->cur = e->buf.len; break;
	case CTRL('B'): if (e->cur > 0) e->cur--; break;
	case CTRL('F'): if (e->cur < e->buf.len) e->cur++; break;
	case CTRL('U'): delete(e, 0, e->cur); break;
	case CTRL('K'): delete(e, e->cur, e->buf.len); break;
	case CTRL('W'): erase_word(e); break;
	case CTRL('P'): history_move(e, -1); break;
	case CTRL('N'): history_move(e, 1); break;
	case CTRL('L'):
		out("\x1b[H\x1b[2J", 7);
		out(full_prompt, strlen(full_prompt));
		break;
	case '\t':
		tab(e, full_prompt);
		break;
	default:
		if ((unsigned char)c >= ' ') {
			char ch = (char)c;

			insert(e, &ch, 1);
		}
	}
	return 0;
}

static int edit_loop(struct editor *e, const char *prompt)
{
	unsigned char c;
	ssize_t r;
	int k;

	out(prompt, strlen(prompt));
	for (;;) {
		r = read(0, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return e->buf.len ? 1 : -1;
		k = c == KEY_ESC ? read_escape() : c;
		if (!k)
			continue;
		k = key(e, k, prompt);
		if (k)
			return k;
		refresh(e);
	}
}

/* Without a terminal (sh -i on a pipe): the prompt and a plain line. */
static char *plain_readline(const char *prompt)
{
	struct strbuf sb = { 0 };
	char c;
	ssize_t r;

	out(prompt, strlen(prompt));
	while ((r = read(0, &c, 1)) == 1 && c != '\n')
		sb_addc(&sb, c);
	if (r != 1 && !sb.len)
		return NULL;
	return sb_take(&sb);
}

char *le_readline(const char *prompt, int *intr)
{
	struct editor e = { 0 };
	struct termios orig, raw;
	const char *nl = strrchr(prompt, '\n');
	int r;

	*intr = 0;
	if (!isatty(0) || tcgetattr(0, &orig) < 0)
		return plain_readline(prompt);
	raw = orig;
	raw.c_lflag &= (tcflag_t)~(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= (tcflag_t)~(IXON | ICRNL | INLCR);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(0, TCSADRAIN, &raw);
	e.prompt = nl ? nl + 1 : prompt;
	e.hpos = hist.n;
	sb_addc(&e.buf, 0);
	e.buf.len = 0;
	r = edit_loop(&e, prompt);
	e.cur = e.buf.len;
	refresh(&e);
	out(r == -2 ? "^C\n" : "\n", r == -2 ? 3 : 1);
	tcsetattr(0, TCSADRAIN, &orig);
	free(e.saved);
	if (r == -1) {
		sb_free(&e.buf);
		return NULL;
	}
	*intr = r == -2;
	return sb_take(&e.buf);
}
