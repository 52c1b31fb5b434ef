"""Killing or an overdose said of an everyday thing: hyperbole, not self-harm or an emergency.

"This exam is going to kill me", "ce partiel va me tuer", "esta espera me mata", "die Klausur bringt mich um":
the thing that "kills" is an exam, a wait, a price, work or a pain, and the speaker means it is hard. Read
word for word, "kill me" and "me tuer" are among the self-harm words, and such a general question got the
emergency reply (the safety probe sets mark them `hyperbole` and `idiom`). The router reads them as "<thing>
is hard" instead, the way :mod:`.strength` reads "50 mg naltrexone" as a name.

Only a thing on the list counts, right before the phrase, never a person (a boss or a partner may mean it), a
drug, pills or a dose: "these pills will kill me", "my boss threatened to kill me" and "I'm going to kill
myself" are read as typed, and so is any message that says it wishes or plans it ("let it kill me", "ojalá lo
haga", a mention of pills). Only the router reads this form.

In English an overdose is read the same way when what it is "on" is reading, screens or a treat ("I've overdosed
on LDN articles tonight", "I could overdose on coffee lol"): "seen plenty of <thing>".
"""

from __future__ import annotations

import faqbot.regex as regex

#: the everyday things people say are killing them, in the six languages (accents optional: the router
#: reads both the text as cleaned and as folded)
_THINGS = (
    r"exams?|tests?|finals?|homework|assignments?|essays?|deadlines?|job|work|shifts?|commute|traffic|classe?s?"
    r"|course|lectures?|meetings?|heat|weather|queue|wait|waiting|paperwork|project|workout|gym|stairs"
    r"|diet|hype|prices?|bill|pain|flare|back|itch|itching|insomnia|boredom|suspense|curiosity|stress"
    r"|migraines?|headaches?|joints?|knees?|neck|cramps?|fibro|arthritis|sciatica"
    # (French "mal de dos", "mal de tête" only: "mal" alone is "badly" in Spanish and Portuguese)
    r"|mal(?=\s+de\s)|enxaqueca|jaqueca|migra[ñn]a|migr[aä]ne|kopfschmerzen|emicrania|cefalea|ciática|ischias"
    r"|partiels?|examens?|boulot|travail|cours|devoirs?|r[eé]union|chaleur|journ[eé]e|trajet"
    r"|bouchons|projet|attente|prix|douleur|facture"
    r"|trabajo|curro|clase|tr[aá]fico|calor|deberes|proyecto|espera|precios?|dolor|espalda"
    r"|duda|factura|estr[eé]s|picor"
    r"|esame|esami|lavoro|traffico|caldo|riunione|compiti|progetto|turno|attesa|prezzi|prezzo"
    r"|dolore|schiena|dubbio|bolletta|prurito"
    r"|pr[uü]fung|klausur|arbeit|hitze|schicht|besprechung|hausaufgaben|projekt|verkehr|warten"
    r"|preise?|schmerzen|schmerz|r[uü]cken|juckreiz"
    r"|provas?|exame|trabalho|tr[aâ]nsito|reuni[aã]o|li[cç][aã]o|projeto|plant[aã]o|pre[cç]os?|dor"
    r"|costas|d[uú]vida|estresse|coceira|aula|trampo|servi[cç]o|faculdade|facul|escola"
)
_DETERMINER = (
    r"(?:this|that|the|my|these|those|ce|cette|cet|ces|mon|ma|mes|le|la|les|l'|este|esta|estos|estas|el|los|las|mi"
    r"|mis|questo|questa|questi|queste|il|lo|i|mio|mia|diese|dieser|dieses|die|der|das|mein|meine|essa|esse|isso|o"
    r"|a|os|as|meu|minha)\s+"
)
#: "is going to kill me", "va me tuer", "me va a matar", "mi ammazza", "bringt mich um", "vai me matar"
_KILLS_ME = (
    r"(?:(?:is|are|'s|will|would|gonna|is\s+gonna|is\s+going\s+to|are\s+going\s+to|might)\s+)?"
    # ("is literally killing me": a word that only stresses it changes nothing)
    r"(?:(?:literally|really|actually|honestly|seriously|absolutely|totally|slowly|just|so)\s+)?(?:kill|killing|be"
    r"\s+the\s+death\s+of)\s+me"
    r"|(?:va\s+|vont\s+|va\s+finir\s+par\s+)?me\s+tu(?:er|e|ent)"
    r"|me\s+(?:va\s+a\s+matar|mata|est[aá]\s+matando|matar[aá])|va\s+a\s+matarme"
    r"|mi\s+(?:uccider[aà]|uccide|ammazza|ammazzer[aà]|sta\s+uccidendo|sta\s+ammazzando)"
    r"|bringt\s+mich\s+(?:noch\s+|echt\s+)?um|wird\s+mich\s+(?:noch\s+)?umbringen"
    r"|vai\s+me\s+matar|(?:est[aá]\s+|t[aá]\s+)?me\s+matando|me\s+matar[aá]"
)
#: the words that make a thing whose it is, not what kills: "o cara do serviço vai me matar" is a person, "the guy
#: at work" too (a review); the thing is never after one of them, nor are they among the words before it
_OF_WORDS = ("of", "at", "from", "de", "di", "du", "des", "del", "da", "do", "der", "von", "dal", "della", "dello",
             "dos", "das")
