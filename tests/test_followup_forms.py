"""How follow-ups are read against their context: one table per mechanism (issue #12).

The questions here are written for these tests, not taken from the bench sets.
"""

from __future__ import annotations

import pytest

from faqbot import FAQBot
from faqbot.text.people import group_told
from faqbot.text.pointing import lists_kinds
from faqbot.text.swap import side_by_side
from faqbot.text.turns import (
    asks_next,
    changes_topic,
    fronted,
    purpose,
    question_form,
    relates,
    repaired,
    without_hedges,
    without_openers,
)

BOT = FAQBot.from_yaml()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wait, don't they do that?", "don't they do that?"),
        ("hang on, is it legal?", "is it legal?"),
        ("sorry, what are they?", "what are they?"),
        ("ok so and why?", "why?"),
        ("and", "and"),  # nothing but an opener: left as it is
        ("where is it sold", "where is it sold"),
    ],
)
def test_openers_are_left_out(text: str, expected: str) -> None:
    assert without_openers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("where do people usually get it then", "where do people get it"),
     ("what does it do, exactly?", "what does it do"), ("how does it work", "how does it work")],
)
def test_hedges_are_left_out(text: str, expected: str) -> None:
    assert without_hedges(text) == expected


@pytest.mark.parametrize(
    ("text", "form"),
    [("how does it help?", "how"), ("does it work?", "yes-no"), ("so why?", "why"), ("how come?", "why"),
     ("which ones?", "what"), ("wait, is it approved?", "yes-no"), ("tell me more", None), ("", None)],
)
def test_question_form(text: str, form: str | None) -> None:
    assert question_form(text) == form


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and in crohns, what did the research find?", ("crohns", "what did the research find")),
        ("as for the trials, what did they show?", ("the trials", "what did they show")),
        ("the full strength version - what is that for?", ("the full strength version", "what is that for")),
        ("if it is not approved, why do doctors prescribe it?", None),  # a condition, not a topic
        ("ms, crohns, fibro", None),  # no question after the topic
        ("what is naltrexone?", None),
        ("my neurologist mentioned microglia, what are they?", None),  # the asker's story, not a topic
        ("my MS, what did the trials find?", ("my MS", "what did the trials find")),
    ],
)
def test_a_topic_put_before_its_question(text: str, expected: tuple[str, str] | None) -> None:
    assert fronted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("then what?", True), ("and then what?", True), ("ok, once they're on, what happens next?", True),
     ("what happens then", True), ("what happens to them then?", False), ("then what is it for?", False),
     ("and once they're switched on?", True), ("then what, after they get activated?", True),
     ("once they're on, is it painful?", False), ("and then what do they do", True),
     ("then what does it do?", True), ("then what do they do to the nerves?", False),
     ("what do they do after?", True), ("and what does it do next", True), ("what do they do after meals?", False),
     ("then what do the microglia do?", False)],
)
def test_a_turn_asking_for_the_next_step(text: str, expected: bool) -> None:
    assert asks_next(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("where does ldn come into it?", ("ldn", "work")), ("how does naltrexone fit in?", ("naltrexone", "work")),
     ("what has the fda got to do with that?", ("the fda", "work")), ("where does it come into it?", None),
     ("where does ldn come from?", None), ("how would ldn help with that?", ("ldn", "help")),
     ("how does naltrexone help them?", ("naltrexone", "help")),
     ("can naltrexone do anything about it?", ("naltrexone", "work")), ("how do people deal with it?", None),
     ("how does ldn help people?", None)],
)
def test_a_turn_asking_how_something_bears_on_the_topic(text: str, expected: tuple[str, str] | None) -> None:
    assert relates(text) == expected


@pytest.mark.parametrize(
    ("text", "new"),
    [("unrelated, but what are endorphins?", True), ("ok, different question: is ldn safe?", True),
     ("by the way, is it approved?", True), ("and is it approved?", False), ("what about another drug?", False)],
)
def test_a_turn_that_says_it_changes_the_topic(text: str, new: bool) -> None:
    assert changes_topic(text) is new


