"""Whether a question asks if something works (efficacy) or how it works (mechanism).

(:func:`mechanism_read` reads the other side: "how does LDN help?", "how does the drug actually work?" ask
for the mechanism whatever stands between the question word and the verb, which the knowledge base's
synonyms only know with "it" there.)

"How does naltrexone work?" asks for the mechanism; "does naltrexone work?", "does LDN actually work?" and,
after an answer about recovery, "and it works?" ask whether it is effective: what the evidence and the
track record say. Both use the word "work", so matching alone takes the yes-or-no question for the
mechanism. :func:`efficacy_read` puts "effective" in the place of "work" in a question that asks it yes or
no, which the knowledge base's synonyms already read as success, effectiveness and efficacy.
"""

from __future__ import annotations

from collections.abc import Sequence

#: the forms of "work" a yes-or-no question asks with
_WORK = frozenset({"work", "works", "worked"})
#: a question word before "work" asks how, why, for what or where it works, not whether
_ASKING = frozenset({"how", "what", "which", "who", "where", "when", "why", "whats", "hows"})
#: what may follow "work" in such a question: nothing, or a word that only weighs it ("does it work though?",
#: "does it work at all?"); "work on nerve pain", "work for fibromyalgia", "work by blocking" name where, for
#: what or how it acts, which the entries about those answer
_AFTER = frozenset({"", "though", "tho", "well", "at", "really", "actually", "or", "then", "anyway", "still",
                    "lol", "yet", "properly",
                    # a follow-up read in context has its topic put after it ("and it works? naltrexone")
                    "ldn", "naltrexone"})
#: ... and "help" asked of a group just told of ("does naltrexone help them?", "does it actually help those
#: people?" after how common addiction is): whether it helps them, as "does it work?" asks; "does it help with
#: sleep?", "does LDN help people with MS?" name for what, which the entries about those answer
_HELP = frozenset({"help", "helps", "helped"})
_HELP_AFTER = frozenset({"them", "those", "em"})
#: each verb a yes-or-no question asks with, and what may follow it
_FOLLOWING = {**dict.fromkeys(_WORK, _AFTER), **dict.fromkeys(_HELP, _HELP_AFTER)}
#: "at work", "to work", "back to work", "my work": the noun
_NOT_BEFORE = frozenset({"at", "to", "my", "your", "his", "her", "their", "of", "from", "after", "before", "for",
                         "hard", "night", "shift", "the", "a", "this", "that", "lab", "blood"})
#: a yes-or-no question has one of these among its first words ("does it...", "and it works?", "so LDN works?")
_YES_NO = frozenset({"does", "do", "did", "will", "would", "can", "could", "is", "are", "has", "have", "and",
                     "so", "but", "really", "actually", "it", "ldn", "naltrexone", "still"})
#: ... within this many words of its start
_LEAD = 2


def efficacy_read(tokens: Sequence[str]) -> list[str]:
    """``tokens`` with the first "work" (or "help" asked of "them") of a yes-or-no question read as "effective"."""
    out = list(tokens)
    for i, token in enumerate(out):
        allowed = _FOLLOWING.get(token)
        if allowed is None:
            continue
        before = out[:i]
        after = out[i + 1] if i + 1 < len(out) else ""
        # "does it work for that?": for what the answer just told of, nothing new named
        after = "" if after == "for" and out[i + 2 : i + 3] in (["that"], ["this"], ["it"], ["them"]) else after
        # "does that work?": "that" right after the auxiliary is the subject, not the noun's article ("that work")
        subject = len(before) == 2 and before[0] in _YES_NO and before[1] in ("that", "this")
        if (_ASKING.isdisjoint(out) and after in allowed and (not before or subject or before[-1] not in _NOT_BEFORE)
                and any(t in _YES_NO for t in out[:_LEAD])):
            out[i] = "effective"
        break
    return out


#: the verbs "how does X ...?" asks the mechanism with, when nothing follows but a word that weighs it
_HOW_VERBS = frozenset({"help", "helps", "work", "works", "act", "acts"})
#: ... and what "how" may stand with at the start
_HOW_AUX = frozenset({"does", "do", "can", "could", "would", "is"})
#: what may follow the verb ("how does it help exactly?"; a follow-up read in context has its topic put after it)
_HOW_AFTER = frozenset({"exactly", "actually", "really", "then", "though", "tho", "anyway", "lol", "precisely",
                        "ldn", "naltrexone"})
#: how many words may stand between the auxiliary and the verb ("how does low dose naltrexone help")
_HOW_SUBJECT = 4


def mechanism_read(tokens: Sequence[str]) -> list[str]:
    """``tokens`` with the verb of "how does <something> help/work?" read as "mechanism", when the question
    ends there (nothing after it but a weighing word): "how does LDN help people with MS?" asks for whom."""
    out = list(tokens)
    if len(out) < 3 or out[0] != "how" or out[1] not in _HOW_AUX:
        return out
    for i in range(3, min(len(out), 3 + _HOW_SUBJECT)):
        if out[i] in _HOW_VERBS and all(t in _HOW_AFTER for t in out[i + 1:]):
            out[i] = "mechanism"
            break
    return out
