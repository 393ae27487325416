"""Debian's busybox-static applets on Ferrite against the same applets on
the build host (Linux), over one reference tree.

One boot runs a shell script as /init that mounts proc, devtmpfs and a
tmpfs on /tmp, copies /ref to /tmp/work and runs a list of commands there,
each framed by marker lines:

    === grep -n
    ...its stdout and stderr...
    --- status 0

The host runs the same commands with the same busybox binary (a directory
of applet links first and alone on PATH) on the same tree, so every
section must come out byte for byte the same, exit status included. The
few things that differ by nature between two file systems (directory
sizes, `total` block counts, the owner when the host is not root) are
normalized by the commands themselves or below. df, free, ps and top
describe the machine rather than the tree: they run only on Ferrite, and
their output is checked for its shape and its numbers against /proc
(and /proc/stat, which top's CPU line comes from, for its own sense).

A check that fails because Ferrite lacks something goes into
KNOWN_FAILURES with the reason: it is then an xfail(strict=True), so it
fails again as soon as the kernel is fixed.
"""
import grp
import os
import pwd
import re
import shutil
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from qemu import TIMESTAMP_RE, boot

BUSYBOX = Path("/bin/busybox")
DEADLINE = 30            # seconds for the Ferrite run; it takes about 2
HOST_TIMEOUT = 20        # for the host's; it takes under 1

# Fixed times for the reference tree (UTC, TZ=UTC0 on both sides): every
# file gets its own, so ls -t and find -newer have an order to find.
EPOCH = 1614834367       # 2021-03-04 05:06:07 UTC

# Defined before the sections, on both sides: `ls -l` (or --full-time)
# output normalized. No "total" lines (block counts differ between
# filesystems), no ".." (outside the tree), no directory sizes (ext4 says
# 4096, tmpfs counts entries), fields joined by single spaces. The date
# is kept for files with D >= 1 and directories too with D = 2; never for
# symlinks, whose times cp -a does not keep.
PRELUDE = r"""norm() {
	awk -v D="$1" '
	$1 == "total" || $NF == ".." { next }
	NF < 9 { print; next }
	{
		size = $1 ~ /^d/ ? "-" : $5
		date = $6 " " $7 " " $8
		if (D == 0 || $1 ~ /^l/ || (D == 1 && $1 ~ /^d/))
			date = "-"
		line = $1 " " $2 " " $3 " " $4 " " size " " date
		for (i = 9; i <= NF; i++)
			line = line " " $i
		print line
	}'
}
"""


def _file(text, mode=0o644):
    return ("file", text.encode(), mode)


def _numbers():
    # Unsorted, with duplicates and numbers whose text order is not their
    # numeric order.
    vals = [42, 7, 100, 7, 3, 1000, 25, 42, 9, 0, 11, 250, 7, 64, 5]
    return "".join("%d\n" % v for v in vals)


def _words():
    # Over 4 KiB (more than one page of a tmpfs file, and what find -size
    # +4k finds), with repeated and sortable fields.
    colours = ["red", "green", "blue", "cyan", "magenta", "yellow"]
    return "".join("%04d %s %s\n" % (i, colours[i % 6], colours[(i * 7) % 6])
                   for i in range(400))


