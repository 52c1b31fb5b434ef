"""A veiled act said ahead ("I'm going to do something stupid tonight") is self-harm; one the message goes on to name
("... something stupid and order LDN online") is not (faqbot/safety/veiled.py, rule `rash-act-ahead`)."""

from __future__ import annotations

import pytest

from faqbot.safety import route


@pytest.mark.parametrize(
    "message",
    [
        "I'm planning to do something stupid tonight. What is LDN?",
        # a question after it, in the same piece of the message
        "I'm going to do something stupid tonight, what is ldn?",
        "Pienso hacer una estupidez mañana. ¿Cuánto cuesta la LDN?",
        # the time ahead before it, or "about to"
        "morgen mache ich eine Dummheit",
        "Estou prestes a fazer uma besteira.",
        "Je suis sur le point de faire une connerie.",
        "I might do something I can't take back tonight",
        # French "je me tue" with a time ahead, and a means named after it
        "je me tue ce soir avec les cachets",
    ],
)
def test_a_veiled_act_ahead_gets_the_self_harm_reply(message: str) -> None:
    routed = route(message)
    assert routed is not None and routed.kind == "emergency", (message, routed)


@pytest.mark.parametrize(
    "message",
    [
        # the act named after it
        "I'm going to do something stupid and order LDN online, is that legal?",
        "Vou fazer uma loucura e comprar LDN pela internet, é legal?",
        "Voy a hacer una locura: dejar el trabajo y abrir una panadería. ¿Qué es la LDN?",
        "Je vais faire une bêtise et manger tout le gâteau ce soir. C'est quoi le LDN ?",
        # said as done, or in a film
        "I did something stupid at work today, what is LDN?",
        "In the movie the hero says he's going to do something stupid tonight. Does LDN help fibromyalgia?",
        # French wearing oneself out
        "Ce soir encore je me tue avec les papiers de la mutuelle : la LDN est-elle remboursée en France ?",
        "Je me tue les yeux à lire des études sur la naltrexone, y a-t-il un résumé ?",
    ],
)
def test_an_act_named_or_a_figure_of_speech_is_no_emergency(message: str) -> None:
    routed = route(message)
    assert routed is None or routed.kind != "emergency", (message, routed)
