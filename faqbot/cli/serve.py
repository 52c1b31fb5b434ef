"""``faqbot serve``: the HTTP API, the chat widget and a demo page (see :mod:`faqbot.web`).

Starlette and uvicorn are imported only when the command runs, so other commands never load them.

The command binds the listening socket itself before it says anything, so the banner names the
address really bound (``--port 0``: the port the system chose), offers a URL a browser can open
(``0.0.0.0`` and ``::`` are not addresses to browse to), and a busy port is one line and exit 2 with
no URL announced first.

Server limits (uvicorn, per worker process), chosen for a small JSON API behind which a curated
knowledge base sits; the app adds its own body limits (``--max-body-bytes``, ``--body-timeout``):

* HTTP/1.1 via h11, pinned so the limits below hold whatever else is installed;
* the request line and headers together may be at most :data:`HEADER_LIMIT_BYTES` (16 KiB): a bigger
  head, or a malformed one, gets 400 and the connection is closed;
* an idle keep-alive connection is closed after :data:`KEEP_ALIVE_SECONDS` (5 s);
* at most ``--limit-concurrency`` (:data:`DEFAULT_LIMIT_CONCURRENCY`) connections and requests at once;
  beyond that a request gets 503 instead of piling up memory;
* shutdown waits at most :data:`GRACEFUL_SHUTDOWN_SECONDS` for requests in flight.

Not covered: a client that sends its request *headers* very slowly holds a connection (uvicorn has no
header timeout). On the open internet put a reverse proxy (nginx, Caddy) with header timeouts in front.
"""

from __future__ import annotations

import contextlib
import errno
import inspect
import os
import socket
from pathlib import Path
from typing import Any

import click

from faqbot.cli.common import CONTEXT_SETTINGS, DataError, State
from faqbot.errors import FaqBotError
from faqbot.web.config import DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_BODY_BYTES, WebSettings

INSTALL_HINT = ("faqbot serve needs the web extra: pip install 'faqbot[web]' "
                "(in a clone of the repository: pip install -e '.[web]')")

HEADER_LIMIT_BYTES = 16 * 1024
KEEP_ALIVE_SECONDS = 5
DEFAULT_LIMIT_CONCURRENCY = 512
GRACEFUL_SHUTDOWN_SECONDS = 10
#: uvicorn's exit status when the app fails to start
STARTUP_FAILURE = 3
_WILDCARDS = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


def _settings(ctx: click.Context, **options: Any) -> WebSettings:
    """The app's settings from the command's options; ``--faq`` falls back to the group's."""
    state = ctx.find_object(State)
    if options.get("faq") is None:
        options["faq"] = state.faq if state is not None else None
    if state is not None and state.log_unanswered is not None:
        options["log_unanswered"] = state.log_unanswered
    try:
        return WebSettings(**options)
    except ValueError as err:
        raise click.UsageError(str(err), ctx) from None


def _uvicorn_options(workers: int, limit_concurrency: int) -> dict[str, Any]:
    """Keyword arguments of ``uvicorn.Config`` (limits: see the module docstring). The access log names
    method, path and status, never a body."""
    return {
        "workers": workers,
        "server_header": False,
        "log_level": "info",
        "http": "h11",
        "h11_max_incomplete_event_size": HEADER_LIMIT_BYTES,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "limit_concurrency": limit_concurrency,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
    }


