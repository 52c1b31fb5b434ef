"""The bot: builds the pipeline of stages for one knowledge base and asks it questions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import faqbot.stages as st
from faqbot.context import Context, FollowUpReview, StoryContext
from faqbot.decide import Decide
from faqbot.followup import FollowUps
from faqbot.kb import Entry, KnowledgeBase
from faqbot.pipeline import Pipeline, Trace
from faqbot.reply import Reply
from faqbot.retrieval import Candidate, Retriever, followup_model, learned
from faqbot.retrieval.learned import RankModel
from faqbot.safety import (
    Route,
    about_the_service,
    asks_a_verdict,
    asks_whether_to_see_a_doctor,
    confident_language,
    find_dose_figure,
    for_oneself,
    other_medicine,
    person_named,
    prepare,
    route,
    route_and_story,
    story_only_who,
    tells_a_case,
    with_subject,
)
from faqbot.smalltalk import SmalltalkMatcher
from faqbot.text import Normalizer
from faqbot.text.turns import drug_named_in

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path


class FAQBot:
    """Answers questions from a knowledge base, refusing dosing and personal medical questions.

    >>> bot = FAQBot.from_yaml()
    >>> bot.ask("What is LDN?").kind
    'answer'
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        corpus: list[str] = []
        for entry in kb.entries:
            corpus.extend((entry.question, *entry.alternates, entry.answer, *entry.defines))
        self.normalizer = Normalizer(kb.synonyms, corpus)
        self.retriever = Retriever(kb, self.normalizer)
        self.smalltalk_matcher = SmalltalkMatcher(kb.smalltalk)
        self.followups = FollowUps(kb, self.retriever)
        #: the learned second opinion on retrieval (:mod:`faqbot.retrieval.learned`); asked only when it
        #: was trained for this knowledge base's entries, None for the ranker alone
        self.second_opinion: Callable[[], RankModel] | None = learned.model
        #: the learned second opinion on follow-ups (:mod:`faqbot.retrieval.followup_model`), None for the rules alone
        self.followup_opinion: Callable[[], RankModel] | None = followup_model.model
        self.pipeline = self.build_pipeline()

    @classmethod
    def from_yaml(cls, path: str | Path | None = None) -> FAQBot:
        """Load a knowledge base (``None``: the bundled one) and build a bot on it."""
        from faqbot.kb.loader import load_knowledge_base  # the YAML parser: not for a bot from the cache

        return cls(load_knowledge_base(path))

    def build_pipeline(self, shown: int = 0) -> Pipeline:
        """The stages in order; ``shown`` > 0 lists that many candidates in the trace (for explain)."""
        settings = self.kb.settings
        return Pipeline([
            st.Sanitise(settings.max_question_chars),
            st.Language(confident_language),
            st.SafetyRoute(route, prepare, route_and_story),
            st.SmalltalkStage(self.smalltalk_matcher),
            st.EnglishOnly(self.kb.texts, self._routed_in_context),
            # A follow-up is routed as typed (above) and, in here, as read in its context.
            # A story told before a general question is read as that question's context.
            StoryContext(self.normalizer, self.retriever, settings, story_only_who),
            Context(self.followups, route, other_medicine, person_named, about_the_service,
                    asks_whether_to_see_a_doctor, self._subject_reading, self._for_oneself),
            st.Scope(other_medicine, about_the_service),
            st.Analyse(self.normalizer, settings.max_question_chars),
            # Nothing under the suggestion threshold is ever shown, so the ranker need not rank it.
            st.Retrieve(self.retriever, max(settings.max_suggestions, 2), settings.suggest_threshold, shown),
            st.Define(self.retriever),
            Decide(settings, self.retriever, self.second_opinion, tells_a_case, asks_a_verdict),
            FollowUpReview(self.normalizer, self.retriever, settings, self.followup_opinion, person_named),
            st.BuildReply(self.kb),
            st.OutgoingGuard(find_dose_figure, self.kb.texts.referral),
        ])

    @staticmethod
    def _subject_reading(text: str, entry: Entry) -> str | None:
        """``text`` with its pronoun read as the drug ``entry``'s question asks about (naltrexone for one asking of
        naltrexone alone, else LDN), when it names someone (see :func:`faqbot.safety.with_subject`)."""
        named = drug_named_in(entry.question)
        return with_subject(text, named or "LDN", taken=named is not None)

    @staticmethod
    def _for_oneself(text: str, entry: Entry | None) -> str | None:
        """``text`` read as the asker's own decision on the drug, its "it" the drug when ``entry`` asks about it (see
        :func:`faqbot.safety.for_oneself`)."""
        return for_oneself(text, drug_named_in(entry.question) if entry is not None else None)

    def _routed_in_context(self, text: str, context: str) -> Route | None:
        """``text``'s route read as :meth:`_subject_reading` of the ``context`` entry, when there is one."""
        entry = self.kb.by_id(context)
        subject = self._subject_reading(text, entry) if entry is not None else None
        return route(subject) if subject is not None else None

    # -- the one public question-answering call ------------------------------------
    def ask(self, text: str, context: str | None = None) -> Reply:
        """Reply to one question. Never raises for any string; same text and context, same reply.

        ``context`` is the ``id`` of the entry the previous answer came from: a follow-up such as
        "what triggers them?" is read against it. An unknown or empty context is ignored.
        """
        return self.ask_traced(text, context)[0]

    def ask_traced(self, text: str, context: str | None = None, shown: int = 0) -> tuple[Reply, Trace]:
        """The reply and the trace of every stage that produced it."""
        if not isinstance(text, str):
            raise TypeError(f"ask() needs a str, not {type(text).__name__}")
        pipeline = self.pipeline if shown == 0 else self.build_pipeline(shown)
        return pipeline.run(text, context if isinstance(context, str) else None)

    def candidates(self, text: str, limit: int = 5) -> list[Candidate]:
        """The best-matching entries for ``text``, whatever the thresholds (for tools and tests)."""
        analysis = self.normalizer.analyze(text, self.kb.settings.max_question_chars)
        return self.retriever.rank(analysis, limit)

    def topics(self) -> dict[str, list[Entry]]:
        """Entries grouped by article section."""
        return self.kb.sections()
