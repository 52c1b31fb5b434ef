"""A story told first keeps its referral when it tells a symptom in words no class lists (``story.case_words``,
built from WordNet), and an answer given after a story set aside sends the person's own situation to a doctor.

Our own questions; see faqbot.safety.story._tells_symptom and scripts/build_case_words.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from faqbot import FAQBot
from faqbot.safety.pack import packs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bot() -> FAQBot:
    return FAQBot.from_yaml()


KEPT = [
    # a symptom no class lists, told beside the drug or an illness, then a general question
    "My wife started LDN and her hair is thinning. What are the side effects of LDN?",
    "My sister is on LDN and her knuckles are swollen. What are the side effects of LDN?",
    "My dad has MS and his eyelids keep twitching. How does LDN work?",
    "I have lupus and my kidneys keep getting flagged on blood tests. Is LDN cleared by the kidneys?",
]


@pytest.mark.parametrize("question", KEPT)
def test_a_story_that_tells_a_symptom_keeps_its_referral(bot: FAQBot, question: str) -> None:
    assert bot.ask(question).kind in ("referral", "emergency")


SET_ASIDE = [
    # a condition someone has is a name, not a symptom: "lupus", "chronic pain"
    ("My cousin has lupus. What is naltrexone normally used for?", "naltrexone-uses"),
    ("My mum has had chronic pain for years. What are microglia?", "microglia"),
    # "pain" alone is the article's own topic
    ("My aunt has pain from MS. How does LDN relieve chronic pain?", "ldn-mechanism"),
    # a job told is no symptom
    ("My friend has fibromyalgia and is a nurse. What is LDN?", "what-is-ldn"),
]


@pytest.mark.parametrize(("question", "entry"), SET_ASIDE)
def test_a_story_of_who_someone_is_is_still_set_aside(bot: FAQBot, question: str, entry: str) -> None:
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry), reply
    # ... and the answer sends what it means for that person to a doctor or pharmacist
    assert reply.text.endswith(bot.kb.texts.story_note)


def test_an_answer_with_no_story_carries_no_note(bot: FAQBot) -> None:
    reply = bot.ask("What is naltrexone normally used for?")
    assert reply.kind == "answer" and bot.kb.texts.story_note not in reply.text


def test_the_case_words_list_is_words_of_the_body() -> None:
    words = packs().story.case_words
    assert {"legs", "numb", "bleeding", "rash", "dizzy", "vomiting", "swelling", "knuckles"} <= words
    # the topic itself, and everyday senses, are left to the rules
    assert words.isdisjoint({"addiction", "recovery", "back", "want", "said", "mentioned", "curious", "small"})


def test_the_shipped_case_words_list_is_what_wordnet_gives() -> None:
    if not Path("/usr/share/wordnet/data.noun").exists():
        pytest.skip("WordNet's database (Debian's wordnet-base) is not installed; scripts/test.sh installs it")
    result = subprocess.run([sys.executable, "scripts/build_case_words.py", "--check"], cwd=ROOT, check=False)
    assert result.returncode == 0, "run `python scripts/build_case_words.py` and commit the list"
