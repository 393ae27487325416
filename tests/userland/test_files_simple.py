"""echo, cat, basename, dirname, pwd, which: options and errors."""
import os

import pytest

from conftest import run
from filetest import check_help, check_usage_error, gnu, ours, HAVE_GNU


def test_echo_plain_and_n():
    assert run(["echo", "a", "b c"]).stdout == b"a b c\n"
    assert run(["echo", "-n", "x"]).stdout == b"x"
    assert run(["echo"]).stdout == b"\n"


def test_echo_escapes():
    r = run(["echo", "-e", r"a\tb\n\\\0101\x42\e!"])
    assert r.stdout == b"a\tb\n\\AB\x1b!\n"
    assert run(["echo", "-e", r"one\ctwo"]).stdout == b"one"
    assert run(["echo", r"a\tb"]).stdout == b"a\\tb\n"
    assert run(["echo", "-eE", r"a\tb"]).stdout == b"a\\tb\n"
    assert run(["echo", "-ne", r"\0"]).stdout == b"\0"


def test_echo_options_only_leading():
    assert run(["echo", "-x", "-n"]).stdout == b"-x -n\n"
    assert run(["echo", "a", "-n"]).stdout == b"a -n\n"
    assert run(["echo", "--help", "x"]).stdout == b"--help x\n"
    assert run(["echo", "--help"]).stdout.startswith(b"usage: echo")


def test_cat_files_and_stdin(tree):
    (tree / "a").write_bytes(b"one\ntwo\n")
    (tree / "b").write_bytes(b"three")
    r = run(["cat", "a", "-", "b"], stdin=b"mid\n", cwd=tree)
    assert r.stdout == b"one\ntwo\nmid\nthree" and r.returncode == 0
    assert run(["cat"], stdin=b"in").stdout == b"in"
    assert run(["cat", "-u", "a"], cwd=tree).stdout == b"one\ntwo\n"


def test_cat_number_matches_gnu(tree):
    data = b"a\n\n\n\nb\nc"
    (tree / "f").write_bytes(data)
    for opts in (["-n"], ["-b"], ["-s"], ["-E"], ["-ns"], ["-bE"]):
        r = run(["cat"] + opts + ["f", "f"], cwd=tree)
        assert r.stdout == gnu(["cat"] + opts + ["f", "f"],
                               cwd=tree).stdout, opts


def test_cat_missing_file_continues(tree):
    (tree / "a").write_bytes(b"A")
    r = run(["cat", "nope", "a", str(tree)], cwd=tree)
    assert r.returncode == 1 and r.stdout == b"A"
    assert b"cat: nope: No such file or directory" in r.stderr
    assert b"cat: " + str(tree).encode() + b": Is a directory" in r.stderr
    check_usage_error("cat")


@pytest.mark.parametrize("args", [
    ["/usr/lib/x.so"], ["/usr/lib/x.so", ".so"], ["x.so", "x.so"],
    ["/"], ["//"], ["a/b//"], [""], ["-a", "a/b", "/c/d/"],
    ["-s", ".c", "a.c", "b.c", "c.h"], ["--", "-x"],
])
def test_basename_matches_gnu(args):
    r = run(["basename"] + args)
    g = gnu(["basename"] + args)
    assert (r.stdout, r.returncode) == (g.stdout, g.returncode)


def test_basename_errors():
    assert run(["basename"]).returncode == 2
    r = run(["basename", "a", "b", "c"])
    assert r.returncode == 2 and b"basename: extra operand 'c'" in r.stderr


@pytest.mark.parametrize("name", [
    "/a/b", "/a/b/", "a", "/", "a/b/c//", "///x", "a//b", "", ".", "..",
])
def test_dirname_matches_gnu(name):
    r = run(["dirname", name])
    assert r.stdout == gnu(["dirname", name]).stdout
    assert run(["dirname"]).returncode == 2


def test_pwd(tree):
    real = os.path.realpath(str(tree))
    (tree / "d").mkdir()
    os.symlink("d", str(tree / "l"))
    r = run(["pwd"], cwd=tree / "l", env={"PWD": real + "/l"})
    assert r.stdout.decode() == real + "/l\n"
    r = run(["pwd", "-P"], cwd=tree / "l", env={"PWD": real + "/l"})
    assert r.stdout.decode() == real + "/d\n"
    # A $PWD that is not this directory, or has "..", is not used.
    r = run(["pwd", "-L"], cwd=tree / "d", env={"PWD": "/"})
    assert r.stdout.decode() == real + "/d\n"
    r = run(["pwd"], cwd=tree / "d", env={"PWD": real + "/d/../d"})
    assert r.stdout.decode() == real + "/d\n"
    assert run(["pwd", "x"]).returncode == 2
    check_usage_error("pwd")


def test_which(tree):
    for d in ("b1", "b2"):
        (tree / d).mkdir()
        p = tree / d / "tool"
        p.write_text("#!/bin/sh\n")
        p.chmod(0o755)
    (tree / "b1" / "noexec").write_text("")
    path = "%s/b1:%s/b2" % (tree, tree)
    r = run(["which", "tool"], env={"PATH": path})
    assert r.stdout.decode() == "%s/b1/tool\n" % tree and r.returncode == 0
    r = run(["which", "-a", "tool"], env={"PATH": path})
    assert r.stdout.decode() == "%s/b1/tool\n%s/b2/tool\n" % (tree, tree)
    r = run(["which", "noexec", "tool"], env={"PATH": path})
    assert r.returncode == 1 and r.stdout.decode() == "%s/b1/tool\n" % tree
    assert r.stderr.startswith(b"which: no noexec in")
    r = run(["which", "tool"], cwd=tree / "b2", env={"PATH": ":/nonexist"})
    assert r.stdout == b"./tool\n"
    assert run(["which"]).returncode == 2


def test_help_and_bad_options():
    for name in ("cat", "basename", "dirname", "pwd", "which"):
        check_help(name)
        check_usage_error(name)
