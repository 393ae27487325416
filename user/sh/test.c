/*
 * The test and [ builtins (sh.h): POSIX file, string and integer
 * tests with !, -a, -o and parentheses, parsed by recursive descent.
 * Exit status 0 true, 1 false, 2 error.
 */
#include "sh.h"
#include "util.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct tparse {
	char **av;
	int n, i;
	jmp_buf err;
};

static int t_or(struct tparse *t);

static void __attribute__((noreturn)) t_fail(struct tparse *t,
					      const char *msg,
					      const char *arg)
{
	if (arg)
		sh_err("test: %s: %s", arg, msg);
	else
		sh_err("test: %s", msg);
	longjmp(t->err, 1);
}

static const char *peek(struct tparse *t, int k)
{
	return t->i + k < t->n ? t->av[t->i + k] : NULL;
}

static long t_int(struct tparse *t, const char *s)
{
	long v;

	if (parse_int(s, &v) < 0)
		t_fail(t, "integer expression expected", s);
	return v;
}

static int file_test(char op, const char *path)
{
	struct stat st;

	if (op == 'h' || op == 'L')
		return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
	if (op == 't') {
		long fd;

		return parse_int(path, &fd) == 0 && isatty((int)fd);
	}
	if (op == 'r' || op == 'w' || op == 'x')
		return access(path, op == 'r' ? R_OK : op == 'w' ? W_OK :
			      X_OK) == 0;
	if (stat(path, &st) < 0)
		return 0;
	switch (op) {
	case 'e': return 1;
	case 'f': return S_ISREG(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 'b': return S_ISBLK(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	case 'p': return S_ISFIFO(st.st_mode);
	case 'S': return S_ISSOCK(st.st_mode);
	case 's': return st.st_size > 0;
	case 'u': return (st.st_mode & S_ISUID) != 0;
	case 'g': return (st.st_mode & S_ISGID) != 0;
	case 'k': return (st.st_mode & S_ISVTX) != 0;
	case 'O': return st.st_uid == geteuid();
	case 'G': return st.st_gid == getegid();
	}
	return 0;
}

static int is_unary(const char *s)
{
	return s && s[0] == '-' && s[1] && !s[2] &&
	       strchr("bcdefghLnprsStuwxzkOG", s[1]);
}

static const char *const binops[] = {
	"=", "==", "!=", "<", ">", "-eq", "-ne", "-gt", "-ge", "-lt",
	"-le", "-nt", "-ot", "-ef", NULL,
};

static int is_binary(const char *s)
{
	for (int k = 0; s && binops[k]; k++)
		if (!strcmp(s, binops[k]))
			return 1;
	return 0;
}

static int compare_files(const char *op, const char *a, const char *b)
{
	struct stat sa, sb;
	int ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;

	if (!strcmp(op, "-ef"))
		return ha && hb && sa.st_dev == sb.st_dev &&
		       sa.st_ino == sb.st_ino;
	if (!strcmp(op, "-nt"))
		return ha && (!hb || sa.st_mtime > sb.st_mtime);
	return hb && (!ha || sa.st_mtime < sb.st_mtime);
}

static int binary(struct tparse *t, const char *a, const char *op,
		  const char *b)
{
	long x, y;

	if (!strcmp(op, "=") || !strcmp(op, "=="))
		return !strcmp(a, b);
	if (!strcmp(op, "!="))
		return strcmp(a, b) != 0;
	if (!strcmp(op, "<"))
		return strcmp(a, b) < 0;
	if (!strcmp(op, ">"))
		return strcmp(a, b) > 0;
	if (!strcmp(op, "-nt") || !strcmp(op, "-ot") || !strcmp(op, "-ef"))
		return compare_files(op, a, b);
	x = t_int(t, a);
	y = t_int(t, b);
	if (!strcmp(op, "-eq")) return x == y;
	if (!strcmp(op, "-ne")) return x != y;
	if (!strcmp(op, "-gt")) return x > y;
	if (!strcmp(op, "-ge")) return x >= y;
	if (!strcmp(op, "-lt")) return x < y;
	return x <= y;
}

static int t_primary(struct tparse *t)
{
	const char *a = peek(t, 0), *b = peek(t, 1);
	int r;

	if (!a)
		t_fail(t, "argument expected", NULL);
	if (is_binary(b) && peek(t, 2)) {
		t->i += 3;
		return binary(t, a, b, peek(t, -1));
	}
	if (!strcmp(a, "(") && b) {
		t->i++;
		r = t_or(t);
		if (!peek(t, 0) || strcmp(peek(t, 0), ")"))
			t_fail(t, "missing ')'", NULL);
		t->i++;
		return r;
	}
	if (is_unary(a) && b) {
		t->i += 2;
		if (a[1] == 'n')
			return *b != 0;
		if (a[1] == 'z')
			return *b == 0;
		return file_test(a[1], b);
	}
	t->i++;
	return *a != 0;
}

static int t_not(struct tparse *t)
{
	const char *a = peek(t, 0);

	if (a && !strcmp(a, "!") && peek(t, 1)) {
		t->i++;
		return !t_not(t);
	}
	return t_primary(t);
}

static int t_and(struct tparse *t)
{
	int r = t_not(t);

	while (peek(t, 0) && !strcmp(peek(t, 0), "-a") && peek(t, 1)) {
		t->i++;
		r = t_not(t) && r;
	}
	return r;
}

static int t_or(struct tparse *t)
{
	int r = t_and(t);

	while (peek(t, 0) && !strcmp(peek(t, 0), "-o") && peek(t, 1)) {
		t->i++;
		r = t_and(t) || r;
	}
	return r;
}

int test_builtin(char **argv)
{
	struct tparse t = { .av = argv + 1 };
	int r;

	while (t.av[t.n])
		t.n++;
	if (!strcmp(argv[0], "[")) {
		if (!t.n || strcmp(t.av[t.n - 1], "]")) {
			sh_err("[: missing ]");
			return 2;
		}
		t.n--;
	}
	if (setjmp(t.err))
		return 2;
	if (!t.n)
		return 1;
	/* POSIX: with 3 arguments a binary operator wins over ! and (. */
	if (t.n == 3 && is_binary(t.av[1]))
		return !binary(&t, t.av[0], t.av[1], t.av[2]);
	r = t_or(&t);
	if (t.i < t.n)
		t_fail(&t, "unexpected argument", t.av[t.i]);
	return !r;
}
