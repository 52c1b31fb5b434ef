"""Naltrexone at its usual strength, named by its strength: a name, not a dose question.

People tell the two drugs apart by strength: "50 mg naltrexone", "full-dose naltrexone", "the regular
strength tablets" all mean naltrexone as it is usually prescribed, the drug the article
contrasts with LDN. Read as amounts, they made referrals of general questions ("what is 50 mg
naltrexone normally prescribed for?", "how does full-dose naltrexone block opioids?"). The router reads
them as "standard naltrexone" instead; anything else in the question that asks for an amount, a timing
or advice ("should I take 50 mg naltrexone?") still fires its own rule.

Only the router reads this form: the outgoing guard and matching read the text as typed.
"""

from __future__ import annotations

import re

import faqbot.regex as regex

# Not "normal", "usual", "typical": "the usual dose pill" may ask what the dose is; not "high": a higher
# dose is a dose compared
_SIZE = r"(?:full|standard|regular|ordinary|traditional|addiction|alcohol)"
_DRUG = r"(?:naltrexone|naltrexon|naltrexona|naltrexon[ae]?s?)"
_FORM = r"(?:naltrexone|pills?|tablets?|capsules?|version|form|drug|one)"

_PATTERNS = (
    # "full-dose naltrexone", "standard dose pill", "regular strength tablets": an adjective, never "the
    # usual dose of naltrexone", which asks what the dose is
    (regex.compile(rf"\b{_SIZE}[- ](?:dose|dosage|strength|dosed)d?s? (?=(?:oral )?{_FORM}\b)"), "standard "),
    # "50 mg naltrexone", "the 50mg pill", "50 milligram tablets"
    (regex.compile(rf"(?<![\d.,])\b(?:the )?50 ?(?:mg|milligrams?|milligram)s? (?=(?:oral )?{_FORM}\b)"), "standard "),
    # "naltrexone 50 mg", "naltrexone at 50mg"; "naltrexona de 50 mg", "la naltrexone à 50 mg", "naltrexone da 50 mg"
    (regex.compile(rf"\b({_DRUG})(?: at| in| de| da| a| à| mit| zu)? 50 ?(?:mg|milligrams?)\b"), r"standard \1"),
    # "la naltrexona normal, la de 50 mg", "naltrexone normale da 50 mg": the drug named, then its strength
    (regex.compile(rf"\b({_DRUG}) (?:normal|normale|regular|habitual|classique|clássica|classica|comum)"
                   rf",? (?:(?:la|a|le|il|die) )?(?:de|da|à|a|von|mit)? ?50 ?(?:mg|milligrams?)\b"), r"standard \1"),
)


#: words besides the drug and its strength that make a question of their own: "naltrexone 50mg" or
#: "what about 50 mg naltrexone?" may ask about that amount; "what is 50 mg naltrexone prescribed
#: for?" asks about the drug
_OWN_QUESTION = 4
_WORD = regex.compile(r"[a-z]+")
# ("ldn", "low dose" in the rest already keep the amount reading: see _ABOUT_THE_AMOUNT)
_NAMES = frozenset({"naltrexone", "naltrexon", "naltrexona", "standard", "the"})


def name_strengths(text: str) -> str:
    """``text`` (cleaned, lower case) with the usual strength of naltrexone read as its name, when the
    rest of it asks a question of its own."""
    if "50" not in text and "dos" not in text and "strength" not in text:
        return text
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(lambda m, r=replacement: _named(m, r), text)  # type: ignore[misc]
    return text


#: words that make the strength the point of the question after all: comparing it ("better than
#: LDN"), taking or making it ("take 50 mg pills instead", "make LDN from 50 mg tablets"), whether it is
#: right or safe, or asking what it is (a red-team review kept "use": "do people use 50mg tablets for MS pain?")
_ABOUT_THE_AMOUNT = regex.compile(
    r"\b(?:better|best|worse|more|less|effective|stronger|weaker|instead|rather|than|compare\w*|vs|versus|differ\w*|ok|okay|safe|safer|dangerous|risky"
    r"|fine|right|take|takes|taking|took|use|using|make|making|switch\w*|split\w*"
    r"|cut|cutting|ldn|low|dose|doses|dosage|enough|much|many|what is the|what s the|which is the|whats the"
    # (the same in the other languages: taking it, an amount, whether it is better or safe)
    r"|tomar|tomo|toma|tomas|tomarla|prendre|prends|prend|prendo|prende|prendere|nehmen|nehme|nimmt|tomam"
    r"|dosis|dosi|dosierung|posologie|posologia|cantidad|quantité|menge|quantità|quantidade|cuanto|cuanta|combien"
    r"|quanto|quanta|wieviel|viel|mejor|mieux|besser|meglio|melhor|seguro|segura|sur|sure|sicher|sicuro|sicura"
    r"|baja|bajas|faible|niedrig|niedrige|bassa|basso|baixa"
    # (one's own course of it, or making a dose of it: "llevo un mes con la naltrexona de 50 mg y tengo la piel
    # amarilla", "je la dilue dans l'eau comment ?", a review)
    r"|llevo|mi|mis|mon|ma|mes|mein|meine|meinem|meinen|minha|meu"
    r"|mia|mio|diluir|diluyo|diluye|dilue|diluer|auflosen|auflösen|diluire|diluisco|diluo|cortar|corto|partir|parto"
    r"|couper|coupe|teilen|teile|dividere|divido|donne|donné|dado|dato|gegeben)\b")


#: what the drug is or does, which a few words ask about it by name when they say nothing else: "is 50mg
#: naltrexone addictive", "naltrexone 50mg side effects", "who makes 50 mg naltrexone" (a red-team review:
#: "naltrexone 50mg side effects dizzy", "...tonight", "...overdose side effects" tell a case or an amount)
_PROPERTY = regex.compile(
    r"\b(?:addictive|addicting|habit forming|an opioid|an opiate|a narcotic|side effects|manufactures|makes"
    r"|mechanism|fda approved)\b")
_ASKING = frozenset({"is", "are", "does", "what", "which", "who", "company", "the", "a", "an", "of", "its", "it"})


def _asks_a_property(rest: str) -> bool:
    """Whether ``rest`` (the question without the drug's name) asks only what :data:`_PROPERTY` names."""
    left = _PROPERTY.sub(" ", rest)
    return left != rest and all(w in _ASKING or w in _NAMES for w in _WORD.findall(left))


def _named(match: re.Match[str], replacement: str) -> str:
    text = match.string
    rest = text[: match.start()] + " " + text[match.end() :]
    short = sum(1 for w in _WORD.findall(rest) if w not in _NAMES) < _OWN_QUESTION and not _asks_a_property(rest)
    if short or _ABOUT_THE_AMOUNT.search(rest) or "naltrex" not in text:
        return match.group(0)
    return match.expand(replacement)
