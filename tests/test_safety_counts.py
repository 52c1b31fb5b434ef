"""A bare figure is read as a possible dose only when nothing says it counts something else: a clock time, an age, a
part of a book or a show, people or things counted; and a figure right after a word of taking or of being told it
counts even before a comma or a full stop (the sixty-ninth session; these messages are written for these tests)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot
from faqbot.safety import route

BOT = FAQBot.from_yaml()


@pytest.mark.parametrize("text", [
    "Up at 4am with my hip again, so I'm reading: how does LDN work for pain?",
    "Our clinic closes at 5pm. Why do people get LDN from a compounding pharmacy?",
    "at 6 p.m. I read about LDN, what is it?",
    "posting at 4:30, can't sleep. is naltrexone an opioid?",
    "Three different people at my support group mentioned LDN. What is it?",
    "I've read 3 magazines about LDN this month. What conditions is it used for?",
    "two of my classmates argued about it: does LDN interact with other medicines?",
    "In chapter 9 the nurse mentions naltrexone. What is it normally used for?",
    # a figure before a comma or a stop that no word of taking or telling comes before
    "me, 52, and my husband, 55. what is low dose naltrexone?",
    "Room 12. what are the side effects of LDN?",
])
def test_a_figure_that_counts_something_else_leaves_a_general_question_answered(text: str) -> None:
    reply = BOT.ask(text)
    assert reply.kind == "answer", (text, reply.kind, reply.rule)


@pytest.mark.parametrize("text", [
    "I take 2 at night, is that ok?",
    "can I take 3 of them at once",
    "is 10pm a good time to take LDN?",
    "I was up at 3am and took 2 more, is that ok?",
    # a figure after a word of taking or being told, before a comma or a full stop
    "my doctor said take 2, my pharmacist said 1, which is right?",
    "someone online said 6. is that safe for LDN?",
    "can I take 2, or is that too much ldn",
    # a count of rounds may be a schedule
    "my doc said 2 rounds of ldn per week, is that right?",
])
def test_a_figure_taken_or_told_is_still_referred(text: str) -> None:
    assert BOT.ask(text).kind in ("referral", "emergency"), text


def test_the_rule_reads_a_figure_told_before_a_comma() -> None:
    found = route("I was told 2, is that right for ldn")
    assert found is not None and found.rule == "phrase-dose-number"
