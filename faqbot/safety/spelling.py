"""The ways a pack phrase is typed besides the way it is written (:func:`spellings`), read by the pack loader."""

from __future__ import annotations

import faqbot.regex as regex

#: how German is typed without its umlauts: "fuer" for "für", "moechte" for "möchte" (folding alone
#: makes "für" "fur", which a German writing "fuer" never types)
_TRANSLITERATED = {"de": str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})}


#: Spanish runs "de el" and "a el" together: "el pedido" is "del pedido" after "de"
_CONTRACTED = {"es": (("el ", ("del ", "al ")),)}
#: English contractions as chat types them, run together ("im dying", "isnt breathing", "cant wake him"): a
#: phrase written "i m dying" also matches them. Not "i ll" or "we re": "ill" and "were" are other words.
_RUN_TOGETHER = {"en": regex.compile(r"\b(i) (?=m\b|ve\b)|\b(\w+n) (?=t\b)"
                                     r"|\b(you|they|it|that|what|he|she) (?=re\b|s\b)")}


def spellings(lang: str, phrase: str) -> tuple[str, ...]:
    """A pack phrase and the other ways it is typed: in German without its umlauts, in Spanish after
    a contraction."""
    table = _TRANSLITERATED.get(lang)
    forms = [phrase, phrase.translate(table) if table else phrase]
    for start, joined in _CONTRACTED.get(lang, ()):
        if phrase.startswith(start):
            forms.extend(j + phrase[len(start):] for j in joined)
    run_together = _RUN_TOGETHER.get(lang)
    if run_together is not None:
        forms.append(run_together.sub(lambda m: next(g for g in m.groups() if g), phrase))
    return tuple(dict.fromkeys(forms))
