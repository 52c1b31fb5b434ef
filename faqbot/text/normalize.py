"""The normaliser: turns a question into the terms the retriever matches.

Contractions, spelling correction against the knowledge base's own vocabulary, split words joined,
synonyms, stop words and stemming, all on top of :func:`faqbot.text.sanitize.clean`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

import faqbot.regex as regex
from faqbot.records import dataclass
from faqbot.text.asking import asks_for, last_question
from faqbot.text.efficacy import efficacy_read, mechanism_read
from faqbot.text.fold import cleaned_latin
from faqbot.text.lowdose import low_dose_read
from faqbot.text.purpose import purpose_read
from faqbot.text.sanitize import clean
from faqbot.text.words import (
    ABROAD,
    CARE_ROLES,
    COMPARING,
    CONDITIONS,
    EVERYDAY_ACRONYMS,
    OFF_TOPIC,
    ORGANISATIONS,
    SHORT_FILLER,
    STOP_STEMS,
    STOPWORDS,
    common_words,
    stem,
    words,
)


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
    #: the terms that come from words neither the knowledge base nor everyday English uses, and that
    #: are no slip of one ("naloxone", "suboxone"): the question's topic is something the knowledge
    #: base has never heard of, so no entry can be the answer to it
    rare: frozenset[str] = frozenset()
    #: the question compares things ("X vs Y", "the difference between"): every thing it names must
    #: be covered by the entry that answers, or the answer is about only one side
    compares: bool = False
    #: what the question asks for when that is a person or a time ("who", "when"), else None: only an
    #: entry that has a wording asking the same can answer it ("who discovered LDN?" is not "what is LDN?")
    asks: str | None = None
    #: the rare terms the question writes as a name, with a capital inside its sentence ("in Ohio", "the
    #: Penn State trial"): something particular the knowledge base never mentions, whatever its weight
    names: frozenset[str] = frozenset()
    #: the rare terms the question itself names as a place other than the US (``words.ABROAD``): "... in the UK?"
    #: is not answered by an entry that never names it, whatever its weight, as for ``names``
    abroad: frozenset[str] = frozenset()


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
                synonym_words.update(words(clean(variant)))
                source = synonym_key(variant)
                if source and source != synonym_key(canonical):
                    self._phrases[source] = target
        self._longest = max((len(p) for p in self._phrases), default=0)
        vocabulary: set[str] = set(STOPWORDS)
        pairs: set[tuple[str, str]] = set()
        for text in corpus:
            said = words(clean(text))
            vocabulary.update(said)
            # and with one word between ("does ldn work" pairs "does" with "work", as in "does it work")
            pairs.update(pairwise(said))
            pairs.update(zip(said, said[2:], strict=False))
        #: the word pairs the knowledge base's own texts use ("side effects", "does ldn", "does work"): which of two
        #: equally close known words a slip meant is the one that makes such a pair with its neighbour
        self._pairs = frozenset(pairs)
        #: what the knowledge base's own texts say (not its synonyms' variants: "food" of "food and drug
        #: administration" does not make "foods to avoid" a question the knowledge base covers)
        self._corpus_stems = frozenset(stem(w) for w in vocabulary)
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
        #: read here, not on the first question: a bot from the cache of built bots brings it along,
        #: and reading the word list took a one-shot command longer than the question (issue #14)
        self._everyday = common_words()
        self._slips: dict[str, bool] = {}
        #: everyday words as rapidfuzz choices, sorted on the first rare-word check (not pickled: the
        #: cache of built bots stays small, and most questions never need it)
        self._everyday_choices: list[str] | None = None
        #: the knowledge base's words as rapidfuzz choices, sorted when a slip is first put right by its neighbours
        self._vocabulary_choices: list[str] | None = None

    def __getstate__(self) -> dict[str, object]:
        # The spelling memos hold words from questions already asked; a pickled copy must not.
        return {**self.__dict__, "_corrections": {}, "_slips": {}, "_everyday_choices": None,
                "_vocabulary_choices": None}

    def analyze(self, text: str, limit: int | None = None) -> Analysis:
        # A Cyrillic o inside "dose", a Greek capital Nu after "LD": read as the Latin letters they pass for
        cleaned = cleaned_latin(text, limit)
        # "different question - how does ...": a turn in the conversation, not a comparison
        tokens = self._join_split_words(words(_ASIDE.sub(" ", cleaned) if "question" in cleaned else cleaned))
        tokens = self._phrasal_verbs_joined(_particle_first(self.corrected(tokens)))
        shopping = bool(_BUYING.intersection(tokens))
        typed = text[:limit] if limit is not None else text
        asked = last_question(typed) or typed
        # the names the question itself writes ("...in Ohio?"), not those of a story told around it ("Someone
        # in a Facebook group said ...")
        names = _names(asked)
        named = _acronyms(typed) | names
        # "does it work?" asks whether it is effective, "how does it work?" how it acts
        tokens = self._apply_synonyms(mechanism_read(efficacy_read(low_dose_read(purpose_read(tokens)))))
        terms: dict[str, None] = {}
        common: set[str] = set()
        rare: set[str] = set()
        # a country named in the question itself, not in a story told around it ("My wife is a pharmacist in Canada",
        # "my cousin lives in Ireland and got curious: has the FDA ...")
        abroad: set[str] = set()
        asked_words = set(words(asked.rpartition(":")[2].lower()))
        abroad_asked = asked_words & ABROAD
        everyday = self._everyday
        for token in tokens:
            term = stem(token)
            if shopping and token in _SHOPS:
                # "buy LDN online": where it is bought is the question; "I read online that" is filler.
                terms.setdefault(term)
                rare.add(term)
            elif token not in STOPWORDS and term not in STOP_STEMS:
                terms.setdefault(term)
                # Everyday words, and short unknown tokens ("wht", "usd": typos and
                # shorthand far more often than topics), count as filler.
                short = len(token) <= 3 and token not in self.vocabulary
                if token in CARE_ROLES and token not in asked_words:
                    common.add(term)
                elif self.off_topic(token) or (token in named and (self.unknown(token) or token in ORGANISATIONS)):
                    rare.add(term)
                elif (token in everyday or short) and token not in CONDITIONS:
                    common.add(term)
                elif not short and self.is_rare(token):
                    rare.add(term)
                if token in abroad_asked and term in rare:
                    abroad.add(term)
        compares = any(w in COMPARING for w in words(_VARIETY.sub(" ", cleaned)))
        unnamed = frozenset(stem(t) for t in names if self.unknown(t) or t in ORGANISATIONS) & rare
        return Analysis(cleaned, tuple(tokens), tuple(terms), frozenset(common), frozenset(rare), compares,
                        asks_for(cleaned), unnamed, frozenset(abroad))

    def off_topic(self, token: str) -> bool:
        """True for an everyday word naming an aspect the article never covers ("online", "cost"), or an
        illness ("autism"), when the knowledge base does not use it either: the question is about it."""
        return (token in OFF_TOPIC or token in CONDITIONS) and stem(token) not in self._corpus_stems

    def unknown(self, token: str) -> bool:
        """True for a word the knowledge base never uses, in any form."""
        return token not in self.vocabulary and stem(token) not in self._known_stems

    def is_rare(self, token: str) -> bool:
        """True for a word neither the knowledge base nor everyday English uses, and no slip of one.

        A slip ("cuase", "othr", "cels") is one edit from a known word (two for long words): it is
        a typo of filler or of a topic the knowledge base knows, not a new topic.
        """
        if token in self.vocabulary or token in self._everyday or stem(token) in self._known_stems:
            return False
        if not token.isalpha():
            return False
        cached = self._slips.get(token)
        if cached is None:
            if self._everyday_choices is None:
                self._everyday_choices = sorted(self._everyday)
            limit = _slip_limit(token)
            cached = any(process.extractOne(token, choices, scorer=OSA.distance, processor=None,
                                                score_cutoff=limit) is not None
                         for choices in (self._choices, self._everyday_choices))
            if len(self._slips) < 100_000:
                self._slips[token] = cached
        return not cached

    def correct(self, token: str) -> str:
        """The known word a misspelt token most likely meant, or the token itself."""
        if (len(token) == 3 and token.isalpha() and token not in self.vocabulary and token not in CONDITIONS
                and token not in OFF_TOPIC):
            # "wht", "hav", "dos": a filler word missing a letter, never a topic word.
            return SHORT_FILLER.get(token, token)
        if len(token) < 4 or not token.isalpha() or self._real_word(token):
            return token
        cached = self._corrections.get(token)
        if cached is None:
            cached = self._sounded_out(token) or self._slip_fixed(token)
            if len(self._corrections) < 100_000:
                self._corrections[token] = cached
        return cached

    def corrected(self, tokens: list[str]) -> list[str]:
        """Each token put right as :meth:`analyze` puts it right: on its own, then by its neighbours."""
        return self._by_neighbours([self.correct(t) for t in tokens], tokens)

    def _by_neighbours(self, corrected: list[str], typed: list[str]) -> list[str]:
        """``corrected`` with each unknown typed word that its correction left out of any pair the knowledge
        base uses put right by its neighbours instead: "sid efects" is "side effects", not "said effects";
        "hw does ldn wrk" is "how does ldn work". Only a word one slip from a single such choice moves."""
        out = list(corrected)
        for i, token in enumerate(typed):
            if len(token) < 2 or not token.isalpha() or self._real_word(token) or self._paired(out, i, out[i]):
                continue
            choices = {w for w in self._near(token) if self._paired(out, i, w)}
            if len(choices) == 1:
                out[i] = choices.pop()
        return out

    def _real_word(self, token: str) -> bool:
        """A word of the knowledge base (in any form), of everyday English or of the data lists: never a slip.
        Words of the data lists are real words naming a topic ("medicare", "autism")."""
        return (token in self.vocabulary or stem(token) in self._known_stems or token in self._everyday
                or token in CONDITIONS or token in OFF_TOPIC)

    def _paired(self, tokens: list[str], i: int, word: str) -> bool:
        before = tokens[max(0, i - 2):i]
        after = tokens[i + 1:i + 3]
        return any((w, word) in self._pairs for w in before) or any((word, w) in self._pairs for w in after)

    def _near(self, token: str) -> list[str]:
        """The known words ``token`` is with a letter left out (two in a long word: "hw", "wrk", "sid") or two
        neighbours swapped ("cuase"). Not a letter changed or added: "ran", "bus", "mi" are words of their own."""
        if self._vocabulary_choices is None:
            self._vocabulary_choices = sorted(w for w in self.vocabulary if len(w) >= 2 and w.isalpha())
        found = process.extract(token, self._vocabulary_choices, scorer=OSA.distance, processor=None,
                                score_cutoff=_slip_limit(token), limit=None)
        return [w for w, _, _ in found if _letters_left_out(token, w) or sorted(w) == sorted(token)]

    def _slip_fixed(self, token: str) -> str:
        """The known word ``token`` is a slip of the keys for, or ``token`` itself."""
        if len(token) == 4:
            # Too short for a ratio ("cure" is one letter from "curb"): only
            # fix two swapped neighbours, the commonest slip ("waht", "pian").
            swapped = [w for w in self._anagrams.get("".join(sorted(token)), ()) if OSA.distance(token, w) == 1]
            return swapped[0] if swapped else token
        # Longer words can take more slips ("docter", "endorfins"): real words are kept out above.
        cutoff = self.correction_cutoff - (5 if len(token) >= 8 else 3 if len(token) >= 6 else 0)
        return self._closest(token, cutoff)

    def _sounded_out(self, token: str) -> str | None:
        """A known word ``token`` spells by sound ("interacshuns", "medisine", "fotosensitive"), which is too
        many edits away for :meth:`_closest`; ``None`` if no one respelling makes a known word."""
        for heard, written in _SOUNDS:
            if heard in token:
                word = token.replace(heard, written)
                if word in self.vocabulary or stem(word) in self._known_stems:
                    return word
        return None

    def _closest(self, token: str, cutoff: float) -> str:
        """The known word closest to ``token``: rapidfuzz's best ratio, and among words tied on it the fewest
        edits counting a swap of two letters as one ("saftey" is "safety" with two letters swapped, not
        "safely"); a word further than a slip (see is_rare) is left alone ("agonist" is not "antagonist")."""
        found = process.extract(token, self._choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff,
                                limit=8)
        if not found:
            return token
        best = found[0][1]
        word = min((w for w, score, _ in found if score == best), key=lambda w: (OSA.distance(token, w), w))
        return word if OSA.distance(token, word) <= _slip_limit(token) else token

    def _phrasal_verbs_joined(self, tokens: list[str]) -> list[str]:
        """"what switches microglia on?" read as "what switches on microglia?": a one-word object inside a
        phrasal verb the synonyms know ("switch on", "set off") moves after its particle, so the phrase matches."""
        out = list(tokens)
        for i in range(1, len(out) - 1):
            verb, thing, particle = out[i - 1], out[i], out[i + 1]
            if (particle in _PARTICLES and thing not in STOPWORDS and thing not in _PARTICLES
                    and (stem(verb), stem(particle)) in self._phrases):
                out[i], out[i + 1] = particle, thing
        return out

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
            if tokens[i] in INTENSIFIERS and i > 0:
                out.append(tokens[i])
                i += 1
                continue
            # A phrase is matched with the intensifiers inside it skipped ("where do you even get", "how
            # does it actually work"): they stress the question, they do not change what it asks.
            at = [i, *[j for j in range(i + 1, len(tokens)) if tokens[j] not in INTENSIFIERS][: self._longest - 1]]
            for size in range(min(self._longest, len(at)), 0, -1):
                if size == 1 and tokens[i] in STOPWORDS:
                    continue  # "normally" shares a stem with "normal" but stays filler
                target = self._phrases.get(tuple(stems[j] for j in at[:size]))
                if target is not None:
                    out.extend(target)
                    i = at[size - 1] + 1
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out


def synonym_key(text: str) -> tuple[str, ...]:
    """What a synonym is matched by: its words' stems, so that "side effect" and "side effects", or a misspelt
    "low dose naltrexon", find the same phrase (the knowledge base refuses two synonyms with one key)."""
    return tuple(stem(w) for w in words(clean(text)))


def _letters_left_out(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with some letters left out, the rest in order."""
    letters = iter(word)
    return len(typed) < len(word) and all(c in letters for c in typed)


