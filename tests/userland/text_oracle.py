"""Helpers of the test_text_* files: run a host GNU tool as an oracle
(with LC_ALL=C), and skip when it is missing."""
import os
import shutil
import subprocess

import pytest


def gnu(argv, stdin=b"", cwd=None):
    """Run the host's GNU (or procps) @argv[0] with the same input."""
    path = shutil.which(argv[0], path="/usr/bin:/bin:/usr/sbin:/sbin")
    if not path:
        pytest.skip("no host %s to compare with" % argv[0])
    if isinstance(stdin, str):
        stdin = stdin.encode()
    env = dict(os.environ, LC_ALL="C", TZ="UTC")
    return subprocess.run([path] + list(argv[1:]), input=stdin,
                          capture_output=True, cwd=cwd, env=env,
                          timeout=20)


def same_as_gnu(run, argv, stdin=b"", cwd=None):
    """Assert that Ferrite's @argv gives GNU's stdout and exit status."""
    mine = run(argv, stdin=stdin, cwd=cwd)
    ref = gnu(argv, stdin=stdin, cwd=cwd)
    assert mine.stdout == ref.stdout, (argv, mine.stderr)
    assert mine.returncode == ref.returncode, (argv, mine.stderr)
    return mine
