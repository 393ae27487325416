"""Bad boot input: unknown and malformed command-line words, too many
words, a missing or empty initrd. Each gets a warning (or, for unknown
words, the notice that they go to init) and the boot goes on."""
import re

import checks
import pytest
from qemu import boot

BASE = checks.COMMAND_ARGS

# (extra words after BASE, the line the kernel must print)
BAD_WORDS = {
    "unknown": (
        "foo bar=baz",
        'Unknown kernel command line parameters "foo bar=baz", '
        "will be passed to user space."),
    "panic_not_a_number": (
        "panic=abc",
        "cmdline: panic='abc' is not a number of seconds; ignored"),
    "panic_without_value": (
        "panic",
        "cmdline: 'panic' needs a value (panic=...); ignored"),
    "console_bogus": (
        "console=bogus",
        "cmdline: unknown console 'bogus' ignored"),
    "init_relative": (
        "init=relative",
        "cmdline: init='relative' is not an absolute path; ignored"),
    "ktest_empty": (
        "ktest=",
        "cmdline: ktest= needs a suite list (or 'all'); ignored"),
    "no_name": (
        "=x",
        "cmdline: '=x' has no name; ignored"),
    "unterminated_quote": (
        'foo="bar baz',
        "cmdline: unterminated quote in '%s foo=\"bar baz'" % BASE),
}


def check_goes_on(r):
    checks.banner(r)
    checks.ready(r)
    checks.ktest_passed(r)
    checks.powered_off(r)


@pytest.mark.parametrize("case", sorted(BAD_WORDS))
def test_bad_word_warns(case):
    extra, warning = BAD_WORDS[case]
    r = boot("pvh", append="%s %s" % (BASE, extra))
    assert r.find(r"\] %s$" % re.escape(warning)), \
        "no warning %r" % warning + r.tail()
    check_goes_on(r)


def test_bad_panic_value_keeps_earlier_one():
    """panic=abc after panic=-1 is ignored, not taken as 0 (halt)."""
    r = boot("pvh", append="console=ttyS0 ktest=panic panic=-1 panic=abc")
    assert r.find(r"cmdline: panic='abc' is not a number"), r.tail()
    checks.deliberate_panic(r)
    checks.powered_off(r)


def test_unterminated_quote_keeps_earlier_words():
    r = boot("pvh", append='%s a=1 foo="bar baz' % BASE)
    assert r.find(r"\] Unknown kernel command line parameters "
                  r"\"a=1 foo=bar baz\""), r.tail()
    check_goes_on(r)


def test_unknown_ktest_suite():
    r = boot("pvh", append="console=ttyS0 ktest=nosuch,core panic=-1")
    assert r.find(r"\] ktest: no suite 'nosuch'$"), r.tail()
    assert r.find(r"\] # ktest: \d+ passed, 1 failed \(unknown suites "
                  r"named\)$"), r.tail()
    checks.ready(r)
    checks.powered_off(r)


def test_300_words():
    # The kernel's own words first: only the first words are used.
    words = " ".join(["x"] * 300)
    r = boot("pvh", append="%s %s" % (BASE, words))
    assert r.find(r"\] cmdline: 303 words, only the first \d+ are used$"), \
        r.tail()
    # 125 x's are used, init takes 32: one warning for the other 93.
    assert r.find(r"\] cmdline: init takes at most 32 arguments; 93 "
                  r"dropped from 'x' on$"), r.tail()
    assert len(r.findall(r"\] cmdline: init takes at most")) == 1, r.tail()
    check_goes_on(r)


def test_overlong_command_line_warns():
    """A line longer than the kernel keeps (BOOT_CMDLINE_MAX) must not lose
    its end silently: here the cut falls inside 'word124', and init would
    be handed a 'word1' that nobody wrote."""
    words = " ".join("word%03d" % i for i in range(1, 301))
    line = "%s %s" % (BASE, words)
    r = boot("pvh", append=line)
    check_goes_on(r)
    assert r.find(r"\] (cmdline|boot): .*(too long|truncat)"), \
        "the %d-byte command line was cut without a warning" % len(line) \
        + r.tail(5)


def test_no_initrd():
    r = boot("pvh", append=BASE)
    assert r.find(r"\] boot: no initrd$"), r.tail()
    check_goes_on(r)


def test_empty_initrd_file_pvh(tmp_path):
    # QEMU's PVH loader drops an empty -initrd, so the kernel sees none.
    empty = tmp_path / "empty.cpio"
    empty.write_bytes(b"")
    r = boot("pvh", initrd=empty, append=BASE)
    assert r.find(r"\] boot: (no initrd|module 0 .* is empty; ignored)$"), \
        r.tail()
    check_goes_on(r)


def test_empty_initrd_module(make_iso, tmp_path):
    # GRUB passes a zero-length Multiboot2 module as it is.
    empty = tmp_path / "empty.cpio"
    empty.write_bytes(b"")
    r = boot("bios", iso=make_iso(BASE, initrd=empty))
    assert r.find(r"\] boot: module 0 \('initramfs'\) is empty; ignored$"), \
        r.tail()
    check_goes_on(r)
