"""The routing rules: emergency rules first, then referral rules, as patterns over the prepared text.

The rules are code, not knowledge-base data, on purpose: a curator editing ``faq.yaml`` can change
what faqbot says in a referral, but cannot switch the referral off.
"""

from __future__ import annotations

import re
from typing import Literal

import faqbot.regex as regex
from faqbot.records import dataclass
from faqbot.safety.amounts import DURATION_EN, EVERYDAY, IDIOMS, NOT_A_DOSE, STOPS_EN, UNITS_EN, alternatives
from faqbot.text.figures import WORD_UNIT

RouteKind = Literal["emergency", "referral"]


class Pattern:
    """A regular expression compiled on first use: importing the rules costs nothing (issue #14).

    Declared to :mod:`faqbot.regex` all the same, so the cache of built bots carries its compiled
    program even if the process that wrote the cache never needed it.
    """

    FLAGS = re.IGNORECASE | re.VERBOSE

    def __init__(self, source: str) -> None:
        self.pattern = source
        self._compiled: re.Pattern[str] | None = None
        regex.declare(source, self.FLAGS)

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            # Compiling twice in a race is harmless: both results are the same pattern.
            self._compiled = regex.compile(self.pattern, self.FLAGS)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)


@dataclass(frozen=True)
class Rule:
    """A phrase rule: a pattern over the prepared question, and what it must also find there."""

    name: str
    kind: RouteKind
    pattern: Pattern
    #: all of these must also be present somewhere in the question
    needs: Pattern | None = None


#: things counted in a story that are no dose ("3 chain pharmacies", "2 towns over"; :mod:`.story` too). The English
#: pack's `count_noun` lists the same nouns for the engine's rules, less those whose singular the packs lack (the
#: spelling repair would turn "rheumatologist" into "rheumatologists"), and its `counted` the things a question counts
#: ("top 5 conditions", "in 2 sentences") but "words", which as a class made stories read differently ("explain it in
#: simple words"): keep them together.
COUNTED = r"""(?:kids|children|sons|daughters|grandkids|grandchildren|siblings|sisters|brothers|cousins|aunts|uncles|relatives
    |friends|colleagues|coworkers|neighbou?rs|members|women|men|persons|folks|heads
    |doctors|docs|gps|nurses|pharmacists|specialists|consultants|neurologists|rheumatologists|physicians
    |pharmacies|chemists|drugstores|compounders|shops|stores|clinics|hospitals|towns|cities|states|countries|miles
    |questions|calls|emails|messages|meetings|sessions|appointments|visits|books|articles|papers|websites|sites
    |forums|videos|posts|comments|pages|chapters|reasons|ways|kinds|types|things
    |conditions|diseases|illnesses|disorders|effects|benefits|sentences|words|points|facts|examples|myths|paragraphs
    # (people and things a story counts around a question, "2 nursing students", "3 different people", "2 of my
    # classmates", "3 letters", "2 magazines"; not in the pack's `count_noun`, which lacks their singulars)
    |people|students|classmates|residents|letters|trees|magazines|shows|episodes|documentaries|beds)"""


#: who may say something without supposing a case ("people in my group say you don't need a doctor"): "say" after
#: one of them is reported speech, not "say I took two"
_SAYERS = ("people", "they", "some", "folks", "others", "many", "doctors", "docs", "sites", "studies", "everyone",
           "everybody", "friends", "who", "group", "members", "users", "forums", "articles", "websites", "posts",
           "nurses", "pharmacists")
_NOT_SAID_BY = "".join(rf"(?<!\b{sayer}\ )" for sayer in _SAYERS)


def rx(pattern: str) -> Pattern:
    return Pattern(pattern)


# --- vocabulary shared by several rules --------------------------------------
_DOSE = r"(?:doses?|dosages?|dosing|dosed|posology|titrat\w*|strengths?|potenc(?:y|ies))"
_UNIT = (r"(?:mg|mgs|milligrams?|milligrammes?|mcg|mcgs|µg|ug|micrograms?|microgrammes?|g|grams?|grammes?|"
         r"ml|mls|millilit(?:er|re)s?|cc|iu|units?|tablets?|tabs?|pills?|capsules?|caps|drops?|doses?|times)")
_WORD_UNIT = WORD_UNIT
#: the people a question may be asked for (also read by the story rules, for ages told of them)
RELATION = (r"(?:mum|mom|mother|mam|ma|dad|father|pa|husband|wife|partner|spouse|boyfriend|girlfriend|fianc[eé]e?|"
             r"son|daughter|child|children|kid|kids|baby|toddler|infant|teen|teenager|brother|sister|sibling|"
             r"grandma|grandmother|granny|nan|nana|grandpa|grandfather|grandparent|aunt|auntie|uncle|niece|"
             r"nephew|cousin|friend|bf|gf|neighbou?r|patient|client|roommate|colleague|coworker|boss|dog|cat|pet)")
_ME = r"(?:i|we|he|she|they|you|one|someone|somebody|a\ person|my\ \w+(?:\ \w+)?)"
#: "my mum wants to know what the article says" tells why one asks, not a case (a relation who wants a medicine does),
#: unless what they want to know is theirs: "...if LDN would help with her fibromyalgia", "...if she should stop it"
#: (a blind red-team, 61, found those answered by a first version without this)
_NOT_TO_KNOW = (r"(?!\ (?:to\ )?(?:know|understand|learn|read|find\ out|print\ it|show\ it)\b"
                r"(?![^.?!]*\b(?:her|his|him|their|them|(?:she|he|they)(?:'|\ )?d"
                r"|(?:she|he|they)\ (?:should|could|can|would|might|may|must|needs?\ to|has\ to|have\ to|is\ able\ to)"
                r"\ (?:\w+\ )?(?:take|try|use|start|stop|have|get|be|come|go|mix|combine|switch|continue|order|buy"
                r"|keep|drink|skip|split|double|increase|lower|raise))\b))")
