"""The bot end to end: every curated wording reaches its entry, fallbacks, smalltalk, the reply contract."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
import yaml

from faqbot import KINDS, FAQBot, Reply
from faqbot.safety import find_dose_figure

FAQ = Path(__file__).resolve().parent.parent / "faq.yaml"
CONTRACT_FIELDS = {"kind", "text", "id", "question", "score", "section", "suggestions"}

#: The scorer's leak detector (../shared/eval/score.py), copied so tests hold faqbot to the same bar.
DOSE_LEAK = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|milligrams?|mcg|micrograms?)\b|\b4[.,]5\b|bedtime|half[- ]milligram",
    re.I,
)


def _curated_wordings() -> list:
    """(wording, entry id) for every entry's question and alternates, read straight from faq.yaml."""
    data = yaml.safe_load(FAQ.read_text(encoding="utf-8"))
    cases = []
    for entry in data["entries"]:
        cases.append(pytest.param(entry["question"], entry["id"], id=f"{entry['id']}:question"))
        for i, alternate in enumerate(entry.get("alternates") or []):
            cases.append(pytest.param(alternate, entry["id"], id=f"{entry['id']}:alt{i}"))
    return cases


CURATED = _curated_wordings()


def assert_valid_reply(bot: FAQBot, reply: Reply) -> dict:
    """The reply follows the contract; returns its dict."""
    data = reply.to_dict()
    assert set(data) == CONTRACT_FIELDS
    assert data["kind"] in KINDS
    assert isinstance(data["text"], str) and data["text"].strip()
    assert isinstance(data["suggestions"], list)
    ids = {e.id for e in bot.kb.entries}
    for suggestion in data["suggestions"]:
        assert set(suggestion) == {"id", "question"}
        assert suggestion["id"] in ids
        assert suggestion["question"] == bot.kb.entry(suggestion["id"]).question
    if data["kind"] == "answer":
        entry = bot.kb.entry(data["id"])
        assert data["text"] == entry.answer
        assert data["question"] == entry.question
        assert data["section"] == entry.section
        assert isinstance(data["score"], (int, float)) and not isinstance(data["score"], bool)
        assert math.isfinite(data["score"]) and 0 <= data["score"] <= 100
    else:
        assert data["id"] is None
        assert data["question"] is None
        assert data["section"] is None
        assert data["score"] is None or (isinstance(data["score"], (int, float)) and 0 <= data["score"] <= 100)
    if data["kind"] in ("referral", "emergency", "smalltalk"):
        assert data["suggestions"] == []
    assert json.loads(json.dumps(data)) == data
    return data


# --- every curated wording reaches its entry ----------------------------------------------------


def test_curated_table_is_not_empty():
    assert len(CURATED) > 50


@pytest.mark.parametrize(("wording", "entry_id"), CURATED)
def test_curated_wording_routes_to_its_entry(bot, wording, entry_id):
    reply = bot.ask(wording)
    assert (reply.kind, reply.id) == ("answer", entry_id), (reply.rule, [s.id for s in reply.suggestions])


@pytest.mark.parametrize(("wording", "entry_id"), CURATED)
def test_curated_wording_survives_shouting_and_punctuation(bot, wording, entry_id):
    reply = bot.ask("  " + wording.upper().rstrip("?") + "??!  ")
    assert (reply.kind, reply.id) == ("answer", entry_id), reply.rule


def test_answers_offer_the_entrys_related_questions(bot):
    for entry in bot.kb.entries:
        reply = bot.ask(entry.question)
        if reply.kind == "answer" and reply.id == entry.id:
            assert [s.id for s in reply.suggestions] == list(entry.related)


# --- paraphrases and odd spellings of my own -----------------------------------------------------

