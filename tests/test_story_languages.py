"""Stories told before a question in the other five languages, and English phrases of a thought or a thing handed
over ("made me wonder", "gave me a weird look").

The questions are our own. See ``story.marked_asks`` and ``case_pointer`` in faqbot/safety/packs/rules.yaml.
"""

from __future__ import annotations

import pytest

from faqbot.safety import route
from faqbot.safety.router import story_question


@pytest.mark.parametrize(
    "question",
    [
        # a relative's illness, then a question that says in words it asks in general
        "Mi tía tiene fibromialgia y estoy leyendo sobre el tema. En general, ¿la LDN ayuda a las personas con "
        "fibromialgia?",
        "Ma belle-sœur a une sclérose en plaques. De manière générale, la LDN aide-t-elle dans la SEP ?",
        "Meine Tante hat Rheuma und ich lese gerade viel. Hilft LDN generell bei Rheuma?",
        "Minha tia tem lúpus e estou pesquisando. De modo geral, a LDN ajuda quem tem lúpus?",
        "Mia zia ha la fibromialgia e mi sto informando. In generale, l'LDN aiuta le persone con la fibromialgia?",
        # a full stop inside an abbreviation ends no sentence: the question is the whole of the last one
        "Mein Bruder hat Morbus Crohn. Ist Naltrexon grundsätzlich ein Opioid bzw. ein Betäubungsmittel?",
        # ... while one before a capital letter still may ("usw. Hilft", "etc. What")
        "Meine Tante hat Rheuma, Arthrose usw. Hilft LDN generell bei Rheuma?",
        "My aunt has MS, fibro etc. What is LDN used for?",
        # a pronoun after a story that only tells who someone is points at no case
        "Mi tía tiene fibromialgia. ¿Qué es eso de la LDN?",
        # "ich bin" where it says why one asks (``asking_why``) is no case of the asker's
        "Meine Schwester hat Fibromyalgie und ich bin neugierig geworden: Wie wirkt LDN eigentlich gegen Schmerzen?",
        "Mein Onkel hat Morbus Crohn und ich bin skeptisch. Wofür wird LDN verwendet?",
        "Mein Vater hat MS. Wozu dient LDN?",
        # a span of years told with no figure is no age ("años", "Jahren" alone read as one), as "for years" is none
        "Mi tía toma LDN desde hace años. ¿Para qué se usa la LDN?",
        "Meine Tante nimmt seit Jahren LDN. Wofür wird LDN verwendet?",
        "Ma tante prend de la LDN depuis des années. À quoi sert la LDN ?",
        "Minha tia toma LDN há anos. Para que serve a LDN?",
        "Mia zia prende LDN da molti anni. A cosa serve il LDN?",
        "Meine Mutter hat seit Jahren Fibromyalgie. Was ist LDN?",
    ],
)
def test_a_question_said_to_be_general_after_a_story_of_who_asks_is_set_aside(question: str) -> None:
    assert route(question) is None, question
    assert story_question(question) is not None, question