def _slip_limit(token: str) -> int:
    """How many edits a typing slip makes in a word this long: one, two in a long word."""
    return 2 if len(token) >= 7 else 1


#: words that only stress a question; a synonym phrase is matched across them
INTENSIFIERS = frozenset({"even", "actually", "actualy", "really", "realy", "just", "basically", "literally",
                          "exactly", "truly", "ever"})


#: places to shop, filler ("I read online") unless the question is about buying
_SHOPS = frozenset({"online", "internet", "website", "websites", "amazon", "ebay", "web"})
_BUYING = frozenset({"buy", "buying", "bought", "order", "ordering", "ordered", "purchase", "purchasing", "purchased",
                     "sell", "sells", "sold", "selling", "available", "shop", "shopping", "ship", "shipping", "get"})

#: the particles of separable phrasal verbs, and the short objects that may stand before them
_PARTICLES = frozenset({"on", "off", "up", "down", "out", "away"})
#: English sounds spelt the way they are heard, and how they are written ("interacshuns", "medisine",
#: "fotosensitive"): tried one at a time on a word no fuzzy match reaches
_SOUNDS = (("shun", "tion"), ("shon", "tion"), ("chun", "tion"), ("zhun", "sion"), ("ph", "f"), ("f", "ph"),
           ("s", "c"), ("k", "c"), ("kw", "qu"), ("z", "s"), ("ee", "ea"))