@pytest.mark.parametrize(
    ("context", "question", "kind", "entry"),
    [
        # openers and hedges do not hide what is asked
        ("microglia-triggers", "hmm, what are those exactly?", "answer", "microglia"),
        ("what-is-ldn", "so where do people actually get it?", "answer", "compounding-pharmacies"),
        # a follow-up asking nothing but the thing itself: the answer just given is the one there is
        ("side-effects", "anything besides that?", "answer", "side-effects"),
        ("ldn-conditions", "anything else apart from those?", "answer", "ldn-conditions"),
        # ... but "what do they do?" asks something: read against the topic, which may be the context's own
        ("microglia", "so what do they do?", "answer", "microglia"),
        # ... unless it asks what they do next, once set off: the step after the triggers
        ("microglia-triggers", "and then what do they do?", "answer", "microglia-activation-effects"),
        # read against its topic, the follow-up is one of the context entry's own wordings: that entry
        ("endorphins", "and how does ldn affect them?", "answer", "endorphins"),
        # "they" is never the drug, and with nothing asked by name neither is "it"
        ("side-effects", "how do people deal with it?", "answer", "side-effects"),
        # ... while "it" beside "those" still is
        ("ldn-conditions", "has it been approved for any of those?", "answer", "fda-status"),
        # "they", "those" cannot be the knowledge base's subject: when the answer covers what is asked,
        # it answers again rather than the question read alone
        ("clinical-trials", "how many people took part in those?", "answer", "clinical-trials"),
        ("microglia", "hold on, aren't they most of the brain?", "answer", "microglia"),
        # the context question's words in another form ask something else
        ("naltrexone-mechanism", "but does it really work?", "answer", "naltrexone-success"),
        # ... but the same words in the same form are the same question, answered again
        ("naltrexone-opioid", "so is it habit forming?", "answer", "naltrexone-opioid"),
        # "what is it?" after a question naming the drug asks what the drug is
        ("compounding-pharmacies", "what is it again?", "answer", "what-is-ldn"),
        ("fda-status", "sorry, what is it exactly?", "answer", "what-is-ldn"),
        # "how?" moves to a related entry asking how; with none, the context question is asked again
        ("low-dose-properties", "how?", "answer", "ldn-mechanism"),
        # "why?" is asked again of an answer that gives a reason ("..., because it can react with other drugs")
        ("consult-doctor", "why?", "answer", "consult-doctor"),
        # ... but the reason an answer about the drug gives is how the drug works, told in full by a related entry
        ("opioid-painkillers", "why?", "answer", "naltrexone-mechanism"),
        ("naltrexone-opioid", "how come?", "answer", "naltrexone-mechanism"),
        # "why is that?", "how is that possible?" are bare questions too; the FDA answer gives no reason,
        # and saying it again would not answer why
        ("fda-status", "hmm, why is that?", "fallback", None),
        ("fda-status", "why not?", "fallback", None),
        ("low-dose-properties", "why?", "fallback", None),
        ("low-dose-properties", "how does that happen?", "answer", "ldn-mechanism"),
        # "like what?", "which diseases?": the things the answer just given names
        ("drug-interactions", "such as?", "answer", "drug-interactions"),
        ("clinical-trials", "which diseases?", "answer", "clinical-trials"),
        ("ldn-conditions", "like what?", "answer", "ldn-conditions"),
        # a topic put before the question is what the question asks about
        ("non-autoimmune-conditions", "and for Crohn's, what did studies show?", "answer", "clinical-trials"),
        ("what-is-ldn", "and for migraines, does it work?", "fallback", None),
        ("ldn-conditions", "what about cancer - does it help?", "fallback", None),
        # a turn that says it changes the topic is read on its own
        ("what-is-ldn", "unrelated, but what are endorphins?", "answer", "endorphins"),
        ("microglia", "by the way, is ldn approved?", "answer", "fda-status"),
        # "what about X?": the context entry's own preference does not veto the entry that names X
        ("non-autoimmune-conditions", "what about crohn's disease?", "answer", "clinical-trials"),
        # ... and "and" before a question of its own does not make that question an X
        ("side-effects", "and what do trials show in MS?", "answer", "clinical-trials"),
        # the step after this one: the first related entry the curator listed
        ("microglia-triggers", "then what?", "answer", "microglia-activation-effects"),
        ("microglia-triggers", "so when they're active, what happens then?", "answer", "microglia-activation-effects"),
        ("microglia", "and then what?", "answer", "microglia-triggers"),
        # how something named bears on the topic just told: not the entry that only told the topic
        ("endorphins", "how does low dose naltrexone fit in?", "answer", "ldn-mechanism"),
        ("microglia", "what has LDN got to do with them?", "answer", "ldn-mechanism"),
        # "those cells" are the cells the answer just given names: microglia after the pain answer
        ("pain-type", "what sets those cells off?", "answer", "microglia-triggers"),
        ("pain-type", "what are these cells you mention?", "answer", "microglia"),
        ("pain-type", "how does LDN calm those cells down?", "answer", "ldn-mechanism"),
        # a figure no entry uses does not stop the answer just given from covering the claim checked
        ("microglia", "is it true they're 70% of the nervous system?", "answer", "microglia"),
        # "how does it do that?" is "how?"; what it is for must be what the entry it moves to covers
        ("low-dose-properties", "so how does it do that for pain?", "answer", "ldn-mechanism"),
        ("low-dose-properties", "how does it do that for sleep?", "answer", "side-effects"),
        # "which diseases did they test?": which of the things the answer just given names
        ("clinical-trials", "which diseases did they test?", "answer", "clinical-trials"),
        ("ldn-conditions", "which ones did they test?", "answer", "ldn-conditions"),
        # a word or two asked of the topic just told: the entry covering that side of it
        ("what-is-ldn", "legal?", "answer", "fda-status"),
        ("naltrexone-uses", "mechanism?", "answer", "naltrexone-mechanism"),
        ("naltrexone-uses", "effective?", "answer", "naltrexone-success"),
        ("microglia", "and triggers?", "answer", "microglia-triggers"),
        # typos and chat spellings are put right before the forms are read
        ("microglia", "wat sets em off", "answer", "microglia-triggers"),
        ("microglia", "wut has ldn got to do w em", "answer", "ldn-mechanism"),
        ("what-is-ldn", "sied effects?", "answer", "side-effects"),
        # "who is it for?" asks what it is used for, not who to ask
        ("what-is-ldn", "so who's it meant for?", "answer", "ldn-conditions"),
        # "after" is not a misspelt "later": the step after this one, not a goodbye
        ("microglia-triggers", "ok and after that?", "answer", "microglia-activation-effects"),
        # asked again more simply: the answer just given (the answers are plain already)
        ("ldn-mechanism", "could you put that in plain english?", "answer", "ldn-mechanism"),
        ("endorphins", "eli5 pls", "answer", "endorphins"),
        # a term no entry defines, which the answer just given uses and explains
        ("pain-type", "what does autoimmune even mean", "answer", "pain-type"),
        ("clinical-trials", "what is an autoimmune disorder?", "answer", "clinical-trials"),
        # ... but not one it never uses
        ("endorphins", "what does autoimmune mean?", "fallback", None),
        # "how?" after what the drug is used for: the one entry asking how that drug does it
        ("ldn-conditions", "how so?", "answer", "ldn-mechanism"),
        # whether what the answer said is all there is, asked of something it names
        ("addiction-prevalence", "wait, is that only the US", "answer", "addiction-prevalence"),
        ("side-effects", "so just insomnia then?", "answer", "side-effects"),
        # a bare term another entry defines asks what it is
        ("ldn-mechanism", "endorphins??", "answer", "endorphins"),
        ("side-effects", "n microglia", "answer", "microglia"),
        # "that dose" is the low dose the answer told of, not the drug named beside it
        ("what-is-ldn", "and what happens at that dose then", "answer", "low-dose-properties"),
        # "them" points back at what the answer was about, even where the words alone match another entry
        ("microglia", "and what does ldn do to them", "answer", "ldn-mechanism"),
        ("endorphins", "ok so how does LDN affect them", "answer", "endorphins"),
        # a did-you-mean led by the context entry, on most of what is asked: that entry
        ("information-source", "any references listed?", "answer", "information-source"),
        # "how come" asks why (no "come from"): no answer says why LDN causes insomnia
        ("side-effects", "how come it causes that?", "fallback", None),
        # whether the article says it: the answer, which tells what the article says (or that it adds a warning)
        ("opioid-painkillers", "is that in the article?", "answer", "opioid-painkillers"),
        # examples of something the answer names: the answer, which names them; of something else, nothing
        ("clinical-trials", "examples of autoimmune disorders?", "answer", "clinical-trials"),
        ("side-effects", "examples of cancer drugs?", "fallback", None),
        ("fda-status", "where does it say that?", "answer", "fda-status"),
        ("microglia-triggers", "and once theyre on?", "answer", "microglia-activation-effects"),
        ("ldn-safety", "any sidefx?", "answer", "side-effects"),
        ("what-is-ldn", "how come an addiction drug helps with pain", "answer", "ldn-mechanism"),
        # "them" are the people the answer told of, and "help" the recovery entry's own word
        ("addiction-prevalence", "and how does naltrexone help them?", "answer", "naltrexone-recovery"),
        # what the text tells of itself
        ("information-source", "when was it published?", "answer", "information-source"),
        ("information-source", "does it cite any studies?", "answer", "information-source"),
        # the other form of the drug, asked of the context question (faqbot/text/swap.py)
        ("naltrexone-uses", "and the low dose version?", "answer", "ldn-conditions"),
        ("naltrexone-mechanism", "and the low dose one?", "answer", "ldn-mechanism"),
        ("naltrexone-mechanism", "does the low dose stuff work the same way?", "answer", "ldn-mechanism"),
        ("ldn-conditions", "what about regular naltrexone?", "answer", "naltrexone-uses"),
        # ... or the turn's own question asked of it
        ("what-is-ldn", "and the full strength version, whats that for?", "answer", "naltrexone-uses"),
        ("low-dose-properties", "so what's the big dose used for?", "answer", "naltrexone-uses"),
        # the article lists no side effects of naltrexone at its usual strength
        ("side-effects", "what about regular naltrexone?", "fallback", None),
    ],
)
def test_follow_up_mechanisms(context: str, question: str, kind: str, entry: str | None) -> None:
    reply = BOT.ask(question, context=context)
    assert (reply.kind, reply.id) == (kind, entry)


