"""Moved to :mod:`faqbot.web.config`; this name stays only until ``faqbot serve`` imports from there."""

from faqbot.web.config import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_QUESTION_CHARS,
    DEFAULT_RELOAD_INTERVAL,
    WebConfigError,
    WebSettings,
    normalize_origin,
)

__all__ = [
    "DEFAULT_BODY_TIMEOUT",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_QUESTION_CHARS",
    "DEFAULT_RELOAD_INTERVAL",
    "WebConfigError",
    "WebSettings",
    "normalize_origin",
]
