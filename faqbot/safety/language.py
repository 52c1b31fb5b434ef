"""Which of the six safety languages a question is written in: a vote of common function words."""

from __future__ import annotations

from collections.abc import Sequence

from faqbot.safety.pack import LANGUAGES, packs
from faqbot.text.fold import fold, tokens

#: a language must collect this many votes, and more than English, to win
_MIN_VOTES = 2


def detect_language(text: str) -> str:
    """``"en"``, ``"es"``, ``"fr"``, ``"de"``, ``"pt"`` or ``"it"``; English when unsure."""
    return vote(tokens(fold(text)))


def vote(words: Sequence[str]) -> str:
    detect = packs().detect
    counts = dict.fromkeys(LANGUAGES, 0)
    for word in words:
        for lang in LANGUAGES:
            if word in detect[lang]:
                counts[lang] += 1
    best = max(LANGUAGES, key=lambda lang: (counts[lang], lang == "en"))
    if best == "en" or counts[best] < _MIN_VOTES or counts[best] <= counts["en"]:
        return "en"
    # A tie between two other languages: neither is sure, and the safety texts differ.
    if sorted(counts.values())[-2] == counts[best]:
        return "en"
    return best