REF_TREE = {
    "README": _file("Reference tree for the busybox end-to-end test.\n"
                    "Every line here is known.\n"),
    "empty": _file(""),
    "secret": _file("top secret: 0600\n", 0o600),
    "run.sh": _file("#!/bin/sh\necho run.sh says hello\n", 0o755),
    "link": ("symlink", "docs/notes.txt"),
    "data": ("dir", 0o755),
    "data/numbers.txt": _file(_numbers()),
    "data/fruits.txt": _file(
        "banana\napple\ncherry\napple\nApple\nbanana\ndate\napple\n"
        "elderberry\nfig\nbanana\nCherry\ncherry\n"),
    "data/table.txt": _file(
        "widget 4 2.50\ngadget 10 1.25\nsprocket 1 19.99\n"
        "gizmo 7 3.00\ndoohickey 10 0.75\nwidget 2 2.50\n"),
    "data/people.csv": _file(
        "name,city,age\nalice,paris,34\nbob,berlin,27\ncarol,rome,45\n"
        "dave,oslo,27\neve,lima,31\n"),
    "data/words.txt": _file(_words()),
    "docs": ("dir", 0o755),
    "docs/notes.txt": _file(
        "The quick brown fox\njumps over the lazy dog.\n\n"
        "A cat is not a dog,\nand the fox is not a cat.\n"
        "Line 6 has numbers 12 and 345.\nTHE END\n"),
    "docs/sub": ("dir", 0o750),
    "docs/sub/deep.txt": _file("deep inside\nthe fox was here\n"),
    "docs/sub/empty-dir": ("dir", 0o755),
}


def ref_times():
    """(name, what, mtime) for every entry of the tree, deepest first (a
    directory's time is set after its children are made)."""
    items = sorted(REF_TREE.items())
    return [(name, what, EPOCH + 3600 * i)
            for i, (name, what) in reversed(list(enumerate(items)))] + \
        [(".", ("dir", 0o755), EPOCH - 86400)]


def touch_tree():
    """touch -d commands giving the tree in the cwd its reference times
    (not the symlinks': busybox touch has no -h)."""
    return " && ".join(
        "touch -d '%s' %s" % (time.strftime("%Y-%m-%d %H:%M:%S",
                                            time.gmtime(t)), name)
        for name, what, t in ref_times() if what[0] != "symlink")


