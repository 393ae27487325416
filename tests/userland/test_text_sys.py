"""uptime, free, ps, kill, uname, clear, dmesg, mount, umount, more and
help: checked against /proc, os.uname() and the procps formats."""
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from conftest import prog, run
from text_oracle import gnu

ASAN_ENV = dict(os.environ, ASAN_OPTIONS="detect_leaks=0", LC_ALL="C")


# --- uptime ------------------------------------------------------------

def test_uptime_format():
    r = run(["uptime"])
    m = re.fullmatch(rb" \d\d:\d\d:\d\d up (\d+ days?, )?"
                     rb"(\d+ min|[ \d]\d:\d\d),"
                     rb" +\d+ users?,  load average: "
                     rb"(\d+\.\d\d), (\d+\.\d\d), (\d+\.\d\d)\n", r.stdout)
    assert m, r.stdout
    load = open("/proc/loadavg").read().split()[:3]
    assert abs(float(m.group(5)) - float(load[2])) < 0.5


def test_uptime_pretty_and_since():
    up = float(open("/proc/uptime").read().split()[0])
    r = run(["uptime", "-p"])
    assert re.fullmatch(rb"up (\d+ \w+(, )?)+\n", r.stdout), r.stdout
    if up >= 3600:
        assert b"hour" in r.stdout or b"day" in r.stdout or \
            b"week" in r.stdout
    r = run(["uptime", "-s"])
    boot = time.mktime(time.strptime(r.stdout.decode().strip(),
                                     "%Y-%m-%d %H:%M:%S"))
    assert abs(boot - (time.time() - up)) < 3
    assert run(["uptime", "x"]).returncode == 2


# --- free --------------------------------------------------------------

HEADER = (b"               total        used        free      shared"
          b"  buff/cache   available\n")


def meminfo():
    return {l.split(":")[0]: int(l.split()[1])
            for l in open("/proc/meminfo")}


@pytest.mark.parametrize("opt,shift", [([], 10), (["-k"], 10),
                                       (["-m"], 20), (["-g"], 30),
                                       (["-b"], 0)])
def test_free(opt, shift):
    r = run(["free"] + opt)
    lines = r.stdout.split(b"\n")
    assert lines[0] + b"\n" == HEADER
    mem = lines[1].split()
    assert mem[0] == b"Mem:" and len(mem) == 7
    assert int(mem[1]) == meminfo()["MemTotal"] * 1024 >> shift
    assert lines[1][:20].endswith(mem[1])
    swap = lines[2].split()
    assert swap[0] == b"Swap:" and len(swap) == 4
    assert int(swap[1]) == int(swap[2]) + int(swap[3])
    ref = gnu(["free"] + opt).stdout.split(b"\n")
    assert ref[0] == lines[0]
    assert [len(x) for x in ref[1:3]] == [len(x) for x in lines[1:3]] \
        or shift == 0


def test_free_human_and_total():
    r = run(["free", "-h", "-t"])
    lines = r.stdout.split(b"\n")
    assert lines[0] + b"\n" == HEADER
    for val in lines[1].split()[1:]:
        assert re.fullmatch(rb"\d+(\.\d)?(B|Ki|Mi|Gi|Ti)", val), val
    assert lines[3].startswith(b"Total:")
    assert len(lines[3].split()) == 4


# --- ps ----------------------------------------------------------------

@pytest.mark.parametrize("args", [
    [], ["-e"], ["-A"], ["-f"], ["-ef"], ["aux"], ["ax"], ["x"],
    ["-o", "pid,ppid,pgid,sid,tty,stat,comm,args,rss,vsz,user"]])
def test_ps_headers_like_procps(args):
    mine = run(["ps"] + args).stdout.split(b"\n")[0]
    ref = gnu(["ps"] + args).stdout.split(b"\n")[0]
    assert mine == ref


@pytest.fixture
def sleeper():
    p = subprocess.Popen(["sleep", "30"], start_new_session=True)
    # Popen returns inside exec, before Linux sets the new cmdline.
    for _ in range(200):
        with open("/proc/%d/cmdline" % p.pid, "rb") as f:
            if f.read():
                break
        time.sleep(0.01)
    yield p
    p.kill()
    p.wait()


