/*
 * Tab completion for the line editor (sh.h): the first word of a
 * command from the builtins and the programs in PATH, other words as
 * file names. A unique match is completed (with a space, or a '/' for
 * a directory); several complete their common prefix and a second Tab
 * lists them.
 */
#include "sh.h"
#include "util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct cands {
	struct strv v;
	const char *prefix;
	size_t plen;
};

static void add_cand(struct cands *c, const char *name, int dir)
{
	struct strbuf sb = { 0 };

	if (strncmp(name, c->prefix, c->plen))
		return;
	sb_adds(&sb, name);
	if (dir)
		sb_addc(&sb, '/');
	for (int i = 0; i < c->v.n; i++)
		if (!strcmp(c->v.v[i], sb.s)) {
			sb_free(&sb);
			return;
		}
	sv_push(&c->v, sb_take(&sb));
}

static void add_builtin(const char *name, void *arg)
{
	add_cand(arg, name, 0);
}

static void scan_dir(struct cands *c, const char *dir, int exec_only)
{
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *de;
	char path[4096];
	struct stat st;

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (de->d_name[0] == '.' && c->prefix[0] != '.')
			continue;
		if (strncmp(de->d_name, c->prefix, c->plen))
			continue;
		snprintf(path, sizeof(path), "%s/%s", *dir ? dir : ".",
			 de->d_name);
		if (stat(path, &st) < 0)
			continue;
		if (exec_only && (!S_ISREG(st.st_mode) ||
				  access(path, X_OK) < 0))
			continue;
		add_cand(c, de->d_name, !exec_only && S_ISDIR(st.st_mode));
	}
	closedir(d);
}

static void command_cands(struct cands *c)
{
	const char *path = var_get("PATH");
	char *copy, *dir, *save = NULL;

	builtin_names(add_builtin, c);
	if (!path)
		return;
	copy = xstrdup(path);
	for (dir = strtok_r(copy, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save))
		scan_dir(c, dir, 1);
	free(copy);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_first_word(const struct strbuf *line, size_t start)
{
	while (start > 0 && line->s[start - 1] == ' ')
		start--;
	return start == 0 || strchr(";|&(", line->s[start - 1]);
}

/* The directory to read for @word's path part, ~ expanded. */
static char *dir_of(const char *word, size_t dlen)
{
	struct strbuf sb = { 0 };
	const char *home = var_get("HOME");

	if (word[0] == '~' && (dlen == 1 || word[1] == '/') && home) {
		sb_adds(&sb, home);
		sb_addn(&sb, word + 1, dlen - 1);
	} else {
		sb_addn(&sb, word, dlen);
	}
	if (!sb.len && word[0] == '/')
		sb_addc(&sb, '/');
	return sb_take(&sb);
}

static void list_cands(struct cands *c, struct strbuf *out)
{
	for (int i = 0; i < c->v.n; i++)
		sb_printf(out, "%s%s", c->v.v[i], i + 1 < c->v.n ? "  " : "\n");
}

static void insert_completion(struct strbuf *line, size_t *cur,
			      struct cands *c, size_t common)
{
	struct strbuf ins = { 0 };
	size_t tail = line->len - *cur;

	sb_addn(&ins, c->v.v[0] + c->plen, common - c->plen);
	if (c->v.n == 1 && (!common || c->v.v[0][common - 1] != '/'))
		sb_addc(&ins, ' ');
	if (ins.len) {
		sb_addn(line, ins.s, ins.len);
		memmove(line->s + *cur + ins.len, line->s + *cur, tail);
		memcpy(line->s + *cur, ins.s, ins.len);
		*cur += ins.len;
	}
	sb_free(&ins);
}

void complete_word(struct strbuf *line, size_t *cur, int listing,
		   struct strbuf *list_out)
{
	struct cands c = { 0 };
	size_t start = *cur, common;
	char *word, *slash;

	while (start > 0 && !strchr(" \t;|&<>()", line->s[start - 1]))
		start--;
	word = strndup(line->s + start, *cur - start);
	slash = strrchr(word, '/');
	if (!slash && is_first_word(line, start)) {
		c.prefix = word;
		c.plen = strlen(word);
		command_cands(&c);
	} else {
		char *dir = dir_of(word, slash ? (size_t)(slash - word) : 0);

		c.prefix = slash ? slash + 1 : word;
		c.plen = strlen(c.prefix);
		scan_dir(&c, dir, 0);
		free(dir);
	}
	if (c.v.n) {
		qsort(c.v.v, (size_t)c.v.n, sizeof(char *), cmp_str);
		common = strlen(c.v.v[0]);
		for (int i = 1; i < c.v.n; i++) {
			size_t k = 0;

			while (k < common && c.v.v[i][k] == c.v.v[0][k])
				k++;
			common = k;
		}
		insert_completion(line, cur, &c, common);
		if (common == c.plen && listing && c.v.n > 1)
			list_cands(&c, list_out);
	}
	sv_free(&c.v);
	free(word);
}