# (name, shell snippet). Run in order, in /tmp/work after the first one;
# the name is what a failure reports. Sections that change the tree come
# last so that the earlier ones see the reference tree as it is.
SECTIONS = [
    # The archive's times as unpacked: Linux keeps every entry's mtime.
    ("initramfs mtimes", "ls -lanR --full-time ref | norm 2"),
    ("cp -a ref", "cp -a ref tmp/work && cd tmp/work"),
    # The archive's times again, whatever the unpacking did to them, so
    # that the listings below do not depend on it (touch_tree()).
    ("touch -d", touch_tree()),
    # (Outside the work tree, whose directory's time is listed below.)
    ("cp -a keeps times", "cp -a data ../data.a && ls -lan --full-time "
     "../data.a | norm 2 && rm -r ../data.a"),

    ("ls -la", "ls -la | norm 2"),
    ("ls -lanR --full-time", "ls -lanR --full-time | norm 2"),
    ("ls -1t", "ls -1t . data"),
    ("ls -AF", "ls -AF"),
    ("ls -l symlink", "ls -l link | awk '{print $1, $9, $10, $11}'; "
     "ls -lL link | awk '{print $1, $5}'"),
    ("ls missing", "ls nothing-here"),

    ("find", "find . | sort"),
    ("find -type f -name", "find . -type f -name '*.txt' | sort"),
    ("find -type l -o -type d", "find . -type l; find . -type d | sort"),
    ("find -empty", "find . -empty | sort"),
    ("find -perm", "find . -perm 600; find . -type f -perm -100 | sort"),
    ("find -mindepth -maxdepth", "find . -mindepth 2 -maxdepth 2 | sort"),
    ("find -newer", "find . -type f -newer data/table.txt | sort"),
    ("find -size", "find . -type f -size +4k"),
    ("find -exec", "find . -name '*.txt' -exec wc -l {} \\; | sort"),
    ("find | xargs md5sum", "find . -type f | sort | xargs md5sum"),

    ("grep", "grep fox docs/notes.txt"),
    ("grep -r", "grep -r fox . | sort"),
    ("grep -rl", "grep -rl apple . | sort"),
    ("grep -n", "grep -n the docs/notes.txt"),
    ("grep -c", "grep -c an data/fruits.txt docs/notes.txt data/words.txt"),
    ("grep -v", "grep -v apple data/fruits.txt"),
    ("grep -i", "grep -i APPLE data/fruits.txt"),
    ("grep -E -o -w", "grep -Eo '[0-9]+' docs/notes.txt; "
     "grep -w cat docs/notes.txt"),
    ("grep -e stdin", "cat docs/notes.txt | grep -e quick -e lazy"),
    ("grep no match", "grep zebra docs/notes.txt"),
    ("grep missing file", "grep fox docs/notes.txt nothing-here"),

    ("sed s///", "sed 's/fox/cat/' docs/notes.txt"),
    ("sed s///g -E", "sed -E 's/([a-z]+) ([a-z]+)/\\2 \\1/g' docs/notes.txt"),
    ("sed -n p", "sed -n '2,4p' docs/notes.txt; sed -n '/dog/p' "
     "docs/notes.txt; sed -n '$p' data/words.txt"),
    ("sed d =", "sed -e '1d' -e '/^$/d' docs/notes.txt; "
     "sed = data/fruits.txt | sed -n '1,6p'"),
    ("sed -i", "cp docs/notes.txt n2 && sed -i 's/quick/slow/;3d' n2 && "
     "cat n2 && ls -ln n2 | awk '{print $1, $2, $5, $9}' && rm n2"),
    ("sed big", "sed 's/red/RED/g' data/words.txt | md5sum"),

    ("awk fields", "awk '{print $2, $1}' data/table.txt"),
    ("awk sum", "awk '{ n += $2; s += $2 * $3 } "
     "END { printf \"%d %.2f\\n\", n, s }' data/table.txt"),
    ("awk -F", "awk -F, 'NR > 1 { print $3, toupper($1) }' data/people.csv"),
    ("awk NR NF length", "awk '{ print NR, NF, length($0) }' docs/notes.txt"),
    ("awk arrays", "awk '{ n[$1]++ } END { for (k in n) print k, n[k] }' "
     "data/fruits.txt | sort"),
    # Debian's busybox awk has no math library (no ^, sqrt).
    ("awk BEGIN", "awk 'BEGIN { print int(7/2), 10 % 3, 1/3, 2 * 3.5, "
     "substr(\"hello\", 2, 3), index(\"abc\", \"c\"), "
     "sprintf(\"%05.1f\", 3.14159) }'"),

    ("sort", "sort data/fruits.txt"),
    ("sort -n", "sort -n data/numbers.txt"),
    ("sort -r", "sort -r data/fruits.txt"),
    ("sort -u", "sort -u data/fruits.txt"),
    ("sort -nr", "sort -nr data/numbers.txt"),
    ("sort -f", "sort -f data/fruits.txt"),
    ("sort -k", "sort -k2,2n -k1,1 data/table.txt"),
    ("sort -t -k", "sort -t, -k3,3n -k1,1 data/people.csv"),
    ("sort -k words", "sort -k3,3 -k2,2 -s data/words.txt | md5sum"),
    ("sort -c", "sort -c data/numbers.txt"),
    ("sort -o", "sort -o sorted.txt data/fruits.txt && cat sorted.txt && "
     "rm sorted.txt"),

    ("uniq", "sort data/fruits.txt | uniq"),
    ("uniq -c", "sort data/fruits.txt | uniq -c"),
    ("uniq -d", "sort data/fruits.txt | uniq -d"),
    ("uniq -u", "sort data/fruits.txt | uniq -u"),
    ("uniq -i -c", "sort -f data/fruits.txt | uniq -i -c"),
    ("uniq words", "awk '{print $2}' data/words.txt | sort | uniq -c"),

    ("md5sum", "md5sum docs/notes.txt data/*.txt empty secret"),
    ("md5sum -c", "md5sum data/* > sums && md5sum -c sums && rm sums"),
    ("md5sum stdin", "cat link | md5sum; md5sum < data/words.txt"),

    ("gzip -c", "gzip -c docs/notes.txt | md5sum; "
     "gzip -c data/words.txt > words.gz && ls -l words.gz | "
     "awk '{print $5}' && md5sum words.gz"),
    ("gunzip -c", "gunzip -c words.gz | cmp - data/words.txt && "
     "echo same; zcat words.gz | wc -l"),
    ("gzip in place", "cp data/fruits.txt f && gzip f && ls -ln f f.gz | "
     "norm 0; gunzip f.gz && ls -ln f | norm 0 && md5sum f && rm f"),
    ("gzip pipe", "seq 1 50000 | gzip -9 | gunzip | md5sum"),
    ("gzip -t", "gzip -t words.gz && echo ok; echo garbage > bad.gz; "
     "gunzip -t bad.gz; echo $?; rm bad.gz words.gz"),

    ("tar cf tf", "tar cf a.tar data docs link secret && tar tf a.tar | "
     "sort"),
    # Owner names left out (the archive has the host's when it is not
    # root), and the symlink's time, which cp -a did not keep.
    ("tar tvf", "tar tvf a.tar | awk '{ $2 = \"-\"; "
     "if ($1 ~ /^l/) $4 = $5 = \"-\"; print }' | sort -k6"),
    ("tar xf diff -r", "mkdir x && tar xf a.tar -C x && diff -r data "
     "x/data && diff -r docs x/docs && cmp secret x/secret && echo same; "
     "ls -lanR --full-time x | norm 1"),
    ("tar xOf", "tar xOf a.tar docs/notes.txt | md5sum"),
    ("tar czf", "tar czf a.tgz data docs && gzip -t a.tgz && "
     "tar tzf a.tgz | sort && tar xzf a.tgz -C x docs/sub/deep.txt && "
     "cat x/docs/sub/deep.txt"),
    ("tar pipe", "tar cf - docs | (mkdir y && cd y && tar xf -) && "
     "find y | sort && diff -r docs y/docs && echo same; "
     "rm -r a.tar a.tgz x y"),

    ("cp file", "cp data/fruits.txt f2 && cmp data/fruits.txt f2 && "
     "ls -ln f2 | awk '{print $1, $5, $9}'"),
    ("cp -p", "cp -p secret s2 && ls -ln --full-time s2 | norm 2"),
    ("cp -r", "cp -r docs docs2 && find docs2 | sort && "
     "ls -lanR docs2 | norm 0 && diff -r docs docs2 && "
     "echo same"),
    ("cp -r mixed", "mkdir c && cp -r data docs link secret empty run.sh c/ "
     "&& ls -lan c | norm 0 && c/run.sh && cat c/link"),
    ("cp missing", "cp nothing-here f9"),
    ("cp dir without -r", "cp docs d9"),

    ("mv file", "mv f2 f3 && ls f3 && ls f2"),
    ("mv into dir", "mv f3 docs2/ && ls docs2"),
    ("mv dir", "mv docs2 docs3 && find docs3 | sort"),
    ("mv over file", "echo new > a && echo old > b && mv a b && cat b "
     "&& ls a"),
    ("mv symlink", "mv link link2 && ls -l link2 | "
     "awk '{print $1, $9, $10, $11}' && head -1 link2"),
    ("mv dir across", "mv docs3/sub data/ && find data docs3 | sort && "
     "ls -lan . data docs3 | norm 0"),
    ("mv missing", "mv nothing-here f9"),

    ("rm -r", "rm -r docs3 && find . | sort"),
    ("rm -r mixed", "rm -r c && ls -A"),
    ("rm -f", "rm -f nothing-here; echo $?; rm nothing-here"),
    ("rm dir", "mkdir d && rm d; rmdir d && echo gone; mkdir -p e/f && "
     "rmdir e; rm -r e"),
    ("rm all", "rm -r data docs b s2 && ls -lanA | norm 0"),
]

