/*
 * Redirections (sh.h): opening files, duplicating descriptors and
 * here-documents. What a redirection replaces is saved on one stack of
 * (fd, copy) pairs so the shell can put it back after a builtin or a
 * compound command, and unwind everything after an aborted command.
 */
#include "sh.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SAVE_FD_MIN	10	/* shell-private descriptors start here */
#define HEREDOC_INLINE	4096	/* fits in any pipe buffer */

struct fd_save {
	int fd;
	int copy;	/* -1: fd was closed before */
};

static struct fd_save *saves;
static int nsaves, capsaves;

int redir_mark(void)
{
	return nsaves;
}

static void save_fd(int fd)
{
	int copy = dup_high(fd, SAVE_FD_MIN);

	if (nsaves == capsaves) {
		capsaves = capsaves ? capsaves * 2 : 16;
		saves = xrealloc(saves, sizeof(*saves) * (size_t)capsaves);
	}
	saves[nsaves].fd = fd;
	saves[nsaves].copy = copy;
	nsaves++;
}

void redir_restore(int mark)
{
	while (nsaves > mark) {
		struct fd_save *s = &saves[--nsaves];

		if (s->copy >= 0) {
			dup2(s->copy, s->fd);
			close(s->copy);
		} else {
			close(s->fd);
		}
	}
}

void redir_forget(int mark)
{
	while (nsaves > mark) {
		struct fd_save *s = &saves[--nsaves];

		if (s->copy >= 0)
			close(s->copy);
	}
}

static int heredoc_fd(struct redir *r)
{
	char *text;
	int p[2];
	size_t len;

	if (r->quoted)
		text = xstrdup(r->body ? r->body : "");
	else if (expand_heredoc(r->body ? r->body : "", &text) < 0)
		return free(text), -1;
	if (pipe(p) < 0) {
		sh_err("pipe: %s", strerror(errno));
		free(text);
		return -1;
	}
	len = strlen(text);
	if (len <= HEREDOC_INLINE) {
		write_all(p[1], text, len);
	} else if (fork() == 0) {
		close(p[0]);
		write_all(p[1], text, len);
		_exit(0);
	}
	close(p[1]);
	free(text);
	return p[0];
}

static int open_target(struct redir *r, const char *file)
{
	static const int modes[] = {
		[R_IN] = O_RDONLY, [R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
		[R_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
		[R_CLOBBER] = O_WRONLY | O_CREAT | O_TRUNC,
		[R_RDWR] = O_RDWR | O_CREAT,
	};
	struct stat st;
	int fd;

	if (r->type == R_OUT && sh.opt_C && stat(file, &st) == 0 &&
	    S_ISREG(st.st_mode)) {
		sh_err("%s: cannot overwrite existing file", file);
		return -1;
	}
	fd = open(file, modes[r->type] | O_CLOEXEC, 0666);
	if (fd < 0)
		sh_err("%s: %s", file, strerror(errno));
	return fd;
}

/* n>&m, n<&m, n>&-: returns the descriptor to copy, -2 to close. */
static int dup_target(const char *word)
{
	long m;

	if (!strcmp(word, "-"))
		return -2;
	if (parse_int(word, &m) < 0 || m < 0 || m > 1023) {
		sh_err("%s: bad file descriptor", word);
		return -1;
	}
	if (fcntl((int)m, F_GETFD) < 0) {
		sh_err("%ld: %s", m, strerror(errno));
		return -1;
	}
	return (int)m;
}

static int apply_one(struct redir *r)
{
	char *word = NULL;
	int fd;

	if (r->type == R_HEREDOC) {
		fd = heredoc_fd(r);
	} else {
		if (expand_str(r->word, &word) < 0)
			return free(word), -1;
		if (r->type == R_DUPIN || r->type == R_DUPOUT)
			fd = dup_target(word);
		else
			fd = open_target(r, word);
		free(word);
	}
	if (fd == -1)
		return -1;
	if (fd == r->fd)
		return 0;
	save_fd(r->fd);
	if (fd == -2) {
		close(r->fd);
		return 0;
	}
	if (dup2(fd, r->fd) < 0) {
		sh_err("%d: %s", r->fd, strerror(errno));
		return -1;
	}
	if (r->type != R_DUPIN && r->type != R_DUPOUT)
		close(fd);
	return 0;
}

/* Apply the list; on error, undo what this call did. */
int redir_apply(struct redir *r)
{
	int mark = nsaves;

	for (; r; r = r->next) {
		if (apply_one(r) < 0) {
			redir_restore(mark);
			return -1;
		}
	}
	return 0;
}
