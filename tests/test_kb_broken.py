"""Broken knowledge bases are refused cleanly: library error naming file and line, CLI exit 2.

The corpus lives in ``tests/kb_broken/`` (see its README). The huge-file cases are generated here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import faqbot.kb.loader
from faqbot import KnowledgeBaseError, load_knowledge_base
from faqbot.cli import cli

CORPUS = Path(__file__).parent / "kb_broken"
MARKER = b"# <-- error"

#: file -> what the message must say (a regular expression, searched case-insensitively)
EXPECTED: dict[str, str] = {
    "syntax_unclosed_bracket.yaml": r"YAML syntax error",
    "syntax_bad_indent.yaml": r"YAML syntax error",
    "syntax_tab_indent.yaml": r"YAML syntax error.*tab",
    "syntax_unclosed_quote.yaml": r"YAML syntax error",
    "syntax_mapping_in_scalar.yaml": r"YAML syntax error",
    "multiple_documents.yaml": r"YAML syntax error",
    "deep_nesting.yaml": r"YAML syntax error.*nesting",
    "empty.yaml": r"empty",  # 0 bytes
    "whitespace_only.yaml": r"empty",  # spaces, tabs and newlines only
    "comments_only.yaml": r"no YAML document",
    "root_is_list.yaml": r"must be a mapping",
    "root_is_scalar.yaml": r"must be a mapping",
    "entries_not_list.yaml": r"entries must be a non-empty list",
    "entries_empty_list.yaml": r"entries must be a non-empty list",
    "answer_is_number.yaml": r"answer must be text",
    "answer_is_list.yaml": r"answer must be text",
    "question_is_bool.yaml": r"question must be text",
    "python_tag.yaml": r"answer must be text",
    "settings_wrong_type.yaml": r"settings\.answer_threshold must be a number",
    "settings_out_of_range.yaml": r"settings\.answer_threshold must be a number from 0 to 100",
    "settings_unknown_key.yaml": r"unknown key `sugest_threshold`",
    "version_unsupported.yaml": r"version must be",
    "missing_texts.yaml": r"`texts:` is missing",
    "missing_text_field.yaml": r"texts\.fallback is missing",
    "missing_entries.yaml": r"`entries:` is missing",
    "missing_answer.yaml": r"answer is missing",
    "missing_id.yaml": r"id is missing",
    "empty_answer.yaml": r"answer is empty",
    "duplicate_id.yaml": r"duplicate entry id `what-is-ldn`",
    "duplicate_key.yaml": r"`section` appears twice",
    "duplicate_question.yaml": r"also a question of entry `what-is-ldn`",
    "unknown_top_key.yaml": r"unknown key `author`",
    "unknown_entry_key.yaml": r"unknown key `tags`",
    "unknown_key_escape.yaml": r"unknown key",
    "invalid_id.yaml": r"entry id `Side Effects`",
    "related_missing.yaml": r"related id `dosing-guide` does not exist",
    "related_not_list.yaml": r"related must be a list",
    "dose_in_answer_mg.yaml": r"dose figure",
    "dose_in_answer_words.yaml": r"dose figure",
    "dose_in_answer_schedule.yaml": r"dose figure",
    "dose_in_referral_text.yaml": r"texts\.referral contains a dose figure",
    "dose_in_smalltalk_reply.yaml": r"smalltalk reply contains a dose figure",
    "answer_too_long.yaml": r"answer is \d+ characters",
    "referral_without_doctor.yaml": r"texts\.referral must mention doctor or pharmacist",
    "smalltalk_no_patterns.yaml": r"at least one pattern",
    "synonym_conflict.yaml": r"listed under both",
    "topic_not_said.yaml": r"topic `microglia` must be words",
    "synonym_stem_conflict.yaml": r"`prescriber` of `doctor` stems like `prescribe`",
    "single_alias.yaml": r"anchors and aliases",
    "alias_bomb.yaml": r"anchors and aliases",
    "non_utf8_latin1.yaml": r"not UTF-8",
    "non_utf8_utf16.yaml": r"not UTF-8",
    "control_char_nul.yaml": r"control character|not allowed",  # a raw NUL byte in an answer
    "control_char_esc.yaml": r"control character|not allowed",  # a raw ESC byte in an answer
}

#: Anything a terminal would act on: C0/C1 controls (ESC starts ANSI sequences) and bidi overrides.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: A valid knowledge base, the one every corpus file is a one-defect variant of.
VALID = """\
version: 1
texts:
  referral: Please ask a doctor or pharmacist about that.
  emergency: This may be an emergency. Contact emergency services now.
  self_harm: Please contact emergency services or a crisis line now.
  fallback: Sorry, I don't have an answer to that.
  did_you_mean: Did you mean one of these?
