"""What a word of excess counts: a medicine, or time and things one takes that are no dose.

"I took too many", "ho preso troppe pillole" tell an overdose; "it took too much time", "me tomó demasiado tiempo",
"j'ai pris trop de temps", "I took extra shifts", "I took a handful of notes" do not, though the same verb of intake
stands before the same word of excess: such messages got the emergency reply in all six languages. The packs'
``not_a_dose`` lists, in each language, what a count may count that is no medicine (time and its units, notes, photos,
questions, shifts, holidays); a word of ``excess`` or ``too_much`` right before one (past an "of" and an article or
possessive: "too much of my time") or right after one ("tomei tempo demais") is read as no excess. Not when the word
names a supply or a medicine after all ("too many days' worth", "extra night tablets"). Only beside those words: what
is left unnamed ("I took too many", "took extra by mistake") or any other noun ("took a handful of Tylenol", a slang
name no pack lists) stays an excess, since a lost emergency costs most.
"""

from __future__ import annotations

from collections.abc import Sequence

#: the classes a count of time or everyday things is taken out of (not ``many``: "took three weeks of pills")
COUNTS = ("excess", "too_much")
#: the class of what a count may count that is no dose
OTHER = "not_a_dose"
#: the classes right after such a word that make it a medicine's name or a supply after all
MEDICINE = ("form", "drug", "meds_word", "medicine", "dose_core")
#: ... and the words that do
WORTH = frozenset({"worth", "supply", "supplies"})
#: the words that may stand between the count and what it counts, as folded: "of", the articles and possessives
#: of the six languages ("too much of my time", "trop de temps", "troppo del mio tempo")
BETWEEN = frozenset({
    "of", "the", "a", "an", "my", "his", "her", "their", "our", "your",
    "de", "del", "la", "el", "los", "las", "mi", "mis", "su", "sus",
    "d", "du", "des", "le", "les", "l", "mon", "ma", "mes", "son", "sa", "ses",
    "der", "die", "das", "den", "dem", "meine", "meinen", "meiner", "seine", "seinen", "ihre", "ihren",
    "di", "della", "dello", "dei", "degli", "delle", "il", "lo", "gli", "mio", "mia", "miei", "mie",
    "do", "da", "dos", "o", "os", "as", "meu", "minha", "meus", "minhas"})
#: ... and how many of them
_MOST_BETWEEN = 2


def as_counts_of_other(found: dict[str, list[tuple[int, int]]], words: Sequence[str]) -> None:
    """The spans of ``excess`` and ``too_much`` that count time or everyday things taken out of ``found``; the
    ``not_a_dose`` class itself is read by no rule and is removed too."""
    medicines = {start for name in MEDICINE for start, _ in found.get(name, ())}
    others = [(start, end) for start, end in found.pop(OTHER, ()) if not _names_a_dose(words, end, medicines)]
    if not others:
        return
    starts = {start for start, _ in others}
    ends = {end for _, end in others}
    for name in COUNTS:
        spans = found.get(name)
        if not spans:
            continue
        kept = [(start, end) for start, end in spans if start not in ends and not _counts(end, words, starts)]
        if kept:
            found[name] = kept
        else:
            del found[name]


def _names_a_dose(words: Sequence[str], end: int, medicines: set[int]) -> bool:
    """Whether what follows the word that ends at ``end`` makes it a medicine's name or a supply ("extra night tablets",
    "a week's worth", "three days supply", "double the day's dose")."""
    at = end + 1 if end < len(words) and words[end] == "s" else end
    return at in medicines or (at < len(words) and words[at] in WORTH)


def _counts(end: int, words: Sequence[str], starts: set[int]) -> bool:
    """Whether what follows position ``end`` (past at most two words of ``BETWEEN``) starts a ``not_a_dose`` word."""
    at = end
    while at not in starts and at < len(words) and at - end < _MOST_BETWEEN and words[at] in BETWEEN:
        at += 1
    return at in starts