_MEDICINES = (
    r"(?:methadone|buprenorphine|suboxone|subutex|sublocade|oxycodone|oxycontin|hydrocodone|vicodin|percocet|"
    r"morphine|codeine|tramadol|tapentadol|fentanyl|hydromorphone|dilaudid|kratom|opioid\ painkillers?|"
    r"sertraline|zoloft|fluoxetine|prozac|citalopram|escitalopram|lexapro|paroxetine|paxil|venlafaxine|effexor|"
    r"duloxetine|cymbalta|bupropion|wellbutrin|mirtazapine|trazodone|amitriptyline|nortriptyline|ssris?|snris?|"
    r"maois?|antidepressants?|anti-?depressants?|lithium|gabapentin|neurontin|pregabalin|lyrica|"
    r"levothyroxine|synthroid|thyroxine|thyroid\ (?:meds?|medications?|medicines?|pills?|tablets?|hormones?)|"
    r"ibuprofen|advil|motrin|naproxen|aleve|aspirin|paracetamol|acetaminophen|tylenol|nsaids?|celecoxib|"
    r"prednisone|prednisolone|steroids?|cortisone|methotrexate|humira|adalimumab|biologics?|immunosuppressants?|"
    r"hydroxychloroquine|plaquenil|metformin|insulin|warfarin|coumadin|blood\ thinners?|eliquis|apixaban|"
    r"statins?|birth\ control|the\ pill|contraceptives?|melatonin|benadryl|antihistamines?|xanax|alprazolam|"
    r"valium|diazepam|benzos?|benzodiazepines?|klonopin|clonazepam|adderall|ritalin|cbd|thc|cannabis|"
    r"marijuana|weed|edibles|supplements?|vitamins?|herbs?|st\.?\ john'?s\ wort|(?:with|and|plus|alongside|on|taking|other|my|opioid|prescription)\ pain\ ?killers?|"
    r"pain\ meds?|pain\ medications?|sleeping\ pills?|muscle\ relaxants?|chemo(?:therapy)?|antibiotics?)"
)

#: a hope or a prayer, in the self-harm rule's hoped-for deaths ("hopes" only of the drug: "my ex hopes I die")
_HOPE_WORDS = r"hope|hoping|hopin|hopefully|pray|praying|prayin"
#: ... not reported of someone else ("my ex said he hopes LDN kills me")
_NOT_OF_OTHERS = r"(?<!\bhe\ )(?<!\bshe\ )(?<!\bthey\ )"
#: "twice" told of taking, but not as a choice of how often ("should it be taken once or twice?"; "I took it twice a
#: day" is a double dose told, a review)
_TWICE = r"(?<!\bor\ )twice"
#: the adverbs of what is done as a rule
_AS_A_RULE = ("usually", "normally", "typically", "commonly", "generally", "often", "always", "sometimes")
#: "taken" told of someone, not the passive of what is to be done ("can it be taken twice daily?" asks a schedule) nor
#: what is done as a rule ("is LDN usually taken twice a day?")
_TAKEN = r"(?<!\bbe\ )(?<!\bis\ )(?<!\bare\ )(?<!\bbeing\ )(?:" + "|".join(
    # (after "I've", "has", the adverb tells a habit of one's own: "I've typically taken twice the amount")
    rf"(?<=\b{have}\ {word}\ )" for have in ("have", "ve", "has", "had") for word in _AS_A_RULE) + "|" + "".join(
    rf"(?<!\b{word}\ )" for word in _AS_A_RULE) + ")taken"
#: the words that may stand between a count and what it counts ("too much of my time", "a whole lot of questions")
_BETWEEN = r"(?:(?:of|the|a|an|my|his|her|their|our|your|than|lot)\ ){0,2}"
#: ... right after a count, past "of" and an article or possessive, and not naming a medicine or a supply after all
#: within three words and no word of where or why between ("too many days' worth", "too many days of my LDN", "too much
#: time release oxycodone"; not "took several weeks for my LDN to arrive")
_NAMES_A_DOSE = (rf"(?:'|\ )?s?'?(?:\ (?!(?:{alternatives(STOPS_EN)})\b)[^\s,;:!?.]+(?:\.\d+)?){{0,2}}?"
                 r"\ (?:worth|supply|doses?|pills?|tablets?|tabs?"
                 r"|capsules?|caps|release[ds]?|\d"
                 rf"|meds|medicines?|medications?|ldn|naltrexone|{_UNIT}|{_MEDICINES})\b")
#: ... a day, week or month only before a word of how long or what for ("several weeks for my LDN to arrive"; "I took too
#: many days" is a supply)
_TIME_UNIT = rf"(?:{alternatives(UNITS_EN)})(?=\ (?:{alternatives(DURATION_EN)})\b)"


def _pattern_of(words: tuple[str, ...]) -> str:
    """The words but the days, weeks and months, or one of those counting time (:data:`_TIME_UNIT`), as a pattern."""
    return rf"(?:{alternatives(tuple(word for word in words if word not in UNITS_EN))}|{_TIME_UNIT})"


_NOT_A_DOSE = _pattern_of(NOT_A_DOSE)
_COUNTS_OTHER = rf"(?!\ {_BETWEEN}{_NOT_A_DOSE}\b(?!{_NAMES_A_DOSE}))"
#: ... and what is taken or had that is no dose and no illness ("I took the day off", "I had a bunch of tests")
_HAD_OTHER = (r"\ (?:(?:of|the|a|an|my|his|her|their|our|your|lot|bunch|couple|few|whole|some|quick|good|long"
              rf"|short|little)\ ){{0,3}}{_pattern_of(EVERYDAY + IDIOMS)}\b(?!{_NAMES_A_DOSE})")
#: ... and such a word anywhere between "had" and "twice" ("had covid twice", "had surgery twice")
_NOT_COUNTED = rf"(?!(?:{alternatives(NOT_A_DOSE)})\b)"
#: a count of six to forty-nine, in figures or words
_BARE_COUNT = (r"(?:[6-9]|[1-4]\d|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
               r"|eighteen|nineteen|(?:twenty|thirty|forty)(?:[-\ ](?:one|two|three|four|five|six|seven|eight|nine))?)\b")


def _ends_then(*extra: str) -> str:
    """What may follow a hoped-for death: the end of its clause, or a word of when or how ("...kills me tonight",
    "...die soon lol"), with the ``extra`` words one kind of hope allows."""
    words = "|".join((*extra, "soon", "tonight", "already", r"in\ my\ sleep", "now", "please", "lol", "tbh", "honestly",
                      "so", "i", "because", "cause"))
    return rf"(?=\s*(?:[.,!?;:)]|$)|\ (?:{words})\b)"


