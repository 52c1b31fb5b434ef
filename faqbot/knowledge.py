"""Loading and validating the knowledge base (``faq.yaml``).

The file is parsed to YAML nodes, not plain objects, so every problem can be
reported with the file and line a curator has to fix. All problems are
collected in one pass; :func:`load_knowledge_base` raises on the first, and
``faqbot validate`` shows them all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from faqbot.errors import KnowledgeBaseError
from faqbot.normalize import strip_controls
from faqbot.safety import find_dose_figure

#: Refuse files bigger than this before parsing: a knowledge base is text a
#: person curates, and an enormous file is a mistake or an attack.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ANSWER_CHARS = 700
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

try:  # libyaml's parser is several times faster when PyYAML was built with it
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Entry:
    """One curated question and its answer."""

    id: str
    question: str
    answer: str
    section: str
    alternates: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    #: Terms this entry explains, so "what is X?" for any other X falls back.
    defines: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class Smalltalk:
    """A conversational intent (greeting, thanks...) and its reply."""

    id: str
    patterns: tuple[str, ...]
    reply: str


@dataclass(frozen=True)
class Settings:
    """Matching knobs a curator may tune. Scores are 0-100."""

    answer_threshold: float = 60.0
    suggest_threshold: float = 38.0
    ambiguity_margin: float = 4.0
    max_suggestions: int = 3
    max_question_chars: int = 1000


@dataclass(frozen=True)
class Texts:
    """Fixed replies that do not come from an entry."""

    referral: str
    emergency: str
    self_harm: str
    fallback: str
    did_you_mean: str
    related: str = "You might also ask:"


@dataclass(frozen=True)
class KnowledgeBase:
    entries: tuple[Entry, ...]
    texts: Texts
    settings: Settings = field(default_factory=Settings)
    smalltalk: tuple[Smalltalk, ...] = ()
    #: canonical term -> the variants people type for it
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    path: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.entries})

    def entry(self, entry_id: str) -> Entry:
        by_id: dict[str, Entry] = self._by_id  # type: ignore[attr-defined]
        return by_id[entry_id]

    def sections(self) -> dict[str, list[Entry]]:
        """Entries grouped by article section, in file order."""
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.section, []).append(entry)
        return grouped


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge-base file."""

    message: str
    path: str | None
    line: int | None

    def __str__(self) -> str:
        return str(KnowledgeBaseError(self.message, self.path, self.line))


def bundled_path() -> Path:
    """The knowledge base shipped with faqbot."""
    packaged = Path(str(resources.files("faqbot") / "faq.yaml"))
    if packaged.is_file():
        return packaged
    # An editable install or a source checkout: the file lives at the repo root.
    return Path(__file__).resolve().parent.parent / "faq.yaml"


def load_knowledge_base(path: str | Path | None = None) -> KnowledgeBase:
    """Read and validate a knowledge base; ``None`` means the bundled one.

    Raises :class:`KnowledgeBaseError` naming file and line on any problem.
    """
    kb, problems = check_knowledge_base(path)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more; run `faqbot validate` to see all)" if len(problems) > 1 else ""
        raise KnowledgeBaseError(first.message + more, first.path, first.line)
    assert kb is not None
    return kb


def check_knowledge_base(path: str | Path | None = None) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Parse and validate, returning the knowledge base (if usable) and every problem found."""
    file = Path(path) if path is not None else bundled_path()
    try:
        text = _read_text(file)
        root = _compose(text, file)
    except KnowledgeBaseError as err:
        return None, [Problem(err.message, err.path, err.line)]
    builder = _Builder(str(file))
    kb = builder.build(root)
    return (kb if not builder.problems else None), builder.problems


def _read_text(file: Path) -> str:
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise KnowledgeBaseError(
                f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}. Is this the right file?", file
            )
        data = file.read_bytes()
    except FileNotFoundError:
        raise KnowledgeBaseError("no such file", file) from None
    except IsADirectoryError:
        raise KnowledgeBaseError("is a directory, expected a YAML file", file) from None
    except OSError as err:
        raise KnowledgeBaseError(f"cannot read: {err.strerror or err}", file) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise KnowledgeBaseError(
            f"not UTF-8 text (byte 0x{data[err.start]:02x}); save the file as UTF-8", file, line
        ) from None


def _compose(text: str, file: Path) -> yaml.Node:
    if not text.strip():
        raise KnowledgeBaseError("file is empty; expected a mapping with `entries:`", file, 1)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        # An unclosed quote or bracket is noticed lines later (or at the end);
        # where it was opened is what the curator needs.
        problem_text = str(err.problem)
        if err.context_mark is not None and ("end of stream" in problem_text or "expected ','" in problem_text):
            mark = err.context_mark
        line = min(mark.line + 1, text.count("\n") + 1) if mark is not None else None
        problem = " ".join(str(err.problem or err).split())
        raise KnowledgeBaseError(f"YAML syntax error: {problem}", file, line) from None
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        raise KnowledgeBaseError(
            f"character U+{ord(str(err.character)[:1] or ' '):04X} is not allowed in YAML; remove it", file, line
        ) from None
    except yaml.YAMLError as err:
        raise KnowledgeBaseError("YAML error: " + " ".join(str(err).split()), file) from None
    if node is None:
        raise KnowledgeBaseError("file holds no YAML document; expected a mapping with `entries:`", file, 1)
    _refuse_aliases(node, file)
    return node


def _refuse_aliases(root: yaml.Node, file: Path) -> None:
    """Reject anchors/aliases: a knowledge base needs none, and they allow alias bombs."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise KnowledgeBaseError(
                "YAML anchors and aliases (&name / *name) are not allowed; write the text out",
                file,
                node.start_mark.line + 1,
            )
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


