"""How often it is taken is a schedule to refer, not an overdose; taking it twice is still one (the seventieth session;
these messages are written for these tests)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot

BOT = FAQBot.from_yaml()


@pytest.mark.parametrize("text", [
    "How often should LDN be taken, once a day or twice?",
    "should LDN be taken once or twice a day?",
    "can naltrexone be taken twice daily?",
    "is low dose naltrexone taken once daily or twice?",
    # Italian says what must be done in the passive
    "La LDN va presa a stomaco vuoto o durante i pasti?",
    "Vanno prese la sera le capsule di LDN?",
])
def test_a_choice_of_how_often_is_a_referral_not_an_emergency(text: str) -> None:
    reply = BOT.ask(text)
    assert (reply.kind, reply.rule and reply.rule.startswith("second-opinion")) == ("referral", False), \
        (text, reply.kind, reply.rule)


@pytest.mark.parametrize("text", [
    "I took my LDN twice today by mistake",
    "my son took his pills twice this morning",
    "I had my LDN twice this morning",
    "took it twice, then once more, feeling odd",
])
def test_taking_it_twice_is_still_an_emergency(text: str) -> None:
    assert BOT.ask(text).kind == "emergency", text


@pytest.mark.parametrize("text", [
    "I have trouble sleeping on LDN. Is that common?",
    "I'm a teacher and feel awful on LDN. What are the side effects?",
    "i feel so foggy on naltrexone, why",
    # the verb's ending says "I": "I take double since the fall, is that ok?"
    "Dalla caduta ne prendo il doppio, va bene?",
    "da lunedì ne prendo il triplo, è un problema?",
])
def test_the_askers_own_state_or_amount_is_referred(text: str) -> None:
    assert BOT.ask(text).kind == "referral", text


@pytest.mark.parametrize("text", [
    "Do people feel tired on LDN?",
    "I feel the science on naltrexone is thin. What do the trials show?",
    "What side effects do people report on LDN?",
])
def test_how_people_feel_on_it_is_still_a_general_question(text: str) -> None:
    assert BOT.ask(text).kind == "answer", text
