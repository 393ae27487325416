/*
 * Ferrite's shell: the declarations its files share. A command line goes
 * input.c (characters, prompts) -> lexer.c (tokens, raw words,
 * here-documents) -> parser.c (the AST of node.c) -> exec.c (running,
 * with expand.c/param.c/arith.c for words, redir.c for redirections,
 * jobs.c for processes) and the builtins of builtins*.c. The state that
 * outlives one command lives in the one struct shell below (main.c).
 */
#ifndef FERRITE_SH_H
#define FERRITE_SH_H

#include <setjmp.h>
#include <stddef.h>
#include <sys/types.h>
#include <termios.h>

/* ---- misc.c: growable strings and string vectors ---- */
struct strbuf {
	char *s;
	size_t len, cap;
};

void sb_addc(struct strbuf *sb, int c);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The NUL-terminated string (never NULL); the buffer is reset. */
char *sb_take(struct strbuf *sb);
void sb_free(struct strbuf *sb);

struct strv {
	char **v;	/* NULL-terminated once anything was pushed */
	int n, cap;
};

void sv_push(struct strv *sv, char *s);	/* takes ownership of s */
void sv_free(struct strv *sv);

/* "sh: message" on stderr; "sh: line N: message" when not interactive. */
void sh_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int is_name(const char *s);
int is_name_n(const char *s, size_t n);
int parse_int(const char *s, long *out);
int dup_high(int fd, int min);

/* ---- input.c: where commands come from ---- */
struct alias_push;

struct input {
	const char *buf;	/* current text */
	size_t pos, len;
	char *owned;		/* buf, when we allocated it */
	int fd;			/* refill from this fd; -1: a string */
	int edit;		/* refill through the line editor */
	int want_ps1;		/* next refill is the start of a command */
	int eof;
	int lineno;
	struct alias_push *push;
};

void in_init_str(struct input *in, const char *s, size_t len);
void in_init_fd(struct input *in, int fd, int edit);
int in_getc(struct input *in);
void in_ungetc(struct input *in, int c);
int in_peekc(struct input *in);
void in_push_alias(struct input *in, const char *name, const char *text);
int in_alias_active(struct input *in, const char *name);
void in_discard(struct input *in);
void in_free(struct input *in);

/* ---- node.c: the syntax tree ---- */
enum redir_type {
	R_IN, R_OUT, R_APPEND, R_CLOBBER, R_DUPIN, R_DUPOUT, R_RDWR,
	R_HEREDOC,
};

struct redir {
	int fd;
	enum redir_type type;
	char *word;		/* target, or here-document delimiter */
	char *body;		/* here-document text */
	int quoted;		/* here-document delimiter was quoted */
	int strip_tabs;		/* <<- */
	struct redir *next;
};

enum node_type {
	N_CMD, N_PIPE, N_AND, N_OR, N_SEQ, N_BG, N_SUBSHELL, N_GROUP,
	N_IF, N_WHILE, N_UNTIL, N_FOR, N_CASE, N_FUNC,
};

struct case_item {
	struct strv pats;
	struct node *body;
	struct case_item *next;
};

struct node {
	enum node_type type;
	int lineno;
	int bang;		/* N_PIPE: ! */
	struct node *a, *b, *c;	/* children: cond/then/else, left/right */
	struct node **kids;	/* N_PIPE commands */
	int nkids;
	struct strv words;	/* N_CMD arguments; N_FOR list */
	struct strv assigns;	/* N_CMD assignments */
	int has_in;		/* N_FOR: "in" was given */
	char *name;		/* N_FOR variable, N_FUNC name, N_CASE word */
	struct redir *redirs;
	struct case_item *items;
};

struct node *node_new(enum node_type type, int lineno);
void node_free(struct node *n);
/* The command as text, for job listings and type. */
char *node_text(struct node *n);
void node_text_into(struct strbuf *sb, struct node *n);

