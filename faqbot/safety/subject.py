"""A follow-up read with its pronoun as the drug the conversation is about.

After an answer about LDN, "so how long till it kicks in for me" asks how long till LDN works for the asker,
and "a me succede da una settimana, la sospendo?" whether to stop it. The
router reads a question's own words, and "it" is no drug to it; put after the question it follows, the
pronoun stands too far from the drug's name for a rule's window. Read with the pronoun as the drug, the
follow-up is routed as the question it is (a red-team review of follow-ups found seven such referrals answered
or left to a fallback). This reading is routed only, never matched: it can add a referral, not an answer.

A follow-up that names nobody is read so too, in English, after an answer about the drug, when a verb of taking it
or changing how it is taken governs its "it" and comes first: "stop it before surgery?" after the entry on opioid
painkillers was answered with that entry, "mixing it with wine tonight?" with the one on interactions (the sixty-sixth
session's reviews: after an answer about endorphins or microglia, or with a subject of its own, "does exercise raise
it?", "it" is what the answer told of). And a decision on the drug said first, with nothing but fillers before its
verb ("stop LDN?", "start LDN tonight?", after an answer about the drug "k start it?"), is read as the asker's own
(:func:`for_oneself`): the rules read a change of the drug as a case only beside a person.
"""

from __future__ import annotations

from faqbot.safety.pack import packs
from faqbot.safety.reading import Reading, read
from faqbot.safety.router import persons_asked_about

#: the verbs of taking it or changing how it is taken that make "it" the drug the asker takes, when one governs it and
#: comes first in its sentence ("upping it?", "stop it before surgery?", "mixing it with wine tonight?")
_TAKING = frozenset({"action", "combine", "intake", "missed", "start_now", "end_verb"})
#: ... of them, those that decide on the drug itself, said first with nothing but fillers before them ("stop LDN?",
#: "k start it?"): mixing it with something asks how the two go together ("could mixing LDN with other medications
#: be dangerous?"), "take it" is often an idiom ("take it with a grain of salt?"), and after an asking word the verb
#: is the subject of a general question ("does stopping it cause withdrawal?", "can taking it help MS?")
_DECIDING = frozenset({"action", "missed", "start_now", "end_verb"})
#: ... nor one with its own verb after it: the change is then the subject of a general question ("so stopping it is
#: easy?", "stopping it makes cravings come back?")
_THEN_SAYS = frozenset({"is", "isnt", "was", "makes", "make", "means", "mean", "does", "doesnt", "do", "has", "have",
                        "will", "would", "can", "could", "causes", "cause", "gives", "stops", "ends", "helps",
                        "affects", "changes", "leads", "brings", "lets", "undoes", "works"})
#: ... nor one a search-box topic follows ("start ldn side effects?", "start ldn benefits?"), nor one whose sentence
#: goes on to ask a general question ("start ldn for fibro, does it work?"): a review
_TOPIC_AFTER = frozenset({"side", "effects", "benefits", "benefit", "risks", "risk", "safety", "interactions",
                          "results", "rate", "dangers", "pros", "cons", "reviews", "info", "information", "guide",
                          "tips"})
_ASKS_ON = frozenset({"yes_no", "wh_question"})
#: what may come before such a verb: asking words and fillers ("can upping it help?", "ok so just skip it?"); a
#: subject of its own ("does exercise raise it?", "did they stop it early?") leaves "it" to the topic
_LEAD = frozenset({"modal", "conditional", "yes_no", "ok_word", "safety_ask", "joiner"})
_FILLERS = frozenset({"so", "just", "ok", "okay", "ugh", "then", "hmm", "and", "but", "also", "maybe", "k", "um",
                      "gonna", "probably", "prob"})
_LEAD_WORDS = _FILLERS | {"can", "could", "should", "would", "will", "shall", "may", "might", "do", "does", "is"}
#: words that make it a question about what others do or did: what was done ("did starting it for MS come first?",
#: "was starting it after detox always the rule?") or what pharmacies or researchers do ("is crushing it how they
#: make the capsules?")
_OTHERS_DO = frozenset({"was", "were", "did", "had", "they", "their"})
#: ... and words of the answer's text, in an order to the bot ("split it into bullet points?", "cut it down to 2
#: sentences?", "switch it to spanish?": a review)
_TEXT_WORDS = frozenset({"bullet", "bullets", "points", "paragraph", "paragraphs", "sentence", "sentences", "words",
                         "line", "lines", "steps", "sections", "parts", "level", "summary", "disclaimers", "tweet",
                         "simpler", "shorter", "english", "spanish", "french", "german", "italian", "portuguese",
                         "jargon", "top", "beginning", "sec", "basics"})
#: ... and what makes the follow-up general again: people, patients, studies or a fact the same whoever asks
_GENERAL = frozenset({"generic_people", "evidence", "statistic", "general", "generally", "curious", "about_text",
                      "fact_topic"})
#: when it is taken, which makes a plan of a sentence that asks nothing ("starting it tonight"); without one, a
#: sentence that asks nothing is an order to the bot ("skip it, next question", "split it into bullet points")
_WHEN = frozenset({"tonight", "timing", "habit", "routine"})


