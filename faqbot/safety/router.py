"""The router: the first emergency or referral rule a question triggers, before any matching.

Two layers read every question in full, whatever its length. The rule engine (:mod:`.engine`, rules
and word classes from ``packs/``) finds co-occurring word classes in six languages on the folded text
(:mod:`faqbot.text.fold`); the English phrase rules (:mod:`.rules`) are the older layer, kept for the
phrasings they were written for. Emergencies from either layer win over referrals, a self-harm
emergency over any other. A phrase rule that fired only on a context-free trigger ("strength", "how
often", "accident", "I have", "help me") counts only when the engine saw a person, condition,
medicine or intake cue in the question.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from functools import lru_cache
from itertools import accumulate, chain

import faqbot.regex as regex
from faqbot.records import dataclass
from faqbot.safety.engine import ClassRule, Hit, RouteKind, first_hit, impersonal
from faqbot.safety.frames import beside_a_topic, told_in_a_story
from faqbot.safety.pack import packs
from faqbot.safety.pieces import pieces
from faqbot.safety.prepare import prepare, unsized
from faqbot.safety.reading import Reading, read, read_in
from faqbot.safety.rules import EMERGENCY_RULES, OTHER_MEDICINE, REFERRAL_RULES, Rule, rx
from faqbot.safety.second import BAR_MARGINS, MARGIN, MARGIN_OVER_REFERRAL, leans, opinion, reads_general, refers
from faqbot.safety.story import only_who, set_aside
from faqbot.text.words import SENTENCE_BREAK


@dataclass(frozen=True)
class Route:
    """Why a question is routed away from the knowledge base."""

    kind: RouteKind
    rule: str
    #: the part of the question that fired the rule (folded for the engine, prepared for phrases)
    matched: str
    #: the word classes that made the rule fire (``("phrase",)`` for an English phrase rule)
    classes: tuple[str, ...] = ()
    #: the language the question is written in (see :func:`faqbot.safety.detect_language`)
    lang: str = "en"

    @property
    def self_harm(self) -> bool:
        """Whether the reply should be the self-harm one, with a crisis line."""
        return self.rule in ("phrase-self-harm", "second-opinion-self-harm") or self.rule in _self_harm_rules()


@lru_cache(maxsize=1)
def _self_harm_rules() -> frozenset[str]:
    return frozenset(rule.name for rule in packs().rules if rule.self_harm)


#: word classes that make a question one about the article or research, which the model leaves alone
# (and how a medicine is kept: "do LDN capsules go in the fridge?")
_GENERAL_TOPIC = frozenset({"evidence", "about_text", "statistic", "storage"})

#: the model adds an emergency only to a message that names a person or one of these: an intake, a
#: pill, a body in trouble, an amount, a time, thoughts of dying. Without them "how's the weather
#: looking today" once led it by its letters ("weather" shares them with "breathe"). Every emergency
#: and self-harm probe of the development sets has one of these or a person.
_ALARM = frozenset({
    "form", "ingest", "intake_past", "after_intake", "self_harm", "acute", "vulnerable", "excess", "swell",
    "airway", "breathing", "body_part", "severe_symptom", "abnormal", "distress", "accident", "container",
    "want", "life", "nothing_more", "hopeless", "intent", "die", "end_verb", "everything", "all_word",
    "tonight", "since", "i_have", "many", "number", "dose_word", "dose_core", "someone", "i_am", "i_am_bare",
    "permanence",
})



def route(text: str, limit: int | None = None) -> Route | None:
    """The rule ``text`` triggers, or ``None`` if it may be answered.

    ``limit`` is accepted for compatibility and ignored: routing always reads the whole question, so
    nothing can hide after the length limit.
    """
    del limit
    return route_and_story(text)[0]


def story_question(text: str) -> tuple[str, Route] | None:
    """The general question a referral on ``text`` was set aside for, and that referral: the message
    tells a story first, and only the story fired it (see :mod:`.story`)."""
    return route_and_story(text)[1]


def story_only_who(text: str) -> bool:
    """Whether ``text`` tells a story, then asks a general question, and the story only tells who the asker
    is or speaks for (see :func:`.story.only_who`): not someone's intake, symptoms, medicines or amounts."""
    found = route_and_story(text)[1]
    return found is not None and only_who(text.replace(found[0], " ", 1), found[1].rule, _classes)