_OBJECTS = frozenset({"it", "them", "this", "that", "these", "those", "him", "her"})
#: words before a pronoun that make it a subject ("is it on the list"), not an object
_NOT_VERBS = _OBJECTS | _PARTICLES | frozenset(
    "is are was were be do does did can could will would should shall may might must has have had".split())


def _particle_first(tokens: list[str]) -> list[str]:
    """"switches them on" read as "switches on them", so that a phrasal verb's synonym ("switch on",
    "set off") still matches when a pronoun stands inside it."""
    out = list(tokens)
    for i in range(1, len(out) - 1):
        if out[i] in _OBJECTS and out[i + 1] in _PARTICLES and out[i - 1] not in _NOT_VERBS:
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


#: where a sentence ends (the split keeps a question mark with its sentence)
#: an abbreviation written in capitals ("EMA", "PTSD"), and any capitalised word (to tell shouting apart)
_ACRONYM = regex.compile(r"\b[A-Z]{2,6}\b")
_WORD = regex.compile(r"\b[A-Za-z]+\b")
#: "different" after a word of number says how varied things are, not what they differ from ("used for many different
#: conditions", "lots of different illnesses"): no comparison
_VARIETY = regex.compile(r"\b(?:many|lots\s+of|a\s+lot\s+of|loads\s+of|various|several|numerous|all\s+sorts\s+of"
                         r"|all\s+kinds\s+of|a\s+range\s+of|a\s+bunch\s+of)\s+different\b")


