"""The safety engine's parts: folding, the language vote, long inputs, the pack checks, and the issue's cases."""

from __future__ import annotations

import pytest

from faqbot import FAQBot
from faqbot.safety import detect_language, route
from faqbot.safety.engine import ClassRule, Lexicon, first_hit
from faqbot.safety.pack import _check_conflicts, _rule, load
from faqbot.safety.packerror import PackError
from faqbot.text.fold import Clitics, Repairer, fold, tokens

KNOWN = frozenset({"dose_word", "drug", "general", "number"})


@pytest.fixture(scope="module")
def bot() -> FAQBot:
    return FAQBot.from_yaml()


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("D.O.S.A.G.E for LDN", "dosage for ldn"),
        ("d o s e", "dose"),
        ("d-o-s-e", "dose"),
        ("d\u043es\u0435", "dose"),  # Cyrillic o and e
        ("\u0440\u0456ll", "pill"),  # Cyrillic r and i
        ("wh@t $trength", "what strength"),
        ("d0se", "dose"),
        ("4mg", "4 mg"),  # an amount is not leet-speak
        ("m&eacute;dico", "medico"),
        ("&amp;#100;ose", "dose"),  # an entity escaped twice
        ("%64%6f%73%65", "dose"),
        ("ldn%20dosage", "ldn dosage"),
        ("doooooose", "dose"),
        ("Überdosis", "uberdosis"),
        ("\uff24\uff2f\uff33\uff25", "dose"),  # full-width letters (NFKC)
        ("Straße", "strasse"),
        ("\u13b7g", "mg"),  # a Cherokee letter passing for an M
        ("do\u200bse", "dose"),  # a zero-width space inside the word
        ("LDN for ME/CFS", "ldn for cfs"),  # the illness, not "me" ...
        ("good for me/CFS?", "good for me cfs"),  # ... unless in small letters: the asker may have it
        ("CFS / ME and ldn", "cfs and ldn"),
        ("WhatIsLowDoseNaltrexone?", "what is low dose naltrexone"),  # words run together, a capital each
        ("McDonald iPhone", "mcdonald iphone"),  # ... three at least
    ],
)
def test_fold_undoes_disguises(raw: str, folded: str) -> None:
    assert " ".join(tokens(fold(raw))) == folded


@pytest.mark.parametrize(
    ("words", "repaired"),
    [
        (["howmuchldn"], ["how", "much", "ldn"]),
        (["nal", "trexone"], ["naltrexone"]),
        (["overdoes"], ["overdose"]),
        (["dosagee"], ["dosage"]),
        (["microglia"], ["microglia"]),  # not in the vocabulary, but not close to anything in it
        (["doing"], ["doing"]),  # protected: a real word near "dosing"
        (["nal", "trex", "one"], ["naltrexone"]),
        (["milli", "grams"], ["milligrams"]),  # known by its stem
        (["whatdoseofldnshouldistarton"], ["what", "dose", "of", "ldn", "should", "i", "start", "on"]),
        (["suffer", "from"], ["suffer", "from"]),  # two real words stay two
        (["startered"], ["startered"]),  # no split ends in an ending standing alone ("start er ed") ...
        (["startdosefaster"], ["start", "dose", "faster"]),  # ... it ends the word before it
    ],
)
def test_repairer_joins_splits_and_corrects(words: list[str], repaired: list[str]) -> None:
    vocabulary = ["how", "much", "ldn", "naltrexone", "overdose", "dosage", "dosing", "what", "dose", "of", "should",
                  "i", "start", "on", "suffer", "milligram", "er", "ed", "fast"]
    repairer = Repairer(vocabulary, ["doing", "from", "one"], stems=["milligram"])
    assert repairer.repair(words) == repaired


@pytest.mark.parametrize(
    ("words", "repaired"),
    [
        (["jmup"], ["jump"]),  # two letters after the first swapped
        (["wnat"], ["want"]),
        (["jupm"], ["jump"]),
        (["ujmp"], ["ujmp"]),  # never the first letter
        (["from"], ["from"]),  # protected
        (["mrof"], ["mrof"]),  # no swap of two letters makes a vocabulary word
        (["lsit"], ["list"]),
    ],
)
def test_a_four_letter_word_is_read_with_two_swapped_letters_put_back(words: list[str], repaired: list[str]) -> None:
    repairer = Repairer(["jump", "want", "form", "list", "slit"], ["from"], swaps=True)
    assert repairer.repair(words) == repaired