def test_ps_finds_a_process(sleeper):
    r = run(["ps", "-o", "pid,ppid,pgid,sid,stat,comm,args",
             "-p", str(sleeper.pid)])
    lines = r.stdout.split(b"\n")
    assert len(lines) == 3 and lines[2] == b""
    pid, ppid, pgid, sid, stat, comm, args = lines[1].split(None, 6)
    assert int(pid) == sleeper.pid and int(ppid) == os.getpid()
    assert int(pgid) == int(sid) == sleeper.pid
    assert stat.startswith(b"S") and b"s" in stat
    assert comm == b"sleep" and args == b"sleep 30"


def test_ps_full_and_user_rows(sleeper):
    for args, ncols, last in ((["-ef"], 8, b"sleep 30"),
                              (["aux"], 11, b"sleep 30"),
                              (["-e"], 4, b"sleep")):
        rows = [l for l in run(["ps"] + args).stdout.split(b"\n")[1:]
                if l.split()[1:2] == [str(sleeper.pid).encode()] or
                l.split()[:1] == [str(sleeper.pid).encode()]]
        assert len(rows) == 1, args
        assert rows[0].endswith(last)
        assert len(rows[0].split(None, ncols - 1)) == ncols
    r = run(["ps", "-p", "999999999"])
    assert r.returncode == 1


def test_ps_tty_name_on_a_pty():
    pexpect = pytest.importorskip("pexpect")
    c = pexpect.spawn(prog("ps"), ["-o", "pid,tty,comm", "-p",
                                   str(os.getpid())], env=ASAN_ENV)
    c.expect(pexpect.EOF)
    c = pexpect.spawn("/bin/sh", ["-c", "tty; %s -o tty,comm" % prog("ps")],
                      env=ASAN_ENV)
    c.expect(pexpect.EOF)
    out = c.before.decode().split("\r\n")
    tty = out[0].replace("/dev/", "")
    assert out[1].split() == ["TT", "COMMAND"]
    assert [tty, "ps"] in [l.split() for l in out[2:]]


def test_ps_bad_args():
    for args in (["-o", "nosuch"], ["-p", "x"], ["q"], ["-p"]):
        assert run(["ps"] + args).returncode == 2, args


# --- kill --------------------------------------------------------------

@pytest.mark.parametrize("args,sig", [
    ([], signal.SIGTERM), (["-9"], signal.SIGKILL),
    (["-s", "USR1"], signal.SIGUSR1), (["-n", "10"], signal.SIGUSR1),
    (["-SIGHUP"], signal.SIGHUP), (["-int"], signal.SIGINT),
    (["-s", "sigquit"], signal.SIGQUIT), (["--"], signal.SIGTERM),
])
def test_kill_sends(sleeper, args, sig):
    r = run(["kill"] + args + [str(sleeper.pid)])
    assert r.returncode == 0
    assert sleeper.wait(timeout=5) == -sig


def test_kill_group(sleeper):
    r = run(["kill", "-TERM", "--", "-%d" % sleeper.pid])
    assert r.returncode == 0 and sleeper.wait(timeout=5) == -signal.SIGTERM
    sl = subprocess.Popen(["sleep", "30"], start_new_session=True)
    assert run(["kill", "-9", "-%d" % sl.pid]).returncode == 0
    assert sl.wait(timeout=5) == -signal.SIGKILL


def test_kill_zero_checks_existence(sleeper):
    assert run(["kill", "-0", str(sleeper.pid)]).returncode == 0
    r = run(["kill", "-0", "999999999"])
    assert r.returncode == 1 and b"No such process" in r.stderr


def test_kill_list():
    r = run(["kill", "-l"])
    names = r.stdout.split()
    assert names[:3] == [b"HUP", b"INT", b"QUIT"] and b"SYS" in names
    assert len(names) == 31
    r = run(["kill", "-l", "9", "143", "TERM", "sigint"])
    assert r.stdout == b"KILL\nTERM\n15\n2\n"
    r = run(["kill", "-L"])
    assert r.stdout.startswith(b" 1 HUP")
    r = run(["kill", "-l", "bogus"])
    assert r.returncode == 1 and b"unknown signal" in r.stderr


@pytest.mark.parametrize("args,status", [
    ([], 2), (["-FOO", "1"], 2), (["-s"], 2), (["-n", "TERM", "1"], 2),
    (["abc"], 1), (["-9"], 2),
])
def test_kill_errors(args, status):
    r = run(["kill"] + args)
    assert r.returncode == status and r.stderr.startswith(b"kill: ")


