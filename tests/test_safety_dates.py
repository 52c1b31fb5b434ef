"""A decade told in a story is a time, not an amount, and where a sentence ends (the forty-sixth session; these
questions are written for these tests)."""

from __future__ import annotations

import pytest

from faqbot.safety import route
from faqbot.safety.engine import decades
from faqbot.safety.reading import read
from faqbot.text.fold import fold, tokens


@pytest.mark.parametrize(
    ("text", "decade"),
    [
        ("my uncle was on it in the 90s", "90"),
        ("back in the late 80s", "80"),
        ("mi tio bebia en los 70", "70"),
        ("dans les années 80", "80"),
        ("in den 90ern", "90"),
        ("negli anni '80", "80"),
        ("nos anos 90", "90"),
        # an age, a count, the usual tablets and an amount are no decade
        ("my aunt is in her late 80s", None),
        ("he took the 90 pills", None),
        ("tomé los 80 comprimidos", None),
        ("he makes his own from the 50s", None),
        ("in the 30 mg ones", None),
        ("me tomé los 80", None),
    ],
)
def test_a_decade_is_found_only_where_it_is_a_time(text: str, decade: str | None) -> None:
    words = tokens(fold(text))
    found = [words[i] for i in decades(words, frozenset({len(words)}))]
    assert found == ([decade] if decade else [])


def test_a_bracket_or_quote_beside_the_full_stop_still_ends_a_sentence() -> None:
    assert read("My dad has had MS for years (diagnosed in 2019). What does LDN do in general?").breaks == (10,)
    assert read('My dad has had MS for years and says "it is fine." What does LDN do in general?').breaks == (12,)


def test_a_spanish_question_stays_with_the_story_before_it() -> None:
    # Spanish leaves the subject out: "¿Puede tomarla?" names whom only through the sentence before it
    assert read("Mi abuela tiene artritis desde hace años. ¿Qué es la LDN exactamente?").breaks == ()
    found = route("Mi madre tiene lupus desde hace años. ¿Puede tomar LDN con sus otras pastillas?")
    assert found is not None and found.kind == "referral"


@pytest.mark.parametrize(
    "question",
    [
        "My granddad took naltrexone in the 80s to stop drinking. What is it normally used for?",
        "Mi tío estuvo en rehabilitación en los 90 y lo dejó. La naltrexona es un opioide?",
        "Was wussten Forscher in den 90ern über Naltrexon?",
    ],
)
def test_a_decade_in_a_story_names_no_amount(question: str) -> None:
    found = route(question)
    assert found is None or found.rule not in ("amount", "phrase-dose-number")


@pytest.mark.parametrize(
    "question",
    ["tomé los 80 comprimidos de naltrexona", "I took 90 pills of LDN",
     "my dad makes his LDN from the 50s, is that ok?"],
)
def test_a_count_beside_the_drug_is_still_read(question: str) -> None:
    assert route(question) is not None
