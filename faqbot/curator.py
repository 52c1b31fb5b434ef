"""Tools for the people who keep ``faq.yaml``: validate, explain, eval, report.

Library logic only; the ``faqbot`` commands in :mod:`faqbot.cli_curator` print
what these functions return. Everything here is deterministic: the same
knowledge base and input give the same result on every run.

* :func:`validate` lints a knowledge base (schema, ids, related ids, dose
  figures, answer length: see :mod:`faqbot.knowledge`), then asks the whole
  bot every entry's question and alternates (*self-consistency*) and looks for
  alternates of different entries that are near duplicates.
* :func:`explain` shows why the bot replied as it did to one question.
* :func:`evaluate` scores the bot against labelled cases (:func:`load_cases`).
* :func:`group_questions` groups logged unanswered questions for ``report``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from rapidfuzz import fuzz, process

from faqbot.bot import FAQBot
from faqbot.errors import FaqBotError, KnowledgeBaseError
from faqbot.knowledge import bundled_path, check_knowledge_base
from faqbot.normalize import clean
from faqbot.reply import KINDS, Kind, Reply
from faqbot.safety import find_dose_figure, other_medicine, prepare, route

#: rapidfuzz ``token_sort_ratio`` of two alternates' normalised terms at or above
#: which alternates of different entries count as near duplicates.
NEAR_DUPLICATE_SCORE = 90.0
#: Default similarity for grouping logged questions in ``report``.
GROUP_SIMILARITY = 75.0

ProblemKind = Literal["schema", "self-consistency", "near-duplicate"]


class CuratorError(FaqBotError):
    """A cases file or log that cannot be used; the message names file and line."""


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
        }


def validate(path: str | Path | None = None, near_duplicate: float = NEAR_DUPLICATE_SCORE) -> ValidationReport:
    """Every problem with the knowledge base at ``path`` (``None``: the bundled one)."""
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
    return ValidationReport(str(file), True, tuple(consistency + duplicates), len(kb.entries), checked)


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


# --- explain --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExplainedCandidate:
    id: str
    question: str
    score: float
    #: the question or alternate of the entry that matched best
    matched: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "question": self.question, "score": self.score, "matched": self.matched}


@dataclass(frozen=True)
class Explanation:
    """Why faqbot replied to ``question`` as it did."""

    question: str
    #: the text the matcher reads (cleaned: NFKC, case-folded, one line)
    normalised: str
    #: the text the safety rules read
    prepared: str
    #: the matcher's words after spelling correction and synonyms
    words: tuple[str, ...]
    #: stems of the content words
    terms: tuple[str, ...]
    #: "emergency", "referral" or None when no safety rule fired
    safety: str | None
    rule: str | None
    #: the part of the prepared question that fired the rule
    fired_on: str | None
    smalltalk: bool
    candidates: tuple[ExplainedCandidate, ...]
    #: for "what is X?" where no entry defines X
    undefined_term: str | None
    answer_threshold: float
    suggest_threshold: float
    ambiguity_margin: float
    #: in words, which step decided the reply
    decision: str
    reply: Reply

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "normalised": self.normalised,
            "prepared": self.prepared,
            "words": list(self.words),
            "terms": list(self.terms),
            "safety": {"kind": self.safety, "rule": self.rule, "matched": self.fired_on},
            "smalltalk": self.smalltalk,
            "candidates": [c.to_dict() for c in self.candidates],
            "undefined_term": self.undefined_term,
            "thresholds": {
                "answer": self.answer_threshold,
                "suggest": self.suggest_threshold,
                "ambiguity_margin": self.ambiguity_margin,
            },
            "decision": self.decision,
            "reply": self.reply.to_dict() | {"rule": self.reply.rule},
        }


def explain(bot: FAQBot, text: str, limit: int = 5) -> Explanation:
    """Every step between ``text`` and the reply, for a curator. Deterministic."""
    settings = bot.kb.settings
    text = text[: settings.max_question_chars]
    reply = bot.ask(text)
    analysis = bot.normalizer.analyze(text, settings.max_question_chars)
    routed = route(text) if clean(text) else None
    smalltalk = routed is None and bool(clean(text)) and bot.smalltalk(text) is not None
    ranked = bot.matcher.rank(analysis, max(limit, 2))
    undefined = bot.matcher.undefined_term(analysis)
    candidates = tuple(ExplainedCandidate(c.entry.id, c.entry.question, c.score, c.matched) for c in ranked)
    decision = _decision(bot, reply, routed is not None, smalltalk, candidates, undefined, other_medicine(text))
    return Explanation(
        question=text,
        normalised=analysis.cleaned,
        prepared=prepare(text),
        words=analysis.words,
        terms=analysis.terms,
        safety=routed.kind if routed else None,
        rule=routed.rule if routed else None,
        fired_on=routed.matched if routed else None,
        smalltalk=smalltalk,
        candidates=candidates[:limit],
        undefined_term=undefined,
        answer_threshold=settings.answer_threshold,
        suggest_threshold=settings.suggest_threshold,
        ambiguity_margin=settings.ambiguity_margin,
        decision=decision,
        reply=reply,
    )


def _decision(
    bot: FAQBot,
    reply: Reply,
    routed: bool,
    smalltalk: bool,
    candidates: Sequence[ExplainedCandidate],
    undefined: str | None,
    medicine: str | None = None,
) -> str:
    settings = bot.kb.settings
    if reply.rule == "outgoing-dose-guard":
        return "referral: the reply text carried a dose figure, so the last guard replaced it"
    if routed:
        return f"{reply.kind}: safety rule `{reply.rule}` fired before any matching"
    if smalltalk:
        return "smalltalk: the whole message is a greeting, thanks or similar"
    if medicine is not None:
        return f"fallback: about another medicine ({medicine!r}) and never names naltrexone"
    if not candidates:
        return "fallback: no entry shares a term with the question"
    top = candidates[0]
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    gap = round(top.score - runner_up, 1)
    if reply.kind == "answer" and reply.id != top.id:
        return f"answer: the question asks what something is, and entry `{reply.id}` defines it"
    if reply.kind == "answer":
        return (f"answer: top score {top.score} >= answer threshold {settings.answer_threshold:g} "
                f"and {gap} ahead of the runner-up")
    if undefined is not None:
        return f"fallback: asks what {undefined!r} is, and no entry defines it"
    if top.score >= settings.answer_threshold:
        return (f"fallback (did you mean): top score {top.score} is only {gap} ahead of the runner-up, "
                f"less than the ambiguity margin {settings.ambiguity_margin:g}")
    if top.score >= settings.suggest_threshold:
        return (f"fallback (did you mean): top score {top.score} is below the answer threshold "
                f"{settings.answer_threshold:g} but at least the suggest threshold {settings.suggest_threshold:g}")
    return f"fallback: top score {top.score} is below the suggest threshold {settings.suggest_threshold:g}"


# --- eval -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One labelled question: the kind of reply expected and, for answers, the entry."""

    question: str
    expect: Kind
    id: str | None = None
    #: other kinds that also count as correct
    accept: tuple[Kind, ...] = ()
    note: str | None = None
    line: int | None = None


