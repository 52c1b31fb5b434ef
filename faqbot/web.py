"""faqbot over HTTP: a small Starlette app with a JSON API, a chat widget and a demo page.

Routes
    ``POST /api/ask``      ``{"question": "..."}`` -> the reply object of the reply contract
    ``GET  /api/topics``   what can be asked, by article section
    ``GET  /healthz``      liveness and readiness (the bot is loaded before the app serves)
    ``GET  /openapi.json`` an OpenAPI 3.1 description of the API
    ``GET  /widget.js``    the drop-in chat widget (one ``<script>`` tag, see ``faqbot/static/widget.js``)
    ``GET  /``             a demo support page with the widget on it

Build the app with :func:`create_app` (to mount it inside another Starlette or FastAPI app), or let a
server build it from environment variables, once per worker process::

    uvicorn faqbot.web:app                       # ``app`` is built lazily on first access
    uvicorn --factory faqbot.web:app_from_env     # the same, as an explicit factory
    gunicorn -w 4 -k uvicorn_worker.UvicornWorker faqbot.web:app

Environment variables (all optional): ``FAQBOT_FAQ`` (knowledge base path), ``FAQBOT_ALLOW_ORIGINS``
(comma-separated origins allowed by CORS, ``*`` for any), ``FAQBOT_MAX_QUESTION_CHARS``,
``FAQBOT_MAX_BODY_BYTES`` and ``FAQBOT_LOG_QUESTIONS`` (``1``/``true`` to log questions).

Privacy: questions travel only in request bodies, and neither this app nor uvicorn's access log writes
bodies anywhere; the access log shows the method, path and status only. Questions are logged (to the
``faqbot.web.questions`` logger) only when the operator passes ``log_questions=True``. The API does not
accept questions in the query string, so they never end up in URLs, proxy logs or browser history.

Thread safety: :meth:`FAQBot.ask` is called on the event loop, never in a thread pool, because the
stemmer it uses keeps per-call state in a shared object. A call takes a few milliseconds.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from faqbot import __version__
from faqbot.bot import FAQBot
from faqbot.webconfig import DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_QUESTION_CHARS, WebSettings

QUESTION_LOG = logging.getLogger("faqbot.web.questions")
ERROR_LOG = logging.getLogger("faqbot.web")

#: The pages this app serves load only their own script, style sheet and API; they cannot be framed,
#: and Trusted Types make any HTML-injection sink (innerHTML and the like) throw.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'"
)
#: Everything else (JSON, the script) is not a document: it may load nothing and be framed by nobody.
RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'"
SECURITY_HEADERS: dict[str, str] = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "content-security-policy": RESOURCE_CSP,
}

# -- errors ---------------------------------------------------------------------------------


class ApiError(Exception):
    """A client error, answered as ``{"error": code, "message": text}`` with an HTTP status."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


_HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
}
_HTTP_MESSAGES = {
    404: "There is nothing at this address. The API is POST /api/ask; see /openapi.json.",
    405: "This address does not accept that method; see the Allow header and /openapi.json.",
}


