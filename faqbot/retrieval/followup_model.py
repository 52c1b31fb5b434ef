"""A learned second opinion on follow-ups: which entry a follow-up asks for, given the entry just answered.

The readings of :mod:`faqbot.followup` are rules: each form it knows ("why?", "what about MS?", "those
cells") is resolved one way. A chat has more forms than rules ("so it's the same drug as the addiction
one?" after what LDN is, "and has it worked well for them?" after how common addiction is). This model has
read how people follow up: a multinomial naive Bayes over the turn as typed (the features of
:mod:`faqbot.retrieval.learned`) and the entry just answered (one feature, ``c:<entry id>``; another when the turn
picks up a word of that entry's answer, ``e:<entry id>``, or has no term at all, ``z:<entry id>``: leave one dialogue
set out they put 63 turns right and 4 wrong where the model without them put 60 and 3; and each word of the turn
paired with that entry, :data:`CROSS`), trained by
``scripts/train_followup_model.py`` from the dialogue sets' follow-up turns and the knowledge base's own
wordings into ``learned_followup.json`` beside this module.

It is the pipeline's last word on a follow-up's answer (:class:`faqbot.context.FollowUpReview`): only a
lead of :data:`SWITCH` natural-log units moves the answer (or a fallback or did-you-mean) to the entry it
prefers, or an answer to the out-of-scope fallback. The bar was chosen leave one dialogue set out
(``python scripts/followup_heldout.py``). It never sees a question safety routed, nor a turn asked without
the caller's context, so single questions are decided exactly as before.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from functools import cache
from typing import TYPE_CHECKING

from faqbot.retrieval.learned import RankModel, features, read
from faqbot.text import Analysis

if TYPE_CHECKING:  # pragma: no cover
    from faqbot.retrieval.index import Index

#: natural-log lead over every other class the model needs to change a follow-up's outcome. Leave one dialogue
#: set out (18 sets, 2,820 follow-ups): 8 -> 10 -> 12 -> 14 gave 42/5, 35/3, 34/2, 28/1 turns put right/wrong
SWITCH = 12.0
#: the lead it needs when matching answered nothing (a did-you-mean or a fallback): then it fills a gap rather
#: than overrules an answer. Leave one dialogue set out (22 sets, 3,420 follow-ups): 12 -> 10 -> 8 gave 44/3, 51/5,
#: 52/8 turns put right/wrong
SWITCH_UNANSWERED = 10.0
#: ... and when matching's own learned second opinion vetoed its answer for the same ranked entry: two opinions,
#: trained on different readings of the turn, agree on what it asks
SWITCH_AGREED = 5.0
#: the lead it needs to answer with the entry just given when the turn names the drug's other form to compare the two
#: ("same drug as the addiction one?" after what LDN is, "why such a tiny dose instead of the normal one?" after the
#: low-dose effects: ``Analysis.compares`` or :func:`faqbot.text.swap.side_by_side`), which the rules read as a
#: question of that form and keep from the entry they follow, whose answer sets the two side by side. Leave one
#: dialogue set out (30 sets, 5,154 follow-ups) at 20: 6 turns put right, none wrong. Without the comparison, a
#: review's 2,054 dialogues found it answering questions of the other form alone with the entry they follow ("is plain
#: naltrexone approved by the FDA?" after the FDA answer got its "No"), 35 turns worse for 57 better
SWITCH_BACK = 20.0
#: the feature naming the entry the previous answer came from
CONTEXT = "c:"
#: a word of the turn together with the entry just answered: "why?" after the opioid-painkiller answer asks another
#: thing than "why?" after what microglia are, and one context feature beside the words cannot say so (a naive Bayes
#: model adds their weights). Leave one dialogue set out (30 sets, 4,964 follow-ups; ``python
#: scripts/followup_heldout.py``): 4,701 -> 4,726 turns right (the model put 110 right and 17 wrong, against 77 and
#: 9 without them); with the turn's terms instead of its words 4,714, with word pairs as well 4,732 but 24 wrong
CROSS = "x:"
#: beside this module in the installed package
_MODEL_FILE = os.path.join(os.path.dirname(__file__), "learned_followup.json")


#: the feature a turn has when it picks up a word of the context entry's own answer ("what are those docking spots?"
#: after how naltrexone works): the model learns how often such a turn asks that answer again
ECHO = "e:"
#: ... and when it has no term at all ("really?", "how so?", "what was that correction about?")
BARE = "z:"


def in_context(analysis: Analysis, known: Collection[str], context: str | None,
               echoes: Collection[str] = frozenset()) -> set[str]:
    """What the model reads (the same in training and use): the turn's features and the context entry, and whether
    the turn uses one of ``echoes`` (the terms of the context entry's answer, see :func:`answer_echoes`) or no term."""
    found = features(analysis, known)
    if context:
        found.add(CONTEXT + context)
        found.update(f"{CROSS}{context}|{word}" for word in analysis.words)
        if not analysis.terms:
            found.add(BARE + context)
        elif not frozenset(echoes).isdisjoint(analysis.terms):
            found.add(ECHO + context)
    return found


def answer_echoes(index: Index, entry_index: int) -> frozenset[str]:
    """The terms of an entry's answer (as the index read them, ``Index.answers``) that a follow-up to it may pick up:
    all but the knowledge base's subject, which every answer names."""
    return index.answers.terms[entry_index] - index.subject_words


@cache
def model() -> RankModel:
    """The shipped model, read on first use (only a follow-up asked with a context needs it)."""
    return read(_MODEL_FILE)
