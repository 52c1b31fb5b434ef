"""Preparing a question for the routing rules.

Every rule reads a *prepared* form of the question: cleaned (see :func:`faqbot.text.clean`), with
letter-spaced and leet-speak words rejoined, number words turned into digits, near-miss spellings of
the safety vocabulary corrected, base64 fragments decoded, and the drug's own name ("low dose
naltrexone") replaced by "ldn" so the name alone never looks like a dosing question.
"""

from __future__ import annotations

import base64
import binascii
import re
from functools import lru_cache

from rapidfuzz import fuzz, process

import faqbot.regex as regex
from faqbot.memo import QuestionCache
from faqbot.safety.hyperbole import unexaggerated
from faqbot.safety.strength import name_strengths
from faqbot.text import clean
from faqbot.text.figures import NUMBER_WORD, NUMBER_WORDS
from faqbot.text.fold import priced

_NAME = regex.compile(
    r"\blow[-\s]*dos(?:e|ed|age)[-\s]*naltrexone?\b|\bl\.\s?d\.\s?n\.?(?=\s|$)|\blow[-\s]dose\s+\(?ldn\)?"
)
#: "low dose", "bigger doses"...: how the article contrasts LDN with the usual
#: amounts, not a question about an amount. Removed before the dose rules run.
_COMPARATIVE_DOSE = regex.compile(
    r"\b(?:very |much |far |ultra[- ]?)?(?:low|lower|lowest|small|smaller|smallest|tiny|high|higher|highest|large"
    r"|larger|big|bigger|biggest|heavy|heavier)[- ](?:\w+[- ])?"
    r"(?:doses?|dosages?|dosing|dosed|strengths?|amounts?|quantit(?:y|ies))\b"
    r"|\b(?:doses?|dosages?)\ (?:is\ |are\ |so\ |that\ |very\ |much\ |kept\ )+(?:low|small|tiny)\b"
    r"|\b(?:compared\ (?:to|with)|than|versus|vs\.?)\ (?:the\ |a\ )?(?:normal|usual|regular|standard|typical|full)"
    r"\ (?:doses?|dosages?|amounts?)\b"
    # "at standard doses", "at the addiction dose", "at its usual dose": a condition a finding holds under, not a
    # dose asked for ("what is the usual dose?" asks for it, and is no "at"; an amount asked beside it, "how much
    # at the usual dose", still fires its own rule)
    r"|\b(?:at|in)\ (?:the\ |a\ |its\ |their\ )?(?:regular|standard|full|conventional|addiction|"
    r"therapeutic|clinical|usual|normal|typical)\ (?:\w+\ )?(?:doses?|dosages?|strengths?)\b"
    # "what does it do at such a low dose?", "at that dose", "at those doses" after an answer about low doses
    r"|\b(?:at|in)\ (?:that|this|those|these|such\ (?:a\ )?(?:low|small|tiny))"
    r"\ (?:doses?|dosages?|strengths?|amounts?)\b"
)
#: the dose for addiction named as a kind of use, doing or lacking an effect ("something that the normal dose
#: doesn't", "does the normal addiction dose of naltrexone also ease pain?", "the doses used for addiction")
_DOSE_OF_A_USE = regex.compile(
    r"\b(?:the\ )?(?:normal|usual|regular|standard|full|conventional|typical|addiction|alcohol|alcoholism)"
    r"\ (?:\w+\ )?(?:doses?|dosages?|strengths?)"
    r"(?=\ (?:of\ \w+\ )?(?:does|doesn'?t|do|don'?t|did|didn'?t|also)\b"
    r"|\ (?:of\ \w+\ )?(?:used|given|prescribed)\ (?:for|in)\ (?:addiction|alcohol\w*|opioid|drinking|recovery|rehab))"
    r"|\bdoses\ (?:used|given|prescribed)\ (?:for|in)\ (?:addiction|alcohol\w*|opioid\ addiction|drinking|recovery"
    r"|rehab)\b"
)
#: ... unless the message asks for a dose anywhere ("what's the usual dose used for addiction", "tell me the normal
#: dose used for addiction", "how many mg is the addiction dose")
_ASKS_FOR_A_DOSE = regex.compile(
    r"\bwhat(?:'?s|\ is|\ are|\ was|\ were)\b[^.?!]{0,30}\b(?:doses?|dosages?|strengths?)\b"
    r"|\b(?:tell|know|give|show|list|state|share|find\ out|which)\b|\bhow\ (?:much|many|big|high|strong|low)\b|\d"
)


