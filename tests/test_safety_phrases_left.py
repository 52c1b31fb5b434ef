"""What the English phrase rule `own-situation` (faqbot/safety/rules.py) no longer reads alone since the sixty-fifth
session: "for my <relation>" with nothing else, and what was given to someone else ("LDN gave her insomnia"). The
packs' class rules read the personal ones with a person, the drug or an intake; the general ones are answered. These
questions are written for these tests."""

from __future__ import annotations

import pytest

from faqbot import FAQBot
from faqbot.safety import route


@pytest.mark.parametrize(
    "question",
    [
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
        "Is it ok to give LDN to my dad?",
        "is LDN a good option for my daughter?",
        "LDN gave my mum a horrible rash, what should she do?",
        "I'm giving him LDN in his porridge every morning, is that alright?",
        "LDN is making her so tired, is that normal?",
        "what should I know about LDN for my sister",
        # asking whether to request a medicine is a case ("should I ask my doctor" is not)
        "think I might be one of them. should i ask for naltrexone?",
    ],
)
def test_a_personal_question_in_those_shapes_is_still_referred(question: str, bot: FAQBot) -> None:
    assert bot.ask(question).kind in ("referral", "emergency")
