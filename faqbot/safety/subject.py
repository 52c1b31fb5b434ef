"""A follow-up read with its pronoun as the drug the conversation is about.

After an answer about LDN, "so how long till it kicks in for me" asks how long till LDN works for the asker,
and "a me succede da una settimana, la sospendo?" whether to stop it. The
router reads a question's own words, and "it" is no drug to it; put after the question it follows, the
pronoun stands too far from the drug's name for a rule's window. Read with the pronoun as the drug, the
follow-up is routed as the question it is (a red-team review of follow-ups found seven such referrals answered
or left to a fallback). This reading is routed only, never matched: it can add a referral, not an answer.
"""

from __future__ import annotations

from faqbot.safety.pack import packs
from faqbot.safety.reading import read
from faqbot.safety.router import persons_asked_about


def with_subject(text: str, name: str) -> str | None:
    """``text`` read as the engine reads it (typos repaired, sentence ends kept) with its first pronoun that may
    stand for the drug (``subject_pronouns`` in the language's pack) put as ``name``; ``None`` if it has no such
    pronoun, names the drug itself, or names nobody: the reading is for a follow-up about someone's own case."""
    reading = read(text)
    people = (packs().persons - {"third_person"}) | {"someone"}
    if "drug" in reading.found or not any(persons_asked_about(reading, name) for name in people):
        # a follow-up that names the drug says what its pronoun is not ("how does LDN stop that?"), and one that
        # names nobody, or only "they", asks of the topic ("is it true they're 80% of the nervous system?"); the
        # "me" of "explain it to me" is who is told
        return None
    if "number" in reading.found and "quantity" not in reading.found:
        # a figure beside the drug's name reads as a dose, but a follow-up's figures are mostly statistics ("my
        # cousin reckons it's like 1 in 100"); asked how much ("how much of it would I need at 90 kilos?"), it is one
        return None
    pronouns = packs().subject_pronouns.get(reading.lang, frozenset())
    start = next((at for at, word in enumerate(reading.words) if word in pronouns and at not in reading.supplied), None)
    if start is None:
        return None
    marks = set(reading.marks)  # (a long message's pieces are many: one lookup each)
    sentences: list[list[str]] = [[]]
    for at, word in enumerate(reading.words):
        if at in marks:
            sentences.append([])
        sentences[-1].append(name if at == start else word)
    mark = "?" if text.rstrip().endswith("?") else ""
    return ". ".join(" ".join(words) for words in sentences if words) + mark
