/*
 * Shell variables (sh.h): one list of name, value and flags (exported,
 * read-only), the environment given to commands, and the scopes that
 * `local` (an extension) saves variables in while a function runs.
 */
#include "sh.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct var {
	char *name;
	char *value;	/* NULL: unset (but maybe flagged) */
	int flags;
	struct var *next;
};

struct saved_var {
	char *name;
	char *value;
	int flags;
	int existed;
	struct saved_var *next;
};

struct scope {
	struct saved_var *saved;
	struct scope *up;
};

static struct var *vars;
static struct scope *scopes;

static struct var *var_find(const char *name, size_t n)
{
	for (struct var *v = vars; v; v = v->next)
		if (strlen(v->name) == n && !strncmp(v->name, name, n))
			return v;
	return NULL;
}

static struct var *var_make(const char *name, size_t n)
{
	struct var *v = var_find(name, n);

	if (v)
		return v;
	v = xmalloc(sizeof(*v));
	v->name = xmalloc(n + 1);
	memcpy(v->name, name, n);
	v->name[n] = 0;
	v->value = NULL;
	v->flags = 0;
	v->next = vars;
	vars = v;
	return v;
}

const char *var_get(const char *name)
{
	struct var *v = var_find(name, strlen(name));

	return v ? v->value : NULL;
}

int var_flags(const char *name)
{
	struct var *v = var_find(name, strlen(name));

	return v ? v->flags : 0;
}

static int set_value(struct var *v, const char *value, int flags)
{
	if (v->flags & V_READONLY) {
		sh_err("%s: is read only", v->name);
		return -1;
	}
	free(v->value);
	v->value = value ? xstrdup(value) : NULL;
	v->flags |= flags;
	return 0;
}

int var_set(const char *name, const char *value, int flags)
{
	return set_value(var_make(name, strlen(name)), value, flags);
}

int var_setn(const char *assign, int flags)
{
	const char *eq = strchr(assign, '=');

	return set_value(var_make(assign, (size_t)(eq - assign)), eq + 1,
			 flags);
}

void var_add_flags(const char *name, int flags)
{
	var_make(name, strlen(name))->flags |= flags;
}

int var_unset(const char *name)
{
	struct var **pp = &vars, *v;

	while ((v = *pp) && strcmp(v->name, name))
		pp = &v->next;
	if (!v)
		return 0;
	if (v->flags & V_READONLY) {
		sh_err("%s: is read only", name);
		return -1;
	}
	*pp = v->next;
	free(v->name);
	free(v->value);
	free(v);
	return 0;
}

char **var_environ(void)
{
	struct strv env = { 0 };
	struct strbuf sb = { 0 };

	for (struct var *v = vars; v; v = v->next) {
		if (!(v->flags & V_EXPORT) || !v->value)
			continue;
		sb_printf(&sb, "%s=%s", v->name, v->value);
		sv_push(&env, sb_take(&sb));
	}
	if (!env.v)
		sv_push(&env, NULL), env.n = 0;
	return env.v;
}

void var_import(char **envp)
{
	for (; *envp; envp++) {
		const char *eq = strchr(*envp, '=');

		if (eq && is_name_n(*envp, (size_t)(eq - *envp)))
			var_setn(*envp, V_EXPORT);
	}
}

static void print_quoted(const char *s)
{
	if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
			 "QRSTUVWXYZ0123456789_-./:,+@%=") == strlen(s)) {
		fputs(s, stdout);
		return;
	}
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

static int cmp_vars(const void *a, const void *b)
{
	return strcmp((*(struct var *const *)a)->name,
		      (*(struct var *const *)b)->name);
}

/* `set` (flags 0), `export -p` or `readonly -p` listings, sorted. */
void var_list(int only_flags, const char *prefix)
{
	struct var **all;
	size_t n = 0, i = 0;

	for (struct var *v = vars; v; v = v->next)
		n++;
	all = xmalloc(sizeof(*all) * (n + 1));
	for (struct var *v = vars; v; v = v->next)
		all[i++] = v;
	qsort(all, n, sizeof(*all), cmp_vars);
	for (i = 0; i < n; i++) {
		if ((all[i]->flags & only_flags) != only_flags ||
		    (!only_flags && !all[i]->value))
			continue;
		printf("%s%s", prefix, all[i]->name);
		if (all[i]->value) {
			putchar('=');
			print_quoted(all[i]->value);
		}
		putchar('\n');
	}
	free(all);
}

void var_scope_push(void)
{
	struct scope *s = xmalloc(sizeof(*s));

	s->saved = NULL;
	s->up = scopes;
	scopes = s;
}

void var_scope_pop(void)
{
	struct scope *s = scopes;

	if (!s)
		return;
	while (s->saved) {
		struct saved_var *sv = s->saved;
		struct var *v = var_make(sv->name, strlen(sv->name));

		s->saved = sv->next;
		free(v->value);
		v->value = sv->value;
		v->flags = sv->flags;
		if (!sv->existed)
			var_unset(sv->name);
		free(sv->name);
		free(sv);
	}
	scopes = s->up;
	free(s);
}

/* Save @name in the innermost function scope; restored on return. */
int var_local(const char *name)
{
	struct var *v;
	struct saved_var *sv;

	if (!scopes)
		return -1;
	for (sv = scopes->saved; sv; sv = sv->next)
		if (!strcmp(sv->name, name))
			return 0;
	v = var_find(name, strlen(name));
	sv = xmalloc(sizeof(*sv));
	sv->name = xstrdup(name);
	sv->value = v && v->value ? xstrdup(v->value) : NULL;
	sv->flags = v ? v->flags : 0;
	sv->existed = v != NULL;
	sv->next = scopes->saved;
	scopes->saved = sv;
	return 0;
}
