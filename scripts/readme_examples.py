#!/usr/bin/env python3
"""Run every ``$ ...`` example in the README's ``console`` blocks and check the output shown is real.

    python scripts/readme_examples.py            # check: list every example whose output differs; exit 1
    python scripts/readme_examples.py --write    # rewrite the blocks with the real output

Each example runs through ``bash`` in a scratch directory where ``faq.yaml``, ``tests/`` and ``bench/``
of this checkout are linked in and ``faqbot`` is this checkout's (the virtualenv's ``bin`` comes first
on ``PATH``), with no colour, a cache of built bots of its own (the user's is never read) and none of the
user's ``FAQBOT_*`` variables. What a person
sees is shown: standard output and standard error together.

Three kinds of example are run specially:

* ``faqbot chat``: the lines typed after ``you> `` are its input; the transcript is rebuilt turn by turn.
* ``faqbot serve``: started in the background on a free port; the block's other commands (``curl``)
  run against it with ``localhost:8000`` pointed at that port, which is shown as 8000 again.
* examples listed in :data:`MAY_ELIDE` may show a literal ``...`` line standing for any lines of
  output; anywhere else, ``...`` is a mismatch like any other.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
ELLIPSIS = "..."
#: Examples (their command as written after ``$ ``) whose output may be cut with a ``...`` line.
MAY_ELIDE = {
    'faqbot ask "wat r microglia"',
    "faqbot topics",
    "faqbot serve",
    "faqbot --log-unanswered unanswered.jsonl serve",
    'faqbot explain "how does ldn calm microglia"     # why faqbot answered what it did; --json',
    'faqbot explain "what dose for fibro"',
    "faqbot eval tests/cases.yaml --min-accuracy 0.95 --min-referral-recall 1   # exit 1 below a bar; --json",
}
#: Longest any example may run (a guard against a hung command, not a timing check).
GIVE_UP_SECONDS = 120
_SERVE_PORT = 8000
_BLOCK_START = re.compile(r"^```console\s*$")


@dataclass
class Example:
    """One ``$ command`` and the output shown under it (``start``/``end``: README line numbers, 0-based)."""

    command: str
    shown: list[str]
    start: int
    end: int
    actual: list[str] = field(default_factory=list)

    @property
    def may_elide(self) -> bool:
        return self.command in MAY_ELIDE


def parse(lines: list[str]) -> list[list[Example]]:
    """The examples of every ``console`` block, block by block."""
    blocks: list[list[Example]] = []
    inside = False
    for number, line in enumerate(lines):
        if not inside:
            if _BLOCK_START.match(line):
                inside, blocks = True, [*blocks, []]
            continue
        if line.startswith("```"):
            inside = False
        elif line.startswith("$ "):
            blocks[-1].append(Example(line[2:].strip(), [], number + 1, number + 1))
        elif blocks[-1]:
            blocks[-1][-1].shown.append(line)
            blocks[-1][-1].end = number + 1
    for block in blocks:
        for example in block:
            while example.shown and not example.shown[-1].strip():  # blank lines between examples
                example.shown.pop()
                example.end -= 1
    return blocks


def scratch_dir() -> Path:
    """A directory to run examples in, with this checkout's files the examples name."""
    work = Path(tempfile.mkdtemp(prefix="faqbot-readme-"))
    for name in ("faq.yaml", "tests", "bench"):
        (work / name).symlink_to(REPO / name)
    return work


def environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAQBOT_") and k not in ("COLUMNS", "LINES")}
    bin_dir = str(Path(sys.executable).parent)
    # A cache of built bots of its own, in the scratch folder: built by this checkout on the first example and
    # reused by the rest (every example rebuilding the bot took most of the test's two minutes)
    env.update(PATH=bin_dir + os.pathsep + env.get("PATH", ""), NO_COLOR="1", XDG_CACHE_HOME=str(work / "cache"),
               PYTHONUNBUFFERED="1", HOME=str(work), TERM="dumb")
    return env


def shell(command: str, work: Path, env: dict[str, str], stdin: str = "") -> list[str]:
    """What ``command`` prints (stdout and stderr, as a terminal would interleave them), as lines."""
    result = subprocess.run(["bash", "-c", command], cwd=work, env=env, input=stdin, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=GIVE_UP_SECONDS)
    return result.stdout.rstrip("\n").split("\n") if result.stdout.strip() else []


def run_chat(example: Example, work: Path, env: dict[str, str]) -> list[str]:
    """The chat transcript for the lines typed in the example, rebuilt as a terminal shows it.

    Piped input shows no prompts, so each turn's output is found as the difference between a chat
    with the first k lines typed and one with k - 1.
    """
    typed = [line[len("you> "):] for line in example.shown if line.startswith("you> ")]
    outputs = [shell(example.command, work, env, "".join(t + "\n" for t in [*typed[:k], "quit"]))
               for k in range(len(typed) + 1)]
    transcript = outputs[0][:-1]  # the greeting; "Goodbye." comes at the very end
    for k, line in enumerate(typed, 1):
        before, after = outputs[k - 1], outputs[k]
        transcript += [f"you> {line}", *after[len(before) - 1 : -1]]
    return [*transcript, outputs[-1][-1]]