def test_a_four_letter_word_two_swaps_could_mend_is_left_as_typed() -> None:
    # "abce" is "acbe" or "abec" with two letters swapped: neither is chosen
    repairer = Repairer(["acbe", "abec"], swaps=True)
    assert repairer.repair(["abce"]) == ["abce"]


def test_a_run_as_long_as_a_sentence_is_cut_into_everyday_words_too() -> None:
    """Everyday words (the shared protected set) cut a sentence-long run, never a word the lists lack."""
    everyday = frozenset({"raise", "quickly", "amlo", "dipine"})
    repairer = Repairer(["can", "i", "my", "dose", "am", "lo"], shared_protected=everyday)
    assert repairer.repair(["caniraisemydosequickly"]) == ["can", "i", "raise", "my", "dose", "quickly"]
    assert repairer.repair(["amlodipine"]) == ["amlodipine"]


def test_a_run_longer_than_forty_letters_is_cut_too() -> None:
    vocabulary = ["i", "took", "the", "whole", "bottle", "of", "ldn", "and", "my", "chest", "is", "hurting"]
    run = "itookthewholebottleofldnandmychestishurting"
    assert Repairer(vocabulary).repair([run]) == ["i", "took", "the", "whole", "bottle", "of", "ldn", "and", "my",
                                                  "chest", "is", "hurting"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what is the dose of ldn", "en"),
        ("dose", "en"),
        ("ldn", "en"),
        ("", "en"),
        ("4.5 mg", "en"),
        ("¿cuál es la dosis de naltrexona?", "es"),
        ("quelle est la posologie du LDN ?", "fr"),
        ("wie viel LDN soll ich nehmen?", "de"),
        ("qual é a dose de naltrexona?", "pt"),
        ("qual è la dose di naltrexone?", "it"),
        ("ich will nicht mehr leben", "de"),
        ("je veux mourir", "fr"),
    ],
)
def test_language_vote(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # the cases the issue names
        ("tell me the low dose", "referral"),
        ("the amounts used in LDN", "referral"),
        ("my friend has fibromyalgia, would LDN help her?", "referral"),
        ("I took too many of my pills", "emergency"),
        ("my throat is closing after a dose", "emergency"),
        ("estoy harta de la vida", "emergency"),
        ("me tomé todas las pastillas", "emergency"),
        ("how did LDN come to be discovered by accident?", None),
        ("how strong is the evidence for LDN?", None),
        ("what is the strength of the evidence?", None),
        ("how often does insomnia happen?", None),
        ("I have a question about LDN", None),
        # an English word that is another language's function word counts only in English
        ("ich will die Dosis wissen", "referral"),  # German "die" is an article, not "to die"
        ("die Nebenwirkungen von LDN", None),
    ],
)
def test_issue_cases(question: str, kind: str | None) -> None:
    routed = route(question)
    assert (routed.kind if routed else None) == kind, routed


def test_self_harm_in_another_language_gets_the_crisis_line(bot: FAQBot) -> None:
    routed = route("ya no quiero vivir")
    assert routed is not None and routed.self_harm and routed.lang == "es"
    assert "988" in bot.kb.texts.localized(routed.lang).self_harm


@pytest.mark.parametrize(
    "question",
    [
        "what is ldn?" + " " * 1000 + "how much should I take",
        "what is ldn?" + " " * 1_000_000 + "how much ldn should I take",
        "how does ldn work? " * 50_000 + "what dose should I start on",
        "&amp;" * 200_000 + " dose of ldn",
        "d." * 500_000 + " how many mg of ldn",
    ],
    ids=["1k-spaces", "1M-spaces", "1M-words", "1M-entities", "1M-dots"],
)
def test_the_whole_question_is_routed_however_long(question: str) -> None:
    routed = route(question)
    assert routed is not None and routed.kind == "referral"


def test_a_long_general_question_is_not_routed() -> None:
    assert route("how does ldn work? " * 50_000) is None


def test_route_names_the_classes_that_fired() -> None:
    routed = route("how much ldn should I take")
    assert routed is not None and routed.rule == "how-much" and routed.classes == ("quantity", "drug")


