"""The learned second opinion on follow-ups (faqbot/retrieval/followup_model.py) and the stage that asks it
(faqbot.context.FollowUpReview): when it may change a follow-up's outcome, and that it never touches a single
question, another language, or anything safety decided."""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Collection
from pathlib import Path

import pytest

from faqbot import FAQBot
from faqbot.context import FollowUpReview
from faqbot.pipeline import Decision, Query
from faqbot.retrieval import Candidate
from faqbot.retrieval.followup_model import (
    BARE,
    CONTEXT,
    CROSS,
    ECHO,
    SWITCH,
    SWITCH_AGREED,
    SWITCH_BACK,
    SWITCH_UNANSWERED,
    answer_echoes,
    in_context,
)
from faqbot.retrieval.learned import OUT_OF_SCOPE, Opinion
from faqbot.tools import explain

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def bot() -> FAQBot:
    return FAQBot.from_yaml()


def test_the_shipped_model_is_the_one_the_dialogue_sets_train() -> None:
    # Deterministic training: re-running it on the same sets and faq.yaml must give the shipped file byte for byte.
    result = subprocess.run([sys.executable, "scripts/train_followup_model.py", "--check"], cwd=ROOT, check=False)
    assert result.returncode == 0, "run `python scripts/train_followup_model.py` and commit the model"


def test_the_context_entry_is_one_feature_beside_the_turns_own_and_one_paired_with_each_word(bot: FAQBot) -> None:
    # "why?" after one answer asks another thing than after another: each word is read with the entry just answered
    analysis = bot.normalizer.analyze("why is that?")
    alone = in_context(analysis, bot.retriever.index.idf, None)
    paired = {f"{CROSS}fda-status|{word}" for word in analysis.words}
    assert paired and f"{CROSS}fda-status|why" in paired
    assert in_context(analysis, bot.retriever.index.idf, "fda-status") == {*alone, CONTEXT + "fda-status", *paired}


@pytest.mark.parametrize(
    ("turn", "extra"),
    [
        # words of the answer just given ("the docking spots on nerve cells")
        ("what are those docking spots?", ECHO),
        # no term at all
        ("really?", BARE),
        ("what was that correction about?", BARE),
        # words the answer never uses
        ("what about cancer?", None),
    ],
)
def test_a_turn_that_picks_up_the_last_answer_or_names_nothing_is_told_apart(bot: FAQBot, turn: str,
                                                                               extra: str | None) -> None:
    index, context = bot.retriever.index, "naltrexone-recovery"
    echoes = answer_echoes(index, bot.kb.entries.index(bot.kb.entry(context)))
    analysis = bot.normalizer.analyze(turn)
    plain = {*in_context(analysis, index.idf, None), CONTEXT + context,
             *(f"{CROSS}{context}|{word}" for word in analysis.words)}
    found = in_context(analysis, index.idf, context, echoes)
    assert found == (plain if extra is None else {*plain, extra + context})
    assert not echoes & index.subject_words


class Fixed:
    """A model whose opinion is given: the stage's rules are tested apart from what training learned."""

    def __init__(self, *ranked: tuple[str, float]) -> None:
        self.ranked = ranked

    def fits(self, entry_ids: Collection[str]) -> bool:
        return True

    def opinion_of(self, found: Collection[str]) -> Opinion:
        return Opinion(self.ranked)


def sure(top: str, lead: float = SWITCH) -> Fixed:
    """A model preferring ``top`` by ``lead`` natural-log units."""
    return Fixed((top, -0.0), ("side-effects", -lead), (OUT_OF_SCOPE, -lead - 1))


def review(bot: FAQBot, model: Fixed, decision: Decision, text: str = "and has it helped them?", *,
           context: str | None = "addiction-prevalence", **fields: object) -> Query:
    stage = FollowUpReview(bot.normalizer, bot.retriever, bot.kb.settings, lambda: model,  # type: ignore[arg-type,return-value]
                           person=lambda t: "my dad" if "my dad" in t else None)
    analysis = fields.pop("analysis", bot.normalizer.analyze(text))
    query = Query(raw=text, text=text, context=context, analysis=analysis, decision=decision,
                  decided_by=str(fields.pop("decided_by", "decide")), **fields)  # type: ignore[arg-type]
    return stage.run(query)


def answer(bot: FAQBot, entry_id: str, matched: str = "") -> Decision:
    entry = bot.kb.entry(entry_id)
    return Decision("answer", "matched", candidate=Candidate(entry, 70.0, matched or entry.question))


