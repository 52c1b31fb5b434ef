"""The wording around a follow-up: what opens a turn, the hedges inside it, and the form of its question.

These are grammar, not topic, so they are word lists here rather than knowledge-base synonyms; they
are applied only to a question read against a context (:mod:`faqbot.followup`), never to one asked
on its own, so single questions are matched exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import faqbot.regex as regex
from faqbot.text.pointing import PRONOUNS
from faqbot.text.sanitize import clean
from faqbot.text.words import WHAT_SPELLINGS, words

#: words and phrases that open a turn in a chat without asking anything ("wait,", "hang on,", "sorry,")
OPENERS = ("and", "so", "but", "ok", "okay", "well", "hmm", "right", "then", "also", "oh", "wait", "hang on",
           "hold on", "sorry", "um", "uh", "ah", "huh", "actually", "yeah", "yes", "no", "cool", "great")
#: what opens a turn that leaves the last answer behind ("unrelated, but ...", "different question: ...")
NEW_TOPIC = ("unrelated", *(f"{kind} {noun}" for kind in ("different", "another", "new", "other", "separate", "random",
                                                          "side") for noun in ("question", "q", "qn", "topic", "thing",
                                                                               "subject")),
             "changing the subject", "change of subject", "by the way", "btw", "on another note", "on a different note",
             "moving on", "switching topics", "separately", "not related", "off topic", "switching gears",
             "changing topics", "on a separate note", "on an unrelated note", "on another topic", "another thing",
             "changing topic", "change of topic", "switching topic", "changing subject", "switching subjects")
#: words that say how sure or how often, not what is asked: left in, they split a phrase the knowledge
#: base knows ("where do people *usually* get it" is "where do people get it")
HEDGES = frozenset("usually actually really exactly even just basically anyway then though again specifically "
                   "precisely".split())
#: the question word (or the auxiliary of a yes/no question) a question opens with, and its form
FORMS = {
    "how": "how", "why": "why", "what": "what", "whats": "what", "which": "what", "who": "who", "where": "where",
    "when": "when",
    **dict.fromkeys("is are was were does do did can could will would has have should".split(), "yes-no"),
}
#: two-word openings whose form is not their first word's ("how come?" asks why)
FORM_PHRASES = {("how", "come"): "why", ("why", "not"): "why", ("in", "what"): "how"}
#: the words that begin the asker's story rather than a topic when more than a noun follows them ("his" and "her" are
#: pronouns, never a topic)
_POSSESSIVES = frozenset(("my", "our"))
#: what may open a noun phrase put before the question ("as for MS, ..."); a clause opened by one of
#: these ("if it is not approved, ...") is a condition, not a topic
_NOT_TOPIC = frozenset("if when since because although though as after before while once given unless".split())
_OPENER = regex.compile(r"^(?:(?:" + "|".join(o.replace(" ", r"\s+") for o in OPENERS) + r")\b\W*)+")
_NEW_TOPIC = regex.compile(r"^(?:(?:" + "|".join(o.replace(" ", r"\s+") for o in OPENERS) + r")\b\W*)*"
                           r"(?:(?:a|one|my|quick|totally|completely|also|slightly)\s+)*(?:"
                           + "|".join(t.replace(" ", r"\s+") for t in NEW_TOPIC) + r")\b")
_FRONTED = regex.compile(r"^(?:(?:what|how)\s+about|as\s+for|and|in|for|with)?\s*(?P<x>[^,;:?!.]{1,40}?)\s*"
                         r"(?:,|;|:|\s[-\u2013\u2014]+)\s*(?P<q>[^,;:]+?)\W*$")
#: chat spellings of the grammar words the follow-up forms are made of ("wat triggers em", "w them"):
#: the spelling corrector leaves them alone (too short, or stop words), and a form written with them
#: would not be recognised
CHAT_SPELLINGS = {
    **dict.fromkeys((*WHAT_SPELLINGS, "wht"), "what"),
    **dict.fromkeys(("wats", "wuts", "whts", "whats"), "what's"),
    "em": "them", "w": "with", "r": "are", "u": "you", "ur": "your", "y": "why", "hw": "how", "abt": "about",
    "bout": "about", "dat": "that", "dis": "this", "tho": "though", "wen": "when", "effx": "effects",
    "efx": "effects",
    # contractions typed without the apostrophe, which the corrector would read as other words ("theyre" as
    # "there")
    "theyre": "they're", "youre": "you're", "thats": "that's", "isnt": "isn't", "doesnt": "doesn't",
    "dont": "don't", "arent": "aren't", "wont": "won't", "cant": "can't", "didnt": "didn't", "wasnt": "wasn't",
    "whos": "who's", "hows": "how's", "wheres": "where's",
}
_TOKEN = regex.compile(r"[^\W_]+(?:'[^\W_]+)*")

#: a question asking how something does what it does ("how does LDN relieve pain?", not "how common is it?")
HOW_IT_DOES = regex.compile(r"^how (?:does|do|can|could) ", re.IGNORECASE)
#: an answer that gives a reason for what it says ("..., because it can react with other drugs")
REASON = regex.compile(r"\b(?:because|since|so that|(?<!even )so|that is why|this is why|which is why|the reason)\b",
                        re.IGNORECASE)
#: the follow-up forms matched whole (:mod:`faqbot.followup`): "tell me more", "what about X?", a bare
#: "why?" or "how?", "like what?"
_LEAD = r"^(?:(?:and|so|but|ok|okay|well|hmm|right|then|also|oh)\W+)*"
MORE = regex.compile(_LEAD + r"(?:(?:can|could) you\s+)?(?:please\s+)?(?:tell me|say|explain|give me)?\s*"
                     r"(?:some\s+)?(?:more|go on|keep going|continue|elaborate|expand(?: on that)?|details?"
                     r"|more (?:info\w*|detail\w*))"
                     r"(?:\s+(?:please|pls|about (?:it|that|this)|on (?:it|that|this)))?\W*$")
ABOUT = regex.compile(_LEAD + r"(?:what about|how about|what of|same (?:for|with)|and (?:for|with|in)|and|for|in"
                      r"|with)\s+(?P<x>[^?!.]{1,60}?)\W*$")
BARE = regex.compile(_LEAD + r"(?P<w>why|how|how come|how so|why not|in what way|really|is that so"
                     r"|(?:why|how) (?:is|was|would|does|do|did) (?:that|this)(?: so| the case| possible| happen)?"
                     r"|why (?:is|would) it be(?: so| the case)?"
                     # "how does it do that (for pain)?": "how?" with the verb spelt out, and what for
                     r"|(?:how|why) (?:does|do|did|would|can|could) (?:it|they|this|that) do (?:that|this|it|so)"
                     r"(?: (?:for|in|with|on) (?P<q>[^?!.]{1,30}?))?"
                     r"|what (?:is|are) (?:it|they|those|these|that)(?: exactly| again)?)\W*$")
#: "in simpler words?", "explain it like I'm 5", "what does that mean?", "is that still true?": the answer just given,
#: again (the answers are written plainly already; there is no other wording to give)
RESTATE = regex.compile(_LEAD + r"(?:(?:can|could) you\s+)?(?:please\s+)?(?:"
                        r"(?:explain|say|put|tell me)\s+(?:it|that|this)\s+(?:again|simpl\w*|more simply|plainly"
                        r"|in (?:simple|simpler|plain|plainer|easier|normal|layman'?s?)"
                        r" (?:words|terms|english|language)"
                        r"|like i'?m (?:5|five|a child|a kid))"
                        r"|(?:in\s+)?(?:simple|simpler|plain|plainer|easier|layman'?s?) (?:words|terms|english|version)"
                        r"|simpler|eli5|explain like i'?m (?:5|five)|what does (?:that|this|it) mean|meaning(?: what)?"
                        r"|i (?:do ?n'?t|dont) (?:get|understand) (?:it|that|this)?|come again|say (?:that|it) again"
                        # whether the article says what the answer just said: the answer tells what it says
                        r"|(?:is|was) (?:that|this) (?:really |actually )?(?:in|from) the article"
                        r"|(?:does|did) the article (?:really |actually )?say (?:that|this|so)"
                        r"|where does (?:it|the article) say (?:that|this|so)"
                        # whether what the answer just said still holds ("is that still the case?", "has that
                        # changed?"): only the knowledge base's own claim is there to confirm
                        r"|(?:is|was|are) (?:that|this|it|those|these)(?: (?:still|really|actually|definitely|always"
                        r"|even))? (?:true|right|correct|accurate|the case|so|valid|confirmed|a fact|legit|certain)"
                        r"(?: (?:still|now|today|anymore|any more|these days|nowadays))?"
                        r"|(?:still|really|actually) (?:true|the case|so|right)"
                        r"|(?:has|did) (?:that|this|it) change(?:d)?(?: (?:since|recently|lately|at all))?)"
                        r"(?:\s+(?:please|pls))?\W*$")
#: "who says?", "where's that number from?", "source?": where what was just said comes from, which is the
#: question of where the information comes from
SOURCE = regex.compile(_LEAD + r"(?:who says(?: so)?|says who|according to (?:who|whom|what)"
                       # (the thing said, never any noun: "where's this rash from?" asks about a case)
                       r"|where(?:'s| is| does| did) (?:that|this|it)(?: (?:number|figure|stat|stats|statistic|info"
                       r"|information|claim|fact|data|quote|idea))?(?: come)? from"
                       r"|where did you (?:get|read) (?:that|this)"
                       r"|(?:what(?:'s| is) )?(?:the |your |any )?sources?(?: for (?:that|this))?"
                       r"|citation needed|citation"
                       r"|how do (?:you|they|we) know(?: that| this)?|based on what|backed up by what"
                       # what the text itself tells of where it comes from: its date, author and references
                       r"|when was (?:it|this|that) (?:published|written|posted|updated|put out)"
                       r"|who (?:wrote|published|put out) (?:it|this|that)"
                       r"|(?:does|did) (?:it|this) (?:cite|list|give|name|mention|have|link)"
                       r" (?:any |its |the )?(?:studies|sources|references|citations|research|an author|a date)"
                       r"|is (?:it|this|that) peer[- ]?reviewed"
                       r"|(?:is|are) there (?:a |an |any )?(?:date|author|byline|references?|citations?|sources?)"
                       r"(?: (?:on|in|for|to|with) (?:it|this|that|the article))?)\W*$")
#: where the bot's own answers come from, asked in words that are all stop words ("where are you getting all this
#: from?", "where's all this info coming from"): with no context, the source is the one article. (Who wrote the
#: article or when is asked of the article, and falls back: it names neither.)
BOT_SOURCE = regex.compile(_LEAD + r"(?:where (?:are|r|do|did|does) (?:you|u|the bot|this bot) (?:get|getting|got|take"
                           r"|taking|find|finding)(?: all)? (?:this|that|these|it|your (?:info\w*|answers|facts))"
                           r"(?: (?:info\w*|stuff|answers|facts|from))*"
                           r"|where(?:'s| is| does) (?:all )?(?:this|that) (?:info\w* |stuff |knowledge )?"
                           r"(?:coming|come|taken|pulled|sourced) from"
                           # "what's your source?", "says who?", "citation?": the bot's word is what is doubted
                           r"|(?:what(?:'s|s| is| are) )?your sources?|sources?|says who|who says(?: so)?"
                           r"|citations?(?: needed| please)?)\W*$")
#: "like what?", "which ones?", "which diseases?": asks for the things the last answer names
SPECIFY = regex.compile(_LEAD + r"(?:like what|such as|for (?:example|instance)|examples?|any examples?"
                        r"|name (?:some|one|them)|which ones?|which (?P<n>\w+)|what (?:kinds?|sorts?|types?)"
                        # "any others?", "anything else?", "is that all?": more of what the answer lists, which
                        # is all the knowledge base has
                        r"|(?:any\s+)?others?|any other ones?|what else|anything else|nothing else|any more"
                        r"|is that (?:all|it)|only (?:that|this|those|these)"
                        # "is that just the US?", "so only insomnia, nothing else?": whether what the answer said
                        # is all there is, asked of something it names
                        r"|(?:is|was|are|were) (?:that|this|it|those|these|they) (?:just|only)"
                        r" (?:in |for |about |from )?(?:the )?(?P<k>\w+(?: \w+)?)|only (?P<o>\w+)(?:\W+nothing else)?"
                        # "which diseases did they look at?": which of the things the answer names
                        r"|which (?P<m>\w+) (?:did|do|does|were|was|are|is|have|has) (?:they|it|those|these)\b"
                        r"[^?!.]{0,30}"
                        # "examples of autoimmune disorders?": examples of something the answer names
                        r"|(?:any |some |give me (?:some |an? )?)?examples? of (?:an? |the )?(?P<e>\w+(?: \w+)?))\W*$")

#: "then what?", "and once they're on, what happens next?": asks for the step after the one just told
_NEXT = regex.compile(r"^(?:(?:once|after|when|if)\s[^,;:?!.]{1,40},?\s*)?"
                      r"(?:(?:and\s+)?then what(?: (?:do|does|did|will|would) (?:they|it|those|these) do)?|and then"
                      r"|what then|what next|what(?:'s| is) next|after that"
                      r"|what (?:happens|comes) (?:next|then|after(?:wards| that)?)"
                      # "what do they do after?", "and what does it do then?"
                      r"|(?:and\s+)?what (?:do|does|did|will|would) (?:they|it|those|these) do"
                      r" (?:next|then|after(?:wards| that)?))"
                      # "then what, once they're switched on?", "and once they're on?"
                      r"(?:,?\s*(?:once|after|when)\s[^,;:?!.]{1,40})?\W*$"
                      r"|^(?:and\s+)?(?:once|after) (?:they|it)(?:'re|'s| are| is|re| get| gets)?"
                      r" (?:on|active|activated|switched on|turned on|triggered|set off)\W*$")
#: "where does naltrexone come into it?", "what has LDN got to do with that?": how the thing named
#: bears on what was just said
_RELATION = regex.compile(r"^(?:where|how) (?:does|do) (?P<a>[^?!.]{1,40}?) (?:come in(?:to (?:it|this|that))?"
                          r"|fit in(?:to (?:it|this|that|all this))?|come into play)\W*$"
                          r"|^what (?:does|do|has|have) (?P<b>[^?!.]{1,40}?) (?:got )?(?:have )?to do with"
                          r" (?:it|this|that|them|those|these)\W*$"
                          # "how does LDN help with that?", "can LDN do anything about it?"
                          r"|^(?:how|why) (?:does|do|can|could|would|will) (?P<c>[^?!.]{1,30}?) (?P<v>help(?: with)?"
                          r"|fix|treat|ease|calm|stop|do anything about)"
                          r" (?:it|this|that|them|those|these)\W*$"
                          r"|^(?:can|could|does|do|would|will) (?P<d>[^?!.]{1,30}?) (?P<w>help with|do anything about"
                          r"|fix|treat|ease|calm|stop) (?:it|this|that|them|those|these)\W*$")


#: a courtesy ending a turn ("source pls", "and the trials? thanks"), with what comes before it
_COURTESY = regex.compile(r"[\s,]+(?:please|pls|plz|plse|thanks|thank you|thx|ty|cheers)\W*$")


def repaired(cleaned: str, correct: Callable[[list[str]], list[str]]) -> str:
    """The turn with its chat spellings and typos put right, punctuation kept ("wut does ldn have to do w
    them" -> "what does ldn have to do with them"), so the follow-up forms are recognised in it; a clause
    pointing back at the answer left out ("the microglia you brought up"), and a term followed by "what's that?"
    asked as what the term is. (Safety routes the turn as typed, before any of this.)
    ``correct`` is the knowledge base's spelling corrector over a run of words, the one matching uses (it
    leaves real words alone and reads a slip by its neighbours: "sid efects" is "side effects")."""
    found = list(_TOKEN.finditer(cleaned))
    fixed = iter(correct([CHAT_SPELLINGS.get(m.group(0)) or m.group(0) for m in found]))
    text = _SAID_BEFORE.sub("", _TOKEN.sub(lambda m: next(fixed), cleaned))
    # "source pls", "why tho thanks": a courtesy ending a turn asks nothing (the forms end where the question does)
    text = _COURTESY.sub("", text).strip() or text
    named = _NAMED_THEN_ASKED.match(text)
    return f"what is {named.group('x')}?" if named else text


#: a term and then what it is ("microglia?? whats that", "calming the microglia? what are those"): the pronoun
#: is the term just named, not the last answer's topic
_NAMED_THEN_ASKED = regex.compile(r"^(?P<x>[\w' -]{2,40}?)\s*\?+\s*(?:what(?:'s| is| are)?|whats|wats)\s+"
                                  r"(?:that|this|those|these|they|it)(?:\s+exactly)?\W*$")


#: a clause pointing back at the answer ("the microglia you brought up", "that figure you mentioned"): which
#: thing is meant is already said, and its words ("brought") are no part of what is asked
_SAID_BEFORE = regex.compile(r"\s+(?:that\s+)?you(?:'ve|\s+have)?(?:\s+just)?\s+(?:mentioned|brought\s+up|"
                             r"talked\s+about|were\s+talking\s+about|referred\s+to|said|named|listed)\b")


#: "who is it for?", "what's that meant for?": the "for" left at the end asks what the thing is used for,
#: and is a stop word to matching, which would read "who is it" alone
_PURPOSE = regex.compile(r"^(?:who|what)(?:\s+is|\s+are|'s|s)?\s+(?P<p>it|this|that|they|these|those)"
                         r"(?:\s+(?:meant|made|intended|supposed\s+to\s+be|good|used|given|prescribed))?\s+for\W*$"
                         # "who uses it?", "who gets them?", "for what?"
                         r"|^who (?:uses|takes|gets|needs|is given|are given) (?P<q>it|this|that|they|them|these|those)"
                         r"\W*$|^for what\W*$")


_PLURAL_THINGS = frozenset({"they", "these", "those"})


def purpose(cleaned: str) -> str:
    """A question asking what a thing said before is for, in the words matching knows ("who is it
    for?" -> "what is it used for"); any other question as it is."""
    found = _PURPOSE.match(cleaned)
    if found is None:
        return cleaned
    # "for what?" names nothing: it is the thing just talked about; "who gets them?" asks what they are for
    thing = found.group("p") or found.group("q") or "it"
    thing = "they" if thing == "them" else thing
    return f"what {'are' if thing in _PLURAL_THINGS else 'is'} {thing} used for"


def asks_next(cleaned: str) -> bool:
    """Whether the turn asks what comes after the thing just told ("and once they're on, then what?")."""
    return any(_NEXT.match(text) for text in (cleaned, without_openers(cleaned)))


def relates(cleaned: str) -> tuple[str, str] | None:
    """The thing a turn asks to relate to what was just said, and what it asks that thing does there
    ("where does LDN come into it?": "ldn", "work"; "how does naltrexone help them?": "naltrexone", "help")."""
    found = _RELATION.match(without_openers(cleaned))
    if found is None:
        return None
    thing = found.group("a") or found.group("b") or found.group("c") or found.group("d")
    # "help" is what the entry on recovery asks ("how does naltrexone help people recovering?"); only the
    # turns that name no verb of their own ask how the thing works there
    verb = (found.group("v") or found.group("w") or "work").removesuffix(" with")
    verb = verb if verb == "help" else "work"
    return None if PRONOUNS & set(words(thing)) else (thing, verb)


def without_openers(cleaned: str) -> str:
    """The question without the words that open the turn ("wait, don't they ..." -> "don't they ...")."""
    stripped = _OPENER.sub("", cleaned)
    return stripped if stripped.strip() else cleaned


def changes_topic(cleaned: str) -> bool:
    """Whether the turn says it leaves the last answer behind: then it is read on its own."""
    return without_new_topic(cleaned) is not None


def without_new_topic(cleaned: str) -> str | None:
    """The turn without the words that say it changes the topic ("totally different q - is it safe?" is
    "is it safe?"): read on its own, they are no part of the question. None if the turn does not say so."""
    match = _NEW_TOPIC.match(cleaned)
    return cleaned[match.end():].lstrip(" ,;:-\u2013\u2014") if match else None


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
    if not topic_words or len(topic_words) > 5 or topic_words[0] in _NOT_TOPIC or PRONOUNS & set(topic_words):
        return None
    if topic_words[0] in _POSSESSIVES and len(topic_words) > 2:
        return None  # "my neurologist mentioned microglia, what are they?" tells who said it, names no topic
    return (topic, question) if question_form(question) is not None else None


#: the asker's own words in a curated question ("Do I need to see a doctor before using LDN?"); "US" in capitals is
#: the country ("Is LDN approved in the US?")
_FIRST_PERSON = regex.compile(r"\b(?:I|[Mm]e|[Ww]e|us|[Mm]y|[Oo]ur|[Mm]yself|[Oo]urselves)\b")
_ANYONE = {"my": "the", "our": "the", "myself": "themselves", "ourselves": "themselves"}


def asked_of_anyone(question: str) -> str:
    """A curated question as anyone would ask it: "Do people need to see a doctor before using LDN?". A follow-up
    is routed put after the question it follows; the curator's "I" there is no one's case, and only the turn's own
    words may tell one ("is it dangerous then?" after that answer asks about the drug)."""
    return _FIRST_PERSON.sub(lambda m: _ANYONE.get(m.group(0).lower(), "people"), question)


def drug_named_in(question: str) -> str | None:
    """The drug's name a curated question asks about: naltrexone for one that names it and not LDN, LDN for one that
    names LDN, ``None`` for one that names neither. A follow-up's "it" is read as this name for safety (see
    :func:`faqbot.safety.with_subject`); after a question that names neither ("What are endorphins?") it is what the
    answer told of ("does exercise raise it?"), not the drug someone takes."""
    asked = question.lower()
    if "ldn" in asked:
        return "LDN"
    return "naltrexone" if "naltrexone" in asked else None


#: the verbs of getting hold of a medicine, which "where" asks a place for
_OBTAIN = frozenset({"get", "buy", "find", "order", "obtain", "purchase", "bought", "sold", "sells", "sell"})


def asks_where_got(text: str) -> bool:
    """Whether a turn asks where the drug is got ("where would I get it?"), whoever would go there, rather than
    how an answer applies to the asker ("where do I stand?")."""
    tokens = set(words(clean(text)))
    return "where" in tokens and not _OBTAIN.isdisjoint(tokens)
