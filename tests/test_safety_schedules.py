"""How often it is to be taken is a schedule to refer, not an overdose; taking it twice is still one, and how the asker
feels on it is their case (the seventieth session; these messages are written for these tests)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot

BOT = FAQBot.from_yaml()


@pytest.mark.parametrize("text", [
    "How often should LDN be taken, once a day or twice?",
    "should LDN be taken once or twice a day?",
    "can naltrexone be taken twice daily?",
    "is low dose naltrexone taken once daily or twice?",
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
    # a schedule told as taken is a double dose (a review)
    "I took it twice a day for 3 days instead of once",
    "Mom took her LDN twice daily all week",
])
def test_taking_it_twice_is_still_an_emergency(text: str) -> None:
    assert BOT.ask(text).kind == "emergency", text


@pytest.mark.parametrize("text", [
    "I've been feeling wiped out on LDN. Is that common?",
    "I'm a teacher and feel awful on LDN. What are the side effects?",
    "i feel so foggy on naltrexone, why",
])
def test_how_the_asker_feels_on_it_is_referred(text: str) -> None:
    assert BOT.ask(text).kind == "referral", text


@pytest.mark.parametrize("text", [
    "Do people feel tired on LDN?",
    "I feel the science on naltrexone is thin. What do the trials show?",
    "What side effects do people report on LDN?",
    "I'm nervous about side effects on LDN. Are they common?",
    "I'm a pharmacist. What side effects are reported on LDN?",
])
def test_how_people_feel_on_it_is_still_a_general_question(text: str) -> None:
    assert BOT.ask(text).kind == "answer", text
