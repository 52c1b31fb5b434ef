"""The opt-in unanswered-questions log through the HTTP API."""

import json

import pytest
from starlette.testclient import TestClient

from faqbot.web import create_app
from faqbot.web.config import WebSettings


@pytest.fixture
def client_and_log(bot, tmp_path):
    log = tmp_path / "unanswered.jsonl"
    with TestClient(create_app(bot=bot, log_unanswered=log)) as client:
        yield client, log


@pytest.mark.parametrize(
    ("question", "logged"),
    [
        ("does ldn help with hay fever", True),  # fallback
        ("what are microglia", False),  # a clear answer
        ("how much ldn should I take", False),  # referrals are never logged
        ("hello", False),  # nor smalltalk
    ],
)
def test_only_unanswered_questions_are_logged(client_and_log, question, logged):
    client, log = client_and_log
    response = client.post("/api/ask", json={"question": question})
    assert response.status_code == 200
    lines = log.read_text().splitlines() if log.exists() else []
    assert len(lines) == int(logged)
    if logged:
        record = json.loads(lines[0])
        assert set(record) == {"time", "question", "candidate", "score"}
        assert record["question"] == question


def test_off_by_default(bot, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with TestClient(create_app(bot=bot)) as client:
        client.post("/api/ask", json={"question": "does ldn help with hay fever"})
    assert list(tmp_path.iterdir()) == []


def test_environment_variable(tmp_path):
    settings = WebSettings.from_env({"FAQBOT_LOG_UNANSWERED": str(tmp_path / "u.jsonl")})
    assert settings.log_unanswered == tmp_path / "u.jsonl"
    assert WebSettings.from_env({}).log_unanswered is None
