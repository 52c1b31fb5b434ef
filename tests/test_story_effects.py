"""What the drug does to people, asked after a story of someone taking it; and the "I" chat drops.

The questions are our own. See ``story.plain_asked`` in faqbot/safety/packs/rules.yaml and ``dropped_subject`` in
faqbot/safety/packs/en.yaml.
"""

from __future__ import annotations

import pytest

from faqbot import FAQBot
from faqbot.safety import pack, route
from faqbot.safety.packerror import PackError
from faqbot.safety.reading import read


@pytest.fixture(scope="module")
def bot() -> FAQBot:
    return FAQBot.from_yaml()


@pytest.mark.parametrize(
    "question",
    [
        # how someone is doing, in words no class lists, beside the drug they take
        "My grandad takes LDN and he's been grumpy all week. Does LDN cause mood changes?",
        "My flatmate started LDN and has gone right off her food. What are the side effects of LDN?",
        "My uncle is on LDN and has gone very quiet lately. Any side effects?",
        "My partner has been on LDN since June and his skin looks blotchy and odd. Is that a reaction people get?",
        # outside English a story is never read word by word: kept referred
        "Mi hermana toma LDN y anda muy rara. ¿Cuáles son los efectos secundarios?",
        # whom it is for, said of someone else, beside words no class lists
        "My aunt takes LDN for her lupus and is hoping to start a family. What does the research say about lupus?",
    ],
)
def test_effects_asked_after_a_story_of_someone_taking_it_keep_the_referral(question: str) -> None:
    routed = route(question)
    assert routed is not None and routed.kind == "referral", question


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # a story told plainly: who takes it, and what for
        ("My uncle is on LDN. What are the side effects?", "side-effects"),
        ("My neighbour takes LDN for her MS. Does LDN have side effects?", "side-effects"),
        # "for her" names whom the drug is for, not the asker
        ("My aunt takes LDN for her lupus. How does LDN work?", "ldn-mechanism"),
        # no one is said to take it: not read word by word
        ("My cousin has fibromyalgia and can barely sleep. What are the side effects of LDN?", "side-effects"),
    ],
)
def test_effects_asked_after_a_plain_story_are_answered(bot: FAQBot, question: str, entry: str) -> None:
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry), question


@pytest.mark.parametrize(
    "question",
    [
        "Started LDN on Monday and my sleep is all over the place. Is insomnia a side effect?",
        "Been taking LDN since spring. What are the side effects?",
        "Was put on LDN for my back last month. Does it interact with alcohol?",
        "Just started LDN, is a metallic taste normal?",
        "My GP put me on LDN. Does it interact with alcohol?",
        "I was put on LDN in May. Does it interact with alcohol?",
    ],
)
def test_the_writers_own_treatment_told_without_i_is_referred(question: str) -> None:
    routed = route(question)
    assert routed is not None and routed.kind == "referral", question


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Started reading about LDN for a college essay. What is it?", "what-is-ldn"),
        ("Been wondering how LDN works.", "ldn-mechanism"),
        # an opener with no drug or "it" just after it tells no treatment
        ("Started a new job at a pharmacy last week. What is LDN?", "what-is-ldn"),
        # not where a sentence starts: the story's "started" is the mother's
        ("My mum is on LDN and started it in May. How does LDN work?", "ldn-mechanism"),
    ],
)
def test_openers_that_drop_no_treatment_are_answered(bot: FAQBot, question: str, entry: str) -> None:
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry), question


def test_the_dropped_i_is_read_only_where_a_sentence_starts() -> None:
    assert read("Started LDN last week.").words[:2] == ("i", "started")
    assert read("Thanks for that. Been on it a year.").words[3:7] == ("i", "ve", "been", "on")
    assert "i" not in read("My mum started LDN last week.").words
    assert read("Been on holiday. What is LDN?").words[0] == "been"
    # the drug's name past none but a few little words ("on", "a", "tiny", "dose", "of"...)
    assert read("Started on a tiny dose of LDN.").words[0] == "i"
    assert read("Started reading up on LDN.").words[0] == "started"


def test_a_broken_dropped_subject_table_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pack, "_read", lambda name: {"dropped_subject": ["started"], "dropped_subject_gap": [True]})
    with pytest.raises(PackError, match="dropped_subject"):
        pack._dropped("en")
    with pytest.raises(PackError, match="quote a bare on"):  # YAML reads a bare `on` as true
        pack._dropped_gap("en")


def test_the_model_reads_the_words_as_typed_at_its_usual_bar_beside_a_supplied_i(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # "Started LDN last month" fires a referral rule only with the "I" read back in; beside a referral the model's
    # bar for an emergency is raised, which cost a frozen probe its emergency reply: here it keeps the usual bar
    from faqbot.safety import router
    from faqbot.safety.second import MARGIN, MARGIN_OVER_REFERRAL

    asked: list[tuple[tuple[str, ...], float]] = []
    monkeypatch.setattr(router, "opinion", lambda words, margin=MARGIN, near=0.0: asked.append((tuple(words), margin)))
    routed = router.route("Started LDN last month. Everything feels pointless and heavy lately.")
    assert routed is not None and routed.kind == "referral"
    assert asked and all(margin == MARGIN and words[0] == "started" for words, margin in asked)
    asked.clear()
    router.route("I started LDN last month. Everything feels pointless and heavy lately.")
    assert asked and all(margin >= MARGIN_OVER_REFERRAL for _, margin in asked)
    assert read("Started LDN last month.").typed()[0] == "started"
