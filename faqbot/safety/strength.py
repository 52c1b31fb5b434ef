"""Naltrexone at its usual strength, named by its strength: a name, not a dose question.

People tell the two drugs apart by strength: "50 mg naltrexone", "full-dose naltrexone", "the regular
strength tablets" all mean naltrexone as it is usually prescribed, the drug the article
contrasts with LDN. Read as amounts, they made referrals of general questions ("what is 50 mg
naltrexone normally prescribed for?", "how does full-dose naltrexone block opioids?"). The router reads
them as "standard naltrexone" instead; anything else in the question that asks for an amount, a timing
or advice ("should I take 50 mg naltrexone?") still fires its own rule.

Only the router reads this form: the outgoing guard and matching read the text as typed.
"""

from __future__ import annotations

import re

import faqbot.regex as regex

_SIZE = r"(?:full|standard|regular|normal|usual|typical|ordinary|traditional|high|higher|addiction|alcohol)"
_DRUG = r"(?:naltrexone|naltrexon|naltrexona|naltrexon[ae]?s?)"
_FORM = r"(?:naltrexone|pills?|tablets?|capsules?|version|form|drug|one)"

_PATTERNS = (
    # "full-dose naltrexone", "standard dose pill", "regular strength tablets": an adjective, never "the
    # usual dose of naltrexone", which asks what the dose is
    (regex.compile(rf"\b{_SIZE}[- ](?:dose|dosage|strength|dosed)d?s? (?=(?:oral )?{_FORM}\b)"), "standard "),
    # "50 mg naltrexone", "the 50mg pill", "50 milligram tablets"
    (regex.compile(rf"\b(?:the )?50 ?(?:mg|milligrams?|milligram)s? (?=(?:oral )?{_FORM}\b)"), "standard "),
    # "naltrexone 50 mg", "naltrexone at 50mg"
    (regex.compile(rf"\b({_DRUG})(?: at| in)? 50 ?(?:mg|milligrams?)\b"), r"standard \1"),
)


#: words besides the drug and its strength that make a question of their own: "naltrexone 50mg" or
#: "what about 50 mg naltrexone?" may ask about that amount; "what is 50 mg naltrexone prescribed
#: for?" asks about the drug
_OWN_QUESTION = 4
_WORD = regex.compile(r"[a-z]+")
_NAMES = frozenset({"naltrexone", "naltrexon", "naltrexona", "ldn", "low", "dose", "standard", "the"})


def name_strengths(text: str) -> str:
    """``text`` (cleaned, lower case) with the usual strength of naltrexone read as its name, when the
    rest of it asks a question of its own."""
    if "50" not in text and "dos" not in text and "strength" not in text:
        return text
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(lambda m, r=replacement: _named(m, r), text)  # type: ignore[misc]
    return text


def _named(match: re.Match[str], replacement: str) -> str:
    rest = match.string[: match.start()] + " " + match.string[match.end() :]
    if sum(1 for w in _WORD.findall(rest) if w not in _NAMES) < _OWN_QUESTION or "low dose" in rest:
        return match.group(0)
    return match.expand(replacement)
