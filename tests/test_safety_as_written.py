"""The self-harm classes the five other languages read as written (``as_written:`` in rules.yaml).

Eleven self-harm rules once had words in the English pack alone, so that a message in another language could
never fire them. Their classes now exist in every pack; each rule's own examples in each language are run by
tests/test_safety_packs.py. These tests hold the rest: every self-harm rule can fire in every language, and
the new words leave the typo repairer as it was.
"""

from __future__ import annotations

import pytest

from faqbot.safety import pack
from faqbot.safety.pack import LANGUAGES, packs, phrase_tokens, spellings
from faqbot.safety.packerror import PackError
from faqbot.safety.reading import THOUGHT, read

RULES = pack._read("rules")
AS_WRITTEN = frozenset(RULES["as_written"])
#: classes not listed in a pack: the drug's names, and those the reading derives from others (faqbot/safety/reading.py)
DERIVED = {THOUGHT, "drug"}
#: rules written for one language's grammar ("ich bring mich um": the particle apart from its verb)
ONE_LANGUAGE = {"kills-self-de", "kills-other-de", "kills-self-tonight-fr"}


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_every_self_harm_rule_has_words_in_every_language(lang: str) -> None:
    classes = pack._read(lang)["classes"]
    dead = {rule["name"]: [group for group in rule["all"] if not any(c in classes or c in DERIVED for c in group)]
            for rule in RULES["rules"] if rule.get("self_harm") and rule["name"] not in ONE_LANGUAGE}
    assert not {name: groups for name, groups in dead.items() if groups}


def _words(lang: str, names: frozenset[str], *, inside: bool) -> set[str]:
    classes = pack._read(lang)["classes"]
    # as the packs read them: "bruciarmi" in a curated class names the verb "bruciare" too (`clitics:`)
    spelt = {name: [phrase_tokens(form) for p in phrases for form in spellings(lang, str(p))]
             for name, phrases in classes.items()}
    read = pack._unclitic(spelt, pack._clitics(lang, spelt))
    return {w for name, phrases in read.items() if (name in names) is inside for p in phrases for w in p}


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_a_class_read_as_written_lends_the_repairer_no_words(lang: str) -> None:
    curated = _words(lang, AS_WRITTEN, inside=False) | _words("en", frozenset(), inside=False)
    only_written = {w.rstrip("*") for w in _words(lang, AS_WRITTEN, inside=True) - curated}
    assert only_written, "the language has words in the classes read as written"
    assert not only_written & packs().repairers[lang].vocabulary


@pytest.mark.parametrize(
    ("question", "read_as"),
    [
        # "salpullido" (a rash) is in a class read as written; the curated spelling it was read as still wins,
        # and the grandmother's rash stays a case told
        ("¿Cuáles son los efectos secundarios? A mi abuela le salió un salpullido.", "sarpullido"),
        ("Quais são os efeitos colaterais? Minha mãe tem pesadelo toda noite.", "pesadelos"),
    ],
)
def test_a_word_is_repaired_as_before_the_classes_were_written(question: str, read_as: str) -> None:
    assert read_as in read(question).words


@pytest.mark.parametrize(("key", "added"), [("as_written", "no_such_class"), ("framing", "no_such_class"),
                                            ("frames", "no_such_class"), ("frame_keeps", "no_such_class"),
                                            ("frame_denials", "no_such_class"), ("frame_owners", "no_such_class"),
                                            ("frame_breaks", "no_such_class"),
                                            ("frames", "relation")])  # a frame is never a person
def test_as_written_framing_and_frames_must_name_known_classes(monkeypatch: pytest.MonkeyPatch, key: str,
                                                               added: str) -> None:
    real = pack._read

    def fake(name: str) -> dict[str, object]:
        data = dict(real(name))
        if name == "rules":
            data[key] = [*data[key], added]  # type: ignore[misc]
        return data

    monkeypatch.setattr(pack, "_read", fake)
    with pytest.raises(PackError, match=f"name known classes .*{added}"):
        pack.load()


@pytest.mark.parametrize("needs", [{"media_frame": ["no_such_class"]}, {"routine": ["routine"]}])  # not a frame
def test_a_frame_need_names_a_frame_and_known_classes(monkeypatch: pytest.MonkeyPatch, needs: dict[str, list[str]]
                                                      ) -> None:
    real = pack._read

    def fake(name: str) -> dict[str, object]:
        data = dict(real(name))
        if name == "rules":
            data["frame_needs"] = needs
        return data

    monkeypatch.setattr(pack, "_read", fake)
    with pytest.raises(PackError, match="name known classes"):
        pack.load()
