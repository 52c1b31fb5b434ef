"""``faqbot ask``, ``chat`` and ``topics``: asking questions in a terminal."""

from __future__ import annotations

import contextlib
import io
import re
import sys
from collections.abc import Iterator
from typing import Any

import click

from faqbot.cli.common import CONTEXT_SETTINGS, State, pass_state, safe, use_color
from faqbot.cli.output import asks_for_topics, echo_topics, render, terminal_width
from faqbot.reply import Reply, Suggestion

QUIT_WORDS = frozenset({"quit", "exit", ":q", "/quit", "/exit"})
TOPICS_WORDS = frozenset({"topics", "/topics"})
_NUMBER = re.compile(r"[0-9]{1,3}")


def _lines(stream: Any) -> Iterator[str]:
    """Lines of stdin as text; invalid UTF-8 is replaced, never fatal."""
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def show(state: State, reply: Reply, numbered: bool = False) -> None:
    """Print ``reply`` for a person, and the topic list when that is what was asked for."""
    click.echo(render(reply, numbered, terminal_width()), color=use_color())
    if asks_for_topics(state.bot, reply):
        echo_topics(state.bot)


@click.command(context_settings=CONTEXT_SETTINGS, short_help="Answer a question, or each line of stdin.")
@click.argument("question", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the reply object (JSON Lines when reading stdin).")
@click.option("--context", metavar="ID", help="Read QUESTION as a follow-up to the answer from entry ID.")
@pass_state
def ask(state: State, question: tuple[str, ...], as_json: bool, context: str | None) -> None:
    """Answer QUESTION, or every line of standard input if none is given.

    \b
    faqbot ask "What is LDN?"
    faqbot ask --context microglia "what triggers them?"
    faqbot ask --json < questions.txt
    """
    if question and not " ".join(question).strip():
        raise click.UsageError('type a question, for example: faqbot ask "What is LDN?"')
    if context is not None and not question:
        raise click.UsageError("--context reads one QUESTION as a follow-up; batch mode asks every line alone")
    if as_json:
        import json  # here: the plain replies, the usual ones, do not need it
    bot = state.bot
    if question:
        reply = bot.ask(" ".join(question), context)
        if as_json:
            click.echo(json.dumps(reply.to_dict(), ensure_ascii=False))
        else:
            show(state, reply)
        state.log(" ".join(question), reply)  # after the reply is shown: a log problem must not hide it
        return
    if sys.stdin.isatty():
        click.echo("Type a question per line; Ctrl-D to finish.", err=True)
    # Batch mode: every line alone (no context), so each reply depends on its own line only.
    for text in _lines(sys.stdin.buffer):
        reply = bot.ask(text)
        if as_json:
            click.echo(json.dumps(reply.to_dict(), ensure_ascii=False))
        elif not text.strip():
            click.echo("you> (blank line)\n")
        else:
            # Echo the question: in a file of replies, referrals and fallbacks are otherwise anonymous.
            click.echo(f"you> {safe(text)}")
            show(state, reply)
            click.echo()
        state.log(text, reply)


@click.command(context_settings=CONTEXT_SETTINGS)
@pass_state
def topics(state: State) -> None:
    """List what can be asked, grouped by article section."""
    echo_topics(state.bot)


@click.command(context_settings=CONTEXT_SETTINGS)
@pass_state
def chat(state: State) -> None:
    """Chat interactively. Type a number to pick a suggestion; `quit` or Ctrl-D to leave."""
    state.bot  # noqa: B018 - load first: a bad knowledge base is one line, before any greeting
    interactive = _prepare_stdin()
    color = use_color()
    click.echo(click.style("faqbot", bold=True) + " - ask about low dose naltrexone (LDN). "
               "Type 'topics' for a list, 'quit' to leave.", color=color)
    suggestions: tuple[Suggestion, ...] = ()
    context: str | None = None  # the last answer's entry, for follow-ups ("what triggers them?")
    while True:
        try:
            line = input("you> " if interactive else "")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            break
        text = line.strip()
        if text.lower() in QUIT_WORDS:
            break
        if not text:
            continue
        if text.lower() in TOPICS_WORDS:
            echo_topics(state.bot)
            continue
        picked = _pick(text, suggestions)
        if picked is None:
            click.echo(f"  (there is no suggestion {text}: type 1 to {len(suggestions)}, or a question)")
            continue
        if picked != text:
            click.echo(f"  ({safe(picked)})")
        suggestions, context = _turn(state, picked, context)
        if interactive:
            click.echo()  # a blank line between turns, easier to read on a screen
    click.echo("Goodbye.")


def _prepare_stdin() -> bool:
    """Make typed input robust; True when a person is typing at a terminal."""
    if isinstance(sys.stdin, io.TextIOWrapper):
        # Invalid UTF-8 typed or piped in becomes U+FFFD instead of ending the chat.
        sys.stdin.reconfigure(errors="replace")
    interactive = sys.stdin.isatty()
    if interactive:
        # Line editing and history where the platform has readline.
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401
    return interactive


def _pick(text: str, suggestions: tuple[Suggestion, ...]) -> str | None:
    """The question to ask for ``text``: a numbered suggestion, ``text`` itself, or None for a bad number.

    A number is a pick only while suggestions are on screen; otherwise it is asked like any text.
    """
    if not suggestions or not _NUMBER.fullmatch(text):
        return text
    number = int(text)
    return suggestions[number - 1].question if 1 <= number <= len(suggestions) else None


def _turn(state: State, text: str, context: str | None) -> tuple[tuple[Suggestion, ...], str | None]:
    """Ask, log and show one question; the suggestions now on screen, and the context for the next."""
    reply = state.bot.ask(text, context)
    show(state, reply, numbered=True)
    state.log(text, reply)
    if reply.suggestions:
        click.echo(click.style("  (type a number to ask one of these)", dim=True), color=use_color())
    return reply.suggestions, (reply.id if reply.kind == "answer" else context)
