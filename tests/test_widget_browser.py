"""The chat widget in a real browser: Playwright driving Debian's Chromium, headless.

The app runs in uvicorn on a free loopback port. A second loopback server plays a customer's site on
another origin: hostile CSS, a strict CSP of its own, and endpoints that fail, hang or recover.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
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
XSS = "<img src=x onerror=window.__pwned=1>"
WAIT_MS = 15_000  # how long to wait for something to appear before failing (not a timing assertion)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not CHROMIUM.exists():
    _unavailable(f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium)")
try:
    import uvicorn
    from playwright.sync_api import Browser, Locator, Page, sync_playwright
    from playwright.sync_api import expect as pw_expect
except ImportError as err:  # pragma: no cover - the test extra installs both
    _unavailable(f"{err.name} is not installed: pip install -e '.[test]'")

from faqbot import FAQBot  # noqa: E402
from faqbot.web import create_app  # noqa: E402

pw_expect.set_options(timeout=WAIT_MS)


# -- servers ---------------------------------------------------------------------------------------------


def loopback_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((LOOPBACK, 0))
    return sock


class ThreadedUvicorn:
    """uvicorn serving an app from a thread, on a socket bound beforehand (so no port race)."""

    def __init__(self, app: Any) -> None:
        self.sock = loopback_socket()
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


class CustomerSite:
    """Another origin embedding the widget, with hostile CSS and misbehaving endpoints."""

    def __init__(self) -> None:
        self.app_url = ""
        self.flaky_calls = 0
        self.release = threading.Event()
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
                elif self.path.endswith(".html"):
                    page = site.page(self.path.removesuffix(".html").lstrip("/"))
                    csp = (f"default-src 'none'; script-src {site.app_url}; style-src 'self'; "
                           f"connect-src 'self' {site.app_url}; require-trusted-types-for 'script'")
                    self.reply(200, page.encode(), "text/html; charset=utf-8", {"Content-Security-Policy": csp})
                else:
                    self.reply(404, b"not found", "text/plain")

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path == "/flaky":
                    site.flaky_calls += 1
                    if site.flaky_calls == 1:
                        self.reply(503, b'{"error": "unavailable"}', "application/json")
                    else:
                        body = {"kind": "answer", "text": "Recovered answer.", "id": "x", "question": "q",
                                "score": 99.0, "section": "S", "suggestions": []}
                        self.reply(200, json.dumps(body).encode(), "application/json")
                elif self.path == "/slow":
                    site.release.wait(timeout=20)
                    self.reply(200, b"{}", "application/json")
                else:
                    self.reply(404, b"{}", "application/json")

        self.httpd = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{LOOPBACK}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def page(self, name: str) -> str:
        with socket.socket() as closed:  # a port nothing listens on
            closed.bind((LOOPBACK, 0))
            dead = f"http://{LOOPBACK}:{closed.getsockname()[1]}/api/ask"
        extra = {
            "host": 'data-position="left" data-color="#ffd400" data-title="Acme help"',
            "flaky": 'data-endpoint="/flaky"',
            "slow": 'data-endpoint="/slow" data-timeout="400"',
            "down": f'data-endpoint="{dead}"',
        }.get(name, "")
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer</title>'
            '<link rel="icon" href="data:,"><link rel="stylesheet" href="/hostile.css"></head><body>'
            '<p id="host-text">A customer page with loud CSS.</p><button id="host-button">Host button</button>'
            f'<script src="{self.app_url}/widget.js" {extra}></script></body></html>'
        )

    def __enter__(self) -> CustomerSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


HOSTILE_CSS = """
* { color: rgb(255, 0, 0) !important; font-size: 40px !important; font-family: serif !important;
    background: rgb(0, 255, 0) !important; letter-spacing: 5px !important; line-height: 3 !important; }
