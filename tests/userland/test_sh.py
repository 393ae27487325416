"""Host tests of Ferrite's shell (user/sh): the parser, the expansions,
the builtins and the error paths, each a small `sh -c` script whose
stdout and exit status are compared with values written here (they
agree with dash, test_sh_dash.py checks more against it)."""
import os

import pytest

from conftest import SH, run

ENV = {"HOME": "/home/tester", "LC_ALL": "C"}


def sh(script, *args, stdin=b"", cwd="/tmp", env=None):
    e = dict(ENV)
    e.update(env or {})
    return run([SH, "-c", script] + list(args), stdin=stdin, cwd=cwd,
               env=e)


# (script, expected stdout, expected exit status)
CASES = [
    ('echo a; echo b && echo c || echo d; false || echo e; false && echo f; echo $?',
     'a\nb\nc\ne\n1\n', 0),
    ('x=\'a  b\'; echo $x; echo "$x"; y=; echo "[$y]" [$y]',
     'a b\na  b\n[] []\n', 0),
    ('set -- 1 2 3 4 5 6 7 8 9 10 11; echo $1 ${10} ${11} $# "$*"',
     '1 10 11 11 1 2 3 4 5 6 7 8 9 10 11\n', 0),
    ('set -- a "b c" d; for i; do echo "<$i>"; done; for i in $*; do echo "{$i}"; done',
     '<a>\n<b c>\n<d>\n{a}\n{b}\n{c}\n{d}\n', 0),
    ('set --; for i in "$@"; do echo x; done; echo "n=$#"',
     'n=0\n', 0),
    ('IFS=:; x=a:b::c; set -- $x; echo $#; for i; do echo "[$i]"; done',
     '4\n[a]\n[b]\n[]\n[c]\n', 0),
    ('echo $((1+2*3)) $((7/2)) $((7%3)) $((1<<4)) $((256>>2)) $((3<4)) $((3<=2)) $((5>=6)) $((2==2)) $((2!=2))',
     '7 3 1 16 64 1 0 0 1 0\n', 0),
    ('echo $((6&3)) $((6^3)) $((6|3)) $((1&&0)) $((1||0)) $((!5)) $((~0)) $((1?2:3)) $((0?2:3)) $(( (1+2)*3 ))',
     '2 5 7 0 1 0 -1 2 3 9\n', 0),
    ('x=5; echo $((x+1)) $((x*=2)) $x $((x+=3)) $((x-=1)) $((x/=2)) $((x%=4)) $((x<<=2)) $((y=4)) $y $((-x))',
     '6 10 10 13 12 6 2 8 4 4 -8\n', 0),
    ('echo $((1 || 1/0)) $((0 && 1/0)) $((0x10)) $((010))',
     '1 0 16 8\n', 0),
    ('echo \'single $x\' "double \\$x \\\\ \\" \\`" \\a\\b \\$HOME',
     'single $x double $x \\ " ` ab $HOME\n', 0),
    ('x=abc; echo "${x}def" "$x"def ${#x} ${x:-u} ${u:-dflt} ${u-v}; x=; echo "[${x:-u}]" "[${x-v}]" "[${x:+w}]" "[${x+w}]"',
     'abcdef abcdef 3 abc dflt v\n[u] [] [] [w]\n', 0),
    ('unset x; echo ${x:=dflt}; echo $x',
     'dflt\ndflt\n', 0),
    ('x=/usr/local/lib/libfoo.so.1; echo ${x##*/} ${x%/*} ${x#/*/} ${x%%.*} ${x%.[0-9]}',
     'libfoo.so.1 /usr/local/lib local/lib/libfoo.so.1 /usr/local/lib/libfoo /usr/local/lib/libfoo.so\n', 0),
    ('echo $(echo $(echo nested)) "$(echo "in quotes")" `echo back`; x=$(printf \'a\\n\\n\'); echo "[$x]"',
     'nested in quotes back\n[a]\n', 0),
    ('x=$(exit 3); echo $?',
     '3\n', 0),
    ('f() { echo "f: $# $1"; return 7; }; f one "two three"; echo $?',
     'f: 2 one\n7\n', 0),
    ('f() { local x=inner; echo $x; }; x=outer; f; echo $x',
     'inner\nouter\n', 0),
    ('for i in 1 2 3 4 5; do if [ $i = 2 ]; then continue; fi; if [ $i = 4 ]; then break; fi; echo $i; done',
     '1\n3\n', 0),
    ('for i in 1 2; do for j in a b c; do if [ $j = b ]; then continue 2; fi; echo $i$j; done; done',
     '1a\n2a\n', 0),
    ('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done; until [ $i -eq 0 ]; do i=$((i-1)); done; echo $i',
     '0\n1\n2\n0\n', 0),
    ('case foo in f?o) echo q;; esac; case bar in foo|bar) echo alt;; esac; case y in [abc]) echo no;; [x-z]) echo range;; esac',
     'q\nalt\nrange\n', 0),
    ('x=\'*\'; case abc in "$x") echo lit;; $x) echo glob;; esac',
     'glob\n', 0),
    ('if false; then echo 1; elif true; then echo 2; else echo 3; fi',
     '2\n', 0),
    ('{ echo a; echo b; } | cat; (echo sub; exit 3); echo $?',
     'a\nb\nsub\n3\n', 0),
    ('x=1; (x=2; echo $x); echo $x',
     '2\n1\n', 0),
    ('false | true; echo $?; true | false; echo $?; ! true; echo $?',
     '0\n1\n1\n', 0),
    ('cd /tmp; echo hi > sh_t_out1; cat sh_t_out1; echo more >> sh_t_out1; cat < sh_t_out1 | wc -l; rm sh_t_out1',
     'hi\n2\n', 0),
    ('(echo e1 >&2) 2>&1 | cat; echo gone 2>/dev/null >&2',
     'e1\n', 0),
    ('cd /tmp; exec 3>sh_t_out2; echo via3 >&3; exec 3>&-; cat sh_t_out2; rm sh_t_out2',
     'via3\n', 0),
    ('cd /tmp; echo rw > sh_t_out3; cat <> sh_t_out3; echo x >| sh_t_out3; cat sh_t_out3; rm sh_t_out3',
     'rw\nx\n', 0),
    ('cat <<EOF\nplain $HOME `echo cmd` $((1+1))\n\\$escaped\nEOF',
     'plain /home/tester cmd 2\n$escaped\n', 0),
    ("cat <<'EOF'\nquoted $HOME `echo no`\nEOF",
     'quoted $HOME `echo no`\n', 0),
    ('cat <<-EOF\n\ttab stripped\n\tEOF',
     'tab stripped\n', 0),
    ('test 1 -eq 1 && echo eq; [ a = a ] && echo streq; [ a != b ] && echo ne; [ -z "" ] && echo z; [ -n x ] && echo n',
     'eq\nstreq\nne\nz\nn\n', 0),
    ('[ 2 -gt 1 ]; echo $?; [ 2 -lt 1 ]; echo $?; [ -d / ]; echo $?; [ -f / ]; echo $?; [ -e /nonexist ]; echo $?',
     '0\n1\n0\n1\n1\n', 0),
    ('[ ! -d / ]; echo $?; [ -d / -a -e / ]; echo $?; [ -d /nonexist -o -e / ]; echo $?; [ \\( 1 = 1 \\) ]; echo $?',
     '1\n0\n0\n0\n', 0),
    ('[ abc \\< abd ] && echo lt; [ = = = ]; echo $?; [ 1 -eq x ]; echo $?',
     'lt\n0\n2\n', 0),
    ("printf '%s|%5s|%-5s|%.2s\\n' a b c defg; printf '%d %i %u %x %X %o %c %%\\n' 42 -3 7 255 255 8 xyz",
     'a|    b|c    |de\n42 -3 7 ff FF 10 x %\n', 0),
    ('printf \'%s\\n\' a b; printf \'%s %s\\n\' 1 2 3; printf \'%b\\n\' \'a\\tb\'; printf \'%05d|%d\\n\' 42 "\'A"',
     'a\nb\n1 2\n3 \na\tb\n00042|65\n', 0),
    ("echo -n no; echo; echo -e 'a\\tb'; echo -- -n",
     'no\na\tb\n-- -n\n', 0),
    ('set -- a b c; shift; echo $@; shift 2; echo $#',
     'b c\n0\n', 0),
    ("eval 'echo evaled; x=9'; echo $x",
     'evaled\n9\n', 0),
    ('x=10 sh -c \'echo $x\'; export A=exp; sh -c \'echo $A\'; B=no; sh -c \'echo "[$B]"\'',
     '10\nexp\n[]\n', 0),
    ('set -e; false || true; echo reached; if false; then :; fi; ! true; echo reached2; false; echo notreached',
     'reached\nreached2\n', 1),
    ('set -u; echo ${x:-ok}; echo $x; echo notreached',
     'ok\n', 2),
    ('set -f; echo /e*c; set +f; echo /e*c',
     '/e*c\n/etc\n', 0),
    ('cd /tmp; echo $PWD; cd /; pwd; cd - ; echo $OLDPWD',
     '/tmp\n/\n/tmp\n/\n', 0),
    ('read a b <<EOF\none two three\nEOF\necho "[$a][$b]"',
     '[one][two three]\n', 0),
    ('echo "a:b:c" | { IFS=: read x y z; echo $x-$y-$z; }; printf \'p\\\\q\\n\' | { read -r a; echo "$a"; }',
     'a-b-c\np\\q\n', 0),
    ("trap 'echo exiting' EXIT; echo body",
     'body\nexiting\n', 0),
    ("trap 'echo got usr1' USR1; kill -USR1 $$; echo after",
     'got usr1\nafter\n', 0),
    ("trap 'echo t' INT; trap; trap - INT; trap; echo end",
     "trap -- 'echo t' INT\nend\n", 0),
    ('sleep 0.1 & wait $!; echo "waited $?"; (exit 5) & wait $!; echo $?',
     'waited 0\n5\n', 0),
    ('kill -l 15; umask 022; umask; umask -S',
     'TERM\n0022\nu=rwx,g=rx,o=rx\n', 0),
    ("alias ll='echo aliased'\nll",
     'aliased\n', 0),
    ('type cd; type if; f() { :; }; type f; command -v cd',
     'cd is a shell builtin\nif is a shell keyword\nf is a shell function\ncd\n', 0),
    ('while getopts ab:c opt -a -b val -c rest; do echo "$opt ${OPTARG-}"; done; echo $OPTIND',
     'a \nb val\nc \n5\n', 0),
    ('x=5; readonly x; x=6; echo notreached',
     '', 2),
    ('exec echo replaced; echo never',
     'replaced\n', 0),
    ('echo ~ ~/x "~"',
     '/home/tester /home/tester/x ~\n', 0),
    ('sh_t_nosuch; echo $?',
     '127\n', 0),
    ('/etc/passwd; echo $?',
     '126\n', 0),
    ('echo $((1/0)); echo notreached',
     '', 2),
    ('cd /nonexistent; echo $?',
     '1\n', 0),
    ('cat < /nonexistent/file; echo $?',
     '1\n', 0),
    ('if true; then echo x',
     '', 2),
    ('echo a; fi',
     '', 2),
    ("(sh -c 'kill -TERM $$'); echo $?",
     '143\n', 0),

]


