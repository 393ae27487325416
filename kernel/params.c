/*
 * Gives the words of the kernel command line their meaning (the boot
 * contract in docs/boot.md): console=, init=, quiet, panic=, ktest=,
 * norandmaps, strace. Everything else goes to init, "a=b" into its environment
 * and other words into its argv, as Linux does. lib/cmdline.c splits the
 * line; a malformed word gets a warning and the boot goes on.
 */
#include <errno.h>
#include <params.h>
#include <printk.h>
#include <lib/cmdline.h>
#include <lib/string.h>
#include <bootinfo.h>

#define MAX_WORDS	128

struct kernel_params kernel_params;

/* The words point into this copy of the line. */
static char cmdline_copy[BOOT_CMDLINE_MAX];

static const char *const known_consoles[] = {
	"ttyS0", "ttyS1", "ttyS2", "ttyS3", "tty0", "tty1",
};

static void param_console(const char *val)
{
	for (size_t i = 0; i < ARRAY_SIZE(known_consoles); i++) {
		if (!strcmp(val, known_consoles[i])) {
			strlcpy(kernel_params.console, val,
				sizeof(kernel_params.console));
			return;
		}
	}
	/* Linux accepts options after a comma (ttyS0,115200): so do we. */
	const char *comma = strchr(val, ',');

	if (comma && (size_t)(comma - val) < sizeof(kernel_params.console)) {
		char name[sizeof(kernel_params.console)];

		memcpy(name, val, comma - val);
		name[comma - val] = '\0';
		for (size_t i = 0; i < ARRAY_SIZE(known_consoles); i++)
			if (!strcmp(name, known_consoles[i])) {
				strlcpy(kernel_params.console, name,
					sizeof(kernel_params.console));
				return;
			}
	}
	pr_warn("cmdline: unknown console '%s' ignored\n", val);
}

static void param_panic(const char *val)
{
	long long n;

	if (kstrtoll(val, 10, &n) || n < -1000000 || n > 1000000) {
		pr_warn("cmdline: panic='%s' is not a number of seconds; "
			"ignored\n", val);
		return;
	}
	kernel_params.panic_timeout = (int)n;
}

static void param_init(const char *val)
{
	if (val[0] != '/') {
		pr_warn("cmdline: init='%s' is not an absolute path; "
			"ignored\n", val);
		return;
	}
	if (strlen(val) >= sizeof(kernel_params.init)) {
		pr_warn("cmdline: init= path too long; ignored\n");
		return;
	}
	strlcpy(kernel_params.init, val, sizeof(kernel_params.init));
}

static void param_ktest(const char *val)
{
	if (!val[0] || strlen(val) >= sizeof(kernel_params.ktest_spec)) {
		pr_warn("cmdline: ktest= needs a suite list (or 'all'); "
			"ignored\n");
		return;
	}
	kernel_params.ktest = true;
	strlcpy(kernel_params.ktest_spec, val,
		sizeof(kernel_params.ktest_spec));
}

/* Returns true when the word was a kernel parameter (valid or not). */
static bool param_kernel_word(const struct cmdline_word *w)
{
	static const struct {
		const char *key;
		void (*fn)(const char *val);
	} with_value[] = {
		{ "console", param_console },
		{ "panic", param_panic },
		{ "init", param_init },
		{ "ktest", param_ktest },
	};

	for (size_t i = 0; i < ARRAY_SIZE(with_value); i++) {
		if (strcmp(w->key, with_value[i].key))
			continue;
		if (!w->val)
			pr_warn("cmdline: '%s' needs a value (%s=...); "
				"ignored\n", w->key, w->key);
		else
			with_value[i].fn(w->val);
		return true;
	}
	if (!strcmp(w->key, "quiet") || !strcmp(w->key, "norandmaps") ||
	    !strcmp(w->key, "strace")) {
		if (w->val)
			pr_warn("cmdline: '%s' takes no value; taken as "
				"'%s'\n", w->key, w->key);
		if (w->key[0] == 'q')
			kernel_params.quiet = true;
		else if (w->key[0] == 's')
			kernel_params.strace = true;
		else
			kernel_params.norandmaps = true;
		return true;
	}
	return false;
}

/* Words init could not take, reported once after the whole line. */
static struct {
	unsigned int args, envs;
	const char *first_arg, *first_env;
} dropped;

static void param_to_init(const struct cmdline_word *w, char *unknown,
			  size_t unknown_size)
{
	if (w->val && !w->key[0]) {
		pr_warn("cmdline: '=%s' has no name; ignored\n", w->val);
		return;
	}
	if (w->val && kernel_params.init_envc == INIT_ENVS_MAX) {
		if (!dropped.envs++)
			dropped.first_env = w->key;
		return;
	}
	if (!w->val && kernel_params.init_argc == INIT_ARGS_MAX) {
		if (!dropped.args++)
			dropped.first_arg = w->key;
		return;
	}
	if (w->val) {
		/* Rejoin "key=value" (the split put a '\0' there). */
		w->key[strlen(w->key)] = '=';
		kernel_params.init_envp[kernel_params.init_envc++] = w->key;
	} else {
		kernel_params.init_argv[kernel_params.init_argc++] = w->key;
	}
	if (unknown[0])
		strlcat(unknown, " ", unknown_size);
	strlcat(unknown, w->key, unknown_size);
}

static void report_dropped(void)
{
	if (dropped.args)
		pr_warn("cmdline: init takes at most %d arguments; %u dropped "
			"from '%s' on\n", INIT_ARGS_MAX, dropped.args,
			dropped.first_arg);
	if (dropped.envs)
		pr_warn("cmdline: init takes at most %d environment words; "
			"%u dropped from '%s' on\n", INIT_ENVS_MAX,
			dropped.envs, dropped.first_env);
}

void params_parse(const char *cmdline)
{
	static struct cmdline_word words[MAX_WORDS];
	static char unknown[BOOT_CMDLINE_MAX];
	int n;

	strlcpy(cmdline_copy, cmdline, sizeof(cmdline_copy));
	memset(words, 0, sizeof(words));
	n = cmdline_split(cmdline_copy, words, MAX_WORDS);
	if (n == -EINVAL) {
		/* The words are stored, the rest taken as one: count them. */
		pr_warn("cmdline: unterminated quote in '%s'\n", cmdline);
		for (n = 0; n < MAX_WORDS && words[n].key; n++)
			;
	}
	if (n > MAX_WORDS) {
		pr_warn("cmdline: %d words, only the first %d are used\n", n,
			MAX_WORDS);
		n = MAX_WORDS;
	}
	for (int i = 0; i < n; i++)
		if (!param_kernel_word(&words[i]))
			param_to_init(&words[i], unknown, sizeof(unknown));
	report_dropped();
	if (unknown[0])
		pr_notice("Unknown kernel command line parameters \"%s\", "
			  "will be passed to user space.\n", unknown);
}
