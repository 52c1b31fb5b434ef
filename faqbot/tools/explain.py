"""``faqbot explain``: why the bot replied as it did, read from the pipeline's own trace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from faqbot.bot import FAQBot
from faqbot.pipeline import Trace
from faqbot.reply import Reply

_KINDS = ("answer", "suggest", "more", "fallback", "referral", "emergency", "smalltalk")


@dataclass(frozen=True)
class Explanation:
    """The trace of one question through the pipeline, and the reply it produced."""

    question: str
    trace: Trace
    reply: Reply
    #: answer, suggest and ambiguity settings the decide stage used
    thresholds: tuple[float, float, float]

    @property
    def decision(self) -> str:
        """The summary of the stage that decided (``kind: reason``)."""
        deciding = [s for s in self.trace.steps if ":" in s.summary and s.summary.split(":")[0] in _KINDS]
        guard = self.trace.step("guard")
        if guard is not None and guard.summary.startswith("referral:"):
            return guard.summary
        return deciding[-1].summary if deciding else "fallback: nothing decided"

    def lines(self) -> list[str]:
        """The explanation as text: one line a stage, details indented under it."""
        answer, suggest, margin = self.thresholds
        out = [f"{'question':<14}{self.question}",
               f"{'thresholds':<14}answer >= {answer:g}, suggest >= {suggest:g}, ambiguity margin {margin:g}"]
        for step in self.trace.steps:
            # (a stage name as wide as the column, "follow-up-model", still needs a space after it)
            out.append(f"{step.stage + ' ':<14}{step.summary}")
            out.extend(f"{'':<16}{line}" for line in step.lines)
        out.append(f"{'decision':<14}{self.decision}")
        return out

    def to_dict(self) -> dict[str, Any]:
        answer, suggest, margin = self.thresholds
        return {
            "question": self.question,
            "thresholds": {"answer": answer, "suggest": suggest, "ambiguity_margin": margin},
            "steps": self.trace.to_dict(),
            "decision": self.decision,
            "reply": self.reply.to_dict() | {"rule": self.reply.rule},
        }


def explain(bot: FAQBot, text: str, limit: int = 5, context: str | None = None) -> Explanation:
    """Every stage between ``text`` and the reply, listing ``limit`` candidates. Deterministic."""
    reply, trace = bot.ask_traced(text, context, shown=max(limit, 1))
    s = bot.kb.settings
    return Explanation(text, trace, reply, (s.answer_threshold, s.suggest_threshold, s.ambiguity_margin))
