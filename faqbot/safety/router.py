"""The router: the first emergency or referral rule a question triggers, before any matching."""

from __future__ import annotations

from dataclasses import dataclass

from faqbot.safety.prepare import COMPARATIVE_DOSE, prepare
from faqbot.safety.rules import EMERGENCY_RULES, OTHER_MEDICINE, REFERRAL_RULES, RouteKind, Rule, rx


@dataclass(frozen=True)
class Route:
    """Why a question is routed away from the knowledge base."""

    kind: RouteKind
    rule: str
    #: the part of the (prepared) question that fired the rule
    matched: str

    @property
    def self_harm(self) -> bool:
        return self.rule == "self-harm"


def route(text: str, limit: int | None = None) -> Route | None:
    """The first emergency or referral rule ``text`` triggers, or ``None`` if it may be answered."""
    prepared = prepare(text, limit)
    for rule in EMERGENCY_RULES:
        hit = _fire(rule, prepared)
        if hit:
            return hit
    # The drug's name and comparisons of dose sizes are general, not dosing, talk.
    general = COMPARATIVE_DOSE.sub("sized", prepared)
    for rule in REFERRAL_RULES:
        target = prepared if rule.name == "dose-size-question" else general
        hit = _fire(rule, target)
        if hit:
            return hit
    return None


def _fire(rule: Rule, text: str) -> Route | None:
    match = rule.pattern.search(text)
    if match is None or (rule.needs is not None and not rule.needs.search(text)):
        return None
    return Route(rule.kind, rule.name, match.group(0).strip())


_OUR_DRUG = rx(r"\b(?:ldn|naltrexone|low\ dose)\b")


def other_medicine(text: str) -> str | None:
    """A medicine other than naltrexone that ``text`` is about, if it never names naltrexone."""
    prepared = prepare(text)
    if _OUR_DRUG.search(prepared):
        return None
    match = OTHER_MEDICINE.search(prepared)
    return match.group(0) if match else None
