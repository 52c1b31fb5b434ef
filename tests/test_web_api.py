"""The HTTP API through Starlette's TestClient: good and bad requests, CORS, headers, limits."""

from __future__ import annotations

import asyncio
import json
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.routing import Mount

with warnings.catch_warnings():  # starlette 1.x prefers httpx2 and says so on import
    warnings.filterwarnings("ignore", message=".*httpx.*")
    from starlette.testclient import TestClient

import faqbot.web
from faqbot import FAQBot
from faqbot.errors import KnowledgeBaseError
from faqbot.web import PAGE_CSP, create_app
from faqbot.web.config import DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_QUESTION_CHARS, WebSettings

CONTRACT_FIELDS = {"kind", "text", "id", "question", "score", "section", "suggestions"}
ALLOWED = "https://support.example.com"
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def app(bot: FAQBot) -> Starlette:
    return create_app(bot=bot)


@pytest.fixture(scope="module")
def client(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def cors_client(bot: FAQBot) -> Iterator[TestClient]:
    with TestClient(create_app(bot=bot, allow_origins=[ALLOWED + "/"]), raise_server_exceptions=False) as c:
        yield c


def assert_error(response: Any, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "message", "status"}
    assert body["status"] == status
    assert isinstance(body["message"], str) and body["message"]


# -- good requests --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What is LDN?", "answer"),
        ("what are the side effects of ldn", "answer"),
        ("how much ldn should I take", "referral"),
        ("I took too many pills, overdose", "emergency"),
        ("hello", "smalltalk"),
        ("", "fallback"),
        ("   ", "fallback"),
        ("<img src=x onerror=alert(1)>", "fallback"),
        ("¿Qué es LDN? 低剂量纳曲酮 🙂", None),
        ("a" * DEFAULT_MAX_QUESTION_CHARS, None),
    ],
)
def test_ask_returns_the_contract_reply(client: TestClient, bot: FAQBot, question: str, kind: str | None) -> None:
    response = client.post("/api/ask", json={"question": question})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert set(body) >= CONTRACT_FIELDS
    assert body == bot.ask(question).to_dict()
    if kind is not None:
        assert body["kind"] == kind


@pytest.mark.parametrize(
    ("content_type", "payload"),
    [
        ("application/json", b'{"question": "What is LDN?"}'),
        ("application/json; charset=utf-8", b'{"question": "What is LDN?"}'),
        ("application/vnd.faqbot+json", b'{"question": "What is LDN?"}'),
        ("application/json", b'{"question": "What is LDN?", "extra": [1, 2, 3]}'),
        ("application/json", b'\n  {"question":"What is LDN?"}  \n'),
        ("application/json", b'{"question": "What is LDN\\u003f"}'),
    ],
)
def test_ask_accepts_json_variants(client: TestClient, content_type: str, payload: bytes) -> None:
    response = client.post("/api/ask", content=payload, headers={"content-type": content_type})
    assert response.status_code == 200, response.text
    assert response.json()["id"] == "what-is-ldn"


def test_topics_lists_every_entry_by_section(client: TestClient, bot: FAQBot) -> None:
    response = client.get("/api/topics")
    assert response.status_code == 200
    sections = response.json()["sections"]
    assert [s["title"] for s in sections] == list(bot.topics())
    for section in sections:
        expected = [{"id": e.id, "question": e.question} for e in bot.topics()[section["title"]]]
        assert section["entries"] == expected


def test_healthz(client: TestClient, bot: FAQBot) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["entries"] == sum(len(v) for v in bot.topics().values())


