"""faqbot over HTTP: a small Starlette app with a JSON API, a chat widget and a demo page.

Routes
    ``POST /api/ask``      ``{"question": "..."}`` -> the reply object of the reply contract
    ``POST /api/feedback`` ``{"id": "<entry id>", "vote": "up"|"down"}`` -> 204; 404 unless the operator
                           turned on the unanswered-questions log (the votes go there)
    ``GET  /api/topics``   what can be asked, by article section
    ``GET  /api/texts``    the widget's labels from the knowledge base's ``texts``
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
log questions), ``FAQBOT_RELOAD_FAQ`` (``1``/``true`` to reload the knowledge base when it changes) and
``FAQBOT_LOG_UNANSWERED`` (a file; turns on the unanswered log and feedback).

The package, from the bottom up (arrows point down only):

* :mod:`~faqbot.web.config`: :class:`WebSettings`, the variables, origin checking (no Starlette);
* :mod:`~faqbot.web.reload`: :class:`LiveKnowledgeBase`, the version being served, and reloading it;
* :mod:`~faqbot.web.errors`: JSON error responses; :mod:`~faqbot.web.body`: reading bodies within limits;
* :mod:`~faqbot.web.middleware`: security headers, head limits, CORS, gzip;
  :mod:`~faqbot.web.static`: ETags, 304s and pre-compressed files; :mod:`~faqbot.web.openapi`;
* :mod:`~faqbot.web.routes`: the handlers; :mod:`~faqbot.web.factory`: :func:`create_app` (not
  ``app.py``: ``faqbot.web.app`` is the app itself).

Importing this package (or :mod:`faqbot.web.config`) loads neither Starlette nor a knowledge base: the
names below are imported on first use.

Slow clients: a request body must arrive within ``body_timeout`` seconds (default 10) or the request
gets 408 and the connection is closed, so a client dribbling its body cannot hold a request open.
Limits on the request line and headers (size, keep-alive, concurrency) are uvicorn's, set by
``faqbot serve``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from faqbot.web.config import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_QUESTION_CHARS,
    DEFAULT_RELOAD_INTERVAL,
    WebConfigError,
    WebSettings,
    normalize_origin,
)

if TYPE_CHECKING:  # pragma: no cover
    from starlette.applications import Starlette

    from faqbot.web.body import parse_question, read_body
    from faqbot.web.errors import ApiError, error_response
    from faqbot.web.factory import app_from_env, create_app
    from faqbot.web.middleware import MAX_HEAD_BYTES, MAX_HEADER_COUNT, PAGE_CSP, SECURITY_HEADERS
    from faqbot.web.reload import LiveKnowledgeBase, LoadedKnowledgeBase

#: name -> the module that defines it, imported when the name is first used
_LAZY = {
    "create_app": "factory", "app_from_env": "factory",
    "parse_question": "body", "read_body": "body",
    "ApiError": "errors", "error_response": "errors",
    "MAX_HEAD_BYTES": "middleware", "MAX_HEADER_COUNT": "middleware", "PAGE_CSP": "middleware",
    "SECURITY_HEADERS": "middleware",
    "LiveKnowledgeBase": "reload", "LoadedKnowledgeBase": "reload",
}

__all__ = [
    "DEFAULT_BODY_TIMEOUT", "DEFAULT_MAX_BODY_BYTES", "DEFAULT_MAX_QUESTION_CHARS", "DEFAULT_RELOAD_INTERVAL",
    "MAX_HEADER_COUNT", "MAX_HEAD_BYTES", "PAGE_CSP", "SECURITY_HEADERS", "ApiError", "LiveKnowledgeBase",
    "LoadedKnowledgeBase", "WebConfigError", "WebSettings", "app_from_env", "create_app", "error_response",
    "normalize_origin", "parse_question", "read_body",
]

_app: Starlette | None = None


def __getattr__(name: str) -> Any:
    """The lazily imported names, and ``faqbot.web:app`` for uvicorn and gunicorn.

    ``app`` is built from the environment on first access, so that importing this package (to call
    :func:`create_app`, say) loads no knowledge base; each worker process builds it once.
    """
    global _app
    if name == "app":
        if _app is None:
            _app = importlib.import_module("faqbot.web.factory").app_from_env()
        return _app
    if name in _LAZY:
        return getattr(importlib.import_module(f"faqbot.web.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
