"""Each pipeline stage on its own, on a tiny knowledge base built here, and the pipeline's rules."""

from __future__ import annotations

import pytest

from faqbot.decide import Decide
from faqbot.kb import Entry, KnowledgeBase, Settings, Smalltalk, Texts
from faqbot.pipeline import Decision, Pipeline, Query
from faqbot.reply import Reply, Suggestion
from faqbot.retrieval import Retriever
from faqbot.safety import Route
from faqbot.smalltalk import SmalltalkMatcher
from faqbot.stages import (
    Analyse,
    BuildReply,
    Define,
    EnglishOnly,
    Language,
    OutgoingGuard,
    Retrieve,
    SafetyRoute,
    Sanitise,
    Scope,
    SmalltalkStage,
)
from faqbot.text import Normalizer

TEXTS = Texts(referral="Ask a doctor or pharmacist.", emergency="Call emergency services now.",
              self_harm="Call emergency services or a crisis line now.", fallback="No answer.",
              did_you_mean="Did you mean?")
ENTRIES = (
    Entry("owls", "What do owls eat?", "Owls eat mice.", "Birds", ("owl diet", "food of owls"), ("bats",),
          ("owls",)),
    Entry("bats", "How do bats find their way?", "Bats use echoes.", "Mammals", ("bat echolocation",), (),
          ("bats", "echolocation")),
    Entry("moths", "Why do moths fly to lamps?", "Moths steer by light.", "Insects", ("moths and light",)),
)
SETTINGS = Settings(answer_threshold=58, suggest_threshold=36, ambiguity_margin=3, max_suggestions=2,
                    max_question_chars=60)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(ENTRIES, TEXTS, SETTINGS, (Smalltalk("hi", ("hello", "hi there"), "Hello!"),))


@pytest.fixture(scope="module")
def retriever(kb: KnowledgeBase) -> Retriever:
    corpus = [t for e in kb.entries for t in (e.question, *e.alternates, e.answer, *e.defines)]
    return Retriever(kb, Normalizer({}, corpus))


def analysed(retriever: Retriever, text: str) -> Query:
    return Analyse(retriever.normalizer, 60).run(Query(raw=text, text=text))


# --- the deciding stages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "decided"),
    [("what do owls eat", "what do owls eat", False), ("   \x00 ", "   \x00 ", True),
     ("x" * 100, "x" * 60, False), ("\ufb01sh", "fish", False)],
)
def test_sanitise_normalises_cuts_and_decides_only_empty_questions(raw: str, text: str, decided: bool) -> None:
    query = Sanitise(60).run(Query(raw=raw))
    assert query.text == text
    assert (query.decision is not None) is decided
    assert query.steps[-1].stage == "sanitise"


@pytest.mark.parametrize(
    ("route", "kind"),
    [(None, None), (Route("referral", "dose", "dose"), "referral"), (Route("emergency", "overdose", "x"), "emergency")],
)
def test_safety_route_decides_what_the_router_says(route: Route | None, kind: str | None) -> None:
    query = SafetyRoute(lambda text: route, lambda text: text.upper()).run(Query(raw="q", text="q"))
    assert (query.decision.kind if query.decision else None) == kind
    assert query.steps[-1].lines == ("reads: Q",)


@pytest.mark.parametrize(
    ("text", "smalltalk"), [("hello", True), ("hi there!", True), ("hello, what do owls eat", False)]
)
def test_smalltalk_only_when_it_is_the_whole_message(kb: KnowledgeBase, text: str, smalltalk: bool) -> None:
    query = SmalltalkStage(SmalltalkMatcher(kb.smalltalk)).run(Query(raw=text, text=text))
    assert (query.decision is not None) is smalltalk
    if smalltalk:
        assert query.decision is not None and query.decision.text == "Hello!"


def test_scope_falls_back_on_another_medicine() -> None:
    stage = Scope(lambda text: "aspirin" if "aspirin" in text else None)
    assert stage.run(Query(raw="owls", text="owls")).decision is None
    decided = stage.run(Query(raw="aspirin for owls", text="aspirin for owls")).decision
    assert decided is not None and decided.kind == "fallback" and "aspirin" in decided.reason


