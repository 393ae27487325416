"""Ferrite's shell against dash: each script here must give the same
stdout and exit status under build/host/sh and /bin/dash (the scripts
avoid the places where the two differ on purpose, see docs/sh.md)."""
import os
import subprocess

import pytest

from conftest import SH, run

DASH = "/bin/dash"

SCRIPTS = [
    'cat <<EOF\nplain $HOME `echo cmd` $((1+1))\n\\$escaped \\\\ back\nEOF\necho end',
    "cat <<'EOF'\nquoted $HOME `echo no`\nEOF",
    'cat <<"E"\ndq $x\nE',
    'cat <<-EOF\n\ttab stripped\n\t\ttwo\n\tEOF',
    'cat <<A; cat <<B\nfirst\nA\nsecond\nB',
    'x=val; cat <<EOF | tr a-z A-Z\n$x here\nEOF',
    'test 1 -eq 1 && echo eq; [ a = a ] && echo streq; [ a != b ] && echo ne; [ -z "" ] && echo z; [ -n x ] && echo n',
    '[ 2 -gt 1 ]; echo $?; [ 2 -lt 1 ]; echo $?; [ 3 -ge 3 ]; echo $?; [ 3 -le 2 ]; echo $?; [ 1 -ne 1 ]; echo $?',
    '[ -d / ] && echo dir; [ -f / ]; echo $?; [ -e /nonexist ]; echo $?; [ -r /etc/passwd ] && echo r; [ -x /bin/sh ] && echo x',
    '[ ! -d / ]; echo $?; [ -d / -a -e / ]; echo $?; [ -d /nonexist -o -e / ]; echo $?; [ \\( 1 = 1 \\) ]; echo $?',
    '[ ]; echo $?; [ x ]; echo $?; [ "" ]; echo $?; test; echo $?; [ -n ]; echo $?; [ ! ]; echo $?',
    '[ abc \\< abd ] && echo lt; [ b \\> a ] && echo gt; [ = = = ]; echo $?',
    "printf '%s|%5s|%-5s|%.2s\\n' a b c defg; printf '%d %i %u %x %X %o %c %%\\n' 42 -3 7 255 255 8 xyz",
    "printf '%s\\n' a b c; printf '%s %s\\n' 1 2 3; printf 'no newline'; printf '\\n%b\\n' 'a\\tb\\nc'",
    'printf \'%05d|%-4d|%+d|%3c|\\n\' 42 7 5 z; printf \'%d\\n\' "\'A"',
    'echo -n no; echo; echo -- -n',
    'x=1; shift 2>/dev/null; set -- a b c; shift; echo $@; shift 2; echo $#',
    "eval 'echo evaled; x=9'; echo $x; cmd='echo $((2+3))'; eval $cmd",
    "x=1 y=2; echo $x$y; x=10 sh -c 'echo $x'; echo $x",
    'export A=exported; sh -c \'echo $A\'; B=notexp; sh -c \'echo "[$B]"\'',
    'unset A; x=1; unset x; echo "[${x-unset}]"',
    'f() { echo func; }; unset -f f; f 2>/dev/null; echo $?',
    'true; echo $?; false; echo $?; :; echo $?',
    'set -e; true; false; echo notreached',
    'set -e; false || true; echo reached; if false; then :; fi; echo reached2; ! true; echo reached3',
    'set -e; f() { false; echo in-f; }; f || echo failed; echo after',
    'set -u; echo ${x:-ok}; echo $x; echo notreached',
    'set -f; echo /*; set +f; echo /e*c',
    'echo /et? /etc/pass[wx]d* /nonexist*',
    'cd /tmp; echo $PWD; cd /; pwd; cd - ; echo $OLDPWD',
    'x=$(pwd); cd; [ "$PWD" = "$HOME" ] && echo home',
    'read a b <<EOF\none two three\nEOF\necho "[$a][$b]"',
    'printf \'x\\\\\\ny z\\n\' | { read a b; echo "[$a][$b]"; }; printf \'p\\\\q\\n\' | { read -r a; echo "$a"; }',
    'echo "a:b:c" | { IFS=: read x y z; echo $x-$y-$z; }; echo \'  lead trail  \' | { read l; echo "[$l]"; }',
    'printf \'l1\\nl2\\n\' | while read line; do echo "got $line"; done',
    'echo abc | { read x; echo $x; }; read x < /dev/null; echo $?',
    "trap 'echo exiting' EXIT; echo body",
    "trap 'echo got usr1' USR1; kill -USR1 $$; echo after",
    "trap 'echo t' INT; trap; trap - INT; trap",
    "trap 'echo never' EXIT; trap - EXIT; echo x",
    "(trap 'echo sub-exit' EXIT; echo in); echo out",
    'sleep 0.1 & wait $!; echo "waited $?"; (exit 5) & wait $!; echo $?',
    'sleep 0.05 & sleep 0.05 & wait; echo all',
    'kill -l 15; kill -s TERM $$ ; echo notreached',
    'umask 022; umask; umask 077; umask',
    "alias ll='echo aliased'\nll",
    'command -v cd; command -v sh >/dev/null && echo found',
    'x=`echo a\\`echo b\\``; echo $x',
    'echo a\\\nb',
    'echo one # comment\n# whole line\necho two',
    'echo ${x:-$(echo cmd)} "${y:-a b}" ${z:-"q r"}',
    'set -- "a b" c; f() { echo $#; }; f "$@"; f "$*"; f $@',
    'v=abc; echo ${v%c}${v#a}; echo "${v%"c"}"',
    'getopts ab:c opt -a -b val -c x; echo $opt',
    'while getopts ab:c opt -a -b val -c rest; do echo "$opt ${OPTARG-}"; done; echo $OPTIND',
    'set -- -x -y; while getopts xy o; do echo $o; done',
    'x=5; readonly x; x=6; echo notreached',
    'echo $((3 > 2 && 2 > 1)); echo $(( 10 - 2 - 3 )) $(( 2 * 3 + 4 * 5 )) $(( 100 / 10 / 5 ))',
    'f() { echo $1; shift; echo $1; }; f a b; echo ${1-none}',
    'i=0; while true; do i=$((i+1)); [ $i -ge 3 ] && break; done; echo $i',
    'echo a | (read x; echo $x) | cat',
    'exec echo replaced; echo never',
    'x=1; [ $x = 1 ] && { echo one; echo more; }',
    'echo "$(echo "$(echo deep)")"',
    'echo $(( $(echo 3) + 4 ))',
    'echo ~ ~/x "~" x~',
    'x=~/sub; echo $x',
    'echo {a,b}',
    'f() { echo "$@"; }; f "a  b" c',
    'x="  a  b  "; echo "[$x]" [$x]; set -- $x; echo $#',
    'IFS=; x="a b"; set -- $x; echo $#',
    'x=a; x=${x}b; echo $x; x="$x c"; echo "$x"',
    'echo "$@" | cat; set -- 1; echo "${@}" "${*}" ${#*} ${#@}',
    'echo a >/dev/null | echo b',
    'false | true; echo $?; true | false; echo $?',
    '! false | false; echo $?',
    '(cd /tmp && pwd); pwd >/dev/null',
    'echo $((  0x1f + 010 ))',
    'f() { echo "$1"; }; f "$(echo a b)"',
    'for w in $(echo x y z); do echo $w; done',
    "echo `echo '$HOME'`",
    'echo "${x:-"a"b}"',
    "x='$y'; y=z; echo $x",
    'echo $(echo a); echo $(( 1 +\n2 ))',
    'if true\nthen\n  echo multi\nfi',
    'for i in a b\ndo\n  echo $i\ndone',
    'case a in\n  a)\n    echo first\n    ;;\n  b) echo second ;;\nesac',
    'f()\n{\n  echo body\n}\nf',
    'echo a &&\necho b ||\necho c',
    'echo a |\ntr a b',
    'while false; do :; done; echo $?',
    'for i in; do echo no; done; echo $?',
    'echo "$(( 5 % 3 ))" $((-7 / 2)) $((-7 % 2))',
    'printf \'%s\\n\' "${HOME+set}" "${NOPE+set}"',
    'a=1 b=2 c=3; echo $a $b $c',
    'echo x; exit 3; echo y',
    'exit',
    '(exit 300); echo $?',
    "sh -c 'kill -9 $$'; echo $?",
    ': > emptyfile; [ -s emptyfile ]; echo $?; echo x > f1; [ -s f1 ] && echo s; [ f1 -nt /etc/passwd ] && echo newer; [ f1 -ef f1 ] && echo same',
]


@pytest.mark.skipif(not os.path.exists(DASH), reason="no dash on the host")
@pytest.mark.parametrize("script", SCRIPTS)
def test_same_as_dash(script, tree):
    env = {"HOME": str(tree), "LC_ALL": "C"}
    ours = run([SH, "-c", script], cwd=str(tree), env=env)
    e = dict(os.environ, **env)
    theirs = subprocess.run([DASH, "-c", script], capture_output=True,
                            cwd=str(tree), env=e, timeout=20)
    assert ours.stdout == theirs.stdout, ours.stderr
    assert ours.returncode == theirs.returncode
