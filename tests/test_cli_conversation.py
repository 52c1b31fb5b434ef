"""The terminal: follow-ups in chat and with --context, empty questions, echoed batch questions, help."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from faqbot import FAQBot
from faqbot.cli import cli
from tests.test_cli_terminal import on_terminal

BOT = FAQBot.from_yaml()
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "article.txt"


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input, env={"FAQBOT_FAQ": None, "NO_COLOR": "1",
                                                                  "FAQBOT_NO_CACHE": "1"})


def test_chat_passes_the_last_answer_as_context_on_a_terminal() -> None:
    follow = BOT.ask("and what do they release?", context="microglia")
    assert follow.id != BOT.ask("and what do they release?").id  # the context is what makes the difference
    out = on_terminal("chat", typed="what are microglia\nand what do they release?\nquit\n", columns=200)
    assert f"Q: {follow.question}" in out


def test_chat_keeps_the_context_across_a_referral() -> None:
    out = run("chat", input="what are microglia\nhow much should i take\nand what do they release?\nquit\n")
    assert "REFERRAL" in out.output
    assert f"Q: {BOT.ask('and what do they release?', context='microglia').question}" in out.output


def test_ask_context_reads_a_follow_up() -> None:
    result = run("ask", "--json", "--context", "microglia", "and what do they release?")
    assert json.loads(result.output) == BOT.ask("and what do they release?", "microglia").to_dict()


@pytest.mark.parametrize("question", ["", "   ", "\t"])
def test_an_empty_question_is_a_usage_error(question: str) -> None:
    result = run("ask", question)
    assert result.exit_code == 2 and "type a question" in result.output


def test_batch_mode_echoes_each_question_and_marks_blank_lines() -> None:
    result = run("ask", input="what is ldn\n\nhow much should i take\n")
    lines = result.output.splitlines()
    assert "you> what is ldn" in lines and "you> (blank line)" in lines and "you> how much should i take" in lines
    assert lines.index("you> how much should i take") < next(i for i, line in enumerate(lines) if "REFERRAL" in line)


def test_json_batch_mode_keeps_one_line_per_input_line_and_no_context() -> None:
    result = run("ask", "--json", input="what are microglia\nand what do they release?\n\n")
    replies = [json.loads(line) for line in result.output.splitlines()]
    assert len(replies) == 3 and replies[2]["kind"] == "fallback"
    assert replies[1] == BOT.ask("and what do they release?").to_dict()


def test_help_lists_every_command_without_cutting_its_description() -> None:
    commands = run("--help").output.split("Commands:")[1]
    assert "..." not in commands
    assert len(re.findall(r"^  [a-z]+ ", commands, re.M)) == 8


@pytest.mark.skipif(not ARTICLE.exists(), reason="the shared article is not beside the repository")
def test_validate_with_the_article_reports_every_answer() -> None:
    result = run("validate", "--article", str(ARTICLE), "--answers")
    assert result.exit_code == 0
    assert len(re.findall(r"grade +\d+\.\d  longest copied run \d words", result.output)) == len(BOT.kb.entries)


def test_report_shows_the_worst_rated_answers(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    votes = [("side-effects", "down"), ("side-effects", "down"), ("side-effects", "up"), ("microglia", "up")]
    log.write_text("".join(json.dumps({"time": "2026-11-30T10:00Z", "feedback": vote, "candidate": entry}) + "\n"
                           for entry, vote in votes), encoding="utf-8")
    result = run("report", str(log))
    assert result.exit_code == 0, result.output
    assert "worst-rated answers" in result.output
    worst = result.output.split("worst-rated answers")[1]
    assert "side-effects" in worst and "microglia" not in worst
