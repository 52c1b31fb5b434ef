"""Turning YAML nodes into a :class:`KnowledgeBase`, collecting every problem with its line."""

from __future__ import annotations

import re
from dataclasses import MISSING
from typing import Any
from urllib.parse import urlsplit

import yaml

from faqbot.kb.schema import LOCALIZED_TEXTS, Entry, KnowledgeBase, Problem, Settings, Smalltalk, Texts
from faqbot.kb.texts import read_languages
from faqbot.text import clean, find_dose_figure, strip_controls, words
from faqbot.text.normalize import synonym_key

MAX_ANSWER_CHARS = 700
#: texts a knowledge base may leave out (the schema's defaults are used)
OPTIONAL_TEXTS = ("related", "english_only")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def is_web_address(text: str) -> bool:
    """An absolute http(s) address with a host and no spaces: safe to put behind a link."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in text)


class Builder:
    """Turns YAML nodes into a KnowledgeBase, collecting problems with lines."""

    TOP_KEYS = ("version", "settings", "texts", "synonyms", "smalltalk", "entries")
    ENTRY_KEYS = ("id", "question", "alternates", "answer", "section", "related", "defines", "topic")

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
            "single_threshold": (0, 100),
            "single_margin": (0, 100),
            "single_coverage": (0, 1),
            "uncovered_share": (0, 1),
            "uncovered_name_share": (0, 1),
            "compare_share": (0, 1),
            "subject_share": (0, 1),
            "unnamed_share": (0, 1),
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
        names = tuple(n for n in Texts.__dataclass_fields__ if n != "languages")
        optional = {name for name, f in Texts.__dataclass_fields__.items() if f.default is not MISSING}
        fields = self.mapping(node, "texts", (*names, "languages"))
        languages = read_languages(self, fields.get("languages"))
        values: dict[str, str] = {}
        for name in names:
            if name not in fields and name in optional:
                continue
            value = self.text(fields.get(name), f"texts.{name}", node)
            if value is not None:
                self.no_dose(value, fields[name], f"texts.{name}")
                values[name] = value
        if any(name not in values for name in names if name not in optional) or any(
            len(texts) < len(LOCALIZED_TEXTS) for texts in languages.values()
        ):
            return None
        if "contact_url" in values and not is_web_address(values["contact_url"]):
            self.problem(fields["contact_url"], "texts.contact_url must be an http:// or https:// address")
            del values["contact_url"]
        required = (("referral", r"doctor|pharmacist"), ("emergency", r"emergency"), ("self_harm", r"emergency"),
                    ("story_note", r"doctor|pharmacist"))
        for name, pattern in required:
            if name in values and not re.search(pattern, values[name], re.I):
                self.problem(fields[name], f"texts.{name} must mention {pattern.replace('|', ' or ')}")
        return Texts(**values, languages=languages)

    def synonyms(self, node: yaml.Node | None) -> dict[str, tuple[str, ...]]:
        if node is None:
            return {}
        result: dict[str, tuple[str, ...]] = {}
        groups = self.mapping(node, "synonyms", None)
        # Synonyms are matched by their words' stems, so two that stem alike are one: "prescriber" under
        # `doctor` would read every "prescribed" as "doctor", and the group listed last wins silently.
        owner = {synonym_key(canonical): (canonical, canonical) for canonical in groups}
        for canonical, value_node in groups.items():
            variants = []
            for variant, item in self.texts(value_node, f"synonyms.{canonical}"):
                key = synonym_key(variant)
                group, said = owner.setdefault(key, (canonical, variant))
                if group != canonical and said.casefold() == variant.casefold():
                    self.problem(item, f"synonym `{variant}` is listed under both `{group}` and `{canonical}`")
                elif group != canonical:
                    self.problem(item, f"synonym `{variant}` of `{canonical}` stems like `{said}` of `{group}`: "
                                       "synonyms are matched by stems, so it would read as both")
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
            topic = self.text(fields.get("topic"), f"{label}: topic", item) if "topic" in fields else None
            if topic is not None and question is not None and answer is not None:
                said = set(words(clean(" ".join([question, answer, *(a for a, _ in alternates)]))))
                if not set(words(clean(topic))) <= said:
                    self.problem(fields["topic"], f"{label}: topic `{topic}` must be words the entry's question, "
                                                  "alternates or answer use")
            # Questions and sections are shown too (as the answer's heading, as suggestions).
            for name, value in (("question", question), ("section", section)):
                if value is not None:
                    self.no_dose(value, fields[name], f"{label}: {name}")
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
                        topic=topic,
                        line=item.start_mark.line + 1,
                    )
                )
        for ref, ref_node, label in related_refs:
            if ref not in seen_ids:
                self.problem(ref_node, f"{label}: related id `{ref}` does not exist")
        return entries
