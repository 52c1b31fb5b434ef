"""Compression and validators in process: gzip, ETags and 304s for the static files and JSON documents."""

from __future__ import annotations

import gzip
import warnings
from collections.abc import Iterator

import pytest

pytest.importorskip("starlette")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx.*")
    from starlette.testclient import TestClient

from faqbot import FAQBot
from faqbot.web import create_app
from faqbot.web.static import accepts_gzip

STATIC = ["/widget.js", "/", "/demo.css"]
GZIP = {"accept-encoding": "gzip"}
IDENTITY = {"accept-encoding": "identity"}


@pytest.fixture(scope="module")
def client(bot: FAQBot) -> Iterator[TestClient]:
    with TestClient(create_app(bot=bot)) as c:
        yield c


def raw(client: TestClient, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and the body bytes as sent (httpx would otherwise decompress them)."""
    with client.stream("GET", path, headers=headers) as response:
        return response.status_code, dict(response.headers), b"".join(response.iter_raw())


@pytest.mark.parametrize("path", STATIC)
def test_static_files_are_sent_gzipped_to_clients_that_accept_it(client: TestClient, path: str) -> None:
    status, headers, body = raw(client, path, GZIP)
    plain_status, plain_headers, plain = raw(client, path, IDENTITY)
    assert status == plain_status == 200
    assert headers["content-encoding"] == "gzip" and "content-encoding" not in plain_headers
    assert gzip.decompress(body) == plain
    assert "accept-encoding" in headers["vary"].lower() and "accept-encoding" in plain_headers["vary"].lower()
    # Two different byte sequences, two strong validators.
    assert headers["etag"] != plain_headers["etag"]
    assert not headers["etag"].startswith("W/") and not plain_headers["etag"].startswith("W/")


def test_the_widget_is_much_smaller_gzipped(client: TestClient) -> None:
    _, _, body = raw(client, "/widget.js", GZIP)
    _, _, plain = raw(client, "/widget.js", IDENTITY)
    assert len(body) < len(plain) / 2


@pytest.mark.parametrize("path", STATIC)
@pytest.mark.parametrize("encoding", [GZIP, IDENTITY])
def test_static_files_answer_304_to_their_etag(client: TestClient, path: str, encoding: dict[str, str]) -> None:
    first = client.get(path, headers=encoding)
    etag = first.headers["etag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = client.get(path, headers={**encoding, "if-none-match": header})
        assert again.status_code == 304, header
        assert again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["cache-control"] == first.headers["cache-control"]
    assert client.get(path, headers={**encoding, "if-none-match": '"stale"'}).status_code == 200


def test_the_widget_keeps_its_cross_origin_headers_on_a_304(client: TestClient) -> None:
    etag = client.get("/widget.js").headers["etag"]
    again = client.get("/widget.js", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.headers["cross-origin-resource-policy"] == "cross-origin"
    assert again.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/api/topics", "/api/texts", "/openapi.json"])
def test_json_documents_have_a_weak_etag_and_304(client: TestClient, path: str) -> None:
    first = client.get(path)
    etag = first.headers["etag"]
    assert etag.startswith('W/"')  # the gzip middleware may re-encode them: a strong tag would be wrong
    again = client.get(path, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""


def test_large_json_is_gzipped(client: TestClient) -> None:
    status, headers, body = raw(client, "/api/topics", GZIP)
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b'{"sections":')


def test_replies_are_not_cached(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "What is LDN?"}, headers=GZIP)
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8, *;q=0.1", True),
        ("GZIP", True),
        ("*", True),
        ("", False),
        ("identity", False),
        ("br", False),
        ("gzip;q=0", False),
        ("gzip;q=0.0, *;q=1", False),
        ("*;q=0", False),
        ("deflate, *;q=0.5", True),
        ("gzip;q=nonsense", False),
    ],
)
def test_accept_encoding(header: str, accepted: bool) -> None:
    assert accepts_gzip(header) is accepted
