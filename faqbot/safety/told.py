"""Self-harm phrases told of someone else, derived from the asker's own ("I wish I was dead" -> "she wishes she
was dead").

A pack writes its self-harm phrases in the first person; a parent or a friend tells the same words of someone
("my daughter keeps saying she wants to die"). Read alone, such a message reaches the crisis line through the
second opinion; followed by a question about LDN it did not (the model's lead is spread over the question's
words), while a rule reads the phrase wherever it stands. The pack's ``third_person:`` block says which classes
are told of others, how the pronouns and the verbs after "I" change, and which words a phrase must hold to be
derived at all: only words of dying or living, so that "when I'm gone" (to work) or "burden on my family" are not
read of someone else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: he, she, they: the three forms every ``swap`` and ``after_subject`` entry gives
PERSONS = 3


class ToldError(ValueError):
    """A ``third_person:`` block that cannot be used."""


def check(spec: Mapping[str, Any]) -> None:
    """Raise :class:`ToldError` unless ``spec`` has classes, needs, swap and after_subject of the right shape."""
    if not isinstance(spec.get("classes"), list) or not isinstance(spec.get("needs"), list) or not spec["needs"]:
        raise ToldError("`third_person` needs `classes` and a non-empty `needs` (lists of words)")
    # YAML reads a bare no, on or yes as a boolean
    for key in ("classes", "needs", "starts"):
        odd = [w for w in spec.get(key) or () if not isinstance(w, str)]
        if odd:
            raise ToldError(f"`third_person.{key}` must hold words (quote {odd[:3]})")
    for key in ("swap", "after_subject"):
        table = spec.get(key)
        if not isinstance(table, dict) or not table:
            raise ToldError(f"`third_person.{key}` must map words to their {PERSONS} forms (he, she, they)")
        bad = [word for word, forms in table.items() if not isinstance(forms, list) or len(forms) != PERSONS]
        if bad:
            raise ToldError(f"`third_person.{key}`: {sorted(map(str, bad))[:3]} need {PERSONS} forms (he, she, they)")


def third_person(phrases: Iterable[str], spec: Mapping[str, Any]) -> list[str]:
    """Each phrase with a first-person word and a word of ``needs``, told of he, she and they (new ones only).

    A phrase that starts with its verb ("wish I was dead") has "I" unsaid: told of someone, its verb takes
    their form ("wishes she was dead"), and a form that stays the same ("wish they were dead") is left out,
    since it is also one person's wish about another. A phrase that starts with any other verb ("put an end
    to my life") is left out too: "put an end to her life" may be said of a pet, or worse.
    """
    swap: Mapping[str, Sequence[str]] = spec["swap"]
    after: Mapping[str, Sequence[str]] = spec["after_subject"]
    needs = frozenset(spec["needs"])
    starts = frozenset(spec.get("starts") or ())
    given = list(phrases)
    known = set(given)
    derived: dict[str, None] = {}
    for phrase in given:
        words = phrase.split()
        if swap.keys().isdisjoint(words) or needs.isdisjoint(words):
            continue
        first = words[0]
        if first not in after and first not in swap and first not in starts:
            continue
        for person in range(PERSONS):
            told = [swap[w][person] if w in swap
                    else after[w][person] if w in after and (i == 0 or words[i - 1] == "i")
                    else w for i, w in enumerate(words)]
            if first in after and told[0] == first:
                continue
            derived[" ".join(told)] = None
    return [p for p in derived if p not in known]
