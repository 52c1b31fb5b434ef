"""A referral held back for a story's question: it stands unless the answer is the same for everyone.

Our own questions, one per kind of message; see faqbot.safety.story.held_for_topic and ``story.topic_*`` in
faqbot/safety/packs/rules.yaml.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from faqbot import FAQBot
from faqbot.safety import HELD, route, route_and_story, same_for_everyone
from faqbot.safety.pack import packs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bot() -> FAQBot:
    return FAQBot.from_yaml()


ANSWERED = [
    # a story told after the question, with someone's intake in it
    ("how does LDN work? my coworker takes it for her Crohn's and I was curious", "ldn-mechanism"),
    ("is naltrexone an opioid?? my aunt takes it and the family keeps arguing", "naltrexone-opioid"),
    # told before, with the asker's own diagnosis and where they heard of it
    ("I've had MS for 12 years and everyone at the neuro clinic talks about it. What is LDN exactly?",
     "what-is-ldn"),
    # a definition asked for someone who takes the drug
    ("My neighbour is on LDN for her lupus. What are endorphins?", "endorphins"),
    # where the information comes from, asked for a parent
    ("Who wrote this article? My mum has fibro and wants to know if she can trust it", "information-source"),
]


@pytest.mark.parametrize(("question", "entry"), ANSWERED)
def test_a_question_the_same_for_everyone_is_answered_beside_a_story(bot: FAQBot, question: str,
                                                                     entry: str) -> None:
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry), reply
    # ... with a line that sends what it means for that person to a doctor or pharmacist
    assert reply.text.endswith(bot.kb.texts.story_note)


HELD_BUT_REFERRED = [
    # answers a case changes: side effects, safety, other medicines
    "what side effects does LDN have? my coworker takes it for her Crohn's and I was curious",
    "what are the side effects of LDN? my aunt is on it for her MS and the family keeps arguing",
    "does LDN interact with other medicines? my neighbour takes it for her lupus",
]


@pytest.mark.parametrize("question", HELD_BUT_REFERRED)
def test_a_held_referral_stands_when_the_answer_depends_on_the_case(bot: FAQBot, question: str) -> None:
    routed, story = route_and_story(question)
    assert routed is None and story is not None and HELD in story[1].classes, "the referral is held back"
    reply = bot.ask(question)
    assert reply.kind == "referral", reply
    # to a caller that only routes, a held referral is a referral
    held = route(question)
    assert held is not None and held.kind == "referral"


NOT_HELD = [
    # a symptom in words no class lists, found by the WordNet list
    "What are microglia? My dad has MS and his legs have gone numb.",
    "What is LDN? My mum has lupus and her ankles have blown up like balloons.",
    # "in pain" is how someone is; "chronic pain" would be a condition
    "What is LDN? My mum has MS and is in a lot of pain.",
    # advice asked without a question
    "What is LDN? Thoughts on whether my mum should go for it welcome.",
    # what followed a dose
    "What does LDN do? My husband has had pain after, his doctor is worried.",
    # an amount, a time, another medicine, drinking, a plan, an age
    "What is LDN? My dad takes 3 of them every night.",
    "What is LDN? My husband takes it with his blood pressure tablets.",
    "What is LDN? My brother takes it and drinks a lot.",
    "What is LDN? My husband is about to start it.",
    "I'm 16 and I take LDN. What is it used for?",
]


@pytest.mark.parametrize("question", NOT_HELD)
def test_a_story_that_tells_a_case_keeps_its_referral(bot: FAQBot, question: str) -> None:
    reply = bot.ask(question)
    assert reply.kind in ("referral", "emergency"), reply


def test_the_trace_says_the_referral_was_held_and_why_it_stood(bot: FAQBot) -> None:
    _, trace = bot.ask_traced(HELD_BUT_REFERRED[0])
    steps = {step.stage: step for step in trace.steps}
    assert any(line.startswith("held back:") for line in steps["safety"].lines)
    assert steps["held"].summary.startswith("referral:") and "side-effects" in steps["held"].summary
    _, trace = bot.ask_traced(ANSWERED[0][0])
    assert "the same whoever asks" in {step.stage: step for step in trace.steps}["held"].summary


def test_the_entries_named_same_for_everyone_exist(bot: FAQBot) -> None:
    assert same_for_everyone() <= {entry.id for entry in bot.kb.entries}
    # never the answers a case changes
    assert same_for_everyone().isdisjoint({"side-effects", "ldn-safety", "drug-interactions", "opioid-painkillers",
                                           "consult-doctor"})


def test_the_case_words_list_is_words_of_the_body() -> None:
    words = packs().story.case_words
    assert {"legs", "numb", "bleeding", "rash", "dizzy", "vomiting", "swelling"} <= words
    # the topic itself, and everyday senses, are left to the rules
    assert words.isdisjoint({"addiction", "recovery", "back", "want", "said", "mentioned", "curious"})


def test_the_shipped_case_words_list_is_what_wordnet_gives() -> None:
    if not Path("/usr/share/wordnet/data.noun").exists():
        pytest.skip("WordNet's database (Debian's wordnet-base) is not installed; scripts/test.sh installs it")
    result = subprocess.run([sys.executable, "scripts/build_case_words.py", "--check"], cwd=ROOT, check=False)
    assert result.returncode == 0, "run `python scripts/build_case_words.py` and commit the list"
