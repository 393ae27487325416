"""true and false: exit codes and --help."""
from conftest import run


def test_true():
    r = run(["true"])
    assert r.returncode == 0 and r.stdout == b"" and r.stderr == b""


def test_false():
    r = run(["false"])
    assert r.returncode == 1 and r.stdout == b""


def test_help():
    for name in ("true", "false"):
        r = run([name, "--help"])
        assert r.returncode == 0
        assert r.stdout.startswith(b"usage: " + name.encode())
