"""wc, head, tail, sort, uniq, cut, tr and tee, compared with GNU
coreutils where the output should be identical."""
import os
import random
import signal
import subprocess
import time

import pytest

from conftest import prog, run
from text_oracle import same_as_gnu

LINES = b"".join(b"%d\n" % i for i in range(1, 21))
ODD = b"x\n\n\ny"                       # no final newline
MIXED = (b"b 2 x\na 10 y\nB 1 z\n  c 3 w\na 10 a\n-1.5 q\n0 r\n-0 s\n"
         b".5 u\n10 v\n\nZ\nb\n1,5 k\n007 t\n")
FIELDS = b"x:3:foo\ny:1:bar\nz:2:Baz\nw:1:aaa\nnocolon\n:5:\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "n20").write_bytes(LINES)
    (tmp_path / "odd").write_bytes(ODD)
    (tmp_path / "mixed").write_bytes(MIXED)
    (tmp_path / "empty").write_bytes(b"")
    return tmp_path


# --- wc ----------------------------------------------------------------

@pytest.mark.parametrize("args", [
    [], ["-l"], ["-w"], ["-c"], ["-m"], ["-lw"], ["n20"], ["-l", "n20"],
    ["n20", "odd", "mixed"], ["-c", "n20", "odd"], ["empty"], ["odd"],
    ["-", "odd"],
])
def test_wc(files, args):
    same_as_gnu(run, ["wc"] + args, stdin=MIXED, cwd=files)


def test_wc_utf8_chars():
    r = run(["wc", "-m"], stdin="h\u00e9llo \u20ac\n")
    assert r.stdout.split() == [b"8"]


def test_wc_missing_file_keeps_going(files):
    r = run(["wc", "-l", "nope", "n20"], cwd=files)
    assert r.returncode == 1
    assert r.stdout == b"20 n20\n20 total\n"


# --- head and tail -------------------------------------------------------

@pytest.mark.parametrize("args", [
    [], ["-n", "3"], ["-n", "-2"], ["-n", "0"], ["-n", "-100"], ["-c", "3"],
    ["-c", "-3"], ["-3"], ["-n", "5", "odd"], ["-n", "-1", "odd"],
    ["n20", "odd"], ["-q", "n20", "odd"], ["-v", "odd"], ["-c", "1K"],
    ["-n", "2", "-", "odd"], ["empty"],
])
def test_head(files, args):
    same_as_gnu(run, ["head"] + args, stdin=LINES, cwd=files)


@pytest.mark.parametrize("args", [
    [], ["-n", "3"], ["-n", "+2"], ["-n", "+1"], ["-n", "0"], ["-c", "3"],
    ["-c", "+3"], ["-3"], ["-n", "100"], ["-n", "2", "odd"],
    ["-n", "5", "odd"], ["n20", "odd"], ["-q", "n20", "odd"],
    ["-v", "odd"], ["empty"], ["-c", "1K", "n20"],
])
def test_tail(files, args):
    same_as_gnu(run, ["tail"] + args, stdin=LINES, cwd=files)
    if args and args[-1] in ("odd", "n20", "empty"):
        return
    # The same through a file (read backwards from its end).
    same_as_gnu(run, ["tail"] + args + ["n20"], cwd=files)


def test_tail_big_pipe_and_file(tmp_path):
    rnd = random.Random(7)
    data = b"".join(b"%d %s\n" % (i, b"z" * rnd.randrange(300))
                    for i in range(20000))
    (tmp_path / "big").write_bytes(data)
    for args in (["-n", "7"], ["-n", "3000"], ["-c", "70000"]):
        same_as_gnu(run, ["tail"] + args, stdin=data)
        same_as_gnu(run, ["tail"] + args + ["big"], cwd=tmp_path)


def test_bad_counts():
    for name in ("head", "tail"):
        r = run([name, "-n", "x"])
        assert r.returncode == 2 and b"invalid number of lines" in r.stderr


