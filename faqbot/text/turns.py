"""The wording around a follow-up: what opens a turn, the hedges inside it, and the form of its question.

These are grammar, not topic, so they are word lists here rather than knowledge-base synonyms; they
are applied only to a question read against a context (:mod:`faqbot.followup`), never to one asked
on its own, so single questions are matched exactly as before.
"""

from __future__ import annotations

import faqbot.regex as regex
from faqbot.text.sanitize import clean
from faqbot.text.words import words

#: words and phrases that open a turn in a chat without asking anything ("wait,", "hang on,", "sorry,")
OPENERS = ("and", "so", "but", "ok", "okay", "well", "hmm", "right", "then", "also", "oh", "wait", "hang on",
           "hold on", "sorry", "um", "uh", "ah", "huh", "actually", "yeah", "yes", "no", "cool", "great")
#: what opens a turn that leaves the last answer behind ("unrelated, but ...", "different question: ...")
NEW_TOPIC = ("unrelated", "different question", "another question", "new question", "other question",
             "separate question", "random question", "side question", "changing the subject", "change of subject",
             "by the way", "btw", "on another note", "on a different note", "moving on", "switching topics")
#: words that say how sure or how often, not what is asked: left in, they split a phrase the knowledge
#: base knows ("where do people *usually* get it" is "where do people get it")
HEDGES = frozenset("usually actually really exactly even just basically anyway then though again".split())
#: the question word (or the auxiliary of a yes/no question) a question opens with, and its form
FORMS = {
    "how": "how", "why": "why", "what": "what", "whats": "what", "which": "what", "who": "who", "where": "where",
    "when": "when",
    **dict.fromkeys("is are was were does do did can could will would has have should".split(), "yes-no"),
}
#: two-word openings whose form is not their first word's ("how come?" asks why)
FORM_PHRASES = {("how", "come"): "why", ("why", "not"): "why", ("in", "what"): "how"}
#: what may open a noun phrase put before the question ("as for MS, ..."); a clause opened by one of
#: these ("if it is not approved, ...") is a condition, not a topic
_NOT_TOPIC = frozenset("if when since because although though as after before while once given unless".split())
_OPENER = regex.compile(r"^(?:(?:" + "|".join(o.replace(" ", r"\s+") for o in OPENERS) + r")\b\W*)+")
_NEW_TOPIC = regex.compile(r"^(?:(?:" + "|".join(o.replace(" ", r"\s+") for o in OPENERS) + r")\b\W*)*"
                           r"(?:(?:a|one|my|quick|totally|completely|also|slightly)\s+)*(?:"
                           + "|".join(t.replace(" ", r"\s+") for t in NEW_TOPIC) + r")\b")
_FRONTED = regex.compile(r"^(?:(?:what|how)\s+about|as\s+for|and|in|for|with)?\s*(?P<x>[^,;:?!.]{1,40}?)\s*"
                         r"(?:,|;|:|\s[-\u2013\u2014]+)\s*(?P<q>[^,;:]+?)\W*$")
_PRONOUNS = frozenset("it its itself they them their theirs themselves this that these those he she his her".split())


#: "then what?", "and once they're on, what happens next?": asks for the step after the one just told
_NEXT = regex.compile(r"^(?:(?:once|after|when|if)\s[^,;:?!.]{1,40},?\s*)?"
                      r"(?:(?:and\s+)?then what|and then|what then|what next|what(?:'s| is) next|after that"
                      r"|what (?:happens|comes) (?:next|then|after(?:wards| that)?))\W*$")
#: "where does naltrexone come into it?", "what has LDN got to do with that?": how the thing named
#: bears on what was just said
_RELATION = regex.compile(r"^(?:where|how) (?:does|do) (?P<a>[^?!.]{1,40}?) (?:come in(?:to (?:it|this|that))?"
                          r"|fit in(?:to (?:it|this|that|all this))?|come into play)\W*$"
                          r"|^what (?:does|do|has|have) (?P<b>[^?!.]{1,40}?) (?:got )?(?:have )?to do with"
                          r" (?:it|this|that|them|those|these)\W*$")


def asks_next(cleaned: str) -> bool:
    """Whether the turn asks what comes after the thing just told ("and once they're on, then what?")."""
    return any(_NEXT.match(text) for text in (cleaned, without_openers(cleaned)))


def relates(cleaned: str) -> str | None:
    """The thing a turn asks to relate to what was just said ("where does LDN come into it?": "ldn")."""
    found = _RELATION.match(without_openers(cleaned))
    if found is None:
        return None
    thing = found.group("a") or found.group("b")
    return None if _PRONOUNS & set(words(thing)) else thing


def without_openers(cleaned: str) -> str:
    """The question without the words that open the turn ("wait, don't they ..." -> "don't they ...")."""
    stripped = _OPENER.sub("", cleaned)
    return stripped if stripped.strip() else cleaned


def changes_topic(cleaned: str) -> bool:
    """Whether the turn says it leaves the last answer behind: then it is read on its own."""
    return _NEW_TOPIC.match(cleaned) is not None


def without_hedges(cleaned: str) -> str:
    """The question's words without its hedges, as one string."""
    return " ".join(w for w in words(cleaned) if w not in HEDGES)


def question_form(text: str) -> str | None:
    """The form of a question: its question word ("how", "why", ...), "yes-no", or None if it has neither."""
    tokens = words(without_openers(clean(text)))
    if not tokens:
        return None
    return FORM_PHRASES.get((tokens[0], tokens[1]) if len(tokens) > 1 else ("", "")) or FORMS.get(tokens[0])


def fronted(cleaned: str) -> tuple[str, str] | None:
    """A topic put before its question ("and in MS, what did the trials find?", "the full strength
    version - what is that for?"): the topic and the question, when the topic is a short noun phrase
    and the question a question."""
    found = _FRONTED.match(without_openers(cleaned))
    if found is None:
        return None
    topic, question = found.group("x").strip(), found.group("q").strip()
    topic_words = words(topic)
    if not topic_words or len(topic_words) > 5 or topic_words[0] in _NOT_TOPIC or _PRONOUNS & set(topic_words):
        return None
    return (topic, question) if question_form(question) is not None else None