def route_and_story(text: str) -> tuple[Route | None, tuple[str, Route] | None]:
    """:func:`route` and :func:`story_question` in one: the safety stage needs both, routed once."""
    routed = _route(text)
    if routed is not None and routed.kind == "referral":
        question = set_aside(text, routed.rule, _route, _classes)
        if question is not None:
            return None, (question, routed)
    if routed is not None and routed.kind == "referral" and _reads_general(text, routed):
        return None, (text, Route(routed.kind, routed.rule, routed.matched, (*routed.classes, REVIEWED), routed.lang))
    return routed, None


#: the class a set-aside route carries when the second opinion, not a story, set it aside
REVIEWED = "second-opinion-general"


def _reads_general(text: str, routed: Route) -> bool:
    """Whether a referral may be set aside because the second opinion reads a general question: a rule
    ``reviewable:`` allows, one sentence, and nobody named but "someone" (see rules.yaml)."""
    loaded = packs()
    if routed.rule not in loaded.reviewable:
        return False
    reading = read(text)
    named = loaded.persons - {"someone_with"}
    return not reading.breaks and named.isdisjoint(reading.found) and reads_general(reading.typed())


def tells_a_case(text: str) -> bool:
    """Whether ``text`` names anything of someone's case that keeps a story's referral (``story.blockers``:
    an intake, a time, drinking, a symptom, an amount...) or names someone (``persons``)."""
    loaded = packs()
    return not (loaded.story.blockers | loaded.persons).isdisjoint(read(text).found)


def asks_whether_to_see_a_doctor(text: str) -> bool:
    """Whether ``text`` asks only whether to see a doctor first ("should you see a doctor first?"), which the
    knowledge base answers: one sentence, and besides that phrase only the words of asking it."""
    reading = read(text)
    spans = reading.found.get("see_doctor", ())
    inside = {i for start, end in spans for i in range(start, end)}
    # a red-team review found cases told in words no class lists beside the phrase ("should I see a doctor
    # first? I drink most nights"), so the rest of the turn is read word by word (``consult:`` in rules.yaml)
    words = packs().consult_words
    return bool(spans) and not reading.breaks and all(
        i in inside or word in words for i, word in enumerate(reading.words))


def person_named(text: str) -> str | None:
    """The words of ``text`` that name the asker or someone they speak for (the pack's ``persons``)."""
    reading = read(text)
    spans = sorted(span for name in packs().persons for span in persons_asked_about(reading, name))
    return " ".join(reading.words[spans[0][0] : spans[-1][1]]) if spans else None


def persons_asked_about(reading: Reading, name: str) -> list[tuple[int, int]]:
    # "me" in "tell me", "explain it to me" is who is told, "I" in "I heard", "I was wondering" who
    # speaks: neither is who is asked about
    told = sorted(span for asking in ("request", "generic_people") for span in reading.found.get(asking, ()))
    starts = [start for start, _ in told]
    # the furthest end of the told spans that start at or before each one (linear, for megabyte questions)
    reach = list(accumulate((end for _, end in told), max))
    return [span for span in reading.found.get(name, ())
            if not (i := bisect_right(starts, span[0])) or reach[i - 1] < span[1]]


#: the last reading's cue classes: every phrase rule asks for them, and a long question has many spans
_CUES: list[tuple[Reading, set[str]]] = []


def _cue_classes(reading: Reading) -> set[str]:
    """The classes a phrase rule's cue may come from: a person only where someone is asked about."""
    cached = _CUES[0] if _CUES else None  # one read: another thread may replace it meanwhile
    if cached is not None and cached[0] is reading:
        return cached[1]
    persons = packs().persons
    cues = {name for name in reading.found if name not in persons or persons_asked_about(reading, name)}
    _CUES[:] = [(reading, cues)]
    return cues


