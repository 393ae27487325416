"""mkdir, rmdir, rm, cp, mv, ln, touch, chmod: effects and errors."""
import os
import stat
import time

import pytest

from conftest import run
from filetest import check_help, check_usage_error, gnu, make_tree, ROOT

NAMES = ("mkdir", "rmdir", "rm", "cp", "mv", "ln", "touch", "chmod")


def mode(p):
    return stat.S_IMODE(os.lstat(str(p)).st_mode)


def test_help_and_bad_options():
    for name in NAMES:
        check_help(name)
        check_usage_error(name, "-Q")
        assert run([name]).returncode == 2, name


def test_mkdir(tree):
    r = run(["mkdir", "-pv", "a/b/c", "a/b"], cwd=tree)
    assert r.returncode == 0 and (tree / "a" / "b" / "c").is_dir()
    assert r.stdout == (b"mkdir: created directory 'a'\n"
                        b"mkdir: created directory 'a/b'\n"
                        b"mkdir: created directory 'a/b/c'\n")
    # Symbolic modes are relative to a=rwx, as in other mkdirs.
    r = run(["mkdir", "-m", "700", "m7", "-m", "u=rwx,g=rx"], cwd=tree)
    assert mode(tree / "m7") == 0o757
    run(["mkdir", "-m", "700", "m8"], cwd=tree)
    assert mode(tree / "m8") == 0o700
    r = run(["mkdir", "-m", "1777", "sticky"], cwd=tree)
    assert mode(tree / "sticky") == 0o1777
    r = run(["mkdir", "a", "new"], cwd=tree)
    assert r.returncode == 1 and (tree / "new").is_dir()
    assert r.stderr == b"mkdir: cannot create directory 'a': File exists\n"
    assert run(["mkdir", "x/y"], cwd=tree).returncode == 1
    assert run(["mkdir", "-m", "bad", "z"], cwd=tree).returncode == 2


def test_rmdir(tree):
    os.makedirs(str(tree / "a" / "b" / "c"))
    (tree / "full").mkdir()
    (tree / "full" / "f").write_text("")
    r = run(["rmdir", "-pv", "a/b/c"], cwd=tree)
    assert r.returncode == 0 and not (tree / "a").exists()
    assert r.stdout.count(b"removing directory") == 3
    r = run(["rmdir", "full", "nope"], cwd=tree)
    assert r.returncode == 1
    assert b"rmdir: failed to remove 'full': Directory not empty" \
        in r.stderr
    assert b"'nope': No such file" in r.stderr


def test_rm(tree):
    make_tree(str(tree))
    r = run(["rm", "a.txt", "dir"], cwd=tree)
    assert r.returncode == 1 and not (tree / "a.txt").exists()
    assert b"rm: cannot remove 'dir': Is a directory" in r.stderr
    r = run(["rm", "-rv", "dir", "link"], cwd=tree)
    assert r.returncode == 0 and not (tree / "dir").exists()
    assert b"removed directory 'dir'\n" in r.stdout
    assert b"removed 'link'\n" in r.stdout
    r = run(["rm", "nope"], cwd=tree)
    assert r.returncode == 1 and b"rm: cannot remove 'nope'" in r.stderr
    assert run(["rm", "-f", "nope"], cwd=tree).returncode == 0
    assert run(["rm", "-f"], cwd=tree).returncode == 0


def test_rm_does_not_follow_symlinks(tree):
    (tree / "keep").mkdir()
    (tree / "keep" / "precious").write_text("x")
    (tree / "d").mkdir()
    os.symlink(str(tree / "keep"), str(tree / "d" / "l"))
    assert run(["rm", "-r", "d"], cwd=tree).returncode == 0
    assert (tree / "keep" / "precious").exists()


def test_rm_refuses_dot_and_root(tree):
    (tree / "d").mkdir()
    for arg in (".", "..", "d/.", "d/.."):
        r = run(["rm", "-rf", arg], cwd=tree / "d")
        assert r.returncode == 1 and b"refusing" in r.stderr
    r = run(["rm", "-rf", "/"], cwd=tree)
    assert r.returncode == 1 and b"dangerous" in r.stderr
    assert (tree / "d").is_dir()


def test_rm_interactive(tree):
    (tree / "a").write_text("")
    (tree / "b").write_text("")
    r = run(["rm", "-i", "a", "b"], cwd=tree, stdin=b"n\ny\n")
    assert (tree / "a").exists() and not (tree / "b").exists()
    assert b"rm: remove regular empty file 'a'? " in r.stderr


