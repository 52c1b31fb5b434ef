"""The ``story:`` settings of ``packs/rules.yaml``, read and checked (see :mod:`faqbot.safety.story`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from faqbot.records import dataclass
from faqbot.safety.packerror import PackError
from faqbot.text.fold import fold


@dataclass(frozen=True)
class StoryRules:
    """The ``story:`` settings of rules.yaml (see :mod:`faqbot.safety.story`): classes, and rule names."""

    #: the referral rules a story may fire and still be set aside
    rules: frozenset[str] = frozenset()
    #: one of these makes the question general (a question word only where the question starts)
    asks: frozenset[str] = frozenset()
    #: outside English, where a yes or no question is often marked by its question mark alone ("¿la LDN ayuda a
    #: las personas con fibromialgia?"), one of these in a question that names nobody makes it general as well
    marked_asks: frozenset[str] = frozenset()
    #: the question must name one of these
    topics: frozenset[str] = frozenset()
    #: these make the question the asker's own after all
    unless: frozenset[str] = frozenset()
    #: ... and these too, unless it asks what, why or how
    unless_yes_no: frozenset[str] = frozenset()
    #: none of these may occur in the story
    blockers: frozenset[str] = frozenset()
    #: in the story, these may make "it" in the question the case told ...
    case: frozenset[str] = frozenset()
    #: ... when the question asks what it would do to it, or whether it is safe
    would: frozenset[str] = frozenset()
    #: a yes or no asked of "that" or "it" after a story of a case is a verdict on it, unless it says it
    #: asks in general ("is it, generally, an opioid?", "is that what the article says?")
    in_general: frozenset[str] = frozenset()
    #: a story that names one of these and none of ``asker`` is told of someone else: it may fire any
    #: referral rule, and only ``others_blockers`` (not ``blockers``) may occur in it
    others: frozenset[str] = frozenset()
    asker: frozenset[str] = frozenset()
    others_blockers: frozenset[str] = frozenset()
    #: ... and none of these sets of classes together (someone on opioids and on naltrexone, a child given it)
    others_together: tuple[frozenset[str], ...] = ()
    #: ... and in a story told after its question, none of these together either ("my mum has LDN")
    after_together: tuple[frozenset[str], ...] = ()
    #: ... and fire none of these rules
    others_never: frozenset[str] = frozenset()
    #: rules on someone's case, each with what it reads as the case (its first group of classes), judged as
    #: ``asked_as`` where the story before the question tells none of that: the case is then only asked about
    asked_case: tuple[tuple[str, frozenset[str]], ...] = ()
    asked_as: str = ""

    #: a story naming one of these quotes a figure it saw somewhere; it may fire ``hearsay_rules`` (the
    #: rules on an amount) when it tells nothing else (see :meth:`quoted`)
    hearsay: frozenset[str] = frozenset()
    hearsay_rules: frozenset[str] = frozenset()
    #: ... and nothing but these (the asker's "I" only inside "I keep seeing"), with a question that names
    #: none of ``hearsay_question_unless`` ("is that what the research uses?" points back at the figure)
    hearsay_allows: frozenset[str] = frozenset()
    hearsay_question_unless: frozenset[str] = frozenset()
    #: ... where, in a language whose "it" is an article too, one of ``hearsay_articles`` before any word but a verb of
    #: taking or one of ``hearsay_figure_words`` (the same one, the number) is an article, not "it"
    hearsay_articles: frozenset[str] = frozenset()
    hearsay_figure_words: frozenset[str] = frozenset()
    #: a question asking what the drug does to people (side effects) after a story that tells someone takes it is
    #: set aside only when the story is told plainly, every word one a class or ``after_words`` knows
    plain_asked: frozenset[str] = frozenset()
    plain_told: frozenset[str] = frozenset()
    #: the only classes, and besides them the only words, a story told after its question may use
    after_allows: frozenset[str] = frozenset()
    after_words: frozenset[str] = frozenset()
    #: the words after which "it" in such a story is what was mentioned, not what someone takes
    after_points: frozenset[str] = frozenset()
    #: the only words that may stand beside the asker's "I'm not on it" in a story (why one asks, for whom)
    denial_words: frozenset[str] = frozenset()
    #: words such a story may never use ("pain after", "since", "tonight")
    after_never: frozenset[str] = frozenset()
    #: ... and, read as a story told first after a question asking a fact, these too (a question of its own)
    facts_after_never: frozenset[str] = frozenset()
    #: in a story told first, one of ``why_excuses`` found only where one of ``why`` is ("and I'm curious",
    #: "I'm looking into it") says why the asker asks, not who or what they are
    why: frozenset[str] = frozenset()
    why_excuses: frozenset[str] = frozenset()
    #: ... unless the story tells one of these (someone taking or on something)
    why_unless: frozenset[str] = frozenset()
    #: a question naming one of ``facts`` and none of ``facts_unless`` asks a fact no case changes (what
    #: microglia are, whether the FDA approved it): the story before it may fire any referral rule, and tell
    #: ``facts_allows`` among ``blockers``, but none of the other ``blockers`` nor of ``facts_blockers``
    facts: frozenset[str] = frozenset()
    facts_unless: frozenset[str] = frozenset()
    facts_allows: frozenset[str] = frozenset()
    facts_blockers: frozenset[str] = frozenset()
    #: ... of which these (a symptom or illness, an operation or injury, a time ahead, since when) in any words, when
    #: the story tells nobody taking or on anything (``plain_told``): they tell who someone is, not what a fact would
    #: change (``facts_together`` still keeps an operation beside an opioid question)
    facts_ignore: frozenset[str] = frozenset()
    #: ... nor where the story tells all of one of these groups (a symptom since the drug: "since LDN she has
    #: palpitations")
    facts_kept_by: tuple[frozenset[str], ...] = ()
    #: who saw a figure, standing a few words before where it was seen
    hearsay_by: frozenset[str] = frozenset()
    #: a class the question names is its topic in the story too, where one of ``echo_as`` says it, unless the story
    #: tells one of ``echo_unless``
    echo: frozenset[str] = frozenset()
    echo_as: frozenset[str] = frozenset()
    echo_unless: frozenset[str] = frozenset()
    #: ... nor all of one of these groups of classes, in the story and the question together
    facts_together: tuple[frozenset[str], ...] = ()
    #: a story told after its question may also tell that someone else takes the drug (these classes), with none
    #: of ``taking_without`` anywhere in it and none of the words ``taking_never`` (see faqbot.safety.taking)
    taking: frozenset[str] = frozenset()
    taking_without: frozenset[str] = frozenset()
    taking_never: frozenset[str] = frozenset()
    #: ... and the asker (these classes and words) only in a clause that tells nobody taking anything
    taking_asker: frozenset[str] = frozenset()
    taking_asker_words: frozenset[str] = frozenset()
    #: ... and words nobody listed only inside one of these patterns (over the folded words of that clause, joined by
    #: spaces), which name the asker's role or where the topic came up
    taking_frames: tuple[str, ...] = ()

    def asks_a_fact(self, asked: Collection[str], told: Collection[str], plainly: Callable[[], bool]) -> bool:
        """Whether a question with these classes (``asked``) asks a fact that is the same whoever asks, and
        the story told before it (``told``) may be set aside for it; ``facts_allows`` only for a story told
        ``plainly``, in words every one of which a class or ``after_words`` knows (asked only when it matters), and
        ``facts_ignore`` only for a story that tells none of ``plain_told`` (nobody taking or on anything)."""
        found = {*asked, *told}
        if self.facts.isdisjoint(asked) or not self.facts_unless.isdisjoint(asked) or any(
                group <= found for group in self.facts_together):
            return False
        ignorable = self.plain_told.isdisjoint(told) and not any(group <= set(told) for group in self.facts_kept_by)
        blockers = self.blockers - self.facts_ignore if ignorable else self.blockers
        if (blockers | self.facts_blockers).isdisjoint(told):
            return True
        return ((blockers - self.facts_allows) | self.facts_blockers).isdisjoint(told) and plainly()

    def quoted(self, told: Mapping[str, Sequence[tuple[int, int]]], asked: Mapping[str, Sequence[tuple[int, int]]],
               *, articles: Sequence[str] = ()) -> bool:
        """Whether a story with these classes (and spans) only quotes a figure it saw or read somewhere,
        and the question asked after it (its classes and spans) does not point back at that figure (``articles``:
        the question's words, when its language says "it" as an article too, "la LDN")."""
        heard = [span for name in self.hearsay for span in told.get(name, ())]
        pointing = _pointing(asked, articles, self.hearsay_articles, self.hearsay_figure_words)
        if not heard or not self.hearsay_question_unless.isdisjoint(pointing):
            return False
        # a class found only inside the words that say where it was seen counts as them ("ho" of "ho visto"), and
        # who saw it a few words before them is as good ("Ich habe 4,5 mg in einem Forum gesehen": `hearsay_by`)
        seen_by = [(start - _SEEN_BY, start) for start, _ in heard]
        outside = {name for name, spans in told.items()
                   if not within(spans, heard) and not (name in self.hearsay_by and within(spans, seen_by))}
        # one figure: a second is the asker's own or a choice between two ("Currently on 1.5 mg")
        figures = len(told.get("number", ())) + len(told.get("number_word", ()))
        return "self" not in outside and figures <= 1 and outside <= self.hearsay_allows | self.hearsay

    def points(self, asked: Mapping[str, Sequence[tuple[int, int]]], articles: Sequence[str] = ()) -> bool:
        """Whether the question's "it" (its classes and spans) may point back at something: not where the question
        opens with an article and every "it" in it is one (``articles``: the question's words, when its language says
        "it" as an article too): "¿El insomnio es un efecto secundario de la LDN?" names what it asks about, while
        "¿Es por la LDN?" and "¿Su insomnio es por la LDN?" ask of the case told (a red-team review)."""
        opens = any(start == 0 for start, _ in asked.get("it_word", ()))
        return not opens or "it_word" in _pointing(asked, articles, self.hearsay_articles, self.hearsay_figure_words)

    def of_others(self, told: Collection[str]) -> bool:
        """Whether a story with these classes is told of someone else, not of the asker."""
        return bool(self.others) and not self.others.isdisjoint(told) and self.asker.isdisjoint(told)

    def judged(self, rule: str, told: Collection[str]) -> str:
        """The rule a story told before its question (its classes ``told``) is judged by: ``rule``, or ``asked_as``
        when ``rule`` reads a case the story does not tell ("Meine Tante ist Ärztin. Ist Übelkeit bei LDN häufig?"
        fires `case-told` on the aunt and the nausea asked about)."""
        case = dict(self.asked_case).get(rule)
        # (nor anyone taking or on anything, nor how someone is doing: "My husband is on LDN and he's unwell. Does LDN
        # cause insomnia?" asks about his; a red-team review)
        asked = case is not None and (case | self.plain_told | self.facts_blockers).isdisjoint(told)
        return self.asked_as if asked else rule

    def blocked_of_others(self, told: Collection[str]) -> bool:
        """Whether a story told of someone else tells what keeps its referral all the same."""
        found = set(told)
        return not self.others_blockers.isdisjoint(found) or any(group <= found for group in self.others_together)


def story_rules(base: dict[str, Any], known: frozenset[str], rule_names: set[str]) -> StoryRules:
    """The `story:` settings of a loaded rules.yaml (`base`), checked against the classes and rules it declares."""
    raw = base.get("story") or {}
    keys = ("asks", "topics", "unless", "unless_yes_no", "blockers", "case", "would", "in_general", "others",
            "asker", "others_blockers", "hearsay", "hearsay_allows", "hearsay_question_unless", "after_allows", "why",
            "why_excuses", "why_unless", "facts", "facts_unless", "facts_allows", "facts_blockers", "facts_ignore",
            "echo", "echo_as", "echo_unless", "hearsay_by", "taking", "taking_without",
            "taking_asker", "plain_asked", "plain_told", "marked_asks")
    classes = {key: frozenset(raw.get(key) or ()) for key in keys}
    named = frozenset().union(*classes.values())
    if not all(classes[key] for key in ("asks", "topics", "blockers")) or named - known:
        raise PackError(f"`story` needs `asks`, `topics` and `blockers`, of known classes: {sorted(named - known)}")
    rules = frozenset(raw.get("rules") or ())
    # "phrase-own-situation" is an English phrase rule (rules.py), not one of this pack's
    if rules - rule_names - {"phrase-own-situation"}:
        raise PackError(f"`story.rules` names unknown rules: {sorted(rules - rule_names)}")
    if classes["others"] and not (classes["asker"] and classes["others_blockers"] <= classes["blockers"]):
        raise PackError("`story.others` needs `asker`, and `others_blockers` must be some of `blockers`")
    if not classes["facts_ignore"] <= classes["blockers"]:
        raise PackError("`story.facts_ignore` must be some of `blockers`")
    together, after_together, facts_together, kept_by = (
        tuple(frozenset(group) for group in raw.get(key) or ())
        for key in ("others_together", "after_together", "facts_together", "facts_kept_by"))
    if any(len(group) < 2 or group - known for group in (*together, *after_together, *facts_together, *kept_by)):
        raise PackError("`story.others_together`, `after_together`, `facts_together` and `facts_kept_by` list groups "
                        "of two or more known classes")
    never = frozenset(raw.get("others_never") or ())
    hearsay_rules = frozenset(raw.get("hearsay_rules") or ())
    # the English phrase rules (rules.py) are named "phrase-<name>"
    unknown = (never | hearsay_rules) - rule_names - {r for r in never | hearsay_rules if r.startswith("phrase-")}
    if unknown:
        raise PackError(f"`story.others_never` and `story.hearsay_rules` name unknown rules: {sorted(unknown)}")
    (after_words, after_points, after_never, facts_after_never, taking_never, taking_asker_words, hearsay_articles,
     hearsay_figure_words, denial_words) = (
        frozenset(fold(str(word)).strip() for word in raw.get(key) or ())
        for key in ("after_words", "after_points", "after_never", "facts_after_never", "taking_never",
                    "taking_asker_words", "hearsay_articles", "hearsay_figure_words", "denial_words"))
    frames = tuple(str(pattern) for pattern in raw.get("taking_frames") or ())
    for pattern in frames:
        try:
            re.compile(pattern)
        except re.error as error:
            raise PackError(f"`story.taking_frames` has a pattern that does not compile: {pattern!r}: {error}") \
                from None
    return StoryRules(rules=rules, others_together=together, taking_frames=frames, after_together=after_together,
                      others_never=never, asked_case=_asked_case(base, raw, rules),
                      asked_as=str(raw.get("asked_as") or ""),
                      facts_together=facts_together, facts_kept_by=kept_by,
                      hearsay_rules=hearsay_rules,
                      after_words=after_words, after_points=after_points, after_never=after_never,
                      facts_after_never=facts_after_never, taking_never=taking_never,
                      taking_asker_words=taking_asker_words, hearsay_articles=hearsay_articles,
                      hearsay_figure_words=hearsay_figure_words, denial_words=denial_words, **classes)


def either(*kinds: Callable[[str, str], bool] | None) -> Callable[[str, str], bool] | None:
    """The rules a story of more than one kind may fire: what any of them allows ("My wife has MS. Not for her:"
    tells who the asker speaks for, before a question of a fact no case changes); ``None`` if it is of none."""
    found = [allows for allows in kinds if allows is not None]
    return (lambda kind, name: any(allows(kind, name) for allows in found)) if found else None


def _asked_case(base: dict[str, Any], raw: dict[str, Any], rules: frozenset[str]
                ) -> tuple[tuple[str, frozenset[str]], ...]:
    """`story.asked_case`'s rules, each with its first group of classes; checked: each is a rule of the pack and
    `asked_as` one of `story.rules`."""
    names = list(raw.get("asked_case") or ())
    groups: dict[str, list[Any]] = {str(rule.get("name")): rule.get("all") or [] for rule in base.get("rules") or ()
                                    if isinstance(rule, dict)}
    if any(not groups.get(name) for name in names) or (names and raw.get("asked_as") not in rules):
        raise PackError("`story.asked_case` names rules of the pack, and `story.asked_as` one of `story.rules`")
    return tuple((name, frozenset(groups[name][0])) for name in names)


#: how many words before where a figure was seen the one who saw it may stand ("ich habe ... gesehen")
_SEEN_BY = 8


def within(spans: Sequence[tuple[int, int]], areas: Sequence[tuple[int, int]]) -> bool:
    """Whether every one of ``spans`` lies inside one of ``areas``."""
    return all(any(a <= start and end <= b for a, b in areas) for start, end in spans)


def _pointing(asked: Mapping[str, Sequence[tuple[int, int]]], articles: Sequence[str], article_words: frozenset[str],
              figure_words: frozenset[str]) -> set[str]:
    """The classes of a question but "it" that points at nothing: said inside its question words (the "o" of
    Portuguese "o que", "what") or, in a language whose "it" is an article too (``articles``, the question's words),
    an article (one of ``article_words``): right before what it names ("la LDN", "les effets secondaires") or before
    any word but a verb of taking or one of ``figure_words`` ("el dolor", "la FDA"; "¿La tomo de noche?", "¿Sirve la
    misma para la migraña?" point), and "est-ce" of "est-ce que"."""
    words = list(asked.get("wh_question", ()))
    named = {start for name in _NAMED_AFTER for start, _ in asked.get(name, ())} if articles else set()
    verbs = {start for name in _TAKING for start, _ in asked.get(name, ())}

    def article(start: int, end: int) -> bool:
        said = " ".join(articles[start:end])
        after = articles[end] if end < len(articles) else None
        return (end in named or any(a <= start and end <= b for a, b in words)
                or (said in article_words and after is not None and end not in verbs and after not in figure_words)
                or (said == "est ce" and after in _QUE))

    pointless = all(article(start, end) for start, end in asked.get("it_word", ()))
    return {name for name in asked if not (name == "it_word" and pointless)}


#: what "est-ce" asks with ("est-ce que la LDN ...?" asks, it points at nothing)
_QUE = frozenset({"que", "qu"})
#: the verbs of taking a clitic "it" stands before ("la tomo", "je le prends")
_TAKING = ("intake", "action", "start_verb")


#: what an article names right after it ("les effets secondaires", "las microglías", "la LDN")
_NAMED_AFTER = ("drug", "kb_topic", "fact_topic", "side_effects", "evidence", "condition", "about_text", "statistic",
                "opioid", "general")
