/*
 * Ferrite's shell, /bin/sh: options, startup files, prompts and the
 * read-parse-run loop (sh.h describes the other files). An interactive
 * shell returns here (sh_abort) after an error or ^C; any other shell
 * exits.
 */
#include "sh.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct shell sh;
extern char **environ;
int set_option(const char *arg, const char *oname);

static const char usage[] =
	"usage: sh [-eiluvxfC] [-o option] [-c command [name [arg...]]]"
	" [file [arg...]]\n"
	"Ferrite's POSIX-style shell: runs commands from the command\n"
	"string, a file, or standard input (interactively on a terminal,\n"
	"with line editing, history, completion and job control).\n";

void sh_abort(int status)
{
	sh.status = status;
	if (sh.interactive && !sh.subshell && sh.top)
		longjmp(*sh.top, 1);
	sh_exit(status);
}

static void prompt_escape(struct strbuf *sb, char c)
{
	char buf[PATH_MAX];
	const char *home = var_get("HOME"), *s;
	struct passwd *pw;
	size_t hl;

	switch (c) {
	case 'w':
		if (!getcwd(buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "?");
		hl = home ? strlen(home) : 0;
		if (hl > 1 && !strncmp(buf, home, hl) &&
		    (buf[hl] == '/' || !buf[hl]))
			sb_printf(sb, "~%s", buf + hl);
		else
			sb_adds(sb, buf);
		break;
	case 'u':
		pw = getpwuid(geteuid());
		s = pw ? pw->pw_name : var_get("USER");
		sb_adds(sb, s ? s : "?");
		break;
	case 'h':
		if (gethostname(buf, sizeof(buf)) < 0)
			snprintf(buf, sizeof(buf), "?");
		buf[strcspn(buf, ".")] = 0;
		sb_adds(sb, buf);
		break;
	case '$':
		sb_addc(sb, geteuid() == 0 ? '#' : '$');
		break;
	case 'n':
		sb_addc(sb, '\n');
		break;
	default:
		sb_addc(sb, '\\');
		sb_addc(sb, c);
	}
}

/* PS1/PS2: the \w \u \h \$ escapes, then $VAR expansion. */
char *prompt_expand(const char *ps)
{
	struct strbuf sb = { 0 };
	char *out;
	int saved_u = sh.opt_u;

	for (; *ps; ps++) {
		if (*ps == '\\' && ps[1])
			prompt_escape(&sb, *++ps);
		else
			sb_addc(&sb, *ps);
	}
	sh.opt_u = 0;
	if (expand_heredoc(sb.s ? sb.s : "", &out) < 0) {
		free(out);
		out = sb_take(&sb);
	}
	sh.opt_u = saved_u;
	sb_free(&sb);
	return out;
}

static void recover(struct parser *p)
{
	redir_restore(0);
	while (sh.func_depth > 0) {
		var_scope_pop();
		sh.func_depth--;
	}
	sh.loop_depth = sh.breaking = sh.continuing = sh.returning = 0;
	sh.errexit_off = sh.source_depth = 0;
	sh.interrupted = 0;
	in_discard(sh.in);
	p->lx.have = 0;
	p->lx.npending = 0;
	fflush(stdout);
}

static int main_loop(struct input *in)
{
	struct parser p;
	jmp_buf top;
	struct node *n;
	int eof = 0;

	sh.in = in;
	parser_init(&p, in);
	while (!eof) {
		if (sh.interactive) {
			if (setjmp(top))
				recover(&p);
			sh.top = &top;
			jobs_notify();
			sh.interrupted = 0;
		}
		in->want_ps1 = 1;
		n = parse_line(&p, &eof);
		if (p.error) {
			sh.status = 2;
			if (!sh.interactive)
				sh_exit(2);
			in_discard(in);
			eof = 0;
			continue;
		}
		if (n && !sh.opt_n)
			exec_node(n, 0);
		if (n && !p.has_func)
			node_free(n);
		p.has_func = 0;
	}
	return sh.status;
}

static void init_vars(void)
{
	char cwd[PATH_MAX], buf[32];

	var_import(environ);
	if (!var_get("PS1"))
		var_set("PS1", geteuid() == 0 ? "# " : "$ ", 0);
	if (!var_get("PS2"))
		var_set("PS2", "> ", 0);
	if (!var_get("PS4"))
		var_set("PS4", "+ ", 0);
	if (!var_get("PATH"))
		var_set("PATH", "/bin:/usr/bin:/sbin:/usr/sbin", 0);
	var_set("IFS", " \t\n", 0);
	var_set("OPTIND", "1", 0);
	snprintf(buf, sizeof(buf), "%d", (int)getppid());
	var_set("PPID", buf, 0);
	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd, V_EXPORT);
}

