"""The rule engine: word classes found in a question, and rules that fire when classes co-occur.

A rule is not a phrase. It names groups of word classes ("a quantity word", "the drug or an intake
verb") that must all occur within a window of tokens, and classes that cancel it when they stand
right beside the match ("strength" next to "evidence"). The classes and rules are data: see
``packs/`` and :mod:`faqbot.safety.packs`. All work is linear in the number of tokens: phrases are
looked up in dictionaries, never by backtracking regular expressions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from typing import Literal

import faqbot.regex as regex
from faqbot.records import dataclass

RouteKind = Literal["emergency", "referral"]

#: the class every number token belongs to, whatever the pack says
NUMBER = "number"
#: the class of whole numbers of three or more: a count of pills already too many to have taken
MANY = "many"
#: a year told as a date ("back in 2009", "em 2012", "nel 2015"): when something happened, never an amount
DATED = "dated"
#: a year or a decade ("2013", "1980s"), and the units after which it would be an amount or a time after all
#: ("2000 mg", "at 2000 hrs")
_YEAR = regex.compile(r"(?:19|20)\d\ds?")
_UNITS = frozenset({"mg", "mcg", "ml", "g", "milligram", "milligrams", "microgram", "micrograms", "hrs", "hr", "hours",
                    "h"})
#: the words a year follows ("in 2019", "the 2013 trial", "since 2015"); "says 1900 for the LDN, would 2030 be
#: better?" are times of day (a red-team review)
_BEFORE_YEAR = frozenset({"in", "since", "from", "the", "a", "an", "of", "by", "around", "circa", "until", "till",
                          "before", "after", "during", "early", "late", "mid", "back", "year", "to"})


#: the words before a year told as the date of an event: "in" in the six languages, and German "im Jahr 2012"
#: ("since 2019" goes on to now)
_IN_YEAR = frozenset({"in", "em", "en", "nel", "im", "dans", "jahr"})
#: a window wider than any question: an ``unless_sentence`` class cancels anywhere in its sentence (one that says
#: something happens again or now keeps the sentence in the present: the packs' ``again``, read by :mod:`.reading`)
_WHOLE = 1 << 30


#: what follows a decade's figure ("the 90s", "die 80er", "in den 80ern")
_DECADE_AFTER = frozenset({"s", "er", "ern"})
#: the word for years before one, which makes it a decade wherever it stands ("los años 80", "les années 80", "negli
#: anni 80", "nos anos 80"; accents folded), and the articles that do so before a decade's ending or at the end of a
#: piece of a sentence ("in the 90s", "en los 80."; "in her late 80s" is an age, "the 90 pills" a count)
_DECADE_YEARS = frozenset({"anos", "anni", "annees", "decada", "decade"})
_DECADE_ARTICLES = frozenset({"the", "los", "den", "die", "les"})
#: what may stand between the article and the figure ("in the late 90s")
_DECADE_PART = frozenset({"early", "late", "mid"})
#: what must come before the article when no ending follows the figure: "en los 80." is a time, "me tomé los 80." a
#: count
_DECADE_PREPOSITIONS = frozenset({"in", "en", "dans", "since", "desde", "durante", "during", "seit", "de", "from",
                                  "until", "hasta"})


def decades(tokens: Sequence[str], ends: frozenset[int]) -> list[int]:
    """The positions of the figures in ``tokens`` that name a decade ("in the 90s", "en los 80"): a time, no amount.
    ``ends``: where each piece of a sentence ends. Not the 50s, which are also naltrexone's usual tablets ("makes his
    own from the 50s")."""
    found = []
    for i, token in enumerate(tokens):
        if len(token) != 2 or not token.isdigit() or token[1] != "0" or token[0] in "05":
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        j = i - 1
        while j >= 0 and tokens[j] in _DECADE_PART:
            j -= 1
        before = tokens[j] if j >= 0 else ""
        timed = j > 0 and tokens[j - 1] in _DECADE_PREPOSITIONS
        if after not in _UNITS and (before in _DECADE_YEARS or (
                before in _DECADE_ARTICLES and (after in _DECADE_AFTER or (timed and i + 1 in ends)))):
            found.append(i)
    return found


