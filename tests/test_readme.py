"""The README tells the truth: its console examples print what it shows, its links stay in the repository."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import readme_examples  # noqa: E402

from faqbot.reply import KINDS, Reply  # noqa: E402

README = REPO / "README.md"
#: [text](target) and ![alt](target), and <scheme://...> autolinks
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)[^)]*\)|<([a-z][a-z0-9+.-]*:[^>\s]+)>")


def readme_lines() -> list[str]:
    return README.read_text(encoding="utf-8").split("\n")


@pytest.mark.skipif(not (shutil.which("bash") and shutil.which("curl")), reason="the examples need bash and curl")
def test_every_console_example_prints_what_the_readme_shows():
    problems = readme_examples.check()
    assert not problems, "run `python scripts/readme_examples.py --write`, then review the diff:\n" + "\n".join(
        problems
    )


def test_there_are_examples_of_every_terminal_command():
    commands = {e.command.split()[1] for block in readme_examples.parse(readme_lines()) for e in block
                if e.command.startswith("faqbot ")}
    assert {"ask", "chat", "topics", "serve", "validate", "explain", "eval"} <= commands


def test_every_example_allowed_to_elide_is_still_in_the_readme():
    # otherwise the allow-list grows stale and could excuse a new example by accident
    written = {e.command for block in readme_examples.parse(readme_lines()) for e in block}
    assert written >= readme_examples.MAY_ELIDE


@pytest.mark.parametrize(
    ("shown", "actual", "may_elide", "expected"),
    [
        (["a", "b"], ["a", "b"], False, True),
        (["a", "b"], ["a", "c"], False, False),
        (["a", "..."], ["a", "b", "c"], True, True),
        (["a", "..."], ["a", "b", "c"], False, False),  # "..." only where the allow-list says so
        (["a", "  ...", "d"], ["a", "b", "c", "d"], True, True),
        (["a", "...", "d"], ["a", "d"], True, False),  # "..." stands for at least one line
        (["a", "..."], ["a"], True, False),
        (["x", "..."], ["a", "b"], True, False),
        (["a", "...", "c", "..."], ["a", "b", "c", "d"], True, True),
        ([], [], False, True),
        ([], ["output nobody shows"], False, False),
    ],
)
def test_matching_shown_output(shown, actual, may_elide, expected):
    assert readme_examples.matches(shown, actual, may_elide) is expected


def test_parse_finds_commands_outputs_and_line_numbers():
    lines = ["text", "```console", "$ faqbot ask hi", "SMALLTALK  Hello", "", "$ faqbot topics", "A", "```",
             "```sh", "$ not a console block", "```"]
    [block] = readme_examples.parse(lines)
    assert [(e.command, e.shown, e.start, e.end) for e in block] == [
        ("faqbot ask hi", ["SMALLTALK  Hello"], 3, 4),
        ("faqbot topics", ["A"], 6, 7),
    ]


def test_links_stay_inside_the_repository_and_exist():
    text = README.read_text(encoding="utf-8")
    targets = [m.group(1) or m.group(2) for m in LINK.finditer(text)]
    assert targets, "the README has links"
    for target in targets:
        assert "://" not in target and not target.startswith(("mailto:", "//")), f"link leaves the repository: {target}"
        path = (REPO / target.split("#")[0]).resolve()
        assert path.is_relative_to(REPO), f"link leaves the repository: {target}"
        assert path.exists(), f"link to a missing file: {target}"


def test_the_contract_document_names_every_field_and_kind():
    contract = (REPO / "docs" / "CONTRACT.md").read_text(encoding="utf-8")
    for name in Reply(kind="answer", text="").to_dict():
        assert f"| `{name}` |" in contract, name
    for kind in KINDS:
        assert f"- `{kind}`:" in contract, kind
    assert "](docs/CONTRACT.md)" in README.read_text(encoding="utf-8")


def test_the_python_examples_run_as_shown():
    import doctest

    blocks = re.findall(r"^```pycon\n(.*?)^```", README.read_text(encoding="utf-8"), re.M | re.S)
    assert blocks
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    for number, block in enumerate(blocks):
        runner.run(doctest.DocTestParser().get_doctest(block, {}, f"README pycon block {number}", str(README), 0))
    result = runner.summarize(verbose=False)
    assert result.attempted >= 4
    assert result.failed == 0
