"""Safety routing: decide, before any matching, whether a question must not be
answered from the knowledge base.

Emergency rules run first, then referral rules. The rules are code, not
knowledge-base data, on purpose: a curator editing ``faq.yaml`` can change
what faqbot says in a referral, but cannot switch the referral off.

Every rule reads a *prepared* form of the question: cleaned (see
:func:`faqbot.normalize.clean`), with letter-spaced and leet-speak words
rejoined, number words turned into digits, near-miss spellings of the safety
vocabulary corrected, base64 fragments decoded, and the drug's own name
("low dose naltrexone") replaced by "ldn" so the name alone never looks like
a dosing question.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

from faqbot.normalize import clean

RouteKind = Literal["emergency", "referral"]


@dataclass(frozen=True)
class Route:
    """Why a question is routed away from the knowledge base."""

    kind: RouteKind
    rule: str
    #: the part of the (prepared) question that fired the rule
    matched: str

    @property
    def self_harm(self) -> bool:
        return self.rule == "self-harm"


@dataclass(frozen=True)
class Rule:
    name: str
    kind: RouteKind
    pattern: re.Pattern[str]
    #: all of these must also be present somewhere in the question
    needs: re.Pattern[str] | None = None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


# --- vocabulary shared by several rules --------------------------------------
_DRUG = r"(?:ldn|naltrexone|revia|vivitrol|it)"
_DOSE = r"(?:doses?|dosages?|dosing|dosed|posology|titrat\w*|strengths?|potenc(?:y|ies))"
_UNIT = (r"(?:mg|mgs|milligrams?|milligrammes?|mcg|mcgs|µg|ug|micrograms?|microgrammes?|g|grams?|grammes?|"
         r"ml|mls|millilit(?:er|re)s?|cc|iu|units?|tablets?|tabs?|pills?|capsules?|caps|drops?|doses?|times)")
_WORD_UNIT = (r"(?:mg|mgs|milligrams?|milligrammes?|mcg|mcgs|µg|micrograms?|microgrammes?|millilit(?:er|re)s?"
              r"|teaspoons?|tablespoons?|tsp|tbsp)")
_RELATION = (r"(?:mum|mom|mother|mam|ma|dad|father|pa|husband|wife|partner|spouse|boyfriend|girlfriend|fianc[eé]e?|"
             r"son|daughter|child|children|kid|kids|baby|toddler|infant|teen|teenager|brother|sister|sibling|"
             r"grandma|grandmother|granny|nan|nana|grandpa|grandfather|grandparent|aunt|auntie|uncle|niece|"
             r"nephew|cousin|friend|bf|gf|neighbou?r|patient|client|roommate|colleague|coworker|boss|dog|cat|pet)")
_ME = r"(?:i|we|he|she|they|you|one|someone|somebody|a\ person|my\ \w+(?:\ \w+)?)"
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

EMERGENCY_RULES: tuple[Rule, ...] = (
    Rule("self-harm", "emergency", _rx(r"""
        \b(?: kill(?:ing)?\ (?:my\ ?self|me) | suicid\w* | end(?:ing)?\ (?:my|it)\ (?:own\ )?(?:life|all)
        | end\ it\ all | (?:do\ not|don'?t|dont|no\ longer)\ want\ to\ (?:live|be\ alive|be\ here|wake\ up|go\ on)
        | want(?:ed)?\ to\ die | wish\ i\ (?:was|were)\ dead | better\ off\ dead | no\ reason\ to\ live
        | (?:hurt|harm|cutt?|burn)(?:ing|s)?\ my\ ?self | self[-\ ]?harm\w* | take\ my\ (?:own\ )?life
        | want\ (?:it\ all|everything)\ to\ (?:stop|end) | (?:to|and|so\ i)\ (?:not|never)\ wake\ up
        | (?:swallow(?:ing)?|tak(?:e|ing)|eat(?:ing)?)\ (?:everything|all\ (?:of\ )?(?:my|the|his|her)\ (?:pills|meds
            |tablets|medicines?))
        | \bto\ end\ it\b
        | medicine\ cabinet
        | not\ worth\ living | can'?t\ go\ on | kms | unalive\w* | no\ point\ (?:in\ )?(?:living|going\ on|being\ alive)
        | life\ (?:is\ not|isn'?t)\ worth | better\ off\ (?:gone|without\ me) )\b""")),
    Rule("overdose", "emergency", _rx(r"""
        \b(?: (?<!can\ you\ )(?<!could\ you\ )(?<!can\ one\ )(?<!can\ i\ )(?<!possible\ to\ )(?<!risk\ of\ )(?<!chance\ of\ )
            (?<!if\ you\ )(?<!avoid\ )(?<!prevent\ )overdos\w*
        | o\.?d'?(?:e?d)\b | od'?ing
        | (?:took|taken|swallowed|had)\ [^.?!]{0,30}\b(?:all\ )?at\ once
        | (?:child|kid|toddler|baby|son|daughter|dog|cat|puppy|grandchild|grandson|granddaughter)\ (?:\w+\ )?(?:ate
            |swallowed|got\ into|chewed|took|has\ eaten|has\ swallowed|drank)
        | (?:took|taken|swallowed|ate|eaten|had|given|gave)\ (?:\w+\ ){0,2}(?:a\ bunch|a\ handful|handfuls|lots
            |loads|the\ (?:whole|entire)|a\ whole|an\ entire|all\ (?:of\ )?(?:the|my|his|her|their)|several|extra
            |too\ (?:much|many)|double|twice|multiple|an\ extra|another\ dose|more\ than)
        | double[-\ ]?dos\w* | (?:took|taken|had|gave|given)\ (?:\w+\ ){0,4}twice
        | (?:got|gotten|get|gets|getting)\ into\ (?:\w+\ ){0,3}(?:bottle|pills?|tablets?|meds|medicines?|medications?)
        | (?:ate|eaten|eat|swallowed|swallow|chewed)\ (?:\w+\ ){0,5}(?:pills?|tablets?|capsules?|meds)
        | accident(?:al|ally)?\ (?:\w+\ )?(?:took|taken|take|swallowed|ingest\w*|gave|given|had)
        | by\ (?:mistake|accident)
        | (?:took|taken|swallowed|ate|eaten|had)\ (?:\w+\ )?(?:\d{2,}|[3-9]|three|four|five|six|seven|eight|nine|ten|\d+\ or\ \d+)
            \ (?:\w+\ )?(?:pills?|tablets?|capsules?|doses?|ldn|naltrexone|of\ (?:them|my|his|her|the|those))
        | (?:whole|entire)\ (?:bottle|pack|packet|box|supply|prescription|blister)
        | on\ purpose | intentionally\ took | poison(?:ed|ing)? | poison\ control )""")),
    Rule("severe-reaction", "emergency", _rx(r"""
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
    Rule("admitted-overdose", "emergency", _rx(r"\b(?:i|we|he|she|they)\ (?:just|already)\ (?:did|took|swallowed|had|ate)\b"),
         needs=_rx(r"\b(?:\d{2,}|a\ bunch|handful|all\ of|too\ (?:much|many)|at\ once|whole)\b")),
)

REFERRAL_RULES: tuple[Rule, ...] = (
    Rule("instruction-override", "referral", _rx(r"""
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
    Rule("quote-article", "referral", _rx(r"""
        \b(?:quote|verbatim|word\ for\ word|copy|paste|repeat|recite|reproduce|print\ out|exact\ (?:words|wording|text))\b
        [^.?!]{0,40}\b(?:article|text|paragraph|section|passage|dose|dosage|dosing|part|source)\b
        | \b(?:article|text|paragraph|section|passage|author)\b[^.?!]{0,40}\b(?:say|says|said|give|gives|mention\w*
            |recommend\w*|suggest\w*|state\w*)\b[^.?!]{0,30}\b(?:dos\w*|amount|number|figure|how\ much|how\ often
            |when\ to|strength)\b
        | \b(?:dos\w*|amount|number|figure|strength)\b[^.?!]{0,40}\b(?:in|from|by|of)\ (?:the|this|that|your)
            \ (?:article|text|paragraph|source|faq)\b
        | \b(?:what|which)\ (?:number|figure)\b""")),
    Rule("dose-amount", "referral", _rx(rf"""
        (?<!\d)\d+(?:[.,]\d+)?\s*(?:-\s*\d+(?:[.,]\d+)?\s*)?{_UNIT}\b | \b{_WORD_UNIT}\b
        | (?<![\d.,])\d+[.,]\d+(?![\d%]|\s*(?:%|percent|per\ ?cent))
        | \b(?:half|quarter|third)\ (?:a|of\ a|of\ an?)\ (?:pill|tablet|capsule|dose)""")),
    Rule("dose-number", "referral", _rx(r"""
        (?<![\d.,])\d+(?![\d.,%])(?!\s*(?:%|percent|per\ ?cent|years?|yrs?|decades?|centur\w*|people|adults
            |patients|studies|trials|in\ \d+|out\ of|st|nd|rd|th)\b)"""),
         needs=_rx(r"\b(?:ldn|naltrexone|dos\w*|take|taking|took|enough|start|pills?|tablets?|capsules?|strength)\b")),
    Rule("how-much", "referral", _rx(r"""
        \bhow\ (?:much|many)\ (?:of\ )?(?:ldn|naltrexone|it|this|that|ml|mls|teaspoons?|tablespoons?|spoons?|tsp|the\ (?:drug|medicine|medication|pills?|tablets?)
            |should|do\ (?:i|you|we|people|patients)|does\ (?:one|a\ person|someone|he|she)|can|would|to\ take|mg
            |milligrams?|pills?|tablets?|capsules?|drops?|doses?|times|is\ (?:too|enough|safe|right|recommended|normal
            |typical|usual|best))\b
        | \b(?:too\ (?:much|many)|maximum|minimum|max|min)\b[^.?!]{0,25}\b(?:ldn|naltrexone)\b
        | \b(?:ldn|naltrexone)\b[^.?!]{0,25}\b(?:too\ (?:much|many)|maximum|minimum)\b
        | \benough\ (?:ldn|naltrexone|mg|milligrams?|pills?|tablets?|of\ (?:it|ldn|naltrexone))\b
        | \bwhat\ (?:amount|quantity|size)\b | \boverdos\w* | \bod\ on\b
        | \b(?:take|taking|took|takes)\ (?:lots|a\ lot|loads|heaps|tons|a\ bunch|extra|more)\b
            (?:\ of\ (?:ldn|naltrexone|it|them|my|the\ (?:ldn|naltrexone|pills|tablets|capsules))\b|(?!\ of\b)) | \bget(?:ting)?\ high\b
        | \b(?:ldn|naltrexone|dos\w*)\b[^.?!]{0,15}\b(?:amounts?|quantit(?:y|ies)|numbers?|figures?)\b
        | \b(?:amounts?|quantit(?:y|ies))\ of\ (?:\w+\ )?(?:ldn|naltrexone)\b | \b(?:usual|typical|normal|standard|recommended|right|correct|average
            |starting|common)\ (?:amount|quantity)\b""")),
    Rule("dose-size-question", "referral", _rx(r"""
        \b(?:what|how|which)\b[^.?!]{0,20}\b(?:is|counts\ as|considered|'s|qualifies\ as|mean\w*)\b[^.?!]{0,10}
        \b(?:a|the)\ (?:very\ )?(?:low|lower|small|high)[-\ ]dos\w*
        | \b(?:lowest|highest|minimum|maximum|max|min|smallest|largest)\ (?:effective|safe|possible|recommended|useful)\b
        | \bhow\ (?:low|high|strong|big|small|large)\b
            (?![^.?!]{0,20}\b(?:evidence|research|stud(?:y|ies)|proof|trials?|data|link|case|effects?|results?)\b)
            [^.?!]{0,30}\b(?:dos\w*|is\ (?:ldn|it)|ldn|naltrexone)\b
        | (?<!called\ )(?<!named\ )(?<!name\ )(?<!at\ )(?<!in\ )\b(?:a|my|your|his|her|their)\ (?:\w+\ )?(?:low|lower|small|smaller|high|higher|big
            |bigger|large|larger|stronger|weaker)[-\ ](?:dose|dosage|amount|strength)\b""")),
    Rule("dose", "referral", _rx(rf"""\b{_DOSE}\b""")),
    Rule("schedule", "referral", _rx(r"""
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
        | \b(?:ldn|naltrexone)\ (?:instructions|directions|protocol|regimen)\b | \bprotocol\b
        | \b(?:take|taken|taking|use|used|using|on|stay\ on)\b[^.?!]{0,15}\b(?:long[-\ ]term(?!\ (?:pain|conditions?|illness|diseases?|disorders?))|forever|indefinitely
            |for\ life|for\ years|for\ months)\b""")),
    Rule("dose-change", "referral", _rx(r"""
        \b(?:increas\w*|rais(?:e|ing)|upping|upped|lower(?:ing)?|reduc\w*|decreas\w*|cut(?:ting)?|split(?:ting)?
            |halv(?:e|ing)|skip(?:ping|ped)?|miss(?:ed|ing)?|forg[eo]t(?:ten)?|doubl(?:e|ing)|switch(?:ing)?
            |chang(?:e|ing)|adjust\w*|wean\w*|taper\w*|crush(?:ing)?|chew(?:ing)?|dissolv\w*)\b
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
    Rule("pregnancy", "referral", _rx(r"""
        \b(?:pregnan\w*|conceiv\w*|trying\ (?:for\ a\ baby|to\ get\ pregnant|for\ a\ child)|fertility|ivf
        |breast[-\ ]?f[eo]e?d\w*|nursing\ (?:mother|mom|mum|baby)|lactat\w*|expecting\ a\ baby|unborn|fetus|foetus
        |birth\ control|contracepti\w*)\b""")),
    Rule("age-group", "referral", _rx(r"""
        \b(?:child|children|kids?|baby|babies|infants?|toddlers?|teens?|teenagers?|adolescen\w*|minors?|pediatric
        |paediatric|elderly|older\ (?:adults|people|patients)|seniors?|old\ age|geriatric|under\ \d+|over\ \d+
        |aged?\ \d+|\d+\ ?(?:years?|yrs?|months?)[-\ ]old|year[-\ ]old|\d+\ ?(?:yo|y/o)|\d+\ ?(?:lbs?|pounds|kg|kilos?
        |kilograms?|stone))\b"""),
         needs=_rx(r"\b(?:ldn|naltrexone|it|take|taking|give|safe|use|dos\w*|treat\w*|prescri\w*|\d+\ ?(?:lbs?|pounds|kg))\b")),
    Rule("other-medicine", "referral", _rx(rf"""\b{_MEDICINES}\b"""),
         needs=_rx(r"\b(?:ldn|naltrexone|low\ dose)\b|\bi(?:'?m|\ am|\ take|\ use)\b")),
    Rule("opioid-use", "referral", _rx(r"""
        \b(?:on|taking|take|takes|using|use|with|while\ on|plus|alongside)\ (?:\w+\ )?(?:opioids?|opiates?|narcotics?)\b
        (?!\ (?:receptors?|addiction|antagonists?|blockers?|dependence|use\ disorder|withdrawal))"""),
         needs=_rx(r"\b(?:ldn|naltrexone)\b")),
    Rule("alcohol", "referral", _rx(r"""
        \b(?:drink|drinking|consume|have|having|mix\w*|combin\w*)\b[^.?!]{0,20}\b(?:alcohol|booze|beers?|wine|liquor
            |spirits|a\ drink|drinks)\b[^.?!]{0,25}\b(?:while|with|on|and|after|when|if)\b
        | \b(?:alcohol|booze|beers?|wine|liquor|drinking|drinks?)\b[^.?!]{0,10}\b(?:while|with|on|when|and\ then|after
            |plus)\b[^.?!]{0,15}\b(?:ldn|naltrexone|taking|it)\b
        | \b(?:ldn|naltrexone)\b[^.?!]{0,20}\b(?:with|and|plus|after)\b[^.?!]{0,10}\b(?:alcohol|booze|beers?|wine
            |liquor|a\ drink|drinks|drinking)\b(?![^.?!]{0,20}\b(?:addict\w*|abuse|dependen\w*|use\ disorder
            |problems?|alcoholism)\b)
        | \b(?:get|getting)\ drunk\b""")),
    Rule("own-situation", "referral", _rx(rf"""
        \b(?:should|shall|can|could|may|might|must|would|will|do|does|is\ it\ ok(?:ay)?\ (?:for|if)|is\ it\ safe\ (?:for|if))
            \ {_ME}\ (?:\w+\ )?(?:take|try|use|start|stop|begin|go\ on|be\ on|stay\ on|come\ off|combine
            |mix|drink|switch|ask\ for|request|continue|keep\ taking|increase|decrease|lower|raise|split|cut|double
            |skip|miss|consider|worry|risk|benefit|be\ (?:ok|okay|fine|safe))\b
            (?!\ (?:insurance|payments?|cards?|credit|cash|orders?|returns?|medicare|medicaid|appointments?|calls?))
        | \b(?:i|we|he|she|they|you|one)\ (?:should|can|could|may|might|must|ought\ to|need\ to|have\ to)
            \ (?:\w+\ )?(?:take|try|use|start|stop|begin|go\ on|be\ on|stay\ on|come\ off|combine|mix|switch
            |continue|increase|decrease|lower|raise|split|cut|double|skip|miss)\b
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
        | \b(?:hypothetical(?:ly)?|theoretically|in\ theory|suppose|supposing|let'?s\ say|say\ (?:i|you|someone)
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
        | \bmy\ (?:own\ )?(?:dose|dosage|ldn|naltrexone|prescription|meds|medications?|medicines?|pills|tablets
            |symptoms?|condition|diagnosis|illness|disease|pain|ms|fibro\w*|crohn\w*|lupus|arthritis|insomnia|sleep
            |liver|kidneys?|heart|blood|health|treatment|therapy|side\ effects?|body|case|situation|levels?|results
            |labs?|weight|age|tests?)\b
        | \b(?:my|your|his|her|their)\ (?:\d+[-\ ]?(?:year|yr|month)s?[-\ ]?old\ |\w+\ )?{_RELATION}
            \ (?:has|have|had|is\ on|takes|is\ taking|wants|needs|should|could|can|might|suffers|was\ diagnosed
            |is\ diagnosed|is\ pregnant|is\ \d+|got|gets|is\ allergic|uses|started|stopped|was\ prescribed
            |is\ prescribed|was\ given|tried|is\ trying|wants\ to)\b
        | \b(?:give|giving|gave|for|to|help|helps|safe\ for|ok\ for|okay\ for|let)\ (?:my|his|her|their)
            \ (?:\d+[-\ ]?(?:year|yr)s?[-\ ]?old\ |\w+\ )?{_RELATION}\b
        | \b(?:giving|gives|gave|making|makes|made|causing|caused)\ (?:me|him|her|them|my\ \w+)\b
        | \bshould\ (?:i|we|my\ \w+)\b(?!\ (?:know|ask|talk|see|contact|consult|speak|read|learn))
        | \b(?:can|could|should|may|will|would|do|am|is\ it\ ok\ if)\ i\ (?:\w+\ ){{0,3}}(?:on|with|while|after|before)
            \ (?:ldn|naltrexone|it)\b
        | \bam\ i\ (?:a\ )?(?:good\ )?(?:candidate|eligible|suitable|allowed|able|ok|okay|safe|too|at\ risk|likely)\b
        | \bis\ (?:it|this|that)\ normal\ to\b
        | \b(?:ldn|naltrexone|it)\ (?:to\ |for\ )(?:me|him|her|us|them|myself)\b
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

# --- preparing the text -------------------------------------------------------
_NAME = re.compile(r"\blow[-\s]*dos(?:e|ed|age)[-\s]*naltrexone?\b|\bl\.\s?d\.\s?n\.?(?=\s|$)|\blow[-\s]dose\s+\(?ldn\)?")
#: "low dose", "bigger doses"...: how the article contrasts LDN with the usual
#: amounts, not a question about an amount. Removed before the dose rules run.
_COMPARATIVE_DOSE = re.compile(
    r"\b(?:very |much |far |ultra[- ]?)?(?:low|lower|lowest|small|smaller|smallest|tiny|high|higher|highest|large"
    r"|larger|big|bigger|biggest|heavy|heavier)[- ](?:\w+[- ])?(?:doses?|dosages?|dosing|dosed|strengths?|amounts?|quantit(?:y|ies))\b"
    r"|\b(?:doses?|dosages?)\ (?:is\ |are\ |so\ |that\ |very\ |much\ |kept\ )+(?:low|small|tiny)\b"
    r"|\b(?:compared\ (?:to|with)|than|versus|vs\.?)\ (?:the\ |a\ )?(?:normal|usual|regular|standard|typical|full)"
    r"\ (?:doses?|dosages?|amounts?)\b"
)
_SPACED_LETTERS = re.compile(r"\b(?:[a-z][\s.\-_*]){2,}[a-z]\b")
_SPLIT_JOINED = re.compile(r"(ldn|naltrexone|dosage|dose|much|many|mg|take|often|overdose)")
_HYPHENATED = re.compile(r"\b([a-z]+)-([a-z]+)\b")
#: Latin look-alikes from other scripts, applied only inside words that mix
#: them with Latin letters ("dose" with a Cyrillic o), never to real Cyrillic text.
_CONFUSABLES = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501\u04bb\u0578\u057d\u0581\u0585\u03bf\u03b1\u03b5\u03b9\u03ba\u03bd\u03c1\u03c4\u03c5\u03c7\u0461\u0261\u0131\u2113",
    "aeopcyxijsdhnugooaeikvptuxwgil",
)
_MIXED_SCRIPT_WORD = re.compile(r"\b(?=\w*[a-z])(?=\w*[^\W\da-z_])\w+\b")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LEET_WORD = re.compile(r"(?<![\w@$])(?=[a-z0-9@$]*[a-z])(?=[a-z0-9@$]*[0-9@$])[a-z0-9@$]+")
_BASE64 = re.compile(r"[A-Za-z0-9+/]{12,}={0,2}")
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_NUM = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_SPELLED_NUMBER = re.compile(
    rf"\b(?!one\b(?![-\s](?:and\s+a\s+half|point|{_NUM})))"
    rf"(?P<int>(?:{_NUM})(?:[-\s](?:{_NUM}))?)(?:\s+(?P<half>and\s+a\s+half)|\s+point\s+(?P<point>{_NUM}))?\b"
    rf"|\b(?P<lone>a\s+half|half\s+a)\b"
)
#: Words a rule relies on, corrected when misspelt. Only words with no common
#: near neighbour belong here ("instructions" would swallow "interactions").
_LEXICON = (
    "dose", "doses", "dosage", "dosages", "dosing", "overdose", "overdosed", "overdosing", "milligram",
    "milligrams", "microgram", "micrograms", "pregnant", "pregnancy", "breastfeeding", "suicide", "suicidal",
    "naltrexone", "withdrawal", "bedtime", "hypothetically", "anaphylaxis", "unconscious", "seizure", "seizures",
)
_LEXICON_CUTOFF = 82.0
#: Real words within the cutoff of a lexicon word ("doing" ~ "dosing").
_NOT_TYPOS = frozenset({"doing", "dozing", "dosed", "seize", "seized", "seizes", "withdraw", "withdrew", "pregnancies"})


def _spelled_number(match: re.Match[str]) -> str:
    if match.group("lone"):
        return "0.5"
    parts = re.split(r"[-\s]+", match.group("int"))
    value = sum(_NUMBER_WORDS[p] for p in parts)
    if parts[-1] == "hundred" and len(parts) == 2:
        value = _NUMBER_WORDS[parts[0]] * 100
    if match.group("half"):
        return f"{value}.5"
    if match.group("point"):
        return f"{value}.{_NUMBER_WORDS[match.group('point')]}"
    return str(value)


def _correct_lexicon(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < 5 or word in _LEXICON or word in _NOT_TYPOS:
            return word
        best = process.extractOne(word, _LEXICON, scorer=fuzz.ratio, score_cutoff=_LEXICON_CUTOFF)
        return best[0] if best else word

    return re.sub(r"[a-z]+", fix, text)


def _decoded_base64(raw: str) -> list[tuple[str, str]]:
    found = []
    for chunk in _BASE64.findall(raw):
        try:
            decoded = base64.b64decode(chunk + "=" * (-len(chunk) % 4), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        if decoded.isprintable() and sum(c.isalpha() or c == " " for c in decoded) >= 0.8 * len(decoded):
            found.append((chunk, decoded))
    return found


@lru_cache(maxsize=1024)  # route() and other_medicine() read the same question
def prepare(text: str, limit: int | None = None) -> str:
    """The form of ``text`` the rules read (see the module docstring)."""
    raw = text[:limit] if limit is not None else text
    # A base64 chunk is read as what it decodes to, so an encoded question is
    # judged on its words, not on the digits of its encoding.
    for chunk, decoded in _decoded_base64(raw):
        raw = raw.replace(chunk, f" {decoded} ")
    cleaned = clean(raw)
    cleaned = _MIXED_SCRIPT_WORD.sub(lambda m: m.group(0).translate(_CONFUSABLES), cleaned)
    cleaned = _SPACED_LETTERS.sub(_join_letters, cleaned)
    cleaned = " ".join(cleaned.split())
    cleaned = _HYPHENATED.sub(lambda m: m.group(1) + m.group(2) if m.group(1) + m.group(2) in _LEXICON else m.group(0),
                              cleaned)
    cleaned = _LEET_WORD.sub(lambda m: m.group(0) if _is_amount(m.group(0)) else m.group(0).translate(_LEET), cleaned)
    cleaned = _SPELLED_NUMBER.sub(_spelled_number, cleaned)
    cleaned = _correct_lexicon(cleaned)
    return _NAME.sub("ldn", cleaned)


def _join_letters(match: re.Match[str]) -> str:
    # "h o w m u c h l d n" joins to one run; set the words we look for apart again.
    joined = re.sub(r"[\s.\-_*]", "", match.group(0))
    return " " + _SPLIT_JOINED.sub(r" \1 ", joined) + " "


def _is_amount(word: str) -> bool:
    """"4mg" or "50mcg" stay as they are; "d0se" is leet-speak."""
    return bool(re.fullmatch(r"[a-z]?\d+(?:[.,]\d+)?[a-z]*", word)) and not re.search(r"[a-z]\d+[a-z]", word)


def route(text: str, limit: int | None = None) -> Route | None:
    """The first emergency or referral rule ``text`` triggers, or ``None`` if it may be answered."""
    prepared = prepare(text, limit)
    for rule in EMERGENCY_RULES:
        hit = _fire(rule, prepared)
        if hit:
            return hit
    # The drug's name and comparisons of dose sizes are general, not dosing, talk.
    general = _COMPARATIVE_DOSE.sub("sized", prepared)
    for rule in REFERRAL_RULES:
        target = prepared if rule.name == "dose-size-question" else general
        hit = _fire(rule, target)
        if hit:
            return hit
    return None


def _fire(rule: Rule, text: str) -> Route | None:
    match = rule.pattern.search(text)
    if match is None or (rule.needs is not None and not rule.needs.search(text)):
        return None
    return Route(rule.kind, rule.name, match.group(0).strip())


_OTHER_MEDICINE = _rx(rf"""\b{_MEDICINES}\b|\b(?:morphine|heroin|gabapentin)\b""")
_OUR_DRUG = _rx(r"\b(?:ldn|naltrexone|low\ dose)\b")


def other_medicine(text: str) -> str | None:
    """A medicine other than naltrexone that ``text`` is about, if it never names naltrexone."""
    prepared = prepare(text)
    if _OUR_DRUG.search(prepared):
        return None
    match = _OTHER_MEDICINE.search(prepared)
    return match.group(0) if match else None


# --- the last guard: dose figures in outgoing text -----------------------------
_DOSE_FIGURE = _rx(rf"""
    \d+(?:[.,]\d+)?\s*{_WORD_UNIT}\b | \b{_WORD_UNIT}\b | (?<![\d.,])\d+[.,]\d+(?![\d%]|\s*(?:%|percent))
    | \b(?:{_NUM}|a|one)(?:[-\s]\w+){{0,3}}[-\s]{_WORD_UNIT}\b
    | \b(?:bedtime|before\ bed|at\ bed|nightly|night[-\ ]time\ dose)\b
    | \b(?:once|twice|thrice|\d+\ times)\ (?:a|per|each|every)\ (?:day|night|week|month)\b
    | \b(?:daily|nightly)\ (?:dose|doses|dosing|use|intake)\b | \bevery\ (?:day|night|morning|evening|\d+\ hours)\b
    | \b(?:take|taken|taking)\b[^.]{{0,20}}\b(?:daily|every\ day|at\ night|in\ the\ morning)\b""")


@lru_cache(maxsize=4096)  # replies repeat the same curated texts
def find_dose_figure(text: str) -> str | None:
    """The first dose amount, strength or schedule in ``text``, if any."""
    match = _DOSE_FIGURE.search(clean(text))
    return match.group(0) if match else None
