"""Loading the rule packs (``packs/*.yaml``) once per process, and checking them.

A pack error is a bug in faqbot, not in a curator's file, so it raises :class:`PackError` at first use
(and in the tests) rather than degrading: routing with a broken pack would fail open.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import field
from functools import cache
from typing import Any

from faqbot.records import dataclass
from faqbot.safety.engine import NUMBER, ClassRule, Framing, Lexicon, StoryFrames
from faqbot.safety.packerror import PackError
from faqbot.safety.spelling import spellings
from faqbot.safety.storyrules import StoryRules, story_rules
from faqbot.safety.told import ToldError, third_person
from faqbot.safety.told import check as check_third_person
from faqbot.text.fold import Clitics, Repairer, fold, tokens
from faqbot.text.words import common_words

#: the languages safety covers, in the order their packs are read
LANGUAGES = ("en", "es", "fr", "de", "pt", "it")
DRUG = "drug"
#: classes that only tell the engine a word was read (``unless_plain``): words that say nothing of anyone's
#: case ("the", "of", "while"); a reading keeps them apart from the classes it found (``Reading.plain``)
NEUTRAL = frozenset({"plain_word"})
#: the bars ``second_opinion_bars:`` may name (their margins are in :mod:`faqbot.safety.second`)
BARS = frozenset({"plain", "told", "wary"})

_RULE_KEYS = frozenset(
    {"name", "kind", "all", "window", "near", "unless", "unless_window", "unless_anchor", "unless_sentence",
     "unless_anywhere", "self_harm", "unless_impersonal", "unless_plain", "impersonal_despite", "impersonal_unless",
     "unless_unnamed", "unless_own_sentence", "max_tokens", "read_whole", "fires", "passes"}
)


@dataclass(frozen=True)
class OffTopic:
    """The ``off_topic:`` settings of rules.yaml: a part of a message with one of ``classes`` and none of
    ``unless`` is about the site, an account, an order or the chat, and is set aside before the rest is
    routed (the whole message is routed when it names one of ``whole_if``)."""

    classes: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    #: a message with one of these anywhere is routed whole, its parts about the site included
    whole_if: frozenset[str] = frozenset()
    #: examples the tests run: messages left alone, and messages routed all the same
    not_routed: tuple[str, ...] = ()
    routed: tuple[str, ...] = ()

    def mentioned(self, found: Collection[str]) -> bool:
        """Whether a text with these classes names the site, an account, an order or the chat at all."""
        return not self.classes.isdisjoint(found)

    def applies(self, found: Collection[str]) -> bool:
        """Whether a part with these classes is about the site alone: it names nothing of health."""
        return self.mentioned(found) and self.unless.isdisjoint(found)


@dataclass(frozen=True)
class Loose:
    """The classes (``loose_classes:`` in rules.yaml) whose phrases match with a language's ``fillers`` inside."""

    classes: frozenset[str]
    fillers: frozenset[str]
    #: the classes of the writer, one of which must stand right before or at such a phrase
    persons: frozenset[str]