@pytest.mark.parametrize(
    ("context", "question"),
    [
        ("side-effects", "sorry, how much of it should I take?"),
        ("what-is-ldn", "as for my son, can he take it?"),
        ("clinical-trials", "wait, can I take it with my warfarin?"),
        ("side-effects", "anything besides that for my dad?"),
        ("ldn-conditions", "and for my fibro, what dose?"),
        ("what-is-ldn", "unrelated, but can I take it while pregnant?"),
        ("side-effects", "which dose?"),
        ("what-is-ldn", "like how much?"),
        ("microglia-triggers", "and then what? how much should I take?"),
        ("endorphins", "where does my dose come into it?"),
        ("endorphins", "where does 4.5 mg come into it?"),
        ("ldn-mechanism", "where do I come into it?"),
        ("microglia-triggers", "what happens next if I overdose?"),
        ("pain-type", "can I take it for those cells you mention?"),
        ("clinical-trials", "which doses did they use?"),
        ("low-dose-properties", "how does it do that for my back pain?"),
        ("low-dose-properties", "how does it do that at 4.5 mg?"),
        # fragments and misspelt follow-ups are routed as read too
        ("what-is-ldn", "dosage?"),
        ("fda-status", "how much?"),
        ("side-effects", "wat dose shud i take"),
        ("what-is-ldn", "my fibro?"),
        ("side-effects", "in plain words, how much do I take?"),
        ("pain-type", "what does autoimmune mean for my dose?"),
        # a change of treatment that names nothing it changes, after an answer about the drug
        ("what-is-ldn", "I'm thinking of stopping"),
        ("side-effects", "je veux arrêter"),
        ("side-effects", "ich will aufhören"),
    ],
)
def test_the_new_readings_never_answer_a_personal_or_dosing_follow_up(context: str, question: str) -> None:
    assert BOT.ask(question, context=context).kind in ("referral", "emergency")


