"""Naltrexone named by its usual strength is a name, not a dose question (faqbot/safety/strength.py)."""

from __future__ import annotations

import pytest

from faqbot.safety import route
from faqbot.safety.strength import name_strengths
from faqbot.text import clean


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("what is 50mg naltrexone normally prescribed for", "what is standard naltrexone normally prescribed for"),
        ("how does full-dose naltrexone block opioids", "how does standard naltrexone block opioids"),
        ("what are the side effects of naltrexone 50 mg", "what are the side effects of standard naltrexone"),
        # a few words that ask only what the drug is or does name it too
        ("naltrexone 50 mg side effects", "standard naltrexone side effects"),
        ("is 50mg naltrexone addictive", "is standard naltrexone addictive"),
        # the drug and its strength with little else may ask about that amount ...
        ("naltrexone 50mg side effects dizzy", "naltrexone 50mg side effects dizzy"),
        ("naltrexone 50mg side effects tonight", "naltrexone 50mg side effects tonight"),
        ("what about 50mg naltrexone", "what about 50mg naltrexone"),
        ("is the 50mg naltrexone pill an opiate", "is standard naltrexone pill an opiate"),
        # no naltrexone named: any drug's 50 mg tablet
        ("is the 50mg pill an opiate", "is the 50mg pill an opiate"),
        # asking what the dose is stays a dose question
        ("what is the usual dose of naltrexone", "what is the usual dose of naltrexone"),
        ("what is the standard dose of naltrexone", "what is the standard dose of naltrexone"),
        # another figure is an amount
        ("is 4.5 mg naltrexone enough", "is 4.5 mg naltrexone enough"),
    ],
)
def test_the_usual_strength_reads_as_a_name(text: str, read: str) -> None:
    assert name_strengths(clean(text)) == read


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what's regular 50mg naltrexone normally prescribed for?", None),
        ("how does standard-dose naltrexone stop heroin working?", None),
        ("should I take 50 mg naltrexone instead of LDN?", "referral"),
        # the strength is the point: compared with LDN, taken, made into LDN
        ("Would 50 mg naltrexone work better than LDN for fibro?", "referral"),
        ("How do people make LDN from 50 mg naltrexone tablets?", "referral"),
        ("Would higher dose tablets work better for chronic pain?", "referral"),
        ("can I split a 50mg naltrexone tablet into small bits?", "referral"),
        ("can I snap a 50mg tablet myself?", "referral"),
        ("what is the usual dose of naltrexone?", "referral"),
        ("how much is 50 mg naltrexone?", "referral"),
        # in the other languages: the drug named by its strength, or the strength taken or asked about
        ("la naltrexona normal, la de 50 mg, bloquea los analgésicos opioides?", None),
        ("la naltrexone à 50 mg est-elle un opioïde ?", None),
        ("puedo tomar naltrexona de 50 mg para el dolor?", "referral"),
        ("wie viel Naltrexon 50 mg soll ich nehmen?", "referral"),
        ("il naltrexone da 50 mg è più sicuro del LDN?", "referral"),
    ],
)
def test_a_question_naming_the_strength_is_routed_on_what_it_asks(question: str, kind: str | None) -> None:
    routed = route(question)
    assert (routed.kind if routed else None) == kind, routed


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("how dose ldn work", "how does ldn work"),
        ("Where dose your information come from?", "where does your information come from?"),
        ("what dose ldn should I take", "what dose ldn should i take"),  # a dose question stays one
        ("when dose ldn", "when dose ldn"),
        # before the drug and a verb in its plain form, wherever the question starts
        ("what kind of chronic pain dose LDN help", "what kind of chronic pain does ldn help"),
        ("what dose ldn works best", "what dose ldn works best"),
        ("which dose ldn help most", "which dose ldn help most"),
    ],
)
def test_dose_typed_for_does_is_read_as_does(text: str, cleaned: str) -> None:
    assert clean(text) == cleaned
