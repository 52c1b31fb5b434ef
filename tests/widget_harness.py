"""What the widget's browser tests share: the app in uvicorn, a customer's site on another origin, the widget
seen through Playwright, axe-core and WCAG contrast.

The app runs in uvicorn on a free loopback port. A second loopback server plays a customer's site: hostile
CSS, a strict CSP of its own, and endpoints that fail, hang, echo or record what the widget sends them.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOOPBACK = "127.0.0.1"
REPO = Path(__file__).resolve().parent.parent
WAIT_MS = 15_000  # how long to wait for something to appear before failing (not a timing assertion)


def unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if os.environ.get("FAQBOT_SKIP_BROWSER") == "1":  # set by scripts/test.sh, which says so loudly
    unavailable("FAQBOT_SKIP_BROWSER=1: no Chromium on this machine and no apt-get to install it")
if not CHROMIUM.exists():
    unavailable(f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium)")
try:
    import axe_playwright_python
    import uvicorn
    from playwright.sync_api import Browser, Locator, Page, sync_playwright
    from playwright.sync_api import expect as pw_expect
except ImportError as err:  # pragma: no cover - the test extra installs them
    unavailable(f"{err.name} is not installed: pip install -e '.[test]'")

pw_expect.set_options(timeout=WAIT_MS)
AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")

__all__ = ["Browser", "Locator", "Page", "pw_expect", "sync_playwright"]


# -- servers ---------------------------------------------------------------------------------------------


class ThreadedUvicorn:
    """uvicorn serving an app from a thread, on a socket bound beforehand (so no port race)."""

    def __init__(self, app: Any) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((LOOPBACK, 0))
        self.url = f"http://{LOOPBACK}:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> ThreadedUvicorn:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


def echo_reply(question: str) -> dict[str, Any]:
    """A reply made from the question: ``"referral: text"`` gives that kind and text, anything else an answer."""
    kind, sep, text = question.partition(": ")
    if not sep or kind not in ("answer", "referral", "emergency", "fallback", "smalltalk"):
        kind, text = "answer", question
    suggestions = [{"id": "s1", "question": "What is LDN?"}] if kind == "fallback" else []
    return {"kind": kind, "text": text, "id": "echo-id" if kind == "answer" else None, "question": None,
            "score": None, "section": None, "suggestions": suggestions}


@dataclass
class CustomerSite:
    """Another origin embedding the widget, with hostile CSS and endpoints the tests control.

    ``pages`` maps a page name to the extra attributes of its script tag (``/NAME.html``). ``failures`` is
    how many calls to ``/flaky`` fail before it answers; ``gate`` holds ``/gated`` until set; ``texts`` is
    what ``/texts`` serves (404 while None); ``votes`` collects what ``/feedback`` receives.
    """

    app_url: str = ""
    pages: dict[str, str] = field(default_factory=dict)
    failures: int = 0
    calls: int = 0
    gate: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    texts: dict[str, Any] | None = None
    votes: list[dict[str, Any]] = field(default_factory=list)
    feedback_status: int = 204

    def __post_init__(self) -> None:
        self.pages.update({
            "host": 'data-position="left" data-color="#ffd400" data-title="Acme help"',
            "flaky": 'data-endpoint="/flaky"',
            "slow": 'data-endpoint="/slow" data-timeout="400"',
            "gated": 'data-endpoint="/gated"',
            "echo": 'data-endpoint="/echo"',
            "down": f'data-endpoint="{dead_endpoint()}"',
        })
        self.httpd = ThreadingHTTPServer((LOOPBACK, 0), self.handler())
        self.httpd.daemon_threads = True
        self.url = f"http://{LOOPBACK}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def page(self, name: str) -> str:
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer</title>'
            '<link rel="icon" href="data:,"><link rel="stylesheet" href="/hostile.css"></head><body>'
            '<main><p id="host-text">A customer page with loud CSS.</p><button id="host-button">Host button'
            f'</button></main><script src="{self.app_url}/widget.js" {self.pages.get(name, "")}></script>'
            "</body></html>"
        )

    def answer(self, path: str, body: bytes) -> tuple[int, dict[str, Any] | None]:
        """Status and JSON body for a POST to one of the test endpoints."""
        data = json.loads(body or b"{}")
        if path == "/feedback":
            self.votes.append(data)
            return self.feedback_status, None
        if path == "/slow":
            self.release.wait(timeout=20)
            return 200, {}
        if path == "/gated":
            self.gate.wait(timeout=20)
        if path == "/flaky":
            self.calls += 1
            if self.calls <= self.failures:
                return 503, {"error": "unavailable"}
            return 200, echo_reply("Answer to " + data["question"])
        if path in ("/echo", "/gated"):
            return 200, echo_reply(data["question"])
        return 404, {}

    def handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

            def reply(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the widget gave up
                    self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path == "/hostile.css":
                    self.reply(200, HOSTILE_CSS.encode(), "text/css")
                elif self.path == "/texts" and site.texts is not None:
                    self.reply(200, json.dumps(site.texts).encode(), "application/json")
                elif self.path.endswith(".html"):
                    page = site.page(self.path.removesuffix(".html").lstrip("/"))
                    csp = (f"default-src 'none'; script-src {site.app_url}; style-src 'self'; "
                           f"connect-src 'self' {site.app_url}; require-trusted-types-for 'script'")
                    self.reply(200, page.encode(), "text/html; charset=utf-8", {"Content-Security-Policy": csp})
                else:
                    self.reply(404, b"not found", "text/plain")

            def do_POST(self) -> None:
                status, body = site.answer(self.path, self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                self.reply(status, json.dumps(body).encode() if body is not None else b"", "application/json")

        return Handler

    def __enter__(self) -> CustomerSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def dead_endpoint() -> str:
    """An API address on a port nothing listens on."""
    with socket.socket() as closed:
        closed.bind((LOOPBACK, 0))
        return f"http://{LOOPBACK}:{closed.getsockname()[1]}/api/ask"


HOSTILE_CSS = """
* { color: rgb(255, 0, 0) !important; font-size: 40px !important; font-family: serif !important;
    background: rgb(0, 255, 0) !important; letter-spacing: 5px !important; line-height: 3 !important; }
