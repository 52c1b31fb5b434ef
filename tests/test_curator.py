"""Curator tooling: validate, explain, eval, report and the opt-in unanswered log."""

from __future__ import annotations

import json
import re
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from faqbot import FAQBot, load_knowledge_base
from faqbot.cli import cli
from faqbot.reply import Reply
from faqbot.tools import (
    CuratorError,
    evaluate,
    explain,
    group_questions,
    load_cases,
    read_log,
    validate,
)
from faqbot.tools.unanswered import FIELDS, UnansweredLog, scrub

HEADER = """\
version: 1
settings:
  answer_threshold: 58
  suggest_threshold: 36
  ambiguity_margin: 3
texts:
  referral: Please ask a doctor or pharmacist about that.
  emergency: This may be an emergency. Contact emergency services now.
  self_harm: Please contact emergency services now, or a crisis line.
  fallback: Sorry, I have no answer to that.
  did_you_mean: Did you mean one of these?
smalltalk:
  - id: greeting
    patterns: [hello, hi]
    reply: Hello! Ask me about LDN.
entries:
"""
LDN = """\
  - id: what-is-ldn
    section: Intro
    question: What is low dose naltrexone?
    alternates: [what does ldn stand for, define ldn]
    answer: LDN is the drug naltrexone, used in much smaller amounts than usual.
    defines: [ldn, low dose naltrexone]
    related: [microglia]
"""
MICROGLIA = """\
  - id: microglia
    section: How it works
    question: What are microglia?
    alternates: [what do microglia do, immune cells of the brain]
    answer: Microglia are the immune cells of the central nervous system.
    defines: [microglia]
"""
GOOD = HEADER + LDN + MICROGLIA


