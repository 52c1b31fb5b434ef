"""The word classes found in a question, as the reading passes (:mod:`.reading`, :mod:`.amounts`,
:mod:`.durations`) narrow them."""

from __future__ import annotations

#: a class's name -> the spans of words where it was found
Found = dict[str, list[tuple[int, int]]]


def keep(found: Found, name: str, kept: list[tuple[int, int]]) -> None:
    """``found[name]`` made ``kept``; the class gone when nothing is kept (a rule reads a class found as present)."""
    if kept:
        found[name] = kept
    else:
        found.pop(name, None)
