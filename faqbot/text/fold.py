"""Folding: one normaliser for everything that compares words (the safety router, and the matcher).

:func:`fold` undoes the ways a word can be disguised without changing what it says: HTML entities and
URL escapes decoded, Unicode NFKC, case folded, accents stripped ("médico" reads as "medico"),
look-alike letters from other scripts and leet digits mapped to Latin letters, letters spelt out with
separators rejoined ("d.o.s.e", "d o s e"), stretched letters squeezed ("doooose"). :class:`Repairer`
then works on tokens against a vocabulary: split words joined ("nal trexone"), run-together words
split ("howmuchldn"), and near-miss spellings corrected.

All of it is linear in the length of the text: every regular expression here has bounded repetition
and the repairs look at a fixed number of neighbouring tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

import faqbot.regex as regex
from faqbot.records import dataclass
from faqbot.text.sanitize import clean, per_character

#: Latin look-alikes from Cyrillic, Greek, Armenian and letter-like symbols. Safety covers Latin-script
#: languages only, so they are mapped everywhere: a Cyrillic o inside "dose" is an evasion.
_CONFUSABLES = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501\u04bb\u0578\u057d\u0581\u0585\u03bf"
    "\u03b1\u03b5\u03b9\u03ba\u03bd\u03c1\u03c4\u03c5\u03c7\u0461\u0261\u0131\u2113\u043a\u043c\u0442\u0432"
    "\u043d\u0432\u0196\u0269\u00b5\u03bc",
    "aeopcyxijsdhnugooaeikvptuxwgilkmtbhblluu",
)
#: Greek and Cyrillic capitals that look like Latin ones, mapped before case folding: a capital Greek Nu
#: in "LD" + Nu is an N, though its small letter looks like a v
_CAPITALS = str.maketrans(
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7"
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0423\u0406\u0408\u0405",
    "ABEZHIKMNOPTYXABEKMHOPCTXYIJS",
)
#: Cherokee capitals that look like Latin letters (a Cherokee "lu" passes for an M)
_CHEROKEE = str.maketrans(
    "\u13aa\u13f4\u13df\u13a0\u13ac\u13c0\u13bb\u13a5\u13ab\u13e6\u13de\u13b7\u13e2\u13da\u13a2\u13d9\u13b3",
    "abcdeghijklmpstvw",
)
#: letters that NFD does not split into a base letter and an accent
_LIGATURES = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
#: a word mixing letters with leet digits or symbols ("d0se", "$trength", "wh@t")
_LEET_WORD = regex.compile(
    r"(?<![\w@$!])(?=[a-z0-9@$!]{0,40}[a-z])(?=[a-z0-9@$!]{0,40}[0-9@$])[a-z0-9@$!]{2,40}(?![\w@$])"
)
#: an amount or a measure ("4mg", "50mcg", "2x"): not leet
_AMOUNT = regex.compile(r"\d+(?:[.,]\d+)?[a-z]{0,12}")
#: three or more single letters with separators between them: "d.o.s.e", "d o s e", "d-o-s-e"
#: (not "I'm a", "I'd a": a contraction, not a spelt word)
_SPELT = regex.compile(r"(?<![a-z0-9])(?!i['\u2019][md]\b)[a-z](?:[^a-z0-9]{1,3}[a-z](?![a-z0-9])){2,}")
_STRETCHED = regex.compile(r"([a-z])\1{2,}")
_SPELT_WORDS = regex.compile(r"(?<!\w)\w (?:\w ){2,}")
_WIDE_GAP = regex.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_URL_ESCAPE = regex.compile(r"%[0-9a-fA-F]{2}")
_TOKEN = regex.compile(r"\d+(?:[.,]\d+)?|[a-z]+")
_NOT_LETTER = regex.compile(r"[^a-z]")
_SPACES = regex.compile(r" {2,}")
#: the illness ME/CFS, whose "ME" is no "me" ("is LDN used for ME/CFS?" asks nothing for the asker); written
#: in capitals only: "good for me/CFS" may be the asker who has it
_ME_CFS = regex.compile(r"\bME\s*[/-]\s*(?i:cfs)\b|\b(?i:cfs)\s*[/-]\s*ME\b")
#: words run together with a capital each ("WhatIsLowDoseNaltrexone"), three or more, and the words in them
_CAMEL = regex.compile(r"\b[A-Za-z][a-z]+(?:[A-Z][a-z]+){2,}\b")
_HUMP = regex.compile(r"[A-Za-z][a-z]+")
#: letters run together, at least, to be read as a sentence rather than as one word no list holds
_SENTENCE_RUN = 18
#: ... and at most, to be cut at all ("itookthewholebottleofldnandmychestishurting" is 43)
_LONGEST_RUN = 80
#: English inflections, which end a word and never stand alone at the end of words run together
_ENDINGS = frozenset({"ed", "er", "es", "ly", "ers", "est"})


#: a figure with a currency sign ("$45", "R$ 50", "40€", "£200") is a price, never an amount of the drug: read with
#: :data:`PRICE_MARK` after it, which the number rules know
_PRICE = regex.compile(r"(?:(?<![\w$])(?:r|us|a|c)?\$|[€£¥])\s?(?P<before>\d+(?:[.,]\d+)?)\b"
                       r"|(?<![\w.,])(?P<after>\d+(?:[.,]\d+)?)\s?(?:\$|[€£¥])(?!\w)", re.IGNORECASE)
#: the word a price's figure is read with: no word class lists it, so that a price marks its own figure and nothing
#: else ("wie viel LDN für meinen Sohn, die Packung 25 €" still asks how much; a word of money anywhere cancels that)
PRICE_MARK = "pricetag"
#: a figure with a percent sign ("100% safe", "30 %"): read as the word, which the number rules know is no amount
_PERCENT = regex.compile(r"(?<=\d)\s?%(?![0-9a-f]{2})")
_CURRENCY = regex.compile(r"[$\u20ac\u00a3\u00a5]")


def priced(text: str) -> str:
    """``text`` with each figure a currency sign marks read as a price ("$45" as "45 pricetag"; see :data:`_PRICE`)."""
    if not _CURRENCY.search(text):
        return text
    return _PRICE.sub(lambda m: f" {m.group('before') or m.group('after')} {PRICE_MARK} ", text)


def fold(text: str) -> str:
    """``text`` as one comparable, undisguised line (see the module docstring)."""
    # html and urllib are imported only for the few questions that need them: importing them took a
    # one-shot command longer than folding (issue #14).
    if "&" in text:
        import html

        # Twice, for entities escaped twice ("&amp;#111;").
        text = html.unescape(html.unescape(text))
    if _URL_ESCAPE.search(text):
        import urllib.parse

        text = urllib.parse.unquote(text.replace("+", " ") if "%20" not in text else text)
    text = cleaned_latin(priced(_PERCENT.sub(" percent ", text) if "%" in text else text))
    if not text.isascii():
        text = unicodedata.normalize("NFD", text.translate(_LIGATURES))
        text = text.translate(per_character(text, _unmarked))
    text = _LEET_WORD.sub(_unleet, text)
    text = _SPELT.sub(_join_spelt, text)
    return _STRETCHED.sub(r"\1", text)


def _unmarked(ch: str) -> str | None:
    """A combining mark (an accent once NFD has split it off) goes; every other character stays."""
    return None if unicodedata.category(ch) == "Mn" else ch


def cleaned_latin(text: str, limit: int | None = None) -> str:
    """:func:`~faqbot.text.sanitize.clean` and :func:`latin`, capitals included, and letters spelt out
    rejoined ("w h a t  i s  L D N"): what the matcher reads."""
    if limit is not None:
        text = text[:limit]
    spelt = _SPELT_WORDS.search(text) is not None
    if spelt:
        # "d o s e  d e  l d n": where letters are spelt out, a wider gap is where a word ended. Marked
        # before cleaning squeezes the spaces, and wider than a gap a spelt word may bridge.
        text = _WIDE_GAP.sub(" ,, ", text)
    text = _ME_CFS.sub("cfs", text if text.isascii() else text.translate(_CAPITALS))
    text = latin(clean(_CAMEL.sub(lambda m: " ".join(_HUMP.findall(m.group(0))), text)))
    return _SPACES.sub(" ", _SPELT.sub(_join_spelt, text).replace(",,", " ")).strip() if spelt else text


def latin(cleaned: str) -> str:
    """Cleaned text with look-alike letters from other scripts mapped to Latin ones (the matcher's share
    of :func:`fold`, which also strips accents and reads leet)."""
    if cleaned.isascii():
        return cleaned
    text = cleaned.translate(_CONFUSABLES)
    return text.translate(_CHEROKEE) if not text.isascii() else text


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    # "1mg!" is an amount with an exclamation mark, not leet for "imgi".
    return word if _AMOUNT.fullmatch(word.strip("!")) else word.translate(_LEET)


def _join_spelt(match: re.Match[str]) -> str:
    # Padded with spaces so the joined run never glues onto a neighbour.
    return " " + _NOT_LETTER.sub("", match.group(0)) + " "


def tokens(folded: str) -> list[str]:
    """The words and numbers of folded text ("don't" gives "don", "t"; "4.5mg" gives "4.5", "mg")."""
    return _TOKEN.findall(folded)


@dataclass(frozen=True)
class Clitics:
    """A language's object pronouns written onto a verb (Spanish "tomarla", Italian "prenderlo", "dimenticarmene").

    ``pronouns`` are the endings, tried in order (:meth:`knowing` puts the longest first); ``verbs`` the verbs the
    language's lists name, each ending as an infinitive or a gerund does (``verb_endings``: "escuela" is no verb with
    "la" on it); ``restore`` a letter the verb drops before a pronoun (Italian "prendere" + "lo" is "prenderlo").
    """

    pronouns: tuple[str, ...]
    verb_endings: tuple[str, ...]
    restore: str = ""
    verbs: frozenset[str] = frozenset()

    def knowing(self, words: Iterable[str]) -> Clitics:
        """These clitics, with the verbs among ``words`` (and the pronouns put longest first, once)."""
        return Clitics(tuple(sorted(self.pronouns, key=len, reverse=True)), self.verb_endings, self.restore,
                       frozenset(w for w in words if w.endswith(self.verb_endings)))

    def split(self, word: str) -> list[str] | None:
        """The verb and the pronoun ``word`` is made of, or None when it is no verb :attr:`verbs` knows with one."""
        if len(word) < 6:
            return None
        for pronoun in self.pronouns:
            if not word.endswith(pronoun) or len(word) - len(pronoun) < 4:
                continue
            verb = word[: -len(pronoun)]
            for candidate in (verb, verb + self.restore) if self.restore else (verb,):
                if candidate in self.verbs:
                    return [candidate, pronoun]
        return None


#: the length of the words read for two swapped letters alone (a longer word's ratio search finds those too)
_SWAPPED_LENGTH = 4


class Repairer:
    """Repairs tokens against a vocabulary: joins split words, splits joined ones, corrects typos.

    ``protected`` words are real words that must never be "corrected" even when they are close to a
    vocabulary word ("doing" is not "dosing"); ``shared_protected`` are more of them, a set several
    repairers share, kept as the very set given so that a pickle of them all holds it once.
    """

    def __init__(
        self,
        vocabulary: Iterable[str],
        protected: Iterable[str] = (),
        cutoff: float = 84.0,
        stems: Iterable[str] = (),
        aliases: Mapping[str, str] | None = None,
        split: bool = True,
        shared_protected: frozenset[str] = frozenset(),
        plurals: Iterable[str] = (),
        plural_words: Iterable[str] = (),
        clitics: Clitics | None = None,
        swaps: bool = False,
    ) -> None:
        self.vocabulary = frozenset(vocabulary)
        #: whether a four-letter word is read with two swapped letters put back (:meth:`_unswapped`); off where the
        #: vocabulary holds another language's words ("pian" is Italian, not "pain"; "foto" is no "foot")
        self.swaps = swaps
        #: object pronouns a language writes onto a verb ("probarlo", "prenderla"), read as the verb and the pronoun
        self.clitics = clitics
        #: the language's plural endings, and the words whose plurals are not slips for them: "embarazadas"
        #: (pregnant women) is not "embarazada" (pregnant, said of oneself), though one letter apart. Only
        #: these words: elsewhere the correction stands for the lemmatiser this reader does not have
        #: ("cartas" read as "carta" still finds a goodbye letter)
        self.plurals = frozenset(plurals)
        self.plural_words = frozenset(plural_words)
        #: chat shorthand read as the words it stands for ("wat" -> "what"; French chat's "jveux" -> "je veux")
        self.aliases = {short: tuple(words.split()) for short, words in (aliases or {}).items()}
        #: whether run-together words are split ("howmuchldn"); off where real words would be cut up
        self.split = split
        #: first four letters -> stems of five letters or more that any ending may follow
        self._stems: dict[str, list[str]] = {}
        for stem in stems:
            if len(stem) >= 5:
                self._stems.setdefault(stem[:4], []).append(stem)
        self.protected = frozenset(protected)
        self.shared_protected = shared_protected
        self.cutoff = cutoff
        self._choices = sorted(w for w in self.vocabulary if len(w) >= 4)
        #: the choices by first letter and length: a correction starts with the word's letter and is within one
        #: letter of its length, so a word with none of those near it needs no search of them all
        self._nearby: dict[tuple[str, int], list[str]] = {}
        for choice in self._choices:
            self._nearby.setdefault((choice[0], len(choice)), []).append(choice)
        self._longest = max((len(w) for w in self.vocabulary), default=0)
        self._longest_everyday = max(self._longest, max((len(w) for w in shared_protected), default=0))
        self._corrections: dict[str, str] = {}
        self._splits: dict[str, list[str] | None] = {}

    def __getstate__(self) -> dict[str, object]:
        # The memos hold words from questions already asked: a pickled copy (the cache of built bots)
        # must not keep them. Questions are health data.
        return {**self.__dict__, "_corrections": {}, "_splits": {}}

    def repair(self, words: list[str]) -> list[str]:
        if self.aliases:
            words = [part for w in words for part in self.aliases.get(w, (w,))]
        out: list[str] = []
        i = 0
        while i < len(words):
            size = self._join_size(words, i)
            if size:
                out.append("".join(words[i : i + size]))
                i += size
                continue
            out.extend(self._unclitic(words[i]) or self._split(words[i]) or [self.correct(words[i])])
            i += 1
        return out

    def _join_size(self, words: list[str], i: int) -> int:
        """How many words from ``i`` on join into one known word ("nal trex one"), or 0."""
        for size in (3, 2):
            parts = words[i : i + size]
            if len(parts) < size or not all(p.isalpha() for p in parts):
                continue
            joined = "".join(parts)
            # Only a fragment starts a join: "suffer from" stays two words, "nal trex one" becomes one.
            first = parts[0]
            if self.known(joined) and first not in self.vocabulary and not self._protected(first):
                return size
        return 0

    def _protected(self, word: str) -> bool:
        return word in self.protected or word in self.shared_protected

    def known(self, word: str) -> bool:
        """A vocabulary word, or one that starts with a known stem ("milligrams" for "milligram*")."""
        return word in self.vocabulary or any(
            word.startswith(stem) and len(word) - len(stem) <= 4 for stem in self._stems.get(word[:4], ())
        )

    def correct(self, word: str) -> str:
        """The vocabulary word ``word`` most likely meant, or ``word``."""
        if word in self.vocabulary or self._protected(word) or not word.isalpha():
            return word
        if self.swaps and len(word) == _SWAPPED_LENGTH:
            return self._unswapped(word)
        if len(word) < 5:
            return word
        known = self._corrections.get(word)
        if known is None:
            known = self._search(word) if self._any_near(word) else word
            if len(self._corrections) < 100_000:  # bounded memory, whatever people type
                self._corrections[word] = known
        return known

    def _unswapped(self, word: str) -> str:
        """A short word typed with two letters after the first swapped ("jmup", "wnat"), as the one vocabulary word
        it makes; a ratio search is too loose at four letters ("jmup" is as near "jump" as "dump")."""
        found = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1)} & self.vocabulary
        return found.pop() if len(found) == 1 else word

    def _search(self, word: str) -> str:
        """The search behind :meth:`correct`: every choice scored (the quick :meth:`_any_near` check is tested to
        find something wherever this finds a correction)."""
        # A near neighbour of another length is another word ("setzen" is not "absetzen").
        close = process.extract(word, self._choices, scorer=fuzz.ratio, processor=None, score_cutoff=self._cutoff(word),
                                limit=3)
        # ... and one that starts with another letter too ("calmare", to calm, is not "scalare", to
        # taper): slips rarely hit the first letter, while real words of the language often differ there.
        return next((c for c, _, _ in close if abs(len(c) - len(word)) <= 1 and c[0] == word[0]
                     and not self._plural_of(word, c)), word)

    def _any_near(self, word: str) -> bool:
        """Whether some choice that :meth:`correct` could take is as close as its cutoff (cheap: only the choices
        of the word's first letter and about its length are scored; tested against the full search)."""
        cutoff = self._cutoff(word)
        near = (self._nearby.get((word[0], size), ()) for size in (len(word) - 1, len(word), len(word) + 1))
        return any(process.extractOne(word, choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff)
                   for choices in near)

    def _cutoff(self, word: str) -> float:
        # A long word may carry more slips than a short one at the same ratio.
        return self.cutoff - (4.0 if len(word) >= 10 else 0.0)

    def _plural_of(self, word: str, candidate: str) -> bool:
        """Whether ``word`` is ``candidate`` with one of the language's plural endings."""
        return candidate in self.plural_words and any(word == candidate + ending for ending in self.plurals)

    def _unclitic(self, word: str) -> list[str] | None:
        """"probarlo" -> ["probar", "lo"], "prenderla" -> ["prendere", "la"]: a verb the pack's lists name with a
        pronoun written onto it (a word the vocabulary has is left as it is)."""
        if self.clitics is None or word in self.vocabulary:
            return None
        return self.clitics.split(word)

    def _split(self, word: str) -> list[str] | None:
        """"howmuchldn" -> ["how", "much", "ldn"] when every piece is known."""
        if (not self.split or not 7 <= len(word) <= _LONGEST_RUN or word in self.vocabulary
                or self._protected(word)):
            return None
        if word not in self._splits:
            if len(self._splits) >= 100_000:  # bounded memory, whatever people type
                return self._segment(word)
            self._splits[word] = self._segment(word)
        return self._splits[word]

    def _segment(self, word: str) -> list[str] | None:
        # best[i]: a split of word[:i] into known words, fewest pieces first
        best: list[list[str] | None] = [None] * (len(word) + 1)
        # A run as long as a sentence ("canIraisemydosequickly") may be cut into any everyday words; a shorter
        # one only into the vocabulary's, since real words the lists lack ("amlodipine", "antihistamines")
        # would be cut up into everyday ones
        wide = len(word) >= _SENTENCE_RUN
        reach = self._longest_everyday if wide else self._longest
        best[0] = []
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - reach), end):
                head = best[start]
                piece = word[start:end]
                # one-letter pieces only for the words "i" and "a" ("shouldistarton")
                known = piece in self.vocabulary or (wide and piece in self.shared_protected)
                if head is not None and known and (len(piece) > 1 or piece in "ia"):
                    candidate = [*head, piece]
                    current = best[end]
                    if current is None or len(candidate) < len(current):
                        best[end] = candidate
        result = best[len(word)]
        if result is not None and result[-1] in _ENDINGS:
            # words run together never end in an ending standing alone (the ER and the ED are vocabulary): it
            # ends the word before it ("increasedosefaster" is "increase dose faster", not "... fast er"), and a
            # short word before it was no word at all ("subsidised" is no "subs id is ed")
            result = [*result[:-2], result[-2] + result[-1]] if len(result[-2]) >= 4 else None
        return result if result is not None and len(result) >= 2 else None
