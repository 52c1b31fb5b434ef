"""The ``faqbot`` command line: a thin layer over :class:`faqbot.FAQBot`.

Each command lives in a module of its own and is imported only when it runs (:class:`LazyGroup`), so
``faqbot ask`` loads neither the web server nor the curator tools:

* :mod:`faqbot.cli.ask`: ``ask``, ``chat``, ``topics``;
* :mod:`faqbot.cli.curator`: ``validate``, ``explain``, ``eval``, ``report``;
* :mod:`faqbot.cli.serve`: ``serve``;
* :mod:`faqbot.cli.common` and :mod:`faqbot.cli.output`: what they share.
"""

from __future__ import annotations

import importlib
from typing import ClassVar

import click

from faqbot.cli import common
from faqbot.cli.common import CONTEXT_SETTINGS, FAQ_ENV, DataError, State, safe, use_color
from faqbot.version import __version__

__all__ = ["CONTEXT_SETTINGS", "DataError", "LazyGroup", "State", "cli", "main", "safe", "use_color"]


class LazyGroup(click.Group):
    """A group whose commands are imported only when run (or when help lists them)."""

    LAZY: ClassVar[dict[str, str]] = {
        "ask": "faqbot.cli.ask:ask",
        "chat": "faqbot.cli.ask:chat",
        "topics": "faqbot.cli.ask:topics",
        "validate": "faqbot.cli.curator:validate",
        "explain": "faqbot.cli.curator:explain",
        "eval": "faqbot.cli.curator:eval_command",
        "report": "faqbot.cli.curator:report",
        "serve": "faqbot.cli.serve:serve",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            module_name, attribute = self.LAZY[cmd_name].split(":")
            command: click.Command = getattr(importlib.import_module(module_name), attribute)
            return command
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            import difflib  # here, not at the top: only a mistyped command needs them
            import shlex

            close = [] if _question_like(args) else difflib.get_close_matches(args[0], self.list_commands(ctx))
            # A typo of a command gets click's usual hint; anything else is most likely a question
            # typed without `ask` (`faqbot what is ldn`), so say how to ask it, not "did you mean 'chat'".
            asking = f"To ask a question: faqbot ask {shlex.quote(' '.join(args))}"
            hint = f"Did you mean {close[0]!r}?" if close else asking
            raise click.UsageError(safe(f"No such command {args[0]!r}. {hint}"), ctx)
        return super().resolve_command(ctx, args)


#: Words a question often starts with; "what" must not read as a typo of "chat".
_QUESTION_WORDS = frozenset(
    "what whats how why who where when which is are can could does do did should will would ldn naltrexone".split()
)


def _question_like(args: list[str]) -> bool:
    """Plainly a question (``what is ldn``, ``LDN side effects?``), even if its first word looks like a command."""
    first = args[0]
    return " " in first.strip() or args[-1].endswith("?") or first.lower() in _QUESTION_WORDS


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS,
             epilog='Start with: faqbot ask "What is LDN?"  or  faqbot chat')
@click.version_option(__version__, "-V", "--version", prog_name="faqbot")
@click.option(
    "--faq",
    type=click.Path(dir_okay=False),
    envvar=FAQ_ENV,
    help=f"Knowledge base to use (default: the bundled faq.yaml; env: {FAQ_ENV}).",
)
@click.option(
    "--log-unanswered",
    type=click.Path(dir_okay=False),
    envvar="FAQBOT_LOG_UNANSWERED",
    help="Append fallbacks and weak matches to this JSON Lines file: time, question, closest entry, score; "
    "nothing identifying the person. Off by default (env: FAQBOT_LOG_UNANSWERED).",
)
@click.pass_context
def cli(ctx: click.Context, faq: str | None, log_unanswered: str | None) -> None:
    """Answer questions about low dose naltrexone (LDN) from a curated knowledge base.

    Dosing and personal medical questions are never answered: faqbot refers
    them to a doctor or pharmacist.
    """
    ctx.obj = State(faq, log_unanswered)


def main() -> None:
    """Console-script entry point."""
    common.OWN_PROCESS = True
    cli(prog_name="faqbot")
