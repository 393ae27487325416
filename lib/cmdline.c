/*
 * Kernel command-line tokenizer (include/lib/cmdline.h). Pure logic: the
 * kernel's boot code and parameter handling call it on a writable copy of
 * the line, and tests/unit/test_cmdline.c runs it on the host.
 *
 * The line is rewritten in place: each word's quotes are squeezed out, a
 * NUL ends it, and the first '=' outside quotes becomes the NUL between
 * key and value. A quoted '=' is text, so "a=b" (with its quotes) is one
 * key with no value, while key="a=b" has the value a=b.
 */
#include <stdbool.h>
#include "errno.h"
#include "lib/cmdline.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Take the word starting at @p (not a space), compacting it in place.
 * Returns where scanning goes on; sets *@open_quote when the line ended
 * inside quotes.
 */
static char *take_word(char *p, struct cmdline_word *word, bool *open_quote)
{
	char *out = p;
	bool quoted = false;

	word->key = p;
	word->val = NULL;
	for (; *p && (quoted || !is_space(*p)); p++) {
		if (*p == '"') {
			quoted = !quoted;
		} else if (*p == '=' && !quoted && !word->val) {
			*out++ = '\0';
			word->val = out;
		} else {
			*out++ = *p;
		}
	}
	*open_quote = quoted;
	/* out <= p: the terminator may overwrite the separator at p. */
	if (*p) {
		*out = '\0';
		return p + 1;
	}
	*out = '\0';
	return p;
}

int cmdline_split(char *buf, struct cmdline_word *words, size_t max)
{
	struct cmdline_word word;
	bool open_quote = false;
	int n = 0;

	while (*buf) {
		if (is_space(*buf)) {
			buf++;
			continue;
		}
		buf = take_word(buf, &word, &open_quote);
		if ((size_t)n < max)
			words[n] = word;
		n++;
	}
	return open_quote ? -EINVAL : n;
}
