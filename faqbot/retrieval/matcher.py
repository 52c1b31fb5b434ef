"""Fuzzy matching of a question to knowledge-base entries.

Each entry is represented by its canonical question and alternates (its
*choices*). A question is compared with every choice that shares a term with
it (an inverted index keeps this sub-linear in the size of the knowledge
base) using two scorers:

* a weighted term overlap: terms are stems after spelling correction and
  synonyms, weighted by inverse document frequency so "microglia" counts for
  more than "ldn". It is an F-measure of how much of the question the choice
  explains and how much of the choice the question contains; long, rambling
  questions lean on the second, since most of their words are filler.
* rapidfuzz's ``fuzz.token_sort_ratio`` over the sorted terms, which gives
  partial credit to near-identical words the spelling corrector left alone
  and breaks ties between choices with the same overlap.

The entry's score is its best choice's, nudged by how much of the question
its whole text (answer included) covers.

Speed on big knowledge bases: the overlap of a choice with ``shared`` weight
is ``(1 + beta**2) * shared / (beta**2 * choice.weight + query_weight)``, so an
upper bound on any choice's final score follows from the weight of the query
terms it *could* share and its own weight. :meth:`Matcher.rank` visits query
terms rarest first (short posting lists), each term's postings in order of
that bound (they are sorted by choice weight), and stops as soon as nothing
left unvisited could reach the current ``limit``-th best score (MaxScore-style
pruning). Visited choices are scored exactly as an exhaustive scan would, so
the ranking is the same; only hopeless choices are never looked at, which on
a large knowledge base is almost all of those that share just a common word.
"""

from __future__ import annotations

import heapq
import math
import re
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from faqbot.kb import Entry, KnowledgeBase
from faqbot.text import Analysis, Normalizer

#: How much the term overlap counts against rapidfuzz's character score.
OVERLAP_WEIGHT = 0.85
#: Words no entry uses weigh this much more than the rarest known word.
UNKNOWN_FACTOR = 1.5
#: Everyday English words no entry uses weigh this much of the median idf.
COMMON_UNKNOWN_FACTOR = 1.0
#: How much whole-entry coverage (answer included) adds to the best choice.
BAG_WEIGHT = 0.15
#: Safety margin on score bounds (final scores are rounded to 0.1).
_MARGIN = 0.05 + 1e-6

_DEFINITION = re.compile(
    r"^(?:(?:what|who)(?: is|'s| are| was| were)(?: a| an| the)? (?P<a>[\w' -]+?)"
    r"|define (?P<b>[\w' -]+?)|(?:meaning|definition) of (?P<c>[\w' -]+?)|(?P<d>[\w' -]+?) (?:meaning|definition)"
    r"|what (?:does|do) (?P<e>[\w' -]+?) mean|what(?:'s| is)? (?:causes|triggers|is the cause of) (?P<f>[\w' -]+?))"
    r"[?.! ]*$"
)
_ASKS_DEFINITION = re.compile(
    r"\bwhat(?:'s| is| are) (?:a |an |the )?(?P<a>[\w' -]{2,40}?)\s*(?=[?.!,;:]|\s-|$)"
    r"|\bwhat (?P<b>[\w' -]{2,40}?) (?:is|are)\s*(?=[?.!,;:]|\s-|$)"
)
_ALREADY_KNOWN = re.compile(r"\b(?:i|we)\s+(?:already\s+|do\s+)?(?:know|knew|understand|understood|get|remember)\s+$")
_NOT_A_TERM = re.compile(r"\b(?:for|with|in|of|to|from|about|used|do|does|doing|work|works|like|when|why|how|and)\b")


@dataclass(frozen=True)
class Candidate:
    """An entry and how well a question matched it."""

    entry: Entry
    score: float
    #: the question or alternate that matched best
    matched: str
    #: the entry's position in the knowledge base
    entry_index: int = field(default=-1, compare=False, repr=False)


@dataclass(frozen=True)
class _Choice:
    entry_index: int
    text: str
    terms: tuple[str, ...]
    joined: str
    weight: float
    #: (term, idf) for each of ``terms``, so scoring needs no dictionary look-up
    weighted: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class _Postings:
    """The choices that use one term, sorted by choice weight (lightest first)."""

    weights: list[float]
    choices: list[int]


