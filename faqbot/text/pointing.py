"""What a demonstrative and its noun in a follow-up point at: "those cells", "that dose".

After an answer saying "that sets off cells called microglia", "what switches those cells on?" asks about
microglia; after one telling of "much smaller amounts", "what does it do at that dose?" asks about low doses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

import faqbot.regex as regex
from faqbot.text.sanitize import clean
from faqbot.text.words import SENTENCE_BREAK, stem, words

#: words that stand for something said before
PRONOUNS = frozenset("it its itself they them their theirs themselves this that these those he she his her".split())
#: the pronouns that may stand for the knowledge base's subject when nothing else was said
SUBJECT_PRONOUNS = frozenset({"it", "its", "itself"})
#: the pronouns that may stand for things or people an answer told of
PLURAL = frozenset("they them their theirs themselves these those".split())
#: ... of them, those that point back at what an answer was about, never at a fact it told ("those figures")
_PLURAL_BACK = PLURAL - {"theirs", "these", "those"}
DEMONSTRATIVES = frozenset("this that these those".split())
#: the nouns of "that dose", "those amounts", which point at the dose an answer told of
_DOSE_NOUNS = frozenset({"dose", "doses", "dosage", "dosages", "amount", "amounts", "strength", "strengths", "level",
                         "levels"})
#: how an answer tells of the low dose
_LOW_DOSE_WORDS = ("low dose", "low doses", "smaller amounts", "small amounts", "smaller doses", "small doses")


def pointed_at(cleaned: str, answer: str, explained: Sequence[str]) -> tuple[str, list[str]] | None:
    """A demonstrative and its noun in ``cleaned`` ("those cells") with what it points at: the ``explained``
    terms (those other entries define) that the ``answer``'s sentences using that noun name ("microglia"),
    or "low doses" for a dose the answer told was low; None if it points at nothing known."""
    pairs = [(d, n) for d, n in pairwise(words(cleaned)) if d in DEMONSTRATIVES and n not in PRONOUNS]
    if not pairs:
        return None
    dose = next(((d, n) for d, n in pairs if n in _DOSE_NOUNS), None)
    if dose is not None:
        # "what does it do at that dose?" after "used in much smaller amounts": the dose the answer told of,
        # a low one, not the drug named beside it
        spaced = f" {' '.join(words(clean(answer)))} "
        low = any(f" {phrase} " in spaced for phrase in _LOW_DOSE_WORDS)
        return (f"{dose[0]} {dose[1]}", ["low doses"]) if low else None
    sentences = [f" {' '.join(words(clean(s)))} " for s in SENTENCE_BREAK.split(answer)]
    terms_spaced = [(t, f" {' '.join(words(clean(t)))} ") for t in explained]
    for demonstrative, noun in pairs:
        told = [s for s in sentences if f" {noun} " in s]
        # ("those microglia things": the noun is itself the term, not a pointer to the ones beside it)
        terms = [t for t, spaced in terms_spaced if spaced == f" {noun} "] or [
            t for t, spaced in terms_spaced if any(spaced in s for s in told)]
        if terms:
            return f"{demonstrative} {noun}", terms
    return None


#: words before a noun that count it, not say which kind it is ("many more chemicals", "these cells")
_NOT_A_KIND = frozenset("a an the this that these those many more most some other others any all each every few "
                        "several and or of its their his her our your such".split())
#: an answer that lists what it speaks of ("The article names Crohn's disease and multiple sclerosis")
_NAMES_THEM = regex.compile(r"\b(?:names|such as|including|for example|for instance)\b", re.IGNORECASE)
#: words after a noun that go on to say which ones ("conditions, from Crohn's disease to fibromyalgia")
_LISTING = frozenset("such like including called named from especially namely e".split())


def lists_kinds(term: str, answer: str) -> bool:
    """Whether ``answer`` says which ``term`` it means: a word before it that names a kind ("nerve pain",
    "Crohn's disease"), or a list after it ("such as", "from ... to", brackets). "Genes, gender and ethnic
    background seem to play a part" names genes but not which, so "which genes?" is not answered by it."""
    if _NAMES_THEM.search(answer):
        return True  # "The article names Crohn's disease and multiple sclerosis"
    # the head of "autoimmune disorders" is "disorders"; its own modifier names no kind of it
    own = words(clean(term)) or [term]
    wanted = stem(own[-1])
    for sentence in SENTENCE_BREAK.split(answer):
        said = words(clean(sentence))
        for i, word in enumerate(said):
            if stem(word) != wanted:
                continue
            modifier = said[i - 1] if i else ""
            if modifier and modifier not in _NOT_A_KIND and not modifier.isdigit() and modifier not in own:
                return True
            if _LISTING.intersection(said[i + 1:i + 4]) or "(" in sentence:
                return True
    return False


def refers_back(text: str) -> bool:
    """Whether a follow-up's pronouns can only mean something said before: "they", "that one" never stand
    for the knowledge base's subject the way "it" may, so it cannot be read alone."""
    pronouns = PRONOUNS & set(words(clean(text)))
    return bool(pronouns) and not pronouns & SUBJECT_PRONOUNS


def plural_back(text: str) -> bool:
    """Whether a follow-up points back with "they" or "them": the things the answer was about ("how does
    LDN affect them?" after microglia), never a fact it told, as "that" may be ("really? that many?")."""
    return not _PLURAL_BACK.isdisjoint(words(clean(text)))
