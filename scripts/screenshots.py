"""Regenerate the README's widget screenshots from a real server and a real browser.

    .venv/bin/python scripts/screenshots.py            # writes docs/widget-light.png, -dark.png, -mobile.png
    .venv/bin/python scripts/screenshots.py --out /tmp

The app (the bundled knowledge base) runs in uvicorn on a free loopback port; Debian's Chromium, driven by
Playwright, opens the demo page, asks a few questions and photographs the page. Needs the test extra
(`pip install -e '.[test]'`) and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from playwright.sync_api import Browser, sync_playwright

from faqbot import FAQBot
from faqbot.web import create_app

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class Shot:
    """One screenshot: its file name, the window, the colour scheme and what is asked."""

    name: str
    width: int
    height: int
    scheme: str
    questions: tuple[str, ...]


SHOTS = (
    Shot("widget-light.png", 1100, 760, "light", ("What is LDN?", "How much LDN should I take?")),
    Shot("widget-dark.png", 1100, 760, "dark", ("Does it have side effects?", "what about the brain thing")),
    Shot("widget-mobile.png", 390, 760, "light", ("What is LDN?", "I think I took an overdose")),
)


def serve(app: object) -> tuple[uvicorn.Server, threading.Thread, str]:
    """uvicorn in a thread on a socket bound first (so the port cannot be taken meanwhile)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise SystemExit("screenshots: the server did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{sock.getsockname()[1]}"


def photograph(browser: Browser, url: str, shot: Shot, out: Path) -> None:
    context = browser.new_context(
        viewport={"width": shot.width, "height": shot.height},
        color_scheme=shot.scheme,  # type: ignore[arg-type]
    )
    page = context.new_page()
    page.goto(url + "/")
    page.locator("faqbot-widget .launcher").click()
    replies = page.locator("faqbot-widget .log .bot")
    replies.first.wait_for()  # the greeting
    for question in shot.questions:
        before = replies.count()
        page.locator("faqbot-widget .input").fill(question)
        page.locator("faqbot-widget .input").press("Enter")
        replies.nth(before).wait_for()
    page.locator("faqbot-widget .input").blur()  # no caret or focus ring in the picture
    page.mouse.move(0, 0)
    page.screenshot(path=str(out / shot.name))
    context.close()
    print(f"screenshots: wrote {out / shot.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="folder for the PNG files (default: docs/)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"screenshots: {CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    server, thread, url = serve(create_app(bot=FAQBot.from_yaml()))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"])
            for shot in SHOTS:
                photograph(browser, url, shot, args.out)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
