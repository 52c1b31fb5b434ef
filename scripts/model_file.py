"""The training scripts' last step: write the trained model, or with ``--check`` exit 1 if the shipped one
is not what the labelled sets train now (the tests run that check)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def write_or_check(path: Path, model: object, root: Path) -> None:
    """Write ``model`` as canonical JSON to ``path`` (deterministic: the same data, the same bytes)."""
    text = json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n"
    if "--check" in sys.argv:
        sys.exit(0 if path.exists() and path.read_text("utf-8") == text else 1)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(root)} ({len(text) // 1024} KiB)")
