"""Train the learned second opinion on retrieval (faqbot/retrieval/learned.py).

    python scripts/train_learned_rank.py            # writes faqbot/retrieval/learned_rank.json
    python scripts/train_learned_rank.py --check    # exit 1 if the shipped model is out of date

Deterministic: the same labelled sets and knowledge base always give the same file. Reads the labelled
sets listed in scripts/rank_data.py (never bench/frozen/ or ../shared/eval) and faq.yaml's questions and
alternates; the questions are analysed by the bundled bot's normaliser, so an edit to faq.yaml (its
synonyms, its wordings) can make the shipped model stale, and the test suite says so.
Leave-one-set-out figures: python scripts/rank_heldout.py.
"""

from __future__ import annotations

import sys
from collections import Counter

from model_file import write_or_check
from rank_data import ROOT, kb_examples, labelled_sets

from faqbot import FAQBot
from faqbot.retrieval.learned import OUT_OF_SCOPE, features

OUT = ROOT / "faqbot" / "retrieval" / "learned_rank.json"


def examples(bot: FAQBot, skip: str | None = None, never: frozenset[str] = frozenset()) -> list[tuple[set[str], str]]:
    """(features, label) of every labelled question (but set ``skip``'s and the sets ``never`` names), every curated
    wording and answer sentence."""
    texts = [(t.question, t.label) for name, dialogues in labelled_sets().items() if name != skip and name not in never
             for d in dialogues for t in d if t.label is not None]
    texts += kb_examples()
    known = bot.retriever.index.idf
    limit = bot.kb.settings.max_question_chars
    return [(features(bot.normalizer.analyze(q, limit), known), label) for q, label in texts]


def train(bot: FAQBot, data: list[tuple[set[str], str]]) -> dict[str, object]:
    ids = [e.id for e in bot.kb.entries]
    unknown = {label for _, label in data} - {*ids, OUT_OF_SCOPE}
    if unknown:
        sys.exit(f"labelled questions name entries faq.yaml does not have: {', '.join(sorted(unknown))}")
    classes = [*ids, OUT_OF_SCOPE]
    priors = Counter(label for _, label in data)
    totals: Counter[str] = Counter()
    counts: dict[str, Counter[int]] = {}
    for found, label in data:
        totals[label] += len(found)
        for feature in found:
            counts.setdefault(feature, Counter())[classes.index(label)] += 1
    flat = {f: [x for i, n in sorted(c.items()) for x in (i, n)] for f, c in sorted(counts.items())}
    return {"classes": classes, "priors": [priors[c] for c in classes], "totals": [totals[c] for c in classes],
            "counts": flat}


def main() -> None:
    bot = FAQBot.from_yaml()
    write_or_check(OUT, train(bot, examples(bot)), ROOT)


if __name__ == "__main__":
    main()
