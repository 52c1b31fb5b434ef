"""Train the learned second opinion on follow-ups (faqbot/retrieval/followup_model.py).

    python scripts/train_followup_model.py            # writes faqbot/retrieval/learned_followup.json
    python scripts/train_followup_model.py --check    # exit 1 if the shipped model is out of date

Deterministic: the same dialogue sets and knowledge base always give the same file. Reads the follow-up turns
of the development dialogue sets, bench/dialogues*.yaml and bench/redteam*_dialogues_*.yaml (never bench/frozen/ or
../shared/eval), and faq.yaml's questions, alternates and answer sentences (with no context). Leave-one-set-out
figures: python scripts/followup_heldout.py.
"""

from __future__ import annotations

from model_file import write_or_check
from rank_data import FOLLOW_UP_FILES, ROOT, follow_up_sets, kb_examples
from train_learned_rank import train

from faqbot import FAQBot
from faqbot.retrieval.followup_model import answer_echoes, in_context

OUT = ROOT / "faqbot" / "retrieval" / "learned_followup.json"


def examples(bot: FAQBot, skip: str | None = None,
             patterns: tuple[str, ...] = FOLLOW_UP_FILES) -> list[tuple[set[str], str]]:
    """(features, label) of every follow-up turn of the sets ``patterns`` name (but set ``skip``'s) and every curated
    wording and answer sentence."""
    known = bot.retriever.index.idf
    limit = bot.kb.settings.max_question_chars

    def read(question: str, context: str | None) -> set[str]:
        at = bot.kb.entries.index(bot.kb.entry(context)) if context else None
        echoes = answer_echoes(bot.retriever.index, at) if at is not None else frozenset()
        return in_context(bot.normalizer.analyze(question, limit), known, context, echoes)

    data = [(read(q, None), label) for q, label in kb_examples()]
    data += [(read(q, context), label) for name, turns in follow_up_sets(patterns).items() if name != skip
             for q, context, label in turns]
    return data


def main() -> None:
    bot = FAQBot.from_yaml()
    write_or_check(OUT, train(bot, examples(bot)), ROOT)


if __name__ == "__main__":
    main()
