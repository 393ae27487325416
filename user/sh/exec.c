/*
 * Running the tree (sh.h): exec_node() walks what parser.c built.
 * Simple commands expand their words (expand.c), then run a builtin
 * (builtins*.c), a function, or a program found through PATH in a
 * child made by jobs.c. Compound commands and the control flow of
 * break, continue and return live here; pipelines and background
 * lists fork through job_fork().
 */
#include "sh.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int flow_pending(void)
{
	return sh.breaking || sh.continuing || sh.returning;
}

static void xtrace(struct strv *assigns, struct strv *argv)
{
	struct strbuf sb = { 0 };
	const char *ps4 = var_get("PS4");

	sb_adds(&sb, ps4 ? ps4 : "+ ");
	for (int i = 0; i < assigns->n; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", assigns->v[i]);
	for (int i = 0; i < argv->n; i++)
		sb_printf(&sb, "%s%s", i || assigns->n ? " " : "",
			  argv->v[i]);
	sb_addc(&sb, '\n');
	fflush(stdout);
	write_all(2, sb.s, sb.len);
	sb_free(&sb);
}

static int expand_assigns(struct strv *in, struct strv *out)
{
	for (int i = 0; i < in->n; i++) {
		const char *eq = strchr(in->v[i], '=');
		char *val;
		struct strbuf sb = { 0 };

		if (expand_assign(eq + 1, &val) < 0) {
			free(val);
			return -1;
		}
		sb_addn(&sb, in->v[i], (size_t)(eq - in->v[i] + 1));
		sb_adds(&sb, val);
		free(val);
		sv_push(out, sb_take(&sb));
	}
	return 0;
}

int find_command(const char *name, char *buf, size_t size)
{
	const char *path = var_get("PATH"), *p, *end;
	int denied = 0;

	if (!path)
		path = "/bin:/usr/bin:/sbin:/usr/sbin";
	for (p = path; ; p = end + 1) {
		struct stat st;

		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		snprintf(buf, size, "%.*s%s%s", (int)(end - p), p,
			 end > p ? "/" : "", name);
		if (stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(buf, X_OK) == 0)
				return 0;
			denied = 1;
		}
		if (!*end)
			break;
	}
	return denied ? -2 : -1;
}

static void __attribute__((noreturn)) run_script(const char *path,
						 char **argv)
{
	sh.arg0 = xstrdup(path);
	sh.pos.v = argv + 1;
	for (sh.pos.n = 0; argv[sh.pos.n + 1]; sh.pos.n++)
		;
	sh_exit(run_file(path, 1));
}

