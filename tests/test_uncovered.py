"""A question's key word that the best entry never uses keeps that entry from answering."""

from __future__ import annotations

import pytest


def test_rare_words_are_the_ones_no_entry_or_everyday_english_uses(bot):
    analysis = bot.normalizer.analyze("how is naltrexone different from naloxone")
    assert "naloxon" in analysis.rare
    assert analysis.compares
    # a slip of a known word is a typo, not a new topic
    assert not bot.normalizer.analyze("does ldn cuase trouble sleping").rare


@pytest.mark.parametrize("question", [
    "naltrexone vs naloxone",
    "how is naltrexone different from naloxone?",
    "Revia vs generic naltrexone",
])
def test_a_comparison_with_something_no_entry_covers_is_not_answered(bot, question):
    reply, trace = bot.ask_traced(question)
    assert reply.kind == "fallback", question
    decide = trace.step("decide")
    assert decide is not None
    assert "never uses" in decide.summary or "no entry uses" in decide.summary


@pytest.mark.parametrize(("question", "entry"), [
    ("what's the difference between LDN and regular naltrexone?", "what-is-ldn"),
    ("ldn vs naltrexone", "what-is-ldn"),
])
def test_a_comparison_the_entry_covers_is_still_answered(bot, question, entry):
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry)
