"""``faqbot report``: group logged unanswered questions so a curator can add an alternate or an entry, and
rank the entries whose answers got thumbs down in the web widget."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from faqbot.bot import FAQBot
from faqbot.errors import CuratorError

#: Default similarity for grouping logged questions in ``report``.
GROUP_SIMILARITY = 75.0


# --- report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LoggedQuestion:
    time: str | None
    question: str
    candidate: str | None
    score: float | None


@dataclass(frozen=True)
class QuestionGroup:
    """Similar logged questions, and the entry closest to them now."""

    questions: tuple[LoggedQuestion, ...]
    #: the most asked wording (first asked on a tie)
    representative: str
    closest: str | None
    closest_question: str | None
    closest_score: float | None

    @property
    def count(self) -> int:
        return len(self.questions)

    def examples(self, limit: int = 3) -> list[str]:
        """Distinct wordings, most asked first."""
        counts = Counter(q.question for q in self.questions)
        return [text for text, _ in counts.most_common(limit)]

    def to_dict(self) -> dict[str, Any]:
        times = sorted(q.time for q in self.questions if q.time)
        return {
            "count": self.count,
            "question": self.representative,
            "examples": self.examples(5),
            "closest": self.closest,
            "closest_question": self.closest_question,
            "closest_score": self.closest_score,
            "first_seen": times[0] if times else None,
            "last_seen": times[-1] if times else None,
        }


@dataclass(frozen=True)
class EntryRating:
    """The thumbs up and down one entry's answer got in the web widget (``POST /api/feedback``)."""

    id: str
    question: str | None
    up: int
    down: int

    @property
    def net(self) -> int:
        return self.up - self.down

    def describe(self) -> str:
        """One line for the report: votes, id and the entry's question (``None``: no longer in the file)."""
        question = repr(self.question) if self.question is not None else "(no longer in the knowledge base)"
        return f"{self.down:>4} down {self.up:>4} up  {self.id}  {question}"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "question": self.question, "up": self.up, "down": self.down}


def _lines(path: str | Path) -> list[str]:
    file = Path(path)
    try:
        return file.read_bytes().decode("utf-8", errors="replace").splitlines()
    except OSError as err:
        raise CuratorError(f"{file}: cannot read: {err.strerror or err}") from None


def _parse(line: str) -> dict[str, Any] | None:
    try:
        data = json.loads(line)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def read_votes(path: str | Path) -> list[tuple[str, str]]:
    """The ``(entry id, "up"|"down")`` votes in a log, in order; other lines are ignored."""
    votes = []
    for line in _lines(path):
        data = _parse(line) if line.strip() else None
        if data is None:
            continue
        vote, candidate = data.get("feedback"), data.get("candidate")
        if vote in ("up", "down") and isinstance(candidate, str):
            votes.append((candidate, str(vote)))
    return votes


def rate_entries(bot: FAQBot, votes: Sequence[tuple[str, str]]) -> list[EntryRating]:
    """Every voted-on entry, worst first: most net down votes, then most down votes, then by id."""
    ups: Counter[str] = Counter(entry for entry, vote in votes if vote == "up")
    downs: Counter[str] = Counter(entry for entry, vote in votes if vote == "down")
    known = {entry.id: entry.question for entry in bot.kb.entries}
    ratings = [EntryRating(entry, known.get(entry), ups[entry], downs[entry]) for entry in set(ups) | set(downs)]
    return sorted(ratings, key=lambda r: (r.net, -r.down, r.id))


def read_log(path: str | Path) -> tuple[list[LoggedQuestion], int]:
    """The questions of an unanswered-questions log, and how many lines were not usable.

    Feedback lines (``{"feedback": ...}``, see :func:`read_votes`) are not questions and not skipped.
    """
    records: list[LoggedQuestion] = []
    skipped = 0
    for line in _lines(path):
        if not line.strip():
            continue
        data = _parse(line)
        if data is None:
            skipped += 1
            continue
        if "feedback" in data:
            continue
        question = data.get("question")
        if not isinstance(question, str) or not question.strip():
            skipped += 1
            continue
        candidate = data.get("candidate")
        score = data.get("score")
        time = data.get("time")
        records.append(LoggedQuestion(
            time if isinstance(time, str) else None,
            question,
            candidate if isinstance(candidate, str) else None,
            float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None,
        ))
    return records, skipped


def group_questions(
    bot: FAQBot, records: Sequence[LoggedQuestion], similarity: float = GROUP_SIMILARITY
) -> list[QuestionGroup]:
    """Group similar questions (rapidfuzz over their normalised terms), most asked first.

    A question's key is its sorted terms (spelling corrected, synonyms applied,
    stop words dropped) without the terms most entries share, such as "ldn",
    so the topic words decide. It joins the group of the most alike earlier
    question, if at least ``similarity`` alike (``token_set_ratio``), else
    starts a group; the grouping depends only on the log's order.
    """
    common = math.log(3)  # an idf this low: the term is in more than half the entries
    keys: list[str] = []
    group_of: list[int] = []
    members: list[list[LoggedQuestion]] = []
    seen: dict[str, int] = {}
    for record in records:
        analysis = bot.normalizer.analyze(record.question, bot.kb.settings.max_question_chars)
        rare = [t for t in analysis.terms if bot.retriever.index.idf.get(t, common) >= common]
        key = " ".join(sorted(rare or analysis.terms)) or analysis.cleaned
        if key in seen:
            members[seen[key]].append(record)
            continue
        found = process.extractOne(key, keys, scorer=fuzz.token_set_ratio, processor=None, score_cutoff=similarity)
        if found is None:
            group = len(members)
            members.append([record])
        else:
            group = group_of[found[2]]
            members[group].append(record)
        keys.append(key)
        group_of.append(group)
        seen[key] = group
    groups = []
    for questions in members:
        counts = Counter(q.question for q in questions)
        representative = counts.most_common(1)[0][0]
        ranked = bot.candidates(representative, 1)
        top = ranked[0] if ranked else None
        groups.append(QuestionGroup(
            tuple(questions),
            representative,
            top.entry.id if top else None,
            top.entry.question if top else None,
            top.score if top else None,
        ))
    order = sorted(range(len(groups)), key=lambda i: (-groups[i].count, i))
    return [groups[i] for i in order]


@dataclass(frozen=True)
class LogReport:
    groups: tuple[QuestionGroup, ...]
    records: int
    skipped: int = 0
    #: entries voted on in the widget, worst first (empty when the log has no votes)
    ratings: tuple[EntryRating, ...] = ()

    def worst_rated(self, limit: int = 10) -> list[EntryRating]:
        """The entries with more down votes than up votes, worst first: the answers to improve."""
        return [r for r in self.ratings if r.net < 0][:limit]

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "skipped": self.skipped,
            "groups": [g.to_dict() for g in self.groups],
            "ratings": [r.to_dict() for r in self.ratings],
        }


def report(bot: FAQBot, path: str | Path, similarity: float = GROUP_SIMILARITY) -> LogReport:
    """Read an unanswered-questions log: group its questions and rate the entries voted on."""
    records, skipped = read_log(path)
    ratings = rate_entries(bot, read_votes(path))
    return LogReport(tuple(group_questions(bot, records, similarity)), len(records), skipped, tuple(ratings))