def test_explain_shows_the_reading_of_a_fronted_topic() -> None:
    _, trace = BOT.ask_traced("and in crohn's, what did the trials find?", "non-autoimmune-conditions")
    step = trace.step("context")
    assert step is not None and "read as" in step.summary and "crohn" in step.summary


@pytest.mark.parametrize(
    ("context", "question"), [("clinical-trials", "which drugs?"), ("what-is-ldn", "which doctors?")]
)
def test_which_x_is_read_on_its_own_when_the_answer_never_names_x(context: str, question: str) -> None:
    reply, trace = BOT.ask_traced(question, context)
    step = trace.step("context")
    assert reply.id != context and step is not None and "read on its own" in step.summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [("wut does ldn have to do w them", "what does ldn have to do with them"), ("wat r they?", "what are they?"),
     ("and in MS, what then?", "and in MS, what then?"),
     # a contraction without its apostrophe is the contraction, not a word the corrector would pick
     ("and once theyre on?", "and once they're on?"), ("so thats it?", "so that's it?")],
)
def test_chat_spellings_are_put_right(text: str, expected: str) -> None:
    assert repaired(text, lambda word: word) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("who is it for", "what is it used for"), ("whats that meant for", "what is that used for"),
     ("what is it", "what is it"), ("who is it for in the uk", "who is it for in the uk"),
     ("who uses it?", "what is it used for"), ("who gets them", "what are they used for"),
     ("for what?", "what is it used for"), ("who uses it at night?", "who uses it at night?")],
)
def test_a_stranded_for_asks_what_it_is_used_for(text: str, expected: str) -> None:
    assert purpose(text) == expected


