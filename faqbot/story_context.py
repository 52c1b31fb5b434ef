"""A story told before a general question is that question's context, as a previous answer would be.

"My MS nurse mentioned there have been trials of LDN. What did they show?", "my uncle got put on naltrexone
when he left rehab - what is that drug usually for?": the safety stage sets the story aside and matching
reads the question alone (:mod:`faqbot.safety.story`), but "they" and "that drug" are only understood
from the story. When the story, matched on its own, clearly names one entry, the question is read as a
follow-up to it (the context stage): the same reading a chat gives "what did they show?" after an answer
about the trials. A question complete on its own is read alone there, and every reading in context is
routed again, so a story can never turn a referral or an emergency into an answer.
"""

from __future__ import annotations

from faqbot.followup import PRONOUNS
from faqbot.kb import Settings
from faqbot.pipeline import Query, StageBase
from faqbot.records import dataclass
from faqbot.retrieval import Retriever
from faqbot.text import Normalizer


@dataclass(frozen=True)
class StoryContext(StageBase, name="story"):
    """Sets the context to the entry a set-aside story clearly matches, when the caller sent none and the
    question only points back at it."""

    normalizer: Normalizer
    retriever: Retriever
    settings: Settings

    def run(self, query: Query) -> Query:
        if query.story is None or query.context is not None:
            return query
        if not self._vague(query.text):
            return query.noted(self.name, "the question names what it asks about: read alone")
        told = self._clear(query.story)
        if told is None:
            return query.noted(self.name, "the story matches no entry clearly: the question is read alone")
        return query.noted(self.name, f"the story is about `{told[0]}` ({told[1]:g}): the question is "
                           "read as a follow-up to it", context=told[0], context_told=True)

    def _vague(self, text: str) -> bool:
        """Whether the question points back and names at most one thing ("what is that drug for?",
        "which kind is that?"): what it matches alone is a guess at what the pointing words mean."""
        analysis = self.normalizer.analyze(text, self.settings.max_question_chars)
        return len(analysis.terms) <= 1 and not PRONOUNS.isdisjoint(analysis.words)

    def _clear(self, text: str) -> tuple[str, float] | None:
        """The entry ``text`` matches well enough to answer and ahead of the rest, with its score."""
        analysis = self.normalizer.analyze(text, self.settings.max_question_chars)
        ranked = self.retriever.rank(analysis, limit=2)
        if not ranked:
            return None
        top, runner_up = ranked[0], (ranked[1].score if len(ranked) > 1 else 0.0)
        if top.score < self.settings.answer_threshold or top.score - runner_up < self.settings.ambiguity_margin:
            return None
        return top.entry.id, top.score