/* In a child: become the program (never returns). */
void exec_external(char **argv, char **assigns)
{
	char path[4096];
	int r = 0;

	for (; assigns && *assigns; assigns++)
		var_setn(*assigns, V_EXPORT);
	if (strchr(argv[0], '/'))
		snprintf(path, sizeof(path), "%s", argv[0]);
	else
		r = find_command(argv[0], path, sizeof(path));
	if (r == -1) {
		sh_err("%s: not found", argv[0]);
		_exit(127);
	}
	execve(path, argv, var_environ());
	if (errno == ENOEXEC)
		run_script(path, argv);
	sh_err("%s: %s", argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

static int run_builtin(const struct builtin *bi, struct node *n,
		       struct strv *argv, struct strv *assigns)
{
	int mark = redir_mark(), st;

	if (redir_apply(n->redirs) < 0)
		return 1;
	st = bi->fn(argv->v);
	fflush(stdout);
	clearerr(stdout);
	if (!strcmp(argv->v[0], "exec") && argv->n == 1)
		redir_forget(mark);
	else
		redir_restore(mark);
	(void)assigns;
	return st;
}

/* Assignments for the duration of a builtin or function call. */
static void temp_assigns(struct strv *assigns, struct strv *saved)
{
	for (int i = 0; i < assigns->n; i++) {
		char *name = strndup(assigns->v[i],
				     strcspn(assigns->v[i], "="));
		const char *old = var_get(name);
		struct strbuf sb = { 0 };

		sb_printf(&sb, "%c%s=%s", old ? '=' : '-', name,
			  old ? old : "");
		sv_push(saved, sb_take(&sb));
		var_setn(assigns->v[i], V_EXPORT);
		free(name);
	}
}

static void restore_assigns(struct strv *saved)
{
	for (int i = saved->n - 1; i >= 0; i--) {
		char *s = saved->v[i];

		if (s[0] == '=') {
			var_setn(s + 1, 0);
		} else {
			s[strcspn(s, "=")] = 0;
			var_unset(s + 1);
		}
	}
}

static int run_external(struct node *n, struct strv *argv,
			struct strv *assigns, int flags)
{
	struct job *j;
	pid_t pid;

	/* Exec in place only when nothing is left to do after it. */
	if (!(flags & EX_NOFORK) || trap_exit_set()) {
		char *text = node_text(n);

		j = job_new(text);
		free(text);
		pid = job_fork(j, 0);
		if (pid < 0)
			return 1;
		if (pid > 0)
			return job_finish(j, 0);
	}
	if (redir_apply(n->redirs) < 0)
		_exit(1);
	exec_external(argv->v, assigns->v);
	_exit(127);
}

static int assign_only(struct node *n, struct strv *assigns)
{
	int mark = redir_mark(), st = 0;

	for (int i = 0; i < assigns->n && !st; i++)
		if (var_setn(assigns->v[i], 0) < 0)
			sh_abort(2);
	if (redir_apply(n->redirs) < 0)
		return 1;
	redir_restore(mark);
	if (!st && cmdsub_status >= 0)
		st = cmdsub_status;
	return st;
}

static int call_function(struct node *body, struct node *n,
			 struct strv *argv, struct strv *assigns)
{
	struct strv saved = { 0 };
	int mark = redir_mark(), st;

	if (redir_apply(n->redirs) < 0)
		return 1;
	temp_assigns(assigns, &saved);
	st = func_call(body, argv->v);
	restore_assigns(&saved);
	sv_free(&saved);
	redir_restore(mark);
	return st;
}

static int exec_simple(struct node *n, int flags)
{
	struct strv argv = { 0 }, assigns = { 0 }, saved = { 0 };
	const struct builtin *bi;
	struct node *fn;
	int st;

	cmdsub_status = -1;
	if (expand_fields(&n->words, &argv) < 0 ||
	    expand_assigns(&n->assigns, &assigns) < 0) {
		st = 1;
		goto out;
	}
	if (sh.opt_x)
		xtrace(&assigns, &argv);
	if (!argv.n) {
		st = assign_only(n, &assigns);
		goto out;
	}
	bi = builtin_find(argv.v[0]);
	fn = (bi && bi->special) ? NULL : func_get(argv.v[0]);
	if (bi && bi->special) {
		for (int i = 0; i < assigns.n; i++)
			var_setn(assigns.v[i], 0);
		st = run_builtin(bi, n, &argv, &assigns);
	} else if (fn) {
		st = call_function(fn, n, &argv, &assigns);
	} else if (bi) {
		temp_assigns(&assigns, &saved);
		st = run_builtin(bi, n, &argv, &assigns);
		restore_assigns(&saved);
	} else {
		st = run_external(n, &argv, &assigns, flags);
	}
out:
	sv_free(&argv);
	sv_free(&assigns);
	sv_free(&saved);
	return st;
}

static int exec_pipeline(struct node *n, int bg)
{
	char *text = node_text(n);
	struct job *j = job_new(text);
	int in = -1, st;

	free(text);
	for (int i = 0; i < n->nkids; i++) {
		int p[2] = { -1, -1 };
		pid_t pid;

		if (i < n->nkids - 1 && pipe2(p, O_CLOEXEC) < 0)
			sh_err("pipe: %s", strerror(errno));
		pid = job_fork(j, bg);
		if (pid == 0) {
			if (in >= 0)
				dup2(in, 0);
			if (p[1] >= 0)
				dup2(p[1], 1);
			sh_exit(exec_node(n->kids[i], EX_NOFORK));
		}
		if (in >= 0)
			close(in);
		if (p[1] >= 0)
			close(p[1]);
		in = p[0];
	}
	if (in >= 0)
		close(in);
	st = job_finish(j, bg);
	return n->bang ? !st : st;
}

static int exec_subshell(struct node *n, int flags, int bg)
{
	struct job *j;
	char *text;
	pid_t pid;

	if (!(flags & EX_NOFORK) || bg) {
		text = node_text(n);
		j = job_new(text);
		free(text);
		pid = job_fork(j, bg);
		if (pid > 0)
			return job_finish(j, bg);
		if (pid < 0)
			return 1;
	}
	if (n->type == N_SUBSHELL && redir_apply(n->redirs) < 0)
		sh_exit(1);
	sh_exit(exec_node(n->type == N_SUBSHELL ? n->a : n, EX_NOFORK));
}

static int exec_bg(struct node *n)
{
	if (n->type == N_PIPE && !n->bang)
		exec_pipeline(n, 1);
	else
		exec_subshell(n, 0, 1);
	return 0;
}

static int cond(struct node *n)
{
	int st;

	sh.errexit_off++;
	st = exec_node(n, 0);
	sh.errexit_off--;
	return st;
}

/* After a loop body: 1 when the loop must stop. */
static int loop_flow(void)
{
	if (sh.breaking) {
		sh.breaking--;
		return 1;
	}
	if (sh.continuing) {
		sh.continuing--;
		return sh.continuing > 0;
	}
	return sh.returning;
}

static int exec_while(struct node *n)
{
	int st = 0, c;

	sh.loop_depth++;
	for (;;) {
		c = cond(n->a);
		if (sh.returning || ((c == 0) == (n->type == N_UNTIL)))
			break;
		st = exec_node(n->b, 0);
		if (loop_flow())
			break;
	}
	sh.loop_depth--;
	return st;
}

static int exec_for(struct node *n)
{
	struct strv list = { 0 };
	int st = 0;

	if (n->has_in) {
		if (expand_fields(&n->words, &list) < 0)
			return 1;
	} else {
		for (int i = 0; i < sh.pos.n; i++)
			sv_push(&list, xstrdup(sh.pos.v[i]));
	}
	sh.loop_depth++;
	for (int i = 0; i < list.n; i++) {
		if (var_set(n->name, list.v[i], 0) < 0) {
			st = 1;
			break;
		}
		st = exec_node(n->b, 0);
		if (loop_flow())
			break;
	}
	sh.loop_depth--;
	sv_free(&list);
	return st;
}

static int exec_case(struct node *n)
{
	char *word, *pat;
	int st = 0;

	if (expand_str(n->name, &word) < 0)
		return free(word), 1;
	for (struct case_item *it = n->items; it; it = it->next) {
		for (int i = 0; i < it->pats.n; i++) {
			int m;

			if (expand_pattern(it->pats.v[i], &pat) < 0)
				m = 0;
			else
				m = pat_match(pat, word);
			free(pat);
			if (m) {
				st = exec_node(it->body, 0);
				free(word);
				return st;
			}
		}
	}
	free(word);
	return st;
}

static int exec_compound(struct node *n)
{
	int mark = redir_mark(), st = 0;

	if (redir_apply(n->redirs) < 0)
		return 1;
	switch (n->type) {
	case N_GROUP:
		st = exec_node(n->a, 0);
		break;
	case N_IF:
		if (cond(n->a) == 0)
			st = exec_node(n->b, 0);
		else if (!flow_pending())
			st = exec_node(n->c, 0);
		break;
	case N_WHILE:
	case N_UNTIL:
		st = exec_while(n);
		break;
	case N_FOR:
		st = exec_for(n);
		break;
	case N_CASE:
		st = exec_case(n);
		break;
	default:
		break;
	}
	redir_restore(mark);
	return st;
}

static int exec_list(struct node *n, int flags)
{
	int st;

	switch (n->type) {
	case N_AND:
	case N_OR:
		st = cond(n->a);
		if (flow_pending() || (st == 0) != (n->type == N_AND))
			return st;
		return exec_node(n->b, flags);
	case N_SEQ:
		st = exec_node(n->a, 0);
		if (flow_pending())
			return st;
		return exec_node(n->b, flags);
	default:
		return exec_bg(n->a);
	}
}

int exec_node(struct node *n, int flags)
{
	int st;

	if (!n)
		return 0;
	if (sh.interrupted && sh.interactive && !sh.subshell) {
		write_all(2, "\n", 1);
		sh_abort(130);
	}
	switch (n->type) {
	case N_CMD:
		sh.lineno = n->lineno;
		st = exec_simple(n, flags);
		break;
	case N_PIPE:
		st = exec_pipeline(n, 0);
		break;
	case N_SUBSHELL:
		st = exec_subshell(n, flags, 0);
		break;
	case N_FUNC:
		func_define(n->name, n->a);
		st = 0;
		break;
	case N_AND:
	case N_OR:
	case N_SEQ:
	case N_BG:
		st = exec_list(n, flags);
		break;
	default:
		st = exec_compound(n);
		break;
	}
	sh.status = st;
	if (st && sh.opt_e && !sh.errexit_off && !flow_pending() &&
	    (n->type == N_CMD || n->type == N_SUBSHELL ||
	     (n->type == N_PIPE && !n->bang)))
		sh_exit(st);
	if (sig_pending)
		traps_check();
	return st;
}

int eval_string(const char *s, const char *name)
{
	struct input in;
	struct parser p;
	struct node *n;
	int st = 0, eof = 0;

	in_init_str(&in, s, strlen(s));
	parser_init(&p, &in);
	while (!eof && !flow_pending()) {
		n = parse_line(&p, &eof);
		if (p.error) {
			st = 2;
			if (!sh.interactive || sh.subshell)
				sh_exit(2);
			break;
		}
		if (n) {
			st = exec_node(n, 0);
			if (!p.has_func)
				node_free(n);
			p.has_func = 0;
		}
	}
	free(p.lx.text);
	in_free(&in);
	(void)name;
	return st;
}



int run_file(const char *path, int must_exist)
{
	struct strbuf sb = { 0 };
	char buf[4096];
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC), st;

	if (fd < 0) {
		if (must_exist)
			sh_err("%s: %s", path, strerror(errno));
		return must_exist ? 1 : 0;
	}
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		sb_addn(&sb, buf, (size_t)r);
	close(fd);
	sh.source_depth++;
	st = eval_string(sb.s ? sb.s : "", path);
	sh.source_depth--;
	if (sh.returning && !sh.func_depth)
		sh.returning = 0;
	sb_free(&sb);
	return st;
}

void child_reset(void)
{
	sh.subshell = 1;
	sh.jobctl = 0;
	jobs_forget();
	traps_reset_child();
}

void sh_exit(int status)
{
	trap_run_exit();
	fflush(stdout);
	if (sh.subshell)
		_exit(status & 0xff);
	exit(status & 0xff);
}