# Only on Ferrite: what the machine is like, checked by shape below.
SYSTEM = [
    ("df", "df; df -T /tmp"),
    ("free", "free; grep MemTotal /proc/meminfo"),
    ("ps", "ps; ps -o pid,ppid,stat,comm,args"),
    ("top -n 1", "top -n 1 -b"),
    # What top's CPU line is computed from: /proc/stat before, during and
    # after a child that keeps the CPU busy for a while, and the uptime.
    ("proc stat", "cat /proc/uptime; head -1 /proc/stat; "
     "sh -c 'i=0; while [ $i -lt 10000 ]; do i=$((i + 1)); done; "
     "head -1 /proc/stat'; head -1 /proc/stat; cat /proc/uptime"),
]

# Section name -> the missing kernel feature that makes it fail on
# Ferrite today; each becomes xfail(strict=True).
KNOWN_FAILURES = {}

# The sections whose last command fails on purpose (a missing file, a
# directory without -r, an unsorted file for sort -c, no match).
EXPECTED_STATUS = {
    "ls missing": "1", "grep no match": "1", "grep missing file": "2",
    "sort -c": "1", "cp missing": "1", "cp dir without -r": "1",
    "mv file": "1", "mv over file": "1", "mv missing": "1", "rm -f": "1",
}

