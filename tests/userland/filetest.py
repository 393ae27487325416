"""Helpers shared by the test_files_*.py tests of the file utilities."""
import os
import shutil
import subprocess

from conftest import run

# GNU tools on the host serve as an oracle where our output should match.
HAVE_GNU = all(shutil.which(t) for t in ("ls", "stat", "du", "df"))
HAVE_HEXDUMP = shutil.which("hexdump") is not None
ROOT = os.geteuid() == 0


def gnu(argv, cwd=None, env=None):
    """Run the host's own tool (the oracle) in the C locale."""
    e = dict(os.environ, LC_ALL="C", TZ="UTC")
    if env:
        e.update(env)
    return subprocess.run(argv, capture_output=True, cwd=cwd, env=e,
                          timeout=20)


def ours(argv, cwd=None, env=None, stdin=b""):
    e = {"TZ": "UTC", "LC_ALL": "C"}
    if env:
        e.update(env)
    return run(argv, cwd=cwd, env=e, stdin=stdin)


def check_usage_error(name, bad="-\x01"):
    """An unknown option: exit 2, message naming the program."""
    r = run([name, bad, "x"])
    assert r.returncode == 2, (name, r)
    assert r.stderr.startswith(name.encode() + b": "), r.stderr


def check_help(name):
    r = run([name, "--help"])
    assert r.returncode == 0
    assert r.stdout.startswith(b"usage: " + name.encode() + b" ")


def make_tree(base):
    """A small tree with files, a subdirectory, a symlink, a hard link."""
    os.makedirs(os.path.join(base, "dir", "sub"))
    with open(os.path.join(base, "a.txt"), "w") as f:
        f.write("hello\n")
    with open(os.path.join(base, "big"), "wb") as f:
        f.write(b"x" * 10000)
    with open(os.path.join(base, "dir", "f"), "w") as f:
        f.write("in dir\n")
    with open(os.path.join(base, "exe"), "w") as f:
        f.write("#!/bin/sh\n")
    os.chmod(os.path.join(base, "exe"), 0o755)
    os.symlink("a.txt", os.path.join(base, "link"))
    os.link(os.path.join(base, "big"), os.path.join(base, "hard"))
    t = 1600000000
    for root, dirs, files in os.walk(base):
        for n in dirs + files:
            os.utime(os.path.join(root, n), (t, t), follow_symlinks=False)
            t += 1000
    return base
