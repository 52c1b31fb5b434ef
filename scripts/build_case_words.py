"""Build faqbot/safety/packs/case_words.txt: the words that can tell how someone's body is doing.

    python scripts/build_case_words.py            # write the list
    python scripts/build_case_words.py --check    # exit 1 if the shipped list differs from a fresh build

A story told beside a general question keeps its referral when it tells someone's symptoms ("What is LDN? My
mum has MS and her legs have gone numb"). The safety packs list symptoms by hand, and red-team reviews kept
finding ones nobody listed. WordNet (Princeton, version 3.0; Debian's ``wordnet-base`` puts it in
/usr/share/wordnet) sorts every English word it knows into lexicographer files, so the words for body parts and
bodily substances (noun.body), bodily functions (verb.body), physical conditions, illnesses, symptoms and
injuries (noun.state under those), and the adjectives derived from them ("numb", "dizzy", "swollen") can be
taken whole, with their plural and verb forms. WordNet's licence allows this use with its notice, which
heads the list (:data:`NOTICE`).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from faqbot.text.fold import fold  # noqa: E402  (the folding the safety packs read questions with)

OUT = ROOT / "faqbot" / "safety" / "packs" / "case_words.txt"
#: lexicographer file numbers (WordNet's lexnames(5))
NOUN_BODY, NOUN_STATE, VERB_BODY = 8, 26, 29
#: the noun.state synsets whose hyponyms, all the way down, tell a state of the body
STATE_ROOTS = ("physical_condition", "symptom", "injury", "pain")
#: words that name the topic people ask about, not how someone is: a story saying "my brother is in recovery
#: from addiction" or "my chronic illness group" tells no symptom (the rules read those in their own classes)
TOPIC = frozenset("""addiction addictions addict addicts alcoholism dependence dependency recovery health healthy
    condition conditions disease diseases illness illnesses sickness disorder disorders syndrome ill unwell
    sick state states body bodies system systems cell cells nerve nerves brain immune chronic microglia receptor
    receptors endorphin endorphins gene genes genetic drug drugs medicine medicines medicate nurse nurses nursing
    detox detoxing inflammatory""".split())
#: everyday words WordNet also files under the body but that a story uses in another sense first
EVERYDAY = frozenset("""back backs hand hands head heads face faces side sides mind minds shape tissue tissues figure
    figures frame build built top bottom bottoms spring process processes system pit want wants wanted wanting organ
    organs member members trunk part parts cast cell ring rings tear tears spit crown crowns temple temples sole
    soles lap laps bum seat seats shot shots vessel vessels well fit fits run runs running ran sit sat sitting
    stand stood standing rest rests resting come comes came coming don dons bit leaflet leaflets behind speak
    speaking spoke laugh laughs laughed handed scared scare look looks small round cure cures ulcerative""".split())
#: WordNet's licence asks for this notice on every copy, modified ones included
NOTICE = """WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.

Permission to use, copy, modify and distribute this software and database and its documentation for any
purpose and without fee or royalty is hereby granted, provided that you agree to comply with the following
copyright notice and statements, including the disclaimer, and that the same appear on ALL copies of the
software, database and documentation, including modifications that you make for internal use or for
distribution.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR
WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO
REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF
THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS,
TRADEMARKS OR OTHER RIGHTS.

