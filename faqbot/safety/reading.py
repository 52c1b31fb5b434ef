"""How the rule engine reads a question: the language voted, the words repaired sentence by sentence,
and the word classes of the packs found in them (shared by the router, the service check and explain)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import faqbot.regex as regex
from faqbot.memo import QuestionCache
from faqbot.records import dataclass
from faqbot.safety.amounts import as_counts_of_other
from faqbot.safety.durations import DURATION_NOW, as_durations_to_now
from faqbot.safety.engine import DATED, MANY, NUMBER, Lexicon, decades
from faqbot.safety.found import keep
from faqbot.safety.hyperbole import unexaggerated
from faqbot.safety.language import votes
from faqbot.safety.pack import LANGUAGES, NEUTRAL, SHADOWING, packs
from faqbot.safety.strength import name_strengths
from faqbot.text.fold import PRICE_MARK, fold, tokens

#: how many other languages a question is also read in
_OTHERS = 2
#: ... and in a message this short voted English, a language one word behind two English words is a tie
_FEW_WORDS = 6


@dataclass(frozen=True)
class Reading:
    """A question as the engine reads it: repaired tokens and the word classes found in them."""

    words: tuple[str, ...]
    found: dict[str, list[tuple[int, int]]]
    lang: str
    #: the index in ``words`` where each sentence after the first starts
    breaks: tuple[int, ...] = ()
    #: ... and where each piece after a sentence mark starts, fragments too ("She collapsed. How does LDN work?"
    #: is one sentence to a referral rule, two to a word that would cancel an emergency)
    marks: tuple[int, ...] = ()
    #: the spans of words that tell nothing of anyone's case ("the", "of", "while"): not a class any rule or
    #: story reads, only what lets the engine see that every word of a question was read (``unless_plain``)
    plain: tuple[tuple[int, int], ...] = ()
    #: the positions of the words read in that the message left out (the "I" of "Started LDN last week")
    supplied: tuple[int, ...] = ()
    #: the other languages whose words the vote counted as many of as the winner's ("solo quiero morirme" has an
    #: English, a Spanish and an Italian word): each is a guess as good as ``lang``, read whole by
    #: :func:`read_in` where a wrong guess would hide an emergency
    tied: tuple[str, ...] = ()
    #: ``found`` less the phrases that run across a sentence's end, or ``None`` when none does
    #: (:func:`_within_sentences`): what the referral rules read. The emergency rules read ``found``: an emergency may
    #: be told across sentences ("I've chosen tonight. I'm done.")
    sentence_bound: dict[str, list[tuple[int, int]]] | None = None

    @property
    def within(self) -> dict[str, list[tuple[int, int]]]:
        """The classes found inside single sentences: ``found`` less any phrase that runs across a sentence's end."""
        return self.found if self.sentence_bound is None else self.sentence_bound

    def typed(self) -> tuple[str, ...]:
        """The words as the message gave them, without those read in (``supplied``) and how long the drug has been
        taken (:data:`.durations.DURATION_NOW`): what the model reads."""
        left = {*self.supplied, *(i for start, end in self.found.get(DURATION_NOW, ()) for i in range(start, end))}
        return tuple(word for i, word in enumerate(self.words) if i not in left) if left else self.words

    def covered(self) -> set[int]:
        """The positions in ``words`` of the words some class found."""
        return {i for spans in self.found.values() for start, end in spans for i in range(start, end)}


def read(text: str) -> Reading:
    """How the rule engine reads ``text`` (cached: route, scope and explain share it)."""
    return _read_cached(text)


def read_in(text: str, lang: str) -> Reading:
    """``text`` read as if the vote had chosen ``lang``: repaired with that language's words, not another's
    (Spanish reads "morirme" as "morir me"; English keeps it whole and no Spanish phrase finds it)."""
    return _read(text, lang) if lang != read(text).lang else read(text)


