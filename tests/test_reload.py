"""Safe reloads (``create_app(reload_faq=True)``, ``faqbot serve --reload-faq``).

A changed knowledge base that validates is swapped in whole; a broken one is refused with one WARNING
line naming file and line while the last good version keeps being served; requests running while the
file flips between versions each get a reply from exactly one version.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("starlette")

with warnings.catch_warnings():  # starlette 1.x prefers httpx2 and says so on import
    warnings.filterwarnings("ignore", message=".*httpx.*")
    from starlette.testclient import TestClient

from servers import start_server, stop

from faqbot import FAQBot
from faqbot.web import LiveKnowledgeBase, create_app

CORPUS = Path(__file__).parent / "kb_broken"
SECRET = "pangolin-9931 what is ldn"
VERSIONS = ("alpha", "gamma")  # same length: the two files have the same size, only the hash tells them apart


def kb_text(tag: str) -> str:
    """A small valid knowledge base in which every text a reply can carry names its version."""
    return f"""\
version: 1
texts:
  referral: Please ask a doctor or pharmacist about that. [{tag}]
  emergency: This may be an emergency. Contact emergency services now. [{tag}]
  self_harm: Please contact emergency services or a crisis line now. [{tag}]
  fallback: Sorry, I do not have an answer to that. [{tag}]
  did_you_mean: Did you mean one of these? [{tag}]
smalltalk:
  - id: greeting
    patterns: [hi, hello]
    reply: Hello! Ask me about LDN. [{tag}]
entries:
  - id: what-is-ldn-{tag}
    section: Introduction {tag}
    question: What is LDN?
    alternates: [what does ldn stand for]
    answer: LDN is naltrexone used at a much lower strength than usual. [{tag}]
    defines: [ldn]
    related: [side-effects-{tag}]
  - id: side-effects-{tag}
    section: Side effects {tag}
    question: What are the side effects of LDN?
    answer: The article says most people report few side effects, and that sleep can change. [{tag}]
    related: [what-is-ldn-{tag}]
"""


#: The first version with one defect: an answer that is a number, not text.
_ANSWER = "    answer: LDN is naltrexone used at a much lower strength than usual. [alpha]"
BROKEN = kb_text("alpha").replace(_ANSWER, "    answer: 42")
BROKEN_LINE = kb_text("alpha").splitlines().index(_ANSWER) + 1
BROKEN_MESSAGE = "answer must be text"

QUESTIONS = ("What is LDN?", "what are the side effects of ldn", "hello", "how much ldn should I take",
             "what is the capital of France", "")


def versions_in(reply: dict[str, Any]) -> set[str]:
    """Every version a reply's fields point at; a consistent reply points at exactly one."""
    found = {tag for tag in VERSIONS if f"[{tag}]" in reply["text"]}
    for value in (reply["id"], reply["section"], *(s["id"] for s in reply["suggestions"])):
        if value:
            found |= {tag for tag in VERSIONS if value.endswith(tag)}
    return found


def write(path: Path, text: str, atomic: bool = False) -> None:
    if atomic:  # what careful editors and deploy tools do: write aside, then rename over
        aside = path.with_suffix(".tmp")
        aside.write_text(text, encoding="utf-8")
        os.replace(aside, path)
    else:  # truncate and rewrite in place: a reader may catch it half-written
        path.write_text(text, encoding="utf-8")


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the reload")
        time.sleep(0.02)


@pytest.fixture
def faq(tmp_path: Path) -> Path:
    path = tmp_path / "faq.yaml"
    write(path, kb_text("alpha"))
    return path


@pytest.fixture
def client(faq: Path) -> Iterator[TestClient]:
    app = create_app(faq=faq, reload_faq=True, reload_interval=0.02)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def answer_id(client: TestClient | httpx.Client) -> str:
    response = client.post("/api/ask", json={"question": "What is LDN?"})
    assert response.status_code == 200
    return str(response.json()["id"])


# -- through the app and its lifespan watcher -----------------------------------------------------


def test_a_valid_new_version_is_served(client: TestClient, faq: Path) -> None:
    assert answer_id(client) == "what-is-ldn-alpha"
    before = client.get("/healthz").json()["knowledge_base"]
    write(faq, kb_text("gamma"))
    wait_for(lambda: answer_id(client) == "what-is-ldn-gamma")
    reply = client.post("/api/ask", json={"question": "what are the side effects of ldn"}).json()
    assert versions_in(reply) == {"gamma"}
    topics = client.get("/api/topics").json()
    assert [s["title"] for s in topics["sections"]] == ["Introduction gamma", "Side effects gamma"]
    health = client.get("/healthz").json()["knowledge_base"]
    assert health["reload"] is True and health["reloads"] == before["reloads"] + 1 == 1
    assert health["sha256"] == hashlib.sha256(faq.read_bytes()).hexdigest() != before["sha256"]
    assert health["entries"] == 2 and health["last_error"] is None


