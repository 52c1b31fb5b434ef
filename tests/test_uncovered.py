"""A question's key word that the best entry never uses keeps that entry from answering."""

from __future__ import annotations

import pytest


def test_rare_words_are_the_ones_no_entry_or_everyday_english_uses(bot):
    analysis = bot.normalizer.analyze("how is naltrexone different from naloxone")
    assert "naloxon" in analysis.rare
    assert analysis.compares
    # a slip of a known word is a typo, not a new topic
    assert not bot.normalizer.analyze("does ldn cuase trouble sleping").rare


@pytest.mark.parametrize(("question", "compares"), [
    ("how is naltrexone different from naloxone", True),
    ("is LDN different for men and women", True),
    # "different" after a word of number tells variety: "many different conditions" compares nothing
    ("is LDN used for lots of different conditions", False),
    ("which of the many different illnesses is LDN used for", False),
])
def test_different_compares_unless_it_tells_variety(bot, question, compares):
    assert bot.normalizer.analyze(question).compares is compares


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


def test_the_subject_is_learned_from_the_curated_questions(bot):
    index = bot.retriever.index
    assert index.subject == {"ldn", "naltrexon"}
    # "low dose" of "low dose naltrexone" names the drug too
    assert {"low", "dose"} <= index.subject_words
    assert not index.on_subject[[e.id for e in bot.kb.entries].index("microglia")]


@pytest.mark.parametrize(("question", "unnamed"), [
    ("what are the first signs of multiple sclerosis", "ldn or naltrexon"),
    ("how many people live with fibromyalgia", "ldn or naltrexon"),
    ("is massage any good for chronic pain", "ldn or naltrexon"),
    # an entry about something else than the drug asks the same of its own theme
    ("How many Americans have fibromyalgia?", "addict"),
    ("how many people in the US have multiple sclerosis", "addict"),
])
def test_a_question_about_a_condition_itself_is_not_answered_by_an_entry_about_something_else(bot, question,
                                                                                              unnamed):
    reply, trace = bot.ask_traced(question)
    assert reply.kind == "fallback", question
    decide = trace.step("decide")
    assert decide is not None and f"never names {unnamed!r}" in decide.summary


def test_an_entry_about_something_else_than_the_drug_has_a_theme_of_its_own(bot):
    index = bot.retriever.index
    at = {e.id: i for i, e in enumerate(bot.kb.entries)}
    assert "addict" in index.themes[at["addiction-prevalence"]]
    # ... and what it defines: "the body's own painkillers" are endorphins
    assert {"endorphin", "painkil"} <= index.themes[at["endorphins"]]
    assert not index.themes[at["what-is-ldn"]]


@pytest.mark.parametrize(("question", "entry"), [
    ("how common is it to get hooked on opioids", "addiction-prevalence"),
    ("Does LDN work by letting the body's own painkillers do their job?", "ldn-mechanism"),
    ("what triggers microglia", "microglia-triggers"),
    ("anti-inflammatory effect at low dose", "low-dose-properties"),
    ("side effects?", "side-effects"),
])
def test_questions_about_the_drug_or_the_articles_own_topics_still_answer(bot, question, entry):
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry)


def test_a_follow_up_to_an_answer_about_the_drug_is_about_the_drug(bot):
    reply = bot.ask("so what have the trials shown?", context="fda-status")
    assert (reply.kind, reply.id) == ("answer", "clinical-trials")


# A capitalised abbreviation the knowledge base never uses names a thing (a regulator, an illness, a shop):
# it is the question's topic, so no entry answers; everyday ones ("TBH", "ER"), ones the knowledge base
# knows ("LDN", "FDA", "CNS" as a synonym) and a question shouted in capitals are left alone.
@pytest.mark.parametrize(
    ("question", "rare"),
    [
        ("Does the EMA approve LDN for anything?", {"ema"}),
        ("Is LDN used in PTSD?", {"ptsd"}),
        ("TBH is LDN safe", set()),
        ("What should an ER doctor know about naltrexone?", set()),
        ("is LDN FDA approved", set()),
        ("role of microglia in the CNS", set()),
        ("WHAT DOES THE EMA SAY ABOUT LDN", set()),
    ],
)
def test_capitalised_abbreviations_name_a_topic(bot, question, rare):
    analysis = bot.normalizer.analyze(question)
    assert set(analysis.rare) == rare


@pytest.mark.parametrize(("question", "kind", "entry"), [
    # a place or a body written as a name inside the question: something particular the article never names
    ("Which compounding pharmacies in Ohio make LDN?", "fallback", None),
    ("What does the National MS Society say about LDN?", "fallback", None),
    # an organisation's name closed by a word the knowledge base uses in another sense ("can this information be
    # trusted?"): the body is still one the article never names
    ("Who runs the Chronic Pain Research Trust?", "fallback", None),
    ("can this information be trusted?", "answer", "information-source"),
    # ... but not a name in the story told around the question, nor the capitals of a heading
    ("Someone in a Facebook group said LDN has to be 'compounded'. Why is that?", "answer", "compounding-pharmacies"),
    ("Why Do People Get LDN From Compounding Pharmacies?", "answer", "compounding-pharmacies"),
])
def test_a_name_the_knowledge_base_never_uses_is_the_question_s_topic(bot, question, kind, entry):
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == (kind, entry)


@pytest.mark.parametrize(("question", "entry"), [
    # who mentioned it, in the story around the question, is not what is asked
    ("Does LDN have side effects? My rheumatologist brought it up.", "side-effects"),
    ("My mom's rheumatologist mentioned LDN and I want to understand it: how does it work against pain?",
     "ldn-mechanism"),
    ("What side effects does LDN have? I'm a caregiver.", "side-effects"),
])
def test_a_carer_or_clinician_named_around_the_question_weighs_like_filler(bot, question, entry):
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry)


def test_a_carer_or_clinician_named_in_the_question_is_still_its_topic(bot):
    assert "rheumatolog" in bot.normalizer.analyze("is a rheumatologist allowed to prescribe it?").rare
    told = bot.normalizer.analyze("Is LDN safe? My rheumatologist asked.")
    assert "rheumatolog" in told.common and "rheumatolog" not in told.rare


def test_names_are_read_only_inside_the_asking_sentence(bot):
    assert bot.normalizer.analyze("Which compounding pharmacies in Ohio make LDN?").names == {"ohio"}
    assert not bot.normalizer.analyze("My aunt saw it on Facebook. Is naltrexone addictive?").names
    assert not bot.normalizer.analyze("What Is Naltrexone Traditionally Used For?").names


@pytest.mark.parametrize(("question", "kind"), [
    # the article's approval and addiction figures are the US's: asked of another country, no entry answers
    ("is LDN approved in the UK?", "fallback"),
    ("what share of adults in Canada are addicted to alcohol?", "fallback"),
    # ... a country in a story told around the question limits nothing
    ("My cousin lives in the UK and got curious: has the FDA approved LDN for chronic pain?", "answer"),
    ("has the FDA approved LDN for chronic pain?", "answer"),
])
def test_a_question_asked_of_another_country_is_not_answered_with_the_us_facts(bot, question, kind):
    assert bot.ask(question).kind == kind, question
