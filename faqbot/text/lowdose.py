"""Naltrexone named apart from its low dose: "Is naltrexone safe at low doses?" asks about LDN.

The synonyms read "naltrexone at a low dose" as LDN only when the words stand together. Asked with the aspect
between them ("is naltrexone safe in low doses?", "what illnesses is naltrexone used for when it's given at a
low dose?"), the dose words pulled the question to the entry on what naltrexone does at low doses, whatever it
asked. :func:`low_dose_read` reads such a question as one about LDN, unless what it asks is what the low dose
does (that entry's own question: "what effects does naltrexone have at low doses?").
"""

from __future__ import annotations

from collections.abc import Sequence

#: words before the qualifier that only say it is given so ("when it's taken at a low dose")
_GIVEN = frozenset({"when", "if", "it", "its", "is", "s", "taken", "given", "used", "prescribed", "at", "in"})
_ARTICLES = frozenset({"a", "these", "those", "very", "really"})
_LOW = frozenset({"low", "small", "tiny"})
_DOSE = frozenset({"dose", "doses", "dosage", "dosages", "amounts", "amount"})
#: what the low dose does, or what is special about it, is the low-dose entry's own question ("why use naltrexone
#: at such a low dose?", "what's special about naltrexone in tiny amounts?")
_DOES = frozenset({"effect", "effects", "do", "doing", "properties", "different", "differently", "work", "works",
                   "act", "acts", "special", "such", "point", "reason"})


def low_dose_read(tokens: Sequence[str]) -> list[str]:
    """``tokens`` with "naltrexone ... at a low dose" read as "ldn", the qualifier left out."""
    out = list(tokens)
    if "naltrexone" not in out:
        return out
    # ("side effects" is an aspect of its own)
    if any(t in _DOES and not (t.startswith("effect") and i and out[i - 1] == "side") for i, t in enumerate(out)):
        return out
    drug = out.index("naltrexone")
    for i in range(drug + 2, len(out) - 1):
        if out[i] not in _LOW or out[i + 1] not in _DOSE:
            continue
        start = i
        while start > drug + 1 and (out[start - 1] in _ARTICLES or out[start - 1] in _GIVEN):
            start -= 1
        return [*out[:drug], "ldn", *out[drug + 1:start], *out[i + 2:]]
    return out
