"""A question asked first, and a story after it that tells only that someone else takes the drug.

"How does LDN affect the immune system? My boss takes it for his MS." asks what the article says whoever asks. Told
after its question, a story is where people say what worries them, in words no class lists, so it is read word by
word (``story.after_words`` in ``packs/rules.yaml``, as :func:`faqbot.safety.story._told_after` reads one), and more
strictly still (``story.taking``, ``taking_without``, ``taking_never``, ``taking_asker``, ``taking_asker_words``,
``taking_frames``):

* a relation is named, and the story tells someone taking the drug or being on it (``taking``);
* none of ``taking_without`` anywhere in it: who has what ("takes it and has new anxiety"), a child or a pet, an age,
  a pregnancy, the asker's own illness, intake or plans;
* an illness only as what the drug is taken for ("for her fibro"), never as how someone is ("has MS and takes it");
* no spans of time or ages set aside (an age is a number: "is 90 and takes it"), and none of ``taking_never``, words
  that tell a time, a change, a degree or who else ("still", "new", "only", "but", "too", "this");
* the asker ("I", "we", "asked me to") only in a clause that tells nobody taking anything ("My aunt is on it, and
  I'm a pharmacy student."), never in one that does ("My wife is on it, as am I"); there a role, studies or where the
  topic came up may be named (``taking_asker_words``), words nobody listed included inside a frame that names them
  ("I'm a marine biology student", "it came up at Thanksgiving": ``taking_frames``).

A red-team review of a looser first version, which read such a story as one of someone else told first, found 51
personal messages answered ("What is LDN? My dad has it every other day.", "...My husband takes it and is still
addicted."); ``bench/redteam89_session42.yaml`` to ``redteam92_session42.yaml`` were written blind for this one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

import faqbot.regex as regex
from faqbot.safety.reading import Reading, read
from faqbot.safety.storyrules import StoryRules

Classes = Mapping[str, Sequence[tuple[int, int]]]

#: where a sentence of the story ends, and where a clause of it does ("My aunt is on it, and I'm a student")
_CLAUSE = regex.compile(r"[^.!?\n,;]+")
#: the words that join two clauses: the asker's "I" after one may begin a clause of its own
_JOINERS = frozenset({"and", "so"})
#: the words that may stand between "for" and what something is taken for ("for his MS")
_WHOSE = frozenset({"his", "her", "their", "my"})
#: ... of whom only someone else's ("for her MS", not "for my MS")
_THEIRS = frozenset({"his", "her", "their", "him"})
#: the classes that tell someone taking the drug (not "it" alone: "my wife asked me to look it up")
_TAKES = frozenset({"intake", "is_on", "on_drug"})


def tells_only_taking(story: str, found: Classes, rules: StoryRules) -> bool:
    """Whether ``story``, told after a question with the classes ``found``, tells only that someone else takes the
    drug, who asks and why (see the module's docstring)."""
    clauses = [read(clause) for clause in _clauses(story)]
    told = {name for clause in clauses for name in set(clause.found) - _purposes(clause)}
    if not clauses or _TAKES.isdisjoint(told) or "relation" not in told \
            or not (rules.asker - rules.taking_asker).isdisjoint(told) or not rules.taking_without.isdisjoint(told) \
            or ("drug" not in found and "drug" not in told):
        return False
    return all(_plainly_taking(clause, rules) for clause in clauses)


def _clauses(story: str) -> list[str]:
    """The clauses of ``story``: its sentences, cut at commas and semicolons, and before "and" or "so"."""
    parts: list[str] = []
    for piece in (p.strip() for p in _CLAUSE.findall(story)):
        words = piece.split()
        cut = [i for i, word in enumerate(words) if i and word.lower() in _JOINERS]
        parts.extend(" ".join(words[a:b]) for a, b in zip([0, *cut], [*cut, len(words)], strict=True))
    return [part for part in parts if part]


def _plainly_taking(clause: Reading, rules: StoryRules) -> bool:
    """Whether one clause names only classes and words a story of someone else taking the drug may use."""
    takes = not _TAKES.isdisjoint(clause.found)
    never = rules.after_never | rules.facts_after_never | rules.taking_never
    allows = rules.after_allows | rules.taking
    covered = clause.covered()
    if takes:
        never |= rules.taking_asker_words
    else:
        allows |= rules.taking_asker
        covered |= _framed(clause.words, rules.taking_frames)
    return (clause.lang == "en" and never.isdisjoint(clause.words)
            and all(i in covered or word in rules.after_words or word in rules.taking_asker_words
                    for i, word in enumerate(clause.words))
            and set(clause.found) - _purposes(clause) <= allows
            and not any(group <= clause.found.keys() for group in rules.after_together)
            and all(_for_it(clause.words, start) for start, _ in clause.found.get("condition", ())))


def _framed(words: Sequence[str], frames: Sequence[str]) -> set[int]:
    """The positions of the words inside a frame that names the asker's role or where the topic came up ("I'm a
    sound engineer", "it came up at the christening"), where words nobody listed may stand."""
    text = " ".join(words)
    starts = [0]
    for word in words[:-1]:
        starts.append(starts[-1] + len(word) + 1)
    inside: set[int] = set()
    for pattern in frames:
        for match in _compiled(pattern).finditer(text):
            inside.update(i for i, start in enumerate(starts) if match.start() <= start < match.end())
    return inside


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return regex.compile(pattern)


def _purposes(reading: Reading) -> set[str]:
    """``for_me`` where it only says what someone takes the drug for ("for her fibro"), which the story may tell."""
    conditions = {start for start, _ in reading.found.get("condition", ())}
    spans = reading.found.get("for_me", ())
    return {"for_me"} if spans and all(end in conditions for _, end in spans) else set()


def for_someone_else(reading: Reading) -> bool:
    """Whether each ``for_me`` of ``reading`` only says what someone else takes the drug for ("My aunt takes LDN for
    her fibro": "for her" names whom it is for, not the asker, though the class is one of the asker's)."""
    spans = reading.found.get("for_me", ())
    return bool(_purposes(reading)) and all(reading.words[start + 1] in _THEIRS for start, _ in spans)


def _for_it(words: Sequence[str], start: int) -> bool:
    """Whether the illness named at ``start`` is what something is taken for ("for MS", "for his fibro")."""
    before = list(words[max(0, start - 2):start])
    return before[-1:] == ["for"] or (len(before) == 2 and before[0] == "for" and before[1] in _WHOSE)
