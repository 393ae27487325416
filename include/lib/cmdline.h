/*
 * Kernel command-line tokenizer (lib/cmdline.c): pure logic, host-tested.
 *
 * Splits a command line into words separated by spaces/tabs/newlines.
 * Double quotes group spaces into one word ("a b" or key="a b"); the quotes
 * are removed. Each word is split at the first '=' into key and value
 * (value NULL when there is no '='); an '=' inside quotes does not split,
 * so "a=b" in quotes is a key with no value. The parser works in place on
 * a writable copy of the line.
 */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include <stddef.h>

struct cmdline_word {
	char *key;
	char *val;		/* NULL: the word had no '=' */
};

/*
 * Tokenize @buf in place, filling at most @max words. Returns the number of
 * words found (which may exceed @max: the extra ones are not stored), or
 * -EINVAL when a quote is left open (the words before it are still stored
 * and the open-quoted rest is taken as one word; slots past the last word
 * are left untouched, so a caller that zeroed @words can still use them).
 * @words may be NULL when @max is 0, to count the words.
 */
int cmdline_split(char *buf, struct cmdline_word *words, size_t max);

#endif
