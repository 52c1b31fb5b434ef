"""What every command shares: the options' state, the one-line error, and text fit for a terminal."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from faqbot.errors import FaqBotError
from faqbot.text import strip_controls

if TYPE_CHECKING:  # pragma: no cover
    from faqbot.bot import FAQBot
    from faqbot.reply import Reply

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}
FAQ_ENV = "FAQBOT_FAQ"


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
    """Options shared by every command; the bot is built (or taken from the cache) on first use."""

    def __init__(self, faq: Path | None, log_unanswered: Path | None = None) -> None:
        self.faq = faq
        #: opt-in log of fallbacks and weak matches (faqbot.tools.unanswered); None: off
        self.log_unanswered = log_unanswered
        self._bot: FAQBot | None = None

    @property
    def bot(self) -> FAQBot:
        if self._bot is None:
            from faqbot.cache import load_bot

            try:
                self._bot = load_bot(self.faq)
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
            # Callers log after showing the reply, so the person has their answer; the operator gets
            # the error and exit code 2 (a question that should have been logged was not).
            raise DataError(str(err)) from None


def current_state() -> State:
    """The group's state, or a default one when a command runs on its own (tests, embedding)."""
    state = click.get_current_context().find_object(State)
    return state if state is not None else State(None)


pass_state = click.make_pass_decorator(State, ensure=False)