def _raw(**changes: object) -> dict[str, object]:
    rule: dict[str, object] = {
        "name": "r", "kind": "referral", "all": [["dose_word"], ["drug"]],
        "fires": ["a", "b", "c"], "passes": ["d", "e", "f"],
    }
    rule.update(changes)
    return rule


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (_raw(all=[["dose_word"], ["nonsense"]]), "unknown classes"),
        (_raw(kind="maybe"), "kind must be"),
        (_raw(fires=["a", "b"]), "three `fires`"),
        (_raw(passes=[]), "three `fires` and three `passes`"),
        (_raw(all=[]), "non-empty group"),
        (_raw(unless=["drug"]), "both makes and cancels"),
        (_raw(extra=1), "unknown keys"),
    ],
)
def test_a_broken_rule_is_refused(raw: dict[str, object], message: str) -> None:
    with pytest.raises(PackError, match=message):
        _rule(raw, KNOWN)


def test_a_phrase_in_a_making_and_a_cancelling_class_is_a_conflict() -> None:
    rule = _rule(_raw(unless=["general"]), KNOWN)
    with pytest.raises(PackError, match="both make and cancel"):
        _check_conflicts((rule,), {"dose_word": {("dose",)}, "drug": {("ldn",)}, "general": {("dose",)}})


def test_the_shipped_packs_load_and_every_rule_has_examples() -> None:
    packs = load()
    assert packs.rules and all(len(r.fires) >= 3 and len(r.passes) >= 3 for r in packs.rules)


def test_unless_anchor_only_cancels_beside_the_anchor() -> None:
    lexicon = Lexicon({"quantity": [("how", "much")], "intake": [("take",)], "general": [("trials",)]}, frozenset())
    rule = ClassRule("r", "referral", (frozenset({"quantity"}), frozenset({"intake"})), window=8,
                     unless_anchor=frozenset({"general"}), unless_window=2)
    assert first_hit([rule], lexicon.scan("how much did the people in the trials take".split())) is not None
    assert first_hit([rule], lexicon.scan("how much trials data did they take".split())) is None


@pytest.mark.parametrize(("question", "fires"), [
    ("better to take less", True),
    ("better to take less of it", True),
    # a word no class reads may be what is taken less of ("less fiber", "less sun")
    ("better to take less fiber", False),
])
def test_read_whole_fires_only_where_every_word_is_read(question: str, fires: bool) -> None:
    lexicon = Lexicon({"best": [("better",)], "intake": [("take",)], "more_or_less": [("less",)],
                       "plain_word": [("to",), ("of",), ("it",)]}, frozenset())
    found = lexicon.scan(question.split())
    plain = found.pop("plain_word", [])
    rule = ClassRule("r", "referral", (frozenset({"best"}), frozenset({"intake"}), frozenset({"more_or_less"})),
                     window=4, read_whole=True)
    assert (first_hit([rule], found, len(question.split()), plain=plain) is not None) is fires


