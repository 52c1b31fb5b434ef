"""Caching what is computed from a question: many short questions, but only the last long one.

A question is read several times on its way through (routing, the medicines named, scope, the trace), and
reading a megabyte takes seconds each time. Short questions are kept many at a time (``functools.lru_cache``);
a long one (a pasted page, a megabyte of padding) is kept alone, the last one asked, so that a stream of them
cannot fill memory.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Generic, TypeVar

T = TypeVar("T")

#: longer questions than this are not kept many at a time
LONGEST_KEPT = 10_000


class QuestionCache(Generic[T]):
    """``function(text)``, remembered for up to ``maxsize`` short texts and for the last long one only
    (thread-safe: the long pair is swapped whole)."""

    def __init__(self, function: Callable[[str], T], *, maxsize: int) -> None:
        self._function = function
        self._short = lru_cache(maxsize=maxsize)(function)
        self._last: tuple[str, T] | None = None

    def __call__(self, text: str) -> T:
        if len(text) <= LONGEST_KEPT:
            return self._short(text)
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        value = self._function(text)
        self._last = (text, value)
        return value

    def cache_clear(self) -> None:
        self._short.cache_clear()
        self._last = None
