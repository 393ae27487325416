"""grep: matching compared with GNU grep, and its exit statuses."""
import os

import pytest

from conftest import run
from text_oracle import same_as_gnu

TEXT = b"foo bar\nFoo\nfoobar\nbaz\n\nfoo_x foo\nlast foo"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "a").write_bytes(TEXT)
    (tmp_path / "d" / "e").mkdir(parents=True)
    (tmp_path / "d" / "b").write_bytes(b"x foo\nnothing\n")
    (tmp_path / "d" / "e" / "c").write_bytes(b"FOO\n")
    return tmp_path


@pytest.mark.parametrize("args", [
    ["foo"], ["-i", "foo"], ["-v", "foo"], ["-n", "foo"], ["-c", "foo"],
    ["-w", "foo"], ["-x", "foo"], ["-x", "Foo"], ["-E", "fo+|baz"],
    ["-F", "o.b"], ["o.b"], ["-F", "-i", "FOO"], ["-e", "baz", "-e", "Foo"],
    ["-e", "baz\nFoo"], ["^$"], ["-c", "^"], ["-vc", "o"], ["\\(o\\)\\1"],
    ["-E", "^[[:upper:]]"], ["-wi", "foo"], ["-n", ""],
    ["-ixn", "FOO"], ["-q", "foo"], ["-q", "nomatch"], ["nomatch"],
    ["--", "-x"], ["-E", "a|"],
])
def test_stdin_like_gnu(args):
    same_as_gnu(run, ["grep"] + args, stdin=TEXT)


@pytest.mark.parametrize("args", [
    ["foo", "a", "d/b"], ["-h", "foo", "a", "d/b"], ["-H", "foo", "a"],
    ["-l", "foo", "a", "d/b"], ["-L", "baz", "a", "d/b"],
    ["-c", "foo", "a", "d/b"], ["-rn", "foo", "d"], ["-ri", "foo", "d"],
    ["-rl", "foo", "d"], ["-r", "-h", "foo", "d"],
])
def test_files_like_gnu(files, args):
    same_as_gnu(run, ["grep"] + args, cwd=files)


def test_recursive_default_dir(files):
    mine = run(["grep", "-r", "foo"], cwd=files)
    assert mine.returncode == 0
    assert sorted(mine.stdout.splitlines()) == sorted([
        b"a:foo bar", b"a:foobar", b"a:foo_x foo", b"a:last foo",
        b"d/b:x foo"])


def test_recursive_skips_symlinks_unless_R(files):
    os.symlink("d", files / "link")
    r = run(["grep", "-r", "FOO", "."], cwd=files)
    assert r.stdout == b"./d/e/c:FOO\n"
    r = run(["grep", "-R", "FOO", "."], cwd=files)
    assert sorted(r.stdout.splitlines()) == [b"./d/e/c:FOO",
                                             b"./link/e/c:FOO"]


def test_directory_without_r(files):
    r = run(["grep", "foo", "d"], cwd=files)
    assert r.returncode == 2
    assert r.stderr == b"grep: d: Is a directory\n"


def test_error_and_match():
    r = run(["grep", "foo", "/nonexistent", "-"], stdin=TEXT)
    assert r.returncode == 2 and b"(standard input):foo bar" in r.stdout
    r = run(["grep", "-q", "foo", "/nonexistent", "-"], stdin=TEXT)
    assert r.returncode == 0
    r = run(["grep", "-s", "foo", "/nonexistent"])
    assert r.returncode == 2 and r.stderr == b""


def test_invalid_regex():
    r = run(["grep", "a\\(b"], stdin=b"ab\n")
    assert r.returncode == 2
    assert r.stderr.startswith(b"grep: a\\(b: ")
    r = run(["grep", "-E", "a{1"], stdin=b"a\n")
    assert r.returncode in (0, 2)	# musl/glibc differ; must not crash


def test_no_pattern():
    r = run(["grep"])
    assert r.returncode == 2 and b"no pattern" in r.stderr


def test_binary_file():
    r = run(["grep", "foo"], stdin=b"a\0b\nfoo\n")
    assert r.returncode == 0 and r.stdout == b""
    assert r.stderr == b"grep: (standard input): binary file matches\n"
    r = run(["grep", "-c", "b"], stdin=b"a\0b\nfoo\n")
    assert r.stdout == b"1\n"


def test_long_lines_and_no_final_newline():
    line = b"x" * 200000 + b"needle" + b"y" * 100000
    r = run(["grep", "-c", "needle"], stdin=line + b"\n" + line)
    assert r.stdout == b"2\n"
    r = run(["grep", "needle"], stdin=b"a\nneedle")
    assert r.stdout == b"needle\n"