def test_openapi_describes_the_api(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    assert set(doc["paths"]) >= {"/api/ask", "/api/topics", "/healthz"}
    ask = doc["paths"]["/api/ask"]["post"]
    assert {"200", "400", "413", "415", "422"} <= set(ask["responses"])
    reply = doc["components"]["schemas"]["Reply"]
    assert set(reply["required"]) == CONTRACT_FIELDS
    schema = ask["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["question"]["maxLength"] == DEFAULT_MAX_QUESTION_CHARS


@pytest.mark.parametrize(
    ("path", "type_prefix", "needle"),
    [
        ("/", "text/html", b"widget.js"),
        ("/widget.js", "text/javascript", b"attachShadow"),
        ("/demo.css", "text/css", b"body"),
    ],
)
def test_static_files(client: TestClient, path: str, type_prefix: str, needle: bytes) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(type_prefix)
    assert needle in response.content


# -- bad requests -----------------------------------------------------------------------------------

LONG = "x" * (DEFAULT_MAX_QUESTION_CHARS + 1)


@pytest.mark.parametrize(
    ("payload", "content_type", "status"),
    [
        (b"{not json", "application/json", 400),
        (b"", "application/json", 400),
        (b'{"question": "unterminated', "application/json", 400),
        (b"\xff\xfe{\x00}", "application/json", 400),
        (b"[" * 5000 + b"]" * 5000, "application/json", 400),
        (b"NaN", "application/json", 422),
        (b"[]", "application/json", 422),
        (b'"What is LDN?"', "application/json", 422),
        (b"null", "application/json", 422),
        (b"{}", "application/json", 422),
        (b'{"q": "What is LDN?"}', "application/json", 422),
        (b'{"question": 42}', "application/json", 422),
        (b'{"question": null}', "application/json", 422),
        (b'{"question": ["What is LDN?"]}', "application/json", 422),
        (b'{"question": {"text": "hi"}}', "application/json", 422),
        (json.dumps({"question": LONG}).encode(), "application/json", 413),
        (json.dumps({"question": "hi", "pad": "x" * DEFAULT_MAX_BODY_BYTES}).encode(), "application/json", 413),
        (b'{"question": "What is LDN?"}', "text/plain", 415),
        (b'{"question": "What is LDN?"}', "", 415),  # no type: a cross-site form or beacon, not the widget
        (b'{"question": "What is LDN?"}', "  ", 415),
        (b"question=What+is+LDN", "application/x-www-form-urlencoded", 415),
        (b'{"question": "What is LDN?"}', "multipart/form-data; boundary=x", 415),
    ],
    ids=lambda v: v[:24] if isinstance(v, bytes) else v,
)
def test_bad_bodies_get_json_errors(client: TestClient, payload: bytes, content_type: str, status: int) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/api/ask", content=payload, headers=headers)
    assert ("content-type" in response.request.headers) is bool(content_type)
    assert_error(response, status)
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("method", "path", "status", "allow"),
    [
        ("GET", "/api/ask", 405, "POST"),
        ("PUT", "/api/ask", 405, "POST"),
        ("DELETE", "/api/ask", 405, "POST"),
        ("OPTIONS", "/api/ask", 405, "POST"),
        ("POST", "/api/topics", 405, "GET"),
        ("POST", "/healthz", 405, "GET"),
        ("POST", "/widget.js", 405, "GET"),
        ("PATCH", "/", 405, "GET"),
        ("GET", "/nope", 404, None),
        ("POST", "/api/nope", 404, None),
        ("GET", "/api/ask/extra", 404, None),
        ("GET", "/static/widget.js", 404, None),
        ("GET", "/../../etc/passwd", 404, None),
    ],
)
def test_wrong_method_or_path(client: TestClient, method: str, path: str, status: int, allow: str | None) -> None:
    response = client.request(method, path)
    assert_error(response, status)
    if allow is not None:
        assert allow in response.headers["allow"]


def test_question_in_the_query_string_is_not_accepted(client: TestClient) -> None:
    assert_error(client.get("/api/ask", params={"question": "What is LDN?"}), 405)


def test_chunked_body_is_limited_without_content_length(bot: FAQBot) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(100):
            yield b"a" * 100
        yield b'"}'

    with TestClient(create_app(bot=bot, max_body_bytes=1000, max_question_chars=5000)) as client:
        response = client.post("/api/ask", content=chunks(), headers=JSON)
        assert "content-length" not in response.request.headers
        assert_error(response, 413)


def _raw_asgi(app: Starlette, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> tuple[int, list[bytes]]:
    """Send a request straight to the ASGI app, with headers and body chunks exactly as given."""
    messages: list[dict[str, Any]] = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)
    ]
    received: list[bytes] = []
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if messages:
            message = messages.pop(0)
            received.append(message["body"])
            return message
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/api/ask", "raw_path": b"/api/ask", "query_string": b"", "root_path": "",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 1234), "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    return sent[0]["status"], received


def test_a_lying_content_length_does_not_get_a_big_body_in(bot: FAQBot) -> None:
    app = create_app(bot=bot, max_body_bytes=1000, max_question_chars=100_000)
    chunks = [b'{"question": "'] + [b"a" * 500] * 50 + [b'"}']
    status, received = _raw_asgi(app, [(b"content-length", b"20")], chunks)
    assert status == 413
    assert sum(map(len, received)) < 2000  # stopped reading soon after the limit


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ([(b"content-length", b"999999999")], 413),
        ([(b"content-length", b"lots")], 400),
    ],
)
def test_content_length_header_is_checked_first(bot: FAQBot, headers: list[tuple[bytes, bytes]], status: int) -> None:
    got, received = _raw_asgi(create_app(bot=bot), headers, [b'{"question": "hi"}'])
    assert got == status
    assert received == []  # refused before reading the body