def _classes(text: str) -> dict[str, list[tuple[int, int]]]:
    """The word classes in ``text`` as typed and as the phrase rules read it (decoded from base64, say)."""
    return {**read(prepare(text)).found, **read(text).found}


def _route(text: str) -> Route | None:
    reading = read(text)
    rules = packs().rules
    engine_emergency = _in_any_tied_language([r for r in rules if r.kind == "emergency"], text, reading)
    phrase_emergency = _first_phrase(EMERGENCY_RULES, prepare(text), reading)
    emergencies = [r for r in (engine_emergency, phrase_emergency) if r is not None]
    if emergencies:
        chosen = next((r for r in emergencies if r.self_harm), emergencies[0])
        if not chosen.self_harm and opinion(reading.typed()) == "selfharm":
            # "thinking about not waking up" is an emergency to the rules and self-harm to the model:
            # the self-harm reply, with its crisis line, is the safer of the two.
            return Route("emergency", "second-opinion-self-harm", chosen.matched, (*chosen.classes, "classifier"),
                         chosen.lang)
        return chosen
    if packs().off_topic.mentioned(reading.found):
        if _all_service(reading.found):
            return None
        rest = _without_service(text)
        if rest != text:
            # "I wrote letters to everyone I love tonight. Please cancel my order.": the rest is routed
            return _route(rest) if rest else None
    # A referral rule's words stand in one sentence: "my brother takes naltrexone. How does it help with
    # cravings?" tells who takes it, then asks how it works; an emergency may be told across sentences.
    # (the last sentence read afresh: its classes cut out of the whole message's reading instead, three red-team
    # messages were answered, "does naltrexone block codeine? is it ok to take both?" among them)
    sentences = SENTENCE_BREAK.split(text.strip())
    last = read(sentences[-1]).found if len(sentences) > 1 else None
    engine_referral = engine_hit([r for r in rules if r.kind == "referral"], reading, last=last)
    if engine_referral is not None and engine_referral.rule.name in packs().consult_rules \
            and reading.words[engine_referral.start - 1:engine_referral.start] == ("before",) \
            and asks_whether_to_see_a_doctor(text):
        # "do I need to see a doctor before I use LDN?" asks the knowledge base's own question ("I use LDN" after
        # "before" is no intake told), in no word but those of asking it; "I take LDN, should I see a doctor
        # first?" tells one, and "can I use LDN without seeing a doctor?" asks for the asker's own start
        engine_referral = None
    if engine_referral is not None:
        # A referral rule reads an intake or a person; the model may still see an emergency behind it
        # ("tonight I take all the pills and end it"), and the emergency reply is the safer of the two.
        # (beside a referral only a case told makes, the model keeps its usual margin: "I'm about to do something
        # stupid" read as someone's plan must still reach the crisis line)
        bar = packs().bars.get(engine_referral.rule.name)
        margin = BAR_MARGINS[bar] if bar is not None else MARGIN_OVER_REFERRAL
        if any(engine_referral.start <= at < engine_referral.end for at in reading.supplied):
            # a referral read only with the "I" chat left out ("Started LDN last week. ...") raises no bar: the
            # message as typed named no one's treatment, and the model keeps the margin it had (a frozen emergency
            # probe lost its reply to the raised bar, as did 204 of 2,772 development emergencies given such an
            # opener; the model reads the words as typed, `Reading.typed`)
            margin = MARGIN
        return _second_opinion(reading, margin) or _from_hit(engine_referral, reading)
    if reading.lang != "en":
        # The phrase rules are English ("dose" in "faible dose" is French), but a figure reads the same in
        # every language: "soll ich von 4,5 auf 3 runter?" names an amount.
        hit = next((h for h in (_fire(rule, prepare(text), reading) for rule in _FIGURE_RULES) if h), None)
        if hit is not None:
            return _second_opinion(reading, MARGIN_OVER_REFERRAL) or hit
        return _second_opinion(reading) or _referral_opinion(reading)
    # The drug's name and comparisons of dose sizes are general, not dosing, talk.
    prepared = prepare(text)
    general = unsized(prepared)
    for rule in REFERRAL_RULES:
        hit = _fire(rule, prepared if rule.name == "dose-size-question" else general, reading)
        if hit is not None and rule.name == "own-situation" and asks_whether_to_see_a_doctor(text):
            continue  # "is it ok to try LDN without talking to a doctor first?" asks whether one is needed
        if hit is not None:
            # as over the engine's referral rules: "everyone says it gets better but I've made my plan"
            return _second_opinion(reading, MARGIN_OVER_REFERRAL) or hit
    if reading.found.keys() & _ALARM <= {"form"} and packs().persons.isdisjoint(reading.found):
        # "how accurate are compounded capsules compared with tablets?": no rule fired, and pills are named with
        # nobody, no intake, no body; the English pack's words would have read an emergency about pills (the
        # other packs are thinner, and beside a referral rule the model still has its say: "ninety tablets
        # counted out, the letters are written")
        return None
    return _second_opinion(reading)


