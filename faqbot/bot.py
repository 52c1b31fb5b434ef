"""The bot: safety routing, smalltalk and matching composed into one reply."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from rapidfuzz import fuzz, process

from faqbot.kb import Entry, KnowledgeBase, load_knowledge_base
from faqbot.reply import Reply, Suggestion
from faqbot.retrieval.matcher import Candidate, Matcher
from faqbot.safety import Route, find_dose_figure, other_medicine, route
from faqbot.text import Normalizer, clean, words

#: Words that may surround a smalltalk phrase without making it a question.
_SMALLTALK_FILLER = frozenset(
    "so much very a lot again there you that was is it this really all for the great ok okay awesome bot "
    "faqbot guys everyone mate friend and please just oh well alright cool then now lol haha or".split()
)


class FAQBot:
    """Answers questions from a knowledge base, refusing dosing and personal medical questions.

    >>> bot = FAQBot.from_yaml()
    >>> bot.ask("What is LDN?").kind
    'answer'
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        corpus: list[str] = []
        for entry in kb.entries:
            corpus.extend((entry.question, *entry.alternates, entry.answer, *entry.defines))
        self.normalizer = Normalizer(kb.synonyms, corpus)
        self.matcher = Matcher(kb, self.normalizer)
        self._smalltalk = [
            (tuple(words(clean(p))), intent) for intent in kb.smalltalk for p in intent.patterns
        ]
        self._smalltalk_vocab = frozenset(w for p, _ in self._smalltalk for w in p)
        self._smalltalk_words = sorted({w for p, _ in self._smalltalk for w in p if len(w) >= 4})

    @classmethod
    def from_yaml(cls, path: str | Path | None = None) -> FAQBot:
        """Load a knowledge base (``None``: the bundled one) and build a bot on it."""
        return cls(load_knowledge_base(path))

    # -- the one public question-answering call ------------------------------------
    def ask(self, text: str) -> Reply:
        """Reply to one question. Never raises for any string; same text, same reply."""
        if not isinstance(text, str):
            raise TypeError(f"ask() needs a str, not {type(text).__name__}")
        limit = self.kb.settings.max_question_chars
        # Cut before and after NFKC: one character can expand to eighteen.
        reply = self._reply(unicodedata.normalize("NFKC", text[:limit])[:limit])
        # Last guard: whatever produced the text, a dose figure never leaves.
        figure = find_dose_figure(reply.text)
        if figure:
            return self._referral(Route("referral", "outgoing-dose-guard", figure))
        return reply

    def _reply(self, text: str) -> Reply:
        if not clean(text):
            return self._fallback(())
        routed = route(text)
        if routed is not None:
            return self._emergency(routed) if routed.kind == "emergency" else self._referral(routed)
        smalltalk = self.smalltalk(text)
        if smalltalk is not None:
            return smalltalk
        return self._match(text)

    # -- pieces, public for `explain` and tests ---------------------------------------
    def candidates(self, text: str, limit: int = 5) -> list[Candidate]:
        analysis = self.normalizer.analyze(text, self.kb.settings.max_question_chars)
        return self.matcher.rank(analysis, limit)

    def smalltalk(self, text: str) -> Reply | None:
        """A smalltalk reply if the whole message is a greeting, thanks and the like."""
        tokens = words(clean(text))
        if not tokens or len(tokens) > 8:
            return None
        tokens = [self._smalltalk_word(w) for w in tokens]
        # Only smalltalk words and filler ("thx that was helpful", "goodbye and
        # thanks"), so one other word settles it; then the first pattern found answers.
        if any(w not in _SMALLTALK_FILLER and w not in self._smalltalk_vocab for w in tokens):
            return None
        for pattern, intent in self._smalltalk:
            size = len(pattern)
            if any(tuple(tokens[i : i + size]) == pattern for i in range(len(tokens) - size + 1)):
                return Reply(kind="smalltalk", text=intent.reply)
        return None

    def _smalltalk_word(self, word: str) -> str:
        if len(word) < 4 or word in _SMALLTALK_FILLER or word in self._smalltalk_vocab:
            return word
        best = process.extractOne(word, self._smalltalk_words, scorer=fuzz.ratio, score_cutoff=80)
        return best[0] if best else word

    def _match(self, text: str) -> Reply:
        settings = self.kb.settings
        if other_medicine(text):
            # About another medicine only: the article has nothing on it, even if
            # its words ("nerve pain", "anti-inflammatory") match an entry.
            return self._fallback(())
        analysis = self.normalizer.analyze(text, settings.max_question_chars)
        # Nothing under the suggestion threshold is ever shown, so the matcher need not rank it.
        ranked = self.matcher.rank(
            analysis, limit=max(settings.max_suggestions, 2), min_score=settings.suggest_threshold
        )
        if not ranked:
            return self._fallback(())
        top = ranked[0]
        undefined = self.matcher.undefined_term(analysis)
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        ambiguous = (
            top.score - runner_up < settings.ambiguity_margin
            and top.score < settings.answer_threshold + settings.ambiguity_margin
        )
        # Asked word for word, a question is its own entry even if it looks like "what is X?".
        exact = words(clean(top.matched)) == words(analysis.cleaned)
        # "...can you explain what microglia are?": the entry defining the term
        # answers, even when the rest of a long message pulls elsewhere.
        defining = self.matcher.defining_entry(analysis) if undefined is None else None
        if defining is not None:
            # Asked for by name, so even a weak overall match is the right entry.
            for candidate in self.matcher.rank(analysis, limit=50):
                if candidate.entry is defining:
                    return self._answer(candidate)
        if top.score >= settings.answer_threshold and not ambiguous and (undefined is None or exact):
            return self._answer(top)
        return self._fallback(ranked[: settings.max_suggestions])

    # -- reply builders -----------------------------------------------------------------
    def _answer(self, candidate: Candidate) -> Reply:
        entry = candidate.entry
        return Reply(
            kind="answer",
            text=entry.answer,
            id=entry.id,
            question=entry.question,
            score=candidate.score,
            section=entry.section,
            suggestions=tuple(self._suggestion(self.kb.entry(r)) for r in entry.related),
        )

    def _fallback(self, suggestions: list[Candidate] | tuple[()]) -> Reply:
        if suggestions:
            return Reply(
                kind="fallback",
                text=self.kb.texts.did_you_mean,
                suggestions=tuple(self._suggestion(c.entry) for c in suggestions),
            )
        return Reply(kind="fallback", text=self.kb.texts.fallback)

    def _referral(self, routed: Route) -> Reply:
        return Reply(kind="referral", text=self.kb.texts.referral, rule=routed.rule)

    def _emergency(self, routed: Route) -> Reply:
        text = self.kb.texts.self_harm if routed.self_harm else self.kb.texts.emergency
        return Reply(kind="emergency", text=text, rule=routed.rule)

    @staticmethod
    def _suggestion(entry: Entry) -> Suggestion:
        return Suggestion(entry.id, entry.question)

    def topics(self) -> dict[str, list[Entry]]:
        """Entries grouped by article section."""
        return self.kb.sections()
