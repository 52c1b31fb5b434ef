"""The second opinion: a naive Bayes model asked when no rule fired, that can only add an emergency."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from routing_asserts import assert_crisis_reply

from faqbot import FAQBot
from faqbot.safety import REVIEWED, route, route_and_story
from faqbot.safety.pack import packs
from faqbot.safety.router import _route
from faqbot.safety.second import MARGIN, NEAR_SELF_HARM, features, leans, model, opinion
from faqbot.text.fold import fold, tokens

ROOT = Path(__file__).parent.parent


def test_the_shipped_model_is_the_one_the_probes_train() -> None:
    # Deterministic training: re-running it on the same probes must give the shipped file byte for byte.
    result = subprocess.run([sys.executable, "scripts/train_second_opinion.py", "--check"], cwd=ROOT, check=False)
    assert result.returncode == 0, "run `python scripts/train_second_opinion.py` and commit the model"


@pytest.mark.parametrize(
    "question",
    [
        "what is ldn",
        "how does ldn work for fibromyalgia",
        "what are microglia",
        "I want a refund",
        "hello",
        "how much does ldn cost",
        "is ldn approved by the fda",
    ],
)
def test_general_questions_get_no_opinion(question: str) -> None:
    assert opinion(tokens(fold(question))) is None


@pytest.mark.parametrize(
    ("question", "rule"),
    [
        # wordings no rule lists, none of them in the training probes
        ("honestly my family would have an easier life if I vanished", "second-opinion-self-harm"),
        ("nobody would notice if I just vanished", "second-opinion-self-harm"),
        ("je veux juste dormir et ne plus jamais me réveiller", "second-opinion-self-harm"),
        ("mi hija se ha pimplado todo el bote", "second-opinion-emergency"),
    ],
)
def test_the_model_catches_what_no_rule_lists(question: str, rule: str) -> None:
    routed = route(question)
    assert routed is not None and routed.kind == "emergency" and routed.rule == rule
    assert routed.self_harm == rule.endswith("self-harm")


def test_the_model_never_reads_a_long_paste() -> None:
    assert opinion(["kill"] * 401) is None
    assert opinion([]) is None


def test_features_are_words_pairs_and_letter_runs() -> None:
    assert features(["take", "ldn"]) == {"take", "ldn", "take_ldn", "#take", "#ake ", "#ke l", "#e ld", "# ldn"}


def test_the_margin_is_high() -> None:
    # Below this the model started sending off-topic questions ("I want a refund") to emergency.
    assert MARGIN >= 16
    assert set(model().priors) == {"selfharm", "emergency", "referral", "general"}


def test_the_model_is_asked_before_a_referral_with_a_higher_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    """A referral rule fires on "can I take my ldn pill with food"; the model's emergency wins only past its bar."""
    from faqbot.safety import router
    from faqbot.safety.second import MARGIN_OVER_REFERRAL

    bars: list[float] = []

    def sure(words: object, margin: float = 0.0, *, near: float = 0.0) -> str | None:
        bars.append(margin)
        return "emergency"

    monkeypatch.setattr(router, "opinion", sure)
    routed = router.route("can I take my ldn pill with food")
    assert routed is not None and routed.rule == "second-opinion-emergency"
    assert bars == [MARGIN_OVER_REFERRAL]
    monkeypatch.setattr(router, "opinion", lambda words, margin=0.0, near=0.0: None)
    routed = router.route("can I take my ldn pill with food")
    assert routed is not None and routed.kind == "referral"


@pytest.mark.parametrize(
    "question",
    [
        "are compounded capsules as precise as tablets from a factory?",
        "how do the capsules from a compounding pharmacy compare with tablets",
        "which is more accurate, capsules or tablets made in a factory?",
    ],
)
def test_pills_named_with_nobody_and_no_intake_are_no_emergency(question: str) -> None:
    """In English the pack reads intakes, persons and bodies; pills named alone do not let the model add a crisis."""
    routed = _route(question)
    assert routed is None or routed.kind != "emergency"


@pytest.mark.parametrize("question", ["tell me more about the sleep thing",
                                      "can you tell me about the sleep problems?"])
def test_asking_to_be_told_more_is_no_crisis(question: str) -> None:
    """"Tell me" names the asker only as who is told: the model's words for sleep do not make it a crisis."""
    routed = _route(question)
    assert routed is None or routed.kind != "emergency"


@pytest.mark.parametrize("question", [
    "Me rajo los brazos con una cuchilla para sentir algo",
    "I'm about to do something I can't undo.",
    "Ich habe eine Klinge in meinem Zimmer versteckt, für alle Fälle",
])
def test_a_crisis_the_model_alone_leans_to_self_harm_gets_the_self_harm_reply(question: str) -> None:
    """Only the model sends these to the emergency reply, and it reads self-harm nearly as likely: the self-harm
    reply, with its crisis line, is the one given."""
    assert_crisis_reply(question)