@pytest.mark.parametrize("text", ["ok", "cool", "hmm", "got it", "lol"])
def test_a_fragment_asking_nothing_does_not_repeat_the_answer(text: str) -> None:
    assert BOT.ask(text, context="what-is-ldn").id != "what-is-ldn"


@pytest.mark.parametrize(
    ("context", "question", "entry"),
    [
        # the answer explains the word in brackets, and no entry defines it by name
        ("microglia-activation-effects", "um, whats inflammation?", "microglia-activation-effects"),
        ("microglia-activation-effects", "what does inflammation mean", "microglia-activation-effects"),
        ("naltrexone-opioid", "sorry what is a receptor", "naltrexone-opioid"),
        ("microglia-triggers", "what's the central nervous system again?", "microglia-triggers"),
        # "that kind of" something the answer named
        ("compounding-pharmacies", "sorry, what's that type of pharmacy", "compounding-pharmacies"),
        # a term another entry defines by name goes to that entry
        ("pain-type", "what are microglia?", "microglia"),
        # explained in the next sentence ("autoimmune disorders. In these, the immune system attacks the body")
        ("clinical-trials", "what does autoimmune mean?", "clinical-trials"),
        ("side-effects", "what is insomnia?", "side-effects"),  # "insomnia, which means trouble sleeping"
        # a phrase set beside it: "opioid receptors, the docking spots on nerve cells"
        ("naltrexone-mechanism", "wait whats a receptor", "naltrexone-mechanism"),
    ],
)
def test_a_term_the_answer_explains_is_answered_by_that_answer(context: str, question: str, entry: str) -> None:
    reply = BOT.ask(question, context=context)
    assert (reply.kind, reply.id) == ("answer", entry)


@pytest.mark.parametrize(
    ("context", "question"),
    [
        ("microglia", "what's inflammation?"),  # an answer that never explains it
        # an answer that only names it ("The article names Crohn's disease and multiple sclerosis")
        ("clinical-trials", "what is crohn's disease?"), ("clinical-trials", "what's multiple sclerosis"),
        ("microglia-activation-effects", "what is inflammation like when you take it?"),  # not a definition
    ],
)
def test_a_term_the_answer_only_names_is_not_read_as_explained(context: str, question: str) -> None:
    assert BOT.ask(question, context=context).id != context


