/*
 * Arithmetic expansion $((...)) (sh.h): a recursive-descent evaluator
 * of the C operators POSIX lists, on long integers, with variables by
 * name and the assignment operators. `noeval` skips side effects and
 * errors in the branch && || ?: do not take.
 */
#include "sh.h"
#include "util.h"

#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arith {
	const char *p;
	int noeval;
	jmp_buf err;
	int depth;
};

static long a_assign(struct arith *a);

static void __attribute__((noreturn)) a_fail(struct arith *a,
					       const char *msg)
{
	sh_err("arithmetic: %s", msg);
	longjmp(a->err, 1);
}

static void skip(struct arith *a)
{
	while (isspace((unsigned char)*a->p))
		a->p++;
}

static int accept(struct arith *a, const char *op)
{
	size_t n = strlen(op);
	char next;

	skip(a);
	if (strncmp(a->p, op, n))
		return 0;
	/* "<" must not take the first half of "<<" or "<=", and so on. */
	next = a->p[n];
	if (n == 1 && strchr("<>&|", op[0]) && (next == op[0] || next == '='))
		return 0;
	if (n == 1 && op[0] == '!' && next == '=')
		return 0;
	if (n == 2 && (!strcmp(op, "<<") || !strcmp(op, ">>")) && next == '=')
		return 0;
	a->p += n;
	return 1;
}

static long var_value(struct arith *a, const char *name)
{
	const char *v = var_get(name);
	long r;
	char *end;

	if (!v || !*v) {
		if (sh.opt_u && !v && !a->noeval)
			a_fail(a, "variable not set");
		return 0;
	}
	r = strtol(v, &end, 0);
	if (*end) {
		int saved = a->depth;

		if (++a->depth > 32 || arith_eval(v, &r) < 0)
			a_fail(a, "bad number");
		a->depth = saved;
	}
	return r;
}

static long set_var(struct arith *a, const char *name, long v)
{
	char buf[32];

	if (!a->noeval) {
		snprintf(buf, sizeof(buf), "%ld", v);
		if (var_set(name, buf, 0) < 0)
			longjmp(a->err, 1);
	}
	return v;
}

/* Two's complement wrap-around, as the shells do, without C's
 * undefined behaviour: + - * in unsigned, shifts modulo 64. */
static long apply(struct arith *a, const char *op, long l, long r)
{
	unsigned long ul = (unsigned long)l, ur = (unsigned long)r;

	if ((op[0] == '/' || op[0] == '%') && r == 0) {
		if (a->noeval)
			return 0;
		a_fail(a, "division by zero");
	}
	if ((op[0] == '/' || op[0] == '%') && r == -1)
		return op[0] == '/' ? (long)(0 - ul) : 0;
	switch (op[0]) {
	case '+': return (long)(ul + ur);
	case '-': return (long)(ul - ur);
	case '*': return (long)(ul * ur);
	case '/': return l / r;
	case '%': return l % r;
	case '&': return l & r;
	case '|': return l | r;
	case '^': return l ^ r;
	case '<': return (long)(ul << (r & 63));
	case '>': return l >> (r & 63);
	}
	return r;
}

/* A name, possibly assigned to; NULL when the operand is not a name. */
static long a_name(struct arith *a, int *found)
{
	static const char *const ops[] = { "<<=", ">>=", "+=", "-=", "*=",
		"/=", "%=", "&=", "^=", "|=", NULL };
	char name[256];
	size_t n = 0;
	long v;

	while (isalnum((unsigned char)a->p[n]) || a->p[n] == '_')
		n++;
	if (n >= sizeof(name))
		a_fail(a, "name too long");
	memcpy(name, a->p, n);
	name[n] = 0;
	a->p += n;
	*found = 1;
	skip(a);
	for (int i = 0; ops[i]; i++)
		if (!strncmp(a->p, ops[i], strlen(ops[i]))) {
			a->p += strlen(ops[i]);
			v = a_assign(a);
			return set_var(a, name, apply(a, ops[i],
					      var_value(a, name), v));
		}
	if (a->p[0] == '=' && a->p[1] != '=') {
		a->p++;
		return set_var(a, name, a_assign(a));
	}
	if (!strncmp(a->p, "++", 2) || !strncmp(a->p, "--", 2)) {
		v = var_value(a, name);
		set_var(a, name, apply(a, a->p[0] == '+' ? "+" : "-", v, 1));
		a->p += 2;
		return v;
	}
	return var_value(a, name);
}