@pytest.mark.parametrize("script,out,status", CASES)
def test_case(script, out, status):
    r = sh(script)
    assert r.stdout.decode() == out, r.stderr
    assert r.returncode == status


# Error paths: (script, expected stderr fragment, exit status)
ERRORS = [
    ("sh_t_nosuch", b"sh: sh_t_nosuch: not found", 127),
    ("/etc/passwd", b"Permission denied", 126),
    ("if true; then echo x", b"syntax error: unexpected end of file", 2),
    ("echo a; fi", b"syntax error: unexpected 'fi'", 2),
    ("echo a;;", b"syntax error: unexpected ';;'", 2),
    ("cat < /nonexistent/f", b"sh: /nonexistent/f: No such file", 1),
    ("cd /nonexistent", b"sh: cd: /nonexistent: No such file", 1),
    ("set -u; echo $nosuchvar", b"nosuchvar: parameter not set", 2),
    ("echo $((1/0))", b"division by zero", 2),
    ("echo $((1+))", b"arithmetic", 2),
    ("x=${y:?custom message}", b"y: custom message", 2),
    ("readonly r=1; r=2", b"r: is read only", 2),
    ("echo 'open", b"syntax error", 2),
    ("echo a >&7", b"7: Bad file descriptor", 1),
    ("[ 1 -eq x ]", b"x: integer expression expected", 2),
    ("[ a = a", b"missing ]", 2),
    ("shift 5", b"can't shift", 2),
    ("umask u=rwx", b"only octal", 2),
    ("read -z x", b"unknown option", 2),
]


