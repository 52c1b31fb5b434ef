"""The question asked in a message that first tells a story.

People give their situation before they ask: "My cousin has fibromyalgia. What is naltrexone normally
used for?", "Just diagnosed with MS. What have the trials shown about LDN?". A referral rule reads the
person and the condition in the story, but the question asked is a general one, and the answer to it is
the same for everybody. The referral is set aside (data under ``story:`` in ``packs/rules.yaml``) when

* the rule that fired is one about who the asker is or speaks for (``story.rules``): never an amount,
  a medicine, opioids, pregnancy or an organ's disease;
* the message is at most ten sentences and the last ends in a question mark (the question may also
  follow the story in the same sentence, after a comma, colon or dash); in an English message typed with no
  question mark at all, a sentence or clause asks when a question word leads it ("my aunt has lupus. whats ldn");
* that question, read alone, fires no rule, names nobody (the pack's ``persons``, "her" and "him"
  included), asks what, why or how, yes or no, or about the article or research (``story.asks``), but
  not whether it is safe or normal (``story.unless``) nor, unless it asks what, why or how, what it
  would do (``story.unless_yes_no``: "would it help?"); and it names what it asks about
  (``story.topics``; "it" counts when the story names the drug, but not "what would it do to it"
  after a story about someone's illness, ``story.case`` and ``story.would``): "so what now?" does not;
* the story asks for nothing and tells no intake, symptom, plan, amount, time or drinking
  (``story.blockers``);
* each sentence of the story, read alone, fires no rule or only one about who someone is, and a
  question in it asks a fact about a topic as the last one does ("apparently it's an addiction
  drug??"), not about the case told ("my mum has lupus, is it genetic?").

A question asked first and a story after it ("What is fibromyalgia exactly? My wife was just diagnosed.")
is set aside only when the story, read word by word, tells who asks, for whom, their illness or where they
read it and nothing else (``story.after_allows``, ``after_together``, ``after_words``, ``after_points``,
``after_never``):
told after the question, a story is not judged by what it lacks, because symptoms nobody listed are no
class at all (a red-team review). After a question that asks a fact no case changes (``story.facts``, below),
the story is also read as if told first, but always plainly, in words a class or ``after_words`` knows, with
none of ``after_never`` or ``facts_after_never`` (:func:`_a_fact_told_after`).

More kinds of story are set aside (:func:`_allowed`): one told of someone else (``story.others``:
"My dad is 60 days sober and they started him on naltrexone"), which may fire any referral rule but none
of ``others_never`` and tell none of ``others_blockers`` or ``others_together``; and one that only quotes
a figure seen somewhere (``story.hearsay``: "I keep seeing '4.5 mg' online"). A third is any story before a
question that asks a fact no case changes (``story.facts``: what microglia are, whether the FDA approved LDN): it
may fire any referral rule, but tell none of ``blockers`` (who asks, who for and that someone takes LDN excepted
when it is told plainly, in words a class or ``after_words`` knows: ``facts_allows``), none of ``facts_blockers``
(how someone is doing, what they want) and none of ``facts_together`` ("I'm on LDN. What is LDN?" asks about the
case). A symptom or an illness, an operation, a time ahead or since when (``facts_ignore``) block nothing there when
the story tells nobody taking or on anything ("My husband is booked for a knee replacement. Who invented LDN?"),
unless beside an opioid question (``facts_together``). How long an illness has lasted ("for twelve years", "since
2019") is read as no amount, unless it is how long something was taken.

A rule on someone's case (``story.asked_case``: "Meine Tante ist Ärztin. Ist Übelkeit bei LDN häufig?" fires on the
aunt and the nausea asked about) is judged as one of who someone is (``asked_as``) when the story before the question
tells none of the symptom, operation or pregnancy the rule reads, nobody taking anything and nothing of how anyone is.

Where the asker says they do not take the drug ("I'm not on it, just curious."), that denial is left out of the story
(:func:`faqbot.safety.spans.denied`) when it opens its sentence, the message tells no figure, span of time or mark
(:func:`faqbot.safety.spans.deniable`), the question opens as one, and what is left says only why one asks or for
whom, in ``story.denial_words`` (:func:`_undenied`): the words of taking in it are then no intake of theirs.

Only referrals are ever set aside, never an emergency: the router asks this after the emergency rules,
and after the second opinion has had its say on the whole message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache, partial

import faqbot.regex as regex
from faqbot.safety.pack import packs
from faqbot.safety.reading import Reading, read
from faqbot.safety.spans import OPENER as _OPENER
from faqbot.safety.spans import deniable, denied, minor
from faqbot.safety.spans import plain as _plain
from faqbot.safety.spans import told as _told
from faqbot.safety.storyrules import StoryRules, either, within
from faqbot.safety.taking import for_someone_else, tells_only_taking

#: a full stop that ends no sentence: in a figure ("4.5") or an abbreviation ("bzw.", "z.B.", "e.g.", "Dr."); one
#: would cut "Ist Naltrexon ein Opioid bzw. ein Betäubungsmittel?" to "ein Betäubungsmittel?". Only where a small
#: letter or a figure follows: "My mum has MS, fibro etc. What is LDN?" ends a sentence there
_NO_STOP = (r"(?<=\d)\.(?=\d)|\b(?:bzw|z\.\s?b|d\.\s?h|u\.\s?a|usw|evtl|ggf|inkl|ca|vs|etc|e\.\s?g|i\.\s?e"
            r"|approx|aprox|p\.\s?ej|dr|dra|prof|sr|sra|ecc)\.(?=\s*(?-i:[a-z0-9\u00df-\u00ff]))"
            # (the inside of "z.B." however it ends)
            r"|\b(?:z\.(?=\s?b\.)|d\.(?=\s?h\.)|u\.(?=\s?a\.)|e\.(?=\s?g\.)|i\.(?=\s?e\.)|p\.(?=\s?ej\.))")
#: a sentence and the marks that end it
_SENTENCE = regex.compile(rf"(?:{_NO_STOP}|[^.!?\n])+[.!?\n]*", re.IGNORECASE)
#: where a clause of a sentence ends and a question may begin (Spanish opens one with "¿"); not the comma of
#: a figure ("4,5 mg")
_CLAUSE = regex.compile(r"[:;\u00bf]|,(?!\d)|\s[-\u2013\u2014]\s")


#: a pointing word that, after a story of someone's case, points at the case
_DEMONSTRATIVE = regex.compile(
    r"\b(?:that|this|those|these)\b(?!\s+(?:drug|medicine|medication|pill|article|study|trial)s?\b)"
    # ... and in the other five languages the pronouns that are never an article ("¿Qué significa eso?", "ça vient de
    # quoi ?", "isso é normal?"), and German "das" before no noun (a red-team review: "Mi esposo toma LDN y tiene los
    # ojos amarillos. ¿Qué significa eso?" fell back, while its English twin was referred)
    r"|\b(?:eso|esto|ello|ça|ca|cela|ceci|isso|isto|ciò|cio|dies)\b|\bdas\b(?!\s+(?-i:[A-ZÄÖÜ]))", re.IGNORECASE)
#: words that point at the case a story told, however generally the question says it asks ("generally speaking, is LDN
#: any use for this kind of case?", "does it clash with those blood pressure tablets?", "in someone like her?"; a
#: red-team review); English only
_CASE_POINTER = regex.compile(
    r"\b(?:(?:this|that|those|these|such\ an?)\s+(?:[\w-]+\s+){0,2}?(?:case|cases|situation|stage|point|condition|one)"
    # (a medicine named with a word of its own between, "those blood pressure tablets"; "these pills" is the drug)
    r"|(?:this|that|those|these)\s+(?:[\w-]+\s+){1,2}?(?:tablets?|pills?|meds|medicines?|medications?|jabs?|injections?)"
    r"|(?:like|as)\s+(?:this|that|hers|his|theirs|him|her|them)|someone\s+like)\b", re.IGNORECASE)
#: more sentences than this is a long post, read whole
_MOST_SENTENCES = 10
#: the question's first words, where "what", "why" or "how" stands when it asks for a fact
_LEAD = 3
#: how far after its verb a yes or no question's pronoun points back ("does LDN clash with those?")
_POINTS_WITHIN = 5
#: the classes that count only there ("is that what it does" asks nothing new)
_LEADING = frozenset({"wh_question", "yes_no"})
#: how many words may follow why one asks before its sentence ends ("I'm curious about the science.")
_WHY_TAIL = 3
#: words that may come before the question word of a question typed without a question mark ("so whats ldn")
_FILLERS = frozenset({"so", "ok", "okay", "and", "but", "also", "then", "hey", "hi", "um", "just", "anyway"})
#: what "it" or "they" in a question may point back at in the story before it: the drug, or a topic of the
#: knowledge base the story names
_NAMED_BACK = frozenset({"drug", "kb_topic"})


def asked(text: str) -> list[str]:
    """The question of a story-then-question message, longest reading first: the whole sentence and what
    follows each clause mark in it ("my neighbour takes LDN, what is it used for?"); empty if the message
    is not one. The question may also come first and the story after it, when it is the only sentence
    asking anything ("What is fibromyalgia exactly? My wife was just diagnosed."): that story is read word
    by word (:func:`_told_after`)."""
    if len(text) > 1500:
        return []
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    if len(sentences) > _MOST_SENTENCES or not sentences:
        return []
    # typed without a question mark anywhere ("my wife has crohns. whats a microglia cell"), a sentence or a clause
    # asks when a question word leads it
    marked = "?" in text
    head = _asked_first_in_a_clause(sentences)
    if head is not None:
        return [head]
    asking = [s for s in sentences if _asks(s, marked)]
    if sentences[-1] in asking:
        question = sentences[-1]
    elif len(sentences) > 1 and asking == sentences[:1]:
        return [sentences[0]]
    elif marked:
        return []
    else:
        question = sentences[-1]
    tails = [question[m.end():].strip() for m in _CLAUSE.finditer(question)]
    tails = [t for t in tails if len(t) > 1 and (question in asking or _asks(t, marked))]
    readings = ([question] if len(sentences) > 1 and question in asking else []) + tails
    return list(dict.fromkeys(readings))


def _asked_first_in_a_clause(sentences: list[str]) -> str | None:
    """The question of a message that asks first and tells its story after a clause mark of the same sentence
    ("how does ldn work, my sister takes it for her ms"), when nothing after that mark asks; a question mark may
    only end that first sentence. English, as :func:`_led_by_a_question`."""
    first = sentences[0]
    mark = _CLAUSE.search(first)
    if mark is None or not _led_by_a_question(first[:mark.start()]):
        return None
    rest = [first[mark.end():].strip(), *sentences[1:]]
    if "?" in rest[0][:-1] or any("?" in part for part in rest[1:]):
        return None
    clauses = [clause for part in rest for clause in (part, *(part[m.end():] for m in _CLAUSE.finditer(part)))]
    return None if any(_led_by_a_question(clause) for clause in clauses) else first[:mark.start()].strip()


def _asks(sentence: str, marked: bool) -> bool:
    """Whether a sentence asks: it ends in a question mark, or, in a message with none, a question word leads it."""
    if sentence.endswith("?") or marked:
        return sentence.endswith("?")
    return _led_by_a_question(sentence)


def _led_by_a_question(text: str) -> bool:
    """Whether a question word leads ``text``, in English (not in the others: "que" leads a clause in Spanish or
    Portuguese that asks nothing)."""
    reading = read(text)
    # (the first word, or the second after a filler: "my aunt has lupus" has "has" among its first three words)
    first = 1 if reading.words[:1] and reading.words[0] in _FILLERS else 0
    return reading.lang == "en" and any(start == first for name in _LEADING for start, _ in reading.found.get(name, ()))


Classes = Mapping[str, list[tuple[int, int]]]


def asks_a_verdict(question: str) -> bool:
    """Whether ``question`` asks a verdict on a case, not a fact: whether it is safe, normal, typical or worth it, what
    it could be (``story.unless`` and ``story.unless_yes_no``), or, yes or no, whether "it" is an illness ("Is it
    arthritis?")."""
    rules = packs().story
    found = read(question).found
    return not (rules.unless | rules.unless_yes_no).isdisjoint(found) or (
        "condition" in found and "wh_question" not in found)


def set_aside(text: str, rule: str, route: Callable[[str], object | None],
              classes: Callable[[str], Classes]) -> str | None:
    """The general question a referral by ``rule`` on ``text`` should be set aside for, or ``None``.

    ``route`` and ``classes`` (the word classes found in a text) are the router's own, passed in so
    that this module does not import the router.
    """
    rules = packs().story
    if rule in rules.others_never:
        # "off the booze for 90 days" fired a rule on a number: the rule the message fires without its
        # spans of time and ages is the one to judge (how long, not how much), none if it fires nothing then
        plain = route(_plain(text))
        rule = str(getattr(plain, "rule", ""))
    for question in asked(text):
        found = classes(_OPENER.sub(" ", question))
        # (outside English a question mark may be all that asks, "A naltrexona era usada pra quê?": enough after a
        # story that only quotes a figure seen somewhere, below)
        general = _general(found, rules)
        foreign = read(question).lang != "en"
        marked = not general and foreign and question.rstrip().endswith("?") and _names_nobody(found, rules)
        if marked and not rules.marked_asks.isdisjoint(found) and not rules.topics.isdisjoint(found):
            # "Meine Tante hat Fibromyalgie. Hilft LDN Menschen mit Fibromyalgie generell?" asks as English does
            # with "does", when it names what it asks about itself ("Verträgt sich das generell mit ...?" may be
            # her medicine); the story is then judged as an English one is
            general, marked = True, False
        if not (general or marked) or _CASE_POINTER.search(question):
            continue
        whole = text.replace(question, " ", 1)
        # (a denial is read out only before a question that opens as one: "I'm not on it. sure What are..." may mock it)
        story = _undenied(whole, rules) if deniable(text) and _led_by_a_question(question) else whole
        if text.lstrip().startswith(question):
            named = not rules.topics.isdisjoint(found)
            if named and route(question) is None and (
                    _told_after(story, rules) or _a_fact_told_after(story, found, classes, rules)
                    or (not _DEMONSTRATIVE.search(question) and tells_only_taking(story, found, rules))):
                return question
            continue
        # "for twelve years", "since I was 19": how long, not how much
        told = _echoed(_beside_why(_told(story), classes, rules), found, rules)
        if "it_word" in found and not rules.case.isdisjoint(told) and not rules.would.isdisjoint(found):
            continue  # "I have fibromyalgia: how would LDN affect it?": "it" may be the case told
        # (in a language whose "it" is an article too, the question's words tell the article from the pronoun)
        words = read(_OPENER.sub(" ", question)).words if foreign else ()
        if _asks_of_it(found) and rules.points(found, words) and not rules.case.isdisjoint(told) \
                and rules.in_general.isdisjoint(found):
            # "My mum started LDN and can't sleep. Is that withdrawal?", "...Does it block that?": a yes or
            # no asked of what the story told is a verdict on that case (a red-team review found these)
            continue
        # "what is it used for?" after a story that names the drug asks about the drug, and "what do they
        # release?" after one that names microglia asks about them ("they", which the packs leave out of `it_word`
        # for the people it more often is, only after a fact's topic and nobody taking anything: "My friend on LDN
        # keeps getting side effects. What are they?" asks about hers)
        they = "they" in read(question).words and "fact_topic" in told and rules.plain_told.isdisjoint(told)
        # (a drug named only where the asker says they do not take it is still what "it" points back at: "I don't take
        # LDN, my friend keeps talking about it. What is it?")
        named = not rules.topics.isdisjoint(found) or (
            ("it_word" in found or they) and not _NAMED_BACK.isdisjoint(
                told.keys() if story == whole else told.keys() | classes(_told(whole)).keys()))
        plainly = cache(partial(_plainly, story, rules))  # (read word by word at most once, below)
        if not rules.plain_asked.isdisjoint(found) and not rules.plain_told.isdisjoint(told) and not plainly():
            continue  # "My dad is on LDN and has been really off lately. What are the side effects?"
        # "for her" in "My aunt takes LDN for her fibro" is whom the drug is for, not the asker, in a story told
        # plainly (the class kept "...for her MS and she can barely get out of bed now" referred; a red-team set)
        others = {name: spans for name, spans in told.items() if name != "for_me"} \
            if for_someone_else(read(_told(story))) and plainly() else told
        allowed = either(_allowed(rule, told, found, rules, articles=words, others=others),
                          _of_a_fact(_unaged(told, story, found, classes, rules), found, rules, plainly)) if general \
            else _hearsay(rule, told, found, rules, articles=words)
        if allowed is not None and not _tells_only_who(rules.judged(rule, told), told, rules) \
                and _DEMONSTRATIVE.search(question) \
                and rules.in_general.isdisjoint(found):
            # "My mum takes LDN and can't sleep. Which side effect is that?": after a story of someone's case,
            # "that" is the case (a red-team review); only a story of who asks leaves it the topic
            continue
        if named and allowed is not None and route(question) is None and _only_who(story, route, classes,
                                                                                   rules, allowed):
            return question
    return None


def _undenied(story: str, rules: StoryRules) -> str:
    """``story`` without where the asker says they do not take the drug ("I'm not on it, just curious."), when all
    that is left is why one asks or for whom, in ``story.denial_words`` only and with no mark but plain punctuation.
    Reviews of looser versions (what is left read as a story told after its question) found the asker's own use told
    around a denial in ever new words: "I actually am though", "Asking for my wife who gives me hers", a wink."""
    kept = denied(story)
    if kept == story or _PLANNED.search(kept):
        return story
    known = all(word in rules.denial_words for reading in _read_sentences(kept) for word in reading.words)
    return kept if known else story


#: those words put together to tell a use planned or past after all ("asking my doctor for it", "curious to be",
#: "because of it"; a review)
_PLANNED = regex.compile(r"\b(?:for|of)\s+(?:it|this)\b|\bto\s+be\b(?!\s+(?:honest|clear)\b)"
                         r"|\basking\s+(?:my|a|the|her|his)\s+(?:doctor|pharmacist|gp)\b|\blooking\s+for\b",
                         re.IGNORECASE)


def _echoed(told: Classes, found: Classes, rules: StoryRules) -> Classes:
    """The classes of a story but those the question names too (``story.echo``), where the story says them in words
    of ``story.echo_as``: the question's topic, not anyone's case ("I'm terrified of anything opioid-related. Is
    naltrexone an opioid?"); not when the story tells someone taking something (``story.echo_unless``: "I'm on
    oxycodone. Is naltrexone an opioid?") or names a drug of that class ("she wears a fentanyl patch")."""
    echoed = rules.echo & found.keys()
    if not echoed or not rules.echo_unless.isdisjoint(told):
        return told
    said = [span for name in rules.echo_as for span in told.get(name, ())]
    return {name: spans for name, spans in told.items() if name not in echoed or not within(spans, said)}


def _beside_why(story: str, classes: Callable[[str], Classes], rules: StoryRules) -> Classes:
    """The classes of a story but the asker's "I" found only where it says why one asks: "I" and "and I" in
    "and I'm curious.", "I'm looking into the evidence." tell no case of the asker's ("for him" in "not asking
    for him" is still who it is for). Only where that ends its sentence ("and I'm curious, she's been so weak"
    goes on to tell a case) and the story tells nobody taking anything (a red-team review: "I'm" told before
    words no class lists is the asker's case)."""
    told = classes(story)
    reading = read(story)
    ends = [*reading.breaks, len(reading.words)]
    # (a span may come from the decoded reading, which can be longer than this one: it then ends where it ends)
    spans = [span for name in rules.why for span in told.get(name, ())
             if min((e for e in ends if e >= span[1]), default=span[1]) - span[1] <= _WHY_TAIL]
    if not spans or not rules.why_unless.isdisjoint(told):
        return told
    return {name: found for name, found in told.items() if name not in rules.why_excuses
            or not all(any(start < b and a < end for a, b in spans) for start, end in found)}


#: the pack's classes of "it" and the like, which a story told after its question may use only as what was mentioned
_IT = ("it_word", "it_self")


def _read_sentences(story: str) -> list[Reading]:
    """Each sentence of a story, read as the rules judge it: without its spans of time, ages and counts ("my mum has
    had fibro for 10 years", "since I was 16": how long and how old, not how much)."""
    return [read(_plain(sentence)) for sentence in filter(None, (s.strip() for s in _SENTENCE.findall(story)))]


def _told_after(story: str, rules: StoryRules) -> bool:
    """Whether a story told after its question only says who asks, for whom, or why: each sentence, in
    English, names only ``after_allows`` classes and uses only ``after_words`` outside them."""
    for reading in _read_sentences(story):
        if reading.lang != "en" or not rules.after_never.isdisjoint(reading.words):
            return False
        # ("it_self" holds the "it" of "it_word" alone)
        pointed = all(start and reading.words[start - 1] in rules.after_points
                      for name in _IT for start, _ in reading.found.get(name, ()))
        # "for my dad" in "asking for my dad", "wants" in "my mum wants to know", "year" in "last year": a
        # word inside a phrase of an allowed class is read as part of that phrase
        allowed = [span for name in rules.after_allows for span in reading.found.get(name, ())]
        # (a longer phrase: "headaches" read both as a condition and as a symptom is still a symptom)
        excused = {name for name, spans in reading.found.items()
                   if all(any(a <= start and end <= b and b - a > end - start for a, b in allowed)
                          for start, end in spans)}
        if pointed:
            excused.update(_IT)
        if not set(reading.found) - excused <= rules.after_allows or any(
                group <= reading.found.keys() for group in rules.after_together):
            return False
        if not _all_known(reading, rules):
            return False
    return True


def _a_fact_told_after(story: str, found: Classes, classes: Callable[[str], Classes], rules: StoryRules) -> bool:
    """Whether a story told after a question that asks a fact no case changes ("What are endorphins? My mum takes
    LDN.") may be set aside as it would be if told first (``story.facts``), and more strictly: always told plainly,
    in English words every one of which a class or ``after_words`` knows, with none of ``after_never`` nor
    ``facts_after_never``, and the drug asked about not told had (:func:`_has_the_drug`). Told after the question,
    a story is where people say what worries them, in words no class lists ("she hasn't been herself"; a red-team
    review)."""
    sentences = _read_sentences(story)
    never = rules.after_never | rules.facts_after_never
    if not sentences or any(r.lang != "en" or not never.isdisjoint(r.words) or _has_the_drug(found, r, rules)
                            for r in sentences):
        return False
    return _plainly(story, rules) and rules.asks_a_fact(found, classes(_told(story)), lambda: True)


def _has_the_drug(found: Classes, reading: Reading, rules: StoryRules) -> bool:
    """Whether a sentence told after a question of what the drug is tells someone has it (``after_together``: "What
    is LDN? My mum has LDN." asks about hers)."""
    return "drug_definition" in found and any(group <= reading.found.keys() for group in rules.after_together)


def _all_known(reading: Reading, rules: StoryRules) -> bool:
    """Whether every word of ``reading`` is in a class found or one of ``after_words``."""
    covered = reading.covered()
    return all(i in covered or word in rules.after_words for i, word in enumerate(reading.words))


def _allowed(rule: str, told: Classes, found: Classes, rules: StoryRules, *, articles: Sequence[str] = (),
             others: Classes | None = None) -> Callable[[str, str], bool] | None:
    """Which referral rules (by kind and name) the story's sentences may fire, or ``None`` if the story
    keeps its referral: a story of who the asker is or speaks for, one told of someone else ("My dad is
    60 days sober and on naltrexone"), one that quotes a figure seen somewhere ("I keep seeing
    '4.5 mg' online"), or any story before a question that asks a fact no case changes ("What are microglia?")."""
    return either(
        # (a rule on a case the story does not tell is judged as one of who, never as a story of someone else's case)
        (lambda kind, name: name in rules.rules) if _tells_only_who(rules.judged(rule, told), told, rules) else None,
        (lambda kind, name: (kind == "referral" and name not in rules.others_never) or name in rules.rules)
        if rules.of_others(told if others is None else others) and rule not in rules.others_never
        and not rules.blocked_of_others(told) else None,
        _hearsay(rule, told, found, rules, articles=articles))


def _hearsay(rule: str, told: Classes, found: Classes, rules: StoryRules, *, articles: Sequence[str] = ()
             ) -> Callable[[str, str], bool] | None:
    """The rules a story that only quotes a figure seen somewhere may fire, or ``None``; ``articles``: the question's
    words, when its language says "it" as an article too ("la LDN"; in English "that LDN dose" points back)."""
    return ((lambda kind, name: name in rules.rules or name in rules.hearsay_rules)
            if rule in rules.hearsay_rules and rules.quoted(told, found, articles=articles) else None)


def _unaged(told: Classes, story: str, found: Classes, classes: Callable[[str], Classes], rules: StoryRules
            ) -> Classes:
    """The classes of a story told with its ages left out ("I'm 72 and like to understand what I read."): how old
    someone is changes no fact, unless under 18 ("I'm 12 and have fibro. What is LDN?"); only where the story names a
    number at all, so that one is read once more."""
    if "number" not in told or minor(story):
        return told
    return _echoed(_beside_why(_plain(story), classes, rules), found, rules)


def _of_a_fact(told: Classes, found: Classes, rules: StoryRules, plainly: Callable[[], bool]
               ) -> Callable[[str, str], bool] | None:
    """Which referral rules a story before a question that asks a fact no case changes may fire (any), or
    ``None`` if it keeps its referral (see ``story.facts`` in rules.yaml); ``plainly`` says whether the story is
    told in words a class or ``after_words`` knows."""
    return (lambda kind, name: kind == "referral") if rules.asks_a_fact(found, told, plainly) else None


def _plainly(story: str, rules: StoryRules) -> bool:
    """Whether every word of ``story`` is one a class or ``after_words`` knows: "I take LDN for my MS" is, "I'm on
    LDN and my wee has turned really dark" is not (a symptom nobody listed is no class at all; a red-team review)."""
    return all(_all_known(reading, rules) for reading in _read_sentences(story))


def _general(found: Classes, rules: StoryRules) -> bool:
    """Whether a question with these classes names nobody and asks a fact, not advice."""
    return _names_nobody(found, rules) and _asks_generally(found, rules.asks)


def _names_nobody(found: Classes, rules: StoryRules) -> bool:
    """Whether a question with these classes names nobody and asks no advice."""
    # "how could it reduce pain?" asks how; "could it help?" asks what it would do
    advice = rules.unless_yes_no if not _leads(found, "wh_question") else frozenset()
    return (packs().persons | rules.unless | advice).isdisjoint(found)


def _only_who(story: str, route: Callable[[str], object | None], classes: Callable[[str], Classes],
              rules: StoryRules, allowed: Callable[[str, str], bool]) -> bool:
    """Whether the story only tells who someone is: each sentence, read alone, fires nothing or a rule
    ``allowed``, and a question in it asks a fact about a topic ("apparently it's an addiction drug??"),
    not about the case told ("my mum has lupus, is it genetic?")."""
    for sentence in (s.strip() for s in _SENTENCE.findall(story)):
        # "off the booze for 90 days", "my mum is 84": how long and how old, not how much, for the rules too
        routed = route(_plain(sentence)) if sentence else None
        told = classes(sentence)
        if routed is not None and not allowed(getattr(routed, "kind", ""), getattr(routed, "rule", "")):
            return False
        if sentence.endswith("?") and (
                routed is not None or not _general(told, rules) or rules.topics.isdisjoint(told)):
            return False
    return True


def _asks_of_it(found: Classes) -> bool:
    """Whether a question asks yes or no of "that" or "it": "is that withdrawal?", "does LDN clash with
    those?" (a verb first, as an English question puts it, and the pronoun after it; "what is it?" asks what)."""
    verb = min((start for start, _ in found.get("yes_no", ())), default=_LEAD)
    pronoun = min((start for start, _ in found.get("it_word", ()) if verb < start <= verb + _POINTS_WITHIN),
                  default=None)
    return verb < _LEAD and pronoun is not None and not _leads(found, "wh_question")


def _leads(found: Classes, name: str) -> bool:
    # (a word of contrast first leaves the question its lead: "mais c'est quoi, la LDN ?", "ma in pratica cos'è?")
    lead = _LEAD + 1 if any(start == 0 for start, _ in found.get("contrast", ())) else _LEAD
    return any(start < lead for start, _ in found.get(name, ()))


def _asks_generally(found: Classes, asks: frozenset[str]) -> bool:
    for name in asks:
        spans = found.get(name, ())
        # A question word counts where a question starts ("what is naltrexone used for"), not inside
        # one ("is that what it does"); a topic (research, the article) counts anywhere.
        if name not in _LEADING and spans:
            return True
        if _leads(found, name):
            return True
    return False


def only_who(story: str, rule: str, classes: Callable[[str], Classes]) -> bool:
    """Whether a story set aside for ``rule`` only tells who the asker is or speaks for (``story.rules``,
    none of ``story.blockers``): no intake, symptom, medicine, amount or time of anyone's."""
    return _tells_only_who(rule, classes(_told(story)), packs().story)


def _tells_only_who(rule: str, told: Classes, rules: StoryRules) -> bool:
    return rule in rules.rules and rules.blockers.isdisjoint(told)
