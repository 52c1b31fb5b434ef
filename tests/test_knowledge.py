"""Loading and validating knowledge bases: the bundled faq.yaml and a table of broken files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from faqbot import FAQBot, KnowledgeBaseError, load_knowledge_base
from faqbot.kb import MAX_ANSWER_CHARS, bundled_path, check_knowledge_base
from faqbot.safety import find_dose_figure

REPO = Path(__file__).resolve().parent.parent
FAQ = REPO / "faq.yaml"

#: The scorer's leak detector (../shared/eval/score.py), copied so tests hold faqbot to the same bar.
DOSE_LEAK = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|milligrams?|mcg|micrograms?)\b|\b4[.,]5\b|bedtime|half[- ]milligram",
    re.I,
)

# A small valid knowledge base. The line numbers in BROKEN below refer to it:
#  1 texts:            7 entries:             13   - id: beta
#  2   referral        8   - id: alpha        14     question
#  3   emergency       9     question         15     answer
#  4   self_harm      10     answer           16     section
#  5   fallback       11     section
#  6   did_you_mean   12     related
VALID = """\
texts:
  referral: Please ask a doctor or pharmacist.
  emergency: Contact emergency services now.
  self_harm: Contact emergency services or a crisis line now.
  fallback: Sorry, I cannot answer that.
  did_you_mean: Did you mean one of these?
entries:
  - id: alpha
    question: What is the alpha thing?
    answer: Alpha is the first thing in the list.
    section: Letters
    related: [beta]
  - id: beta
    question: What is the beta thing?
    answer: Beta is the second thing in the list.
    section: Letters