@pytest.mark.parametrize("script,err,status", ERRORS)
def test_error(script, err, status):
    r = sh(script)
    assert err in r.stderr
    assert r.returncode == status


def test_error_does_not_kill_shell():
    r = sh("nosuch1; cat /nonexistent 2>/dev/null; cd /nope; echo alive")
    assert r.stdout == b"alive\n"


def test_script_file_args_and_line_numbers(tree):
    (tree / "s.sh").write_text('echo "$0 $1 $2 $#"\nnosuch\necho end\n')
    r = run([SH, str(tree / "s.sh"), "a", "b c"], env=ENV)
    assert r.stdout.decode() == "%s a b c 2\nend\n" % (tree / "s.sh")
    assert b"line 2: nosuch: not found" in r.stderr


def test_script_syntax_error_exits_2(tree):
    (tree / "s.sh").write_text("echo one\nif then\necho never\n")
    r = run([SH, str(tree / "s.sh")], env=ENV)
    # Like dash: lines before the error have run, none after it.
    assert r.returncode == 2 and r.stdout == b"one\n"
    assert b"line 2: syntax error: unexpected 'then'" in r.stderr


def test_dash_c_arg0_and_args():
    r = sh('echo "$0|$1|$2|$#"', "name", "x", "y z")
    assert r.stdout == b"name|x|y z|2\n"


