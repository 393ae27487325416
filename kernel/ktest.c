/*
 * The in-kernel test framework. ktest=SUITE[,SUITE] or ktest=all on the
 * command line runs suites from the table in tests/kernel/suites.c and
 * reports in KTAP (Documentation/dev-tools/ktap.rst in Linux): a top-level
 * plan of suites, each suite a subtest with its own plan of cases. Then
 * kmain powers the machine off. tools/run-tests reads the output.
 */
#include <ktest.h>
#include <printk.h>
#include <lib/printf.h>
#include <lib/string.h>

#define SPEC_MAX_SUITES	32

static int case_failed;
static bool case_skipped;
static char skip_reason[128];

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_ERR "        # FAIL %s:%d: %s\n", file, line, msg);
	case_failed++;
}

void ktest_log(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_INFO "        # %s\n", msg);
}

void ktest_skip(const char *reason)
{
	case_skipped = true;
	strlcpy(skip_reason, reason, sizeof(skip_reason));
}

static const struct ktest_suite *find_suite(const char *name, size_t len)
{
	for (size_t i = 0; i < ktest_suite_count; i++)
		if (strlen(ktest_suites[i]->name) == len &&
		    !strncmp(ktest_suites[i]->name, name, len))
			return ktest_suites[i];
	return NULL;
}

/* Runs one suite as a KTAP subtest; returns the number of failed cases. */
static int run_suite(const struct ktest_suite *s, int index, int *passed)
{
	int failed = 0, skipped = 0;

	printk(KERN_INFO "    KTAP version 1\n");
	printk(KERN_INFO "    # Subtest: %s\n", s->name);
	printk(KERN_INFO "    1..%zu\n", s->count);
	for (size_t i = 0; i < s->count; i++) {
		case_failed = 0;
		case_skipped = false;
		s->cases[i].run();
		if (case_failed) {
			printk(KERN_INFO "    not ok %zu %s\n", i + 1,
			       s->cases[i].name);
			failed++;
		} else if (case_skipped) {
			printk(KERN_INFO "    ok %zu %s # SKIP %s\n", i + 1,
			       s->cases[i].name, skip_reason);
			skipped++;
		} else {
			printk(KERN_INFO "    ok %zu %s\n", i + 1,
			       s->cases[i].name);
			(*passed)++;
		}
	}
	printk(KERN_INFO "    # %s: pass:%zu fail:%d skip:%d total:%zu\n",
	       s->name, s->count - failed - skipped, failed, skipped,
	       s->count);
	printk(KERN_INFO "%sok %d %s\n", failed ? "not " : "", index, s->name);
	return failed;
}

int ktest_run(const char *spec)
{
	const struct ktest_suite *run[SPEC_MAX_SUITES];
	size_t nrun = 0;
	int failed = 0, passed = 0, unknown = 0;

	if (!strcmp(spec, "all")) {
		for (size_t i = 0; i < ktest_suite_count; i++)
			if (!ktest_suites[i]->manual && nrun < SPEC_MAX_SUITES)
				run[nrun++] = ktest_suites[i];
	} else {
		for (const char *p = spec; *p;) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			const struct ktest_suite *s = find_suite(p, len);

			if (!s) {
				printk(KERN_ERR "ktest: no suite '%.*s'\n",
				       (int)len, p);
				unknown++;
			} else if (nrun < SPEC_MAX_SUITES) {
				run[nrun++] = s;
			}
			p += len + (comma ? 1 : 0);
		}
	}

	printk(KERN_INFO "KTAP version 1\n");
	printk(KERN_INFO "1..%zu\n", nrun);
	for (size_t i = 0; i < nrun; i++)
		failed += run_suite(run[i], i + 1, &passed);
	printk(KERN_INFO "# ktest: %d passed, %d failed%s\n", passed,
	       failed + unknown, unknown ? " (unknown suites named)" : "");
	return failed + unknown;
}
