"""What the English phrase rule `own-situation` (faqbot/safety/rules.py) no longer reads alone since the sixty-fifth
session: modal questions, plans, an organ's disease, "for my <relation>" and what was given to someone else. The
packs' class rules read the personal ones with a person, the drug or an intake; the general ones are answered. These
questions are written for these tests."""

from __future__ import annotations

import pytest

from faqbot import FAQBot
from faqbot.safety import route


@pytest.mark.parametrize(
    "question",
    [
        "Are LDN capsules gluten free, or do they use wheat starch as filler?",
        "is it risky to combine LDN with other medicines in general",
        "why does the skin go yellow with liver disease? is LDN hard on the liver?",
        "I'm making a fact sheet for my mum's carers. Does LDN interact with other drugs?",
        "My aunt says naltrexone gave her vivid dreams. Are vivid dreams a known side effect?",
        "They gave him naltrexone in rehab years ago. What is naltrexone usually used for?",
        "What does the article say about LDN and lupus? Asking for my uncle.",
    ],
)
def test_a_general_question_in_those_shapes_is_not_referred(question: str) -> None:
    assert route(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "Can I take LDN with my sertraline?",
        "Should my mum stop LDN before her knee operation?",
        "I'm thinking of starting LDN next month, is that wise?",
        "could my husband try LDN for his MS?",
        "I'm planning to come off LDN next week.",
        "can she keep taking it while she's pregnant?",
        "would LDN be ok for someone with heart failure?",
        "I've got kidney failure, would naltrexone be a problem?",
        "LDN gave my mum a horrible rash, what should she do?",
        "We're hoping to start LDN for my son's Crohn's, any advice?",
        # asking whether to request a medicine is a case ("should I ask my doctor" is not)
        "think I might be one of them. should i ask for naltrexone?",
    ],
)
def test_a_personal_question_in_those_shapes_is_still_referred(question: str, bot: FAQBot) -> None:
    assert bot.ask(question).kind in ("referral", "emergency")
