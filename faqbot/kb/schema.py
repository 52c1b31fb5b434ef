"""The knowledge base as data: entries, smalltalk, texts, and the settings that ``faq.yaml`` fills.

:class:`Settings` holds every tunable default exactly once; nothing else in faqbot restates a
threshold or a limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field, replace

from faqbot.errors import KnowledgeBaseError
from faqbot.records import dataclass


@dataclass(frozen=True)
class Entry:
    """One curated question and its answer."""

    id: str
    question: str
    answer: str
    section: str
    alternates: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    #: Terms this entry explains, so "what is X?" for any other X falls back.
    defines: tuple[str, ...] = ()
    #: What a pronoun in a follow-up to this answer stands for ("is it approved?" after "what conditions has
    #: LDN been used for?": LDN), when the question's rarest words would be a verb ("used"); words the entry's
    #: own texts use. Without it: what the entry defines, else its question's distinctive words.
    topic: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Smalltalk:
    """A conversational intent (greeting, thanks...) and its reply."""

    id: str
    patterns: tuple[str, ...]
    reply: str


@dataclass(frozen=True)
class Settings:
    """Matching knobs a curator may tune. Scores are 0-100."""

    answer_threshold: float = 58.0
    suggest_threshold: float = 36.0
    ambiguity_margin: float = 3.0
    max_suggestions: int = 3
    max_question_chars: int = 1000
    #: A did-you-mean with one clearly right suggestion answers with it: the suggestion scores at least
    #: ``single_threshold``, leads the next by ``single_margin``, was matched by its own wordings (not only
    #: its answer), and its whole text uses at least ``single_coverage`` of the question's weight. A lone
    #: suggestion that leaves half the question unexplained ("symptoms of fibromyalgia") stays a did-you-mean.
    single_threshold: float = 50.0
    single_margin: float = 8.0
    single_coverage: float = 0.5
    #: A question whose topic is a word nothing in the knowledge base or everyday English uses
    #: ("naloxone") is not answered when that word carries at least ``uncovered_share`` of its weight:
    #: the best entry can only be about the question's other words. In a comparison ("X vs Y") every
    #: term the answering entry never uses counts, from ``compare_share`` of the weight: an entry about
    #: one side of it is not an answer.
    uncovered_share: float = 0.35
    #: ... and a word written as a name inside the question's sentence ("compounding pharmacies in Ohio", "the
    #: Penn State trial"), when it carries at least this much: something particular the article never names.
    #: On the labelled sets 0.2 turned four answers to out-of-scope questions into fallbacks and cost none;
    #: 0.1 cost one ("My aunt in Florida swears by LDN ... is it approved by the FDA?")
    uncovered_name_share: float = 0.2
    compare_share: float = 0.25
    #: The knowledge base's subject is learned from it: the terms at least ``subject_share`` of the
    #: entries' curated questions use ("ldn", "naltrexone"). An entry whose question names the subject
    #: is about the drug; a question that never names it ("symptoms of MS", "does acupuncture help
    #: chronic pain?") is about something else, and one of those entries answers it only if every term
    #: it leaves out carries less than ``unnamed_share`` of the question's weight. Measured on the
    #: development sets: the test catches questions about a condition itself and hardly ever a right answer.
    subject_share: float = 0.25
    unnamed_share: float = 0.2


#: the languages besides English that safety replies are curated in (``texts.languages`` in faq.yaml)
TEXT_LANGUAGES = ("es", "fr", "de", "pt", "it")
#: the texts each of those languages carries; every other text stays English
LOCALIZED_TEXTS = ("referral", "emergency", "self_harm", "fallback", "english_only")
#: used when a knowledge base does not set ``texts.english_only``
DEFAULT_ENGLISH_ONLY = (
    "I can only answer questions in English. If this is about dosing or your own health, please ask a doctor "
    "or pharmacist; in an emergency, contact emergency services now."
)


@dataclass(frozen=True)
class Texts:
    """Fixed replies that do not come from an entry."""

    referral: str
    emergency: str
    self_harm: str
    fallback: str
    did_you_mean: str
    related: str = "You might also ask:"
    #: put before the context entry's answer, given again, when a chat asks "tell me more" after it
    more: str = "That is all the article says on this:"
    #: put after an answer to a general question asked beside someone's story ("My mum has MS. What is LDN?"):
    #: the answer is the same for everyone, and what it means for that person is a doctor's or pharmacist's call
    story_note: str = "For anyone's own situation, please ask a doctor or pharmacist."
    #: The web widget's labels (``GET /api/texts``); a site changes them here, not in JavaScript.
    greeting: str = "Hi! Ask me a question in your own words."
    disclaimer: str = (
        "I answer from a fixed set of questions and answers and cannot give medical advice. "
        "For your own situation, please ask a doctor or pharmacist."
    )
    #: An optional hand-off shown under fallbacks and referrals: a label and an http(s) address.
    contact: str | None = None
    contact_url: str | None = None
    #: the reply to a question in another language that is not routed to a referral or emergency
    english_only: str = DEFAULT_ENGLISH_ONLY
    #: language -> text name (one of LOCALIZED_TEXTS) -> text in that language
    languages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def localized(self, lang: str) -> Texts:
        """These texts with the safety replies in ``lang`` (English where ``lang`` has none)."""
        own = self.languages.get(lang)
        if not own:
            return self
        return replace(
            self,
            referral=own.get("referral", self.referral),
            emergency=own.get("emergency", self.emergency),
            self_harm=own.get("self_harm", self.self_harm),
            fallback=own.get("fallback", self.fallback),
            english_only=own.get("english_only", self.english_only),
        )


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything one ``faq.yaml`` holds, checked."""

    entries: tuple[Entry, ...]
    texts: Texts
    settings: Settings = field(default_factory=Settings)
    smalltalk: tuple[Smalltalk, ...] = ()
    #: canonical term -> the variants people type for it
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    path: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.entries})

    def entry(self, entry_id: str) -> Entry:
        by_id: dict[str, Entry] = self._by_id  # type: ignore[attr-defined]
        return by_id[entry_id]

    def by_id(self, entry_id: object) -> Entry | None:
        """The entry with this id, or None for anything else (an unknown id, not a string)."""
        by_id: dict[str, Entry] = self._by_id  # type: ignore[attr-defined]
        return by_id.get(entry_id) if isinstance(entry_id, str) else None

    def sections(self) -> dict[str, list[Entry]]:
        """Entries grouped by article section, in file order."""
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.section, []).append(entry)
        return grouped


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge-base file."""

    message: str
    path: str | None
    line: int | None

    def __str__(self) -> str:
        return str(KnowledgeBaseError(self.message, self.path, self.line))
