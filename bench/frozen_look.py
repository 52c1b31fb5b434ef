#!/usr/bin/env python3
"""Score every frozen set (or the ones named) through one checkout's code, one output file per set.

    python3 bench/frozen_look.py OUTDIR [--checkout DIR] [FILE ...]
    python3 bench/pool_frozen.py OUTDIR

A question set goes through ``score_sets.py`` and ``<checkout>/.venv/bin/python -m faqbot ask --json``; a dialogue
set (``dialogues*.yaml``) through the checkout's own ``score_dialogues.py``. Two sets run at a time. Reading only
these totals, never the sets' questions or misses, is how a last look stays a look (see ``frozen/README.md``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent


def score(path: Path, checkout: Path, out: Path) -> str:
    python = checkout / ".venv" / "bin" / "python"
    if path.name.startswith("dialogues"):
        cmd = [str(python), "bench/score_dialogues.py", str(path)]
        done = subprocess.run(cmd, cwd=checkout, capture_output=True, text=True,
                              env={**os.environ, "FAQBOT_NO_CACHE": "1"})
    else:
        cmd = [sys.executable, str(HERE / "score_sets.py"), str(path), "--cmd", f"{python} -m faqbot ask --json",
               "--cwd", str(checkout)]
        done = subprocess.run(cmd, capture_output=True, text=True)
    (out / f"{path.stem}.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
    return f"{path.name}: {'ok' if done.returncode == 0 else f'exit {done.returncode}'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--checkout", type=Path, default=HERE.parent, help="the checkout whose code answers")
    args = parser.parse_intermixed_args()
    files = [f.resolve() for f in args.files] or sorted((HERE / "frozen").glob("*.yaml"))
    args.outdir.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(2) as pool:
        for line in pool.map(lambda f: score(f, args.checkout.resolve(), args.outdir), files):
            print(line)


if __name__ == "__main__":
    main()