def write(tmp_path: Path, text: str, name: str = "faq.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, input=stdin, catch_exceptions=False)


@pytest.fixture
def small_faq(tmp_path: Path) -> Path:
    return write(tmp_path, GOOD)


@pytest.fixture
def small_bot(small_faq: Path) -> FAQBot:
    return FAQBot(load_knowledge_base(small_faq))


@pytest.fixture(autouse=True)
def no_log_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The unanswered log must be off unless a test turns it on."""
    monkeypatch.delenv("FAQBOT_LOG_UNANSWERED", raising=False)
    monkeypatch.delenv("FAQBOT_FAQ", raising=False)


# --- validate ---------------------------------------------------------------------------------

GOOD_KBS = {
    "minimal": GOOD,
    "one entry": HEADER + LDN.replace("    related: [microglia]\n", ""),
    "no alternates": HEADER + LDN.replace("    alternates: [what does ldn stand for, define ldn]\n", "") + MICROGLIA,
}


@pytest.mark.parametrize("text", GOOD_KBS.values(), ids=GOOD_KBS.keys())
def test_validate_accepts_good_knowledge_bases(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert "ok:" in result.output
    report = json.loads(run("validate", "--json", str(path)).output)
    assert report["ok"] is True and report["problems"] == []
    assert report["checked"] >= report["entries"] >= 1


BROKEN_KBS = {
    "duplicate id": (GOOD + MICROGLIA.replace("question: What are microglia?", "question: Other?"),
                     "duplicate entry id `microglia`"),
    "missing related id": (GOOD.replace("related: [microglia]", "related: [nowhere]"),
                           "related id `nowhere` does not exist"),
    "dose figure in an answer": (GOOD.replace("than usual.", "than usual, often 4.5 mg."), "dose figure"),
    "schedule in an answer": (GOOD.replace("than usual.", "than usual, taken at bedtime."), "dose figure"),
    "empty answer": (GOOD.replace("answer: Microglia are the immune cells of the central nervous system.",
                                  "answer: ''"), "answer is empty"),
    "over-long answer": (GOOD.replace("than usual.", "than usual. " + "More words here. " * 50),
                         "keep it under"),
    "missing question": (GOOD.replace("    question: What are microglia?\n", ""), "question is missing"),
    "unknown key": (GOOD.replace("    section: Intro\n", "    section: Intro\n    colour: blue\n"),
                    "unknown key `colour`"),
    "duplicate question": (GOOD.replace("immune cells of the brain", "define ldn"),
                           "is also a question of entry `what-is-ldn`"),
    "YAML syntax error": (GOOD.replace("define ldn]", "define ldn"), "YAML syntax error"),
    "no texts": (GOOD.replace("texts:", "textz:"), "unknown key `textz`"),
    "alternate routed to a referral": (GOOD.replace("define ldn]", "define ldn, should i take ldn]"),
                                       "is answered with a referral"),
    "alternate answered by another entry": (
        GOOD.replace("immune cells of the brain]", "immune cells of the brain, what is low dose naltrexone exactly]"),
        "is answered with entry `what-is-ldn`"),
}


@pytest.mark.parametrize(("text", "fragment"), BROKEN_KBS.values(), ids=BROKEN_KBS.keys())
def test_validate_reports_broken_knowledge_bases(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path, text)
    result = run("validate", str(path))
    assert result.exit_code == 1, result.output
    assert fragment in result.output
    # every problem names file and line
    problems = result.output.splitlines()[:-1]
    assert problems and all(re.match(rf"{re.escape(str(path))}:\d+: ", p) for p in problems)
    report = json.loads(run("validate", "--json", str(path)).output)
    assert report["ok"] is False and report["readable"] is True
    assert any(fragment in p["message"] for p in report["problems"])


def test_validate_reports_every_problem_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("related: [microglia]", "related: [nowhere]").replace("than usual.", "than usual, 2 mg.")
    report = validate(write(tmp_path, text))
    messages = " | ".join(p.message for p in report.problems)
    assert "nowhere" in messages and "dose figure" in messages


def test_validate_reports_near_duplicate_alternates_with_scores(tmp_path: Path) -> None:
    text = GOOD.replace("immune cells of the brain]", "immune cells of the brain, ldn microglia]").replace(
        "define ldn]", "define ldn, microglia and ldn]")
    report = validate(write(tmp_path, text))
    near = [p for p in report.problems if p.kind == "near-duplicate"]
    assert near, report.problems
    assert "ldn microglia" in near[0].message and "microglia and ldn" in near[0].message
    assert re.search(r"\d+% alike", near[0].message) and re.search(r"scores `[\w-]+` \d", near[0].message)
    assert near[0].line is not None


def test_validate_self_consistency_points_at_the_alternate_line(tmp_path: Path) -> None:
    text = GOOD.replace("    alternates: [what does ldn stand for, define ldn]\n",
                        "    alternates:\n      - what does ldn stand for\n      - should i take ldn\n")
    path = write(tmp_path, text)
    report = validate(path)
    (problem,) = [p for p in report.problems if p.kind == "self-consistency"]
    assert problem.line == text.splitlines().index("      - should i take ldn") + 1


@pytest.mark.parametrize("kind", ["missing", "directory", "not utf-8"])
def test_validate_unreadable_file_exits_2(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "faq.yaml"
    if kind == "directory":
        path.mkdir()
    elif kind == "not utf-8":
        path.write_bytes(GOOD.encode() + b"\xff\xfe\n")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1


def test_validate_uses_the_faq_option_without_a_file(small_faq: Path) -> None:
    result = run("--faq", str(small_faq), "validate")
    assert result.exit_code == 0 and str(small_faq) in result.output


def test_validate_runs_on_the_bundled_knowledge_base() -> None:
    report = validate(None)
    assert report.readable and report.entries > 10 and report.checked > report.entries


# --- explain ----------------------------------------------------------------------------------


def test_explain_is_deterministic_and_complete(small_faq: Path) -> None:
    first = run("--faq", str(small_faq), "explain", "--json", "what does LDN stand for?")
    second = run("--faq", str(small_faq), "explain", "--json", "what does LDN stand for?")
    assert first.exit_code == 0 and first.output == second.output
    data = json.loads(first.output)
    steps = {step["stage"]: step for step in data["steps"]}
    assert list(steps) == ["sanitise", "language", "safety", "smalltalk", "scope", "analyse", "retrieve", "define",
                           "decide", "reply", "guard"]
    assert steps["analyse"]["data"]["cleaned"] == "what does ldn stand for?"
    assert "ldn" in steps["analyse"]["data"]["terms"]
    assert steps["safety"]["data"] == {"kind": None, "rule": None, "matched": None}
    top = steps["retrieve"]["data"]["candidates"][0]
    assert top["id"] == "what-is-ldn" and top["matched"] == "what does ldn stand for" and top["score"] > 58
    assert data["thresholds"] == {"answer": 58.0, "suggest": 36.0, "ambiguity_margin": 3.0}
    assert data["reply"]["kind"] == "answer" and data["reply"]["id"] == "what-is-ldn"
    assert data["decision"].startswith("answer:")


def test_explain_shows_the_safety_rule_and_fragment(small_bot: FAQBot) -> None:
    result = explain(small_bot, "How many mg of LDN should I take?")
    safety = result.trace.step("safety")
    assert safety is not None and safety.data["kind"] == "referral" and safety.data["matched"]
    assert safety.data["matched"].lower() in safety.lines[0]  # the fragment is in the text the rules read
    assert result.reply.kind == "referral" and result.reply.rule == safety.data["rule"]
    assert result.decision.startswith("referral:") and safety.data["rule"] in result.decision
    # decided before matching: no matching stage ran
    assert [s.stage for s in result.trace.steps] == ["sanitise", "language", "safety", "reply", "guard"]
    emergency = explain(small_bot, "I took a whole handful of pills")
    assert emergency.trace.step("safety").data["kind"] == "emergency"  # type: ignore[union-attr]
    assert emergency.reply.kind == "emergency"


@pytest.mark.parametrize(
    ("text", "deciding_stage"),
    [("hello", "smalltalk"), ("what is the capital of france", "retrieve"), ("microglia", "decide"),
     ("what is cancer", "retrieve"), ("", "sanitise"), ("define ldn", "decide"), ("does gabapentin help", "scope")],
)
def test_explain_matches_ask_for_every_kind(small_bot: FAQBot, text: str, deciding_stage: str) -> None:
    result = explain(small_bot, text)
    assert result.reply == small_bot.ask(text)
    kind = result.decision.split(" ")[0].rstrip(":")
    assert kind == result.reply.kind or (kind == "suggest" and result.reply.kind == "fallback")
    # the trace ends at the stage that decided, then builds and guards the reply
    assert [s.stage for s in result.trace.steps][-3:] == [deciding_stage, "reply", "guard"]


def test_explain_cli_text_output(small_faq: Path) -> None:
    result = run("--faq", str(small_faq), "explain", "what", "are", "microglia")
    assert result.exit_code == 0
    for label in ("sanitise", "safety", "analyse", "thresholds", "retrieve", "decision"):
        assert label in result.output
    assert "microglia" in result.output and "ANSWER" in result.output


# --- eval -------------------------------------------------------------------------------------

CASES = """\
# labelled cases
- {question: "what does ldn stand for", expect: answer, id: what-is-ldn}
- {question: "how many mg of ldn", expect: referral}
- {question: "I took too many pills", expect: emergency}
- {question: "what is the capital of france", expect: fallback}
- {question: "hello", expect: smalltalk}
- {question: "what are microglia", expect: answer, id: what-is-ldn, note: wrong on purpose}
"""


@pytest.fixture
def cases_file(tmp_path: Path) -> Path:
    return write(tmp_path, CASES, "cases.yaml")


def test_evaluate_scores_each_kind(small_bot: FAQBot, cases_file: Path) -> None:
    result = evaluate(small_bot, load_cases(cases_file))
    assert (result.correct, result.total) == (5, 6)
    assert result.per_kind()["answer"] == (1, 2)
    assert result.referral_recall == 1.0 and result.emergency_recall == 1.0 and result.over_referral == 0.0
    assert result.wrong_answers == 1 and result.dose_leaks == 0
    (miss,) = result.misses
    assert miss.case.line == 7 and miss.id == "microglia"


@pytest.mark.parametrize(
    ("gates", "code"),
    [
        ((), 0),
        (("--min-accuracy", "0.8"), 0),
        (("--min-accuracy", "0.9"), 1),
        (("--min-referral-recall", "1", "--min-emergency-recall", "1"), 0),
        (("--max-over-referral", "0"), 0),
        (("--max-wrong-answers", "0"), 1),
        (("--max-wrong-answers", "1"), 0),
    ],
)
def test_eval_gates_exit_codes(small_faq: Path, cases_file: Path, gates: tuple[str, ...], code: int) -> None:
    result = CliRunner().invoke(cli, ["--faq", str(small_faq), "eval", str(cases_file), *gates])
    assert result.exit_code == code, result.output
    assert "5/6 correct" in result.output and "what are microglia" in result.output


def test_eval_json(small_faq: Path, cases_file: Path) -> None:
    result = CliRunner().invoke(cli, ["--faq", str(small_faq), "eval", "--json", str(cases_file),
                                      "--min-accuracy", "0.99"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["accuracy"] == pytest.approx(5 / 6, abs=1e-3) and data["passed"] is False
    assert data["per_kind"]["referral"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert [m["question"] for m in data["misses"]] == ["what are microglia"]


def test_eval_counts_over_referral(small_bot: FAQBot, tmp_path: Path) -> None:
    path = write(tmp_path, '- {question: "should i take ldn", expect: fallback}\n'
                           '- {question: "hi", expect: smalltalk}\n', "c.yaml")
    result = evaluate(small_bot, load_cases(path))
    assert result.over_referral == 0.5 and result.referral_recall is None


@pytest.mark.parametrize(
    "text",
    [
        "- {question: hi, expect: maybe}\n",
        "- {question: hi, expect: smalltalk, colour: red}\n",
        "- {question: hi, expect: fallback, id: what-is-ldn}\n",
        "- {expect: fallback}\n",
        "[]\n",
        "- [a, b\n",
    ],
)
def test_eval_rejects_bad_cases_files(small_faq: Path, tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text, "bad.yaml")
    with pytest.raises(CuratorError, match=r"bad\.yaml"):
        load_cases(path)
    result = CliRunner().invoke(cli, ["--faq", str(small_faq), "eval", str(path)])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


def test_eval_missing_cases_file_exits_2(small_faq: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--faq", str(small_faq), "eval", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2


def test_repo_cases_file_is_valid_and_large_enough() -> None:
    cases = load_cases(Path(__file__).parent / "cases.yaml")
    assert len(cases) >= 120
    assert {c.expect for c in cases} == {"answer", "referral", "emergency", "fallback", "smalltalk"}
    assert all(c.id for c in cases if c.expect == "answer")
    assert len({c.question for c in cases}) == len(cases)


# --- the unanswered log and report ------------------------------------------------------------


def test_unanswered_log_is_off_by_default(small_faq: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("--faq", str(small_faq), "ask", "what is the capital of france")
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_unanswered_log_records_fallbacks_only_with_the_four_fields(small_faq: Path, tmp_path: Path) -> None:
    log = tmp_path / "unanswered.jsonl"
    questions = ["what is the capital of france", "what does ldn stand for", "how many mg of ldn",
                 "I took too many pills", "hello", "microglia ldn brain cells"]
    result = run("--faq", str(small_faq), "--log-unanswered", str(log), "ask", "--json", stdin="\n".join(questions))
    assert result.exit_code == 0
    replies = [json.loads(line) for line in result.output.splitlines()]
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    weak = 58 + 5  # the answer threshold plus the weak-match margin
    expected = [q for q, r in zip(questions, replies, strict=True)
                if r["kind"] == "fallback" or (r["kind"] == "answer" and r["score"] < weak)]
    assert "what is the capital of france" in expected and "what does ldn stand for" not in expected
    assert [r["question"] for r in records] == expected
    for record in records:
        assert tuple(record) == FIELDS
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\dZ", record["time"])
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_unanswered_log_from_the_environment_and_chat(small_faq: Path, tmp_path: Path) -> None:
    log = tmp_path / "env.jsonl"
    result = run("--faq", str(small_faq), "chat", env={"FAQBOT_LOG_UNANSWERED": str(log)},
                 stdin="tell me a joke\ndefine ldn\nquit\n")
    assert result.exit_code == 0
    assert [json.loads(line)["question"] for line in log.read_text().splitlines()] == ["tell me a joke"]


def test_unanswered_log_unwritable_path_is_a_data_error(small_faq: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--faq", str(small_faq), "--log-unanswered", str(tmp_path / "no" / "x.jsonl"),
                                      "ask", "tell me a joke"])
    assert result.exit_code == 2 and "cannot write the unanswered log" in result.output
    assert "FALLBACK" in result.output  # the reply was shown before the log failed


def test_unanswered_log_weak_matches_and_scrubbing(small_bot: FAQBot, tmp_path: Path) -> None:
    log = UnansweredLog(tmp_path / "log.jsonl", clock=lambda: "2025-01-01T00:00Z")
    weak = Reply(kind="answer", text="...", id="microglia", question="What are microglia?", score=59.0)
    strong = Reply(kind="answer", text="...", id="microglia", question="What are microglia?", score=95.0)
    assert log.record(small_bot, "microglia stuff", weak) is True
    assert log.record(small_bot, "microglia", strong) is False
    assert log.record(small_bot, "ldn?", Reply(kind="referral", text="ask a doctor")) is False
    assert log.record(small_bot, "mail me at jo.smith@example.com or +44 7700 900123", small_bot.ask("x")) is True
    lines = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert lines[0] == {"time": "2025-01-01T00:00Z", "question": "microglia stuff", "candidate": "microglia",
                        "score": 59.0}
    assert "example.com" not in lines[1]["question"] and "7700" not in lines[1]["question"]
    assert scrub("see https://example.org/x now") == "see [link] now"


def test_unanswered_log_concurrent_appends_never_interleave(small_bot: FAQBot, tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    fallback = small_bot.ask("what is the capital of france")
    long_question = "capital of france " * 40

    def worker(n: int) -> None:
        log = UnansweredLog(path)
        for i in range(25):
            log.record(small_bot, f"{long_question} {n} {i}", fallback)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 200
    assert len({json.loads(line)["question"] for line in lines}) == 200


def generated_log(path: Path) -> None:
    rows = [
        *["does ldn help with cancer", "ldn for cancer", "LDN and cancer?", "ldn cancer", "does ldn help cancer"],
        *["how much does ldn cost", "ldn cost", "cost of ldn"],
        "what is the capital of france",
    ]
    with path.open("w", encoding="utf-8") as out:
        for i, question in enumerate(rows):
            out.write(json.dumps({"time": f"2025-01-0{1 + i % 3}T10:0{i}Z", "question": question,
                                  "candidate": None, "score": None}) + "\n")
        out.write("not json at all\n")
        out.write(json.dumps({"time": "2025-01-01T10:00Z"}) + "\n")


def test_report_groups_a_generated_log(small_faq: Path, small_bot: FAQBot, tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    generated_log(log)
    records, skipped = read_log(log)
    assert len(records) == 9 and skipped == 2
    groups = group_questions(small_bot, records)
    assert [g.count for g in groups] == [5, 3, 1]
    assert groups[0].closest == "what-is-ldn" and groups[0].closest_score is not None

    result = run("--faq", str(small_faq), "report", "--json", str(log))
    data = json.loads(result.output)
    assert data["records"] == 9 and data["skipped"] == 2
    first = data["groups"][0]
    assert first["count"] == 5 and "cancer" in first["question"] and first["closest"] == "what-is-ldn"
    assert first["first_seen"] <= first["last_seen"]
    text = run("--faq", str(small_faq), "report", str(log)).output
    assert "9 questions in 3 groups (2 unreadable lines skipped)" in text
    assert re.search(r"^\s+5x\s", text, re.M) and "closest: what-is-ldn" in text
    assert run("--faq", str(small_faq), "report", "-n", "1", str(log)).output.count("x  ") == 1


def test_report_missing_log_exits_2(small_faq: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--faq", str(small_faq), "report", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
