"""Ranking entries for a question: the fast MaxScore ranker and the exhaustive reference.

Both return the same ranking (a hypothesis test holds them to it). The reference scores every
choice that shares a term with the question. The fast one uses that the overlap of a choice with
``shared`` weight is ``(1 + beta**2) * shared / (beta**2 * choice.weight + query_weight)``, so an
upper bound on any choice's final score follows from the weight of the question terms it *could*
share and its own weight. It visits question terms rarest first (short posting lists), each term's
postings in order of that bound (they are sorted by choice weight), and stops as soon as nothing left
unvisited could reach the current ``limit``-th best score (MaxScore-style pruning). Visited choices are
scored exactly as the reference scores them; only hopeless ones are never looked at, which on a large
knowledge base is almost all of those that share just a common word.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from dataclasses import replace

from faqbot.retrieval.index import Candidate, Index
from faqbot.retrieval.scoring import BAG_WEIGHT, OVERLAP_WEIGHT, beta_for, final_score, score_choice
from faqbot.text import Analysis

#: Safety margin on score bounds (final scores are rounded to 0.1).
_MARGIN = 0.05 + 1e-6
#: A choice's final score is at most SLOPE * overlap + FLOOR (character score and coverage at most 1).
_SLOPE = 100 * (1 - BAG_WEIGHT) * OVERLAP_WEIGHT
_FLOOR = 100 * ((1 - BAG_WEIGHT) * (1 - OVERLAP_WEIGHT) + BAG_WEIGHT)

#: entry index -> (best choice score, that choice's index, or ANSWER)
Best = dict[int, tuple[float, int]]
#: the "choice index" of an entry's answer text (see :mod:`faqbot.retrieval.answers`)
ANSWER = -1


class _Query:
    """What every ranker needs to know about one question."""

    def __init__(self, index: Index, analysis: Analysis) -> None:
        self.terms = set(analysis.terms)
        self.weights = {t: index.query_weight(analysis, t) for t in analysis.terms}
        self.weight = sum(index.query_weight(analysis, t) for t in analysis.terms)
        self.beta = beta_for(self.terms)
        self.joined = " ".join(sorted(self.terms))
        #: rarest (heaviest) terms first
        self.order = sorted(analysis.terms, key=lambda t: -self.weights[t])

    def score(self, index: Index, choice_index: int) -> float | None:
        return score_choice(index.choices[choice_index], self.terms, self.weight, self.beta, self.joined)

    def answer_scores(self, index: Index) -> dict[int, float]:
        return index.answers.scores(self.weights, self.weight)


def ranked_candidates(index: Index, best: Best, coverage: dict[int, float], limit: int) -> list[Candidate]:
    """The top ``limit`` entries of ``best``, by final score then id (the order every ranker returns)."""
    finals = {e: round(final_score(score, coverage[e]), 1) for e, (score, _) in best.items()}
    entries = index.kb.entries
    if limit > 0:
        top = heapq.nsmallest(limit, finals, key=lambda e: (-finals[e], entries[e].id))
    else:
        top = sorted(finals, key=lambda e: (-finals[e], entries[e].id))[:limit]
    return [Candidate(entries[e], finals[e], _matched(index, e, best[e][1]), e, coverage[e], best[e][1] == ANSWER)
            for e in top]


def _matched(index: Index, entry_index: int, choice_index: int) -> str:
    if choice_index == ANSWER:
        return index.kb.entries[entry_index].answer
    return index.choices[choice_index].text


class ExhaustiveRanker:
    """The reference: scores every choice that shares a term with the question."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def rank(self, analysis: Analysis, limit: int = 5) -> list[Candidate]:
        if not analysis.terms:
            return []
        query = _Query(self.index, analysis)
        best: Best = {}
        # In index order: on a tied score the first choice wins, the same in every process
        # (a set's order would follow the string hash seed).
        for choice_index in sorted(self.index.sharing(query.terms)):
            score = query.score(self.index, choice_index)
            if score is None:
                continue
            entry_index = self.index.choices[choice_index].entry_index
            previous = best.get(entry_index)
            if previous is None or score > previous[0]:
                best[entry_index] = (score, choice_index)
        # The answer counts only where it beats every curated wording (on a tie the wording is shown).
        for entry_index, score in query.answer_scores(self.index).items():
            previous = best.get(entry_index)
            if previous is None or score > previous[0]:
                best[entry_index] = (score, ANSWER)
        coverage = {e: self.index.coverage(e, query.terms, query.weight) for e in best}
        return ranked_candidates(self.index, best, coverage, limit)


