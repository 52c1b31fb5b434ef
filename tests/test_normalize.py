"""Normalisation: clean() and words(), and the Normalizer's spelling correction and synonyms."""

from __future__ import annotations

import pytest

from faqbot.text import STOPWORDS, Normalizer, clean, stem, words
from faqbot.text.efficacy import efficacy_read, mechanism_read

# --- clean(): (input, expected) ---------------------------------------------------------------

CLEAN_CASES = [
    # NFKC: compatibility forms fold to the plain letters people mean
    ("\uff2c\uff24\uff2e", "ldn"),  # fullwidth LDN
    ("\ufb01bromyalgia", "fibromyalgia"),  # fi ligature
    ("\u2460 microglia", "1 microglia"),  # circled digit one
    ("x\u00b2", "x2"),  # superscript two
    ("caf\u0065\u0301", "caf\u00e9"),  # e + combining acute composes
    ("\u212bngstr\u00f6m", "\u00e5ngstr\u00f6m"),  # angstrom sign
    # casefold, not just lower()
    ("LOW DOSE NALTREXONE", "low dose naltrexone"),
    ("Stra\u00dfe", "strasse"),
    ("\u03a3\u039f\u03a3", "\u03c3\u03bf\u03c3"),  # Greek capitals casefold uniformly
    # zero-width and format characters disappear
    ("l\u200bd\u200cn", "ldn"),
    ("nal\u200dtrex\u2060one", "naltrexone"),
    ("\ufeffwhat is ldn", "what is ldn"),
    ("ldn\u00ad", "ldn"),  # soft hyphen
    ("a\u202eb\u202cc", "abc"),  # bidi override
    # control characters disappear; whitespace controls become one space
    ("a\x00b", "ab"),
    ("\x1b[31mred\x1b[0m", "[31mred[0m"),
    ("what\x07 is\x7f ldn", "what is ldn"),
    ("a\tb\nc\r\nd", "a b c d"),
    ("a\x0bb\x0cc", "a b c"),
    # whitespace collapses and is trimmed, including non-breaking and ideographic spaces
    ("   what   is  ldn   ", "what is ldn"),
    ("what\u00a0is\u2003ldn\u3000", "what is ldn"),
    # curly quotes and dashes become plain ones
    ("\u2018ldn\u2019 and \u201cfda\u201d", "'ldn' and \"fda\""),
    ("isn\u2019t", "isn't"),
    ("low\u2013dose \u2014 x \u2212 y", "low-dose - x - y"),
    # nothing left
    ("", ""),
    ("   \t\n ", ""),
    ("\u200b\u200b", ""),
    ("\x00\x01\x02", ""),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN_CASES)
def test_clean(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(("raw", "_"), CLEAN_CASES)
def test_clean_is_idempotent(raw, _):
    once = clean(raw)
    assert clean(once) == once


@pytest.mark.parametrize(
    ("raw", "limit", "expected"),
    [
        ("what is ldn", 7, "what is"),
        ("what is ldn", 1000, "what is ldn"),
        ("  ldn", 3, "l"),
        ("ldn", 0, ""),
    ],
)
def test_clean_limit_cuts_before_normalising(raw, limit, expected):
    assert clean(raw, limit) == expected


# --- words(): contractions and word splitting ---------------------------------------------------


@pytest.mark.parametrize(
    ("cleaned", "expected"),
    [
        ("isn't ldn approved", ["is", "not", "ldn", "approved"]),
        ("can't ldn help", ["can", "not", "ldn", "help"]),
        ("cant sleep", ["can", "not", "sleep"]),
        ("won't it work", ["will", "not", "it", "work"]),
        ("doesn't work", ["does", "not", "work"]),
        ("i'm curious", ["i", "am", "curious"]),
        ("they've tried", ["they", "ve", "tried"]),
        ("crohn's disease", ["crohn", "disease"]),
        ("the body's own painkillers", ["the", "body", "own", "painkillers"]),
        ("ldn, fda & microglia!?", ["ldn", "fda", "microglia"]),
        ("anti-inflammatory", ["anti", "inflammatory"]),
        ("under_score", ["under", "score"]),
        ("4.5 mg", ["4", "5", "mg"]),
        ("naltrexona é ótima", ["naltrexona", "é", "ótima"]),
        ("", []),
        ("?!...", []),
    ],
)
def test_words(cleaned, expected):
    assert words(cleaned) == expected


# --- a Normalizer on a small, known vocabulary --------------------------------------------------

SYNONYMS = {
    "ldn": ["low dose naltrexone", "l.d.n"],
    "pharmacy": ["chemist", "drug store"],
    "side effects": ["adverse effects", "downsides"],
    "multiple sclerosis": ["ms"],
}
CORPUS = [
    "What are microglia?",
    "Microglia are immune cells of the nervous system.",
    "Why do people get LDN from compounding pharmacies?",
    "Endorphins are natural painkillers.",
    "Fibromyalgia and rheumatoid arthritis.",
]


@pytest.fixture(scope="module")
def small() -> Normalizer:
    return Normalizer(SYNONYMS, CORPUS)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("microgila", "microglia"),  # transposed letters
        ("mircoglia", "microglia"),
        ("microglial", "microglia"),  # one extra letter
        ("endorphns", "endorphins"),  # one missing letter
        ("fibromyalga", "fibromyalgia"),
        ("compoundng", "compounding"),
        ("rheumatiod", "rheumatoid"),
        # spelt as heard: too many edits for a fuzzy match, one sound away
        ("endorfins", "endorphins"),
        ("farmacies", "pharmacies"),
        ("imune", "immune"),
    ],
)
def test_spelling_is_corrected_towards_known_words(small, typed, expected):
    assert small.correct(typed) == expected


