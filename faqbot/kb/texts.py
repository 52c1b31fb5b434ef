"""The safety texts in other languages (``texts.languages`` in faq.yaml), read and checked on load.

A knowledge base need not translate its texts (English is then used for every language), but if it
has a ``languages`` block, every language faqbot's safety router detects must have every safety text,
and each must say what the English one says: a referral names a doctor or pharmacist, an emergency
or self-harm reply names the emergency services.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import yaml

from faqbot.kb.schema import LOCALIZED_TEXTS, TEXT_LANGUAGES
from faqbot.text.fold import fold

if TYPE_CHECKING:
    from faqbot.kb.builder import Builder

#: what each localized text must mention, per language (matched on folded text: no accents, any case)
_MUST_MENTION: dict[str, dict[str, str]] = {
    "es": {"referral": r"medic|farmaceutic", "emergency": r"emergencia"},
    "fr": {"referral": r"medecin|pharmacien", "emergency": r"urgence|secours"},
    "de": {"referral": r"arzt|arztin|apothek", "emergency": r"notruf|notarzt|rettungsdienst"},
    "pt": {"referral": r"medic|farmaceutic", "emergency": r"emergencia"},
    "it": {"referral": r"medic|farmacist", "emergency": r"emergenz"},
}


def read_languages(builder: Builder, node: yaml.Node | None) -> dict[str, dict[str, str]]:
    """language -> text name -> text, with every problem reported on ``builder``."""
    if node is None:
        return {}
    found: dict[str, dict[str, str]] = {}
    blocks = builder.mapping(node, "texts.languages", TEXT_LANGUAGES)
    for lang in TEXT_LANGUAGES:
        if lang not in blocks:
            builder.problem(node, f"texts.languages.{lang} is missing (every safety language needs every text)")
            continue
        fields = builder.mapping(blocks[lang], f"texts.languages.{lang}", LOCALIZED_TEXTS)
        texts: dict[str, str] = {}
        for name in LOCALIZED_TEXTS:
            value = builder.text(fields.get(name), f"texts.languages.{lang}.{name}", blocks[lang])
            if value is not None:
                builder.no_dose(value, fields[name], f"texts.languages.{lang}.{name}")
                texts[name] = value
        _check_mentions(builder, lang, texts, fields)
        found[lang] = texts
    return found


def _check_mentions(builder: Builder, lang: str, texts: dict[str, str], fields: dict[str, yaml.Node]) -> None:
    needs = _MUST_MENTION[lang]
    for name, kind in (("referral", "referral"), ("emergency", "emergency"), ("self_harm", "emergency")):
        if name in texts and not re.search(needs[kind], fold(texts[name])):
            what = "a doctor or pharmacist" if kind == "referral" else "the emergency services"
            builder.problem(fields[name], f"texts.languages.{lang}.{name} must mention {what} ({needs[kind]})")
