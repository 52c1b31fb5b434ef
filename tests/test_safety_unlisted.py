"""How someone feels on the drug in words no class lists, being put on it said as "it", and a symptom since it (the
sixty-fourth session; these questions are written for these tests)."""

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
        "my uncle seems dead set on LDN, is it approved?",
    ],
)
def test_an_opinion_or_people_in_general_is_not_a_case(question: str) -> None:
    found = route(question)
    assert found is None or found.rule != "someone-feels-on-it"


@pytest.mark.parametrize(
    "question",
    [
        # put on the drug, said as "it", after a question that names it
        "Is LDN an opioid? Was put on it in March and my mouth is always dry.",
        "my GP started me on it and I sleep terribly",
        # a symptom since the drug
        "bad headaches since LDN, is that a thing?",
        "cauchemars affreux depuis la LDN, c'est normal ?",
    ],
)
def test_being_on_it_or_a_symptom_since_it_is_referred(question: str) -> None:
    found = route(question)
    assert found is not None and found.kind == "referral"


@pytest.mark.parametrize(
    "question",
    [
        # "it" as an everyday pronoun in another language, a reason given with "since", an opinion
        "ich nehme es dir nicht übel, was ist LDN?",
        "I take it LDN is not an opioid?",
        "Been taking it easy this week. What are endorphins?",
        "since LDN is cheap, why is it not licensed for pain?",
        "my cousin seems keen on LDN, what is it?",
    ],
)
def test_an_everyday_it_a_reason_or_an_opinion_is_not_read_as_a_case(question: str) -> None:
    found = route(question)
    assert found is None or found.rule not in ("on-it-told", "since-the-drug", "someone-feels-on-it")


def test_an_emergency_beside_being_on_it_keeps_its_reply(bot: FAQBot) -> None:
    # the rule that reads "put me on it" keeps the second opinion's usual bar (a review found jaundice referred)
    assert bot.ask("my GP put me on it and the whites of my eyes have gone yellow").kind == "emergency"
