"""Leave one dialogue set out: the follow-up model trained without a set, measured on that set.

    python scripts/followup_heldout.py [--show SET] [--switch LEAD] [--train GLOB ...]

For every development dialogue set (bench/dialogues*.yaml, bench/redteam*_dialogues_*.yaml), its dialogues are
asked twice as a chat asks them (each turn with the last answer's entry as context): with the rules alone, and with
the follow-up model (faqbot/retrieval/followup_model.py) trained on every other set and the knowledge base.
Prints the follow-up turns right in each, and the turns the model put right and wrong. Never reads bench/frozen/.

``--switch LEAD`` measures another lead for overruling matching's answer (faqbot.retrieval.followup_model.SWITCH);
``--train GLOB`` (repeatable) trains on the sets those patterns name only, to measure what a training list buys.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import yaml
from rank_data import FOLLOW_UP_FILES, follow_up_paths
from train_followup_model import examples
from train_learned_rank import train

import faqbot.context
from faqbot import FAQBot, Reply
from faqbot.retrieval.learned import RankModel, from_dict


def right(turn: dict[str, Any], reply: Reply) -> bool:
    kinds = {turn["expect"], *(turn.get("accept") or ())}
    return reply.kind in kinds and (reply.kind != "answer" or turn.get("id") in (None, reply.id))


def follow_ups(bot: FAQBot, dialogues: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Reply]]:
    """Every follow-up turn with its reply, each asked with the last answer's entry as context."""
    asked = []
    for dialogue in dialogues:
        context = None
        for number, turn in enumerate(dialogue["turns"]):
            reply = bot.ask(str(turn["q"]), context)
            if number:
                asked.append((turn, reply))
            context = reply.id if reply.kind == "answer" else context
    return asked


def with_model(bot: FAQBot, model: Callable[[], RankModel] | None) -> FAQBot:
    bot.followup_opinion = model
    bot.pipeline = bot.build_pipeline()
    return bot


def main() -> None:
    parser = argparse.ArgumentParser(description="Leave one dialogue set out: the follow-up model's figures.")
    parser.add_argument("--show", metavar="SET", help="print the turns of SET whose reply the model changed")
    parser.add_argument("--switch", type=float, metavar="LEAD", help="the lead to overrule matching's answer")
    parser.add_argument("--train", action="append", metavar="GLOB", help="train on these sets only (repeatable)")
    args = parser.parse_args()
    if args.switch is not None:
        faqbot.context.SWITCH = args.switch  # type: ignore[misc]
    trained_on = tuple(args.train) if args.train else FOLLOW_UP_FILES
    bot = FAQBot.from_yaml()
    total = before_right = after_right = gained = lost = 0
    for path in follow_up_paths():
        dialogues = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        before = follow_ups(with_model(bot, None), dialogues)
        fold = from_dict(train(bot, examples(bot, path.stem, trained_on)))
        after = follow_ups(with_model(bot, lambda fold=fold: fold), dialogues)  # type: ignore[misc]
        old = [right(t, r) for t, r in before]
        new = [right(t, r) for t, r in after]
        pairs = list(zip(old, new, strict=True))
        up, down = sum(n and not o for o, n in pairs), sum(o and not n for o, n in pairs)
        print(f"{path.stem:14} follow-ups {len(old):4}: rules {sum(old):4}, with the model {sum(new):4} "
              f"(+{up} -{down})")
        total, before_right, after_right = total + len(old), before_right + sum(old), after_right + sum(new)
        gained, lost = gained + up, lost + down
        if path.stem == args.show:
            for (turn, a), (_, b) in zip(before, after, strict=True):
                if (a.kind, a.id) != (b.kind, b.id):
                    print(f"    {str(turn['q'])[:70]!r}: {a.kind} {a.id} -> {b.kind} {b.id} "
                          f"(expect {turn['expect']} {turn.get('id') or ''})")
    print(f"\nALL follow-ups {total}: rules {before_right} ({before_right / total:.3f}), with the model "
          f"{after_right} ({after_right / total:.3f}); put right {gained}, put wrong {lost}")


if __name__ == "__main__":
    main()
