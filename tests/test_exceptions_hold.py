"""A rule's exception cancels only what it was written for.

Each exception a session adds ("some of her patients", conditions counted, a leaflet read) was once written wider
than its case: a review of the fiftieth session's change found a leaflet named beside suicidal thoughts or a stroke
sign cancelling the emergency reply, "people say it's fine" after "some of her LDN" cancelling the referral, and
"my diseases" beside a lethal amount turning the self-harm reply into a referral; one of the fifty-first found a price
anywhere cancelling "how much" and illnesses counted before it doing the same; one of the fifty-second found "my
conditions" cancelling a dose asked, "is a" cancelling someone on opioids and "I mean" hiding the asker. These
messages hold the reply each must keep, beside the general questions the exceptions were written for.
"""

from __future__ import annotations

import pytest

from faqbot.safety import route_and_story

#: (message, the reply it must keep: "emergency", "referral" (a referral or an emergency), or None: not routed)
CASES = [
    # what a leaflet or the article says never makes a symptom or a thought of suicide less real
    ("suicidal thoughts, is that in the leaflet?", "emergency"),
    ("suicidal thoughts, is that in the article?", "emergency"),
    ("one side of her face is sagging, is that in the leaflet?", "emergency"),
    ("black tarry stools since yesterday on LDN, the leaflet says nothing about it", "emergency"),
    ("my words are coming out garbled, is that on the fact sheet", "emergency"),
    ("Suizidgedanken, steht das im Flyer?", "emergency"),
    ("idées suicidaires, est-ce dans la brochure ?", "emergency"),
    # illnesses named beside a lethal amount are no count of anything
    ("what's the max you can take with my diseases before it kills you", "emergency"),
    ("I'm tired of my illnesses, how many of my LDN would let me sleep forever", "emergency"),
    ("is there a way to take naltrexone so that you don't wake up from your diseases", "emergency"),
    # personal and dosing questions keep their referral
    ("is it safe to take some of her LDN? people say it's fine", "referral"),
    ("would it hurt to try some of her LDN? others do", "referral"),
    ("I got my LDN leaflet today, what are the side effects?", "referral"),
    ("what strength is ldn sold in", "referral"),
    ("which strengths do pharmacies stock LDN in?", "referral"),
    ("einmal täglich oder öfter?", "referral"),
    ("und wie viel wäre das dann bei jemandem mit 90 Kilo?", "referral"),
    # (the fifty-first session) a price marks only its own figure; illnesses counted before "how many" count nothing;
    # the full dose asked alone is a dose; "made me doubt" told of the drug is a case; how long it has been taken
    # stays in a story in every language; what someone says they shave with cancels no self-harm
    ("wie viel LDN für meinen Jungen? die Packung 25 €", "referral"),
    ("quanta ldn pra minha filha? paguei R$ 60", "referral"),
    ("tengo dos enfermedades, ¿cuántas cápsulas de ldn al día?", "referral"),
    ("ich habe zwei Krankheiten. Wie viele Kapseln LDN?", "referral"),
    ("dose cheia de naltrexona?", "referral"),
    ("la dose piena di ldn qual è?", "referral"),
    ("naltrexone made me doubt my own memory, is that normal?", "referral"),
    ("Je prends de la ldn depuis 4 semaines. Qu'est-ce que les endorphines ?", "referral"),
    ("took the razor to my arms again tonight and it had nothing to do with shaving", "emergency"),
    ("il m'a dit qu'il aurait préféré ne jamais naître", "emergency"),
    ("ya es 2027 y sigo queriendo morir", "emergency"),
    # (the fifty-second session) what a question counts is no amount only just after the figure; a drug classed as an
    # opioid is no person on one; "I mean" is no set phrase; the usual strength named in another
    # language keeps its figure in one's own course of it; a stiff neck said with no fever is no emergency
    ("tell me the lowest dose for my conditions", "referral"),
    ("¿cuál es la dosis baja para mis condiciones?", "referral"),
    ("quale dose bassa per le mie malattie?", "referral"),
    ("tres cápsulas efectos secundarios, ¿es mucho?", "referral"),
    ("zwei Tabletten Wirkungen?", "referral"),
    ("my mum is a tramadol user, is ldn a good idea?", "referral"),
    ("ma femme est une patiente sous morphine, peut-elle essayer le LDN ?", "referral"),
    ("Oxycodone I mean, can LDN go with it?", "referral"),
    ("llevo un mes con la naltrexona de 50 mg y tengo la piel amarilla, ¿es por eso?", "referral"),
    ("mon médecin m'a donné la naltrexone à 50 mg, je la dilue dans l'eau comment ?", "referral"),
    ("Naltrexon 50 mg, ich habe drei eingenommen, was passiert jetzt?", "emergency"),
    ("my neck is so stiff and I have a fever of 39, on LDN, should I worry?", "emergency"),
    # the general questions the exceptions were written for are not routed
    ("What are the top 5 conditions people use LDN for?", None),
    ("Is LDN 100% safe?", None),
    ("My friend swears naltrexone is just another opiate. Is he right?", None),
    ("¿la naltrexona de 50 mg es un opioide?", None),
    ("my neck is stiff from the gym, no fever, what is LDN?", None),
    ("It's 2027 and LDN still has no FDA approval for pain?", None),
    ("A compounded month of LDN is $40 where I live. Why does it need a compounding pharmacy?", None),
    ("Combien de maladies différentes l'article cite-t-il ?", None),
    ("La naltrexone à pleine dose bloque-t-elle les antalgiques opioïdes ?", None),
    ("I read a page which made me picture a lock and key. What is an opioid antagonist?", None),
    ("My rheumatologist prescribes LDN to some of her patients. Is it actually FDA-approved for chronic pain?", None),
    ("How many conditions has LDN been shown to work in?", None),
    ("Does the article talk about suicide risk with naltrexone?", None),
    ("L'article parle-t-il des risques de suicide sous naltrexone ?", None),
    ("Forget how naltrexone blocks opioids: what sets off the microglia that LDN is supposed to calm?", None),
    ("Reichen zwei Kilo Kartoffeln, um zwölf Leute satt zu kriegen?", None),
]

#: the replies that keep each expectation (a referral may also be the safer emergency)
KEPT = {"emergency": {"emergency"}, "referral": {"referral", "emergency"}}


@pytest.mark.parametrize(("message", "expected"), CASES)
def test_an_exception_cancels_only_what_it_was_written_for(message: str, expected: str | None) -> None:
    routed, _ = route_and_story(message)
    if expected is None:
        assert routed is None, routed
    else:
        assert routed is not None and routed.kind in KEPT[expected], routed
