"""``faqbot explain``: why the bot replied as it did to one question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from faqbot.bot import FAQBot
from faqbot.reply import Reply
from faqbot.safety import other_medicine, prepare, route
from faqbot.text import clean

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
