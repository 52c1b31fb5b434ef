"""Dose figures in text: the one detector behind the knowledge-base policy and the outgoing guard.

A dose figure is an amount with a unit ("4.5 mg"), a unit on its own, a decimal number, or a schedule
("at bedtime", "twice a day"). faqbot never sends one, whatever produced the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

import faqbot.regex as regex
from faqbot.text.sanitize import clean

#: units of an amount, as words and abbreviations
WORD_UNIT = (r"(?:mg|mgs|milligrams?|milligrammes?|mcg|mcgs|µg|micrograms?|microgrammes?|millilit(?:er|re)s?"
             r"|teaspoons?|tablespoons?|tsp|tbsp)")
#: number words, the values :mod:`faqbot.safety` turns them into
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

_DOSE_FIGURE = regex.compile(
    rf"""
    \d+(?:[.,]\d+)?\s*{WORD_UNIT}\b | \b{WORD_UNIT}\b | (?<![\d.,])\d+[.,]\d+(?![\d%]|\s*(?:%|percent))
    | \b(?:{NUMBER_WORD}|a|one)(?:[-\s]\w+){{0,3}}[-\s]{WORD_UNIT}\b
    | \b(?:bedtime|before\ bed|at\ bed|nightly|night[-\ ]time\ dose)\b
    | \b(?:once|twice|thrice|\d+\ times)\ (?:a|per|each|every)\ (?:day|night|week|month)\b
    | \b(?:daily|nightly)\ (?:dose|doses|dosing|use|intake)\b | \bevery\ (?:day|night|morning|evening|\d+\ hours)\b
    | \b(?:take|taken|taking)\b[^.]{{0,20}}\b(?:daily|every\ day|at\ night|in\ the\ morning)\b""",
    re.IGNORECASE | re.VERBOSE,
)


@lru_cache(maxsize=4096)  # replies repeat the same curated texts
def find_dose_figure(text: str) -> str | None:
    """The first dose amount, strength or schedule in ``text``, if any."""
    match = _DOSE_FIGURE.search(clean(text))
    return match.group(0) if match else None