def test_a_broken_version_keeps_the_last_good_one(
    client: TestClient, faq: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="faqbot.web.reload")
    write(faq, BROKEN)
    wait_for(lambda: client.get("/healthz").json()["knowledge_base"]["last_error"] is not None)
    time.sleep(0.2)  # ten more looks at the same broken file
    assert answer_id(client) == "what-is-ldn-alpha"
    assert client.post("/api/ask", json={"question": SECRET}).status_code == 200
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["entries"] == 2
    error = health["knowledge_base"]["last_error"]
    assert error.startswith(f"faq.yaml:{BROKEN_LINE}: ") and BROKEN_MESSAGE in error
    assert str(faq.parent) not in client.get("/healthz").text  # the public page names no directories
    warnings_ = [r for r in caplog.records if r.name == "faqbot.web.reload" and r.levelno == logging.WARNING]
    assert len(warnings_) == 1, "one line per broken version, not one per look"
    line = warnings_[0].getMessage()
    assert f"{faq}:{BROKEN_LINE}: " in line and BROKEN_MESSAGE in line and "last good version" in line
    assert "\n" not in line
    assert SECRET not in caplog.text and "pangolin" not in caplog.text

    write(faq, kb_text("gamma"))  # fixed: served, and the error is gone
    wait_for(lambda: answer_id(client) == "what-is-ldn-gamma")
    assert client.get("/healthz").json()["knowledge_base"]["last_error"] is None
    assert any("reloaded" in r.getMessage() for r in caplog.records if r.levelno == logging.INFO)


def test_a_deleted_file_keeps_the_last_good_one(client: TestClient, faq: Path) -> None:
    faq.unlink()
    wait_for(lambda: client.get("/healthz").json()["knowledge_base"]["last_error"] is not None)
    assert client.get("/healthz").json()["knowledge_base"]["last_error"] == "faq.yaml: no such file"
    assert answer_id(client) == "what-is-ldn-alpha"
    write(faq, kb_text("gamma"))
    wait_for(lambda: answer_id(client) == "what-is-ldn-gamma")


def test_no_reloading_unless_asked(faq: Path) -> None:
    app = create_app(faq=faq, reload_interval=0.02)
    with TestClient(app) as client:
        write(faq, kb_text("gamma"))
        time.sleep(0.2)
        assert answer_id(client) == "what-is-ldn-alpha"
        assert client.get("/healthz").json()["knowledge_base"]["reload"] is False


