"""What a follow-up turn names, read against the knowledge base's entries: a term another entry defines ("microglia?"),
one the context answer explains in plain words, a detail it names without saying which ("which genes?"), or nothing
at all ("Lastly, what are endorphins?" puts only a word of the conversation first)."""

from __future__ import annotations

import faqbot.regex as regex
from faqbot.kb import Entry, KnowledgeBase
from faqbot.retrieval import Retriever
from faqbot.text import words
from faqbot.text.pointing import lists_kinds
from faqbot.text.turns import without_openers

#: "n endorphins?", "& microglia": the "and" of chat before a bare term
_AND_SHORT = regex.compile(r"^(?:n|&|\+)\s+")


class TurnTerms:
    """The checks a follow-up's reading makes of the terms it names."""

    def __init__(self, kb: KnowledgeBase, retriever: Retriever, most_words: int) -> None:
        self._kb = kb
        self._retriever = retriever
        self._subjects = retriever.index.subject
        #: a bare term longer than this is a question, not a term asked about
        self._most_words = most_words

    def listed_elsewhere(self, named: str, context: Entry) -> bool:
        """Whether an entry other than the context says which ``named`` it means."""
        return any(lists_kinds(named, entry.answer) for entry in self._kb.entries if entry.id != context.id)

    def names_something(self, topic: str) -> bool:
        """Whether a phrase put before a question names a thing: a word the knowledge base uses, or one neither it nor
        everyday English knows ("long covid"). "Lastly, what are endorphins?" and "ok one more thing: is it
        approved?" put only a word of the conversation first, and ask their question alone."""
        analysis = self._retriever.normalizer.analyze(topic)
        known = self._retriever.index.idf
        return any(term in known or term in analysis.rare for term in analysis.terms)

    def unlisted(self, named: str, context: Entry) -> bool:
        """Whether "which X?" asks which of a detail the context answer names without saying which: X is in
        its answer, not what its question is about, and the answer never names a kind of X."""
        analyze = self._retriever.normalizer.analyze
        terms = frozenset(analyze(named).terms)
        return (bool(terms) and not terms & frozenset(analyze(context.question).terms)
                and terms <= frozenset(analyze(context.answer).terms) and not lists_kinds(named, context.answer))

    def defined_elsewhere(self, plain: str, context: Entry) -> str | None:
        """The turn, when it is nothing but a term an entry other than the context defines (not the subject)."""
        term = _AND_SHORT.sub("", plain).strip(" ?!.")
        terms = frozenset(self._retriever.normalizer.analyze(term).terms)
        if not terms or terms & self._subjects or len(words(term)) > self._most_words:
            return None
        return term if self._retriever.definitions.named_elsewhere(terms, context) else None

    def glossed(self, cleaned: str, context: Entry) -> bool:
        """Whether the turn asks what a term means that no entry defines and the context answer explains
        ("autoimmune disorders. In these, the immune system attacks the body"), not one it only names ("The
        article names Crohn's disease")."""
        normalizer = self._retriever.normalizer
        # ("wait, what's a receptor?": the opener is no part of the term)
        term = self._retriever.definitions.undefined_term(normalizer.analyze(without_openers(cleaned)))
        if term is None:
            # "whats inflammation" after "substances that cause inflammation (swelling and irritation)": a
            # word the answer explains in brackets, though another entry defines a longer term holding it
            return self._retriever.definitions.explained_in(cleaned, context)
        terms = frozenset(normalizer.analyze(term).terms)
        return bool(terms) and self._retriever.definitions.explains(terms, context)
