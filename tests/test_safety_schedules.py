"""How often it is to be taken is a schedule to refer, not an overdose; taking it twice is still one (the seventieth
session; these messages are written for these tests)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot

BOT = FAQBot.from_yaml()


@pytest.mark.parametrize("text", [
    "How often should LDN be taken, once a day or twice?",
    "should LDN be taken once or twice a day?",
    "can naltrexone be taken twice daily?",
    "can it be taken twice a week?",
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
    "I've had my prescription refused twice. Is LDN FDA approved?",
    "I had to refill my LDN twice this month. Is it expensive?",
    "how does naltrexone work? I've had it explained to me twice and I still don't get it",
])
def test_something_done_twice_is_no_double_dose(text: str) -> None:
    assert BOT.ask(text).kind != "emergency", text


@pytest.mark.parametrize("text", [
    "My flatmate has scoffed a heap of her LDN. What are the side effects?",
    "My brother necked half the pot of his LDN. What is naltrexone?",
    "he knocked back a few of his LDN with a beer",
    "I necked a whole month's supply of LDN. What is it?",
    "took 30. goodbye",
    "I've taken LDN for years and tonight I took fifteen",
])
def test_many_swallowed_or_a_bare_count_taken_is_an_emergency(text: str) -> None:
    assert BOT.ask(text).kind == "emergency", text


@pytest.mark.parametrize("text", [
    "I took a heap of LDN leaflets from the clinic. What is LDN?",
    "I took a month's supply of LDN on holiday with me. Does it need to stay cold?",
    "I've taken a lot of LDN over the years. How does it work?",
    "My wife has taken LDN for several years. Is it expensive?",
])
def test_the_drug_carried_or_taken_for_years_is_no_overdose(text: str) -> None:
    assert BOT.ask(text).kind != "emergency", text


@pytest.mark.parametrize("text", [
    "I had to take my dose twice today",
    "had repeated my dose twice",
    "can it be taken twice a day? I took it twice a day all week",
])
def test_a_second_dose_told_with_had_to_or_repeated_is_still_an_emergency(text: str) -> None:
    assert BOT.ask(text).kind == "emergency", text


@pytest.mark.parametrize("text", [
    "The pharmacy took 20 today for my LDN, is that the normal price?",
    "our team took 30 today in the quiz! anyway what is LDN",
    "I swallowed a lot of info about LDN. What is it?",
    "ate a pile of pancakes. is LDN FDA approved?",
    "necked half the bottle of gin last night, can i take my ldn today",
    "we downed the entire pot of coffee, does caffeine affect LDN",
    "I took 6, 9 and then 12 weeks to see results",
    "I've downed loads of LDN articles today. what's it made of",
])
def test_a_count_of_something_else_is_no_overdose(text: str) -> None:
    assert BOT.ask(text).kind != "emergency", text
