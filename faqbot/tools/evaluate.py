"""``faqbot eval``: score the bot against labelled cases (:func:`load_cases`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from faqbot.bot import FAQBot
from faqbot.errors import CuratorError
from faqbot.reply import KINDS, Kind
from faqbot.safety import find_dose_figure

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
