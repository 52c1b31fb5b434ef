"""The index: every entry's question and alternates as analysed *choices*, with term weights.

Terms are stems after spelling correction and synonyms, weighted by inverse document frequency over
entries (question, alternates and answer text together), so "microglia" counts for more than "ldn".
An inverted index maps each term to the choices that use it, sorted by choice weight, which is what
lets :class:`~faqbot.retrieval.ranker.MaxScoreRanker` skip hopeless choices.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import field

from faqbot.kb import Entry, KnowledgeBase
from faqbot.records import dataclass
from faqbot.retrieval.answers import AnswerField
from faqbot.text import Analysis, Normalizer

#: Words no entry uses weigh this much more than the rarest known word.
UNKNOWN_FACTOR = 1.5
#: Unknown tokens this short are treated as shorthand, not as the topic.
SHORT = 3
#: Everyday English words no entry uses weigh this much of the rarest known word.
COMMON_UNKNOWN_FACTOR = 1.0
#: An entry not about the knowledge base's subject is about the terms this share of its wordings use
THEME_SHARE = 0.65


def distinctive_idf(entries: int) -> float:
    """The IDF of a term used by at most three of ``entries`` entries: such a term says what an entry is about."""
    return math.log(1 + max(entries, 1) / 3)


@dataclass(frozen=True)
class Candidate:
    """An entry and how well a question matched it."""

    entry: Entry
    score: float
    #: the question or alternate that matched best (the answer text when the answer matched better)
    matched: str
    #: the entry's position in the knowledge base
    entry_index: int = field(default=-1, compare=False, repr=False)
    #: the share of the question's weight the entry's whole text uses
    coverage: float = field(default=0.0, compare=False, repr=False)
    #: True when the answer text, not a curated wording, gave the score
    by_answer: bool = field(default=False, compare=False, repr=False)


@dataclass(frozen=True)
class Choice:
    """One question or alternate of an entry, analysed."""

    entry_index: int
    text: str
    terms: tuple[str, ...]
    #: the terms sorted and joined, for rapidfuzz's character score
    joined: str
    weight: float
    #: (term, idf) for each of ``terms``, so scoring needs no dictionary look-up
    weighted: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Postings:
    """The choices that use one term, sorted by choice weight (lightest first)."""

    weights: list[float]
    choices: list[int]


class Index:
    """Choices, term weights and postings for one knowledge base."""

    def __init__(self, kb: KnowledgeBase, normalizer: Normalizer) -> None:
        self.kb = kb
        self.normalizer = normalizer
        per_entry = [self._analyse(entry) for entry in kb.entries]
        self.bags: list[set[str]] = [bag for _, _, bag in per_entry]
        #: per entry, what its curated wordings ask for ("who", "when"; see Analysis.asks)
        self.asking: list[frozenset[str]] = [frozenset(a.asks for a in analysed if a.asks)
                                             for _, analysed, _ in per_entry]
        #: the answers, matched too but weighted below the curated questions
        self.answers = AnswerField([normalizer.analyze(entry.answer) for entry in kb.entries])
        self.idf = _idf(self.bags, max(len(kb.entries), 1))
        self.subject, self.on_subject = _subject(per_entry, kb.settings.subject_share)
        #: ...and every word of the ways the knowledge base spells it ("low dose" of "low dose naltrexone"):
        #: "the anti-inflammatory effect at low dose" is about the drug though it never names it
        self.subject_words = self.subject | {
            term for canonical, variants in kb.synonyms.items()
            if self.subject & set(normalizer.analyze(canonical).terms)
            for variant in variants for word in variant.split() for term in normalizer.analyze(word).terms
            if len(term) > 2}
        #: per entry not about the subject, its own: the terms most of its wordings use ("addict" for how common
        #: addiction is, "microglia") and those it defines ("the body's own painkillers" are endorphins); empty for
        #: the others
        self.themes = [frozenset() if on else _theme(analysed).union(
                           *(normalizer.analyze(term).terms for term in entry.defines))
                       for entry, (_, analysed, _), on in zip(kb.entries, per_entry, self.on_subject, strict=True)]
        #: words nobody in the knowledge base uses are likely the real topic of
        #: the question ("cancer"), so they weigh like the rarest known words.
        self.unknown_weight = UNKNOWN_FACTOR * max(self.idf.values(), default=1.0)
        #: ...and everyday English words ("symptoms", "cost") like the rarest known ones. Weighing
        #: them as filler let a question about an unanswered aspect of a known topic ("symptoms of
        #: MS") pass as a question about the topic; the median weight this replaces also moved
        #: whenever curators added alternates.
        self.common_unknown_weight = COMMON_UNKNOWN_FACTOR * max(self.idf.values(), default=1.0)
        #: ...but short unknown tokens ("tho", "ppl", "wht") are shorthand and slips far more often
        #: than topics: they weigh like a typical known word.
        import statistics  # here: only building an index needs it, not a bot loaded from the cache

        self.short_unknown_weight = statistics.median(self.idf.values() or [1.0])
        self.choices: list[Choice] = []
        self.index: dict[str, list[int]] = {}
        for entry_index, (texts, analysed, _) in enumerate(per_entry):
            for text, analysis in zip(texts, analysed, strict=True):
                if analysis.terms:
                    self._add(entry_index, text, analysis.terms)
        self.lengths = [len(c.joined) for c in self.choices]
        self.postings: dict[str, Postings] = {}
        for term, indexes in self.index.items():
            ordered = sorted(indexes, key=lambda i: (self.choices[i].weight, i))
            self.postings[term] = Postings([self.choices[i].weight for i in ordered], ordered)

    def _analyse(self, entry: Entry) -> tuple[tuple[str, ...], list[Analysis], set[str]]:
        texts = (entry.question, *entry.alternates)
        analysed = [self.normalizer.analyze(t) for t in texts]
        bag = {term for a in analysed for term in a.terms}
        bag.update(self.normalizer.analyze(entry.answer).terms)
        return texts, analysed, bag

    def _add(self, entry_index: int, text: str, terms: tuple[str, ...]) -> None:
        choice = Choice(entry_index, text, terms, " ".join(sorted(terms)), self.weight(terms),
                        tuple((t, self.idf[t]) for t in terms))
        for term in terms:
            self.index.setdefault(term, []).append(len(self.choices))
        self.choices.append(choice)

    def weight(self, terms: Sequence[str]) -> float:
        return sum(self.idf.get(t, self.unknown_weight) for t in terms)

    def query_weight(self, analysis: Analysis, term: str) -> float:
        """A question term's weight: its idf, or the weight of a word no entry uses."""
        known = self.idf.get(term)
        if known is not None:
            return known
        if term not in analysis.common:
            return self.unknown_weight
        return self.short_unknown_weight if len(term) <= SHORT else self.common_unknown_weight

    def coverage(self, entry_index: int, query: set[str], query_weight: float) -> float:
        """How much of the question's weight the entry's whole text (answer included) uses."""
        bag = self.bags[entry_index]
        return self.weight([t for t in query if t in bag]) / query_weight

    def uncovered(self, entry_index: int, analysis: Analysis) -> dict[str, float]:
        """The question's terms the entry's whole text never uses, each with its share of the question's weight."""
        weights = {t: self.query_weight(analysis, t) for t in analysis.terms}
        total = sum(weights.values()) or 1.0
        bag = self.bags[entry_index]
        return {t: w / total for t, w in weights.items() if t not in bag}

    def missing(self, entry_index: int, terms: frozenset[str]) -> frozenset[str]:
        """The ``terms`` the entry's whole text (questions, alternates, answer) never uses."""
        return terms - self.bags[entry_index]

    def sharing(self, query: Iterable[str]) -> set[int]:
        """Every choice that shares a term with the question."""
        found: set[int] = set()
        for term in query:
            found.update(self.index.get(term, ()))
        return found