def test_analyse_records_terms(retriever: Retriever) -> None:
    query = analysed(retriever, "What do owls eat?")
    assert query.analysis is not None and "owl" in query.analysis.terms
    assert query.steps[-1].data["terms"] == list(query.analysis.terms)


def test_retrieve_ranks_and_falls_back_when_nothing_is_close(retriever: Retriever) -> None:
    stage = Retrieve(retriever, limit=2, min_score=36)
    found = stage.run(analysed(retriever, "owl diet"))
    assert found.ranked and found.ranked[0].entry.id == "owls" and found.decision is None
    nothing = stage.run(analysed(retriever, "quantum chromodynamics"))
    assert nothing.ranked == () and nothing.decision is not None and nothing.decision.kind == "fallback"


def test_retrieve_can_list_more_candidates_than_it_uses(retriever: Retriever) -> None:
    shown = Retrieve(retriever, limit=1, min_score=36, shown=3).run(analysed(retriever, "owls bats moths"))
    assert len(shown.ranked) == 1 and len(shown.steps[-1].lines) == 3


def test_define_answers_with_the_defining_entry_and_notes_unknown_terms(retriever: Retriever) -> None:
    stage = Define(retriever)
    asked = stage.run(analysed(retriever, "so what are bats, then?"))
    assert asked.decision is not None and asked.decision.candidate is not None
    assert asked.decision.candidate.entry.id == "bats"
    unknown = stage.run(analysed(retriever, "what is a platypus"))
    assert unknown.decision is None and unknown.undefined == "platypus"


@pytest.mark.parametrize(
    ("question", "kind"),
    [("What do owls eat?", "answer"), ("owls bats", "suggest"), ("owl diet bats echo moths lamp", "suggest")],
)
def test_decide_answers_only_a_clear_winner(retriever: Retriever, question: str, kind: str) -> None:
    query = Retrieve(retriever, limit=2, min_score=0).run(analysed(retriever, question))
    decided = Decide(SETTINGS, retriever).run(query).decision
    assert decided is not None and decided.kind == kind


def test_decide_offers_suggestions_for_an_undefined_term_unless_asked_word_for_word(retriever: Retriever) -> None:
    decide = Decide(SETTINGS, retriever)
    query = Retrieve(retriever, limit=2, min_score=0).run(analysed(retriever, "what do owls eat"))
    exact = decide.run(query.noted("define", "x", undefined="owls")).decision
    assert exact is not None and exact.kind == "answer"
    other = Retrieve(retriever, limit=2, min_score=0).run(analysed(retriever, "owl diet food"))
    weak = decide.run(other.noted("define", "x", undefined="owl diet food")).decision
    assert weak is not None and weak.kind == "suggest"


def test_decide_falls_back_when_the_winner_never_mentions_a_required_term(retriever: Retriever) -> None:
    query = Retrieve(retriever, limit=2, min_score=0).run(analysed(retriever, "what do owls eat"))
    decided = Decide(SETTINGS, retriever).run(query.noted("context", "x", require=frozenset({"platypus"})))
    assert decided.decision is not None and decided.decision.kind == "fallback"
    assert "platypus" in decided.decision.reason


# --- building and guarding the reply -----------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "kind", "text"),
    [(Decision("fallback", "empty"), "fallback", "No answer."),
     (Decision("suggest", "weak"), "fallback", "No answer."),
     (Decision("referral", "r", route=Route("referral", "dose", "dose")), "referral", TEXTS.referral),
     (Decision("emergency", "e", route=Route("emergency", "overdose", "x")), "emergency", TEXTS.emergency),
     (Decision("emergency", "e", route=Route("emergency", "self-harm", "x")), "emergency", TEXTS.self_harm),
     (Decision("smalltalk", "s", text="Hello!"), "smalltalk", "Hello!")],
)
def test_build_reply_takes_texts_from_the_knowledge_base(kb: KnowledgeBase, decision: Decision, kind: str,
                                                          text: str) -> None:
    reply = BuildReply(kb).run(Query(raw="q", decision=decision)).reply
    assert reply is not None and (reply.kind, reply.text) == (kind, text)