def test_reload_is_a_setting_from_the_environment(faq: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from faqbot.web.config import WebSettings

    monkeypatch.setenv("FAQBOT_FAQ", str(faq))
    monkeypatch.setenv("FAQBOT_RELOAD_FAQ", "1")
    settings = WebSettings.from_env()
    assert settings.reload_faq is True
    assert WebSettings.from_env(settings.to_env()) == settings
    assert create_app(**settings.as_kwargs()).state.knowledge.reload is True


# -- the swap itself, one check at a time (no timing involved) -------------------------------------


def live(faq: Path) -> LiveKnowledgeBase:
    return LiveKnowledgeBase(FAQBot.from_yaml(faq), faq, reload=True)


def test_check_swaps_only_on_change(faq: Path) -> None:
    knowledge = live(faq)
    first = knowledge.current
    assert knowledge.check() is False  # unchanged
    os.utime(faq, (1, 1))  # touched, same content: nothing to do
    assert knowledge.check() is False and knowledge.current is first
    write(faq, kb_text("gamma"))
    assert knowledge.check() is False  # first look: maybe still being written
    assert knowledge.current is first
    assert knowledge.check() is True  # second look, same content: swapped in
    assert knowledge.current is not first and knowledge.bot.ask("What is LDN?").id == "what-is-ldn-gamma"
    assert first.bot.ask("What is LDN?").id == "what-is-ldn-alpha"  # the old version is untouched


def corpus() -> list[str]:
    return sorted(p.name for p in CORPUS.glob("*.yaml"))


@pytest.mark.parametrize("name", corpus())
def test_every_broken_corpus_file_is_refused_while_serving(
    faq: Path, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    knowledge = live(faq)
    first = knowledge.current
    shutil.copyfile(CORPUS / name, faq)
    assert knowledge.check() is False and knowledge.last_error is None  # first look: wait for the writer
    assert knowledge.check() is False
    assert knowledge.current is first
    assert knowledge.bot.ask("What is LDN?").id == "what-is-ldn-alpha"
    assert knowledge.last_error is not None and knowledge.last_error.startswith("faq.yaml")
    records = [r for r in caplog.records if r.name == "faqbot.web.reload"]
    assert len(records) == 1 and records[0].levelno == logging.WARNING
    message = records[0].getMessage()
    assert str(faq) in message and "\n" not in message and "\x1b" not in message
    assert knowledge.check() is False and len([r for r in caplog.records if r.name == "faqbot.web.reload"]) == 1


def test_a_loader_crash_keeps_the_last_good_one(
    faq: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    knowledge = live(faq)

    def explode(cls: type[FAQBot], path: Any = None) -> FAQBot:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(FAQBot, "from_yaml", classmethod(explode))
    write(faq, kb_text("gamma"))
    assert knowledge.check() is False and knowledge.check() is False
    assert knowledge.bot.ask("What is LDN?").id == "what-is-ldn-alpha"
    assert knowledge.last_error == "faq.yaml: could not be loaded (RecursionError)"
    assert "RecursionError" in caplog.text


# -- concurrency ---------------------------------------------------------------------------------


def test_requests_during_reloads_see_one_version_each(faq: Path) -> None:
    """Eight threads ask while the file flips between two valid versions every few milliseconds,
    rewritten in place (a half-written file may be seen) or renamed over: every reply is a 200 from
    exactly one version, and both versions are served. The flipping goes on until five reloads have
    happened, however long a slow machine takes to build each version, not for a fixed time."""
    app = create_app(faq=faq, reload_interval=0.005, reload_faq=True)
    done = threading.Event()
    give_up_at = time.monotonic() + 120.0
    problems: list[str] = []
    seen: dict[str, int] = {tag: 0 for tag in VERSIONS}
    count = [0]
    lock = threading.Lock()

    def hammer(client: TestClient, offset: int) -> None:
        i = offset
        while not done.is_set():
            question = QUESTIONS[i % len(QUESTIONS)]
            i += 1
            response = client.post("/api/ask", json={"question": question})
            if response.status_code != 200:
                problems.append(f"{response.status_code} for {question!r}")
                continue
            found = versions_in(response.json())
            with lock:
                count[0] += 1
                if len(found) != 1:
                    problems.append(f"{question!r}: versions {sorted(found)} in {response.json()}")
                for tag in found:
                    seen[tag] += 1

    with TestClient(app, raise_server_exceptions=False) as client:
        threads = [threading.Thread(target=hammer, args=(client, n)) for n in range(8)]
        for thread in threads:
            thread.start()
        flips = 0
        while app.state.knowledge.reloads < 5 and time.monotonic() < give_up_at:
            flips += 1
            write(faq, kb_text(VERSIONS[flips % 2]), atomic=flips % 3 == 0)
            time.sleep(0.03)
        # a moment more of requests, so that the version the fifth reload loaded is served too
        time.sleep(0.2)
        done.set()
        for thread in threads:
            thread.join(timeout=30)
        reloads = app.state.knowledge.reloads
    assert not problems, problems[:5]
    assert reloads >= 5, f"only {reloads} reloads in {flips} flips"
    assert all(seen.values()), seen
    print(f"\nreload under load: {count[0]} requests, {flips} flips, {reloads} reloads, replies by version {seen}")


# -- a real server ---------------------------------------------------------------------------------


def test_serve_reload_faq(tmp_path: Path, faq: Path) -> None:
    server = start_server(tmp_path / "server.log", "--faq", str(faq), "--reload-faq")
    try:
        with httpx.Client(base_url=server.url, timeout=10) as client:
            assert answer_id(client) == "what-is-ldn-alpha"
            write(faq, kb_text("gamma"), atomic=True)
            wait_for(lambda: answer_id(client) == "what-is-ldn-gamma")
            write(faq, BROKEN)
            wait_for(lambda: client.get("/healthz").json()["knowledge_base"]["last_error"] is not None)
            assert answer_id(client) == "what-is-ldn-gamma"
            assert client.get("/healthz").json()["knowledge_base"]["reloads"] == 1
    finally:
        stop(server)
    log = server.output()
    assert "knowledge base reloaded" in log
    lines = [line for line in log.splitlines() if "not reloaded" in line]
    assert len(lines) == 1 and "WARNING" in lines[0] and f"{faq}:{BROKEN_LINE}:" in lines[0], log
