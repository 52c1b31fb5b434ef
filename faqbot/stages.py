"""The stages of :class:`~faqbot.pipeline.Pipeline`, in the order the bot runs them.

sanitise -> language -> safety -> smalltalk -> english-only -> story -> context (:mod:`faqbot.context`) -> scope
-> analyse -> retrieve -> define -> decide (:mod:`faqbot.decide`) -> follow-up-model (:mod:`faqbot.context`)
-> reply -> guard

Each is a frozen dataclass whose fields are its settings, and does one thing in ``run``. All but the
last three may decide; those three always run: the follow-up model may change what matching decided on a
follow-up, and the last two turn the decision into a :class:`~faqbot.reply.Reply` and make sure no dose
figure leaves.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import replace

import faqbot.regex as regex
from faqbot.kb import Entry, KnowledgeBase, Texts
from faqbot.pipeline import Decision, Query, StageBase, quoted
from faqbot.records import dataclass
from faqbot.reply import Reply, Suggestion
from faqbot.retrieval import Candidate, Retriever
from faqbot.safety import REVIEWED, Route
from faqbot.smalltalk import SmalltalkMatcher
from faqbot.text import Normalizer, clean, last_question

_OPIOID = regex.compile(r"opioid|opiate|painkiller|morphine|codeine|tramadol|oxycodone|fentanyl|hydrocodone")


@dataclass(frozen=True)
class Sanitise(StageBase, name="sanitise"):
    """Unicode NFKC and the length limit, cut before and after (one character can expand to eighteen)."""

    max_chars: int

    def run(self, query: Query) -> Query:
        text = unicodedata.normalize("NFKC", query.raw[: self.max_chars])[: self.max_chars]
        # Empty only if nothing at all is asked: a question after 1,000 spaces is still routed in full.
        if not clean(text) and not clean(query.raw):
            return query.decided(self.name, Decision("fallback", "the question is empty"), text=text)
        cut = " (cut to the limit)" if len(query.raw) > self.max_chars else ""
        return query.noted(self.name, f"{len(text)} characters{cut}", text=text)


@dataclass(frozen=True)
class SafetyRoute(StageBase, name="safety"):
    """Emergency and referral rules, before any matching."""

    router: Callable[[str], Route | None]
    #: the form of the text the rules read, shown in the trace
    prepare: Callable[[str], str]
    #: when given, asked instead of ``router``: the route, and the general question a referral on a story
    #: told first was set aside for (see faqbot.safety.story), worked out together
    routing: Callable[[str], tuple[Route | None, tuple[str, Route] | None]] | None = None

    def run(self, query: Query) -> Query:
        # The whole question, not the part matching reads: nothing may hide after the length limit.
        text = query.raw
        routed, story = self.routing(text) if self.routing is not None else (self.router(text), None)
        reads = f"reads: {self.prepare(text)}"
        if routed is None:
            data = {"kind": None, "rule": None, "matched": None}
            if story is not None:
                # The rest is the asker's story: matching reads the question they asked.
                question, aside = story
                if REVIEWED in aside.classes:
                    return query.noted(self.name, "the second opinion reads a general question", reads,
                                       f"set aside: `{aside.rule}` matched {quoted(aside.matched)}", data=data)
                return query.noted(self.name, "a story told, then a general question: only the question is read",
                                   reads, f"set aside: `{aside.rule}` matched {quoted(aside.matched)} in the story",
                                   f"asks: {question}", data=data, text=question,
                                   story=text.replace(question, " ", 1).strip() or None)
            return query.noted(self.name, "no rule fired", reads, data=data)
        reason = f"safety rule `{routed.rule}` matched {quoted(routed.matched)}"
        return query.decided(self.name, Decision(routed.kind, reason, route=routed), reads,
                             data={"kind": routed.kind, "rule": routed.rule, "matched": routed.matched})


@dataclass(frozen=True)
class SmalltalkStage(StageBase, name="smalltalk"):
    """Greetings, thanks and the like, when that is the whole message."""

    matcher: SmalltalkMatcher

    def run(self, query: Query) -> Query:
        intent = self.matcher.match(query.text)
        if intent is None:
            return query.noted(self.name, "not smalltalk")
        reason = f"the whole message is smalltalk (`{intent.id}`)"
        return query.decided(self.name, Decision("smalltalk", reason, text=intent.reply))


@dataclass(frozen=True)
class Language(StageBase, name="language"):
    """Which language the question is in, before routing, so every reply can be in it."""

    detect: Callable[[str], str]

    def run(self, query: Query) -> Query:
        lang = self.detect(query.text)
        return query.noted(self.name, "English" if lang == "en" else repr(lang), lang=lang)


@dataclass(frozen=True)
class EnglishOnly(StageBase, name="english-only"):
    """Article answers are in English: another language gets the curated "English only" reply in it."""

    texts: Texts
    #: a follow-up's route with its pronoun read as the drug, given the context entry's id (English follow-ups
    #: are read in context by a later stage; one in another language ends here)
    in_context: Callable[[str, str], Route | None] = lambda text, context: None

    def run(self, query: Query) -> Query:
        if query.lang == "en":
            return query
        routed = self.in_context(query.raw, query.context) if query.context is not None else None
        if routed is not None:
            # "a me succede da una settimana, la sospendo?" after the side effects: "la" is the drug
            reason = f"read in context, safety rule `{routed.rule}` matched {quoted(routed.matched)}"
            return query.decided(self.name, Decision(routed.kind, reason, route=routed))
        reason = f"written in {query.lang!r}; answers are in English"
        reply = self.texts.localized(query.lang).english_only
        return query.decided(self.name, Decision("fallback", reason, text=reply))


@dataclass(frozen=True)
class Scope(StageBase, name="scope"):
    """A question about another medicine that never names naltrexone, or about the site, an account or an
    order: the article has nothing on it."""

    other_medicine: Callable[[str], str | None]
    #: whether a message is about the site, an account, an order or the weather ("I want to talk to a
    #: human" shares "talk to" with the entry on seeing a doctor)
    about_the_service: Callable[[str], bool] = lambda text: False

    def run(self, query: Query) -> Query:
        if not query.followed and self.about_the_service(query.text):
            reason = "about the site, an account or an order, not the article"
            return query.decided(self.name, Decision("fallback", reason))
        # Even if its words ("nerve pain", "anti-inflammatory") match an entry. As typed: "it" read as
        # the subject ("lyrica, is it approved?") must not hide the other drug; but a follow-up to an
        # answer about LDN ("what about opioid painkillers?") asks about LDN and that medicine.
        medicine = self.other_medicine(query.resolved if query.followed and query.resolved else query.text)
        if medicine is None:
            return query.noted(self.name, "in scope: no other medicine named alone")
        if query.context is not None and _OPIOID.search(medicine):
            # "so opioid painkillers won't work while it's in you?", "what if someone's on opioid painkillers?"
            # after an answer about naltrexone: what naltrexone does to opioids is the article's own topic
            return query.noted(self.name, f"in scope: {medicine!r} after an answer about naltrexone")
        reason = f"about another medicine ({medicine!r}) and never names naltrexone"
        return query.decided(self.name, Decision("fallback", reason))


@dataclass(frozen=True)
class Analyse(StageBase, name="analyse"):
    """The normaliser: words, spelling, synonyms, stems."""

    normalizer: Normalizer
    max_chars: int

    def run(self, query: Query) -> Query:
        analysis = self.normalizer.analyze(query.matched_text, self.max_chars)
        summary = f"terms: {' '.join(analysis.terms) or '(none)'}"
        return query.noted(self.name, summary, f"words: {' '.join(analysis.words)}", analysis=analysis,
                           data={"cleaned": analysis.cleaned, "words": list(analysis.words),
                                 "terms": list(analysis.terms)})


@dataclass(frozen=True)
class Retrieve(StageBase, name="retrieve"):
    """The ranker: the best entries scoring at least ``min_score``."""

    retriever: Retriever
    limit: int
    min_score: float
    #: how many candidates the trace lists, whatever their score (for explain)
    shown: int = 0

    def run(self, query: Query) -> Query:
        assert query.analysis is not None, "retrieve runs after analyse"
        # A follow-up's excluded entry, and entries that never mention what "what about X?" asks about,
        # make way for the next best ones.
        wider = self.limit + bool(query.exclude) + (len(self.retriever.index.bags) if query.require else 0)
        ranked = tuple(c for c in self.retriever.rank(query.analysis, limit=wider, min_score=self.min_score)
                       if c.entry.id != query.exclude
                       and not self.retriever.index.missing(c.entry_index, query.require))[: self.limit]
        listed = self.retriever.rank(query.analysis, limit=self.shown) if self.shown else list(ranked)
        width = max((len(c.entry.id) for c in listed), default=0)
        lines = [f"{n}. {c.entry.id:<{width}}  {c.score:5.1f}  matched {quoted(c.matched)}"
                 for n, c in enumerate(listed, 1)]
        data = {"candidates": [{"id": c.entry.id, "question": c.entry.question, "score": c.score,
                                "matched": c.matched} for c in listed]}
        if not ranked:
            reason = f"no entry scores at least the suggest threshold {self.min_score:g}"
            if self.retriever.definitions.defining_entry(query.analysis) is not None:
                # "wtf are microglia, the article keeps going on about them": asked for by name, so the
                # define stage may still answer; decide falls back if it does not.
                return query.noted(self.name, f"{reason}; a definition request is left to define", *lines, data=data)
            if query.followed is None and last_question(query.matched_text) is not None:
                # "whats LDN. my chiro brought it up": decide reads the question alone
                return query.noted(self.name, f"{reason}; the message's question is left to decide", *lines,
                                   data=data)
            return query.decided(self.name, Decision("fallback", reason), *lines, data=data)
        return query.noted(self.name, f"{len(ranked)} at or above {self.min_score:g}", *lines,
                           ranked=ranked, data=data)


@dataclass(frozen=True)
class Define(StageBase, name="define"):
    """"What is X?": the entry that defines X answers; an X nobody defines is noted for decide."""

    #: how far down the ranking the defining entry is looked for
    DEPTH = 50

    retriever: Retriever

    def run(self, query: Query) -> Query:
        assert query.analysis is not None, "define runs after analyse"
        definitions = self.retriever.definitions
        undefined = definitions.undefined_term(query.analysis)
        if undefined is not None:
            return query.noted(self.name, f"asks what {undefined!r} is; no entry defines it", undefined=undefined)
        defining = definitions.defining_entry(query.analysis)
        if defining is not None and defining.id != query.exclude:
            # Asked for by name, so even a weak overall match is the right entry.
            for candidate in self.retriever.rank(query.analysis, limit=self.DEPTH):
                # The follow-up rule holds here too: "what about X?" needs an entry that names X.
                if candidate.entry.id == defining.id and not self.retriever.index.missing(
                        candidate.entry_index, query.require):
                    reason = f"the question asks what something is, and entry `{defining.id}` defines it"
                    return query.decided(self.name, Decision("answer", reason, candidate=candidate))
        return query.noted(self.name, "no definition request")

@dataclass(frozen=True)
class BuildReply(StageBase, name="reply", decides=False):
    """The decision as a contract reply, its text from the knowledge base."""

    kb: KnowledgeBase

    def run(self, query: Query) -> Query:
        assert query.decision is not None, "every question is decided before the reply is built"
        reply = self.build(query.decision, query.lang)
        noted = ""
        if reply.kind == "answer" and query.story is not None:
            # the story was set aside for its question; what the answer means for that person is not ours to say
            reply = replace(reply, text=f"{reply.text} {self.kb.texts.story_note}")
            noted = ", with the note for a story told"
        return query.noted(self.name, f"{reply.kind}{' ' + reply.id if reply.id else ''}{noted}", reply=reply)

    def build(self, decision: Decision, lang: str = "en") -> Reply:
        texts: Texts = self.kb.texts
        if decision.kind == "answer" and decision.candidate is not None:
            return self.answer(decision.candidate)
        if decision.kind == "suggest" and decision.suggestions:
            return Reply(kind="fallback", text=texts.did_you_mean,
                         suggestions=tuple(_suggestion(c.entry) for c in decision.suggestions))
        if decision.kind in ("referral", "emergency") and decision.route is not None:
            return self.routed(decision.route, lang)
        if decision.kind == "smalltalk" and decision.text is not None:
            return Reply(kind="smalltalk", text=decision.text)
        if decision.kind == "fallback" and decision.text is not None:
            return Reply(kind="fallback", text=decision.text)
        if decision.kind == "more" and decision.candidate is not None:
            given = self.answer(decision.candidate)
            return replace(given, text=f"{texts.more} {given.text}")
        return Reply(kind="fallback", text=texts.fallback)

    def answer(self, candidate: Candidate) -> Reply:
        entry = candidate.entry
        return Reply(kind="answer", text=entry.answer, id=entry.id, question=entry.question, score=candidate.score,
                     section=entry.section, suggestions=tuple(_suggestion(self.kb.entry(r)) for r in entry.related))

    def routed(self, route: Route, lang: str) -> Reply:
        texts = self.kb.texts.localized(lang)  # in the asker's language when it is clear
        if route.kind == "referral":
            return Reply(kind="referral", text=texts.referral, rule=route.rule)
        text = texts.self_harm if route.self_harm else texts.emergency
        return Reply(kind="emergency", text=text, rule=route.rule)


@dataclass(frozen=True)
class OutgoingGuard(StageBase, name="guard", decides=False):
    """The last check: whatever produced the reply, a dose figure never leaves."""

    find_dose_figure: Callable[[str], str | None]
    referral_text: str

    def run(self, query: Query) -> Query:
        assert query.reply is not None, "the guard runs after the reply is built"
        reply = query.reply
        shown = (reply.text, reply.question or "", reply.section or "", *(s.question for s in reply.suggestions))
        figure = next((f for f in map(self.find_dose_figure, shown) if f), None)
        if figure is None:
            return query.noted(self.name, "no dose figure in the reply")
        reply = Reply(kind="referral", text=self.referral_text, rule="outgoing-dose-guard")
        return query.noted(self.name, f"referral: the reply carried a dose figure ({figure!r}), so it was replaced",
                           reply=reply)


def _suggestion(entry: Entry) -> Suggestion:
    return Suggestion(entry.id, entry.question)
