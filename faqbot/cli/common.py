"""What every command shares: the options' state, the one-line error, and text fit for a terminal."""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING, Any

import click

from faqbot.errors import FaqBotError

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from faqbot.bot import FAQBot
    from faqbot.reply import Reply

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}
FAQ_ENV = "FAQBOT_FAQ"
#: True when the command runs as the `faqbot` program (set by :func:`faqbot.cli.main`), not inside
#: another program such as a test's CliRunner: then the process is the command's own to tune.
OWN_PROCESS = False


class DataError(click.ClickException):
    """A bad knowledge base or input: one line on stderr, exit code 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        # One line, and nothing from a file or the input may drive the terminal.
        super().__init__(" ".join(safe(message).split()))


def safe(text: str) -> str:
    """Text fit to print to a terminal."""
    # Imported here: the text package is loaded with the bot, from the cache (see faqbot.cache).
    from faqbot.text.sanitize import strip_controls

    return "\n".join(strip_controls(line).replace("\t", " ") for line in text.split("\n"))


def use_color() -> bool | None:
    """False under NO_COLOR (https://no-color.org); otherwise click decides (only on a terminal)."""
    return False if os.environ.get("NO_COLOR") else None


class State:
    """Options shared by every command; the bot is built (or taken from the cache) on first use."""

    def __init__(self, faq: str | Path | None, log_unanswered: str | Path | None = None) -> None:
        # Kept as given (click passes strings): `faqbot ask` has no use for pathlib (issue #14).
        self._faq = faq
        self._log_unanswered = log_unanswered
        self._bot: FAQBot | None = None

    @property
    def faq(self) -> Path | None:
        """The knowledge base to use; None: the bundled one."""
        from pathlib import Path

        return Path(self._faq) if self._faq is not None else None

    @property
    def log_unanswered(self) -> Path | None:
        """The opt-in log of fallbacks and weak matches (faqbot.tools.unanswered); None: off."""
        from pathlib import Path

        return Path(self._log_unanswered) if self._log_unanswered is not None else None

    @property
    def bot(self) -> FAQBot:
        if self._bot is None:
            from faqbot.cache import load_bot

            # Loading imports the library and makes a few hundred thousand objects, none of them
            # garbage: with the cyclic collector running, it walked them all again and again, a third
            # of a one-shot command's time (issue #14).
            paused = gc.isenabled()
            gc.disable()
            try:
                self._bot = load_bot(self._faq)
            except FaqBotError as err:
                raise DataError(str(err)) from None
            finally:
                if OWN_PROCESS:
                    # They live as long as this process: leave them out of every later collection
                    # (the one at exit alone walked them for 30 ms).
                    gc.freeze()
                if paused:
                    gc.enable()
        return self._bot

    def log(self, question: str, reply: Reply) -> None:
        """Append ``question`` to the unanswered log if one is on and the reply was weak."""
        if self._log_unanswered is None:
            return
        from faqbot.tools.unanswered import UnansweredLog

        try:
            UnansweredLog(self._log_unanswered).record(self.bot, question, reply)
        except FaqBotError as err:
            # Callers log after showing the reply, so the person has their answer; the operator gets
            # the error and exit code 2 (a question that should have been logged was not).
            raise DataError(str(err)) from None


def current_state() -> State:
    """The group's state, or a default one when a command runs on its own (tests, embedding)."""
    state = click.get_current_context().find_object(State)
    return state if state is not None else State(None)


pass_state = click.make_pass_decorator(State, ensure=False)
