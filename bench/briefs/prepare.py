#!/usr/bin/env python3
"""Lay out a frozen wave's briefs for the helpers who write it blind, outside the repository.

    python3 bench/briefs/prepare.py WAVE WORKDIR [--date YYYY-MM-DD]

Writes ``WORKDIR/briefs/{COMMON,SAFETY,REAL,DLG}.md`` (this folder's templates with the wave, the folder and the date
put in), ``WORKDIR/kb_entries.md`` (each entry's id, question and answer: no alternates, which would show the helpers
the phrasings already handled) and ``WORKDIR/out/``. The issue texts go in ``WORKDIR/issues.md`` by hand (the issue
tracker is not in the repository). Each helper is then told only: read ``WORKDIR/briefs/<NAME>.md`` and follow it,
read nothing of the project, never run faqbot. The sets' shapes (counts, groups, languages, styles) are those of the
waves before, so that first looks compare; see ``../frozen/README.md``.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wave", type=int)
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--date", default=datetime.date.today().isoformat())
    args = parser.parse_args()
    workdir = args.workdir.resolve()
    (workdir / "briefs").mkdir(parents=True, exist_ok=True)
    (workdir / "out").mkdir(exist_ok=True)
    for template in sorted(HERE.glob("*.md")):
        text = template.read_text(encoding="utf-8")
        for key, value in (("{wave}", str(args.wave)), ("{workdir}", str(workdir)), ("{date}", args.date)):
            text = text.replace(key, value)
        (workdir / "briefs" / template.name).write_text(text, encoding="utf-8")
    kb = yaml.safe_load((HERE.parent.parent / "faq.yaml").read_text(encoding="utf-8"))
    lines = ["# Knowledge base entries (ids, questions, answers only)", ""]
    for entry in kb["entries"]:
        lines += [f"## {entry['id']}", f"Question: {entry['question']}", "", f"Answer: {entry['answer'].strip()}", ""]
    (workdir / "kb_entries.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"briefs, kb_entries.md and out/ in {workdir}; put the issue texts in {workdir / 'issues.md'}")


if __name__ == "__main__":
    main()