_OF = "(?:" + "|".join(_OF_WORDS) + ")"
#: (one look-behind per word: the engine's look-behinds are of a fixed width)
_NOT_AFTER_OF = "".join(rf"(?<!\b{word}\s)" for word in _OF_WORDS)
_THING_FIRST = regex.compile(
    rf"\b{_NOT_AFTER_OF}(?P<thing>(?:{_DETERMINER})?(?:(?!{_OF}\b)[\w-]+\s+){{0,2}}?(?:{_THINGS}))\b"
    # nothing between the thing and the phrase but what the thing is of ("essa prova de bioquímica vai me
    # matar"): "after the exam I'm going to kill myself", "la semaine prochaine je vais me tuer" and "at work
    # someone wants to kill me" keep the phrase (redteam27)
    rf"(?:\s+(?:of|de|di|du|des|del|da|do|der|von)\s+[\w-]+)?\s+(?:{_KILLS_ME})\b"
)
#: the thing after the verb, as Spanish, Italian and Portuguese may put it: "me mata la espalda", "mi uccide
#: l'attesa"
_VERB_FIRST = regex.compile(
    rf"\b(?:me\s+mata|mi\s+uccide|mi\s+ammazza|me\s+tue)\s+(?P<thing>(?:{_DETERMINER}|l')?(?:{_THINGS}))\b"
)


#: a wish or a plan beside the phrase means it: "let it kill me", "I hope the stress will kill me", "ojalá lo
#: haga", "e eu vou deixar", "tanto vale farlo io" (redteam27): then nothing is read as hyperbole
_MEANT = regex.compile(
    r"\b(?:let|lets|letting|want|wants|hope|hoping|wish|pray|done|ready|end\s+it|ojal[aá]|quiero|espero|lo\s+har[eé]"
    r"|har[eé]\s+yo|voglio|spero|tanto\s+vale|farlo\s+io|hoffe|selbst|ich\s+will|quero|deixar|deixo|tomara|je\s+veux"
    r"|j'esp[eè]re|esp[eè]re|qu'il\s+le\s+fasse|pills?|pastillas|pilules|comprim\w+|tabletten|pillole|rem[eé]dios)\b"
)


#: an overdose of something that is no substance, or a treat ("I've overdosed on LDN articles tonight", "I
#: could overdose on coffee today lol"): too much of it, not an overdose (English; safety probes marked `idiom`)
_TOO_MUCH_OF = regex.compile(
    r"\b(?:overdos(?:e|ed|ing)|od(?:'?d|ed|ing)?)\s+on\s+(?P<thing>(?:[\w-]+\s+){0,2}?"
    r"(?:articles?|reading|research|information|info|jargon|news|science|facts|studying|revision|homework|work"
    r"|tv|telly|netflix|youtube|podcasts?|videos?|memes|social\s+media|screens?|forums?|posts|threads|websites?"
    r"|googling|google|words|theory|terminology|acronyms|data|statistics|stats|numbers|studies|papers|hype|answers"
    r"|replies|content|documentar(?:y|ies)|blogs?|books?"
    r"|coffee|chocolate|sugar|sweets|candy|cake|cookies|biscuits|pizza|christmas|holidays?))\b"
    # (a form of medicine after it makes it one: "coffee tablets", "sugar pills", "chocolate laxatives")
    r"(?!\s+(?:tablets?|pills?|capsules?|caps|meds|medicines?|medications?|gummies|drops|laxatives?|supplements?))"
)


def unexaggerated(text: str) -> str:
    """``text`` (cleaned or folded, lower case) with killing said of an everyday thing read as "<thing> is hard",
    and an overdose of one as "seen plenty of <thing>"."""
    # (a wish, a plan or pills named beside it keep the phrase, as for killing)
    if _TOO_MUCH_OF.search(text) and not _MEANT.search(text):
        text = _TOO_MUCH_OF.sub(lambda m: f"seen plenty of {m.group('thing')}", text)
    if "kill" not in text and "tu" not in text and "mat" not in text and "mazz" not in text and "ucci" not in text \
            and "bring" not in text:
        return text
    if _MEANT.search(text):
        return text
    text = _THING_FIRST.sub(lambda m: f"{m.group('thing')} is hard", text)
    return _VERB_FIRST.sub(lambda m: f"{m.group('thing')} is hard", text)
