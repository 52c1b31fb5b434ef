"""An opt-in, privacy-safe log of the questions faqbot could not answer well.

Off unless the operator turns it on (``faqbot --log-unanswered PATH``, or the
``FAQBOT_LOG_UNANSWERED`` environment variable). When on, each fallback and
each weak match is appended to a JSON Lines file as exactly::

    {"time": "2025-01-31T14:05Z", "question": "...", "candidate": "entry-id", "score": 41.2}

* ``time`` is UTC, to the minute only;
* ``question`` is what was asked, with e-mail addresses, phone and other long
  numbers, and web addresses replaced by placeholders;
* ``candidate``/``score`` are the closest entry and its score (``null`` if none).

With the log on, ``POST /api/feedback`` (a thumbs up or down in the web widget)
appends a vote as exactly::

    {"time": "2025-01-31T14:05Z", "feedback": "down", "candidate": "entry-id"}

Nothing else is written: no IP address, user, session, user agent, or what
else the person asked. Referrals, emergencies, smalltalk and confident answers
are never logged, so questions about a person's own health stay out of it.
The file is created readable by its owner only.

Each line goes to the file in one ``write`` on a descriptor opened with
``O_APPEND``, and writers in one process also share a lock, so threads and
processes appending to the same log never interleave lines.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from faqbot.bot import FAQBot
from faqbot.errors import FaqBotError
from faqbot.reply import Reply

#: An answer scoring less than this above the answer threshold counts as a
#: weak match and is logged too.
WEAK_MARGIN = 5.0
FIELDS = ("time", "question", "candidate", "score")

_LOCK = threading.Lock()
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SCRUB = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE), "[link]"),
    (re.compile(r"\+?\d[\d ()./-]{5,}\d"), "[number]"),
)


class UnansweredLogError(FaqBotError):
    """The unanswered-questions log cannot be written."""


def utc_minute() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def scrub(question: str) -> str:
    """The question with control characters removed and contact details or long numbers masked."""
    text = " ".join(_CONTROL.sub(" ", question).split())
    for pattern, placeholder in _SCRUB:
        text = pattern.sub(placeholder, text)
    return text


class UnansweredLog:
    """Appends fallbacks and weak matches to a JSON Lines file (see the module docstring)."""

    def __init__(self, path: str | Path, clock: Callable[[], str] = utc_minute, weak_margin: float = WEAK_MARGIN):
        self.path = Path(path)
        self.clock = clock
        self.weak_margin = weak_margin

    def wants(self, bot: FAQBot, reply: Reply) -> bool:
        """Whether ``reply`` is a fallback or a weak match, the only replies logged."""
        if reply.kind == "fallback":
            return True
        if reply.kind == "answer" and reply.score is not None:
            return reply.score < bot.kb.settings.answer_threshold + self.weak_margin
        return False

    def entry(self, bot: FAQBot, question: str, reply: Reply) -> dict[str, Any]:
        """The record for one question: exactly the fields in :data:`FIELDS`."""
        question = question[: bot.kb.settings.max_question_chars]
        if reply.kind == "answer":
            candidate, score = reply.id, reply.score
        else:
            ranked = bot.candidates(question, 1)
            candidate, score = (ranked[0].entry.id, ranked[0].score) if ranked else (None, None)
        return {"time": self.clock(), "question": scrub(question), "candidate": candidate, "score": score}

    def record(self, bot: FAQBot, question: str, reply: Reply) -> bool:
        """Log ``question`` if ``reply`` is a fallback or weak match; True if a line was written."""
        if not self.wants(bot, reply) or not scrub(question):
            return False
        line = json.dumps(self.entry(bot, question, reply), ensure_ascii=False) + "\n"
        # "replace": a lone surrogate (from a JSON "\ud800") must not cost the person their reply
        self._append(line.encode("utf-8", "replace"))
        return True

    def record_feedback(self, entry_id: str, vote: str) -> None:
        """Append a vote (``"up"``/``"down"``) on the answer from entry ``entry_id``; nothing else is kept."""
        record = {"time": self.clock(), "feedback": vote, "candidate": entry_id}
        self._append((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "replace"))

    def _append(self, data: bytes) -> None:
        with _LOCK:
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            except OSError as err:
                raise UnansweredLogError(f"{self.path}: cannot write the unanswered log: {err.strerror or err}") \
                    from None
            try:
                written = os.write(fd, data)
                if written != len(data):  # pragma: no cover - a full disk
                    raise UnansweredLogError(f"{self.path}: short write to the unanswered log")
            except OSError as err:  # pragma: no cover - a full disk
                raise UnansweredLogError(f"{self.path}: cannot write the unanswered log: {err.strerror or err}") \
                    from None
            finally:
                os.close(fd)
