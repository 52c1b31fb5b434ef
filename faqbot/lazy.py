"""Package namespaces that import a module only when one of its names is first used (PEP 562).

``from faqbot import FAQBot`` works as ever, but ``import faqbot.cli`` or ``import faqbot.kb.schema``
no longer loads the whole library first: a one-shot ``faqbot ask`` should import only what it runs
(issue #14).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def exports(package: str, where: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: each name in ``where`` comes from the module it maps to."""

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)  # looked up once
        return value

    return __getattr__