def test_commands_from_stdin():
    r = run([SH], stdin="echo one\nread x\nfrom-read\necho got $x\nexit 4\n",
            env=ENV)
    assert r.stdout == b"one\ngot from-read\n" and r.returncode == 4


def test_stdin_multiline_constructs():
    r = run([SH], stdin="for i in 1 2\ndo\n echo $i\ndone\ncat <<E\nh\nE\n",
            env=ENV)
    assert r.stdout == b"1\n2\nh\n"


def test_signal_status_and_message():
    r = sh("sh -c 'kill -SEGV $$'; echo $?")
    assert r.stdout == b"139\n"
    assert b"Segmentation fault" in r.stderr
    r = sh("sh -c 'kill -INT $$'; echo $?")
    assert r.stdout == b"130\n" and b"Segmentation" not in r.stderr


def test_login_shell_sources_profiles(tree):
    (tree / ".profile").write_text("echo home-profile; X=set\n")
    r = run([SH, "-l", "-c", "echo $X"], env={"HOME": str(tree)})
    assert r.stdout == b"home-profile\nset\n"


def test_source_with_args_and_return(tree):
    (tree / "lib.sh").write_text("echo lib $1; return 5; echo no\n")
    r = sh(". ./lib.sh arg; echo st=$?; source ./lib.sh; echo $?",
           cwd=str(tree))
    assert r.stdout == b"lib arg\nst=5\nlib\n5\n"


def test_glob_and_quoting(tree):
    for n in ("a1", "a2", "b1", ".hid"):
        (tree / n).write_text("")
    r = sh('echo a*; echo "a*"; echo [ab]1; echo ?2; echo *; echo z*',
           cwd=str(tree))
    assert r.stdout == b"a1 a2\na*\na1 b1\na2\na1 a2 b1\nz*\n"


def test_xtrace():
    r = sh("set -x; x=1; echo $x")
    assert r.stdout == b"1\n"
    assert r.stderr == b"+ x=1\n+ echo 1\n"


