"""Classes made of two others close together (faqbot/safety/compose.py), on hand-made spans."""

from __future__ import annotations

import pytest

from faqbot.safety.compose import Composed, ComposeError, compose, parse

RULE = Composed("jaundice", "eye_skin", "yellow", within=3, before=1)


@pytest.mark.parametrize(("eye", "yellow", "breaks", "expected"), [
    ((0, 1), (1, 2), (), [(0, 2)]),        # "eyes yellow"
    ((0, 1), (4, 5), (), [(0, 5)]),        # "eyes are kind of yellow": three words between
    ((0, 1), (5, 6), (), None),            # four words between
    ((2, 3), (0, 1), (), [(0, 3)]),        # "yellow-ish skin": one word before
    ((3, 4), (0, 1), (), None),            # "yellow pills and skin": two words before, too far
    ((0, 1), (2, 3), (2,), None),          # "eyes. yellow": another sentence
])
def test_two_parts_make_the_class_only_close_and_in_one_sentence(
        eye: tuple[int, int], yellow: tuple[int, int], breaks: tuple[int, ...],
        expected: list[tuple[int, int]] | None) -> None:
    found = compose({"eye_skin": [eye], "yellow": [yellow]}, breaks, [RULE])
    assert found.get("jaundice") == expected


def test_phrases_already_in_the_class_stay() -> None:
    found = compose({"jaundice": [(7, 9)], "eye_skin": [(0, 1)], "yellow": [(1, 2)]}, (), [RULE])
    assert found["jaundice"] == [(0, 2), (7, 9)]


@pytest.mark.parametrize("raw", [
    {"x": {"parts": ["eye_skin"], "fires": ["a"] * 3, "passes": ["b"] * 3}},
    {"x": {"parts": ["eye_skin", "nope"], "fires": ["a"] * 3, "passes": ["b"] * 3}},
    {"x": {"parts": ["eye_skin", "yellow"], "fires": ["a"], "passes": ["b"] * 3}},
    {"x": {"parts": ["eye_skin", "yellow"], "within": -1, "fires": ["a"] * 3, "passes": ["b"] * 3}},
])
def test_a_composed_entry_that_cannot_work_is_refused(raw: dict[str, object]) -> None:
    with pytest.raises(ComposeError):
        parse(raw, frozenset({"x", "eye_skin", "yellow"}))
