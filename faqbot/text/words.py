"""Words: tokenising, stemming, and the English word lists (data files in ``text/data``)."""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import snowballstemmer

import faqbot.regex as regex

_WORD = regex.compile(r"[^\W_]+(?:'[^\W_]+)*")
_CONTRACTIONS = (
    (regex.compile(r"\b(can)'?t\b"), r"\1 not"),
    (regex.compile(r"\bwon'?t\b"), "will not"),
    (regex.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (regex.compile(r"\b(i)'?m\b"), r"\1 am"),
    (regex.compile(r"\b(\w+)'(re|ve|ll|d)\b"), r"\1 \2"),
    (regex.compile(r"\b(\w+)'s\b"), r"\1"),
)


#: beside this module in the installed package (importlib.resources, or even pathlib, would cost every
#: command more than the reading: issue #14)
_DATA = os.path.join(os.path.dirname(__file__), "data")


def _word_list(name: str) -> frozenset[str]:
    with open(os.path.join(_DATA, name), encoding="ascii") as stream:
        return frozenset(stream.read().split())


#: Function words that carry no topic (``data/stopwords.txt``). Kept short on purpose: words such as
#: "how", "why" or "not" are dropped here too, because safety routing (which needs them) reads the
#: cleaned text, not these tokens.
STOPWORDS = _word_list("stopwords.txt")
#: Everyday words that name an illness or a body part (``data/conditions.txt``): when a question names
#: one the knowledge base does not know, it is the topic ("does ldn work for migraines?"), not filler,
#: so it keeps the full weight of an unknown word.
CONDITIONS = _word_list("conditions.txt")
#: Everyday words that name an aspect of a medicine the article never covers (``data/off_topic.txt``):
#: cost, buying online, brands, forms other than tablets, other countries, driving, food, weight, exercise.
#: Unknown to a knowledge base, one is the question's topic ("can you buy LDN online?"), not filler.
OFF_TOPIC = _word_list("off_topic.txt")
#: ... those of them that name a place other than the United States: the article's facts (approval, how many adults
#: are addicted) are the US's, so a question asked of another country is never answered by an entry that does not
#: name it, whatever its weight
ABROAD = OFF_TOPIC & frozenset({"australia", "britain", "canada", "england", "europe", "ireland", "scotland", "uk",
                                "wales", "nhs"})
#: Abbreviations people write in capitals that name nothing ("TBH", "ELI5", "ER", ``data/everyday_acronyms.txt``):
#: any other capitalised abbreviation a knowledge base never uses names a thing (an agency, a shop, an
#: illness, a drug: "EMA", "PTSD") and is the question's topic, not a typo or filler.
EVERYDAY_ACRONYMS = _word_list("everyday_acronyms.txt")
#: The nouns that close an organisation's name ("the LDN Research Trust", "the Fibromyalgia Association",
#: ``data/organisations.txt``): written with a capital inside a sentence, one names a body the article never
#: mentions, even when the word itself is one the knowledge base uses ("can this information be trusted").
ORGANISATIONS = _word_list("organisations.txt")
#: The people who care for someone or tell them about a medicine ("my rheumatologist", "her naturopath",
#: ``data/care_roles.txt``): named in the story around a question, one says who mentioned something, not what is
#: asked, so it weighs like filler there ("Does LDN have side effects? My rheumatologist brought it up."); named in
#: the question itself it stays its topic ("can a naturopath prescribe LDN?")
CARE_ROLES = _word_list("care_roles.txt")
#: Words that make a question a comparison ("naltrexone vs naloxone", "the difference between ..."):
#: grammar, not topic, so a short list in code rather than a knowledge-base synonym.
COMPARING = frozenset({"vs", "versus", "difference", "differences", "different", "differ", "differs",
                       "compare", "compared", "comparing", "comparison"})

#: The words a question starts its asking with; the first one in a question says what it asks for.
QUESTION_WORDS = frozenset({"what", "which", "who", "whom", "whose", "when", "where", "why", "how"})
#: ... as chat spells them with the verb run in ("whats LDN. my chiro brought it up")
CHAT_QUESTION_WORDS = frozenset({"whats", "wats", "wat", "hows", "whos", "wheres", "whens", "whys"})
#: The verbs a yes-or-no question opens with ("does it help when you quit?" asks no time), and that
#: follow "when" when it asks one ("when was it approved?").
YES_NO = frozenset({"is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should",
                    "has", "have", "had", "may", "might", "must"})
#: Words a question may open with before its question word ("ok so when was it approved?", "in what year").
LEAD_INS = frozenset({"so", "ok", "okay", "and", "but", "then", "well", "hi", "hey", "hello", "also", "just", "um",
                      "oh", "quick", "question", "in", "at", "by", "from", "to", "of", "for", "remind", "me"})
#: ...a person or a time, by the question word alone or with the word after it ("what year").
ASKS_FOR = {"who": "who", "whom": "who", "whose": "who", "when": "when", "what year": "when",
            "which year": "when", "what date": "when", "what decade": "when"}


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


#: where one sentence of a message ends and the next begins (read by the matcher and the follow-up forms)
SENTENCE_BREAK = regex.compile(r"(?<=[.?!])\s+")
_BARE_CONTRACTION = regex.compile(r"\b(?:cant|wont|im)\b")  # the contractions typed without an apostrophe
_STRETCHED = regex.compile(r"([a-z])\1{2,}")
#: "what" as chat spells it (the follow-up forms read the same spellings: :data:`faqbot.text.turns.CHAT_SPELLINGS`)
WHAT_SPELLINGS = ("wat", "wut", "wot", "whut")
_SHORTHAND: dict[str, tuple[str, ...]] = {
    "u": ("you",), "r": ("are",), "ur": ("your",), "ya": ("you",), "pls": ("please",), "plz": ("please",),
    "cya": ("see", "you"), "thx": ("thanks",), "ty": ("thank", "you"), "docs": ("doctors",), "y": ("why",),
    "ppl": ("people",), "tho": ("though",), "abt": ("about",), "w": ("with",), "idk": ("i", "do", "not", "know"),
    "rn": ("right", "now"), **dict.fromkeys(WHAT_SPELLINGS, ("what",)),
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    kept = _KEPT_APART.get(word)
    if kept is not None:
        return kept
    # The pure-Python Snowball stemmer keeps state on the object: one call at a time.
    with _STEMMER_LOCK:
        return str(_STEMMER.stemWord(word))


#: Words Snowball cuts down to another word of a different meaning: "effective" and "effectiveness" to
#: "effect", so "how effective is LDN?" (does it work) read as "what effects does LDN have?". They stem as
#: "efficacy" does.
_KEPT_APART = {"effective": "efficaci", "effectiveness": "efficaci", "ineffective": "inefficaci"}


_STEMMER_LOCK = threading.Lock()
_STEMMER = snowballstemmer.stemmer("english")
#: three-letter slips of four-letter stop words ("wht" -> "what"); a slip is only
#: ever mapped to filler, so it can never invent a topic
SHORT_FILLER = {
    word[:i] + word[i + 1 :]: word
    for word in sorted(STOPWORDS, reverse=True)
    if len(word) == 4 and word.isalpha()
    for i in range(4)
}
#: so that "others" or "wants" are dropped like "other" and "want"
STOP_STEMS = frozenset(stem(w) for w in STOPWORDS)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Common English words of four letters or more: real words, never "corrected" into
    knowledge-base words ("short" is not a typo for "sort"). See faqbot/text/data/README.md."""
    return _word_list("common_words.txt")
