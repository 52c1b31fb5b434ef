"""Safety texts in six languages: curated in faq.yaml, checked on load, chosen by the question's language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from faqbot import FAQBot, KnowledgeBaseError
from faqbot.kb import load_knowledge_base
from faqbot.kb.schema import LOCALIZED_TEXTS, TEXT_LANGUAGES
from faqbot.safety import LANGUAGES, detect_language, find_dose_figure

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def bot() -> FAQBot:
    return FAQBot.from_yaml()


def test_kb_languages_are_the_routers_languages() -> None:
    assert ("en", *TEXT_LANGUAGES) == LANGUAGES


@pytest.mark.parametrize("lang", TEXT_LANGUAGES)
@pytest.mark.parametrize("name", LOCALIZED_TEXTS)
def test_every_language_has_its_own_text(bot: FAQBot, lang: str, name: str) -> None:
    english, local = getattr(bot.kb.texts, name), getattr(bot.kb.texts.localized(lang), name)
    assert local != english
    assert not find_dose_figure(local)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_emergency_and_self_harm_texts_name_help(bot: FAQBot, lang: str) -> None:
    texts = bot.kb.texts.localized(lang)
    assert "112" in texts.emergency and "911" in texts.emergency
    assert "988" in texts.self_harm and "116 123" in texts.self_harm


def test_english_emergency_text_names_poison_help_and_nhs_111(bot: FAQBot) -> None:
    text = bot.kb.texts.emergency
    assert "1-800-222-1222" in text and "NHS 111" in text and "local emergency number" in text
    # A self-harm message that only an emergency rule caught still meets a crisis line.
    assert "988" in text and "116 123" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fallback_points_to_emergency_help(bot: FAQBot, lang: str) -> None:
    texts = bot.kb.texts.localized(lang)
    assert detect_language(texts.fallback) == lang
    assert any(word in texts.fallback.casefold() for word in ("emergenc", "emergenz", "urgence", "notruf", "emergênc"))


#: a crisis line of each language's own country besides the US 988 (the UK's Samaritans for English)
LOCAL_CRISIS_LINES = {"en": "116 123", "es": "024", "fr": "3114", "de": "0800 111 0 111", "pt": "808 24 24 24",
                      "it": "02 2327 2327"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["fallback", "referral", "english_only"])
def test_replies_short_of_an_emergency_name_a_crisis_line(bot: FAQBot, lang: str, name: str) -> None:
    # A self-harm message the router misses still gets one of these; the line costs the others one sentence.
    text = getattr(bot.kb.texts.localized(lang), name)
    assert "988" in text and LOCAL_CRISIS_LINES[lang] in text
    assert detect_language(text.rsplit("988", 1)[0][-90:]) == lang


def test_unknown_language_gets_english(bot: FAQBot) -> None:
    assert bot.kb.texts.localized("xx") == bot.kb.texts
    assert bot.kb.texts.localized("en") == bot.kb.texts


def _with_languages(tmp_path: Path, change) -> Path:
    data = yaml.safe_load((ROOT / "faq.yaml").read_text(encoding="utf-8"))
    change(data["texts"]["languages"])
    path = tmp_path / "faq.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda langs: langs.pop("de"), r"texts\.languages\.de is missing"),
        (lambda langs: langs["fr"].pop("english_only"), r"texts\.languages\.fr\.english_only is missing"),
        (lambda langs: langs["es"].update(referral="Pregunta a alguien."), r"es\.referral must mention a doctor"),
        (lambda langs: langs["it"].update(emergency="Chiama qualcuno."), r"it\.emergency must mention the emerg"),
        (lambda langs: langs["pt"].update(self_harm="Fale com alguém."), r"pt\.self_harm must mention the emerg"),
        (lambda langs: langs.update(xx=dict(langs["es"])), r"unknown key `xx`"),
        (lambda langs: langs["de"].update(fallback="Nehmen Sie 4,5 mg."), r"dose"),
    ],
)
def test_broken_language_texts_are_refused(tmp_path: Path, change, message: str) -> None:
    with pytest.raises(KnowledgeBaseError, match=message):
        load_knowledge_base(_with_languages(tmp_path, change))


def test_a_knowledge_base_without_translations_uses_english(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "faq.yaml").read_text(encoding="utf-8"))
    del data["texts"]["languages"]
    del data["texts"]["english_only"]
    path = tmp_path / "faq.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    kb = load_knowledge_base(path)
    assert kb.texts.localized("es") == kb.texts
    assert "English" in kb.texts.english_only
