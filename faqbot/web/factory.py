"""Building the ASGI app: :func:`create_app`, and :func:`app_from_env` for servers that import one."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Route

from faqbot.bot import FAQBot
from faqbot.kb import bundled_path
from faqbot.web.config import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_RELOAD_INTERVAL,
    WebConfigError,
    WebSettings,
)
from faqbot.web.errors import EXCEPTION_HANDLERS
from faqbot.web.middleware import log_to_stderr, middleware_stack
from faqbot.web.openapi import openapi_document
from faqbot.web.reload import RELOAD_LOG, LiveKnowledgeBase
from faqbot.web.routes import QUESTION_LOG, Handlers


def create_app(
    bot: FAQBot | None = None,
    faq: str | Path | None = None,
    allow_origins: Sequence[str] = (),
    max_question_chars: int | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    body_timeout: int = DEFAULT_BODY_TIMEOUT,
    log_questions: bool = False,
    reload_faq: bool = False,
    reload_interval: float = DEFAULT_RELOAD_INTERVAL,
    log_unanswered: str | Path | None = None,
) -> Starlette:
    """The faqbot ASGI app.

    ``bot``: a ready bot; otherwise one is loaded here from ``faq`` (``None``: the bundled knowledge
    base), so a bad file raises :class:`faqbot.errors.KnowledgeBaseError` now, not on the first request.
    ``allow_origins``: web origins allowed to call the API from the browser (CORS); empty: none, ``"*"``:
    any; one that no browser would send raises :class:`faqbot.web.WebConfigError`. The widget on the
    app's own pages needs none. ``max_question_chars`` (default: the knowledge base's
    ``settings.max_question_chars``) / ``max_body_bytes``: longer questions or bigger bodies get 413.
    ``body_timeout``: seconds a request body may take to arrive (408 after that). ``log_questions``: log
    each question and the kind of reply to the ``faqbot.web.questions`` logger (off by default; nothing
    else ever logs a question). ``reload_faq``: watch the knowledge-base file (``faq``, else the file
    ``bot`` was loaded from, else the bundled one) every ``reload_interval`` seconds while the app's
    lifespan runs, and swap in each new version that validates (:mod:`faqbot.web.reload`); the live
    version is ``app.state.knowledge``. ``log_unanswered``: append fallbacks and weak matches to this
    JSON Lines file (:mod:`faqbot.tools.unanswered`), and accept votes on ``POST /api/feedback``. Off by
    default.
    """
    settings = WebSettings(
        faq=Path(faq) if faq is not None else None,
        allow_origins=tuple(allow_origins),
        max_question_chars=max_question_chars,
        max_body_bytes=max_body_bytes,
        body_timeout=body_timeout,
        log_questions=log_questions,
        reload_faq=reload_faq,
        log_unanswered=Path(log_unanswered) if log_unanswered is not None else None,
    )
    if reload_interval <= 0:
        raise WebConfigError("the reload interval must be positive")
    the_bot = bot if bot is not None else FAQBot.from_yaml(settings.faq)
    knowledge = LiveKnowledgeBase(the_bot, _watched_file(settings, the_bot, bot is None), settings.reload_faq,
                                  reload_interval)
    if settings.log_questions:
        QUESTION_LOG.setLevel(logging.INFO)
        log_to_stderr(QUESTION_LOG, "%(asctime)s faqbot question: %(message)s")
    if knowledge.reload:
        RELOAD_LOG.setLevel(logging.INFO)
        log_to_stderr(RELOAD_LOG)
    limit = settings.max_question_chars or the_bot.kb.settings.max_question_chars
    handlers = Handlers(knowledge, settings, openapi_document(settings, limit))
    app = Starlette(
        routes=[
            Route("/api/ask", handlers.ask, methods=["POST"]),
            Route("/api/feedback", handlers.feedback, methods=["POST"]),
            Route("/api/topics", handlers.topics, methods=["GET"]),
            Route("/api/texts", handlers.texts, methods=["GET"]),
            Route("/healthz", handlers.healthz, methods=["GET"]),
            Route("/openapi.json", handlers.openapi_json, methods=["GET"]),
            Route("/widget.js", handlers.widget, methods=["GET"]),
            Route("/demo.css", handlers.demo_style, methods=["GET"]),
            Route("/", handlers.demo_page, methods=["GET"]),
        ],
        middleware=middleware_stack(settings),
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=_lifespan(knowledge),
    )
    # "/widget.js/" is not "/widget.js": no redirects built from the client's Host header.
    app.router.redirect_slashes = False
    app.state.knowledge = knowledge
    app.state.settings = settings
    return app


def _watched_file(settings: WebSettings, bot: FAQBot, loaded_here: bool) -> Path | None:
    """The file to reload from: ``--faq``, else the bot's own file, else the bundled one if loaded here."""
    if settings.faq is not None:
        return settings.faq
    if bot.kb.path is not None:
        return Path(bot.kb.path)
    return bundled_path() if loaded_here else None


def _lifespan(knowledge: LiveKnowledgeBase) -> Callable[[Starlette], AbstractAsyncContextManager[None]] | None:
    """Runs the reload watcher for as long as the server runs; None when reloading is off."""
    if not knowledge.reload:
        return None

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        watcher = asyncio.create_task(knowledge.watch(), name="faqbot-reload")
        try:
            yield
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    return lifespan


def app_from_env() -> Starlette:
    """The app configured by ``FAQBOT_*`` variables: ``uvicorn --factory faqbot.web:app_from_env``."""
    return create_app(**WebSettings.from_env().as_kwargs())