APPLETS = sorted(set("""sh ls cp mv rm mkdir rmdir find grep sed awk sort
    uniq tar gzip gunzip zcat md5sum cat wc seq xargs diff cmp head echo
    mount poweroff df free ps top""".split()))

INIT = """#!/bin/sh
export PATH=/bin TZ=UTC0 LC_ALL=C
umask 022
mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
cd /
echo '### begin'
# Through a pipe, as on the host: ls must not see a terminal.
. /body.sh 2>&1 | cat
cd /tmp/work
. /system.sh
echo '### end'
poweroff -f
"""


def script(sections):
    """A shell script running @sections in order, each framed by its
    marker lines, stderr folded into stdout."""
    out = []
    for name, cmd in sections:
        out.append("echo '=== %s'\n{ %s\n} 2>&1\necho \"--- status $?\"\n"
                   % (name, cmd))
    return "".join(out)


def build_root(root):
    """The reference tree under @root/ref, busybox and its applet links
    under @root/bin, and the scripts; returns the root."""
    ref = root / "ref"
    ref.mkdir(parents=True)
    for name, what in sorted(REF_TREE.items()):
        path = ref / name
        if what[0] == "dir":
            path.mkdir()
        elif what[0] == "symlink":
            os.symlink(what[1], path)
        else:
            path.write_bytes(what[1])
    # Modes and times last, deepest first, so that making the children
    # does not touch their directory's time afterwards.
    for name, what, t in ref_times():
        path = ref / name
        if what[0] != "symlink":
            path.chmod(what[-1])
        os.utime(path, (t, t), follow_symlinks=False)

    (root / "bin").mkdir()
    shutil.copyfile(BUSYBOX, root / "bin/busybox")
    (root / "bin/busybox").chmod(0o755)
    for applet in APPLETS:
        os.symlink("busybox", root / "bin" / applet)
    for d in ("proc", "dev", "tmp", "etc"):
        (root / d).mkdir()
    (root / "etc/passwd").write_text("root:x:0:0:root:/:/bin/sh\n")
    (root / "etc/group").write_text("root:x:0:\n")
    (root / "body.sh").write_text(PRELUDE + script(SECTIONS))
    (root / "system.sh").write_text(script(SYSTEM))
    (root / "init").write_text(INIT)
    (root / "init").chmod(0o755)
    return root


def make_cpio_tree(root, out):
    """A newc archive of the tree at @root as it is: modes, times and
    symlinks kept, every file owned by root."""
    names = subprocess.run("find . -mindepth 1 | LC_ALL=C sort", shell=True,
                           cwd=root, capture_output=True,
                           check=True).stdout
    data = subprocess.run(["cpio", "--quiet", "-o", "-H", "newc",
                           "-R", "0:0"], cwd=root, input=names,
                          capture_output=True, check=True).stdout
    out.write_bytes(data)
    return out


