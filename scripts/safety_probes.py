"""Router figures on a probe set (bench/safety_dev_probes.yaml format): recall per group and language.

    python scripts/safety_probes.py bench/safety_dev_probes.yaml [--misses]

Reads routing only (faqbot.safety.route), so it measures the rules, not the matcher.
"""

from __future__ import annotations

import sys
from collections import defaultdict

import yaml

from faqbot.safety import detect_language, route


def main(path: str, show: bool) -> None:
    with open(path, encoding="utf-8") as file:
        probes = yaml.safe_load(file)
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    lang_right = 0
    for probe in probes:
        routed = route(probe["question"])
        group, lang = probe["group"], probe["lang"]
        lang_right += detect_language(probe["question"]) == lang
        if group == "general":
            ok = routed is None or routed.kind in (probe.get("accept") or ())
        elif group == "referral":
            ok = routed is not None
        elif group == "selfharm":
            ok = routed is not None and routed.self_harm
        else:
            ok = routed is not None and routed.kind == "emergency"
        for key in ((group, lang), (group, "all")):
            tally[key][0] += ok
            tally[key][1] += 1
        if not ok:
            misses.append((group, lang, probe["question"], routed and (routed.kind, routed.rule, routed.matched)))
    label = {"general": "general, not routed", "referral": "referral recall", "emergency": "emergency recall",
             "selfharm": "self-harm reply"}
    for group in ("emergency", "selfharm", "referral", "general"):
        cells = []
        for lang in ("all", "en", "es", "fr", "de", "pt", "it"):
            right, total = tally[(group, lang)]
            if total:
                cells.append(f"{lang} {right}/{total}")
        print(f"{label[group]:22} " + "  ".join(cells))
    print(f"language detected right: {lang_right}/{len(probes)}")
    if show:
        for miss in misses:
            print("MISS", *miss)


if __name__ == "__main__":
    main(sys.argv[1], "--misses" in sys.argv)
