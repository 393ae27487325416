"""Ferrite's shell on a terminal: prompts, line editing, history, tab
completion, ^C, and job control (^Z, bg, fg, jobs, kill %N), driven
through a pseudo-terminal with pexpect."""
import os
import time

import pexpect
import pytest

from conftest import SH

PROMPT = "# " if os.geteuid() == 0 else "$ "
LEFT, RIGHT, UP = "\x1b[D", "\x1b[C", "\x1b[A"


@pytest.fixture
def shell(tmp_path):
    env = {"TERM": "vt100", "ASAN_OPTIONS": "detect_leaks=0",
           "HOME": str(tmp_path), "PATH": os.environ["PATH"],
           "LC_ALL": "C"}
    p = pexpect.spawn(SH, [], env=env, cwd=str(tmp_path), timeout=5,
                      encoding="utf-8", dimensions=(24, 200))
    p.expect_exact(PROMPT)
    yield p
    p.close(force=True)


def run_line(p, line, expect):
    p.send(line + "\r")
    p.expect(expect)
    p.expect_exact(PROMPT)


def test_prompt_and_exit(shell):
    shell.send("exit 3\r")
    shell.expect(pexpect.EOF)
    shell.close()
    assert shell.exitstatus == 3


def test_ctrl_d_on_empty_line_exits(shell):
    shell.send("\x04")
    shell.expect(pexpect.EOF)


def test_edit_with_arrows(shell):
    # "echo wrld", three Lefts (two kinds), insert o -> echo world
    run_line(shell, "echo wrld" + LEFT + LEFT + "\x1bOD" + "o", "world")


def test_home_end_delete_and_kills(shell):
    # ^A then Delete removes 'x'; End, then type more
    run_line(shell, "xecho ab\x01\x1b[3~\x1b[Fc", "abc")
    # ^U kills the line, ^W a word, ^K to the end
    run_line(shell, "junk\x15echo one two\x17three", "one three")
    run_line(shell, "echo keep cut" + LEFT * 4 + "\x0b", "keep")
    run_line(shell, "echo bs-oops\x7f\x7f\x7f\x7f\x08ok", "bsok")


def test_history_up(shell):
    run_line(shell, "echo first-cmd", "first-cmd")
    shell.send(UP + "\r")
    shell.expect("first-cmd")
    shell.expect_exact(PROMPT)
    run_line(shell, "history", r"1  echo first-cmd")


def test_tab_completes_command_and_path(shell, tmp_path):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    cmd = bindir / "zqxuniquecmd"
    cmd.write_text("#!/bin/sh\necho ran-unique\n")
    cmd.chmod(0o755)
    (tmp_path / "somefile.txt").write_text("file-content\n")
    run_line(shell, "PATH=%s:$PATH" % bindir, PROMPT.strip())
    run_line(shell, "zqxuni\t", "ran-unique")
    run_line(shell, "cat some\t", "file-content")


def test_tab_lists_ambiguous(shell, tmp_path):
    (tmp_path / "alpha1").write_text("")
    (tmp_path / "alpha2").write_text("")
    shell.send("ls alp\t")
    shell.send("\t")
    shell.expect("alpha1  alpha2")
    shell.send("\x03")
    shell.expect_exact(PROMPT)


def test_ctrl_c_at_prompt_gives_new_prompt(shell):
    shell.send("echo abandoned\x03")
    shell.expect_exact(PROMPT)
    run_line(shell, "echo next", "next")


def test_ps2_for_incomplete_input(shell):
    shell.send("if true\r")
    shell.expect_exact("> ")
    shell.send("then echo inside; fi\r")
    shell.expect("inside")
    shell.expect_exact(PROMPT)


def test_syntax_error_keeps_shell(shell):
    run_line(shell, "echo a; fi", "syntax error")
    run_line(shell, "echo still-here", "still-here")


def test_ps1_escapes(shell, tmp_path):
    shell.send("PS1='[\\w]\\$ '\r")
    shell.expect_exact("[~]" + PROMPT)


def test_ctrl_c_kills_foreground_job(shell):
    shell.send("sleep 30\r")
    time.sleep(0.3)
    start = time.time()
    shell.send("\x03")
    shell.expect_exact(PROMPT, timeout=2)
    assert time.time() - start < 1.5
    run_line(shell, "echo $?", "130")


def test_background_job_and_kill(shell):
    shell.send("sleep 100 &\r")
    shell.expect(r"\[1\] (\d+)")
    shell.expect_exact(PROMPT)
    run_line(shell, "jobs", r"\[1\]\+  Running +sleep 100 &")
    run_line(shell, "kill %1", PROMPT.strip())
    time.sleep(0.2)
    shell.send("jobs\r")
    shell.expect(r"\[1\]\+  Terminated +sleep 100")
    shell.expect_exact(PROMPT)
    run_line(shell, "jobs; echo none-left", "none-left")


def test_done_job_reported_before_prompt(shell):
    run_line(shell, "sleep 0.2 &", r"\[1\] \d+")
    time.sleep(0.5)
    run_line(shell, "", r"\[1\]\+  Done +sleep 0.2")


def test_ctrl_z_bg_fg(shell):
    shell.send("sleep 100\r")
    time.sleep(0.3)
    shell.send("\x1a")
    shell.expect(r"\[1\]\+  Stopped +sleep 100")
    shell.expect_exact(PROMPT)
    run_line(shell, "jobs", r"Stopped +sleep 100")
    run_line(shell, "bg", r"\[1\]\+ sleep 100 &")
    run_line(shell, "jobs", r"Running +sleep 100 &")
    shell.send("fg\r")
    shell.expect("sleep 100")
    time.sleep(0.3)
    shell.send("\x03")
    shell.expect_exact(PROMPT, timeout=2)
    run_line(shell, "jobs; echo $?", "0")


def test_terminal_modes_restored_after_stop(shell):
    shell.send("sleep 100\r")
    time.sleep(0.3)
    shell.send("\x1a")
    shell.expect("Stopped")
    shell.expect_exact(PROMPT)
    # the line editor still works: echo is off, our redraw shows text
    run_line(shell, "echo edited" + LEFT + "X", "editeXd")
    run_line(shell, "kill %1", PROMPT.strip())


def test_history_saved_between_sessions(shell, tmp_path):
    run_line(shell, "echo persisted-cmd", "persisted-cmd")
    shell.send("exit\r")
    shell.expect(pexpect.EOF)
    assert "echo persisted-cmd" in (tmp_path / ".sh_history").read_text()
    env = {"TERM": "vt100", "ASAN_OPTIONS": "detect_leaks=0",
           "HOME": str(tmp_path), "PATH": os.environ["PATH"]}
    p = pexpect.spawn(SH, [], env=env, cwd=str(tmp_path), timeout=5,
                      encoding="utf-8")
    p.expect_exact(PROMPT)
    p.send(UP + UP + "\r")  # the last line saved is "exit"
    p.expect("persisted-cmd")
    p.close(force=True)
