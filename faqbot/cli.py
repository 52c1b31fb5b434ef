"""The ``faqbot`` command line: a thin layer over :class:`faqbot.FAQBot`."""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import click

from faqbot import __version__
from faqbot.bot import FAQBot
from faqbot.errors import FaqBotError
from faqbot.reply import Reply, Suggestion
from faqbot.text import strip_controls

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
FAQ_ENV = "FAQBOT_FAQ"
_KIND_STYLE: dict[str, dict[str, Any]] = {
    "answer": {"fg": "green", "bold": True},
    "referral": {"fg": "yellow", "bold": True},
    "emergency": {"fg": "red", "bold": True},
    "fallback": {"fg": "blue", "bold": True},
    "smalltalk": {"fg": "cyan", "bold": True},
}


class DataError(click.ClickException):
    """A bad knowledge base or input: one line on stderr, exit code 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        # One line, and nothing from a file or the input may drive the terminal.
        super().__init__(" ".join(safe(message).split()))


def safe(text: str) -> str:
    """Text fit to print to a terminal."""
    return "\n".join(strip_controls(line).replace("\t", " ") for line in text.split("\n"))


def use_color() -> bool | None:
    """False under NO_COLOR (https://no-color.org); otherwise click decides (only on a terminal)."""
    return False if os.environ.get("NO_COLOR") else None


class State:
    """Options shared by every command; the bot is built on first use."""

    def __init__(self, faq: Path | None, log_unanswered: Path | None = None) -> None:
        self.faq = faq
        #: opt-in log of fallbacks and weak matches (faqbot.tools.unanswered); None: off
        self.log_unanswered = log_unanswered
        self._bot: FAQBot | None = None

    @property
    def bot(self) -> FAQBot:
        if self._bot is None:
            try:
                self._bot = FAQBot.from_yaml(self.faq)
            except FaqBotError as err:
                raise DataError(str(err)) from None
        return self._bot

    def log(self, question: str, reply: Reply) -> None:
        """Append ``question`` to the unanswered log if one is on and the reply was weak."""
        if self.log_unanswered is None:
            return
        from faqbot.tools.unanswered import UnansweredLog

        try:
            UnansweredLog(self.log_unanswered).record(self.bot, question, reply)
        except FaqBotError as err:
            raise DataError(str(err)) from None


pass_state = click.make_pass_decorator(State)


class LazyGroup(click.Group):
    """A group whose heavier commands are imported only when run.

    Keeps `faqbot ask` from importing the web server or the curator tools.
    """

    LAZY: ClassVar[dict[str, str]] = {
        "validate": "faqbot.cli_curator:validate",
        "explain": "faqbot.cli_curator:explain",
        "eval": "faqbot.cli_curator:eval_command",
        "report": "faqbot.cli_curator:report",
        "serve": "faqbot.cli_web:serve",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            module_name, attribute = self.LAZY[cmd_name].split(":")
            module = importlib.import_module(module_name)
            command: click.Command = getattr(module, attribute)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="faqbot")
@click.option(
    "--faq",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=FAQ_ENV,
    help=f"Knowledge base to use (default: the bundled faq.yaml; env: {FAQ_ENV}).",
)
@click.option(
    "--log-unanswered",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="FAQBOT_LOG_UNANSWERED",
    help="Append fallbacks and weak matches to this JSON Lines file: time, question, closest entry, score; "
    "nothing identifying the person. Off by default (env: FAQBOT_LOG_UNANSWERED).",
)
@click.pass_context
def cli(ctx: click.Context, faq: Path | None, log_unanswered: Path | None) -> None:
    """Answer questions about low dose naltrexone (LDN) from a curated knowledge base.

    Dosing and personal medical questions are never answered: faqbot refers
    them to a doctor or pharmacist.
    """
    ctx.obj = State(faq, log_unanswered)


def render(reply: Reply, numbered: bool = False) -> str:
    """A reply as a person reads it in a terminal."""
    color = use_color()
    label = click.style(reply.kind.upper(), **_KIND_STYLE[reply.kind]) if color is not False else reply.kind.upper()
    lines = [f"{label}  {safe(reply.text)}"]
    if reply.kind == "answer" and reply.question:
        lines.insert(0, click.style(f"Q: {safe(reply.question)}", dim=True) if color is not False
                     else f"Q: {safe(reply.question)}")
    if reply.suggestions:
        heading = "Did you mean:" if reply.kind == "fallback" else "You might also ask:"
        lines.append(heading)
        for number, suggestion in enumerate(reply.suggestions, 1):
            bullet = f"  {number}." if numbered else "  -"
            lines.append(f"{bullet} {safe(suggestion.question)}")
    return "\n".join(lines)


def _lines(stream: Any) -> Iterator[str]:
    """Lines of stdin as text; invalid UTF-8 is replaced, never fatal."""
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


@cli.command()
@click.argument("question", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the reply object (JSON Lines when reading stdin).")
@pass_state
def ask(state: State, question: tuple[str, ...], as_json: bool) -> None:
    """Answer QUESTION, or every line of standard input if none is given.

    \b
    faqbot ask "What is LDN?"
    faqbot ask --json < questions.txt
    """
    bot = state.bot
    if question:
        questions: Iterator[str] = iter([" ".join(question)])
    else:
        if sys.stdin.isatty():
            click.echo("Type a question per line; Ctrl-D to finish.", err=True)
        questions = _lines(sys.stdin.buffer)
    for text in questions:
        reply = bot.ask(text)
        state.log(text, reply)
        if as_json:
            click.echo(json.dumps(reply.to_dict(), ensure_ascii=False))
        else:
            click.echo(render(reply), color=use_color())
            if not question:
                click.echo()


@cli.command()
@pass_state
def topics(state: State) -> None:
    """List what can be asked, grouped by article section."""
    echo_topics(state.bot)


def echo_topics(bot: FAQBot) -> None:
    """Print every canonical question under its article section."""
    color = use_color()
    for section, entries in bot.topics().items():
        click.echo(click.style(safe(section), bold=True), color=color)
        for entry in entries:
            click.echo(f"  - {safe(entry.question)}")


@cli.command()
@pass_state
def chat(state: State) -> None:
    """Chat interactively. Type a number to pick a suggestion; `quit` or Ctrl-D to leave."""
    bot = state.bot
    interactive = sys.stdin.isatty()
    if isinstance(sys.stdin, io.TextIOWrapper):
        # Invalid UTF-8 typed or piped in becomes U+FFFD instead of ending the chat.
        sys.stdin.reconfigure(errors="replace")
    if interactive:
        # Line editing and history where the platform has readline.
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401
    color = use_color()
    click.echo(click.style("faqbot", bold=True) + " - ask about low dose naltrexone (LDN). "
               "Type 'topics' for a list, 'quit' to leave.", color=color)
    suggestions: tuple[Suggestion, ...] = ()
    while True:
        try:
            line = input("you> " if interactive else "")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            break
        text = line.strip()
        if text.lower() in {"quit", "exit", ":q", "/quit", "/exit"}:
            break
        if not text:
            continue
        if text.lower() in {"topics", "/topics"}:
            echo_topics(bot)
            continue
        if re.fullmatch(r"[0-9]{1,2}", text) and 1 <= int(text) <= len(suggestions):
            text = suggestions[int(text) - 1].question
            click.echo(f"  ({safe(text)})")
        reply = bot.ask(text)
        state.log(text, reply)
        suggestions = reply.suggestions
        click.echo(render(reply, numbered=True), color=color)
        if suggestions:
            click.echo(click.style("  (type a number to ask one of these)", dim=True), color=color)
    click.echo("Goodbye.")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="faqbot")


if __name__ == "__main__":  # pragma: no cover
    main()