@pytest.mark.parametrize(
    "word",
    [
        "microglia",  # already known
        "cancer",  # a real word the knowledge base does not use stays itself
        "ketamine",
        "glia",  # too short to correct (under five letters)
        "mcrg",
        "ldm",
        "12345",  # not letters
        "micr0glia",
        "xylophone",
        "asdfghjkl",
    ],
)
def test_words_that_must_not_be_corrected(small, word):
    assert small.correct(word) == word


@pytest.mark.parametrize(
    ("inflected", "known"),
    [
        ("pharmacy", "pharmacies"),
        ("pharmacis", "pharmacies"),
        ("endorphin", "endorphins"),
        ("compounded", "compounding"),
    ],
)
def test_inflections_share_the_known_words_terms(small, inflected, known):
    assert small.analyze(inflected).terms == small.analyze(known).terms


def test_correction_is_cached_and_stable(small):
    assert small.correct("microgila") == small.correct("microgila") == "microglia"


@pytest.mark.parametrize(
    ("text", "expected_words"),
    [
        ("low dose naltrexone", ("ldn",)),
        ("Low-Dose Naltrexone", ("ldn",)),
        ("L.D.N", ("ldn",)),
        ("chemist", ("pharmacy",)),
        ("a drug store near me", ("a", "pharmacy", "near", "me")),
        ("adverse effects", ("side", "effects")),
        ("ms", ("multiple", "sclerosis")),
        ("ldn for ms", ("ldn", "for", "multiple", "sclerosis")),
        ("microgila cells", ("microglia", "cells")),
    ],
)
def test_synonyms_and_corrections_in_analyze(small, text, expected_words):
    assert small.analyze(text).words == expected_words


def test_analyze_terms_drop_stop_words_stem_and_dedupe(small):
    analysis = small.analyze("What are the microglia, and what do microglia do?")
    assert analysis.cleaned == "what are the microglia, and what do microglia do?"
    assert analysis.terms == ("microglia",)
    assert not set(analysis.terms) & STOPWORDS


def test_analyze_of_nothing(small):
    analysis = small.analyze("  \u200b ")
    assert (analysis.cleaned, analysis.words, analysis.terms) == ("", (), ())


def test_analyze_respects_limit(small):
    assert small.analyze("microglia endorphins", limit=9).words == ("microglia",)


def test_normalizer_without_synonyms(small):
    plain = Normalizer({}, CORPUS)
    assert plain.analyze("chemist ms").words == ("chemist", "ms")


# --- the bundled knowledge base's normalizer: variants land on the same terms -------------------

SAME_TERMS = [
    ("low dose naltrexone", "ldn"),
    ("LOW-DOSE NALTREXONE", "ldn"),
    ("l d n", "ldn"),
    ("Revia", "naltrexone"),
    ("fibro", "fibromyalgia"),
    ("chemist", "pharmacy"),
    ("drugstore", "pharmacy"),
    ("adverse effects", "side effects"),
    ("side-effects", "side effects"),
    ("downsides", "side effects"),
    ("food and drug administration", "fda"),
    ("micro glia", "microglia"),
    ("glial cells", "microglia"),
    ("neuropathic pain", "nerve pain"),
    ("trouble sleeping", "insomnia"),
    ("pain killers", "painkillers"),
    ("ms", "multiple sclerosis"),
    ("microgila", "microglia"),
    ("naltrexon", "naltrexone"),
    ("fibromyalga", "fibromyalgia"),
    ("insomnai", "insomnia"),
    ("pharmacis", "pharmacies"),
    ("pian", "pain"),
    ("\uff2c\uff24\uff2e", "ldn"),
    ("LDN\u200b", "ldn"),
]


