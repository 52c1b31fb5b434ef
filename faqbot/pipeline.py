"""The decision core: one question flows through named stages to one reply, leaving a trace.

Every stage is a small object, configured when it is made, with one method, ``run(query) -> Query``
(the stages in :mod:`faqbot.stages` are frozen dataclasses whose fields are their settings). A stage
that settles the outcome sets ``query.decision``; the remaining *deciding* stages are then skipped,
and the stages that review a decision, turn it into a reply and guard it always run. Each stage that runs adds
one :class:`Step` to the trace, saying in words what it found, so ``faqbot explain`` prints exactly
what decided a reply rather than a second account of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field, replace
from typing import Any, ClassVar, Literal, Protocol

from faqbot.records import dataclass
from faqbot.reply import Reply
from faqbot.retrieval import Candidate
from faqbot.safety import Route
from faqbot.text import Analysis

DecisionKind = Literal["answer", "suggest", "more", "fallback", "referral", "emergency", "smalltalk"]


@dataclass(frozen=True)
class Step:
    """What one stage found, for people (``summary``, ``lines``) and for tools (``data``)."""

    stage: str
    summary: str
    lines: tuple[str, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "summary": self.summary, "lines": list(self.lines), "data": dict(self.data)}


@dataclass(frozen=True)
class Trace:
    """The steps of one question through the pipeline, in order."""

    steps: tuple[Step, ...]

    def step(self, stage: str) -> Step | None:
        return next((s for s in self.steps if s.stage == stage), None)

    def to_dict(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self.steps]


def quoted(text: str, limit: int = 80) -> str:
    """``text`` quoted for a trace line, cut to ``limit`` characters."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


@dataclass(frozen=True)
class Decision:
    """What kind of reply the question gets, and why."""

    kind: DecisionKind
    reason: str
    candidate: Candidate | None = None
    suggestions: tuple[Candidate, ...] = ()
    route: Route | None = None
    #: the reply text when no entry supplies it (smalltalk)
    text: str | None = None


@dataclass(frozen=True)
class Query:
    """A question on its way through the pipeline; each stage returns an updated copy."""

    #: the text as the person sent it
    raw: str
    #: the text after the sanitise stage (Unicode-normalised, cut to the length limit)
    text: str = ""
    #: the language the question is written in ("en" unless clearly another)
    lang: str = "en"
    #: the id of the entry the previous answer came from, if the caller sent one
    context: str | None = None
    #: what the person told before a general question that the safety stage set their story aside for
    story: str | None = None
    #: whether ``context`` is the entry that story matched (set by the story stage), not the caller's
    context_told: bool = False
    #: a follow-up question read in its context, as a complete question
    resolved: str | None = None
    #: the context entry a follow-up was read against (None when it was read on its own)
    followed: str | None = None
    #: how the follow-up was read ("pronoun", "specify", ...: :data:`faqbot.followup.Mode`), if it was
    reading: str | None = None
    #: an entry that must not answer (the context entry, for a follow-up that asks beyond it)
    exclude: str | None = None
    #: terms the answering entry must use ("what about MS?" is only answered by an entry that mentions MS)
    require: frozenset[str] = frozenset()
    analysis: Analysis | None = None
    ranked: tuple[Candidate, ...] = ()
    #: for "what is X?" where no entry defines X, the X
    undefined: str | None = None
    #: the ranked entry matching's learned second opinion preferred when it vetoed the ranker's answer
    vetoed_for: str | None = None
    decision: Decision | None = None
    #: the stage that made the decision
    decided_by: str | None = None
    reply: Reply | None = None
    steps: tuple[Step, ...] = ()

    def noted(self, stage: str, summary: str, *lines: str, data: Mapping[str, Any] | None = None,
              **changes: Any) -> Query:
        """A copy with ``changes`` applied and one more trace step."""
        step = Step(stage, summary, tuple(lines), dict(data or {}))
        return replace(self, steps=(*self.steps, step), **changes)

    @property
    def matched_text(self) -> str:
        """What matching reads: the question as resolved in its context, else as typed."""
        return self.resolved if self.resolved is not None else self.text

    def decided(self, stage: str, decision: Decision, *lines: str, **changes: Any) -> Query:
        """A copy that carries ``decision``, with one more trace step saying what it is and why."""
        return self.noted(stage, f"{decision.kind}: {decision.reason}", *lines, decision=decision, decided_by=stage,
                          **changes)


class Stage(Protocol):
    """One step of the pipeline."""

    @property
    def name(self) -> str: ...

    @property
    def decides(self) -> bool:
        """Deciding stages are skipped once a decision is made; the others always run."""
        ...

    def run(self, query: Query) -> Query: ...


class StageBase:
    """What every stage class has: a name for the trace, and whether it decides.

    ``class Decide(StageBase, name="decide"): ...``; ``decides=False`` for the stages that always run.
    """

    name: ClassVar[str]
    decides: ClassVar[bool]

    def __init_subclass__(cls, *, name: str, decides: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.name = name
        cls.decides = decides


class Pipeline:
    """Runs a question through its stages; the last ones must leave a reply."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        names = [s.name for s in stages]
        if len(set(names)) != len(names):
            raise ValueError(f"stage names must be unique: {names}")
        self.stages = tuple(stages)

    def run(self, text: str, context: str | None = None) -> tuple[Reply, Trace]:
        query = Query(raw=text, context=context or None)
        for stage in self.stages:
            if stage.decides and query.decision is not None:
                continue
            query = stage.run(query)
        if query.reply is None:
            raise RuntimeError("the pipeline ended without a reply; its last stages must build one")
        return query.reply, Trace(query.steps)
