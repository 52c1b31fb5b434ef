"""A bare figure is read as a possible dose only when nothing says it counts something else: a part of a book or a
show, people or things counted. A clock time still counts: "is 10pm a good time for ldn?" asks when to take it
(the sixty-ninth session; these messages are written for these tests)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot

BOT = FAQBot.from_yaml()


@pytest.mark.parametrize("text", [
    "Three different people at my support group mentioned LDN. What is it?",
    "I've read 3 magazines about LDN this month. What conditions is it used for?",
    "two of my classmates argued about it: does LDN interact with other medicines?",
    "In chapter 9 the nurse mentions naltrexone. What is it normally used for?",
])
def test_a_figure_that_counts_something_else_leaves_a_general_question_answered(text: str) -> None:
    reply = BOT.ask(text)
    assert reply.kind == "answer", (text, reply.kind, reply.rule)


@pytest.mark.parametrize("text", [
    "I take 2 at night, is that ok?",
    "can I take 3 of them at once",
    "is 10pm a good time to take LDN?",
    "I was up at 3am and took 2 more, is that ok?",
    # a clock time asked about is when to take it
    "is 10pm a good time for ldn?",
    "my GP says 7am, the pharmacist says 9pm for my LDN, who's right?",
    # a count of rounds may be a schedule
    "my doc said 2 rounds of ldn per week, is that right?",
])
def test_a_figure_taken_or_told_is_still_referred(text: str) -> None:
    assert BOT.ask(text).kind in ("referral", "emergency"), text
