"""The CLI on a real pseudo-terminal, where a person meets it: wrapping, prompts, colour."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys

import pytest

from faqbot import FAQBot

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: a guard against a hung child, not a timing assertion
GIVE_UP_SECONDS = 60


def on_terminal(*args: str, typed: str = "", columns: int = 60, color: bool = False) -> str:
    """Run ``python -m faqbot ARGS`` with a pseudo-terminal as stdin, stdout and stderr; all it printed."""
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "40", "FAQBOT_NO_CACHE": "1", "TERM": "xterm"}
    env.pop("FAQBOT_FAQ", None)
    if color:
        env.pop("NO_COLOR", None)
    else:
        env["NO_COLOR"] = "1"
    main, child = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "faqbot", *args], stdin=child, stdout=child, stderr=child,
                               env=env, close_fds=True)
    os.close(child)
    if typed:
        os.write(main, typed.encode())
    chunks: list[bytes] = []
    try:
        while True:
            ready, _, _ = select.select([main], [], [], GIVE_UP_SECONDS)
            if not ready:
                raise AssertionError(f"no output for {GIVE_UP_SECONDS} s: {b''.join(chunks)!r}")
            try:
                data = os.read(main, 4096)
            except OSError:  # EIO: the child has exited and closed its side
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(main)
        process.wait()
    assert process.returncode == 0, b"".join(chunks)
    return b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.fixture(scope="module")
def bot() -> FAQBot:
    return FAQBot.from_yaml()


@pytest.mark.parametrize("columns", [40, 60, 100])
def test_long_answers_are_wrapped_to_the_terminal(bot, columns):
    question = "what are microglia"
    reply = bot.ask(question)
    assert len(reply.text) > 100
    out = on_terminal("ask", question, columns=columns)
    lines = out.rstrip("\n").split("\n")
    assert max(len(line) for line in lines) <= columns - 1
    # nothing lost: the wrapped lines hold the whole answer, word for word
    body = " ".join(lines[1 : lines.index("You might also ask:")])
    assert body == f"ANSWER  {reply.text}"


def test_wrapping_never_exceeds_a_readable_width(bot):
    out = on_terminal("ask", "what are microglia", columns=250)
    assert max(len(line) for line in out.splitlines()) <= 100


def test_piped_output_is_not_wrapped(bot):
    # the same command without a terminal: one line per reply, for scripts and the README examples
    reply = bot.ask("what are microglia")
    env = {**os.environ, "COLUMNS": "40", "FAQBOT_NO_CACHE": "1", "NO_COLOR": "1"}
    env.pop("FAQBOT_FAQ", None)
    out = subprocess.run([sys.executable, "-m", "faqbot", "ask", "what are microglia"], capture_output=True,
                         text=True, env=env, check=True).stdout
    assert f"ANSWER  {reply.text}" in out.splitlines()


def test_chat_on_a_terminal_prompts_and_separates_turns(bot):
    out = on_terminal("chat", typed="what is ldn\nquit\n", columns=80)
    assert "you> " in out
    assert "Goodbye." in out
    answer = bot.ask("what is ldn")
    assert answer.text.split()[0] in out
    # a blank line after the reply, before the next prompt
    assert "\n\nyou> " in out


def test_chat_on_a_terminal_uses_colour_unless_no_color():
    coloured = on_terminal("ask", "what is ldn", color=True)
    plain = on_terminal("ask", "what is ldn")
    assert ANSI.search(coloured)
    assert not ANSI.search(plain)
    assert "ANSWER" in ANSI.sub("", coloured)


def test_ask_without_a_question_on_a_terminal_says_what_to_do():
    out = on_terminal("ask", typed="what is ldn\n\x04")
    assert "Type a question per line; Ctrl-D to finish." in out
    assert "ANSWER" in out
