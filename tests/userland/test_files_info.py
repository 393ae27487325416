"""stat, du, df, hexdump: output against the host's tools as oracles."""
import os

import pytest

from conftest import run
from filetest import (check_help, check_usage_error, gnu, make_tree, ours,
                      HAVE_GNU, HAVE_HEXDUMP)

needs_gnu = pytest.mark.skipif(not HAVE_GNU, reason="no GNU coreutils")


def test_help_and_bad_options():
    for name in ("stat", "du", "df", "hexdump"):
        check_help(name)
        check_usage_error(name, "-Q")


@pytest.fixture
def files(tree):
    return make_tree(str(tree))


FORMAT = ("%n|%s|%a|%A|%u|%g|%U|%G|%i|%h|%F|%Y|%X|%Z|%b|%B|%f|%t|%T|%d|%D"
          "|%o|%x|%y|%z|%N|%-8s|%08i|%Hd|%Lr|%%")


@needs_gnu
def test_stat_format_matches_gnu(files):
    names = ["a.txt", "big", "dir", "link", "exe", "/dev/null"]
    gnu(["stat", "-c", FORMAT] + names, cwd=files)  # relatime: settle atimes
    r = ours(["stat", "-c", FORMAT] + names, cwd=files)
    assert r.returncode == 0
    assert r.stdout == gnu(["stat", "-c", FORMAT] + names, cwd=files).stdout
    r = ours(["stat", "-L", "-c", "%F %s", "link"], cwd=files)
    assert r.stdout == b"regular file 6\n"


@needs_gnu
def test_stat_default_matches_gnu(files):
    for name in ("a.txt", "dir", "link", "/dev/null", "."):
        gnu(["stat", name], cwd=files)  # relatime: settle the atime
        r = ours(["stat", name], cwd=files)
        g = gnu(["stat", name], cwd=files)
        assert r.stdout == g.stdout, name


def test_stat_errors(files):
    r = ours(["stat", "nope", "a.txt"], cwd=files)
    assert r.returncode == 1
    assert r.stderr == b"stat: cannot stat 'nope': No such file or " \
                       b"directory\n"
    assert r.stdout.startswith(b"  File: a.txt\n")
    assert run(["stat"]).returncode == 2


@needs_gnu
@pytest.mark.parametrize("args", [
    [], ["-s"], ["-a"], ["-h"], ["-ah"], ["-k"], ["-c", "dir", "big"],
    ["-d", "1"], ["-d", "0", "."], ["dir", "dir"], ["big", "hard"],
    ["-sc", "dir", "a.txt"],
])
def test_du_matches_gnu(files, args):
    r = ours(["du"] + args, cwd=files)
    assert r.stdout == gnu(["du"] + args, cwd=files).stdout


def test_du_errors(files):
    r = ours(["du", "nope", "a.txt"], cwd=files)
    assert r.returncode == 1 and r.stdout.endswith(b"\ta.txt\n")
    assert r.stderr.startswith(b"du: cannot access 'nope'")
    assert ours(["du", "-d", "x"], cwd=files).returncode == 2
    assert ours(["du", "-sa"], cwd=files).returncode == 2


def test_df_layout():
    r = run(["df"])
    assert r.returncode == 0
    lines = r.stdout.decode().splitlines()
    assert lines[0].split() == ["Filesystem", "1K-blocks", "Used",
                                "Available", "Use%", "Mounted", "on"]
    assert any(l.endswith(" /") for l in lines[1:])
    assert all(len(l.split()) >= 6 for l in lines)
    r = run(["df", "-hT", "/"])
    lines = r.stdout.decode().splitlines()
    assert lines[0].split()[:3] == ["Filesystem", "Type", "Size"]
    assert len(lines) == 2 and lines[1].endswith(" /")
    r = run(["df", "-a"])
    assert len(r.stdout.splitlines()) >= len(lines)


@needs_gnu
def test_df_matches_gnu_sizes():
    # Used and free may change between runs; the totals do not.
    r = run(["df", "-T", "/", "/dev"]).stdout.decode().splitlines()
    g = gnu(["df", "-T", "/", "/dev"]).stdout.decode().splitlines()
    assert [l.split()[:3] for l in r] == [l.split()[:3] for l in g]
    r = run(["df", "-hT", "/"]).stdout.decode().splitlines()
    g = gnu(["df", "-hT", "/"]).stdout.decode().splitlines()
    assert [l.split()[:3] for l in r] == [l.split()[:3] for l in g]


def test_df_errors():
    r = run(["df", "/nonexistent"])
    assert r.returncode == 1 and r.stderr.startswith(b"df: /nonexistent")


HEX_INPUT = (b"hello world\n" + b"\0" * 64 + bytes(range(256)) + b"abc")


@pytest.mark.skipif(not HAVE_HEXDUMP, reason="no hexdump on host")
@pytest.mark.parametrize("args", [
    [], ["-C"], ["-v"], ["-Cv"], ["-n", "20"], ["-C", "-s", "5"],
    ["-C", "-s", "0x10", "-n", "100"], ["-s", "400"], ["-C", "-s", "1k"],
    ["-n", "0"], ["-C", "-n", "13"],
])
def test_hexdump_matches_util_linux(tree, args):
    (tree / "in").write_bytes(HEX_INPUT)
    r = run(["hexdump"] + args + ["in"], cwd=tree)
    assert r.stdout == gnu(["hexdump"] + args + ["in"], cwd=tree).stdout


def test_hexdump_expected():
    r = run(["hexdump", "-C"], stdin=b"hello world\n")
    assert r.stdout == (
        b"00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a"
        b"              |hello world.|\n0000000c\n")
    r = run(["hexdump"], stdin=b"abc")
    assert r.stdout == b"0000000 6261 0063" + b" " * 30 + b"\n0000003\n"
    r = run(["hexdump"], stdin=b"\0" * 48)
    assert r.stdout == b"0000000" + b" 0000" * 8 + b"\n*\n0000030\n"
    assert run(["hexdump"], stdin=b"").stdout == b""
    # Skipping on a pipe reads instead of seeking.
    r = run(["hexdump", "-C", "-s", "2"], stdin=b"hello")
    assert r.stdout.startswith(b"00000002  6c 6c 6f")


def test_hexdump_several_files_and_errors(tree):
    (tree / "a").write_bytes(b"ab")
    (tree / "b").write_bytes(b"cd")
    r = run(["hexdump", "-C", "a", "nope", "b"], cwd=tree)
    assert r.returncode == 1 and b"|abcd|" in r.stdout
    assert r.stderr == b"hexdump: nope: No such file or directory\n"
    assert run(["hexdump", "-n", "x"]).returncode == 2
    assert run(["hexdump", "-s", "-1"]).returncode == 2
