"""A decade told in a story is a time, not an amount, and where a sentence ends (the forty-sixth session; these
questions are written for these tests)."""

from __future__ import annotations

import pytest

from faqbot.safety import route
from faqbot.safety.engine import decades
from faqbot.safety.reading import read
from faqbot.text.fold import fold, tokens


@pytest.mark.parametrize(
    ("text", "decade"),
    [
        ("my uncle was on it in the 90s", "90"),
        ("back in the late 80s", "80"),
        ("mi tio bebia en los 70", "70"),
        ("dans les années 80", "80"),
        ("in den 90ern", "90"),
        ("negli anni '80", "80"),
        ("nos anos 90", "90"),
        # an age, a count, the usual tablets and an amount are no decade
        ("my aunt is in her late 80s", None),
        ("he took the 90 pills", None),
        ("tomé los 80 comprimidos", None),
        ("he makes his own from the 50s", None),
        ("in the 30 mg ones", None),
        ("me tomé los 80", None),
    ],
)
def test_a_decade_is_found_only_where_it_is_a_time(text: str, decade: str | None) -> None:
    words = tokens(fold(text))
    found = [words[i] for i in decades(words, frozenset({len(words)}))]
    assert found == ([decade] if decade else [])


def test_a_bracket_or_quote_beside_the_full_stop_still_ends_a_sentence() -> None:
    assert read("My dad has had MS for years (diagnosed in 2019). What does LDN do in general?").breaks == (10,)
    assert read('My dad has had MS for years and says "it is fine." What does LDN do in general?').breaks == (12,)


def test_a_spanish_question_stays_with_the_story_before_it() -> None:
    # Spanish leaves the subject out: "¿Puede tomarla?" names whom only through the sentence before it
    assert read("Mi abuela tiene artritis desde hace años. ¿Qué es la LDN exactamente?").breaks == ()
    found = route("Mi madre tiene lupus desde hace años. ¿Puede tomar LDN con sus otras pastillas?")
    assert found is not None and found.kind == "referral"


@pytest.mark.parametrize(
    "question",
    [
        "My granddad took naltrexone in the 80s to stop drinking. What is it normally used for?",
        "Mi tío estuvo en rehabilitación en los 90 y lo dejó. La naltrexona es un opioide?",
        "Was wussten Forscher in den 90ern über Naltrexon?",
    ],
)
def test_a_decade_in_a_story_names_no_amount(question: str) -> None:
    found = route(question)
    assert found is None or found.rule not in ("amount", "phrase-dose-number")


@pytest.mark.parametrize(
    "question",
    ["tomé los 80 comprimidos de naltrexona", "I took 90 pills of LDN",
     "my dad makes his LDN from the 50s, is that ok?"],
)
def test_a_count_beside_the_drug_is_still_read(question: str) -> None:
    assert route(question) is not None


@pytest.mark.parametrize(
    "question",
    [
        # the year it is now, in six languages (the fifty-first session)
        "it's 2027 and nobody has approved LDN for pain yet?",
        "Estamos en pleno 2027 y la LDN sigue sin aprobarse, ¿por qué?",
        "Em 2027 a naltrexona em dose baixa ainda não tem aprovação?",
        "Im Jahr 2027 ist LDN immer noch nicht zugelassen, oder?",
        "Nel 2027 l'LDN non è ancora approvato dalla FDA?",
        # a price: a currency sign or word marks the figure
        "My pharmacy wants $60 for LDN, why is compounding so pricey?",
        "paid 25€ for a month of LDN, what is it exactly?",
        "R$ 90 por mês, por que a LDN manipulada custa tanto?",
        "Blew 80 quid on a massage. Anyway, what are microglia?",
        "Me cuesta 35 euros al mes, ¿cuántas pastillas trae el frasco de LDN?",
        # a count of illnesses or of people that is no dose
        "Combien de maladies différentes la LDN a-t-elle été essayée ?",
        "Wie viele Teilnehmer waren in den Studien zu LDN?",
        "Quantas doenças já foram tratadas com LDN em estudos?",
        "Quante malattie sono state studiate con l'LDN?",
    ],
)
def test_a_year_a_price_or_a_count_of_illnesses_names_no_amount(question: str) -> None:
    found = route(question)
    assert found is None or found.rule not in ("amount", "phrase-dose-number", "how-much", "many-pills-taken")


