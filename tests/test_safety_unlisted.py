"""How someone feels on the drug in words no class lists, and being on it said as "it" or as people say it in the other
languages (the sixty-fourth session; these questions are written for these tests)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot
from faqbot.safety import route


@pytest.mark.parametrize(
    "question",
    [
        "My dad feels very tired on LDN. What could it be?",
        "my sister has been feeling low on naltrexone, is that the tablets?",
        "He seems so flat on LDN. Why would that be?",
        # a question after it does not set the case aside, as a story of someone else would be
        "my mum feels wiped out on LDN, what is it used for?",
    ],
)
def test_how_someone_feels_on_the_drug_is_referred(question: str, bot: FAQBot) -> None:
    assert bot.ask(question).kind in ("referral", "emergency")


@pytest.mark.parametrize(
    "question",
    [
        "My dad feels LDN is overhyped. What is it?",
        "Do people feel tired on LDN?",
        # an opinion about something said on the drug
        "my brother feels the hype around LDN coverage on naltrexone is silly",
        "my aunt feels the science on LDN is thin",
    ],
)
def test_an_opinion_or_people_in_general_is_not_a_case(question: str) -> None:
    found = route(question)
    assert found is None or found.rule != "someone-feels-on-it"


@pytest.mark.parametrize(
    "question",
    [
        # being on the drug said as "it", after a question that names it
        "Is LDN an opioid? Been on it since March and my mouth is always dry.",
        # in the other languages, as people say they are taking it now
        "estoy usando LDN desde hace un mes y tengo pesadillas, ¿es normal?",
        "tô usando a LDN faz três semanas e não senti nada, é normal?",
        "sto usando LDN da due settimane e dormo malissimo",
        "nehm das LDN seit Januar und schlafe schlecht, ist das normal?",
        "Ich bin seit zwei Monaten auf LDN und habe Kopfweh",
    ],
)
def test_being_on_it_now_is_referred(question: str) -> None:
    found = route(question)
    assert found is not None and found.kind == "referral"