def test_unless_anywhere_cancels_wherever_it_stands() -> None:
    lexicon = Lexicon({"quantity": [("how", "much")], "drug": [("ldn",)], "money": [("cost",)]}, frozenset())
    rule = ClassRule("r", "referral", (frozenset({"quantity"}), frozenset({"drug"})), window=8,
                     unless_anywhere=frozenset({"money"}))
    assert first_hit([rule], lexicon.scan("how much ldn should i take".split())) is not None
    assert first_hit([rule], lexicon.scan("how much ldn do you get for what it will cost".split())) is None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # the people a film, a novel or a lesson names are its own ...
        ("In the novel the heroine's brother overdoses. What is naltrexone usually for?", None),
        ("In der Serie hat eine Figur eine Überdosis genommen. Wofür ist Naltrexon?", None),
        ("My textbook chapter on seizures mentions microglia. What are microglia?", None),
        ("Für meine Neuro-Prüfung: Das Lehrbuch erwähnt Mikroglia im Kapitel über Krampfanfälle. Was sind Mikroglia?",
         None),  # "meine" owns the exam: part of the frame's phrase
        ("I'm a paramedic and we see a lot of overdoses on shift. What was naltrexone first meant to treat?", None),
        # ... the story's people too where an event asked about in general stands in the next sentence
        ("In the novel the villain poisons someone with digoxin. How does digoxin poisoning actually work?", None),
        # ... and "help" said of what the drug does is no plea
        ("In a crime series the informant overdoses, and after rehab he's put on naltrexone. How does it help "
         "people who are recovering from addiction?", None),
        ("Na novela, um personagem tem overdose. Como a naltrexona ajuda quem está se recuperando de vício?", None),
        ("While watching a series someone at the party overdosed, help", "emergency"),  # a plea's "help" keeps it
        ("In the show someone overdoses on LDN, help please", "emergency"),  # no question asks what it does
        ("I'm a lifeguard and a kid isn't breathing", "emergency"),  # a job tells a working day beside a routine only
        ("ER nurse here, seizures happen on shift all the time, but the patient in bay 4 took 30 of his LDN capsules "
         "and keeps seizing", "emergency"),  # a word of contrast ends the frame's piece
        # ... the asker's own, or a now, keep the event real
        ("My brother overdosed while we were watching a film. What is naltrexone for?", "emergency"),
        ("I was reading a novel when my wife collapsed and stopped breathing", "emergency"),
        ("In a show someone overdosed and my son is overdosing right now", "emergency"),
        ("Studying for my exam and my roommate just collapsed, she isn't breathing", "emergency"),
        ("Je lis un polar et mon mari ne respire plus", "emergency"),
        ("Estoy viendo una serie y mi hijo se ha tragado las pastillas de mi madre", "emergency"),
        # ... and so do an event told in another piece of the message, and a frame denied
        ("Plot twist in the show: the detective gets poisoned. Plot twist at home: the cleaner drank from a glass "
         "with dissolved LDN tablets in it and is gasping for air.", "emergency"),
        ("Essay topic: drug interactions. Not an essay though: at the care home a resident was given someone "
         "else's pills on top of the LDN and is unresponsive with blue lips.", "emergency"),
        ("At the end of the film the character swallows the whole bottle. I keep looking at my bottle thinking the "
         "same.", "emergency"),  # a phrase rule's match in the film's piece, the asker's own in the next
        # ... and a story never speaks for a wish to die
        ("I'm writing a novel about a man who wants to kill himself, and honestly he is me", "emergency"),
    ],
)
def test_an_event_told_in_a_story_is_no_emergency_unless_the_askers_own(question: str, kind: str | None) -> None:
    routed = route(question)
    assert (routed.kind if routed is not None else None) == kind


@pytest.mark.parametrize(
    ("question", "fires"),
    [
        ("in a show i watched someone overdosed", False),  # "i" is who watched: inside the frame's phrase
        ("in a show someone overdosed", False),
        ("i overdosed in a show", True),  # "i" stands outside it
        ("i watched my friend overdose in a show", True),
    ],
)
def test_a_person_named_only_inside_an_impersonal_frame_leaves_the_question_impersonal(question: str,
                                                                                        fires: bool) -> None:
    lexicon = Lexicon({"overdose": [("overdosed",), ("overdose",)], "someone": [("someone",)], "self": [("i",)],
                       "relation": [("my", "friend")],
                       "media_frame": [("in", "a", "show"), ("a", "show", "i", "watched")]}, frozenset())
    persons = frozenset({"self", "relation"})
    rule = ClassRule("r", "emergency", (frozenset({"overdose"}), frozenset({"someone", "self", "relation"})),
                     window=8, unless_impersonal=frozenset({"media_frame"}), persons=persons, named=persons)
    assert (first_hit([rule], lexicon.scan(question.split())) is not None) is fires


@pytest.mark.parametrize(
    ("question", "fires"),
    [
        ("her eyes are yellow and her urine is dark", True),
        ("the whites of his eyes went yellow and he is vomiting", True),
        ("the yellow capsules were fine but later my eyes and urine", False),  # the colour is the capsules'
        ("yellow pills, and my eyes itch, and my urine is dark", False),
    ],
)
def test_near_holds_the_second_group_closer_than_the_window(question: str, fires: bool) -> None:
    lexicon = Lexicon({"eye": [("eyes",)], "yellow": [("yellow",)], "sign": [("urine",), ("vomiting",)]}, frozenset())
    rule = ClassRule("r", "emergency", (frozenset({"eye"}), frozenset({"yellow"}), frozenset({"sign"})),
                     window=10, near=3)
    assert (first_hit([rule], lexicon.scan(question.split())) is not None) is fires