CASE_KEYS = ("question", "q", "expect", "id", "accept", "note", "topic")


def load_cases(path: str | Path) -> list[Case]:
    """Read a cases file (see ``tests/cases.yaml`` for the format).

    A YAML list of mappings: ``question`` (or ``q``), ``expect`` (a reply
    kind), ``id`` (the entry expected, for answers; optional), ``accept`` (a
    list of other kinds also counted correct) and ``note``/``topic`` (ignored).
    """
    file = Path(path)
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise CuratorError(f"{file}: cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise CuratorError(f"{file}: not UTF-8 text") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{file}:{mark.line + 1}" if mark is not None else str(file)
        raise CuratorError(f"{where}: YAML syntax error: {err.problem or err}") from None
    except yaml.YAMLError as err:
        raise CuratorError(f"{file}: YAML error: {err}") from None
    if isinstance(root, yaml.MappingNode):
        root = next((v for k, v in root.value if k.value == "cases"), None)
    if not isinstance(root, yaml.SequenceNode) or not root.value:
        raise CuratorError(f"{file}: expected a non-empty list of cases (question, expect, id)")
    return [_case(item, file) for item in root.value]


def _case(node: yaml.Node, file: Path) -> Case:
    line = node.start_mark.line + 1
    where = f"{file}:{line}"
    if not isinstance(node, yaml.MappingNode):
        raise CuratorError(f"{where}: a case must be a mapping with question and expect")
    fields: dict[str, Any] = {}
    for key, value in node.value:
        if key.value not in CASE_KEYS:
            raise CuratorError(f"{where}: unknown key `{key.value}` (allowed: question, expect, id, accept, note)")
        fields[key.value] = yaml.safe_load(yaml.serialize(value))
    question = fields.get("question", fields.get("q"))
    if not isinstance(question, str):
        raise CuratorError(f"{where}: `question` must be text")
    expect = fields.get("expect")
    if expect not in KINDS:
        raise CuratorError(f"{where}: `expect` must be one of {', '.join(KINDS)}")
    ident = fields.get("id")
    if ident is not None and (not isinstance(ident, str) or expect != "answer"):
        raise CuratorError(f"{where}: `id` must be an entry id, and only for `expect: answer`")
    accept = fields.get("accept") or []
    if isinstance(accept, str):
        accept = [accept]
    if not isinstance(accept, list) or any(a not in KINDS for a in accept):
        raise CuratorError(f"{where}: `accept` must be a list of reply kinds")
    note = fields.get("note")
    return Case(question, expect, ident, tuple(accept), str(note) if note is not None else None, line)


@dataclass(frozen=True)
class Outcome:
    case: Case
    kind: Kind
    id: str | None
    score: float | None
    rule: str | None
    correct: bool
    #: the reply text carries a dose figure (must never happen)
    dose_leak: bool = False

    def got(self) -> str:
        if self.kind == "answer":
            return f"answer `{self.id}` ({self.score})"
        if self.rule:
            return f"{self.kind} (rule {self.rule})"
        return self.kind

    def expected(self) -> str:
        text = self.case.expect + (f" `{self.case.id}`" if self.case.id else "")
        return text + "".join(f" or {k}" for k in self.case.accept)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.case.question,
            "line": self.case.line,
            "expect": self.case.expect,
            "expect_id": self.case.id,
            "accept": list(self.case.accept),
            "kind": self.kind,
            "id": self.id,
            "score": self.score,
            "rule": self.rule,
            "correct": self.correct,
        }


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


