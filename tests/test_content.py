"""Content checks: reading grade, copied runs, and the bundled answers a medical editor reviewed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from faqbot import FAQBot
from faqbot.tools.content import (
    MAX_GRADE,
    MAX_QUOTED_WORDS,
    MAX_SHARED_RUN,
    TARGET_GRADE,
    check_answer,
    longest_shared_run,
    reading_grade,
    sentences,
    syllables,
    words,
)
from faqbot.tools.validate import validate

#: The source article lives beside the repository (never copied into it); tests that need it skip
#: when it is absent.
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "article.txt"
needs_article = pytest.mark.skipif(not ARTICLE.is_file(), reason="the source article is not beside the repository")

# --- syllables, sentences, grade -------------------------------------------------------------

SYLLABLES = {
    "the": 1, "cat": 1, "made": 1, "cause": 1, "blocked": 1, "pain": 1,
    "table": 2, "doctor": 2, "people": 2, "nervous": 2, "released": 2, "trouble": 2,
    "medicine": 3, "addiction": 3, "alcohol": 3, "naltrexone": 3, "opioid": 3, "pharmacy": 3,
    "insomnia": 4, "microglia": 4, "fibromyalgia": 5, "inflammatory": 5,
    "4.5": 1, "": 1,
}


@pytest.mark.parametrize(("word", "count"), SYLLABLES.items(), ids=[w or "empty" for w in SYLLABLES])
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


SENTENCES = {
    "one": ("No stop at the end", 1),
    "two": ("One. Two!", 2),
    "ellipsis and question": ("Wait... Really?", 2),
    "decimal point is not an end": ("It was 2.5 times as big.", 1),
    "empty": ("", 1),
}


@pytest.mark.parametrize(("text", "count"), SENTENCES.values(), ids=SENTENCES.keys())
def test_sentences(text: str, count: int) -> None:
    assert sentences(text) == count


def test_reading_grade_is_the_flesch_kincaid_formula() -> None:
    # 6 words, 2 sentences, 6 syllables: 0.39 * 3 + 11.8 * 1 - 15.59
    assert reading_grade("I like dogs. They run fast.") == -2.6
    # 8 words, 1 sentence, 19 syllables: 0.39 * 8 + 11.8 * 19 / 8 - 15.59
    assert reading_grade("Naltrexone is an opioid antagonist for alcohol addiction.") == 15.6


GRADES = {
    "plain": ("LDN is a drug. It is the same drug in a small amount.", -5, TARGET_GRADE),
    "long words, one sentence": (
        "Pharmacological antagonism of opioid receptors characteristically precipitates withdrawal "
        "symptomatology in physiologically dependent individuals.", MAX_GRADE + 5, 99),
}


@pytest.mark.parametrize(("text", "low", "high"), GRADES.values(), ids=GRADES.keys())
def test_reading_grade_ranks_plain_text_below_dense_text(text: str, low: float, high: float) -> None:
    assert low <= reading_grade(text) <= high


@pytest.mark.parametrize("text", ["", "   ", "...", "?!"])
def test_reading_grade_of_a_text_without_words_is_zero(text: str) -> None:
    assert reading_grade(text) == 0.0


# --- copied runs -----------------------------------------------------------------------------

#: A made-up "article" for the copy check: the real one is never copied into the repository.
SOURCE = "The green heron waits in the reeds until a small fish swims past its long yellow legs."

RUNS = {
    "shared middle": ("we say a b c here", "x a b c y", 3, ("a", "b", "c")),
    "case and punctuation ignored": ("Blocks THE receptors, fully.", "it blocks the receptors fully", 4,
                                     ("blocks", "the", "receptors", "fully")),
    "apostrophes dropped": ("the body\u2019s own", "the bodys own supply", 3, ("the", "bodys", "own")),
    "first longest wins": ("one two x three four", "one two three four", 2, ("one", "two")),
    "nothing shared": ("alpha beta", "gamma delta", 0, ()),
    "empty answer": ("", "gamma delta", 0, ()),
    "empty article": ("alpha", "", 0, ()),
}


@pytest.mark.parametrize(("answer", "article", "n", "shared"), RUNS.values(), ids=RUNS.keys())
def test_longest_shared_run(answer: str, article: str, n: int, shared: tuple[str, ...]) -> None:
    assert longest_shared_run(answer, article) == (n, shared)


def test_words_strip_punctuation_and_split_hyphens() -> None:
    assert words("Anti-inflammatory, (pain-relieving) don't!") == [
        "anti", "inflammatory", "pain", "relieving", "dont"]


QUOTES = {
    # answer -> longest run counted against SOURCE: a short quotation is attributed, a long one copied
    "short quoted title left out": ('From "the green heron waits in the reeds until a small fish" here.', 0),
    "curly quotes too": ("From \u201cthe green heron waits in the reeds until a small fish\u201d here.", 0),
    "no joining across the cut": ('heron "x" waits in the', 3),
    "long quotation still counts": ('"' + SOURCE + '"', 17),
    "unquoted copy counts": (SOURCE, 17),
}


@pytest.mark.parametrize(("answer", "run"), QUOTES.values(), ids=QUOTES.keys())
def test_check_answer_leaves_short_quotations_out_of_the_copy_check(answer: str, run: int) -> None:
    assert len(words(SOURCE)) > MAX_QUOTED_WORDS
    assert check_answer("x", answer, SOURCE).shared_run == run


def test_check_answer_reports_a_run_only_with_an_article() -> None:
    assert check_answer("x", "Some words here.").shared_run is None
    check = check_answer("x", "Some words here.", "words here and there")
    assert (check.shared_run, check.shared_words) == (2, ("words", "here"))


# --- faqbot validate -------------------------------------------------------------------------

KB = """\
version: 1
texts:
  referral: Please ask a doctor or pharmacist about that.
  emergency: This may be an emergency. Contact emergency services now.
  self_harm: Please contact emergency services now, or a crisis line.
  fallback: Sorry, I have no answer to that.
  did_you_mean: Did you mean one of these?
