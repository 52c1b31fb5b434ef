"""Word classes made of two others found close together (``composed:`` in ``packs/rules.yaml``).

A sign is often told in words that wander: "the whites of her eyes are all yellow", "le blanc des yeux tout
jaune", "la piel y los ojos amarillos". A phrase list catches the word orders someone wrote down; a class
made of a part of the body and its colour, a few words apart in one sentence, catches the others, in every
language whose pack names the two parts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from faqbot.records import dataclass

Spans = dict[str, list[tuple[int, int]]]


class ComposeError(ValueError):
    """A ``composed:`` entry of rules.yaml that cannot be used."""


@dataclass(frozen=True)
class Composed:
    """The class ``name`` wherever a phrase of ``first`` is followed, at most ``within`` words on, by one of
    ``second`` (or preceded by one at most ``before`` words off), in one sentence; its span covers both.
    The two orders differ: "her eyes are kind of yellow" puts words between the two, "yellow eyes" none."""

    name: str
    first: str
    second: str
    within: int
    before: int
    #: questions read with ``name`` found, and questions read without it (tests run both)
    fires: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


def parse(raw: Mapping[str, Any] | None, known: frozenset[str]) -> tuple[Composed, ...]:
    """The ``composed:`` mapping of rules.yaml, checked: known classes, two parts, three examples each way."""
    out = []
    for name, spec in (raw or {}).items():
        parts = tuple(spec.get("parts") or ()) if isinstance(spec, dict) else ()
        if len(parts) != 2 or {name, *parts} - known or name in parts:
            raise ComposeError(f"`composed.{name}` needs `parts`: two known classes other than itself")
        fires, passes = tuple(spec.get("fires") or ()), tuple(spec.get("passes") or ())
        if len(fires) < 3 or len(passes) < 3:
            raise ComposeError(f"`composed.{name}` needs three examples it finds and three it does not")
        within, before = int(spec.get("within", 3)), int(spec.get("before", 0))
        if min(within, before) < 0:
            raise ComposeError(f"`composed.{name}`: `within` and `before` are numbers of words, at least 0")
        out.append(Composed(name, parts[0], parts[1], within, before, fires, passes))
    return tuple(out)


def compose(found: Spans, breaks: Sequence[int], composed: Sequence[Composed]) -> Spans:
    """``found`` with each composed class added where its two parts stand close in one sentence."""
    for rule in composed:
        spans = set(found.get(rule.name, ()))
        for a in found.get(rule.first, ()):
            for b in found.get(rule.second, ()):
                start, end = min(a[0], b[0]), max(a[1], b[1])
                # the words between the two phrases (none if they touch or overlap)
                gap = max(a[0], b[0]) - min(a[1], b[1])
                most = rule.within if a[0] <= b[0] else rule.before
                if gap <= most and not any(start < k <= max(a[0], b[0]) for k in breaks):
                    spans.add((start, end))
        if spans:
            found[rule.name] = sorted(spans)
    return found
