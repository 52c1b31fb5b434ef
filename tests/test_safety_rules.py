"""Structural checks on the safety rule table itself."""

import pytest

from faqbot.safety import EMERGENCY_RULES, REFERRAL_RULES, RULES, route


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_no_quantifier_was_eaten_by_an_f_string(rule):
    # rf-strings turn "{0,3}" into "(0, 3)"; a rule built that way silently stops matching.
    assert "(0, " not in rule.pattern.pattern
    assert "(1, " not in rule.pattern.pattern
    # ...and a doubled brace in a plain (non-f) string is a literal "{{", not a quantifier.
    assert "{{" not in rule.pattern.pattern


def test_rule_names_are_unique_and_kinds_are_ordered():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.kind == "emergency" for r in EMERGENCY_RULES)
    assert all(r.kind == "referral" for r in REFERRAL_RULES)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("I think I took way too much naltrexone", "emergency"),
        ("how much ldn is too much", "referral"),
        ("what is low dose naltrexone", None),
    ],
)
def test_emergency_rules_win_over_referral_rules(question, kind):
    routed = route(question)
    assert (routed.kind if routed else None) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # someone who wants to know is why one asks; the question asked decides
        ("Who wrote this article? My mum wants to know if she can trust it", None),
        ("my grandma wants to know what side effects LDN has in general", None),
        # ... and a personal question asked for them is still theirs
        ("my mum wants to know if LDN would help her fibro", "referral"),
        ("my dad wants to know how much LDN to take", "referral"),
        ("my husband wants to know if he should stop LDN before surgery", "referral"),
        ("My mum wants to try LDN, is it safe?", "referral"),
        # what they want to know is theirs (red-team 61 found these answered by a first version)
        ("my mum wants to know if LDN would help with her fibromyalgia pain", "referral"),
        ("my father wants to know if LDN would interfere with his morphine after his knee op", "referral"),
    ],
)
def test_a_relation_who_wants_to_know_is_no_case_by_itself(question, kind):
    routed = route(question)
    assert (routed.kind if routed else None) == kind, routed
