#!/usr/bin/env python3
"""Every development dialogue (``bench/*.yaml`` sets with ``turns``, never ``frozen/``), turn by turn, through the
code of the checkout this script is run in, and what changed between two such runs.

    FAQBOT_NO_CACHE=1 .venv/bin/python bench/dev_dialogues.py run OUT.jsonl
    python3 bench/dev_dialogues.py compare BEFORE.jsonl AFTER.jsonl

Each turn is asked with the id of the dialogue's last answer as context, as ``score_dialogues.py`` does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dev_replies import moved  # noqa: E402  (BETTER, WORSE or moved, as dev_replies.py marks them)


def run(out: Path) -> None:
    sys.path.insert(0, str(Path.cwd()))
    from faqbot import FAQBot

    bot = FAQBot.from_yaml()
    with out.open("w", encoding="utf-8") as stream:
        for path in sorted(HERE.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if not isinstance(data, list) or not data or not isinstance(data[0], dict) or "turns" not in data[0]:
                continue
            for number, dialogue in enumerate(d for d in data if "turns" in d):
                context = None
                for turn_number, turn in enumerate(dialogue["turns"]):
                    reply = bot.ask(str(turn["q"]), context)
                    kinds = {turn["expect"], *(turn.get("accept") or [])}
                    ok = reply.kind in kinds and (reply.kind != "answer" or turn.get("id") in (None, reply.id))
                    row = {"file": path.name, "dialogue": number, "turn": turn_number, "context": context,
                           "q": str(turn["q"]), "expect": turn["expect"], "id": turn.get("id"), "kind": reply.kind,
                           "rid": reply.id, "ok": ok}
                    stream.write(json.dumps(row, ensure_ascii=False) + "\n")
                    if reply.kind == "answer":
                        context = reply.id
    print(f"-> {out}")


def figures(rows: list[dict[str, Any]]) -> str:
    follow = [r for r in rows if r["turn"] > 0]
    urgent = [r for r in follow if r["expect"] in ("referral", "emergency")]
    routed = sum(r["kind"] in ("referral", "emergency") for r in urgent)
    first = [r for r in rows if r["turn"] == 0]
    return (f"follow-ups {sum(r['ok'] for r in follow)}/{len(follow)}, follow-up referrals {routed}/{len(urgent)}, "
            f"first turns {sum(r['ok'] for r in first)}/{len(first)}")


def compare(before: Path, after: Path) -> None:
    old = [json.loads(line) for line in before.open(encoding="utf-8")]
    new = [json.loads(line) for line in after.open(encoding="utf-8")]
    for a, b in zip(old, new, strict=True):
        if (a["kind"], a["rid"]) != (b["kind"], b["rid"]):
            print(f"{moved(a, b):6} {a['file']} turn {a['turn']} [{a['context']} -> {b['context']}] expect "
                  f"{a['expect']}/{a['id']}: {a['kind']}/{a['rid']} -> {b['kind']}/{b['rid']} | {a['q'][:140]}")
    print(f"before: {figures(old)}\nafter:  {figures(new)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run").add_argument("out", type=Path)
    two = sub.add_parser("compare")
    two.add_argument("before", type=Path)
    two.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "run":
        run(args.out)
    else:
        compare(args.before, args.after)


if __name__ == "__main__":
    main()