entries:
  - id: what-is-ldn
    section: Introduction
    question: What is LDN?
    answer: LDN is naltrexone taken in a much smaller amount than it is usually prescribed in.
    defines: [ldn]
"""


def corpus_files() -> list[str]:
    return sorted(p.name for p in CORPUS.glob("*.yaml"))


def expected_line(path: Path) -> int:
    """The line carrying the marker; files that cannot hold one are reported at line 1."""
    for number, line in enumerate(path.read_bytes().split(b"\n"), 1):
        if MARKER in line:
            return number
    return 1


def run_cli(*args: str, stdin: bytes | None = None) -> Result:
    """Invoke the CLI as a terminal would see it: colour on, so click strips nothing."""
    runner = CliRunner(env={"NO_COLOR": None, "FAQBOT_FAQ": None})
    return runner.invoke(cli, list(args), input=stdin, color=True)


def assert_clean_cli_error(result: Result, path: Path, line: int | None) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    stderr = result.stderr
    assert stderr.endswith("\n") and stderr.count("\n") == 1, f"not one line: {stderr!r}"
    assert stderr.startswith("Error: "), stderr
    where = str(path) if line is None else f"{path}:{line}:"
    assert where in stderr, f"expected {where!r} in {stderr!r}"
    assert not CONTROL.search(stderr), f"control characters reach the terminal: {stderr!r}"


def test_every_corpus_file_has_an_expectation() -> None:
    assert corpus_files() == sorted(EXPECTED)


def test_corpus_is_one_defect_from_valid(tmp_path: Path) -> None:
    """The base the corpus varies loads, so each refusal is due to the planted defect."""
    path = tmp_path / "valid.yaml"
    path.write_text(VALID, encoding="utf-8")
    kb = load_knowledge_base(path)
    assert [e.id for e in kb.entries] == ["what-is-ldn"]


@pytest.mark.parametrize("name", corpus_files())
def test_library_refuses_with_file_and_line(name: str) -> None:
    path = CORPUS / name
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(path)
    err = caught.value
    assert err.path == str(path)
    assert err.line == expected_line(path), f"{name}: reported line {err.line}: {err.message!r}"
    assert re.search(EXPECTED[name], err.message, re.IGNORECASE), err.message
    text = str(err)
    assert text.startswith(f"{path}:{err.line}: ")
    assert "\n" not in text, f"message is not one line: {text!r}"


@pytest.mark.parametrize("name", corpus_files())
def test_cli_refuses_with_exit_2_and_one_line(name: str) -> None:
    path = CORPUS / name
    result = run_cli("--faq", str(path), "ask", "hi")
    assert_clean_cli_error(result, path, expected_line(path))
    assert re.search(EXPECTED[name], result.stderr, re.IGNORECASE), result.stderr


@pytest.mark.parametrize("name", ["syntax_unclosed_bracket.yaml", "alias_bomb.yaml", "non_utf8_latin1.yaml",
                                  "dose_in_answer_mg.yaml"])
def test_real_process_refuses(name: str) -> None:
    path = CORPUS / name
    env = {k: v for k, v in os.environ.items() if k not in ("FAQBOT_FAQ", "NO_COLOR")}
    proc = subprocess.run(
        [sys.executable, "-m", "faqbot", "--faq", str(path), "ask", "hi"],
        capture_output=True, timeout=60, env=env, check=False,
    )
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, (proc.returncode, stderr)
    assert proc.stdout == b""
    assert "Traceback" not in stderr
    assert stderr.count("\n") == 1 and stderr.startswith("Error: "), stderr
    assert f"{path}:{expected_line(path)}:" in stderr


def test_python_tag_is_never_constructed(tmp_path: Path) -> None:
    """A `!!python/...` tag is only ever read as a node, never built or run."""
    target = tmp_path / "pwned"
    path = tmp_path / "kb.yaml"
    path.write_text(VALID.replace(
        "answer: LDN is", f'answer: !!python/object/apply:os.system ["touch {target}"]\n    # LDN is'))
    with pytest.raises(KnowledgeBaseError, match="must be text"):
        load_knowledge_base(path)
    assert not target.exists()


# --- size limit -----------------------------------------------------------------------------------------
def huge_kb(entries: int) -> str:
    """A well-formed knowledge base with many entries (about 330 bytes each)."""
    parts = [VALID]
    for i in range(entries):
        parts.append(
            f"  - id: entry-{i}\n    section: Generated\n    question: What is generated topic number {i}?\n"
            f"    answer: This is filler answer {i} about a generated topic, with no figures of any kind.\n"
            f"    alternates: [generated question {i}, another way to ask about topic {i}]\n"
        )
    return "".join(parts)


def test_huge_file_refused_by_size_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(huge_kb(6000), encoding="utf-8")  # about 2 MB
    size = path.stat().st_size
    assert size > 1_000_000
    monkeypatch.setattr(faqbot.kb.loader, "MAX_FILE_BYTES", 1_000_000)

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an oversized file must be refused before it is parsed")

    monkeypatch.setattr(faqbot.kb.loader.yaml, "compose", no_parse)
    with pytest.raises(KnowledgeBaseError, match="limit") as caught:
        load_knowledge_base(path)
    assert caught.value.path == str(path)
    assert f"{size:,}" in caught.value.message
    result = run_cli("--faq", str(path), "ask", "hi")
    assert_clean_cli_error(result, path, None)


def test_size_limit_boundary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kb.yaml"
    path.write_text(huge_kb(20), encoding="utf-8")
    size = path.stat().st_size
    monkeypatch.setattr(faqbot.kb.loader, "MAX_FILE_BYTES", size)
    assert len(load_knowledge_base(path).entries) == 21
    monkeypatch.setattr(faqbot.kb.loader, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(KnowledgeBaseError, match="limit"):
        load_knowledge_base(path)


def test_real_limit_refuses_sparse_file_without_reading_it(tmp_path: Path) -> None:
    """A file just over the real limit (sparse, so it costs no disk) is refused on its size alone."""
    path = tmp_path / "sparse.yaml"
    with path.open("wb") as handle:
        handle.write(VALID.encode())
        handle.truncate(faqbot.kb.loader.MAX_FILE_BYTES + 1)
    with pytest.raises(KnowledgeBaseError, match="limit") as caught:
        load_knowledge_base(path)
    assert caught.value.path == str(path)


# --- not a knowledge-base file at all ----------------------------------------------------------------------
def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(KnowledgeBaseError, match="no such file") as caught:
        load_knowledge_base(missing)
    assert caught.value.path == str(missing)
    assert_clean_cli_error(run_cli("--faq", str(missing), "ask", "hi"), missing, None)
    with pytest.raises(KnowledgeBaseError, match="directory"):
        load_knowledge_base(tmp_path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied (simulated: the tests may run as root, who can read anything)."""
    path = tmp_path / "locked.yaml"
    path.write_text(VALID)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(KnowledgeBaseError, match="cannot read: Permission denied") as caught:
        load_knowledge_base(path)
    assert caught.value.path == str(path)
    assert_clean_cli_error(run_cli("--faq", str(path), "ask", "hi"), path, None)