def about_the_service(text: str) -> bool:
    """Whether ``text`` asks only about the site, an account, an order or the weather, not about health."""
    found = read(text).found
    off_topic = packs().off_topic
    return off_topic.mentioned(found) and (_all_service(found) or not _without_service(text))


def _all_service(found: Mapping[str, object]) -> bool:
    """Whether a message names the site, an account or an order and nothing of health anywhere ("my password
    doesn't work anymore, how do I reset it?": "it" is the password)."""
    return packs().off_topic.applies(found) and packs().off_topic.whole_if.isdisjoint(found)


#: the parts a message divides into, each of which may be about the site alone
_PARTS = regex.compile(r"[.!?;,:\n]+|\s[-\u2013\u2014]\s")
#: longer than this, a message is routed whole: a pasted page is not split into its clauses
_MOST_PART_CHARS = 2000


def _without_service(text: str) -> str:
    """``text`` without its parts that are about the site, an account, an order or the weather and name
    nothing of health (``off_topic:`` in rules.yaml); ``text`` itself if it has no such part."""
    if len(text) > _MOST_PART_CHARS or not packs().off_topic.whole_if.isdisjoint(read(text).found):
        return text
    parts = [part.strip() for part in _PARTS.split(text) if part.strip()]
    kept = [part for part in parts if not packs().off_topic.applies(read(part).found)]
    return text if len(kept) == len(parts) else ". ".join(kept)


def _second_opinion(reading: Reading, margin: float = MARGIN) -> Route | None:
    """An emergency no rule saw, when the model is sure of it by ``margin`` (see :mod:`.second`)."""
    if not _GENERAL_TOPIC.isdisjoint(reading.found) and packs().persons.isdisjoint(reading.found):
        # A question about the article, research or history is not a crisis however its words fall
        # ("where does this information come from? I don't want to trust just anything"), unless it
        # names someone ("the suicide rate in chronic pain is high and I'll be one more": a red-team review)
        return None
    if _ALARM.isdisjoint(reading.found) and packs().persons.isdisjoint(reading.found):
        return None
    verdict = opinion(reading.typed(), margin, near=leans(reading.found))
    if verdict is None:
        return None
    rule = "second-opinion-self-harm" if verdict == "selfharm" else "second-opinion-emergency"
    return Route("emergency", rule, " ".join(reading.words[:12]), ("classifier",), reading.lang)


def _referral_opinion(reading: Reading) -> Route | None:
    """A dosing or personal question in another language that no rule read, when the model is sure of
    it (see :data:`.second.MARGIN_REFERRAL`): the packs of the other languages hold fewer words than the
    English one, and there the reply would be the "English only" fallback anyway."""
    if not _GENERAL_TOPIC.isdisjoint(reading.found) or not refers(reading.typed(), named=reading.found):
        return None
    return Route("referral", "second-opinion-referral", " ".join(reading.words[:12]), ("classifier",), reading.lang)


def _from_hit(hit: Hit | None, reading: Reading) -> Route | None:
    if hit is None:
        return None
    matched = " ".join(reading.words[hit.start : hit.end])
    return Route(hit.rule.kind, hit.rule.name, matched, hit.classes, reading.lang)


