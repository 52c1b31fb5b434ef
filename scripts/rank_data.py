"""The labelled questions the learned second opinion on retrieval trains on and is measured with.

Shared by ``scripts/train_learned_rank.py`` (training) and ``scripts/rank_heldout.py`` (leave one set out).
Never reads bench/frozen/ (sealed) or ../shared/eval (the shared regression set).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
# The scripts that import this read ROOT's faq.yaml and labelled sets, so they must run ROOT's code too: in a second
# worktree the installed (editable) package is another checkout's, and a leave-one-set-out run measured that one
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
#: where an answer's sentences end
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
#: the class of questions the knowledge base cannot answer
OUT_OF_SCOPE = "_oos"
#: every labelled set, by name: plain case files, dialogue files, and the safety probes' general questions
CASE_FILES = ("tests/cases.yaml", "bench/holdout_cases.yaml", "bench/holdout2_cases.yaml",
              "bench/holdout3_cases.yaml", "bench/holdout4_cases.yaml", "bench/holdout5_cases.yaml",
              "bench/dev_real_style.yaml", "bench/dev_real_style2.yaml", "bench/dev_real_style3.yaml",
              "bench/dev_real_style5.yaml", "bench/dev_real_style6.yaml", "bench/dev_real_style7.yaml",
              "bench/dev_real_style8.yaml", "bench/dev_real_style9.yaml",
              *(f"bench/dev_real_style{n}.yaml" for n in range(10, 25)), "bench/dev_near_topic.yaml",
              "bench/real_style_dev28s.yaml", "bench/real_style_dev113_session50.yaml",
              "bench/real_style_dev116_session51.yaml")
DIALOGUE_FILES = ("bench/dialogues.yaml", "bench/dialogues3.yaml", "bench/dialogues4.yaml", "bench/dialogues5.yaml",
                  "bench/dialogues6.yaml", "bench/dialogues7.yaml",
                  *(f"bench/dialogues{n}.yaml" for n in range(8, 25)))
PROBES = "bench/safety_*_probes.yaml"


@dataclass(frozen=True)
class Turn:
    question: str
    expect: str
    id: str | None
    accept: tuple[str, ...]
    #: asked after the dialogue's previous turns (with the last answer's entry as context)
    follows: bool = False
    #: a follow-up that must be read on its own (a complete question)
    standalone: bool = True

    @property
    def label(self) -> str | None:
        """What the model learns from this question: an entry id, out of scope, or nothing."""
        if not self.standalone:
            return None
        if self.expect == "answer" and self.id:
            return self.id
        if self.expect == "fallback" and "answer" not in self.accept:
            return OUT_OF_SCOPE
        return None


Dialogue = tuple[Turn, ...]


def _turn(raw: dict[str, Any], follows: bool = False, standalone: bool = True) -> Turn:
    question = str(raw.get("question", raw.get("q", "")))
    return Turn(question, str(raw["expect"]), raw.get("id"), tuple(raw.get("accept") or ()), follows, standalone)


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def labelled_sets() -> dict[str, list[Dialogue]]:
    """Set name -> its dialogues (a plain case is a dialogue of one turn), in file order."""
    sets: dict[str, list[Dialogue]] = {}
    for name in CASE_FILES:
        sets[Path(name).stem] = [(_turn(c),) for c in _load(ROOT / name)]
    for name in DIALOGUE_FILES:
        dialogues = []
        for d in _load(ROOT / name):
            alone = d.get("note") == "ignore-context"
            dialogues.append(tuple(_turn(t, n > 0, n == 0 or alone) for n, t in enumerate(d["turns"])))
        sets[Path(name).stem] = dialogues
    probes = []
    for path in sorted(ROOT.glob(PROBES)):
        assert "frozen" not in path.parts
        probes.extend((_turn(c),) for c in _load(path) if c.get("group") == "general" and c.get("lang") == "en")
    sets["safety_probes_general"] = probes
    return sets


def kb_examples(kb_path: Path | None = None) -> list[tuple[str, str]]:
    """Every entry's question and alternates, and each sentence of its answer, labelled with its id.

    The answer's sentences carry the words people share with the article ("author", "swelling", "trouble
    sleeping") that no curated wording uses; leave one set out they lowered wrong answers 66 -> 60 of 4,872.
    """
    data = _load(kb_path or ROOT / "faq.yaml")
    wordings = [(text, e["id"]) for e in data["entries"] for text in (e["question"], *(e.get("alternates") or ()))]
    return wordings + [(sentence, e["id"]) for e in data["entries"] for sentence in _SENTENCE_END.split(e["answer"])
                       if sentence.strip()]


#: every development dialogue set, for the follow-up model: the labelled dialogue sets and the red-team ones, all
#: written blind (bench/frozen/ is a folder of its own, never globbed here)
FOLLOW_UP_FILES = ("bench/dialogues*.yaml", "bench/redteam*_dialogues_*.yaml")


def follow_up_paths(patterns: tuple[str, ...] = FOLLOW_UP_FILES) -> list[Path]:
    """The dialogue sets ``patterns`` name, each once, in name order."""
    return sorted({path for pattern in patterns for path in ROOT.glob(pattern)})


def follow_up_sets(patterns: tuple[str, ...] = FOLLOW_UP_FILES) -> dict[str, list[tuple[str, str | None, str]]]:
    """Set name -> its follow-up turns as (question, the labelled entry answered before it, label).

    The context is the label of the dialogue's last answer turn, as a chat that went right would send it;
    referral and emergency turns teach nothing about entries and are left out, as are first turns.
    """
    sets: dict[str, list[tuple[str, str | None, str]]] = {}
    for path in follow_up_paths(patterns):
        assert "frozen" not in path.parts
        turns: list[tuple[str, str | None, str]] = []
        for dialogue in _load(path):
            context = None
            for number, raw in enumerate(dialogue["turns"]):
                turn = _turn(raw, number > 0)
                if number > 0 and turn.label is not None:
                    turns.append((turn.question, context, turn.label))
                if turn.expect == "answer" and turn.id:
                    context = turn.id
        sets[path.stem] = turns
    return sets
