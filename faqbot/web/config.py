"""Settings of the web app (``faqbot serve``, ``faqbot.web``): the dataclass, its environment variables
and the checking of CORS origins.

Imports neither Starlette nor uvicorn, so the CLI can read and check settings without the web extra.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from faqbot.errors import FaqBotError
from faqbot.kb import Settings

#: The question-length default is the knowledge base's own (faq.yaml ``settings.max_question_chars``),
#: re-exported here for the CLI's help text, never re-defined.
DEFAULT_MAX_QUESTION_CHARS: int = Settings.max_question_chars
#: A question is a sentence or two; this allows for JSON escaping of the longest question.
DEFAULT_MAX_BODY_BYTES = 16 * 1024
#: Seconds a request body may take to arrive once the headers are in (a 16 KB body needs far less).
DEFAULT_BODY_TIMEOUT = 10
#: Seconds between two looks at the knowledge-base file when reloading is on.
DEFAULT_RELOAD_INTERVAL = 1.0

ENV_PREFIX = "FAQBOT_"
#: How an operator allows an origin, named in error messages and in the rejected-origin log line.
ALLOW_ORIGIN_HINT = "--allow-origin {origin} (or FAQBOT_ALLOW_ORIGINS={origin})"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_HOST = re.compile(r"^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)$")


class WebConfigError(FaqBotError, ValueError):
    """A web setting that cannot work (an origin no browser will ever send, a limit out of range).

    A :class:`ValueError` too, so callers that catch that (click's option handling) keep working.
    """


@dataclass(frozen=True)
class WebSettings:
    """What an operator can configure. One field per option of ``faqbot serve`` and per variable.

    The app for these settings is ``faqbot.web.create_app(bot=..., **settings.as_kwargs())`` (this module
    imports nothing of the app, so the arrows between the two point one way). To add an option: add a
    field here (with a default), take it as a keyword argument of :func:`faqbot.web.create_app`, and add
    the matching ``click`` option to ``faqbot serve``; :meth:`from_env` and :meth:`to_env` follow the
    fields by themselves.
    """

    faq: Path | None = None
    allow_origins: tuple[str, ...] = ()
    #: None: the served knowledge base's own limit (faq.yaml ``settings.max_question_chars``)
    max_question_chars: int | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    #: seconds a request body may take to arrive (408 after that)
    body_timeout: int = DEFAULT_BODY_TIMEOUT
    log_questions: bool = False
    #: watch the knowledge-base file and swap in each new version that validates (see faqbot.web.reload)
    reload_faq: bool = False
    #: append fallbacks, weak matches and (POST /api/feedback) votes to this JSON Lines file; None: off
    log_unanswered: Path | None = None

    def __post_init__(self) -> None:
        if self.max_question_chars is not None and self.max_question_chars < 1:
            raise WebConfigError("the question limit must be at least 1 character")
        if self.max_body_bytes < 64:
            raise WebConfigError("the body limit must be at least 64 bytes")
        if self.body_timeout < 1:
            raise WebConfigError("the body timeout must be at least 1 second")
        origins = tuple(dict.fromkeys(normalize_origin(o) for o in self.allow_origins))
        object.__setattr__(self, "allow_origins", origins)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebSettings:
        """Settings from ``FAQBOT_*`` variables; a malformed value raises :class:`WebConfigError`."""
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
                raise WebConfigError(f"{name}={raw!r}: {err}") from None
        try:
            return cls(**values)
        except WebConfigError as err:
            raise WebConfigError(f"{err} (from the FAQBOT_* environment variables)") from None

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
    if kind.startswith("int"):
        if not text and kind.endswith("None"):
            return None
        try:
            return int(text)
        except ValueError:
            raise ValueError("not a whole number") from None
    return text


def normalize_origin(origin: str) -> str:
    """The origin exactly as a browser sends it in its ``Origin`` header, or :class:`WebConfigError`.

    An origin is a scheme, a host and a port, nothing else; CORS compares it character for character,
    so a value a browser never sends would silently never match. Spellings with the same meaning are
    normalised (``HTTPS://Support.Example.com:443/`` -> ``https://support.example.com``; an
    internationalised name becomes its ``xn--`` form); anything else is refused with a message that says
    what to write instead. ``*`` (any origin) stays as it is.
    """
    text = origin.strip()
    if text == "*":
        return text
    shown = text or "(empty)"
    example = "https://support.example.com"
    if "*" in text:
        raise WebConfigError(
            f"not an origin: {shown!r}: wildcards in an origin never match; list each origin "
            f"(e.g. {example}), or use '*' alone to allow any site"
        )
    scheme, sep, rest = text.partition("://")
    scheme = scheme.lower()
    if not sep:
        guess = f"https://{text.rstrip('/')}" if text and "/" not in text.rstrip("/") else example
        raise WebConfigError(f"not an origin: {shown!r}: the scheme is missing (write e.g. {guess})")
    if scheme not in _DEFAULT_PORTS:
        raise WebConfigError(f"not an origin: {shown!r}: only http:// and https:// origins exist for web pages")
    authority, slash, path = rest.partition("/")
    if (slash and path) or any(c in rest for c in "?#"):
        raise WebConfigError(
            f"not an origin: {shown!r}: an origin has no path, query or fragment (write {scheme}://{authority})"
        )
    if "@" in authority or not authority:
        raise WebConfigError(f"not an origin: {shown!r}: write only the scheme, the host and a port")
    host, port = _split_port(authority, shown)
    if port == _DEFAULT_PORTS[scheme]:
        port = ""  # browsers leave the default port out of the Origin header
    return f"{scheme}://{host}" + (f":{port}" if port else "")


def _split_port(authority: str, shown: str) -> tuple[str, str]:
    """``(host, port)`` of ``host[:port]``, the host lower-cased and in its ASCII (``xn--``) form."""
    host, port = authority, ""
    if authority.startswith("["):
        end = authority.find("]")
        host, rest = authority[: end + 1], authority[end + 1 :]
        if end < 0 or (rest and not rest.startswith(":")):
            raise WebConfigError(f"not an origin: {shown!r}: a bracketed IPv6 address must end with ]")
        port = rest[1:]
    elif ":" in authority:
        host, port = authority.rsplit(":", 1)
    if port and (not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536):
        raise WebConfigError(f"not an origin: {shown!r}: the port must be a number from 1 to 65535")
    try:
        ascii_host = host.encode("idna").decode("ascii").lower() if not host.startswith("[") else host.lower()
    except UnicodeError:
        ascii_host = ""
    if not _HOST.match(ascii_host):
        raise WebConfigError(f"not an origin: {shown!r}: {host!r} is not a host name")
    return ascii_host, str(int(port)) if port else ""
