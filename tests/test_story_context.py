"""A question that only points back at a story told first is read in that story's context.

Our own questions, one per kind; see faqbot/context.py.
"""

from __future__ import annotations

import pytest

from faqbot import FAQBot


@pytest.fixture(scope="module")
def bot() -> FAQBot:
    return FAQBot.from_yaml()


IN_CONTEXT = [
    # "that drug" is the naltrexone the story names
    ("my brother got put on naltrexone after rehab - what is that drug usually for?", "naltrexone-uses"),
    # "which kind" is the kind of pain the story speaks of
    ("I have MS and my nurse told me LDN works best on one sort of pain. Which kind is that?", "pain-type"),
    # matched whole the story is about pain; "those" are the one thing it names that an entry defines
    ("My neurologist kept saying 'microglia' while explaining my pain. What are those?", "microglia"),
]


@pytest.mark.parametrize(("question", "expected"), IN_CONTEXT)
def test_a_pointing_question_is_read_in_the_story_context(bot: FAQBot, question: str, expected: str) -> None:
    reply, trace = bot.ask_traced(question)
    assert (reply.kind, reply.id) == ("answer", expected)
    step = trace.step("story")
    assert step is not None and "follow-up" in step.summary


@pytest.mark.parametrize("question", [
    # "that" may be the other thing named, and so may "those" after a word nobody here knows
    "My GP explained my pain and mentioned microglia and pain catastrophizing. What is that?",
    "My GP explained my pain and mentioned microglia and pain catastrophizing. What are those?",
])
def test_a_story_term_is_not_guessed_when_the_pointing_word_may_mean_another(bot: FAQBot, question: str) -> None:
    reply = bot.ask(question)
    assert reply.kind != "answer", question


def test_a_question_that_names_its_topic_is_read_alone(bot: FAQBot) -> None:
    reply, trace = bot.ask_traced("My grandad has been off the booze for 90 days and the clinic put him on "
                                  "naltrexone. How does it help people who are quitting alcohol?")
    assert (reply.kind, reply.id) == ("answer", "naltrexone-recovery")
    step = trace.step("story")
    assert step is not None and "read alone" in step.summary


STILL_ROUTED = [
    # the story tells an amount: never set aside, so never read as context
    ("My doctor put me on 4.5 mg of naltrexone. Is that right?", "referral"),
    # a dose question that points back
    ("My sister takes LDN for her fibro. How much of it should she take?", "referral"),
    # an emergency told in the story
    ("My toddler swallowed some of my LDN capsules. What is that drug usually for?", "emergency"),
]


@pytest.mark.parametrize(("question", "kind"), STILL_ROUTED)
def test_a_story_never_turns_a_referral_or_emergency_into_an_answer(bot: FAQBot, question: str, kind: str) -> None:
    reply, trace = bot.ask_traced(question)
    assert reply.kind == kind
    assert trace.step("story") is None


def test_a_caller_context_wins_over_the_story(bot: FAQBot) -> None:
    _, trace = bot.ask_traced("my brother got put on naltrexone after rehab - what is that drug usually for?",
                              context="side-effects")
    assert trace.step("story") is None
    context = trace.step("context")
    assert context is not None and "side-effects" in context.summary
