"""The learned second opinion on retrieval: a naive Bayes model that can confirm, switch, veto or promote
the ranker's decision, after safety and only for the knowledge base it was trained for."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from faqbot import FAQBot
from faqbot.retrieval.learned import (
    OUT_OF_SCOPE,
    PROMOTE,
    PROMOTE_FAR,
    PROMOTE_OTHER,
    SURE,
    SWITCH,
    VETO,
    Opinion,
    model,
    review,
)

ROOT = Path(__file__).parent.parent


def test_the_shipped_model_is_the_one_the_labelled_sets_train() -> None:
    # Deterministic training: re-running it on the same sets and faq.yaml must give the shipped file byte for byte.
    result = subprocess.run([sys.executable, "scripts/train_learned_rank.py", "--check"], cwd=ROOT, check=False)
    assert result.returncode == 0, "run `python scripts/train_learned_rank.py` and commit the model"


def opinion(*pairs: tuple[str, float]) -> Opinion:
    return Opinion(tuple(pairs))


@pytest.mark.parametrize(
    ("seen", "answer", "ranked", "score", "promotable", "action", "entry", "terms"),
    [
        # the model's top is the ranker's answer
        (opinion(("a", -0.1), ("b", -9.0)), "a", ["a", "b"], 70.0, False, "confirm", None, 2),
        # sure of another ranked entry: switch to it
        (opinion(("b", -0.01), ("a", -SWITCH - 1)), "a", ["a", "b"], 70.0, False, "switch", "b", 2),
        # ...but not to an entry the ranker never ranked: the answer is vetoed instead
        (opinion(("c", -0.01), ("a", -SWITCH - 1)), "a", ["a", "b"], 70.0, False, "veto", None, 2),
        # out of scope by far: vetoed (a did-you-mean)
        (opinion((OUT_OF_SCOPE, -0.01), ("a", -VETO - 1)), "a", ["a"], 70.0, False, "veto", None, 2),
        # one term is too little to overrule the ranker with ("and what do they release?")
        (opinion(("b", -0.01), ("a", -SWITCH - 1)), "a", ["a", "b"], 70.0, False, "veto", None, 1),
        (opinion(("a", -0.01), ("b", -PROMOTE - 1)), None, ["a", "b"], 50.0, True, "keep", None, 1),
        # differs, not by enough
        (opinion(("b", -0.5), ("a", -1.0)), "a", ["a", "b"], 70.0, False, "keep", None, 2),
        # a close match of a curated wording needs twice the lead
        (opinion(("b", -0.01), ("a", -2 * VETO + 0.5)), "a", ["a", "b"], SURE, False, "keep", None, 2),
        (opinion(("b", -0.01), ("a", -2 * SWITCH - 1)), "a", ["a", "b"], SURE, False, "switch", "b", 2),
        # a did-you-mean becomes an answer when both agree on the top entry, by enough
        (opinion(("a", -0.01), ("b", -PROMOTE - 1)), None, ["a", "b"], 50.0, True, "promote", "a", 2),
        (opinion(("a", -0.01), ("b", -PROMOTE + 1)), None, ["a", "b"], 50.0, True, "keep", None, 2),
        (opinion(("b", -0.01), ("a", -PROMOTE - 1)), None, ["a", "b"], 50.0, True, "keep", None, 2),
        # ...and never for a did-you-mean the ranker gave for another reason (a word no entry uses)
        (opinion(("a", -0.01), ("b", -PROMOTE - 1)), None, ["a", "b"], 50.0, False, "keep", None, 2),
        # out of scope never promotes
        (opinion((OUT_OF_SCOPE, -0.01), ("a", -PROMOTE - 1)), None, ["a"], 50.0, True, "keep", None, 2),
        # another of the suggestions than the first, by a wider lead
        (opinion(("b", -0.01), ("a", -PROMOTE_OTHER - 1)), None, ["a", "b"], 50.0, True, "promote", "b", 2),
        (opinion(("b", -0.01), ("a", -PROMOTE_OTHER + 1)), None, ["a", "b"], 50.0, True, "keep", None, 2),
        (opinion(("b", -0.01), ("a", -PROMOTE_OTHER - 1)), None, ["a", "b"], 50.0, False, "keep", None, 2),
        # ... and one ranked below the suggestions shown, by a wider lead still
        (opinion(("d", -0.01), ("a", -PROMOTE_FAR - 1)), None, ["a", "b", "c", "d"], 50.0, True, "promote", "d", 2),
        (opinion(("d", -0.01), ("a", -PROMOTE_FAR + 1)), None, ["a", "b", "c", "d"], 50.0, True, "keep", None, 2),
        (opinion(("d", -0.01), ("a", -PROMOTE_FAR - 1)), None, ["a", "b", "c", "d"], 50.0, False, "keep", None, 2),
        (opinion(("e", -0.01), ("a", -PROMOTE_FAR - 1)), None, ["a", "b", "c", "d"], 50.0, True, "keep", None, 2),
    ],
)
def test_review(seen: Opinion, answer: str | None, ranked: list[str], score: float, promotable: bool,
                action: str, entry: str | None, terms: int) -> None:
    verdict = review(seen, answer, ranked, score, promotable, terms)
    assert (verdict.action, verdict.entry) == (action, entry)


@pytest.mark.parametrize(("held", "action"), [(True, "keep"), (False, "switch")])
def test_a_sure_score_is_curated_only_when_the_question_holds_the_wording(held: bool, action: str) -> None:
    # "naltrexone with opioids?" scores 100 on "is naltrexone a narcotic": every term shared, no wording held
    seen = opinion(("b", -0.01), ("a", -SWITCH - 1))
    assert review(seen, "a", ["a", "b"], SURE, False, 2, held=held).action == action


def test_a_question_that_shares_every_term_but_not_the_wording_gets_the_entry_the_model_prefers(bot: FAQBot) -> None:
    # the ranker scores 100 on "is naltrexone a narcotic"; the question asks what the painkillers entry answers
    assert bot.ask("naltrexone with opioids?").id == "opioid-painkillers"


def ranker_alone(bot: FAQBot) -> FAQBot:
    alone = FAQBot(bot.kb)
    alone.second_opinion = None
    alone.pipeline = alone.build_pipeline()
    return alone


@pytest.mark.parametrize(
    ("question", "kind", "entry", "action"),
    [
        # written for this test, in none of the labelled sets
        ("how does ldn calm the brain's immune cells", "answer", "ldn-mechanism", "switch"),  # ranker: microglia
        ("whats the downside of ldn, anything bad happen to people", "answer", "side-effects", "promote"),
        ("which walgreens near me stocks naltrexone", "fallback", None, "veto"),  # ranker: compounding
        ("is ldn safe long term", "answer", "ldn-safety", "confirm"),
        ("what is ldn", "answer", "what-is-ldn", None),  # the define stage answers; the model is not asked
        ("how much ldn should i take for fibro", "referral", None, None),  # safety first; never asked
        ("i took all my pills at once", "emergency", None, None),
        ("ldn for cancer", "fallback", None, None),  # nothing scores enough: retrieve falls back
    ],
)
def test_the_second_opinion_in_the_pipeline(bot: FAQBot, question: str, kind: str, entry: str | None,
                                            action: str | None) -> None:
    reply, trace = bot.ask_traced(question)
    assert (reply.kind, reply.id) == (kind, entry)
    decide = trace.step("decide")
    assert (decide.data.get("second_opinion", {}).get("action") if decide else None) == action


def test_it_never_acts_before_decide_or_on_a_routed_question(bot: FAQBot) -> None:
    alone = ranker_alone(bot)
    for question in ("how much ldn should i take", "can my son take ldn", "I want to end it all tonight",
                     "what dose of naltrexone is used for pain", "hello", "¿qué es la LDN?"):
        assert bot.ask(question) == alone.ask(question)
        assert bot.ask_traced(question)[1].step("decide") is None


def test_explain_shows_what_the_ranker_alone_would_have_done(bot: FAQBot) -> None:
    question = "how does ldn calm the brain's immune cells"
    _, trace = bot.ask_traced(question)
    decide = trace.step("decide")
    assert decide is not None and "second opinion" in decide.summary
    assert any(line.startswith("the ranker alone: answer:") for line in decide.lines)
    assert decide.data["second_opinion"]["top"][0][0] == "ldn-mechanism"
    assert ranker_alone(bot).ask(question).id == "microglia"


def test_a_model_trained_for_other_entries_is_not_asked(bot: FAQBot) -> None:
    assert model().fits([e.id for e in bot.kb.entries])
    other = replace(model(), classes=tuple(c + "-x" if c == "side-effects" else c for c in model().classes))
    assert not other.fits([e.id for e in bot.kb.entries])
    asked = ranker_alone(bot)
    asked.second_opinion = lambda: other
    asked.pipeline = asked.build_pipeline()
    reply, trace = asked.ask_traced("whats the downside of ldn, anything bad happen to people")
    decide = trace.step("decide")
    assert decide is not None and "second_opinion" not in decide.data and reply.kind == "fallback"


@pytest.mark.parametrize(
    ("words", "contrasted"),
    [
        (["non", "autoimmune", "conditions"], ["autoimmune", "conditions"]),
        (["conditions", "other", "than", "autoimmune", "ones"], ["autoimmune", "ones"]),
        (["outside", "of", "the", "autoimmune", "group"], ["autoimmune", "group"]),
        (["what", "is", "ldn"], []),
    ],
)
def test_every_way_of_saying_not_x_gives_one_feature(words: list[str], contrasted: list[str]) -> None:
    from faqbot.retrieval.learned import _contrasted

    assert _contrasted(words) == contrasted


def test_a_blind_ranker_may_be_overruled_on_one_term() -> None:
    # the one term names the drug, which every entry shares: the model's filler words are the question
    seen = opinion(("b", -0.01), ("a", -SWITCH - 1))
    assert review(seen, "a", ["a", "b"], 70.0, False, 1).action == "veto"
    assert (review(seen, "a", ["a", "b"], 70.0, False, 1, blind=True).action,
            review(seen, "a", ["a", "b"], 70.0, False, 1, blind=True).entry) == ("switch", "b")


def test_a_question_naming_only_the_drug_is_answered_by_the_learned_reading() -> None:
    reply = FAQBot.from_yaml().ask("Where do people usually get low dose naltrexone from?")
    assert (reply.kind, reply.id) == ("answer", "compounding-pharmacies")


def test_a_definition_asked_in_chat_spelling_is_one() -> None:
    reply = FAQBot.from_yaml().ask("wat is LDN? keep seeing it on tiktok")
    assert (reply.kind, reply.id) == ("answer", "what-is-ldn")


def test_a_follow_up_reading_is_vetoed_only_at_the_wider_bar() -> None:
    from faqbot.retrieval.learned import FOLLOW_UP_VETO

    seen = opinion((OUT_OF_SCOPE, -0.01), ("a", -(VETO + FOLLOW_UP_VETO) / 2))
    assert review(seen, "a", ["a"], 70.0, False, 2).action == "veto"
    assert review(seen, "a", ["a"], 70.0, False, 2, followed=True).action == "keep"


def test_a_close_match_of_a_curated_wording_is_vetoed_only_at_its_own_bar() -> None:
    from faqbot.retrieval.learned import SURE_VETO

    seen = opinion((OUT_OF_SCOPE, -0.01), ("a", -(VETO + SURE_VETO) / 2))
    assert review(seen, "a", ["a"], 70.0, False, 2).action == "veto"
    assert review(seen, "a", ["a"], SURE, False, 2).action == "keep"


def test_a_vetoed_answer_offers_the_entry_the_model_found_likelier_first() -> None:
    # the ranker's top (the "benefits of LDN" wording of the conditions entry) is vetoed; the model's own top,
    # ranked lower, is the first suggestion
    reply = FAQBot.from_yaml().ask("What Are the Benefits of Low Dose Naltrexone?")
    assert reply.kind == "fallback"
    assert reply.suggestions[0].id == "low-dose-properties"
