#!/usr/bin/env python3
"""Print every labelled question's reply decision, one JSON line each, for before/after diffs.

A refactoring that must not change behaviour is checked with:

    python3 scripts/snapshot.py > /tmp/before.jsonl   # on the old commit
    python3 scripts/snapshot.py > /tmp/after.jsonl    # on the new one
    diff /tmp/before.jsonl /tmp/after.jsonl           # empty: the same replies

It reads ``tests/cases.yaml``, every ``bench/*cases*.yaml`` and, when it is there, the shared dev set
beside the repository (``../shared/eval/dev_cases.yaml``), and records kind, id, score, suggestions
and the routing rule of each reply. Case files given as arguments replace that list, so the same
questions can be put to an older checkout's code (run that checkout's copy of this script).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from faqbot import FAQBot  # noqa: E402


def case_files() -> list[Path]:
    # glob, not rglob: bench/frozen/ holds the sealed sets, which nobody working on faqbot may read
    files = [ROOT / "tests" / "cases.yaml", *sorted((ROOT / "bench").glob("*cases*.yaml"))]
    shared = ROOT.parent / "shared" / "eval" / "dev_cases.yaml"
    return [*files, shared] if shared.exists() else files


def main(argv: list[str]) -> None:
    bot = FAQBot.from_yaml()
    for path in [Path(a) for a in argv] or case_files():
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            question = str(case.get("question", case.get("q", "")))
            reply = bot.ask(question)
            row = {
                "file": path.name,
                "q": question,
                "kind": reply.kind,
                "id": reply.id,
                "score": reply.score,
                "rule": reply.rule,
                "suggestions": [s.id for s in reply.suggestions],
            }
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