def error_response(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": code, "message": message, "status": status},
        status_code=status,
        headers={"cache-control": "no-store", **(headers or {})},
    )


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    message = _HTTP_MESSAGES.get(status) or str(exc.detail)
    return error_response(status, _HTTP_CODES.get(status, "error"), message, exc.headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    # Logged by the server (with a traceback, never the request body); the client gets no details.
    return error_response(500, "internal_error", "Something went wrong on our side. Please try again.")


# -- middleware -------------------------------------------------------------------------------


class SecurityHeadersMiddleware:
    """Adds :data:`SECURITY_HEADERS` to every HTTP response, unless the handler set its own value."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- reading a request -------------------------------------------------------------------------


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media in ("", "application/json") or (media.startswith("application/") and media.endswith("+json"))


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (413) as soon as more than ``limit`` bytes arrive.

    ``Content-Length`` is used only to refuse early; the count of bytes actually received is what
    counts, so a lying or missing header (chunked encoding) cannot get a bigger body in.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            too_big = int(declared) > limit
        except ValueError:
            raise ApiError(400, "bad_request", "The Content-Length header is not a number.") from None
        if too_big:
            raise _too_large_body(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large_body(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large_body(limit: int) -> ApiError:
    return ApiError(413, "too_large", f"The request body is larger than {limit} bytes.")


def parse_question(body: bytes, max_chars: int) -> str:
    """The question in a JSON body ``{"question": "..."}``; ApiError 400/413/422 otherwise."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "bad_request", "The request body is not UTF-8 text.") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ApiError(400, "bad_request", 'The request body is not valid JSON; send {"question": "..."}.') from None
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_request", 'The request body must be a JSON object: {"question": "..."}.')
    if "question" not in data:
        raise ApiError(422, "invalid_request", 'The "question" field is missing.')
    question = data["question"]
    if not isinstance(question, str):
        raise ApiError(422, "invalid_request", 'The "question" field must be a string.')
    if len(question) > max_chars:
        raise ApiError(413, "too_large", f"The question is longer than {max_chars} characters; please shorten it.")
    return question


# -- static files ------------------------------------------------------------------------------


def _static(name: str) -> bytes:
    return resources.files("faqbot").joinpath("static").joinpath(name).read_bytes()


# -- the app -----------------------------------------------------------------------------------


def create_app(
    bot: FAQBot | None = None,
    faq: str | Path | None = None,
    allow_origins: Sequence[str] = (),
    max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    log_questions: bool = False,
) -> Starlette:
    """The faqbot ASGI app.

    ``bot``: a ready bot; otherwise one is loaded here from ``faq`` (``None``: the bundled knowledge
    base), so a bad file raises :class:`faqbot.errors.KnowledgeBaseError` now, not on the first request.
    ``allow_origins``: web origins allowed to call the API from the browser (CORS); empty: none, ``"*"``:
    any. The widget on the app's own pages needs none. ``max_question_chars``/``max_body_bytes``: longer
    questions or bigger bodies get 413. ``log_questions``: log each question and the kind of reply to the
    ``faqbot.web.questions`` logger (off by default; nothing else ever logs a question).
    """
    settings = WebSettings(
        faq=Path(faq) if faq is not None else None,
        allow_origins=tuple(allow_origins),
        max_question_chars=max_question_chars,
        max_body_bytes=max_body_bytes,
        log_questions=log_questions,
    )
    the_bot = bot if bot is not None else FAQBot.from_yaml(settings.faq)
    if settings.log_questions:
        QUESTION_LOG.setLevel(logging.INFO)
        if not QUESTION_LOG.handlers and not logging.getLogger().handlers:
            # Under uvicorn nothing is configured for our loggers: write to stderr beside its log.
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(asctime)s faqbot question: %(message)s"))
            QUESTION_LOG.addHandler(handler)

    topics_body = {
        "sections": [
            {"title": section, "entries": [{"id": e.id, "question": e.question} for e in entries]}
            for section, entries in the_bot.topics().items()
        ]
    }
    entry_count = sum(len(entries) for entries in the_bot.topics().values())
    openapi = openapi_document(settings)
    widget_js = _static("widget.js")
    demo_html = _static("demo.html")
    demo_css = _static("demo.css")
    api_headers = {"cache-control": "no-store"}

    async def ask(request: Request) -> Response:
        if not _is_json(request.headers.get("content-type", "")):
            raise ApiError(415, "unsupported_media_type", "Send the question as JSON (Content-Type: application/json).")
        body = await read_body(request, settings.max_body_bytes)
        question = parse_question(body, settings.max_question_chars)
        try:
            reply = the_bot.ask(question)  # on the event loop on purpose: see the module docstring
        except Exception:
            # FAQBot.ask is not meant to raise; if it does, log where (never the question) and answer
            # with a JSON 500 that still carries the security headers.
            ERROR_LOG.exception("FAQBot.ask raised")
            return error_response(500, "internal_error", "Something went wrong on our side. Please try again.")
        if settings.log_questions:
            QUESTION_LOG.info("%r -> %s %s", question, reply.kind, reply.id or "")
        return JSONResponse(reply.to_dict(), headers=api_headers)

    async def topics(request: Request) -> Response:
        return JSONResponse(topics_body, headers={"cache-control": "public, max-age=300"})

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "entries": entry_count, "version": __version__}, headers=api_headers)

    async def openapi_json(request: Request) -> Response:
        return JSONResponse(openapi)

    async def widget(request: Request) -> Response:
        return Response(
            widget_js,
            media_type="text/javascript; charset=utf-8",
            headers={
                "cache-control": "public, max-age=300",
                # Any site may load the script; that is what it is for. The API stays behind CORS.
                "cross-origin-resource-policy": "cross-origin",
            },
        )

    async def demo_page(request: Request) -> Response:
        return Response(demo_html, media_type="text/html; charset=utf-8", headers={"content-security-policy": PAGE_CSP})

    async def demo_style(request: Request) -> Response:
        return Response(
            demo_css, media_type="text/css; charset=utf-8", headers={"cache-control": "public, max-age=300"}
        )

    routes = [
        Route("/api/ask", ask, methods=["POST"]),
        Route("/api/topics", topics, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/widget.js", widget, methods=["GET"]),
        Route("/demo.css", demo_style, methods=["GET"]),
        Route("/", demo_page, methods=["GET"]),
    ]
    middleware = [Middleware(SecurityHeadersMiddleware)]
    if settings.allow_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.allow_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type"],
                max_age=600,
            )
        )
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={ApiError: _api_error, HTTPException: _http_error, Exception: _server_error},
    )
    app.state.bot = the_bot
    app.state.settings = settings
    return app