@click.command(context_settings=CONTEXT_SETTINGS, short_help="Serve the JSON API, the chat widget and a demo page.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--faq", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Knowledge base to serve (default: the group's --faq, FAQBOT_FAQ or the bundled one).")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="ORIGIN",
              help="A web origin allowed to call the API from a browser (CORS), e.g. https://support.example.com. "
                   "Repeat for more; '*' allows any. Not needed for the demo page.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes; each loads the knowledge base once.")
@click.option("--max-question-chars", type=click.IntRange(min=1), default=None,
              help="Longer questions are refused with 413.  [default: the knowledge base's limit]")
@click.option("--max-body-bytes", type=click.IntRange(min=64), default=DEFAULT_MAX_BODY_BYTES,
              show_default=True, help="Bigger request bodies are refused with 413.")
@click.option("--body-timeout", type=click.IntRange(min=1), default=DEFAULT_BODY_TIMEOUT, show_default=True,
              metavar="SECONDS", help="A request body slower than this to arrive is refused with 408.")
@click.option("--limit-concurrency", type=click.IntRange(min=1), default=DEFAULT_LIMIT_CONCURRENCY,
              show_default=True, help="Connections and requests at once per worker; beyond, requests get 503.")
@click.option("--log-questions", is_flag=True,
              help="Log each question and the kind of reply. Off by default: questions are never logged.")
@click.option("--reload-faq", is_flag=True,
              help="Watch the knowledge base (once a second) and serve each new version that validates; "
                   "a broken version is logged and the last good one kept.")
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    workers: int,
    faq: Path | None,
    allow_origins: tuple[str, ...],
    max_question_chars: int | None,
    max_body_bytes: int,
    body_timeout: int,
    limit_concurrency: int,
    log_questions: bool,
    reload_faq: bool,
) -> None:
    """Serve the JSON API, the chat widget (/widget.js) and a demo page (/).

    \b
    faqbot serve                      # then open http://127.0.0.1:8000/
    faqbot serve --host 0.0.0.0 --workers 4 --allow-origin https://support.example.com
    faqbot serve --faq my-faq.yaml --reload-faq   # edit my-faq.yaml; good versions go live
    """
    settings = _settings(
        ctx,
        faq=faq,
        allow_origins=allow_origins,
        max_question_chars=max_question_chars,
        max_body_bytes=max_body_bytes,
        body_timeout=body_timeout,
        log_questions=log_questions,
        reload_faq=reload_faq,
    )
    try:
        import starlette  # noqa: F401
        import uvicorn
    except ImportError:
        raise DataError(INSTALL_HINT) from None
    from faqbot.bot import FAQBot
    from faqbot.web import create_app

    try:  # load here, so a bad knowledge base is one line and exit 2, not a traceback per worker
        bot = FAQBot.from_yaml(settings.faq)
        app: Any = create_app(bot=bot, **settings.as_kwargs()) if workers == 1 else "faqbot.web:app_from_env"
    except FaqBotError as err:
        raise DataError(str(err)) from None
    sock = listen(host, port)
    click.echo(banner(sock.getsockname()), err=True)
    config = uvicorn.Config(app, factory=workers > 1, **_uvicorn_options(workers, limit_concurrency))
    server = uvicorn.Server(config)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a server is stopped, not an error
        if workers == 1:
            server.run(sockets=[sock])
        else:
            _run_workers(settings, config, server, sock)
    if workers == 1 and not server.started:
        raise SystemExit(STARTUP_FAILURE)  # as `uvicorn.run` does; uvicorn has logged why


def _run_workers(settings: WebSettings, config: Any, server: Any, sock: socket.socket) -> None:
    """Several worker processes sharing ``sock``, each importing the app from the settings."""
    # Each worker is a new process: hand it the settings through its environment.
    os.environ.update(settings.to_env())
    from uvicorn.supervisors import Multiprocess

    # uvicorn before 0.30 took the worker's entry point as `target`; later versions find it themselves.
    extra = {"target": server.run} if "target" in inspect.signature(Multiprocess).parameters else {}
    Multiprocess(config, sockets=[sock], **extra).run()


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (0: any free port), or a one-line :class:`DataError`."""
    where = f"{_url_host(host)}:{port}"
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as err:
        raise DataError(f"cannot listen on {where}: unknown host ({err})") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise DataError(f"cannot listen on {where}: address already in use; stop what runs there, "
                            "or choose another --port (0: any free port)") from None
        raise DataError(f"cannot listen on {where}: {err.strerror or err}") from None
    sock.set_inheritable(True)
    return sock


def banner(address: tuple[Any, ...]) -> str:
    """What to open: the address bound, as a URL a browser can use."""
    host, port = str(address[0]), int(address[1])
    browsable = _WILDCARDS.get(host, host)
    line = f"faqbot: demo page at http://{_url_host(browsable)}:{port}/ , API at /api/ask"
    if host in _WILDCARDS:
        # Listening on every interface: other machines need this machine's name, not the loopback.
        line += f" (listening on every interface; from another machine: http://{socket.gethostname()}:{port}/)"
    return line


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