def test_tail_follow(tmp_path):
    f = tmp_path / "log"
    f.write_bytes(b"one\ntwo\n")
    p = subprocess.Popen([prog("tail"), "-n", "1", "-f", str(f)],
                         stdout=subprocess.PIPE,
                         env=dict(os.environ, ASAN_OPTIONS="detect_leaks=0"))
    try:
        assert p.stdout.readline() == b"two\n"
        with open(f, "ab") as w:
            w.write(b"three\n")
        assert p.stdout.readline() == b"three\n"   # within a second
    finally:
        p.send_signal(signal.SIGINT)
        p.wait(timeout=5)
    assert p.returncode == -signal.SIGINT


# --- sort --------------------------------------------------------------

@pytest.mark.parametrize("args", [
    [], ["-r"], ["-n"], ["-nr"], ["-u"], ["-f"], ["-fu"], ["-d"], ["-b"],
    ["-k2"], ["-k2n"], ["-k2,2n"], ["-k2,2nr", "-k1,1"], ["-k1.2"],
    ["-k1.2,1.3"], ["-k2.1b,2.2"], ["-s", "-k2,2n"], ["-k3,3", "-k1,1r"],
    ["-bk2"], ["-n", "-u"], ["-c"], ["-C"], ["-i"],
])
def test_sort(args):
    same_as_gnu(run, ["sort"] + args, stdin=MIXED)


@pytest.mark.parametrize("args", [
    ["-t:", "-k2,2n"], ["-t:", "-k3"], ["-t:", "-k3f"], ["-t:", "-k2n", "-u"],
    ["-t:", "-k2,2", "-k1,1r"],
])
def test_sort_separator(args):
    same_as_gnu(run, ["sort"] + args, stdin=FIELDS)


def test_sort_random_like_gnu():
    rnd = random.Random(5)
    chars = " \t:aAbB019-.,_zZ"
    data = "".join("".join(rnd.choice(chars) for _ in
                           range(rnd.randrange(15))) + "\n"
                   for _ in range(2000)).encode()
    for args in ([], ["-n"], ["-f"], ["-k2"], ["-k2,2"], ["-t:", "-k2.2,2.3"],
                 ["-k1.3b,2.1"], ["-nu"], ["-rn"], ["-bf", "-k3"],
                 ["-t,", "-k2n,2", "-s"]):
        same_as_gnu(run, ["sort"] + args, stdin=data)


def test_sort_files_and_output(files):
    r = run(["sort", "-o", "odd", "odd", "n20"], cwd=files)
    assert r.returncode == 0 and r.stdout == b""
    ref = sorted(ODD.split(b"\n") + LINES.split(b"\n")[:-1])
    assert (files / "odd").read_bytes() == b"\n".join(ref) + b"\n"


def test_sort_check_message():
    r = run(["sort", "-c"], stdin=b"a\nc\nb\n")
    assert r.returncode == 1
    assert r.stderr == b"sort: -:3: disorder: b\n"


def test_sort_bad_keys():
    for key in ("0", "1.0", "2,2x", "a"):
        r = run(["sort", "-k", key])
        assert r.returncode == 2 and b"invalid key" in r.stderr
    r = run(["sort", "-t", "ab"])
    assert r.returncode == 2


# --- uniq --------------------------------------------------------------

UQ = b"a\na\nA\nb x\nc x\nc x\nd\n\n\nlast"


@pytest.mark.parametrize("args", [
    [], ["-c"], ["-d"], ["-u"], ["-i"], ["-ic"], ["-f", "1"], ["-s", "1"],
    ["-w", "1"], ["-cd", "-f1"],
])
def test_uniq(args):
    same_as_gnu(run, ["uniq"] + args, stdin=UQ)