EMERGENCY_RULES: tuple[Rule, ...] = (
    Rule("self-harm", "emergency", rx(rf"""
        \b(?: kill(?:ing)?\ (?:my\ ?self|me) | suicid\w* | end(?:ing)?\ (?:my|it)\ (?:own\ )?(?:life|all)
        | end\ it\ all | (?:do\ not|don'?t|dont|no\ longer)\ want\ to\ (?:live|be\ alive|be\ here|wake\ up|go\ on)
        | want(?:ed)?\ to\ die | wish\ i\ (?:was|were)\ dead | better\ off\ dead | no\ reason\ to\ live
        | (?:hurt|harm|cutt?|burn)(?:ing|s)?\ my\ ?self
            # ("I cut myself shaving", "burnt myself while cooking": an everyday cut, as `everyday_cut` in the packs)
            (?!\ (?:while\ |when\ )?(?:shaving|cooking|chopping|on\ (?:a\ |the\ )?paper)\b)
        | self[-\ ]?harm\w* | take\ my\ (?:own\ )?life
        | want\ (?:it\ all|everything)\ to\ (?:stop|end) | (?:to|and|so\ i)\ (?:not|never)\ wake\ up
        | (?:swallow(?:ing)?|tak(?:e|ing)|eat(?:ing)?)\ (?:everything|all\ (?:of\ )?(?:my|the|his|her)\ (?:pills|meds
            |tablets|medicines?))
        | \bto\ end\ it\b
        # a death hoped for from the drug or pills, in that order and one clause ("I'm hoping this LDN kills me"; a
        # review found it answered). Not of a heat, a boss or a game ("this heat kills me, hope it cools down"), nor
        # "me" for "my" before what hurts ("hope LDN kills me joint pain"): only an end of clause or a word of when
        # or how may follow; nor someone else's wish ("my ex said he hopes LDN kills me"), nor "they", more often a
        # dentist or a team than pills ("hope they finish me off quickly at the dentist")
        | {_NOT_OF_OTHERS}(?:{_HOPE_WORDS}|hopes)\ (?:that\ )?
            (?:this|it|these|ldn|naltrexone|(?:the|my)\ (?:ldn|naltrexone|pills?|tablets?|capsules?|meds|medicines?
            |medication|drug|drugs|stuff)|this\ (?:ldn|naltrexone|stuff|drug|medicine|medication))
            \ (?:just\ |finally\ |actually\ |really\ )?(?:kills?|finish(?:es)?|will\ kill|would\ kill|'?ll\ kill
            |will\ finish)\ me(?:\ off)?{_ends_then("quickly", "quick", "first", "but")}
        # ... and one's own death hoped for, with the same ends but "quickly", "quick", "first" and "but" ("I hope I die
        # tonight", "hoping to die soon" fell back); not "I hope I die of old age", "... before my kids", "... first"
        # (of a couple), "... quickly when it's my time", nor "cross my heart and hope to die", someone else's wish ("my
        # ex hopes I die", so not "hopes") or one that is over ("I used to pray to die", "a year ago I was hoping to die")
        | {_NOT_OF_OTHERS}(?<!\bheart\ and\ )(?<!\bused\ to\ )(?<!\bwas\ )(?:{_HOPE_WORDS})\ (?:that\ )?(?:i|to)
            \ (?:just\ |finally\ |actually\ |really\ )?die{_ends_then("today")}
        | medicine\ cabinet
        | not\ worth\ living | can'?t\ go\ on | kms | unalive\w* | no\ point\ (?:in\ )?(?:living|going\ on|being\ alive)
        | life\ (?:is\ not|isn'?t)\ worth | better\ off\ (?:gone|without\ me) )\b""")),
    Rule("overdose", "emergency", rx(rf"""
        \b(?: (?<!can\ you\ )(?<!could\ you\ )(?<!can\ one\ )(?<!can\ i\ )(?<!possible\ to\ )(?<!risk\ of\ )(?<!chance\ of\ )
            (?<!if\ you\ )(?<!avoid\ )(?<!prevent\ )(?<!worried\ about\ )(?<!paranoid\ about\ )
            (?<!worry\ about\ )(?<!scared\ of\ )(?<!afraid\ of\ )(?<!fear\ of\ )overdos\w*
        | o\.?d(?:'e?d|ed)\b | od'?ing
        | (?:took|taken|swallowed|had)\ [^.?!]{{0,30}}\b(?:all\ )?at\ once
        | (?:child|kid|toddler|baby|son|daughter|dog|cat|puppy|grandchild|grandson|granddaughter)\ (?:\w+\ )?(?:ate
            |swallowed|got\ into|chewed|took|has\ eaten|has\ swallowed|drank)
        # (not how long: "taken LDN for several years")
        | (?:took|{_TAKEN}|swallowed|ate|eaten|had|given|gave)\ (?:(?!once\b){_NOT_COUNTED}\w+\ ){{0,2}}(?<!\bfor\ )(?:a\ bunch|a\ handful
            |handfuls|lots|loads|the\ (?:whole|entire)|a\ whole|an\ entire|all\ (?:of\ )?(?:the|my|his|her|their)|several
            |extra|too\ (?:much|many)|double|{_TWICE}|multiple|an\ extra|another\ dose|more\ than){_COUNTS_OTHER}
        | double[-\ ]?dos\w*
        # (not what was done to something twice: "had my prescription refused twice", "had to refill it twice";
        # "had to take it twice", "had used my LDN twice" are a dose, a review)
        | (?:took|{_TAKEN}|had(?!\ to\ (?!take|have|give|use|redo|repeat)\w)|gave|given)
            \ (?:(?!once\b)(?!(?!used|repeated|consumed|swallowed|ingested|dosed)\w+ed\b){_NOT_COUNTED}\w+\ ){{0,4}}{_TWICE}
        | (?:got|gotten|get|gets|getting)\ into\ (?:\w+\ ){{0,3}}(?:bottle|pills?|tablets?|meds|medicines?|medications?)
        | (?<!struggle\ to\ )(?<!struggled\ to\ )(?<!struggling\ to\ )(?<!hard\ to\ )(?<!trouble\ to\ )
          (?<!difficult\ to\ )(?<!unable\ to\ )(?<!can't\ )(?<!cant\ )(?<!cannot\ )(?<!how\ to\ )(?<!easier\ to\ )
          (?:ate|eaten|eat|swallowed|swallow|chewed)\ (?:\w+\ ){{0,5}}(?:pills?|tablets?|capsules?|meds)
        | accident(?:al|ally)?\ (?:\w+\ )?(?:took|taken|take|swallowed|ingest\w*|gave|given|had)
        | by\ (?:mistake|accident)
        | (?:took|taken|swallowed|ate|eaten|had|ingested|downed)\ (?:\w+\ )?(?:\d{{2,}}|[3-9]|three|four|five|six|seven|eight
            |nine|ten|\d+\ or\ \d+)\ (?:\w+\ )?(?:pills?|tablets?|capsules?|caps|doses?|ldn|naltrexone
            |of\ (?:them|my|his|her|the|those))
        # (a bare count the writer, he or she took, nothing counted after it: "took 30. goodbye", "just took
        # fifteen"; from six, below which it may be a dose's milligrams, and under fifty, which may be naltrexone's
        # usual strength; not "the pharmacy took 20 today", "our team took 30 in the quiz", "took 6, 9 and 12 weeks")
        | (?:(?<![\s\S])|(?<=[.!?,;:]\ )|(?<=\bi\ )|(?<=\bhe\ )|(?<=\bshe\ )|(?<=\bjust\ )|(?<=\balready\ ))
            (?:took|swallowed|downed|necked)\ (?:another\ |like\ |about\ |around\ |maybe\ )?{_BARE_COUNT}
            (?=\s*(?:[.;:!?]|,(?!\s*(?:\w+\s+)?\d)|$|(?:tonight|just\ now)\b))
        | (?:whole|entire)\ (?:bottle|pack|packet|box|supply|prescription|blister)
        | on\ purpose | intentionally\ took | poison(?:ed|ing)? | poison\ control )""")),
    Rule("severe-reaction", "emergency", rx(r"""
        \b(?: (?:can\ ?not|can'?t|cant|could\ ?not|couldn'?t|unable\ to|trouble|difficulty|hard\ to|struggling\ to
              |not\ able\ to)\ breath\w* | short(?:ness)?\ of\ breath | not\ breathing | stopped\ breathing
        | (?:throat|tongue|face|lips?)\ (?:is\ |are\ )?(?:swell\w*|closing)
        | (?:throat|tongue|face|lips?|mouth|eyes?)\ (?:is|are|feels?|looks?|got|getting|went|have\ gone)\ (?:\w+\ )?
            (?:swollen|swelling|puffy|tight|closing) | swollen\ (?:throat|tongue|face|lips?)
        | anaphyla\w* | allergic\ reaction | seizur\w* | convuls\w* | fit\ and | fainted | fainting | passed\ out
        | unconscious | unresponsive | (?:won'?t|will\ not|can'?t|cannot|does\ not|doesn'?t)\ wake(?:\ up)?
        | collaps(?:ed|ing) | chest\ pains? | chest\ (?:hurts|is\ hurting|feels\ tight|tightness)
        | (?:can'?t|cannot|can\ not)\ feel\ my\ (?:legs?|arms?|face|hands?|feet) | heart\ attack | turning\ blue | blue\ lips
        | severe\ (?:reaction|rash|vomiting|withdrawal|allergic)
        | (?:horrible|terrible|awful|intense|extreme|unbearable|really\ bad|very\ bad|severe)\ withdrawal
        | (?:i\ am|i'?m|im|he'?s|she'?s|they'?re|we'?re)\ (?:\w+\ ){0,3}(?:in|going\ through|having)\ (?:\w+\ ){0,2}withdrawal
        | (?:shaking|vomiting|sweating|throwing\ up|diarrh\w*|cramps|convulsing)\b[^.?!|]{0,40}\b(?:badly|really\ bad
            |so\ bad|severe(?:ly)?|uncontrollabl\w*|can'?t\ stop|won'?t\ stop)
        | (?:shaking|vomiting|sweating|throwing\ up)[,\ ]+(?:and\ )?(?:shaking|vomiting|sweating|throwing\ up)
        | withdrawal\ (?:\w+\ )?right\ now | (?:can'?t|cant|cannot|can\ not)\ stop\ (?:vomiting|throwing\ up|shaking)
        | vomiting\ blood | coughing\ (?:up\ )?blood
        | call(?:ing)?\ (?:911|999|112|an\ ambulance) | need\ an\ ambulance | emergency\ room )""")),
)

