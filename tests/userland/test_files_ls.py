"""ls: formats, sorting and errors, with GNU ls as the oracle."""
import os

import pytest

from filetest import (check_help, check_usage_error, gnu, make_tree, ours,
                      HAVE_GNU)

needs_gnu = pytest.mark.skipif(not HAVE_GNU, reason="no GNU ls on host")


@pytest.fixture
def files(tree):
    return make_tree(str(tree))


def same(args, cwd, env=None):
    r = ours(["ls"] + args, cwd=cwd, env=env)
    g = gnu(["ls"] + args, cwd=cwd, env=env)
    assert r.stdout.decode() == g.stdout.decode(), args
    assert (r.returncode != 0) == (g.returncode != 0)


@needs_gnu
@pytest.mark.parametrize("args", [
    [], ["-1"], ["-a"], ["-A"], ["-l"], ["-la"], ["-lA"], ["-li"],
    ["-ls"], ["-lh"], ["-lt"], ["-ltr"], ["-lS"], ["-lSr"], ["-1F"],
    ["-d", "dir", "a.txt"], ["-ld", "dir"], ["-R"], ["-lR"], ["-1s"],
    ["-i"], ["dir", "a.txt", "link"], ["-l", "link"], ["link"],
    ["-ln"], ["-1", "-L"],
])
def test_matches_gnu(files, args):
    same(args, files)


@needs_gnu
@pytest.mark.parametrize("cols", ["20", "40", "80", "200"])
@pytest.mark.parametrize("fmt", [["-C"], ["-x"], ["-Cis"], ["-CF"]])
def test_columns_match_gnu(tree, cols, fmt):
    for i in range(40):
        (tree / ("f%d%s" % (i, "x" * (i % 7)))).write_text("")
    same(fmt, str(tree), env={"COLUMNS": cols})


@needs_gnu
def test_devices_and_old_dates(tree):
    same(["-l", "/dev/null", "/dev/zero"], str(tree))
    old = tree / "old"
    old.write_text("")
    os.utime(str(old), (100000000, 100000000))
    r = ours(["ls", "-l", "old"], cwd=tree)
    assert b" Mar  3  1973 old\n" in r.stdout
    same(["-l"], str(tree))


def test_long_format_fields(files):
    r = ours(["ls", "-l", "link", "exe", "dir"], cwd=files)
    lines = r.stdout.decode().splitlines()
    assert lines[0].startswith("-rwxr-xr-x 1 ")
    assert lines[1].startswith("lrwxrwxrwx 1 ")
    assert lines[1].endswith(" link -> a.txt")
    assert lines[2] == "" and lines[3] == "dir:"
    assert lines[4] == "total 8" or lines[4].startswith("total ")


def test_special_bits(tree):
    f = tree / "s"
    f.write_text("")
    os.chmod(str(f), 0o6755)
    d = tree / "t"
    d.mkdir()
    os.chmod(str(d), 0o1777)
    r = ours(["ls", "-ld", "s", "t"], cwd=tree)
    out = r.stdout.decode().splitlines()
    assert out[0].startswith("-rwsr-sr-x") and out[1].startswith("drwxrwxrwt")


def test_color(files):
    r = ours(["ls", "--color=always"], cwd=files)
    assert b"\033[01;34mdir\033[0m" in r.stdout
    assert b"\033[01;32mexe\033[0m" in r.stdout
    assert b"\033[01;36mlink\033[0m" in r.stdout
    for when in ("never", "auto"):  # not a terminal: no colour
        r = ours(["ls", "--color=" + when], cwd=files)
        assert b"\033" not in r.stdout
    r = ours(["ls", "--color=sometimes"], cwd=files)
    assert r.returncode == 2


def test_recursive_symlink_loop(tree):
    (tree / "a").mkdir()
    os.symlink("..", str(tree / "a" / "up"))
    r = ours(["ls", "-RL", "."], cwd=tree)
    assert r.returncode == 1
    assert b"not listing already-listed directory" in r.stderr
    assert r.stdout.count(b":\n") < 5


def test_errors(files):
    r = ours(["ls", "nope", "a.txt"], cwd=files)
    assert r.returncode == 1 and r.stdout == b"a.txt\n"
    assert r.stderr == b"ls: cannot access 'nope': No such file or " \
                       b"directory\n"
    check_usage_error("ls", "-Z")
    check_help("ls")


def test_long_names_and_deep_tree(tree):
    p = str(tree)
    for i in range(30):
        p = os.path.join(p, "d" * 200)
        try:
            os.mkdir(p)
        except OSError:
            break
    r = ours(["ls", "-R"], cwd=tree)
    assert r.returncode in (0, 1) and r.stdout.count(b"d" * 200) > 5
