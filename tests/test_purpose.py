"""A question ending on "for" asks what a thing is for (faqbot/text/purpose.py)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot
from faqbot.text.purpose import purpose_read


@pytest.mark.parametrize(("tokens", "read"), [
    ("what is ldn for", "what is ldn used for"),
    ("whats naltrexone for", "whats naltrexone used for"),
    ("what do people take ldn for", "what do people take ldn used for"),
    # "what's it for?" loses its "s"; the context stage puts the subject "it" stood for at the end
    ("ldn what it for ldn", "ldn what it used for ldn"),
    ("who is it for", "who is it used for"),
    # already said in the knowledge base's words, or another "for"
    ("what is ldn used for", "what is ldn used for"),
    ("what is naltrexone prescribed for", "what is naltrexone prescribed for"),
    ("what does ldn stand for", "what does ldn stand for"),
    ("whats ldn short for", "whats ldn short for"),
    ("what is ldn good for", "what is ldn good for"),
    # which pain, not what for; no question word; a "for" that is not the last word said
    ("what pain is ldn for", "what pain is ldn for"),
    ("is it for me", "is it for me"),
    ("what is the dose for fibromyalgia", "what is the dose for fibromyalgia"),
    ("for", "for"),
    ("", ""),
])
def test_purpose_read(tokens: str, read: str) -> None:
    assert " ".join(purpose_read(tokens.split())) == read


@pytest.mark.parametrize(("question", "entry"), [
    ("What do people take LDN for?", "ldn-conditions"),
    ("LDN, what's it for?", "ldn-conditions"),
    ("what's naltrexone for", "naltrexone-uses"),
    ("What is LDN?", "what-is-ldn"),
])
def test_what_a_thing_is_for_is_answered_by_its_uses(bot: FAQBot, question: str, entry: str) -> None:
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry)
