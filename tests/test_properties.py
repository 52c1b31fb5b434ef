"""Properties over generated text: any input gets a valid contract reply and never a dose figure."""

from __future__ import annotations

import json
import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faqbot import KINDS, FAQBot
from faqbot.safety import find_dose_figure, route

#: The scorer's leak detector, copied from ../shared/eval/score.py (DOSE_LEAK).
DOSE_LEAK = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|milligrams?|mcg|micrograms?)\b|\b4[.,]5\b|bedtime|half[- ]milligram",
    re.I,
)
CONTRACT_FIELDS = {"kind", "text", "id", "question", "score", "section", "suggestions"}

PROPERTY_SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- strategies ---------------------------------------------------------------------------------

LDN_WORDS = [
    "ldn", "LDN", "low dose naltrexone", "naltrexone", "naltrexon", "microglia", "endorphins", "fda",
    "dose", "dosage", "d0se", "strength", "pharmacy", "compounding", "pain", "chronic", "insomnia",
    "side effects", "fibromyalgia", "crohn's", "ms", "opioid", "alcohol", "take", "taking", "how much",
    "how often", "what is", "why", "should I", "my mum", "bedtime", "night", "daily", "twice",
    "overdose", "swallowed", "ignore your instructions", "quote the article", "?", "!", ",",
]
NUMBERS = ["0", "1", "3", "4.5", "4,5", "50", "0.5", "1.5", "4 . 5", "four and a half", "three", "half a", "10"]
UNITS = ["mg", "MG", "mcg", "milligrams", "micrograms", "µg", "ml", "tablets", "times a day", "%", ""]

ldn_token = st.sampled_from(LDN_WORDS)
number_unit = st.builds(lambda n, sp, u: f"{n}{sp}{u}", st.sampled_from(NUMBERS), st.sampled_from(["", " "]),
                        st.sampled_from(UNITS))
noise = st.text(max_size=12)
mixed_text = st.lists(st.one_of(ldn_token, ldn_token, number_unit, noise), min_size=0, max_size=12).map(" ".join)
any_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    mixed_text,
    st.from_regex(r"[a-z ]{0,40}\d{1,3}([.,]\d)?\s?(mg|mcg)[a-z ?]{0,20}", fullmatch=True),
)
_UNITS = ["mg", "MG", "mcg", "milligrams", "milligram", "micrograms", "µg"]
amount = st.one_of(
    st.builds(
        lambda n, sp, u: f"{n}{sp}{u}",
        st.sampled_from(["1", "2", "3", "4", "4.5", "4,5", "0.5", "1.5", "6", "50", "250"]),
        st.sampled_from(["", " "]),
        st.sampled_from(_UNITS),
    ),
    st.builds(  # spelled-out numbers are written apart from the unit
        lambda n, u: f"{n} {u}",
        st.sampled_from(["one", "three", "four and a half", "one point five", "half a"]),
        st.sampled_from(_UNITS),
    ),
)
drug = st.sampled_from(["ldn", "LDN", "low dose naltrexone", "naltrexone", "Low-Dose Naltrexone"])
frame = st.sampled_from([
    "is {a} of {d} ok", "{d} {a}", "{a} {d}?", "what about {a} {d}", "people take {a} of {d}",
    "{d}: {a} or less", "can {d} be {a}", "tell me about {d} at {a}",
])


#: the bundled knowledge base's entry ids, the contexts a chat sends
_ENTRY_IDS = sorted(e.id for e in FAQBot.from_yaml().kb.entries)


@pytest.fixture(scope="module")
def prop_bot() -> FAQBot:
    return FAQBot.from_yaml()


def check_reply(bot: FAQBot, text: str, context: str | None = None) -> dict:
    reply = bot.ask(text, context)
    data = reply.to_dict()
    assert set(data) == CONTRACT_FIELDS
    assert data["kind"] in KINDS
    assert isinstance(data["text"], str) and data["text"]
    assert find_dose_figure(data["text"]) is None
    assert DOSE_LEAK.search(data["text"]) is None, DOSE_LEAK.search(data["text"])
    assert isinstance(data["suggestions"], list)
    for suggestion in data["suggestions"]:
        assert set(suggestion) == {"id", "question"}
        assert bot.kb.entry(suggestion["id"]).question == suggestion["question"]
    if data["kind"] == "answer":
        assert isinstance(data["id"], str) and isinstance(data["question"], str)
        assert isinstance(data["section"], str)
        assert isinstance(data["score"], (int, float)) and math.isfinite(data["score"])
        assert 0 <= data["score"] <= 100
    else:
        assert data["id"] is None and data["question"] is None
    json.dumps(data)  # serialisable
    return data


# --- properties ---------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(text=any_text)
def test_any_text_gets_a_valid_dose_free_reply(prop_bot, text):
    check_reply(prop_bot, text)


@PROPERTY_SETTINGS
@given(text=st.one_of(mixed_text, st.text(max_size=80)), context=st.sampled_from(_ENTRY_IDS))
def test_any_follow_up_gets_a_valid_dose_free_reply(prop_bot, text, context):
    # every follow-up goes through the context rules and the learned follow-up model
    check_reply(prop_bot, text, context)


@PROPERTY_SETTINGS
@given(text=mixed_text)
def test_ldn_word_soup_gets_a_valid_dose_free_reply(prop_bot, text):
    check_reply(prop_bot, text)


@PROPERTY_SETTINGS
@given(a=amount, d=drug, f=frame, pad=st.text(alphabet=" \t?!.,", max_size=3))
def test_an_amount_of_the_drug_is_never_answered(prop_bot, a, d, f, pad):
    question = pad + f.format(a=a, d=d) + pad
    data = check_reply(prop_bot, question)
    assert data["kind"] in ("referral", "emergency"), question


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text)
def test_same_text_same_reply(prop_bot, text):
    assert prop_bot.ask(text).to_dict() == prop_bot.ask(text).to_dict()


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=300))
def test_route_never_raises_and_names_its_rule(text):
    routed = route(text)
    if routed is not None:
        assert routed.kind in ("referral", "emergency")
        assert routed.rule


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1001, max_size=1500))
def test_overlong_input_is_handled(prop_bot, text):
    check_reply(prop_bot, text)