def test_uniq_output_file(tmp_path):
    (tmp_path / "in").write_bytes(UQ)
    r = run(["uniq", "-u", "in", "out"], cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == b""
    assert (tmp_path / "out").read_bytes() == b"A\nb x\nd\nlast\n"
    assert run(["uniq", "-f", "x"]).returncode == 2


# --- cut ---------------------------------------------------------------

CUT = b"a:b:c:d\nnodelim\n:x:\n\n1:2\nabcdefghij\nlast:x"


@pytest.mark.parametrize("args", [
    ["-b", "1,3-5,7-"], ["-c", "-3"], ["-c", "2-"], ["-d:", "-f2"],
    ["-d:", "-f1,3"], ["-d:", "-f2-", "-s"], ["-d:", "-f", "3-4"],
    ["-d:", "-f2", "--complement"], ["-b", "2-4", "--complement"],
    ["-d:", "-f1,3", "--output-delimiter=XX"], ["-f2"],
    ["-b", "1-2,5-6", "--output-delimiter=|"], ["-d:", "-f1,1-2,4"],
])
def test_cut(args):
    same_as_gnu(run, ["cut"] + args, stdin=CUT)


@pytest.mark.parametrize("args", [
    [], ["-f0"], ["-b", "3-1"], ["-b", "x"], ["-d", "ab", "-f1"],
    ["-b1", "-d:"], ["-b", "1", "-f", "2"],
])
def test_cut_usage_errors(args):
    r = run(["cut"] + args)
    assert r.returncode == 2 and r.stderr.startswith(b"cut: ")


# --- tr ----------------------------------------------------------------

TR_IN = bytes(range(256)) * 3 + LINES + MIXED


@pytest.mark.parametrize("args", [
    ["a-z", "A-Z"], ["[:lower:]", "[:upper:]"], ["[:upper:]", "[:lower:]"],
    ["-d", "[:digit:]"], ["-d", "\\n"], ["-s", "a-z"], ["-s", "[:space:]"],
    ["-cs", "[:alnum:]", "\\n"], ["-c", "a-z", "_"], ["-cd", "a-z\\n"],
    ["abc", "x"], ["abc", "xy"], ["-t", "abc", "xy"],
    ["\\101-\\132", "\\141-\\172"], ["a-z", "[x*]"], ["a-z", "[x*5]Y"],
    ["a-z", "[.*3][:*]"], ["-ds", "a-c", "d-f"], ["\\\\", "/"],
    ["[=a=]", "b"], ["-d", "[:punct:][:blank:]"], ["\\t\\n", "_-"],
    ["-s", "ab", "xy"], ["[:alpha:]", "*"], ["-d", "\\000-\\037"],
    ["-d", "[:cntrl:][:xdigit:]"],
])
def test_tr(args):
    same_as_gnu(run, ["tr"] + args, stdin=TR_IN)


@pytest.mark.parametrize("args", [
    [], ["a"], ["-d", "a", "b"], ["z-a", "x"], ["[:foo:]", "x"],
    ["a", ""], ["[a*]", "x"], ["a", "b", "c"],
])
def test_tr_usage_errors(args):
    r = run(["tr"] + args)
    assert r.returncode == 2 and r.stderr.startswith(b"tr: ")


# --- tee ---------------------------------------------------------------

def test_tee(tmp_path):
    r = run(["tee", "f1", "f2"], stdin=b"hi\n", cwd=tmp_path)
    assert r.stdout == b"hi\n" and r.returncode == 0
    assert (tmp_path / "f1").read_bytes() == b"hi\n"
    r = run(["tee", "-a", "f1"], stdin=b"more\n", cwd=tmp_path)
    assert (tmp_path / "f1").read_bytes() == b"hi\nmore\n"
    assert (tmp_path / "f2").read_bytes() == b"hi\n"


def test_tee_bad_file_keeps_going(tmp_path):
    r = run(["tee", "nodir/x", "ok"], stdin=b"data\n", cwd=tmp_path)
    assert r.returncode == 1 and r.stdout == b"data\n"
    assert r.stderr.startswith(b"tee: nodir/x: ")
    assert (tmp_path / "ok").read_bytes() == b"data\n"


def test_tee_ignores_sigint(tmp_path):
    p = subprocess.Popen([prog("tee"), "-i"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE)
    time.sleep(0.2)
    p.send_signal(signal.SIGINT)
    out, _ = p.communicate(b"still here\n", timeout=5)
    assert out == b"still here\n" and p.returncode == 0
