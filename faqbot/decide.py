"""The decide stage (see :mod:`faqbot.stages` for the others): answer, did-you-mean or fallback from the
ranked candidates by thresholds and ambiguity, then the learned second opinion's review. It is kept apart
from the ranking, as rasa keeps its fallback classifier's thresholds apart from the classifier that ranks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from faqbot.kb import Entry, Settings
from faqbot.pipeline import Decision, Query, StageBase, quoted
from faqbot.records import dataclass
from faqbot.retrieval import Candidate, Retriever
from faqbot.retrieval.learned import PROMOTE, SURE, RankModel, review
from faqbot.text import Analysis, clean, last_question, stem, words
from faqbot.text.pointing import PRONOUNS, SUBJECT_PRONOUNS
from faqbot.text.words import LEAD_INS

#: words of a question that point back at something a message told before it, other than the drug ("it")
_POINTING_BACK = PRONOUNS - SUBJECT_PRONOUNS
#: the words that open a question asking what something is or does, or how: the only last questions given the drug
#: named before them ("any risks?", "side effects?", "is it legal?" after a story of a pet, a purchase or someone's
#: case ask about that story, and "why does it happen?" about what it told; two reviews found them answered)
_ASKS_WHAT = frozenset({"what", "whats", "how", "which"})
#: the terms of question words, which ask nothing of their own
_ASKING = frozenset({"who", "whi", "what", "when", "where", "which", "how"})

#: how many times the usual lead the second opinion needs to answer a question that never names the
#: subject (chosen leave-one-set-out, scripts/rank_heldout.py)
UNNAMED_DOUBT = 2.0
#: ... and one whose key word no entry uses ("what makes microglia go haywire"): the model, which reads how many of
#: a question's terms the knowledge base never uses, must lead by five times the usual margin. On the development
#: sets 5 answered 8 more right and none wrong; 4 and 3 also answered personal questions told after a question and a
#: country's figures the article does not give
RARE_DOUBT = 5.0
#: the words before a place, a maker or a medicine that goes with another: a rare word after them is what is asked
_QUALIFIERS = frozenset({"in", "with", "from", "by", "at", "plus", "and", "versus", "vs"})
_ARTICLES = frozenset({"the", "a", "an"})


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
    #: (leave one set out: 3 answered two more follow-ups than 5 and no wrong answer more; with the sets of the
    #: fifty-second session in training, 2.5 and 2 one more than 3 and 4, none wrong)
    CONTEXT_LEAD = 2.5

    settings: Settings
    retriever: Retriever
    #: the learned model (None: the ranker alone); a model trained for other entries is not asked
    second: Callable[[], RankModel] | None = None
    #: whether a text tells something of someone's case (the safety packs' own reading)
    cased: Callable[[str], bool] = lambda text: False
    #: whether a question asks a verdict on a case ("is it safe?", "could it be the insomnia?"; the packs' reading)
    verdict: Callable[[str], bool] = lambda text: False

    def run(self, query: Query) -> Query:
        assert query.analysis is not None, "decide runs after analyse"
        if not query.ranked:
            reason = f"no entry scores at least the suggest threshold {self.settings.suggest_threshold:g}"
            # "whats LDN. my chiro brought it up": the question alone, without what the rest tells
            last = self._last_question(query) if query.followed is None else None
            return last if last is not None else query.decided(self.name, Decision("fallback", reason))
        decision, doubt = self._rank_decision(query, query.analysis)
        decided = self._reviewed(query, query.analysis, decision, doubt)
        overruled = query.followed is None and decision.kind == "answer" and decided.decision != decision
        if overruled:
            # The second opinion overruled the ranker on the whole message; on a story told before the
            # question, its many words lend it a lead the question alone would not give, so the last
            # question read alone decides when it can ("I keep seeing LDN on a chronic pain forum ...
            # What side effects has it been linked to?")
            last = self._last_question(query)
            if last is not None:
                return last
        in_context = self._context_suggested(decided, query.analysis)
        if in_context is not None:
            return in_context
        if decided.decision is not None and decided.decision.kind == "suggest" and query.followed is None \
                and not overruled:
            # A message that tells something first ("My sister is nervous about it because ...") and asks
            # at its end: what the whole message could not settle, its last question alone may (already
            # tried above when the second opinion overruled the ranker).
            last = self._last_question(query)
            if last is not None:
                return last
        return decided

    def _context_suggested(self, query: Query, analysis: Analysis) -> Query | None:
        """An answer from the context entry, when a follow-up's did-you-mean puts that entry first and its
        wordings cover most of the follow-up ("date?", "any references?" after where the information comes
        from), or when the learned second opinion is sure the follow-up asks about that entry ("why there?"
        after the compounding answer): in a chat, the answer just given is the likeliest thing a short
        follow-up is about. Never for a word the context entry does not use ("does it help with cancer?")."""
        decision = query.decision
        if (decision is None or decision.kind != "suggest" or not decision.suggestions or query.context is None
                or query.context_told or query.exclude == query.context or self.cased(query.text)
                # "what is Crohn's disease?" after an answer that only names it: no entry says what it is
                or query.undefined is not None):
            # "change treatment tonight?", "smaller amounts for a heavy drinker?" after an answer ask about a
            # case, which the answer just given does not cover (a red-team review found them answered)
            return None
        top = decision.suggestions[0]
        if top.entry.id == query.context and top.coverage >= self.CONTEXT_COVERAGE:
            reason = f"a did-you-mean with the context entry `{top.entry.id}` first: the follow-up asks about it again"
            return query.decided(self.name, Decision("answer", reason, candidate=top))
        # "why there?" after the compounding answer, "really? not approved at all?" after the FDA one: the
        # learned model, which has read how people ask, is sure it is the context entry again
        model = self._model()
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
        if asked is None:
            return None
        before, _, after = query.matched_text.rpartition(asked)
        if words(after) and self.cased(after):
            # told after the question, a case may be what it asks about ("What are the side effects? My wife's
            # hair is thinning."): the safety stage reads stories told first, so only a rest that names nobody
            # and tells nothing of a case ("every site says something different") is left out
            return None
        analysis = self.retriever.normalizer.analyze(asked)
        named = self._named_before(asked, analysis, before)
        # given the drug the message named before it only when the second opinion is sure of its entry; else read as
        # it stands
        reviewed = self._alone(query, self.retriever.normalizer.analyze(named), sure=True) if named != asked else None
        reviewed = reviewed or self._alone(query, analysis)
        if reviewed is None:
            return None
        reason = f"the message's last question read alone ({quoted(asked)}): {reviewed.reason}"
        return query.decided(self.name, replace(reviewed, reason=reason))

    def _alone(self, query: Query, analysis: Analysis, *, sure: bool = False) -> Decision | None:
        """The answer to a message's question read alone (``analysis``), or None; ``sure``: only one the second opinion
        is sure of (:meth:`_sure_of`)."""
        if len(analysis.terms) < self.LAST_TERMS:
            return None
        ranked = tuple(self.retriever.rank(analysis, limit=max(self.settings.max_suggestions, 2),
                                           min_score=self.settings.suggest_threshold))
        if not ranked:
            return None
        alone = replace(query, analysis=analysis, ranked=ranked)
        decision, doubt = self._rank_decision(alone, analysis)
        reviewed = self._reviewed(alone, analysis, decision, doubt).decision
        if reviewed is None or reviewed.kind != "answer" or (sure and not self._sure_of(reviewed, analysis)):
            return None
        return reviewed

    def _sure_of(self, decision: Decision, analysis: Analysis) -> bool:
        """Whether the learned second opinion picks the entry ``decision`` answers with, as sure as it must be to
        answer a did-you-mean (``PROMOTE``): a question given the drug the message named before it ("Is it natural?",
        "Is it used in horses?") otherwise matches an entry on a word or two of its own."""
        model = self._model()
        opinion = model.opinion(analysis, self.retriever.index.idf) if model is not None else None
        return (opinion is not None and decision.candidate is not None and opinion.top == decision.candidate.entry.id
                and opinion.lead >= PROMOTE)

    def _named_before(self, asked: str, analysis: Analysis, before: str) -> str:
        """The last question, with the drug the message names before it when it asks what or how and names none
        itself: "Saw LDN in a documentary. what side effects does it have" asks about LDN. Not when it points back at
        anything but the drug ("My dad feels very tired on LDN. What does that mean?" asks about what the story told),
        asks nothing of its own beyond its question word ("how?"), or asks a verdict on a case ("what could it be?")."""
        index = self.retriever.index
        alone = set(analysis.terms)
        said = [word.lower() for word in words(asked)]
        opens = next((word for word in said if word not in LEAD_INS), "")
        if (opens not in _ASKS_WHAT or index.subject_words & alone or not alone - _ASKING
                or set(said) & _POINTING_BACK or self.verdict(asked)):
            return asked
        told = self.retriever.normalizer.analyze(before).terms
        named = [term for term in dict.fromkeys(told) if term in index.subject]
        return " ".join([asked, *named])

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
        unanswered, doubt = self._unanswered(analysis, top, followed=self._in_conversation(query, top))
        if unanswered is not None and not exact:
            # A side of a comparison left out is something the knowledge base cannot answer; a word no entry uses
            # or a subject never named is only a doubt about the ranker's guess ("is RA autoimmune? the article
            # makes it sound like it isn't"), which a far surer second opinion may settle.
            return (Decision("suggest", unanswered, suggestions=query.ranked[: s.max_suggestions]),
                    doubt if query.undefined is None else None)
        named = self._names_asked(query, gap)
        if named is not None and named.score >= s.answer_threshold:
            reason = (f"the follow-up asks about {' '.join(sorted(query.require))}: the wording `{named.entry.id}` "
                      f"matched names it, `{top.entry.id}`'s does not, and it is only {gap} behind")
            return Decision("answer", reason, candidate=named), None
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
        model = self._model() if decision.kind in ("answer", "suggest") else None
        if model is None:
            return query.decided(self.name, decision)
        opinion = model.opinion(analysis, self.retriever.index.idf)
        if query.exclude is not None and decision.kind == "answer":
            # A veto for the follow-up's excluded entry would stand for an entry that cannot answer. Only
            # an answer is judged without it: a did-you-mean is promoted only on the model's own top.
            opinion = opinion.without(query.exclude)
        answer = decision.candidate.entry.id if decision.kind == "answer" and decision.candidate else None
        top = query.ranked[0]
        blind = bool(analysis.terms) and set(analysis.terms) <= self.retriever.index.subject_words
        wider = self._wider(query, analysis, blind)
        ranked = [c.entry.id for c in wider]
        # A follow-up's reading is the turn with its topic's words put after it ("how does it help with that
        # naltrexone"), not a wording anyone typed: matching it closely is no curated judgement to defer to
        score = min(top.score, SURE - 0.1) if query.followed is not None else top.score
        # (typed word for word, any wording of the top entry counts: "what can ldn help with" may tie at 100 with
        # another wording of its entry, "Benefits of LDN", which the ranker reports as the match)
        worded = holds_wording(analysis.cleaned, top.matched, whole=query.followed is None) or (
            query.followed is None and tuple(words(clean(analysis.cleaned))) in _wordings(top.entry))
        # A top score of 100 earned by a wording with words the question never uses ("naltrexone with opioids?"
        # scoring 100 on "is naltrexone a narcotic", by synonyms and stems) is a bag of shared terms, not the curated
        # judgement that makes a sure score harder to switch away from (a veto still needs the sure bar); the same
        # words in another order ("what non-autoimmune conditions has LDN been tried for") still are
        held = set(words(clean(top.matched))) <= set(words(analysis.cleaned))
        # A did-you-mean led by a match on an answer's text is promoted like any other: leave one set out, barring
        # it (as this did until the nineteenth session) cost 16 right answers of 7,029 and saved no wrong one
        verdict = review(opinion, answer, ranked, score, doubt is not None,
                         len(analysis.terms), len(query.ranked), doubt or 1.0, worded=worded, blind=blind,
                         followed=query.followed is not None, held=held)
        data = {"second_opinion": {"action": verdict.action, "lead": round(opinion.lead, 2),
                                   "top": [[c, round(p, 2)] for c, p in opinion.ranked[:3]]}}
        if verdict.action in ("confirm", "keep"):
            return query.decided(self.name, decision, verdict.reason, data=data)
        ranker = f"the ranker alone: {decision.kind}: {decision.reason}"
        if verdict.action == "veto":
            # the entry the model found likelier, when the ranker ranked it, is offered first ("What Is LDN Prescribed
            # For?": "What conditions has LDN been used for?" before the entry on seeing a doctor)
            likelier = [c for c in wider if c.entry.id == opinion.top][:1]
            offered = (*likelier, *(c for c in query.ranked if c not in likelier))
            changed = Decision("suggest", verdict.reason, suggestions=offered[: self.settings.max_suggestions])
            vetoed_for = likelier[0].entry.id if likelier and likelier[0] in query.ranked else None
            return query.decided(self.name, changed, ranker, data=data, vetoed_for=vetoed_for)
        candidate = next(c for c in wider if c.entry.id == verdict.entry)
        changed = Decision("answer", verdict.reason, candidate=candidate)
        return query.decided(self.name, changed, ranker, data=data)

    def _model(self) -> RankModel | None:
        """The learned model, when there is one trained for this knowledge base's entries."""
        model = self.second() if self.second is not None else None
        return model if model is not None and model.fits([e.id for e in self.retriever.kb.entries]) else None

    def _wider(self, query: Query, analysis: Analysis, blind: bool = False) -> tuple[Candidate, ...]:
        """The ranked candidates the second opinion may switch to: a few more than a did-you-mean shows,
        all at or above the suggest threshold, under the same follow-up rules as retrieve; every one of
        them when the ranker is ``blind`` (it read nothing but the drug's name, which every entry shares)."""
        index = self.retriever.index
        wide = len(self.retriever.kb.entries) if blind else self.WIDER
        ranked = self.retriever.rank(analysis, limit=wide + 1, min_score=self.settings.suggest_threshold)
        found = tuple(c for c in ranked
                      if c.entry.id != query.exclude and not index.missing(c.entry_index, query.require))
        return query.ranked + tuple(c for c in found if c not in query.ranked)[: max(wide - len(query.ranked), 0)]

    def _unanswered(self, analysis: Analysis, top: Candidate, followed: bool = False
                    ) -> tuple[str | None, float | None]:
        """Why the top entry cannot answer: a key word of the question it never uses (see Settings); and, when
        that is only a doubt a second opinion may settle (a word no entry uses, the subject never named), how many
        times the usual lead it needs (None: never)."""
        s = self.settings
        uncovered = self.retriever.index.uncovered(top.entry_index, analysis)
        # a name, or a country the question is asked of, is its topic at a lower share of its weight
        particular = analysis.names | analysis.abroad
        rare = [t for t in analysis.rare if uncovered.get(t, 0.0) >= s.uncovered_share
                or (t in particular and uncovered.get(t, 0.0) >= s.uncovered_name_share)]
        if rare:
            # (a name or a country asked of is what the question is about, no doubt: "...adults in the UK?"; so is a
            # word after "in", "with", "from" or "by", written small: "...about LDN in norway", "LDN with suboxone")
            qualified = particular.intersection(rare) or not _QUALIFIERS.isdisjoint(_before(analysis.words, rare))
            return (f"the question is about {' '.join(sorted(rare))!r}, which no entry uses "
                    f"({max(uncovered[t] for t in rare):.0%} of its weight)"), None if qualified else RARE_DOUBT
        if analysis.asks and analysis.asks not in self.retriever.index.asking[top.entry_index]:
            # "who discovered LDN?", "when was naltrexone approved?": a person or a date no entry gives
            return f"the question asks {analysis.asks}, and no wording of `{top.entry.id}` asks that", None
        # A follow-up to an answer about the drug is about the drug, named or not.
        unnamed = None if followed else self._unnamed_subject(analysis, top, uncovered)
        if unnamed is not None:
            return unnamed, UNNAMED_DOUBT
        compared = [t for t, share in uncovered.items() if share >= s.compare_share]
        if analysis.compares and compared:
            return (f"the question compares, and `{top.entry.id}` never uses {' '.join(sorted(compared))!r} "
                    f"({max(uncovered[t] for t in compared):.0%} of its weight)"), None
        return None, None

    def _names_asked(self, query: Query, gap: float) -> Candidate | None:
        """For a follow-up that asks about something ("and with other meds?" after whether LDN is safe): the
        runner-up, when it is within the ambiguity margin and its matched wording names what is asked while the
        top's does not ("is it safe to combine ldn with other medicines" before "Is LDN safe?")."""
        if (query.followed is None or not query.require or len(query.ranked) < 2
                or gap >= self.settings.ambiguity_margin):
            return None
        top, runner_up = query.ranked[:2]

        def names(candidate: Candidate) -> bool:
            return query.require <= set(self.retriever.normalizer.analyze(candidate.matched).terms)

        return runner_up if names(runner_up) and not names(top) else None

    def _in_conversation(self, query: Query, top: Candidate) -> bool:
        """Whether the question follows an answer about the knowledge base's subject: read in that context, or
        asked after it and complete on its own ("any side effects to watch for?" after the answer on seeing a
        doctor first is about the drug the conversation is about, named or not). Not when it would get that
        same answer again: "how long does the insomnia last?" after the side effects asks beyond them."""
        if query.followed is not None:
            return True
        if top.entry.id == query.context:
            return False
        entries = self.retriever.kb.entries
        at = next((i for i, e in enumerate(entries) if e.id == query.context), None)
        return at is not None and self.retriever.index.on_subject[at]

    def _unnamed_subject(self, analysis: Analysis, top: Candidate, uncovered: dict[str, float]) -> str | None:
        """A question that never names the knowledge base's subject, matched to an entry about it only
        by part of its words: it asks about the condition or the thing itself ("how many people have
        fibromyalgia?"), which the entry about the drug does not answer."""
        index = self.retriever.index
        # (an entry about something else asks the same of its own theme: "how many Americans have fibromyalgia?"
        # never names the addiction that the entry on how common addiction is counts)
        on_subject = index.on_subject[top.entry_index]
        about = index.subject if on_subject else index.themes[top.entry_index]
        if not about or (index.subject_words if on_subject else about) & set(analysis.terms):
            return None
        left = [t for t, share in uncovered.items() if share >= self.settings.unnamed_share]
        if not left:
            return None
        return (f"the question never names {' or '.join(sorted(about))!r}, and `{top.entry.id}` "
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


@lru_cache(maxsize=256)
def _wordings(entry: Entry) -> frozenset[tuple[str, ...]]:
    """Each curated wording of ``entry`` as the words :func:`holds_wording` compares (read once per entry)."""
    return frozenset(tuple(words(clean(wording))) for wording in (entry.question, *entry.alternates))


def holds_wording(question: str, wording: str, whole: bool) -> bool:
    """Whether the question is the curated wording word for word (``whole``), or else holds all its words
    in order: a follow-up's reading built from the context question ("does ldn help people with crohn's
    disease") that holds a wording whole ("does ldn help crohn's disease") is what the knowledge base
    says that wording means, and the second opinion does not overrule it."""
    asked, worded = words(clean(question)), words(clean(wording))
    if whole:
        return asked == worded
    rest = iter(asked)
    return bool(worded) and all(word in rest for word in worded)


def _before(words_: tuple[str, ...], rare: list[str]) -> set[str]:
    """The words that stand right before a rare term of the question (read by its stem), past an article ("in the
    nordics")."""
    found = set()
    for i in range(1, len(words_)):
        if stem(words_[i]) in rare:
            j = i - 2 if i > 1 and words_[i - 1] in _ARTICLES else i - 1
            found.add(words_[j])
    return found
