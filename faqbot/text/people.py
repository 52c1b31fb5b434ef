"""Who "them" is after an answer about a group of people.

After "Naltrexone has long been used to help people fight addiction to opioids and to alcohol", the
follow-up "how does it help those people?" asks about people fighting addiction, and "them" in "has it
worked well for them?" is the same group. The group is the answer's own phrase: its first "people",
"adults" or "patients" and the words of the clause after it.
"""

from __future__ import annotations

import re

import faqbot.regex as regex

#: the first group of people an answer tells of, and what it says of them up to the end of the clause
_GROUP = regex.compile(r"\b(people|adults?|patients)\b([^.,;:()]{0,60})", re.IGNORECASE)
#: words of a follow-up that point at a group of people ("them", "those people", "addicts")
POINTERS = frozenset({"them", "they", "their", "those", "these", "people", "addicts", "patients", "folks", "ppl"})


def group_told(answer: str) -> str | None:
    """The answer's group of people with what it says of them ("people fight addiction to opioids and to
    alcohol"), or None if it names none."""
    found = _GROUP.search(answer)
    if found is None:
        return None
    return " ".join(f"{found.group(1)} {found.group(2)}".split())
