"""The layout rules the code keeps: small modules and functions, arrows that only point down."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "faqbot"
MODULES = sorted(PACKAGE.rglob("*.py"))
#: front ends may import click or the web framework; the library core never does
FRONT_ENDS = ("faqbot.cli", "faqbot.web")
#: lower layers first: a module may import from its own layer or the layers before it
LAYERS = (
    ("faqbot.errors", "faqbot.lazy", "faqbot.memo", "faqbot.records", "faqbot.regex", "faqbot.reply", "faqbot.text",
     "faqbot.version"),
    ("faqbot.kb", "faqbot.safety"),
    ("faqbot.retrieval", "faqbot.smalltalk"),
    ("faqbot.pipeline", "faqbot.stages", "faqbot.decide", "faqbot.followterms", "faqbot.followup", "faqbot.context"),
    ("faqbot.bot",),
    ("faqbot.tools", "faqbot.cache"),
    ("faqbot.cli", "faqbot.web", "faqbot", "faqbot.__main__"),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def layer(module: str) -> int:
    best = (-1, len(LAYERS))
    for number, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best[0]:
                best = (len(prefix), number)
    return best[1]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_modules_and_functions_stay_small(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 500
    long = [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno
            and node.end_lineno - node.lineno + 1 > 80]
    assert long == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_only_point_down(path: Path) -> None:
    name = module_name(path)
    own = layer(name)
    assert own < len(LAYERS), f"{name} belongs to no layer of LAYERS"
    upward = [m for m in imports(path) if m.startswith("faqbot") and layer(m) > own]
    assert upward == []
    if not name.startswith(FRONT_ENDS):
        assert {m.split(".")[0] for m in imports(path)} & {"click", "starlette", "uvicorn"} == set()
