"""faqbot over HTTP: a small Starlette app with a JSON API, a chat widget and a demo page.

Routes
    ``POST /api/ask``      ``{"question": "..."}`` -> the reply object of the reply contract
    ``GET  /api/topics``   what can be asked, by article section
    ``GET  /healthz``      liveness and readiness (the bot is loaded before the app serves), and which
                           version of the knowledge base is served / why the latest one was refused
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
``FAQBOT_MAX_BODY_BYTES``, ``FAQBOT_BODY_TIMEOUT`` (seconds), ``FAQBOT_LOG_QUESTIONS`` (``1``/``true`` to
log questions) and ``FAQBOT_RELOAD_FAQ`` (``1``/``true`` to reload the knowledge base when it changes).

Reloading (``reload_faq=True``, ``faqbot serve --reload-faq``): a background task started in the app's
lifespan looks at the knowledge-base file once a second (size and SHA-256 of the content; a file of a
few dozen kilobytes costs microseconds). When two looks in a row see the same new content (so a file
still being written is not taken half-way), the new version is loaded and validated in
full (:meth:`FAQBot.from_yaml`) in a worker thread, off the event loop, and only a completely built bot
is swapped in, by one attribute assignment (:class:`LiveKnowledgeBase`). Each request takes one local
reference to the current version at its start, so it is answered by exactly one version from start to
end: never a half-loaded knowledge base, never a mix of two. If the new file is broken (or half-written
by an editor that does not save atomically), the last good version keeps being served, one WARNING line
naming ``file:line`` and the problem goes to the ``faqbot.web.reload`` logger (once per broken version,
never a question), and ``GET /healthz`` shows the error until a good version loads. The lifespan runs
only under a server (or ``with TestClient(app)``); when the app is mounted inside another app, whose
lifespan does not reach it, call ``app.state.knowledge.check()`` yourself or run
``app.state.knowledge.watch()`` from the parent's lifespan.

Privacy: questions travel only in request bodies, and neither this app nor uvicorn's access log writes
bodies anywhere; the access log shows the method, path and status only. Questions are logged (to the
``faqbot.web.questions`` logger) only when the operator passes ``log_questions=True``. The API does not
accept questions in the query string, so they never end up in URLs, proxy logs or browser history.

Thread safety: :meth:`FAQBot.ask` is called on the event loop, never in a thread pool; a call takes a
few milliseconds. Only a reload builds a bot in a worker thread (the shared stemmer is behind a lock).

Slow clients: a request body must arrive within ``body_timeout`` seconds (default 10) or the request
gets 408 and the connection is closed, so a client dribbling its body cannot hold a request open.
Limits on the request line and headers (size, keep-alive, concurrency) are uvicorn's, set by
``faqbot serve`` (see :mod:`faqbot.cli_web`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import sys
import threading
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from faqbot import __version__
from faqbot.bot import FAQBot
from faqbot.errors import FaqBotError, KnowledgeBaseError
from faqbot.kb import bundled_path
from faqbot.text import strip_controls
from faqbot.tools.unanswered import UnansweredLog
from faqbot.webconfig import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_QUESTION_CHARS,
    DEFAULT_RELOAD_INTERVAL,
    WebSettings,
)

QUESTION_LOG = logging.getLogger("faqbot.web.questions")
ERROR_LOG = logging.getLogger("faqbot.web")
RELOAD_LOG = logging.getLogger("faqbot.web.reload")

#: Limits on the request head (request line and headers), see :class:`HeadLimitMiddleware`. A browser
#: sends a kilobyte or two and about twenty headers.
MAX_HEAD_BYTES = 16 * 1024
MAX_HEADER_COUNT = 100

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
    408: "timeout",
    413: "too_large",
    415: "unsupported_media_type",
    431: "headers_too_large",
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


class HeadLimitMiddleware:
    """Refuses (431, connection closed) a request whose path, query string and headers together exceed
    :data:`MAX_HEAD_BYTES`, or that has more than :data:`MAX_HEADER_COUNT` headers.

    uvicorn (h11) refuses a head over 16 KiB only while it is still incomplete; one that arrives whole in
    a single read (up to a few hundred kilobytes on a fast link) gets through. This makes the limit hold
    for every request, whatever the server and however the bytes arrived.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = scope.get("headers", [])
            size = len(scope.get("raw_path") or b"") + len(scope.get("query_string", b""))
            size += sum(len(name) + len(value) + 4 for name, value in headers)
            if size > MAX_HEAD_BYTES or len(headers) > MAX_HEADER_COUNT:
                response = error_response(
                    431, "headers_too_large",
                    f"The request line and headers are over {MAX_HEAD_BYTES} bytes or {MAX_HEADER_COUNT} headers.",
                    {"connection": "close"},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


# -- reading a request -------------------------------------------------------------------------


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media in ("", "application/json") or (media.startswith("application/") and media.endswith("+json"))


async def read_body(request: Request, limit: int, timeout: float | None = None) -> bytes:
    """The request body, refusing (413) as soon as more than ``limit`` bytes arrive.

    ``Content-Length`` is used only to refuse early; the count of bytes actually received is what
    counts, so a lying or missing header (chunked encoding) cannot get a bigger body in. A body that has
    not fully arrived after ``timeout`` seconds (``None``: no limit) is refused with 408 and the
    connection is closed: a client that sends its headers and then dribbles or withholds the body
    cannot hold a request open.
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
    try:
        with anyio.fail_after(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise _too_large_body(limit)
                chunks.append(chunk)
    except ClientDisconnect:
        # The client went away mid-body: nobody will read the answer, but answering (rather than letting
        # the exception out) keeps a traceback per vanished client out of the server log.
        raise ApiError(400, "bad_request", "The connection closed before the body was complete.") from None
    except TimeoutError:
        raise ApiError(
            408, "timeout", f"The request body did not arrive within {timeout:g} seconds.", {"connection": "close"}
        ) from None
    return b"".join(chunks)


def _too_large_body(limit: int) -> ApiError:
    # Closing the connection spares the server reading (and throwing away) the rest of a huge body.
    return ApiError(413, "too_large", f"The request body is larger than {limit} bytes.", {"connection": "close"})


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


# -- the knowledge base being served, and reloading it -------------------------------------------

#: Files up to this size are fingerprinted by a hash of their content, so a same-size rewrite within one
#: tick of the file system's clock is still seen; bigger ones (unusual: the loader allows 64 MB) by their
#: inode, modification time and size only.
HASH_LIMIT_BYTES = 8 * 1024 * 1024

Fingerprint = tuple[object, ...]


@dataclass(frozen=True)
class LoadedKnowledgeBase:
    """One fully built version of the knowledge base and everything derived from it.

    Immutable: a new version is a new object, swapped in whole by :class:`LiveKnowledgeBase`.
    """

    bot: FAQBot
    topics: dict[str, Any]
    entries: int
    #: the file's name, without its directories (``/healthz`` is public), or None for an in-memory bot
    file: str | None
    #: SHA-256 of the file's content as fingerprinted just before loading (None if unknown)
    sha256: str | None
    #: when this version was loaded, seconds since the epoch
    loaded_at: float

    @classmethod
    def build(cls, bot: FAQBot, sha256: str | None = None) -> LoadedKnowledgeBase:
        sections = bot.topics()
        topics = {
            "sections": [
                {"title": section, "entries": [{"id": e.id, "question": e.question} for e in entries]}
                for section, entries in sections.items()
            ]
        }
        path = bot.kb.path
        return cls(
            bot=bot,
            topics=topics,
            entries=sum(len(entries) for entries in sections.values()),
            file=Path(path).name if path else None,
            sha256=sha256,
            loaded_at=time.time(),
        )


def fingerprint(path: Path) -> Fingerprint:
    """What identifies a version of the file: its size and SHA-256, or (for a file over
    :data:`HASH_LIMIT_BYTES`) its inode, modification time and size; an unreadable file gives the error."""
    try:
        stat = path.stat()
        if stat.st_size <= HASH_LIMIT_BYTES:
            return ("sha256", stat.st_size, hashlib.sha256(path.read_bytes()).hexdigest())
        return ("stat", stat.st_ino, stat.st_mtime_ns, stat.st_size)
    except OSError as err:
        return ("error", type(err).__name__, err.errno)


def _one_line(text: str, limit: int = 500) -> str:
    """Safe for a log line: no control or escape characters, no line breaks, bounded length."""
    line = " ".join(strip_controls(text).split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


class LiveKnowledgeBase:
    """The knowledge base an app serves; with reloading on, replaced when its file changes.

    ``current`` is the only thing a request reads, once, at its start: a complete
    :class:`LoadedKnowledgeBase`. :meth:`check` builds a new version completely (loading and validating
    with :meth:`FAQBot.from_yaml`) before assigning it to ``current`` in one step, so a request sees
    either the old version or the new one, never a mix and never a half-built bot. A broken file leaves
    ``current`` alone, sets :attr:`last_error` and logs one WARNING line (once per broken version).
    """

    def __init__(
        self, bot: FAQBot, path: Path | None = None, reload: bool = False, interval: float = DEFAULT_RELOAD_INTERVAL
    ) -> None:
        #: the knowledge-base file; None when the bot was built in memory (nothing to reload from)
        self.path = path
        #: whether the app's lifespan runs :meth:`watch`
        self.reload = reload and path is not None
        self.interval = interval
        self._seen: Fingerprint | None = fingerprint(path) if path is not None else None
        self._pending: Fingerprint | None = None  # a change seen once, loaded if seen again unchanged
        sha = self._seen[2] if self._seen is not None and self._seen[0] == "sha256" else None
        self.current = LoadedKnowledgeBase.build(bot, sha256=str(sha) if sha else None)
        #: why the latest change of the file was not loaded ("faq.yaml:12: ..."), None once a version loads
        self.last_error: str | None = None
        self.last_error_at: float | None = None
        #: how many new versions were swapped in since start
        self.reloads = 0
        self._lock = threading.Lock()  # one check at a time (the watcher and any direct caller)

    @property
    def bot(self) -> FAQBot:
        return self.current.bot

    def check(self) -> bool:
        """Look at the file; True if a new version was swapped in.

        A change is acted on when two consecutive looks see the same new content (so with the default
        interval a new version goes live within about two seconds), and only if the file did not change
        again while it was being loaded. Blocking (it reads and may parse the file): call it from a
        thread, as :meth:`watch` does. Never raises: any failure keeps the current version and is
        recorded and logged.
        """
        if self.path is None:
            return False
        with self._lock:
            seen = fingerprint(self.path)
            if seen == self._seen:
                self._pending = None
                return False
            if seen != self._pending:
                # Changed since the last look: wait one more look, so a file still being written (by an
                # editor that does not save atomically) is not loaded half-way, even if that half parses.
                self._pending = seen
                return False
            try:
                bot = FAQBot.from_yaml(self.path)
            except Exception as err:
                if fingerprint(self.path) == seen:
                    self._seen = self._pending = seen  # a broken version is reported once, not every look
                    self._failed(err)
                return False  # (or it changed while loading: judge the newer version at the next looks)
            if fingerprint(self.path) != seen:
                return False  # changed while loading: what was read may not be what was fingerprinted
            self._seen, self._pending = seen, None
            sha = seen[2] if seen[0] == "sha256" else None
            loaded = LoadedKnowledgeBase.build(bot, sha256=str(sha) if sha else None)
            self.current = loaded  # the swap: one assignment of a complete version
            self.reloads += 1
            self.last_error = self.last_error_at = None
            RELOAD_LOG.info(
                "knowledge base reloaded from %s: %d entries, sha256 %s",
                self.path, loaded.entries, (loaded.sha256 or "?")[:12],
            )
            return True

    def _failed(self, err: Exception) -> None:
        if isinstance(err, KnowledgeBaseError):
            where = Path(err.path).name if err.path else (self.path.name if self.path else "?")
            public = f"{where}:{err.line}: {err.message}" if err.line else f"{where}: {err.message}"
            logged = str(err)
        else:  # a bug in the loader, or MemoryError/RecursionError on a pathological file
            public = f"{self.path.name if self.path else '?'}: could not be loaded ({type(err).__name__})"
            logged = f"{self.path}: could not be loaded ({type(err).__name__}: {err})"
        self.last_error = _one_line(public)
        self.last_error_at = time.time()
        RELOAD_LOG.warning("knowledge base not reloaded, still serving the last good version: %s", _one_line(logged))

    async def watch(self) -> None:
        """Check every ``interval`` seconds, forever (until cancelled); each check runs in a worker thread."""
        while True:
            await asyncio.sleep(self.interval)
            await asyncio.to_thread(self.check)

    def health(self) -> dict[str, Any]:
        """What ``/healthz`` says about the knowledge base (the file's name only, no directories)."""
        loaded = self.current
        return {
            "file": loaded.file,
            "sha256": loaded.sha256,
            "entries": loaded.entries,
            "loaded_at": _iso(loaded.loaded_at),
            "reload": self.reload,
            "reloads": self.reloads,
            "last_error": self.last_error,
            "last_error_at": _iso(self.last_error_at) if self.last_error_at is not None else None,
        }


def _iso(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


# -- the app -----------------------------------------------------------------------------------


def create_app(
    bot: FAQBot | None = None,
    faq: str | Path | None = None,
    allow_origins: Sequence[str] = (),
    max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS,
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
    any. The widget on the app's own pages needs none. ``max_question_chars``/``max_body_bytes``: longer
    questions or bigger bodies get 413. ``body_timeout``: seconds a request body may take to arrive
    (408 after that). ``log_questions``: log each question and the kind of reply to the
    ``faqbot.web.questions`` logger (off by default; nothing else ever logs a question).
    ``reload_faq``: watch the knowledge-base file (``faq``, else the file ``bot`` was loaded from, else
    the bundled one) every ``reload_interval`` seconds while the app's lifespan runs, and swap in each
    new version that validates; see the module docstring. The live version is ``app.state.knowledge``
    (a :class:`LiveKnowledgeBase`); ``app.state.bot`` is the bot the app started with.
    ``log_unanswered``: append fallbacks and weak matches to this JSON Lines file (time, question,
    closest entry, score; see :mod:`faqbot.tools.unanswered`). Off by default.
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
        raise ValueError("the reload interval must be positive")
    the_bot = bot if bot is not None else FAQBot.from_yaml(settings.faq)
    if settings.faq is not None:
        kb_path: Path | None = settings.faq
    elif the_bot.kb.path is not None:
        kb_path = Path(the_bot.kb.path)
    else:
        kb_path = bundled_path() if bot is None else None
    knowledge = LiveKnowledgeBase(the_bot, kb_path, reload=settings.reload_faq, interval=reload_interval)
    if settings.log_questions:
        QUESTION_LOG.setLevel(logging.INFO)
        _log_to_stderr(QUESTION_LOG, "%(asctime)s faqbot question: %(message)s")
    if knowledge.reload:
        RELOAD_LOG.setLevel(logging.INFO)
        _log_to_stderr(RELOAD_LOG, "%(asctime)s faqbot %(levelname)s: %(message)s")

    unanswered = UnansweredLog(settings.log_unanswered) if settings.log_unanswered is not None else None
    openapi = openapi_document(settings)
    widget_js = _static("widget.js")
    demo_html = _static("demo.html")
    demo_css = _static("demo.css")
    api_headers = {"cache-control": "no-store"}

    async def ask(request: Request) -> Response:
        if not _is_json(request.headers.get("content-type", "")):
            raise ApiError(415, "unsupported_media_type", "Send the question as JSON (Content-Type: application/json).")
        body = await read_body(request, settings.max_body_bytes, settings.body_timeout)
        question = parse_question(body, settings.max_question_chars)
        bot = knowledge.current.bot  # one version for the whole request, even if a reload swaps meanwhile
        try:
            reply = bot.ask(question)  # on the event loop on purpose: see the module docstring
        except Exception:
            # FAQBot.ask is not meant to raise; if it does, log where (never the question) and answer
            # with a JSON 500 that still carries the security headers.
            ERROR_LOG.exception("FAQBot.ask raised")
            return error_response(500, "internal_error", "Something went wrong on our side. Please try again.")
        if settings.log_questions:
            QUESTION_LOG.info("%r -> %s %s", question, reply.kind, reply.id or "")
        if unanswered is not None:
            try:
                unanswered.record(bot, question, reply)
            except FaqBotError as err:  # a full disk must not cost the person their answer
                ERROR_LOG.warning("unanswered log: %s", err)
        return JSONResponse(reply.to_dict(), headers=api_headers)

    async def topics(request: Request) -> Response:
        return JSONResponse(knowledge.current.topics, headers={"cache-control": "public, max-age=300"})

    async def healthz(request: Request) -> Response:
        kb = knowledge.health()
        return JSONResponse(
            {"status": "ok", "entries": kb["entries"], "version": __version__, "knowledge_base": kb},
            headers=api_headers,
        )

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

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not knowledge.reload:
            yield
            return
        watcher = asyncio.create_task(knowledge.watch(), name="faqbot-reload")
        try:
            yield
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    routes = [
        Route("/api/ask", ask, methods=["POST"]),
        Route("/api/topics", topics, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/widget.js", widget, methods=["GET"]),
        Route("/demo.css", demo_style, methods=["GET"]),
        Route("/", demo_page, methods=["GET"]),
    ]
    middleware = [Middleware(SecurityHeadersMiddleware), Middleware(HeadLimitMiddleware)]
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
        lifespan=lifespan,
    )
    # "/widget.js/" is not "/widget.js": no redirects built from the client's Host header.
    app.router.redirect_slashes = False
    app.state.bot = the_bot
    app.state.knowledge = knowledge
    app.state.settings = settings
    return app


def _log_to_stderr(logger: logging.Logger, fmt: str) -> None:
    """Under uvicorn nothing is configured for our loggers: write to stderr beside its log."""
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(fmt))
        logger.addHandler(handler)


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
                        "408": error_response_doc(
                            f"The body did not arrive within {settings.body_timeout} seconds"
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
                    "responses": {
                        "200": {
                            "description": "The bot is loaded and answering. `knowledge_base` names the file "
                            "being served (no directories), its SHA-256, entry count and load time, and "
                            "`last_error` if the latest change of the file was refused (the last good "
                            "version is still served)."
                        }
                    },
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
