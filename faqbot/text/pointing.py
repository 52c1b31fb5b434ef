"""What a demonstrative and its noun in a follow-up point at: "those cells", "that dose".

After an answer saying "that sets off cells called microglia", "what switches those cells on?" asks about
microglia; after one telling of "much smaller amounts", "what does it do at that dose?" asks about low doses.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import faqbot.regex as regex
from faqbot.text.sanitize import clean
from faqbot.text.words import words

#: words that stand for something said before
PRONOUNS = frozenset("it its itself they them their theirs themselves this that these those he she his her".split())
DEMONSTRATIVES = frozenset("this that these those".split())
_SENTENCE = regex.compile(r"(?<=[.!?])\s+")
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
    sentences = [f" {' '.join(words(clean(s)))} " for s in _SENTENCE.split(answer)]
    terms_spaced = [(t, f" {' '.join(words(clean(t)))} ") for t in explained]
    for demonstrative, noun in pairs:
        told = [s for s in sentences if f" {noun} " in s]
        # ("those microglia things": the noun is itself the term, not a pointer to the ones beside it)
        terms = [t for t, spaced in terms_spaced if spaced == f" {noun} "] or [
            t for t, spaced in terms_spaced if any(spaced in s for s in told)]
        if terms:
            return f"{demonstrative} {noun}", terms
    return None