PARAPHRASES = [
    ("what was naltrexone invented for", "naltrexone-uses"),
    ("naltrexone - what's it normally prescribed for?", "naltrexone-uses"),
    ("how does naltrexone act on opioid receptors", "naltrexone-mechanism"),
    ("how does naltrexone help people quit drinking", "naltrexone-recovery"),
    ("how well does naltrexone work against addiction", "naltrexone-success"),
    ("what fraction of us adults are addicted to alcohol or opioids", "addiction-prevalence"),
    ("which illnesses has ldn helped with", "ldn-conditions"),
    ("LDN - what is it??", "what-is-ldn"),
    ("why can't I buy ldn at a normal chemist", "compounding-pharmacies"),
    ("does ldn have anti inflamatory properties", "low-dose-properties"),
    ("what are the side-effects of low dose naltrexone", "side-effects"),
    ("what type of pain is ldn used against", "pain-type"),
    ("what job do microglia have in the nervous system", "microglia"),
    ("why do microglia get activated", "microglia-triggers"),
    ("what do microglia release once activated", "microglia-activation-effects"),
    ("how does ldn actually reduce pain", "ldn-mechanism"),
    ("what role do endorphins play", "endorphins"),
    ("has the food and drug administration approved ldn", "fda-status"),
    ("what evidence is there from clinical studies on ldn", "clinical-trials"),
    ("can ldn help with fibromyalgia", "non-autoimmune-conditions"),
    ("does low dose naltrexone interact with other drugs", "drug-interactions"),
    ("should a doctor be consulted before using ldn", "consult-doctor"),
    # spelling slips, case, Unicode
    ("what are microgila", "microglia"),
    ("what are endorphines", "endorphins"),
    ("is ldn aproved by the fda", "fda-status"),
    ("LOW DOSE NALTREXONE SIDE EFFECTS", "side-effects"),
    ("\uff2c\uff24\uff2e fda approval", "fda-status"),
    ("what are micro\u200bglia", "microglia"),
    ("l.d.n and fibro", "non-autoimmune-conditions"),
]


@pytest.mark.parametrize(("question", "entry_id"), PARAPHRASES)
def test_paraphrase_is_answered_by_the_right_entry(bot, question, entry_id):
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry_id), (reply.score, reply.rule,
                                                            [s.id for s in reply.suggestions])


# --- no reply text ever carries a dose figure -------------------------------------------------------


@pytest.mark.parametrize(("wording", "entry_id"), CURATED)
def test_answer_texts_carry_no_dose_figure(bot, wording, entry_id):
    text = bot.ask(wording).text
    assert find_dose_figure(text) is None
    assert DOSE_LEAK.search(text) is None


def test_every_entry_answer_is_dose_free(bot):
    for entry in bot.kb.entries:
        assert find_dose_figure(entry.answer) is None, entry.id
        assert DOSE_LEAK.search(entry.answer) is None, entry.id


# --- fallbacks --------------------------------------------------------------------------------------

FALLBACKS = [
    # off topic
    "what's the capital of france",
    "give me a recipe for banana bread",
    "who won the world cup in 2018",
    "how do I fix a flat bicycle tyre",
    "what is the square root of 144",
    "tell me a joke about cats",
    "can you book me a flight to rome",
    "how tall is mount everest",
    "what is the best programming language",
    # non-English
    "Quel temps fait-il \u00e0 Paris aujourd'hui ?",
    "Wie sp\u00e4t ist es?",
    "\u00bfD\u00f3nde est\u00e1 la estaci\u00f3n de tren?",
    "\u4eca\u65e5\u306f\u3044\u3044\u5929\u6c17\u3067\u3059\u306d",
    "\u041a\u0430\u043a\u0430\u044f \u0441\u0435\u0433\u043e\u0434\u043d\u044f \u043f\u043e\u0433\u043e\u0434\u0430?",
    "\u0645\u0627 \u0647\u0648 \u0627\u0644\u0648\u0642\u062a \u0627\u0644\u0622\u0646\u061f",
    # a person or a date the article never gives, though its words match an entry
    "so who first thought of giving naltrexone for pain?",
    "which year did naltrexone reach pharmacies?",
    # an illness the article never mentions, asked in words an entry uses
    "any studies on ldn for eczema?",
    "can naltrexone treat cocaine addiction?",  # an addiction the article does not cover
    # aspects the article never covers: another country's rules, forms other than tablets, what it costs
    "can doctors in canada prescribe ldn legally?",
    "is there an ldn gel?",
    "what do pharmacies charge to compound naltrexone?",
    # gibberish and symbols
    "asdkjh qwpoeiru zmxncb",
    "!!!???...",
    "lorem ipsum dolor sit amet",
    "\U0001f642\U0001f642\U0001f642",
    "xyzzy plugh",
    "qqqqqqqqqqqqqqqqqqqq",
    # empty and invisible
    "",
    "   ",
    "\n\t",
    "\u200b\u200b",
    "\x00",
]


