"""A follow-up read with its pronoun as the drug: the reading routed beside it (faqbot.safety.subject)."""

from __future__ import annotations

import pytest

from faqbot import FAQBot
from faqbot.safety import for_oneself, with_subject

BOT = FAQBot.from_yaml()


@pytest.mark.parametrize(("text", "read"), [
    ("so how long till it kicks in for me", "so how long till LDN kicks in for me"),
    ("my mum is on it. should she stop?", "my mum is on LDN. should she stop?"),
    ("how much of it would I need at 90 kilos?", "how much of LDN would i need at 90 kilos?"),
    ("me pasa desde hace días, ¿lo dejo?", "me pasa desde hace dias LDN dejo?"),
])
def test_the_first_pronoun_is_read_as_the_drug(text: str, read: str) -> None:
    assert with_subject(text, "LDN") == read


@pytest.mark.parametrize(("text", "read"), [
    # nobody named, but a verb of taking or changing it governs "it", said first: someone's own regimen
    ("mixing it with wine tonight?", "mixing LDN with wine tonight?"),
    ("ugh nausea. lower it?", "ugh nausea. lower LDN?"),
    ("can upping it help with that?", "can upping LDN help with that?"),
    ("ok so just skip it tonight?", "ok so just skip LDN tonight?"),
])
def test_it_governed_by_a_verb_of_taking_is_the_drug_after_an_answer_about_it(text: str, read: str) -> None:
    assert with_subject(text, "LDN", taken=True) == read
    assert with_subject(text, "LDN") is None  # after an answer about endorphins, say, "it" is what it told


@pytest.mark.parametrize("text", [
    "does exercise raise it?",  # a subject of its own: "it" is what the answer told of
    "did they stop it early?",
    "does it stop painkillers working?",  # no verb of taking before "it"
    "do people usually stop it before surgery?",  # people in general
    "why do pharmacies crush it into powder?",
    "interact with alcohol if you drink every day?",  # no pronoun at all
    "¿y si lo dejo esta noche?",  # English only: elsewhere an article may be the pronoun
    "skip it, next question",  # asks nothing and says no when: an order to the bot
    "stop it. what are the side effects?",  # not the question the message ends on
    "did starting it for ms come first?",  # what was done
    "is crushing it how they make the capsules?",  # what pharmacies do
    "does raising it typically help?",  # in general
    "split it into bullet points?",  # an order to the bot about its answer
])
def test_no_regimen_reading_where_it_is_not_the_drug_someone_takes(text: str) -> None:
    assert with_subject(text, "LDN", taken=True) is None


@pytest.mark.parametrize("text", [
    "is it true they're 80% of the nervous system?",  # nobody named: "it" asks of the topic
    "how does LDN stop that for me?",  # the drug named: "that" is something else
    "my cousin reckons it's 1 in 100",  # a figure, not asked how much: a statistic
    "and what triggers them in me?",  # no pronoun that stands for the drug
    "explain it to me",  # "me" is who is told
    "does it block pain meds too?",  # nobody named: asked of the topic
])
def test_no_reading_where_the_pronoun_is_not_the_drug(text: str) -> None:
    assert with_subject(text, "LDN") is None


@pytest.mark.parametrize(("context", "question"), [
    ("ldn-mechanism", "how long before it kicks in for me then?"),
    ("side-effects", "me pasa desde hace días, ¿lo dejo?"),  # another language: routed before "English only"
    ("drug-interactions", "mixing it with wine tonight?"),
    ("ldn-conditions", "can upping it help with that?"),
    ("side-effects", "ugh insomnia every night. skip it?"),
    ("opioid-painkillers", "stop it before surgery?"),
])
def test_a_follow_up_about_someone_or_their_regimen_is_referred(context: str, question: str) -> None:
    assert BOT.ask(question, context=context).kind == "referral"


@pytest.mark.parametrize(("context", "question", "entry"), [
    ("microglia", "is it true they're 80% of the nervous system?", "microglia"),
    ("microglia-activation-effects", "how does LDN stop that?", "ldn-mechanism"),
])
def test_a_pronoun_that_points_at_the_topic_is_still_answered(context: str, question: str, entry: str) -> None:
    reply = BOT.ask(question, context=context)
    assert (reply.kind, reply.id) == ("answer", entry)


@pytest.mark.parametrize(("context", "question"), [
    ("endorphins", "does exercise raise it?"),
    ("microglia", "can diet lower it?"),
    ("clinical-trials", "did they stop it early?"),
])
def test_a_change_said_of_what_the_answer_told_is_not_referred(context: str, question: str) -> None:
    assert BOT.ask(question, context=context).kind != "referral"


def test_an_unknown_context_adds_no_reading() -> None:
    assert BOT.ask("me pasa desde hace días, ¿lo dejo?", context="no-such-entry").kind == "fallback"


@pytest.mark.parametrize(("context", "question"), [
    # read as the question it follows, a referral; read with "it" as the drug, stockpiling: the emergency wins
    ("side-effects", "collecting it every week for when im ready"),
])
def test_the_most_urgent_reading_of_a_follow_up_wins(context: str, question: str) -> None:
    assert BOT.ask(question, context=context).kind == "emergency"


@pytest.mark.parametrize(("text", "name", "read"), [
    ("stop LDN?", None, "should i stop ldn?"),
    ("start LDN tonight?", None, "should i start ldn tonight?"),
    ("k start it?", "LDN", "should i k start LDN?"),
    ("gonna stop it tomorrow", "LDN", "should i gonna stop LDN tomorrow"),
])
def test_a_decision_on_the_drug_said_first_is_the_askers_own(text: str, name: str | None, read: str) -> None:
    assert for_oneself(text, name) == read


@pytest.mark.parametrize(("text", "name"), [
    ("does stopping LDN cause withdrawal?", None),  # after an asking word: the subject of a general question
    ("so stopping it is easy?", "LDN"),  # its own verb after it
    ("could mixing LDN with other medications be dangerous?", None),  # how two go together
    ("take it with a grain of salt?", "LDN"),  # "take it" as an idiom
    ("my mum wants to stop LDN?", None),  # names someone: the rules read that
    ("does alcohol stop LDN working?", None),
    ("start ldn side effects?", None),  # a search-box topic after it
    ("start ldn for fibro, does it work?", None),  # goes on to ask a general question
])
def test_no_decision_where_the_change_is_not_asked_for_oneself(text: str, name: str | None) -> None:
    assert for_oneself(text, name) is None


@pytest.mark.parametrize(("question", "context"), [("stop LDN?", None), ("start LDN tonight?", None),
                                                   ("k start it?", "what-is-ldn")])
def test_a_decision_on_the_drug_is_referred(question: str, context: str | None) -> None:
    assert BOT.ask(question, context=context).kind == "referral"
