"""The reply object every front end returns (see the reply contract)."""

from __future__ import annotations

from dataclasses import field
from typing import Any, Literal

from faqbot.records import dataclass

Kind = Literal["answer", "referral", "emergency", "fallback", "smalltalk"]
KINDS: tuple[Kind, ...] = ("answer", "referral", "emergency", "fallback", "smalltalk")


@dataclass(frozen=True)
class Suggestion:
    """A question the person may want to ask instead, or next."""

    id: str
    question: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "question": self.question}


@dataclass(frozen=True)
class Reply:
    """What faqbot says back. ``to_dict()`` gives the contract's JSON object.

    ``rule`` names the safety rule that routed a referral or emergency; it is
    there for ``explain`` and logs and is not part of the contract.
    """

    kind: Kind
    text: str
    id: str | None = None
    question: str | None = None
    score: float | None = None
    section: str | None = None
    suggestions: tuple[Suggestion, ...] = field(default=())
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "id": self.id,
            "question": self.question,
            "score": self.score,
            "section": self.section,
            "suggestions": [s.to_dict() for s in self.suggestions],
        }