@pytest.mark.parametrize(
    "question",
    [
        # "in general", but pointing back at the case told
        "Mi madre tiene lupus. En general, ¿la LDN sería una opción para este caso?",
        "Ma femme a une sclérose en plaques. De manière générale, la LDN est-elle une option à ce stade ?",
        "Ich habe Morbus Crohn. Wie lange dauert es generell, bis LDN in so einem Fall wirkt?",
        "O meu marido tem fibromialgia. Em geral, quanto tempo até a LDN ajudar num caso tão grave como este?",
        "Mia moglie ha la sclerosi multipla. In generale, l'LDN è un'opzione a questo punto?",
        # ... asking whether it is an option at all
        "Mi padre tiene Crohn. En general, ¿la LDN es buena opción para él?",
        # ... or not naming what it asks about ("das" may be her medicine)
        "Meine Mutter nimmt LDN. Verträgt sich das generell mit den Herztabletten?",
        # ... or after a story of someone's intake and how they are doing
        "Mi madre toma LDN y no duerme. En general, ¿la LDN quita el sueño?",
        "Mia madre prende LDN e ha la nausea da tre giorni. In generale, è un effetto collaterale?",
        # ... or pointing back at the case with a pronoun ("eso", "ça", "isso", "das")
        "Mi esposo toma LDN y le salieron manchas raras. ¿Qué significa eso?",
        "Mon frère prend de la LDN et il a le teint tout jaune. Ça veut dire quoi ?",
        "Minha mãe toma LDN e está estranha. Isso é normal?",
        "Mein Opa nimmt LDN und hat dunklen Urin. Was bedeutet das?",
        # ... or asking where the asker's own or a relative's symptom comes from ("woher" asks no fact: a review)
        "Ich auch, woher kommt das?",
        "Mein Mann hat MS. Woher kommen seine Schmerzen?",
        # ... or beside a span of years read out: a case, a child, the asker's own intake or an amount
        "Mi madre toma LDN desde hace años y ahora se marea mucho. ¿Para qué sirve la LDN?",
        "Meine Tochter nimmt seit Jahren LDN. Wofür wird LDN verwendet?",
        "Je prends de la LDN depuis des années. À quoi sert la LDN ?",
        "Mi tía toma 4,5 mg de LDN desde hace años. ¿Para qué sirve la LDN?",
        "Mia zia prende LDN da anni. Quanto ne deve prendere?",
    ],
)
def test_a_case_told_keeps_its_referral_however_generally_the_question_asks(question: str) -> None:
    routed = route(question)
    assert routed is not None and routed.kind == "referral", question


@pytest.mark.parametrize(
    "question",
    [
        # "ich nehme an" is "I suppose"
        "Ich nehme an, dass LDN kein Opioid ist. Stimmt das?",
    ],
)
def test_words_like_those_that_tell_no_case_are_not_routed(question: str) -> None:
    assert route(question) is None, question


@pytest.mark.parametrize(
    "question",
    [
        # a thought or a thing handed over, not what a drug did to a body
        "My insurance turned down my mom's LDN, which made me wonder: has the FDA approved LDN for chronic pain?",
        "Is LDN approved for pain in the US? my pharmacist gave me a weird look",
        "An article on LDN kept mentioning microglia and I got totally lost. What are they?",
        # "in theory" alone is no cue to a case (a context-free trigger needs one beside it)
        "In theory, what are microglia?",
        "Hypothetically, what are endorphins?",
    ],
)
def test_causatives_of_a_thought_and_in_theory_alone_are_not_routed(question: str) -> None:
    assert route(question) is None, question


@pytest.mark.parametrize(
    "question",
    [
        "LDN made me sick, is that normal?",
        "It gave me a rash. What are the side effects?",
        "LDN is giving me a weird feeling in my chest",
        "Hypothetically, could someone take LDN?",
        "Let's say someone wanted to try LDN, could they?",
    ],
)
def test_causatives_of_a_body_and_framed_cases_are_still_referred(question: str) -> None:
    routed = route(question)
    assert routed is not None and routed.kind == "referral", question


@pytest.mark.parametrize(
    ("question", "routed"),
    [
        # "think" that ends there is a thought; "think I was going crazy" tells how someone was
        ("that article made me think. what effects does naltrexone have at low doses?", False),
        ("LDN made me think I was going crazy the first week. is that one of the side effects?", True),
        # "ich nehme mal an" is "I suppose"
        ("ich nehme mal an, dass LDN nicht zugelassen ist - stimmt das?", False),
        ("Nehme LDN seit drei Wochen und schlafe kaum noch. Ist das eine typische Nebenwirkung?", True),
    ],
)
def test_the_same_words_as_a_thought_and_as_a_case(question: str, routed: bool) -> None:
    assert (route(question) is not None) is routed, question