@pytest.mark.parametrize(
    "question",
    ["I took 40 of my LDN pills", "me tomé 40 pastillas de LDN que me costaron 35 euros",
     "can I take 4.5 of LDN", "wie viele Tabletten LDN soll ich nehmen?", "quantos comprimidos de LDN por dia?"],
)
def test_an_amount_beside_a_price_or_a_count_is_still_read(question: str) -> None:
    assert route(question) is not None


@pytest.mark.parametrize(
    ("question", "rule"),
    [
        # (beside the drug a time's figure is also read as an amount, and that rule comes first)
        ("is 10pm a good time to take ldn?", "schedule"),
        ("10pm or 6am?", "two-timings"),
        ("um 22 Uhr oder um 8 Uhr?", "two-timings"),
        ("is 10pm best?", "timing-best"),
        ("is 10:30pm best?", "timing-best"),
    ],
)
def test_a_time_of_day_is_read_as_timing(question: str, rule: str) -> None:
    found = route(question)
    assert found is not None and found.kind == "referral" and found.rule == rule


@pytest.mark.parametrize(
    "question",
    [
        # ending one's life said in the first person as it is said, not only in the infinitive, with a time
        "ce soir à 2h je mets fin à mes jours",
        "hoje às 2h ponho fim à minha vida",
        "tonight at 2 I'm ending it",
        "i tried ending it",
        "je met fin à mes jours",
        "ending it tomorrow",
    ],
)
def test_ending_ones_life_with_a_time_is_an_emergency(question: str) -> None:
    found = route(question)
    assert found is not None and found.kind == "emergency"


@pytest.mark.parametrize("question", ["I took 40, am I in danger?", "took 50 am i ok"])
def test_a_figure_no_hour_before_am_is_no_time_of_day(question: str) -> None:
    # "am" after a count is the verb of a question that follows
    assert "clock" not in read(question).found


@pytest.mark.parametrize(
    "question",
    [
        # a phrase of two words is read only inside one sentence: "for? My" is no "for my" (the sixty-seventh session)
        "What illnesses is LDN taken for? My neighbour brought it up at the bus stop.",
        "What is naltrexone normally prescribed for? My uncle's pharmacist mentioned it at dinner.",
        "What sort of pain is low dose naltrexone used for? My aunt asked me at lunch.",
    ],
)
def test_a_phrase_is_not_read_across_the_end_of_a_sentence(question: str) -> None:
    reading = read(question)
    assert reading.breaks
    assert not any(start < cut < end for spans in reading.within.values() for start, end in spans
                   for cut in reading.breaks)
    assert route(question) is None


def test_a_dosing_question_after_a_general_one_is_still_referred() -> None:
    # "used for? How long" is no phrase of both sentences; "how long should I stay on it" is still a schedule asked
    found = route("What is LDN used for? How long should I stay on it?")
    assert found is not None and found.kind == "referral"


@pytest.mark.parametrize(
    "question",
    [
        "is ldn right for my mother?",
        "What is naltrexone used for my dad asks, he has MS",
        "I took too many of my LDN capsules. What do I do?",
    ],
)
def test_a_phrase_inside_one_sentence_is_still_read(question: str) -> None:
    assert route(question) is not None


@pytest.mark.parametrize(
    "question",
    [
        # an emergency may be told across sentences, and a hesitation ends none (a review of the change)
        "My doctor put me on LDN but I have made up my mind about tonight. I'm done with everything.",
        "Je prends de la LDN depuis deux mois et honnêtement je ne veux plus... être là, c'est trop.",
        "Tomo LDN desde o ano passado e esta noite decidi tirar a minha... vida, já tenho tudo preparado.",
    ],
)
def test_an_emergency_across_a_sentence_mark_is_still_read(question: str) -> None:
    found = route(question)
    assert found is not None and found.kind == "emergency"