@dataclass(frozen=True)
class EvalResult:
    outcomes: tuple[Outcome, ...]
    path: str | None = None

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def correct(self) -> int:
        return sum(o.correct for o in self.outcomes)

    @property
    def accuracy(self) -> float | None:
        return _rate(self.correct, self.total)

    def per_kind(self) -> dict[str, tuple[int, int]]:
        """expected kind -> (correct, total), in contract order, kinds without cases left out."""
        counts = {k: [0, 0] for k in KINDS}
        for o in self.outcomes:
            counts[o.case.expect][0] += o.correct
            counts[o.case.expect][1] += 1
        return {k: (c, t) for k, (c, t) in counts.items() if t}

    def recall_counts(self, expected: str, got: tuple[str, ...]) -> tuple[int, int]:
        cases = [o for o in self.outcomes if o.case.expect == expected]
        return sum(o.kind in got for o in cases), len(cases)

    @property
    def referral_recall(self) -> float | None:
        """Referral cases that were referred (an emergency reply refers too)."""
        return _rate(*self.recall_counts("referral", ("referral", "emergency")))

    @property
    def emergency_recall(self) -> float | None:
        return _rate(*self.recall_counts("emergency", ("emergency",)))

    def over_referral_counts(self) -> tuple[int, int]:
        safe = [o for o in self.outcomes if o.case.expect not in ("referral", "emergency")]
        over = [o for o in safe if o.kind in ("referral", "emergency") and o.kind not in o.case.accept]
        return len(over), len(safe)

    @property
    def over_referral(self) -> float | None:
        """Lower is better: cases that should not be referred but were."""
        return _rate(*self.over_referral_counts())

    @property
    def wrong_answers(self) -> int:
        """Replies of kind answer with the wrong entry (or to a question that wanted no answer)."""
        return sum(o.kind == "answer" and not o.correct for o in self.outcomes)

    @property
    def dose_leaks(self) -> int:
        return sum(o.dose_leak for o in self.outcomes)

    @property
    def misses(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if not o.correct)

    def metrics(self) -> dict[str, float | int | None]:
        return {
            "accuracy": self.accuracy,
            "referral_recall": self.referral_recall,
            "emergency_recall": self.emergency_recall,
            "over_referral": self.over_referral,
            "wrong_answers": self.wrong_answers,
            "dose_leaks": self.dose_leaks,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "total": self.total,
            "correct": self.correct,
            **self.metrics(),
            "per_kind": {
                k: {"correct": c, "total": t, "accuracy": _rate(c, t)} for k, (c, t) in self.per_kind().items()
            },
            "misses": [o.to_dict() for o in self.misses],
        }


def evaluate(bot: FAQBot, cases: Iterable[Case], path: str | None = None) -> EvalResult:
    """Ask every case and score the replies."""
    outcomes = []
    for case in cases:
        reply = bot.ask(case.question)
        kind_ok = reply.kind == case.expect or reply.kind in case.accept
        id_ok = reply.kind != "answer" or case.expect != "answer" or case.id is None or reply.id == case.id
        outcomes.append(Outcome(case, reply.kind, reply.id, reply.score, reply.rule, kind_ok and id_ok,
                                find_dose_figure(reply.text) is not None))
    return EvalResult(tuple(outcomes), path)


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


def read_log(path: str | Path) -> tuple[list[LoggedQuestion], int]:
    """The records of an unanswered-questions log, and how many lines were not usable."""
    file = Path(path)
    try:
        raw = file.read_bytes().decode("utf-8", errors="replace")
    except OSError as err:
        raise CuratorError(f"{file}: cannot read: {err.strerror or err}") from None
    records: list[LoggedQuestion] = []
    skipped = 0
    for line in raw.splitlines():
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            skipped += 1
            continue
        question = data.get("question") if isinstance(data, dict) else None
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
        rare = [t for t in analysis.terms if bot.matcher.idf.get(t, common) >= common]
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

    def to_dict(self) -> dict[str, Any]:
        return {"records": self.records, "skipped": self.skipped, "groups": [g.to_dict() for g in self.groups]}


def report(bot: FAQBot, path: str | Path, similarity: float = GROUP_SIMILARITY) -> LogReport:
    """Read an unanswered-questions log and group it."""
    records, skipped = read_log(path)
    return LogReport(tuple(group_questions(bot, records, similarity)), len(records), skipped)


__all__ = [
    "Case",
    "CuratorError",
    "EvalResult",
    "Explanation",
    "Finding",
    "LogReport",
    "QuestionGroup",
    "ValidationReport",
    "evaluate",
    "explain",
    "group_questions",
    "load_cases",
    "near_duplicates",
    "read_log",
    "report",
    "self_consistency",
    "validate",
]
