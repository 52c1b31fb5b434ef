"""A follow-up that turns from one form of the drug to the other.

The article is about naltrexone at two strengths: the usual one, used for addiction, and the low dose
(LDN) used for pain. After an answer about one, people ask the same of the other: "and the low dose
version?" after what naltrexone is used for, "what about regular naltrexone?" after the conditions LDN
is used for, "does the low dose stuff work the same way?" after how naltrexone works. The knowledge base
has an entry for each side, so the turn is the context question (or the turn's own question) asked of
the other form.
"""

from __future__ import annotations

import re

import faqbot.regex as regex

#: the low dose named as a form of the drug ("the low dose version", "low-dose naltrexone"; "LDN" alone is the
#: knowledge base's subject, named in follow-ups about anything)
_LOW = (r"(?:(?:the\s+)?(?:low|small|tiny)[- ]dose(?:\s+(?:naltrexone|version|one|stuff|form|kind|pills?"
        r"|tablets?))?)")
#: the usual strength named as a form of the drug ("regular naltrexone", "the full strength version",
#: "the big dose"), never a figure
_FULL = (r"(?:(?:the\s+)?(?:full[- ]strength|regular[- ]strength|normal[- ]strength|regular|normal|full|standard"
         r"|usual|big|high|higher|addiction)(?:\s+|-)(?:dose\s+)?(?:naltrexone|version|one|stuff|form|kind|pills?"
         r"|tablets?|dose|strength)(?:\s+(?:naltrexone|version|one|pills?|tablets?))?|naltrexone itself"
         r"|plain naltrexone)")
#: words that, with the form, make the whole turn ("and the low dose one?", "what about regular naltrexone?")
_BARE = regex.compile(r"^(?:(?:and|so|ok|okay|but|what about|how about|and what about|what of|same for|same with)"
                      r"\s+)*(?P<form>[^?!.]+?)(?:\s+(?:then|too|though|tho))?\W*$")
#: each form as the turn may name it, and the word it is asked of as
_FORMS = ((regex.compile(rf"\b{_FULL}\b", re.IGNORECASE), "naltrexone"),
          (regex.compile(rf"\b{_LOW}\b", re.IGNORECASE), "LDN"))
#: the drug's words in a curated question, to be put as the other form
_IN_QUESTION = {"naltrexone": regex.compile(r"\bnaltrexone\b", re.IGNORECASE),
                "ldn": regex.compile(r"\blow[- ]dose naltrexone(?:\s*\(ldn\))?|\bldn\b", re.IGNORECASE)}
#: a turn asking whether the other form does the same ("does the low dose stuff work the same way?") asks the
#: context question of it
_SAME = regex.compile(r"\b(?:the same(?: way| thing)?|too|as well|also|similarly|likewise)\W*$", re.IGNORECASE)
#: "that" and "it" after the form, in the turn's own question, stand for it ("the full strength version, whats
#: that for?"); before it they are still the context ("is that stronger than the regular dose?")
_POINTER = regex.compile(r"\b(?:that|it|this)\b", re.IGNORECASE)


def swapped(cleaned: str, drug: str, question: str) -> str | None:
    """The turn read as asked of the other form of the drug than ``drug`` (the context question's,
    "ldn" or "naltrexone"), or ``None`` if it names no other form: the context ``question`` asked of it
    when the turn is nothing but that form, else the turn's own question with the form named plainly."""
    named = next(((found, other) for form, other in _FORMS if (found := form.search(cleaned))), None)
    if named is None or drug not in _IN_QUESTION:
        return None
    found, other = named
    if other.lower() == drug and other != "naltrexone":
        # "what does it do at such a small dose?" after an answer about LDN asks about LDN itself
        return None
    bare = _BARE.match(cleaned)
    if (bare is not None and found.group(0) == bare.group("form").strip()) or _SAME.search(cleaned):
        # the context question, asked again of the form it was already about, is no new reading
        return _IN_QUESTION[drug].sub(other, question) if other.lower() != drug else None
    rest = f"{cleaned[:found.start()]}{other}{_POINTER.sub(other, cleaned[found.end():])}"
    return " ".join(rest.split())


#: a turn setting the two forms side by side in words matching does not read as a comparison (its own, "vs",
#: "different", "compared", are :data:`faqbot.text.words.COMPARING`, read into ``Analysis.compares``): "same drug as
#: the addiction one?", "is ldn weaker than the addiction one?", not a question of the other form alone ("is plain
#: naltrexone approved?", "does the full dose help fibromyalgia too?")
_SIDE_BY_SIDE = regex.compile(r"\b(?:same\s+(?:\w+\s+)?as|same\s+(?:drug|medicine|med|thing|stuff|pills?|tablets?)"
                              r"|weaker|stronger|unlike|instead\s+of)\b", re.IGNORECASE)


def side_by_side(text: str) -> bool:
    """Whether a turn naming the drug's other form sets the two side by side in words beyond matching's comparison
    words (with those, the one it follows, whose answer compares them, may answer it again)."""
    return _SIDE_BY_SIDE.search(text) is not None
