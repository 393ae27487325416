/*
 * grep: print the lines of files that match patterns. Basic regular
 * expressions by default, extended with -E, fixed strings with -F; the
 * matching is the C library's regcomp/regexec. Exit 0 when a line
 * matched, 1 when none did, 2 on an error.
 */
#include "textutil.h"
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: grep [-EFHLRchilnqrsvwx] [-e PATTERN]... [PATTERN] [FILE...]\n"
	"Print the lines of FILEs (or stdin) that match a PATTERN.\n"
	"  -E  extended regular expressions   -F  fixed strings\n"
	"  -e  add a PATTERN (repeatable)     -i  ignore case\n"
	"  -v  select non-matching lines      -w  match whole words\n"
	"  -x  match whole lines              -c  print counts\n"
	"  -l  print names of matching files  -L  of files without a match\n"
	"  -n  print line numbers             -h/-H  omit/print file names\n"
	"  -q  quiet: exit 0 on a match       -s  no messages about files\n"
	"  -r  search directories (-R: following all symbolic links)\n"
	"Exit status: 0 if a line is selected, 1 if none, 2 on an error.\n";

enum { MODE_BRE, MODE_ERE, MODE_FIXED };
enum { LIST_NONE, LIST_MATCH, LIST_NOMATCH };

static struct {
	int mode, icase, invert, number, count, list, quiet, nomsg;
	int word, line, recurse, follow, names;	/* names: -1 -h, 1 -H */
} opt;

static char **pats;		/* the patterns, one per line of -e args */
static size_t npats;
static regex_t *regs;
static int had_error;
static int implicit_dot;	/* -r without operands searches "." */

static void add_patterns(const char *arg)
{
	const char *p = arg, *nl;

	do {
		nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		pats = xrealloc(pats, (npats + 1) * sizeof(*pats));
		pats[npats] = xmalloc(len + 1);
		memcpy(pats[npats], p, len);
		pats[npats][len] = '\0';
		npats++;
		p = nl + 1;
	} while (nl);
}

static void compile_patterns(void)
{
	int flags = (opt.mode == MODE_ERE ? REG_EXTENDED : 0) |
		    (opt.icase ? REG_ICASE : 0);
	char msg[256];

	if (opt.mode == MODE_FIXED) {
		for (size_t i = 0; i < npats && opt.icase; i++)
			for (char *c = pats[i]; *c; c++)
				*c = tolower((unsigned char)*c);
		return;
	}
	regs = xmalloc(npats * sizeof(*regs));
	for (size_t i = 0; i < npats; i++) {
		int err = regcomp(&regs[i], pats[i], flags);

		if (err) {
			regerror(err, &regs[i], msg, sizeof(msg));
			fprintf(stderr, "%s: %s: %s\n", prog_name, pats[i],
				msg);
			exit(2);
		}
	}
}

/* First match of pattern @i in @s at or after @from: 0 and [*so, *eo). */
static int find_one(size_t i, const char *s, size_t from, size_t *so,
		    size_t *eo)
{
	regmatch_t m;
	const char *hit;

	if (opt.mode == MODE_FIXED) {
		hit = strstr(s + from, pats[i]);
		if (!hit)
			return -1;
		*so = hit - s;
		*eo = *so + strlen(pats[i]);
		return 0;
	}
	if (regexec(&regs[i], s + from, 1, &m, from ? REG_NOTBOL : 0))
		return -1;
	*so = from + m.rm_so;
	*eo = from + m.rm_eo;
	return 0;
}

static int is_word(int c)
{
	return isalnum(c) || c == '_';
}

/* Does pattern @i match @s (of length @len) under -w and -x? */
static int match_one(size_t i, const char *s, size_t len)
{
	size_t from = 0, so, eo;

	while (from <= len && !find_one(i, s, from, &so, &eo)) {
		if (opt.line) {
			if (so == 0 && eo == len)
				return 1;
			if (so > 0)
				return 0;
		} else if (!opt.word) {
			return 1;
		} else if ((so == 0 || !is_word((unsigned char)s[so - 1])) &&
			   (eo == len || !is_word((unsigned char)s[eo])) &&
			   eo > so) {
			return 1;
		}
		from = so + 1;
	}
	return 0;
}

/* Match a NUL-free segment against all patterns. */
static int match_segment(char *s, size_t len)
{
	if (opt.mode == MODE_FIXED && opt.icase)
		for (size_t i = 0; i < len; i++)
			s[i] = tolower((unsigned char)s[i]);
	for (size_t i = 0; i < npats; i++)
		if (match_one(i, s, len))
			return 1;
	return 0;
}

/* Does the line match? A line holding NUL bytes matches by segments. */
static int line_matches(const char *line, size_t len, char **scratch,
			size_t *cap)
{
	size_t start = 0;

	if (*cap < len + 1) {
		*cap = len + 1;
		*scratch = xrealloc(*scratch, *cap);
	}
	memcpy(*scratch, line, len);
	(*scratch)[len] = '\0';
	for (size_t i = 0; i <= len; i++) {
		if (i < len && (*scratch)[i])
			continue;
		if (match_segment(*scratch + start, i - start))
			return 1;
		start = i + 1;
	}
	return 0;
}

