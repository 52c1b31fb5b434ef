"""A second opinion: a small naive Bayes model over the question's words.

The rules read words a person listed; this model weighs every word and word pair it has seen in the project's
labelled safety probes (``bench/safety_dev*_probes.yaml`` and ``bench/safety_wave*_probes.yaml``, trained by
``scripts/train_second_opinion.py`` into ``packs/second_opinion.json``). It is asked when no rule fired, and
with a higher bar when a referral rule did; it can add an emergency or self-harm reply (and, in the five
languages other than English, a referral: :data:`MARGIN_REFERRAL`), and set aside a referral only where
``reviewable:`` in rules.yaml allows (never an emergency). In leave-one-set-out runs over those probe sets it
caught 3,164 of 3,326 emergency and self-harm probes while sending 25 of 3,373 general questions to emergency
(``python scripts/train_second_opinion.py --heldout``; the three blind sets added in the twenty-eighth session,
each held out, gain one emergency apiece over the model trained before them). On blind waves written afterwards,
first looks before they were trained on: training on the earlier waves too raised the bot's emergency recall on
``bench/safety_wave10_probes.yaml`` from 0.951 to 0.979; on ``bench/safety_wave12_probes.yaml`` a bar over a
referral of 40 lost four emergencies that 25 caught, hence the bars below.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import pairwise

from faqbot.records import dataclass

#: how much likelier (natural log) an emergency must be than a referral or general question. In
#: leave-one-set-out runs over the labelled sets (``scripts/train_second_opinion.py --heldout``) a few
#: general questions in a thousand led by more than this; on a blind wave the model had not seen
#: (safety wave 12) 16, 20 and 25 caught the same emergencies but for one.
MARGIN = 20.0
#: the bar when a referral rule has fired: personal questions ("can I split the pill?") share the model's words for
#: emergencies. It was 35 until the twenty-sixth session (on safety wave 12, unseen, 40 lost 4 of the 183 emergencies
#: 25 caught). At 30, over the development and red-team sets the model never trained on, it caught 25 more
#: emergencies than 35 (an unconscious mother who took a load of tramadol, stroke and jaundice signs told beside
#: "she's on LDN", a throat closing), sent 5 referral questions to the emergency reply ("my wife took her LDN 2 hours
#: late") and 3 general ones to a referral, with person-and-action kept at MARGIN_WARY ("I'm thinking about starting
#: LDN" leads towards self-harm by 31). 28 and 25 for every rule caught 37 and 57 for 16 and 30 worse.
MARGIN_OVER_REFERRAL = 30.0
#: the bar beside a referral read only from a person with a condition (``told`` in rules.yaml's
#: ``second_opinion_bars:``): "my brother with fibro gave his things away and says we'll soon not have to worry
#: about him" names a person and a condition, not an intake or an amount. On the development and red-team sets the
#: model never trained on, 25 caught 9 more emergencies and self-harm messages than 35 and sent 4 personal questions
#: that were referred to the emergency reply, no general one
MARGIN_OVER_CASE = 25.0
#: the bar beside a person and an action, above the one after a referral: "I'm thinking about starting LDN" leads
#: towards self-harm by 31
MARGIN_WARY = 35.0
#: the margin of each bar ``second_opinion_bars:`` in rules.yaml may give a referral rule
BAR_MARGINS = {"plain": MARGIN, "told": MARGIN_OVER_CASE, "wary": MARGIN_WARY}
CLASSES = ("selfharm", "emergency", "referral", "general")


def features(words: Sequence[str]) -> set[str]:
    """Words, word pairs and four-letter runs of the folded question (the same for training and use)."""
    text = " ".join(words)
    found = set(words)
    found.update(f"{a}_{b}" for a, b in pairwise(words))
    found.update("#" + text[i : i + 4] for i in range(max(0, len(text) - 3)))
    return found


@dataclass(frozen=True)
class Model:
    """The trained counts (``packs/second_opinion.json``)."""

    #: class -> number of training questions
    priors: Mapping[str, int]
    #: feature -> questions per class that had it, in CLASSES order
    counts: Mapping[str, Sequence[int]]

    def log_odds(self, words: Sequence[str]) -> dict[str, float]:
        total = sum(self.priors.values())
        scores = {c: math.log(self.priors[c] / total) for c in CLASSES}
        for feature in features(words):
            counts = self.counts.get(feature)
            if counts is None:
                continue
            seen = sum(counts)
            for c, n in zip(CLASSES, counts, strict=True):
                # Smoothed likelihood against the feature's overall rate: unseen pairings cost little.
                scores[c] += math.log((n + 0.5) / (self.priors[c] + 1)) - math.log(
                    (seen + 0.5 * len(CLASSES)) / (total + len(CLASSES))
                )
        return scores


#: fewer words than this are left to the rules
MIN_WORDS = 4
#: up to this many words the bar is the margin itself; beyond, it grows in proportion
WORDS_AT_BAR = 8


#: how much likelier a general question must be than any other class for a referral to be set aside
#: (only on the rules and questions ``reviewable:`` in rules.yaml allows). In leave-one-set-out runs no
#: referral probe of that shape led towards general at all (``scripts/train_second_opinion.py --heldout``).
MARGIN_GENERAL = 10.0


#: how much likelier a referral must be than any other class for the model to refer a question in
#: another language that no rule routed. In leave-one-set-out runs over the safety probe sets, the model
#: alone led by more than this on 990 of the 1,237 referral probes in other languages and on 14 of their
#: 1,515 general ones that no rule routed (``scripts/train_second_opinion.py --heldout``).
MARGIN_REFERRAL = 10.0


#: the model refers a question only when it names someone or something of a case: a person, an intake, an
#: amount, a time, a medicine, drinking, pregnancy ("L'LDN si usa anche per l'endometriosi?" names none of them)
REFERRAL_NEEDS = frozenset({
    "self", "relation", "someone", "someone_with", "third_person", "mine", "i_am", "i_am_bare", "i_have", "i_on",
    "for_me", "advice", "intake", "intake_past", "timing", "number", "number_word", "unit", "dose_word", "dose_core",
    "quantity", "ask_amount", "form", "medicine", "alcohol", "pregnancy", "age_group", "missed", "action", "titrate",
    "dose_size", "dose_level", "how_often", "how_low",
})


#: ... more than taking it when it asks how many people in general take it ("nehmen viele Leute LDN bei MS?" is
#: nobody's case; "Nehmen die meisten Patienten LDN abends?" asks when to take it), and names no other drug, organ
#: disease or advice ("nehmen viele Patienten mit Leberzirrhose LDN?" asks whether it suits them; a review)
TAKING = frozenset({"intake", "intake_past"})
_HOW_MANY_TAKE = frozenset({"generic_people", "many"})
_SUITS_WHOM = frozenset({"opioid", "organ_condition", "advice_generic"})
#: ... nor when it says who should not take it, or what it is used for, of anyone ("wer sollte kein LDN nehmen?",
#: "si usa LDN per la fibromialgia?", "Schlafen Leute, die LDN nehmen, schlechter?"), as English answers "who should
#: not take LDN?"; unless it asks whether that is all right, or names something else taken beside it (a medicine, a
#: food or drink, a second intake), a condition had, an operation or an organ disease ("la gente que toma LDN puede
#: tomar café?", "chi non dovrebbe prendere LDN con la dialisi?"; two reviews)
_ANYONE = frozenset({"said_of_anyone", "generic_people"})
_ANYONE_UNLESS = frozenset({"combine", "food_drink", "medicine", "meds_word", "others", "alcohol", "ok_word",
                            "safety_ask", "has", "ailment", "procedure", "organ_condition"})


def refers(words: Sequence[str], margin: float = MARGIN_REFERRAL, *, named: Collection[str] | None = None) -> bool:
    """Whether the model is sure by ``margin`` that the question is a dosing or personal one (and, given the word
    classes the question ``named``, that it names one of :data:`REFERRAL_NEEDS`, more than :data:`TAKING` when it
    asks how many people take it, or says of anyone who should not take it or what it is used for)."""
    if named is not None:
        needed = REFERRAL_NEEDS - TAKING if _taken_by_nobody_named(named) else REFERRAL_NEEDS
        if needed.isdisjoint(named):
            return False
    return _sure(words, ("referral",), margin) is not None


def _taken_by_nobody_named(named: Collection[str]) -> bool:
    """Whether a question with these classes tells of taking the drug only of people in general or of anyone (see
    :data:`_HOW_MANY_TAKE` and :data:`_ANYONE`)."""
    if not _SUITS_WHOM.isdisjoint(named):
        return False
    if _HOW_MANY_TAKE.issubset(named):
        return True
    return not _ANYONE.isdisjoint(named) and _ANYONE_UNLESS.isdisjoint(named) and not _takes_more(named)


def _takes_more(named: Collection[str]) -> bool:
    """Whether the question tells of taking twice, apart ("quien toma LDN puede tomar café?"): something else is taken
    beside it (the spans of the class, when ``named`` holds them)."""
    spans = sorted(named.get("intake", ())) if isinstance(named, Mapping) else []
    return any(start >= end for (_, end), (start, _) in pairwise(spans))


def reads_general(words: Sequence[str], margin: float = MARGIN_GENERAL) -> bool:
    """Whether the model is sure by ``margin`` that the question is a general one."""
    return _sure(words, ("general",), margin) is not None


#: how near self-harm may come to an emergency in the model's reading for the self-harm reply to be the one given
#: to a message only the model sends there. Over the development and red-team sets it never trained on, the model's
#: emergencies labelled self-harm led towards self-harm by this or less in 17 of 131 ("Me rajo los brazos con una
#: cuchilla", "I'm about to do something stupid."), its other emergencies in 2 of 475 (before the classes below kept
#: bodies and mishaps out): a carbon-monoxide alarm with headaches and a plan told as self-harm.
NEAR_SELF_HARM = 5.0
#: a body in trouble or a mishap, which the emergency reply (with poison help) answers better than the self-harm one
#: (a review found a fall from a balcony and a stove left on all night given the self-harm reply)
BODY_OR_MISHAP = frozenset({"severe_symptom", "symptom_word", "vomit", "breathing", "airway", "swell", "acute",
                            "altered", "ailment", "unwell", "headache_word", "mishap", "accident", "craft_use"})


def leans(found: Collection[str]) -> float:
    """How near self-harm may come for :func:`opinion` to choose it, for a message with these word classes."""
    return NEAR_SELF_HARM if BODY_OR_MISHAP.isdisjoint(found) else 0.0


def opinion(words: Sequence[str], margin: float = MARGIN, *, near: float = 0.0) -> str | None:
    """``"selfharm"`` or ``"emergency"`` when the model is sure by ``margin``, else ``None``; ``"selfharm"`` too when
    it leads towards an emergency by no more than ``near`` (:func:`leans`)."""
    scores = _scores(words)
    verdict = _leader(scores, len(words), ("selfharm", "emergency"), margin) if scores is not None else None
    if verdict == "emergency" and near and scores is not None and scores["selfharm"] >= scores["emergency"] - near:
        return "selfharm"
    return verdict


def _sure(words: Sequence[str], wanted: tuple[str, ...], margin: float) -> str | None:
    """The likeliest of ``wanted`` when it leads every other class by ``margin`` (scaled by length)."""
    scores = _scores(words)
    return _leader(scores, len(words), wanted, margin) if scores is not None else None


def _scores(words: Sequence[str]) -> dict[str, float] | None:
    """The model's log-odds for ``words``, or ``None`` for a text too short or too long to weigh."""
    if len(words) < MIN_WORDS or len(words) > 400:
        # A long text is padding or a paste, and three words ("and my wife?") are too few to weigh:
        # the rules read both; the model does not.
        return None
    return model().log_odds(words)