def openapi_document(settings: WebSettings) -> dict[str, Any]:
    """A hand-written OpenAPI 3.1 description of the JSON API."""
    error = {"$ref": "#/components/schemas/Error"}

    def error_response_doc(description: str) -> dict[str, Any]:
        return {"description": description, "content": {"application/json": {"schema": error}}}

    nullable_str = {"type": ["string", "null"]}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "faqbot",
            "version": __version__,
            "description": "Answers questions about low dose naltrexone (LDN) from a curated knowledge base. "
            "Dosing and personal medical questions are referred to a doctor or pharmacist.",
        },
        "paths": {
            "/api/ask": {
                "post": {
                    "summary": "Ask a question",
                    "operationId": "ask",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["question"],
                                    "properties": {
                                        "question": {"type": "string", "maxLength": settings.max_question_chars}
                                    },
                                },
                                "example": {"question": "What is LDN?"},
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The reply",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Reply"}}},
                        },
                        "400": error_response_doc("The body is not UTF-8 JSON"),
                        "413": error_response_doc(
                            f"The body is over {settings.max_body_bytes} bytes or the question over "
                            f"{settings.max_question_chars} characters"
                        ),
                        "415": error_response_doc("The body is not sent as JSON"),
                        "422": error_response_doc('The JSON is not an object with a string "question"'),
                    },
                }
            },
            "/api/topics": {
                "get": {
                    "summary": "What can be asked, by article section",
                    "operationId": "topics",
                    "responses": {
                        "200": {
                            "description": "Sections in article order",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Topics"}}},
                        }
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Health check",
                    "operationId": "healthz",
                    "responses": {"200": {"description": "The bot is loaded and answering"}},
                }
            },
        },
        "components": {
            "schemas": {
                "Suggestion": {
                    "type": "object",
                    "required": ["id", "question"],
                    "properties": {"id": {"type": "string"}, "question": {"type": "string"}},
                },
                "Reply": {
                    "type": "object",
                    "required": ["kind", "text", "id", "question", "score", "section", "suggestions"],
                    "properties": {
                        "kind": {"enum": ["answer", "referral", "emergency", "fallback", "smalltalk"]},
                        "text": {"type": "string", "description": "Plain text to show the person"},
                        "id": nullable_str,
                        "question": nullable_str,
                        "score": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
                        "section": nullable_str,
                        "suggestions": {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}},
                    },
                },
                "Topics": {
                    "type": "object",
                    "properties": {
                        "sections": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "title": {"type": "string"},
                                    "entries": {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}},
                                },
                            },
                        }
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error", "message", "status"],
                    "properties": {
                        "error": {"type": "string", "description": "A stable code, e.g. too_large"},
                        "message": {"type": "string", "description": "What is wrong, for a person"},
                        "status": {"type": "integer"},
                    },
                },
            }
        },
    }


# -- for servers that import an app --------------------------------------------------------------


def app_from_env() -> Starlette:
    """The app configured by ``FAQBOT_*`` variables: ``uvicorn --factory faqbot.web:app_from_env``."""
    return WebSettings.from_env().create_app()


_app: Starlette | None = None


def __getattr__(name: str) -> Any:
    """``faqbot.web:app`` for uvicorn and gunicorn, built from the environment on first access.

    Built lazily so that importing this module (to call :func:`create_app`, say) loads no knowledge
    base; each worker process builds it once.
    """
    global _app
    if name == "app":
        if _app is None:
            _app = app_from_env()
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
