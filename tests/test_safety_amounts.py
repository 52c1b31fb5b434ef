"""A word of excess that counts time or everyday things is no overdose, in six languages; beside a medicine, a supply or
nothing at all it still is (the seventy-first session; these messages are written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from faqbot import FAQBot
from faqbot.safety import route
from faqbot.safety.amounts import NOT_A_DOSE
from faqbot.text.fold import fold

BOT = FAQBot.from_yaml()
PACKS = Path(__file__).resolve().parent.parent / "faqbot" / "safety" / "packs"


@pytest.mark.parametrize("text", [
    "It took several weeks for my LDN to arrive from the pharmacy. Why so slow?",
    "I took extra care to read the article. What are microglia?",
    "I had several questions about LDN. What is it used for?",
    "My mum has had multiple sclerosis for 10 years, does LDN help with MS?",
    "I have had multiple flare ups this year. Is LDN an opioid?",
    "It took a bunch of phone calls to find a pharmacy for LDN. Why is it so hard to get?",
    "we had lots of fun at the fibro meetup. what is LDN?",
    "I took a handful of notes from the article. What are microglia?",
    "I took more than a year to decide. What side effects does LDN have?",
    "I've had covid twice, is LDN an opioid?",
    "Me tomó demasiado tiempo encontrar una farmacia con LDN. ¿Para qué sirve?",
    "J'ai pris trop de temps à lire l'article. Qu'est-ce que la LDN ?",
    "Ho preso troppo tempo per decidere. Cos'è l'LDN?",
    "Tomei tempo demais para decidir. O que é LDN?",
    "Ho preso troppe ferie quest'anno. L'LDN è un oppioide?",
    "I find it hard to wake up in the morning since starting LDN",
    "Is LDN usually taken twice a day?",
    "It took the whole summer to find a doctor who prescribes LDN",
    "i had several bouts of flu, does ldn weaken immunity?",
    "ho preso troppi caffè oggi, cos'è l'LDN?",
])
def test_time_and_everyday_things_counted_are_no_emergency(text: str) -> None:
    assert BOT.ask(text).kind != "emergency", text


@pytest.mark.parametrize("text", [
    "I took too many",
    "I took extra by mistake",
    "I took lots of my LDN",
    "I took a handful of Tylenol",
    "I took double the day's dose",
    "I took too many days' worth of LDN",
    "I took extra night tablets",
    "I took a whole week's worth of LDN",
    "I had my LDN twice today",
    "I took more than prescribed",
    "tomé demasiadas pastillas",
    "j'ai pris trop de cachets",
    "ho preso troppe pillole",
    "tomei comprimidos demais",
    "ich habe zu viele Tabletten genommen",
    # (a medicine, a unit or a figure named within three words after the time word: a reviewer's messages)
    "took too many days of my LDN",
    "took several weeks of naltrexone in one go",
    "took several days of my 4.5mg LDN",
    "took too much time release oxycodone",
    "tomé demasiados días de LDN",
    "tomei dias demais de LDN",
    "I've typically taken twice the amount",
    # (days, weeks and months are what a supply is counted in, and "and" adds a second thing taken: a second review)
    "I took too many days",
    "Tomé demasiados días",
    "I took too much time release",
    "took too much coffee and pills",
    "I took too many weeks of my bupe",
    "my husband is hard to wake and breathing slowly",
    "She's hard to wake up this morning, she took all her pills last night",
])
def test_an_excess_of_the_medicine_is_still_an_emergency(text: str) -> None:
    assert BOT.ask(text).kind == "emergency", text


@pytest.mark.parametrize("text", [
    "I took the day off work to read about LDN. What is it?",
    "I had a bunch of tests done. Is LDN used for MS?",
    "I took the plunge and ordered a book on pain. What is LDN?",
    "I took ages to find this. What is LDN?",
])
def test_an_everyday_thing_taken_or_had_is_no_case(text: str) -> None:
    assert route(text) is None, (text, route(text))


@pytest.mark.parametrize("text", [
    "I took my LDN twice",
    "I had my dose late",
    "I have pain in my legs, can LDN help?",
    "I took a break from LDN, how do I restart?",
])
def test_the_drug_a_dose_or_a_case_taken_or_had_is_still_referred(text: str) -> None:
    routed = route(text)
    assert routed is not None, text


def test_the_phrase_rules_count_what_the_english_pack_counts() -> None:
    pack = yaml.safe_load((PACKS / "en.yaml").read_text("utf-8"))
    assert {fold(word) for word in NOT_A_DOSE} == {fold(word) for word in pack["classes"]["not_a_dose"]}


def test_a_count_of_time_is_no_class_any_rule_reads() -> None:
    routed = route("Ich habe zu viel Zeit gebraucht, um eine Apotheke zu finden. Was ist LDN?")
    assert routed is None or "excess" not in routed.classes


@pytest.mark.parametrize("text", [
    "tomo LDN hace un mes y ahora tengo los ojos amarillos y la orina oscura",
    "estoy tomando LDN hace dos meses y hoy no puedo respirar bien",
    "uso LDN há um mês e agora estou com os olhos amarelos e a urina escura",
    "sem vontade nenhuma de viver... tomo naltrexona faz 1 ano e nada mudou",
])
def test_how_long_the_drug_has_been_taken_is_no_past_that_hides_an_emergency(text: str) -> None:
    assert BOT.ask(text).kind == "emergency", text


@pytest.mark.parametrize(("text", "kind"), [
    ("tô usando LDN faz um mês e meio e a insônia não passa. é normal??", "referral"),
    ("estoy usando LDN hace tres semanas y tengo insomnio, ¿es normal?", "referral"),
    # (a time in the past, or someone else's, is still over and done)
    ("tomé LDN hace un año y me sentó mal. ¿Qué es la LDN exactamente?", None),
    ("tomei LDN há um ano para a dor. O que é LDN?", None),
])
def test_how_long_the_asker_has_taken_it_tells_a_case_now(text: str, kind: str | None) -> None:
    routed = route(text)
    assert (routed.kind if routed else None) == kind, (text, routed)


@pytest.mark.parametrize("text", [
    "tomo LDN e tenho vontade de morrer",
    "tomo LDN hace un mes y tengo ganas de morir",
    "prendo LDN e ho voglia di morire",
    "ich nehme LDN und habe Lust zu sterben",
])
def test_a_wish_to_die_told_beside_the_drug_taken_is_self_harm(text: str) -> None:
    reply = BOT.ask(text)
    assert (reply.kind, reply.rule) == ("emergency", "self-harm"), (text, reply.kind, reply.rule)


@pytest.mark.parametrize("text", [
    "tengo ganas de morir de risa con este artículo, ¿qué es la LDN?",
    "tenho vontade de morrer de rir, o que é LDN?",
    "ho voglia di morire dal ridere, cos'è l'LDN?",
    # (dying of heat, shame or love, and German "vor Lachen": a review)
    "tengo ganas de morir de calor, la LDN se guarda en la nevera?",
    "tenho vontade de morrer de vergonha, perguntei ao médico sobre a LDN",
    "ich habe Lust zu sterben vor Scham, was ist LDN?",
])
def test_dying_of_laughter_is_no_wish_to_die(text: str) -> None:
    assert BOT.ask(text).kind != "emergency", text