def run_serve_block(block: list[Example], work: Path, env: dict[str, str]) -> None:
    """``faqbot serve`` in the background, then the block's other commands against it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = block[0]
    command = f"{serve.command} --port {port}"
    server = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=work, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert server.stdout is not None
        banner = server.stdout.readline().rstrip("\n")
        serve.actual = [banner.replace(f":{port}", f":{_SERVE_PORT}")]
        if any(map(is_ellipsis, serve.shown[1:2])):
            serve.actual.append(serve.shown[1])  # uvicorn's own start-up lines (process ids) follow
        wait_for(f"http://127.0.0.1:{port}/healthz", server)
        for example in block[1:]:
            lines = shell(example.command.replace(f":{_SERVE_PORT}", f":{port}"), work, env)
            example.actual = [line.replace(f":{port}", f":{_SERVE_PORT}") for line in lines]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=GIVE_UP_SECONDS)


def wait_for(url: str, server: subprocess.Popen[str]) -> None:
    """Return once ``url`` answers; give up if the server exits (its output then shows why)."""
    deadline = time.monotonic() + GIVE_UP_SECONDS
    while server.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.1)


def run_all(blocks: list[list[Example]]) -> None:
    """Fill in every example's real output."""
    work = scratch_dir()
    env = environment(work)
    try:
        for block in blocks:
            if block and _is_serve(block[0].command):
                run_serve_block(block, work, env)
                continue
            for example in block:
                if example.command.split()[:2] == ["faqbot", "chat"]:
                    example.actual = run_chat(example, work, env)
                else:
                    example.actual = shell(example.command, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _is_serve(command: str) -> bool:
    """``faqbot serve ...``, with or without options of ``faqbot`` itself before ``serve``."""
    words = command.split()
    return words[:1] == ["faqbot"] and "serve" in words and not any(w in ("ask", "chat") for w in words)


def is_ellipsis(line: str) -> bool:
    """A line that is only ``...`` (indented or not)."""
    return line.strip() == ELLIPSIS


def matches(shown: list[str], actual: list[str], may_elide: bool) -> bool:
    """``shown`` equals ``actual``, where (only if allowed) a ``...`` line stands for one or more lines."""
    if not may_elide or not any(map(is_ellipsis, shown)):
        return shown == actual
    if not shown:
        return not actual
    if is_ellipsis(shown[0]):
        return any(matches(shown[1:], actual[i:], True) for i in range(1, len(actual) + 1))
    return bool(actual) and shown[0] == actual[0] and matches(shown[1:], actual[1:], True)


def rewritten(example: Example) -> list[str]:
    """What --write puts under an example: the real output, cut after as many lines as were shown."""
    cuts = [i for i, line in enumerate(example.shown) if is_ellipsis(line)]
    if example.may_elide and cuts and len(example.actual) > cuts[0]:
        return [*example.actual[: cuts[0]], example.shown[cuts[0]]]
    return example.actual


def check(readme: Path = README) -> list[str]:
    """A message for every example whose shown output is not what it prints."""
    blocks = parse(readme.read_text(encoding="utf-8").split("\n"))
    run_all(blocks)
    problems = []
    for example in (e for block in blocks for e in block):
        if not matches(example.shown, example.actual, example.may_elide):
            problems.append(f"README.md:{example.start}: $ {example.command}\n  shown:\n"
                            + "".join(f"    {line}\n" for line in example.shown)
                            + "  actual:\n" + "".join(f"    {line}\n" for line in example.actual))
    return problems


def write(readme: Path = README) -> int:
    """Rewrite every example's output with the real one; the number of examples changed."""
    lines = readme.read_text(encoding="utf-8").split("\n")
    blocks = parse(lines)
    run_all(blocks)
    changed = 0
    # From the bottom up, so the line numbers of the examples above stay right.
    for example in sorted((e for b in blocks for e in b), key=lambda e: e.start, reverse=True):
        if matches(example.shown, example.actual, example.may_elide):
            continue
        lines[example.start : example.end] = rewritten(example)
        changed += 1
    readme.write_text("\n".join(lines), encoding="utf-8")
    return changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the README's blocks with the real output")
    args = parser.parse_args()
    if args.write:
        print(f"README.md: {write()} example(s) rewritten")
        return 0
    problems = check()
    for problem in problems:
        print(problem)
    print(f"README.md: {len(problems)} example(s) differ" if problems else "README.md: every example is real")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
