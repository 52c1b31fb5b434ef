"""What a question asks: for a person or a time ("who", "when"), and which sentence of a message of several asks it."""

from __future__ import annotations

import faqbot.regex as regex
from faqbot.text.words import ASKS_FOR, CHAT_QUESTION_WORDS, LEAD_INS, QUESTION_WORDS, SENTENCE_BREAK, YES_NO, words

#: where a clause ends: a question in a message starts after one
_CLAUSE = regex.compile(r"[.?!,;:()]+|\s[-\u2013\u2014]+\s")


#: what "who" asks about when it asks for a verdict, not a person ("who's right?", "who is correct here?")
_JUDGED = frozenset({"right", "correct", "wrong", "closer"})
#: ... and the verb that may stand between ("who is right", "who's right" read "who right")
_IS = frozenset({"is", "s", "was"})


def asks_for(cleaned: str) -> str | None:
    """"who" or "when" when the question asks for a person or a time ("so who invented it?", "in what
    year was it approved?"), else None. The first clause that opens (after words such as "so" or "ok")
    with a question word or a yes-or-no verb decides: "does it help when you quit?" asks no time, and in
    "a friend who works in a clinic says ..." or "the pharmacist frowned when I asked" nothing is asked."""
    clauses = _CLAUSE.split(cleaned)
    for at, clause in enumerate(clauses):
        said = words(clause)
        start = _opening(said)
        word, after = ([*said[start:start + 2], "", ""])[:2]
        if word == "when":
            return "when" if after in YES_NO else None
        if word == "who" and _a_verdict(said[start + 1:], bool(words(" ".join(clauses[at + 1:])))):
            continue  # "who's right: is it approved?", "she says it isn't. who's right?": no person asked for
        if word in QUESTION_WORDS or word in YES_NO:
            return ASKS_FOR.get(word) or ASKS_FOR.get(f"{word} {after}")
    return None


def _a_verdict(after: list[str], more: bool) -> bool:
    """Whether "who" before ``after`` asks which side is right ("who's right here", not "who is right for LDN?")."""
    rest = after[1:] if after and after[0] in _IS else after
    return bool(rest) and rest[0] in _JUDGED and (more or len(rest) <= 2)


def last_question(cleaned: str) -> str | None:
    """The last sentence of a message of several that asks something: the last sentence ("... Is LDN
    actually safe?"), or one before that only tells something ("Is LDN safe? Every site says something
    different."), else None."""
    sentences = [t for t in SENTENCE_BREAK.split(cleaned) if words(t)]
    if len(sentences) < 2:
        return None
    return next((s for s in reversed(sentences) if _asks(s)), None)


def _asks(sentence: str) -> bool:
    said = words(sentence)
    start = _opening(said)
    opens = start < len(said) and (said[start] in QUESTION_WORDS or said[start] in YES_NO
                                   or said[start] in CHAT_QUESTION_WORDS)
    return opens or sentence.rstrip().endswith("?")


def _opening(said: list[str]) -> int:
    """Where a clause's own words start, after the words it may open with ("ok so when ...")."""
    return next((i for i, w in enumerate(said) if w not in LEAD_INS), len(said))
