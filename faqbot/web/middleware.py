"""ASGI middleware: security headers on every response, limits on the request head, CORS with a log line
for each origin it turns away, and gzip."""

from __future__ import annotations

import logging
import sys

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from faqbot.text import strip_controls
from faqbot.web.config import ALLOW_ORIGIN_HINT, WebConfigError, WebSettings, normalize_origin
from faqbot.web.errors import error_response

CORS_LOG = logging.getLogger("faqbot.web.cors")

#: Limits on the request head (request line and headers), see :class:`HeadLimitMiddleware`. A browser
#: sends a kilobyte or two and about twenty headers.
MAX_HEAD_BYTES = 16 * 1024
MAX_HEADER_COUNT = 100
#: Responses smaller than this are sent as they are: gzip would save less than its own overhead.
GZIP_MINIMUM_BYTES = 500
#: Distinct rejected origins logged per process; a client inventing origins cannot flood the log.
MAX_LOGGED_ORIGINS = 50

#: The pages this app serves load only their own script, style sheet and API; they cannot be framed,
#: and Trusted Types make any HTML-injection sink (innerHTML and the like) throw.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'"
)
#: Everything else (JSON, the script) is not a document: it may load nothing and be framed by nobody.
RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'"
#: A FAQ needs no device access: turning the features off means an injected script could not use them.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), usb=()"
)
SECURITY_HEADERS: dict[str, str] = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "content-security-policy": RESOURCE_CSP,
    "permissions-policy": PERMISSIONS_POLICY,
    # The demo page shares its browsing context group with no window it opens or is opened by.
    "cross-origin-opener-policy": "same-origin",
}


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


class RejectedOriginLog:
    """Logs one WARNING line per web origin whose call to the API the browser is about to block.

    Without it a missing ``--allow-origin`` looks like an outage: the widget cannot reach the API and
    the access log shows only ``OPTIONS /api/ask 400``. Only requests that are certainly cross-origin
    count: a CORS preflight, or a GET carrying an ``Origin`` header (browsers send one on a same-origin
    POST, never on a same-origin GET). The origin is a site's address, not a visitor's data.
    """

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = frozenset(allowed)
        self.logged: set[str] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "*" not in self.allowed and "/api/" in scope.get("path", ""):
            headers = dict(scope.get("headers", []))
            origin = headers.get(b"origin")
            preflight = scope["method"] == "OPTIONS" and b"access-control-request-method" in headers
            if origin is not None and (preflight or scope["method"] in ("GET", "HEAD")):
                self.note(origin.decode("latin-1"))
        await self.app(scope, receive, send)

    def note(self, origin: str) -> None:
        try:
            normal: str | None = normalize_origin(origin)
        except WebConfigError:
            normal = None
        if normal in self.allowed or len(self.logged) > MAX_LOGGED_ORIGINS:
            return
        shown = " ".join(strip_controls(origin).split())[:200] or "(empty)"
        key = normal or shown  # two spellings of one origin are one site
        if key in self.logged:
            return
        self.logged.add(key)
        if len(self.logged) > MAX_LOGGED_ORIGINS:
            CORS_LOG.warning("more cross-origin requests were refused; further origins are not logged")
        elif normal is None:
            CORS_LOG.warning("refused a cross-origin request to the API from %r, which is not a web origin "
                             "that can be allowed (a sandboxed frame or a local file sends 'null')", shown)
        else:
            CORS_LOG.warning("refused a cross-origin request to the API from %s (CORS); if that site embeds "
                             "the widget, allow it with %s", normal, ALLOW_ORIGIN_HINT.format(origin=normal))


def log_to_stderr(logger: logging.Logger, fmt: str = "%(asctime)s faqbot %(levelname)s: %(message)s") -> None:
    """Under uvicorn nothing is configured for our loggers: write to stderr beside its log."""
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(fmt))
        logger.addHandler(handler)


def middleware_stack(settings: WebSettings) -> list[Middleware]:
    """The middleware, outermost first. CORS only when the operator allowed origins."""
    log_to_stderr(CORS_LOG)
    stack = [
        Middleware(SecurityHeadersMiddleware),
        Middleware(HeadLimitMiddleware),
        # Responses already compressed (the static files, see faqbot.web.static) pass through untouched.
        Middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES),
        Middleware(RejectedOriginLog, allowed=settings.allow_origins),
    ]
    if settings.allow_origins:
        stack.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.allow_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type"],
                max_age=600,
            )
        )
    return stack
