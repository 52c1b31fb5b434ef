"""``POST /api/feedback``: off by default; with the unanswered log on, a vote is one line in it, and
``faqbot report`` ranks the worst-rated entries."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx.*")
    from starlette.testclient import TestClient

from faqbot import FAQBot
from faqbot.tools.report import EntryRating, read_log, read_votes, report
from faqbot.web import create_app

HEADERS = {"user-agent": "Mozilla/5.0 (secret-agent-1234)", "x-forwarded-for": "203.0.113.9"}


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return tmp_path / "unanswered.jsonl"


@pytest.fixture
def client(bot: FAQBot, log: Path) -> Iterator[TestClient]:
    with TestClient(create_app(bot=bot, log_unanswered=log), client=("198.51.100.7", 4321)) as c:
        yield c


def test_feedback_is_off_by_default(bot: FAQBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with TestClient(create_app(bot=bot)) as client:
        response = client.post("/api/feedback", json={"id": "what-is-ldn", "vote": "up"})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found" and "off" in response.json()["message"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("vote", ["up", "down"])
def test_a_vote_is_one_line_with_the_time_the_vote_and_the_entry(client: TestClient, log: Path, vote: str) -> None:
    response = client.post("/api/feedback", json={"id": "what-is-ldn", "vote": vote}, headers=HEADERS)
    assert response.status_code == 204 and response.content == b""
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) == {"time", "feedback", "candidate"}
    assert record["feedback"] == vote and record["candidate"] == "what-is-ldn"
    assert len(record["time"]) == len("2025-01-31T14:05Z")  # to the minute
    for private in ("198.51.100.7", "203.0.113.9", "secret-agent"):
        assert private not in lines[0]
    assert oct(log.stat().st_mode & 0o777) == oct(0o600)


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        (b'{"id": "no-such-entry", "vote": "up"}', "application/json", 422),
        (b'{"id": "what-is-ldn", "vote": "meh"}', "application/json", 422),
        (b'{"id": "what-is-ldn", "vote": 1}', "application/json", 422),
        (b'{"id": 7, "vote": "up"}', "application/json", 422),
        (b'{"vote": "up"}', "application/json", 422),
        (b'{"id": "what-is-ldn"}', "application/json", 422),
        (b'["what-is-ldn", "up"]', "application/json", 422),
        (b'{"id": "what-is-ldn", "vote": "up"', "application/json", 400),
        (b'{"id": "what-is-ldn", "vote": "up"}', "", 415),
        (b'{"id": "what-is-ldn", "vote": "up"}', "text/plain", 415),
        (b'{"id": "what-is-ldn", "vote": "up", "pad": "' + b"x" * 20_000 + b'"}', "application/json", 413),
    ],
)
def test_bad_votes_are_refused_and_not_logged(
    client: TestClient, log: Path, content: bytes, content_type: str, status: int
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/api/feedback", content=content, headers=headers)
    assert response.status_code == status
    assert response.json()["status"] == status
    assert not log.exists()


def test_the_report_ranks_the_worst_rated_entries(bot: FAQBot, client: TestClient, log: Path) -> None:
    votes = [("side-effects", "down")] * 3 + [("side-effects", "up"), ("what-is-ldn", "up"), ("what-is-ldn", "up")]
    votes += [("ldn-mechanism", "down")]
    entry_ids = {e.id for e in bot.kb.entries}
    assert {entry for entry, _ in votes} <= entry_ids, "test table is stale"
    for entry, vote in votes:
        assert client.post("/api/feedback", json={"id": entry, "vote": vote}).status_code == 204
    assert client.post("/api/ask", json={"question": "does ldn help with hay fever"}).status_code == 200

    result = report(bot, log)
    assert result.records == 1 and result.skipped == 0  # votes are neither questions nor unreadable lines
    assert [(r.id, r.down, r.up) for r in result.ratings] == [
        ("side-effects", 3, 1), ("ldn-mechanism", 1, 0), ("what-is-ldn", 0, 2)]
    assert [r.id for r in result.worst_rated()] == ["side-effects", "ldn-mechanism"]
    assert result.to_dict()["ratings"][0] == {
        "id": "side-effects", "question": bot.kb.entry("side-effects").question, "up": 1, "down": 3}


def test_votes_for_entries_since_removed_are_still_counted(bot: FAQBot, tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text(
        '{"time": "t", "feedback": "down", "candidate": "gone-entry"}\n'
        '{"time": "t", "feedback": "sideways", "candidate": "what-is-ldn"}\n'
        'not json\n'
        '{"time": "t", "question": "hay fever?", "candidate": null, "score": null}\n',
        encoding="utf-8",
    )
    assert read_votes(log) == [("gone-entry", "down")]
    records, skipped = read_log(log)
    assert len(records) == 1 and skipped == 1
    rating = report(bot, log).ratings[0]
    assert rating == EntryRating("gone-entry", None, 0, 1)
    assert "no longer in the knowledge base" in rating.describe()


def test_a_log_without_votes_has_no_ratings(bot: FAQBot, tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text('{"time": "t", "question": "hay fever?", "candidate": null, "score": null}\n', encoding="utf-8")
    assert report(bot, log).ratings == ()
    assert report(bot, log).worst_rated() == []