def _leader(scores: dict[str, float], size: int, wanted: tuple[str, ...], margin: float) -> str | None:
    """The likeliest of ``wanted`` when it leads every other class by ``margin``, scaled by ``size`` words."""
    best = max(wanted, key=lambda c: scores[c])
    lead = scores[best] - max(scores[c] for c in CLASSES if c not in wanted)
    # Every word adds evidence, so a long text of ordinary words drifts towards some class: 100 to 400
    # random everyday words led by up to 1.4 to 2.1 a word. The bar grows with the length past
    # WORDS_AT_BAR words, to 2.5 a word.
    return best if lead > margin * max(1.0, size / WORDS_AT_BAR) else None


_LOCK = threading.Lock()
_MODEL: list[Model] = []
#: where :func:`model` gets the model when :func:`preload` gave it one
_SOURCE: list[Callable[[], Model | None]] = []
#: beside this module in the installed package (importlib.resources would cost more than the reading)
_MODEL_FILE = os.path.join(os.path.dirname(__file__), "packs", "second_opinion.json")


def preload(source: Callable[[], Model | None]) -> None:
    """Get the model from ``source`` (the cache of built bots) on first use; the JSON file if it gives None."""
    with _LOCK:
        if not _MODEL and not _SOURCE:
            _SOURCE.append(source)


def model() -> Model:
    if not _MODEL:
        with _LOCK:
            if not _MODEL:
                given = _SOURCE[0]() if _SOURCE else None
                _MODEL.append(given if given is not None else _read())
    return _MODEL[0]


@contextmanager
def use_model(given: Model) -> Iterator[None]:
    """Ask ``given`` instead of the shipped model meanwhile (leave-one-set-out runs)."""
    model()  # loaded first, so that the shipped model is what comes back afterwards
    with _LOCK:
        saved = list(_MODEL)
        _MODEL[:] = [given]
    try:
        yield
    finally:
        with _LOCK:
            _MODEL[:] = saved


def _read() -> Model:
    import json  # here, not at the top: a question a rule routed never needs the model

    with open(_MODEL_FILE, encoding="utf-8") as stream:
        data = json.load(stream)
    return Model(data["priors"], data["counts"])
