"""How replies and topics look in a terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from faqbot.cli.common import safe, use_color

if TYPE_CHECKING:  # pragma: no cover
    from faqbot.bot import FAQBot
    from faqbot.reply import Reply

_KIND_STYLE: dict[str, dict[str, Any]] = {
    "answer": {"fg": "green", "bold": True},
    "referral": {"fg": "yellow", "bold": True},
    "emergency": {"fg": "red", "bold": True},
    "fallback": {"fg": "blue", "bold": True},
    "smalltalk": {"fg": "cyan", "bold": True},
}
#: The question the fallback text tells people to ask for the list of topics.
TOPICS_QUESTION = "what can you answer?"
#: Wider lines are hard to read, even on a wide terminal.
MAX_WIDTH = 100


def terminal_width() -> int | None:
    """Width to wrap replies to on a terminal; None (no wrapping) when output goes to a pipe or file."""
    if not sys.stdout.isatty():
        return None
    import shutil  # only on a terminal, like textwrap below

    return max(20, min(MAX_WIDTH, shutil.get_terminal_size().columns - 1))


def _wrap(text: str, width: int | None, hanging: str = "") -> list[str]:
    """``text`` as lines of at most ``width`` columns, continuation lines indented by ``hanging``."""
    if width is None:
        return [text]
    import textwrap  # only on a terminal; a piped `faqbot ask` should not pay for it

    return textwrap.wrap(text, width, subsequent_indent=hanging, break_on_hyphens=False) or [""]


def render(reply: Reply, numbered: bool = False, width: int | None = None) -> str:
    """A reply as a person reads it in a terminal, wrapped to ``width`` columns if given."""
    color = use_color() is not False
    label = reply.kind.upper()
    lines = _wrap(f"{label}  {safe(reply.text)}", width)
    # Styled after wrapping, so the escape codes do not count as width.
    if color:
        lines[0] = click.style(label, **_KIND_STYLE[reply.kind]) + lines[0][len(label):]
    if reply.kind == "answer" and reply.question:
        question = f"Q: {safe(reply.question)}"
        lines.insert(0, click.style(question, dim=True) if color else question)
    if reply.suggestions:
        # A fallback's own text already introduces its suggestions ("Did you mean one of these?").
        if reply.kind != "fallback":
            lines.append("You might also ask:")
        for number, suggestion in enumerate(reply.suggestions, 1):
            bullet = f"  {number}. " if numbered else "  - "
            lines.extend(_wrap(f"{bullet}{safe(suggestion.question)}", width, " " * len(bullet)))
    return "\n".join(lines)


def echo_topics(bot: FAQBot) -> None:
    """Print every canonical question under its article section."""
    color = use_color()
    for section, entries in bot.topics().items():
        click.echo(click.style(safe(section), bold=True), color=color)
        for entry in entries:
            click.echo(f"  - {safe(entry.question)}")


def asks_for_topics(bot: FAQBot, reply: Reply) -> bool:
    """True for a reply to "what can you answer?" and the questions that get the same reply.

    The fallback text promises that this question shows every topic; the library's reply is a
    smalltalk sentence, so the terminal adds the list after it.
    """
    if reply.kind != "smalltalk":
        return False
    promised = bot.ask(TOPICS_QUESTION)
    return promised.kind == "smalltalk" and promised.text == reply.text