def test_explain_shows_a_term_explained_in_the_answer_read_as_the_context_question() -> None:
    _, trace = BOT.ask_traced("whats inflammation", "microglia-activation-effects")
    step = trace.step("context")
    assert step is not None and step.summary.startswith("specify follow-up to `microglia-activation-effects`")


def test_a_term_followed_by_words_that_explain_it_is_explained() -> None:
    definitions = BOT.retriever.definitions
    trials = BOT.kb.entry("clinical-trials")
    analyze = BOT.retriever.normalizer.analyze
    assert definitions.explains(frozenset(analyze("autoimmune").terms), trials)
    assert not definitions.explains(frozenset(analyze("crohn's disease").terms), trials)


@pytest.mark.parametrize(
    ("text", "drug", "question", "expected"),
    [
        ("and the low dose version?", "naltrexone", "What is naltrexone traditionally used for?",
         "What is LDN traditionally used for?"),
        ("what about regular naltrexone?", "ldn", "What conditions is LDN used for?",
         "What conditions is naltrexone used for?"),
        ("the full strength version, whats that for?", "ldn", "What is low dose naltrexone (LDN)?",
         "naltrexone, whats naltrexone for?"),
        # "that" before the form is still the context's subject
        ("is that stronger than the regular dose?", "ldn", "What is low dose naltrexone (LDN)?",
         "is that stronger than naltrexone?"),
        # the same form as the context, or none named: no other form asked about
        ("what does it do at such a small dose?", "ldn", "What is low dose naltrexone (LDN)?", None),
        ("how does ldn stop that", "ldn", "How does LDN relieve chronic pain?", None),
    ],
)
def test_swapped_reads_the_other_form(text: str, drug: str, question: str, expected: str | None) -> None:
    from faqbot.text.swap import swapped

    assert swapped(text, drug, question) == expected


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        # "those people" is the group of people the answer told of: people fighting an addiction
        ("naltrexone-success", "how many folks deal with that?", "addiction-prevalence"),
        ("naltrexone-success", "and how many people are in that boat?", "addiction-prevalence"),
        # ... while "how does it help them?" after the conditions LDN is used for asks how it works
        ("ldn-conditions", "how does it help them?", "ldn-mechanism"),
    ],
)
def test_them_is_the_group_of_people_the_answer_told_of(context: str, question: str, expected: str) -> None:
    assert BOT.ask(question, context=context).id == expected


@pytest.mark.parametrize(
    ("answer", "group"),
    [
        ("It is used to help people fight addiction to opioids, and more.", "people fight addiction to opioids"),
        ("About one adult in ten has an addiction.", "adult in ten has an addiction"),
        ("LDN blocks receptors for a short time.", None),
    ],
)
def test_the_group_an_answer_tells_of_is_its_first_people_phrase(answer: str, group: str | None) -> None:
    assert group_told(answer) == group


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        # "what do you mean by X?" asks what X is: the answer that explains it in brackets gives it again
        ("microglia-triggers", "what do you mean by central nervous system?", "microglia-triggers"),
        ("microglia-triggers", "wdym by the central nervous system", "microglia-triggers"),
        ("side-effects", "what do you mean by insomnia", "side-effects"),
        # ... and a term another entry defines is that entry's
        ("ldn-mechanism", "what do you mean by microglia?", "microglia"),
        # "those microglia things": the noun after the pointer is itself the term
        ("ldn-mechanism", "those microglia things, what are they", "microglia"),
        ("ldn-mechanism", "and those endorphins, what do they do", "endorphins"),
        # "switch on" is what microglia do, not a change of medicine
        ("microglia-activation-effects", "why do they switch on in the first place?", "microglia-triggers"),
    ],
)
def test_a_term_asked_about_by_name_in_chat_words(context: str, question: str, expected: str) -> None:
    assert BOT.ask(question, context=context).id == expected


