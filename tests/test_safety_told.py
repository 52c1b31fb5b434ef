"""Self-harm phrases told of someone else (faqbot/safety/told.py and the English pack's `third_person:`)."""

from __future__ import annotations

import pytest

from faqbot.safety import route
from faqbot.safety.told import ToldError, check, third_person

SPEC = {
    "classes": ["self_harm"],
    "needs": ["dead", "died", "life", "disappear"],
    "starts": ["nobody"],
    "swap": {"i": ["he", "she", "they"], "my": ["his", "her", "their"]},
    "after_subject": {"wish": ["wishes", "wishes", "wish"], "want": ["wants", "wants", "want"]},
}


@pytest.mark.parametrize(
    ("phrase", "told"),
    [
        ("nobody would care if i died", ["nobody would care if he died", "nobody would care if she died",
                                         "nobody would care if they died"]),
        ("i want out of this life", ["he wants out of this life", "she wants out of this life",
                                     "they want out of this life"]),
        # "wish they were dead" is also one person's wish about others: the form that stays the same is left out
        ("wish i was dead", ["wishes he was dead", "wishes she was dead"]),
    ],
)
def test_a_first_person_phrase_is_told_of_he_she_and_they(phrase: str, told: list[str]) -> None:
    assert third_person([phrase], SPEC) == told


@pytest.mark.parametrize(
    "phrase",
    [
        "when i m gone",  # no word of dying or living: "when he's gone" is to work
        "put an end to my life",  # starts with a verb that has no told form: "put an end to her life" may be a pet's
        "not wanting to be alive",  # no first-person word to change
    ],
)
def test_phrases_that_would_change_meaning_are_not_told_of_others(phrase: str) -> None:
    assert third_person([phrase], SPEC) == []


def test_a_told_phrase_the_pack_already_has_is_not_added_twice() -> None:
    assert third_person(["i want out of this life", "she wants out of this life"], SPEC) == [
        "he wants out of this life", "they want out of this life"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({**SPEC, "needs": []}, "non-empty `needs`"),
        ({**SPEC, "swap": {"i": ["he", "she"]}}, "need 3 forms"),
        ({**SPEC, "starts": [False]}, "quote"),
        ({k: v for k, v in SPEC.items() if k != "after_subject"}, "after_subject"),
    ],
)
def test_a_broken_block_is_refused(spec: dict[str, object], message: str) -> None:
    with pytest.raises(ToldError, match=message):
        check(spec)


@pytest.mark.parametrize(
    "message",
    [
        "My son said nobody would care if he died. Is LDN approved for chronic pain?",
        "my daughter keeps talking about wanting to die. What are endorphins?",
        "My mum keeps saying she wishes she could just disappear. Does LDN help people with fibromyalgia?",
    ],
)
def test_despair_told_of_someone_reaches_the_crisis_line_beside_a_question(message: str) -> None:
    routed = route(message)
    assert routed is not None and routed.kind == "emergency", routed


@pytest.mark.parametrize("message", ["I wish he was dead, my ex is awful. What is LDN?",
                                     "My dog has stopped wanting his walks. What is LDN?"])
def test_a_wish_about_someone_else_is_no_crisis(message: str) -> None:
    routed = route(message)
    assert routed is None or routed.kind != "emergency", routed
