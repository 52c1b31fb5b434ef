"""Words of despair with an intensifier inside them (``loose_classes:`` in faqbot/safety/packs/rules.yaml and each
pack's ``fillers:``): "I don't really want to be here anymore" tells what "I don't want to be here anymore" does,
where the writer tells it of themselves (``loose_persons:``).

The lexicon's loose scan (faqbot/safety/engine.py, ``Lexicon._loosely``) is checked against a plain reference: every
phrase of a loose class looked for in the message with its fillers taken out. The messages are our own.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from routing_asserts import assert_crisis_reply

from faqbot.safety import route
from faqbot.safety.engine import Lexicon


@pytest.mark.parametrize(
    "message",
    [
        "I don't really want to be here anymore. What are microglia?",
        "I'm a total burden. How does LDN work?",
        "i am honestly such a burden",
        "I just really can't go on anymore",
        "i'm honestly so tired of fighting",
        "No quiero realmente seguir viviendo",
        "je ne veux vraiment plus vivre",
        "Ich will echt nicht mehr leben",
        "não quero mesmo mais viver",
        "non voglio davvero più vivere",
    ],
)
def test_despair_with_an_intensifier_inside_gets_the_self_harm_reply(message: str) -> None:
    assert_crisis_reply(message)


@pytest.mark.parametrize(
    "message",
    [
        # fillers beside words no phrase of despair holds
        "I really want to know what LDN is",
        "I'm just a student: what are microglia?",
        "honestly the jargon is a total pain, what is LDN?",
        "I'm so curious, what did the trials find?",
        "Je veux vraiment comprendre ce qu'est la LDN",
        # told of nobody, or with a word that means something (a review)
        "Is chronic pain a massive burden to the NHS? Can LDN reduce it?",
        "I honestly give up trying to understand my insurance. Anyway, is LDN FDA approved?",
        "I can't even go on the website, it keeps crashing. What is LDN?",
    ],
)
def test_a_filler_alone_routes_nothing(message: str) -> None:
    assert route(message) is None


PHRASES = {"self_harm": [("want", "to", "die"), ("a", "burden")], "drug": [("ldn",)], "give_up": [("i", "give", "up")],
           "self": [("i",)]}
FILLERS = frozenset({"really", "just", "total"})
WORDS = ["i", "want", "to", "die", "a", "burden", "give", "up", "ldn", "really", "just", "total", "what"]
PERSONS = frozenset({"self"})


def reference(tokens: Sequence[str], loose: frozenset[str]) -> dict[str, set[tuple[int, int]]]:
    """Every phrase found as written, and, in a loose class, found once the fillers are taken out where "i" stands
    right before the phrase or at its start."""
    found: dict[str, set[tuple[int, int]]] = {}
    kept = [i for i, token in enumerate(tokens) if token not in FILLERS]
    for name, phrases in PHRASES.items():
        for phrase in phrases:
            size = len(phrase)
            for i in range(len(tokens) - size + 1):
                if tuple(tokens[i : i + size]) == phrase:
                    found.setdefault(name, set()).add((i, i + size))
            if name in loose:
                for i in range(len(kept) - size + 1):
                    start = kept[i]
                    told = tokens[start] == "i" or (start > 0 and tokens[start - 1] == "i")
                    if tuple(tokens[k] for k in kept[i : i + size]) == phrase and told:
                        found.setdefault(name, set()).add((start, kept[i + size - 1] + 1))
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_the_loose_scan_finds_what_the_reference_finds(tokens: list[str]) -> None:
    loose = frozenset({"self_harm", "give_up"})
    lexicon = Lexicon(PHRASES, frozenset(), loose=loose, fillers=FILLERS, loose_persons=PERSONS)
    found = {name: set(spans) for name, spans in lexicon.scan(tokens).items() if spans}
    assert found == reference(tokens, loose)
    # and a class not loose is read as written only
    strict = Lexicon(PHRASES, frozenset())
    assert {name: set(spans) for name, spans in strict.scan(tokens).items()} == reference(tokens, frozenset())