def _first_phrase(rules: tuple[Rule, ...], text: str, reading: Reading) -> Route | None:
    for rule in rules:
        hit = _fire(rule, text, reading)
        if hit is not None:
            return hit
    return None


#: context-free triggers: the word classes one of which must also be present for them to count, and
#: (optionally) classes that cancel them ("what time" in "what time period did the trials cover")
_TRIGGERS: tuple[tuple[re.Pattern[str], frozenset[str], frozenset[str]], ...] = (
    (regex.compile(r"\b(?:strengths?|strong|potenc(?:y|ies))\b"),
     frozenset({"self", "relation", "intake", "form", "unit", "number", "quantity"}), frozenset()),
    (regex.compile(r"\bwhat\ (?:amount|quantity|size)\b"),
     frozenset({"self", "relation", "intake", "form", "unit", "number"}), frozenset()),
    (regex.compile(r"\bhow\ (?:often|frequently)\b"), frozenset({"self", "relation", "intake", "form"}), frozenset()),
    (regex.compile(r"\baccident"), frozenset({"intake_past", "ingest", "form", "self", "relation", "vulnerable"}),
     frozenset()),
    (regex.compile(r"\b(?:i\ have|i've|help\ me)\b"),
     frozenset({"condition", "medicine", "intake", "relation", "severe_symptom", "form", "i_on"}), frozenset()),
    (regex.compile(r"\bprescrib"), frozenset({"self", "relation", "for_me", "i_on"}), frozenset()),
    (regex.compile(r"\b(?:what|which)\ time\b"), frozenset({"self", "relation", "intake", "form", "drug"}),
     frozenset({"general", "curious"})),
    (regex.compile(r"\b(?:stop|quit|come\ off|get\ off)\ (?:taking\ )?(?:ldn|naltrexone)\b"),
     frozenset({"self", "relation", "advice", "for_me", "i_on", "how", "timing", "request"}), frozenset()),
    (regex.compile(r"\bi(?:'?m|\ am)\ (?:\w+\ )?on\b"),
     frozenset({"drug", "medicine", "intake", "condition", "form", "opioid"}), frozenset()),
    (regex.compile(r"\b(?:on|taking|using|with|plus)\ (?:\w+\ )?(?:opioids?|opiates?|narcotics?)\b"),
     frozenset({"self", "relation", "i_on", "advice", "for_me"}), frozenset({"hypothetical"})),
    (regex.compile(r"\bi\ (?:take|use|took|used)\b"),
     frozenset({"drug", "medicine", "form", "condition", "opioid", "unit", "number", "timing", "dose_word", "action",
                "missed"}), frozenset({"others"})),
    (regex.compile(r"\bis\ (?:it|this|that)\ normal\b"),
     frozenset({"self", "relation", "intake", "intake_past", "i_on", "action", "form"}), frozenset()),
    (regex.compile(r"\b(?:was|been|were)\ told\b"),
     frozenset({"medicine", "intake", "form", "relation", "i_on", "action", "advice"}), frozenset()),
    # "I'm a nursing student", "I'm a retired teacher": who asks, not a case (the engine's rules still read
    # any intake, symptom or plan told beside it: "I'm a nurse and just started LDN")
    (regex.compile(r"^i'?\ ?m\ an?\ (?:retired\ )?(?:nursing|nurse|student|teacher|carer|caregiver|pharmacist|doctor"
                   r"|researcher|writer|journalist|paramedic|medical|pharmacy|psychology|biology|science|social\ worker"
                   r"|counsellor|counselor|librarian)\b"), frozenset(), frozenset()),
    (regex.compile(r"\b(?:in\ the\ (?:morning|evening)|at\ night|mornings?|evenings?|nights?)\b"),
     frozenset({"drug", "intake", "form", "self", "relation"}),
     frozenset({"generic_people", "happen", "symptom_word", "hypothetical"})),
)


