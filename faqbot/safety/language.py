"""Which of the six safety languages a question is written in: a vote of the packs' words."""

from __future__ import annotations

from collections.abc import Sequence

from faqbot.safety.pack import LANGUAGES, packs
from faqbot.text.fold import fold, tokens


def detect_language(text: str) -> str:
    """``"en"``, ``"es"``, ``"fr"``, ``"de"``, ``"pt"`` or ``"it"``; English when unsure."""
    return vote(tokens(fold(text)))


def confident_language(text: str, min_votes: int = 2) -> str:
    """Like :func:`detect_language`, but English unless at least ``min_votes`` words are the other language's.

    One word is too little to tell ("dos-age" has a Spanish "dos" and a French "age"); replies should
    switch language only on real evidence.
    """
    counts = votes(tokens(fold(text)))
    best = max(LANGUAGES[1:], key=lambda lang: counts[lang])
    return best if counts[best] > counts["en"] and counts[best] >= min_votes else "en"


def vote(words: Sequence[str]) -> str:
    counts = votes(words)
    best = max(LANGUAGES[1:], key=lambda lang: counts[lang])
    return best if counts[best] > counts["en"] else "en"


def votes(words: Sequence[str]) -> dict[str, int]:
    """The language whose words outnumber English ones; English when none does.

    English counts every common English word; another language only its own words that English does
    not share. When two other languages tie (Spanish and Portuguese share many words), the first in
    :data:`LANGUAGES` wins: its safety texts are closer to the asker's than English ones.
    """
    detect = packs().detect
    counts = dict.fromkeys(LANGUAGES, 0)
    for word in words:
        if len(word) < 2:
            continue  # "a", "e", "d" (from "d'urgence") are words in too many languages to tell them apart
        for lang in LANGUAGES:
            if word in detect[lang]:
                counts[lang] += 1
    return counts
