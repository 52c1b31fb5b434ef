"""Content checks for curators: how hard an answer is to read, and how much of it is copied.

``faqbot validate`` runs both on every answer. The reading grade is the Flesch-Kincaid US school grade;
the copy check finds the longest run of consecutive words an answer shares with the source article.
Both are deterministic and need nothing beyond the standard library.

No readability package is used: the well-kept ones (textstat) pull in a pronouncing dictionary of
several megabytes to count syllables, too much for one number on a few hundred short answers, so the
syllable counter here is the classic rule-based one, tested on a table of words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Grade the answers aim for: most adults read grade 8 text without effort.
TARGET_GRADE = 8.0
#: ``faqbot validate`` fails an answer above this grade. One grade over the target, because on texts
#: of two to four sentences the formula moves by about a grade when one long word is swapped.
MAX_GRADE = 9.0
#: ``faqbot validate --article`` fails an answer that shares this many consecutive words with the
#: article: long enough that ordinary phrases ("low dose naltrexone and chronic pain") do not trip it.
MAX_SHARED_RUN = 7
#: A passage in double quotes of at most this many words is a title or a short quotation the answer
#: attributes (the article's own title is ten words), so the copy check leaves it out.
MAX_QUOTED_WORDS = 12

_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc]")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]*)[\"\u201d]")

# The rules of the classic rule-based counter (Greg Fast's Lingua::EN::Syllable): vowel groups that
# are pronounced as one syllable although spelt as two, and the reverse.
_FEWER = tuple(re.compile(p) for p in (
    r"cial", r"tia", r"cius", r"cious", r"giu", r"ion", r"iou", r"sia$", r".ely$", r"[^td]ed$",
))
_MORE = tuple(re.compile(p) for p in (
    r"ia", r"riet", r"dien", r"iu", r"io", r"ii", r"[aeiouym]bl$", r"[aeiou]{3}", r"^mc", r"ism$",
    r"([^aeiouy])\1l$", r"[^l]lien", r"^coa[dglx].", r"[^gq]ua[^auieo]", r"dnt$",
))
#: Words the rules get wrong that answers about this topic use often.
_EXCEPTIONS = {"naltrexone": 3, "microglia": 4, "opioid": 3, "opioids": 3, "being": 2, "people": 2,
               "science": 2, "create": 2, "created": 3, "area": 3, "idea": 3, "trial": 2, "trials": 2}


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, apostrophes dropped and other punctuation as a word break."""
    return _WORD.findall(_APOSTROPHES.sub("", text.lower()))


def syllables(word: str) -> int:
    """Estimated syllables in one word (at least 1; digits and symbols count as one)."""
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 1
    if word in _EXCEPTIONS:
        return _EXCEPTIONS[word]
    if len(word) <= 3:
        return 1
    # a silent final e ("made", "cause") is not a syllable; "-le" after a consonant ("able") is
    stem = word[:-1] if word.endswith("e") and not re.search(r"[^aeiouy]le$", word) else word
    count = len(_VOWEL_GROUP.findall(stem))
    count -= sum(1 for rule in _FEWER if rule.search(word))
    count += sum(1 for rule in _MORE if rule.search(word))
    return max(count, 1)


def sentences(text: str) -> int:
    """Number of sentences: runs of . ! ? before a space or the end; a text without one is one."""
    return max(len(_SENTENCE_END.findall(text.strip())), 1)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid US school grade of ``text`` (0.0 for a text without words), one decimal."""
    found = words(text)
    if not found:
        return 0.0
    per_sentence = len(found) / sentences(text)
    per_word = sum(syllables(w) for w in found) / len(found)
    return round(0.39 * per_sentence + 11.8 * per_word - 15.59, 1)


def longest_shared_run(answer: str, article: str) -> tuple[int, tuple[str, ...]]:
    """The longest run of consecutive words ``answer`` shares with ``article``: (length, the words).

    Both texts are lower-cased and stripped of punctuation first, so a copied sentence is found even
    when its commas or capitals were changed. The first longest run in the answer is returned.
    """
    a, b = words(answer), words(article)
    best, end = 0, 0
    previous = [0] * (len(b) + 1)
    for i, word in enumerate(a, 1):
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if word == other:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, end = current[j], i
        previous = current
    return best, tuple(a[end - best:end])


@dataclass(frozen=True)
class AnswerCheck:
    """The content figures of one answer, as ``faqbot validate`` reports them."""

    id: str
    grade: float
    #: longest run of words shared with the article; None when no article was given
    shared_run: int | None = None
    shared_words: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "grade": self.grade, "shared_run": self.shared_run,
                "shared_words": " ".join(self.shared_words)}



def check_answer(entry_id: str, answer: str, article: str | None = None) -> AnswerCheck:
    """Reading grade of ``answer`` and, given the article's text, its longest copied run.

    A short quoted passage (the article's title, say) is attributed, not copied, so it is left out
    of the copy check; a run cannot join the words on either side of it.
    """
    grade = reading_grade(answer)
    if article is None:
        return AnswerCheck(entry_id, grade)
    run, shared = max((longest_shared_run(piece, article) for piece in unquoted_pieces(answer)),
                      key=lambda found: found[0])
    return AnswerCheck(entry_id, grade, run, shared)


def unquoted_pieces(text: str) -> list[str]:
    """``text`` split around every double-quoted passage of at most :data:`MAX_QUOTED_WORDS` words."""
    pieces: list[str] = []
    start = 0
    for match in _QUOTED.finditer(text):
        if len(words(match.group(1))) <= MAX_QUOTED_WORDS:
            pieces.append(text[start:match.start()])
            start = match.end()
    pieces.append(text[start:])
    return pieces
