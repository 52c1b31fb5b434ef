"""Check that the performance work changed no reply.

    .venv/bin/python bench/check_equivalence.py [--skip-10k]

Snapshots today's ``faqbot/`` and ``faq.yaml`` (others keep editing them), and builds a *reference*
copy of that snapshot with the performance work taken out again: the uncommitted changes to
``matching.py``, ``normalize.py`` and ``knowledge.py`` in every commit since ``BASE`` titled
``Perf:`` (and, with ``--uncommitted FILE...``, your uncommitted edits to those files) are
reverse-applied, so curators' later edits to the same files stay in both. Both copies
then answer the same questions in separate processes, and every reply (``to_dict()`` plus the routing
rule), the top five candidates (entry, score and the question that matched), the analysed terms and
the "what is X" check must be identical.

Question suites: the labelled cases (``tests/cases.yaml``, else ``bench/cases.yaml``), the shared dev
cases (read in place, only to compare; never copied), 200 generated questions on the bundled
knowledge base, and 200 on generated knowledge bases of 1,000 and 10,000 entries (plus the labelled
cases on the 10,000-entry one). Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: The last commit before the performance work (matching/normalize/knowledge as they were).
BASE = "eb681a6"
TOUCHED = ("faqbot/matching.py", "faqbot/normalize.py", "faqbot/knowledge.py")
DEV_CASES = REPO.parent / "shared" / "eval" / "dev_cases.yaml"


def cases_file() -> Path:
    own = REPO / "tests" / "cases.yaml"
    return own if own.is_file() else HERE / "cases.yaml"


def _worker(suites: list[str]) -> dict[str, Any]:
    """Run inside the subprocess: answer every suite with whichever faqbot is first on sys.path."""
    import yaml

    sys.path.insert(0, str(HERE))
    from generate import generated_kb, generated_questions

    from faqbot import FAQBot
    from faqbot.kb import load_knowledge_base

    def cases_questions(path: Path, key: str) -> list[str]:
        if not path.is_file():
            return []
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        return [str(item[key]) for item in data if isinstance(item, dict) and key in item]

    bots: dict[int, Any] = {}

    def bot(size: int) -> Any:
        if size not in bots:
            bots[size] = FAQBot(load_knowledge_base() if size == 0 else generated_kb(size))
        return bots[size]

    out: dict[str, Any] = {}
    for suite in suites:
        name, size_text = suite.split("@")
        size = int(size_text)
        b = bot(size)
        if name == "cases":
            questions = cases_questions(cases_file(), "question")
        elif name == "dev":
            questions = cases_questions(DEV_CASES, "q")
        else:
            questions = [q for q, _ in generated_questions(b.kb, 200)]
        results = []
        for q in questions:
            reply = b.ask(q)
            analysis = b.normalizer.analyze(q, b.kb.settings.max_question_chars)
            results.append({
                "reply": reply.to_dict(),
                "rule": reply.rule,
                "candidates": [(c.entry.id, c.score, c.matched) for c in b.candidates(q, 5)],
                "terms": list(analysis.terms),
                "undefined": b.matcher.undefined_term(analysis),
            })
        out[suite] = {"questions": questions, "results": results}
    return out


def _snapshot(target: Path) -> None:
    """Today's package and knowledge base, copied once so concurrent edits cannot skew the comparison."""
    shutil.copytree(REPO / "faqbot", target / "faqbot", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "faq.yaml", target / "faq.yaml")


def _perf_patches(uncommitted: tuple[str, ...] = ()) -> list[str]:
    """The performance work as patches, newest first: uncommitted edits to ``uncommitted`` (files you are
    working on; others' uncommitted edits must stay), then every commit titled "Perf:"."""
    patches = []
    if uncommitted:
        patches.append(subprocess.run(["git", "diff", "HEAD", "--", *uncommitted], cwd=REPO, check=True,
                                      capture_output=True, text=True).stdout)
    commits = subprocess.run(["git", "log", "--format=%H", "--grep=^Perf:", f"{BASE}..HEAD", "--", *TOUCHED],
                             cwd=REPO, check=True, capture_output=True, text=True).stdout.split()
    for commit in commits:
        patches.append(subprocess.run(["git", "show", "--format=", commit, "--", *TOUCHED], cwd=REPO, check=True,
                                      capture_output=True, text=True).stdout)
    return [p for p in patches if p.strip()]