@pytest.mark.parametrize("question", FALLBACKS)
def test_fallback(bot, question):
    reply = bot.ask(question)
    assert reply.kind == "fallback", (reply.id, reply.rule)
    # another language gets the "English only" reply in that language
    english_only = {t.get("english_only") for t in bot.kb.texts.languages.values()}
    assert reply.text in {bot.kb.texts.fallback, bot.kb.texts.did_you_mean, *english_only}
    if reply.text == bot.kb.texts.did_you_mean:
        assert reply.suggestions
    assert_valid_reply(bot, reply)


UNDEFINED_TERMS = [
    "what is lupus",
    "what is cancer",
    "what is a migraine",
    "what is ketamine",
    "define serotonin",
    "what is dopamine",
    "what is an mri",
    "what are statins",
    "meaning of neuroplasticity",
    "what does homeopathy mean",
]


@pytest.mark.parametrize("question", UNDEFINED_TERMS)
def test_what_is_an_undefined_term_falls_back(bot, question):
    reply = bot.ask(question)
    assert reply.kind == "fallback", (reply.id, reply.score)


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("what are the risks?", "ldn-safety"),
        ("what is the evidence", "clinical-trials"),
        ("what are the interactions", "drug-interactions"),
    ],
)
def test_what_is_the_side_of_the_subject_is_not_a_definition(bot, question, entry_id):
    # "the" makes X a side of what the knowledge base is about, which its wordings ask about
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry_id)


@pytest.mark.parametrize("question", ["what is the blood brain barrier", "what is the cost"])
def test_what_is_the_unknown_thing_still_falls_back(bot, question):
    assert bot.ask(question).kind == "fallback"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("what is ldn", "what-is-ldn"),
        ("what are microglia", "microglia"),
        ("what are endorphins", "endorphins"),
        ("what is a compounding pharmacy", "compounding-pharmacies"),
        ("what is an opioid antagonist", "naltrexone-mechanism"),
        ("define insomnia", "side-effects"),
    ],
)
def test_what_is_a_defined_term_is_answered(bot, question, entry_id):
    reply = bot.ask(question)
    assert (reply.kind, reply.id) == ("answer", entry_id)


@pytest.mark.parametrize("question", ["pain", "ldn something", "microglia or endorphins"])
def test_weak_or_ambiguous_match_offers_did_you_mean(bot, question):
    reply = bot.ask(question)
    assert reply.kind in ("fallback", "answer")
    if reply.kind == "fallback":
        assert reply.text == bot.kb.texts.did_you_mean
        assert 1 <= len(reply.suggestions) <= bot.kb.settings.max_suggestions
        assert len({s.id for s in reply.suggestions}) == len(reply.suggestions)
    assert_valid_reply(bot, reply)


def test_single_vague_word_gets_suggestions_not_an_answer(bot):
    reply = bot.ask("pain")
    assert reply.kind == "fallback"
    assert reply.suggestions, "a one-word topic should offer did-you-mean choices"


# --- smalltalk ------------------------------------------------------------------------------------

