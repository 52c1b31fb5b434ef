"""faqbot's regular expressions, with compiled programs the cache of built bots can carry (issue #14).

Python parses and compiles a pattern in Python code, and the phrase rules alone are 30 kB of patterns:
compiling faqbot's patterns took about 40 ms of every one-shot ``faqbot ask``, more than the rest of
the question. Every pattern faqbot writes is compiled through :func:`compile`, which keeps the program
the regex engine runs. :mod:`faqbot.cache` stores those programs (:func:`programs`) beside the bot,
and the next process gives them back (:func:`install`) before it imports the modules that compile
patterns, so each is built by the engine's own constructor without parsing or compiling again.

A program is valid only for the engine that made it: the cache is keyed to the Python version,
:func:`install` ignores programs from another engine (``_sre.MAGIC``), the engine checks every program
it is given, and a pattern whose program is missing or refused is compiled as usual. On a Python whose
engine works differently (no ``re._compiler``) every pattern is compiled as usual.

Only faqbot's own constant patterns go through here, never text from a question or a knowledge base:
the programs are safe to store.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from typing import Any

try:  # The engine's internals (Python 3.11 and later); anywhere else every pattern is compiled as usual.
    import _sre  # type: ignore[import-not-found]  # no stubs: the engine behind re
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _MAGIC: int | None = _sre.MAGIC
except ImportError:  # pragma: no cover - depends on the Python
    _MAGIC = None

#: flags with the pattern's inline flags, code, group count, group name -> number, number -> name
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
#: (pattern, flags) -> program, for every pattern compiled or installed in this process
_PROGRAMS: dict[tuple[str, int], Program] = {}
#: patterns compiled only when first used (the phrase rules), still stored in the cache
_DECLARED: set[tuple[str, int]] = set()
_LOCK = threading.Lock()


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from a stored program when there is one."""
    key = (pattern, int(flags))
    program = _PROGRAMS.get(key)
    if program is not None:
        try:
            compiled: re.Pattern[str] = _sre.compile(pattern, *program)
            return compiled
        except Exception:  # a program this engine refuses: compile afresh below
            with _LOCK:
                _PROGRAMS.pop(key, None)
    if _MAGIC is None:  # pragma: no cover - depends on the Python
        return re.compile(pattern, flags)
    try:
        program = _program(pattern, key[1])
        compiled = _sre.compile(pattern, *program)
    except re.error:
        raise
    except Exception:  # pragma: no cover - internals changed: the engine's usual way still works
        return re.compile(pattern, flags)
    with _LOCK:
        _PROGRAMS[key] = program
    return compiled


def _program(pattern: str, flags: int) -> Program:
    """What ``re._compiler.compile`` hands to the engine (the same steps, Python 3.11 to 3.13)."""
    parsed = _parser.parse(pattern, flags)
    # Plain ints: the opcodes are named int constants that refuse to be pickled.
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def declare(pattern: str, flags: int = 0) -> None:
    """A pattern compiled on first use: :func:`programs` includes it all the same."""
    with _LOCK:
        _DECLARED.add((pattern, int(flags)))


def programs() -> tuple[int | None, dict[tuple[str, int], Program]]:
    """The engine's magic number and the program of every pattern compiled or declared so far."""
    for pattern, flags in sorted(_DECLARED - _PROGRAMS.keys()):
        compile(pattern, flags)
    with _LOCK:
        return _MAGIC, dict(_PROGRAMS)


def install(stored: Any) -> None:
    """Use programs from :func:`programs` of another process; anything else is ignored."""
    if _MAGIC is None or not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != _MAGIC:
        return
    table = stored[1]
    if not isinstance(table, Mapping):
        return
    with _LOCK:
        for key, program in table.items():
            _PROGRAMS.setdefault(key, program)
