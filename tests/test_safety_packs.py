"""The rule packs: every rule's own examples, and the checks that keep a pack from failing open."""

from __future__ import annotations

from itertools import pairwise

import pytest

from faqbot.safety.pack import _read, packs, phrase_tokens
from faqbot.safety.router import asks_whether_to_see_a_doctor, engine_hit, read, route

RULES = packs().rules
FIRES = [(rule.name, example) for rule in RULES for example in rule.fires]
PASSES = [(rule.name, example) for rule in RULES for example in rule.passes]
BY_NAME = {rule.name: rule for rule in RULES}


@pytest.mark.parametrize(("name", "example"), FIRES)
def test_rule_fires_on_its_examples(name: str, example: str) -> None:
    # (read as the router reads the rule's kind: an emergency's story frames and cancelling pieces included)
    reading = read(example)
    hit = engine_hit([BY_NAME[name]], reading)
    assert hit is not None, (example, read(example).words, sorted(read(example).found))


@pytest.mark.parametrize(("name", "example"), PASSES)
def test_rule_stays_quiet_on_its_counter_examples(name: str, example: str) -> None:
    reading = read(example)
    hit = engine_hit([BY_NAME[name]], reading)
    assert hit is None, (example, hit.classes if hit else None)


OFF_TOPIC = packs().off_topic


@pytest.mark.parametrize("example", OFF_TOPIC.not_routed)
def test_a_message_about_the_site_is_not_routed(example: str) -> None:
    # "I want to change my password" is no one stopping a medicine; "going to" about the weather no plan
    assert not OFF_TOPIC.classes.isdisjoint(read(example).found), sorted(read(example).found)
    assert route(example) is None


@pytest.mark.parametrize("example", OFF_TOPIC.routed)
def test_a_message_about_the_site_that_names_health_is_still_routed(example: str) -> None:
    assert not OFF_TOPIC.applies(read(example).found)
    assert route(example) is not None


CONSULT = _read("rules")["consult"]


@pytest.mark.parametrize("example", CONSULT["answered"])
def test_asking_only_whether_to_see_a_doctor_first_is_answered(example: str) -> None:
    assert asks_whether_to_see_a_doctor(example)


@pytest.mark.parametrize("example", CONSULT["referred"])
def test_a_case_told_beside_seeing_a_doctor_first_is_left_to_the_rules(example: str) -> None:
    assert not asks_whether_to_see_a_doctor(example)


def _run_together(phrase: str) -> bool:
    """Whether a phrase's single letters are run into one word beside words of its own ("i m a burden" reads as
    "ima burden", as a question typed so does, but "I'm a burden" never does); a phrase of spelled-out letters only
    ("q e p d") is meant so."""
    written = [w for w in phrase.lower().replace("'", " ").rstrip("*").split() if w]
    return len(phrase_tokens(phrase)) < len(written) and any(len(w) > 1 for w in written) and any(
        len(a) == 1 and len(b) == 1 for a, b in pairwise(written))


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de", "pt", "it"])
def test_a_pack_phrase_with_letters_run_together_has_its_apostrophe_twin(lang: str) -> None:
    classes = _read(lang)["classes"]
    lonely = [(name, p) for name, phrases in classes.items() for p in map(str, phrases)
              if _run_together(p) and p.replace(" ", "'", 1) not in map(str, phrases)]
    assert not lonely


def test_a_phrase_with_letters_run_together_is_found() -> None:
    assert _run_together("i m a burden") and not _run_together("i'm a burden") and not _run_together("q e p d")
