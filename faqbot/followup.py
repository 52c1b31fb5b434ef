"""Follow-up questions: reading an elliptical question against the entry the last answer came from.

The server keeps no conversation: the caller sends the previous reply's entry id as ``context``. A
question that is complete on its own is answered as if there were no context. An elliptical one is
*resolved* into a complete question; this stage routes it (as resolved, and appended to the question it
follows) before anything else happens, and matching then reads it:

* "tell me more", "go on": the knowledge base has nothing more, so the context entry's answer is given again,
  saying so, with its related questions;
* "what about MS?", "and for fibromyalgia?": the context question asked about the new thing (its
  distinctive words swapped for the new ones);
* "what triggers them?", "is it approved?": the pronoun stands for the context's topic (the terms the entry
  defines, else its question's distinctive words), used only when that reads better than the question alone;
* "why?", "how?", "why is that?": a related entry asking that ("how?" after what LDN does is how it does it), else the
  context question asked again; "what is it?": the drug the context question names, else what it defines;
* "who says?", "where's that number from?", "source?": where the information comes from, asked as that question;
* "like what?", "which diseases (did they look at)?": the context entry again, when its answer names them
  (else read alone);
* "then what?", "and once they're on, what happens next?": the next step, the context's first related entry;
* "where does LDN come into it?", "what has LDN got to do with that?": how that thing works where the
  context's topic is concerned, answered by another entry;
* "those cells" (a demonstrative and a noun the context answer uses): the term another entry defines that
  the answer's sentence with that noun names ("cells called microglia"), put in the phrase's place;
* "and in MS, what did the trials find?": a topic put before its question is what the question asks about;
* the turn's openers and hedges ("wait,", "usually") are left out of every reading
  (:mod:`faqbot.text.turns`), and a turn that says it changes the topic ("unrelated, but") is read alone;
* the context entry answers a pronoun follow-up again only when its answer covers what is asked, and
  not when the follow-up asks its question's words in another form ("does it work?" after "how does it
  work?"); "they" and "that" cannot be the subject, so such a follow-up is never read alone;
* "approved?", "side effects?": a fragment with no question word is asked of the context's topic, read
  like a pronoun follow-up; "who is it for?" is "what is it used for?" (matching drops a stranded "for");
* typos and chat spellings ("wat triggers em", "w them") are put right before any form is read;
* with no context, "it" in "how does it help?" is the knowledge base's subject (the term most of its
  questions name), when that reads better than the question alone;
* "how does it help them / those people / with that?" after an answer saying whom the drug is for ("people
  addicted to drugs or alcohol"): how the drug helps that group, not the topic's own question again.
"""

from __future__ import annotations

from typing import Literal

from faqbot.followterms import TurnTerms
from faqbot.kb import Entry, KnowledgeBase
from faqbot.records import dataclass
from faqbot.retrieval import Candidate, Retriever
from faqbot.retrieval.index import distinctive_idf
from faqbot.text import clean, stem, words
from faqbot.text.people import POINTERS, done_to_people, group_described, group_told, in_place
from faqbot.text.pointing import PLURAL, PRONOUNS, SUBJECT_PRONOUNS, pointed_at
from faqbot.text.swap import swapped
from faqbot.text.turns import (
    ABOUT,
    BARE,
    BOT_SOURCE,
    HOW_IT_DOES,
    MORE,
    REASON,
    RESTATE,
    SOURCE,
    SPECIFY,
    asks_next,
    asks_where_got,
    changes_topic,
    fronted,
    purpose,
    question_form,
    relates,
    repaired,
    without_hedges,
    without_openers,
)

#: what opens a clause that says which ones a phrase means ("those cells *that* ...", "*you* mentioned")
_RELATIVE = frozenset("that which who whom you it they the".split())
#: the verb whose beneficiary a follow-up may leave unsaid ("how does it help?" helps whom the answer named)
_HELP = frozenset({"help", "helps", "helping"})
#: "n" and "&" for "and" before a bare term ("n microglia?")
#: the forms of a question that asks nothing by name when its words are all pronouns and filler ("anything
#: else?", "is that all?"); "what do they do?" asks for something the answer may not hold
_ASKS_NOTHING = frozenset({None, "yes-no"})
#: a score this high matches a curated wording word for word (after synonyms and stems)
EXACT = 100.0
#: only questions this short are read as follow-ups: longer ones carry their own topic
MAX_WORDS = 12
#: a follow-up this short with no question word is a fragment ("approved?", "side effects?")
FRAGMENT_WORDS = 2
#: what a follow-up asking where something comes from is read as: matching finds whichever entry says
SOURCE_QUESTION = "where does this information come from"

