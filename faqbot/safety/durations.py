"""A time told since something started, not how long ago: Spanish "hace", Portuguese "faz", "há".

"tomo LDN hace un mes", "uso LDN há três meses", "estoy tomando LDN hace dos meses" say the drug has been taken for a
month up to now, as "desde hace" and "seit" do; the packs' ``long_ago`` reads "hace un mes" as an event a month in the
past ("la tomé hace un mes"), which tells a case as over and done and cancels the rules that read it: an asker's own
symptom on the drug was not referred, and a self-harm sign or yellow eyes told beside it lost the emergency rule. Right
after the drug taken in the present, such a time is read as no ``long_ago``; after a verb in the past ("la tomé hace un
mes", "tomei LDN há um ano") or of someone else ("mi tío tomó naltrexona hace años", which folds to the same "tomo"),
it stays one. Such a time is also left out of what the second opinion reads (``DURATION_NOW``, read by
:meth:`.Reading.typed`): its model learned "há", "hace" as the "ago" of an emergency ("tomei tudo há uma hora"), and
read "uso naltrexona há um mês e estou com náusea" as one (a review).
"""

from __future__ import annotations

from collections.abc import Sequence

from faqbot.safety.found import Found, keep

#: the languages whose "since" is said so
LANGUAGES = ("es", "pt")
#: the class of such a time, which no rule reads
DURATION_NOW = "duration_now"
#: the words that start a time counted back from now
SINCE = frozenset({"hace", "faz", "ha"})
#: the classes of the drug taken, right before which such a time is how long it has been taken
TAKEN = ("on_drug", "drug")
#: the verbs of taking in the past, as folded ("tomé", "tomaba", "usé", "tomei", "usava")
PAST = frozenset({"tome", "tomaba", "tomabas", "tomamos", "tomaron", "tomaste", "use", "usaba", "usaron", "tomei",
                  "tomou", "tomava", "tomaram", "usei", "usou", "usava", "usaram", "prove", "probe", "probo",
                  "experimentei", "dejo", "deje", "parei", "parou", "tomado", "usado"})
#: the classes that name someone else taking it, whose "tomó" folds to the asker's "tomo"
OTHERS = ("relation", "third_person")
#: how many words before the drug the verb may stand ("tomo la LDN", "estoy tomando LDN")
_VERB_BEFORE = 2


def as_durations_to_now(found: Found, words: Sequence[str], lang: str) -> None:
    """The ``long_ago`` spans of ``found`` that count how long the drug has been taken up to now taken out (in a message
    in one of ``LANGUAGES``)."""
    spans = found.get("long_ago")
    if not spans or lang not in LANGUAGES:
        return
    taken = {end: start for name in TAKEN for start, end in found.get(name, ())}
    others = [start for name in OTHERS for start, _ in found.get(name, ())]
    now = [(start, end) for start, end in spans
           if words[start] in SINCE and start in taken and _present(words, taken[start], others)]
    if not now:
        return
    found[DURATION_NOW] = now
    keep(found, "long_ago", [span for span in spans if span not in now])


def _present(words: Sequence[str], drug: int, others: Sequence[int]) -> bool:
    """Whether the drug starting at ``drug`` is told taken by the asker now: no verb of the past right before it and
    nobody else named before it."""
    verbs = words[max(drug - _VERB_BEFORE, 0):drug + 1]
    return PAST.isdisjoint(verbs) and not any(start < drug for start in others)