static long a_primary(struct arith *a)
{
	int found = 0;
	char *end;
	long v;

	skip(a);
	if (*a->p == '(') {
		a->p++;
		v = a_assign(a);
		skip(a);
		if (*a->p != ')')
			a_fail(a, "missing ')'");
		a->p++;
		return v;
	}
	if (isalpha((unsigned char)*a->p) || *a->p == '_')
		return a_name(a, &found);
	if (!isdigit((unsigned char)*a->p))
		a_fail(a, *a->p ? "syntax error" : "missing operand");
	v = strtol(a->p, &end, 0);
	if (isalnum((unsigned char)*end) || *end == '_')
		a_fail(a, "bad number");
	a->p = end;
	return v;
}

static long a_unary(struct arith *a)
{
	skip(a);
	if (!strncmp(a->p, "++", 2) || !strncmp(a->p, "--", 2)) {
		int inc = a->p[0] == '+';
		char name[256];
		size_t n = 0;

		a->p += 2;
		skip(a);
		while (isalnum((unsigned char)a->p[n]) || a->p[n] == '_')
			n++;
		if (!n || n >= sizeof(name) || isdigit((unsigned char)*a->p))
			a_fail(a, "++/-- needs a variable");
		memcpy(name, a->p, n);
		name[n] = 0;
		a->p += n;
		return set_var(a, name, apply(a, inc ? "+" : "-",
					      var_value(a, name), 1));
	}
	if (accept(a, "-"))
		return (long)(0 - (unsigned long)a_unary(a));
	if (accept(a, "+"))
		return a_unary(a);
	if (accept(a, "!"))
		return !a_unary(a);
	if (accept(a, "~"))
		return ~a_unary(a);
	return a_primary(a);
}

/* Binary levels, lowest first; each row is one precedence level. */
static const char *const levels[][5] = {
	{ "|", NULL }, { "^", NULL }, { "&", NULL }, { "==", "!=", NULL },
	{ "<=", ">=", "<", ">", NULL }, { "<<", ">>", NULL },
	{ "+", "-", NULL }, { "*", "/", "%", NULL },
};
#define NLEVELS (int)(sizeof(levels) / sizeof(levels[0]))

static long a_binary(struct arith *a, int level)
{
	long l, r;
	int i;

	if (level == NLEVELS)
		return a_unary(a);
	l = a_binary(a, level + 1);
	for (;;) {
		for (i = 0; levels[level][i]; i++)
			if (accept(a, levels[level][i]))
				break;
		if (!levels[level][i])
			return l;
		const char *op = levels[level][i];

		r = a_binary(a, level + 1);
		if (!strcmp(op, "==")) l = l == r;
		else if (!strcmp(op, "!=")) l = l != r;
		else if (!strcmp(op, "<=")) l = l <= r;
		else if (!strcmp(op, ">=")) l = l >= r;
		else if (!strcmp(op, "<")) l = l < r;
		else if (!strcmp(op, ">")) l = l > r;
		else l = apply(a, op, l, r);
	}
}

static long a_logic(struct arith *a, int is_or)
{
	long l = is_or ? a_logic(a, 0) : a_binary(a, 0), r;

	while (accept(a, is_or ? "||" : "&&")) {
		int skip_it = is_or ? l != 0 : l == 0;

		a->noeval += skip_it;
		r = is_or ? a_logic(a, 0) : a_binary(a, 0);
		a->noeval -= skip_it;
		l = is_or ? (l || r) : (l && r);
	}
	return l;
}

static long a_cond(struct arith *a)
{
	long c = a_logic(a, 1), t, f;

	if (!accept(a, "?"))
		return c;
	a->noeval += !c;
	t = a_assign(a);
	a->noeval -= !c;
	if (!accept(a, ":"))
		a_fail(a, "missing ':'");
	a->noeval += !!c;
	f = a_cond(a);
	a->noeval -= !!c;
	return c ? t : f;
}

static long a_assign(struct arith *a)
{
	return a_cond(a);
}

int arith_eval(const char *expr, long *out)
{
	struct arith a = { .p = expr };

	if (setjmp(a.err))
		return -1;
	skip(&a);
	if (!*a.p) {
		*out = 0;
		return 0;
	}
	*out = a_assign(&a);
	skip(&a);
	if (*a.p)
		a_fail(&a, "syntax error");
	return 0;
}
