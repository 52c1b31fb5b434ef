"""A great many of the drug taken with no pill word, how someone feels on it in words no class lists, and an injury
to oneself said to be meant (the sixty-fourth session; these questions are written for these tests)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot
from faqbot.safety import route


@pytest.mark.parametrize(
    "question",
    [
        # a quantity said before what it counts, beside the verb, then a general question
        "My cousin has gulped down a heap of his LDN. Is it an opioid?",
        "she took loads of her naltrexone after the argument",
        "I knocked back a handful of my LDN, what happens now?",
        "my dad downed a good few of his LDN capsules",
        # hurting oneself, said to be meant
        "Ich habe mir gestern absichtlich die Hand verbrannt",
        "ich habe mich mit Absicht verletzt",
        "Me quemé el brazo a propósito anoche",
    ],
)
def test_an_emergency_told_without_the_older_rules_words_is_one(question: str) -> None:
    found = route(question)
    assert found is not None and found.kind == "emergency"


@pytest.mark.parametrize(
    "question",
    [
        # how long or how often, or how many people: no quantity taken at once
        "I took LDN for many years before my surgery",
        "many people took LDN in those trials, what did they find?",
        "I took loads of notes on LDN at the talk",
        # a drink, not the drug
        "I take LDN and I put away a load of coffee at work",
        # an accident, or nobody's act
        "Ich habe mich nicht absichtlich verbrannt, das war der Ofen",
    ],
)
def test_a_count_an_accident_or_a_drink_is_no_such_emergency(question: str) -> None:
    found = route(question)
    assert found is None or found.rule not in ("many-of-the-drug-taken", "hurt-oneself-on-purpose")


@pytest.mark.parametrize(
    "question",
    [
        "My dad feels very tired on LDN. What could it be?",
        "my sister has been feeling low on naltrexone, is that the tablets?",
        "He seems so flat on LDN. Why would that be?",
    ],
)
def test_how_someone_feels_on_the_drug_is_referred(question: str, bot: FAQBot) -> None:
    assert bot.ask(question).kind in ("referral", "emergency")


@pytest.mark.parametrize(
    "question",
    [
        "My dad feels LDN is overhyped. What is it?",
        "Do people feel tired on LDN?",
    ],
)
def test_an_opinion_or_people_in_general_is_not_a_case(question: str) -> None:
    found = route(question)
    assert found is None or found.rule != "someone-feels-on-it"
