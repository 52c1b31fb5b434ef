"""Retrieval: the index over every entry's questions, the scorers, the rankers, and definitions.

:class:`Retriever` is what the pipeline uses; its parts can be built and tested on their own.
"""

from __future__ import annotations

from faqbot.kb import KnowledgeBase
from faqbot.retrieval.definitions import Definitions
from faqbot.retrieval.index import Candidate, Index
from faqbot.retrieval.ranker import ExhaustiveRanker, MaxScoreRanker
from faqbot.text import Analysis, Normalizer

__all__ = ["Candidate", "Definitions", "ExhaustiveRanker", "Index", "MaxScoreRanker", "Retriever"]


class Retriever:
    """An index of one knowledge base with its fast ranker and its definitions."""

    def __init__(self, kb: KnowledgeBase, normalizer: Normalizer) -> None:
        self.kb = kb
        self.normalizer = normalizer
        self.index = Index(kb, normalizer)
        self.ranker = MaxScoreRanker(self.index)
        self.definitions = Definitions(kb, normalizer, self.index.subject_words)

    def rank(self, analysis: Analysis, limit: int = 5, min_score: float = 0.0) -> list[Candidate]:
        return self.ranker.rank(analysis, limit, min_score)

    def rank_exhaustive(self, analysis: Analysis, limit: int = 5) -> list[Candidate]:
        return self.ranker.reference.rank(analysis, limit)
