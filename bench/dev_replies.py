#!/usr/bin/env python3
"""Every labelled development question (``bench/*.yaml`` question sets, never ``frozen/``) through one checkout, and
what changed between two such runs: the development measurement of a change to matching or safety.

    python3 bench/dev_replies.py run OUT.jsonl [--checkout DIR]
    python3 bench/dev_replies.py compare BEFORE.jsonl AFTER.jsonl

``compare`` lists each reply that moved, marked BETTER or WORSE by its label (the same judgement as
``score_sets.py``), and the totals. The questions asked are development ones: read them, tune on them.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score_sets import judge, load, replies  # noqa: E402  (the same reading, asking and judgement as score_sets.py)


def cases() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(HERE.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, list) or not data or not isinstance(data[0], dict) or "turns" in data[0]:
            continue
        found += [(path.name, case) for case in load(path) if case["question"]]
    return found


def run(out: Path, checkout: Path) -> None:
    found = cases()
    half = len(found) // 2
    cmd = f"{checkout / '.venv' / 'bin' / 'python'} -m faqbot ask --json"
    with ThreadPoolExecutor(2) as pool:
        parts = list(pool.map(lambda part: replies([case for _, case in part], cmd, str(checkout)),
                              (found[:half], found[half:])))
    with out.open("w", encoding="utf-8") as stream:
        for (name, case), reply in zip(found, parts[0] + parts[1], strict=True):
            row = {"file": name, "q": " ".join(case["question"].splitlines()), "expect": case["expect"],
                   "id": case.get("id"), "kind": reply["kind"], "rid": reply.get("id"),
                   "ok": bool(judge(case, reply)["accuracy"])}
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(found)} replies -> {out}")


def moved(before: dict[str, Any], after: dict[str, Any]) -> str:
    """How a reply that changed moved by its label: BETTER, WORSE, or "moved" (right or wrong both times)."""
    return "BETTER" if after["ok"] and not before["ok"] else "WORSE" if before["ok"] and not after["ok"] else "moved"


def compare(before: Path, after: Path) -> None:
    old = [json.loads(line) for line in before.open(encoding="utf-8")]
    new = [json.loads(line) for line in after.open(encoding="utf-8")]
    if [c["q"] for c in old] != [c["q"] for c in new]:
        raise SystemExit("the two runs asked different questions: run both with the same bench/ files")
    counts = {"BETTER": 0, "WORSE": 0, "moved": 0}
    for a, b in zip(old, new, strict=True):
        if (a["kind"], a["rid"]) == (b["kind"], b["rid"]):
            continue
        tag = moved(a, b)
        counts[tag] += 1
        print(f"{tag:6} {a['file'][:24]:24} expect {a['expect']}/{a['id']}: {a['kind']}/{a['rid']} -> "
              f"{b['kind']}/{b['rid']} | {a['q'][:160]}")
    print(f"better {counts['BETTER']}, worse {counts['WORSE']}, moved {counts['moved']}; right "
          f"{sum(c['ok'] for c in old)} -> {sum(c['ok'] for c in new)} of {len(old)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("run")
    one.add_argument("out", type=Path)
    one.add_argument("--checkout", type=Path, default=HERE.parent)
    two = sub.add_parser("compare")
    two.add_argument("before", type=Path)
    two.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "run":
        run(args.out, args.checkout.resolve())
    else:
        compare(args.before, args.after)


if __name__ == "__main__":
    main()
