"""Whether an event a phrase rule read is told in a story: a film, a novel, the news or a textbook.

The engine's rules read the story frames (``frames:`` in rules.yaml) in the piece of a sentence where the rule's
words stand; a phrase rule's match is a stretch of text, so the piece is the one around where the match starts.
"""

from __future__ import annotations

from faqbot.safety.pack import packs
from faqbot.safety.reading import SENTENCE_END, read


def told_in_a_story(text: str, at: int) -> bool:
    """Whether the event matched at ``at`` in ``text`` stands in a piece that tells it as a story (``frames:``),
    with nobody of the asker's own and no "now" named outside the frame anywhere in ``text``."""
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, at)), default=0)
    end = next((m.start() for m in SENTENCE_END.finditer(text, at)), len(text))
    piece = read(text[start:end]).found
    framed = packs().frames.stories & piece.keys()
    if not framed:
        return False
    # (a word of contrast after the frame may start the event: the piece is not read as the story's then)
    opened = min(a for name in framed for a, _ in piece[name])
    if any(a > opened for name in packs().frames.breaks for a, _ in piece.get(name, ())):
        return False
    # (who else the message names, and what denies or owns the frame, is read in the whole of it, as the engine does)
    whole = read(text)
    return bool(packs().framing_at(whole.marks).story(whole.found, frozenset(framed)))


#: how many words from a phrase rule's match a ``topic_head`` makes it a subject ("suicide prevention"); the self-harm
#: rule's ``unless_window`` in rules.yaml
_TOPIC_WITHIN = 2


def beside_a_topic(text: str, start: int, end: int) -> bool:
    """Whether the words matched at ``start``..``end`` of ``text`` name a subject of study or work: a ``topic_head``
    ("prevention", "kits", "research") stands within two words of them, in their sentence ("I need to cite it in a
    report on overdose prevention"), as the engine's ``unless_anchor`` reads it."""
    before = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    after = next((m.start() for m in SENTENCE_END.finditer(text, end)), len(text))
    first = len(read(text[before:start]).words)
    last = first + len(read(text[start:end]).words)
    heads = read(text[before:after]).found.get("topic_head", ())
    return any(first - _TOPIC_WITHIN <= a < last + _TOPIC_WITHIN for a, _ in heads)
