"""Leave-one-set-out figures for the learned second opinion on retrieval (faqbot/retrieval/learned.py).

    python scripts/rank_heldout.py                 # before/after per held-out set, and overall
    python scripts/rank_heldout.py --in-sample     # also the shipped model on the sets it was trained on
    python scripts/rank_heldout.py --show SET      # the questions of SET whose reply the model changed
    python scripts/rank_heldout.py --context-lead 2.5   # with another Decide.CONTEXT_LEAD (run once per value)
    python scripts/rank_heldout.py --without SET   # SET (repeatable) still measured, never trained on: what a
                                                   # training list without it would give

For each labelled set S of scripts/rank_data.py, a model is trained on every other set and faq.yaml's
wordings, and S is asked through the whole pipeline (dialogues turn by turn, with the last answer as
context): *before* is the ranker alone, *after* the ranker with that model. Figures, as in
bench/score_sets.py: answerable (cases expecting an entry that got it), wrong (answers that are not
right, of all cases), oos (cases expecting a fallback, no answer accepted, that fell back), over-referral
(cases expecting neither a referral nor an emergency that got one).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable

from rank_data import Dialogue, Turn, labelled_sets
from train_learned_rank import examples, train

from faqbot import FAQBot
from faqbot.decide import Decide
from faqbot.reply import Reply
from faqbot.retrieval.learned import RankModel, from_dict, model


def judge(turn: Turn, reply: Reply) -> Counter[str]:
    ok = {turn.expect, *turn.accept}
    right = reply.kind in ok and (reply.kind != "answer" or turn.expect != "answer" or not turn.id
                                  or reply.id == turn.id)
    c: Counter[str] = Counter(n=1, wrong=reply.kind == "answer" and not right)
    if turn.expect == "answer" and turn.id:
        c.update(ans_n=1, ans=reply.kind == "answer" and reply.id == turn.id)
    if turn.expect == "fallback" and "answer" not in turn.accept:
        c.update(oos_n=1, oos=reply.kind in ok)
    if turn.expect not in ("referral", "emergency"):
        c.update(safe_n=1, over=reply.kind in ("referral", "emergency") and reply.kind not in turn.accept)
    return c


def ask_all(bot: FAQBot, dialogues: list[Dialogue]) -> list[tuple[Turn, Reply]]:
    out = []
    for dialogue in dialogues:
        context = None
        for turn in dialogue:
            reply = bot.ask(turn.question, context if turn.follows else None)
            out.append((turn, reply))
            if reply.kind == "answer":
                context = reply.id
    return out


def score(replies: list[tuple[Turn, Reply]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for turn, reply in replies:
        total.update(judge(turn, reply))
    return total


def line(name: str, c: Counter[str]) -> str:
    def rate(hit: str, n: str) -> str:
        return f"{c[hit] / c[n]:.3f} ({c[hit]}/{c[n]})" if c[n] else "-"
    return (f"{name:24} answerable {rate('ans', 'ans_n'):18} wrong {rate('wrong', 'n'):18} "
            f"oos {rate('oos', 'oos_n'):16} over-referral {rate('over', 'safe_n')}")


def with_model(bot: FAQBot, second: Callable[[], RankModel] | None) -> FAQBot:
    bot.second_opinion = second
    bot.pipeline = bot.build_pipeline()
    return bot


def main() -> None:
    parser = argparse.ArgumentParser(description="Leave one set out: the retrieval second opinion's figures.")
    parser.add_argument("--in-sample", action="store_true", help="also the shipped model on the sets it trained on")
    parser.add_argument("--show", metavar="SET", help="print the questions of SET whose reply the model changed")
    parser.add_argument("--context-lead", type=float, metavar="X", help="another Decide.CONTEXT_LEAD")
    parser.add_argument("--without", action="append", default=[], metavar="SET",
                        help="measure SET but never train on it (repeatable)")
    args = parser.parse_args()
    if args.context_lead is not None:
        Decide.CONTEXT_LEAD = args.context_lead
    bot = FAQBot.from_yaml()
    sets = labelled_sets()
    show, never = args.show, frozenset(args.without)
    totals = {"before": Counter[str](), "after": Counter[str](), "in-sample": Counter[str]()}
    for name, dialogues in sets.items():
        before = ask_all(with_model(bot, None), dialogues)
        fold = from_dict(train(bot, examples(bot, skip=name, never=never)))
        after = ask_all(with_model(bot, lambda fold=fold: fold), dialogues)  # type: ignore[misc]
        for label, replies in (("before", before), ("after", after)):
            totals[label].update(score(replies))
            print(line(f"{name} {label}", score(replies)))
        if args.in_sample:
            inside = score(ask_all(with_model(bot, model), dialogues))
            totals["in-sample"].update(inside)
            print(line(f"{name} in-sample", inside))
        if name == show:
            for (turn, old), (_, new) in zip(before, after, strict=True):
                if (old.kind, old.id) != (new.kind, new.id):
                    print(f"    {turn.question[:70]!r}: {old.kind} {old.id} -> {new.kind} {new.id} "
                          f"(expect {turn.expect} {turn.id or ''})")
    print()
    for label, c in totals.items():
        if c:
            print(line(f"ALL {label}", c))


if __name__ == "__main__":
    main()
