"""init's /etc/inittab parser, through `init --check-inittab FILE`, which
prints each entry as LINE DEVICE ACTION PATH [ARGV]... (DEVICE '-' when
empty) and exits 1 when a line is malformed. init is built here for the
host with ASan and UBSan from user/init/*.c."""
import os
import subprocess

import pytest
from conftest import ROOT, run

SRC = os.path.join(ROOT, "user", "init")
LIB = os.path.join(ROOT, "user", "lib")
CFLAGS = ["-std=gnu11", "-g", "-O1", "-Wall", "-Wextra", "-Werror",
          "-Wno-unused-parameter", "-fno-strict-aliasing",
          "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
          "-D_GNU_SOURCE"]


@pytest.fixture(scope="module")
def init(tmp_path_factory):
    exe = str(tmp_path_factory.mktemp("init") / "init")
    srcs = sorted(os.path.join(SRC, f) for f in os.listdir(SRC)
                  if f.endswith(".c"))
    libs = sorted(os.path.join(LIB, f) for f in os.listdir(LIB)
                  if f.endswith(".c"))
    r = subprocess.run(["gcc"] + CFLAGS + ["-I", LIB, "-o", exe] + srcs +
                       libs, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return exe


def check(init, tmp_path, text):
    f = tmp_path / "inittab"
    f.write_bytes(text.encode())
    r = run([init, "--check-inittab", str(f)])
    return r, r.stdout.decode().splitlines(), r.stderr.decode()


def test_shipped_inittab(init):
    r = run([init, "--check-inittab", os.path.join(ROOT, "user", "etc",
                                                   "inittab")])
    assert r.returncode == 0, r.stderr
    entries = [l.split(" ", 3)[1:3] for l in r.stdout.decode().splitlines()]
    assert entries == [["-", "sysinit"], ["console", "respawn"],
                       ["ttyS0", "respawn"], ["tty1", "respawn"]]
    assert r.stdout.decode().splitlines()[1].endswith(" /bin/sh [-sh]")


def test_fields_and_comments(init, tmp_path):
    r, out, err = check(init, tmp_path, (
        "# comment\n"
        "\n"
        "   # indented comment\n"
        "::sysinit:/etc/rc\n"
        "console:respawn:-/bin/sh\n"
        "ttyS0::respawn:-/bin/sh\n"            # busybox's empty field
        "/dev/tty1:once:/bin/getty  -L\ttty1 \n"
        " :wait: /bin/echo a:b\r\n"            # colons in the command
        ":shutdown:/bin/sync\n"))
    assert r.returncode == 0, err
    assert out == [
        "4 - sysinit /etc/rc [/etc/rc]",
        "5 console respawn /bin/sh [-sh]",
        "6 ttyS0 respawn /bin/sh [-sh]",
        "7 tty1 once /bin/getty [/bin/getty] [-L] [tty1]",
        "8 - wait /bin/echo [/bin/echo] [a:b]",
        "9 - shutdown /bin/sync [/bin/sync]",
    ]
    assert err == ""


@pytest.mark.parametrize("command,expect", [
    ("echo hi; ls", "/bin/sh [sh] [-c] [echo hi; ls]"),
    ("echo $HOME", "/bin/sh [sh] [-c] [echo $HOME]"),
    ("cat </etc/motd", "/bin/sh [sh] [-c] [cat </etc/motd]"),
    ("ls *", "/bin/sh [sh] [-c] [ls *]"),
    ("echo 'a b'", "/bin/sh [sh] [-c] [echo 'a b']"),
    ("FOO=1 prog", "/bin/sh [sh] [-c] [FOO=1 prog]"),
    ("-/bin/sh -c 'x'", "/bin/sh [-sh] [-c] [/bin/sh -c 'x']"),
    ("prog a=b", "prog [prog] [a=b]"),             # not an assignment
    ("-/usr/bin/login -f root", "/usr/bin/login [-login] [-f] [root]"),
    ("-sh", "sh [-sh]"),
])
def test_command_forms(init, tmp_path, command, expect):
    r, out, err = check(init, tmp_path, "tty1:once:%s\n" % command)
    assert r.returncode == 0, err
    assert out == ["1 tty1 once " + expect]


@pytest.mark.parametrize("line,why", [
    ("no colons at all", "expected DEVICE:ACTION:COMMAND"),
    ("console:respawn", "expected DEVICE:ACTION:COMMAND"),
    ("console:sometimes:/bin/sh", "unknown action 'sometimes'"),
    ("console::/bin/sh", "expected DEVICE:ACTION:COMMAND"),
    ("console:respawn:", "no command"),
    ("console:respawn:   ", "no command"),
    ("console:respawn:-", "no command"),
    ("../etc:once:/bin/sh", "bad device name '../etc'"),
    ("pts/1:once:/bin/sh", "bad device name 'pts/1'"),
    (".:once:/bin/sh", "bad device name '.'"),
    ("a b:once:/bin/sh", "bad device name 'a b'"),
    ("%s:once:/bin/sh" % ("t" * 40), "device name too long"),
    ("::once:" + " ".join(["w"] * 65), "too many words in the command"),
])
def test_malformed_lines(init, tmp_path, line, why):
    r, out, err = check(init, tmp_path,
                        "::sysinit:/etc/rc\n%s\nconsole:once:/bin/sh\n"
                        % line)
    assert r.returncode == 1
    # The bad line is reported with its number and skipped; the others
    # still count.
    assert err == "init: %s:2: %s; line ignored\n" % (
        tmp_path / "inittab", why)
    assert out == ["1 - sysinit /etc/rc [/etc/rc]",
                   "3 console once /bin/sh [/bin/sh]"]


def test_sixty_four_words_fit(init, tmp_path):
    r, out, err = check(init, tmp_path,
                        "::once:" + " ".join(["w"] * 64) + "\n")
    assert r.returncode == 0, err
    assert out[0].count("[w]") == 64


def test_missing_file_means_built_in_table(init, tmp_path):
    r = run([init, "--check-inittab", str(tmp_path / "none")])
    out = r.stdout.decode().splitlines()
    assert r.returncode == 0
    assert b"no such file; the built-in table" in r.stderr
    # /etc/rc is the host's here: the sysinit line exists only with it.
    want = (["0 - sysinit /etc/rc [/etc/rc]"]
            if os.path.exists("/etc/rc") else [])
    assert out == want + ["0 console respawn /bin/sh [-sh]"]


def test_not_pid_1(init):
    r = run([init])
    assert r.returncode == 1
    assert r.stderr.endswith(b": must be run as process 1, by the kernel\n")
    r = run([init, "--bogus"])
    assert r.returncode == 2
    r = run([init, "--help"])
    assert r.returncode == 0 and r.stdout.startswith(b"usage: init ")