def with_subject(text: str, name: str, *, taken: bool = False) -> str | None:
    """``text`` read as the engine reads it (typos repaired, sentence ends kept) with its first pronoun that may
    stand for the drug (``subject_pronouns`` in the language's pack) put as ``name``; ``None`` if it has no such
    pronoun, names the drug itself, or names nobody: the reading is for a follow-up about someone's own case.
    ``taken``: the answer it follows was about the drug, and an English follow-up that names nobody is read too when
    a verb of taking or changing it governs its "it" and comes first (:func:`_taken_it`)."""
    reading = read(text)
    named = _names_someone(reading)
    asked = text.rstrip().endswith("?")
    at = _taken_it(reading, asked) if taken and not named and "drug" not in reading.found else None
    if at is not None:
        return _put(reading, at, name, text)
    if "drug" in reading.found or not named:
        # a follow-up that names the drug says what its pronoun is not ("how does LDN stop that?"), and one that
        # names nobody, or only "they", asks of the topic ("is it true they're 80% of the nervous system?"); the
        # "me" of "explain it to me" is who is told
        return None
    if "number" in reading.found and "quantity" not in reading.found:
        # a figure beside the drug's name reads as a dose, but a follow-up's figures are mostly statistics ("my
        # cousin reckons it's like 1 in 100"); asked how much ("how much of it would I need at 90 kilos?"), it is one
        return None
    pronouns = packs().subject_pronouns.get(reading.lang, frozenset())
    start = next((at for at, word in enumerate(reading.words) if word in pronouns and at not in reading.supplied), None)
    return None if start is None else _put(reading, start, name, text)


def for_oneself(text: str, name: str | None = None) -> str | None:
    """``text``'s sentence that decides on the drug, read as the asker's own decision ("should i" put before it), or
    ``None``: "stop LDN?", "start LDN tonight?", and with ``name`` (after an answer about the drug) "k start it?",
    ask whether the asker should, though they name nobody, as "stop it before surgery?" does (the rules read a
    change of the drug as a case only beside a person). English, a verb of changing, starting or stopping it
    (:data:`_DECIDING`) right before the drug's name (or that "it"), only fillers before the verb, in the question the
    message ends on or a sentence that says when, as :func:`_decides` reads it."""
    reading = read(text)
    if _names_someone(reading):
        return None
    asked = text.rstrip().endswith("?")
    if name is not None and "drug" not in reading.found:
        at = _taken_it(reading, asked, deciding=True)
    else:
        drug = min((start for start, _ in reading.found.get("drug", ())), default=None)
        at = drug if drug is not None and _decides(reading, drug, asked, deciding=True) else None
    if at is None:
        return None
    begins, ends = _sentence_of(reading, at)
    words = [name if i == at and name is not None else reading.words[i] for i in range(begins, ends)]
    return "should i " + " ".join(words) + ("?" if ends == len(reading.words) and asked else "")


def _taken_it(reading: Reading, asked: bool, *, deciding: bool = False) -> int | None:
    """Where "it" is the drug someone takes in a follow-up that names nobody: English, the first "it", right after a
    verb of taking or changing it (``_TAKING``) with only asking words and fillers before that verb in its sentence,
    a sentence that is the question the message ends on (``asked``: it ends in "?") or says when (``_WHEN``), and
    nothing said of people, studies or a fact (``_GENERAL``). Only "it": "that", "they" and "them" point at what the
    answer told as often, and outside English an article may be the pronoun ("la gente", "à noite")."""
    at = next((i for i, word in enumerate(reading.words) if word == "it" and i not in reading.supplied), None)
    return at if at is not None and _decides(reading, at, asked, deciding=deciding) else None


def _decides(reading: Reading, at: int, asked: bool, *, deciding: bool = False) -> bool:
    """Whether the word at ``at`` (the drug, or "it" for it) is what a verb of taking or changing it governs, said
    first in its sentence after asking words or fillers, and that sentence asks the question the message ends on or
    says when; ``deciding``: a verb of :data:`_DECIDING` after fillers only, with no verb of its own after it, no
    search-box topic and no question going on in its sentence."""
    if reading.lang != "en" or not at or not _GENERAL.isdisjoint(reading.found) or not (
            _OTHERS_DO | _TEXT_WORDS).isdisjoint(reading.words):
        return False
    begins, ends = _sentence_of(reading, at)
    if deciding and not (_THEN_SAYS | _TOPIC_AFTER).isdisjoint(reading.words[at + 1 : at + 2]):
        return False
    verbs = _covered(reading, _DECIDING if deciding else _TAKING)
    lead = set() if deciding else _covered(reading, _LEAD)
    words = _FILLERS if deciding else _LEAD_WORDS
    if at - 1 not in verbs or not all(i in verbs or i in lead or reading.words[i] in words for i in range(begins, at)):
        return False
    if deciding and any(at < start < ends for name in _ASKS_ON for start, _ in reading.found.get(name, ())):
        return False
    when = any(begins <= start < ends for name in _WHEN for start, _ in reading.found.get(name, ()))
    return when or (asked and ends == len(reading.words))


def _names_someone(reading: Reading) -> bool:
    """Whether ``reading`` names the asker or someone they speak for ("me", "my mum", "someone"; not "they")."""
    people = (packs().persons - {"third_person"}) | {"someone"}
    return any(persons_asked_about(reading, name) for name in people)


def _sentence_of(reading: Reading, at: int) -> tuple[int, int]:
    """Where the sentence holding the word at ``at`` begins and ends, in words."""
    begins = max((mark for mark in reading.marks if mark <= at), default=0)
    return begins, min((mark for mark in reading.marks if mark > at), default=len(reading.words))


def _covered(reading: Reading, names: frozenset[str]) -> set[int]:
    return {i for name in names for start, end in reading.found.get(name, ()) for i in range(start, end)}


def _put(reading: Reading, start: int, name: str, text: str) -> str:
    """The words of ``reading`` with the one at ``start`` put as ``name``, its sentences kept."""
    marks = set(reading.marks)  # (a long message's pieces are many: one lookup each)
    sentences: list[list[str]] = [[]]
    for at, word in enumerate(reading.words):
        if at in marks:
            sentences.append([])
        sentences[-1].append(name if at == start else word)
    mark = "?" if text.rstrip().endswith("?") else ""
    return ". ".join(" ".join(words) for words in sentences if words) + mark