@pytest.mark.parametrize(
    ("limits", "question", "status"),
    [
        ({"max_question_chars": 10}, "a" * 10, 200),
        ({"max_question_chars": 10}, "a" * 11, 413),
        ({"max_question_chars": 10}, "é" * 11, 413),
        ({"max_body_bytes": 100}, "a" * 50, 200),
        ({"max_body_bytes": 100}, "a" * 100, 413),
    ],
)
def test_limits_are_configurable(bot: FAQBot, limits: dict[str, Any], question: str, status: int) -> None:
    with TestClient(create_app(bot=bot, **limits)) as client:
        response = client.post("/api/ask", json={"question": question})
        assert response.status_code == status


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.one_of(st.binary(max_size=300), st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(["question", "q"]), children),
    max_leaves=8,
).map(lambda v: json.dumps(v).encode())))
def test_no_body_gets_a_server_error(client: TestClient, payload: bytes) -> None:
    response = client.post("/api/ask", content=payload, headers=JSON)
    assert response.status_code in (200, 400, 413, 422)
    assert response.headers["content-type"].startswith("application/json")


# -- CORS -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (ALLOWED, True),
        ("https://evil.example.com", False),
        ("http://support.example.com", False),
        ("https://support.example.com:8443", False),
        ("null", False),
    ],
)
def test_cors_preflight(cors_client: TestClient, origin: str, allowed: bool) -> None:
    response = cors_client.options(
        "/api/ask",
        headers={"origin": origin, "access-control-request-method": "POST",
                 "access-control-request-headers": "content-type"},
    )
    if allowed:
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == origin
        assert "POST" in response.headers["access-control-allow-methods"]
        assert "content-type" in response.headers["access-control-allow-headers"].lower()
        assert "access-control-allow-credentials" not in response.headers
    else:
        assert response.status_code == 400
        assert "access-control-allow-origin" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(("origin", "allowed"), [(ALLOWED, True), ("https://evil.example.com", False)])
def test_cors_on_the_actual_request(cors_client: TestClient, origin: str, allowed: bool) -> None:
    response = cors_client.post("/api/ask", json={"question": "What is LDN?"}, headers={"origin": origin})
    assert response.status_code == 200
    assert response.headers.get("access-control-allow-origin") == (origin if allowed else None)


def test_no_cors_unless_the_operator_allows_it(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "hi"}, headers={"origin": ALLOWED})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/ask", headers={"origin": ALLOWED, "access-control-request-method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_any_origin_when_asked(bot: FAQBot) -> None:
    with TestClient(create_app(bot=bot, allow_origins=["*"])) as client:
        response = client.post("/api/ask", json={"question": "hi"}, headers={"origin": "https://a.example"})
        assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("origin", ["support.example.com", "https://support.example.com/path", "ftp://x", ""])
def test_bad_origins_are_refused_at_startup(bot: FAQBot, origin: str) -> None:
    with pytest.raises(ValueError, match="origin"):
        create_app(bot=bot, allow_origins=[origin])


# -- headers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/", None),
        ("GET", "/widget.js", None),
        ("GET", "/demo.css", None),
        ("GET", "/healthz", None),
        ("GET", "/api/topics", None),
        ("GET", "/api/texts", None),
        ("GET", "/openapi.json", None),
        ("POST", "/api/feedback", {"id": "what-is-ldn", "vote": "up"}),
        ("POST", "/api/ask", {"question": "What is LDN?"}),
        ("POST", "/api/ask", {"question": 1}),
        ("GET", "/api/ask", None),
        ("GET", "/missing", None),
    ],
)
def test_security_headers_on_every_response(client: TestClient, method: str, path: str, body: Any) -> None:
    response = client.request(method, path, json=body)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'none'" in csp
    assert "server" not in response.headers or "uvicorn" not in response.headers["server"]
    assert "camera=()" in response.headers["permissions-policy"]
    assert "geolocation=()" in response.headers["permissions-policy"]
    assert response.headers["cross-origin-opener-policy"] == "same-origin"


