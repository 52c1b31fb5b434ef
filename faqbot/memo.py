"""Remembering the result for the last long question only.

Short questions are cached many at a time (``functools.lru_cache``); a long one (a pasted page, a megabyte of
padding) is not, so that a stream of them cannot fill memory. But one question is read several times on its
way through (routing, the medicines named, the trace), and reading a megabyte takes seconds each time:
:class:`LastOne` keeps the result for the last argument alone, which bounds the memory to one question.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class LastOne(Generic[T]):
    """``function(text)``, remembered for the last ``text`` only (thread-safe: the pair is swapped whole)."""

    def __init__(self, function: Callable[[str], T]) -> None:
        self._function = function
        self._last: tuple[str, T] | None = None

    def __call__(self, text: str) -> T:
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        value = self._function(text)
        self._last = (text, value)
        return value