@pytest.mark.parametrize(
    "question",
    ["where are you getting all this from?", "where's all this info coming from", "where is this stuff coming from?",
     "where r u getting all this from", "whats your source"],
)
def test_where_the_bots_answers_come_from_in_stop_words_alone(question: str) -> None:
    # every word of these is a stop word: matching reads nothing, the form says what is asked
    assert BOT.ask(question).id == "information-source"


@pytest.mark.parametrize("question", ["is there a date on it?", "are there any references?", "is there an author?"])
def test_whether_the_article_has_a_date_author_or_references_is_where_it_comes_from(question: str) -> None:
    assert BOT.ask(question, context="information-source").id == "information-source"


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        # the answer names genes and chemicals as a detail, never which ones: nothing to answer with
        ("microglia-triggers", "which genes though?", None),
        ("microglia-activation-effects", "which chemicals exactly?", None),
        # ... while one that names the kinds ("Crohn's disease and multiple sclerosis") answers again
        ("clinical-trials", "which diseases?", "clinical-trials"),
        ("clinical-trials", "examples of autoimmune disorders?", "clinical-trials"),
        # ... and so does one whose question is about them ("other medicines")
        ("drug-interactions", "which medicines?", "drug-interactions"),
        # an answer that names autoimmune disorders without saying which: the entry that lists them answers
        ("pain-type", "which illnesses, exactly?", "ldn-conditions"),
        ("pain-type", "what diseases, for example?", "ldn-conditions"),
    ],
)
def test_which_of_a_detail_the_answer_never_lists(context: str, question: str, expected: str | None) -> None:
    assert BOT.ask(question, context=context).id == expected


@pytest.mark.parametrize(
    ("term", "answer", "lists"),
    [
        ("genes", "No one knows why. Genes, gender and background play a part.", False),
        ("chemicals", "These set off the release of many more chemicals.", False),
        ("pain", "The pain it eases is nerve pain.", True),
        ("conditions", "It was used in many conditions, from Crohn's disease to fibromyalgia.", True),
        ("disorders", "It helps in autoimmune disorders. The article names Crohn's disease.", True),
    ],
)
def test_an_answer_lists_kinds_when_it_names_one(term: str, answer: str, lists: bool) -> None:
    assert lists_kinds(term, answer) is lists


@pytest.mark.parametrize(
    ("question", "expected"),
    [("Can you explain low-dose naltrexone in plain English?", "what-is-ldn"),
     ("in a nutshell, what are microglia?", "microglia")],
)
def test_asking_for_plain_words_adds_nothing_to_what_is_asked(question: str, expected: str) -> None:
    assert BOT.ask(question).id == expected


@pytest.mark.parametrize(
    ("context", "question", "expected"),
    [
        # a word of the conversation put first names nothing: the question is asked alone
        ("opioid-painkillers", "Finally, what is a microglial cell?", "microglia"),
        ("fda-status", "one last thing: what are endorphins?", "endorphins"),
        ("side-effects", "Secondly - does it interact with other medicines?", "drug-interactions"),
        # ... while a topic put first is what the question asks about
        ("fda-status", "and in MS, what did the trials find?", "clinical-trials"),
    ],
)
def test_a_word_put_before_the_question_is_a_topic_only_when_it_names_one(
        context: str, question: str, expected: str) -> None:
    assert BOT.ask(question, context=context).id == expected


@pytest.mark.parametrize("question", ["how do I reset my password?", "how do I change my password?"])
def test_a_follow_up_about_the_site_is_no_ones_own_case(question: str) -> None:
    reply = BOT.ask(question, context="microglia")
    assert reply.kind == "fallback"


@pytest.mark.parametrize(("turn", "compares_them"), [
    ("same drug as the addiction one?", True),
    ("is ldn weaker than the addiction one?", True),
    ("is the addiction one a different drug?", True),
    ("why use such a tiny dose instead of the normal one?", True),
    ("is plain naltrexone approved by the fda?", False),
    ("does the standard one help fibromyalgia too?", False),
    ("does the low dose stuff work the same way?", False),
])
def test_a_turn_naming_the_other_form_is_told_apart_when_it_compares_the_two(turn: str, compares_them: bool) -> None:
    assert (BOT.normalizer.analyze(turn).compares or side_by_side(turn)) is compares_them