def _acronyms(text: str) -> frozenset[str]:
    """The abbreviations a question writes in capitals, lower-cased, but the everyday ones ("TBH"); none
    in a question written mostly in capitals ("DOG ATE A WHOLE BOTTLE"), where capitals mark no name."""
    found = _ACRONYM.findall(text)
    if not found or 2 * len(found) > len(_WORD.findall(text)):
        return frozenset()
    return frozenset(w.lower() for w in found) - EVERYDAY_ACRONYMS


#: a word written with a capital inside a sentence ("compounding pharmacies in Ohio", "the LDN Research Trust"),
#: not its first word
_NAME = regex.compile(r"(?<![.?!:;\"(]\s)(?<![.?!:;\"(])(?<=\s)[A-Z][a-z]{2,}\b")


def _names(text: str) -> frozenset[str]:
    """The names a question writes with a capital inside a sentence, lower-cased; none in a question that
    capitalises most of its words, as headings do ("What Is Naltrexone Used For?")."""
    found = _NAME.findall(text)
    written = _WORD.findall(text)
    capitals = sum(1 for w in written if w[:1].isupper() and not w.isupper())
    if not found or 2 * capitals > len(written):
        return frozenset()
    return frozenset(w.lower() for w in found)


_ASIDE = regex.compile(r"\b(?:(?:a|one|my)\s+)?(?:different|other|another|unrelated|new|separate|quick|random|side"
                       r"|last|follow[- ]up)\s+question\b")
