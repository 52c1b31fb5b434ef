"""Train the safety second opinion (faqbot/safety/second.py) from the labelled safety probes.

    python scripts/train_second_opinion.py            # writes faqbot/safety/packs/second_opinion.json
    python scripts/train_second_opinion.py --check    # exit 1 if the shipped model is out of date
    python scripts/train_second_opinion.py --heldout  # leave-one-set-out figures
    python scripts/train_second_opinion.py --compare  # emergencies a retrained model would lose, before writing it

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

from faqbot.safety.second import CLASSES, Model, features, opinion, refers, use_model
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
    """Leave one set out: each set asked of a model trained on the others, once for both figures."""
    from faqbot.safety.router import _reads_general, _route, read

    sets = probe_sets()
    caught = total = wrong = general = 0
    aside: Counter[str] = Counter()
    # in other languages: referral probes the model alone refers, general ones no rule routed that it refers
    referred: Counter[str] = Counter()
    for name in sets:
        # the routes as the shipped rules give them, before the held-out model is put in place
        routes = [_route(question) for question, _ in sets[name]]
        trained = train([x for other, rows in sets.items() if other != name for x in rows])
        with use_model(Model(trained["priors"], trained["counts"])):  # type: ignore[arg-type]
            for (question, group), routed in zip(sets[name], routes, strict=True):
                sure = opinion(tokens(fold(question))) is not None
                if read(question).lang != "en" and (group == "referral" or (group == "general" and routed is None)):
                    referred[f"{group} probes"] += 1
                    referred[f"{group} referred"] += refers(tokens(fold(question)))
                if group in ("selfharm", "emergency"):
                    total += 1
                    caught += sure
                elif group == "general":
                    general += 1
                    wrong += sure
                if routed is not None and routed.kind == "referral":
                    aside[group] += _reads_general(question, routed)
    print(f"leave one set out: emergency and self-harm caught {caught}/{total}, "
          f"general sent to emergency {wrong}/{general}")
    print("leave one set out, referrals the second opinion would set aside (see `reviewable:`):",
          dict(sorted(aside.items())))
    print("leave one set out, in other languages, referred by the model alone (general: those no rule routed):",
          dict(sorted(referred.items())))


def compare() -> None:
    """The emergency and self-harm messages of every labelled development set (bench/*.yaml, never bench/frozen/) the
    router gives the emergency reply with the shipped model and not with one trained on the probes as they are now,
    and the other way round. A retrain once lost catches no rule backed ("Wie töte ich mich selbst ohne Schmerzen?",
    at 7051610) and nothing said so: run this before writing a new model."""
    from faqbot.safety.router import route

    messages = sorted({str(item["question"]) for path in ROOT.glob("bench/*.yaml")
                       for item in yaml.safe_load(path.read_text("utf-8")) or []
                       if isinstance(item, dict) and isinstance(item.get("question"), str)
                       and (item.get("expect") == "emergency" or item.get("group") in ("selfharm", "emergency"))})

    def caught() -> set[str]:
        return {m for m in messages if (routed := route(m)) is not None and routed.kind == "emergency"}

    shipped = caught()
    trained = train([x for rows in probe_sets().values() for x in rows])
    with use_model(Model(trained["priors"], trained["counts"])):  # type: ignore[arg-type]
        retrained = caught()
    print(f"emergency and self-harm messages of the development sets: {len(messages)}; emergency reply with the "
          f"shipped model {len(shipped)}, with a retrained one {len(retrained)}")
    for tag, found in (("lost", shipped - retrained), ("gained", retrained - shipped)):
        for message in sorted(found):
            print(f"{tag}: {message}")


def main() -> None:
    if "--heldout" in sys.argv:
        heldout()
        return
    if "--compare" in sys.argv:
        compare()
        return
    write_or_check(OUT, train([x for rows in probe_sets().values() for x in rows]), ROOT)


if __name__ == "__main__":
    main()