def _subject(per_entry: list[tuple[tuple[str, ...], list[Analysis], set[str]]],
             share: float) -> tuple[frozenset[str], list[bool]]:
    """The knowledge base's subject (terms at least ``share`` of the curated questions use), and for
    each entry whether its curated question names it."""
    questions = [set(analysed[0].terms) if analysed else set() for _, analysed, _ in per_entry]
    subject = _shared(questions, share)
    return subject, [bool(terms & subject) for terms in questions]


def _theme(analysed: list[Analysis]) -> frozenset[str]:
    """The terms at least :data:`THEME_SHARE` of an entry's curated wordings use."""
    return _shared([set(analysis.terms) for analysis in analysed], THEME_SHARE)


def _shared(term_sets: list[set[str]], share: float) -> frozenset[str]:
    """The terms at least ``share`` of ``term_sets`` hold."""
    counts: dict[str, int] = {}
    for terms in term_sets:
        for term in terms:
            counts[term] = counts.get(term, 0) + 1
    return frozenset(t for t, n in counts.items() if n >= share * max(len(term_sets), 1))


def _idf(bags: list[set[str]], count: int) -> dict[str, float]:
    document_frequency: dict[str, int] = {}
    for bag in bags:
        for term in bag:
            document_frequency[term] = document_frequency.get(term, 0) + 1
    return {t: math.log(1 + count / df) for t, df in document_frequency.items()}
