"""Dataclasses whose generated methods are made when first used (issue #14).

``dataclasses.dataclass`` writes a class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` (and,
for a frozen class, ``__setattr__`` and ``__delattr__``) as Python source and compiles it: about half a
millisecond a class, 17 ms of a one-shot ``faqbot ask``, which imports 37 of faqbot's dataclasses but
calls the generated methods of only ten (a bot from the cache is unpickled, which calls none), and
of those only ``__init__``.

:func:`dataclass` takes the options of ``dataclasses.dataclass``. It makes the class a dataclass at
once without those methods, so its fields are known (``dataclasses.fields``, ``replace`` and pickling
work as usual), and puts a stand-in for each method; the first call of any stand-in (:func:`make`) has
``dataclasses.dataclass`` make the methods, with the original options, on a twin of the class (same
module, name, fields and defaults), and moves them onto the class, each replacing its stand-in in one
step, so that another thread never finds a method missing. From then on the class is what
``@dataclasses.dataclass`` makes. The first ``__init__`` makes only itself (and a frozen class's
``__setattr__`` and ``__delattr__``, which dataclass makes with it): dataclass writes the same code for
them whatever the other options, and they are all a question needs. Type checkers see
``dataclasses.dataclass`` itself.
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
    """What making a class's methods needs: its options, its fields' defaults as written, its own methods
    (which dataclass leaves alone), and the stand-ins not yet replaced."""

    def __init__(self, options: dict[str, Any], defaults: dict[str, Any], own: list[str]) -> None:
        self.options, self.defaults, self.own = options, defaults, own
        self.stand_ins = [name for name in _METHODS if name not in own]


_PENDING: dict[type, _Pending] = {}
# Re-entrant: making a class may make another (a default that is an instance of one).
_LOCK = threading.RLock()

if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:

    def dataclass(cls=None, /, **options):
        """``dataclasses.dataclass(cls, **options)``, its generated methods made on first use."""
        return _defer(cls, options) if cls is not None else lambda cls: _defer(cls, options)


def _defer(cls: type, options: dict[str, Any]) -> type:
    inherits = any(dataclasses.is_dataclass(base) for base in cls.__mro__[1:])
    # Made at once: a class without a docstring (dataclass writes one from the __init__ it generates),
    # one that inherits fields, a slots class (dataclass makes a new class for it), and an ordered or
    # explicitly hashed one (its comparison methods are not among those made later).
    if not cls.__doc__ or inherits or any(options.get(key) for key in ("slots", "order", "unsafe_hash")):
        # A deferred base must be whole first: dataclass reads its parameters (frozen) and its fields.
        for base in cls.__mro__[1:]:
            make(base)
        made: type = dataclasses.dataclass(cls, **options)
        return made
    # The first making replaces field(...) defaults with plain values; the twin needs them as written.
    defaults = {name: cls.__dict__[name] for name in inspect.get_annotations(cls) if name in cls.__dict__}
    first = {key: value for key, value in options.items() if key not in _MAKE_METHODS}
    dataclasses.dataclass(cls, init=False, repr=False, eq=False, **first)
    pending = _Pending(options, defaults, own=[name for name in _METHODS if name in cls.__dict__])
    for name in pending.stand_ins:
        setattr(cls, name, _stand_in(cls, name))
    _PENDING[cls] = pending
    return cls


def _stand_in(cls: type, name: str) -> Callable[..., Any]:
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        if name == "__init__":
            _make_init(cls)
        else:
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
        pending = _PENDING.get(cls)
        if pending is None:
            return
        made = _twin_methods(cls, pending, pending.options)
        for name, value in made.items():
            setattr(cls, name, value)
        for name in pending.stand_ins:
            if name not in made:  # not generated for these options: the inherited method is the one
                delattr(cls, name)
        del _PENDING[cls]


def _make_init(cls: type) -> None:
    """Make ``cls.__init__`` (and a frozen class's attribute guards), leaving the rest for later."""
    with _LOCK:
        pending = _PENDING.get(cls)
        if pending is None or "__init__" not in pending.stand_ins:
            return
        options = {**pending.options, "repr": False, "eq": False, "order": False, "unsafe_hash": False}
        made = _twin_methods(cls, pending, options)
        for name in ("__init__", "__setattr__", "__delattr__"):
            if name in made and name in pending.stand_ins:
                setattr(cls, name, made[name])
                pending.stand_ins.remove(name)


def _twin_methods(cls: type, pending: _Pending, options: dict[str, Any]) -> dict[str, Any]:
    """The methods and dataclass attributes ``dataclasses.dataclass`` makes for ``cls``, made on a twin."""
    namespace: dict[str, Any] = {
        "__module__": cls.__module__, "__qualname__": cls.__qualname__, "__doc__": cls.__doc__,
        "__annotations__": dict(inspect.get_annotations(cls)), **pending.defaults,
    }
    for name in (*pending.own, "__post_init__"):  # what dataclass looks for on the class, as the class has it
        if hasattr(cls, name):
            namespace[name] = getattr(cls, name)
    twin: type = dataclasses.dataclass(type(cls.__name__, (), namespace), **options)
    made = {name: twin.__dict__[name] for name in (*pending.stand_ins, "__dataclass_fields__",
                                                    "__dataclass_params__") if name in twin.__dict__}
    # A frozen class's __setattr__ and __delattr__ name their class: the class, not its twin.
    for value in made.values():
        for cell in getattr(value, "__closure__", None) or ():
            if cell.cell_contents is twin:
                cell.cell_contents = cls
    return made
