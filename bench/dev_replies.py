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
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


def cases() -> list[dict[str, Any]]:
    found = []
    for path in sorted(HERE.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, list) or not data or not isinstance(data[0], dict) or "turns" in data[0]:
            continue
        for case in data:
            if "question" in case or "q" in case:
                question = " ".join(str(case.get("question", case.get("q", ""))).splitlines())
                found.append({"file": path.name, "q": question, "expect": case.get("expect"), "id": case.get("id"),
                              "accept": case.get("accept") or [], "group": case.get("group")})
    return found


def ask(checkout: Path, questions: list[str]) -> list[dict[str, Any]]:
    done = subprocess.run([str(checkout / ".venv" / "bin" / "python"), "-m", "faqbot", "ask", "--json"], cwd=checkout,
                          input="".join(q + "\n" for q in questions), capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def run(out: Path, checkout: Path) -> None:
    found = cases()
    half = len(found) // 2
    with ThreadPoolExecutor(2) as pool:
        parts = list(pool.map(lambda part: ask(checkout, [c["q"] for c in part]), (found[:half], found[half:])))
    replies = parts[0] + parts[1]
    if len(replies) != len(found):
        raise SystemExit(f"{len(replies)} replies for {len(found)} questions")
    with out.open("w", encoding="utf-8") as stream:
        for case, reply in zip(found, replies, strict=True):
            stream.write(json.dumps({**case, "kind": reply["kind"], "rid": reply.get("id")}, ensure_ascii=False) + "\n")
    print(f"{len(found)} replies -> {out}")


def right(case: dict[str, Any]) -> bool:
    kinds = {case["expect"], *case["accept"]}
    return case["kind"] in kinds and (case["kind"] != "answer" or case["id"] in (None, case["rid"]))


def compare(before: Path, after: Path) -> None:
    old = [json.loads(line) for line in before.open(encoding="utf-8")]
    new = [json.loads(line) for line in after.open(encoding="utf-8")]
    if [c["q"] for c in old] != [c["q"] for c in new]:
        raise SystemExit("the two runs asked different questions: run both with the same bench/ files")
    counts = {"BETTER": 0, "WORSE": 0, "moved": 0}
    for a, b in zip(old, new, strict=True):
        if (a["kind"], a["rid"]) == (b["kind"], b["rid"]):
            continue
        tag = "BETTER" if right(b) and not right(a) else "WORSE" if right(a) and not right(b) else "moved"
        counts[tag] += 1
        print(f"{tag:6} {a['file'][:24]:24} expect {a['expect']}/{a['id']}: {a['kind']}/{a['rid']} -> "
              f"{b['kind']}/{b['rid']} | {a['q'][:160]}")
    print(f"better {counts['BETTER']}, worse {counts['WORSE']}, moved {counts['moved']}; right "
          f"{sum(map(right, old))} -> {sum(map(right, new))} of {len(old)}")


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