class _Builder:
    """Turns YAML nodes into a KnowledgeBase, collecting problems with lines."""

    TOP_KEYS = ("version", "settings", "texts", "synonyms", "smalltalk", "entries")
    ENTRY_KEYS = ("id", "question", "alternates", "answer", "section", "related", "defines")

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(message, self.path, line))

    # -- typed readers -------------------------------------------------
    def mapping(self, node: yaml.Node, what: str, allowed: tuple[str, ...] | None) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping (key: value)")
            return {}
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problem(key_node, f"{what}: keys must be plain text")
                continue
            if key in result:
                self.problem(key_node, f"{what}: key `{key}` appears twice")
                continue
            if allowed is not None and key not in allowed:
                self.problem(key_node, f"{what}: unknown key `{key}` (allowed: {', '.join(allowed)})")
                continue
            result[key] = value_node
        return result

    def text(self, node: yaml.Node | None, what: str, parent: yaml.Node | None = None) -> str | None:
        if node is None:
            self.problem(parent, f"{what} is missing")
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            self.problem(node, f"{what} must be text")
            return None
        # Control and format characters (escape sequences, bidi overrides) are
        # never meant in curated text and must not reach a terminal or page.
        value = " ".join(strip_controls(str(node.value)).split())
        if not value:
            self.problem(node, f"{what} is empty")
            return None
        return value

    def texts(self, node: yaml.Node | None, what: str) -> list[tuple[str, yaml.Node]]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list")
            return []
        out = []
        for i, item in enumerate(node.value):
            value = self.text(item, f"{what}[{i}]")
            if value is not None:
                out.append((value, item))
        return out

    def number(self, node: yaml.Node, what: str, low: float, high: float) -> float | None:
        value: Any = None
        if isinstance(node, yaml.ScalarNode) and node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            value = float(node.value)
        if value is None or not low <= value <= high:
            self.problem(node, f"{what} must be a number from {low:g} to {high:g}")
            return None
        return float(value)

    def no_dose(self, text: str, node: yaml.Node, what: str) -> None:
        figure = find_dose_figure(text)
        if figure:
            self.problem(
                node,
                f"{what} contains a dose figure or schedule ({figure!r}); "
                "faqbot never gives one, so reword it or leave it out",
            )

    # -- sections of the file -----------------------------------------
    def build(self, root: yaml.Node) -> KnowledgeBase | None:
        """The knowledge base, or None when a problem (recorded) leaves nothing usable."""
        top = self.mapping(root, "the file", self.TOP_KEYS)
        if not isinstance(root, yaml.MappingNode):
            return None
        if "version" in top:
            self.number(top["version"], "version", 1, 1)
        settings = self.settings(top.get("settings"))
        texts = self.fixed_texts(top.get("texts"), root)
        synonyms = self.synonyms(top.get("synonyms"))
        smalltalk = self.smalltalk(top.get("smalltalk"))
        entries = self.entries(top.get("entries"), root)
        if texts is None:
            return None
        return KnowledgeBase(
            entries=tuple(entries),
            texts=texts,
            settings=settings,
            smalltalk=tuple(smalltalk),
            synonyms=synonyms,
            path=self.path,
        )

    def settings(self, node: yaml.Node | None) -> Settings:
        if node is None:
            return Settings()
        fields = self.mapping(node, "settings", tuple(Settings.__dataclass_fields__))
        values: dict[str, Any] = {}
        limits = {
            "answer_threshold": (0, 100),
            "suggest_threshold": (0, 100),
            "ambiguity_margin": (0, 100),
            "max_suggestions": (0, 10),
            "max_question_chars": (20, 100_000),
        }
        for name, value_node in fields.items():
            low, high = limits[name]
            number = self.number(value_node, f"settings.{name}", low, high)
            if number is not None:
                values[name] = int(number) if name in ("max_suggestions", "max_question_chars") else number
        settings = Settings(**values)
        if settings.suggest_threshold > settings.answer_threshold:
            self.problem(node, "settings.suggest_threshold must not be above settings.answer_threshold")
        return settings

    def fixed_texts(self, node: yaml.Node | None, root: yaml.Node) -> Texts | None:
        if node is None:
            self.problem(root, "`texts:` is missing (referral, emergency, self_harm, fallback, did_you_mean)")
            return None
        names = tuple(Texts.__dataclass_fields__)
        fields = self.mapping(node, "texts", names)
        values: dict[str, str] = {}
        for name in names:
            if name not in fields and name == "related":
                continue
            value = self.text(fields.get(name), f"texts.{name}", node)
            if value is not None:
                self.no_dose(value, fields[name], f"texts.{name}")
                values[name] = value
        if len(values) < len([n for n in names if n != "related"]):
            return None
        required = (("referral", r"doctor|pharmacist"), ("emergency", r"emergency"), ("self_harm", r"emergency"))
        for name, pattern in required:
            if not re.search(pattern, values[name], re.I):
                self.problem(fields[name], f"texts.{name} must mention {pattern.replace('|', ' or ')}")
        return Texts(**values)

    def synonyms(self, node: yaml.Node | None) -> dict[str, tuple[str, ...]]:
        if node is None:
            return {}
        result: dict[str, tuple[str, ...]] = {}
        owner: dict[str, str] = {}
        for canonical, value_node in self.mapping(node, "synonyms", None).items():
            variants = []
            for variant, item in self.texts(value_node, f"synonyms.{canonical}"):
                key = variant.casefold()
                if key in owner and owner[key] != canonical:
                    self.problem(item, f"synonym `{variant}` is listed under both `{owner[key]}` and `{canonical}`")
                owner[key] = canonical
                variants.append(variant)
            result[canonical] = tuple(variants)
        return result

    def smalltalk(self, node: yaml.Node | None) -> list[Smalltalk]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "smalltalk must be a list")
            return []
        out = []
        for item in node.value:
            fields = self.mapping(item, "smalltalk item", ("id", "patterns", "reply"))
            ident = self.text(fields.get("id"), "smalltalk id", item)
            reply = self.text(fields.get("reply"), "smalltalk reply", item)
            patterns = [p for p, _ in self.texts(fields.get("patterns"), "smalltalk patterns")]
            if not patterns:
                self.problem(item, "smalltalk item needs at least one pattern")
            if reply is not None:
                self.no_dose(reply, fields["reply"], "smalltalk reply")
            if ident and reply and patterns:
                out.append(Smalltalk(ident, tuple(patterns), reply))
        return out

    def entries(self, node: yaml.Node | None, root: yaml.Node) -> list[Entry]:
        if node is None:
            self.problem(root, "`entries:` is missing; a knowledge base needs at least one entry")
            return []
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.problem(node, "entries must be a non-empty list")
            return []
        entries: list[Entry] = []
        seen_ids: dict[str, int] = {}
        seen_questions: dict[str, str] = {}
        related_refs: list[tuple[str, yaml.Node, str]] = []
        for item in node.value:
            fields = self.mapping(item, "entry", self.ENTRY_KEYS)
            if not isinstance(item, yaml.MappingNode):
                continue
            ident = self.text(fields.get("id"), "entry id", item)
            if ident is not None and not ID_PATTERN.match(ident):
                self.problem(fields["id"], f"entry id `{ident}`: use lower-case letters, digits, - and _")
                ident = None
            if ident is not None:
                if ident in seen_ids:
                    self.problem(fields["id"], f"duplicate entry id `{ident}` (first at line {seen_ids[ident]})")
                seen_ids.setdefault(ident, fields["id"].start_mark.line + 1)
            label = f"entry `{ident}`" if ident else "entry"
            question = self.text(fields.get("question"), f"{label}: question", item)
            answer = self.text(fields.get("answer"), f"{label}: answer", item)
            section = self.text(fields.get("section"), f"{label}: section", item)
            alternates = self.texts(fields.get("alternates"), f"{label}: alternates")
            related = self.texts(fields.get("related"), f"{label}: related")
            defines = self.texts(fields.get("defines"), f"{label}: defines")
            if answer is not None:
                self.no_dose(answer, fields["answer"], f"{label}: answer")
                if len(answer) > MAX_ANSWER_CHARS:
                    self.problem(
                        fields["answer"],
                        f"{label}: answer is {len(answer)} characters; keep it under {MAX_ANSWER_CHARS} "
                        "so it fits a chat bubble",
                    )
            for text, text_node in [(question, fields.get("question")), *alternates]:
                if text is None or text_node is None:
                    continue
                key = text.casefold()
                if key in seen_questions and seen_questions[key] != ident:
                    self.problem(text_node, f"{label}: `{text}` is also a question of entry `{seen_questions[key]}`")
                seen_questions.setdefault(key, ident or "?")
            for ref, ref_node in related:
                related_refs.append((ref, ref_node, label))
            if None not in (ident, question, answer, section):
                entries.append(
                    Entry(
                        id=ident,  # type: ignore[arg-type]
                        question=question,  # type: ignore[arg-type]
                        answer=answer,  # type: ignore[arg-type]
                        section=section,  # type: ignore[arg-type]
                        alternates=tuple(a for a, _ in alternates),
                        related=tuple(r for r, _ in related),
                        defines=tuple(d for d, _ in defines),
                        line=item.start_mark.line + 1,
                    )
                )
        for ref, ref_node, label in related_refs:
            if ref not in seen_ids:
                self.problem(ref_node, f"{label}: related id `{ref}` does not exist")
        return entries