button, input, div, section { display: inline !important; position: static !important; }
[role="log"], .launcher, .panel { display: none !important; }
"""


@pytest.fixture(scope="module")
def servers(bot: FAQBot) -> Iterator[tuple[str, CustomerSite]]:
    with CustomerSite() as site:
        app = create_app(bot=bot, allow_origins=[site.url])
        with ThreadedUvicorn(app) as server:
            site.app_url = server.url
            yield server.url, site


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Widget:
    """The widget on a page, with the page's console errors collected."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.launcher = page.locator("faqbot-widget .launcher")
        self.panel = page.locator("faqbot-widget .panel")
        self.input = page.locator("faqbot-widget .input")
        self.log = page.locator("faqbot-widget [role=log]")

    def active(self) -> str:
        """Class name of the focused element inside the widget ('' if focus is elsewhere)."""
        return str(self.page.evaluate(
            "() => { const h = document.querySelector('faqbot-widget');"
            " return document.activeElement === h && h.shadowRoot.activeElement"
            " ? h.shadowRoot.activeElement.className : ''; }"
        ))

    def open(self) -> None:
        self.launcher.click()
        pw_expect(self.panel).to_be_visible()

    def ask(self, question: str) -> Locator:
        """Ask and return the bot's reply to it (the last bot message once it arrives)."""
        before = self.log.locator(".bot").count()
        self.input.fill(question)
        self.input.press("Enter")
        pw_expect(self.log.locator(".bot")).to_have_count(before + 1)
        return self.log.locator(".bot").nth(before)

    def style(self, locator: Locator, prop: str) -> str:
        return str(locator.evaluate(f"(el) => getComputedStyle(el).getPropertyValue('{prop}')"))


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    new_page = context.new_page()
    yield new_page
    context.close()


@pytest.fixture()
def demo(page: Page, servers: tuple[str, CustomerSite]) -> Widget:
    app_url, _ = servers
    page.goto(app_url + "/")
    widget = Widget(page)
    pw_expect(widget.launcher).to_be_visible()
    return widget


# -- the demo page ----------------------------------------------------------------------------------------


def test_open_with_the_keyboard_ask_and_close_with_escape(demo: Widget, bot: FAQBot) -> None:
    page = demo.page
    for _ in range(30):  # Tab through the page until the launcher has focus
        page.keyboard.press("Tab")
        if "launcher" in demo.active():
            break
    assert "launcher" in demo.active()
    assert demo.style(demo.launcher, "outline-style") == "solid"  # visible focus
    pw_expect(demo.launcher).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Enter")
    pw_expect(demo.panel).to_be_visible()
    pw_expect(demo.launcher).to_have_attribute("aria-expanded", "true")
    assert demo.active() == "input"
    pw_expect(demo.log).to_have_attribute("aria-live", "polite")

    page.keyboard.type("What is LDN?")
    page.keyboard.press("Enter")
    answer = demo.log.locator("[data-kind=answer]").first
    pw_expect(answer.locator(".text")).to_have_text(bot.ask("What is LDN?").text)
    pw_expect(demo.log.locator(".user").last).to_contain_text("What is LDN?")

    page.keyboard.press("Escape")
    pw_expect(demo.panel).to_be_hidden()
    assert "launcher" in demo.active()
    pw_expect(demo.launcher).to_have_attribute("aria-expanded", "false")
    assert demo.errors == []


def test_every_control_is_reachable_by_keyboard(demo: Widget) -> None:
    demo.open()
    demo.ask("What is LDN?")
    seen = {demo.active()}  # the input, focused on opening
    for _ in range(20):
        demo.page.keyboard.press("Tab")
        seen.add(demo.active())
    assert {"close", "log", "suggestion", "input", "send", "launcher"} <= seen
    demo.input.focus()
    demo.page.keyboard.press("Escape")
    pw_expect(demo.panel).to_be_hidden()


def test_clicking_a_suggestion_asks_it(demo: Widget, bot: FAQBot) -> None:
    demo.open()
    reply = demo.ask("What is LDN?")
    suggestion = reply.locator("button.suggestion").first
    question = suggestion.inner_text()
    expected = bot.ask(question)
    suggestion.click()
    pw_expect(demo.log.locator(".user").last).to_contain_text(question)
    pw_expect(demo.log.locator(".bot").last.locator(".text")).to_have_text(expected.text)


