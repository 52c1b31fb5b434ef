"""Follow-ups over HTTP: the client sends the previous answer's id as "context"; the server keeps nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient

from faqbot import FAQBot
from faqbot.web import create_app

BOT = FAQBot.from_yaml()


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(bot=BOT), raise_server_exceptions=False) as c:
        yield c


def ask(client: TestClient, payload: dict[str, object]) -> tuple[int, dict[str, object]]:
    response = client.post("/api/ask", json=payload)
    return response.status_code, response.json()


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"question": "what triggers them?", "context": "microglia"}, BOT.ask("what triggers them?", "microglia")),
        ({"question": "what triggers them?", "context": None}, BOT.ask("what triggers them?")),
        ({"question": "what triggers them?", "context": "nope"}, BOT.ask("what triggers them?")),
        ({"question": "how much of it should I take?", "context": "microglia"}, BOT.ask("how much should I take")),
    ],
)
def test_context_is_used_like_the_python_api(client: TestClient, payload: dict[str, object], expected: object) -> None:
    status, body = ask(client, payload)
    assert status == 200 and body == expected.to_dict()  # type: ignore[attr-defined]


def test_the_server_keeps_no_conversation(client: TestClient) -> None:
    ask(client, {"question": "what are microglia"})
    _, alone = ask(client, {"question": "what triggers them?"})
    assert alone == BOT.ask("what triggers them?").to_dict()


@pytest.mark.parametrize("context", [42, ["microglia"], {"id": "microglia"}, True])
def test_a_context_that_is_not_a_string_is_a_422(client: TestClient, context: object) -> None:
    status, body = ask(client, {"question": "what triggers them?", "context": context})
    assert status == 422 and "context" in str(body["message"])


def test_the_openapi_document_describes_the_context(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["paths"]["/api/ask"]["post"]["requestBody"]["content"][
        "application/json"]["schema"]
    assert set(schema["properties"]) == {"question", "context"} and schema["required"] == ["question"]