def test_near_needs_a_second_group() -> None:
    raw = _raw()
    raw["all"] = [["dose_word"]]
    raw["near"] = 2
    with pytest.raises(PackError, match="`near` needs a second group"):
        _rule(raw, KNOWN)


def test_engine_window_and_unless() -> None:
    lexicon = Lexicon({"dose_word": [("dose",)], "drug": [("ldn",)], "general": [("evidence",)]}, frozenset())
    rule = ClassRule("r", "referral", (frozenset({"dose_word"}), frozenset({"drug"})), window=2,
                     unless=frozenset({"general"}), unless_window=1)
    assert first_hit([rule], lexicon.scan("the dose of ldn".split())) is not None
    assert first_hit([rule], lexicon.scan("the dose of the new ldn".split())) is None  # too far apart
    assert first_hit([rule], lexicon.scan("dose ldn evidence".split())) is None  # cancelled


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("tell me the low dose", "referral"),
        ("the amounts used in LDN", "referral"),
        ("my friend has fibromyalgia, would LDN help her?", "referral"),
        ("I took too many of my pills", "emergency"),
        # general: answered, or an honest fallback where the article does not say
        ("how did LDN come to be discovered by accident?", "answer|fallback"),
        ("how strong is the evidence for LDN?", "answer|fallback"),
    ],
)
def test_issue_cases_end_to_end(bot: FAQBot, question: str, kind: str) -> None:
    reply = bot.ask(question)
    assert reply.kind in kind.split("|"), (reply.kind, reply.rule, reply.id)
    if kind == "referral":
        assert reply.text == bot.kb.texts.referral and reply.id is None


def test_repairer_reads_chat_shorthand() -> None:
    repairer = Repairer(["what", "time", "you", "take"], aliases={"wat": "what", "u": "you"})
    assert repairer.repair(["wat", "time", "u", "take", "it"]) == ["what", "time", "you", "take", "it"]


@pytest.mark.parametrize(("question", "kind"), [("wat time u take it", "referral"), ("nite or morn", "referral")])
def test_shorthand_questions_are_routed(question: str, kind: str) -> None:
    routed = route(question)
    assert routed is not None and routed.kind == kind


@pytest.mark.parametrize(
    ("question", "fires"),
    [
        ("can you stay on ldn for years", False),  # impersonal, and nobody named
        ("can i stay on ldn for years", True),  # the asker
        ("can you tell me if my mum can stay on ldn for years", True),  # impersonal words, a person named
        ("stay on ldn for years", True),  # no impersonal word: read as the asker's own
    ],
)
def test_unless_impersonal_cancels_only_when_nobody_is_named(question: str, fires: bool) -> None:
    lexicon = Lexicon({"duration": [("for", "years")], "drug": [("ldn",)], "advice_generic": [("can", "you")],
                       "self": [("i",)], "relation": [("mum",)]}, frozenset())
    rule = ClassRule("r", "referral", (frozenset({"duration"}), frozenset({"drug"})), window=8,
                     unless_impersonal=frozenset({"advice_generic"}), persons=frozenset({"self", "relation"}))
    assert (first_hit([rule], lexicon.scan(question.split())) is not None) is fires


@pytest.mark.parametrize(
    ("question", "fires"),
    [
        ("does ldn block painkillers", False),  # asked of nobody in particular
        ("does ldn block pain meds", False),  # "pain" in "pain meds" names the medicine, not anyone's condition
        ("does ldn block pain meds with my pain", True),  # ... and standing alone, a condition
    ],
)
def test_a_person_word_inside_a_medicine_phrase_names_nobody(question: str, fires: bool) -> None:
    lexicon = Lexicon({"medicine": [("painkillers",), ("pain", "meds")], "drug": [("ldn",)],
                       "blocks_effect": [("block",)], "condition": [("pain",)]}, frozenset())
    rule = ClassRule("r", "referral", (frozenset({"medicine"}), frozenset({"drug"})), window=8,
                     unless_impersonal=frozenset({"blocks_effect"}), persons=frozenset({"condition"}))
    assert (first_hit([rule], lexicon.scan(question.split())) is not None) is fires