def test_the_demo_page_has_a_strict_csp(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert csp == PAGE_CSP
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp


def test_the_widget_may_be_loaded_by_other_sites(client: TestClient) -> None:
    response = client.get("/widget.js")
    assert response.headers["cross-origin-resource-policy"] == "cross-origin"


# -- loading, logging, mounting ----------------------------------------------------------------------------


class BrokenBot(FAQBot):
    def ask(self, text: str) -> Any:
        raise RuntimeError("boom")


def test_a_failing_bot_gets_a_json_500_without_the_question(bot: FAQBot, caplog: pytest.LogCaptureFixture) -> None:
    with TestClient(create_app(bot=BrokenBot(bot.kb)), raise_server_exceptions=False) as client:
        response = client.post("/api/ask", json={"question": SECRET})
    assert_error(response, 500)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "boom" not in response.text
    assert "FAQBot.ask raised" in caplog.text and SECRET not in caplog.text


def test_the_bot_is_loaded_once_when_the_app_is_built(tmp_path: Path) -> None:
    app = create_app()
    with TestClient(app) as client:
        first = app.state.knowledge.current.bot
        client.post("/api/ask", json={"question": "What is LDN?"})
        client.post("/api/ask", json={"question": "hi"})
        assert app.state.knowledge.current.bot is first


def test_the_question_limit_is_the_knowledge_bases_unless_the_operator_sets_one(tmp_path: Path) -> None:
    from faqbot.kb import bundled_path

    path = tmp_path / "faq.yaml"
    text = bundled_path().read_text(encoding="utf-8")
    assert text.count("  max_question_chars: 1000\n") == 1, "test is stale: the bundled limit moved"
    path.write_text(text.replace("  max_question_chars: 1000\n", "  max_question_chars: 40\n"), encoding="utf-8")
    with TestClient(create_app(faq=path)) as client:
        assert client.post("/api/ask", json={"question": "a" * 40}).status_code == 200
        assert client.post("/api/ask", json={"question": "a" * 41}).status_code == 413
        schema = client.get("/openapi.json").json()["paths"]["/api/ask"]["post"]["requestBody"]
        assert schema["content"]["application/json"]["schema"]["properties"]["question"]["maxLength"] == 40
    with TestClient(create_app(faq=path, max_question_chars=60)) as client:
        assert client.post("/api/ask", json={"question": "a" * 60}).status_code == 200


def test_a_bad_knowledge_base_fails_when_the_app_is_built(tmp_path: Path) -> None:
    bad = tmp_path / "faq.yaml"
    bad.write_text("entries: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError):
        create_app(faq=bad)


def test_module_level_app_is_built_lazily_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, bot: FAQBot
) -> None:
    monkeypatch.setattr(faqbot.web, "_app", None)
    monkeypatch.setenv("FAQBOT_ALLOW_ORIGINS", ALLOWED)
    monkeypatch.setenv("FAQBOT_MAX_QUESTION_CHARS", "20")
    built = faqbot.web.app
    assert faqbot.web.app is built  # once per process
    with TestClient(built) as client:
        assert client.post("/api/ask", json={"question": "a" * 21}).status_code == 413
        response = client.post("/api/ask", json={"question": "hi"}, headers={"origin": ALLOWED})
        assert response.headers["access-control-allow-origin"] == ALLOWED


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, WebSettings()),
        ({"FAQBOT_FAQ": "kb.yaml"}, WebSettings(faq=Path("kb.yaml"))),
        ({"FAQBOT_ALLOW_ORIGINS": "https://a.example, https://B.example/"},
         WebSettings(allow_origins=("https://a.example", "https://b.example"))),
        ({"FAQBOT_MAX_QUESTION_CHARS": "50", "FAQBOT_MAX_BODY_BYTES": "4096"},
         WebSettings(max_question_chars=50, max_body_bytes=4096)),
        ({"FAQBOT_LOG_QUESTIONS": "true"}, WebSettings(log_questions=True)),
        ({"FAQBOT_LOG_QUESTIONS": "0"}, WebSettings(log_questions=False)),
    ],
)
def test_settings_from_the_environment(env: dict[str, str], expected: WebSettings) -> None:
    settings = WebSettings.from_env(env)
    assert settings == expected
    assert WebSettings.from_env(settings.to_env()) == settings


@pytest.mark.parametrize(
    "env",
    [{"FAQBOT_MAX_BODY_BYTES": "big"}, {"FAQBOT_LOG_QUESTIONS": "maybe"}, {"FAQBOT_ALLOW_ORIGINS": "nope"},
     {"FAQBOT_MAX_QUESTION_CHARS": "0"}],
)
def test_bad_settings_in_the_environment(env: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        WebSettings.from_env(env)


SECRET = "zebra-quokka-7731 what is ldn"


def test_questions_are_not_logged_by_default(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        client.post("/api/ask", json={"question": SECRET})
    assert SECRET not in caplog.text


def test_questions_are_logged_when_the_operator_asks(bot: FAQBot, caplog: pytest.LogCaptureFixture) -> None:
    with TestClient(create_app(bot=bot, log_questions=True)) as client, caplog.at_level(logging.INFO):
        client.post("/api/ask", json={"question": SECRET})
    assert SECRET in caplog.text
    assert any(r.name == "faqbot.web.questions" for r in caplog.records)


def test_mounting_under_a_path_of_another_app(bot: FAQBot) -> None:
    host = Starlette(routes=[Mount("/help", app=create_app(bot=bot))])
    with TestClient(host) as client:
        assert client.post("/help/api/ask", json={"question": "What is LDN?"}).json()["kind"] == "answer"
        assert client.get("/help/widget.js").status_code == 200
        page = client.get("/help/")
        assert page.status_code == 200 and b'src="widget.js"' in page.content
        assert client.get("/help/healthz").json()["status"] == "ok"