struct args {
	const char *command;	/* -c */
	int force_i, stdin_mode;
	int first;		/* argv index of the file or arg0 */
};

static int parse_args(int argc, char **argv, struct args *a)
{
	int i = 1;

	for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') &&
	     argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			char opt[3] = { argv[i][0], *p, 0 };

			if (*p == 'c') {
				a->command = "";
			} else if (*p == 'i') {
				a->force_i = 1;
			} else if (*p == 'l') {
				sh.login = 1;
			} else if (*p == 's') {
				a->stdin_mode = 1;
			} else if (*p == 'o') {
				if (set_option("-o", argv[++i]) < 0)
					return -1;
				break;
			} else if (*p == 'm') {
				continue;
			} else if (set_option(opt, NULL) < 0) {
				return -1;
			}
		}
	}
	if (a->command) {
		if (i >= argc) {
			sh_err("-c: option requires an argument");
			return -1;
		}
		a->command = argv[i++];
	}
	a->first = i;
	return 0;
}

static void set_args(char **argv, int argc, int first, int has_arg0)
{
	if (has_arg0 && first < argc)
		sh.arg0 = argv[first++];
	sh.pos.n = argc > first ? argc - first : 0;
	sh.pos.v = xmalloc(sizeof(char *) * (size_t)(sh.pos.n + 1));
	for (int k = 0; k < sh.pos.n; k++)
		sh.pos.v[k] = xstrdup(argv[first + k]);
	sh.pos.v[sh.pos.n] = NULL;
}

static void startup_files(void)
{
	const char *home = var_get("HOME"), *env = var_get("ENV");
	char path[PATH_MAX];
	char *expanded;

	if (sh.login) {
		run_file("/etc/profile", 0);
		if (home) {
			snprintf(path, sizeof(path), "%s/.profile", home);
			run_file(path, 0);
		}
	}
	if (sh.interactive && env && *env) {
		if (expand_str(env, &expanded) == 0)
			run_file(expanded, 0);
		free(expanded);
	}
}

static struct input *script_input(const char *path)
{
	static struct input in;
	struct strbuf sb = { 0 };
	char buf[4096];
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		sh_err("%s: cannot open: %s", path, strerror(errno));
		exit(127);
	}
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		sb_addn(&sb, buf, (size_t)r);
	close(fd);
	in_init_str(&in, sb.s ? sb.s : "", sb.len);
	return &in;
}

int main(int argc, char **argv)
{
	static struct input in;
	struct args a = { 0 };

	/* Only sh's own first argument may be --help: later ones belong
	 * to the script or the -c command. */
	util_init(argc > 1 ? 2 : argc, argv, usage, 0);
	sh.pid = getpid();
	sh.arg0 = argv[0];
	sh.tty = -1;
	if (argv[0][0] == '-')
		sh.login = 1;
	init_vars();
	if (parse_args(argc, argv, &a) < 0)
		return 2;
	if (a.command) {
		in_init_str(&in, a.command, strlen(a.command));
		set_args(argv, argc, a.first, 1);
		sh.in = &in;
	} else if (a.first < argc && !a.stdin_mode) {
		sh.in = script_input(argv[a.first]);
		sh.script = 1;
		set_args(argv, argc, a.first, 1);
	} else {
		sh.interactive = a.force_i || (isatty(0) && isatty(2));
		in_init_fd(&in, 0, sh.interactive);
		set_args(argv, argc, a.first, 0);
		sh.in = &in;
	}
	if (sh.interactive) {
		jobs_init_tty();
		signals_interactive();
	}
	startup_files();
	if (sh.interactive && sh.in->edit)
		hist_load();
	sh_exit(main_loop(sh.in));
}