FALLBACK = Decision("fallback", "no entry scores enough")


@pytest.mark.parametrize(
    ("model", "decision", "kind", "entry"),
    [
        # a lead of SWITCH moves an answer, a did-you-mean or a fallback to the entry the model prefers
        (sure("naltrexone-success"), "clinical-trials", "answer", "naltrexone-success"),
        (sure("naltrexone-success"), None, "answer", "naltrexone-success"),
        # a lead short of it changes nothing
        (sure("naltrexone-success", SWITCH - 0.5), "clinical-trials", "answer", "clinical-trials"),
        # where matching answered nothing, the model fills the gap with a smaller lead, but not below it
        (sure("naltrexone-success", SWITCH_UNANSWERED), None, "answer", "naltrexone-success"),
        (sure("naltrexone-success", SWITCH_UNANSWERED - 0.5), None, "fallback", None),
        # out of scope: an answer falls back; a fallback stays one
        (sure(OUT_OF_SCOPE), "clinical-trials", "fallback", None),
        (sure(OUT_OF_SCOPE), None, "fallback", None),
        # agreeing with the answer is no change
        (sure("clinical-trials"), "clinical-trials", "answer", "clinical-trials"),
    ],
)
def test_the_model_changes_a_follow_ups_outcome_only_with_its_lead(bot, model, decision, kind, entry) -> None:
    decided = review(bot, model, answer(bot, decision) if decision else FALLBACK).decision
    assert decided is not None
    assert (decided.kind, decided.candidate.entry.id if decided.candidate else None) == (kind, entry)


@pytest.mark.parametrize(
    "fields",
    [
        # a single question (no context), a story's context, another language: decided as before
        {"context": None},
        {"context_told": True},
        {"lang": "fr"},
        # what safety, smalltalk or the follow-up rules decided on purpose is not the model's to change
        {"decided_by": "safety"},
        {"decided_by": "context"},
        # "what does autoimmune mean?" after an answer that says it in plain words asks for that answer again
        {"reading": "specify"},
        # "what is Crohn's disease?" when no entry says what it is
        {"undefined": "crohn"},
        # a context that is no entry of this knowledge base
        {"context": "no-such-entry"},
    ],
)
def test_the_model_is_not_asked(bot: FAQBot, fields: dict[str, object]) -> None:
    context = fields.pop("context", "addiction-prevalence")
    before = answer(bot, "clinical-trials")
    query = review(bot, sure("naltrexone-success", 99), before, context=context, **fields)  # type: ignore[arg-type]
    assert query.decision == before
    assert all(step.stage != "follow-up-model" for step in query.steps)


@pytest.mark.parametrize(
    ("text", "decision", "fields", "why"),
    [
        # "then what?" asks beyond the context entry: the model cannot send it back there
        ("and then what?", FALLBACK, {"exclude": "addiction-prevalence", "reading": "next"}, "cannot answer"),
        # a follow-up naming someone that safety let through is not answered on the model's word alone
        ("and for my dad?", FALLBACK, {}, "names someone"),
    ],
)
def test_the_model_keeps_what_the_rules_settled(bot, text, decision, fields, why) -> None:
    query = review(bot, sure("addiction-prevalence" if "exclude" in fields else "naltrexone-success", 99), decision,
                   text, **fields)
    assert query.decision == decision
    assert why in query.steps[-1].summary


@pytest.mark.parametrize(("text", "lead", "kind", "entry"), [
    ("same drug as the addiction one?", SWITCH_BACK, "answer", "what-is-ldn"),
    ("same drug as the addiction one?", SWITCH_BACK - 0.5, "fallback", None),
    # asked of the other form alone, not comparing the two: the entry just given does not answer it, however sure
    ("is plain naltrexone approved by the fda?", 99, "fallback", None),
])
def test_a_turn_comparing_the_drugs_two_forms_goes_back_to_the_entry_it_follows_only_with_a_larger_lead(
        bot: FAQBot, text: str, lead: float, kind: str, entry: str | None) -> None:
    # "same drug as the addiction one?" after what LDN is: the rules ask it of naltrexone and keep it from the entry
    # just given, whose answer compares the two forms
    query = review(bot, sure("what-is-ldn", lead), FALLBACK, text, context="what-is-ldn", exclude="what-is-ldn",
                   reading="swap")
    decided = query.decision
    assert decided is not None
    assert (decided.kind, decided.candidate.entry.id if decided.candidate else None) == (kind, entry)


