""""What is X?" questions: which entry defines X, and when no entry does.

An entry's ``defines`` lists the terms it explains. "What is X?" for an X no entry defines falls back
instead of answering about something else, and a "what X is" request inside a longer message is
answered by the entry that defines X.
"""

from __future__ import annotations

import faqbot.regex as regex
from faqbot.kb import Entry, KnowledgeBase
from faqbot.text import Analysis, Normalizer
from faqbot.text.pointing import PLURAL

#: asking what a word just used means: "what do you mean by ...", in chat "wdym by ..."
_MEANT_BY = r"(?:what do you mean|what is meant|wdym|wym) by"
_DEFINITION = regex.compile(
    r"^(?:(?:what|who)(?: is|'s| are| was| were)(?: a| an|(?P<the> the))? (?P<a>[\w' -]+?)"
    r"|define (?P<b>[\w' -]+?)|(?:meaning|definition) of (?P<c>[\w' -]+?)|(?P<d>[\w' -]+?) (?:meaning|definition)"
    r"|what (?:does|do) (?P<e>[\w' -]+?) mean|what(?:'s| is)? (?:causes|triggers|is the cause of) (?P<f>[\w' -]+?)"
    r"|" + _MEANT_BY + r" (?P<g>[\w' -]+?))"
    r"[?.! ]*$"
)
#: "what on earth are", "what the heck is", "what even is": the same request with an interjection in it
_INTERJECTION = r"(?: (?:the (?:heck|hell|fuck|f)|on earth|in the world|exactly|actually|really|even))?"
#: where a question or a piece of it ends
_END = r"(?:[?.!,;:]|\s-|$)"
#: how plainly a definition is asked for, after the term and ending the question ("what are microglia in plain
#: words?", "what is ldn exactly"): not part of the term ("what is it actually doing" asks no definition)
_PLAINLY = (r"(?:(?:in (?:plain|simple|simpler|easy|everyday|normal|basic|layman'?s?) (?:words|english|terms|language)"
            rf"|exactly|actually|again|really|simply)(?: please| pls)?|please|pls)\s*{_END}")
_PLAINLY_AT = regex.compile(_PLAINLY)
#: ... of which these two were always read with the term ("what is it exactly?", "what are opioids exactly?")
_AS_EVER = regex.compile(rf"(?:exactly|really)\s*{_END}")
_ASKS_DEFINITION = regex.compile(
    # ("whats", "wats": chat runs the verb in)
    rf"\b(?:(?:what|wtf|wat|wut|wot){_INTERJECTION}(?:'s| is| are)|whats|wats|wuts){_INTERJECTION} (?:a |an |the )?"
    rf"(?P<a>[\w' -]{{2,40}}?)"
    rf"\s*(?={_END}|{_PLAINLY})"
    rf"|\bwhat (?P<b>[\w' -]{{2,40}}?) (?:is|are)\s*(?={_END}|{_PLAINLY})"
    # "what is this LDN thing (people talk about)": the thing is named, whatever follows
    r"|\bwhat(?:'s| is| are) (?:this|that|these|those) (?P<c>[\w'-]+(?: [\w'-]+)?) (?:thing|things|stuff)\b"
)
#: a word named as a word: "the word 'microglia'", "this term glia", "a term called microglia"
_QUOTES = "\"'\u201c\u201d\u2018\u2019"
_NAMED_WORD = regex.compile(rf"\b(?:(?:the|this|that|a) (?:word|term|name) (?:called |named )?"
                            rf"|(?:something|a thing|stuff) (?:called|named) )[{_QUOTES}]?"
                            rf"(?P<w>[\w -]{{2,30}}?)[{_QUOTES}]?"
                            rf"(?=[{_QUOTES}]|\s(?:in|on|at|from|and|but|when|while|which|that|everywhere|all)\b|[,.;:!?]|$)")
