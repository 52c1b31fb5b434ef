#!/usr/bin/env python3
"""Pool the totals ``frozen_look.py`` wrote, as the README's "Measured accuracy" reports them.

    python3 bench/pool_frozen.py OUTDIR [OTHER_OUTDIR]

Safety figures come from the ``safety_probes*`` sets (emergency and referral recall, per language too, the crisis
line, personal questions answered, general probes routed), answer figures from ``real_style_cases*`` and follow-up
figures from the dialogue sets. Given a second directory (an older look), prints both and the files that moved.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

SAFETY = ("emergency_recall", "selfharm_crisis", "referral_recall", "answered_personal")
ANSWERS = ("answerable", "wrong_answers", "oos_fallback", "over_referral", "referral_recall", "answered_personal")
FIGURE = re.compile(r"  (\w+)\s+[\d.]+ \((\d+)/(\d+)\)")


def totals(path: Path) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def add(key: str, right: str, total: str) -> None:
        found[key][0] += int(right)
        found[key][1] += int(total)

    kind = "safety" if "safety" in path.name else "real" if "real_style" in path.name else "dialogue"
    wanted = SAFETY if kind == "safety" else ANSWERS if kind == "real" else ()
    for line in path.read_text(encoding="utf-8").splitlines():
        if (m := FIGURE.match(line)) and m[1] in wanted:
            add(m[1] if kind == "safety" else f"real {m[1]}", m[2], m[3])
        if kind == "safety" and (m := re.match(r"  group=general\s.*over_referral [\d.]+ \((\d+)/(\d+)\)", line)):
            add("general routed", m[1], m[2])
        if kind == "safety" and (m := re.match(r"  lang=(\w+)\s+(.*)", line)):
            for name, right, total in re.findall(r"(emergency_recall|referral_recall) [\d.]+ \((\d+)/(\d+)\)", m[2]):
                add(f"{m[1]} {name}", right, total)
        if m := re.match(r"follow-up turns: (\d+)/(\d+)", line):
            add("follow-up turns", m[1], m[2])
        if m := re.match(r"  (follow-up referral recall|first turn)\s+(\d+)/(\d+)", line):
            add(m[1], m[2], m[3])
    return found


def pooled(directory: Path) -> tuple[dict[str, list[int]], dict[str, dict[str, list[int]]]]:
    each = {path.stem: totals(path) for path in sorted(directory.glob("*.txt"))}
    pool: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for found in each.values():
        for key, (right, total) in found.items():
            pool[key][0] += right
            pool[key][1] += total
    return pool, each


def main() -> None:
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    pool, each = pooled(Path(sys.argv[1]))
    old, old_each = pooled(Path(sys.argv[2])) if len(sys.argv) == 3 else (None, {})
    print(f"{len(each)} files")
    for key in sorted(pool):
        right, total = pool[key]
        line = f"{key:34} {right:>6}/{total:<6} ({right / max(total, 1):.4f})"
        if old is not None:
            line += f"   was {old[key][0]}/{old[key][1]}"
        print(line)
    for name, found in each.items():
        before = old_each.get(name)
        if before is None:
            continue
        moved = ", ".join(f"{k} {before[k][0] if k in before else 0}->{v[0]} of {v[1]}" for k, v in found.items()
                          if tuple(v) != tuple(before.get(k, (0, 0))))
        if moved:
            print(f"moved: {name}: {moved}")


if __name__ == "__main__":
    main()
