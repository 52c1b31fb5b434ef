"""What the safety router gives a message, asserted the three ways the safety tests ask (shared by them)."""

from __future__ import annotations

from faqbot.safety import route


def assert_crisis_reply(question: str) -> None:
    """The emergency reply with its crisis line (a self-harm route)."""
    routed = route(question)
    assert routed is not None and routed.kind == "emergency" and routed.self_harm, routed


def assert_emergency(question: str) -> None:
    routed = route(question)
    assert routed is not None and routed.kind == "emergency", routed


def assert_no_emergency(question: str) -> None:
    """No emergency reply: nothing routed, or a referral."""
    routed = route(question)
    assert routed is None or routed.kind != "emergency", routed
