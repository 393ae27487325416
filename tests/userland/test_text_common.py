"""The conventions every text and system utility keeps: --help on
stdout with a usage line, exit 2 with a message on a bad option, and
"prog: FILE: ..." with exit 1 for a missing input file."""
import pytest

from conftest import run

ALL = ["grep", "wc", "head", "tail", "sort", "uniq", "cut", "tr", "tee",
       "seq", "yes", "env", "sleep", "date", "uptime", "free", "ps",
       "kill", "uname", "clear", "dmesg", "mount", "umount", "more",
       "help"]

# Programs whose missing-file error is easy to provoke: argv before the
# file name.
FILE_ARGS = {
    "grep": ["x"], "wc": [], "head": [], "tail": [], "sort": [],
    "uniq": [], "cut": ["-f1"], "more": [], "dmesg": ["-F"],
}


@pytest.mark.parametrize("name", ALL)
def test_help(name):
    r = run([name, "--help"])
    assert r.returncode == 0
    assert r.stdout.startswith(b"usage: " + name.encode() + b" ")
    assert r.stderr == b""


@pytest.mark.parametrize("name", [n for n in ALL if n not in
                                  ("yes", "sleep", "help", "kill")])
def test_bad_option(name):
    r = run([name, "-\u00e9" if name == "ps" else "-%"])
    assert r.returncode == 2
    assert r.stderr.startswith(name.encode() + b": ")
    assert b"usage: " + name.encode() in r.stderr


@pytest.mark.parametrize("name", sorted(FILE_ARGS))
def test_missing_file(name, tmp_path):
    r = run([name] + FILE_ARGS[name] + [str(tmp_path / "nope")])
    assert r.returncode == (2 if name in ("grep", "sort") else 1)
    assert r.stderr.startswith(name.encode() + b": ")
    assert b"nope" in r.stderr
    assert b"No such file" in r.stderr