#: a term an answer explains in brackets, as the curated answers do: "inflammation (swelling and irritation)",
#: "ease pain (an analgesic effect)"; the words before the brackets and, when short, those inside
_GLOSS = regex.compile(r"([\w'-]+(?: [\w'-]+){0,2}) \(([^()]{2,60})\)")
#: the last words before a gloss that may be the term it explains ("the opioid receptors" -> "receptors")
_GLOSSED_WORDS = 3
#: a gloss in brackets names a term itself when it has at most this many terms ("an analgesic effect")
_GLOSS_TERMS = 2
#: a turn that only asks what a term means ("whats inflammation", "wait, what's a receptor?", "what does
#: insomnia mean?"), with a word of hesitation before it
_WHAT_IS = regex.compile(
    r"^(?:(?:wait|ok|okay|so|and|but|sorry|um+|hm+|sorry but|hang on)[,.]? )*"
    r"(?:what(?:'s|s| is| are)(?: a| an| the)? (?P<a>[\w' -]+?)(?: exactly| again| then)?"
    r"|what (?:does|do) (?P<b>[\w' -]+?) mean|define (?P<c>[\w' -]+?)|(?:meaning|definition) of (?P<d>[\w' -]+?)"
    r"|" + _MEANT_BY + r" (?P<e>[\w' -]+?))"
    r"[?.! ]*$"
)
#: words that explain a term named just before them, in its sentence or the next ("insomnia, which means trouble
#: sleeping", "autoimmune disorders. In these, the immune system attacks the body"); an answer that only names a
#: term ("The article names Crohn's disease") does not explain it
_EXPLAINING = regex.compile(
    r"\(|\b(?:which means|which is|means|meaning|that is|in these|in this|in them|where the|called|is when|are when"
    r"|a kind of|a type of|in plain words)\b")
_SENTENCES = regex.compile(r"[^.!?]+[.!?]*")
#: ... or a phrase set right beside the term, after a comma ("opioid receptors, the docking spots on nerve cells")
_APPOSITION = regex.compile(r"^,?\s*(?:the|a|an)\s")
#: "that kind of", "those": the term is something the answer just named
_POINTED = regex.compile(r"^(?:that|this|those|these)(?: (?:kinds?|types?|sorts?) of)? ")
#: "..., what are they?": the thing was named earlier in the message
_PRONOUN = regex.compile(r"^(?P<word>it|they|them|those|these|that|this)(?: things)?(?: exactly| really)?$")
_ALREADY_KNOWN = regex.compile(
    r"\b(?:i|we)\s+(?:already\s+|do\s+)?(?:know|knew|understand|understood|get|remember)\s+$"
)
#: words that make "what is X ..." a question about X, not a name ("what is this based on", "used for")
_NOT_A_TERM = regex.compile(
    r"\b(?:for|with|in|on|of|to|from|about|based|used|do|does|doing|work|works|like|when|why|how|and)\b"
)


#: the kinds of thing the drug's name may be said with in "what is X?" ("what is the drug LDN?"); not "therapy",
#: which the knowledge base reads as counselling
_KINDS = ("drug", "drugs", "medicine", "medicines", "medication", "medications", "med", "meds", "treatment",
          "pill", "pills", "tablet", "tablets", "substance")


