"""The stages of :class:`~faqbot.pipeline.Pipeline`, in the order the bot runs them.

sanitise -> language -> safety -> smalltalk -> english-only -> story -> context (:mod:`faqbot.context`) -> scope
-> analyse -> retrieve -> define -> decide -> reply -> guard

Each is a frozen dataclass whose fields are its settings, and does one thing in ``run``. All but the
last two may decide; those two turn the decision into a :class:`~faqbot.reply.Reply` and make sure no
dose figure leaves.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import replace

import faqbot.regex as regex
from faqbot.kb import Entry, KnowledgeBase, Settings, Texts
from faqbot.pipeline import Decision, Query, StageBase
from faqbot.records import dataclass
from faqbot.reply import Reply, Suggestion
from faqbot.retrieval import Candidate, Retriever
from faqbot.retrieval.learned import RankModel, review
from faqbot.safety import REVIEWED, Route
from faqbot.smalltalk import SmalltalkMatcher
from faqbot.text import Analysis, Normalizer, clean, last_question, words

#: how many times the usual lead the second opinion needs to answer a question that never names the
#: subject (chosen leave-one-set-out, scripts/rank_heldout.py)
UNNAMED_DOUBT = 2.0

_OPIOID = regex.compile(r"opioid|opiate|painkiller|morphine|codeine|tramadol|oxycodone|fentanyl|hydrocodone")


def _quote(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


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
                                       f"set aside: `{aside.rule}` matched {_quote(aside.matched)}", data=data)
                return query.noted(self.name, "a story told, then a general question: only the question is read",
                                   reads, f"set aside: `{aside.rule}` matched {_quote(aside.matched)} in the story",
                                   f"asks: {question}", data=data, text=question,
                                   story=text.replace(question, " ", 1).strip() or None)
            return query.noted(self.name, "no rule fired", reads, data=data)
        reason = f"safety rule `{routed.rule}` matched {_quote(routed.matched)}"
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

    def run(self, query: Query) -> Query:
        if query.lang == "en":
            return query
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
        lines = [f"{n}. {c.entry.id:<{width}}  {c.score:5.1f}  matched {_quote(c.matched)}"
                 for n, c in enumerate(listed, 1)]
        data = {"candidates": [{"id": c.entry.id, "question": c.entry.question, "score": c.score,
                                "matched": c.matched} for c in listed]}
        if not ranked:
            reason = f"no entry scores at least the suggest threshold {self.min_score:g}"
            if self.retriever.definitions.defining_entry(query.analysis) is None:
                return query.decided(self.name, Decision("fallback", reason), *lines, data=data)
            # "wtf are microglia, the article keeps going on about them": asked for by name, so the
            # define stage may still answer; decide falls back if it does not.
            return query.noted(self.name, f"{reason}; a definition request is left to define", *lines, data=data)
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
class Decide(StageBase, name="decide"):
    """Thresholds and ambiguity: answer, offer "did you mean", or fall back; then the learned second
    opinion (:mod:`faqbot.retrieval.learned`) may confirm, switch, veto or promote the answer."""

    #: how many ranked candidates the second opinion may switch an answer to
    WIDER = 5
    #: a last question read alone needs this many terms (fewer is mostly "what are they?")
    LAST_TERMS = 2
    #: how much of a follow-up's weight the context entry must match to answer a did-you-mean on it
    CONTEXT_COVERAGE = 0.6
    #: ... or how sure (natural log lead) the second opinion must be that it asks about that entry again
    CONTEXT_LEAD = 5.0

    settings: Settings
    retriever: Retriever
    #: the learned model (None: the ranker alone); a model trained for other entries is not asked
    second: Callable[[], RankModel] | None = None
    #: whether a text tells something of someone's case (the safety packs' own reading)
    cased: Callable[[str], bool] = lambda text: False

    def run(self, query: Query) -> Query:
        assert query.analysis is not None, "decide runs after analyse"
        if not query.ranked:
            reason = f"no entry scores at least the suggest threshold {self.settings.suggest_threshold:g}"
            return query.decided(self.name, Decision("fallback", reason))
        decision, doubt = self._rank_decision(query, query.analysis)
        decided = self._reviewed(query, query.analysis, decision, doubt)
        in_context = self._context_suggested(decided, query.analysis)
        if in_context is not None:
            return in_context
        if decided.decision is not None and decided.decision.kind == "suggest" and query.followed is None:
            # A message that tells something first ("My sister is nervous about it because ...") and asks
            # at its end: what the whole message could not settle, its last question alone may.
            last = self._last_question(query)
            if last is not None:
                return last
        return decided

    def _context_suggested(self, query: Query, analysis: Analysis) -> Query | None:
        """An answer from the context entry, when a follow-up's did-you-mean puts that entry first ("date?",
        "any references?" after where the information comes from): in a chat, the answer just given is
        the likeliest thing a short follow-up is about. Only for a did-you-mean on a low score or a close
        runner-up: never for a word no entry uses ("does it help with cancer?")."""
        decision = query.decision
        if (decision is None or decision.kind != "suggest" or not decision.suggestions or query.context is None
                or query.context_told or query.exclude == query.context or self.cased(query.text)):
            # "change treatment tonight?", "smaller amounts for a heavy drinker?" after an answer ask about a
            # case, which the answer just given does not cover (a red-team review found them answered)
            return None
        top = decision.suggestions[0]
        if top.entry.id == query.context and top.coverage >= self.CONTEXT_COVERAGE:
            reason = f"a did-you-mean with the context entry `{top.entry.id}` first: the follow-up asks about it again"
            return query.decided(self.name, Decision("answer", reason, candidate=top))
        # "why there?" after the compounding answer, "really? not approved at all?" after the FDA one: the
        # learned model, which has read how people ask, is sure it is the context entry again
        model = self.second() if self.second is not None else None
        opinion = model.opinion(analysis, self.retriever.index.idf) if model is not None else None
        again = next((c for c in self.retriever.rank(analysis, limit=len(self.retriever.kb.entries))
                      if c.entry.id == query.context), None)
        if (opinion is None or again is None or opinion.top != query.context or opinion.lead < self.CONTEXT_LEAD
                or set(analysis.rare) & set(self.retriever.index.uncovered(again.entry_index, analysis))):
            # "which online pharmacy sells it cheapest?" after the compounding answer asks what it never says
            return None
        reason = (f"a did-you-mean on a follow-up to `{query.context}`, which the second opinion is sure it asks "
                  f"about again (lead {opinion.lead:.1f} >= {self.CONTEXT_LEAD:g})")
        return query.decided(self.name, Decision("answer", reason, candidate=again))

    def _last_question(self, query: Query) -> Query | None:
        """The decision on the message's last question read alone, when that is an answer."""
        asked = last_question(query.matched_text)
        analysis = self.retriever.normalizer.analyze(asked) if asked is not None else None
        if analysis is None or len(analysis.terms) < self.LAST_TERMS:
            return None
        ranked = tuple(self.retriever.rank(analysis, limit=max(self.settings.max_suggestions, 2),
                                           min_score=self.settings.suggest_threshold))
        if not ranked:
            return None
        alone = replace(query, analysis=analysis, ranked=ranked)
        decision, doubt = self._rank_decision(alone, analysis)
        reviewed = self._reviewed(alone, analysis, decision, doubt).decision
        if reviewed is None or reviewed.kind != "answer":
            return None
        reason = f"the message's last question read alone ({_quote(asked or '')}): {reviewed.reason}"
        return query.decided(self.name, replace(reviewed, reason=reason))

    def _rank_decision(self, query: Query, analysis: Analysis) -> tuple[Decision, float | None]:
        """The ranker's decision, and how sure the second opinion must be to turn it into an answer: 1 for a
        did-you-mean only for a low score or a close runner-up, more for a doubt, None for never."""
        s = self.settings
        top = query.ranked[0]
        runner_up = query.ranked[1].score if len(query.ranked) > 1 else 0.0
        gap = round(top.score - runner_up, 1)
        ambiguous = top.score - runner_up < s.ambiguity_margin and top.score < s.answer_threshold + s.ambiguity_margin
        # Asked word for word, a question is its own entry even if it looks like "what is X?".
        exact = words(clean(top.matched)) == words(analysis.cleaned)
        missing = self.retriever.index.missing(top.entry_index, query.require)
        if missing:
            reason = f"the follow-up asks about {' '.join(sorted(missing))}, which `{top.entry.id}` never mentions"
            return Decision("fallback", reason), None
        # Before the thresholds: a high score on the question's other words does not make up for
        # the word it is really about.
        unanswered, settled = self._unanswered(analysis, top, followed=query.followed is not None)
        if unanswered is not None and not exact:
            # A word no entry uses, or a side of a comparison left out, is something the knowledge base
            # cannot answer; a subject never named is only a doubt about the ranker's guess ("is RA
            # autoimmune? the article makes it sound like it isn't"), which a surer second opinion may settle.
            doubt = UNNAMED_DOUBT if settled and query.undefined is None else None
            return Decision("suggest", unanswered, suggestions=query.ranked[: s.max_suggestions]), doubt
        if top.score >= s.answer_threshold and not ambiguous and (query.undefined is None or exact):
            reason = (f"top score {top.score} >= answer threshold {s.answer_threshold:g} "
                      f"and {gap} ahead of the runner-up")
            return Decision("answer", reason, candidate=top), None
        if self._single_clear(top, gap) and query.undefined is None:
            reason = (f"one clear suggestion: `{top.entry.id}` scores {top.score} >= {s.single_threshold:g}, "
                      f"{gap} ahead of the runner-up, and uses {top.coverage:.0%} of the question's weight")
            return Decision("answer", reason, candidate=top), None
        return Decision("suggest", self._why_not(top, gap, query.undefined),
                        suggestions=query.ranked[: s.max_suggestions]), 1.0 if query.undefined is None else None

    def _reviewed(self, query: Query, analysis: Analysis, decision: Decision, doubt: float | None) -> Query:
        """The ranker's decision after the second opinion: never on a fallback, only by a model that fits."""
        model = self.second() if self.second is not None and decision.kind in ("answer", "suggest") else None
        if model is None or not model.fits([e.id for e in self.retriever.kb.entries]):
            return query.decided(self.name, decision)
        opinion = model.opinion(analysis, self.retriever.index.idf)
        if query.exclude is not None and decision.kind == "answer":
            # A veto for the follow-up's excluded entry would stand for an entry that cannot answer. Only
            # an answer is judged without it: a did-you-mean is promoted only on the model's own top.
            opinion = opinion.without(query.exclude)
        answer = decision.candidate.entry.id if decision.kind == "answer" and decision.candidate else None
        top = query.ranked[0]
        wider = self._wider(query, analysis)
        ranked = [c.entry.id for c in wider]
        verdict = review(opinion, answer, ranked, top.score, doubt is not None and not top.by_answer,
                         len(analysis.terms), len(query.ranked), doubt or 1.0)
        data = {"second_opinion": {"action": verdict.action, "lead": round(opinion.lead, 2),
                                   "top": [[c, round(p, 2)] for c, p in opinion.ranked[:3]]}}
        if verdict.action in ("confirm", "keep"):
            return query.decided(self.name, decision, verdict.reason, data=data)
        ranker = f"the ranker alone: {decision.kind}: {decision.reason}"
        if verdict.action == "veto":
            changed = Decision("suggest", verdict.reason, suggestions=query.ranked[: self.settings.max_suggestions])
        else:
            candidate = next(c for c in wider if c.entry.id == verdict.entry)
            changed = Decision("answer", verdict.reason, candidate=candidate)
        return query.decided(self.name, changed, ranker, data=data)

    def _wider(self, query: Query, analysis: Analysis) -> tuple[Candidate, ...]:
        """The ranked candidates the second opinion may switch to: a few more than a did-you-mean shows,
        all at or above the suggest threshold, under the same follow-up rules as retrieve."""
        index = self.retriever.index
        ranked = self.retriever.rank(analysis, limit=self.WIDER + 1, min_score=self.settings.suggest_threshold)
        found = tuple(c for c in ranked
                      if c.entry.id != query.exclude and not index.missing(c.entry_index, query.require))
        return query.ranked + tuple(c for c in found if c not in query.ranked)[: max(self.WIDER - len(query.ranked), 0)]

    def _unanswered(self, analysis: Analysis, top: Candidate, followed: bool = False) -> tuple[str | None, bool]:
        """Why the top entry cannot answer: a key word of the question it never uses (see Settings); and
        whether that is only a doubt a second opinion may settle (the subject never named)."""
        s = self.settings
        uncovered = self.retriever.index.uncovered(top.entry_index, analysis)
        rare = [t for t in analysis.rare if uncovered.get(t, 0.0) >= s.uncovered_share]
        if rare:
            return (f"the question is about {' '.join(sorted(rare))!r}, which no entry uses "
                    f"({max(uncovered[t] for t in rare):.0%} of its weight)"), False
        if analysis.asks and analysis.asks not in self.retriever.index.asking[top.entry_index]:
            # "who discovered LDN?", "when was naltrexone approved?": a person or a date no entry gives
            return f"the question asks {analysis.asks}, and no wording of `{top.entry.id}` asks that", False
        # A follow-up to an answer about the drug is about the drug, named or not.
        unnamed = None if followed else self._unnamed_subject(analysis, top, uncovered)
        if unnamed is not None:
            return unnamed, True
        compared = [t for t, share in uncovered.items() if share >= s.compare_share]
        if analysis.compares and compared:
            return (f"the question compares, and `{top.entry.id}` never uses {' '.join(sorted(compared))!r} "
                    f"({max(uncovered[t] for t in compared):.0%} of its weight)"), False
        return None, False

    def _unnamed_subject(self, analysis: Analysis, top: Candidate, uncovered: dict[str, float]) -> str | None:
        """A question that never names the knowledge base's subject, matched to an entry about it only
        by part of its words: it asks about the condition or the thing itself ("how many people have
        fibromyalgia?"), which the entry about the drug does not answer."""
        index = self.retriever.index
        if index.subject_words & set(analysis.terms) or not index.on_subject[top.entry_index]:
            return None
        left = [t for t, share in uncovered.items() if share >= self.settings.unnamed_share]
        if not left:
            return None
        return (f"the question never names {' or '.join(sorted(index.subject))!r}, and `{top.entry.id}` "
                f"(about it) never uses {' '.join(sorted(left))!r} ({max(uncovered[t] for t in left):.0%} "
                f"of its weight)")

    def _single_clear(self, top: Candidate, gap: float) -> bool:
        """One clearly right suggestion, matched by its own wordings and explaining most of the question:
        asking "did you mean this one?" would only add a turn."""
        s = self.settings
        return (not top.by_answer and top.score >= s.single_threshold and gap >= s.single_margin
                and top.coverage >= s.single_coverage)

    def _why_not(self, top: Candidate, gap: float, undefined: str | None) -> str:
        s = self.settings
        if undefined is not None:
            return f"asks what {undefined!r} is, and no entry defines it"
        if top.score >= s.answer_threshold:
            return (f"top score {top.score} is only {gap} ahead of the runner-up, "
                    f"less than the ambiguity margin {s.ambiguity_margin:g}")
        return (f"top score {top.score} is below the answer threshold {s.answer_threshold:g} "
                f"but at least the suggest threshold {s.suggest_threshold:g}")


@dataclass(frozen=True)
class BuildReply(StageBase, name="reply", decides=False):
    """The decision as a contract reply, its text from the knowledge base."""

    kb: KnowledgeBase

    def run(self, query: Query) -> Query:
        assert query.decision is not None, "every question is decided before the reply is built"
        reply = self.build(query.decision, query.lang)
        return query.noted(self.name, f"{reply.kind}{' ' + reply.id if reply.id else ''}", reply=reply)

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
