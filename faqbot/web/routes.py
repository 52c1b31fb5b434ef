"""The request handlers: one method per route, sharing the live knowledge base and the settings.

Privacy: questions travel only in request bodies, and neither these handlers nor uvicorn's access log
write bodies anywhere. Questions are logged (to the ``faqbot.web.questions`` logger) only when the
operator passes ``log_questions=True``; the API takes no question in the query string, so none ends up
in URLs, proxy logs or browser history.

Thread safety: :meth:`FAQBot.ask` is called on the event loop, never in a thread pool; a call takes a
few milliseconds. Only a reload builds a bot in a worker thread (the shared stemmer is behind a lock).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from faqbot.errors import FaqBotError
from faqbot.tools.unanswered import UnansweredLog
from faqbot.version import __version__
from faqbot.web.body import parse_ask, parse_feedback, read_body, require_json
from faqbot.web.config import WebSettings
from faqbot.web.errors import SERVER_ERROR_MESSAGE, ApiError, error_response
from faqbot.web.middleware import PAGE_CSP
from faqbot.web.reload import LiveKnowledgeBase
from faqbot.web.static import StaticFile, cached_json, json_bytes

QUESTION_LOG = logging.getLogger("faqbot.web.questions")
ERROR_LOG = logging.getLogger("faqbot.web")

NO_STORE = {"cache-control": "no-store"}
#: Static files may be reused for five minutes, then revalidated (a 304 when unchanged).
STATIC_CACHE = {"cache-control": "public, max-age=300"}
#: Documents that change when the knowledge base is reloaded: always revalidated, cheap with the ETag.
REVALIDATE = {"cache-control": "no-cache"}


@dataclass(frozen=True)
class StaticFiles:
    widget_js: StaticFile
    demo_html: StaticFile
    demo_css: StaticFile

    @classmethod
    def packaged(cls) -> StaticFiles:
        return cls(
            StaticFile.packaged("widget.js", "text/javascript; charset=utf-8"),
            StaticFile.packaged("demo.html", "text/html; charset=utf-8"),
            StaticFile.packaged("demo.css", "text/css; charset=utf-8"),
        )


class Handlers:
    """The app's endpoints. Each request reads ``knowledge.current`` once, so one version answers it."""

    def __init__(self, knowledge: LiveKnowledgeBase, settings: WebSettings, openapi: dict[str, Any]) -> None:
        self.knowledge = knowledge
        self.settings = settings
        self.openapi = json_bytes(openapi)
        self.files = StaticFiles.packaged()
        self.log = UnansweredLog(settings.log_unanswered) if settings.log_unanswered is not None else None

    async def ask(self, request: Request) -> Response:
        body = await read_body(request, self.settings.max_body_bytes, self.settings.body_timeout)
        # The type is checked after reading: answering before the body is read races uvicorn, which
        # may be refusing a malformed body on the same connection at that moment.
        require_json(request)
        bot = self.knowledge.current.bot  # one version for the whole request, even if a reload swaps meanwhile
        asked = parse_ask(body, self.settings.max_question_chars or bot.kb.settings.max_question_chars)
        question = asked.question
        try:
            # On the event loop on purpose: see the module docstring. No conversation is kept here:
            # the client sends the previous answer's id as the context.
            reply = bot.ask(question, asked.context)
        except Exception:
            # FAQBot.ask is not meant to raise; if it does, log where (never the question) and answer
            # with a JSON 500 that still carries the security headers.
            ERROR_LOG.exception("FAQBot.ask raised")
            return error_response(500, "internal_error", SERVER_ERROR_MESSAGE)
        if self.settings.log_questions:
            QUESTION_LOG.info("%r -> %s %s", question, reply.kind, reply.id or "")
        if self.log is not None:
            try:
                self.log.record(bot, question, reply)
            except FaqBotError as err:  # a full disk must not cost the person their answer
                ERROR_LOG.warning("unanswered log: %s", err)
        return JSONResponse(reply.to_dict(), headers=NO_STORE)

    async def feedback(self, request: Request) -> Response:
        body = await read_body(request, self.settings.max_body_bytes, self.settings.body_timeout)
        if self.log is None:
            raise ApiError(404, "not_found", "Feedback is off on this server (the operator has not turned it on).")
        require_json(request)
        vote = parse_feedback(body)
        try:
            self.knowledge.current.bot.kb.entry(vote.id)
        except KeyError:
            raise ApiError(422, "invalid_request", 'No entry has that "id".') from None
        try:
            self.log.record_feedback(vote.id, vote.vote)
        except FaqBotError as err:
            ERROR_LOG.warning("unanswered log: %s", err)
            return error_response(500, "internal_error", SERVER_ERROR_MESSAGE)
        return Response(status_code=204, headers=NO_STORE)

    async def topics(self, request: Request) -> Response:
        return cached_json(request, json_bytes(self.knowledge.current.topics), REVALIDATE)

    async def texts(self, request: Request) -> Response:
        return cached_json(request, json_bytes(self.knowledge.current.texts), REVALIDATE)

    async def healthz(self, request: Request) -> Response:
        kb = self.knowledge.health()
        return JSONResponse(
            {"status": "ok", "entries": kb["entries"], "version": __version__, "knowledge_base": kb},
            headers=NO_STORE,
        )

    async def openapi_json(self, request: Request) -> Response:
        return cached_json(request, self.openapi, STATIC_CACHE)

    async def widget(self, request: Request) -> Response:
        # Any site may load the script; that is what it is for. The API stays behind CORS.
        return self.files.widget_js.response(request, {**STATIC_CACHE, "cross-origin-resource-policy": "cross-origin"})

    async def demo_page(self, request: Request) -> Response:
        return self.files.demo_html.response(request, {**REVALIDATE, "content-security-policy": PAGE_CSP})

    async def demo_style(self, request: Request) -> Response:
        return self.files.demo_css.response(request, STATIC_CACHE)