class Definitions:
    """The terms each entry defines, and the two questions asked of them."""

    def __init__(self, kb: KnowledgeBase, normalizer: Normalizer, subject: frozenset[str] = frozenset()) -> None:
        self.kb = kb
        self.normalizer = normalizer
        #: the terms that name the knowledge base's subject (the drug), which alone may be named with a kind word
        self.subject = subject
        self.defined: list[frozenset[str]] = [
            frozenset(t for d in entry.defines for t in normalizer.analyze(d).terms) for entry in kb.entries
        ]
        self._all_defined = frozenset(t for d in self.defined for t in d)
        #: every term the curated questions and alternates use: what the knowledge base is asked about
        self._asked = frozenset(t for entry in kb.entries for text in (entry.question, *entry.alternates)
                                for t in normalizer.analyze(text).terms)
        #: words that only say what kind of thing a name is ("the drug LDN", "LDN medication")
        self._kinds = frozenset(normalizer.analyze(" ".join(_KINDS)).terms)
        #: each entry's place in the knowledge base, by id
        self._index = {entry.id: i for i, entry in enumerate(kb.entries)}
        #: per entry id, the runs of its answer :meth:`explains` reads, made on first use
        self._runs: dict[str, list[list[tuple[frozenset[str], bool]]]] = {}
        #: the terms each entry's answer explains in brackets (:data:`_GLOSS`), per entry
        self.glossed: list[frozenset[frozenset[str]]] = [self._glosses(entry.answer) for entry in kb.entries]
        #: each defined term on its own ("microglia", "glial cells"), per entry
        self.phrases: list[list[frozenset[str]]] = [
            [p for p in (frozenset(normalizer.analyze(d).terms) for d in entry.defines) if p] for entry in kb.entries
        ]
        #: the plural terms each entry defines that its curated question names ("What are microglia?"), which "they"
        #: after several named things may stand for: not one it only explains in passing ("painkillers", which
        #: "opioid painkillers" hold too)
        self._plural_asked: list[list[frozenset[str]]] = [self._plurals_asked(entry) for entry in kb.entries]

    def _glosses(self, answer: str) -> frozenset[frozenset[str]]:
        found: set[frozenset[str]] = set()
        for before, inside in _GLOSS.findall(answer):
            terms = frozenset(self.normalizer.analyze(inside).terms)
            if len(terms) == 1 or (inside.startswith(("a ", "an ")) and len(terms) <= _GLOSS_TERMS):
                # "(insomnia)", "(an analgesic effect)": the brackets name the term the words before explain
                found.add(terms)
                found.update(frozenset({t}) for t in terms)
                continue
            words = before.split()
            found.update(frozenset(self.normalizer.analyze(" ".join(words[-n:])).terms)
                         for n in range(1, min(len(words), _GLOSSED_WORDS) + 1))
        return frozenset(t for t in found if t)

    def explained_in(self, question: str, entry: Entry) -> bool:
        """Whether ``question`` only asks what a term means that ``entry``'s answer explains in brackets and no
        other entry defines by name ("whats inflammation" after "inflammation (swelling and irritation)"), or
        what "that" thing is that the answer named ("what's that kind of pharmacy?")."""
        match = _WHAT_IS.match(self.normalizer.analyze(question).cleaned)
        term = next((g for g in match.groups() if g), None) if match else None
        pointed = _POINTED.match(term) if term else None
        terms = self._terms(term[pointed.end():] if pointed else term) if term else None
        if terms is None:
            return False
        index = self._index[entry.id]
        if pointed:
            # "what's that kind of pharmacy?": something the answer named, unless another entry defines it
            # ("what are those cells?" after the mechanism answer asks about microglia)
            elsewhere = any(terms & defined for i, defined in enumerate(self.defined) if i != index)
            return not elsewhere and terms <= frozenset(self.normalizer.analyze(entry.answer).terms)
        # a term another entry defines by name is that entry's to answer ("what are microglia?")
        return not self.named_elsewhere(terms, entry) and (terms in self.glossed[index] or self.explains(terms, entry))

    def explains(self, terms: frozenset[str], entry: Entry) -> bool:
        """Whether ``entry``'s answer explains these terms: a sentence holds them all, and the words after them
        there, or the next sentence, explain ("insomnia, which means trouble sleeping")."""
        runs = self._runs.get(entry.id)
        if runs is None:
            runs = self._runs[entry.id] = self._answer_runs(entry.answer)
        # from each word, the shortest run holding every term, and whether what follows it explains
        return any(next((explained for held, explained in from_here if terms <= held), False) for from_here in runs)

    def _answer_runs(self, answer: str) -> list[list[tuple[frozenset[str], bool]]]:
        """For each word of the answer, the runs of up to six words from it: their terms, and whether the words
        after the run in its sentence, or the next sentence, explain it."""
        sentences = [s.strip() for s in _SENTENCES.findall(answer) if s.strip()]
        runs = []
        for i, sentence in enumerate(sentences):
            words = sentence.split()
            for start in range(len(words)):
                from_here = []
                for end in range(start + 1, min(len(words), start + 6) + 1):
                    after = " ".join(words[end:] + sentences[i + 1:i + 2]).lower()
                    # ("opioid receptors, the docking spots on nerve cells": a phrase set beside it)
                    explained = bool(_EXPLAINING.search(after) or _APPOSITION.match(after))
                    from_here.append((frozenset(self.normalizer.analyze(" ".join(words[start:end])).terms), explained))
                runs.append(from_here)
        return runs

    def named_elsewhere(self, terms: frozenset[str], entry: Entry) -> bool:
        """Whether an entry other than ``entry`` defines exactly these terms by name ("microglia")."""
        index = self._index[entry.id]
        return any(terms in phrases for i, phrases in enumerate(self.phrases) if i != index)

    def held_elsewhere(self, terms: frozenset[str], entry: Entry, *, besides: frozenset[str] = frozenset()) -> bool:
        """Whether ``terms`` hold a term an entry other than ``entry`` defines, sharing nothing with ``besides``."""
        index = self._index[entry.id]
        return any(phrase <= terms and not phrase & besides
                   for i, phrases in enumerate(self.phrases) if i != index for phrase in phrases)

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
            # asked for plainly ("in plain words", "again"): only a whole term an entry defines, named, is asked for
            # (a review: "what are opioids in plain words?" reached the entry defining "opioid antagonist", and "...
            # ketamine. what is that in plain words?" the one defining LDN, named before it)
            # ("exactly" and "really" were always read so, as :data:`_PRONOUN` reads them)
            plainly = (_PLAINLY_AT.match(analysis.cleaned, match.end()) is not None
                       and not _AS_EVER.match(analysis.cleaned, match.end()))
            pronoun = _PRONOUN.match(term)
            if pronoun:
                if plainly:
                    continue
                return self._only_defined(analysis.cleaned[: match.start()], plural=pronoun.group("word") in PLURAL)
            terms = self._terms(term)
            if terms is None:
                continue
            # "what's LDN medication", "what is the drug ldn": the kind of thing named beside the drug's name (not
            # beside another's: "what is pain medicine" asks about painkillers, not the kinds of pain)
            named = terms - self._kinds
            for asked in (terms, named) if named and named <= self.subject else (terms,):
                entry = next((e for e, defined, phrases in zip(self.kb.entries, self.defined, self.phrases, strict=True)
                              if (asked in phrases if plainly else asked <= defined)), None)
                if entry is not None:
                    return entry
        return None

    def _only_defined(self, before: str, *, plural: bool) -> Entry | None:
        """The entry defining what the text names as a word, if it names one ("I came across the word 'microglia' in
        an article about LDN ... what is it?"; "... LDN and something called glutamate. What is that?" is none);
        else the one entry whose defined terms the text names, if exactly one is named, or exactly one agrees in
        number with the pronoun ("an article on LDN kept mentioning microglia. what are they?")."""
        # (the last one named, nearest the pronoun: "something called naltrexone and something called endorphins")
        word = next(reversed(list(_NAMED_WORD.finditer(before))), None)
        if word is not None:
            return self._only_defined(word.group("w"), plural=plural)
        named = set(self.normalizer.analyze(before).terms)
        found = [entry for entry, phrases in zip(self.kb.entries, self.phrases, strict=True)
                 if any(phrase <= named for phrase in phrases)]
        if len(found) == 1:
            return found[0]
        # (only "they" and "those" tell: "what is microglia?" is how people ask, so "it" may be either)
        agreeing = [entry for entry in found
                    if any(phrase <= named for phrase in self._plural_asked[self._index[entry.id]])] if plural else []
        return agreeing[0] if len(agreeing) == 1 else None

    def _plurals_asked(self, entry: Entry) -> list[frozenset[str]]:
        """The entry's defined terms that are plural, as its curated wordings say ("compounding pharmacies", "What
        are microglia?"), and that its curated question names."""
        asked = set(self.normalizer.analyze(entry.question).terms)
        wordings = " ".join((entry.question, *entry.alternates)).lower()
        plural = [term for term in entry.defines
                  if (term.endswith("s") and not term.endswith("ss")) or f"are {term.lower()}" in wordings]
        return [terms for terms in (frozenset(self.normalizer.analyze(term).terms) for term in plural)
                if terms & asked]

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