def test_build_reply_answers_with_related_suggestions(kb: KnowledgeBase, retriever: Retriever) -> None:
    top = retriever.rank(retriever.normalizer.analyze("what do owls eat"), 1)[0]
    reply = BuildReply(kb).run(Query(raw="q", decision=Decision("answer", "a", candidate=top))).reply
    assert reply is not None and reply.id == "owls" and [s.id for s in reply.suggestions] == ["bats"]


def test_outgoing_guard_turns_a_dose_figure_into_a_referral() -> None:
    guard = OutgoingGuard(lambda text: "5 mg" if "mg" in text else None, "Ask a pharmacist.")
    safe = Query(raw="q", reply=Reply(kind="answer", text="Owls eat mice."))
    assert guard.run(safe).reply == safe.reply
    leaked = guard.run(Query(raw="q", reply=Reply(kind="answer", text="Take 5 mg.")))
    assert leaked.reply == Reply(kind="referral", text="Ask a pharmacist.", rule="outgoing-dose-guard")


# --- the pipeline ------------------------------------------------------------------------------


class _Decider:
    name = "decider"
    decides = True

    def run(self, query: Query) -> Query:
        return query.decided(self.name, Decision("fallback", "always"))


class _Counter:
    decides = True

    def __init__(self, name: str) -> None:
        self.name = name

    def run(self, query: Query) -> Query:
        return query.noted(self.name, "ran")


def test_pipeline_skips_deciding_stages_after_a_decision(kb: KnowledgeBase) -> None:
    pipeline = Pipeline([_Counter("first"), _Decider(), _Counter("skipped"), BuildReply(kb)])  # type: ignore[list-item]
    reply, trace = pipeline.run("anything")
    assert reply.kind == "fallback"
    assert [s.stage for s in trace.steps] == ["first", "decider", "reply"]


def test_pipeline_needs_unique_stage_names_and_a_reply() -> None:
    with pytest.raises(ValueError, match="unique"):
        Pipeline([_Counter("a"), _Counter("a")])  # type: ignore[list-item]
    with pytest.raises(RuntimeError, match="without a reply"):
        Pipeline([_Counter("a")]).run("q")  # type: ignore[list-item]


@pytest.mark.parametrize(("lang", "decided"), [("en", False), ("es", True)])
def test_language_is_recorded_and_other_languages_get_the_english_only_text(kb: KnowledgeBase, lang: str,
                                                                             decided: bool) -> None:
    query = Language(lambda text: lang).run(Query(raw="q", text="q"))
    assert query.lang == lang and query.decision is None  # detecting never decides: routing comes first
    after = EnglishOnly(kb.texts).run(query)
    assert (after.decision is not None) is decided
    if decided:
        assert after.decision is not None and after.decision.text == kb.texts.english_only


@pytest.mark.parametrize(
    "reply",
    [Reply(kind="answer", text="Fine.", question="Is 5 mg enough?"),
     Reply(kind="answer", text="Fine.", section="Dosing at 5 mg"),
     Reply(kind="fallback", text="Did you mean?", suggestions=(Suggestion("x", "What about 5 mg?"),))],
)
def test_outgoing_guard_reads_every_text_a_reply_shows(reply: Reply) -> None:
    guard = OutgoingGuard(lambda text: "5 mg" if "5 mg" in text else None, "Ask a pharmacist.")
    assert guard.run(Query(raw="q", reply=reply)).reply == Reply(kind="referral", text="Ask a pharmacist.",
                                                                 rule="outgoing-dose-guard")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # one suggestion far ahead, explaining most of the question: answered
        ("ldn adverse effects: poor sleep quality", "answer"),
        # one suggestion, but most of the question is about something no entry covers: did-you-mean
        ("fibromyalgia diet tips", "fallback"),
    ],
)
def test_a_did_you_mean_with_one_clearly_right_suggestion_answers(question: str, kind: str) -> None:
    from faqbot import FAQBot

    reply, trace = FAQBot.from_yaml().ask_traced(question)
    assert reply.kind == kind
    decide = trace.step("decide")
    assert decide is not None and decide.summary.startswith("answer: one clear" if kind == "answer" else "suggest")


