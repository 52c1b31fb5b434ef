"""Words the reader must keep reading as they are read now, whatever words the packs gain.

The reader corrects a word it does not know towards the nearest word the packs list, so a word added to one class
can pull a word of a message that was read right before: "encendidas" once pulled "escondidas" (hidden, of pills put
aside) to itself and cost a Spanish self-harm message its crisis line, and "sell" pulled the French "selles"
(stools) and cost an emergency its reply. Each row is a word met in such a change; the message's route is checked
too where the word carries it.
"""

from __future__ import annotations

import pytest

from faqbot.safety import route
from faqbot.safety.reading import read


@pytest.mark.parametrize(("message", "word", "kind"), [
    ("tengo las pastillas escondidas para esta noche", "escondidas", "emergency"),
    ("mes selles sont noires depuis ce matin", "selles", "emergency"),
    ("j'ai du sang dans les selles et je prends la ldn", "selles", "referral"),
    ("krieg ich ein rezept für ldn", "kriege", "referral"),
    ("ho nascosto le pastiglie per stanotte", "nascosto", "emergency"),
    ("llamé a información toxicológica, mi hijo se tragó mis pastillas", "toxicologica", "emergency"),
    ("what would someone my size take", "size", "referral"),
    ("ok what about taking it at lunchtime then", "lunchtime", "referral"),
    ("fiz uns riscos nas coxas com a lâmina", "risco", "emergency"),
    ("si me tomo unas cañas el finde estando con ldn me pasa algo?", "finde", "referral"),
])
def test_a_word_a_pack_change_once_moved_reads_as_before(message: str, word: str, kind: str) -> None:
    assert word in read(message).words
    routed = route(message)
    assert routed is not None and routed.kind == kind
