"""seq, yes, env, sleep and date."""
import os
import subprocess
import time

import pytest

from conftest import prog, run
from text_oracle import gnu, same_as_gnu


# --- seq ---------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["5"], ["0"], ["-3"], ["2", "5"], ["5", "2"], ["5", "-1", "1"],
    ["-w", "5", "-1", "-2"], ["-w", "1", "10"], ["-w", "1", "3", "11"],
    ["1", "0.5", "3"], ["-w", "1", "0.5", "3"], ["0", "0.1", "1"],
    ["-s,", "3"], ["-s", "::", "1", "3"], ["-f", "%05.1f", "1", "3"],
    ["-f", "x%gy%%", "1", "0.25", "2"], ["1e2", "1e2", "3e2"], ["1.5", "3"],
    ["-1.25", "0.5", "1"], ["-2", "-1", "-5"],
    ["9223372036854775806", "9223372036854775807"],
    ["0.000001", "0.000001", "0.000003"], ["-w", "0.5", "1", "10"],
    ["1", "1e0", "3"], ["-s", "", "3"], ["-f", "%e", "1", "2"],
])
def test_seq(args):
    same_as_gnu(run, ["seq"] + args)


@pytest.mark.parametrize("args", [
    [], ["0", "x", "2"], ["1", "0", "5"], ["-f", "%d", "1", "3"],
    ["-f", "%g%g", "1", "2"], ["-f", "abc", "1"], ["1", "2", "3", "4"],
    ["-w", "-f", "%g", "1", "2"], ["nan"],
])
def test_seq_usage_errors(args):
    r = run(["seq"] + args)
    assert r.returncode == 2 and r.stderr.startswith(b"seq: ")
    assert r.stdout == b""


# --- yes ---------------------------------------------------------------

def head_of(argv, nbytes):
    p = subprocess.Popen([prog(argv[0])] + argv[1:], stdout=subprocess.PIPE)
    data = p.stdout.read(nbytes)
    p.kill()
    p.wait()
    return data


def test_yes():
    assert head_of(["yes"], 6) == b"y\ny\ny\n"
    assert head_of(["yes", "a", "b c"], 12) == b"a b c\na b c\n"
    long = "z" * 20000
    assert head_of(["yes", long], 40002) == (long + "\n").encode() * 2


def test_yes_is_fast():
    p = subprocess.Popen([prog("yes")], stdout=subprocess.PIPE)
    start, got = time.time(), 0
    while got < 50 << 20:
        got += len(p.stdout.read1(1 << 20))
    p.kill()
    p.wait()
    assert time.time() - start < 5


# --- env ---------------------------------------------------------------

def test_env_prints_and_edits():
    r = run(["env", "-i", "A=1", "B=x=y"])
    assert r.stdout == b"A=1\nB=x=y\n" and r.returncode == 0
    r = run(["env", "-i", "-", "C=3"])
    assert r.stdout == b"C=3\n"
    r = run(["env", "-u", "FOO"], env={"FOO": "bar"})
    assert b"FOO=" not in r.stdout and b"PATH=" in r.stdout
    r = run(["env", "-i", "-0", "A=1", "B=2"])
    assert r.stdout == b"A=1\0B=2\0"


def test_env_runs_command(tmp_path):
    r = run(["env", "-i", "X=42", prog("env")])
    assert r.stdout == b"X=42\n"
    r = run(["env", "-C", str(tmp_path), "/bin/pwd"])
    assert r.stdout.strip() == str(tmp_path).encode()
    r = run(["env", "-i", "PATH=/bin:/usr/bin", "sh", "-c", "exit 7"])
    assert r.returncode == 7


def test_env_command_errors(tmp_path):
    r = run(["env", "no-such-command-xyz"])
    assert r.returncode == 127
    assert r.stderr.startswith(b"env: 'no-such-command-xyz': ")
    noexec = tmp_path / "f"
    noexec.write_bytes(b"data")
    r = run(["env", str(noexec)])
    assert r.returncode == 126
    r = run(["env", "-u", "A=B", "true"])
    assert r.returncode == 125


# --- sleep -------------------------------------------------------------

def test_sleep_sums_fractions():
    start = time.time()
    r = run(["sleep", "0.1", "0.05s", "0.001m"])
    took = time.time() - start
    assert r.returncode == 0
    assert 0.2 <= took < 2


@pytest.mark.parametrize("args", [[], ["1x"], ["-1"], [""], ["abc"],
                                  ["1", "s"]])
def test_sleep_errors(args):
    r = run(["sleep"] + args)
    assert r.returncode == 2 and r.stderr.startswith(b"sleep: ")


# --- date --------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["-u", "-d", "@0"], ["-u", "-d", "@1700000000"], ["-d", "@0"],
    ["-u", "-d", "@1700000000",
     "+%a %A %b %B %c %d %e %H %I %j %m %M %p %S %u %w %y %Y %Z %z %s %%"],
    ["-u", "-d", "@1.25", "+%s.%N %:z"], ["-u", "-R", "-d", "@86399"],
    ["-u", "-I", "-d", "@0"], ["-u", "-Iseconds", "-d", "@0"],
    ["-u", "-Ihours", "-d", "@86399"], ["-u", "-Ins", "-d", "@1.5"],
    ["-u", "-d", "@-1"], ["-u", "-d", "2024-02-29", "+%s"],
    ["-u", "-d", "2024-02-29 12:34:56", "+%s"],
    ["-d", "2024-02-29T12:34:56Z", "+%s"], ["-u", "-d", "@0", "+"],
])
def test_date_like_gnu(args):
    mine = run(["date"] + args, env={"TZ": "UTC"})
    ref = gnu(["date"] + args)
    assert (mine.stdout, mine.returncode) == (ref.stdout, ref.returncode)


def test_date_now():
    before = int(time.time())
    r = run(["date", "+%s"])
    assert before <= int(r.stdout) <= before + 2
    r = run(["date", "-u"], env={"TZ": "UTC"})
    assert r.stdout.endswith(b" UTC " + time.strftime(
        "%Y", time.gmtime()).encode() + b"\n")


def test_date_file(tmp_path):
    f = tmp_path / "f"
    f.write_bytes(b"")
    os.utime(f, (1000000000, 1000000000))
    r = run(["date", "-u", "-r", str(f), "+%s"])
    assert r.stdout == b"1000000000\n"


@pytest.mark.parametrize("args,status", [
    (["-d", "junk"], 1), (["-d", "@1e5"], 1), (["-d", "2024-13-01"], 1),
    (["-s", "junk"], 1), (["-Ifoo"], 2), (["today"], 2),
    (["-d", "@0", "-r", "/"], 2), (["+%s", "+%s"], 2),
])
def test_date_errors(args, status):
    r = run(["date"] + args)
    assert r.returncode == status and r.stderr.startswith(b"date: ")