#: phrase rules that word classes in the question cancel (all the classes of one set must be present):
#: "how is the low dose *different*" compares, "is a seizure a known *side effect*" asks about one
_CANCELLED_BY: dict[str, tuple[frozenset[str], ...]] = {
    "dose-size-question": (frozenset({"compare"}), frozenset({"condition"})),
    # "what is regular strength naltrexone for" names the ordinary drug, not an amount
    "dose": (frozenset({"compare", "dose_size"}), frozenset({"naming"}), frozenset({"why", "dose_size"}),
             frozenset({"named_strength"})),
    # the engine's own emergency rules still catch "I'm having a seizure"
    "severe-reaction": (frozenset({"hypothetical"}), frozenset({"happen"}), frozenset({"long_ago"}),
                        frozenset({"dated"})),
    # "discovered by accident" is a history, and "back in the 90s" no amount; "died of an overdose years
    # ago" is a past, and the engine's overdose rule (which reads the past beside each overdose word only)
    # still fires on another overdose told now
    "overdose": (frozenset({"discovery"}), frozenset({"long_ago"}), frozenset({"dated"})),
    "dose-number": (frozenset({"long_ago"}), frozenset({"dated"})),
    # "the pharmacy bill is killing me" is a figure of speech (the engine's rules still read a wish to die)
    "self-harm": (frozenset({"idiom_killing"}),),
}

#: ... and phrase rules that these classes cancel when nobody is named (the pack's ``persons``), as
#: ``unless_impersonal`` does for the engine's rules: "how many Americans die of overdoses each year"
#: counts a population, "can LDN cause suicidal thoughts?" asks what the drug does to people, "does the
#: article cover pregnancy?" what the text says, while "my son overdosed" or "it's giving me suicidal
#: thoughts" is one case
_CANCELLED_IMPERSONAL: dict[str, frozenset[str]] = {
    "overdose": frozenset({"statistic", "generally", "about_text", "topic_noun"}),
    "self-harm": frozenset({"causes", "about_text", "topic_noun", "statistic"}),
    "pregnancy": frozenset({"about_text"}),
    "age-group": frozenset({"about_text"}),
}


#: A phrase referral counts only when the engine also sees one of these in the question: someone's
#: own situation or an amount, timing or how-to detail. The phrase rules were written for whole
#: phrasings, and on a general question ("can you get high on naltrexone", "is it safe to stay on for
#: years") their patterns fire on wording alone; the word classes are what tell the two apart.
PHRASE_REFERRAL_CUES = frozenset({
    "self", "relation", "mine", "i_have", "i_on", "for_me", "help_me", "advice", "is_normal", "since", "missed",
    "dose_word", "dose_core", "dose_size", "ask_amount", "unit", "number", "number_word", "quantity", "timing",
    "form", "action", "pregnancy", "age_group", "medicine", "override", "organ_condition",
})

#: Likewise a phrase emergency needs someone, an intake, a body in trouble or intent in the question:
#: "is naltrexone used to reverse overdoses" names an overdose but reports none.
PHRASE_EMERGENCY_CUES = frozenset({
    "self", "relation", "someone", "vulnerable", "intake_past", "ingest", "excess", "many", "form", "unit",
    "number", "number_word", "i_on", "after_intake", "acute", "severe_symptom", "emergency_call", "breathing",
    "airway", "swell", "vomit", "on_purpose", "accident", "self_harm", "die", "want", "intent", "fatal", "painless",
})

#: A dose word in the prepared text (where "dosgae" is already "dosage") is a dose cue too.
_DOSE_WORD = regex.compile(r"\b(?:dos(?:e|es|age|ages|ing))\b")


#: the phrase rules that read figures, not words, and so hold in every language
_FIGURE_RULES = tuple(rule for rule in REFERRAL_RULES if rule.name == "dose-amount")