def unsized(text: str) -> str:
    """``text`` (prepared) with its comparisons of dose sizes and the doses of a use read as "sized": general, not
    dosing, talk (see :data:`_COMPARATIVE_DOSE`)."""
    text = _COMPARATIVE_DOSE.sub("sized", text)
    return text if _ASKS_FOR_A_DOSE.search(text) else _DOSE_OF_A_USE.sub("sized", text)


_SPACED_LETTERS = regex.compile(r"\b(?:[a-z][\s.\-_*]){2,}[a-z]\b")
_SPLIT_JOINED = regex.compile(r"(ldn|naltrexone|dosage|dose|much|many|mg|take|often|overdose)")
_HYPHENATED = regex.compile(r"\b([a-z]+)-([a-z]+)\b")
#: Latin look-alikes from other scripts, applied only inside words that mix
#: them with Latin letters ("dose" with a Cyrillic o), never to real Cyrillic text.
_CONFUSABLES = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501\u04bb\u0578\u057d\u0581\u0585\u03bf\u03b1\u03b5\u03b9\u03ba\u03bd\u03c1\u03c4\u03c5\u03c7\u0461\u0261\u0131\u2113",
    "aeopcyxijsdhnugooaeikvptuxwgil",
)
_MIXED_SCRIPT_WORD = regex.compile(r"\b(?=\w*[a-z])(?=\w*[^\W\da-z_])\w+\b")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LEET_WORD = regex.compile(r"(?<![\w@$])(?=[a-z0-9@$]*[a-z])(?=[a-z0-9@$]*[0-9@$])[a-z0-9@$]+")
_BASE64 = regex.compile(r"[A-Za-z0-9+/]{12,}={0,2}")
_NUMBER_WORDS = NUMBER_WORDS
_NUM = NUMBER_WORD
# Chat shorthand "2" for "to" between a word that asks and a verb ("is it safe 2 take", "how 2 stop"):
# read as a figure it would make a dose question of a general one.
_TWO_FOR_TO = regex.compile(
    r"\b(safe|ok|okay|fine|how|need|want|wanted|have|going|able|allowed|bad|good|time|when|where|what)"
    r" 2 (take|use|start|stop|try|mix|drink|get|keep|stay|be|come|know|ask|buy)\b"
)
_SPELLED_NUMBER = regex.compile(
    rf"\b(?!one\b(?![-\s](?:and\s+a\s+half|point|{_NUM})))"
    rf"(?P<int>(?:{_NUM})(?:[-\s](?:{_NUM}))?)(?:\s+(?P<half>and\s+a\s+half)|\s+point\s+(?P<point>{_NUM}))?\b"
    rf"|\b(?P<lone>a\s+half|half\s+a)\b"
)
#: Words a rule relies on, corrected when misspelt. Only words with no common
#: near neighbour belong here ("instructions" would swallow "interactions").
_LEXICON = (
    "dose", "doses", "dosage", "dosages", "dosing", "overdose", "overdosed", "overdosing", "milligram",
    "milligrams", "microgram", "micrograms", "pregnant", "pregnancy", "breastfeeding", "suicide", "suicidal",
    "naltrexone", "withdrawal", "bedtime", "hypothetically", "anaphylaxis", "unconscious", "seizure", "seizures",
)
_LEXICON_CUTOFF = 82.0
#: Real words within the cutoff of a lexicon word ("doing" ~ "dosing").
_NOT_TYPOS = frozenset({"doing", "dozing", "dosed", "seize", "seized", "seizes", "withdraw", "withdrew", "pregnancies"})


