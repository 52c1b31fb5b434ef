"""How one choice scores against a question.

Two scorers, blended:

* a weighted term overlap: an F-measure of how much of the question the choice explains (precision)
  and how much of the choice the question contains (recall). Long, rambling questions lean on recall
  (``beta`` grows with their length), since most of their words are filler;
* rapidfuzz's ``fuzz.token_sort_ratio`` over the sorted terms, which gives partial credit to
  near-identical words the spelling corrector left alone and breaks ties between choices with the
  same overlap.

An entry's final score is its best choice's, nudged by how much of the question its whole text
(answer included) covers: ``final = 100 * ((1 - BAG_WEIGHT) * choice + BAG_WEIGHT * coverage)``.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from faqbot.retrieval.index import Choice

#: How much the term overlap counts against rapidfuzz's character score.
OVERLAP_WEIGHT = 0.85
#: How much whole-entry coverage (answer included) adds to the best choice.
BAG_WEIGHT = 0.15


def beta_for(query: set[str]) -> float:
    """The F-measure's recall weight: 1 for short questions, up to 3 for long ones."""
    return 1.0 + min(max(len(query) - 4, 0) * 0.3, 2.0)


def score_choice(choice: Choice, query: set[str], query_weight: float, beta: float, joined_query: str) -> float | None:
    """The choice's score in [0, 1], or None when it shares no weight with the question."""
    shared = sum([w for t, w in choice.weighted if t in query])
    precision = shared / query_weight
    recall = shared / choice.weight
    if precision == 0 or recall == 0:
        return None
    overlap = (1 + beta**2) * precision * recall / (beta**2 * precision + recall)
    character = fuzz.token_sort_ratio(joined_query, choice.joined, processor=None) / 100
    score: float = OVERLAP_WEIGHT * overlap + (1 - OVERLAP_WEIGHT) * character
    return score


def final_score(choice_score: float, coverage: float) -> float:
    """The entry's score on the 0-100 scale, before rounding."""
    return 100 * ((1 - BAG_WEIGHT) * choice_score + BAG_WEIGHT * coverage)