entries:
  - id: what-is-ldn
    section: Intro
    question: What is low dose naltrexone?
    answer: {answer}
    defines: [ldn, low dose naltrexone]
"""
PLAIN = "LDN is the drug naltrexone, used in much smaller amounts than usual."
DENSE = ("Naltrexone, pharmacologically characterised as a competitive opioid antagonist, demonstrates "
         "immunomodulatory and anti-inflammatory properties at substantially reduced concentrations.")


def write_kb(tmp_path: Path, answer: str) -> Path:
    path = tmp_path / "faq.yaml"
    path.write_text(KB.format(answer=answer), encoding="utf-8")
    return path


def write_source(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def kinds(report_problems: object) -> list[str]:
    return [p.kind for p in report_problems]  # type: ignore[attr-defined]


def test_validate_reports_the_grade_of_every_answer(tmp_path: Path) -> None:
    report = validate(write_kb(tmp_path, PLAIN))
    assert report.ok, report.problems
    (check,) = report.answers
    assert check.id == "what-is-ldn" and check.grade == reading_grade(PLAIN) and check.shared_run is None
    assert report.to_dict()["answers"][0]["grade"] == check.grade


def test_validate_fails_an_answer_above_the_grade_limit(tmp_path: Path) -> None:
    report = validate(write_kb(tmp_path, DENSE))
    assert not report.ok
    (problem,) = report.problems
    assert problem.kind == "reading-grade" and "what-is-ldn" in problem.message and problem.line is not None
    assert re.search(r"grade \d+(\.\d)?", problem.message)


COPIES = {
    # the article's words in the answer, with capitals and punctuation changed
    "six words pass": ("Like a heron, it waits in the reeds until a fox comes.", True, 6),
    "seven words fail": ("It waits in the reeds, until a small dog comes.", False, 7),
}


@pytest.mark.parametrize(("answer", "ok", "run"), COPIES.values(), ids=COPIES.keys())
def test_validate_with_an_article_checks_copied_runs(tmp_path: Path, answer: str, ok: bool, run: int) -> None:
    report = validate(write_kb(tmp_path, answer), article=write_source(tmp_path))
    assert report.answers[0].shared_run == run
    assert report.ok is ok
    if not ok:
        (problem,) = report.problems
        assert problem.kind == "copied-run" and f"{MAX_SHARED_RUN} consecutive words" in problem.message


@pytest.mark.parametrize("kind", ["missing", "directory", "not utf-8"])
def test_validate_with_an_unreadable_article_reports_it(tmp_path: Path, kind: str) -> None:
    article = tmp_path / "article.txt"
    if kind == "directory":
        article.mkdir()
    elif kind == "not utf-8":
        article.write_bytes(b"\xff\xfe\xfa")
    report = validate(write_kb(tmp_path, PLAIN), article=article)
    assert report.readable and not report.ok
    assert kinds(report.problems) == ["article"] and "cannot read the article" in report.problems[0].message
    assert report.answers[0].shared_run is None


# --- the bundled knowledge base --------------------------------------------------------------


@pytest.fixture(scope="module")
def entries(bot: FAQBot) -> dict[str, str]:
    return {e.id: e.answer for e in bot.kb.entries}


def test_every_bundled_answer_reads_at_the_target_grade(entries: dict[str, str]) -> None:
    grades = {ident: reading_grade(answer) for ident, answer in entries.items()}
    assert {i: g for i, g in grades.items() if g > TARGET_GRADE} == {}


@needs_article
def test_no_bundled_answer_copies_the_article() -> None:
    report = validate(None, article=ARTICLE)
    assert [p for p in report.problems if p.kind in ("copied-run", "article")] == []
    assert all(a.shared_run is not None and a.shared_run < MAX_SHARED_RUN for a in report.answers)


def test_bundled_answers_speak_in_one_voice(entries: dict[str, str]) -> None:
    # plain statements: no first person, and no "we" standing for the curators
    pattern = re.compile(r"\b(I|I'm|I've|[Ww]e|[Ww]e're|[Oo]ur|us)\b")
    assert {i: pattern.findall(a) for i, a in entries.items() if pattern.search(a)} == {}


JARGON = {
    # a term a lay reader may not know -> words that must come with it in the same answer
    "central nervous system": r"brain and spinal cord",
    "autoimmune": r"immune system attacks|own immune system",
    "opioid receptor": r"(docking|binding) (spots|sites)|spots on (nerve )?cells",
    "inflammatory": r"swelling|irritation",
    "FDA": r"Food and Drug Administration|US drug regulator|medicines regulator",
}


@pytest.mark.parametrize(("term", "explanation"), JARGON.items(), ids=JARGON.keys())
def test_jargon_is_explained_where_it_appears(entries: dict[str, str], term: str, explanation: str) -> None:
    using = {i: a for i, a in entries.items() if term.lower() in a.lower()}
    assert {i for i, a in using.items() if not re.search(explanation, a, re.IGNORECASE)} == set()


EDITOR_FIXES = {
    # entry id -> (a pattern the answer must contain, one it must not), from the review in issue #11
    "drug-interactions": (r"^\W*(LDN|Naltrexone|Mixing|Taking|Other)\b.*\b(risk|react|interact)", r"^It can\b"),
    "non-autoimmune-conditions": (r"rheumatoid arthritis is (usually|generally) (classed|counted|seen) as "
                                  r"(an )?autoimmune", r"beyond autoimmune"),
    "naltrexone-recovery": (r"withdrawal", r"prevents? withdrawal"),
    "opioid-painkillers": (r"withdrawal", r"prevents? withdrawal"),
}


@pytest.mark.parametrize(("ident", "must", "must_not"), [(k, *v) for k, v in EDITOR_FIXES.items()],
                         ids=EDITOR_FIXES.keys())
def test_editor_fixes_are_in_the_answers(entries: dict[str, str], ident: str, must: str, must_not: str) -> None:
    answer = entries[ident]
    assert re.search(must, answer, re.IGNORECASE | re.DOTALL), answer
    assert not re.search(must_not, answer, re.IGNORECASE), answer


NEW_ENTRIES = ["ldn-safety", "naltrexone-opioid", "opioid-painkillers", "information-source"]


@pytest.mark.parametrize("ident", NEW_ENTRIES)
def test_new_entries_exist_with_related_links(bot: FAQBot, ident: str) -> None:
    entry = bot.kb.entry(ident)
    assert entry.related and len(entry.answer) < 700
    assert bot.ask(entry.question).id == ident


def test_corrections_are_marked_as_corrections(entries: dict[str, str]) -> None:
    # a claim the article does not make is labelled so a reader can tell it apart from the article
    assert re.search(r"\bcorrection\b|\bnote\b|article does not say|article says .* but", entries["opioid-painkillers"],
                     re.IGNORECASE)
    assert re.search(r"no (author|writer)", entries["information-source"], re.IGNORECASE)