class Matcher:
    """Ranks a knowledge base's entries against questions."""

    def __init__(self, kb: KnowledgeBase, normalizer: Normalizer) -> None:
        self.kb = kb
        self.normalizer = normalizer
        texts_per_entry = []
        for entry in kb.entries:
            texts = (entry.question, *entry.alternates)
            analysed = [normalizer.analyze(t) for t in texts]
            bag = {term for a in analysed for term in a.terms}
            bag.update(normalizer.analyze(entry.answer).terms)
            texts_per_entry.append((texts, analysed, bag))
        count = max(len(kb.entries), 1)
        document_frequency: dict[str, int] = {}
        for _, _, bag in texts_per_entry:
            for term in bag:
                document_frequency[term] = document_frequency.get(term, 0) + 1
        self.idf = {t: math.log(1 + count / df) for t, df in document_frequency.items()}
        #: words nobody in the knowledge base uses are likely the real topic of
        #: the question ("cancer"), so they weigh like the rarest known words.
        self.unknown_weight = UNKNOWN_FACTOR * max(self.idf.values(), default=1.0)
        #: ...unless they are everyday English ("known", "general"): then probably filler.
        self.common_unknown_weight = COMMON_UNKNOWN_FACTOR * statistics.median(self.idf.values() or [1.0])
        self.bags = [bag for _, _, bag in texts_per_entry]
        self.choices: list[_Choice] = []
        self.index: dict[str, list[int]] = {}
        for entry_index, (texts, analysed, _) in enumerate(texts_per_entry):
            for text, analysis in zip(texts, analysed, strict=True):
                if not analysis.terms:
                    continue
                choice = _Choice(entry_index, text, analysis.terms, " ".join(sorted(analysis.terms)),
                                 self.weight(analysis.terms), tuple((t, self.idf[t]) for t in analysis.terms))
                for term in analysis.terms:
                    self.index.setdefault(term, []).append(len(self.choices))
                self.choices.append(choice)
        self._lengths = [len(c.joined) for c in self.choices]
        self._postings: dict[str, _Postings] = {}
        for term, indexes in self.index.items():
            ordered = sorted(indexes, key=lambda i: (self.choices[i].weight, i))
            self._postings[term] = _Postings([self.choices[i].weight for i in ordered], ordered)
        self.defined: list[frozenset[str]] = [
            frozenset(t for d in entry.defines for t in normalizer.analyze(d).terms) for entry in kb.entries
        ]
        self._all_defined = frozenset(t for d in self.defined for t in d)

    def weight(self, terms: Sequence[str]) -> float:
        return sum(self.idf.get(t, self.unknown_weight) for t in terms)

    def query_weight(self, analysis: Analysis, term: str) -> float:
        """A question term's weight: its idf, or the weight of a word no entry uses."""
        known = self.idf.get(term)
        if known is not None:
            return known
        return self.common_unknown_weight if term in analysis.common else self.unknown_weight

    def rank(self, analysis: Analysis, limit: int = 5, min_score: float = 0.0) -> list[Candidate]:
        """The best-matching entries scoring at least ``min_score``, best first (one per entry).

        The same result as scoring every choice that shares a term with the
        question (:meth:`rank_exhaustive`), found without scoring most of them;
        a ``min_score`` lets it skip even more.
        """
        query = set(analysis.terms)
        if not query:
            return []
        if limit < 1:
            return self.rank_exhaustive(analysis, limit)
        query_weight = sum(self.query_weight(analysis, t) for t in analysis.terms)
        # Long questions are mostly filler: judge them by how much of a known
        # question they contain (recall) rather than how much of them is known.
        beta = 1.0 + min(max(len(query) - 4, 0) * 0.3, 2.0)
        beta2 = beta**2
        joined_query = " ".join(sorted(query))
        # Rarest (heaviest) terms first; `rest` is the weight of the terms not yet visited.
        order = sorted(analysis.terms, key=lambda t: -self.query_weight(analysis, t))
        rest = query_weight
        best: dict[int, tuple[float, int]] = {}  # entry -> (score, choice index)
        coverage: dict[int, float] = {}
        finals: dict[int, float] = {}
        seen: set[int] = set()
        tied: set[int] = set()  # entries with two choices of the same score
        # A choice's final score is at most SLOPE * overlap + FLOOR (character score and coverage at most 1).
        slope = 100 * (1 - BAG_WEIGHT) * OVERLAP_WEIGHT
        floor = 100 * ((1 - BAG_WEIGHT) * (1 - OVERLAP_WEIGHT) + BAG_WEIGHT)
        # the limit-th best final score so far (or min_score), minus the rounding margin
        lowest = min_score - _MARGIN if min_score > 0 else -math.inf
        threshold = lowest
        checkpoint = 16
        choice_lengths = self._lengths
        query_length = len(joined_query)
        for term in order:
            term_weight = self.query_weight(analysis, term)
            could_share = rest  # a choice first met here shares at most the terms from here on
            rest -= term_weight
            postings = self._postings.get(term)
            if postings is None:
                continue
            # Overlap a choice of weight w can reach: (1+b2) * min(could_share, w) / (b2 * w + query_weight).
            needed = (threshold - floor) / slope
            if needed > (1 + beta2) * could_share / (beta2 * could_share + query_weight):
                break  # no choice reached from here on can make the top `limit`
            lo, hi = 0, len(postings.choices)
            if needed > 0:
                # Heavier choices: the bound falls with w; lighter ones: it rises with w.
                heaviest = ((1 + beta2) * could_share / needed - query_weight) / beta2
                lightest = needed * query_weight / ((1 + beta2) - needed * beta2)
                lo = bisect_left(postings.weights, lightest * (1 - 1e-9) - 1e-12)
                hi = max(bisect_right(postings.weights, heaviest * (1 + 1e-9) + 1e-12), lo)
            choices = self.choices
            for choice_index in postings.choices[lo:hi]:
                if choice_index in seen:
                    continue
                seen.add(choice_index)
                choice = choices[choice_index]
                entry_index = choice.entry_index
                cov = coverage.get(entry_index)
                if cov is None:
                    cov = coverage[entry_index] = self._coverage(entry_index, query, query_weight)
                # Cheap exact overlap, and the character score's ceiling from the lengths alone
                # (an Indel ratio is at most 2 * min(len) / sum(len)): skip hopeless choices unscored.
                shared = sum([w for t, w in choice.weighted if t in query])
                length = choice_lengths[choice_index]
                ceiling = 2 * min(length, query_length) / (length + query_length)
                overlap_bound = (1 + beta2) * shared / (beta2 * choice.weight + query_weight)
                if 100 * ((1 - BAG_WEIGHT) * (OVERLAP_WEIGHT * overlap_bound + (1 - OVERLAP_WEIGHT) * ceiling)
                          + BAG_WEIGHT * cov) * (1 + 1e-9) < threshold:
                    continue
                score = self._score(choice, query, query_weight, beta, joined_query)
                if score is None:
                    continue
                previous = best.get(entry_index)
                if previous is None or score > previous[0]:
                    best[entry_index] = (score, choice_index)
                    finals[entry_index] = 100 * ((1 - BAG_WEIGHT) * score + BAG_WEIGHT * cov)
                elif score == previous[0]:
                    tied.add(entry_index)
                if len(seen) >= checkpoint:
                    checkpoint *= 2
                    threshold = max(self._threshold(finals, limit), lowest)
            threshold = max(self._threshold(finals, limit), lowest)
        ranked = [c for c in self._candidates_from(best, coverage, limit) if c.score >= min_score]
        if tied & {c.entry_index for c in ranked}:
            self._break_ties(ranked, best, tied, query, query_weight, beta, joined_query)
        return ranked

    def _break_ties(
        self, ranked: list[Candidate], best: dict[int, tuple[float, int]], tied: set[int], query: set[str],
        query_weight: float, beta: float, joined_query: str,
    ) -> None:
        """Two choices of an entry scored the same: the matched text is the one rank_exhaustive meets first."""
        wanted = {c.entry_index: i for i, c in enumerate(ranked) if c.entry_index in tied}
        for choice_index in self._candidates(query):
            choice = self.choices[choice_index]
            position = wanted.get(choice.entry_index)
            if position is None:
                continue
            if self._score(choice, query, query_weight, beta, joined_query) == best[choice.entry_index][0]:
                candidate = ranked[position]
                ranked[position] = Candidate(candidate.entry, candidate.score, choice.text, candidate.entry_index)
                del wanted[choice.entry_index]
                if not wanted:
                    return

    @staticmethod
    def _threshold(finals: dict[int, float], limit: int) -> float:
        if len(finals) < limit:
            return -math.inf
        kth = heapq.nlargest(limit, finals.values())[-1]
        return round(kth, 1) - _MARGIN

    def _score(
        self, choice: _Choice, query: set[str], query_weight: float, beta: float, joined_query: str
    ) -> float | None:
        """A choice's score, computed exactly as :meth:`rank_exhaustive` does."""
        shared = sum([w for t, w in choice.weighted if t in query])
        precision = shared / query_weight
        recall = shared / choice.weight
        if precision == 0 or recall == 0:
            return None
        overlap = (1 + beta**2) * precision * recall / (beta**2 * precision + recall)
        character = fuzz.token_sort_ratio(joined_query, choice.joined, processor=None) / 100
        score: float = OVERLAP_WEIGHT * overlap + (1 - OVERLAP_WEIGHT) * character
        return score

    def _coverage(self, entry_index: int, query: set[str], query_weight: float) -> float:
        bag = self.bags[entry_index]
        return self.weight([t for t in query if t in bag]) / query_weight

    def _candidates_from(
        self, best: dict[int, tuple[float, int]], coverage: dict[int, float], limit: int
    ) -> list[Candidate]:
        finals = {
            entry_index: round(100 * ((1 - BAG_WEIGHT) * score + BAG_WEIGHT * coverage[entry_index]), 1)
            for entry_index, (score, _) in best.items()
        }
        entries = self.kb.entries
        if limit > 0:
            top = heapq.nsmallest(limit, finals, key=lambda e: (-finals[e], entries[e].id))
        else:
            top = sorted(finals, key=lambda e: (-finals[e], entries[e].id))[:limit]
        return [Candidate(entries[e], finals[e], self.choices[best[e][1]].text, e) for e in top]

    def rank_exhaustive(self, analysis: Analysis, limit: int = 5) -> list[Candidate]:
        """:meth:`rank` by scoring every choice that shares a term with the question (the reference)."""
        query = set(analysis.terms)
        if not query:
            return []
        query_weight = sum(self.query_weight(analysis, t) for t in analysis.terms)
        beta = 1.0 + min(max(len(query) - 4, 0) * 0.3, 2.0)
        joined_query = " ".join(sorted(query))
        best: dict[int, tuple[float, int]] = {}
        for choice_index in self._candidates(query):
            choice = self.choices[choice_index]
            score = self._score(choice, query, query_weight, beta, joined_query)
            if score is None:
                continue
            previous = best.get(choice.entry_index)
            if previous is None or score > previous[0]:
                best[choice.entry_index] = (score, choice_index)
        coverage = {entry_index: self._coverage(entry_index, query, query_weight) for entry_index in best}
        return self._candidates_from(best, coverage, limit)

    def _candidates(self, query: set[str]) -> set[int]:
        found: set[int] = set()
        for term in query:
            found.update(self.index.get(term, ()))
        return found

    def defining_entry(self, analysis: Analysis) -> Entry | None:
        """The entry that defines X when the question asks "what X is" anywhere in it.

        Catches the definition request inside a longer message ("I got lost
        reading about LDN - can you explain what microglia are?"), where the
        other words would pull towards another entry.
        """
        for match in _ASKS_DEFINITION.finditer(analysis.cleaned):
            if _ALREADY_KNOWN.search(analysis.cleaned, 0, match.start()):
                continue  # "I know what LDN is, but..." asks something else
            term = (match.group("a") or match.group("b")).strip()
            if _NOT_A_TERM.search(term):
                continue
            terms = frozenset(self.normalizer.analyze(term).terms)
            if not terms or len(terms) > 3:
                continue
            for entry, defined in zip(self.kb.entries, self.defined, strict=True):
                if terms <= defined:
                    return entry
        return None

    def undefined_term(self, analysis: Analysis) -> str | None:
        """For "what is X?" where no entry defines X, the X; otherwise None."""
        match = _DEFINITION.match(analysis.cleaned)
        if match is None:
            return None
        term = next(g for g in match.groups() if g is not None).strip()
        if _NOT_A_TERM.search(term):
            return None
        terms = frozenset(self.normalizer.analyze(term).terms)
        if not terms or len(terms) > 3:
            return None
        # Any overlap counts: "the body's natural painkillers" is defined by
        # the entry that defines "natural painkillers".
        if terms & self._all_defined:  # same as any(terms & d for d in self.defined), in one step
            return None
        return term
