"""Exceptions raised by faqbot. Every message says what is wrong and where."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path


class FaqBotError(Exception):
    """Base class for every error faqbot raises on purpose."""


class KnowledgeBaseError(FaqBotError):
    """A knowledge-base file cannot be read or does not follow the schema.

    ``path`` and ``line`` (1-based, when known) point at the problem so a
    curator can jump straight to it.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return where + self.message


class CuratorError(FaqBotError):
    """A cases file or log that cannot be used; the message names file and line."""
