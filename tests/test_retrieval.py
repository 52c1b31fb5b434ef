"""The fast MaxScore ranker returns exactly the exhaustive reference ranking."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faqbot import FAQBot
from faqbot.kb import Entry, KnowledgeBase, Settings, Texts
from faqbot.retrieval import ExhaustiveRanker, Retriever
from faqbot.text import Normalizer

TEXTS = Texts(referral="Ask a doctor or pharmacist.", emergency="Call emergency services now.",
              self_harm="Call emergency services now.", fallback="No answer.", did_you_mean="Did you mean?")
WORDS = ("owl", "bat", "moth", "mouse", "night", "echo", "lamp", "wing", "feather", "cave", "light", "food",
         "hunt", "sleep", "fly", "eat", "small", "brown", "fast", "quiet")


def _kb(texts: list[list[str]]) -> KnowledgeBase:
    entries = tuple(
        Entry(f"e{i}", " ".join(words[:3]) or "empty", " ".join(words), "S", (" ".join(words[1:]),))
        for i, words in enumerate(texts)
    )
    return KnowledgeBase(entries, TEXTS, Settings())


_ENTRY = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)
_QUESTION = st.lists(st.sampled_from((*WORDS, "zebra", "what", "how")), min_size=1, max_size=10)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(_ENTRY, min_size=1, max_size=25), question=_QUESTION, limit=st.integers(1, 6),
       min_score=st.sampled_from([0.0, 20.0, 36.0, 58.0]))
def test_maxscore_ranker_equals_the_reference(entries: list[list[str]], question: list[str], limit: int,
                                              min_score: float) -> None:
    kb = _kb(entries)
    corpus = [t for e in kb.entries for t in (e.question, *e.alternates, e.answer)]
    retriever = Retriever(kb, Normalizer({}, corpus))
    analysis = retriever.normalizer.analyze(" ".join(question))
    fast = retriever.rank(analysis, limit, min_score)
    reference = [c for c in ExhaustiveRanker(retriever.index).rank(analysis, limit) if c.score >= min_score]
    assert [(c.entry.id, c.score, c.matched) for c in fast] == [(c.entry.id, c.score, c.matched) for c in reference]


@pytest.fixture(scope="module")
def bundled() -> FAQBot:
    return FAQBot.from_yaml()


@settings(max_examples=100, deadline=None)
@given(question=st.text(alphabet=st.sampled_from("abcdefghilmnoprstuwxyz "), max_size=60)
       | st.lists(st.sampled_from(("ldn", "naltrexone", "microglia", "pain", "side", "effects", "fda", "trials",
                                   "how", "what", "work", "addiction", "endorphins", "fibromyalgia")),
                  max_size=8).map(" ".join))
def test_maxscore_ranker_equals_the_reference_on_the_bundled_knowledge_base(bundled: FAQBot, question: str) -> None:
    analysis = bundled.normalizer.analyze(question)
    fast = bundled.retriever.rank(analysis, 5)
    reference = bundled.retriever.rank_exhaustive(analysis, 5)
    assert [(c.entry.id, c.score, c.matched) for c in fast] == [(c.entry.id, c.score, c.matched) for c in reference]


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("what are microglia", "microglia"),
        ("what the heck are microglia", "microglia"),
        ("what exactly is ldn", "what-is-ldn"),
        ("my teacher kept talking about microglia in class today, what are they?", "microglia"),
        ("i keep reading about endorphins and pain, what are those?", "endorphins"),
        ("microglia and endorphins, what are they", None),  # two things named: not one definition
        # ... unless only one of them agrees in number with the pronoun
        ("an article on ldn kept mentioning microglia and i got lost. what are they?", "microglia"),
        ("my son asked me about microglia after i told him about my aunt's ldn. what are they?", "microglia"),
        # ... "it" tells nothing ("what is microglia?" is how people ask), nor a term an entry only explains in passing
        ("people keep mentioning ldn and microglia, what is it?", None),
        ("ldn and naltrexone keep coming up, what are they?", None),
        ("naltrexone blocks opioid painkillers. what are those?", None),
        # a word named as a word is what is asked about, defined here or not
        ("my doc mentioned something called microglia, what are they", "microglia"),
        ("my pain doctor mentioned ldn and something called glutamate. what is that?", None),
        ("my doctor talked about something called naltrexone and something called endorphins. what are they",
         "endorphins"),
        ("i know what microglia are, but what triggers them", None),
        # the name said with the kind of thing it is
        ("what's LDN medication", "what-is-ldn"),
        ("what is the drug ldn", "what-is-ldn"),
        # ... but a kind alone names nothing, and beside another name it is part of it ("pain medicine" is no kind
        # of pain)
        ("what is the medicine", None),
        ("what is pain medicine", None),
        ("what is microglia therapy", None),
        # how plainly it is asked for, ending the question, is no part of the term
        ("my mum hates jargon. what are microglia in plain words?", "microglia"),
        ("what are endorphins in simple terms please", "endorphins"),
        ("what is ldn exactly", "what-is-ldn"),
        # ... but "actually" before more words is no such ending
        ("what is it actually doing in the body to relieve pain?", None),
        # ... and asked for plainly, only a whole term an entry defines is (not "opioid" of "opioid antagonist"), and
        # never "it" or "that" (a review: "...suggested ketamine. what is that in plain words?" reached LDN)
        ("what are opioids in plain words?", None),
        ("what is pain in simple terms?", None),
        ("my doctor suggested ketamine after LDN failed. what is it in plain words?", None),
    ],
)
def test_definition_requests_find_the_defining_entry(bundled: FAQBot, question: str, entry: str | None) -> None:
    found = bundled.retriever.definitions.defining_entry(bundled.normalizer.analyze(question))
    assert (found.id if found else None) == entry


def test_replies_do_not_depend_on_the_string_hash_seed() -> None:
    import json
    import os
    import subprocess
    import sys

    code = ("import json; from faqbot import FAQBot; b = FAQBot.from_yaml();"
            "print(json.dumps([b.ask_traced(q, shown=5)[1].to_dict() for q in"
            " ['groups trials too', 'ldn studies evidence', 'microglia and endorphins', 'side effects sleep']]))")
    runs = []
    for seed in ("0", "1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "FAQBOT_NO_CACHE": "1"}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    assert runs[0] == runs[1] == runs[2]


def _kb_with_answers(texts: list[tuple[list[str], list[str]]]) -> KnowledgeBase:
    entries = tuple(
        Entry(f"e{i}", " ".join(asked[:3]) or "empty", " ".join(answer) or "empty", "S", (" ".join(asked[1:]),))
        for i, (asked, answer) in enumerate(texts)
    )
    return KnowledgeBase(entries, TEXTS, Settings())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(st.tuples(_ENTRY, _ENTRY), min_size=1, max_size=25), question=_QUESTION,
       limit=st.integers(1, 6), min_score=st.sampled_from([0.0, 20.0, 36.0, 58.0]))
def test_maxscore_ranker_equals_the_reference_with_answers_of_their_own(
        entries: list[tuple[list[str], list[str]]], question: list[str], limit: int, min_score: float) -> None:
    # Answers whose words the questions do not use: entries found through their answer alone.
    kb = _kb_with_answers(entries)
    corpus = [t for e in kb.entries for t in (e.question, *e.alternates, e.answer)]
    retriever = Retriever(kb, Normalizer({}, corpus))
    analysis = retriever.normalizer.analyze(" ".join(question))
    fast = retriever.rank(analysis, limit, min_score)
    reference = [c for c in ExhaustiveRanker(retriever.index).rank(analysis, limit) if c.score >= min_score]
    assert [(c.entry.id, c.score, c.matched, c.by_answer) for c in fast] == [
        (c.entry.id, c.score, c.matched, c.by_answer) for c in reference]


def test_an_answer_finds_its_entry_below_a_wording_that_matches_as_well() -> None:
    kb = _kb_with_answers([(["owl", "night"], ["owl", "hunt", "mouse"]), (["bat", "cave"], ["bat", "echo"])])
    retriever = Retriever(kb, Normalizer({}, [t for e in kb.entries for t in (e.question, e.answer)]))
    # Only the first answer uses "hunt": the entry is found through it, and scores below a wording.
    by_answer = retriever.rank(retriever.normalizer.analyze("hunt mouse"), 2)
    assert [(c.entry.id, c.by_answer) for c in by_answer] == [("e0", True)]
    by_wording = retriever.rank(retriever.normalizer.analyze("owl night"), 1)[0]
    assert not by_wording.by_answer and by_wording.score > by_answer[0].score
    # An answer explaining too little of the question is not a match at all.
    assert retriever.index.answers.scores({"hunt": 1.0, "zebra": 3.0}, 4.0) == {}


@pytest.mark.parametrize(("question", "entry"), [
    # chat runs "what's" together: still a request to define
    ("whats LDN?? keep seeing it on tiktok", "what-is-ldn"),
    ("wats an endorphin?", "endorphins"),
    # "what are they?" after a message naming two defined terms: the one named as a word
    ('I came across the word "microglia" in an article about LDN and had to stop reading. What are they?',
     "microglia"),
    ("my doctor used the term glia and mentioned LDN, what are those?", "microglia"),
])
def test_a_definition_request_finds_the_entry_that_defines_the_term(question: str, entry: str) -> None:
    reply = FAQBot.from_yaml().ask(question)
    assert (reply.kind, reply.id) == ("answer", entry)


@pytest.mark.parametrize(("question", "entry"), [
    # a word no entry uses is a doubt the second opinion may settle, at five times its usual lead
    ("what triggers microglia to go haywire", "microglia-triggers"),
    ("do I really need a doctor before using LDN or is that just a disclaimer?", "consult-doctor"),
    # ... but a country asked of is what the question is about: the article's figures are American
    ("What percentage of adults in the UK have an alcohol problem?", None),
    # ... and so is a word after "in", "with" or "from", written small
    ("what do clinical trials show about LDN in the netherlands", None),
    ("what do clinical trials show about LDN with suboxone", None),
])
def test_a_word_no_entry_uses_yields_to_a_far_surer_second_opinion(bundled: FAQBot, question: str,
                                                                    entry: str | None) -> None:
    reply = bundled.ask(question)
    assert (reply.kind, reply.id) == (("answer", entry) if entry else ("fallback", None)), question
