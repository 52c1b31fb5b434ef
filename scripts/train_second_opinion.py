"""Train the safety second opinion (faqbot/safety/second.py) from the labelled safety probes.

    python scripts/train_second_opinion.py            # writes faqbot/safety/packs/second_opinion.json
    python scripts/train_second_opinion.py --check    # exit 1 if the shipped model is out of date
    python scripts/train_second_opinion.py --heldout  # leave-one-set-out figures

Deterministic: the same probes always give the same file. Only bench/safety_dev*_probes.yaml and
bench/safety_wave*_probes.yaml are read (never bench/frozen/), so that editing other labelled sets never
makes the shipped model stale.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml
from model_file import write_or_check

from faqbot.safety.second import CLASSES, MARGIN, MIN_WORDS, WORDS_AT_BAR, Model, features, use_model
from faqbot.text.fold import fold, tokens

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "faqbot" / "safety" / "packs" / "second_opinion.json"


def probe_sets() -> dict[str, list[tuple[str, str]]]:
    sets = {}
    for path in sorted([*ROOT.glob("bench/safety_dev*_probes.yaml"), *ROOT.glob("bench/safety_wave*_probes.yaml")]):
        sets[path.name] = [(p["question"], p["group"]) for p in yaml.safe_load(path.read_text("utf-8"))]
    return sets


def train(data: list[tuple[str, str]]) -> dict[str, object]:
    priors = Counter(group for _, group in data)
    counts: dict[str, list[int]] = {}
    for question, group in data:
        for feature in features(tokens(fold(question))):
            counts.setdefault(feature, [0] * len(CLASSES))[CLASSES.index(group)] += 1
    # A feature seen once says little and costs space.
    kept = {f: c for f, c in sorted(counts.items()) if sum(c) >= 2}
    return {"priors": {c: priors[c] for c in CLASSES}, "counts": kept}


def heldout() -> None:
    sets = probe_sets()
    caught = total = wrong = general = 0
    for name in sets:
        data = [x for other, rows in sets.items() if other != name for x in rows]
        trained = train(data)
        model = Model(trained["priors"], trained["counts"])  # type: ignore[arg-type]
        for question, group in sets[name]:
            words = tokens(fold(question))
            scores = model.log_odds(words)
            lead = max(scores["selfharm"], scores["emergency"]) - max(scores["referral"], scores["general"])
            sure = len(words) >= MIN_WORDS and lead > MARGIN * max(1.0, len(words) / WORDS_AT_BAR)
            if group in ("selfharm", "emergency"):
                total += 1
                caught += sure
            elif group == "general":
                general += 1
                wrong += sure
    print(f"leave one set out: emergency and self-harm caught {caught}/{total}, "
          f"general sent to emergency {wrong}/{general}")
    print("leave one set out, referrals the second opinion would set aside (see `reviewable:`):",
          dict(sorted(set_aside_heldout(sets).items())))


def set_aside_heldout(sets: dict[str, list[tuple[str, str]]]) -> Counter[str]:
    """Per labelled group, the probes whose referral a model trained on the other sets would set aside."""
    from faqbot.safety.router import _reads_general, _route

    aside: Counter[str] = Counter()
    for name in sets:
        trained = train([x for other, rows in sets.items() if other != name for x in rows])
        model = Model(trained["priors"], trained["counts"])  # type: ignore[arg-type]
        for question, group in sets[name]:
            routed = _route(question)  # the rules alone, before the shipped model's say
            if routed is None or routed.kind != "referral":
                continue
            with use_model(model):
                aside[group] += _reads_general(question, routed)
    return aside


def main() -> None:
    if "--heldout" in sys.argv:
        heldout()
        return
    write_or_check(OUT, train([x for rows in probe_sets().values() for x in rows]), ROOT)


if __name__ == "__main__":
    main()
