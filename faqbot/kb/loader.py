"""Reading ``faq.yaml``: size and encoding checks, YAML nodes with their line numbers, no aliases.

The file is parsed to YAML nodes, not plain objects, so every problem can be reported with the file
and line a curator has to fix. All problems are collected in one pass (:mod:`faqbot.kb.builder`);
:func:`load_knowledge_base` raises on the first, and ``faqbot validate`` shows them all.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from faqbot.errors import KnowledgeBaseError
from faqbot.kb.builder import Builder
from faqbot.kb.files import MAX_FILE_BYTES, bundled_path
from faqbot.kb.schema import KnowledgeBase, Problem

try:  # libyaml's parser is several times faster when PyYAML was built with it
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


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
    builder = Builder(str(file))
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
