"""A veiled act is one left unnamed: "I'm going to do something stupid tonight", not "... something stupid and order LDN
online".

People say they will "do something stupid", "hacer una locura" or "faire une connerie" of an act they will not name,
and of one they go on to name, often in fun: "Voy a hacer una locura: dejar el trabajo", "I'm going to do something
dumb and ask my doctor for LDN", "tonight I'll do something stupid like staying up late". A review found 45 such
messages sent to the emergency reply by the first form of ``rash-act-ahead`` (packs/rules.yaml). The words are left
as a ``rash_act`` only where nothing is said of the act after them in their piece of the message: a time ("tonight"),
two words or fewer, or the start of a question ("..., what is LDN?"). Punctuation inside a sentence is not in the words,
so the colon of "una locura: dejar el trabajo" cannot tell it; what follows does.
"""

from __future__ import annotations

from collections.abc import Sequence

from faqbot.safety.found import Found, keep

#: the class of the veiled act
VEILED = "rash_act"
#: what may follow it and leave it unnamed: a time, now or ahead
TIMES = ("tonight", "ongoing")
#: ... and what, right after it, starts a question of its own instead of naming the act ("¿cuánto cuesta la LDN?",
#: "¿la naltrexona se mezcla con alcohol?": a Spanish question mark opens no new piece of the words)
ASKS = ("wh_question", "yes_no", "modal", "quantity", "drug")
#: ... but not a word that joins a second act to it (Portuguese "e" is "and" and, unaccented, "is")
JOINS = "joiner"
#: how many words besides may follow ("... something stupid tonight lol", "... uma besteira mais tarde")
SPARE = 2


def as_veiled(found: Found, words: Sequence[str], marks: Sequence[int]) -> None:
    """Keep the spans of ``rash_act`` in ``found`` only where the act is left unnamed (see the module)."""
    spans = found.get(VEILED)
    if not spans:
        return
    timed = {i for name in TIMES for start, end in found.get(name, ()) for i in range(start, end)}
    joins = {start for start, _ in found.get(JOINS, ())}
    asking = {start for name in ASKS for start, _ in found.get(name, ())} - joins
    # ("la" before the drug's name is its article: "¿la LDN ...?")
    asking |= {start for start, end in found.get("it_word", ()) if end in asking}
    ends = [*marks, len(words)]
    keep(found, VEILED, [span for span in spans if _unnamed(span[1], min(e for e in ends if e >= span[1]), timed,
                                                             asking)])


def _unnamed(start: int, end: int, timed: set[int], asking: set[int]) -> bool:
    rest = [i for i in range(start, end) if i not in timed]
    return len(rest) <= SPARE or rest[0] in asking
