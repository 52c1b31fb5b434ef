"""Settings of the web app (``faqbot serve``, ``faqbot.web``), kept apart so the CLI can read them
without importing Starlette or uvicorn."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from starlette.applications import Starlette

    from faqbot.bot import FAQBot

#: A question is a sentence or two; the body limit allows for JSON escaping of the longest question.
DEFAULT_MAX_QUESTION_CHARS = 1000
DEFAULT_MAX_BODY_BYTES = 16 * 1024
#: Seconds a request body may take to arrive once the headers are in (a 16 KB body needs far less).
DEFAULT_BODY_TIMEOUT = 10
#: Seconds between two looks at the knowledge-base file when reloading is on.
DEFAULT_RELOAD_INTERVAL = 1.0

ENV_PREFIX = "FAQBOT_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class WebSettings:
    """What an operator can configure. One field per option of ``faqbot serve`` and per variable.

    To add an option: add a field here (with a default), take it as a keyword argument of
    :func:`faqbot.web.create_app`, and add the matching ``click`` option in ``faqbot/cli_web.py``;
    :meth:`from_env` and :meth:`to_env` follow the fields by themselves.
    """

    faq: Path | None = None
    allow_origins: tuple[str, ...] = ()
    max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    #: seconds a request body may take to arrive (408 after that)
    body_timeout: int = DEFAULT_BODY_TIMEOUT
    log_questions: bool = False
    #: watch the knowledge-base file and swap in each new version that validates (see faqbot.web)
    reload_faq: bool = False
    #: append fallbacks and weak matches to this JSON Lines file (faqbot.tools.unanswered); None: off
    log_unanswered: Path | None = None

    def __post_init__(self) -> None:
        if self.max_question_chars < 1:
            raise ValueError("the question limit must be at least 1 character")
        if self.max_body_bytes < 64:
            raise ValueError("the body limit must be at least 64 bytes")
        if self.body_timeout < 1:
            raise ValueError("the body timeout must be at least 1 second")
        object.__setattr__(self, "allow_origins", tuple(normalize_origin(o) for o in self.allow_origins))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebSettings:
        """Settings from ``FAQBOT_*`` variables; a malformed value raises :class:`ValueError`."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            name = ENV_PREFIX + f.name.upper()
            raw = env.get(name)
            if raw is None:
                continue
            try:
                values[f.name] = _parse_env(f.type, raw)
            except ValueError as err:
                raise ValueError(f"{name}={raw!r}: {err}") from None
        return cls(**values)

    def to_env(self) -> dict[str, str]:
        """The ``FAQBOT_*`` variables that reproduce these settings in a worker process."""
        env: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if isinstance(value, bool):
                text = "1" if value else "0"
            elif isinstance(value, tuple):
                text = ",".join(value)
            else:
                text = str(value)
            env[ENV_PREFIX + f.name.upper()] = text
        return env

    def as_kwargs(self) -> dict[str, Any]:
        """These settings as keyword arguments of :func:`faqbot.web.create_app`."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def create_app(self, bot: FAQBot | None = None) -> Starlette:
        """The app for these settings (imports Starlette)."""
        from faqbot.web import create_app

        return create_app(bot=bot, **self.as_kwargs())


def _parse_env(annotation: Any, raw: str) -> Any:
    """A variable's text as the type of the field it sets (annotations are strings here)."""
    kind = str(annotation)
    text = raw.strip()
    if kind.startswith("Path"):
        return Path(text) if text else None
    if kind.startswith("tuple"):
        return tuple(item.strip() for item in text.split(",") if item.strip())
    if kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValueError("use 1 or 0")
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise ValueError("not a whole number") from None
    return text


def normalize_origin(origin: str) -> str:
    """``https://Example.com/`` -> ``https://example.com``; ``*`` stays; anything else raises ValueError.

    An origin is a scheme, a host and an optional port: what a browser sends in its ``Origin`` header.
    """
    origin = origin.strip()
    if origin == "*":
        return origin
    scheme, sep, rest = origin.partition("://")
    rest = rest.rstrip("/")
    if not sep or scheme.lower() not in ("http", "https") or not rest or any(c in rest for c in "/?#@ "):
        raise ValueError(f"not an origin: {origin!r} (expected e.g. https://support.example.com)")
    return f"{scheme.lower()}://{rest.lower()}"


