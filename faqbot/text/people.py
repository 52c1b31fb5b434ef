"""Who "those people" are after an answer about a group of people.

After "Naltrexone has long been used to help people fight addiction to opioids and to alcohol", the
follow-up "how many folks deal with that?" asks about people fighting addiction. The group is the answer's
own phrase: its first "people", "adults" or "patients" and the words of the clause after it.
"""

from __future__ import annotations

import re

import faqbot.regex as regex
from faqbot.text.pointing import PLURAL, SUBJECT_PRONOUNS
from faqbot.text.words import words

#: the first group of people an answer tells of, and what it says of them up to the end of the clause
_GROUP = regex.compile(r"\b(people|adults?|patients)\b([^.,;:()]{0,60})", re.IGNORECASE)
#: words of a follow-up that name a group of people ("those people", "folks", "addicts"); not "them" alone, which
#: may be things ("how does it block them?" after an answer about receptors)
POINTERS = frozenset({"people", "addicts", "patients", "folks", "ppl", "persons", "adults"})
#: what describes a group, straight after it: who they are ("people with fibromyalgia", "people addicted to
#: drugs", "people getting over addiction"), not what they did ("people took part", "people have had it")
_DESCRIBED = regex.compile(r"^\s+(?:with|who|addicted|fight\w*|\w+ing)\b", re.IGNORECASE)


def group_told(answer: str) -> str | None:
    """The answer's group of people with what it says of them ("people fight addiction to opioids and to
    alcohol"), or None if it names none."""
    found = _GROUP.search(answer)
    return _phrase(found) if found is not None else None


def group_described(answer: str) -> str | None:
    """The answer's group of people when the answer says who they are, or None: "them" in "how does it help
    them?" may stand for that group, but not for "people" who only did something."""
    found = _GROUP.search(answer)
    return _phrase(found) if found is not None and _DESCRIBED.match(found.group(2)) else None


def _phrase(found: re.Match[str]) -> str:
    return " ".join(f"{found.group(1)} {found.group(2)}".split())


def in_place(text: str, drug: str, group: str) -> str:
    """The follow-up with "it" read as the drug and "them" (or "those people") as the group an answer named:
    "how does it help them?" -> "how does naltrexone help people addicted to drugs or alcohol"."""
    out: list[str] = []
    for word in words(text):
        if word in SUBJECT_PRONOUNS:
            out.append(drug)
        elif word in PLURAL or word in POINTERS:
            if group not in out:
                out.append(group)
        else:
            out.append(word)
    return " ".join(out)


def done_to_people(text: str, drug: str) -> str | None:
    """The follow-up with "it" read as the drug in its own place when it asks what the drug does to people
    ("them", "addicts"): "how does it help them stay clean?" -> "how does naltrexone help them stay clean", as
    people ask it, not how the drug works (which "how does it help fibro pain?" may ask); else None."""
    said = words(text)
    if "it" not in said or not (POINTERS | PLURAL) & set(said):
        return None
    return " ".join(drug if word == "it" else word for word in said)
