"""Host tests of Ferrite's own user programs (user/bin, user/sh, user/init).

They run the host builds (glibc with ASan+UBSan, `make host-user`) from
build/host: the same sources that are built with musl for Ferrite. Each
test file covers one program or a family; `run()` runs one command.
"""
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
HOST = os.path.join(ROOT, "build", "host")
BIN = os.path.join(HOST, "bin")
SH = os.path.join(HOST, "sh")


def prog(name):
    """Path of the host build of utility @name."""
    return os.path.join(BIN, name)


def run(argv, stdin=b"", cwd=None, env=None, timeout=20):
    """Run argv (argv[0] a utility name or a path); returns CompletedProcess
    with bytes stdout/stderr. A utility name is looked up in build/host/bin.
    """
    if "/" not in argv[0]:
        argv = [prog(argv[0])] + list(argv[1:])
    if isinstance(stdin, str):
        stdin = stdin.encode()
    e = dict(os.environ)
    e.setdefault("LC_ALL", "C")
    e["ASAN_OPTIONS"] = "detect_leaks=0"
    if env:
        e.update(env)
    return subprocess.run(argv, input=stdin, capture_output=True, cwd=cwd,
                          env=e, timeout=timeout)


@pytest.fixture
def tree(tmp_path):
    """An empty directory to work in."""
    return tmp_path
