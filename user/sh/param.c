/*
 * Parameter expansion (sh.h), the $ part of expand.c: $name, $1,
 * the special parameters, ${...} with its operators, $(...) and
 * $((...)).
 */
#include "sh.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void add_value(struct xbuf *xb, const char *val, int flags)
{
	xb_adds(xb, val, (flags & (X_DQ | X_HERE)) ? A_QUOT : A_SPLIT);
}

static void flags_string(char *buf)
{
	char *p = buf;

	if (sh.opt_e)
		*p++ = 'e';
	if (sh.opt_f)
		*p++ = 'f';
	if (sh.interactive)
		*p++ = 'i';
	if (sh.jobctl)
		*p++ = 'm';
	if (sh.opt_u)
		*p++ = 'u';
	if (sh.opt_v)
		*p++ = 'v';
	if (sh.opt_x)
		*p++ = 'x';
	if (sh.opt_C)
		*p++ = 'C';
	*p = 0;
}

/* The value of parameter @name (@len chars), NULL when unset; @buf holds
 * numbers. */
static const char *param_value(const char *name, size_t len, char *buf)
{
	char c = name[0];

	if (isdigit((unsigned char)c)) {
		long k = strtol(name, NULL, 10);

		if (k == 0)
			return sh.arg0;
		return k <= sh.pos.n ? sh.pos.v[k - 1] : NULL;
	}
	if (len == 1 && strchr("?$!#-", c)) {
		long v = c == '?' ? sh.status : c == '$' ? sh.pid :
			 c == '!' ? sh.last_bg : sh.pos.n;

		if (c == '-') {
			flags_string(buf);
			return buf;
		}
		if (c == '!' && !v)
			return NULL;
		snprintf(buf, 32, "%ld", v);
		return buf;
	}
	{
		char name0[256];

		if (len >= sizeof(name0))
			return NULL;
		memcpy(name0, name, len);
		name0[len] = 0;
		return var_get(name0);
	}
}

static void add_params(struct xbuf *xb, int flags, int star)
{
	const char *ifs = var_get("IFS");
	int dq = flags & (X_DQ | X_HERE);

	if (dq && !star && !sh.pos.n)
		xb->at_empty = 1;
	for (int k = 0; k < sh.pos.n; k++) {
		if (k && dq && star) {
			if (!ifs || *ifs)
				xb_add(xb, ifs ? *ifs : ' ', A_QUOT);
		} else if (k) {
			xb_add(xb, 0, A_BREAK);
		}
		if (dq && !star)
			xb_add(xb, 0, A_MARK);
		add_value(xb, sh.pos.v[k], flags);
	}
}

static void __attribute__((noreturn)) unset_error(const char *name,
						  size_t len)
{
	sh_err("%.*s: parameter not set", (int)len, name);
	sh_abort(2);
}

/* Length of a parameter name at @s: special, digits or a name. */
static size_t name_len(const char *s, size_t n, int braced)
{
	size_t j = 0;

	if (!n)
		return 0;
	if (strchr("@*#?-$!", s[0]))
		return 1;
	if (isdigit((unsigned char)s[0])) {
		if (!braced)
			return 1;
		while (j < n && isdigit((unsigned char)s[j]))
			j++;
		return j;
	}
	while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_'))
		j++;
	return isdigit((unsigned char)s[0]) ? 0 : j;
}

static char *remove_pattern(const char *val, const char *pat, char op,
			    int longest)
{
	size_t len = strlen(val);
	char *tmp = xstrdup(val), *res = NULL;

	for (size_t k = 0; k <= len && !res; k++) {
		size_t cut = longest ? (op == '#' ? len - k : k) :
				       (op == '#' ? k : len - k);

		if (op == '#') {
			char save = tmp[cut];

			tmp[cut] = 0;
			if (pat_match(pat, tmp))
				res = xstrdup(val + cut);
			tmp[cut] = save;
		} else if (pat_match(pat, val + cut)) {
			res = strndup(val, cut);
		}
	}
	free(tmp);
	return res ? res : xstrdup(val);
}

static int word_to_str(const char *w, size_t n, char **out, int pattern)
{
	struct xbuf t = { 0 };
	int r = expand_raw(&t, w, n, 0);

	*out = pattern ? xb_to_pattern(&t) : xb_to_str(&t);
	xb_free(&t);
	return r;
}

/* ${x=w} and ${x?w} when x is unset (or empty with ':'). */
static int assign_or_fail(struct xbuf *xb, const char *name, size_t nl,
			  char o, const char *w, size_t wl, int flags)
{
	char vname[256], *str;
	int r = word_to_str(w, wl, &str, 0);

	if (o == '?') {
		sh_err("%.*s: %s", (int)nl, name,
		       *str ? str : "parameter not set");
		free(str);
		sh_abort(2);
	}
	snprintf(vname, sizeof(vname), "%.*s", (int)nl, name);
	if (!is_name(vname)) {
		sh_err("%s: cannot assign in this way", vname);
		free(str);
		sh_abort(2);
	}
	if (r == 0 && var_set(vname, str, 0) == 0)
		add_value(xb, str, flags);
	free(str);
	return r;
}

