""""What is X?" questions: which entry defines X, and when no entry does.

An entry's ``defines`` lists the terms it explains. "What is X?" for an X no entry defines falls back
instead of answering about something else, and a "what X is" request inside a longer message is
answered by the entry that defines X.
"""

from __future__ import annotations

import faqbot.regex as regex
from faqbot.kb import Entry, KnowledgeBase
from faqbot.text import Analysis, Normalizer

_DEFINITION = regex.compile(
    r"^(?:(?:what|who)(?: is|'s| are| was| were)(?: a| an|(?P<the> the))? (?P<a>[\w' -]+?)"
    r"|define (?P<b>[\w' -]+?)|(?:meaning|definition) of (?P<c>[\w' -]+?)|(?P<d>[\w' -]+?) (?:meaning|definition)"
    r"|what (?:does|do) (?P<e>[\w' -]+?) mean|what(?:'s| is)? (?:causes|triggers|is the cause of) (?P<f>[\w' -]+?))"
    r"[?.! ]*$"
)
#: "what on earth are", "what the heck is", "what even is": the same request with an interjection in it
_INTERJECTION = r"(?: (?:the (?:heck|hell|fuck|f)|on earth|in the world|exactly|actually|really|even))?"
_ASKS_DEFINITION = regex.compile(
    rf"\b(?:what|wtf){_INTERJECTION}(?:'s| is| are){_INTERJECTION} (?:a |an |the )?(?P<a>[\w' -]{{2,40}}?)"
    r"\s*(?=[?.!,;:]|\s-|$)"
    r"|\bwhat (?P<b>[\w' -]{2,40}?) (?:is|are)\s*(?=[?.!,;:]|\s-|$)"
    # "what is this LDN thing (people talk about)": the thing is named, whatever follows
    r"|\bwhat(?:'s| is| are) (?:this|that|these|those) (?P<c>[\w'-]+(?: [\w'-]+)?) (?:thing|things|stuff)\b"
)
#: "..., what are they?": the thing was named earlier in the message
_PRONOUN = regex.compile(r"^(?:it|they|them|those|these|that|this|those things|these things)(?: exactly| really)?$")
_ALREADY_KNOWN = regex.compile(
    r"\b(?:i|we)\s+(?:already\s+|do\s+)?(?:know|knew|understand|understood|get|remember)\s+$"
)
#: words that make "what is X ..." a question about X, not a name ("what is this based on", "used for")
_NOT_A_TERM = regex.compile(
    r"\b(?:for|with|in|on|of|to|from|about|based|used|do|does|doing|work|works|like|when|why|how|and)\b"
)


class Definitions:
    """The terms each entry defines, and the two questions asked of them."""

    def __init__(self, kb: KnowledgeBase, normalizer: Normalizer) -> None:
        self.kb = kb
        self.normalizer = normalizer
        self.defined: list[frozenset[str]] = [
            frozenset(t for d in entry.defines for t in normalizer.analyze(d).terms) for entry in kb.entries
        ]
        self._all_defined = frozenset(t for d in self.defined for t in d)
        #: every term the curated questions and alternates use: what the knowledge base is asked about
        self._asked = frozenset(t for entry in kb.entries for text in (entry.question, *entry.alternates)
                                for t in normalizer.analyze(text).terms)
        #: each defined term on its own ("microglia", "glial cells"), per entry
        self.phrases: list[list[frozenset[str]]] = [
            [p for p in (frozenset(normalizer.analyze(d).terms) for d in entry.defines) if p] for entry in kb.entries
        ]

    def _terms(self, term: str) -> frozenset[str] | None:
        """The term's analysed terms, if it looks like a name (one to three content words)."""
        if _NOT_A_TERM.search(term):
            return None
        terms = frozenset(self.normalizer.analyze(term).terms)
        return terms if terms and len(terms) <= 3 else None

    def defining_entry(self, analysis: Analysis) -> Entry | None:
        """The entry that defines X when the question asks "what X is" anywhere in it.

        Catches the definition request inside a longer message ("I got lost reading about LDN - can
        you explain what microglia are?"), where the other words would pull towards another entry.
        """
        for match in _ASKS_DEFINITION.finditer(analysis.cleaned):
            if _ALREADY_KNOWN.search(analysis.cleaned, 0, match.start()):
                continue  # "I know what LDN is, but..." asks something else
            term = (match.group("a") or match.group("b") or match.group("c")).strip()
            if _PRONOUN.match(term):
                return self._only_defined(analysis.cleaned[: match.start()])
            terms = self._terms(term)
            if terms is None:
                continue
            for entry, defined in zip(self.kb.entries, self.defined, strict=True):
                if terms <= defined:
                    return entry
        return None

    def _only_defined(self, before: str) -> Entry | None:
        """The one entry whose defined terms the text names, if exactly one is named."""
        named = set(self.normalizer.analyze(before).terms)
        found = [entry for entry, phrases in zip(self.kb.entries, self.phrases, strict=True)
                 if any(phrase <= named for phrase in phrases)]
        return found[0] if len(found) == 1 else None

    def undefined_term(self, analysis: Analysis) -> str | None:
        """For "what is X?" where no entry defines X, the X; otherwise None."""
        match = _DEFINITION.match(analysis.cleaned)
        if match is None:
            return None
        term = next(g for n, g in match.groupdict().items() if g is not None and n != "the").strip()
        terms = self._terms(term)
        # Any overlap counts: "the body's natural painkillers" is defined by
        # the entry that defines "natural painkillers".
        if terms is None or terms & self._all_defined:
            return None
        if match.group("the") and terms <= self._asked:
            # "what are the benefits?", "what is the evidence?": "the" makes X a side of the subject
            # the knowledge base is about (its wordings ask about X), not a name asked to be defined
            return None
        return term
