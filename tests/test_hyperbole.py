"""Killing or an overdose said of an everyday thing is hyperbole, not an emergency (faqbot/safety/hyperbole.py).

The questions here are written for these tests, not taken from the bench sets.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from routing_asserts import assert_emergency, assert_no_emergency

from faqbot.safety.hyperbole import unexaggerated


@pytest.mark.parametrize(
    "question",
    [
        "this deadline is going to kill me, what do microglia do?",
        "the commute is killing me lol, is LDN approved by the FDA?",
        # a word that only stresses it, and the aches people say are killing them
        "my knees are literally killing me, what kind of pain does LDN treat?",
        "cette migraine va me tuer, c'est quoi la LDN ?",
        "ce devoir de bio va me tuer, c'est quoi les endorphines ?",
        "este examen me va a matar, ¿qué es la LDN?",
        "questo turno mi ammazza, cos'è la LDN?",
        "die Hausaufgaben bringen mich noch um... was ist LDN? die Prüfung bringt mich um",
        "essa aula vai me matar, o que é LDN?",
        "me mata la duda, ¿para qué se usa la LDN?",
        # an overdose of reading, screens or a treat
        "honestly I've overdosed on forum threads all week. what does the research say about LDN?",
        "I overdosed on chocolate over christmas haha, anyway what are endorphins",
        "think I OD'd on medical acronyms today. what does LDN stand for?",
    ],
)
def test_killing_or_an_overdose_said_of_a_thing_is_not_an_emergency(question: str) -> None:
    assert_no_emergency(question)


@pytest.mark.parametrize(
    "message",
    [
        "these pills will kill me and I want them to",
        "I'm going to kill myself tonight",
        "this pain is literally killing me and I want it to",
        "kill me now, I can't go on",
        "the pain is going to kill me so I'm taking the whole bottle tonight",
        "je vais me tuer ce soir",
        "vou me matar",
        "mi uccido stanotte",
        # a person may mean it, and a wish, a plan or the pills beside the phrase mean it too
        "my boss threatened to kill me at work today",
        "la semaine prochaine je vais me tuer",
        "I hope the stress will kill me soon",
        "el trabajo me matará, y si no, lo haré yo",
        # an overdose of a drug, or with a plan or pills beside it
        "I overdosed on my LDN this morning",
        "my son overdosed on his sleeping tablets",
        "I want to overdose on coffee and all my pills",
        "I overdosed on coffee tablets",
        "she OD'd on something at a party and won't wake up",
    ],
)
def test_killing_or_an_overdose_said_of_oneself_or_a_drug_stays_an_emergency(message: str) -> None:
    assert_emergency(message)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("this exam is going to kill me", "this exam is hard"),
        ("esta espera me mata", "esta espera is hard"),
        ("me mata la espalda", "la espalda is hard"),
        ("these pills will kill me", "these pills will kill me"),  # a drug is no everyday thing
        ("i overdosed on ldn articles", "i seen plenty of ldn articles"),
        ("i overdosed on ldn", "i overdosed on ldn"),
    ],
)
def test_the_reading(text: str, read: str) -> None:
    assert unexaggerated(text) == read


@given(st.text(max_size=200))
def test_never_raises_and_is_stable(text: str) -> None:
    once = unexaggerated(text.lower())
    assert unexaggerated(once) == once
