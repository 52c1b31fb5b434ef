"""Dataclasses whose generated methods are made when first used (issue #14).

``dataclasses.dataclass`` writes a class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` (and,
for a frozen class, ``__setattr__`` and ``__delattr__``) as Python source and compiles it: about half a
millisecond a class, 17 ms of a one-shot ``faqbot ask``, which imports 37 of faqbot's dataclasses but
calls the generated methods of only a few (a bot from the cache is unpickled, which calls none).

:func:`dataclass` takes the options of ``dataclasses.dataclass``. It makes the class a dataclass at
once without those methods, so its fields are known (``dataclasses.fields``, ``replace`` and pickling
work as usual), and puts a stand-in for each method; the first call of any stand-in makes the class
again with ``dataclasses.dataclass`` and the original options, and from then on it is the class
``@dataclasses.dataclass`` makes. Type checkers see ``dataclasses.dataclass`` itself.
"""

from __future__ import annotations

import dataclasses
import inspect
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

#: the methods ``dataclasses.dataclass`` may generate
_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
#: options that make methods, left out of the first making
_MAKE_METHODS = ("init", "repr", "eq", "order", "unsafe_hash", "frozen")


class _Pending:
    """What making the class for real needs: its options, its own defaults, the stand-ins to remove."""

    def __init__(self, options: dict[str, Any], defaults: dict[str, Any]) -> None:
        self.options, self.defaults = options, defaults
        self.stand_ins: list[str] = []


_PENDING: dict[type, _Pending] = {}
# Re-entrant: making a class may make another (a default that is an instance of one).
_LOCK = threading.RLock()

if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:

    def dataclass(cls=None, /, **options):
        """``dataclasses.dataclass(cls, **options)``, its generated methods made on first use."""
        if options.get("slots"):
            raise TypeError("records.dataclass cannot defer a slots class: use dataclasses.dataclass")
        return _defer(cls, options) if cls is not None else lambda cls: _defer(cls, options)


def _defer(cls: type, options: dict[str, Any]) -> type:
    if not cls.__doc__:  # dataclass writes the docstring from the __init__ it generates: make it now
        made: type = dataclasses.dataclass(cls, **options)
        return made
    fields = inspect.get_annotations(cls)
    # The first making replaces field(...) defaults with plain values: the second needs the originals.
    pending = _Pending(options, {name: cls.__dict__[name] for name in fields if name in cls.__dict__})
    first = {key: value for key, value in options.items() if key not in _MAKE_METHODS}
    dataclasses.dataclass(cls, init=False, repr=False, eq=False, **first)
    for name in _METHODS:
        if name not in cls.__dict__:  # the class's own methods stay as they are
            setattr(cls, name, _stand_in(cls, name))
            pending.stand_ins.append(name)
    _PENDING[cls] = pending
    return cls


def _stand_in(cls: type, name: str) -> Callable[..., Any]:
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        make(cls)
        real = getattr(cls, name)
        if real is None:  # __hash__ of a mutable dataclass with __eq__
            raise TypeError(f"unhashable type: {cls.__name__!r}")
        return real(self, *args, **kwargs)

    method.__name__, method.__qualname__ = name, f"{cls.__qualname__}.{name}"
    return method


def make(cls: type) -> None:
    """Make ``cls`` the full dataclass now, if it was deferred and is not yet (safe to call again)."""
    with _LOCK:
        pending = _PENDING.pop(cls, None)
        if pending is None:
            return
        for name in pending.stand_ins:
            delattr(cls, name)
        for name, value in pending.defaults.items():
            setattr(cls, name, value)
        dataclasses.dataclass(cls, **pending.options)
