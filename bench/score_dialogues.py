#!/usr/bin/env python3
"""Score multi-turn dialogues: each question is asked with the previous answer's entry as context.

    .venv/bin/python bench/score_dialogues.py bench/dialogues.yaml [--show-failures] [--no-context]

A turn is right when the reply kind is ``expect`` (or in ``accept``) and an answer has the labelled
``id``. The context passed is the id of the last *answer* in the dialogue so far, as ``faqbot chat``
and the widget do. ``--no-context`` asks every turn alone (what faqbot did before follow-ups).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from faqbot import FAQBot  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--no-context", action="store_true")
    args = parser.parse_args()
    bot = FAQBot.from_yaml()
    totals: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for dialogue in yaml.safe_load(args.file.read_text(encoding="utf-8")):
        context = None
        for number, turn in enumerate(dialogue["turns"]):
            reply = bot.ask(str(turn["q"]), None if args.no_context else context)
            ok_kinds = {turn["expect"], *(turn.get("accept") or [])}
            ok = reply.kind in ok_kinds and (reply.kind != "answer" or turn.get("id") in (None, reply.id))
            group = "first turn" if number == 0 else str(dialogue.get("note", "follow-up"))
            totals[group] += 1
            right[group] += ok
            if turn["expect"] in ("referral", "emergency") and number > 0:
                totals["follow-up referral recall"] += 1
                right["follow-up referral recall"] += reply.kind in ("referral", "emergency")
            if not ok and args.show_failures:
                print(f"  MISS [{context}] {turn['q']!r}: expected {turn['expect']} {turn.get('id') or ''}, "
                      f"got {reply.kind} {reply.id or ''}")
            if reply.kind == "answer":
                context = reply.id
    follow = [g for g in totals if g not in ("first turn", "follow-up referral recall")]
    done, total = sum(right[g] for g in follow), sum(totals[g] for g in follow)
    print(f"follow-up turns: {done}/{total} ({done / max(total, 1):.3f})")
    for group in sorted(totals):
        print(f"  {group:26} {right[group]}/{totals[group]} ({right[group] / totals[group]:.3f})")


if __name__ == "__main__":
    main()
