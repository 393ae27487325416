/*
 * Host tests for lib/cmdline.c: word splitting, quotes (closed, open, in
 * the middle of a word, around '='), key=value forms, blank lines, and
 * more words than slots.
 */
#include "errno.h"
#include "lib/cmdline.h"
#include "unittest.h"

#define MAX_WORDS	8

struct split {
	char buf[256];
	struct cmdline_word w[MAX_WORDS + 1];	/* +1: a sentinel */
	int n;
};

/* Split a copy of @line into at most @max words; w[max] stays a sentinel. */
static void split(struct split *s, const char *line, size_t max)
{
	static char sentinel[] = "sentinel";

	snprintf_host(s->buf, sizeof(s->buf), "%s", line);
	for (size_t i = 0; i <= MAX_WORDS; i++) {
		s->w[i].key = sentinel;
		s->w[i].val = sentinel;
	}
	s->n = cmdline_split(s->buf, s->w, max);
	EXPECT(s->w[max].key == sentinel);
}

/* Word @i is @key with value @val (NULL: no '='). */
static void expect_word(const struct split *s, int i, const char *key,
			const char *val)
{
	EXPECT_STREQ(s->w[i].key, key);
	if (val)
		EXPECT_STREQ(s->w[i].val, val);
	else
		EXPECT(s->w[i].val == NULL);
	/* In place: every pointer is into the buffer. */
	EXPECT(s->w[i].key >= s->buf && s->w[i].key < s->buf + sizeof(s->buf));
}

TEST(linux_style_line)
{
	struct split s;

	split(&s, "console=ttyS0 quiet init=/bin/sh panic=-1", MAX_WORDS);
	EXPECT_EQ(s.n, 4);
	expect_word(&s, 0, "console", "ttyS0");
	expect_word(&s, 1, "quiet", NULL);
	expect_word(&s, 2, "init", "/bin/sh");
	expect_word(&s, 3, "panic", "-1");
}

TEST(runs_of_blanks_separate_once)
{
	struct split s;

	split(&s, "  \t a \n\n b\t\tc   ", MAX_WORDS);
	EXPECT_EQ(s.n, 3);
	expect_word(&s, 0, "a", NULL);
	expect_word(&s, 1, "b", NULL);
	expect_word(&s, 2, "c", NULL);
}

TEST(blank_lines_have_no_words)
{
	struct split s;

	split(&s, "", MAX_WORDS);
	EXPECT_EQ(s.n, 0);
	split(&s, " \t\n  ", MAX_WORDS);
	EXPECT_EQ(s.n, 0);
}

TEST(quotes_group_and_disappear)
{
	struct split s;

	split(&s, "init=\"/bin/sh -c x\" \"a b\" c\"d e\"f \"\" z",
	      MAX_WORDS);
	EXPECT_EQ(s.n, 5);
	expect_word(&s, 0, "init", "/bin/sh -c x");
	expect_word(&s, 1, "a b", NULL);
	expect_word(&s, 2, "cd ef", NULL);
	expect_word(&s, 3, "", NULL);
	expect_word(&s, 4, "z", NULL);
}

TEST(quoted_equals_does_not_split)
{
	struct split s;

	split(&s, "\"a=b\" k=\"x=y\" \"p\"=q", MAX_WORDS);
	EXPECT_EQ(s.n, 3);
	expect_word(&s, 0, "a=b", NULL);
	expect_word(&s, 1, "k", "x=y");
	expect_word(&s, 2, "p", "q");
}

TEST(open_quote_is_an_error_but_keeps_words)
{
	struct split s;

	split(&s, "a \"b  c\tunfinished", MAX_WORDS);
	EXPECT_EQ(s.n, -EINVAL);
	expect_word(&s, 0, "a", NULL);
	expect_word(&s, 1, "b  c\tunfinished", NULL);
	EXPECT_STREQ(s.w[2].key, "sentinel");

	split(&s, "k=\"v", MAX_WORDS);
	EXPECT_EQ(s.n, -EINVAL);
	expect_word(&s, 0, "k", "v");
	split(&s, "\"", MAX_WORDS);
	EXPECT_EQ(s.n, -EINVAL);
	expect_word(&s, 0, "", NULL);
}

TEST(key_value_edge_forms)
{
	struct split s;

	split(&s, "key= =value = a==b a=b=c", MAX_WORDS);
	EXPECT_EQ(s.n, 5);
	expect_word(&s, 0, "key", "");
	expect_word(&s, 1, "", "value");
	expect_word(&s, 2, "", "");
	expect_word(&s, 3, "a", "=b");
	expect_word(&s, 4, "a", "b=c");
}

TEST(too_many_words_are_counted_not_stored)
{
	struct split s;

	split(&s, "a b c d e", 2);
	EXPECT_EQ(s.n, 5);
	expect_word(&s, 0, "a", NULL);
	expect_word(&s, 1, "b", NULL);

	char line[] = "x y=1 \"z w\"";

	EXPECT_EQ(cmdline_split(line, NULL, 0), 3);
}