EMERGENCY_RULES = (
    *EMERGENCY_RULES,
    Rule("admitted-overdose", "emergency", rx(r"\b(?:i|we|he|she|they)\ (?:just|already)\ (?:did|took|swallowed|had|ate)\b"),
         needs=rx(r"\b(?:\d{2,}|a\ bunch|handful|all\ of|too\ (?:much|many)|at\ once|whole)\b")),
)

REFERRAL_RULES: tuple[Rule, ...] = (
    Rule("instruction-override", "referral", rx(r"""
        \b(?:ignore|disregard|forget|bypass|override|skip|drop)\b[^.?!]{0,40}\b(?:instructions?|rules?|guidelines?
            |restrictions?|programming|prompts?|polic(?:y|ies)|safety|filters?|guardrails?|training|constraints?
            |referrals?|disclaimers?|warnings?)\b
        | \b(?:filters?|safety|rules?|restrictions?|guardrails?|referrals?)\ (?:are\ |is\ |now\ |have\ been\ |been\ )*
            (?:disabled|off|removed|lifted|turned\ off|suspended|not\ needed)\b
        | (?:^|\|\ )system\s*: | \b(?:system\ administrator|sysadmin|your\ (?:admin|administrator|developer|creator
            |operator|programmer)|as\ (?:an?\ )?(?:admin|administrator|developer))\b
        | \byou\ are\ (?:now\ )?(?:dr\b|doctor|an?\ (?:\w+\ )?(?:expert|specialist|pharmacist|physician|doctor|nurse))
        | \b(?:what|which)\ (?:\w+\ )?(?:would|do|should)\ you\ prescribe\b | \bprescribe\ me\b
        | \b(?:jailbreak|dan\ mode|developer\ mode|system\ prompt|you\ are\ now|from\ now\ on\ you|pretend\ (?:to\ be|you)
            |(?:you|please|now)\ act\ as|^act\ as|act\ as\ (?:my|a|an)\ (?:doctor|pharmacist|physician|nurse|gp
            |medical|expert|prescriber)|role[-\ ]?play|play\ the\ role|in\ character|no\ restrictions|unfiltered
            |uncensored|you\ are\ (?:a|my)\ (?:doctor|pharmacist|physician|nurse))\b""")),
    Rule("quote-article", "referral", rx(r"""
        \b(?:quote|verbatim|word\ for\ word|copy|paste|repeat|recite|reproduce|print\ out|exact\ (?:words|wording|text))\b
        [^.?!]{0,40}\b(?:article|text|paragraph|section|passage|dose|dosage|dosing|part|source)\b
        | \b(?:article|text|paragraph|section|passage|author)\b[^.?!]{0,40}\b(?:say|says|said|give|gives|mention\w*
            |recommend\w*|suggest\w*|state\w*)\b[^.?!]{0,30}\b(?:dos\w*|amount|number|figure|how\ much|how\ often
            |when\ to|strength)\b
        | \b(?:dos\w*|amount|number|figure|strength)\b[^.?!]{0,40}\b(?:in|from|by|of)\ (?:the|this|that|your)
            \ (?:article|text|paragraph|source|faq)\b
        | \b(?:what|which)\ (?:number|figure)\b""")),
    Rule("dose-amount", "referral", rx(rf"""
        (?<!\d)\d+(?:[.,]\d+)?\s*(?:-\s*\d+(?:[.,]\d+)?\s*)?{_UNIT}\b | \b{_WORD_UNIT}\b
        | (?<![\d.,])(?!\d{{1,3}}(?:[.,]\d{{3}})+(?![\d.,]))\d+[.,]\d+(?![\d%]|\s*(?:%|percent|per\ ?cent))
        | \b(?:half|quarter|third)\ (?:a|of\ a|of\ an?)\ (?:pill|tablet|capsule|dose)""")),
    Rule("dose-number", "referral", rx(rf"""
        # (a year, "the 2009 pilot study", is no dose unless a unit follows it)
        # (nor zero: "zero risks", "0 side effects" count nothing taken)
        # (nor a part of a book, show or play: "in chapter 9", "episode 3")
        (?<![\d.,])(?<!\d\ in\ )(?<!\bone\ in\ )(?<!out\ of\ )(?<!chapter\ )(?<!episode\ )(?<!season\ )(?<!page\ )
        (?<!\bact\ )(?!0(?![\d.,]))(?!(?:19|20)\d\d(?:s|'s)?\b(?!\s*(?:mg|mcg|ml|milligram|microgram)))
        \d+(?![\d.,%])(?!\s*(?:%|percent|per\ ?cent|years?|yrs?|decades?|centur\w*|people|adults
            |patients|studies|trials|in\ \d+|out\ of|st|nd|rd|th
            # (a price: "$45" is read "45 pricetag")
            |pricetag|dollars?|euros?|quid|bucks|cents|reais)\b)
        # (nor a count of things that are no dose, a word or two after it: "3 chain pharmacies", "2 towns over",
        # "3 different people", told in stories around a question; not a span of time, which may be how long
        # something was taken: "been on LDN 4 weeks")
        (?!\s+(?:of\s+(?:my|our|the|those|these|his|her|their)\s+)?
            (?:(?!(?:mg|mcg|ml|milligrams?|micrograms?|tablets?|pills?|capsules?|caps|drops?|doses?|of)\b)[a-z'-]+\s+)?
            {COUNTED}\b)"""),
         needs=rx(r"\b(?:ldn|naltrexone|dos\w*|take|taking|took|enough|start|pills?|tablets?|capsules?|strength)\b")),
    Rule("how-much", "referral", rx(r"""
        \bhow\ (?:much|many)\ (?:of\ )?(?:ldn|naltrexone|it|this|that|ml|mls|teaspoons?|tablespoons?|spoons?|tsp|the\ (?:drug|medicine|medication|pills?|tablets?)
            |should|do\ (?:i|you|we|people|patients)|does\ (?:one|a\ person|someone|he|she)|can|would|to\ take|mg
            |milligrams?|pills?|tablets?|capsules?|drops?|doses?|times|is\ (?:too|enough|safe|right|recommended|normal
            |typical|usual|best))\b
        | \bhow\ much\ (?:did|do|does|would|will)\ (?:they|you|doctors?|researchers?|he|she|the\ \w+)(?:\ \w+ly)?
            \ (?:give|prescribe|use|recommend)\b
        | \b(?:too\ (?:much|many)|maximum|minimum|max|min)\b[^.?!]{0,25}\b(?:ldn|naltrexone)\b
        | \b(?:ldn|naltrexone)\b[^.?!]{0,25}\b(?:too\ (?:much|many)|maximum|minimum)\b
        | \benough\ (?:ldn|naltrexone|mg|milligrams?|pills?|tablets?|of\ (?:it|ldn|naltrexone))\b
        | \bwhat\ (?:amount|quantity|size)\b
        | \b(?:take|taking|took|takes)\ (?:lots|a\ lot|loads|heaps|tons|a\ bunch|extra|more)\b""" + _COUNTS_OTHER + r"""
            (?:\ of\ (?:ldn|naltrexone|it|them|my|the\ (?:ldn|naltrexone|pills|tablets|capsules))\b|(?!\ of\b)) | \bget(?:ting)?\ high\b
        | \b(?:ldn|naltrexone|dos\w*)\b[^.?!]{0,15}\b(?:amounts?|quantit(?:y|ies)|numbers?|figures?)\b
        | \b(?:amounts?|quantit(?:y|ies))\ of\ (?:\w+\ )?(?:ldn|naltrexone)\b | \b(?:usual|typical|normal|standard|recommended|right|correct|average
            |starting|common)\ (?:amount|quantity)\b""")),
    Rule("dose-size-question", "referral", rx(r"""
        \b(?:what|how|which)\b[^.?!]{0,20}\b(?:is|counts\ as|considered|'s|qualifies\ as|mean\w*)\b[^.?!]{0,10}
        \b(?:a|the)\ (?:very\ )?(?:low|lower|small|high)[-\ ]dos\w*
        | \b(?:lowest|highest|minimum|maximum|max|min|smallest|largest)\ (?:effective|safe|possible|recommended|useful)\b
        | \bhow\ (?:low|high|strong|big|small|large)\b
            (?![^.?!]{0,20}\b(?:evidence|research|stud(?:y|ies)|proof|trials?|data|link|case|effects?|results?)\b)
            [^.?!]{0,30}\b(?:dos\w*|is\ (?:ldn|it)|ldn|naltrexone)\b
        # ("a low dose of naltrexone" is the drug's name said out, as "low dose naltrexone" is; other rules read whose)
        | (?<!called\ )(?<!named\ )(?<!name\ )(?<!at\ )(?<!in\ )(?<!such\ )\b(?!a\ (?:low|small)[-\ ]dose\ of\ (?:naltrexone|ldn)\b)(?:a|my|your|his|her|their)\ (?:\w+\ )?(?:low|lower|small|smaller|high|higher|big
            |bigger|large|larger|stronger|weaker)[-\ ](?:dose|dosage|amount|strength)\b""")),
    Rule("dose", "referral", rx(rf"""\b{_DOSE}\b""")),
    Rule("schedule", "referral", rx(r"""
        \bhow\ (?:often|frequently|regularly|long\ (?:should|do|can|must|to)\b|many\ times)\b
        | \b(?:once|twice|thrice|\d+\ times)\ (?:a|per|each|every)\ (?:day|night|week|month)\b
        | \b(?:take|takes|taken|taking|took|use|used|using|dose|doses|dosed|dosing|swallow)\b[^.?!]{0,25}\b
            (?:daily|nightly|weekly|every|each|per\ day|a\ day|a\ night|a\ week|mornings?|evenings?|nights?|bedtime
            |bed|breakfast|dinner|lunch|meals?|food|empty\ stomach|same\ time|am|pm|o'?clock|hours?|times?)\b
        | \bwhen\ (?:should|do|does|to|can|is|are|would|must|will)\ (?:\w+\ ){0,3}(?:take|taken|taking|dose|dosed|use)\b
        | \b(?:what|which)\ time\b[^.?!]{0,30}\b(?:take|taken|taking|dose|use)\b
        | \b(?:what|which|best|right|same)\ time\b(?=[^.?!]{0,40}\b(?:take|taking|taken|dos\w*|ldn|naltrexone|it)\b)
        | \btime\ of\ (?:the\ )?day\b
        | \b(?:bedtime|before\ bed|at\ bed|night[-\ ]?time\ dose|nightly|in\ the\ morning|morning\ or\ (?:night|evening)
            |(?:night|evening)\ or\ morning|schedule|frequency|regimen|titration)\b
        | \b(?:ldn|naltrexone|it)\b[^.?!]{0,20}\bdaily\b | \bdaily\ (?:dose|doses|use|basis|pill|tablet|intake)\b
        | \b(?:with|without)\ (?:food|meals?|milk)\b | \bempty\ stomach\b
        | \b(?:before|after|with|during)\ (?:or\ (?:before|after)\ )?(?:dinner|breakfast|lunch|supper|meals?|food|eating
            |bed)\b | \b(?:before|after)\ (?:sleep|sleeping|going\ to\ sleep)\b
        | \b(?:ldn|naltrexone)\b.{0,6}\b(?:at\ night|in\ the\ (?:morning|evening)|before\ (?:bed|sleep)|mornings?|evenings?)\b
        | \bhow\ (?:should|do|does|is|are|would|must|to|can)\ (?:\w+\ ){0,2}(?:taken|take|dosed|administered)\b
        | \b(?:ldn|naltrexone)\ (?:instructions|directions|protocol|regimen)\b | \bprotocol\b""")),
    Rule("dose-change", "referral", rx(r"""
        \b(?:increas\w*|rais(?:e|ing)|upping|upped|lower(?:ing)?|reduc\w*|decreas\w*|cut(?:ting)?|split(?:ting)?
            # ("forget how naltrexone works" sets a topic aside, no dose)
            |halv(?:e|ing)|skip(?:ping|ped)?|miss(?:ed|ing)?|forg[eo]t(?:ten)?(?!\ (?:how|what|why|where|which|who|whether)\b)
            |doubl(?:e|ing)|switch(?:ing)?|chang(?:e|ing)|adjust\w*|wean\w*|taper\w*|crush(?:ing)?|chew(?:ing)?|dissolv\w*)\b
            \ (?:to\ |from\ |off\ )?(?:my|the|your|his|her|their|a|an|one)?\ ?(?:own\ |\w+\ )?(?:dos\w*|amount|ldn|naltrexone
            |medication|meds|pills?|tablets?|capsules?)\b
        | \b(?:if|when|before|after|once)\ (?:i|you|we|one|he|she|they|someone|people|patients)\ (?:\w+\ )?
            (?:stop|start|quit|miss|skip|forget|double|come\ off|go\ off)\b
        | \b(?:how|when)\ (?:do\ (?:i|you|we)\ |to\ |should\ (?:i|you|we)\ )(?:stop|start|begin|quit|come\ off|get\ off
            |taper|wean)\b
        | \b(?:stop|quit|come\ off|get\ off)\ (?:taking\ )?(?:ldn|naltrexone)\b
        | \b(?:be|get|been)\ (?:split|crushed|cut|halved|dissolved|chewed|opened|divided)\b
        | (?:^|\bi'?m\ |\bi\ am\ |\bim\ |\bwe'?re\ |\bi\ will\ be\ )(?:\w+\ )?(?:starting|begin(?:ning)?|going\ on|coming\ off)
            \ (?:ldn|naltrexone)\b
        | \b(?:be|get|been|is|are)\ (?:reduced|increased|lowered|raised|changed|adjusted|doubled|halved|tapered
            |stopped|decreased|cut\ back)\b
        | \b(?:who|when|what|which)\b[^.?!]{0,30}\b(?:should|shouldn'?t|should\ not|must\ not|can'?t|cannot|can\ not)
            \ (?:\w+\ )?(?:take|use|have|try|be\ on|start)\b
        | \b(?:stop|stops|prevent|prevents|keep|keeps|rule|rules)\ (?:someone|anyone|people|me|you|patients?|them)
            \ (?:out\ )?(?:from\ )?(?:taking|using|starting|having)\b""")),
    Rule("pregnancy", "referral", rx(r"""
        \b(?:pregnan\w*|conceiv\w*|trying\ (?:for\ a\ baby|to\ get\ pregnant|for\ a\ child)|fertility|ivf
        |breast[-\ ]?f[eo]e?d\w*|nursing\ (?:mother|mom|mum|baby)|lactat\w*|expecting\ a\ baby|unborn|fetus|foetus
        |birth\ control|contracepti\w*)\b""")),
    Rule("age-group", "referral", rx(r"""
        \b(?:child|children|kids?|baby|babies|infants?|toddlers?|teens?|teenagers?|adolescen\w*|minors?|pediatric
        |paediatric|elderly|older\ (?:adults|people|patients)|seniors?|old\ age|geriatric|under\ \d+|over\ \d+
        |aged?\ \d+|\d+\ ?(?:years?|yrs?|months?)[-\ ]old|year[-\ ]old|\d+\ ?(?:yo|y/o)|\d+\ ?(?:lbs?|pounds|kg|kilos?
        |kilograms?|stone))\b"""),
         needs=rx(r"\b(?:ldn|naltrexone|it|take|taking|give|safe|use|dos\w*|treat\w*|prescri\w*|\d+\ ?(?:lbs?|pounds|kg))\b")),
    Rule("own-situation", "referral", rx(rf"""
        \b(?:should|shall|can|could|may|might|must|would|will|do|does|is\ it\ ok(?:ay)?\ (?:for|if)|is\ it\ safe\ (?:for|if))
            \ {_ME}\ (?:\w+\ )?(?:take|try|use|start|stop|begin|go\ on|be\ on|stay\ on|come\ off|combine
            |mix|drink|switch(?!\ (?:on|off)\b)|ask\ for|request|continue|keep\ taking|increase|decrease|lower|raise|split|cut|double
            |skip|miss|consider|worry|risk|benefit|be\ (?:ok|okay|fine|safe))\b
            (?!\ (?:insurance|payments?|cards?|credit|cash|orders?|returns?|medicare|medicaid|appointments?|calls?))
        | \b(?:i|we|he|she|they|you|one)\ (?:should|can|could|may|might|must|ought\ to|need\ to|have\ to)
            \ (?:\w+\ )?(?:take|try|use|start|stop|begin|go\ on|be\ on|stay\ on|come\ off|combine|mix
            |switch(?!\ (?:on|off)\b)|continue|increase|decrease|lower|raise|split|cut|double|skip|miss)\b
        | \b(?:is|are|would|will)\ (?:it|ldn|naltrexone|this|that|they)\ (?:\w+\ )?(?:be\ )?(?:safe|ok|okay|alright|fine
            |right|good|bad|dangerous|harmful|risky|suitable|appropriate|wise|a\ good\ idea|an\ option|worth\ it
            |worth\ trying|recommended|a\ problem|an\ issue|a\ risk)\b[^.?!]{{0,15}}\b(?:for\ (?:me|him|her|them|us|my
            |someone|somebody|anyone|a\ (?:person|patient|child|man|woman|friend|teen|baby)|people\ (?:with|who|on)
            |patients\ (?:with|who|on)|women|men|kids|children|elderly|seniors|older)|if|while|during|when|with
            |in\ (?:my|his|her|pregnancy)|to\ (?:take|use|try|start|combine|mix|give|stop))\b
        | \b(?:safe|right|good|ok|okay|suitable|best|better|worse|dangerous|risky|bad|an?\ option|recommended
            |appropriate|fine|useful|worth\ it|effective|work|works|help|helps)\ (?:for|to)\ (?:me|him|her|us|them
            |myself|my\ \w+|someone\ like\ me)\b
        | \b(?:help|helps|work\ for|works\ for|suit|benefit|treat|cure)\ (?:me|him|her|my)\b
        | \b(?:do\ you\ think|would\ you\ recommend|do\ you\ recommend|your\ (?:advice|recommendation|opinion)
            |what\ would\ you\ (?:do|suggest|recommend)|is\ (?:ldn|it|naltrexone)\ (?:right|for)\ me|worth\ trying
            |recommend\ (?:ldn|naltrexone|it\ for|a\ dose))\b
        | \b(?:hypothetical(?:ly)?|theoretically|in\ theory|suppose|supposing|let'?s\ say|(?<!\bto\ )
            # ("people in my group say you don't need a doctor": what others say, no case supposed)
            {_NOT_SAID_BY}say\ (?:i|you|someone)
            |imagine|what\ if\ (?:i|you|someone|a\ person|my|he|she|they|we)|if\ i\ (?:were|was)|for\ a\ (?:story|novel
            |book|screenplay|game)|asking\ for\ a\ friend|for\ a\ friend|not\ asking\ for\ (?:medical\ )?advice
            |(?:i'?m|i\ am)\ not\ asking)\b
        | \bi(?:'?m|\ am|m)\ (?:\w+\ )?(?:on|taking|using|pregnant|breastfeeding|nursing|diagnosed|allergic|prescribed
            |recovering|in\ recovery|a\ recovering|an?\ (?:alcoholic|addict|patient)|\d+|over|under|older|elderly)\b
            (?!\ (?:is|are|was|were|this|a\ class|the\ class|class|classes|course|a\ course|exam|notes|a\ break|care
            |part|about|for\ (?:a|my)\ (?:class|course|project)))
        | \bi(?:'?m|\ am|m)\ (?:\w+\ )?(?:thinking\ (?:of|about)|considering|planning(?:\ on|\ to)?|about\ to|going\ to
            |due\ to|scheduled\ to|wanting\ to|hoping\ to|trying\ to|supposed\ to|allowed\ to)\ (?:take|taking|try|trying
            |start|starting|use|using|go\ on|going\ on|switch|switching|get\ pregnant|conceive|stop|stopping|come\ off
            |begin|ask\ (?:for|my))\b
        | \bi(?:'?ve|\ have)?\ (?:\w+ly\ |already\ |also\ |still\ |just\ |now\ |recently\ )?(?:have|had|got|suffer
            |take|took|use|used|started|stopped|missed|forgot|doubled|skipped|feel|felt|experience|experienced|noticed
            |developed|was\ (?:diagnosed|told|prescribed|given)|been\ (?:taking|using|on|having|getting|feeling
            |prescribed|diagnosed|told|given|suffering)|want\ to\ (?:take|try|start|stop|use|switch|give|get\ on))\b
            (?!\ to\b)
            (?!\ (?:a|one|another|some|few|quick|more|no)\ (?:\w+\ )?(?:questions?|query|queries|idea|doubt|clue))
            (?!\ (?:heard|read|seen|always|never|learned|come\ across|wondered|been\ (?:reading|hearing|wondering)))
            # "I have a friend who asked", "I've got two kids": a person introduced, whose case (if any) the
            # relation rules read; not the asker's own situation
            (?!\ (?:a|an|two|three|some|several|\d+)\ (?:\w+\ ){{0,2}}{RELATION}s?\b)
            # "I got lost in the lecture", "I got curious": lost the thread, not anything taken or had
            (?!(?<=got)\ (?:\w+ly\ |so\ |really\ |a\ bit\ )?(?:lost|curious|interested|bored|stuck)\b)
            # "I took the day off", "I had a bunch of tests done", "I took ages": an everyday thing taken or had
            (?!(?:(?<=have)|(?<=had)|(?<=got)|(?<=take)|(?<=took)){_HAD_OTHER})
        | \bmy\ (?:own\ )?(?:dose|dosage|ldn|naltrexone|prescription|meds|medications?|medicines?|pills|tablets
            |symptoms?|condition|diagnosis|illness|disease|insomnia|sleep|liver|kidneys?|heart|blood|health
            |treatment|therapy|side\ effects?|body|case|situation|levels?|results|labs?|weight|age|tests?
            # "my fibro group", "my MS nurse mentioned" name a group, or a person who said something, not the
            # asker's illness (the class packs read these as `set_phrase`); only for the illnesses ("my liver
            # doctor wants to know" keeps its referral), and a nurse or doctor only when telling what they said
            # ("will my MS nurse let LDN be combined with ...?" asks about the asker's case; a red-team review)
            |(?:pain|ms|fibro\w*|crohn\w*|lupus|arthritis)\b
                (?!\ (?:clinic|team|group|groups|support\ group|facebook\ group|forum|society|charity)\b)
                (?!\ (?:nurse|doctor|doc|specialist|consultant|physio|therapist|neuro|neurologist|rheumatologist)
                    \ (?:mentioned|said|says|told|asked|brought|explained|talked|suggested|wrote)\b))\b
        | \b(?:my|your|his|her|their)\ (?:\d+[-\ ]?(?:year|yr|month)s?[-\ ]?old\ |\w+\ )?{RELATION}
            \ (?:has|have|had|is\ on|takes|is\ taking|wants{_NOT_TO_KNOW}|needs|should|could|can|might|suffers|was\ diagnosed
            |is\ diagnosed|is\ pregnant|is\ \d+|got|gets|is\ allergic|uses|started|stopped|was\ prescribed
            |is\ prescribed|was\ given|tried|is\ trying|wants\ to{_NOT_TO_KNOW})\b
        # ("show it to my mum's nurse", "explain this to my husband": who is shown or told, not who takes it)
        | (?<!\bshow\ it\ )(?<!\bshow\ this\ )(?<!\bshow\ them\ )(?<!\bexplain\ it\ )(?<!\bexplain\ this\ )
          (?<!\bread\ it\ )(?<!\bread\ this\ )(?<!\bforward\ it\ )(?<!\bforward\ this\ )
          \b(?:give|giving|gave|for|to|help|helps|safe\ for|ok\ for|okay\ for|let)\ (?:my|his|her|their)
            \ (?:\d+[-\ ]?(?:year|yr)s?[-\ ]?old\ |\w+\ )?{RELATION}\b
        | \b(?:giving|gives|gave|making|makes|made|causing|caused)\ (?:me|him|her|my\ \w+)\b
            # "made me wonder", "gave me a weird look", "gave me a leaflet": a thought or a thing handed over, not
            # what a drug did to a body
            # ("made me think I was going crazy" tells how someone was: only "think" that ends there, or of a topic)
            # ("which made me picture a wall", "that makes me suspicious": a thought about what was read; "ldn made me
            # doubt everything" is what the drug did)
            (?!(?:(?<=\bwhich\ made\ me)|(?<=\bwhich\ makes\ me)|(?<=\bthat\ made\ me)|(?<=\bthat\ makes\ me))
                \ (?:picture|imagine|suspicious|skeptical|sceptical|doubt|doubtful|wary|dubious)\b)
            (?!\ (?:wonder|think(?=\s*(?:[.,:;!?]|\.\.\.|$|about\b|of\b|twice\b))|curious|question|realise|realize
                |want\ to\ (?:know|read|learn|understand)|laugh
                |(?:a|the|this|that)\ (?:\w+\ )?(?:look|leaflet|printout|print-?out|link|pamphlet|handout|brochure
                    |article|copy|list|sheet|website|book|number|flyer|flier|worksheet|cutting|clipping|card|note
                    |magazine|video)s?)\b)
        | \b(?:does|did|will|would|can|could|is|why)\ (?:it|ldn|naltrexone|this)\ (?:make|give|cause|making|giving
            |causing)\ (?:me|him|her)\b
        | \bshould\ (?:i|we|my\ \w+)\b(?!\ (?:know|ask|talk|see|contact|consult|speak|read|learn))
        | \b(?:can|could|should|may|will|would|do|am|is\ it\ ok\ if)\ i\ (?:\w+\ ){{0,3}}(?:on|with|while|after|before)
            \ (?:ldn|naltrexone|it)\b
        | \bam\ i\ (?:a\ )?(?:good\ |more\ |less\ |most\ |very\ )?(?:candidate|eligible|suitable|allowed|able|ok|okay|safe|too|at\ risk
            |likely)\b
        | \bis\ (?:it|this|that)\ normal\ to\b
        # ("someone explained naltrexone to me": what was told, not whom it is for; "explain LDN to me as a drinker"
        # still asks about the asker)
        | (?<!\bexplained\ )(?<!\bdescribed\ )(?<!\bintroduced\ )(?<!\bmentioned\ )(?<!\bsummarised\ )(?<!\bsummarized\ )
          \b(?:ldn|naltrexone|it)\ (?:to\ |for\ )(?:me|him|her|us|them|myself)\b
        | \bprescrib\w*\ (?:\w+\ ){{0,2}}(?:for\ |to\ )?(?:me|him|her|us|them|my)\b
        | \b(?:wants?|told|asked|advised|suggested|recommended)\ (?:me|him|her|us|them)\ to\ (?:take|try|start|use|stop
            |go\ on|switch)\b | \b(?:allergic|allergy|allergies)\ to\ (?:ldn|naltrexone|it)\b
        | \bi\ (?:\w+\ )?(?:keep|kept|still|started|start)\ (?:getting|having|feeling|waking|being)\b
        | \bi\ (?:get|got)\ (?:\w+\ ){{0,3}}(?:on|from|since|after|when\ (?:i|taking))\ (?:my\ )?(?:ldn|naltrexone|it|taking)\b
        | \b(?:getting|having|experiencing|feeling)\ (?:\w+\ ){{0,3}}(?:on|from|since|after)\ (?:my\ )?(?:ldn|naltrexone
            |it|taking|starting)\b
        | \b(?:is|was)\ (?:that|this|it)\ (?:normal|ok|okay|expected|common|dangerous|serious|bad|a\ (?:problem|concern
            |side\ effect)|something\ to\ worry)\b
        | \b(?:liver|kidney|renal|hepatic|heart|cardiac)\ (?:problems?|disease|damage|failure|conditions?|issues?
            |transplant)\b""")),
)

RULES: tuple[Rule, ...] = EMERGENCY_RULES + REFERRAL_RULES

#: another medicine named, for the scope check
OTHER_MEDICINE = rx(rf"""\b{_MEDICINES}\b|\b(?:morphine|heroin|gabapentin)\b""")
