"""Generated knowledge bases and question mixes for the benchmarks.

A generated knowledge base is the bundled one (its entries, synonyms, smalltalk, texts and settings,
so the labelled cases can still be checked on it) plus ``size - 21`` made-up entries about made-up
products ("the brantel valve", "quorimax sync"). Their wording is varied on purpose so matching is
not trivial:

* every entry has a canonical question and three to seven alternates built from different question
  templates ("how do I ...", "why does ... keep ...", "... not working");
* topics are named with pseudo-words (unique per topic, so a knowledge base of 100,000 entries has a
  vocabulary of tens of thousands of words, like a real one), combined with a few hundred everyday
  support words ("battery", "refund", "pain", "sleep"...) drawn with a Zipf-like skew, so common words
  are shared by thousands of entries, as in a real knowledge base;
* answers are two sentences of the same vocabulary.

Nothing here contains a dose, a number or a personal question, so the safety routing lets generated
questions through to the matcher, which is what is being measured.

Everything is deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace

from faqbot.kb import Entry, KnowledgeBase, load_knowledge_base

SEED = 20240605

_ONSETS = ("b", "br", "c", "cl", "d", "f", "fl", "g", "gr", "k", "l", "m", "n", "p", "pl", "qu", "r", "s", "st",
           "t", "tr", "v", "w", "z", "sh", "ch", "th", "j", "h", "x")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "y")
_CODAS = ("", "n", "r", "l", "x", "m", "nt", "rk", "st", "ll", "k", "z")

#: Everyday support-site words. Early words are drawn much more often than late ones.
COMMON = """
    battery screen account password order refund delivery app update login payment subscription device
    charger cable setting data backup sync error message email phone warranty repair noise light sound
    water filter motor pump valve sensor display button signal network wifi bluetooth printer paper ink
    camera photo video file folder storage memory speed performance heat temperature pressure cleaning
    installation setup reset shipping return exchange invoice receipt price discount coupon membership
    profile notification alert reminder calendar schedule map location route travel booking ticket seat
    luggage flight hotel room checkin checkout key card lock door window garden plant soil fertilizer
    seed lawn mower engine fuel oil tire brake chain gear pedal frame helmet glove jacket shoe size
    colour fabric stain wash dryer iron oven stove kettle coffee grinder blender fridge freezer ice
    recipe flour sugar salt yeast dough bread cake pastry sauce pasta rice bean soup salad fruit juice
    skin hair nail tooth gum eye ear nose throat back knee shoulder muscle joint pain sleep stress diet
    exercise posture stretch yoga breathing walking running swimming cycling training coach lesson course
    exam grade certificate library book chapter author language translation keyboard mouse monitor
    speaker headphone microphone charger adapter plug socket fuse switch thermostat boiler radiator
    heating cooling ventilation humidity mould dust allergy pet dog cat food bowl leash toy cage aquarium
    fish bird insect spider mouse trap fence gate roof gutter drain pipe leak tap shower toilet sink
    tile grout paint brush roller ladder drill screw nail hammer saw glue tape rope knot tent sleeping
    bag stove lantern compass hiking boots trail camping permit parking fine licence insurance claim
    loan mortgage savings interest tax pension salary contract holiday leave shift rota uniform badge
    """.split()
_TEMPLATES_Q = (
    "How do I set up the {a} {b}?",
    "Why does the {a} {b} keep failing?",
    "What is the {a} {b} for?",
    "Can I use the {a} with a {c}?",
    "Where is the {b} on the {a}?",
    "How long does the {a} {b} last?",
    "What does the {a} {b} light mean?",
    "How do I clean the {a} {b}?",
    "Is the {a} compatible with {c} {b}?",
    "Why is my {a} {b} so slow?",
    "How do I replace the {b} of the {a}?",
    "What happens if the {a} {b} gets wet?",
    "Who makes the {a} {b}?",
    "How do I turn off the {a} {c}?",
    "What are the {a} {b} options?",
)
_TEMPLATES_ALT = (
    "{a} {b} not working",
    "{a} {b} problem",
    "fix {a} {b}",
    "{b} for {a}",
    "help with the {a} {b}",
    "{a} {b} broken",
    "what to do when the {a} {b} stops",
    "is there a {c} for the {a}",
    "{a} and {c} together",
    "{a} {b} guide",
    "troubleshooting {a} {b}",
    "where can i find the {a} {b}",
    "{a} {b} versus {c}",
    "why won't the {a} {b} start",
    "how does the {a} {b} work",
    "{a} {c} {b} settings",
)
_FILLERS = ("", "", "", "hey, ", "quick question: ", "hi there, ", "um ", "so ")
_TAILS = ("", "", "", "?", " please", " thanks", " at all?", "??")


def pseudo_word(rng: random.Random) -> str:
    syllables = rng.choice((2, 2, 3, 3, 4))
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables - 1))
    return word + rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def _common(rng: random.Random) -> str:
    # Zipf-like: index ~ exp(uniform) skews towards the start of the list.
    index = min(int(len(COMMON) ** rng.random()) - 1, len(COMMON) - 1)
    return COMMON[max(index, 0)]


class _Names:
    """Unique pseudo-words, never a word the bundled knowledge base or the common list uses."""

    def __init__(self, rng: random.Random, taken: set[str]) -> None:
        self.rng = rng
        self.taken = set(taken)

    def new(self) -> str:
        while True:
            word = pseudo_word(self.rng)
            # "dos..." or "od" would look like dose talk to the safety rules; keep them out.
            if len(word) >= 5 and word not in self.taken and "dos" not in word and not word.startswith("od"):
                self.taken.add(word)
                return word


def _fill(template: str, a: str, b: str, c: str) -> str:
    return template.format(a=a, b=b, c=c)


def generated_entries(count: int, seed: int = SEED, taken: set[str] | None = None) -> list[Entry]:
    """``count`` made-up entries (ids ``gen-000001``...)."""
    rng = random.Random(seed)
    names = _Names(rng, (taken or set()) | set(COMMON))
    entries: list[Entry] = []
    seen: set[str] = set()
    # Several entries share a product name, as a support site has many questions per product.
    product = names.new()
    for number in range(1, count + 1):
        if rng.random() < 0.3:
            product = names.new()
        part = rng.choice((names.new(), _common(rng), _common(rng)))
        other = _common(rng)
        templates = rng.sample(_TEMPLATES_Q, 1) + rng.sample(_TEMPLATES_ALT, rng.randint(3, 7))
        texts = []
        for template in templates:
            text = _fill(template, product, part, other)
            if text.casefold() not in seen:
                seen.add(text.casefold())
                texts.append(text)
        if not texts:
            continue
        answer = (
            f"The {product} {part} works with most {other} setups. "
            f"If the {part} {rng.choice(('stops', 'fails', 'slows down', 'gets noisy'))}, "
            f"check the {_common(rng)} and the {_common(rng)} first, then contact {product} support."
        )
        entries.append(
            Entry(
                id=f"gen-{number:06d}",
                question=texts[0],
                answer=answer,
                section=f"{product.title()} help",
                alternates=tuple(texts[1:]),
                defines=(f"{product} {part}",) if rng.random() < 0.1 else (),
            )
        )
    return entries


def _bundled_vocabulary(kb: KnowledgeBase) -> set[str]:
    words: set[str] = set()
    for entry in kb.entries:
        for text in (entry.question, *entry.alternates, entry.answer):
            words.update(w.strip("?.,!()'\"").casefold() for w in text.split())
    return words


def generated_kb(size: int, seed: int = SEED) -> KnowledgeBase:
    """The bundled knowledge base grown to ``size`` entries with generated ones (bundled entries first)."""
    bundled = load_knowledge_base()
    if size <= len(bundled.entries):
        return bundled
    extra = generated_entries(size - len(bundled.entries), seed, _bundled_vocabulary(bundled))
    return replace(bundled, entries=bundled.entries + tuple(extra), path=f"<generated {size}>")


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 6 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swap two letters
    if kind == 1:
        return word[:i] + word[i + 1 :]  # drop one
    return word[:i] + word[i] + word[i:]  # double one


def perturb(rng: random.Random, text: str) -> str:
    """A paraphrase a person might type: filler, a dropped or misspelt word, other punctuation."""
    words = text.rstrip("?").split()
    if len(words) > 3 and rng.random() < 0.3:
        del words[rng.randrange(len(words))]
    if rng.random() < 0.4:
        i = rng.randrange(len(words))
        words[i] = _typo(rng, words[i])
    if rng.random() < 0.2:
        words = [w.lower() for w in words]
    return rng.choice(_FILLERS) + " ".join(words) + rng.choice(_TAILS)


def generated_questions(kb: KnowledgeBase, count: int, seed: int = SEED) -> Iterator[tuple[str, str | None]]:
    """``count`` (question, source entry id or None) pairs: perturbed questions of random entries,
    a third of them from the bundled entries, and some off-topic ones (source None)."""
    rng = random.Random(seed + 1)
    bundled = [e for e in kb.entries if not e.id.startswith("gen-")]
    generated = [e for e in kb.entries if e.id.startswith("gen-")]
    for i in range(count):
        if i % 10 == 9:
            yield f"{rng.choice(COMMON)} {rng.choice(COMMON)} {rng.choice(('price', 'opening hours', 'history'))}", None
            continue
        pool = generated if generated and i % 3 else bundled
        entry = rng.choice(pool)
        source = rng.choice((entry.question, *entry.alternates))
        yield perturb(rng, source), entry.id
