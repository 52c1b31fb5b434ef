"""Text normalisation shared by safety routing and matching.

``clean`` makes any input safe and comparable (Unicode NFKC, case folding,
no control or zero-width characters, straight quotes, single spaces).
``Normalizer`` goes further for matching: words, contractions, spelling
correction against the knowledge base's own vocabulary, synonyms, stop words
and stemming.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import snowballstemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                         "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-"})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_CONTRACTIONS = (
    (re.compile(r"\b(can)'?t\b"), r"\1 not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\b(i)'?m\b"), r"\1 am"),
    (re.compile(r"\b(\w+)'(re|ve|ll|d)\b"), r"\1 \2"),
    (re.compile(r"\b(\w+)'s\b"), r"\1"),
)

#: Function words that carry no topic. Kept short on purpose: words such as
#: "how", "why" or "not" are dropped here too, because safety routing (which
#: needs them) reads the cleaned text, not these tokens.
STOPWORDS = frozenset(
    """a about above after again all also am an and any anyone anything are around as at be been being
    both but by can could did do does doing done during each else ever every for from get gets
    getting
    had has have having he her here hers him his how i if in into is it its itself just know
    like me might more most much must my myself need no nor not now of off on once one only or other our
    out over own please pretty quite re really said say says she should so some someone something
    such tell than that the their them then there these they thing things this those though through to
    too under until up us ve very want was way we well were what whats whether which while
    whom whose will with would yes yet you your ll d s t hi hello hey thanks thank okay ok
    so um uh anyway actually basically lot lots bit stuff explain explanation mean means meaning
    exactly wondering wonder curious question questions answer besides except apart
    anyway these those guys folks certain particular specific specifically play plays played part
    mention mentioned mentions heard hear hearing read reading see seeing saw seen told telling said saying
    asking ask asked
    learn learned learning understand understanding info information detail details explain explained
    friend friends cousin someone somebody everyone everybody people person guy lady article online internet
    google website site forum reddit keep keeps kept always never often sometimes maybe perhaps probably
    thought think thinking believe believed seems seem seemed apparently supposedly true right correct wrong
    usually normally typically commonly generally mostly mainly often
    even term terms level levels proper properly end ends ended last clue whatever where down
    brother sister mother mom mum dad father husband wife partner son daughter aunt uncle law kid kids
    grandma grandmother grandpa grandfather neighbor neighbour boyfriend girlfriend family relative
    before got gotten program programs programme programmes school essay homework assignment writing
    short quick brief simple simply version
    word words afternoon evening morning today tonight yesterday tomorrow week weekend patient patients
    course courses class classes tech lecture lectures professor teacher student students podcast episode
    physio physiotherapist nurse chiropractor naturopath acupuncturist trainer coach teacher colleague
    ones okay alright cool interesting list overview summary definition define defined
    describe description
    wat wut wot r u ur ya pls plz thx lol btw im ive dont doesnt isnt cant wont arent didnt
    confused confusing sure idea anybody noticed talking talk deal""".split()
)


#: ANSI escape sequences (CSI, OSC, in 7- and 8-bit form): removed whole, so
#: no "[2J" is left behind when the escape character itself is dropped.
_ANSI = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[@-_]")


def strip_controls(text: str) -> str:
    """``text`` without escape sequences or control/format characters (whitespace kept)."""
    text = _ANSI.sub("", text)
    return "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf"))


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
        text = "".join(
            " " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch)[0] != "C"
        )
    text = text.translate(_QUOTES).casefold()
    return _SPACE.sub(" ", text).strip()


def words(cleaned: str) -> list[str]:
    """Split cleaned text into words: contractions expanded ("isn't" -> "is not"),
    stretched letters squeezed ("heyyy" -> "hey") and chat shorthand spelt out."""
    if "'" in cleaned or _BARE_CONTRACTION.search(cleaned):
        for pattern, replacement in _CONTRACTIONS:
            cleaned = pattern.sub(replacement, cleaned)
    cleaned = _STRETCHED.sub(r"\1", cleaned)
    out: list[str] = []
    for word in _WORD.findall(cleaned):
        out.extend(_SHORTHAND.get(word, (word,)))
    return out


_BARE_CONTRACTION = re.compile(r"\b(?:cant|wont|im)\b")  # the contractions typed without an apostrophe
_STRETCHED = re.compile(r"([a-z])\1{2,}")
_SHORTHAND: dict[str, tuple[str, ...]] = {
    "u": ("you",), "r": ("are",), "ur": ("your",), "ya": ("you",), "pls": ("please",), "plz": ("please",),
    "cya": ("see", "you"), "thx": ("thanks",), "ty": ("thank", "you"), "docs": ("doctors",), "y": ("why",),
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    # The pure-Python Snowball stemmer keeps state on the object: one call at a time.
    with _STEMMER_LOCK:
        return str(_STEMMER.stemWord(word))


_STEMMER_LOCK = threading.Lock()
_STEMMER = snowballstemmer.stemmer("english")
#: three-letter slips of four-letter stop words ("wht" -> "what"); a slip is only
#: ever mapped to filler, so it can never invent a topic
_SHORT_FILLER = {
    word[:i] + word[i + 1 :]: word
    for word in sorted(STOPWORDS, reverse=True)
    if len(word) == 4 and word.isalpha()
    for i in range(4)
}
#: so that "others" or "wants" are dropped like "other" and "want"
_STOP_STEMS = frozenset(stem(w) for w in STOPWORDS)


#: Everyday words that name an illness or a body part: when a question names one
#: the knowledge base does not know, it is the topic ("does ldn work for
#: migraines?"), not filler, so it keeps the full weight of an unknown word.
CONDITIONS = frozenset(
    """cancer cancers tumor tumors tumour diabetes migraine migraines headache headaches depression anxiety
    asthma covid lupus psoriasis eczema acne obesity autism adhd alzheimer alzheimers parkinson parkinsons
    epilepsy seizures stroke strokes dementia arthritis osteoarthritis gout allergy allergies infection
    infections virus flu cold colds cough hiv herpes hepatitis shingles endometriosis pcos thyroid
    hashimoto hashimotos graves celiac coeliac colitis ibs ibd eczema rosacea insomnia apnea bipolar
    schizophrenia ptsd ocd addiction alcoholism smoking nicotine weight obesity hair skin heart kidney
    liver lung lungs stomach bowel back neck knee knees joint joints muscle muscles bone bones teeth
    eyes vision hearing tinnitus vertigo fatigue long covid ms als cfs me pots lyme""".split()
)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Common English words of four letters or more: real words, never "corrected" into
    knowledge-base words ("short" is not a typo for "sort"). See faqbot/data/README.md."""
    text = resources.files("faqbot").joinpath("data/common_words.txt").read_text(encoding="ascii")
    return frozenset(text.split())


