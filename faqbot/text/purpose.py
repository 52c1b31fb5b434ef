"""A question that ends on "for" asks what a thing is for: "LDN, what's it for?", "what do people take LDN for?".

"For" is a stop word to matching, so left at the end of a question it is dropped, and "what's naltrexone for?"
is read as "naltrexone" alone: the entry that defines it outranks the one on what it is used for.
:func:`purpose_read` puts "used" before that last "for", the word the knowledge base's wordings of purpose
share ("what is LDN used for?"), in a question that asks what or who. (A follow-up that only asks who or what
something is for, "who is it for?", "for what?", is reworded whole before matching: :func:`faqbot.text.turns.purpose`.)
"""

from __future__ import annotations

from collections.abc import Sequence

from faqbot.text.sanitize import clean
from faqbot.text.words import words

#: the question words that ask what a thing is for, or who it is for, with the verb they open the question with:
#: "what is LDN for?", "what's it for?" (read as "what it for"), "what do people take it for?"; not "what pain
#: is LDN for?", which asks which pain
_ASKING = frozenset({"what", "who"})
_VERBS = frozenset({"is", "s", "it", "are", "was", "were", "do", "does", "did", "would", "can", "could"})
_FUSED = frozenset({"whats", "whos"})
#: the word put before the last "for": what is asked of the thing, not a thing named
PURPOSE = "used"
#: a word before the last "for" that already says what the "for" means ("prescribed for", "good for", "stand for",
#: "short for", "what did doctors use it for")
_SAID = frozenset({"used", "use", "uses", "prescribed", "given", "meant", "intended", "approved", "good", "stand",
                   "stands", "short", "made", "indicated", "recommended", "known", "famous", "best", "bad"})


def purpose_read(tokens: Sequence[str]) -> list[str]:
    """``tokens`` with "used" put before a last "for" of a what or who question (after it may stand only
    words said before it: the subject that "it" stood for, which the context stage puts at the end)."""
    out = list(tokens)
    if "for" not in out[1:]:
        return out
    opens = any(word in _FUSED or (word in _ASKING and following in _VERBS)
                for word, following in zip(out, [*out[1:], ""], strict=True))
    if not opens:
        return out
    last = len(out) - 1 - out[::-1].index("for")
    if not _SAID.isdisjoint(out[:last]) or not set(out[last + 1:]) <= set(out[:last]):
        return out
    return [*out[:last], PURPOSE, *out[last:]]


def purpose_added(typed: str, read: Sequence[str]) -> bool:
    """Whether the words ``read`` from ``typed`` hold the "used" that :func:`purpose_read` put in, not one typed."""
    return PURPOSE in read and PURPOSE not in words(clean(typed))