def engine_hit(rules: list[ClassRule], reading: Reading, *, last: Mapping[str, list[tuple[int, int]]] | None = None
               ) -> Hit | None:
    """The first of ``rules``, all of one kind, that the engine finds in ``reading``, read as the router reads that
    kind: an emergency's cancelling words within their own piece of a sentence and its story frames; a referral's
    words within one sentence, cancelled by what ``last`` (the last sentence's classes) asks."""
    if rules and rules[0].kind == "emergency":
        return first_hit(rules, reading.found, len(reading.words), cancel_breaks=reading.breaks,
                         framing=packs().framing_at(reading.marks))
    return first_hit(rules, reading.within, len(reading.words), reading.breaks, last=last, plain=reading.plain)


def _in_any_tied_language(rules: list[ClassRule], text: str, reading: Reading) -> Route | None:
    """The first emergency of ``rules`` in ``reading``, or else in ``text`` read whole in a language the vote tied
    with the one it chose: a wrong guess must not hide an emergency ("solo quiero morirme" ties English, Spanish
    and Italian; read in English, "morirme" is no word of the Spanish phrases)."""
    # (lazily: a tied language is read only when the readings before it found no emergency)
    for each in chain((reading,), (read_in(text, lang) for lang in reading.tied)):
        route = _from_hit(engine_hit(rules, each), each)
        if route is not None:
            return route
    return None


def _fire(rule: Rule, text: str, reading: Reading) -> Route | None:
    if any(cancel <= reading.found.keys() for cancel in _CANCELLED_BY.get(rule.name, ())):
        return None
    if impersonal(reading.found, _CANCELLED_IMPERSONAL.get(rule.name, frozenset()), packs().persons):
        return None
    cues = PHRASE_REFERRAL_CUES if rule.kind == "referral" else PHRASE_EMERGENCY_CUES
    if not cues & _cue_classes(reading) and not (rule.kind == "referral" and _DOSE_WORD.search(text)):
        return None
    match = _first_match(rule, text)
    if match is None or (rule.needs is not None and not rule.needs.search(text)) or (
            rule.kind == "emergency" and rule.name != "self-harm" and told_in_a_story(text, match.start())) or (
            rule.kind == "emergency" and beside_a_topic(text, match.start(), match.end())):
        return None
    matched = match.group(0).strip()
    found = reading.found.keys()
    for trigger, cues, cancels in _TRIGGERS:
        if trigger.search(matched) and (not cues & found or cancels & found):
            return None
    return Route(rule.kind, f"phrase-{rule.name}", matched, ("phrase",), reading.lang)


#: What a referral phrase names when a noun of study, writing or a group follows it within two words:
#: "I'm taking a pharmacology class", "in my health class", "for my patient advocacy group" tell who
#: asks and why, not anyone's treatment. ("a course of" stays a treatment: "I'm on a course of steroids".)
_ACTIVITY_AFTER = regex.compile(r"[-\ ](?:[\w-]+\ ){0,2}?(?:class|classes|lectures?|talks?|presentations?|blog|blogs"
                                r"|posts?|leaflets?|pamphlets?|brochures?|handouts?|groups?|clubs?|essays?|projects?"
                                r"|assignments?|homework|exams?|modules?|seminars?|workshops?|newsletters?|podcasts?"
                                r"|papers?|thesis|dissertation|reports?|videos?|degree|curriculum|syllabus|textbooks?"
                                r"|articles?|notes|research|forums?|threads?"
                                r"|course(?!\ of\b)|courses)\b")


def _first_match(rule: Rule, text: str) -> re.Match[str] | None:
    """The rule's first match in the question that is no activity's name (a referral only; "what number does the
    article give" asks for the article's figure, which is what that rule reads)."""
    exempt = rule.kind == "emergency" or rule.name == "quote-article"
    for piece in pieces(text):
        for match in rule.pattern.compiled.finditer(piece):
            if exempt or not _ACTIVITY_AFTER.match(piece, match.end()):
                return match
    return None


_OUR_DRUG = rx(r"\b(?:ldn|naltrexone|low\ dose)\b")


def other_medicine(text: str) -> str | None:
    """A medicine other than naltrexone that ``text`` is about, if it never names naltrexone."""
    prepared = prepare(text)
    if _OUR_DRUG.search(prepared) or "drug" in read(text).found:
        return None
    match = OTHER_MEDICINE.search(prepared)
    return match.group(0) if match else None