@dataclass(frozen=True)
class Packs:
    """Everything the router needs, built from the packs."""

    rules: tuple[ClassRule, ...]
    #: language -> the word classes of English and that language
    lexicons: Mapping[str, Lexicon]
    #: language -> a repairer over the same words
    repairers: Mapping[str, Repairer]
    #: language -> the word classes of that language alone (for reading a question in a second language)
    own_lexicons: Mapping[str, Lexicon]
    #: language -> its function words, for the language vote
    detect: Mapping[str, frozenset[str]]
    #: the drug's names, folded
    drug: tuple[tuple[str, ...], ...]
    #: classes that name the asker or someone they speak for (``persons``)
    persons: frozenset[str] = frozenset()
    #: when a referral on a story told before a question is set aside (``story:`` in rules.yaml)
    story: StoryRules = StoryRules()
    #: referral rules the second opinion may set aside on a one-sentence question that names nobody
    #: (``reviewable:`` in rules.yaml; see :func:`faqbot.safety.router.route_and_story`)
    reviewable: frozenset[str] = frozenset()
    #: messages about the site, an order or the weather (``off_topic:`` in rules.yaml)
    off_topic: OffTopic = OffTopic()
    #: referral rules beside which the second opinion reads an emergency at another bar than the one after a
    #: referral: rule name -> ``plain``, ``told`` or ``wary`` (``second_opinion_bars:`` in rules.yaml)
    bars: Mapping[str, str] = field(default_factory=dict)
    #: the only words besides the "see a doctor first" phrase that a turn asking just that may use
    #: (``consult:`` in rules.yaml; see :func:`faqbot.safety.router.asks_whether_to_see_a_doctor`)
    consult_words: frozenset[str] = frozenset()
    #: cancelling classes of the emergency rules that frame only their own piece of a sentence (``framing:``)
    framing: frozenset[str] = frozenset()
    #: classes that tell an event as a story, and what keeps it real beside one (``frames:`` and the ``frame_`` keys)
    frames: StoryFrames = field(default_factory=StoryFrames)
    #: language -> sentence openers that drop the writer's "I", longest first, and the words they drop
    #: (``dropped_subject:`` in a language pack; see :mod:`faqbot.safety.reading`)
    dropped: Mapping[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = field(default_factory=dict)
    #: language -> the only words that may stand between such an opener and the drug's name or "it"
    dropped_gap: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: language -> the pronouns that may stand for the drug in a follow-up (``subject_pronouns:`` in a language
    #: pack; see :mod:`faqbot.safety.subject`)
    subject_pronouns: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: the engine's referral rules a turn asking only whether to see a doctor first sets aside where they fire right
    #: after "before" ("I use LDN" in "do I need to see a doctor before I use LDN?" is no intake told; ``consult:
    #: rules:`` in rules.yaml)
    consult_rules: frozenset[str] = frozenset()

    def framing_at(self, marks: Sequence[int]) -> Framing:
        """How the emergency rules read their cancelling classes in a reading whose pieces start at ``marks``."""
        return Framing(self.framing, marks, self.frames)


@cache  # one parse per pack per process
def _read(name: str) -> dict[str, Any]:
    # Imported here: a bot from the cache of built bots brings its packs, and needs no YAML parser.
    from importlib import resources

    import yaml

    text = resources.files("faqbot.safety").joinpath(f"packs/{name}.yaml").read_text(encoding="utf-8")
    # libyaml's loader when PyYAML has it: the packs are read on the first question (issue #14).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)  # a safe loader either way
    if not isinstance(data, dict):
        raise PackError(f"packs/{name}.yaml: not a mapping")
    return data


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A pack phrase as tokens, folded like a question; a trailing ``*`` stays on the last token."""
    prefix = phrase.endswith("*")
    words = tuple(tokens(fold(phrase.rstrip("*"))))
    if not words:
        raise PackError(f"phrase {phrase!r} has no words")
    return (*words[:-1], words[-1] + "*") if prefix else words


def _rule(raw: Any, known: frozenset[str], persons: frozenset[str] = frozenset(),
          named: frozenset[str] = frozenset()) -> ClassRule:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise PackError(f"rule {raw!r}: a mapping with a name")
    name = raw["name"]
    if set(raw) - _RULE_KEYS:
        raise PackError(f"rule {name}: unknown keys {sorted(set(raw) - _RULE_KEYS)}")
    if raw.get("kind") not in ("emergency", "referral"):
        raise PackError(f"rule {name}: kind must be emergency or referral")
    groups = tuple(frozenset(group) for group in raw.get("all") or ())
    unless = frozenset(raw.get("unless") or ())
    unless_anchor = frozenset(raw.get("unless_anchor") or ())
    anywhere = frozenset(raw.get("unless_anywhere") or ())
    sentence = frozenset(raw.get("unless_sentence") or ())
    impersonal = frozenset(raw.get("unless_impersonal") or ())
    plain = frozenset(raw.get("unless_plain") or ())
    # person classes that still leave the question impersonal for this rule ("someone on opioids")
    despite = frozenset(raw.get("impersonal_despite") or ())
    if despite - persons:
        raise PackError(f"rule {name}: `impersonal_despite` names classes that are not persons")
    # ... and classes that keep it one case although nobody is named ("when can someone on tramadol ...")
    keep = frozenset(raw.get("impersonal_unless") or ())
    unnamed = frozenset(raw.get("unless_unnamed") or ())
    # `unless_impersonal`, `unless_plain` and `unless_unnamed` are left out of the conflict checks: they cancel
    # only when nobody is named, so "ok with" may both make a rule and mark the question as impersonal.
    cancels = unless | unless_anchor | anywhere | sentence
    used = set().union(*groups, cancels, impersonal, plain, unnamed, keep) if groups else cancels | impersonal | unnamed
    if not groups or any(not g for g in groups):
        raise PackError(f"rule {name}: `all` needs at least one non-empty group")
    if used - known:
        raise PackError(f"rule {name}: unknown classes {sorted(used - known)}")
    if cancels & set().union(*groups):
        raise PackError(f"rule {name}: a class both makes and cancels the rule")
    fires, passes = tuple(raw.get("fires") or ()), tuple(raw.get("passes") or ())
    if raw.get("near") and len(groups) < 2:
        raise PackError(f"rule {name}: `near` needs a second group")
    if len(fires) < 3 or len(passes) < 3:
        raise PackError(f"rule {name}: needs at least three `fires` and three `passes` examples")
    return ClassRule(
        name=name, kind=raw["kind"], groups=groups, window=int(raw.get("window", 8)), near=int(raw.get("near", 0)),
        unless=unless, unless_window=int(raw.get("unless_window", 3)), unless_anchor=unless_anchor,
        unless_anywhere=anywhere, unless_sentence=sentence, unless_impersonal=impersonal, unless_plain=plain,
        persons=(persons - despite) | keep if impersonal or plain else frozenset(),
        unless_unnamed=unnamed, named=named if unnamed or impersonal or plain else frozenset(),
        self_harm=bool(raw.get("self_harm", False)), max_tokens=int(raw.get("max_tokens", 0)),
        unless_own_sentence=bool(raw.get("unless_own_sentence", False)), read_whole=bool(raw.get("read_whole", False)),
        fires=fires, passes=passes,
    )


def _classes(lang: str, data: dict[str, Any], known: frozenset[str]) -> dict[str, list[tuple[str, ...]]]:
    if data.get("lang") != lang:
        raise PackError(f"packs/{lang}.yaml: `lang` must be {lang}")
    classes = data.get("classes")
    if not isinstance(classes, dict) or not isinstance(data.get("detect"), list):
        raise PackError(f"packs/{lang}.yaml: needs `classes` (a mapping) and `detect` (a list)")
    unknown = set(classes) - known
    if unknown:
        raise PackError(f"packs/{lang}.yaml: unknown classes {sorted(unknown)}")
    for name, phrases in classes.items():
        # YAML reads a bare no, on or yes as a boolean: such a word must be quoted to stay a word.
        odd = [p for p in phrases or () if not isinstance(p, (str, int))]
        if odd or not isinstance(phrases, list):
            raise PackError(f"packs/{lang}.yaml: class {name} must be a list of words (quote {odd[:3]})")
    derived = _told_of_others(lang, data.get("third_person"), classes)
    return {name: [phrase_tokens(v) for p in [*phrases, *derived.get(name, ())] for v in spellings(lang, str(p))]
            for name, phrases in classes.items()}


def _told_of_others(lang: str, spec: Any, classes: Mapping[str, list[Any]]) -> dict[str, list[str]]:
    """The pack's first-person phrases told of someone else (``third_person:``; see :mod:`.told`)."""
    if spec is None:
        return {}
    try:
        check_third_person(spec)
    except ToldError as error:
        raise PackError(f"packs/{lang}.yaml: {error}") from None
    if set(spec["classes"]) - set(classes):
        raise PackError(f"packs/{lang}.yaml: `third_person.classes` names classes it has not: {spec['classes']}")
    return {name: third_person(map(str, classes[name]), spec) for name in spec["classes"]}


def _check_conflicts(rules: tuple[ClassRule, ...], phrases: Mapping[str, set[tuple[str, ...]]]) -> None:
    """A phrase in a class that makes a rule and in one that cancels it would switch the rule off."""
    for rule in rules:
        making = set().union(*(phrases.get(c, set()) for group in rule.groups for c in group))
        for blocker in rule.unless | rule.unless_anchor | rule.unless_anywhere | rule.unless_sentence:
            both = making & phrases.get(blocker, set())
            if both:
                raise PackError(f"rule {rule.name}: {sorted(' '.join(p) for p in both)[:3]} both make and cancel it")


#: Classes whose longer phrases hide the words inside them: "low dose" in "low dose naltrexone" is the
#: drug's name, "dose" in "high doses" a size, "painkillers" in "opioid painkillers" no other medicine,
#: "can you" in "can you explain" asks for an explanation, not for advice, "year" in "each year" no age,
#: "cuánto" in "cuánto tiempo" (how long) or "quanto" in "quanto spesso" (how often) no amount, "dying" in
#: "I'm dying to know" no one dying.
SHADOWING = frozenset({
    DRUG, "dose_size", "opioid", "explain_request", "statistic", "how_long", "how_often", "idiom_killing",
    "set_phrase", "named_strength", "service", "approval",
})


def load() -> Packs:
    base = _read("rules")
    known = frozenset((base.get("classes") or {}).keys()) | {DRUG, NUMBER}
    persons, situations = frozenset(base.get("persons") or ()), frozenset(base.get("situations") or ())
    if not persons or (persons | situations) - known:
        raise PackError(f"`persons` and `situations` must name known classes: {sorted((persons | situations) - known)}")
    rules = tuple(_rule(raw, known, persons | situations, persons) for raw in base.get("rules") or ())
    names = [r.name for r in rules]
    if len(names) != len(set(names)):
        raise PackError("rule names must be unique")
    order = [0 if r.self_harm else 1 if r.kind == "emergency" else 2 for r in rules]
    if order != sorted(order):
        raise PackError("self-harm rules come first, then the other emergency rules, then referral rules")
    drug = tuple(phrase_tokens(str(p)) for p in base.get("drug") or ())
    spelt = {lang: _classes(lang, _read(lang), known) for lang in LANGUAGES}
    clitics = {lang: _clitics(lang, spelt[lang]) for lang in LANGUAGES}
    by_lang = {lang: _unclitic(spelt[lang], clitics[lang]) for lang in LANGUAGES}
    # the classes the other languages read as written (`as_written:` in rules.yaml) cast no language vote
    as_written = frozenset(base.get("as_written") or ())
    framing = frozenset(base.get("framing") or ())
    if (as_written | framing) - known:
        raise PackError(f"`as_written` and `framing` name known classes ({sorted((as_written | framing) - known)})")
    detect = _detect({lang: {n: e for n, e in by_lang[lang].items() if lang == "en" or n not in as_written}
                      for lang in LANGUAGES})
    loose = frozenset(base.get("loose_classes") or ())
    loose_persons = frozenset(base.get("loose_persons") or ())
    if strangers := sorted((loose | loose_persons) - known):
        raise PackError(f"`loose_classes` and `loose_persons` name known classes: {strangers}")
    built = {lang: _language(lang, by_lang, drug, rules, detect, as_written, base.get("plural_classes") or (),
                             clitics[lang], Loose(loose, _word_list(lang, "fillers"), loose_persons))
             for lang in LANGUAGES}
    lexicons = {lang: b[0] for lang, b in built.items()}
    own_lexicons = {lang: b[1] for lang, b in built.items()}
    repairers = {lang: b[2] for lang, b in built.items()}
    reviewable = frozenset(base.get("reviewable") or ())
    bars = {str(rule): str(bar) for rule, bar in (base.get("second_opinion_bars") or {}).items()}
    unknown = ((reviewable - {"phrase-own-situation"}) | bars.keys()) - set(names)
    if unknown:
        raise PackError(f"`reviewable` or `second_opinion_bars` names unknown rules: {sorted(unknown)}")
    if not set(bars.values()) <= BARS:
        raise PackError(f"`second_opinion_bars` takes only {sorted(BARS)}, not {sorted(set(bars.values()) - BARS)}")
    return Packs(rules, lexicons, repairers, own_lexicons, detect, drug, persons, story_rules(base, known, set(names)),
                 reviewable, _off_topic(base, known), bars, _consult_words(base), framing,
                 _story_frames(base, known, persons), {lang: _dropped(lang) for lang in LANGUAGES},
                 {lang: _dropped_gap(lang) for lang in LANGUAGES},
                 {lang: _word_list(lang, "subject_pronouns") for lang in LANGUAGES},
                 consult_rules=_consult_rules(base, set(names)))


def _story_frames(base: Mapping[str, Any], known: frozenset[str], persons: frozenset[str]) -> StoryFrames:
    """The ``frames:`` and ``frame_...:`` settings of rules.yaml, checked: known classes, no frame a person, and
    ``frame_needs`` keyed by frames."""
    def classes(key: str) -> frozenset[str]:
        return frozenset(base.get(key) or ())

    frames = classes("frames")
    needs = {str(frame): frozenset(names) for frame, names in (base.get("frame_needs") or {}).items()}
    settings = StoryFrames(frames, classes("frame_keeps"), classes("frame_denials"), classes("frame_owners"), needs,
                           classes("frame_breaks"), classes("frame_times"), classes("frame_tells"))
    named = frames | settings.keeps | settings.denials | settings.owners | settings.breaks | settings.times \
        | settings.tells
    strangers = sorted((named | frozenset(needs).union(*needs.values())) - known) + sorted(needs.keys() - frames)
    if strangers or frames & persons:
        raise PackError(f"the `frame` keys name known classes ({strangers}), and no frame is one of `persons` "
                        f"({sorted(frames & persons)})")
    return settings


def _language(lang: str, by_lang: Mapping[str, Mapping[str, list[tuple[str, ...]]]], drug: tuple[tuple[str, ...], ...],
              rules: tuple[ClassRule, ...], detect: Mapping[str, frozenset[str]], as_written: frozenset[str],
              plural_classes: Iterable[str], clitics: Clitics | None,
              loose: Loose) -> tuple[Lexicon, Lexicon, Repairer]:
    """A language's lexicon (its words and English ones), its own words alone, and its repairer."""
    # A question is read with English and its own language's words only: "dos" is two in
    # Spanish but a typo of "does" in English, "kind" a child in German but not in English.
    phrases: dict[str, set[tuple[str, ...]]] = {DRUG: set(drug)}
    clashes = _function_words(lang) if lang != "en" else set()
    for source in dict.fromkeys(("en", lang)):
        for name, entries in by_lang[source].items():
            # English "die" is a German article, English "come" an Italian "how".
            kept = [p for p in entries if source == lang or len(p) > 1 or p[0] not in clashes]
            phrases.setdefault(name, set()).update(kept)
    own: dict[str, set[tuple[str, ...]]] = {DRUG: set(drug), **{n: set(e) for n, e in by_lang[lang].items()}}
    english = {p for entries in by_lang["en"].values() for p in entries}
    curated = english | {p for n, entries in by_lang[lang].items() if n not in as_written for p in entries}
    # (English reads its own as written classes as curated: they are its words)
    written = {p for n in as_written for p in by_lang[lang].get(n, ())} - curated
    repaired_toward = [p for entries in phrases.values() for p in entries if p not in written]
    aliases = {**_shorthand("en"), **_shorthand(lang)}
    # Run-together words are split in English only: "prendono" is Italian, not "prendo no". English
    # words are protected in every language, as one set (the cache of built bots then stores it once).
    repairer = Repairer(
        {w.rstrip("*") for p in repaired_toward for w in p if w[0].isalpha()}, detect[lang],
        stems={p[-1].rstrip("*") for p in repaired_toward if p[-1].endswith("*")}, aliases=aliases, split=lang == "en",
        shared_protected=detect["en"], plurals=_plurals(lang), plural_words=_words_of(by_lang[lang], plural_classes),
        clitics=clitics, swaps=lang == "en",
    )
    # A class read as written is no vocabulary: the repairer would pull near words into its words and move repairs
    # the rules were written for ("salpullido", a rash, no longer read as "sarpullido"). Its phrases are read as
    # the repairer puts the words of a question ("intenté" as it reads it), so that they match all the same.
    # (not when the repairer reads them as a phrase another class has: "escaldar", to scald, read as "escalar")
    taken = {p for entries in phrases.values() for p in entries}
    variants = {p: r for p in written if (r := tuple(repairer.repair(list(p)))) not in taken}
    for table in (phrases, own):
        for name in as_written & table.keys():
            table[name] |= {variants[p] for p in table[name] if p in variants}
    _check_conflicts(rules, phrases)
    loosely = {"loose": loose.classes, "fillers": loose.fillers, "loose_persons": loose.persons}
    return (Lexicon({k: sorted(v) for k, v in phrases.items()}, shadowing=SHADOWING, **loosely),
            Lexicon({k: sorted(v) for k, v in own.items()}, shadowing=SHADOWING, **loosely), repairer)


def _consult_words(base: dict[str, Any]) -> frozenset[str]:
    raw = base.get("consult") or {}
    words = frozenset(fold(str(word)).strip() for word in raw.get("words") or ())
    if words and (len(raw.get("answered") or ()) < 3 or len(raw.get("referred") or ()) < 3):
        raise PackError("`consult` needs at least three examples it answers and three it leaves to the rules")
    return words


def _consult_rules(base: dict[str, Any], names: set[str]) -> frozenset[str]:
    rules = frozenset((base.get("consult") or {}).get("rules") or ())
    if rules - names:
        raise PackError(f"`consult.rules` names unknown rules: {sorted(rules - names)}")
    return rules


def _off_topic(base: dict[str, Any], known: frozenset[str]) -> OffTopic:
    raw = base.get("off_topic") or {}
    classes, unless = frozenset(raw.get("classes") or ()), frozenset(raw.get("unless") or ())
    whole_if = frozenset(raw.get("whole_if") or ())
    if (classes | unless | whole_if) - known or not classes.isdisjoint(unless):
        raise PackError("`off_topic` must name known classes, none of them both in `classes` and in `unless`")
    if classes and (len(raw.get("not_routed") or ()) < 3 or len(raw.get("routed") or ()) < 3):
        raise PackError("`off_topic` needs at least three examples it leaves alone and three it does not")
    return OffTopic(classes, unless, whole_if, tuple(raw.get("not_routed") or ()), tuple(raw.get("routed") or ()))


def _words_of(classes: Mapping[str, Any], names: Iterable[str]) -> frozenset[str]:
    """Every word of the phrases of these classes (in one language's pack)."""
    return frozenset(word for name in names for phrase in classes.get(name, ()) for word in phrase)


def _plurals(lang: str) -> frozenset[str]:
    endings = _read(lang).get("plurals") or []
    if not isinstance(endings, list) or not all(isinstance(e, str) and e.isalpha() for e in endings):
        raise PackError(f"packs/{lang}.yaml: `plurals` lists word endings (letters only)")
    return frozenset(fold(e).strip() for e in endings)


def _unclitic(table: dict[str, list[tuple[str, ...]]], clitics: Clitics | None) -> dict[str, list[tuple[str, ...]]]:
    """The pack's phrases with pronouns written onto a verb read apart, as the repairer reads a question's."""
    if clitics is None:
        return table
    return {name: [tuple(part for w in p for part in (clitics.split(w) or [w])) for p in entries]
            for name, entries in table.items()}


def _clitics(lang: str, table: Mapping[str, list[tuple[str, ...]]]) -> Clitics | None:
    """The language's clitics (``clitics:`` in its pack), knowing the verbs its phrases name."""
    spec = _read(lang).get("clitics")
    if spec is None:
        return None
    keys = {"pronouns", "verb_endings", "restore"}
    if (not isinstance(spec, dict) or not {"pronouns", "verb_endings"} <= spec.keys() <= keys
            or not all(isinstance(w, str) and w.isalpha() for k in ("pronouns", "verb_endings") for w in spec[k])
            or not isinstance(spec.get("restore", ""), str)):
        raise PackError(f"packs/{lang}.yaml: `clitics` has `pronouns` and `verb_endings` (lists of letters) and an "
                        "optional `restore` letter")
    clitics = Clitics(tuple(fold(w).strip() for w in spec["pronouns"]),
                      tuple(fold(w).strip() for w in spec["verb_endings"]), spec.get("restore", ""))
    return clitics.knowing(w for entries in table.values() for phrase in entries for w in phrase)


def _shorthand(lang: str) -> dict[str, str]:
    table = _read(lang).get("shorthand") or {}
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
        raise PackError(f"packs/{lang}.yaml: `shorthand` maps words to words")
    return {fold(k).strip(): fold(v).strip() for k, v in table.items()}


def _dropped(lang: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    table = _read(lang).get("dropped_subject") or {}
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
        raise PackError(f"packs/{lang}.yaml: `dropped_subject` maps sentence openers to the words they drop")
    pairs = [(phrase_tokens(opener), phrase_tokens(subject)) for opener, subject in table.items()]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def _dropped_gap(lang: str) -> frozenset[str]:
    return _word_list(lang, "dropped_subject_gap")


def _word_list(lang: str, key: str) -> frozenset[str]:
    """The words a language pack lists under ``key`` (not a class: no rule reads them), folded."""
    words = _read(lang).get(key) or []
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise PackError(f"packs/{lang}.yaml: `{key}` lists words (quote a bare on)")
    return frozenset(w for word in words for w in phrase_tokens(word))


def _function_words(lang: str) -> set[str]:
    words = _read(lang)["detect"]
    if any(not isinstance(w, str) for w in words):
        raise PackError(f"packs/{lang}.yaml: `detect` must list words (quote a bare no, on or yes)")
    return {w for p in words for v in spellings(lang, p) for w in tokens(fold(v))}


def _detect(by_lang: Mapping[str, Mapping[str, list[tuple[str, ...]]]]) -> dict[str, frozenset[str]]:
    """Each language's voting words (see the comment below)."""
    function_words = {lang: _function_words(lang) for lang in LANGUAGES}
    # The drug's names are no sign of any language; for English, only its one-word phrases count ("man" in
    # "my old man" is no sign of English, while "sans" in "sans arret" is one of French).
    names = (phrase_tokens(str(p)) for p in _read("rules").get("drug") or ())
    drug_words = {name[0] for name in names if len(name) == 1}
    own = {lang: {w for entries in by_lang[lang].values() for p in entries if lang != "en" or len(p) == 1
                  for w in p if w[0].isalpha()} - drug_words for lang in LANGUAGES}
    # English: its function words, its one-word class words and every common English word. Another
    # language: its function words (even when they look English, like German "die"), and its class
    # words that do not look English.
    english = function_words["en"] | own["en"] | common_words()
    detect = {"en": frozenset(english)}
    for lang in LANGUAGES[1:]:
        looks_foreign = (function_words[lang] | own[lang]) - english
        detect[lang] = frozenset(looks_foreign | (function_words[lang] - function_words["en"]))
    return detect


_LOCK = threading.Lock()
_LOADED: list[Packs] = []


def preload(loaded: Packs) -> None:
    """Use packs loaded elsewhere (the cache of built bots) instead of reading the pack files."""
    with _LOCK:
        if not _LOADED:
            _LOADED.append(loaded)


def packs() -> Packs:
    """The packs, loaded and checked on first use (start-up stays fast for commands that never route)."""
    if not _LOADED:
        with _LOCK:
            if not _LOADED:
                _LOADED.append(load())
    return _LOADED[0]