def test_a_message_that_tells_first_is_answered_by_its_last_question(bot):
    reply, trace = bot.ask_traced("I keep seeing LDN mentioned on a forum about chronic pain and everyone has an "
                                  "opinion. What side effects has it been linked to?")
    assert (reply.kind, reply.id) == ("answer", "side-effects")
    step = trace.step("decide")
    assert step is not None and "last question read alone" in step.summary


@pytest.mark.parametrize("message", ["Is LDN safe? Every website says something different.",
                                     "is it true LDN is safe??? every website says something different"])
def test_a_question_asked_first_is_answered_without_what_follows(bot, message):
    # (only a rest that names nobody: "every website I read" names the asker, and is left to the whole message)
    reply, trace = bot.ask_traced(message)
    assert reply.kind == "answer"
    step = trace.step("decide")
    assert step is not None and "last question read alone" in step.summary


@pytest.mark.parametrize("message", ["What are the side effects of LDN? My wife's hair is thinning.",
                                     "Does LDN interact with other medicines? He's on Plavix."])
def test_a_question_asked_first_is_not_answered_alone_when_a_case_follows(bot, message):
    # the safety stage reads a case told first; told after, it may be what the question is about
    step = bot.ask_traced(message)[1].step("decide")
    assert step is None or "last question read alone" not in step.summary


@pytest.mark.parametrize(("message", "entry"), [
    ("Heard about LDN on a podcast on my drive to work. What side effects does it have?", "side-effects"),
    ("I'm a physio and some of my clients are on LDN. What are the usual side effects?", "side-effects"),
    ("Doc at work (I'm the receptionist) mentioned LDN in passing. What's it used for?", "ldn-conditions"),
])
def test_a_last_question_reads_the_drug_the_message_named_before_it(bot, message, entry):
    reply, trace = bot.ask_traced(message)
    assert (reply.kind, reply.id) == ("answer", entry)
    step = trace.step("decide")
    assert step is not None and "last question read alone" in step.summary


@pytest.mark.parametrize("message", [
    # pointing back at what the message told, not at the drug
    "My dad feels very tired on LDN. Is that typical for it?",
    "My dad feels very tired on LDN. What does that mean?",
    "My friend crushes and snorts naltrexone. What does that drug do?",
    # asking nothing of its own
    "He said naltrexone is an opioid, she said it isn't. Who's right?",
    # a verdict on the case told, not a fact (a review found these answered)
    "I ordered LDN online. Is it safe?",
    "My dad feels very tired on LDN. Is it typical?",
    "My dad feels very tired on LDN. Is it too strong?",
    # not asking what or how: a fragment or a yes or no after a story of a pet, a purchase or a case asks about it
    "Our vet gave the cat LDN for cystitis. any risks?",
    "I ordered LDN from a website overseas. side effects?",
    "My cousin posted me some LDN from Canada. legal?",
    # a word or two of its own that the second opinion is not sure of
    "An influencer I follow takes LDN. Is it natural?",
    "Read about LDN last night. Is it made from plants?",
    "Read about LDN last night. What is it made from?",
])
def test_a_last_question_pointing_back_is_not_given_the_drug(bot, message):
    step = bot.ask_traced(message)[1].step("decide")
    assert step is None or "last question read alone" not in step.summary


@pytest.mark.parametrize(("message", "last"), [
    ("My friend mentioned it. Is it safe?", "is it safe?"),
    ("is it safe?", None),  # one sentence: nothing told first
    # the question may come first, the rest only telling something
    ("What is LDN? I read about it.", "what is ldn?"),
    ("whats LDN. my chiro brought it up", "whats ldn."),
    ("I read about it. I liked it.", None),  # nothing asked
])
def test_last_question(message, last):
    from faqbot.text import clean, last_question

    assert last_question(clean(message)) == last
