"""`faqbot serve` for real: a uvicorn subprocess on a free loopback port, spoken to over HTTP."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytest.importorskip("uvicorn")

from servers import Server, child_env, start_server, stop

SECRET = "marmot-quasar-5521 what is ldn"
ORIGIN = "https://support.example.com"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("serve") / "server.log", "--allow-origin", ORIGIN)
    try:
        yield running
    finally:
        stop(running)


@pytest.fixture(scope="module")
def http(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


@pytest.mark.parametrize(
    ("question", "kind"),
    [("What is LDN?", "answer"), ("how many mg of ldn should I take", "referral"), ("thanks", "smalltalk")],
)
def test_ask_over_http(http: httpx.Client, question: str, kind: str) -> None:
    response = http.post("/api/ask", json={"question": question})
    assert response.status_code == 200
    assert response.json()["kind"] == kind
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "server" not in response.headers  # uvicorn does not advertise itself


@pytest.mark.parametrize(
    ("method", "path", "status", "type_prefix"),
    [
        ("GET", "/", 200, "text/html"),
        ("GET", "/widget.js", 200, "text/javascript"),
        ("GET", "/api/topics", 200, "application/json"),
        ("GET", "/openapi.json", 200, "application/json"),
        ("GET", "/nope", 404, "application/json"),
        ("GET", "/api/ask", 405, "application/json"),
    ],
)
def test_routes_over_http(http: httpx.Client, method: str, path: str, status: int, type_prefix: str) -> None:
    response = http.request(method, path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith(type_prefix)


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"{oops", 400),
        (b'{"question": 7}', 422),
        (b'{"question": "' + b"a" * 2000 + b'"}', 413),
        (b'{"question": "hi", "pad": "' + b"a" * 40_000 + b'"}', 413),
    ],
)
def test_bad_requests_over_http(http: httpx.Client, content: bytes, status: int) -> None:
    response = http.post("/api/ask", content=content, headers={"content-type": "application/json"})
    assert response.status_code == status
    assert response.json()["status"] == status


def test_a_big_chunked_upload_is_refused(http: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(64):
            yield b"a" * 1024
        yield b'"}'

    response = http.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize(("origin", "allowed"), [(ORIGIN, True), ("https://elsewhere.example", False)])
def test_cors_over_http(http: httpx.Client, origin: str, allowed: bool) -> None:
    preflight = http.options(
        "/api/ask", headers={"origin": origin, "access-control-request-method": "POST",
                             "access-control-request-headers": "content-type"},
    )
    assert (preflight.headers.get("access-control-allow-origin") == origin) is allowed
    assert preflight.status_code == (200 if allowed else 400)


def test_questions_stay_out_of_the_server_log(server: Server, http: httpx.Client) -> None:
    assert http.post("/api/ask", json={"question": SECRET}).status_code == 200
    assert http.get("/healthz").status_code == 200  # written after the ask line
    output = server.output()
    assert "POST /api/ask" in output  # the access log is on...
    assert SECRET not in output and "marmot" not in output  # ...and has no bodies


# -- issue 13: CORS mistakes, content types, compression and validators, over real HTTP ----------------

PREFLIGHT = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}


def log_lines(server: Server, needle: str) -> list[str]:
    return [line for line in server.output().splitlines() if needle in line]


def test_a_refused_origin_is_named_once_with_the_option_that_allows_it(server: Server, http: httpx.Client) -> None:
    other = "https://shop.example.org"
    for _ in range(3):
        assert http.options("/api/ask", headers={"origin": other, **PREFLIGHT}).status_code == 400
    assert http.get("/api/texts", headers={"origin": other}).status_code == 200  # the browser will block it
    lines = log_lines(server, other)
    assert len(lines) == 1, lines
    assert "refused a cross-origin request" in lines[0]
    assert f"--allow-origin {other}" in lines[0] and f"FAQBOT_ALLOW_ORIGINS={other}" in lines[0]


def test_allowed_and_same_origin_requests_log_nothing(server: Server, http: httpx.Client) -> None:
    assert http.options("/api/ask", headers={"origin": ORIGIN, **PREFLIGHT}).status_code == 200
    # The demo page's own POST carries its origin (browsers add one to every POST): not refused.
    response = http.post("/api/ask", json={"question": "hi"}, headers={"origin": server.url})
    assert response.status_code == 200
    assert http.get("/healthz").status_code == 200
    refused = log_lines(server, "refused a cross-origin request")
    assert not [line for line in refused if f"from {ORIGIN} " in line or f"from {server.url} " in line]


def test_without_any_allowed_origin_the_log_says_how_to_allow_one(tmp_path: Path) -> None:
    running = start_server(tmp_path / "nocors.log")
    try:
        with httpx.Client(base_url=running.url, timeout=10) as client:
            site = "https://help.example.net"
            assert client.options("/api/ask", headers={"origin": site, **PREFLIGHT}).status_code == 405
            lines = log_lines(running, site)
    finally:
        stop(running)
    assert len(lines) == 1 and f"--allow-origin {site}" in lines[0]


@pytest.mark.parametrize("path", ["/api/ask", "/api/feedback"])
@pytest.mark.parametrize("headers", [{}, {"content-type": "text/plain"}], ids=["no-type", "text-plain"])
def test_a_post_without_a_json_type_gets_415(http: httpx.Client, path: str, headers: dict[str, str]) -> None:
    body = b'{"question": "What is LDN?"}' if path == "/api/ask" else b'{"id": "what-is-ldn", "vote": "up"}'
    response = http.post(path, content=body, headers={"origin": "https://elsewhere.example", **headers})
    assert "content-type" not in response.request.headers or headers
    expected = 415 if path == "/api/ask" else 404  # feedback is off on this server: 404 before anything
    assert response.status_code == expected
    assert response.json()["status"] == expected


@pytest.mark.parametrize("path", ["/widget.js", "/", "/demo.css", "/api/topics", "/openapi.json"])
def test_responses_are_gzipped_over_http(http: httpx.Client, path: str) -> None:
    zipped = http.get(path, headers={"accept-encoding": "gzip"})
    plain = http.get(path, headers={"accept-encoding": "identity"})
    assert zipped.status_code == plain.status_code == 200
    assert zipped.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert zipped.content == plain.content  # httpx decompressed it
    assert int(zipped.headers["content-length"]) < len(plain.content)


@pytest.mark.parametrize("path", ["/widget.js", "/", "/demo.css", "/api/texts", "/api/topics"])
def test_etag_and_304_over_http(http: httpx.Client, path: str) -> None:
    first = http.get(path)
    etag = first.headers["etag"]
    again = http.get(path, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    if path == "/widget.js":
        assert not etag.startswith("W/")  # a strong validator for the static file


def test_several_workers_share_the_settings(tmp_path: Path) -> None:
    running = start_server(tmp_path / "workers.log", "--workers", "2", "--max-question-chars", "30",
                           "--allow-origin", ORIGIN)
    try:
        with httpx.Client(base_url=running.url, timeout=10) as client:
            assert client.post("/api/ask", json={"question": "What is LDN?"}).json()["kind"] == "answer"
            assert client.post("/api/ask", json={"question": "a" * 31}).status_code == 413
            response = client.post("/api/ask", json={"question": "hi"}, headers={"origin": ORIGIN})
            assert response.headers["access-control-allow-origin"] == ORIGIN
    finally:
        stop(running)


def run_cli(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "faqbot", *args]
    return subprocess.run(command, capture_output=True, text=True, env=child_env(), timeout=60, check=False)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--faq", "/nonexistent/faq.yaml", "serve"), "/nonexistent/faq.yaml"),
        (("serve", "--faq", "/nonexistent/faq.yaml"), "/nonexistent/faq.yaml"),
        (("serve", "--allow-origin", "support.example.com"), "not an origin"),
        (("serve", "--allow-origin", "https://*.example.com"), "wildcards in an origin never match"),
        (("serve", "--allow-origin", "https://support.example.com/help"), "write https://support.example.com"),
        (("serve", "--port", "70000"), "--port"),
        (("serve", "--workers", "0"), "--workers"),
    ],
)
def test_serve_refuses_bad_options_with_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_bad_knowledge_base_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "faq.yaml"
    bad.write_text("entries: [\n", encoding="utf-8")
    result = run_cli("serve", "--faq", str(bad))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(bad) in result.stderr


def test_serve_without_the_web_extra() -> None:
    code = (
        "import sys; sys.modules['uvicorn'] = None; sys.argv = ['faqbot', 'serve']\n"
        "from faqbot.cli import main; main()"
    )
    result = run_cli(code=code)
    assert result.returncode == 2
    assert "pip install 'faqbot[web]'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_other_commands_do_not_import_the_web_stack() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from faqbot.cli import cli\n"
        "result = CliRunner().invoke(cli, ['ask', 'What is LDN?'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn')))"
    )
    result = run_cli(code=code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