def _spelled_number(match: re.Match[str]) -> str:
    if match.group("lone"):
        return "0.5"
    parts = _NUMBER_SEPARATOR.split(match.group("int"))
    value = sum(_NUMBER_WORDS[p] for p in parts)
    if parts[-1] == "hundred" and len(parts) == 2:
        value = _NUMBER_WORDS[parts[0]] * 100
    if match.group("half"):
        return f"{value}.5"
    if match.group("point"):
        return f"{value}.{_NUMBER_WORDS[match.group('point')]}"
    return str(value)


def _correct_lexicon(text: str) -> str:
    return _LETTERS.sub(lambda m: _corrected(m.group(0)), text)


@lru_cache(maxsize=16384)  # a long question repeats its words
def _corrected(word: str) -> str:
    if len(word) < 5 or len(word) > 40 or word in _LEXICON or word in _NOT_TYPOS:
        return word
    best = process.extractOne(word, _LEXICON, scorer=fuzz.ratio, score_cutoff=_LEXICON_CUTOFF)
    return best[0] if best else word


def _decode_base64(raw: str) -> str:
    """``raw`` with each base64 chunk that decodes to readable text replaced by that text."""

    def decoded(match: re.Match[str]) -> str:
        chunk = match.group(0)
        try:
            text = base64.b64decode(chunk + "=" * (-len(chunk) % 4), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return chunk
        if text.isprintable() and sum(c.isalpha() or c == " " for c in text) >= 0.8 * len(text):
            return f" {text} "
        return chunk

    return _BASE64.sub(decoded, raw)


def prepare(text: str, limit: int | None = None) -> str:
    """The form of ``text`` the rules read (see the module docstring)."""
    # route() and other_medicine() read the same question
    return _prepared(text[:limit] if limit is not None else text)


def _prepare(raw: str) -> str:
    # A base64 chunk is read as what it decodes to, so an encoded question is
    # judged on its words, not on the digits of its encoding.
    raw = _decode_base64(raw)
    # No word is longer than this: a longer run is padding or an encoding, and scanning it with
    # every phrase rule would make routing a megabyte slow (the rule engine still reads it).
    cleaned = unexaggerated(name_strengths(_OVERLONG.sub(" ", clean(raw))))
    cleaned = priced(cleaned)
    cleaned = _MIXED_SCRIPT_WORD.sub(lambda m: m.group(0).translate(_CONFUSABLES), cleaned)
    cleaned = _SPACED_LETTERS.sub(_join_letters, cleaned)
    cleaned = " ".join(cleaned.split())
    cleaned = _HYPHENATED.sub(lambda m: m.group(1) + m.group(2) if m.group(1) + m.group(2) in _LEXICON else m.group(0),
                              cleaned)
    cleaned = _TWO_FOR_TO.sub(r"\1 to \2", cleaned)
    cleaned = _LEET_WORD.sub(lambda m: m.group(0) if _is_amount(m.group(0)) else m.group(0).translate(_LEET), cleaned)
    cleaned = _SPELLED_NUMBER.sub(_spelled_number, cleaned)
    cleaned = _correct_lexicon(cleaned)
    return _NAME.sub("ldn", cleaned)


_prepared: QuestionCache[str] = QuestionCache(_prepare, maxsize=1024)


_OVERLONG = regex.compile(r"[^\s]{60,}")
_NUMBER_SEPARATOR = regex.compile(r"[-\s]+")
_LETTERS = regex.compile(r"[a-z]+")
_LETTER_SEPARATOR = regex.compile(r"[\s.\-_*]")
_AMOUNT = regex.compile(r"[a-z]?\d+(?:[.,]\d+)?[a-z]*")
_DIGITS_INSIDE = regex.compile(r"[a-z]\d+[a-z]")


def _join_letters(match: re.Match[str]) -> str:
    # "h o w m u c h l d n" joins to one run; set the words we look for apart again.
    joined = _LETTER_SEPARATOR.sub("", match.group(0))
    return " " + _SPLIT_JOINED.sub(r" \1 ", joined) + " "


def _is_amount(word: str) -> bool:
    """"4mg" or "50mcg" stay as they are; "d0se" is leet-speak."""
    return bool(_AMOUNT.fullmatch(word)) and not _DIGITS_INSIDE.search(word)
