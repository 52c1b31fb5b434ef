"""Moved to :mod:`faqbot.web.config`. This module stays only until ``faqbot serve`` (faqbot/cli_web.py)
imports from there and builds its app with ``faqbot.web.create_app(bot=bot, **settings.as_kwargs())``;
then delete it. It adds back the one thing the CLI still calls, ``WebSettings.create_app``, which
:mod:`faqbot.web.config` no longer has (it would import the app from the settings: a cycle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from faqbot.web import config
from faqbot.web.config import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_QUESTION_CHARS,
    DEFAULT_RELOAD_INTERVAL,
    WebConfigError,
    normalize_origin,
)

if TYPE_CHECKING:  # pragma: no cover
    from starlette.applications import Starlette

    from faqbot.bot import FAQBot

__all__ = [
    "DEFAULT_BODY_TIMEOUT",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_QUESTION_CHARS",
    "DEFAULT_RELOAD_INTERVAL",
    "WebConfigError",
    "WebSettings",
    "normalize_origin",
]


class WebSettings(config.WebSettings):
    """:class:`faqbot.web.config.WebSettings` with the old ``create_app`` method."""

    def create_app(self, bot: FAQBot | None = None) -> Starlette:
        from faqbot.web.factory import create_app

        return create_app(bot=bot, **self.as_kwargs())