def test_with_the_last_sentence_given_only_a_cancelling_word_there_cancels() -> None:
    # "does LDN block painkillers? been on tramadol for years": what is told after the question may be a case
    lexicon = Lexicon({"medicine": [("painkillers",), ("tramadol",)], "drug": [("ldn",)],
                       "blocks_effect": [("block",)]}, frozenset())
    rule = ClassRule("r", "referral", (frozenset({"medicine"}), frozenset({"drug"})), window=8,
                     unless_impersonal=frozenset({"blocks_effect"}))
    found = lexicon.scan("does ldn block painkillers been on tramadol".split())
    assert first_hit([rule], found) is None
    assert first_hit([rule], found, last=lexicon.scan("been on tramadol".split())) is not None
    assert first_hit([rule], found, last=lexicon.scan("does ldn block painkillers".split())) is None


def test_with_sentence_breaks_a_rule_fires_only_within_one_sentence() -> None:
    lexicon = Lexicon({"relation": [("brother",)], "intake": [("takes",)], "how": [("how",)]}, frozenset())
    rule = ClassRule("r", "referral", (frozenset({"intake"}), frozenset({"how"})), window=8)
    words = "my brother takes it how does it help".split()
    found = lexicon.scan(words)
    assert first_hit([rule], found) is not None
    assert first_hit([rule], found, breaks=[4]) is None  # "...takes it. How does it help?"
    assert first_hit([rule], found, breaks=[2]) is not None  # both in the second sentence


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # the story's words and the question's do not make one referral rule together
        ("My dad's in AA and his doctor started him on naltrexone. How is that supposed to help people like him?",
         None),
        ("What side effects does LDN have in general? Not for me, just curious.", None),
        # ... while a personal fact in a sentence of its own still refers
        ("Is LDN safe? I'm pregnant.", "referral"),
        ("Can I take it? I'm on warfarin.", "referral"),
        ("I take 4.5mg. Is that too much?", "referral"),
        # a fragment belongs to the sentence before it
        ("Is it safe? For me, I mean.", "referral"),
        ("Naltrexone. How much. Me. Now.", "referral"),
        ("how much n. a. l. t. r. e. x. o. n. e. should i take", "referral"),  # not sentences
        # an emergency may be told across sentences
        ("I took all my LDN. Now I can't breathe.", "emergency"),
        # "does LDN" frames a question about the drug only in its own piece, even a fragment's
        ("My sister just collapsed. How does LDN work?", "emergency"),
        ("can't breathe right. what does ldn do", "emergency"),
        ("Does LDN cause seizures?", None),
        ("Seizures. Can LDN cause them?", None),
    ],
)
def test_referral_rules_read_one_sentence_at_a_time(question: str, kind: str | None) -> None:
    routed = route(question)
    assert (routed.kind if routed else None) == kind, routed