/* ---- lexer.c ---- */
enum tok {
	T_EOF, T_NL, T_WORD, T_IONUM, T_SEMI, T_AMP, T_PIPE, T_AND, T_OR,
	T_DSEMI, T_LPAREN, T_RPAREN, T_LT, T_GT, T_DGT, T_CLOBBER, T_LTAND,
	T_GTAND, T_LTGT, T_DLT, T_DLTDASH,
};

#define MAX_HEREDOC 32

struct lexer {
	struct input *in;
	int have;		/* a token is peeked */
	enum tok tok;
	char *text;		/* T_WORD / T_IONUM text (raw, with quotes) */
	int lineno;
	struct redir *pending[MAX_HEREDOC];
	int npending;
	jmp_buf *err;		/* longjmp here on a syntax error */
};

enum tok lex_peek(struct lexer *lx);
enum tok lex_next(struct lexer *lx);	/* consumes; text is now ours */
const char *tok_name(enum tok t);
void lex_error(struct lexer *lx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void lex_add_heredoc(struct lexer *lx, struct redir *r);
/* Scanners shared with expand.c: consume the rest of a $..., `...`
 * or "..." whose opening character was already read; append to sb. */
int scan_dollar(struct input *in, struct strbuf *sb);
int scan_backquote(struct input *in, struct strbuf *sb);
int scan_dquote(struct input *in, struct strbuf *sb);
int scan_brace(struct input *in, struct strbuf *sb);

/* ---- parser.c ---- */
struct parser {
	struct lexer lx;
	int has_func;		/* the tree defines a function: keep it */
	int error;
};

void parser_init(struct parser *p, struct input *in);
/* One complete command (up to a newline); NULL for an empty line or at
 * EOF (then *eof is set). A syntax error sets p->error. */
struct node *parse_line(struct parser *p, int *eof);

/* ---- vars.c ---- */
#define V_EXPORT	1
#define V_READONLY	2

const char *var_get(const char *name);
int var_set(const char *name, const char *value, int flags);
int var_setn(const char *assign, int flags);	/* "name=value" */
int var_unset(const char *name);
int var_flags(const char *name);
void var_add_flags(const char *name, int flags);
char **var_environ(void);
void var_list(int only_flags, const char *prefix);
int var_local(const char *name);
void var_scope_push(void);
void var_scope_pop(void);
void var_import(char **envp);

/* ---- expand.c / param.c / arith.c ---- */
#define A_LIT	0	/* unquoted word text: globbed, not split */
#define A_QUOT	1	/* quoted: neither */
#define A_SPLIT	2	/* unquoted expansion result: both */
#define A_MARK	3	/* zero-width: a field exists here ("") */
#define A_BREAK	4	/* field break ("$@") */

struct xbuf {
	struct strbuf s;
	unsigned char *attr;
	size_t acap;
	int at_empty;		/* "$@" with no parameters seen */
};

void xb_add(struct xbuf *xb, char c, int attr);
void xb_adds(struct xbuf *xb, const char *s, int attr);
void xb_free(struct xbuf *xb);

#define X_DQ	1	/* inside double quotes */
#define X_HERE	2	/* here-document body */
#define X_ASSIGN 4	/* tilde after ':' too */

/* All return 0, or -1 after an expansion error (message printed). */
int expand_fields(struct strv *words, struct strv *out);
int expand_str(const char *word, char **out);
int expand_assign(const char *word, char **out);
int expand_pattern(const char *word, char **out);
int expand_heredoc(const char *body, char **out);
int expand_raw(struct xbuf *xb, const char *s, size_t n, int flags);
int expand_param(struct xbuf *xb, const char *s, size_t n, size_t *ip,
		 int flags);
void add_value(struct xbuf *xb, const char *val, int flags);
int tilde(struct xbuf *xb, const char *s, size_t n, size_t *ip, int flags);
extern int cmdsub_status;
int cmdsubst(struct xbuf *xb, const char *text, int flags, int backq);
int arith_eval(const char *expr, long *out);
char *xb_to_pattern(struct xbuf *xb);
char *xb_to_str(struct xbuf *xb);
void split_and_glob(struct xbuf *xb, struct strv *out);
int pat_match(const char *pat, const char *s);

/* ---- exec.c / redir.c ---- */
#define EX_NOFORK	1	/* in a child that may exec directly */

int exec_node(struct node *n, int flags);
int eval_string(const char *s, const char *name);
int run_file(const char *path, int must_exist);
void exec_external(char **argv, char **assigns);
int find_command(const char *name, char *buf, size_t size);
void sh_exit(int status) __attribute__((noreturn));
void child_reset(void);

/* Redirections are saved on one stack; a mark is a depth in it. */
int redir_mark(void);
int redir_apply(struct redir *r);
void redir_restore(int mark);
void redir_forget(int mark);

/* ---- jobs.c ---- */
struct job;

void jobs_init_tty(void);
struct job *job_new(const char *text);
pid_t job_fork(struct job *j, int bg);
int job_finish(struct job *j, int bg);
void jobs_notify(void);
void jobs_forget(void);
int jobs_builtin(char **argv);
int fg_builtin(char **argv);
int bg_builtin(char **argv);
int wait_builtin(char **argv);
pid_t job_spec_pgid(const char *spec);
int wait_status(int st);

/* ---- signals.c ---- */
int sig_number(const char *name);
const char *sig_name(int sig);
void traps_check(void);
void traps_reset_child(void);
void trap_run_exit(void);
int trap_exit_set(void);
int trap_builtin(char **argv);
int kill_builtin(char **argv);
void signals_interactive(void);
extern volatile int sig_pending;

/* ---- builtins*.c ---- */
typedef int (*builtin_fn)(char **argv);

struct builtin {
	const char *name;
	builtin_fn fn;
	int special;
};

const struct builtin *builtin_find(const char *name);
void builtin_names(void (*cb)(const char *name, void *arg), void *arg);
int test_builtin(char **argv);
int printf_builtin(char **argv);
int echo_builtin(char **argv);
int read_builtin(char **argv);
int getopts_builtin(char **argv);
const char *alias_get(const char *name);
void func_define(const char *name, struct node *body);
struct node *func_get(const char *name);
int func_call(struct node *body, char **argv);

/* ---- lineedit.c / complete.c ---- */
/* A line from the terminal with editing; NULL at EOF; "" and *intr set
 * after ^C. The result has no newline. */
char *le_readline(const char *prompt, int *intr);
void hist_add(const char *line);
void hist_load(void);
int hist_count(void);
const char *hist_get(int i);
void complete_word(struct strbuf *line, size_t *cur, int listing,
		   struct strbuf *listing_out);
char *prompt_expand(const char *ps);

/* ---- main.c: the shell's state ---- */
struct params {
	int n;
	char **v;	/* v[0] is $1 */
};

struct shell {
	int interactive;
	int jobctl;		/* -m: job control active */
	int login;
	int opt_e, opt_x, opt_u, opt_f, opt_C, opt_v, opt_n;
	int status;		/* $? */
	pid_t last_bg;		/* $! */
	pid_t pid;		/* $$ */
	char *arg0;		/* $0 */
	struct params pos;
	int subshell;		/* in a forked child */
	int errexit_off;	/* >0 in if/while conditions, && ||, ! */
	int loop_depth;
	int breaking, continuing, returning;
	int func_depth;
	int source_depth;	/* . and source nesting */
	int lineno;		/* line of the command running */
	int script;		/* running a script file: "line N" in errors */
	int interrupted;	/* ^C seen: back to the prompt */
	jmp_buf *top;		/* interactive: abort the command here */
	int tty;		/* terminal fd (job control) */
	pid_t pgid;
	struct termios tmodes;
	int have_tmodes;
	struct input *in;	/* the shell's own command input */
};

extern struct shell sh;

/* An error that aborts the current command: a non-interactive shell
 * exits with @status, an interactive one returns to the prompt. */
void sh_abort(int status) __attribute__((noreturn));

#endif