# --- uname, clear ------------------------------------------------------

def test_uname():
    u = os.uname()
    for opt, val in (("-s", u.sysname), ("-n", u.nodename),
                     ("-r", u.release), ("-v", u.version),
                     ("-m", u.machine), ("-o", u.sysname),
                     ("-p", "unknown"), ("-i", "unknown")):
        assert run(["uname", opt]).stdout == (val + "\n").encode(), opt
    assert run(["uname"]).stdout == (u.sysname + "\n").encode()
    assert run(["uname", "-a"]).stdout == (" ".join(
        [u.sysname, u.nodename, u.release, u.version, u.machine,
         u.sysname]) + "\n").encode()
    assert run(["uname", "-rs"]).stdout == (
        u.sysname + " " + u.release + "\n").encode()
    assert run(["uname", "x"]).returncode == 2


def test_clear():
    assert run(["clear"]).stdout == b"\033[H\033[2J\033[3J"
    assert run(["clear", "-x"]).stdout == b"\033[H\033[2J"
    assert run(["clear", "x"]).returncode == 2


# --- dmesg -------------------------------------------------------------

KMSG = (b"6,1,1234567,-;hello world\n SUBSYSTEM=x\n3,2,5,c;err msg\n"
        b"broken\n4,3,99999999999,-;x;y\n14,4,0,-;from user\n")


@pytest.mark.parametrize("args,out", [
    ([], b"[    1.234567] hello world\n[    0.000005] err msg\n"
         b"[99999.999999] x;y\n[    0.000000] from user\n"),
    (["-t"], b"hello world\nerr msg\nx;y\nfrom user\n"),
    (["-r", "-t"], b"<6>hello world\n<3>err msg\n<4>x;y\n<14>from user\n"),
    (["-l", "err,warn"], b"[    0.000005] err msg\n[99999.999999] x;y\n"),
    (["-x", "-l", "info"], b"kern  :info  : [    1.234567] hello world\n"
                           b"user  :info  : [    0.000000] from user\n"),
])
def test_dmesg_records(tmp_path, args, out):
    (tmp_path / "k").write_bytes(KMSG)
    r = run(["dmesg", "-F", str(tmp_path / "k")] + args)
    assert (r.returncode, r.stdout) == (0, out)


def test_dmesg_kmsg():
    try:
        open("/dev/kmsg", "rb").close()
    except OSError:
        pytest.skip("no readable /dev/kmsg")
    r = run(["dmesg"])
    assert r.returncode == 0
    lines = r.stdout.split(b"\n")
    assert all(re.match(rb"\[ *\d+\.\d{6}\] ", l) for l in lines[:-1])
    assert run(["dmesg", "-l", "bogus"]).returncode == 2


# --- mount, umount -----------------------------------------------------

def unescape(s):
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), s)


def test_mount_lists_proc_mounts():
    r = run(["mount"])
    want = []
    for line in open("/proc/mounts"):
        src, dst, fs, opts = line.split()[:4]
        want.append("%s on %s type %s (%s)" % (
            unescape(src), unescape(dst), unescape(fs), unescape(opts)))
    # The table may change between the two reads; compare what is
    # stable: the first lines.
    assert r.stdout.decode().split("\n")[:3] == want[:3]
    r = run(["mount", "-t", "proc"])
    assert r.stdout and all(b" type proc " in l
                            for l in r.stdout.split(b"\n")[:-1])


def test_mount_tmpfs_remount_umount(tmp_path):
    d = tmp_path / "m"
    d.mkdir()
    r = run(["mount", "-t", "tmpfs", "-o", "size=1m,nosuid,mode=700",
             "ferrite-test", str(d)])
    if r.returncode and b"Operation not permitted" in r.stderr:
        pytest.skip("not allowed to mount here")
    assert r.returncode == 0, r.stderr
    try:
        line = [l for l in open("/proc/mounts") if l.split()[1] == str(d)]
        assert line and line[0].startswith("ferrite-test ")
        opts = line[0].split()[3].split(",")
        assert "nosuid" in opts and "size=1024k" in opts
        assert "mode=700" in opts
        (d / "f").write_bytes(b"x")
        r = run(["mount", "-o", "remount,ro", str(d)])
        assert r.returncode == 0, r.stderr
        with pytest.raises(OSError):
            (d / "g").write_bytes(b"x")
    finally:
        r = run(["umount", str(d)])
    assert r.returncode == 0
    assert not (d / "f").exists()
    r = run(["umount", "-l", str(d)])
    assert r.returncode == 1 and r.stderr.startswith(
        b"umount: %s: " % str(d).encode())