/* grep one open stream; returns the number of selected lines. */
static long grep_stream(FILE *f, const char *name, int show_name)
{
	char *line = NULL, *scratch = NULL;
	size_t cap = 0, scap = 0;
	long nsel = 0, lineno = 0;
	ssize_t len;
	int binary = 0;

	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len && line[len - 1] == '\n')
			len--;
		if (memchr(line, '\0', len))
			binary = 1;
		if (line_matches(line, len, &scratch, &scap) == opt.invert)
			continue;
		nsel++;
		if (opt.quiet || opt.list)
			break;
		if (opt.count)
			continue;
		if (binary) {
			fflush(stdout);
			fprintf(stderr, "%s: %s: binary file matches\n",
				prog_name, name);
			break;
		}
		if (show_name)
			printf("%s:", name);
		if (opt.number)
			printf("%ld:", lineno);
		fwrite(line, 1, len, stdout);
		putchar('\n');
	}
	free(line);
	free(scratch);
	return nsel;
}

static int selected;		/* some line was selected: exit 0 */

static void report(const char *name, long nsel, int show_name)
{
	if (nsel)
		selected = 1;
	if (opt.quiet) {
		if (nsel)
			exit(0);
		return;
	}
	if (opt.list == LIST_MATCH && nsel)
		printf("%s\n", name);
	else if (opt.list == LIST_NOMATCH && !nsel)
		printf("%s\n", name);
	else if (opt.count && !opt.list) {
		if (show_name)
			printf("%s:", name);
		printf("%ld\n", nsel);
	}
}

static void file_error(const char *name)
{
	if (!opt.nomsg)
		warnmsg("%s:", name);
	had_error = 1;
}

static void grep_path(const char *path, int top, int show_name);

static void grep_dir(const char *path, int show_name)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char *child;
	size_t plen = strlen(path);

	if (!d) {
		file_error(path);
		return;
	}
	while ((errno = 0, de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		child = xmalloc(plen + strlen(de->d_name) + 2);
		if (implicit_dot && !strcmp(path, "."))
			strcpy(child, de->d_name);	/* as GNU: no "./" */
		else
			sprintf(child, "%s%s%s", path,
				path[plen - 1] == '/' ? "" : "/", de->d_name);
		grep_path(child, 0, opt.names >= 0);
		free(child);
	}
	if (errno)
		file_error(path);
	closedir(d);
}

static void grep_path(const char *path, int top, int show_name)
{
	struct stat st;
	FILE *f;
	int r;

	if (strcmp(path, "-")) {
		r = (top || opt.follow) ? stat(path, &st) : lstat(path, &st);
		if (r < 0) {
			file_error(path);
			return;
		}
		if (S_ISLNK(st.st_mode))
			return;		/* -r follows only operands */
		if (S_ISDIR(st.st_mode)) {
			if (opt.recurse) {
				grep_dir(path, show_name);
			} else {
				errno = EISDIR;
				file_error(path);
			}
			return;
		}
		if (!top && !S_ISREG(st.st_mode))
			return;	/* no devices or FIFOs inside trees */
	}
	f = text_open(path, 1);
	if (!f) {
		file_error(path);
		return;
	}
	const char *name = strcmp(path, "-") ? path : "(standard input)";
	report(name, grep_stream(f, name, show_name), show_name);
	if (text_close(f))
		file_error(path);
}

static void parse_options(int argc, char **argv)
{
	int c;

	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("EFHLRce:hilnqrsvwx"))) !=
	       -1) {
		switch (c) {
		case 'E': opt.mode = MODE_ERE; break;
		case 'F': opt.mode = MODE_FIXED; break;
		case 'H': opt.names = 1; break;
		case 'h': opt.names = -1; break;
		case 'L': opt.list = LIST_NOMATCH; break;
		case 'l': opt.list = LIST_MATCH; break;
		case 'R': opt.follow = 1; /* fall through */
		case 'r': opt.recurse = 1; break;
		case 'c': opt.count = 1; break;
		case 'e': add_patterns(optarg); break;
		case 'i': opt.icase = 1; break;
		case 'n': opt.number = 1; break;
		case 'q': opt.quiet = 1; break;
		case 's': opt.nomsg = 1; break;
		case 'v': opt.invert = 1; break;
		case 'w': opt.word = 1; break;
		case 'x': opt.line = 1; break;
		default: text_bad_option(c);
		}
	}
}

int main(int argc, char **argv)
{
	int show_name;

	util_init(argc, argv, usage, 0);
	parse_options(argc, argv);
	argv += optind;
	argc -= optind;
	if (!npats) {
		if (!argc)
			usage_error("no pattern given");
		add_patterns(*argv++);
		argc--;
	}
	compile_patterns();
	show_name = argc > 1;
	if (opt.names)
		show_name = opt.names > 0;
	implicit_dot = !argc && opt.recurse;
	if (!argc)
		grep_path(opt.recurse ? "." : "-", 1, show_name);
	for (int i = 0; i < argc; i++)
		grep_path(argv[i], 1, show_name);
	text_flush_stdout();
	if (had_error && !(opt.quiet && selected))
		return 2;
	return selected ? 0 : 1;
}
