"""An answer given after a story set aside ends with a note that sends the person's own situation to a doctor
or pharmacist (``texts.story_note``); and the emergency words added in the fourteenth session.

Our own questions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from faqbot import FAQBot, KnowledgeBaseError
from faqbot.kb.loader import load_knowledge_base


@pytest.fixture(scope="module")
def bot() -> FAQBot:
    return FAQBot.from_yaml()


@pytest.mark.parametrize(("question", "entry"), [
    ("My cousin has fibromyalgia. What is naltrexone normally used for?", "naltrexone-uses"),
    ("I've had Crohn's for years, what do the trials say about LDN?", "clinical-trials"),
    # a fact asked first, then a story told plainly: read as if the story came first (tests/test_story.py has the
    # stories after it that keep their referral)
    ("What are endorphins? My dad takes LDN for his MS.", "endorphins"),
    ("Has the FDA approved LDN? My aunt takes it for her lupus.", "fda-status"),
    ("What are microglia? I take LDN for my fibro.", "microglia"),
])
def test_an_answer_after_a_story_ends_with_the_note(bot: FAQBot, question: str, entry: str) -> None:
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry), reply
    assert reply.text.endswith(" " + bot.kb.texts.story_note)
    assert reply.text.startswith(bot.kb.entry(entry).answer)


@pytest.mark.parametrize("question", ["What is naltrexone normally used for?", "what do the trials say about LDN"])
def test_an_answer_with_no_story_carries_no_note(bot: FAQBot, question: str) -> None:
    reply = bot.ask(question)
    assert reply.kind == "answer" and bot.kb.texts.story_note not in reply.text


def test_the_note_must_name_a_doctor_or_pharmacist(tmp_path: Path) -> None:
    bundled = (Path(__file__).resolve().parent.parent / "faq.yaml").read_text(encoding="utf-8")
    note = "  story_note: >-\n"
    assert note in bundled
    broken = tmp_path / "faq.yaml"
    start = bundled.index(note)
    end = bundled.index("\n  # The web widget", start)
    broken.write_text(bundled[:start] + '  story_note: "Ask someone you trust."' + bundled[end:], encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="story_note must mention doctor or pharmacist"):
        load_knowledge_base(broken)


EMERGENCIES = [
    # taking a lot, in slang
    "I've necked the lot of my LDN tablets, what now?",
    "my flatmate guzzled the whole pack of her pills",
    "I've knocked back a handful of LDN with a bottle of wine",
    # self-harm told as something done
    "been self harming again since I started LDN",
]


@pytest.mark.parametrize("question", EMERGENCIES)
def test_emergencies_in_words_added_this_session(bot: FAQBot, question: str) -> None:
    assert bot.ask(question).kind == "emergency"


NOT_EMERGENCIES = [
    # the same words in everyday senses (a red-team review took the looser ones back)
    "I necked a coffee before reading about it. What is LDN?",
    "We knocked back a few ideas at work. What is LDN?",
]


@pytest.mark.parametrize("question", NOT_EMERGENCIES)
def test_everyday_uses_of_those_words_are_no_emergency(bot: FAQBot, question: str) -> None:
    assert bot.ask(question).kind != "emergency"


def test_explain_says_the_note_was_added(bot: FAQBot) -> None:
    _, trace = bot.ask_traced("My cousin has fibromyalgia. What is naltrexone normally used for?")
    reply_step = next(step for step in trace.steps if step.stage == "reply")
    assert reply_step.summary == "answer naltrexone-uses, with the note for a story told"
