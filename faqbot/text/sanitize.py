"""One sanitiser for every input and every curated text.

``strip_controls`` removes what must never reach a terminal or a page (escape sequences, control and
format characters); ``clean`` goes on to make text comparable (Unicode NFKC, case folding, straight
quotes, single spaces). Routing, matching and the knowledge-base loader all start from these two.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import faqbot.regex as regex

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                         "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-"})
_SPACE = regex.compile(r"\s+")
#: ANSI escape sequences (CSI, OSC, in 7- and 8-bit form): removed whole, so
#: no "[2J" is left behind when the escape character itself is dropped.
_ANSI = regex.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[@-_]"
)


def per_character(text: str, keep: Callable[[str], str | None]) -> dict[int, str | None]:
    """A translation table for the distinct characters of ``text``: judging each character once, not each
    time it occurs, keeps a megabyte of one repeated character (NFKC makes "\ufdfa" 18) fast."""
    return {ord(ch): keep(ch) for ch in set(text)}


def _controls_dropped(ch: str) -> str | None:
    return ch if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf") else None


def _others_dropped(ch: str) -> str | None:
    return " " if ch.isspace() else ch if unicodedata.category(ch)[0] != "C" else None


def strip_controls(text: str) -> str:
    """``text`` without escape sequences or control/format characters (whitespace kept)."""
    text = _ANSI.sub("", text)
    return text.translate(per_character(text, _controls_dropped))


_ASCII_CONTROLS = {c: (" " if chr(c).isspace() else None) for c in (*range(32), 127)}


def clean(text: str, limit: int | None = None) -> str:
    """Normalise any input to one comparable line: NFKC, casefold, no control characters."""
    if limit is not None:
        text = text[:limit]
    if text.isascii():
        # NFKC changes no ASCII; only C0 controls and DEL need removing.
        text = text.translate(_ASCII_CONTROLS)
    else:
        text = unicodedata.normalize("NFKC", text)
        # Drop control, format (zero-width, bidi) and unassigned characters but keep spacing.
        text = text.translate(per_character(text, _others_dropped))
    text = _SPACE.sub(" ", text.translate(_QUOTES).casefold()).strip()
    return _DOES_VERB.sub("does", _DOES.sub(r"\1does", text)) if "dose" in text else text


#: "how dose ldn work": "dose" typed for "does" after how/where/why/who and before a subject. Read as a
#: dose word it would make a referral of a general question; "what dose" and "when dose" stay, since
#: they can ask for a dose ("what dose ldn works best", "when to dose ldn").
_DOES = regex.compile(r"\b((?:how|where|why|who) )dose(?= (?:ldn|naltrexone?|it|this|that|your|the|you|they|low|one"
                      r"|people|anyone|someone|microglia|endorphins)\b"
                      # ... and then a verb, not what a dose is given for or how ("how dose ldn for fibro?",
                      # "how dose it safely", a red-team review)
                      r" (?!(?:for|to|with|at|in|on|per|a|an|and|or|daily|each|every|when|if|safely|properly"
                      r"|correctly|right|best|twice|once|up|down)\b)[a-z])")
#: ... and anywhere else before the drug and a verb in its plain form ("what kind of pain dose LDN help"),
#: but not after a word that makes it a dose ("what dose ldn works best", "low dose naltrexone help")
_A_DOSE_AFTER = ("what", "when", "which", "low", "lower", "high", "higher", "full", "small", "tiny", "standard",
                 "regular", "usual", "normal", "a", "the", "one", "this", "that", "my", "your", "daily", "single",
                 "starting", "same")
_DOES_VERB = regex.compile(
    r"(?<![\w-])" + "".join(f"(?<!{word} )" for word in _A_DOSE_AFTER)
    + r"dose(?= (?:ldn|naltrexone|it) (?:help|work|do|cause|treat|block|affect|interact|make|have|stop|show|mean"
    r"|need|come|get|reduce|ease)\b)")