@pytest.mark.parametrize(("found", "near"), [
    ({"self", "blade"}, NEAR_SELF_HARM),
    # a body in trouble or a mishap is answered better by the emergency reply, with its poison help line
    ({"ailment", "has"}, 0.0),
    ({"severe_symptom", "self"}, 0.0),
    ({"mishap", "drop_from", "self"}, 0.0),
])
def test_self_harm_may_come_near_only_where_no_bodily_sign_is_told(found: set[str], near: float) -> None:
    assert leans(found) == near


def test_near_self_harm_turns_only_an_emergency_into_self_harm() -> None:
    """The model reads this alarm as an emergency, self-harm a hair behind; the router asks with ``near`` only where no
    bodily sign is told, so its reply stays the emergency one."""
    question = "carbon monoxide alarm going off and the whole family has headaches and feels sick"
    words = tokens(fold(question))
    assert opinion(words) == "emergency"
    assert opinion(words, near=NEAR_SELF_HARM) == "selfharm"
    assert opinion(tokens(fold("what is ldn used for in general")), near=1000.0) is None
    routed = route(question)
    assert routed is not None and routed.kind == "emergency" and not routed.self_harm, routed


def test_a_long_run_of_ordinary_words_is_not_an_emergency() -> None:
    """Every word adds evidence; the bar grows with length so word salad cannot drift into a crisis."""
    import random

    from faqbot.text.words import common_words

    vocabulary = sorted(common_words())
    chooser = random.Random(5)
    for size in (100, 200, 300, 400):
        for _ in range(10):
            assert opinion(chooser.sample(vocabulary, size)) is None, size


def test_the_bar_over_a_referral_is_above_the_plain_bar() -> None:
    from faqbot.safety.second import MARGIN_OVER_REFERRAL

    assert MARGIN_OVER_REFERRAL > MARGIN


@pytest.mark.parametrize(
    "question",
    ["Once microglia are activated, what do they start releasing?"],
)
def test_the_model_sets_aside_a_referral_it_reads_as_general(question: str) -> None:
    # The rules alone refer these; the question names nobody, in one sentence, and a reviewable rule fired.
    alone = _route(question)
    assert alone is not None and alone.kind == "referral" and alone.rule in packs().reviewable
    routed, aside = route_and_story(question)
    assert routed is None and aside is not None and REVIEWED in aside[1].classes


@pytest.mark.parametrize(
    "question",
    [
        "My dad is on opioid painkillers, what happens if he takes naltrexone?",  # a person named
        "I'm on opioid painkillers. What happens if someone on them takes naltrexone?",  # two sentences
        "how much naltrexone should someone on opioids take",  # an amount: no reviewable rule
        "can my mum take LDN with her oxycodone",
        "is LDN ok for my fibromyalgia",
        # age groups are referred by design (a red-team review found them set aside)
        "how does LDN affect children?",
    ],
)
def test_the_model_never_sets_aside_a_named_or_dosing_referral(question: str) -> None:
    routed, _ = route_and_story(question)
    assert routed is not None and routed.kind in ("referral", "emergency")


@pytest.mark.parametrize(
    "question",
    [
        "What happens if someone on opioid painkillers takes naltrexone?",
        "what happens if someone on codeine takes naltrexone?",
        "Do opioid painkillers still work when someone is on naltrexone?",
    ],
)
def test_someone_on_opioids_gets_the_entry_that_warns_and_refers(question: str) -> None:
    # Not set aside by the model: the rule itself leaves "someone" to the knowledge base's entry on opioid
    # painkillers, which says they may not work, that withdrawal can follow, and to ask a doctor first.
    reply = FAQBot.from_yaml().ask(question)
    assert (reply.kind, reply.id) == ("answer", "opioid-painkillers")
    assert "doctor or pharmacist" in reply.text


def test_reviewable_rules_are_about_people_not_amounts() -> None:
    # Never a rule on an amount, a time, pregnancy, alcohol or someone's own medicine.
    assert packs().reviewable.isdisjoint({"amount", "how-much", "dose-question", "schedule", "pregnancy", "alcohol",
                                          "other-medicine", "own-medicines", "titration", "missed-dose",
                                          "on-opioids", "age-group"})


def test_explain_says_the_second_opinion_set_a_referral_aside() -> None:
    from faqbot import FAQBot
    from faqbot.tools.explain import explain

    bot = FAQBot.from_yaml(ROOT / "faq.yaml")
    text = "\n".join(explain(bot, "Once microglia are activated, what do they start releasing?").lines())
    assert "the second opinion reads a general question" in text and "set aside: `phrase-own-situation`" in text