def test_the_second_opinion_needs_a_person_or_an_alarm_word(monkeypatch: pytest.MonkeyPatch) -> None:
    import faqbot.safety.reading as reading
    import faqbot.safety.router as router

    monkeypatch.setattr(router, "opinion", lambda words, margin=0.0, near=0.0: "emergency")
    reading._read_cached.cache_clear()
    assert route("how's the weather looking today") is None  # "weather" is not "breathe"
    routed = route("my grandad keeps staring at the wall")
    assert routed is not None and routed.rule == "second-opinion-emergency"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # numbers about a population, or anyone in general, are not one person's emergency ...
        ("How many people in the US die of opioid overdoses every year?", None),
        ("Quante persone muoiono di overdose ogni anno in Italia?", None),
        ("De façon générale, un patient sous naltrexone est-il soulagé par la morphine aux urgences ?", None),
        # ... but a case told beside them still is, and "in general" hides no dose question
        ("my son overdosed on his pills, how many people die of this each year?", "emergency"),
        ("In general, how much LDN should I take?", "referral"),
        # what the drug does to people, against what it is doing to the asker
        ("Can LDN cause suicidal thoughts?", None),
        ("¿La LDN puede provocar pensamientos suicidas?", None),
        ("LDN is causing me suicidal thoughts", "emergency"),
        # someone who cannot be kept awake, a way out dwelt on, a schedule in pharmacy shorthand
        ("my brother swallowed a strip of his tablets and now I can't keep him awake", "emergency"),
        ("Years of this pain. I keep thinking about a way out.", "emergency"),
        ("ldn qhs or qam?", "referral"),
        # a pregnancy told by months, how long or how often asked (no amount), a past overdose, a history
        ("Estoy de 5 meses, ¿sigo con la naltrexona o la dejo?", "referral"),
        ("quanto tempo dura o efeito da ldn?", None),
        ("Por quanto tempo a gente tem que tomar LDN?", "referral"),
        ("My cousin died of an overdose years ago. Is naltrexone an opioid?", None),
        # ... but a past beside one overdose never hides another told now (found by a red-team review)
        ("My brother died of an overdose. My sister is overdosing now.", "emergency"),
        ("Back in the day people used it. I think I took an overdose.", "emergency"),
        ("Mein Vater hatte letztes Jahr eine Überdosis und jetzt wieder, er ist blau angelaufen.", "emergency"),
        ("Il y a des années j'ai fait une overdose. Je viens de prendre 40 comprimés.", "emergency"),
        ("Does the article say what to do when someone overdoses right now?", "emergency"),
        ("Di solito, morire con le pillole è indolore?", "emergency"),
        ("I read LDN was discovered by accident. What was naltrexone first used for?", None),
        # a goodbye said to be the last message, a burden, a past and present self-injury
        ("Questo è il mio ultimo messaggio, grazie di tutto", "emergency"),
        ("es wäre für alle leichter, wenn es mich nicht mehr gäbe", "emergency"),
        ("as I said in my last message, what is LDN used for?", None),
        # a dose size in the question's own language is not a dose word read in another one
        ("Quels effets la naltrexone a-t-elle à faible dose ?", None),
        ("quelle dose de ldn pour moi ?", "referral"),
        # the most one may take is an amount; a seizure, a faint or a tight chest described in other words
        ("what's the most LDN a person can safely have in one day", "referral"),
        ("what is the most common side effect of LDN", None),
        ("Ihre Augen sind verdreht und sie zuckt am ganzen Körper", "emergency"),
        ("Je viens de m'évanouir en me levant, c'est la deuxième fois depuis ce matin", "emergency"),
        ("can LDN cause seizures?", None),
        # "X is killing me" is a figure of speech; a wish to die beside it is not
        ("the pharmacy bill is killing me, why is LDN so expensive?", None),
        ("this pain is killing me, i want to die", "emergency"),
        # "explain like I'm 5" asks for plain words, not about a five-year-old or an amount
        ("ok explain like im 5 what does naltrexone do to the receptors", None),
        ("explain like I'm five how LDN stops chronic pain", None),
        ("¿la LDN va antes de dormir o al levantarme?", "referral"),
    ],
)
def test_population_questions_and_new_expressions(question: str, kind: str | None) -> None:
    routed = route(question)
    assert (routed.kind if routed else None) == kind, routed


def test_the_class_names_the_router_keeps_in_code_are_the_packs_own() -> None:
    """A class named in the router's, the story reading's or the second opinion's own tables but missing from the packs
    would silently never count."""
    from pathlib import Path

    import yaml

    import faqbot.safety.router as router
    import faqbot.safety.story as story
    import faqbot.safety.storyrules as storyrules
    from faqbot.safety.pack import SHADOWING
    from faqbot.safety.second import REFERRAL_NEEDS

    rules = Path(router.__file__).with_name("packs") / "rules.yaml"
    known = set(yaml.safe_load(rules.read_text(encoding="utf-8"))["classes"]) | {"drug", "number"}
    named = set(router._ALARM) | set(router._GENERAL_TOPIC) | set(SHADOWING) | set(REFERRAL_NEEDS)
    named |= {c for sets in router._CANCELLED_BY.values() for s in sets for c in s}
    named |= {c for s in router._CANCELLED_IMPERSONAL.values() for c in s}
    named |= set(router.PHRASE_REFERRAL_CUES) | set(router.PHRASE_EMERGENCY_CUES)
    # ... and the story reading's
    named |= set(story._LEADING) | set(story._NAMED_BACK) | set(story._IT) | set(storyrules._NAMED_AFTER)
    assert named - known == set()


