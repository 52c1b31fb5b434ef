"""Follow-up questions read against the previous answer's entry (``FAQBot.ask(text, context=id)``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot import FAQBot

BOT = FAQBot.from_yaml()
IDS = [e.id for e in BOT.kb.entries]


@pytest.mark.parametrize(
    ("context", "question", "kind", "entry"),
    [
        ("microglia", "what triggers them?", "answer", "microglia-triggers"),
        ("microglia-triggers", "and in healthy people?", "answer", "microglia-triggers"),
        ("ldn-conditions", "what about migraines?", "fallback", None),
        ("microglia", "what is ldn", "answer", "what-is-ldn"),  # complete on its own
        ("microglia", "how much of it should I take?", "referral", None),
        ("what-is-ldn", "can my mum take it?", "referral", None),
    ],
)
def test_follow_ups_are_read_in_context(context: str, question: str, kind: str, entry: str | None) -> None:
    reply = BOT.ask(question, context=context)
    assert (reply.kind, reply.id) == (kind, entry)


def test_tell_me_more_offers_the_context_entrys_related_questions() -> None:
    entry = BOT.kb.entry("microglia")
    reply = BOT.ask("tell me more", context="microglia")
    assert reply.kind == "fallback" and [s.id for s in reply.suggestions] == list(entry.related)


@pytest.mark.parametrize("context", [None, "", "no-such-entry", "MICROGLIA", " microglia"])
def test_unknown_or_empty_context_is_ignored(context: str | None) -> None:
    assert BOT.ask("what triggers them?", context=context) == BOT.ask("what triggers them?")


def test_a_non_string_context_is_ignored() -> None:
    assert BOT.ask("what is ldn", context=42) == BOT.ask("what is ldn")  # type: ignore[arg-type]


def test_explain_shows_how_the_context_was_used() -> None:
    _, trace = BOT.ask_traced("what triggers them?", "microglia")
    step = trace.step("context")
    assert step is not None and "microglia" in step.summary and "read as" in step.summary


REFERRED = ["how much should i take", "what dose of it for my fibro", "can my husband take it with his meds",
            "is it ok for me while pregnant", "I took too many of them", "how often do i take it"]


@settings(max_examples=120, deadline=None)
@given(question=st.sampled_from(REFERRED), context=st.sampled_from(IDS), lead=st.sampled_from(["", "and ", "ok so "]))
def test_a_context_never_turns_a_referral_or_emergency_into_an_answer(question: str, context: str, lead: str) -> None:
    alone = BOT.ask(lead + question)
    assert alone.kind in ("referral", "emergency")
    assert BOT.ask(lead + question, context=context).kind == alone.kind


@pytest.mark.parametrize(
    ("typed", "words"), [("ppl", ["people"]), ("tho", ["though"]), ("idk", ["i", "do", "not", "know"])]
)
def test_chat_shorthand_is_spelt_out(typed: str, words: list[str]) -> None:
    from faqbot.text import words as split

    assert split(typed) == words


def test_the_knowledge_base_subject_is_learned_from_its_questions() -> None:
    assert BOT.followups.subject == "ldn"


@pytest.mark.parametrize(
    ("question", "entry"), [("what is it exactly?", "what-is-ldn"), ("is it approved?", "fda-status")]
)
def test_with_no_context_it_means_the_subject(question: str, entry: str) -> None:
    reply, trace = BOT.ask_traced(question)
    step = trace.step("context")
    assert reply.id == entry and step is not None and "'ldn'" in step.summary


def test_reading_it_as_the_subject_never_makes_numbers_look_like_doses() -> None:
    # routed as typed only: with the drug's name added, "two weeks" would read as a schedule
    assert BOT.ask("where is my order, it's been two weeks").kind == "fallback"
