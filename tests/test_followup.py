"""Follow-up questions read against the previous answer's entry (``FAQBot.ask(text, context=id)``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot import FAQBot
from faqbot.text.turns import asked_of_anyone

BOT = FAQBot.from_yaml()
IDS = [e.id for e in BOT.kb.entries]


@pytest.mark.parametrize(
    ("context", "question", "kind", "entry"),
    [
        ("microglia", "what triggers them?", "answer", "microglia-triggers"),
        ("microglia-triggers", "and in healthy people?", "answer", "microglia-triggers"),
        ("ldn-conditions", "what about migraines?", "fallback", None),
        ("microglia", "what is ldn", "answer", "what-is-ldn"),  # complete on its own
        ("microglia", "how much of it should I take?", "referral", None),
        ("what-is-ldn", "can my mum take it?", "referral", None),
        # personal follow-ups: instructions for the asker, the asker's own case, "can I?", a relative
        ("side-effects", "how do I avoid them?", "referral", None),
        ("non-autoimmune-conditions", "can I?", "referral", None),
        ("clinical-trials", "what about my son?", "referral", None),
        # ... while a complete general question after an answer is answered as usual
        ("drug-interactions", "what are microglia?", "answer", "microglia"),
        ("pain-type", "is it safe?", "answer", "ldn-safety"),
        # "what are they?" asks what the thing talked about is, not the context question again
        ("microglia-triggers", "what are they exactly?", "answer", "microglia"),
        # a pronoun inside a phrasal verb: "switches them on" is "switches on them"
        ("microglia", "what switches them on?", "answer", "microglia-triggers"),
        # a follow-up that asks only how the answer applies to someone is their own case
        ("side-effects", "and if I have that?", "referral", None),
        ("side-effects", "does that apply to me?", "referral", None),
        ("non-autoimmune-conditions", "me too?", "referral", None),
        # ... but "where would I get it?" asks where the drug is got, and "where do I stand?" stays the asker's case
        ("consult-doctor", "where would i get it", "answer", "compounding-pharmacies"),
        ("what-is-ldn", "so where do you buy it?", "answer", "compounding-pharmacies"),
        ("consult-doctor", "where do I stand?", "referral", None),
        # "it" after an answer about naltrexone is naltrexone, even beside opioid painkillers
        ("naltrexone-mechanism", "so opioid painkillers won't work while it's in you?", "answer", "opioid-painkillers"),
        # "different question" turns the conversation; it compares nothing
        ("naltrexone-opioid", "different question - how does naltrexone help people recovering from addiction?",
         "answer", "naltrexone-recovery"),
        ("microglia", "totally different q: is naltrexone an opioid?", "answer", "naltrexone-opioid"),
        # "such a small dose" after an answer about LDN asks what it does at low doses
        ("what-is-ldn", "what does it do at such a small dose?", "answer", "low-dose-properties"),
        # "any others?", "is that all?" after an answer that lists things: that answer is all there is
        ("side-effects", "any others?", "answer", "side-effects"),
        ("ldn-conditions", "is that all?", "answer", "ldn-conditions"),
        # a question complete on its own, after an answer about the drug, is about the drug, named or not ...
        ("consult-doctor", "any side effects to watch for?", "answer", "side-effects"),
        # ... but not one that would get the same answer again: it asks beyond it
        ("side-effects", "how long does the insomnia last?", "fallback", None),
        # whether naltrexone blocks painkillers, asked in general after how it works, is that entry's question
        ("naltrexone-mechanism", "so does it stop painkillers working?", "answer", "opioid-painkillers"),
        # "them" beside "it" may be the group an answer about the drug told of: how it helps those people
        ("naltrexone-success", "why does it help them?", "answer", "naltrexone-recovery"),
        # ... read in place ("how does naltrexone help people addicted to drugs"), not as how the drug works; and
        # "those people" is that group too
        ("naltrexone-success", "how exactly does it help them?", "answer", "naltrexone-recovery"),
        ("naltrexone-uses", "so how does it help those people?", "answer", "naltrexone-recovery"),
        ("naltrexone-uses", "and how does it help with that exactly?", "answer", "naltrexone-recovery"),
        # whether it works for what the answer told of is whether it is effective, not how it works
        ("naltrexone-uses", "but does it really work for that?", "answer", "naltrexone-success"),
        # a clause pointing back at the answer names nothing asked; "changing topic" leaves the answer behind
        ("ldn-mechanism", "the endorphins you brought up, what are those?", "answer", "endorphins"),
        ("naltrexone-opioid", "change of topic: what are endorphins?", "answer", "endorphins"),
        # "does that work?" asks whether it works, as "does it work?" does; "meaning what?" asks it said simpler
        ("naltrexone-recovery", "but does that really work?", "answer", "naltrexone-success"),
        ("ldn-mechanism", "meaning what??", "answer", "ldn-mechanism"),
        ("what-is-ldn", "and side effx?", "answer", "side-effects"),
        # "which X, specifically?" is "which X?": the answer names X and never says which
        ("microglia-activation-effects", "ok, which chemicals specifically?", "fallback", None),
        # a term and then "what's that?": the term just named, not the last answer's topic
        ("pain-type", "microglia?? what is that", "answer", "microglia"),
        # what calms microglia is how LDN works
        ("microglia-triggers", "is there anything that can calm them down?", "answer", "ldn-mechanism"),
        # "how common is it?" asks how far, as a yes or no about the same words does: its answer may stand again
        ("addiction-prevalence", "is that drink or opioids?", "answer", "addiction-prevalence"),
        # ... but "people" who only did something are no group to read "them" as
        ("ldn-conditions", "how does it help them?", "answer", "ldn-mechanism"),
        # "what about X?" near a tie: the entry whose matched wording names X
        ("ldn-safety", "and with other meds?", "answer", "drug-interactions"),
        # whether to see a doctor first is what the knowledge base answers, not one person's case ...
        ("fda-status", "so should people check with a doctor first?", "answer", "consult-doctor"),
        ("compounding-pharmacies", "do you have to see a doctor first?", "answer", "consult-doctor"),
        # ... unless the follow-up puts a case on it
        ("side-effects", "should I see a doctor first if I get those?", "referral", None),
        ("ldn-conditions", "do I need to see a doctor first if I have lupus?", "referral", None),
        ("side-effects", "should I see a doctor first? I drink most nights", "referral", None),
        # a turn that changes the topic is routed as read alone too, "it" as the drug
        ("microglia", "new topic: is it safe at 50?", "referral", None),
        # ... and "it" is not the drug when the turn names another medicine
        ("microglia", "btw, gabapentin - what is it used for?", "fallback", None),
        # a turn no follow-up form reads is still routed after the question it follows: it may put a case on it
        ("drug-interactions", "even a glass or two at the wedding?", "referral", None),
        ("what-is-ldn", "smaller amounts for a heavy drinker?", "referral", None),
        ("opioid-painkillers", "what does withdrawal mean for someone on codeine?", "referral", None),
        # what the drug would do for someone named only by a pronoun, a change of amount, the amount an effect
        # takes, and a medicine of someone else's: each a case, though no drug is named (a red-team review)
        ("microglia", "could ldn quiet hers down?", "referral", None),
        ("microglia-triggers", "so it might work better on me?", "referral", None),
        ("low-dose-properties", "should he take a little more of it then?", "referral", None),
        ("endorphins", "if I exercise do I need less of it?", "referral", None),
        ("ldn-mechanism", "ok how much would that take?", "referral", None),
        ("ldn-mechanism", "how much for that effect then?", "referral", None),
        ("non-autoimmune-conditions", "and alongside his methotrexate?", "referral", None),
        ("endorphins", "should I eat first before taking it?", "referral", None),
        # ... and answered as before when it puts none
        ("drug-interactions", "which medicines?", "answer", "drug-interactions"),
        # whether what was just said still holds: that answer again, not the subject read afresh
        ("fda-status", "is that still the case?", "answer", "fda-status"),
        ("addiction-prevalence", "has that changed lately?", "answer", "addiction-prevalence"),
        ("fda-status", "is that true for MS?", "answer", "clinical-trials"),
        # "who says?", "where's that figure from?": where what was just said comes from
        ("fda-status", "says who?", "answer", "information-source"),
        ("addiction-prevalence", "where's that figure from?", "answer", "information-source"),
        ("microglia-triggers", "how do you know that?", "answer", "information-source"),
        # a courtesy ending the turn asks nothing more
        ("clinical-trials", "source pls", "answer", "information-source"),
        ("microglia", "any source for that?", "answer", "information-source"),
        ("microglia", "and what triggers them? thx", "answer", "microglia-triggers"),
        # "it" done to people is the drug in its place, not how the drug works; done to a pain it may be
        ("naltrexone-recovery", "how does it help them stay clean?", "answer", "naltrexone-recovery"),
        ("naltrexone-opioid", "how does it help addicts then?", "answer", "naltrexone-recovery"),
        ("non-autoimmune-conditions", "how does it help fibro pain tho?", "answer", "ldn-mechanism"),
    ],
)
def test_follow_ups_are_read_in_context(context: str, question: str, kind: str, entry: str | None) -> None:
    reply = BOT.ask(question, context=context)
    assert (reply.kind, reply.id) == (kind, entry)


@pytest.mark.parametrize("question", ["tell me more", "more?", "go on", "can you elaborate"])
def test_tell_me_more_gives_the_context_answer_again_saying_so_with_its_related_questions(question: str) -> None:
    entry = BOT.kb.entry("microglia")
    reply = BOT.ask(question, context="microglia")
    assert (reply.kind, reply.id) == ("answer", "microglia")
    assert reply.text == f"{BOT.kb.texts.more} {entry.answer}"
    assert [s.id for s in reply.suggestions] == list(entry.related)


@pytest.mark.parametrize("context", [None, "", "no-such-entry", "MICROGLIA", " microglia"])
def test_unknown_or_empty_context_is_ignored(context: str | None) -> None:
    assert BOT.ask("what triggers them?", context=context) == BOT.ask("what triggers them?")


def test_a_non_string_context_is_ignored() -> None:
    assert BOT.ask("what is ldn", context=42) == BOT.ask("what is ldn")  # type: ignore[arg-type]


def test_explain_shows_how_the_context_was_used() -> None:
    _, trace = BOT.ask_traced("what triggers them?", "microglia")
    step = trace.step("context")
    assert step is not None and "microglia" in step.summary and "read as" in step.summary


REFERRED = ["how much should i take", "what dose of it for my fibro", "can my husband take it with his meds",
            "is it ok for me while pregnant", "I took too many of them", "how often do i take it"]


@settings(max_examples=120, deadline=None)
@given(question=st.sampled_from(REFERRED), context=st.sampled_from(IDS), lead=st.sampled_from(["", "and ", "ok so "]))
def test_a_context_never_turns_a_referral_or_emergency_into_an_answer(question: str, context: str, lead: str) -> None:
    alone = BOT.ask(lead + question)
    assert alone.kind in ("referral", "emergency")
    assert BOT.ask(lead + question, context=context).kind == alone.kind


@pytest.mark.parametrize(
    ("typed", "words"), [("ppl", ["people"]), ("tho", ["though"]), ("idk", ["i", "do", "not", "know"]),
                         ("wat", ["what"]), ("wut", ["what"])]
)
def test_chat_shorthand_is_spelt_out(typed: str, words: list[str]) -> None:
    from faqbot.text import words as split

    assert split(typed) == words


def test_the_knowledge_base_subject_is_learned_from_its_questions() -> None:
    assert BOT.followups.subject == "ldn"


@pytest.mark.parametrize(
    ("question", "entry"), [("what is it exactly?", "what-is-ldn"), ("is it approved?", "fda-status")]
)
def test_with_no_context_it_means_the_subject(question: str, entry: str) -> None:
    reply, trace = BOT.ask_traced(question)
    step = trace.step("context")
    assert reply.id == entry and step is not None and "'ldn'" in step.summary


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Totally different question: what was naltrexone first used for?", "naltrexone-uses"),
        ("separate thing - do scientists know why microglia get switched on?", "microglia-triggers"),
        ("different question: is it safe?", "ldn-safety"),
    ],
)
def test_a_question_asked_first_is_matched_without_words_that_change_the_topic(question: str, entry: str) -> None:
    reply, trace = BOT.ask_traced(question)
    step = trace.step("context")
    assert reply.id == entry and step is not None and "without its opening words" in step.summary


@pytest.mark.parametrize(
    "question", ["different question: how much LDN should I take?", "unrelated, but is it safe at 50?"]
)
def test_words_that_change_the_topic_never_hide_a_referral(question: str) -> None:
    assert BOT.ask(question).kind == "referral"


@pytest.mark.parametrize("question", ["is it safe at 50?", "how many mg of it", "can i take it twice a day"])
def test_reading_it_as_the_subject_is_routed_too(question: str) -> None:
    assert BOT.ask(question).kind == "referral"


@pytest.mark.parametrize("question", ["lyrica, what are its side effects?", "gabapentin - is it approved by the FDA?"])
def test_it_is_not_the_subject_when_another_medicine_is_named(question: str) -> None:
    assert BOT.ask(question).kind == "fallback"


PERSONAL_FOLLOW_UPS = ["and for me?", "what about me?", "and my wife?", "how about my partner?", "and for him?",
                       "and with my other meds?", "and weekly?", "what about one?", "and for us?"]


@settings(max_examples=150, deadline=None)
@given(question=st.sampled_from(PERSONAL_FOLLOW_UPS), context=st.sampled_from(IDS))
def test_a_personal_follow_up_is_never_answered(question: str, context: str) -> None:
    assert BOT.ask(question, context=context).kind != "answer"


@pytest.mark.parametrize(("question", "context"), [("what are they?", "microglia"), ("what is it?", "what-is-ldn")])
def test_asking_what_it_is_after_an_answer_gets_that_entry(question: str, context: str) -> None:
    assert BOT.ask(question, context=context).id == context


def test_an_unknown_context_still_reads_it_as_the_subject() -> None:
    assert BOT.ask("what is it exactly?", context="nope") == BOT.ask("what is it exactly?")


@pytest.mark.parametrize(
    "question", ["what strength blocks opioid receptors", "what strength of naltrexone blocks receptors",
                 "statistics aside how much ldn should i take"]
)
def test_general_words_do_not_cancel_a_dosing_question(question: str) -> None:
    assert BOT.ask(question).kind == "referral"


def test_it_after_an_answer_can_still_mean_the_subject() -> None:
    # after the side effects, "is it safe overall?" asks about LDN, not about side effects
    reply = BOT.ask("is it safe overall?", context="side-effects")
    assert reply.id == "ldn-safety"


@pytest.mark.parametrize("question",
                         ["explain it to me", "tell me more", "give me an example", "can you help me understand?"])
def test_me_in_tell_me_is_who_is_told_not_who_is_asked_about(question: str) -> None:
    assert BOT.ask(question, context="side-effects").kind != "referral"


@pytest.mark.parametrize("question", ["what if someone's on opioid painkillers", "what about oxycodone?"])
def test_opioids_after_an_answer_about_naltrexone_are_in_scope(question: str) -> None:
    # what naltrexone does to opioids is the knowledge base's own topic, "it" or not
    reply = FAQBot.from_yaml().ask(question, context="naltrexone-opioid")
    assert (reply.kind, reply.id) == ("answer", "opioid-painkillers")


@pytest.mark.parametrize(("context", "question", "kind", "entry"), [
    # a did-you-mean the second opinion is sure asks about the answer just given: that answer again
    ("compounding-pharmacies", "why there?", "answer", "compounding-pharmacies"),
    ("fda-status", "really? not approved at all?", "answer", "fda-status"),
    # ... never for what the answer does not cover
    ("compounding-pharmacies", "which online pharmacy sells it cheapest?", "fallback", None),
    # a follow-up's slips are put right as matching puts them right, by their neighbours too
    ("what-is-ldn", "sid efects?", "answer", "side-effects"),
    # "for what?" is "what is it used for?": "it" is the context's topic
    ("what-is-ldn", "for what", "answer", "ldn-conditions"),
    # a follow-up's reading is no curated wording: the second opinion overrules it at its usual bar
    ("fda-status", "but do doctors prescribe it?", "answer", "fda-status"),
])
def test_a_follow_up_the_second_opinion_reads_as_the_context_entry(bot, context, question, kind, entry) -> None:
    reply = bot.ask(question, context=context)
    assert (reply.kind, reply.id) == (kind, entry)


@pytest.mark.parametrize(("turn", "asks_source"), [
    ("who says?", True), ("says who", True), ("source?", True), ("where's that number from?", True),
    ("where did you read that?", True), ("ok how do they know that?", True),
    # what the text tells of itself: its date, author and references
    ("when was it published?", True), ("who wrote it", True), ("does it cite any studies?", True),
    ("is this peer reviewed?", True), ("when was LDN discovered?", False), ("does it cite pain?", False),
    # a question of its own, or one about where the drug comes from, is read some other way
    ("who says LDN works for MS?", False), ("where does it come from, a factory?", False),
    ("where do I get it from?", False), ("where's this rash from?", False),
])
def test_where_something_comes_from_is_read_as_a_question_about_the_source(turn: str, asks_source: bool) -> None:
    from faqbot.text import clean
    from faqbot.text.turns import SOURCE

    assert bool(SOURCE.match(clean(turn))) is asks_source


@pytest.mark.parametrize(("context", "question", "entry"), [
    # the entry's curated topic, not its question's rarest word ("used"), is what a pronoun stands for
    ("ldn-conditions", "approved for any of those?", "fda-status"),
    ("consult-doctor", "is it approved?", "fda-status"),
])
def test_a_pronoun_stands_for_the_entrys_curated_topic(context: str, question: str, entry: str) -> None:
    reply = BOT.ask(question, context=context)
    assert (reply.kind, reply.id) == ("answer", entry)


def test_a_known_cost_of_the_follow_up_model_is_a_fallback_never_another_entry() -> None:
    # Retrained in the fifty-third session on the red-team dialogue sets too (leave one set out: 4,527 -> 4,532 of
    # 4,774 follow-up turns), the model finds this turn out of scope where matching answered the side effects: a lost
    # answer, kept as the cost of the retrain; it must never become another entry's answer
    reply = BOT.ask("any other risks? like side effects", context="drug-interactions")
    assert (reply.kind, reply.id) in {("answer", "side-effects"), ("fallback", None)}


def test_a_follow_up_never_answers_with_a_topic_the_answer_does_not_cover() -> None:
    # "what kind of doctor prescribes it?" after "do I need a doctor?": the article names no kind of doctor
    assert BOT.ask("what kind of doctor prescribes it?", context="consult-doctor").kind == "fallback"


def test_how_come_asks_why_not_how_to_take() -> None:
    # read in context, "how come?" after "do I need to see a doctor before using LDN?" is no question of how to take it
    reply = BOT.ask("how come?", context="consult-doctor")
    assert (reply.kind, reply.id) == ("answer", "consult-doctor")


@pytest.mark.parametrize(("question", "kind"), [
    # the curated "Do I need to see a doctor...?" names no one: only the turn's own words may tell a case
    ("is it dangerous then", "answer"),
    ("what if someone's on opioid painkillers?", "answer"),
    ("so is it dangerous for me then?", "referral"),
    ("should I take it then?", "referral"),
    ("how much do I start on?", "referral"),
])
def test_the_curators_i_in_the_context_question_is_no_ones_case(question: str, kind: str) -> None:
    assert BOT.ask(question, context="consult-doctor").kind == kind


@pytest.mark.parametrize(("question", "routed_as"), [
    ("Do I need to see a doctor before using LDN?", "Do people need to see a doctor before using LDN?"),
    ("Can my GP prescribe it to me?", "Can the GP prescribe it to people?"),
    ("What is LDN used for?", "What is LDN used for?"),
    ("Is it in Italy?", "Is it in Italy?"),
    ("Is LDN approved in the US?", "Is LDN approved in the US?"),
    ("Should we tell us?", "Should people tell people?"),
])
def test_a_context_question_is_routed_as_anyone_would_ask_it(question: str, routed_as: str) -> None:
    assert asked_of_anyone(question) == routed_as


@pytest.mark.parametrize(("context", "question", "kind", "entry"), [
    # a term another entry defines, named beside who keeps talking of it, is what the turn asks about
    ("microglia", "my aunt keeps going on about endorphins - what even are they?", "answer", "endorphins"),
    # ... while a turn naming only someone, or their own body, is their case
    ("endorphins", "and my husband's endorphins?", "referral", None),
    ("endorphins", "my endorphins?", "referral", None),
    ("microglia", "are my microglia activated?", "referral", None),
    ("side-effects", "what if my mum gets insomnia?", "referral", None),
    # a story put before the comma ("my neurologist mentioned microglia") is no topic the question asks about
    ("microglia-triggers", "my neurologist mentioned microglia, what are they actually?", "answer", "microglia"),
    # dosing and getting it prescribed, asked in context (red-team dialogues 106)
    ("what-is-ldn", "split it am/pm or all at once?", "referral", None),
    ("fda-status", "then how do i get my doctor to write me a script for it", "referral", None),
    ("opioid-painkillers", "I put 4 more patches on and now I can barely breathe", "emergency", None),
])
def test_a_turn_about_someone_or_something_else(context: str, question: str, kind: str, entry: str | None) -> None:
    reply = BOT.ask(question, context=context)
    assert (reply.kind, reply.id) == (kind, entry)
