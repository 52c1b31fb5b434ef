"""What a word of excess counts: a medicine, or time and things one takes that are no dose.

"I took too many", "ho preso troppe pillole" tell an overdose; "it took too much time", "me tomó demasiado tiempo",
"j'ai pris trop de temps", "I took extra shifts", "I took a handful of notes" do not, though the same verb of intake
stands before the same word of excess: such messages got the emergency reply in all six languages. The packs'
``not_a_dose`` lists, in each language, what a count may count that is no medicine (time and its units, notes, photos,
questions, shifts, holidays, coffee); a word of ``excess`` or ``too_much`` right before one (past an "of" and an article
or possessive: "too much of my time") or right after one ("tomei tempo demais") is read as no excess. Not when the word
names a supply or a medicine after all: a medicine, a unit or a figure within three words after it ("too many days of
my LDN", "too much time release oxycodone", "too much coffee and pills"), a supply ("a week's worth"), or a day, week
or month with no word of how long or what for after it ("I took too many days" is a supply; "several weeks for my LDN
to arrive" a time). Only beside those words: what is left unnamed ("I took too many", "took extra by mistake") or any
other noun ("took a handful of Tylenol", a slang name no pack lists) stays an excess, since a lost emergency costs most
(two reviews found emergencies lost to first forms that lacked these checks). A word of more or less
(``more_or_less``: "plus de photos", "mehr Urlaub", "il doppio del tempo") is read the same way: beside such a noun it
asks no change of dose.

The English phrase rules (:mod:`.rules`) read the same words, listed here: a count beside them is no overdose, and
"I took", "I had" with one of them (or of :data:`IDIOMS`: "I took a look", "I had a bunch of tests") tells nothing of
the asker's health.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from faqbot.safety.found import Found, keep

#: the classes a count of time or everyday things is taken out of (not ``many``: "took three weeks of pills")
COUNTS = ("excess", "too_much", "more_or_less")
#: the class of what a count may count that is no dose
OTHER = "not_a_dose"
#: the classes that, within ``NEAR`` words after such a word, make it a medicine's name or a supply after all ("too
#: many days of my LDN", "too much time release oxycodone", "several days of my 4.5 mg", "tomei dias demais de LDN")
MEDICINE = ("form", "drug", "meds_word", "medicine", "dose_core", "unit", "opioid", "number")
NEAR = 3
#: ... with none of these between, which say where, when, why or of what ("me tomó demasiado tiempo para conseguir la
#: LDN", "too many questions about LDN"; "and" links a second thing taken: "too much coffee and my pills")
#: (the English ones also for the phrase rules of :mod:`.rules`)
STOPS_EN = ("for", "to", "in", "on", "at", "with", "from", "by", "after", "before", "since", "until", "while", "but",
            "when", "if", "about", "regarding")
STOPS = frozenset({*STOPS_EN, "para", "por", "pour", "per", "fur", "um", "zu", "con", "avec", "mit", "em", "en",
                   "sobre", "sur", "uber", "su"})
#: the words right after such a word that make it a supply after all
WORTH = frozenset({"worth", "supply", "supplies", "release", "released"})
#: the days, weeks and months a supply is counted in ("I took too many days", "tomé demasiados días", "several days of
#: oxys"): such a word counts time only before a word of how long or what for ("several weeks for my LDN to arrive",
#: "three days off")
UNITS_EN = ("day", "days", "week", "weeks", "month", "months")
SUPPLY_UNITS = frozenset({*UNITS_EN, "dia", "dias", "semana", "semanas", "mes", "meses", "jour", "jours", "semaine",
                          "semaines", "mois", "tag", "tage", "tagen", "woche", "wochen", "monat", "monate", "giorno",
                          "giorni", "settimana", "settimane", "mese", "mesi"})
#: ... and those words of how long or what for
DURATION_EN = ("for", "to", "off", "ago", "until", "till", "before", "since")
DURATION = frozenset({*DURATION_EN, "para", "hasta", "desde", "pour", "jusqu", "depuis", "per", "fino", "da", "fur",
                      "bis", "um", "zu", "seit", "ate"})
#: the words that may stand between the count and what it counts, as folded: "of", the articles and possessives
#: of the six languages ("too much of my time", "trop de temps", "troppo del mio tempo")
BETWEEN = frozenset({
    "of", "the", "a", "an", "my", "his", "her", "their", "our", "your",
    "de", "del", "la", "el", "los", "las", "mi", "mis", "su", "sus",
    "d", "du", "des", "le", "les", "l", "mon", "ma", "mes", "son", "sa", "ses",
    "der", "die", "das", "den", "dem", "meine", "meinen", "meiner", "seine", "seinen", "ihre", "ihren",
    "di", "della", "dello", "dei", "degli", "delle", "il", "lo", "gli", "mio", "mia", "miei", "mie",
    "do", "da", "dos", "o", "os", "as", "meu", "minha", "meus", "minhas"})
#: ... and how many of them
_MOST_BETWEEN = 2


#: the everyday things a count may count or one may take or have, which are no medicine and say nothing of anyone's
#: health: "took extra shifts", "took more than a year", "I took the day off", "I had a bunch of tests"
EVERYDAY = (
    "time", "minute", "minutes", "hour", "hours", "days", "week", "weeks", "month", "months", "year", "years",
    "ages", "forever", "afternoon", "weekend", "weekends", "summer", "winter", "autumn", "day off",
    "days off", "week off", "time off", "care", "effort", "courage", "notes", "photos", "photo", "pictures", "picture",
    "selfies", "screenshots", "fun", "breaks", "naps", "walks", "steps", "tries", "attempts", "turns", "trips",
    "holidays", "vacation", "vacations", "shifts", "night shifts", "day shifts", "classes", "courses", "lessons",
    "exams", "tests", "quiz", "questions", "calls", "phone calls", "emails", "messages", "buses", "family", "breakfast",
    "lunch", "dinner", "supper", "visitors", "guests", "money", "cash", "savings", "research", "advice", "info",
    "information", "patience", "precautions", "risks", "chances", "deep breaths", "stress", "coffee")
#: ... and the nouns of everyday things one takes or has that are verbs too ("I took a look", "had a think"): only
#: after "I took", "I had" (a word of excess right before one may end a clause with no comma: "took too many think I'm
#: dying")
IDIOMS = ("while", "look", "peek", "glance", "plunge", "leap", "nap", "walk", "shower", "bath", "chat", "think",
           "read", "seat", "step", "test", "bus", "train", "taxi", "flight", "leave", "reading")
#: ... and the illnesses and operations, which are no dose but are someone's case
HEALTH_EVENTS = ("sclerosis", "flares", "flare ups", "relapses", "bouts", "surgery", "surgeries", "operations",
                  "infections", "covid", "flu")
#: what a count may count that is no medicine ("had multiple sclerosis" too): the English pack's `not_a_dose`, which
#: the engine's rules read as above (a test keeps the two the same)
NOT_A_DOSE = EVERYDAY + HEALTH_EVENTS


def alternatives(words: tuple[str, ...]) -> str:
    """The words as alternatives of a pattern over the prepared text (a space matching a hyphen too)."""
    return "|".join(word.replace(" ", r"[-\ ]") for word in words)


def as_counts_of_other(found: Found, words: Sequence[str], marks: Collection[int]) -> None:
    """The spans of the ``COUNTS`` classes that count time or everyday things taken out of ``found``; the
    ``not_a_dose`` class itself is read by no rule and is removed too. ``marks``: where each piece of the message after
    a sentence mark starts ("I took too many. Days later..." counts nothing across the full stop)."""
    medicines = sorted(start for name in MEDICINE for start, _ in found.get(name, ()))
    others = [(start, end) for start, end in found.pop(OTHER, ())
              if not _names_a_dose(words, end, medicines, marks)]
    if not others:
        return
    starts = {start for start, _ in others}
    ends = {end for _, end in others}
    for name in COUNTS:
        keep(found, name, [(start, end) for start, end in found.get(name, ())
                           if (start not in ends or start in marks) and not _counts(end, words, starts, marks)])


def _names_a_dose(words: Sequence[str], end: int, medicines: Sequence[int], marks: Collection[int]) -> bool:
    """Whether the word that ends at ``end`` names a supply ("a week's worth", "three days supply", "too many days", a
    time released) or a medicine stands within ``NEAR`` words after it in its piece ("too many days of my LDN")."""
    at = end + 1 if end < len(words) and words[end] == "s" else end
    if at < len(words) and words[at] in WORTH:
        return True
    if end - 1 >= 0 and words[end - 1] in SUPPLY_UNITS and (at >= len(words) or words[at] not in DURATION):
        return True
    return any(end <= start < at + NEAR and not any(end < mark <= start for mark in marks)
               and STOPS.isdisjoint(words[end:start]) for start in medicines)


def _counts(end: int, words: Sequence[str], starts: set[int], marks: Collection[int]) -> bool:
    """Whether what follows position ``end`` (past at most two words of ``BETWEEN``, in the same piece) starts a
    ``not_a_dose`` word."""
    at = end
    while at not in starts and at < len(words) and at - end < _MOST_BETWEEN and words[at] in BETWEEN:
        at += 1
    return at in starts and not any(end <= mark <= at for mark in marks)