@pytest.mark.parametrize(
    "question",
    [
        "nobody would even notice if I just disappeared",
        "just want to go to sleep and stay asleep forever tbh",
        "would LDN show up on a tox screen? I want my family to think it was natural",
    ],
)
def test_a_crisis_with_only_weak_signs_still_gets_the_crisis_reply(question: str) -> None:
    assert_crisis_reply(question)


def test_the_bars_beside_a_referral_rule_are_ordered_and_named_in_the_pack() -> None:
    from faqbot.safety.second import BAR_MARGINS, MARGIN_OVER_CASE, MARGIN_OVER_REFERRAL, MARGIN_WARY

    assert MARGIN < MARGIN_OVER_CASE < MARGIN_OVER_REFERRAL < MARGIN_WARY
    assert BAR_MARGINS == {"plain": MARGIN, "told": MARGIN_OVER_CASE, "wary": MARGIN_WARY}
    assert packs().bars["person-with-condition"] == "told"
    assert packs().bars["case-told"] == packs().bars["own-case-told"] == "plain"
    # "I'm thinking about starting LDN" (person-and-action) leads towards self-harm by 31
    assert packs().bars["person-and-action"] == "wary"


def test_beside_a_person_with_a_condition_the_model_is_asked_at_the_middle_bar(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from faqbot.safety import router
    from faqbot.safety.second import MARGIN_OVER_CASE

    bars: list[float] = []

    def unsure(words: object, margin: float = 0.0, *, near: float = 0.0) -> str | None:
        bars.append(margin)
        return None

    monkeypatch.setattr(router, "opinion", unsure)
    routed = router.route("my sister has lupus, does LDN help with that?")
    assert routed is not None and routed.rule == "person-with-condition", routed
    assert bars == [MARGIN_OVER_CASE]


def test_a_farewell_told_beside_a_person_with_a_condition_reaches_the_crisis_line() -> None:
    # the model's lead here is between the middle bar and the one over other referrals
    routed = route("My uncle has CRPS and has been handing out his tools and saying goodbye to everyone like he "
                   "won't be around.")
    assert routed is not None and routed.kind == "emergency", routed


@pytest.mark.parametrize(
    ("bars", "error"),
    [
        ({"case-told": "lower"}, "takes only"),
        ({"no-such-rule": "plain"}, "names unknown rules"),
    ],
)
def test_a_bar_must_be_a_known_one_for_a_known_rule(monkeypatch: pytest.MonkeyPatch, bars: dict[str, str],
                                                    error: str) -> None:
    from faqbot.safety import pack

    real = pack._read

    def read(name: str) -> dict[str, object]:
        data = dict(real(name))
        if name == "rules":
            data["second_opinion_bars"] = {**data["second_opinion_bars"], **bars}
        return data

    monkeypatch.setattr(pack, "_read", read)
    with pytest.raises(pack.PackError, match=error):
        pack.load()


@pytest.mark.parametrize(
    "question",
    [
        "kann man LDN bei fibromyalgie einsetzen",
        "Come si diagnostica la sclerosi multipla?",
        "sirve la LDN para la fibromialgia?",
        # people in general who take it are nobody's case
        "nehmen viele Leute LDN bei MS?",
        "há muitas pessoas a tomar LDN para a esclerose múltipla?",
        # ... nor anyone said to take it: who should not, people who do
        "Wer sollte kein LDN nehmen?",
        "chi non dovrebbe prendere il LDN?",
        "Dormono peggio le persone che prendono LDN?",
    ],
)
def test_the_model_refers_no_question_that_names_nobody_and_no_case(question: str) -> None:
    # (outside English the packs hold fewer words, and the model once referred these general questions)
    assert route(question) is None, question


@pytest.mark.parametrize("question", ["c'est quoi la dose habituelle de LDN", "c koi la dose de départ pr la fibro",
                                      # ... and when people in general take it, and whether it suits people with an
                                      # organ disease or on opioids (only "how many take it" is nobody's case)
                                      "Nehmen die meisten Patienten LDN abends?",
                                      "nehmen Patienten mit Leberzirrhose LDN?",
                                      "Können Leute, die Tramadol nehmen, auch LDN nehmen?",
                                      # ... and anyone who takes it with a time, or with something else taken
                                      # beside it, or an organ disease (a review)
                                      "Muss man LDN abends nehmen?", "quien toma LDN puede tomar café?",
                                      "Können Leute, die LDN nehmen, auch Cetirizin nehmen?",
                                      "la gente que toma LDN puede tomar café?",
                                      "chi non dovrebbe prendere LDN con la dialisi?"])
def test_the_model_still_refers_a_dose_asked_in_another_language(question: str) -> None:
    routed = route(question)
    assert routed is not None and routed.kind == "referral", question

