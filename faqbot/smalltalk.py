"""Smalltalk: greetings, thanks, goodbyes, "who are you" — only when that is the whole message."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from faqbot.kb import Smalltalk
from faqbot.text import clean, words
from faqbot.text.words import common_words

#: Words that may surround a smalltalk phrase without making it a question.
FILLER = frozenset(
    "so much very a lot again there you that was is it this really all for the great ok okay awesome bot "
    "faqbot guys everyone mate friend and please just oh well alright cool then now lol haha or".split()
)
#: Longer than this, a message is a question even if it starts with "hi".
MAX_WORDS = 8
#: rapidfuzz ratio at which a typo counts as a smalltalk word ("thnaks")
TYPO_CUTOFF = 80


class SmalltalkMatcher:
    """Finds the smalltalk intent a whole message expresses, if any."""

    def __init__(self, intents: Sequence[Smalltalk]) -> None:
        self._patterns = [(tuple(words(clean(p))), intent) for intent in intents for p in intent.patterns]
        self._vocab = frozenset(w for p, _ in self._patterns for w in p)
        self._long_words = sorted({w for p, _ in self._patterns for w in p if len(w) >= 4})

    def match(self, text: str) -> Smalltalk | None:
        tokens = words(clean(text))
        if not tokens or len(tokens) > MAX_WORDS:
            return None
        tokens = [self._word(w) for w in tokens]
        # Only smalltalk words and filler ("thx that was helpful", "goodbye and
        # thanks"), so one other word settles it; then the first pattern found answers.
        if any(w not in FILLER and w not in self._vocab for w in tokens):
            return None
        for pattern, intent in self._patterns:
            size = len(pattern)
            if any(tuple(tokens[i : i + size]) == pattern for i in range(len(tokens) - size + 1)):
                return intent
        return None

    def _word(self, word: str) -> str:
        if len(word) < 4 or word in FILLER or word in self._vocab or word in common_words():
            # a real word is not a typo: "after" is not "later" ("and after that?" asks what comes next)
            return word
        best = process.extractOne(word, self._long_words, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        return best[0] if best else word
