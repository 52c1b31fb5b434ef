"""The answer field: each entry's answer text as a second, lighter thing a question is matched against.

Curated questions and alternates say how people ask; the answer says what the entry is about, in
the article's vocabulary ("references", "author", "date", "swelling"). A question whose words only
the answer uses still finds the entry, and a question the curated wordings explain only in part is
helped by an answer that explains the rest. The answer is scored by how much of the question's weight
it explains (idf weights learned over the knowledge base's entries, so a word every answer uses, such
as "article", counts for little), and that score is scaled by ``weight`` below one so a curated
question that matches as well always ranks first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from faqbot.text import Analysis


class AnswerField:
    """Each entry's answer terms, their postings, and how a question scores against them."""

    def __init__(self, analysed: Sequence[Analysis], weight: float = 0.5, min_share: float = 0.5) -> None:
        #: how an answer's score compares with a curated question's (which can reach 1.0)
        self.weight = weight
        #: the share of the question's weight an answer must explain to count at all: below it, a few
        #: common words the answer happens to use would pull in entries the question is not about
        self.min_share = min_share
        self.terms: list[frozenset[str]] = [frozenset(a.terms) for a in analysed]
        self.postings: dict[str, list[int]] = {}
        for entry_index, terms in enumerate(self.terms):
            for term in sorted(terms):
                self.postings.setdefault(term, []).append(entry_index)

    def scores(self, weights: Mapping[str, float], query_weight: float) -> dict[int, float]:
        """entry index -> the answer's score in [0, weight], for every answer explaining enough of the question.

        ``weights`` are the question's terms with their weights, ``query_weight`` their sum.
        """
        if query_weight <= 0:
            return {}
        shared: dict[int, float] = {}
        for term, term_weight in weights.items():
            for entry_index in self.postings.get(term, ()):
                shared[entry_index] = shared.get(entry_index, 0.0) + term_weight
        return {e: self.weight * share for e, s in shared.items() if (share := s / query_weight) >= self.min_share}