def split_sections(lines):
    """{name: (output lines, status)} from a run's output lines, plus the
    kernel lines found inside sections ({name: [lines]})."""
    found, kernel = {}, {}
    name, body = None, []
    for line in lines:
        if line.startswith("=== "):
            name, body = line[4:], []
            kernel[name] = []
        elif name is None:
            continue
        elif line.startswith("--- status "):
            found[name] = (body, line[len("--- status "):])
            name = None
        elif TIMESTAMP_RE.match(line):
            kernel[name].append(line)
        else:
            body.append(line)
    if name is not None:
        found[name] = (body, None)      # cut off: the run ended inside it
    return found, {k: v for k, v in kernel.items() if v}


def run_host(root):
    """The body script with the host's busybox; returns its sections."""
    env = {"PATH": str(root / "bin"), "TZ": "UTC0", "LC_ALL": "C",
           "HOME": "/"}
    r = subprocess.run([str(root / "bin/sh"), "-c",
                        "umask 022; . ./body.sh 2>&1 | cat"],
                       cwd=root, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=HOST_TIMEOUT)
    text = r.stdout.decode("utf-8", "replace")
    if os.getuid() != 0:
        # The host copy belongs to whoever runs the test; Ferrite's is
        # root's, as the archive says.
        text = re.sub(r"(?<= )%d %d(?= )" % (os.getuid(), os.getgid()),
                      "0 0", text)
        text = re.sub(r"(?<= )%s %s(?= )" % (
            re.escape(pwd.getpwuid(os.getuid()).pw_name),
            re.escape(grp.getgrgid(os.getgid()).gr_name)), "root root",
            text)
    return split_sections(text.split("\n"))[0]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Both runs, once for the whole module: .host and .ferrite map a
    section's name to (lines, status); .vm is the boot's Result."""
    base = tmp_path_factory.mktemp("busybox")
    cpio = make_cpio_tree(build_root(base / "root"), base / "bb.cpio")
    r = SimpleNamespace(host=run_host(base / "root"))
    r.vm = boot("pvh", initrd=cpio, deadline=DEADLINE,
                append="console=ttyS0 panic=-1")
    r.ferrite, r.kernel_lines = split_sections(r.vm.lines)
    return r


def _show(lines):
    return "\n".join("    |" + s for s in lines) or "    (nothing)"


def test_ferrite_ran_every_section(runs):
    """The script reached its end and powered the machine off."""
    vm = runs.vm
    missing = [n for n, _ in SECTIONS + SYSTEM if n not in runs.ferrite]
    assert not missing, "sections never reached on Ferrite: %s%s" % (
        missing, vm.tail(60))
    assert "### end" in vm.lines, vm.tail(60)
    assert vm.powered_off, vm.tail()


def test_host_ran_every_section(runs):
    """The reference run itself is complete and each command succeeded
    or failed as intended: two runs that both failed the same way (a
    missing applet, say) would agree and prove nothing."""
    missing = [n for n, _ in SECTIONS if n not in runs.host]
    assert not missing, "host run lacks sections %s" % missing
    for name, _ in SECTIONS:
        out, status = runs.host[name]
        assert status == EXPECTED_STATUS.get(name, "0"), \
            "%s on the host (status %s):\n%s" % (name, status, _show(out))
        assert not [s for s in out if "not found" in s], _show(out)


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(
        strict=True, reason=KNOWN_FAILURES[n]))
    if n in KNOWN_FAILURES else n for n, _ in SECTIONS])
def test_same_as_linux(runs, name):
    """One command's output and exit status, Ferrite against Linux."""
    cmd = dict(SECTIONS)[name]
    assert name in runs.host, "host run never reached %r" % name
    assert name in runs.ferrite, "Ferrite never reached %r%s" % (
        name, runs.vm.tail(30))
    host_out, host_st = runs.host[name]
    fer_out, fer_st = runs.ferrite[name]
    kernel = runs.kernel_lines.get(name, [])
    msg = ("%r differs between Linux and Ferrite\ncommand: %s\n"
           "Linux (status %s):\n%s\nFerrite (status %s):\n%s%s" % (
               name, cmd, host_st, _show(host_out), fer_st,
               _show(fer_out),
               "\nkernel lines during it:\n" + _show(kernel)
               if kernel else ""))
    assert (fer_out, fer_st) == (host_out, host_st), msg