def test_large_heredoc():
    r = sh("x=$(seq 1 5000); cat <<EOF | wc -l\n$x\nEOF")
    assert r.stdout.strip() == b"5000"


def test_set_lists_variables_and_options():
    r = sh("zz_var='a b'; set | grep zz_var; set -o | grep errexit")
    assert r.stdout == b"zz_var='a b'\nerrexit     off\n"


def test_printf_reuse_and_errors():
    r = sh("printf '%d-%s;' 1 a 2 b 3; printf '%d\\n' abc")
    assert r.stdout == b"1-a;2-b;3-;0\n"
    assert b"invalid number" in r.stderr and r.returncode == 1


def test_help_lists_builtins():
    r = sh("help")
    for name in (b"cd", b"jobs", b"printf", b"trap", b"getopts"):
        assert name in r.stdout


def test_wait_for_job_status():
    r = sh("(sleep 0.1; exit 3) & p=$!; wait $p; echo $?; wait; echo $?")
    assert r.stdout == b"3\n0\n"


MORE = [
    # arithmetic wraps like dash instead of invoking C undefined behaviour
    ("echo $((9223372036854775807+1)) $((1<<70)) $((-1>>1))",
     "-9223372036854775808 64 -1\n", 0),
    ("x=2; echo $((x++)) $x $((--x)) $((x<<=3)) $x", "2 3 2 16 16\n", 0),
    ("echo $(case a in a) echo paren;; esac) ${#@}", "paren 0\n", 0),
    ("set -- a b c; echo ${#@} ${#*} ${#1}", "3 3 1\n", 0),
    ("trap 'echo term' TERM; kill $$; echo after", "term\nafter\n", 0),
    ("trap 'echo usr2' USR2; kill -s USR2 $$; kill -USR2 $$; echo x",
     "usr2\nusr2\nx\n", 0),
    ("sleep 0.1 & wait %1; echo $?; (exit 7) & wait %1; echo $?",
     "0\n7\n", 0),
    ("exec 2>/dev/null; nosuchcmd; echo $?", "127\n", 0),
    ("alias say='echo said'\nsay it\nunalias say\nsay 2>/dev/null; echo $?",
     "said it\n127\n", 0),
    ("command echo via-command; command -v nosuch; echo $?",
     "via-command\n1\n", 0),
    ("f() { echo $1; }; f 1 > /dev/null; g() { echo in-g; } >&2; g 2>&1",
     "in-g\n", 0),
    ("v=x; case $v in (x|y) echo one;; (*) echo two;; esac", "one\n", 0),
    ("echo 'a\\b' \"a\\$b\" a\\$b", "a\\b a$b a$b\n", 0),
    ("set -x; set +x; echo quiet", "quiet\n", 0),
    ("(trap 'echo bye' EXIT; /bin/true); echo after", "bye\nafter\n", 0),
    ("printf '%3s|%-3s|%03d|%.1f\\n' a b 7 2.25", "  a|b  |007|2.2\n", 0),
    ("test -t 0; echo $?; [ -w / ]; echo $?", "1\n0\n", 0),
]


@pytest.mark.parametrize("script,out,status", MORE)
def test_more(script, out, status):
    r = sh(script, stdin=b"")
    assert r.stdout.decode() == out, r.stderr
    assert r.returncode == status


def test_env_file_sourced_when_interactive(tree):
    (tree / "envrc").write_text("echo from-env\n")
    r = run([SH, "-i"], stdin="exit\n",
            env={"HOME": str(tree), "ENV": str(tree / "envrc")})
    assert r.stdout == b"from-env\n"
    assert r.stderr.endswith(b"$ ") or r.stderr.endswith(b"# ")


def test_noninteractive_ignores_env(tree):
    (tree / "envrc").write_text("echo from-env\n")
    r = run([SH, "-c", "echo cmd"], env={"ENV": str(tree / "envrc")})
    assert r.stdout == b"cmd\n"


def test_help_option_only_first():
    assert run([SH, "--help"]).stdout.startswith(b"usage: sh")
    r = sh('echo "$1"', "name", "--help")
    assert r.stdout == b"--help\n"
