"""``faqbot validate``: lint a knowledge base, then ask the whole bot its own questions.

Schema, ids, related ids, dose figures and answer length come from :mod:`faqbot.kb`; on top of that
every entry's question and alternates are asked through the whole bot (*self-consistency*),
alternates of different entries that are near duplicates are reported, and every answer's reading
grade (and, given the source article, its longest run of words copied from it) is checked by
:mod:`faqbot.tools.content`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from rapidfuzz import fuzz

from faqbot.bot import FAQBot
from faqbot.errors import KnowledgeBaseError
from faqbot.kb import bundled_path, check_knowledge_base
from faqbot.reply import Reply
from faqbot.tools.content import MAX_GRADE, MAX_SHARED_RUN, TARGET_GRADE, AnswerCheck, check_answer

#: rapidfuzz ``token_sort_ratio`` of two alternates' normalised terms at or above
#: which alternates of different entries count as near duplicates.
NEAR_DUPLICATE_SCORE = 90.0
#: Default similarity for grouping logged questions in ``report``.
ProblemKind = Literal["schema", "self-consistency", "near-duplicate", "reading-grade", "copied-run", "article"]


# --- validate -------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One problem ``faqbot validate`` reports."""

    kind: ProblemKind
    message: str
    path: str | None
    line: int | None

    def __str__(self) -> str:
        return str(KnowledgeBaseError(self.message, self.path, self.line))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "path": self.path, "line": self.line}


@dataclass(frozen=True)
class ValidationReport:
    path: str
    #: False when the file could not be read at all (missing, a directory, not UTF-8, too big)
    readable: bool
    problems: tuple[Finding, ...]
    entries: int = 0
    #: how many questions and alternates were asked for the self-consistency check
    checked: int = 0
    #: reading grade (and copied run, given the article) of every answer, in file order
    answers: tuple[AnswerCheck, ...] = ()

    @property
    def ok(self) -> bool:
        return self.readable and not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "readable": self.readable,
            "entries": self.entries,
            "checked": self.checked,
            "problems": [p.to_dict() for p in self.problems],
            "answers": [a.to_dict() for a in self.answers],
        }


def validate(
    path: str | Path | None = None,
    near_duplicate: float = NEAR_DUPLICATE_SCORE,
    article: str | Path | None = None,
) -> ValidationReport:
    """Every problem with the knowledge base at ``path`` (``None``: the bundled one).

    ``article``: the source article's text file; each answer's longest run of words copied from it
    is then reported, and a run of :data:`MAX_SHARED_RUN` or more words fails.
    """
    file = Path(path) if path is not None else bundled_path()
    readable = _readable(file)
    kb, problems = check_knowledge_base(file)
    if kb is None or problems:
        findings = tuple(Finding("schema", p.message, p.path, p.line) for p in problems)
        return ValidationReport(str(file), readable, findings)
    bot = FAQBot(kb)
    lines = _question_lines(file)
    consistency, checked = self_consistency(bot, lines)
    duplicates = near_duplicates(bot, lines, near_duplicate)
    checks, content = content_checks(bot, article)
    found = tuple(consistency + duplicates + content)
    return ValidationReport(str(file), True, found, len(kb.entries), checked, checks)


def _article_text(article: str | Path) -> tuple[str | None, Finding | None]:
    try:
        return Path(article).read_bytes().decode("utf-8-sig"), None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not readable UTF-8 text"
        return None, Finding("article", f"cannot read the article {str(article)!r}: {reason}", None, None)


def content_checks(bot: FAQBot, article: str | Path | None = None) -> tuple[tuple[AnswerCheck, ...], list[Finding]]:
    """Reading grade of every answer, and with the article its longest copied run; what fails."""
    findings: list[Finding] = []
    text: str | None = None
    if article is not None:
        text, problem = _article_text(article)
        findings.extend([problem] if problem else [])
    checks = tuple(check_answer(e.id, e.answer, text) for e in bot.kb.entries)
    path = bot.kb.path
    for entry, check in zip(bot.kb.entries, checks, strict=True):
        if check.grade > MAX_GRADE:
            findings.append(Finding(
                "reading-grade",
                f"entry `{entry.id}`: answer reads at US grade {check.grade:g} (Flesch-Kincaid); aim for "
                f"{TARGET_GRADE:g} or below, at most {MAX_GRADE:g}: shorter sentences, shorter words",
                path, entry.line))
        if check.shared_run is not None and check.shared_run >= MAX_SHARED_RUN:
            findings.append(Finding(
                "copied-run",
                f"entry `{entry.id}`: answer shares {check.shared_run} consecutive words with the article "
                f"({' '.join(check.shared_words)!r}); at most {MAX_SHARED_RUN - 1}: say it in other words",
                path, entry.line))
    return checks, findings


def _readable(file: Path) -> bool:
    try:
        file.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return True