Mode = Literal["more", "about", "bare", "specify", "source", "pronoun", "fragment", "subject", "next", "relation",
               "define", "unexplained", "swap", "unlisted", "listed", "group"]


@dataclass(frozen=True)
class Reading:
    """How a follow-up was read: its form and the complete question it stands for."""

    mode: Mode
    resolved: str
    #: the new thing a "what about X?" asks about
    subject: str | None = None


class FollowUps:
    """Recognises follow-up forms and resolves them against a context entry."""

    def __init__(self, kb: KnowledgeBase, retriever: Retriever) -> None:
        self.kb = kb
        self.retriever = retriever
        count = max(len(kb.entries), 1)
        self._distinctive_idf = distinctive_idf(count)
        #: what the whole knowledge base is about: the term most of its questions name ("ldn"). With no
        #: context, "how does it help?" in a FAQ about one drug asks about that drug.
        self.subject = _main_subject(kb, retriever)
        #: the words for the subject ("ldn", "naltrexone"), as the index learned them from the questions
        self.subjects = retriever.index.subject
        #: the entries asking how something does what it does, with their questions' terms (for "how?")
        self._hows = [(e, frozenset(retriever.normalizer.analyze(e.question).terms)) for e in kb.entries
                      if HOW_IT_DOES.match(e.question)]
        #: what a turn names, read against the entries
        self.terms = TurnTerms(kb, retriever, FRAGMENT_WORDS)

    def repaired(self, text: str) -> str:
        """The turn with chat spellings and typos put right ("wat triggers em"), before any form is read."""
        return repaired(clean(text), self.retriever.normalizer.corrected)

    def alone(self, text: str) -> str:
        """The turn read on its own, to compare a reading with: "who is it for?" as "what is it used for",
        since matching drops the stranded "for" and takes the "who" for a person asked about ("who should
        I ask?"); any other turn as typed ("what is it for?" asks nothing alone, so any reading beats it)."""
        plain = without_hedges(without_openers(self.repaired(text)))
        return purpose(plain) if question_form(plain) == "who" else text

    def read(self, text: str, context: Entry) -> Reading | None:
        cleaned = self.repaired(text)
        tokens = words(cleaned)
        if not tokens or len(tokens) > MAX_WORDS or changes_topic(cleaned):
            return None
        if MORE.match(cleaned):
            return Reading("more", context.question)
        if RESTATE.match(cleaned) or self.terms.glossed(cleaned, context):
            # "in simpler words?", "what does autoimmune mean?" after an answer that says it in plain words
            return Reading("specify", context.question)
        if SOURCE.match(cleaned):
            # "who says?", "where's that number from?": where the information comes from, whichever entry
            # says that
            return Reading("source", SOURCE_QUESTION)
        if asks_next(cleaned) and context.related:
            # "and once they're on, then what?": the step after this one, which the curator put first
            # among the entry's related questions
            return Reading("next", self.kb.entry(context.related[0]).question)
        drug = self._named_drug(context)
        other = swapped(cleaned, drug, context.question) if drug is not None else None
        if other is not None:
            # "and the low dose version?" after what naltrexone is used for: the same asked of the other form
            return Reading("swap", other)
        related = relates(cleaned)
        if related is not None:
            thing, verb = related
            # "where does LDN come into it?" after the endorphins answer: the part LDN plays (how it
            # works) where endorphins are concerned, from an entry other than the one just given
            return Reading("relation", f"how does {thing} {verb} {self._content(context)}", thing)
        # "sorry, what are they exactly?" is "what are they"; "so where do people usually get it then?"
        # is "where do people get it": the openers and hedges would only hide the phrase asked.
        plain = purpose(without_hedges(without_openers(cleaned)))
        bare = BARE.match(plain)
        if bare:
            reading = self._bare(bare.group("w"), context)
            # "how does it do that for pain?" only when the entry it moves to covers what it is for
            found = next((e for e in self.kb.entries if e.question == reading.resolved), context)
            if not bare.group("q") or self.covers_or_empty(found, bare.group("q")):
                return reading
        # ("just" and "only" are hedges, but "is that just the US?" asks whether that is all)
        specify = SPECIFY.match(plain) or SPECIFY.match(without_openers(cleaned).strip(" ?!."))
        named = next((specify.group(g) for g in "nmkoe" if specify.group(g)), "") if specify else ""
        if specify and named and self.terms.unlisted(named, context):
            if self.terms.listed_elsewhere(named, context):
                # "which diseases, specifically?" after an answer that names autoimmune disorders but not which:
                # which ones, for the drug, from the entry that lists them
                return Reading("listed", f"which {named} {self._drug(context)}", named)
            # "which genes?" after "Genes, gender and ethnic background seem to play a part": the answer names
            # them as a detail of its topic but never says which (no entry of this knowledge base lists genes)
            return Reading("unlisted", context.question, named)
        if specify and self.covers_or_empty(context, named):
            # the answer just given names them ("like what?" after "LDN can react with other medicines",
            # "which diseases?" after the trials answer naming two): it is the one to give again
            return Reading("specify", context.question)
        term = self.terms.defined_elsewhere(plain, context)
        if term is not None:
            # "microglia?" after the answer on the kind of pain, "n endorphins?": a bare term another entry
            # defines asks what it is, not what the previous topic has to do with it
            return Reading("define", f"what is {term}", term)
        front = fronted(cleaned)
        if front is not None and self.terms.names_something(front[0]):
            # "and in MS, what did the trials find?": the question, asked about the topic put before it
            topic, question = front
            return Reading("about", f"{without_hedges(question)} {topic}", topic)
        about = ABOUT.match(cleaned)
        # "and what did the trials find in MS?" is a question of its own after "and", not a thing asked about
        if about and not PRONOUNS & set(words(about.group("x"))) and question_form(about.group("x")) is None:
            subject = about.group("x")
            return Reading("about", f"{self._generic(context.question, keep=False)} {subject}", subject)
        if PRONOUNS & set(words(plain)):  # "for what?" read as "what is it used for"
            return Reading("pronoun", f"{plain} {self.topic(context)}")
        if len(words(plain)) <= FRAGMENT_WORDS and question_form(plain) is None and self.asked(plain):
            # "approved?", "side effects?": a word or two asked of the context's topic ("is it approved?"),
            # read like a pronoun follow-up, so the entry covering that side of the topic answers
            return Reading("fragment", f"{plain} {self.topic(context)}")
        return None

    def _bare(self, asked: str, context: Entry) -> Reading:
        """"Why?", "how?", "what is it?": what the bare question asks after this entry's answer."""
        if asked.startswith("what"):
            # "what are they exactly?" asks what the thing talked about is: for "it", the drug the context
            # question names; else the term the entry defines, else one its answer uses and another entry
            # defines ("microglia" after what triggers them)
            drug = self._named_drug(context) if SUBJECT_PRONOUNS & set(words(asked)) else None
            thing = next(iter([*([drug] if drug else []), *context.defines[:1], *self._explained(context)]), None)
            if thing is not None:
                return Reading("bare", f"{' '.join(asked.split()[:2])} {thing}")
        # "how?" after an answer saying what LDN does asks how it does it: a related entry asking that
        form = question_form(asked)
        related = [self.kb.entry(r) for r in context.related]
        follow = next((e for e in related if form in ("how", "why") and question_form(e.question) == form), None)
        if follow is None and form in ("how", "why"):
            follow = self._how_it_works(context, form)
        if follow is not None:
            return Reading("bare", follow.question)
        if form == "why" and not REASON.search(context.answer):
            # "why not?" after "the FDA has not approved it": the article gives no reason, and the answer
            # just given would only say it again
            return Reading("unexplained", context.question)
        return Reading("bare", f"{asked} {self._generic(context.question, keep=True)}")

    def _how_it_works(self, context: Entry, form: str) -> Entry | None:
        """"How?" after an answer about what the drug is used for, when no related entry asks how: the one other
        entry asking how that drug does it ("how does LDN relieve chronic pain?"); "why?" after one about the drug
        that gives a reason ("it blocks opioid pain relief, because..."): the related entry telling how it works."""
        drug = self._named_drug(context)
        if drug is None:
            return None
        if form == "why":
            gives_reason = REASON.search(context.answer) and question_form(context.question) != "how"
            hows = {e.id for e, _ in self._hows}
            return next((self.kb.entry(r) for r in context.related if r in hows), None) if gives_reason else None
        found = [e for e, terms in self._hows if e.id != context.id and drug in terms]
        return found[0] if len(found) == 1 else None

    def settle_pronoun(self, text: str, reading: Reading, context: Entry) -> tuple[Reading, str | None]:
        """For a pronoun follow-up: what the pronoun stands for, and whether the context may answer again.

        "It" may be the context's topic or the drug its question names ("is it an opioid or not?" after the
        opioid-painkillers answer), "them" something its answer explains ("what activates them?" after an answer
        about microglia), and "it" done to people the drug in its place. Each is tried, and the reading that finds
        the best entry wins. The context entry answers again only when its question or answer already names what
        the follow-up asks ("do doctors prescribe it?" after "is LDN approved?").
        """
        cleaned = purpose(without_hedges(without_openers(clean(text))))
        asked = self.asked(cleaned)
        if not asked and question_form(cleaned) in _ASKS_NOTHING:
            # "anything else besides that one?", "is that all of them?": nothing asked but the thing
            # itself, so the answer just given is the one there is. ("What do they do?" asks something.)
            return Reading(reading.mode, context.question), None
        # "It" is the context's topic or its drug (unless the follow-up names the drug itself: "where does naltrexone
        # come into it?"); "them" may also be something its answer explains.
        said = set(words(cleaned))
        plural = PLURAL & said
        # ... and "they" is never the drug; asking nothing by name, "it" read as the drug only asks what the drug is
        only_plural = plural and not SUBJECT_PRONOUNS & said
        drug = None if not asked or asked & self.subjects or only_plural else self._drug(context)
        drug_read = done_to_people(cleaned, drug) if drug else None
        # asking nothing by name ("what do they do?"), the follow-up is about the topic itself; nor is it skipped
        # when it covers what "it" done to people asks with the drug in its place
        skip = None if not asked or self.stays(context, asked, text) or (
            drug_read and self.stays(context, self.asked(drug_read) - self.subjects, text)) else context.id
        # what the answer explains, but not the subject: "them" in "how does LDN help them?" is not LDN
        explained = [t for t in self._explained(context) if not self.subjects & set(self.asked(t))] if plural else []
        named = pointed_at(cleaned, context.answer, self._explained(context))
        if named is not None:
            # "what switches those cells on?" after an answer saying "that sets off cells called microglia": the
            # cells are microglia, and the phrase is replaced by that word, so that "cells" does not pull the reading
            # back to what microglia are. A clause after the phrase only said which ones ("those cells that fire the
            # pain signals", "those cells you mentioned"): the word now says it.
            phrase, terms = named
            before, _, after = f" {' '.join(words(cleaned))} ".partition(f" {phrase} ")
            after = "" if words(after)[:1] and words(after)[0] in _RELATIVE else after
            readings = [Reading(reading.mode, f"{before} {t} {after}".strip()) for t in terms]
            return max(readings, key=lambda r: self._best(r.resolved, skip)), skip
        # "how many folks deal with that?" after an answer about people fighting addiction: that group; and
        # "them" may be that group too ("how does it help them?" after naltrexone's success in addiction)
        group = group_told(context.answer) if (POINTERS | plural) & said else None
        # ... while "it" is still the topic: "how does it help them?" is how the drug helps that group
        # (when the topic is the drug: after how it helps people in recovery, the topic is addiction, and "how does
        # it block them?" asks about the receptors)
        topic = self.topic(context)
        drug_topic = bool(self.subjects & self.asked(topic))
        both = f"{topic} {group}" if group and plural and SUBJECT_PRONOUNS & said and drug_topic else None
        grouped = self._grouped(cleaned, said, context) if drug_topic and SUBJECT_PRONOUNS & said else None
        if grouped is not None:
            return grouped, None
        pointed = group if POINTERS & said else None
        meanings = dict.fromkeys([topic, drug, *explained, pointed, both])
        readings = [Reading(reading.mode, r) for r in [*(f"{cleaned} {m}" for m in meanings if m), drug_read] if r]
        readings = readings or [reading]
        worded = next((r for r in readings if skip and self._worded(r.resolved, context, cleaned)), None)
        if worded is not None:
            # "how does LDN affect them?" after the endorphins answer is that entry's own wording
            return worded, None
        return max(readings, key=lambda r: self._best(r.resolved, skip)), skip

    def _grouped(self, cleaned: str, said: set[str], context: Entry) -> Reading | None:
        """"How does it help them?", "how does it help those people?", "how does it help with that?" after an
        answer saying who the drug is for (people addicted to drugs or alcohol): how it helps that group. Not
        the topic's own question read again ("how does naltrexone work?"), which would leave "them" unread."""
        described = group_described(context.answer)
        if described is None or not (PLURAL | POINTERS | _HELP) & said:
            return None
        drug = self._drug(context)
        if _HELP & said and self.asked(cleaned) <= self.asked("how does it help"):
            return Reading("group", f"how does {drug} help {described}")
        return Reading("group", in_place(cleaned, drug, described)) if PLURAL & said else None

    def _worded(self, resolved: str, context: Entry, text: str) -> bool:
        """Whether the resolved follow-up is one of the context entry's own wordings, in the follow-up's
        form: the knowledge base says it is that entry's question, whatever its answer's words."""
        top = self._top(resolved, None)
        return (top is not None and top.entry.id == context.id and not top.by_answer and top.score >= EXACT
                and question_form(top.matched) == question_form(text))

    def asked(self, text: str) -> frozenset[str]:
        """What a follow-up asks, as terms: not its pronouns."""
        return frozenset(self.retriever.normalizer.analyze(text).terms) - PRONOUNS

    def stays(self, context: Entry, asked: frozenset[str], text: str) -> bool:
        """Whether the context entry may answer a pronoun follow-up again: its answer or question names
        all it asks ("how many people were in them?" after an answer saying how many took part is not
        known), unless it asks the context question's own words in another form ("and does it actually
        work?" after "how does naltrexone work?" asks whether it works, not how, again)."""
        question = frozenset(self.retriever.normalizer.analyze(context.question).terms)
        # "how successful is it?" asks how far, which "does it work well?" asks too; only "how does it work?" asks
        # a way of working that "does it work?" does not
        degree = question_form(context.question) == "how" and not HOW_IT_DOES.match(context.question)
        other_form = not degree and question_form(text) not in (None, question_form(context.question))
        # A term no entry uses ("80" in "is it true they're 80% of it?") cannot be covered by any: it
        # does not count against the answer just given.
        known = frozenset(t for t in asked if self.retriever.index.idf.get(t, 0.0) > 0) or asked
        return self.covers(context, known) and not (known <= question and other_form)

    def _named_drug(self, entry: Entry) -> str | None:
        """The subject word the entry's question names, if it names one."""
        drug = self._drug(entry)
        return drug if drug != self.subject or self.subject in self.retriever.normalizer.analyze(
            entry.question).terms else None

    def covers_or_empty(self, context: Entry, text: str) -> bool:
        """Whether the context entry names all the text asks about, or it asks about nothing by name."""
        asked = self.asked(text)
        return not asked or self.covers(context, asked)

    def _drug(self, entry: Entry) -> str:
        """The subject word the entry's question names ("naltrexone", "LDN"), else the subject."""
        analyze = self.retriever.normalizer.analyze
        # Words after synonyms: "low dose naltrexone" is read as "ldn", not "naltrexone".
        return next((w for w in analyze(entry.question).words if set(analyze(w).terms) & self.subjects),
                    self.subject)

    def _explained(self, entry: Entry) -> list[str]:
        """Terms other entries define that this entry's answer uses ("microglia" in the mechanism answer)."""
        answer = f" {' '.join(words(clean(entry.answer)))} "
        return [term for other in self.kb.entries if other.id != entry.id for term in other.defines[:1]
                if f" {' '.join(words(clean(term)))} " in answer]

    def _content(self, entry: Entry) -> str:
        """What an entry is about, in full: what it defines, else all its question's content words
        ("opioid alcohol addiction", where :meth:`topic` keeps only the rarest, "alcohol")."""
        if entry.defines:
            return entry.defines[0]
        analyze = self.retriever.normalizer.analyze
        return " ".join(w for w in analyze(entry.question).words if analyze(w).terms)

    def topic(self, entry: Entry) -> str:
        """What an entry is about, in words: what it defines, else its curated topic, else its question's
        distinctive words."""
        if entry.defines:
            return entry.defines[0]
        if entry.topic:
            return entry.topic
        idf = self.retriever.index.idf
        question = words(clean(entry.question))
        return self._distinctive(entry.question) or max(question, key=lambda w: idf.get(stem(w), 0.0), default="")

    def _distinctive(self, question: str) -> str:
        idf = self.retriever.index.idf
        return " ".join(w for w in words(clean(question)) if idf.get(stem(w), 0.0) >= self._distinctive_idf)

    def _generic(self, question: str, keep: bool) -> str:
        """The question's words; without its distinctive ones unless ``keep``."""
        idf = self.retriever.index.idf
        return " ".join(w for w in words(clean(question))
                        if keep or idf.get(stem(w), 0.0) < self._distinctive_idf)

    def only_about_someone(self, text: str, context: Entry) -> bool:
        """Whether a short follow-up names nothing but everyday words besides its person and pronouns
        ("and if it happens to me?", "me too?"): it asks how the last answer applies to someone."""
        analysis = self.retriever.normalizer.analyze(text)
        if len(analysis.words) > MAX_WORDS or asks_where_got(text):
            return False
        named = frozenset(analysis.terms) - PRONOUNS
        # ... unless it names a term another entry defines, not the subject: "my aunt keeps going on about endorphins
        # - what even are they?" after microglia asks what endorphins are, while "my endorphins?" after endorphins
        # asks about the asker's own
        return named <= analysis.common and not self.retriever.definitions.held_elsewhere(named, context,
                                                                                          besides=self.subjects)

    def required(self, reading: Reading) -> frozenset[str]:
        """For "what about X?", the terms of X: an entry that never mentions them cannot answer."""
        if reading.mode not in ("about", "relation") or reading.subject is None:
            return frozenset()
        return frozenset(self.retriever.normalizer.analyze(reading.subject).terms)

    def about_subject(self, text: str) -> Reading | None:
        """With no context, "it" read as the knowledge base's subject ("is it safe?")."""
        cleaned = clean(text)
        if BOT_SOURCE.match(cleaned):
            return Reading("source", SOURCE_QUESTION)
        tokens = words(cleaned)
        if not self.subject or len(tokens) > MAX_WORDS or not SUBJECT_PRONOUNS & set(tokens):
            return None
        return Reading("subject", f"{cleaned} {self.subject}")

    def better(self, alone: str, resolved: str, skip: str | None) -> bool:
        """Whether the resolved question finds a better match than the question alone.

        ``skip`` (the context entry, for a follow-up) does not count for the resolved question: a
        follow-up asks for something beyond the answer just given, and the context's own words always
        match it.
        """
        return self._best(resolved, skip) >= self._best(alone, None)

    def _best(self, text: str, skip: str | None, require: frozenset[str] = frozenset()) -> float:
        found = self._top(text, skip, require)
        return found.score if found is not None else 0.0

    def _top(self, text: str, skip: str | None, require: frozenset[str] = frozenset()) -> Candidate | None:
        index = self.retriever.index
        ranked = self.retriever.rank(self.retriever.normalizer.analyze(text), len(index.bags) if require else 2)
        return next((c for c in ranked if c.entry.id != skip and not index.missing(c.entry_index, require)), None)

    def covers(self, entry: Entry, terms: frozenset[str]) -> bool:
        """Whether the entry's question or answer names every one of ``terms`` ("MS" for "what about MS?").

        Not its alternates: they are worded broadly on purpose, to catch the ways people ask.
        """
        analyze = self.retriever.normalizer.analyze
        return bool(terms) and terms <= {t for text in (entry.question, entry.answer) for t in analyze(text).terms}

    def settle_about(self, reading: Reading, context: Entry, require: frozenset[str]) -> tuple[Reading, str | None]:
        """For "what about X?": the reading that finds the better entry, and the entry that must not answer.

        "What about MS?" after "is LDN approved?" is that question asked about MS; "and other
        medicines?" after the opioid-painkillers answer is about other medicines, which that entry's
        question cannot be bent to. So the context question with X, and X with the subject, are both
        tried. The context entry answers again only if its question or answer names X (``require``, the
        terms of X).
        """
        skip = None if self.covers(context, require) else context.id
        plain = Reading("about", f"{reading.subject} {self.subject}".strip(), reading.subject)
        best = max((reading, plain), key=lambda r: self._best(r.resolved, skip, require))
        return best, skip


def _main_subject(kb: KnowledgeBase, retriever: Retriever) -> str:
    """The content word most entries' questions use, if over a third of them do."""
    counts: dict[str, int] = {}
    for entry in kb.entries:
        for term in set(retriever.normalizer.analyze(entry.question).terms):
            counts[term] = counts.get(term, 0) + 1
    best = max(sorted(counts), key=lambda t: counts[t], default="")
    return best if best and counts[best] * 3 > len(kb.entries) else ""
