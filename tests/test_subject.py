"""A follow-up read with its pronoun as the drug: the reading routed beside it (faqbot.safety.subject)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot
from faqbot.safety import with_subject

BOT = FAQBot.from_yaml()


@pytest.mark.parametrize(("text", "read"), [
    ("so how long till it kicks in for me", "so how long till LDN kicks in for me"),
    ("my mum is on it. should she stop?", "my mum is on LDN. should she stop?"),
    ("how much of it would I need at 90 kilos?", "how much of LDN would i need at 90 kilos?"),
    ("me pasa desde hace días, ¿lo dejo?", "me pasa desde hace dias LDN dejo?"),
])
def test_the_first_pronoun_is_read_as_the_drug(text: str, read: str) -> None:
    assert with_subject(text, "LDN") == read


@pytest.mark.parametrize("text", [
    "is it true they're 80% of the nervous system?",  # nobody named: "it" asks of the topic
    "how does LDN stop that for me?",  # the drug named: "that" is something else
    "my cousin reckons it's 1 in 100",  # a figure, not asked how much: a statistic
    "and what triggers them in me?",  # no pronoun that stands for the drug
    "explain it to me",  # "me" is who is told
])
def test_no_reading_where_the_pronoun_is_not_the_drug(text: str) -> None:
    assert with_subject(text, "LDN") is None


@pytest.mark.parametrize(("context", "question"), [
    ("ldn-mechanism", "how long before it kicks in for me then?"),
    ("side-effects", "me pasa desde hace días, ¿lo dejo?"),  # another language: routed before "English only"
])
def test_a_follow_up_about_someone_with_a_pronoun_for_the_drug_is_referred(context: str, question: str) -> None:
    assert BOT.ask(question, context=context).kind == "referral"


@pytest.mark.parametrize(("context", "question", "entry"), [
    ("microglia", "is it true they're 80% of the nervous system?", "microglia"),
    ("microglia-activation-effects", "how does LDN stop that?", "ldn-mechanism"),
])
def test_a_pronoun_that_points_at_the_topic_is_still_answered(context: str, question: str, entry: str) -> None:
    reply = BOT.ask(question, context=context)
    assert (reply.kind, reply.id) == ("answer", entry)


def test_an_unknown_context_adds_no_reading() -> None:
    assert BOT.ask("me pasa desde hace días, ¿lo dejo?", context="no-such-entry").kind == "fallback"
