"""The log line for a refused CORS origin, in process: when it is written, once, and safely."""

from __future__ import annotations

import logging
import warnings

import pytest

pytest.importorskip("starlette")

from starlette.applications import Starlette
from starlette.routing import Mount

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx.*")
    from starlette.testclient import TestClient

from faqbot import FAQBot
from faqbot.web import create_app
from faqbot.web.middleware import MAX_LOGGED_ORIGINS

ALLOWED = "https://support.example.com"
OTHER = "https://shop.example.org"
PREFLIGHT = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}


def cors_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "faqbot.web.cors"]


@pytest.fixture
def client(bot: FAQBot) -> TestClient:
    # The allowed origin is written with its default port: it must still be recognised as allowed.
    return TestClient(create_app(bot=bot, allow_origins=[ALLOWED + ":443"]))


@pytest.mark.parametrize(
    ("method", "path", "headers", "logged"),
    [
        ("OPTIONS", "/api/ask", {"origin": OTHER, **PREFLIGHT}, True),
        ("OPTIONS", "/api/feedback", {"origin": OTHER, **PREFLIGHT}, True),
        ("GET", "/api/texts", {"origin": OTHER}, True),  # a GET carries Origin only when cross-origin
        ("GET", "/api/topics", {"origin": OTHER}, True),
        ("OPTIONS", "/api/ask", {"origin": ALLOWED, **PREFLIGHT}, False),
        ("GET", "/api/texts", {"origin": ALLOWED}, False),
        ("POST", "/api/ask", {"origin": OTHER}, False),  # a same-origin POST carries Origin too
        ("OPTIONS", "/api/ask", {"origin": OTHER}, False),  # not a preflight
        ("GET", "/widget.js", {"origin": OTHER}, False),  # the script may be loaded by any site
        ("GET", "/api/texts", {}, False),
    ],
)
def test_which_requests_are_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture, method: str, path: str, headers: dict[str, str],
    logged: bool,
) -> None:
    with caplog.at_level(logging.WARNING, logger="faqbot.web.cors"):
        client.request(method, path, headers=headers, json={"question": "hi"} if method == "POST" else None)
    lines = cors_lines(caplog)
    if logged:
        assert lines == [
            f"refused a cross-origin request to the API from {OTHER} (CORS); if that site embeds the widget, allow "
            f"it with --allow-origin {OTHER} (or FAQBOT_ALLOW_ORIGINS={OTHER})"
        ]
    else:
        assert lines == []


def test_each_origin_is_logged_once(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="faqbot.web.cors"):
        for origin in (OTHER, OTHER, "HTTPS://Shop.Example.org", "https://third.example"):
            client.options("/api/ask", headers={"origin": origin, **PREFLIGHT})
    lines = cors_lines(caplog)
    assert len(lines) == 2  # the upper-case spelling is the same site
    assert OTHER in lines[0] and "https://third.example" in lines[1]


def test_a_client_inventing_origins_cannot_flood_the_log(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="faqbot.web.cors"):
        for i in range(MAX_LOGGED_ORIGINS + 20):
            client.options("/api/ask", headers={"origin": f"https://site{i}.example", **PREFLIGHT})
    lines = cors_lines(caplog)
    assert len(lines) == MAX_LOGGED_ORIGINS + 1
    assert lines[-1] == "more cross-origin requests were refused; further origins are not logged"


@pytest.mark.parametrize("origin", ["null", "https://evil.example\x1b[2J\x07", "ab\x00cd"])
def test_origins_that_cannot_be_allowed_are_logged_without_a_hint_or_control_characters(
    client: TestClient, caplog: pytest.LogCaptureFixture, origin: str
) -> None:
    with caplog.at_level(logging.WARNING, logger="faqbot.web.cors"):
        client.options("/api/ask", headers={"origin": origin, **PREFLIGHT})
    [line] = cors_lines(caplog)
    assert "not a web origin that can be allowed" in line and "--allow-origin" not in line
    assert not any(ord(c) < 32 for c in line)


def test_nothing_is_logged_when_any_origin_is_allowed(bot: FAQBot, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="faqbot.web.cors"):
        TestClient(create_app(bot=bot, allow_origins=["*"])).options("/api/ask", headers={"origin": OTHER, **PREFLIGHT})
    assert cors_lines(caplog) == []


def test_without_cors_a_preflight_is_still_logged(bot: FAQBot, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="faqbot.web.cors"):
        response = TestClient(create_app(bot=bot)).options("/api/ask", headers={"origin": OTHER, **PREFLIGHT})
    assert response.status_code == 405
    assert len(cors_lines(caplog)) == 1


def test_mounted_under_a_path_the_api_is_still_recognised(bot: FAQBot, caplog: pytest.LogCaptureFixture) -> None:
    host = Starlette(routes=[Mount("/help", app=create_app(bot=bot))])
    with caplog.at_level(logging.WARNING, logger="faqbot.web.cors"):
        TestClient(host).options("/help/api/ask", headers={"origin": OTHER, **PREFLIGHT})
    assert len(cors_lines(caplog)) == 1