@dataclass(frozen=True)
class Analysis:
    """A question as the matcher sees it."""

    cleaned: str
    #: words after spelling correction and synonyms, stop words included
    words: tuple[str, ...]
    #: stems of the content words, in order, duplicates removed
    terms: tuple[str, ...]
    #: the terms that come from everyday English words ("known", "signed"): if the
    #: knowledge base does not use them they are likely filler, not the topic
    common: frozenset[str] = frozenset()


class Normalizer:
    """Turns text into matchable terms, tuned to one knowledge base's vocabulary.

    Spelling correction only touches tokens that are neither knowledge-base
    words (nor inflections of them) nor everyday English words, so a real but
    unknown word ("cancer") is kept and counts against a match. Three-letter
    tokens may only become a stop word ("wht" -> "what"); four-letter ones only
    have two swapped letters undone ("pian" -> "pain"); longer ones move to the
    closest known word within rapidfuzz's Indel ratio ``correction_cutoff``
    (85, about one slip in six letters), a little lower for long words.
    """

    def __init__(
        self,
        synonyms: Mapping[str, Sequence[str]],
        corpus: Iterable[str],
        correction_cutoff: float = 85.0,
    ) -> None:
        self.correction_cutoff = correction_cutoff
        self._phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        synonym_words: set[str] = set()
        for canonical, variants in synonyms.items():
            target = tuple(words(clean(canonical)))
            synonym_words.update(target)
            for variant in variants:
                variant_words = words(clean(variant))
                synonym_words.update(variant_words)
                # Keyed by stems, so "side effect" and "side effects", or a misspelt
                # "low dose naltrexon", find the same phrase.
                source = tuple(stem(w) for w in variant_words)
                if source and source != tuple(stem(w) for w in target):
                    self._phrases[source] = target
        self._longest = max((len(p) for p in self._phrases), default=0)
        vocabulary: set[str] = set(STOPWORDS)
        for text in corpus:
            vocabulary.update(words(clean(text)))
        vocabulary.update(synonym_words)
        self.vocabulary = frozenset(vocabulary)
        self._choices = sorted(w for w in vocabulary if len(w) >= 4 and not w.isdigit())
        #: inflections of known words ("treated" when only "treat" is known) are not typos
        self._known_stems = frozenset(stem(w) for w in vocabulary)
        self._anagrams: dict[str, list[str]] = {}
        for word in sorted(vocabulary):
            if len(word) == 4:
                self._anagrams.setdefault("".join(sorted(word)), []).append(word)
        self._corrections: dict[str, str] = {}

    def analyze(self, text: str, limit: int | None = None) -> Analysis:
        cleaned = clean(text, limit)
        tokens = self._join_split_words(words(cleaned))
        tokens = [self.correct(t) for t in tokens]
        tokens = self._apply_synonyms(tokens)
        terms: dict[str, None] = {}
        common: set[str] = set()
        everyday = common_words()
        for token in tokens:
            term = stem(token)
            if token not in STOPWORDS and term not in _STOP_STEMS:
                terms.setdefault(term)
                # Everyday words, and short unknown tokens ("wht", "usd": typos and
                # shorthand far more often than topics), count as filler.
                short = len(token) <= 3 and token not in self.vocabulary
                if (token in everyday or short) and token not in CONDITIONS:
                    common.add(term)
        return Analysis(cleaned, tuple(tokens), tuple(terms), frozenset(common))

    def correct(self, token: str) -> str:
        """The known word a misspelt token most likely meant, or the token itself."""
        if len(token) == 3 and token.isalpha() and token not in self.vocabulary and token not in CONDITIONS:
            # "wht", "hav", "dos": a filler word missing a letter, never a topic word.
            return _SHORT_FILLER.get(token, token)
        if (
            token in self.vocabulary
            or len(token) < 4
            or not token.isalpha()
            or stem(token) in self._known_stems
            or token in common_words()
        ):
            return token
        cached = self._corrections.get(token)
        if cached is None:
            if len(token) == 4:
                # Too short for a ratio ("cure" is one letter from "curb"): only
                # fix two swapped neighbours, the commonest slip ("waht", "pian").
                swapped = [w for w in self._anagrams.get("".join(sorted(token)), ()) if OSA.distance(token, w) == 1]
                cached = swapped[0] if swapped else token
            else:
                # Longer words can take more slips ("docter", "endorfins"): real words are kept out above.
                cutoff = self.correction_cutoff - (5 if len(token) >= 8 else 3 if len(token) >= 6 else 0)
                best = process.extractOne(token, self._choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff)
                cached = best[0] if best else token
            if len(self._corrections) < 100_000:
                self._corrections[token] = cached
        return cached

    def _join_split_words(self, tokens: list[str]) -> list[str]:
        """"micro glia" -> "microglia" when only the joined form is known."""
        out: list[str] = []
        i = 0
        while i < len(tokens):
            if i + 1 < len(tokens):
                joined = tokens[i] + tokens[i + 1]
                if joined in self.vocabulary and (
                    tokens[i] not in self.vocabulary or tokens[i + 1] not in self.vocabulary
                ):
                    out.append(joined)
                    i += 2
                    continue
            out.append(tokens[i])
            i += 1
        return out

    def _apply_synonyms(self, tokens: list[str]) -> list[str]:
        if not self._phrases:
            return tokens
        out: list[str] = []
        stems = [stem(t) for t in tokens]
        i = 0
        while i < len(tokens):
            for size in range(min(self._longest, len(tokens) - i), 0, -1):
                if size == 1 and tokens[i] in STOPWORDS:
                    continue  # "normally" shares a stem with "normal" but stays filler
                target = self._phrases.get(tuple(stems[i : i + size]))
                if target is not None:
                    out.extend(target)
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out