button, input, div, section { display: inline !important; position: static !important; }
[role="log"], .launcher, .panel { display: none !important; }
"""


def launch(playwright: Any) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium under Playwright, closed afterwards (a module-scoped fixture in each test file)."""
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@contextlib.contextmanager
def app_with_site(bot: Any, **app_options: Any) -> Iterator[tuple[str, CustomerSite]]:
    """faqbot's app in uvicorn, allowing a customer's site on another origin: ``(app url, site)``."""
    from faqbot.web import create_app

    with CustomerSite() as site:
        app = create_app(bot=bot, allow_origins=[site.url], **app_options)
        with ThreadedUvicorn(app) as server:
            site.app_url = server.url
            yield server.url, site


# -- the widget on a page -----------------------------------------------------------------------------


class Widget:
    """The widget on a page, with the page's console errors and warnings collected."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.warnings: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", self._console)
        self.launcher = page.locator("faqbot-widget .launcher")
        self.panel = page.locator("faqbot-widget .panel")
        self.input = page.locator("faqbot-widget .input")
        self.send = page.locator("faqbot-widget .send")
        self.log = page.locator("faqbot-widget [role=log]")

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            self.errors.append(msg.text)
        elif msg.type == "warning":
            self.warnings.append(msg.text)

    def active(self) -> str:
        """Class name of the focused element inside the widget ('' if focus is elsewhere)."""
        return str(self.page.evaluate(
            "() => { const h = document.querySelector('faqbot-widget');"
            " return document.activeElement === h && h.shadowRoot.activeElement"
            " ? h.shadowRoot.activeElement.className : ''; }"
        ))

    def open(self) -> None:
        """Open the panel and wait for its first message (the greeting waits for the labels from the server)."""
        self.launcher.click()
        pw_expect(self.panel).to_be_visible()
        pw_expect(self.log.locator(".bot").first).to_be_visible()

    def ask(self, question: str) -> Locator:
        """Ask and return the bot's reply to it (the last bot message once it arrives)."""
        before = self.log.locator(".bot").count()
        self.input.fill(question)
        self.input.press("Enter")
        pw_expect(self.log.locator(".bot")).to_have_count(before + 1)
        return self.log.locator(".bot").nth(before)

    def style(self, locator: Locator, prop: str) -> str:
        return str(locator.evaluate(f"(el) => getComputedStyle(el).getPropertyValue('{prop}')"))

    def color(self, locator: Locator, prop: str) -> tuple[float, float, float]:
        return rgb(self.style(locator, prop))

    def box(self, locator: Locator) -> dict[str, float]:
        box = locator.bounding_box()
        assert box is not None, "not rendered"
        return box

    def axe(self, selector: str | None = None) -> list[str]:
        """axe-core's violations on the page (or the elements matching ``selector``), shadow DOM included,
        as 'rule: targets' lines."""
        self.page.evaluate(AXE_JS)
        return list(self.page.evaluate(
            "async (sel) => (await axe.run(sel ? {include: [sel]} : document, {resultTypes: ['violations']}))"
            ".violations.map(v => v.id + ': ' + v.nodes.map(n => JSON.stringify(n.target)).join(' '))",
            selector,
        ))


# -- colour ------------------------------------------------------------------------------------------------


def rgb(css: str) -> tuple[float, float, float]:
    parts = [float(p) for p in re.findall(r"[\d.]+", css)[:3]]
    assert len(parts) == 3, f"not an rgb() colour: {css!r}"
    return parts[0], parts[1], parts[2]


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """The WCAG 2 contrast ratio of two sRGB colours."""

    def lum(c: tuple[float, float, float]) -> float:
        s = [v / 255 for v in c]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in s]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