def test_a_dosing_question_gets_a_distinct_referral(demo: Widget) -> None:
    demo.open()
    answer = demo.ask("What is LDN?")
    referral = demo.ask("How many mg of LDN should I take?")
    pw_expect(referral).to_have_attribute("data-kind", "referral")
    pw_expect(referral).to_have_class("msg bot kind-referral")
    pw_expect(referral.locator(".label")).to_have_text("Please ask a doctor or pharmacist")
    for prop in ("background-color", "border-top-color"):
        assert demo.style(referral, prop) != demo.style(answer, prop)
    emergency = demo.ask("I think I took an overdose")
    pw_expect(emergency).to_have_attribute("data-kind", "emergency")
    assert demo.style(emergency, "background-color") not in (
        demo.style(answer, "background-color"), demo.style(referral, "background-color"))


def test_html_in_a_question_is_shown_as_text_and_runs_nothing(demo: Widget) -> None:
    demo.open()
    demo.ask(XSS)
    pw_expect(demo.log.locator(".user").last).to_have_text("You: " + XSS)
    assert demo.log.locator("img").count() == 0
    assert demo.page.evaluate("() => window.__pwned") is None
    assert demo.errors == []


def test_screenshot_of_the_open_widget(demo: Widget, tmp_path: Path) -> None:
    demo.open()
    demo.ask("What is LDN?")
    demo.ask("How much LDN should I take?")
    demo.page.mouse.move(0, 0)
    shot = tmp_path / "widget.png"
    demo.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("FAQBOT_UPDATE_SCREENSHOT"):  # refresh the README's screenshot on request only
        docs = REPO / "docs"
        docs.mkdir(exist_ok=True)
        shutil.copyfile(shot, docs / "widget.png")


# -- on a customer's site ---------------------------------------------------------------------------------


def test_host_css_does_not_leak_in_and_cross_origin_works(page: Page, servers: tuple[str, CustomerSite]) -> None:
    _, site = servers
    page.goto(site.url + "/host.html")
    widget = Widget(page)
    host_text = page.locator("#host-text")
    assert widget.style(host_text, "color") == "rgb(255, 0, 0)"  # the hostile CSS is in force
    assert widget.style(host_text, "font-size") == "40px"

    widget.open()
    reply = widget.ask("What is LDN?")  # cross-origin, allowed by CORS, under the customer's strict CSP
    pw_expect(reply).to_have_attribute("data-kind", "answer")
    text = reply.locator(".text")
    assert widget.style(text, "color") == "rgb(27, 27, 27)"
    assert widget.style(text, "font-size") == "15px"
    assert widget.style(text, "letter-spacing") == "normal"
    assert "serif" not in widget.style(text, "font-family").split(",")[0]
    assert widget.style(widget.launcher, "position") == "fixed"
    # data-color is yellow, so the launcher text is dark for contrast; data-position is left
    assert widget.style(widget.launcher, "color") == "rgb(17, 17, 17)"
    box = widget.launcher.bounding_box()
    assert box is not None and box["x"] < 1100 / 2
    pw_expect(widget.panel.locator(".title")).to_have_text("Acme help")
    # ...and the widget's CSS does not leak out
    assert widget.style(page.locator("#host-button"), "cursor") != "pointer"
    assert widget.errors == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("slow", "taking too long"),
        ("down", "can't reach the help service"),
    ],
)
def test_a_slow_or_down_server_gets_a_friendly_message_and_retry(
    page: Page, servers: tuple[str, CustomerSite], name: str, message: str
) -> None:
    _, site = servers
    page.goto(f"{site.url}/{name}.html")
    widget = Widget(page)
    widget.open()
    error = widget.ask("What is LDN?")
    pw_expect(error).to_have_attribute("data-kind", "error")
    pw_expect(error).to_contain_text(message)
    pw_expect(error.locator("button.retry")).to_be_visible()


def test_retry_after_a_server_error(page: Page, servers: tuple[str, CustomerSite]) -> None:
    _, site = servers
    site.flaky_calls = 0
    page.goto(site.url + "/flaky.html")
    widget = Widget(page)
    widget.open()
    error = widget.ask("What is LDN?")
    pw_expect(error).to_contain_text("something went wrong")
    error.locator("button.retry").click()
    pw_expect(widget.log.locator("[data-kind=answer] .text")).to_have_text("Recovered answer.")
    pw_expect(widget.log.locator("[data-kind=error]")).to_have_count(0)
    pw_expect(widget.log.locator(".user")).to_have_count(1)  # the retry does not repeat the question