def test_a_reading_that_holds_a_curated_wording_whole_is_kept(bot: FAQBot) -> None:
    # the endorphins entry has the wording "how does ldn affect endorphins": the knowledge base settled it
    text = "and how does ldn affect them?"
    decision = answer(bot, "endorphins", "how does ldn affect endorphins")
    query = review(bot, sure("ldn-mechanism", 99), decision, text, context="endorphins", followed="endorphins",
                   analysis=bot.normalizer.analyze("and how does ldn affect them endorphins"))
    assert query.decision == decision
    assert "holds a wording" in query.steps[-1].summary


def test_an_entry_that_never_speaks_of_what_is_asked_does_not_take_the_answer(bot: FAQBot) -> None:
    # only the side-effects entry speaks of sleep: the model's entry cannot take its answer
    decision = answer(bot, "side-effects")
    query = review(bot, sure("ldn-mechanism", 99), decision, "how does it do that for sleep?",
                   context="low-dose-properties")
    assert query.decision == decision
    assert "speaks of what is asked" in query.steps[-1].summary


@pytest.mark.parametrize(
    ("context", "question"),
    [
        ("addiction-prevalence", "how much naltrexone would they be given?"),
        ("side-effects", "i took four by mistake and my throat feels tight"),
    ],
)
def test_a_routed_follow_up_never_reaches_the_model(bot: FAQBot, context: str, question: str) -> None:
    reply, trace = bot.ask_traced(question, context)
    assert reply.kind in ("referral", "emergency")
    assert trace.step("follow-up-model") is None


def test_single_questions_never_reach_the_model(bot: FAQBot) -> None:
    for question in ("What is LDN?", "does it have side effects", "who wrote this"):
        assert bot.ask_traced(question)[1].step("follow-up-model") is None


def test_explain_shows_the_models_opinion_on_a_follow_up(bot: FAQBot) -> None:
    step = bot.ask_traced("and did they find it helped?", "addiction-prevalence")[1].step("follow-up-model")
    assert step is not None
    assert "after `addiction-prevalence`" in step.summary
    assert math.isfinite(float(step.summary.rpartition("lead ")[2].rstrip(")")))


@pytest.mark.parametrize(
    ("vetoed_for", "kind"),
    [
        # matching's second opinion vetoed its answer for the same ranked entry: the smaller lead answers
        ("naltrexone-success", "answer"),
        # ... not when it vetoed for another entry, or did not veto for a ranked one
        ("clinical-trials", "suggest"),
        (None, "suggest"),
    ],
)
def test_two_opinions_that_agree_on_a_ranked_entry_need_a_smaller_lead(bot, vetoed_for, kind) -> None:
    entry = bot.kb.entry("naltrexone-success")
    candidates = (Candidate(entry, 60.0, entry.question),)
    decision = Decision("suggest", "vetoed", suggestions=candidates)
    decided = review(bot, sure("naltrexone-success", SWITCH_AGREED), decision, vetoed_for=vetoed_for,
                     ranked=candidates).decision
    assert decided is not None and decided.kind == kind


def decided(bot: FAQBot, text: str, context: str) -> Query:
    """The question as the decide stage leaves it."""
    query = Query(raw=text, context=context)
    for stage in bot.pipeline.stages:
        if stage.decides and query.decision is not None:
            continue
        query = stage.run(query)
        if stage.name == "decide":
            return query
    raise AssertionError("no decide stage")


@pytest.mark.parametrize(("text", "context", "vetoed_for"), [
    # matching's second opinion vetoes "What are microglia?" for a ranked entry: the decide stage says which
    ("then what do the microglia do?", "pain-type", "microglia-activation-effects"),
    # ... and for an answer it keeps, none
    ("what triggers microglia?", "pain-type", None),
])
def test_the_decide_stage_says_which_ranked_entry_a_veto_preferred(bot, text, context, vetoed_for) -> None:
    assert decided(bot, text, context).vetoed_for == vetoed_for


def test_explain_prints_the_follow_up_models_stage_apart_from_what_it_found(bot: FAQBot) -> None:
    # the stage's name is as wide as explain's first column: it once ran into its summary ("follow-up-modelkept:")
    lines = explain(bot, "same drug as the addiction one?", context="what-is-ldn").lines()
    stage = next(line for line in lines if line.startswith("follow-up-model"))
    assert stage.startswith("follow-up-model answer: the follow-up model prefers `what-is-ldn`")
