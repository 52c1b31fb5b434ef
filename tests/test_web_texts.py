"""``GET /api/texts``: the widget's labels come from the knowledge base's ``texts``, checked on load."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx.*")
    from starlette.testclient import TestClient

from faqbot import FAQBot, KnowledgeBaseError
from faqbot.kb import Texts
from faqbot.web import create_app

TINY = """\
texts:
  referral: Please ask a doctor or pharmacist.
  emergency: Contact emergency services now.
  self_harm: Contact emergency services or a crisis line now.
  fallback: Sorry, I cannot answer that.
  did_you_mean: Perhaps one of these?
{extra}entries:
  - id: alpha
    question: What is the alpha thing?
    answer: Alpha is the first thing in the list.
    section: Letters
"""
LABELS = {"greeting", "did_you_mean", "related", "disclaimer", "contact", "contact_url"}


def tiny_bot(tmp_path: Path, extra: str = "") -> FAQBot:
    path = tmp_path / "kb.yaml"
    path.write_text(TINY.format(extra=extra), encoding="utf-8")
    return FAQBot.from_yaml(path)


@pytest.fixture
def client_for(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(extra: str = "") -> TestClient:
        client = TestClient(create_app(bot=tiny_bot(tmp_path, extra)))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def test_the_bundled_texts_are_served(bot: FAQBot) -> None:
    with TestClient(create_app(bot=bot)) as client:
        response = client.get("/api/texts")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["lang"] == "en"
    assert set(body["texts"]) == LABELS
    for name in LABELS:
        assert body["texts"][name] == getattr(bot.kb.texts, name)
    assert body["texts"]["greeting"] != Texts.greeting  # faq.yaml sets its own


def test_missing_optional_texts_get_defaults_and_contact_is_null(client_for: Callable[..., TestClient]) -> None:
    body = client_for().get("/api/texts").json()["texts"]
    assert body == {
        "greeting": Texts.greeting,
        "did_you_mean": "Perhaps one of these?",
        "related": Texts.related,
        "disclaimer": Texts.disclaimer,
        "contact": None,
        "contact_url": None,
    }


def test_a_site_sets_its_own_labels_in_the_knowledge_base(client_for: Callable[..., TestClient]) -> None:
    extra = (
        "  greeting: Welcome to the help desk.\n"
        "  related: See also\n"
        "  disclaimer: Not medical advice.\n"
        "  contact: Still stuck? Write to us.\n"
        "  contact_url: https://support.example.com/contact?from=faq\n"
    )
    body = client_for(extra).get("/api/texts").json()["texts"]
    assert body == {
        "greeting": "Welcome to the help desk.",
        "did_you_mean": "Perhaps one of these?",
        "related": "See also",
        "disclaimer": "Not medical advice.",
        "contact": "Still stuck? Write to us.",
        "contact_url": "https://support.example.com/contact?from=faq",
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("  contact_url: javascript:alert(1)\n", "texts.contact_url must be an http:// or https:// address"),
        ("  contact_url: mailto:help@example.com\n", "texts.contact_url must be an http:// or https://"),
        ("  contact_url: support.example.com/contact\n", "texts.contact_url must be an http:// or https://"),
        ("  contact_url: https:///nohost\n", "texts.contact_url must be an http:// or https://"),
        ("  contact_url: https://exa mple.com\n", "texts.contact_url must be an http:// or https://"),
        ("  greeting: Hi! Most people take 4.5 mg at night.\n", "texts.greeting contains a dose figure"),
        ("  disclaimer: Take one tablet every night.\n", "texts.disclaimer contains a dose figure"),
        ("  contact: 50 mg questions go here\n", "texts.contact contains a dose figure"),
        ("  greeting: [not, text]\n", "texts.greeting must be text"),
    ],
)
def test_bad_widget_texts_are_refused_on_load_with_the_line(tmp_path: Path, extra: str, message: str) -> None:
    with pytest.raises(KnowledgeBaseError) as caught:
        tiny_bot(tmp_path, extra)
    assert message in str(caught.value)
    assert caught.value.line == 7  # the line of the bad text


def test_texts_are_cacheable_with_an_etag(client_for: Callable[..., TestClient]) -> None:
    client = client_for()
    first = client.get("/api/texts")
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"  # always revalidated: a reload may change them
    again = client.get("/api/texts", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag


def test_a_reloaded_knowledge_base_changes_the_texts_and_their_etag(tmp_path: Path) -> None:
    path = tmp_path / "kb.yaml"
    path.write_text(TINY.format(extra="  greeting: First.\n"), encoding="utf-8")
    app = create_app(faq=path, reload_faq=True, reload_interval=3600)
    with TestClient(app) as client:
        before = client.get("/api/texts")
        path.write_text(TINY.format(extra="  greeting: Second.\n"), encoding="utf-8")
        assert not app.state.knowledge.check() and app.state.knowledge.check()  # seen twice, then loaded
        after = client.get("/api/texts", headers={"if-none-match": before.headers["etag"]})
    assert before.json()["texts"]["greeting"] == "First."
    assert after.status_code == 200 and after.json()["texts"]["greeting"] == "Second."
    assert after.headers["etag"] != before.headers["etag"]


def test_the_openapi_document_describes_texts_and_feedback(bot: FAQBot) -> None:
    with TestClient(create_app(bot=bot)) as client:
        doc = client.get("/openapi.json").json()
    texts = doc["paths"]["/api/texts"]["get"]
    assert "200" in texts["responses"]
    schema = doc["components"]["schemas"]["Texts"]["properties"]["texts"]
    assert set(schema["required"]) == LABELS
    feedback = doc["paths"]["/api/feedback"]["post"]
    assert {"204", "404", "415", "422"} <= set(feedback["responses"])
    assert feedback["requestBody"]["content"]["application/json"]["schema"]["properties"]["vote"]["enum"] == [
        "up", "down"]
    assert "Currently off" in feedback["description"]
