"""The spans of a story that tell how long, how old or how many, which are no amount and no time of day, and
where the asker says they do not take the drug.

A story before a question says how long someone has been ill ("for twelve years", "depuis 2015", "seit Jahren"), how
old they are ("my mum is 84", "j'ai 68 ans") or counts people and things ("two of my relatives"). The story rules
(:mod:`.story`) read a story without them: a figure there is no dose, and a story that tells only who asks is set
aside for a general question as it would be without the figure.
"""

from __future__ import annotations

import re

import faqbot.regex as regex
from faqbot.safety.pack import packs
from faqbot.safety.reading import read
from faqbot.safety.rules import COUNTED, RELATION

#: the words a story counts with, spans of time and counts of people alike
_COUNT_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a\ few"
                r"|a\ couple\ of|several")
#: a span of time or a date told in a story, which is no amount and no time of day ("for twelve years",
#: "since 2019", "since I was 19", "ten years ago", "back in the 90s"); English
_DURATION = regex.compile(
    rf"\b(?:for|about|around|over|almost|nearly|past|last)?\s*(?:\d{{1,3}}|a|{_COUNT_WORDS}|fifteen|many)\s+"
    r"(?:years?|yrs?|months?|weeks?|days?|decades?|hours?|hrs?|minutes?|mins?|seconds?)\b(?!\s+old)"
    r"(?:\s+(?:ago|now))?"
    r"|\bsince\s+(?:(?:i|she|he|they|we)\s+(?:was|were)\s+\d{1,2}|(?:19|20)\d\d)\b"
    r"|\b(?:back\s+)?in\s+(?:the\s+)?(?:19|20)?\d0s\b|\b(?:back\s+)?in\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)
#: ... unless it tells how long something has been taken ("on LDN for 3 weeks", "been taking it for a month")
_TAKEN_BEFORE = regex.compile(
    r"\b(?:on|taking|taken|take|takes|using|used)\s+(?:ldn|it|naltrexone|this|them|that)\s*$", re.IGNORECASE)
#: ... nor a span after "every" or "each" ("every 3 days" is how often)
_EVERY_BEFORE = regex.compile(r"\b(?:every|each|once|twice|per)\s*$", re.IGNORECASE)


def _unless_taken(match: re.Match[str]) -> str:
    before = match.string[max(0, match.start() - 30):match.start()]
    return match.group(0) if _TAKEN_BEFORE.search(before) or _EVERY_BEFORE.search(before) else " "


#: an age told in a story ("my mum is 84", "aged 79"), which is no amount either
_AGE = regex.compile(
    r"\b(?:(?:i|he|she|they|(?:my|our|his|her)\s+(?:" + RELATION + r"|[\w-]+-in-law))\s*(?:is|was|am|'s|'m|"
    r"turned|turns|is\s+now)|aged)\s+\d{1,3}\b(?!\s*(?:mg|mcg|ml|milligram|microgram|tablet|pill|capsule|cap|drop|"
    r"%|percent|dose))", re.IGNORECASE)


#: a count of people or of things that are no dose, told in a story ("half of us", "two of my relatives", "three
#: chain pharmacies"), which is no amount either ("two of them" may be pills); English only
_COUNT = regex.compile(
    rf"\b(?:\d+|{_COUNT_WORDS}|hundreds?|half)\s+(?:of\s+us\b"
    rf"|(?:of\s+(?:my|our|the|those|these|his|her|their)\s+)?(?:[\w-]+\s+)?{COUNTED}\b)", re.IGNORECASE)


#: the asker saying they do not take the drug ("I'm not on it", "I've never taken LDN", "nor is anyone I know", "and
#: I'm not planning to"), which tells no intake of theirs: only where the clause ends there or goes on with a joining
#: word ("..., just curious", "... because I'm writing an essay"), not with when or how ("... every day", "... as
#: prescribed"); English. What else may stand beside it ("I was, for 6 months", "kind of", "my son is") is
#: ``story.denial_words``'s to judge (:func:`faqbot.safety.story.set_aside`), which lists only why one asks
_DENIED = regex.compile(
    r"(?:\b(?:i\s*(?:'|\u2019)?\s*m\s+not|i\s+am\s+not|i\s+(?:do\s+not|don(?:'|\u2019)?t|never)"
    r"|i\s*(?:(?:'|\u2019)\s*ve|\s+have)\s+(?:never|not)|i\s+haven(?:'|\u2019)?t)"
    r"\s+(?:(?:currently|actually|personally|even|ever|been)\s+)?(?:on|taking|take|taken|tried|using|use|used)\s+"
    # (the drug only: "I'm not taking anything" is so often followed by what is taken after all, in any wording:
    # "... Just LDN.", "... LDN only", "... well, LDN"; a review)
    r"(?:it|ldn|naltrexone|low\s+dose\s+naltrexone)"
    r"(?:\s+(?:myself|personally|either|at\s+all|(?:now\s+)?or\s+ever))?"
    r"(?:[\s,]+(?:and\s+)?never\s+(?:have\s+been|will\s+be|have|will))?"
    # (nobody else either, and no plan to)
    r"|\b(?:nor|neither)\s+(?:is|does)\s+(?:anyone|anybody)(?:\s+(?:i\s+know|in\s+my\s+family))?"
    r"|\b(?:nobody|no\s+one)(?:\s+(?:i\s+know|in\s+my\s+family))?\s+(?:is|does|takes\s+it|is\s+on\s+it)"
    r"|\b(?:(?:and\s+)?i\s+)?(?:do\s+not|don(?:'|\u2019)?t|(?:'|\u2019)?m\s+not|am\s+not|not)\s+(?:plan|planning)"
    r"(?:\s+(?:to|on)(?:\s+(?:be|it|take\s+it|taking\s+it|start|starting))?|\s+(?:it|anything))?)"
    r"(?=\s*(?:[,.;:!?)\-\u2013\u2014]|$)|\s+(?:and|but|though|nor|lol|haha|tbh|honestly|just|so|because|myself)\b)",
    re.IGNORECASE)


#: the only words that may stand before a denial in its sentence ("To be honest, I'm not on it", "Just to be clear: I'm
#: not taking it"); anything else may take it back or make it someone's belief ("It's not that I'm not on it", "My
#: doctor thinks I'm not on it", "Since 2021, I'm not on it"; reviews)
_BEFORE_A_DENIAL = regex.compile(
    r"(?:\s|[,:;\-\u2013\u2014]|\b(?:to|be|honest|honestly|just|clear|so|well|ok|okay|and|but|also|tbh|btw|fwiw"
    r"|hi|hello|hey|sorry|personally|myself|for\s+the\s+record)\b)*", re.IGNORECASE)
#: where the sentence a denial stands in begins
_SENTENCE_MARK = regex.compile(r"[.!?\n]")
#: what a story with a denial may not tell anywhere: a figure or a span of time ("I'm not on it. 2 years.", "since
#: 2019"), a wink or a joke taken back (";)", "jk"), the asker among others ("mum and I are", "me and mum", "we both
#: are", "the two of us"), someone else alone ("just my husband"), or a clause that ends on its verb, "on it" left out
#: ("..., your boy is.", "... my son is"; reviews)
_NO_DENIAL_BESIDE = regex.compile(
    r"\d|\b(?:since|years?|months?|weeks?|days?|decades?|yrs?|jk|lol\s+jk|kidding|joking|wink)\b"
    r"|[;:]-?[)(\]\[dDpP]|\b(?:i|me|we|us|both|moi|myself)\s+(?:are|is|am|do|does|too|as\s+well)\b"
    r"|\b(?:and|&)\s+(?:i|me)\b|\b(?:me|i)\s+(?:and|&)\b|\b(?:of|both)\s+us\b"
    r"|\b(?:just|only)\s+(?:my|his|her|our|their)\b"
    r"|\b(?:is|are|am|does|do|was|were)\s*(?:[.!?,;:)]|$)"
    # (and any mark but letters, figures, spaces and plain punctuation: an emoji, "*cough*", "j/k")
    r"|[^\w\s.,!?;:'\u2019\"\u201c\u201d\-]|_", re.IGNORECASE)


def deniable(message: str) -> bool:
    """Whether a denial in ``message`` may be read out at all: not in one that tells what :data:`_NO_DENIAL_BESIDE`
    names, anywhere in it (a wink may stand between the story and its question)."""
    return _NO_DENIAL_BESIDE.search(message) is None


def denied(text: str) -> str:
    """``text`` without the spans where the asker says they do not take the drug (:data:`_DENIED`): only where a
    denial opens its sentence (:data:`_BEFORE_A_DENIAL`). Ask :func:`deniable` of the whole message first."""
    kept, start = [], 0
    for match in _DENIED.finditer(text):
        before = text[start:match.start()]
        sentence = before[max((m.end() for m in _SENTENCE_MARK.finditer(before)), default=0):]
        opens = (start > 0 and not sentence.strip(" ,;:")) or _BEFORE_A_DENIAL.fullmatch(sentence) is not None
        kept.append(before + (" " if opens else match.group(0)))
        start = match.end()
    return "".join(kept) + text[start:]


#: a word that only opens a sentence ("ok, my mum has MS.", "okay so what are microglia"), not "is it ok"; English
OPENER = regex.compile(
    r"(?:^|(?<=[.!?:;]\s))\s*(?:ok(?:ay)?|alright|hey|hi|well|um+|hmm+)\b(?!\s+(?:for|to|if|with|on|in|as)\b)"
    r"[\s,.!:-]*", re.IGNORECASE)


#: a span of time in the other five languages, accents written or not ("depuis 2015", "desde hace 5 años", "faz 5
#: anos", "da 10 anni", "seit 10 Jahren"), and an age told with its unit ("j'ai 68 ans", "tengo 60 años"), which only
#: the rules read out (:func:`plain`), as English reads "my mum is 84"
_UNIT_ABROAD = (r"(?:ans|ann[eé]es?|an|a[nñ]os?|anni|anno|jahren?|jahr|mois|mes(?:es)?|mesi|monaten?|monat"
                r"|semaines?|semanas?|settimane?|wochen?|woche|jours?|d[ií]as?|giorni|giorno|tagen?|tag)")
_DURATION_ABROAD = regex.compile(
    r"\b(?:(?P<since>depuis|desde(?:\s+hace)?|hace|faz|h[aá]|da|seit|vor|pendant|durante|per|il\s+y\s+a)\s+)?"
    r"(?P<figure>\d{1,3}|zwei|deux|dos|dois|due|tre|trois|tres|tr[eê]s|drei)\s+"
    rf"(?P<unit>{_UNIT_ABROAD})\b"
    r"|\b(?:depuis|desde|seit|dal|dall'|dai|dagli)\s*(?:(?:19|20)\d\d|(?:los|les|l'|os|den)?\s*\d0\b)"
    # "ich bin 72", "sono 75enne": an age with no unit
    r"|\bich\s+bin\s+(?P<bare>\d{1,3})\b(?!\s*(?:mg|ml|tabletten|kapseln))|\b(?P<enne>\d{1,3})enne\b",
    re.IGNORECASE,
)
#: the units of an age ("j'ai 12 ans"), and the age under which it is a child's, which is kept: a minor is a case
_YEARS = regex.compile(r"an|ans|a[nñ]os?|anni|anno|jahre?n?", re.IGNORECASE)
_ADULT = 18
_FIGURE = regex.compile(r"\d+")


#: ... unless it tells how long the drug has been taken ("je prends de la ldn depuis 3 semaines", "tomo LDN desde hace
#: 2 meses") or how often ("tous les 3 jours", "cada 2 días", "alle 2 Tage", "ogni 3 giorni"), as in English
_TAKEN_OR_EVERY_ABROAD = regex.compile(
    r"\b(?:ldn|naltrex\w*|cada|tous\s+les|toutes\s+les|alle|ogni|a\s+cada|de\s+cada)\s*$", re.IGNORECASE)


def _aged(match: re.Match[str]) -> bool:
    """Whether a span matched by :data:`_DURATION_ABROAD` tells an age ("j'ai 68 ans"), not a span of time."""
    return bool(match.group("bare") or match.group("enne") or (
        not match.group("since") and match.group("unit") and _YEARS.fullmatch(match.group("unit"))))


def _span_only(match: re.Match[str]) -> str:
    """A span of time read out, an age or how long the drug has been taken or how often kept (ages are read out for
    the rules only, by :func:`plain`, as in English)."""
    if _aged(match) or _TAKEN_OR_EVERY_ABROAD.search(match.string[max(0, match.start() - 30):match.start()]):
        return match.group(0)
    return " "


def _age_only(match: re.Match[str]) -> str:
    return " " if _aged(match) else match.group(0)


def minor(text: str) -> bool:
    """Whether ``text`` tells an age under 18 ("I'm 12", "my son is 15", "j'ai 12 ans")."""
    ages = [m.group(0) for m in _AGE.finditer(text)] + [m.group(0) for m in _DURATION_ABROAD.finditer(text)
                                                         if _aged(m)]
    return any(int(figure) < _ADULT for age in ages for figure in _FIGURE.findall(age)[-1:])


#: a span of years told with no figure ("desde hace años", "há muitos anos", "seit Jahren", "depuis des années", "da
#: anni", "anni fa"), which the packs would read as an age (``age``: "años", "Jahren"), though an age always has a
#: figure; English reads "for years" as no age either. Only years: "desde hace semanas" stays (``lasting`` reads it
#: beside a self-harm sign)
_YEARS_ABROAD = regex.compile(
    r"\b(?:(?:desde\s+hace|desde|hace|h[aá]|faz|depuis|pendant|il\s+y\s+a|seit|vor|da|per|durante|por|lleva|llevan"
    r"|llevaba)\s+)"
    r"(?:(?:muchos|much[ií]simos|varios|unos|algunos|tantos|muitos|v[aá]rios|uns|alguns|des|plusieurs|quelques"
    r"|nombreuses|vielen|einigen|mehreren|etlichen|molti|tanti|alcuni|diversi|parecchi)\s+)?"
    r"(?:a[nñ]os|anni|jahren|ann[eé]es)\b"
    r"|\b(?:(?:molti|tanti|alcuni|parecchi)\s+)?anni\s+fa\b", re.IGNORECASE)


def _years_told_plainly(match: re.Match[str]) -> str:
    """A span of years with no figure read out of its sentence only where the rest of it tells, in one clause and in
    words a class reads, only that someone takes the drug or has an illness: a review found the span was all that
    kept a case told beside it referred, in words the packs do not list ("...desde hace años y ahora le duele mucho la
    cabeza"), in a second clause ("...und ist depressiv", "...e vuole smettere") or as a habit ("ogni sera")."""
    text = match.string
    start = max((m.end() for m in _SENTENCE_MARK.finditer(text, 0, match.start())), default=0)
    end = next((m.start() for m in _SENTENCE_MARK.finditer(text, match.end())), len(text))
    said = (text[start:match.start()] + " " + text[match.end():end]).strip(" ,;:")
    rest, story = read(said), packs().story
    keeps = (story.blockers - {"intake"}) | story.asker | {"habit"}
    covered = rest.covered()
    plain = all(i in covered or word in _FUNCTION_WORDS for i, word in enumerate(rest.words))
    plain = plain and keeps.isdisjoint(rest.found) and not _CLAUSES.search(said)
    return " " if plain else match.group(0)


#: the articles, possessives and prepositions of someone's intake told in the five languages other than English
#: ("Eine Freundin nimmt LDN", "por su esclerosis", "wegen seiner MS"), as folded
_FUNCTION_WORDS = frozenset(
    "un una uno une ein eine einen um uma su sus sa son ses sua seu suo seine seiner seinen ihre ihrer ihren"
    " por pour per para wegen gegen contra contre il lo der die das den dem el los las les le a o os as i gli".split())
#: what joins a second clause to a sentence in those languages ("ma" and "o" left out: French "ma" is "my",
#: Portuguese "o" is "the")
_CLAUSES = regex.compile(r"[,;:]|\b(?:y|e|et|und|pero|mais|aber|mas|porque|weil|perch[eé]|car|denn|ou|oder"
                         r"|che|que|dass|qui|quando|cuando|quand|wenn)\b", re.IGNORECASE)


def told(text: str) -> str:
    """``text`` without the spans of time, the counts and the words that only open a sentence it tells, for the
    classes of a story to be read (see :data:`_DURATION`, :data:`_COUNT`, :data:`OPENER`)."""
    text = _YEARS_ABROAD.sub(_years_told_plainly, text)
    return OPENER.sub(" ", _COUNT.sub(" ", _DURATION_ABROAD.sub(_span_only, _DURATION.sub(_unless_taken, text))))


def plain(text: str) -> str:
    """``text`` without the spans of time, the ages, the counts and the openers it tells, for the rules to judge."""
    return _DURATION_ABROAD.sub(_age_only, _AGE.sub(" ", told(text)))
