""""Who's right?" after two claims asks for a verdict on them, not for a person, so the question is matched as any
other; "who" or "when" asked of something no entry gives still is not answered (the sixty-ninth session; these
messages are written for these tests)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot

BOT = FAQBot.from_yaml()


@pytest.mark.parametrize(("text", "entry"), [
    ("My neighbour says LDN is a narcotic and my wife says it is not. Who is right?", "naltrexone-opioid"),
    ("A coworker says the FDA approved LDN years ago, my sister says it never did. Who's right?", "fda-status"),
])
def test_a_verdict_asked_on_two_claims_is_answered(text: str, entry: str) -> None:
    reply = BOT.ask(text)
    assert (reply.kind, reply.id) == ("answer", entry), text


@pytest.mark.parametrize("text", [
    "When did the FDA approve naltrexone for drinking?",
    "who discovered LDN?",
    "when was naltrexone invented?",
    "who are microglia",
    # "who is right about ..." with no claims before it may ask for a person
    "who is right about microglia?",
    # the article's date is not something it gives (the knowledge base's own note on its source entry)
    "when was this article published",
])
def test_a_person_or_a_date_no_entry_gives_is_not_answered(text: str) -> None:
    assert BOT.ask(text).kind != "answer", text