@pytest.mark.parametrize(("variant", "canonical"), SAME_TERMS)
def test_bundled_variants_share_terms(bot, variant, canonical):
    assert bot.normalizer.analyze(variant).terms == bot.normalizer.analyze(canonical).terms


@pytest.mark.parametrize("word", ["cancer", "diabetes", "ketamine", "football", "migraine"])
def test_bundled_normalizer_keeps_unknown_real_words(bot, word):
    assert bot.normalizer.correct(word) == word


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["what", "switches", "them", "on"], ["what", "switches", "on", "them"]),
        (["sets", "it", "off"], ["sets", "off", "it"]),
        (["turn", "on", "them"], ["turn", "on", "them"]),  # already particle first
        (["them", "on"], ["them", "on"]),  # no verb before the pronoun
        (["is", "it", "on", "them"], ["is", "it", "on", "them"]),  # "it on" after "is": no phrasal verb moved
    ],
)
def test_a_pronoun_inside_a_phrasal_verb_moves_after_its_particle(tokens: list[str], expected: list[str]) -> None:
    from faqbot.text.normalize import _particle_first

    assert _particle_first(tokens) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("saftey", "safety"),  # tied with "safely" on the ratio; two swapped letters are one slip
        ("endorfins", "endorphins"),
        ("medicare", "medicare"),  # a word of the data lists names a topic, it is no slip
        ("agonist", "agonist"),  # three letters from "antagonist": a different word, not a slip of it
    ],
)
def test_bundled_corrections_are_slips(bot, typed, expected):
    assert bot.normalizer.correct(typed) == expected


@pytest.mark.parametrize(("text", "topic"), [("ldn for autism, any evidence?", "autism"),
                                             ("does medicare pay for ldn", "medicar")])
def test_an_illness_or_aspect_no_entry_uses_is_the_topic(bot, text, topic):
    assert topic in bot.normalizer.analyze(text).rare


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("who wrote this article?", "who"),
        ("ok so who invented naltrexone", "who"),
        ("In what year was it approved?", "when"),
        ("History question: when did doctors first use it?", "when"),
        ("what happens when microglia are activated?", None),  # "when" inside a question about what
        ("does it help with cravings when you quit drinking?", None),  # a yes-or-no question
        ("when you take ldn what happens", None),  # "when" opening a condition, not asking a time
        ("A friend who works in a clinic says LDN helps. Is that true?", None),  # a relative "who"
        # "who's right:" frames the question after it, and ends a message as a verdict asked on the claims before it
        ("My aunt and uncle disagree, so who is right - does LDN block opioids?", None),
        ("My uncle says naltrexone is a narcotic and my aunt says it isn't. Who's right?", None),
        ("who is right?", None),
        # ... but "who is right for it" asks which people
        ("who is right for LDN?", "who"),
        ("who is LDN right for?", "who"),
    ],
)
def test_what_a_question_asks_for(question, asks):
    from faqbot.text.asking import asks_for

    assert asks_for(clean(question)) == asks


@pytest.mark.parametrize(("text", "phrase"), [("what switches microglia on?", "activated"),
                                              ("what sets microglia off", "trigger")])
def test_a_one_word_object_inside_a_known_phrasal_verb(bot, text, phrase):
    assert phrase in bot.normalizer.analyze(text).words


@pytest.mark.parametrize(("word", "other"), [("effective", "effects"), ("effectiveness", "effect")])
def test_efficacy_is_kept_apart_from_effects(word, other):
    # "how effective is LDN?" asks whether it works, not what effects it has
    assert stem(word) == stem("efficacy") != stem(other)


@pytest.mark.parametrize(
    ("disguised", "plain"),
    [
        ("LD\u039d side effects", "ldn side effects"),  # a Greek capital Nu, whose small letter looks like a v
        ("\u0455ide effect\u0455 of LDN", "side effects of ldn"),  # Cyrillic small dze
        ("w h a t  i s  L D N", "what i s ldn"),  # letters spelt out, a wider gap between words
    ],
)
def test_the_matcher_reads_look_alike_letters_and_spelt_words_as_safety_does(disguised: str, plain: str) -> None:
    from faqbot.text.fold import cleaned_latin, fold

    assert cleaned_latin(disguised) == plain
    assert fold(disguised) == plain