def test_rm_deep_tree(tree):
    p = str(tree / "deep")
    os.mkdir(p)
    fd = os.open(p, os.O_RDONLY)
    for i in range(300):   # deeper than PATH_MAX as one path
        os.mkdir("d" * 20, dir_fd=fd)
        nfd = os.open("d" * 20, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = nfd
    os.close(fd)
    r = run(["rm", "-r", "deep"], cwd=tree)
    assert r.returncode == 0 and not (tree / "deep").exists()


def test_cp_files(tree):
    (tree / "a").write_bytes(b"A" * 100000)
    os.chmod(str(tree / "a"), 0o640)
    os.utime(str(tree / "a"), (1000000000, 1000000000))
    assert run(["cp", "a", "b"], cwd=tree).returncode == 0
    assert (tree / "b").read_bytes() == b"A" * 100000
    assert os.stat(str(tree / "b")).st_mtime != 1000000000
    r = run(["cp", "-pv", "a", "c"], cwd=tree)
    assert r.stdout == b"'a' -> 'c'\n"
    st = os.stat(str(tree / "c"))
    assert st.st_mtime == 1000000000 and mode(tree / "c") == 0o640
    (tree / "dir").mkdir()
    assert run(["cp", "a", "b", "dir"], cwd=tree).returncode == 0
    assert (tree / "dir" / "a").exists() and (tree / "dir" / "b").exists()
    r = run(["cp", "a", "b", "c"], cwd=tree)
    assert r.returncode == 1 and b"cp: target 'c' is not a directory" \
        in r.stderr
    r = run(["cp", "a", "a"], cwd=tree)
    assert r.returncode == 1 and b"are the same file" in r.stderr
    r = run(["cp", "nope", "x"], cwd=tree)
    assert r.returncode == 1 and r.stderr.startswith(b"cp: ")
    r = run(["cp", "dir", "x"], cwd=tree)
    assert r.returncode == 1 and b"-r not specified" in r.stderr


def test_cp_recursive(tree):
    make_tree(str(tree / "src"))
    r = run(["cp", "-r", "src", "dst"], cwd=tree)
    assert r.returncode == 0
    assert os.readlink(str(tree / "dst" / "link")) == "a.txt"
    assert (tree / "dst" / "dir" / "f").read_text() == "in dir\n"
    assert mode(tree / "dst" / "exe") == 0o755
    r = run(["cp", "-a", "src", "arch"], cwd=tree)
    for n in ("a.txt", "dir", "dir/f", "exe"):
        assert os.stat(str(tree / "arch" / n)).st_mtime == \
            os.stat(str(tree / "src" / n)).st_mtime, n
    # Plain cp follows a symlink; -P keeps it.
    run(["cp", "src/link", "deref"], cwd=tree)
    assert not os.path.islink(str(tree / "deref"))
    run(["cp", "-P", "src/link", "kept"], cwd=tree)
    assert os.path.islink(str(tree / "kept"))
    r = run(["cp", "-r", "src", "src/dir"], cwd=tree)
    assert r.returncode == 1 and b"into itself" in r.stderr


def test_cp_interactive_and_force(tree):
    (tree / "a").write_text("new")
    (tree / "b").write_text("old")
    run(["cp", "-i", "a", "b"], cwd=tree, stdin=b"n\n")
    assert (tree / "b").read_text() == "old"
    run(["cp", "-i", "a", "b"], cwd=tree, stdin=b"y\n")
    assert (tree / "b").read_text() == "new"


def test_mv(tree):
    (tree / "a").write_text("A")
    (tree / "d").mkdir()
    r = run(["mv", "-v", "a", "b"], cwd=tree)
    assert r.stdout == b"renamed 'a' -> 'b'\n" and (tree / "b").exists()
    assert run(["mv", "b", "d"], cwd=tree).returncode == 0
    assert (tree / "d" / "b").read_text() == "A"
    r = run(["mv", "nope", "x"], cwd=tree)
    assert r.returncode == 1 and r.stderr.startswith(b"mv: ")
    r = run(["mv", "d", "d/sub"], cwd=tree)
    assert r.returncode == 1 and (tree / "d").exists()
    (tree / "c").write_text("C")
    run(["mv", "-i", "c", "d/b"], cwd=tree, stdin=b"n\n")
    assert (tree / "c").exists()
    run(["mv", "-f", "c", "d/b"], cwd=tree)
    assert (tree / "d" / "b").read_text() == "C"


def test_mv_across_filesystems(tree):
    shm = "/dev/shm"
    if not os.path.isdir(shm) or \
            os.stat(shm).st_dev == os.stat(str(tree)).st_dev:
        pytest.skip("no second file system")
    make_tree(str(tree / "src"))
    dst = os.path.join(shm, "ferrite-mv-test-%d" % os.getpid())
    try:
        r = run(["mv", "src", dst], cwd=tree)
        assert r.returncode == 0, r.stderr
        assert not (tree / "src").exists()
        assert os.readlink(os.path.join(dst, "link")) == "a.txt"
        assert os.stat(os.path.join(dst, "a.txt")).st_mtime > 1.5e9
        r = run(["mv", dst, "back"], cwd=tree)
        assert r.returncode == 0 and (tree / "back" / "dir" / "f").exists()
    finally:
        run(["rm", "-rf", dst])


def test_ln(tree):
    (tree / "t").write_text("T")
    (tree / "d").mkdir()
    assert run(["ln", "t", "h"], cwd=tree).returncode == 0
    assert os.stat(str(tree / "h")).st_ino == os.stat(str(tree / "t")).st_ino
    r = run(["ln", "-sv", "t", "s"], cwd=tree)
    assert os.readlink(str(tree / "s")) == "t" and r.stdout == b"'s' -> 't'\n"
    r = run(["ln", "-s", "x", "s"], cwd=tree)
    assert r.returncode == 1 and b"File exists" in r.stderr
    assert run(["ln", "-sf", "x", "s"], cwd=tree).returncode == 0
    assert os.readlink(str(tree / "s")) == "x"
    run(["ln", "-s", "../t", "../h", "d"], cwd=tree)
    assert os.readlink(str(tree / "d" / "t")) == "../t"
    assert os.path.islink(str(tree / "d" / "h"))
    run(["ln", "-s", "/etc/passwd"], cwd=tree / "d")
    assert os.readlink(str(tree / "d" / "passwd")) == "/etc/passwd"
    r = run(["ln", "t", "h", "nodir"], cwd=tree)
    assert r.returncode == 1 and b"not a directory" in r.stderr
    assert run(["ln", "nope", "x"], cwd=tree).returncode == 1


def test_touch(tree):
    assert run(["touch", "new"], cwd=tree).returncode == 0
    assert (tree / "new").exists()
    assert run(["touch", "-c", "nocreate"], cwd=tree).returncode == 0
    assert not (tree / "nocreate").exists()
    run(["touch", "-d", "2020-02-03 04:05:06", "new"], cwd=tree,
        env={"TZ": "UTC"})
    st = os.stat(str(tree / "new"))
    assert st.st_mtime == st.st_atime == 1580702706
    run(["touch", "-t", "199912312359.59", "-m", "new"], cwd=tree,
        env={"TZ": "UTC"})
    st = os.stat(str(tree / "new"))
    assert st.st_mtime == 946684799 and st.st_atime == 1580702706
    run(["touch", "-a", "-d", "@12345", "new"], cwd=tree)
    st = os.stat(str(tree / "new"))
    assert st.st_atime == 12345 and st.st_mtime == 946684799
    (tree / "ref").write_text("")
    os.utime(str(tree / "ref"), (5000, 6000))
    run(["touch", "-r", "ref", "new"], cwd=tree)
    st = os.stat(str(tree / "new"))
    assert (st.st_atime, st.st_mtime) == (5000, 6000)
    run(["touch", "new"], cwd=tree)
    assert abs(os.stat(str(tree / "new")).st_mtime - time.time()) < 100
    for bad in (["-t", "12"], ["-d", "yesterday"], ["-t", "202013010000"]):
        assert run(["touch"] + bad + ["new"], cwd=tree).returncode == 2
    r = run(["touch", "nodir/x"], cwd=tree)
    assert r.returncode == 1 and b"touch: cannot touch 'nodir/x'" in r.stderr


@pytest.mark.parametrize("spec", [
    "755", "0", "4755", "u+x,go-w", "a=r", "+X", "-w", "u=rwx,g=u,o=",
    "u+s,g+s", "+t", "o-t", "a-x,u+x", "g=o", "=r", "u-rwx+w",
])
def test_chmod_matches_gnu(tree, spec):
    for name in ("ours", "gnu"):
        f = tree / name
        f.write_text("")
        os.chmod(str(f), 0o644)
    run(["chmod", spec, "ours"], cwd=tree)
    gnu(["chmod", spec, "gnu"], cwd=tree)
    assert mode(tree / "ours") == mode(tree / "gnu")


def test_chmod_recursive_and_verbose(tree):
    make_tree(str(tree / "t"))
    target = os.stat(str(tree / "t" / "a.txt")).st_mode
    r = run(["chmod", "-R", "go-rwx", "t"], cwd=tree)
    assert r.returncode == 0
    assert mode(tree / "t" / "dir" / "f") == 0o600
    assert mode(tree / "t" / "dir") == 0o700
    assert os.lstat(str(tree / "t" / "link")).st_mode & 0o777 == 0o777
    assert target != os.stat(str(tree / "t" / "a.txt")).st_mode
    r = run(["chmod", "-v", "640", "t/a.txt"], cwd=tree)
    assert r.stdout == b"mode of 't/a.txt' changed from 0600 (rw-------) " \
                       b"to 0640 (rw-r-----)\n"
    r = run(["chmod", "-c", "640", "t/a.txt"], cwd=tree)
    assert r.stdout == b""
    r = run(["chmod", "u+q", "t/a.txt"], cwd=tree)
    assert r.returncode == 2 and b"chmod: invalid mode" in r.stderr
    r = run(["chmod", "600", "nope"], cwd=tree)
    assert r.returncode == 1 and b"chmod: cannot access 'nope'" in r.stderr
