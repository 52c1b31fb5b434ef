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
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from faqbot.knowledge import Entry, KnowledgeBase
from faqbot.normalize import Analysis, Normalizer

#: How much the term overlap counts against rapidfuzz's character score.
OVERLAP_WEIGHT = 0.85
#: Words no entry uses weigh this much more than the rarest known word.
UNKNOWN_FACTOR = 1.5
#: How much whole-entry coverage (answer included) adds to the best choice.
BAG_WEIGHT = 0.15

_DEFINITION = re.compile(
    r"^(?:(?:what|who)(?: is|'s| are| was| were)(?: a| an| the)? (?P<a>[\w' -]+?)"
    r"|define (?P<b>[\w' -]+?)|(?:meaning|definition) of (?P<c>[\w' -]+?)|(?P<d>[\w' -]+?) (?:meaning|definition)"
    r"|what (?:does|do) (?P<e>[\w' -]+?) mean)[?.! ]*$"
)
_NOT_A_TERM = re.compile(r"\b(?:for|with|in|of|to|from|about|used|do|does|doing|work|works|like|when|why|how|and)\b")


@dataclass(frozen=True)
class Candidate:
    """An entry and how well a question matched it."""

    entry: Entry
    score: float
    #: the question or alternate that matched best
    matched: str


@dataclass(frozen=True)
class _Choice:
    entry_index: int
    text: str
    terms: tuple[str, ...]
    joined: str
    weight: float


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
        self.bags = [bag for _, _, bag in texts_per_entry]
        self.choices: list[_Choice] = []
        self.index: dict[str, list[int]] = {}
        for entry_index, (texts, analysed, _) in enumerate(texts_per_entry):
            for text, analysis in zip(texts, analysed, strict=True):
                if not analysis.terms:
                    continue
                choice = _Choice(entry_index, text, analysis.terms, " ".join(sorted(analysis.terms)),
                                 self.weight(analysis.terms))
                for term in analysis.terms:
                    self.index.setdefault(term, []).append(len(self.choices))
                self.choices.append(choice)
        self.defined: list[frozenset[str]] = [
            frozenset(t for d in entry.defines for t in normalizer.analyze(d).terms) for entry in kb.entries
        ]

    def weight(self, terms: Sequence[str]) -> float:
        return sum(self.idf.get(t, self.unknown_weight) for t in terms)

    def rank(self, analysis: Analysis, limit: int = 5) -> list[Candidate]:
        """The best-matching entries, best first (one candidate per entry)."""
        query = set(analysis.terms)
        if not query:
            return []
        query_weight = self.weight(analysis.terms)
        # Long questions are mostly filler: judge them by how much of a known
        # question they contain (recall) rather than how much of them is known.
        beta = 1.0 + min(max(len(query) - 4, 0) * 0.3, 2.0)
        joined_query = " ".join(sorted(query))
        best: dict[int, tuple[float, str]] = {}
        for choice_index in self._candidates(query):
            choice = self.choices[choice_index]
            shared = self.weight([t for t in choice.terms if t in query])
            precision = shared / query_weight
            recall = shared / choice.weight
            if precision == 0 or recall == 0:
                continue
            overlap = (1 + beta**2) * precision * recall / (beta**2 * precision + recall)
            character = fuzz.token_sort_ratio(joined_query, choice.joined, processor=None) / 100
            score = OVERLAP_WEIGHT * overlap + (1 - OVERLAP_WEIGHT) * character
            previous = best.get(choice.entry_index)
            if previous is None or score > previous[0]:
                best[choice.entry_index] = (score, choice.text)
        ranked = []
        for entry_index, (score, text) in best.items():
            bag = self.bags[entry_index]
            coverage = self.weight([t for t in query if t in bag]) / query_weight
            final = 100 * ((1 - BAG_WEIGHT) * score + BAG_WEIGHT * coverage)
            ranked.append(Candidate(self.kb.entries[entry_index], round(final, 1), text))
        ranked.sort(key=lambda c: (-c.score, c.entry.id))
        return ranked[:limit]

    def _candidates(self, query: set[str]) -> set[int]:
        found: set[int] = set()
        for term in query:
            found.update(self.index.get(term, ()))
        return found

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
        if any(terms & defined for defined in self.defined):
            return None
        return term
