"""Fast paths for long input, held to what they replaced: the sanitiser and the fold judge each distinct
character once (a translation table), not each time it occurs, and give what the character-by-character
reference gives; a long question is prepared and read once on its way through, not at each stage; the typo
repairer searches all its words only when some word near the typed one could be its correction."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot.safety import pack
from faqbot.safety.pack import LANGUAGES, packs
from faqbot.text import sanitize
from faqbot.text.fold import _unmarked, fold


def _reference_others(text: str) -> str:
    return "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch)[0] != "C")


def _reference_controls(text: str) -> str:
    return "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf"))


def _reference_marks(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


#: every kind of character: controls, format and private-use characters, surrogates, marks, spaces
characters = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=characters)
def test_the_table_drops_what_the_reference_drops(text: str) -> None:
    assert text.translate(sanitize.per_character(text, sanitize._others_dropped)) == _reference_others(text)
    assert sanitize.strip_controls(text) == _reference_controls(sanitize._ANSI.sub("", text))


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(categories=("Ll", "Lu", "Mn", "Zs", "Nd")), max_size=40))
def test_combining_marks_go_as_in_the_reference(text: str) -> None:
    split = unicodedata.normalize("NFD", text)
    assert split.translate(sanitize.per_character(split, _unmarked)) == _reference_marks(text)


def _reference_clean(text: str) -> str:
    """:func:`sanitize.clean` as it was written before the table: one judgement per character."""
    if text.isascii():
        text = text.translate(sanitize._ASCII_CONTROLS)
    else:
        text = _reference_others(unicodedata.normalize("NFKC", text))
    text = sanitize._SPACE.sub(" ", text.translate(sanitize._QUOTES).casefold()).strip()
    return sanitize.clean(text) if "dose" in text else text


@settings(max_examples=300, deadline=None)
@given(text=characters)
def test_clean_matches_the_reference(text: str) -> None:
    assert sanitize.clean(text) == _reference_clean(text)


@pytest.mark.parametrize("text", ["Caf\u00e9 na\u00efve r\u00e9sum\u00e9", "\u00bfQu\u00e9 es la LDN?",
                                  "\u200bwhat\u200d is\u202e ldn\x00?", "\ufdfa" * 3, "how dose ldn work"])
def test_examples_clean_as_the_reference(text: str) -> None:
    assert sanitize.clean(text) == _reference_clean(text)
    assert fold(text)  # and fold, which reads clean's output, still reads something


def test_the_last_long_question_is_read_once_and_only_the_last_is_kept() -> None:
    from faqbot.memo import QuestionCache

    calls: list[str] = []
    memo: QuestionCache[int] = QuestionCache(lambda text: calls.append(text) or len(text), maxsize=4)
    first, second = "a" * 20_000, "b" * 20_000
    assert memo(first) == memo(first) == 20_000 and calls == [first]
    assert memo(second) == 20_000 and memo(first) == 20_000 and calls == [first, second, first]


def test_a_long_question_routes_the_same_read_once_or_twice() -> None:
    from faqbot.safety import route

    long = "what is ldn? " + "zebra " * 5_000 + "how many mg should I take?"
    first, again = route(long), route(long)
    assert first is not None and first == again and first.kind == "referral"


# --- the repairer's quick look before its full search --------------------------------------------------------


def _typos(word: str) -> list[str]:
    """A word with one letter dropped, doubled or changed, and two letters swapped: slips people make."""
    return [word[:i] + word[i + 1:] for i in range(1, len(word))] + [word[:i] + word[i] + word[i:] for i in
            range(1, len(word))] + [word[:i] + "x" + word[i + 1:] for i in range(1, len(word))] + [
            word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_repairers_quick_look_misses_no_correction_the_full_search_makes(lang: str) -> None:
    repairer = packs().repairers[lang]
    # every hundredth vocabulary word of five letters or more, each with its slips, and words of the language
    # that are no vocabulary at all (the ported classes read as written, tests/test_safety_as_written.py)
    words = sorted(w for w in repairer.vocabulary if len(w) >= 5 and w.isalpha())[::100]
    slips = {typo for w in words for typo in _typos(w)}
    others = {w for p in pack._read(lang)["classes"].get("injure_verb", []) for w in fold(str(p)).split()}
    for word in sorted(slips | others):
        if len(word) < 5 or word in repairer.vocabulary or not word.isalpha() or repairer._protected(word):
            continue
        assert repairer.correct(word) == repairer._search(word), word