def _question_lines(file: Path) -> dict[tuple[str, str], int]:
    """(entry id, question or alternate text) -> its line in the file, for pointing at problems."""
    lines: dict[tuple[str, str], int] = {}
    try:
        root = yaml.compose(file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):  # pragma: no cover - checked just before
        return lines
    if not isinstance(root, yaml.MappingNode):  # pragma: no cover - checked just before
        return lines
    for key, value in root.value:
        if key.value != "entries" or not isinstance(value, yaml.SequenceNode):
            continue
        for item in value.value:
            if not isinstance(item, yaml.MappingNode):
                continue
            fields = {k.value: v for k, v in item.value}
            ident = fields.get("id")
            if not isinstance(ident, yaml.ScalarNode):
                continue
            nodes: list[yaml.Node] = [fields["question"]] if "question" in fields else []
            alternates = fields.get("alternates")
            if isinstance(alternates, yaml.SequenceNode):
                nodes.extend(alternates.value)
            for node in nodes:
                if isinstance(node, yaml.ScalarNode):
                    lines.setdefault((str(ident.value), " ".join(str(node.value).split())), node.start_mark.line + 1)
    return lines


def _describe(reply: Reply) -> str:
    if reply.kind == "answer":
        return f"entry `{reply.id}` (score {reply.score})"
    if reply.kind in ("referral", "emergency"):
        return f"a {reply.kind} (rule {reply.rule})"
    if reply.kind == "fallback" and reply.suggestions:
        return "a fallback suggesting " + ", ".join(f"`{s.id}`" for s in reply.suggestions)
    return f"a {reply.kind}"


def self_consistency(bot: FAQBot, lines: Mapping[tuple[str, str], int] | None = None) -> tuple[list[Finding], int]:
    """Ask every entry's question and alternates; each must come back as that entry."""
    lines = lines or {}
    path = bot.kb.path
    findings: list[Finding] = []
    checked = 0
    for entry in bot.kb.entries:
        for text in (entry.question, *entry.alternates):
            checked += 1
            reply = bot.ask(text)
            if reply.kind == "answer" and reply.id == entry.id:
                continue
            what = "question" if text == entry.question else "alternate"
            message = f"entry `{entry.id}`: {what} {text!r} is answered with {_describe(reply)}, not this entry"
            if reply.kind == "referral":
                message += "; reword it so it is not a personal or dosing question"
            findings.append(Finding("self-consistency", message, path, lines.get((entry.id, text), entry.line)))
    return findings, checked


def near_duplicates(
    bot: FAQBot, lines: Mapping[tuple[str, str], int] | None = None, threshold: float = NEAR_DUPLICATE_SCORE
) -> list[Finding]:
    """Questions/alternates of different entries the matcher cannot tell apart.

    A pair is reported when their normalised terms are at least ``threshold``
    alike (rapidfuzz ``token_sort_ratio``), or when asking one of them scores
    the other entry within the knowledge base's ambiguity margin of its own.
    Each pair is reported once, with both scores.
    """
    lines = lines or {}
    margin = bot.kb.settings.ambiguity_margin
    texts: dict[tuple[str, str], str] = {}  # (entry id, text) -> sorted terms
    for entry in bot.kb.entries:
        for text in (entry.question, *entry.alternates):
            terms = bot.normalizer.analyze(text).terms
            if terms:
                texts[(entry.id, text)] = " ".join(sorted(terms))
    scores: dict[tuple[str, str], dict[str, tuple[float, str]]] = {
        key: {c.entry.id: (c.score, c.matched) for c in bot.candidates(key[1], len(bot.kb.entries))}
        for key in texts
    }
    pairs: dict[tuple[tuple[str, str], tuple[str, str]], None] = {}
    items = list(texts.items())
    for i, (a, terms_a) in enumerate(items):
        for b, terms_b in items[i + 1 :]:
            if a[0] != b[0] and fuzz.token_sort_ratio(terms_a, terms_b, processor=None) >= threshold:
                pairs.setdefault((a, b))
        own = scores[a].get(a[0])
        if own is None:
            continue
        for other, (score, matched) in scores[a].items():
            if other != a[0] and own[0] - score < margin and (other, matched) in texts:
                b = (other, matched)
                if (b, a) not in pairs:
                    pairs.setdefault((a, b))
    findings: list[Finding] = []
    for a, b in pairs:
        alike = fuzz.token_sort_ratio(texts[a], texts[b], processor=None)
        score_a = scores[a].get(a[0], (0.0, ""))[0]
        score_b = scores[a].get(b[0], (0.0, ""))[0]
        findings.append(Finding(
            "near-duplicate",
            f"entry `{a[0]}` {a[1]!r} and entry `{b[0]}` {b[1]!r} are too alike to tell apart: "
            f"{alike:.0f}% alike after normalising; asking the first scores `{a[0]}` {score_a} and "
            f"`{b[0]}` {score_b} (ambiguity margin {margin:g}); reword or drop one",
            bot.kb.path,
            lines.get(a),
        ))
    return findings
