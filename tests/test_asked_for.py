"""What a question asks for ("who", "when") decides among the entries whose wordings ask it, and "who's right?"
asks for a verdict on the claims before it, not for a person (the sixty-ninth session; these messages are written
for these tests)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot

BOT = FAQBot.from_yaml()


@pytest.mark.parametrize(("text", "entry"), [
    # the top entry's words matched ("published studies") but none of its wordings asks when; the entry whose
    # wording asks when it was written is decided on instead
    ("when was this article published", "information-source"),
    ("when did this article come out?", "information-source"),
    # a verdict asked on two claims told before it
    ("My neighbour says LDN is a narcotic and my wife says it is not. Who is right?", "naltrexone-opioid"),
    ("A coworker says the FDA approved LDN years ago, my sister says it never did. Who's right?", "fda-status"),
])
def test_what_is_asked_for_finds_the_entry_that_asks_it(text: str, entry: str) -> None:
    reply = BOT.ask(text)
    assert (reply.kind, reply.id) == ("answer", entry), text


@pytest.mark.parametrize("text", [
    # a date no entry gives stays a did-you-mean or a fallback, whichever entry's words match
    "When did the FDA approve naltrexone for drinking?",
    "who discovered LDN?",
    "when was naltrexone invented?",
    # the entry matched second has a wording that asks who, but not the wording that matched ("What triggers
    # microglia?")
    "who are microglia",
    "who is right about microglia?",
])
def test_a_person_or_a_date_no_entry_gives_is_not_answered(text: str) -> None:
    assert BOT.ask(text).kind != "answer", text


def test_explain_says_why_the_top_entry_was_passed_over() -> None:
    _, trace = BOT.ask_traced("when was this article published")
    step = trace.step("decide")
    assert step is not None and step.summary.startswith("answer: `") and "never asks when" in step.summary
