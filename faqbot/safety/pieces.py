"""A long question read in overlapping pieces by the English phrase rules."""

from __future__ import annotations

from functools import lru_cache

#: Phrase rules match within a few dozen characters, so a long question is read in overlapping
#: pieces, each distinct piece once: padding repeated a megabyte long costs as much as one copy.
_PIECE, _OVERLAP = 600, 200


def pieces(text: str) -> list[str]:
    """``text`` in pieces of at most 600 characters that overlap by 200, ending at spaces (one piece if short)."""
    if len(text) <= _PIECE:
        return [text]
    return _pieces_cached(text) if len(text) <= 10_000 else _split(text)


@lru_cache(maxsize=64)
def _pieces_cached(text: str) -> list[str]:
    return _split(text)


def _split(text: str) -> list[str]:
    found: dict[str, None] = {}
    start = 0
    while start < len(text):
        end = min(len(text), start + _PIECE)
        if end < len(text):
            # End at a space, so that no word is cut in two (a piece always advances).
            space = text.rfind(" ", start + _OVERLAP + 1, end)
            end = space if space > 0 else end
        found.setdefault(text[start:end])
        if end == len(text):
            break
        start = end - _OVERLAP
    return list(found)