#: ... the same in the other five languages ("em 2026", "en pleno 2026", "im Jahr 2026", "depuis 2019", "nel 2015"),
#: and the words of "it's 2026": the year it is now
_BEFORE_YEAR_ABROAD = frozenset({"em", "en", "nel", "im", "dans", "jahr", "pleno", "desde", "seit", "depuis", "dal",
                                 "ano", "anno", "annee", "del", "do", "du", "des", "its"})
_BEFORE_YEAR_PAIRS = frozenset({("it", "s"), ("it", "is")})


def _year(tokens: Sequence[str], i: int) -> bool:
    decade = tokens[i].endswith("s")
    before = tokens[i - 1] if i > 0 else ""
    told = (before in _BEFORE_YEAR or before in _BEFORE_YEAR_ABROAD
            or (i > 1 and (tokens[i - 2], before) in _BEFORE_YEAR_PAIRS))
    return (bool(_YEAR.fullmatch(tokens[i])) and (decade or told)
            and (i + 1 == len(tokens) or tokens[i + 1] not in _UNITS))


@dataclass(frozen=True)
class ClassRule:
    """A rule over word classes, as loaded from a pack."""

    name: str
    kind: RouteKind
    #: each group is a set of alternative classes; one class of every group must occur
    groups: tuple[frozenset[str], ...]
    window: int = 8
    #: how near the anchor the second group must stand, when it is nearer than ``window`` (0: ``window``):
    #: "her face is drooping" tells of a face, "my face hurts and the plant is drooping" does not
    near: int = 0
    #: classes that cancel a match when they stand within ``unless_window`` tokens of it
    unless: frozenset[str] = frozenset()
    unless_window: int = 3
    #: classes that cancel a match anywhere in the sentence of its anchor ("I overdosed on heroin back in 2009 and
    #: have been clean since": an event dated long ago is past)
    unless_sentence: frozenset[str] = frozenset()
    #: whether the cancelling classes count only in the sentence of the match: a case told in a sentence of its own
    #: is not cancelled by the general words of the question after it ("Mio padre ha la nausea. Le persone che
    #: prendono LDN hanno nausea?")
    unless_own_sentence: bool = False
    #: classes that cancel a match only beside its anchor (the first group's word)
    unless_anchor: frozenset[str] = frozenset()
    #: classes that cancel a match wherever they stand ("how much ... cost" asks a price)
    unless_anywhere: frozenset[str] = frozenset()
    #: asked in impersonal words ("can you", "someone", "people") about nobody in particular, the
    #: question is general: one of these classes anywhere, and none of ``persons``, cancels the rule
    unless_impersonal: frozenset[str] = frozenset()
    #: classes that name the asker or someone they speak for ("I", "my mum", "someone with lupus")
    persons: frozenset[str] = frozenset()
    #: ... and these cancel the rule when nobody is named, whatever the situation: "does the article
    #: cover pregnancy?" asks what the text says, "I'm pregnant, what does the article say?" is one case
    unless_unnamed: frozenset[str] = frozenset()
    #: ... and these cancel it as ``unless_impersonal`` does, but only in a question whose every word is
    #: read as some class: a case told in words no class holds ("for a broken rib", "had a tooth out
    #: yesterday") keeps the referral (a red-team review)
    unless_plain: frozenset[str] = frozenset()
    #: the classes that name someone (the pack's ``persons`` without its ``situations``)
    named: frozenset[str] = frozenset()
    self_harm: bool = False
    #: at most this many tokens (0: any) and, with ``read_whole``, every word read by a class or as plain ("amount?")
    max_tokens: int = 0
    read_whole: bool = False
    fires: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryFrames:
    """Cancelling classes that tell an event as a story (a film, the news, a lesson, a day's work: ``frames:`` in
    rules.yaml) in a rule's ``unless_impersonal``: the people the story names are its own ("her brother", "him"), and
    only one of ``keeps`` standing outside the frame's phrase keeps the event real ("my dad", "right now")."""

    stories: frozenset[str] = frozenset()
    keeps: frozenset[str] = frozenset()
    #: ... the classes that deny a frame standing just before it ("not an essay", "das ist kein Film")
    denials: frozenset[str] = frozenset()
    #: ... those that own it there, as part of its phrase ("my screenplay", "meine Neuro-Prüfung")
    owners: frozenset[str] = frozenset()
    #: ... for a frame that tells a story only beside one of them in its piece, those classes: a job tells the
    #: events of a working day beside a routine ("I'm a paramedic and we see overdoses every shift"), not
    #: otherwise ("I'm a lifeguard and a kid isn't breathing")
    needs: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: ... and the classes that end a frame's piece ("..., but the patient in bay 4 is seizing")
    breaks: frozenset[str] = frozenset()
    #: ... and those of a time right after a frame, when one watched or read it, part of its phrase ("im Tatort
    #: gestern", "in the episode yesterday"); told apart from the frame, "yesterday" keeps the event real
    times: frozenset[str] = frozenset()
    #: ... and the classes that tell a case in an emergency's own piece of a sentence ("feeling", "wanna", "since"):
    #: with one there, impersonal words in another piece no longer cancel the emergency ("feeling suicidal. what
    #: side effects does LDN have?"), while a bare heading keeps them ("Suicide. Is it a side effect of LDN?")
    tells: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Framing:
    """Cancelling classes that frame only the words of their own piece of a sentence, and where the pieces start:
    "does LDN" makes "does LDN cause collapse?" a question about the drug, but not "She collapsed. How does LDN
    work?" (a fragment the reading joins to its sentence for the other classes)."""

    classes: frozenset[str]
    marks: Sequence[int]
    #: the story frames, read in the same pieces (:class:`StoryFrames`)
    frames: StoryFrames = field(default_factory=StoryFrames)

    def cuts(self, found: Mapping[str, list[tuple[int, int]]]) -> list[int]:
        """Where the pieces a frame reaches over start: the sentence marks and the words of ``breaks``."""
        return sorted({*self.marks, *(start for name in self.frames.breaks for start, _ in found.get(name, ()))})

    def story(self, found: Mapping[str, list[tuple[int, int]]], cancels: frozenset[str]) -> list[tuple[int, int]]:
        """Where the frames among ``cancels`` stand when ``found`` tells the event a rule cancelled by them fired on
        only as a story (those with ``needs`` only beside one of them); empty when the event is real."""
        framed = self.frames.stories & cancels & found.keys()
        if not framed:
            return []
        beside = {name: {bisect_right(self.marks, start) for need in needs for start, _ in found.get(need, ())}
                  for name, needs in self.frames.needs.items() if name in framed}
        spans = [(start, end) for name in framed for start, end in found[name]
                 if name not in beside or bisect_right(self.marks, start) in beside[name]]
        if not spans or any(start - _BEFORE_FRAME <= end <= start for name in self.frames.denials
                            for _, end in found.get(name, ()) for start, _ in spans):
            return []
        # a possessive just before a frame is read as part of its phrase
        owned = [(a, end) for name in self.frames.owners for a, b in found.get(name, ())
                 for start, end in spans if start - _BEFORE_FRAME <= b <= start]
        # ... and so is a time right after it
        timed = [(start, b) for name in self.frames.times for a, b in found.get(name, ())
                 for start, end in spans if a == end]
        return spans if self.frames.keeps.isdisjoint(_outside(found, [*spans, *owned, *timed])) else []