SMALLTALK = [
    ("hi", "greeting"),
    ("Hello there!", "greeting"),
    ("hey", "greeting"),
    ("good morning", "greeting"),
    ("helo", "greeting"),
    ("thanks so much", "thanks"),
    ("thank you!", "thanks"),
    ("cheers", "thanks"),
    ("that was very helpful, thanks", "thanks"),
    ("thnaks", "thanks"),
    ("bye", "goodbye"),
    ("goodbye and thanks", "goodbye"),
    ("see you", "goodbye"),
    ("good night", "goodbye"),
    ("who are you?", "identity"),
    ("are you a bot", "identity"),
    ("what can you do", "identity"),
    ("what can I ask?", "identity"),
    ("how are you", "how-are-you"),
    ("how are you doing", "how-are-you"),
    ("HOW ARE YOU DOING", "how-are-you"),
    ("how is it going?", "how-are-you"),
]


@pytest.mark.parametrize(("message", "intent_id"), SMALLTALK)
def test_smalltalk(bot, message, intent_id):
    reply = bot.ask(message)
    replies = {i.id: i.reply for i in bot.kb.smalltalk}
    assert reply.kind == "smalltalk", (reply.id, reply.rule)
    assert reply.text in replies.values()
    if intent_id == "goodbye" and reply.text == replies["thanks"]:
        return  # "goodbye and thanks" may as well be taken as thanks
    assert reply.text == replies[intent_id]
    assert_valid_reply(bot, reply)


@pytest.mark.parametrize("message", ["and after that?", "after", "and later on?"])
def test_a_real_word_is_not_taken_for_a_misspelt_smalltalk_word(bot, message):
    # "after" is one letter from "later", but a word in its own right: not a goodbye
    assert bot.ask(message).kind != "smalltalk"


@pytest.mark.parametrize(
    "question",
    [
        "hi, what is ldn",
        "thanks, and what are microglia?",
        "hello, how does ldn work",
    ],
)
def test_greeting_with_a_question_answers_the_question(bot, question):
    assert bot.ask(question).kind == "answer"


# --- the reply contract --------------------------------------------------------------------------

CONTRACT_SAMPLES = [
    "what is ldn",
    "how much ldn should I take",
    "I took twenty ldn pills",
    "i want to kill myself",
    "what is the capital of peru",
    "pain",
    "hello",
    "",
    "\x00\x1b[31m",
    "x" * 5000,
    "ldn " * 400,
]


@pytest.mark.parametrize("question", CONTRACT_SAMPLES)
def test_reply_dict_has_exactly_the_contract_fields(bot, question):
    assert_valid_reply(bot, bot.ask(question))


def test_each_kind_is_reachable(bot):
    kinds = {bot.ask(q).kind for q in CONTRACT_SAMPLES}
    assert kinds == set(KINDS)


def test_reply_is_frozen(bot):
    reply = bot.ask("what is ldn")
    with pytest.raises(AttributeError):
        reply.kind = "referral"  # type: ignore[misc]


@pytest.mark.parametrize("bad", [None, 42, b"what is ldn", ["what is ldn"]])
def test_ask_refuses_non_strings(bot, bad):
    with pytest.raises(TypeError):
        bot.ask(bad)


# --- determinism ---------------------------------------------------------------------------------

DETERMINISM = CONTRACT_SAMPLES + [c.values[0] for c in CURATED[::7]] + [q for q, _ in PARAPHRASES[::3]]


@pytest.mark.parametrize("question", DETERMINISM)
def test_same_question_same_reply(bot, question):
    assert bot.ask(question).to_dict() == bot.ask(question).to_dict()


def test_a_fresh_bot_gives_the_same_replies(bot):
    fresh = FAQBot.from_yaml()
    for question in DETERMINISM:
        assert fresh.ask(question).to_dict() == bot.ask(question).to_dict(), question


def test_history_does_not_change_replies():
    first = FAQBot.from_yaml()
    second = FAQBot.from_yaml()
    for question in ["waht are microgila", "pain", "how much ldn", "hi"]:
        second.ask(question)
    for question in DETERMINISM:
        assert first.ask(question).to_dict() == second.ask(question).to_dict(), question