The name of Princeton University or Princeton may not be used in advertising or publicity pertaining to
distribution of the software and/or database. Title to copyright in this software, database and any
associated documentation shall at all times remain with Princeton University and LICENSEE agrees to
preserve same."""
_SENSE = re.compile(r"^(\d{8}) (\d\d) ([nvasr]) ([0-9a-f]{2}) ")


def read_data(path: Path) -> dict[str, tuple[int, list[str], list[tuple[str, str, str]]]]:
    """offset -> (lexicographer file, lemmas, pointers as (symbol, offset, part of speech))."""
    synsets = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        match = _SENSE.match(line)
        if not match:
            continue  # the licence at the top of each file
        fields = line.split(" | ", 1)[0].split()
        count = int(fields[3], 16)
        lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(count)]
        at = 4 + 2 * count
        pointers = [(fields[at + 1 + 4 * i], fields[at + 2 + 4 * i], fields[at + 3 + 4 * i])
                    for i in range(int(fields[at]))]
        synsets[fields[0]] = (int(fields[1]), lemmas, pointers)
    return synsets


def state_synsets(nouns: dict[str, tuple[int, list[str], list[tuple[str, str, str]]]]) -> set[str]:
    """The noun.state synsets under :data:`STATE_ROOTS` (hyponyms, all the way down)."""
    roots = [o for o, (lex, lemmas, _) in nouns.items() if lex == NOUN_STATE and lemmas[0] in STATE_ROOTS]
    found, todo = set(), list(roots)
    while todo:
        offset = todo.pop()
        if offset in found:
            continue
        found.add(offset)
        todo.extend(target for symbol, target, pos in nouns[offset][2] if symbol in ("~", "~i") and pos == "n")
    return found


def exceptions(path: Path) -> dict[str, list[str]]:
    """base form -> irregular inflected forms (WordNet's *.exc files)."""
    out = defaultdict(list)
    for line in path.read_text(encoding="latin-1").splitlines():
        inflected, *bases = line.split()
        for base in bases:
            out[base].append(inflected)
    return out


def first_senses(path: Path) -> dict[str, str]:
    """lemma -> the offset of its most frequent sense (WordNet's index.* files list senses by frequency)."""
    out = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence
        fields = line.split()
        lemma, pointers = fields[0], int(fields[3])
        out[lemma] = fields[4 + pointers + 2]  # after the pointer symbols, sense count and tagsense count
    return out


def noun_forms(word: str, irregular: dict[str, list[str]]) -> set[str]:
    plural = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else (
        word + "es" if word.endswith(("s", "x", "z", "ch", "sh")) else word + "s")
    return {word, plural, *irregular.get(word, ())}


def verb_forms(word: str, irregular: dict[str, list[str]]) -> set[str]:
    stem = word[:-1] if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) else word
    third = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else (
        word + "es" if word.endswith(("s", "x", "z", "ch", "sh", "o")) else word + "s")
    past = word[:-1] + "ied" if word.endswith("y") and word[-2:-1] not in "aeiou" else stem + "ed"
    forms = {word, third, past, stem + "ing", *irregular.get(word, ())}
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", word) and len(word) <= 5:
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # "bleb"? no: "throb" -> "throbbed"
    return forms


def build(wordnet: Path) -> list[str]:
    nouns, verbs, adjectives = (read_data(wordnet / f"data.{pos}") for pos in ("noun", "verb", "adj"))
    states = state_synsets(nouns)
    body_nouns = {o for o, (lex, _, _) in nouns.items() if lex == NOUN_BODY} | states
    noun_exc, verb_exc, adj_exc = (exceptions(wordnet / f"{pos}.exc") for pos in ("noun", "verb", "adj"))
    # a word counts only when its commonest sense is one of these ("take" has a sense derived from a noun of
    # the body, but is mostly something else)
    first = {pos: first_senses(wordnet / f"index.{pos}") for pos in ("noun", "verb", "adj")}
    words: set[str] = set()
    for offset in body_nouns:
        for lemma in nouns[offset][1]:
            if first["noun"].get(lemma) in body_nouns:
                words |= noun_forms(lemma, noun_exc)
    # the verbs of bodily functions, and any verb derived from one of those nouns ("itch", "ache", "swell")
    body_verbs: set[str] = set()
    for lex, lemmas, pointers in verbs.values():
        if lex == VERB_BODY or any(symbol == "+" and pos == "n" and target in body_nouns
                                   for symbol, target, pos in pointers):
            body_verbs.update(lemmas)
    for lemma in body_verbs:
        sense = first["verb"].get(lemma)
        if sense is not None and (verbs[sense][0] == VERB_BODY or any(
                symbol == "+" and pos == "n" and target in body_nouns for symbol, target, pos in verbs[sense][2])):
            words |= verb_forms(lemma, verb_exc)
    # adjectives derived from, or naming an attribute of, those nouns ("numb" from "numbness"), and the
    # satellites similar to them ("swollen" beside "puffy")
    heads = {o for o, (_, _, pointers) in adjectives.items()
             if any(symbol in ("+", "\\", "=") and pos == "n" and target in body_nouns
                    for symbol, target, pos in pointers)}
    heads |= {target for o in list(heads) for symbol, target, _ in adjectives[o][2] if symbol == "&"}
    for offset in heads:
        for lemma in adjectives[offset][1]:
            if first["adj"].get(lemma) in heads:
                words |= {lemma, *adj_exc.get(lemma, ())}
    # as a question's words are read: folded, so "aaa" (a battery, and a stretched "a") would be "a"
    return sorted(w for w in words if "_" not in w and "-" not in w and w.isalpha() and len(w) > 2
                  and fold(w) == w and w not in TOPIC | EVERYDAY)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--check", action="store_true", help="compare with the shipped list, write nothing")
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.noun").exists():
        print(f"no WordNet database in {args.wordnet}: apt-get install wordnet-base", file=sys.stderr)
        return 2
    text = "".join(f"{word}\n" for word in build(args.wordnet))
    header = ("# Words that can tell how someone's body is doing, taken from WordNet 3.0 by\n"
              "# scripts/build_case_words.py (do not edit by hand).\n#\n"
              + "".join(f"# {line}".rstrip() + "\n" for line in NOTICE.splitlines()))
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == header + text
        print("case_words.txt is up to date" if same else "case_words.txt differs: run scripts/build_case_words.py")
        return 0 if same else 1
    OUT.write_text(header + text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} words to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