@pytest.mark.parametrize(("typed", "expected"), [("interacshuns", "interactions"), ("medisines", "medicines")])
def test_a_word_spelt_as_heard_is_read_as_written(typed, expected):
    normalizer = Normalizer({}, ["Does LDN have interactions with other medicines?"])
    assert normalizer.correct(typed) == expected


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("sid efects of ldn", "side effects of ldn"),  # "sid" alone would be "said"; "side effects" is a pair
        ("hw does ldn wrk", "how does ldn work"),
        ("hw does it wrk", "how does it work"),  # "does ... work" with a word between
        ("what triggers microglia cels", "what triggers microglia cells"),
    ],
)
def test_a_slip_is_put_right_by_the_words_beside_it(bot, typed, meant):
    assert bot.normalizer.analyze(typed).words == bot.normalizer.analyze(meant).words


@pytest.mark.parametrize(("text", "word"), [("my neighbour mentioned ldn at the bus stop", "bus"),
                                            ("who ran the first trial of ldn", "ran"),
                                            ("ok pero mi prima uses ldn", "mi")])
def test_a_real_word_is_not_moved_by_the_words_beside_it(bot, text, word):
    # only letters left out or two swapped count: "bus" is not "us", "ran" not "can", "mi" not "ms"
    assert word in bot.normalizer.analyze(text).words


@pytest.mark.parametrize(("question", "effective"), [
    ("does it work?", True),
    ("does ldn really work?", True),
    ("and it works?", True),
    ("does it work though?", True),
    ("does it work at all", True),
    ("it works naltrexone", True),  # a follow-up read with its topic put after it
    ("how does it work?", False),
    ("naltrexone works how", False),
    ("what type of pain does ldn work for", False),
    ("does ldn work on nerve pain", False),
    ("does ldn work for fibromyalgia", False),
    ("does it work by blocking receptors", False),
    ("can I take it before work", False),
    ("I take it after work", False),
    ("is ldn proven to work", False),
    # "help" asked of a group just told of is whether it works for them; with what or for whom, it names that
    ("does naltrexone help them?", True),
    ("and does it actually help those people?", True),
    ("how does naltrexone help them?", False),
    ("does ldn help with sleep?", False),
    ("does ldn help people with ms?", False),
    ("does it help fibromyalgia", False),
])
def test_a_yes_or_no_work_question_asks_whether_it_is_effective(question: str, effective: bool) -> None:
    read = efficacy_read(words(clean(question)))
    assert ("effective" in read) is effective, read


@pytest.mark.parametrize(("question", "mechanism"), [
    ("how does LDN help?", True),
    ("how does low dose naltrexone work exactly", True),
    ("how can the drug help then", True),
    ("how does LDN help people with MS?", False),  # asks for whom
    ("how does it work for fibromyalgia", False),
    ("does LDN help?", False),  # whether, not how
    ("how long does LDN take to work", False),  # how long the wait is
])
def test_how_does_something_help_or_work_asks_for_the_mechanism(question: str, mechanism: bool) -> None:
    read = mechanism_read(words(clean(question)))
    assert ("mechanism" in read) is mechanism, read


def test_does_it_work_after_recovery_asks_how_successful_naltrexone_is(bot) -> None:
    # "how does it work?" is the mechanism; "and does it actually work?" after how it helps recovery is
    # whether it is effective, the success entry
    assert bot.ask("and does it actually work?", context="naltrexone-recovery").id == "naltrexone-success"
    assert bot.ask("how does naltrexone work?").id == "naltrexone-mechanism"


@pytest.mark.parametrize(("question", "read"), [
    ("is naltrexone safe in low doses?", "is ldn safe"),
    ("what illnesses is naltrexone used for when it's given at a low dose?", "what illnesses is ldn used for"),
    # what the low dose does, or what is special about it, is the low-dose entry's own question
    ("what effects does naltrexone have at low doses?", "what effects does naltrexone have at low doses"),
    ("why use naltrexone at such a low dose at all?", "why use naltrexone at such a low dose at all"),
    # "side effects" is an aspect of its own
    ("what side effects does naltrexone have at a low dose", "what side effects does ldn have"),
])
def test_naltrexone_named_apart_from_its_low_dose_is_ldn(question: str, read: str) -> None:
    from faqbot.text.lowdose import low_dose_read

    assert " ".join(low_dose_read(words(clean(question)))) == read