#: how many words before a frame a denial or a possessive reaches ("not even an essay", "my neuro exam")
_BEFORE_FRAME = 2


@dataclass(frozen=True)
class Hit:
    """Where a rule fired: the token span and the classes that made it fire."""

    rule: ClassRule
    start: int
    end: int
    classes: tuple[str, ...]


class Lexicon:
    """Every class's phrases, indexed for a left-to-right scan of the tokens."""

    def __init__(self, phrases: Mapping[str, Sequence[tuple[str, ...]]], shadowing: frozenset[str], *,
                 loose: frozenset[str] = frozenset(), fillers: frozenset[str] = frozenset(),
                 loose_persons: frozenset[str] = frozenset()) -> None:
        #: token tuple -> classes; a phrase whose last token ends in "*" is a prefix
        self._exact: dict[tuple[str, ...], set[str]] = {}
        self._prefix: dict[tuple[tuple[str, ...], str], set[str]] = {}
        self._prefix_lengths: set[int] = set()
        self._starts: set[str] = set()
        self._longest = 1
        self._prefix_heads: set[tuple[str, ...]] = set()
        self._seen: dict[tuple[str, ...], frozenset[str]] = {}
        self.shadowing = shadowing
        #: classes whose phrases also match with words of ``fillers`` put inside them (see :meth:`_loosely`)
        self.loose, self.fillers, self.loose_persons = loose, fillers, loose_persons
        for name, entries in phrases.items():
            for phrase in entries:
                self._add(name, phrase)


    def __getstate__(self) -> dict[str, object]:
        # ``_seen`` memoises token runs from questions already routed: not for a pickled copy.
        return {**self.__dict__, "_seen": {}}
    def _add(self, name: str, phrase: tuple[str, ...]) -> None:
        self._longest = max(self._longest, len(phrase))
        if len(phrase) > 1:
            self._starts.add(phrase[0])
        last = phrase[-1]
        if last.endswith("*"):
            stem = last[:-1]
            self._prefix.setdefault((phrase[:-1], stem), set()).add(name)
            self._prefix_heads.add(phrase[:-1])
            self._prefix_lengths.add(len(stem))
        else:
            self._exact.setdefault(phrase, set()).add(name)

    def scan(self, tokens: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
        """Class name -> sorted (start, end) token spans where one of its phrases occurs."""
        found: dict[str, list[tuple[int, int]]] = {}
        shadow = (-1, -1)
        for i, token in enumerate(tokens):
            longest = self._longest if token in self._starts else 1
            for size in range(min(longest, len(tokens) - i), 0, -1):
                # Inside a longer shadowing phrase nothing else counts: "low dose" in "low dose
                # naltrexone" is the drug's name, "dose" in "high doses" is a size, not a dose question.
                if shadow[0] <= i and i + size <= shadow[1] and shadow[1] - shadow[0] > size:
                    continue
                for name in self._classes_at(tokens, i, size):
                    if name in self.shadowing and i + size > shadow[1]:
                        shadow = (i, i + size)
                    found.setdefault(name, []).append((i, i + size))
            if i and tokens[i - 1] in _IN_YEAR and _YEAR.fullmatch(token) and not token.endswith("s"):
                found.setdefault(DATED, []).append((i - 1, i + 1))
            # a number inside a shadowing phrase is part of it ("explain like I'm 5" asks for plain words), and a
            # year is no amount ("the 2013 LDN trial", "the 1980s") unless a unit follows it
            if token[0].isdigit() and not shadow[0] <= i < shadow[1] and not _year(tokens, i):
                found.setdefault(NUMBER, []).append((i, i + 1))
                if token.isdigit() and len(token) <= 4 and int(token) >= 3:
                    found.setdefault(MANY, []).append((i, i + 1))
        if self.loose and not self.fillers.isdisjoint(tokens):
            self._loosely(tokens, found)
        return found

    def _loosely(self, tokens: Sequence[str], found: dict[str, list[tuple[int, int]]]) -> None:
        """Add the spans where a phrase of a ``loose`` class occurs once the ``fillers`` are read past: people put
        "really", "just" or "total" inside the words of despair ("I don't really want to be here anymore", "I'm a
        total burden"), and a list of phrases cannot hold every place one may stand."""
        kept = [i for i, token in enumerate(tokens) if token not in self.fillers]
        plain = [tokens[i] for i in kept]
        # where the writer's words start or end: such a phrase starts right there ("I'm a total burden", "I don't
        # really want to be here"); "a massive burden to the NHS" tells of nobody
        writer = {edge for name in self.loose_persons for span in found.get(name, ()) for edge in span}
        for i, token in enumerate(plain):
            longest = self._longest if token in self._starts else 1
            for size in range(min(longest, len(plain) - i), 1, -1):
                start, end = kept[i], kept[i + size - 1] + 1
                if end - start == size:
                    continue  # no filler inside: the plain scan has read it
                if start not in writer:
                    continue
                for name in self.loose & self._classes_at(plain, i, size):
                    spans = found.setdefault(name, [])
                    if (start, end) not in spans:
                        spans.append((start, end))
                        spans.sort()

    def _classes_at(self, tokens: Sequence[str], i: int, size: int) -> frozenset[str]:
        window = tuple(tokens[i : i + size])
        known = self._seen.get(window)
        if known is not None:
            return known
        names = set(self._exact.get(window, ()))
        head, last = window[:-1], window[-1]
        # A word a shadowing class lists whole is that class's, not another's guessed by its start:
        # "suizidrate" (a statistic) is no "suizid*" (self-harm)
        if head in self._prefix_heads and self.shadowing.isdisjoint(names):
            for length in self._prefix_lengths:
                if length <= len(last):
                    names.update(self._prefix.get((head, last[:length]), ()))
        result = frozenset(names)
        if len(self._seen) < 200_000:  # bounded: a long question repeats its words
            self._seen[window] = result
        return result


def first_hit(rules: Sequence[ClassRule], found: Mapping[str, list[tuple[int, int]]], size: int = 0,
              breaks: Sequence[int] = (), cancel_breaks: Sequence[int] = (), *,
              last: Mapping[str, list[tuple[int, int]]] | None = None,
              plain: Sequence[tuple[int, int]] = (), framing: Framing | None = None) -> Hit | None:
    """The first rule (in order) whose groups all occur within its window, in a question of ``size`` tokens;
    with ``breaks`` (the token indices where sentences start), within one sentence too. With ``cancel_breaks``
    a cancelling word counts only in its own sentence: "he is hard to wake. Why does naltrexone block
    opioids?" asks in general only after the emergency is told (the router reads emergencies so). With
    ``last`` (the classes of the message's last sentence, when it has more than one) a rule's
    ``unless_impersonal`` and ``unless_plain`` cancel it only from there: a sentence told after the general
    question may be a case ("does LDN block painkillers? been on tramadol for years"). ``plain`` holds the spans of
    words no class reads but that tell nothing of a case, for ``unless_plain``."""
    for rule in rules:
        if (rule.max_tokens and size > rule.max_tokens) or (rule.read_whole and not _all_read(found, size, plain)):
            continue
        hit = _match(rule, found, breaks, cancel_breaks, last=last, size=size, plain=plain, framing=framing)
        if hit is not None:
            return hit
    return None


def _spans(found: Mapping[str, list[tuple[int, int]]], names: frozenset[str]) -> list[tuple[int, int, str]]:
    spans = [(start, end, name) for name in names for start, end in found.get(name, ())]
    spans.sort()
    return spans


#: classes whose phrases can hold a situation's word that is no situation there: "pain" in "pain meds" is
#: part of the medicine's name, not anyone's condition; "stop" in "stop painkillers working" is what the drug
#: does, not anyone's stopping it. (A person's word counts wherever it stands: "meine" in "meine Medikamente".)
_HOLDS_SITUATIONS = ("medicine", "blocks_effect")


def _standing(found: Mapping[str, list[tuple[int, int]]], names: frozenset[str], persons: frozenset[str]) -> bool:
    """Whether one of ``names`` occurs: one of ``persons`` anywhere, a situation not inside a longer phrase
    of :data:`_HOLDS_SITUATIONS`."""
    if not persons.isdisjoint(found.keys() & names):
        return True
    longer = [span for name in _HOLDS_SITUATIONS for span in found.get(name, ())]
    return any(not any(a <= start and end <= b and b - a > end - start for a, b in longer)
               for name in names for start, end in found.get(name, ()))


def outside_frames(found: Mapping[str, list[tuple[int, int]]], frames: frozenset[str]
                   ) -> Mapping[str, list[tuple[int, int]]]:
    """``found`` without the spans that lie inside a phrase of one of ``frames``: the "I" of "in a show I watched" is
    who watched, not anyone in trouble, so a person named only there leaves the question impersonal."""
    return _outside(found, [span for name in frames for span in found.get(name, ())])


def _outside(found: Mapping[str, list[tuple[int, int]]], inside: Sequence[tuple[int, int]]
             ) -> Mapping[str, list[tuple[int, int]]]:
    """``found`` without the spans that lie inside one of the longer spans ``inside``."""
    if not inside:
        return found
    kept = {name: [(start, end) for start, end in spans
                   if not any(a <= start and end <= b and b - a > end - start for a, b in inside)]
            for name, spans in found.items()}
    return {name: spans for name, spans in kept.items() if spans}


def impersonal(found: Mapping[str, list[tuple[int, int]]], cancels: frozenset[str], persons: frozenset[str]) -> bool:
    """Whether a question with these classes is cancelled as impersonal by ``cancels`` (a phrase rule's, as
    ``unless_impersonal`` does for the engine's): one of them, and nobody of ``persons`` but inside its phrase."""
    return not cancels.isdisjoint(found) and persons.isdisjoint(outside_frames(found, cancels))


def _all_read(found: Mapping[str, list[tuple[int, int]]], size: int, plain: Sequence[tuple[int, int]]) -> bool:
    """Whether every one of a question's ``size`` words stands in some class's phrase or in a ``plain`` span."""
    read = {i for spans in (*found.values(), plain) for start, end in spans for i in range(start, end)}
    return size > 0 and len(read & set(range(size))) == size


def _match(rule: ClassRule, found: Mapping[str, list[tuple[int, int]]], breaks: Sequence[int] = (),
           cuts: Sequence[int] = (), *, last: Mapping[str, list[tuple[int, int]]] | None = None,
           size: int = 0, plain: Sequence[tuple[int, int]] = (), framing: Framing | None = None) -> Hit | None:
    groups = [_spans(found, group) for group in rule.groups]
    if any(not spans for spans in groups) or not rule.unless_anywhere.isdisjoint(found):
        return None
    asked = found if last is None else last
    # (a story's frame is read in its own piece of a sentence, below)
    general_by = rule.unless_impersonal - framing.frames.stories if framing is not None else rule.unless_impersonal
    plainly = not rule.unless_plain.isdisjoint(asked) and _all_read(found, size, plain)
    if (plainly or not general_by.isdisjoint(asked)) \
            and not _standing(outside_frames(found, general_by), rule.persons, rule.named):
        # (an emergency's own piece may tell a case apart from the impersonal words: :func:`_telling_a_case`)
        groups[0] = [] if plainly or framing is None or last is not None \
            else _telling_a_case(groups[0], found, general_by, framing)
        if not groups[0]:
            return None
    if not rule.unless_unnamed.isdisjoint(found) and rule.named.isdisjoint(found):
        return None
    framed = framing.classes & rule.unless if framing is not None else frozenset()
    blockers = [start for start, _, _ in _spans(found, rule.unless - framed)]
    frames = [start for start, _, _ in _spans(found, framed)]
    marks = framing.marks if framing is not None else cuts
    anchor_blockers = [start for start, _, _ in _spans(found, rule.unless_anchor)]
    sentence_blockers = [start for start, _, _ in _spans(found, rule.unless_sentence)]
    # an event told in a story's own piece of a sentence ("In the show the detective collapses."), not in the next
    # one ("Plot twist at home: the cleaner is gasping for air")
    stories = [start for start, _ in framing.story(found, rule.unless_impersonal)] if framing is not None else []
    story_cuts = framing.cuts(found) if stories and framing is not None else []
    anchors, others = groups[0], groups[1:]
    cuts = cuts or (breaks if rule.unless_own_sentence else ())
    for anchor in anchors:
        # A cancelling word qualifies a word that made the rule fire ("strength" of the evidence): it
        # counts beside one of them, not anywhere between them; another partner it does not stand
        # beside still makes the rule fire.
        start, end = anchor[0], anchor[1]
        if (_blocked(blockers, start, end, rule.unless_window, cuts)
                or _blocked(frames, start, end, rule.unless_window, marks)
                or _blocked(anchor_blockers, start, end, rule.unless_window, cuts)
                or _blocked(sentence_blockers, start, end, _WHOLE, cuts)
                or _blocked(stories, start, end, _WHOLE, story_cuts)):
            continue
        chosen = [anchor]
        sentence = bisect_right(breaks, anchor[0])

        def free(start: int, end: int, at: int = sentence) -> bool:
            # (a partner in a story's own piece is the story's: "In the novel the villain poisons someone with
            # digoxin. How does digoxin poisoning work?" names nobody real beside the poisoning asked about)
            return (not _blocked(blockers, start, end, rule.unless_window, cuts)
                    and not _blocked(frames, start, end, rule.unless_window, marks)
                    and not _blocked(stories, start, end, _WHOLE, story_cuts)
                    and bisect_right(breaks, start) == at)

        for i, spans in enumerate(others):
            near = _nearest(spans, anchor[0], anchor[1], rule.near if i == 0 and rule.near else rule.window, free)
            if near is None:
                break
            chosen.append(near)
        else:
            start = min(s for s, _, _ in chosen)
            end = max(e for _, e, _ in chosen)
            return Hit(rule, start, end, tuple(dict.fromkeys(name for _, _, name in chosen)))
    return None


def _telling_a_case(anchors: list[tuple[int, int, str]], found: Mapping[str, list[tuple[int, int]]],
                    cancels: frozenset[str], framing: Framing) -> list[tuple[int, int, str]]:
    """The anchors of an emergency whose own piece of a sentence tells a case (``tells``) and holds none of its
    impersonal ``cancels``: "can LDN cause suicidal thoughts?" asks about the drug, "feeling suicidal. what side effects
    does LDN have?" tells a case, then asks."""
    general = [start for start, _, _ in _spans(found, cancels)]
    told = [start for start, _, _ in _spans(found, framing.frames.tells)]
    return [span for span in anchors if not _blocked(general, span[0], span[1], _WHOLE, framing.marks)
            and _blocked(told, span[0], span[1], _WHOLE, framing.marks)]


def _nearest(spans: list[tuple[int, int, str]], start: int, end: int, window: int,
             allowed: Callable[[int, int], bool]) -> tuple[int, int, str] | None:
    """The first span within ``window`` tokens of the anchor ``start``..``end`` that does not overlap it
    (the "how" of "how strong" is not a second word) and is ``allowed``."""
    i = bisect_left(spans, (start - window, -1, ""))
    while i < len(spans) and spans[i][0] <= end - 1 + window:
        if (spans[i][1] <= start or spans[i][0] >= end) and allowed(spans[i][0], spans[i][1]):
            return spans[i]
        i += 1
    return None


def _blocked(blockers: list[int], start: int, end: int, window: int, cuts: Sequence[int] = ()) -> bool:
    """Whether a cancelling word stands within ``window`` tokens of ``start``..``end``, in its sentence."""
    i = bisect_left(blockers, start - window)
    sentence = bisect_right(cuts, start)
    while i < len(blockers) and blockers[i] < end + window:
        if bisect_right(cuts, blockers[i]) == sentence:
            return True
        i += 1
    return False