@pytest.mark.parametrize(("typed", "plurals", "expected"), [
    ("embarazadas", ("s", "es"), "embarazadas"),  # pregnant women: a plural, nobody's own case
    ("embarazadas", (), "embarazada"),  # without the language's plurals it reads as a slip
    ("embarazda", ("s", "es"), "embarazada"),  # a slip is still put right
    ("cirugias", ("s", "es"), "cirugias"),
    ("cartas", ("s", "es"), "carta"),  # not a word of the case-telling classes: read as its singular
])
def test_a_plural_is_not_a_slip_for_its_singular(typed: str, plurals: tuple[str, ...], expected: str) -> None:
    repairer = Repairer(["embarazada", "cirugia", "carta"], plurals=plurals, plural_words=["embarazada", "cirugia"])
    assert repairer.correct(typed) == expected


_SPANISH = Clitics(("lo", "la", "me", "melo"), ("ar", "er", "ir", "ando")).knowing(["probar", "tomando", "dejar", "la"])
_ITALIAN = Clitics(("lo", "la", "ne"), ("are", "ere", "ire"), restore="e").knowing(["prendere", "dimenticare"])


@pytest.mark.parametrize(("clitics", "typed", "expected"), [
    (_SPANISH, "probarlo", ["probar", "lo"]),
    (_SPANISH, "tomandola", ["tomando", "la"]),  # a gerund, its accent folded away
    (_SPANISH, "dejarmelo", ["dejar", "melo"]),  # the longest pronoun first
    (_SPANISH, "escuela", ["escuela"]),  # no verb the lists name is left before "la"
    (_SPANISH, "probarse", ["probarse"]),  # "se" is no pronoun this language was given
    (_ITALIAN, "prenderlo", ["prendere", "lo"]),  # the infinitive's "e" put back
    (_ITALIAN, "dimenticarne", ["dimenticare", "ne"]),
    (_ITALIAN, "pillola", ["pillola"]),
])
def test_a_pronoun_written_onto_a_verb_is_read_apart(clitics: Clitics, typed: str, expected: list[str]) -> None:
    vocabulary = [*clitics.verbs, "lo", "la", "ne", "escuela", "pillola"]
    assert Repairer(vocabulary, split=False, clitics=clitics).repair([typed]) == expected


@pytest.mark.parametrize(("question", "rule"), [
    ("debería probarlo ya?", "asks-to-change"),  # "probar" is an action, "lo" the drug named as it
    ("mio padre vuole smetterla, la LDN", "person-and-action"),  # "smettere" is an action beside "mio padre"
])
def test_the_packs_read_a_verb_with_its_pronoun_as_the_verb(question: str, rule: str) -> None:
    routed = route(question)
    assert routed is not None and routed.rule == rule


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # a year or a decade is no amount
        ("what did the 2013 LDN fibromyalgia crossover trial show", None),
        ("LDN HIV research from the 1980s", None),
        # ... but a figure with a unit, or a time of day, still is
        ("is 2000 mg of ldn too much", "referral"),
        ("My pill organiser says 1900 for the LDN, would 2030 be better for sleep?", "referral"),
        ("naltrexone 1900 or 2000 hrs?", "referral"),
    ],
)
def test_a_year_is_no_amount(question: str, kind: str | None) -> None:
    routed = route(question)
    assert (routed.kind if routed else None) == kind, question


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # an emergency dated long ago in its own sentence is a past, in each language
        ("My cousin overdosed back in 2008 and has been sober since. How does naltrexone help people recover?", None),
        ("Meu primo teve uma overdose em 2011 e hoje está muito bem. Como a naltrexona ajuda na recuperação?", None),
        ("Mi primo tuvo una sobredosis en 2011 y hoy está perfecto. ¿Cómo ayuda la naltrexona?", None),
        # ... unless the same sentence says it is happening again, or a sentence of its own tells it now
        ("My cousin overdosed back in 2008 and he has overdosed again tonight", "emergency"),
        ("Mi primo tuvo una sobredosis en 2011 y ahora otra vez, no despierta", "emergency"),
        ("My cousin overdosed in 2008. Now he is not breathing.", "emergency"),
    ],
)
def test_a_past_dated_in_its_sentence_is_no_emergency_unless_it_happens_again(question: str, kind: str | None) -> None:
    routed = route(question)
    assert (routed.kind if routed else None) == kind