@pytest.mark.parametrize("args", [
    ["x"], ["a", "b", "c"], ["none", "/mnt"], ["--bogus"], ["-o"],
])
def test_mount_usage_errors(args):
    r = run(["mount"] + args)
    assert r.returncode == 2 and r.stderr.startswith(b"mount: ")


def test_mount_failure(tmp_path):
    r = run(["mount", "-t", "tmpfs", "none", str(tmp_path / "nodir")])
    assert r.returncode == 1 and r.stderr.startswith(b"mount: none on ")
    assert run(["umount"]).returncode == 2


# --- more --------------------------------------------------------------

def test_more_without_terminal_is_cat(tmp_path):
    r = run(["more"], stdin=b"a\nb")
    assert r.stdout == b"a\nb" and r.returncode == 0
    (tmp_path / "x").write_bytes(b"1\n")
    (tmp_path / "y").write_bytes(b"2\n")
    r = run(["more", "x", "y"], cwd=tmp_path)
    assert r.stdout == (b"::::::::::::::\nx\n::::::::::::::\n1\n"
                        b"::::::::::::::\ny\n::::::::::::::\n2\n")


def test_more_pages_on_a_terminal(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    f = tmp_path / "n"
    f.write_bytes(b"".join(b"line%d\n" % i for i in range(1, 41)))
    c = pexpect.spawn("/bin/sh", ["-c", "%s %s; stty -a" % (prog("more"),
                                                         f)],
                      dimensions=(6, 80), env=ASAN_ENV, timeout=5)
    c.expect(r"--More--\((\d+)%\)")
    assert c.before.split(b"\r\n")[:5] == [b"line%d" % i
                                           for i in range(1, 6)]
    assert int(c.match.group(1)) == 6 * 5 * 100 // len(f.read_bytes()) \
        or int(c.match.group(1)) > 0
    c.send(" ")
    c.expect("--More--")
    assert b"line10\r\n" in c.before and b"line11" not in c.before
    c.send("\r")
    c.expect("--More--")
    assert b"line11\r\n" in c.before and b"line12" not in c.before
    c.send("q")
    c.expect(pexpect.EOF)
    # The terminal is canonical and echoing again.
    assert re.search(rb"[^-]icanon", c.before)
    assert re.search(rb"[^-]echo ", c.before)


def test_more_restores_terminal_on_sigint(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    f = tmp_path / "n"
    f.write_bytes(b"x\n" * 100)
    # The shell ignores SIGINT to live on; more catches it anyway.
    c = pexpect.spawn("/bin/sh", ["-c", "trap '' INT; %s %s; echo st=$?; "
                                  "stty -a" % (prog("more"), f)],
                      dimensions=(6, 80), env=ASAN_ENV, timeout=5)
    c.expect("--More--")
    c.sendintr()
    c.expect(pexpect.EOF)
    assert b"st=130" in c.before
    assert re.search(rb"[^-]icanon", c.before)


# --- help --------------------------------------------------------------

def test_help_lists_and_runs(tmp_path):
    for name, mode in (("zzfirst", 0o755), ("zzsecond", 0o755),
                       ("zznotexec", 0o644)):
        p = tmp_path / name
        p.write_text("#!/bin/sh\necho \"$0 says $*\"\n")
        p.chmod(mode)
    r = run(["help"], env={"PATH": str(tmp_path), "COLUMNS": "40"})
    assert r.returncode == 0
    assert b"--help" in r.stdout.split(b"\n")[0]
    words = r.stdout.split()
    assert b"zzfirst" in words and b"zzsecond" in words
    assert b"zznotexec" not in words
    assert all(len(l) <= 40 for l in r.stdout.split(b"\n")[3:]
               if len(l.split()) > 1)
    r = run(["help", "zzfirst"], env={"PATH": str(tmp_path)})
    assert r.stdout.endswith(b"zzfirst says --help\n")
    r = run(["help", "zz-none"], env={"PATH": str(tmp_path)})
    assert r.returncode == 127 and r.stderr.startswith(b"help: zz-none")
