"""reboot, poweroff and halt on the host: options, --help, usage errors
and the superuser check. Nothing here may run them as root without an
error in its options: as root they would signal (or reboot) the host."""
import os

import pytest
from conftest import prog, run

NAMES = ("reboot", "poweroff", "halt")


def drop_privileges():
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


def run_unprivileged(argv):
    """Run as nobody when the tests run as root; if the switch fails the
    program is never executed (preexec_fn raises)."""
    pre = drop_privileges if os.geteuid() == 0 else None
    import subprocess
    e = dict(os.environ, ASAN_OPTIONS="detect_leaks=0", LC_ALL="C")
    return subprocess.run([prog(argv[0])] + argv[1:], capture_output=True,
                          preexec_fn=pre, env=e, timeout=20)


@pytest.mark.parametrize("name", NAMES)
def test_help(name):
    r = run([name, "--help"])
    assert r.returncode == 0
    assert r.stdout.startswith(b"usage: %s [-f [-n]]\n" % name.encode())
    assert b"-f" in r.stdout and b"-n" in r.stdout


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("args,what", [
    (["-x"], b"unknown option '-x'"),
    (["-n"], b"-n goes with -f"),
    (["now"], b"unexpected argument 'now'"),
    (["-f", "-q"], b"unknown option '-q'"),
])
def test_usage_errors(name, args, what):
    # Options are checked before anything is done, even as root.
    r = run([name] + args)
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith(name.encode() + b": " + what), r.stderr
    assert b"usage: " + name.encode() in r.stderr


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("args", [[], ["-f"], ["-f", "-n"], ["-fn"]])
def test_must_be_superuser(name, args):
    r = run_unprivileged([name] + args)
    assert r.returncode == 1, r.stderr
    assert r.stderr == name.encode() + b": must be superuser\n"
    assert r.stdout == b""