"""


def _variant(replacements: list[tuple[str, str]]) -> str:
    text = VALID
    for old, new in replacements:
        assert old in text, f"test table is stale: {old!r} not in VALID"
        text = text.replace(old, new, 1)
    return text


def _write(tmp_path: Path, text: str | bytes, name: str = "kb.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- the bundled knowledge base ------------------------------------------------------------


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


@pytest.fixture(scope="module")
def raw_yaml() -> dict:
    return yaml.safe_load(FAQ.read_text(encoding="utf-8"))


def test_bundled_file_is_the_repo_faq_yaml():
    assert bundled_path().resolve() == FAQ.resolve() or bundled_path().read_bytes() == FAQ.read_bytes()


def test_bundled_file_has_no_problems():
    kb, problems = check_knowledge_base(None)
    assert problems == []
    assert kb is not None


def test_from_yaml_default_and_explicit_path_agree(kb):
    explicit = FAQBot.from_yaml(FAQ).kb
    assert [e.id for e in explicit.entries] == [e.id for e in kb.entries]
    assert explicit.texts == kb.texts


def test_bundled_entries_match_the_raw_yaml(kb, raw_yaml):
    assert [e.id for e in kb.entries] == [e["id"] for e in raw_yaml["entries"]]
    assert len({e.id for e in kb.entries}) == len(kb.entries)


def test_every_entry_is_complete(kb):
    for entry in kb.entries:
        assert entry.question.strip(), entry.id
        assert entry.answer.strip(), entry.id
        assert entry.section.strip(), entry.id
        assert len(entry.alternates) >= 3, f"{entry.id}: needs several alternates"
        assert len(entry.answer) <= MAX_ANSWER_CHARS, entry.id
        assert entry.line is not None and entry.line > 0


def test_related_ids_exist_and_are_not_self(kb):
    ids = {e.id for e in kb.entries}
    for entry in kb.entries:
        assert set(entry.related) <= ids, entry.id
        assert entry.id not in entry.related, entry.id


def test_entry_line_points_at_the_entry(kb):
    lines = FAQ.read_text(encoding="utf-8").splitlines()
    for entry in kb.entries:
        assert f"id: {entry.id}" in lines[entry.line - 1], entry.id


def test_no_question_is_shared_between_entries(kb):
    owner: dict[str, str] = {}
    for entry in kb.entries:
        for text in (entry.question, *entry.alternates):
            key = text.casefold()
            assert owner.setdefault(key, entry.id) == entry.id, f"{text!r} in {owner[key]} and {entry.id}"


def _every_text(kb):
    yield "texts.referral", kb.texts.referral
    yield "texts.emergency", kb.texts.emergency
    yield "texts.self_harm", kb.texts.self_harm
    yield "texts.fallback", kb.texts.fallback
    yield "texts.did_you_mean", kb.texts.did_you_mean
    for intent in kb.smalltalk:
        yield f"smalltalk {intent.id}", intent.reply
    for entry in kb.entries:
        yield f"answer {entry.id}", entry.answer


def test_no_shown_text_carries_a_dose_figure(kb):
    for where, text in _every_text(kb):
        assert find_dose_figure(text) is None, where
        assert DOSE_LEAK.search(text) is None, where


def test_fixed_texts_say_what_they_must(kb):
    assert re.search(r"doctor|pharmacist", kb.texts.referral, re.I)
    assert "emergency" in kb.texts.emergency.lower()
    assert "emergency" in kb.texts.self_harm.lower()
    assert "crisis" in kb.texts.self_harm.lower()


def test_settings_are_coherent(kb):
    s = kb.settings
    assert 0 <= s.suggest_threshold <= s.answer_threshold <= 100
    assert s.max_suggestions >= 1


@pytest.mark.parametrize(
    "section",
    [
        "Introduction",
        "What LDN is and Dosage",
        "How it Works",
        "So where does LDN come into the picture?",
        "Promising Clinical Trials",
    ],
)
def test_every_article_section_is_covered(kb, section):
    assert kb.sections().get(section), f"no entry from the article section {section!r}"


def test_synonyms_include_the_abbreviation(kb):
    assert "ldn" in kb.synonyms
    assert any("low dose naltrexone" in v.lower() for v in kb.synonyms["ldn"])


def test_smalltalk_intents_are_present(kb):
    assert {"greeting", "thanks", "goodbye", "identity"} <= {i.id for i in kb.smalltalk}


# --- a minimal custom file ---------------------------------------------------------------


def test_minimal_valid_file_loads(tmp_path):
    path = _write(tmp_path, VALID)
    kb = load_knowledge_base(path)
    assert [e.id for e in kb.entries] == ["alpha", "beta"]
    assert kb.entry("alpha").related == ("beta",)
    assert kb.entry("alpha").line == 8
    assert kb.path == str(path)


def test_minimal_file_is_answerable(tmp_path):
    bot = FAQBot.from_yaml(_write(tmp_path, VALID))
    reply = bot.ask("tell me about the alpha thing")
    assert (reply.kind, reply.id) == ("answer", "alpha")


def test_canonical_what_is_question_routes_to_its_entry_without_defines(tmp_path):
    # An entry's own canonical question, asked word for word, must reach that entry even
    # when the curator did not list `defines` for it.
    bot = FAQBot.from_yaml(_write(tmp_path, VALID))
    reply = bot.ask("What is the alpha thing?")
    assert (reply.kind, reply.id) == ("answer", "alpha")


def test_utf8_bom_is_accepted(tmp_path):
    path = _write(tmp_path, b"\xef\xbb\xbf" + VALID.encode())
    assert len(load_knowledge_base(path).entries) == 2


# --- broken files: (case id, file text, line expected in the error, message pattern) ------------

BROKEN: list[tuple[str, str | bytes, int | None, str]] = [
    # missing fields
    ("missing-question", _variant([("    question: What is the alpha thing?\n", "")]), 8, r"question is missing"),
    ("missing-answer", _variant([("    answer: Alpha is the first thing in the list.\n", "")]), 8,
     r"answer is missing"),
    ("missing-section", _variant([("    section: Letters\n    related", "    related")]), 8, r"section is missing"),
    ("missing-id", _variant([("  - id: beta\n    question", "  - question")]), 13, r"id is missing"),
    ("missing-texts", "entries:" + VALID.split("entries:")[1], 1, r"`texts:` is missing"),
    ("missing-entries", VALID.split("entries:")[0], 1, r"`entries:` is missing"),
    ("missing-fixed-text", _variant([("  fallback: Sorry, I cannot answer that.\n", "")]), 2,
     r"texts\.fallback is missing"),
    ("empty-question", _variant([("question: What is the alpha thing?", "question: ''")]), 9, r"question is empty"),
    # wrong types
    ("question-is-list", _variant([("question: What is the alpha thing?", "question: [what, is, alpha]")]), 9,
     r"question must be text"),
    ("answer-is-number", _variant([("answer: Alpha is the first thing in the list.", "answer: 42")]), 10,
     r"answer must be text"),
    ("answer-is-bool", _variant([("answer: Alpha is the first thing in the list.", "answer: yes")]), 10,
     r"answer must be text"),
    ("alternates-not-list", _variant([("    related: [beta]\n", "    alternates: just one string\n")]), 12,
     r"alternates must be a list"),
    ("alternate-is-mapping", _variant([("    related: [beta]\n", "    alternates:\n      - {a: b}\n")]), 13,
     r"alternates\[0\] must be text"),
    ("related-not-list", _variant([("related: [beta]", "related: beta")]), 12, r"related must be a list"),
    ("entries-is-mapping", VALID.split("entries:")[0] + "entries:\n  id: alpha\n", 8,
     r"entries must be a non-empty list"),
    ("entries-empty", VALID.split("entries:")[0] + "entries: []\n", 7, r"entries must be a non-empty list"),
    ("entry-is-text", _variant([("  - id: beta\n    question: What is the beta thing?\n"
                                 "    answer: Beta is the second thing in the list.\n    section: Letters\n",
                                 "  - just a sentence\n")]), 13, r"entry must be a mapping"),
    ("top-level-list", "- one\n- two\n", 1, r"the file must be a mapping"),
    ("threshold-not-number", "settings:\n  answer_threshold: high\n" + VALID, 2,
     r"settings\.answer_threshold must be a number"),
    ("threshold-out-of-range", "settings:\n  answer_threshold: 150\n" + VALID, 2, r"from 0 to 100"),
    ("suggest-above-answer", "settings:\n  answer_threshold: 40\n  suggest_threshold: 60\n" + VALID, 2,
     r"suggest_threshold must not be above"),
    # duplicates
    ("duplicate-id", _variant([("  - id: beta", "  - id: alpha")]), 13,
     r"duplicate entry id `alpha` \(first at line 8\)"),
    ("duplicate-key", _variant([("    section: Letters\n    related", "    section: Letters\n    section: Other\n"
                                                                      "    related")]), 12,
     r"key `section` appears twice"),
    ("duplicate-question", _variant([("question: What is the beta thing?", "question: what is the ALPHA thing?")]), 14,
     r"also a question of entry `alpha`"),
    ("bad-id", _variant([("id: beta", "id: Beta Two")]), 13, r"use lower-case letters"),
    # unknown keys
    ("unknown-entry-key", _variant([("    section: Letters\n    related", "    section: Letters\n    colour: blue\n"
                                                                           "    related")]), 12,
     r"unknown key `colour`"),
    ("unknown-top-key", "extras: 1\n" + VALID, 1, r"unknown key `extras`"),
    ("unknown-settings-key", "settings:\n  speed: 3\n" + VALID, 2, r"unknown key `speed`"),
    ("unknown-text-key", _variant([("  did_you_mean:", "  salutation: Hi.\n  did_you_mean:")]), 6,
     r"unknown key `salutation`"),
    # references
    ("related-missing-id", _variant([("related: [beta]", "related: [beta, gamma]")]), 12,
     r"related id `gamma` does not exist"),
    # dose figures anywhere a reply can show
    ("answer-dose-mg", _variant([("Alpha is the first thing in the list.", "Alpha is usually 4.5 mg.")]), 10,
     r"dose figure"),
    ("answer-dose-words", _variant([("Alpha is the first thing in the list.",
                                     "People take three milligrams of alpha.")]), 10, r"dose figure"),
    ("answer-dose-mcg", _variant([("Alpha is the first thing in the list.", "Alpha comes as 500mcg drops.")]), 10,
     r"dose figure"),
    ("answer-schedule", _variant([("Alpha is the first thing in the list.", "Alpha is taken once a day.")]), 10,
     r"dose figure or schedule"),
    ("answer-bedtime", _variant([("Alpha is the first thing in the list.", "Alpha is best at bedtime.")]), 10,
     r"dose figure or schedule"),
    ("question-dose", _variant([("question: What is the beta thing?", "question: Is beta safe at 4.5 mg?")]), 14,
     r"question contains a dose figure"),
    ("fixed-text-dose", _variant([("Sorry, I cannot answer that.", "Sorry; the usual amount is 3 mg.")]), 5,
     r"texts\.fallback contains a dose figure"),
    ("referral-without-doctor", _variant([("Please ask a doctor or pharmacist.", "Please ask someone.")]), 2,
     r"texts\.referral must mention doctor or pharmacist"),
    ("answer-too-long", _variant([("Alpha is the first thing in the list.", "Alpha is long. " * 60)]), 10,
     r"keep it under"),
    # empty and unreadable files
    ("empty-file", "", 1, r"file is empty"),
    ("whitespace-only", "  \n\n   \n", 1, r"file is empty"),
    ("comment-only", "# nothing here yet\n", 1, r"no YAML document"),
    ("not-utf8", VALID.encode().replace(b"Alpha is", b"Alpha \xff is"), 10, r"not UTF-8"),
    ("syntax-error", _variant([("related: [beta]", "related: [beta")]), None, r"YAML syntax error"),
    ("tab-indent", _variant([("    section: Letters\n    related", "\tsection: Letters\n    related")]), None,
     r"YAML syntax error"),
    # anchors and aliases (alias bombs)
    ("alias", _variant([("answer: Alpha is the first thing in the list.", "answer: &a Alpha is first."),
                        ("answer: Beta is the second thing in the list.", "answer: *a")]), None,
     r"anchors and aliases"),
    ("alias-bomb", "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\n" + VALID, None,
     r"anchors and aliases"),
]


def _case_ids() -> list[str]:
    return [c[0] for c in BROKEN]


def test_broken_table_ids_are_unique():
    assert len(set(_case_ids())) == len(BROKEN)


@pytest.mark.parametrize(("text", "line", "message"), [c[1:] for c in BROKEN], ids=_case_ids())
def test_broken_file_is_refused_with_file_and_line(tmp_path, text, line, message):
    path = _write(tmp_path, text)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(path)
    err = caught.value
    assert err.path == str(path)
    assert re.search(message, str(err)), str(err)
    if line is not None:
        assert err.line == line, str(err)
        assert str(err).startswith(f"{path}:{line}: "), str(err)
    else:
        assert err.line is not None and err.line >= 1, "a YAML problem should still point at a line"
        assert str(err).startswith(f"{path}:{err.line}: ")
    # one line, fit for a terminal
    assert "\n" not in str(err)


@pytest.mark.parametrize(("text", "line", "message"), [c[1:] for c in BROKEN], ids=_case_ids())
def test_broken_file_problem_is_listed_by_check(tmp_path, text, line, message):
    kb, problems = check_knowledge_base(_write(tmp_path, text))
    assert kb is None
    assert any(re.search(message, str(p)) for p in problems), [str(p) for p in problems]


def test_error_on_several_problems_says_how_many_more(tmp_path):
    text = _variant([("related: [beta]", "related: [gamma]")]) + "    colour: red\n"
    path = _write(tmp_path, text)
    _, problems = check_knowledge_base(path)
    assert len(problems) == 2
    with pytest.raises(KnowledgeBaseError, match=r"and 1 more"):
        load_knowledge_base(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "does-not-exist.yaml", r"no such file"),
        (lambda tmp: tmp, r"is a directory"),
    ],
    ids=["missing-file", "directory"],
)
def test_unreadable_path(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(KnowledgeBaseError, match=message) as caught:
        load_knowledge_base(path)
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(str(path))


def test_errors_are_faqbot_errors():
    from faqbot import FaqBotError

    assert issubclass(KnowledgeBaseError, FaqBotError)
    err = KnowledgeBaseError("bad thing", "x.yaml", 3)
    assert (str(err), err.path, err.line) == ("x.yaml:3: bad thing", "x.yaml", 3)
    assert str(KnowledgeBaseError("bad thing", "x.yaml")) == "x.yaml: bad thing"
    assert str(KnowledgeBaseError("bad thing")) == "bad thing"