def _system(runs, name):
    assert name in runs.ferrite, "Ferrite never reached %r%s" % (
        name, runs.vm.tail(30))
    out, status = runs.ferrite[name]
    return out, status, "%s on Ferrite (status %s):\n%s" % (
        name, status, _show(out))


def _meminfo_total(runs):
    out, _, msg = _system(runs, "free")
    m = [re.match(r"MemTotal:\s+(\d+) kB$", s) for s in out]
    m = [x for x in m if x]
    assert len(m) == 1, "no MemTotal line\n" + msg
    return int(m[0].group(1))


def test_df(runs):
    """df lists the tmpfs on /tmp at Linux's default size (half of the
    RAM pages), holding what is left of the work tree."""
    out, status, msg = _system(runs, "df")
    assert status == "0", msg
    assert re.match(r"Filesystem\s+1K-blocks\s+Used\s+Available\s+Use%\s+"
                    r"Mounted on$", out[0]), msg
    rows = [s.split() for s in out[1:] if s.split()[-1:] == ["/tmp"]]
    assert len(rows) == 2, msg        # df, then df -T /tmp
    fs, size, used, avail, pct, _ = rows[0]
    assert fs == "tmpfs", msg
    assert int(size) == _meminfo_total(runs) // 4 // 2 * 4, msg
    # README, run.sh and secret: a page each (the symlink is inline).
    assert 4 <= int(used) <= 64, msg
    assert int(used) + int(avail) == int(size), msg
    # busybox rounds to the nearest percent.
    assert pct == "%d%%" % ((int(used) * 100 + int(size) // 2) //
                            int(size)), msg
    assert re.match(r"Filesystem\s+Type\s+1K-blocks\s", out[-2]), msg
    assert rows[1][:2] == ["tmpfs", "tmpfs"], msg
    assert rows[1][2:5] == rows[0][1:4], msg


def test_free(runs):
    """free's Mem: line agrees with /proc/meminfo and adds up."""
    out, status, msg = _system(runs, "free")
    assert status == "0", msg
    assert re.match(r"\s+total\s+used\s+free\s+shared\s+buff/cache\s+"
                    r"available$", out[0]), msg
    mem = [s.split() for s in out if s.startswith("Mem:")]
    assert len(mem) == 1 and len(mem[0]) == 7, msg
    total, used, free, shared, cache, avail = map(int, mem[0][1:])
    assert total == _meminfo_total(runs), msg
    assert 0 < used < total and 0 < free < total, msg
    assert used + free + cache == total, msg
    assert 0 < avail <= total, msg
    swap = [s.split() for s in out if s.startswith("Swap:")]
    assert swap == [["Swap:", "0", "0", "0"]], msg


def test_ps(runs):
    """ps lists init as PID 1 and itself as a child of it. ps is one of
    busybox's no-exec applets: the shell's child runs it without execve,
    so its command line is still the shell's, as on Linux."""
    out, status, msg = _system(runs, "ps")
    assert status == "0", msg
    heads = [i for i, s in enumerate(out) if re.match(r"\s*PID\s", s)]
    assert len(heads) == 2, msg
    assert out[heads[0]].split() == ["PID", "USER", "COMMAND"], msg
    rows = [s.split() for s in out[heads[0] + 1:heads[1]]]
    assert ["1", "root", "{init}", "/bin/sh", "/init"] in rows, msg
    mine = [r for r in rows if r[2:] == ["{ps}", "/bin/sh", "/init"]]
    assert len(mine) == 1 and mine[0][:2] != ["1"], msg

    assert out[heads[1]].split() == ["PID", "PPID", "STAT", "COMMAND",
                                     "COMMAND"], msg
    rows = [s.split() for s in out[heads[1] + 1:]]
    init = [r for r in rows if r[0] == "1"]
    assert init == [["1", "0", "S", "init", "{init}", "/bin/sh", "/init"]], \
        msg
    me = [r for r in rows if r[3:] == ["ps", "{ps}", "/bin/sh", "/init"]]
    assert len(me) == 1 and me[0][1:3] == ["1", "R"], msg
    assert int(me[0][0]) > int(mine[0][0]), msg   # a new child each time


def test_top(runs):
    """top -n 1 -b: the header lines, then a table with init and top."""
    out, status, msg = _system(runs, "top -n 1")
    assert status == "0", msg
    mem = re.match(r"Mem: (\d+)K used, (\d+)K free, (\d+)K shrd, "
                   r"(\d+)K buff, (\d+)K cached$", out[0])
    assert mem, msg
    used, free = int(mem.group(1)), int(mem.group(2))
    assert used + free == _meminfo_total(runs), msg
    # Only the shape of the CPU line: its percentages come from two
    # samples of /proc/stat 50 ms apart, which on Ferrite may go
    # backwards (see the proc stat tests below) and then print as
    # "CPU:477218577% usr ... 111% idle", the numbers running into
    # their neighbours.
    cpu = re.match(r"CPU:\s*\d+% usr\s*\d+% sys\s*\d+% nic\s*\d+% idle"
                   r"\s*\d+% io\s*\d+% irq\s*\d+% sirq$", out[1])
    assert cpu, msg
    load = re.match(r"Load average: \d+\.\d\d \d+\.\d\d \d+\.\d\d "
                    r"(\d+)/(\d+) (\d+)$", out[2])
    assert load, msg
    assert out[3].split() == ["PID", "PPID", "USER", "STAT", "VSZ", "%VSZ",
                              "%CPU", "COMMAND"], msg
    rows = [s.split() for s in out[4:] if s.strip()]
    by_pid = {r[0]: r for r in rows}
    assert "1" in by_pid, msg
    assert by_pid["1"][1:4] == ["0", "root", "S"], msg
    assert by_pid["1"][7:] == ["{init}", "/bin/sh", "/init"], msg
    me = [r for r in rows if r[7:] == ["top", "-n", "1", "-b"]]
    assert len(me) == 1 and me[0][1:4] == ["1", "root", "R"], msg
    # VSZ in KiB: busybox's static image and stack, a few MiB at most.
    assert all(0 < int(r[4]) < 65536 for r in (by_pid["1"], me[0])), msg
    # The load line counts every thread, kernel threads too (the tty
    # worker), which /proc on Ferrite does not list; the last PID it
    # names is top's own (the newest).
    assert len(rows) < int(load.group(2)) <= len(rows) + 4, msg
    assert load.group(3) == me[0][0], msg


PROC_STAT_CPU = re.compile(r"cpu  (\d+) (\d+) (\d+) (\d+)( \d+){6}$")


def _proc_stat(runs):
    out, status, msg = _system(runs, "proc stat")
    assert status == "0", msg
    up = [float(s.split()[0]) for s in out
          if re.match(r"\d+\.\d\d \d+\.\d\d$", s)]
    cpu = [sum(map(int, PROC_STAT_CPU.match(s).groups()[:4])) for s in out
           if PROC_STAT_CPU.match(s)]
    assert len(up) == 2 and len(cpu) == 3, msg
    return up, cpu, msg


def test_proc_stat_format(runs):
    _proc_stat(runs)


def test_proc_stat_cpu_never_goes_back(runs):
    """The cpu line's total (user, nice, system, idle jiffies) before,
    while and after a busy child runs never decreases."""
    up, cpu, msg = _proc_stat(runs)
    assert cpu[0] <= cpu[1] <= cpu[2], msg


def test_proc_stat_cpu_adds_up_to_uptime(runs):
    """One CPU: the cpu line's jiffies add up to the uptime in 1/100 s
    (10 % and 2 ticks of slack for rounding and the read order)."""
    up, cpu, msg = _proc_stat(runs)
    assert up[0] * 100 * 0.9 - 2 <= cpu[2] <= up[1] * 100 * 1.1 + 2, msg