class MaxScoreRanker:
    """The fast ranker: the reference's ranking without scoring most choices."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.reference = ExhaustiveRanker(index)

    def rank(self, analysis: Analysis, limit: int = 5, min_score: float = 0.0) -> list[Candidate]:
        """The best-matching entries scoring at least ``min_score``, best first (one per entry)."""
        if not analysis.terms:
            return []
        if limit < 1:
            return self.reference.rank(analysis, limit)
        search = _Search(self.index, _Query(self.index, analysis), limit, min_score)
        search.run()
        ranked = [c for c in ranked_candidates(self.index, search.best, search.coverage, limit) if c.score >= min_score]
        if search.tied & {c.entry_index for c in ranked}:
            self._break_ties(ranked, search)
        return ranked

    def _break_ties(self, ranked: list[Candidate], search: _Search) -> None:
        """Two choices of an entry scored the same: the matched text is the one the reference meets first."""
        wanted = {c.entry_index: i for i, c in enumerate(ranked) if c.entry_index in search.tied}
        for choice_index in sorted(self.index.sharing(search.query.terms)):
            choice = self.index.choices[choice_index]
            position = wanted.get(choice.entry_index)
            if position is None:
                continue
            if search.query.score(self.index, choice_index) == search.best[choice.entry_index][0]:
                candidate = ranked[position]
                ranked[position] = replace(candidate, matched=choice.text)
                del wanted[choice.entry_index]
                if not wanted:
                    return


class _Search:
    """The state of one pruned search: best choice per entry, and the score to beat."""

    def __init__(self, index: Index, query: _Query, limit: int, min_score: float) -> None:
        self.index, self.query, self.limit = index, query, limit
        self.best: Best = {}
        self.coverage: dict[int, float] = {}
        self.finals: dict[int, float] = {}
        self.seen: set[int] = set()
        self.tied: set[int] = set()  # entries with two choices of the same score
        # the limit-th best final score so far (or min_score), minus the rounding margin
        self.lowest = min_score - _MARGIN if min_score > 0 else -math.inf
        self.threshold = self.lowest
        self.checkpoint = 16
        self.beta2 = query.beta**2
        # Every answer that explains enough of the question is scored up front (one per entry, cheap),
        # which also raises the score to beat before any wording is visited.
        for entry_index, score in query.answer_scores(index).items():
            cov = self.coverage[entry_index] = index.coverage(entry_index, query.terms, query.weight)
            self.best[entry_index] = (score, ANSWER)
            self.finals[entry_index] = final_score(score, cov)
        self.threshold = max(self._kth_best(), self.lowest)

    def run(self) -> None:
        rest = self.query.weight  # the weight of the terms not yet visited
        for term in self.query.order:
            could_share = rest  # a choice first met here shares at most the terms from here on
            rest -= self.query.weights[term]
            postings = self.index.postings.get(term)
            if postings is None:
                continue
            window = self._window(postings.weights, could_share)
            if window is None:
                break  # no choice reached from here on can make the top `limit`
            for choice_index in postings.choices[window[0] : window[1]]:
                if choice_index not in self.seen:
                    self._visit(choice_index)
            self.threshold = max(self._kth_best(), self.lowest)

    def _window(self, weights: list[float], could_share: float) -> tuple[int, int] | None:
        """The slice of a posting list whose choices could still make the top ``limit``."""
        beta2, query_weight = self.beta2, self.query.weight
        # Overlap a choice of weight w can reach: (1+b2) * min(could_share, w) / (b2 * w + query_weight).
        needed = (self.threshold - _FLOOR) / _SLOPE
        if needed > (1 + beta2) * could_share / (beta2 * could_share + query_weight):
            return None
        lo, hi = 0, len(weights)
        if needed > 0:
            # Heavier choices: the bound falls with w; lighter ones: it rises with w.
            heaviest = ((1 + beta2) * could_share / needed - query_weight) / beta2
            lightest = needed * query_weight / ((1 + beta2) - needed * beta2)
            lo = bisect_left(weights, lightest * (1 - 1e-9) - 1e-12)
            hi = max(bisect_right(weights, heaviest * (1 + 1e-9) + 1e-12), lo)
        return lo, hi

    def _visit(self, choice_index: int) -> None:
        self.seen.add(choice_index)
        index, query = self.index, self.query
        choice = index.choices[choice_index]
        entry_index = choice.entry_index
        cov = self.coverage.get(entry_index)
        if cov is None:
            cov = self.coverage[entry_index] = index.coverage(entry_index, query.terms, query.weight)
        # Cheap exact overlap, and the character score's ceiling from the lengths alone
        # (an Indel ratio is at most 2 * min(len) / sum(len)): skip hopeless choices unscored.
        shared = sum([w for t, w in choice.weighted if t in query.terms])
        length, query_length = index.lengths[choice_index], len(query.joined)
        ceiling = 2 * min(length, query_length) / (length + query_length)
        overlap_bound = (1 + self.beta2) * shared / (self.beta2 * choice.weight + query.weight)
        if 100 * ((1 - BAG_WEIGHT) * (OVERLAP_WEIGHT * overlap_bound + (1 - OVERLAP_WEIGHT) * ceiling)
                  + BAG_WEIGHT * cov) * (1 + 1e-9) < self.threshold:
            return
        score = query.score(index, choice_index)
        if score is None:
            return
        previous = self.best.get(entry_index)
        # A wording as good as the answer replaces it, as in the reference.
        if previous is None or score > previous[0] or (score == previous[0] and previous[1] == ANSWER):
            self.best[entry_index] = (score, choice_index)
            self.finals[entry_index] = final_score(score, cov)
        elif score == previous[0]:
            self.tied.add(entry_index)
        if len(self.seen) >= self.checkpoint:
            self.checkpoint *= 2
            self.threshold = max(self._kth_best(), self.lowest)

    def _kth_best(self) -> float:
        if len(self.finals) < self.limit:
            return -math.inf
        kth = heapq.nlargest(self.limit, self.finals.values())[-1]
        return round(kth, 1) - _MARGIN