def check_stemmer() -> int:
    """faqbot's stemmer (PyStemmer's C Snowball when installed, which snowballstemmer then uses) against
    snowballstemmer's own pure-Python English stemmer, over every word the suites and knowledge bases use."""
    import re

    import snowballstemmer
    from snowballstemmer.english_stemmer import EnglishStemmer

    sys.path.insert(0, str(HERE))
    from generate import generated_entries

    texts = [(REPO / "faq.yaml").read_text(encoding="utf-8"), cases_file().read_text(encoding="utf-8")]
    if DEV_CASES.is_file():
        texts.append(DEV_CASES.read_text(encoding="utf-8"))
    for entry in generated_entries(20_000):
        texts.extend((entry.question, *entry.alternates, entry.answer))
    vocabulary = sorted({w for t in texts for w in re.findall(r"[^\W\d_]+", t.casefold())})
    used = snowballstemmer.stemmer("english")
    reference = EnglishStemmer()
    differ = [w for w in vocabulary if used.stemWord(w) != reference.stemWord(w)]
    print(f"{'stemmer':>16}: {len(vocabulary):5d} words, {len(differ)} stem differently "
          f"({type(used).__module__}.{type(used).__name__} vs the pure-Python reference) {differ[:5]}")
    return len(differ)


def _reference_tree(current: Path, target: Path, uncommitted: tuple[str, ...]) -> None:
    """The snapshot with the performance work taken out again (everyone else's edits stay)."""
    shutil.copytree(current, target, ignore=shutil.ignore_patterns("__pycache__"))
    for patch in _perf_patches(uncommitted):
        proc = subprocess.run(["git", "apply", "-R", "-"], cwd=target, input=patch, text=True, capture_output=True,
                              check=False)
        if proc.returncode != 0:
            raise SystemExit(f"cannot take a performance patch out again (edited since?):\n{proc.stderr}")


def _start(tree: Path, suites: list[str], out: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONHASHSEED="0")
    with out.open("wb") as stdout:
        return subprocess.Popen([sys.executable, __file__, "--worker", *suites], env=env, stdout=stdout,
                                stderr=subprocess.PIPE, cwd=tree)


def _finish(proc: subprocess.Popen[bytes], out: Path) -> dict[str, Any]:
    _, stderr = proc.communicate(timeout=1800)
    if proc.returncode != 0:
        raise SystemExit(f"worker failed:\n{stderr.decode(errors='replace')[-3000:]}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-10k", action="store_true", help="leave out the 10,000-entry knowledge base")
    parser.add_argument("--uncommitted", nargs="*", default=[], metavar="FILE",
                        help="also take out your uncommitted edits to these files (default: only Perf: commits)")
    parser.add_argument("--worker", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        json.dump(_worker(args.worker), sys.stdout)
        return 0
    suites = ["cases@0", "dev@0", "generated@0", "generated@1000"]
    if not args.skip_10k:
        suites += ["generated@10000", "cases@10000"]
    with tempfile.TemporaryDirectory(prefix="faqbot-equivalence-") as tmp:
        root = Path(tmp)
        _snapshot(root / "current")
        _reference_tree(root / "current", root / "reference", tuple(args.uncommitted))
        # Both run at once, from the same snapshot of every other file.
        procs = {name: _start(root / name, suites, root / f"{name}.json") for name in ("reference", "current")}
        reference = _finish(procs["reference"], root / "reference.json")
        current = _finish(procs["current"], root / "current.json")
    failures = 0
    for suite in suites:
        ref, cur = reference[suite], current[suite]
        if ref["questions"] != cur["questions"]:
            print(f"{suite}: the question lists differ (generator changed?)")
            failures += 1
            continue
        diffs = [i for i, (a, b) in enumerate(zip(ref["results"], cur["results"], strict=True)) if a != b]
        print(f"{suite:>16}: {len(cur['results']):4d} questions, {len(diffs)} differ")
        for i in diffs[:5]:
            a, b = ref["results"][i], cur["results"][i]
            for key in a:
                if a[key] != b[key]:
                    print(f"    #{i} {key}: reference {json.dumps(a[key])[:400]}")
                    print(f"    #{i} {key}: current   {json.dumps(b[key])[:400]}")
        failures += len(diffs)
    failures += check_stemmer()
    patches = len(_perf_patches(tuple(args.uncommitted)))
    print(f"reference: {patches} performance patch(es) taken out of {', '.join(TOUCHED)}")
    print("EQUIVALENT: every reply, candidate list and analysis is identical" if not failures
          else f"DIFFERENT: {failures} differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
