/*
 * The shell's syntax tree (sh.h, struct node): allocation, freeing and
 * turning a tree back into text (for jobs listings and `type`).
 */
#include "sh.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct node *node_new(enum node_type type, int lineno)
{
	struct node *n = xmalloc(sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->type = type;
	n->lineno = lineno;
	return n;
}

static void redirs_free(struct redir *r)
{
	while (r) {
		struct redir *next = r->next;

		free(r->word);
		free(r->body);
		free(r);
		r = next;
	}
}

void node_free(struct node *n)
{
	if (!n)
		return;
	node_free(n->a);
	node_free(n->b);
	node_free(n->c);
	for (int i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	sv_free(&n->words);
	sv_free(&n->assigns);
	free(n->name);
	redirs_free(n->redirs);
	while (n->items) {
		struct case_item *it = n->items;

		n->items = it->next;
		sv_free(&it->pats);
		node_free(it->body);
		free(it);
	}
	free(n);
}

static const char *const redir_ops[] = {
	[R_IN] = "<", [R_OUT] = ">", [R_APPEND] = ">>", [R_CLOBBER] = ">|",
	[R_DUPIN] = "<&", [R_DUPOUT] = ">&", [R_RDWR] = "<>",
	[R_HEREDOC] = "<<",
};

static void redirs_text(struct strbuf *sb, struct redir *r)
{
	for (; r; r = r->next) {
		int def = (r->type == R_IN || r->type == R_DUPIN ||
			   r->type == R_RDWR || r->type == R_HEREDOC) ? 0 : 1;

		sb_addc(sb, ' ');
		if (r->fd != def)
			sb_printf(sb, "%d", r->fd);
		sb_adds(sb, redir_ops[r->type]);
		sb_adds(sb, r->word);
	}
}

static void words_text(struct strbuf *sb, struct strv *sv, int lead)
{
	for (int i = 0; i < sv->n; i++) {
		if (lead || i)
			sb_addc(sb, ' ');
		sb_adds(sb, sv->v[i]);
	}
}

static void list_text(struct strbuf *sb, const char *pre, struct node *n,
		      const char *post)
{
	sb_adds(sb, pre);
	node_text_into(sb, n);
	sb_adds(sb, post);
}

static void compound_text(struct strbuf *sb, struct node *n)
{
	switch (n->type) {
	case N_IF:
		list_text(sb, "if ", n->a, "; ");
		list_text(sb, "then ", n->b, "; ");
		if (n->c)
			list_text(sb, "else ", n->c, "; ");
		sb_adds(sb, "fi");
		break;
	case N_WHILE:
	case N_UNTIL:
		list_text(sb, n->type == N_WHILE ? "while " : "until ", n->a,
			  "; ");
		list_text(sb, "do ", n->b, "; done");
		break;
	case N_FOR:
		sb_printf(sb, "for %s", n->name);
		if (n->has_in) {
			sb_adds(sb, " in");
			words_text(sb, &n->words, 1);
		}
		list_text(sb, "; do ", n->b, "; done");
		break;
	case N_CASE:
		sb_printf(sb, "case %s in", n->name);
		for (struct case_item *it = n->items; it; it = it->next) {
			sb_addc(sb, ' ');
			for (int i = 0; i < it->pats.n; i++)
				sb_printf(sb, "%s%s", i ? "|" : "",
					  it->pats.v[i]);
			list_text(sb, ") ", it->body, ";;");
		}
		sb_adds(sb, " esac");
		break;
	default:
		break;
	}
}

void node_text_into(struct strbuf *sb, struct node *n)
{
	if (!n)
		return;
	switch (n->type) {
	case N_CMD:
		words_text(sb, &n->assigns, 0);
		words_text(sb, &n->words, n->assigns.n > 0);
		break;
	case N_PIPE:
		sb_adds(sb, n->bang ? "! " : "");
		for (int i = 0; i < n->nkids; i++) {
			sb_adds(sb, i ? " | " : "");
			node_text_into(sb, n->kids[i]);
		}
		return;
	case N_AND:
	case N_OR:
	case N_SEQ:
		node_text_into(sb, n->a);
		sb_adds(sb, n->type == N_AND ? " && " :
			n->type == N_OR ? " || " : "; ");
		node_text_into(sb, n->b);
		return;
	case N_BG:
		list_text(sb, "", n->a, " &");
		return;
	case N_SUBSHELL:
		list_text(sb, "(", n->a, ")");
		break;
	case N_GROUP:
		list_text(sb, "{ ", n->a, "; }");
		break;
	case N_FUNC:
		sb_printf(sb, "%s() ", n->name);
		node_text_into(sb, n->a);
		return;
	default:
		compound_text(sb, n);
		break;
	}
	redirs_text(sb, n->redirs);
}

char *node_text(struct node *n)
{
	struct strbuf sb = { 0 };

	node_text_into(&sb, n);
	return sb_take(&sb);
}