def _read(text: str, forced: str | None = None) -> Reading:
    loaded = packs()
    sentences, hesitant = _sentences(fold(text))
    raw = [word for sentence in sentences for piece in sentence for word in piece]
    counts = votes(raw)
    best = max(LANGUAGES[1:], key=lambda lang: counts[lang])
    lang = forced or (best if counts[best] > counts["en"] else "en")
    # (in a few words voted English by one word, a language one behind is a tie too: "j'arrive plus à respirer" has
    # two English words, "arrive" and "plus", and one French. Only after English: every language reads English words
    # as well, and read in Spanish, "die Dosis?", voted German, was a wish to die; a review)
    near = 1 if lang == "en" and len(raw) <= _FEW_WORDS and counts[lang] <= 2 else 0
    tied = tuple(other for other in LANGUAGES if other != lang and counts[other] >= max(1, counts[lang] - near))
    # Repaired sentence by sentence, so that the sentence ends are known in the words: a referral
    # rule's words must stand in one sentence (see _route).
    words: list[str] = []
    breaks: list[int] = []
    cuts: list[int] = []
    marks: list[int] = []
    supplied: list[int] = []
    for at, sentence in enumerate(sentences):
        for i, piece in enumerate(sentence):
            if words and piece:
                marks.append(len(words))
                if i == 0:
                    breaks.append(len(words))
                    if at not in hesitant:
                        cuts.append(len(words))
            repaired = loaded.repairers[lang].repair(piece)
            piece_words = _subject(repaired, loaded.dropped.get(lang, ()), loaded.drug,
                                   loaded.dropped_gap.get(lang, frozenset()))
            supplied.extend(range(len(words), len(words) + len(piece_words) - len(repaired)))
            words.extend(piece_words)
    found = loaded.lexicons[lang].scan(words)
    # A short question may not say clearly which language it is in ("il vomit sans arret"): the word
    # classes of the next most likely languages (with two words at least, and half as many as the
    # winner) are looked for too, so that a wrong guess cannot hide an emergency.
    # A message with no sign of any language ("p0s0l0gie ldn fibr0") is read in all of them.
    unclear = max(counts.values()) < 2
    others = sorted(
        (n, other) for other, n in counts.items()
        if (unclear or n >= max(2, counts[lang] // 2)) and other not in ("en", lang)
    )[-(len(LANGUAGES) if unclear else _OTHERS):]
    # ... but not inside a phrase the question's own language shadows ("dose" in "à faible dose")
    shadows = [span for name in SHADOWING for span in found.get(name, ())]
    for _, other in others:
        for name, spans in _scan_both(loaded.own_lexicons[other], words, raw).items():
            kept = [(a, b) for a, b in spans if not any(s <= a and b <= e and e - s > b - a for s, e in shadows)]
            if kept:
                found[name] = sorted(set(found.get(name, [])) | set(kept))
    _as_decades(found, decades(words, frozenset([*marks, len(words)])))
    _as_prices(found, words)
    _as_clock_times(found, words)
    _as_counts(found)
    _as_more_to_know(found, words)
    # (where each piece of the message starts, and its end)
    bounds = [0, *marks, len(words)]
    _as_counted_medicines(found, words, bounds)
    _as_death_thoughts(found, words, bounds, lang)
    _as_everyday_cuts(found)
    as_counts_of_other(found, words, marks)
    as_durations_to_now(found, words, lang)
    _as_what_the_drug_does(found, marks, len(words))
    _as_someone_elses(found)
    plain = tuple(sorted({span for name in NEUTRAL for span in found.pop(name, ())}))
    found = _past_unless_again(found, breaks)
    return Reading(tuple(words), found, lang, tuple(breaks), tuple(marks), plain, tuple(supplied),
                   () if forced else tied, _within_sentences(found, cuts))


def _within_sentences(found: dict[str, list[tuple[int, int]]], cuts: Sequence[int]
                      ) -> dict[str, list[tuple[int, int]]] | None:
    """``found`` with only the phrases that stand in one sentence, or ``None`` when every one does: "What is LDN
    used for? My mother takes it." holds no "for my". ``cuts`` are the sentence starts after a full stop, a question
    or an exclamation mark, not after a hesitation ("je ne veux plus... être là" is one thought). (The words inside a
    phrase left out are not read again: "is it one itself? an opioid i mean" names no opioid of the asker's.)"""
    def whole(span: tuple[int, int]) -> bool:
        return not any(span[0] < cut < span[1] for cut in cuts)

    if all(whole(span) for spans in found.values() for span in spans):
        return None
    within = {name: [span for span in spans if whole(span)] for name, spans in found.items()}
    return {name: spans for name, spans in within.items() if spans}


def _as_decades(found: dict[str, list[tuple[int, int]]], at: list[int]) -> None:
    """The figures of decades ("in the 90s", "en los 80") read as dates, not as numbers: "Grandpa was on naltrexone in
    the 90s" names no amount (every language's lexicon reads a figure as a number, so this comes after them all)."""
    if not at:
        return
    _no_figures(found, set(at))
    found[DATED] = sorted(set(found.get(DATED, [])) | {(i, i + 1) for i in at})


def _as_prices(found: dict[str, list[tuple[int, int]]], words: Sequence[str]) -> None:
    """The figures a word of money or a currency sign follows read as prices, not numbers: "me cuesta 40 euros al mes,
    cuántas pastillas tomo?" tells no 40 pills taken ("40€" is read "40 pricetag", :func:`faqbot.text.fold.priced`)."""
    _no_figures(found, {start - 1 for start, _ in found.get("money", ())}
                | {i - 1 for i, word in enumerate(words) if word == PRICE_MARK})


#: the words after a figure that make it a time of day ("4am", "10 p.m.", "um 22 Uhr")
_CLOCK_AFTER = (("am",), ("pm",), ("a", "m"), ("p", "m"), ("uhr",))
_HOURS, _MINUTES = 24, 60
#: the class of a time of day, which the packs cannot list: a figure and what follows it
CLOCK = "clock"


def _as_clock_times(found: dict[str, list[tuple[int, int]]], words: Sequence[str]) -> None:
    """The figures a time of day's ending follows read as ``clock`` too: "is 10pm a good time for LDN?", "um 22 Uhr
    oder morgens?" ask when to take it, as "is bedtime..." does. The figure stays a number: read as no figure, a time
    left "I'll end it at 3am" and "is 10pm ok for LDN?" to a fallback (a review)."""
    at = {i: i + 1 + len(after) for i in range(len(words)) if _an_hour(words, i)
          for after in _CLOCK_AFTER if tuple(words[i + 1:i + 1 + len(after)]) == after}
    if at:
        found[CLOCK] = sorted(set(found.get(CLOCK, [])) | set(at.items()))


def _an_hour(words: Sequence[str], i: int) -> bool:
    """Whether ``words[i]`` is an hour, or the minutes after one ("10:30pm"): "I took 40, am I in danger?" tells no
    time."""
    return _below(words[i], _HOURS + 1) or (i > 0 and _below(words[i - 1], _HOURS + 1) and _below(words[i], _MINUTES))


def _below(word: str, bound: int) -> bool:
    """Whether ``word`` is a figure under ``bound``."""
    return word.isdigit() and int(word) < bound


def _as_counts(found: dict[str, list[tuple[int, int]]]) -> None:
    """The figures a thing a question counts follows at once read as no amount: "top 5 conditions", "in 2 sentences"
    (a review found "counted" cancelling the amount rules anywhere near, "tres cápsulas efectos secundarios, ¿es
    mucho?" lost its referral)."""
    # ... written as a word too ("en deux mots", "in two sentences")
    _no_figures(found, {start - 1 for start, _ in found.get("counted", ())}, (NUMBER, MANY, "number_word"))


#: what one may need more or less of that is no medicine ("my mum needs more information before she asks her GP")
_TO_KNOW = frozenset({"information", "info", "details", "detail", "facts", "research", "evidence", "studies",
                      "questions", "time"})


def _as_more_to_know(found: dict[str, list[tuple[int, int]]], words: Sequence[str]) -> None:
    """"More" or "less" right before something to know read with it, as what one reads about, not as an amount
    ("needs more information", "more details"): a review found "What is LDN? My mum needs more information." referred
    as an amount changed."""
    spans = found.get("more_or_less", [])
    known = [(a, b + 1) for a, b in spans if b < len(words) and words[b] in _TO_KNOW]
    if not known:
        return
    keep(found, "more_or_less", [(a, b) for a, b in spans if (a, b + 1) not in known])
    found["reading_about"] = sorted(set(found.get("reading_about", [])) | set(known))


#: a count of ten to 99 right before an everyday painkiller's own name ("took 28 paracetamol", "se tragó veinte
#: ibuprofenos"): pills counted by the name, which no normal dose is. Not other medicines: "took 20 citalopram", "50
#: tramadol" are strengths said without their unit (a review found 83 such), and "tramadol 50" names one too
COUNTED = "counted_medicine"


#: the words before a figure that make it a clock time or a date, or less than a count ("at 10, ibuprofen at 12",
#: "um 10", "a las 10", "half a dozen")
_NOT_A_COUNT = frozenset({"at", "on", "um", "las", "alle", "as", "a", "half", "for", "ore", "uhr", "vers"})
#: ... and the words a little before it that make the taking a supposition ("what would happen if I took 20 ibuprofen?",
#: "suppose I took 15", "si je prenais 20 doliprane")
_SUPPOSED = frozenset({"if", "suppose", "supposing", "imagine", "si", "wenn", "falls"})


def _as_counted_medicines(found: dict[str, list[tuple[int, int]]], words: Sequence[str], bounds: Sequence[int]
                          ) -> None:
    """The count and the painkiller's name read together as ``counted_medicine``, unless its piece of the message counts
    them over time, hands them over or carries them (``spread``: "over the last week", "the GP gave me"). The parts are
    no class any other rule or story reads: the count alone is read as no more than ``many``, the name as a medicine."""
    names = {start: end for start, end in found.pop("otc_painkiller", ())}
    spread = {bisect_right(bounds, start) for start, _ in found.pop("spread", ())} | _over_days(words, bounds)
    # (ten to 99 in figures: "800 ibuprofen" is a strength)
    figures = [(start, end) for start, end in found.get(NUMBER, ())
               if words[start].isdigit() and 10 <= int(words[start]) < 100]
    counted = [(start, names[end]) for start, end in (*found.pop("dozens", ()), *figures)
               if end in names and (not start or words[start - 1] not in _NOT_A_COUNT)
               and _SUPPOSED.isdisjoint(words[max(start - 4, 0):start])
               and bisect_right(bounds, start) not in spread]
    if counted:
        found[COUNTED] = counted


#: days, weeks or months a count may be spread over ("over 3 days", "en tres días"), unless they say how long ago ("2
#: days ago", "hace 2 días", "vor 2 Tagen", "2 giorni fa")
_DAYS = frozenset({"days", "weeks", "months", "dias", "semanas", "meses", "jours", "semaines", "mois", "tage", "tagen",
                   "wochen", "monate", "giorni", "settimane", "mesi"})
_AGO = frozenset({"ago", "hace", "vor", "fa", "atras"})


def _over_days(words: Sequence[str], bounds: Sequence[int]) -> set[int]:
    """The pieces (as :func:`bisect.bisect_right` numbers them in ``bounds``) that spread a count over days or weeks."""
    parts = [(piece, words[bounds[piece - 1]:bounds[piece]]) for piece in range(1, len(bounds))]
    return {piece for piece, part in parts if not _DAYS.isdisjoint(part) and _AGO.isdisjoint(part)}


#: thoughts that keep turning to dying, said of oneself ("I keep thinking about dying", "pienso en morirme"): the words
#: of dwelling right before the words of dying, which end their clause there or go on only to say how often or since
#: when, or to ask the question ("..., how does LDN work?"). "dying my hair", "dying from my heart condition", "dying
#: patients", "Mum dying", "not being here next week" say what, of what, who or when
THOUGHT = "death_thought"  # (and an "I" in its piece, in English)
_HOW_OFTEN = frozenset({
    "a", "all", "again", "and", "any", "at", "but", "constantly", "daily", "every", "everyday", "lately", "lot", "alot",
    "more", "most", "much", "nonstop", "nowadays", "often", "or", "recently", "so", "sometimes", "still", "these",
    "today", "tonight", "too", "now", "right", "because", "cause", "bc", "since", "honestly", "tbh", "lol", "instead",
    "when", "if", "just", "anyway"})
#: ... or, told with an "I", asks the question after it ("I keep thinking about dying, how does LDN work?"; "thoughts of
#: dying can be a side effect" says what they can be)
_ASKS_AFTER = frozenset({"how", "what", "why", "where", "who", "which", "does", "do", "can", "could", "should", "will",
                          "would", "anyone", "is"})
#: ... and the English words before them that say the thoughts are others', no longer anyone's, or what something
#: may bring on ("why do patients think about dying?", "I no longer think about dying", "can LDN cause thoughts of
#: dying?")
_NOT_MINE = frozenset({"people", "patients", "they", "others", "everyone", "folks", "someone", "anyone", "longer",
                       "never", "discussed", "discuss", "cause", "causes", "causing", "trigger", "triggers", "give",
                       "gives"})
#: ... and a word that may stand between the two ("ich denke daran zu sterben")
_TO = frozenset({"zu", "de", "di", "a", "em", "en"})
#: ... and in the other languages, the words after the words of dying that say of what, from what or by what
_OF_WHAT = frozenset({"de", "di", "da", "do", "du", "del", "von", "an", "par", "por", "dalla", "della", "pelo", "pela"})


def _as_death_thoughts(found: dict[str, list[tuple[int, int]]], words: Sequence[str], bounds: Sequence[int],
                       lang: str) -> None:
    """The thoughts of dying read as ``death_thought``; its parts (``dying``, ``thought_of``) are no class any other
    rule or story reads."""
    dying: dict[int, int] = {}
    for name in ("die", "dying"):
        for start, end in found.get(name, ()):
            dying[start] = max(end, dying.get(start, end))
    found.pop("dying", None)
    # (the other languages' words of dwelling say who dwells: "pienso en", "je pense à"; English ones need an "I")
    own = {bisect_right(bounds, start) for name in ("self", "i_am", "i_am_bare") for start, _ in found.get(name, ())}
    dwelling = {i for name in ("ideation", "thought_of") for a, b in found.get(name, ()) for i in range(a, b)}
    thoughts = []
    for name in ("ideation", "thought_of"):
        for start, end in found.get(name, ()):
            stop = dying.get(end, dying.get(end + 1) if end < len(words) and words[end] in _TO else None)
            piece = bisect_right(bounds, start)
            # (or said first in its piece, the "I" left out: "cant stop thinking about dying", "thoughts of dying")
            first = all(i in dwelling or words[i] in _HOW_OFTEN for i in range(bounds[piece - 1], start))
            told = piece in own and tuple(words[max(start - 2, 0):start]) != ("used", "to")
            mine = lang != "en" or ((told or first) and (not start or words[start - 1] not in _NOT_MINE))
            if stop is not None and mine and _ends_there(words, stop, bounds, lang, asks=told):
                thoughts.append((start, stop))
    found.pop("thought_of", None)
    if thoughts:
        found[THOUGHT] = sorted(set(thoughts))


def _ends_there(words: Sequence[str], at: int, bounds: Sequence[int], lang: str, *, asks: bool) -> bool:
    """Whether the words of dying that end before ``at`` end their piece, or what follows says only how often (or, when
    ``asks``, starts a question)."""
    if at in bounds:
        return True
    if lang != "en":
        return words[at] not in _OF_WHAT
    return words[at] in _HOW_OFTEN or (asks and words[at] in _ASKS_AFTER)


def _as_everyday_cuts(found: dict[str, list[tuple[int, int]]]) -> None:
    """A self-harm phrase that cuts or burns (``cut_verb``) right before what an everyday cut is made on or with
    (``everyday_cut``) read as no self-harm: "I cut myself shaving", "quiero cortarme el pelo". Only then:
    "Suizidgedanken, Haare fallen aus" names hair beside no cut, and "I cut myself with cooking knives" cuts with
    them (a review)."""
    everyday = {start for start, _ in found.get("everyday_cut", ())}
    verbs = {i for start, end in found.get("cut_verb", ()) for i in range(start, end)}
    if not everyday or not verbs:
        return
    keep(found, "self_harm", [(start, end) for start, end in found.get("self_harm", ())
                               if end not in everyday or verbs.isdisjoint(range(start, end))])


def _as_what_the_drug_does(found: dict[str, list[tuple[int, int]]], marks: list[int], size: int) -> None:
    """A plea's "help" (``urgent``) read as what the drug does (``helps``) in a question about it: the drug or "it"
    right before it, a question word before that in its piece and an object after it ("how does it help people
    recovering?", "como a naltrexona ajuda quem..."). "overdose ldn help please", "overdose ldn help him" and "help
    me" still plead (a review found pleas lost to a first version that asked no question word)."""
    subjects = {end for name in _HELPERS for _, end in found.get(name, ())}
    helps = set(found.get("helps", ()))
    asks = [start for name in _ASKING for start, _ in found.get(name, ())]
    if not subjects or not helps or not asks:
        return
    ends = [*marks, size]

    def asked(start: int, end: int) -> bool:
        piece = bisect_right(marks, start)
        opens = marks[piece - 1] if piece else 0
        return ((start, end) in helps and start in subjects and end < ends[piece]
                and any(opens <= at < start for at in asks))

    keep(found, "urgent", [span for span in found.get("urgent", ()) if not asked(*span)])


#: who or what a "help" said of what something does follows, and the words that make its piece a question
_HELPERS = ("drug", "it_word")
_ASKING = ("wh_question", "yes_no")


def _as_someone_elses(found: dict[str, list[tuple[int, int]]]) -> None:
    """An illness told without "I" (``i_have``: "diagnosed with", which chat says of oneself) right after someone
    else read as theirs: "My husband was diagnosed with MS last year" tells his illness, not the asker's."""
    others = {end for name in _OTHERS_NAMED for _, end in found.get(name, ())}
    if not others or "i_have" not in found:
        return
    mine = found.get("self", [])
    keep(found, "i_have", [(start, end) for start, end in found["i_have"]
                            if any(a < end and start < b for a, b in mine)
                            or others.isdisjoint(range(start - _BEFORE_VERB, start + 1))])


#: who an illness told without "I" right after them belongs to, and how many words ("was", "got") may stand between
_OTHERS_NAMED = ("relation", "third_person")
_BEFORE_VERB = 2


def _no_figures(found: dict[str, list[tuple[int, int]]], at: set[int],
                classes: tuple[str, ...] = (NUMBER, MANY)) -> None:
    """The figures (one token each) at the positions ``at`` taken out of the number ``classes``."""
    for name in classes:
        keep(found, name, [span for span in found.get(name, ()) if span[0] not in at])


def _subject(words: list[str], dropped: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
             drug: Sequence[tuple[str, ...]], gap: frozenset[str]) -> list[str]:
    """The words of a piece of a sentence (what follows a sentence mark) with the "I" that chat drops before a verb of
    one's own treatment read back in: "Started LDN last month and can't sleep" tells the writer's own case as "I
    started LDN..." does (``dropped_subject:``). Only with the drug or "it" just after the opener, past none but
    ``gap`` words ("Started on a tiny dose of LDN"): "Started a blog about LDN", "Started reading up on LDN" and
    "Been on holiday" tell no treatment (red-team sets, ``bench/redteam94_session43.yaml`` and ``95``)."""
    for opener, subject in dropped:
        if tuple(words[:len(opener)]) == opener:
            at = len(opener)
            while at < len(words) and words[at] in gap:
                at += 1
            named = at < len(words) and (words[at] == "it" or any(tuple(words[at:at + len(name)]) == name
                                                                  for name in drug))
            return [*subject, *words] if named else words
    return words


#: what tells that something happened long ago ... unless its sentence says something is happening again or now
#: ("he overdosed in 2015 and is overdosing again", "stopped cutting in 2018. tonight i started again": a short first
#: sentence is read with the next)
_PAST = ("long_ago", "dated", "resolved")


def _past_unless_again(found: dict[str, list[tuple[int, int]]], breaks: list[int]) -> dict[str, list[tuple[int, int]]]:
    again = {bisect_right(breaks, start) for start, _ in found.get("again", ())}
    for name in _PAST if again else ():
        keep(found, name, [span for span in found.get(name, ()) if bisect_right(breaks, span[0]) not in again])
    return found


def _scan_both(lexicon: Lexicon, words: list[str], raw: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Another language's classes in the repaired words and in the words as typed, where the repairs kept every
    word in its place: a question voted English ("¿Cómo me quito la vida?" has as many English words as
    Spanish ones) was repaired against English words, and "quito" became "quit"."""
    found = lexicon.scan(words)
    if len(raw) == len(words) and raw != words:
        for name, spans in lexicon.scan(raw).items():
            found[name] = sorted(set(found.get(name, [])) | set(spans))
    return found


#: routing, scope and the trace read the same question
_read_cached: QuestionCache[Reading] = QuestionCache(_read, maxsize=256)


#: where one sentence ends and the next begins: a mark after a word of two letters or more, and a word
#: after it ("...takes naltrexone. How does it help?"), never "n. a. l. t." spelled out, "4.5" or "u.s."; a bracket or a
#: quote may close before or after the mark ("(diagnosed in 2019).", 'she said "no."') and open the next sentence. Not
#: before Spanish "¿" or "¡": Spanish leaves the subject out ("Mi madre tiene lupus. ¿Puede tomar LDN?" names her
#: only in the first sentence), and reading such a question apart from its story cost a frozen referral probe (wave
#: 40) in the forty-sixth session
_CLOSE = "[)\\]\"'\u2019\u201d]*"
SENTENCE_END = regex.compile(rf"(?<=\w\w){_CLOSE}[.!?]+{_CLOSE}\s+(?=[^\W\d]|[(\"\u201c])")
#: a piece this short is a fragment of its neighbour's sentence ("Is it safe? For me, I mean.",
#: "Naltrexone. How much. Me. Now."), not a sentence of its own
_FRAGMENT_WORDS = 4


def _sentences(text: str) -> tuple[list[list[list[str]]], set[int]]:
    """The words of each piece of ``text`` between sentence marks (folded), grouped into sentences: a fragment
    is grouped with the sentence before it. Also which sentences begin after a hesitation ("...") rather than a
    sentence's end."""
    out: list[list[list[str]]] = []
    hesitant: set[int] = set()
    ends = [match.group() for match in SENTENCE_END.finditer(text)]
    for at, piece in enumerate(SENTENCE_END.split(text)):
        words = tokens(unexaggerated(name_strengths(piece)))
        if out and (len(words) <= _FRAGMENT_WORDS or sum(map(len, out[-1])) <= _FRAGMENT_WORDS):
            out[-1].append(words)
        else:
            if at and ".." in ends[at - 1]:
                hesitant.add(len(out))
            out.append([words])
    return out, hesitant