/* ${x%p} ${x%%p} ${x#p} ${x##p} */
static int remove_op(struct xbuf *xb, const char *name, size_t nl,
		     const char *val, char o, const char *w, size_t wl,
		     int flags)
{
	int longest = wl > 0 && w[0] == o, r;
	char *str, *res;

	if (!val && sh.opt_u)
		unset_error(name, nl);
	r = word_to_str(w + longest, wl - (size_t)longest, &str, 1);
	res = remove_pattern(val ? val : "", str, o, longest);
	add_value(xb, res, flags);
	free(res);
	free(str);
	return r;
}

static int brace_op(struct xbuf *xb, const char *name, size_t nl,
		    const char *val, const char *op, size_t n, int flags)
{
	int colon = op[0] == ':';
	char o = op[colon];
	const char *w = op + colon + 1;
	size_t wl = n - (size_t)colon - 1;
	int unset = !val || (colon && !*val);

	if (o == '-' || o == '+') {
		if ((o == '-') == unset)
			return expand_raw(xb, w, wl, flags);
		if (o == '-')
			add_value(xb, val, flags);
		return 0;
	}
	if (o == '=' || o == '?') {
		if (unset)
			return assign_or_fail(xb, name, nl, o, w, wl, flags);
		add_value(xb, val, flags);
		return 0;
	}
	if ((o == '%' || o == '#') && !colon)
		return remove_op(xb, name, nl, val, o, w, wl, flags);
	sh_err("${%.*s%.*s}: bad substitution", (int)nl, name, (int)n, op);
	sh_abort(2);
}

static int brace_param(struct xbuf *xb, const char *s, size_t n, int flags)
{
	char buf[64];
	size_t nl;
	const char *val;

	if (n > 1 && s[0] == '#' && name_len(s + 1, n - 1, 1) == n - 1) {
		val = param_value(s + 1, n - 1, buf);
		if (!val && sh.opt_u && s[1] != '@' && s[1] != '*')
			unset_error(s + 1, n - 1);
		if (s[1] == '@' || s[1] == '*')
			snprintf(buf, sizeof(buf), "%d", sh.pos.n);
		else
			snprintf(buf, sizeof(buf), "%zu", val ? strlen(val) : 0);
		add_value(xb, buf, flags);
		return 0;
	}
	nl = name_len(s, n, 1);
	if (!nl) {
		sh_err("${%.*s}: bad substitution", (int)n, s);
		sh_abort(2);
	}
	if ((s[0] == '@' || s[0] == '*') && nl == n) {
		add_params(xb, flags, s[0] == '*');
		return 0;
	}
	val = param_value(s, nl, buf);
	if ((s[0] == '@' || s[0] == '*')) {
		struct xbuf t = { 0 };

		add_params(&t, X_DQ, 1);
		val = sh.pos.n ? xb_to_str(&t) : NULL;
		xb_free(&t);	/* the string leaks: rare, and small */
	}
	if (nl == n) {
		if (!val && sh.opt_u)
			unset_error(s, nl);
		add_value(xb, val ? val : "", flags);
		return 0;
	}
	return brace_op(xb, s, nl, val, s + nl, n - nl, flags);
}

static int arith_subst(struct xbuf *xb, const char *s, size_t n, int flags)
{
	char *expr, buf[32];
	long v;
	int r = word_to_str(s, n, &expr, 0);

	if (r == 0 && arith_eval(expr, &v) < 0) {
		free(expr);
		sh_abort(2);
	}
	free(expr);
	snprintf(buf, sizeof(buf), "%ld", v);
	add_value(xb, buf, flags);
	return r;
}

static int dollar_construct(struct xbuf *xb, const char *s, size_t n,
			    size_t *ip, int flags)
{
	struct input in;
	struct strbuf tmp = { 0 };
	size_t i = *ip, end;
	int r;

	in_init_str(&in, s + i + 1, n - i - 1);
	r = scan_dollar(&in, &tmp);
	sb_free(&tmp);
	if (r < 0) {
		xb_add(xb, '$', A_QUOT);
		*ip = i + 1;
		return 0;
	}
	end = i + 1 + in.pos;
	*ip = end;
	if (s[i + 1] == '{')
		return brace_param(xb, s + i + 2, end - i - 3, flags);
	if (s[i + 2] == '(')
		return arith_subst(xb, s + i + 3, end - i - 5, flags);
	{
		char *text = strndup(s + i + 2, end - i - 3);

		r = cmdsubst(xb, text, flags, 0);
		free(text);
	}
	return r;
}

int expand_param(struct xbuf *xb, const char *s, size_t n, size_t *ip,
		 int flags)
{
	size_t i = *ip, nl;
	char buf[64];
	const char *val;

	if (i + 1 < n && (s[i + 1] == '{' || s[i + 1] == '('))
		return dollar_construct(xb, s, n, ip, flags);
	nl = i + 1 < n ? name_len(s + i + 1, n - i - 1, 0) : 0;
	if (!nl) {
		xb_add(xb, '$', (flags & (X_DQ | X_HERE)) ? A_QUOT : A_LIT);
		*ip = i + 1;
		return 0;
	}
	*ip = i + 1 + nl;
	if (s[i + 1] == '@' || s[i + 1] == '*') {
		add_params(xb, flags, s[i + 1] == '*');
		return 0;
	}
	val = param_value(s + i + 1, nl, buf);
	if (!val && sh.opt_u)
		unset_error(s + i + 1, nl);
	if (val)
		add_value(xb, val, flags);
	return 0;
}
