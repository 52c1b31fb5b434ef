"""A cache of built bots, so each ``faqbot ask`` does not parse and analyse the knowledge base again.

Building a bot (reading ``faq.yaml``, then analysing every question, alternate and answer) costs more
than everything else a one-shot command does. :func:`load_bot` keeps the built bot as a pickle under
``$XDG_CACHE_HOME/faqbot`` (default ``~/.cache/faqbot``), one file per knowledge-base path, and uses it
only when all of these are unchanged: the file's bytes (sha256), its resolved path, faqbot's version,
the Python version, and the size and time of every file in the faqbot package (so an edited checkout
never runs a bot built by older code).

The cache is safe to delete at any time. A missing, unreadable, corrupt or stale file is ignored and
rebuilt; a cache that cannot be written is skipped silently; at most :data:`MAX_ENTRIES` files are
kept. ``FAQBOT_NO_CACHE=1`` turns it off. Files are written atomically (a temporary file, then a
rename) with mode 0600 in a 0700 directory, and a file is loaded only if the current user owns it and
nobody else can write to it or its directory: a pickle runs code when loaded, so it must come from no
one but us. The cache holds the knowledge base only, never a question.

Loading is most of a one-shot command's own time, so a file is laid out for it (issue #14): a small
outer pickle with the key and the compiled programs of faqbot's regular expressions
(:mod:`faqbot.regex`), which are installed before anything that compiles a pattern is imported; the
bot and the safety packs as a pickle inside it, unpickled with the cyclic garbage collector paused;
and inside that the second opinion's model (:mod:`faqbot.safety.second`), unpickled only when a
question consults it. Nothing else of faqbot is imported before the key is checked.

Library code: no click.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import stat
import sys
import threading
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import faqbot.regex as regex
from faqbot.kb.files import MAX_FILE_BYTES, bundled_file
from faqbot.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from hashlib import sha256
    from pathlib import Path

    from faqbot.bot import FAQBot
    from faqbot.safety import second
    from faqbot.safety.pack import Packs
else:
    # The interpreter's own SHA-256 (the same digests): importing hashlib starts OpenSSL, which took a
    # one-shot command longer than hashing the knowledge base (issue #14). pathlib is left out for the
    # same reason: paths are plain strings until a cache file is written.
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256  # Python 3.10 and 3.11
        except ImportError:  # a build without them
            from hashlib import sha256

NO_CACHE_ENV = "FAQBOT_NO_CACHE"
#: bumped when the layout of a cache file changes
_FORMAT = 3
#: At most this many knowledge bases are kept; the least recently written go first.
MAX_ENTRIES = 16
#: A bot bigger than this when pickled is not cached (a huge generated knowledge base would fill the disk).
MAX_CACHE_BYTES = 128 * 1024 * 1024
_SUFFIX = ".pickle"
_PACKAGE = os.path.dirname(os.path.realpath(__file__))


def cache_dir() -> Path:
    """Where built bots are kept: ``$XDG_CACHE_HOME/faqbot``, else ``~/.cache/faqbot``."""
    from pathlib import Path

    return Path(_cache_dir())


def _cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says a relative value is invalid and must be ignored.
    root = base if os.path.isabs(base) else os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(root, "faqbot")


def enabled() -> bool:
    """False when ``FAQBOT_NO_CACHE`` is set to anything but empty or ``0``."""
    return os.environ.get(NO_CACHE_ENV, "").strip() in ("", "0")


def load_bot(path: str | Path | None = None) -> FAQBot:
    """``FAQBot.from_yaml(path)``, from the cache when it holds this exact knowledge base.

    Raises what :meth:`FAQBot.from_yaml` raises; problems with the cache itself never raise.
    """
    if not enabled():
        return _build(path)
    file = os.fspath(path) if path is not None else bundled_file()
    data = _read_source(file)
    if data is None:  # missing, a directory, too big...: the loader says what is wrong
        return _build(path)
    slot, key = entry_name(file, data)
    cached = _read(os.path.join(_cache_dir(), slot), key)
    if cached is not None:
        return cached
    bot = _build(path)
    # Written only if the file did not change while it was being loaded, so the key matches the bot.
    if _read_source(file) == data:
        _write(cache_dir(), slot, key, bot)
    return bot


def _build(path: str | Path | None) -> FAQBot:
    from faqbot.bot import FAQBot

    return FAQBot.from_yaml(path)


def entry_name(file: str | os.PathLike[str], data: bytes) -> tuple[str, str]:
    """``(file name in the cache, key)``: one file per knowledge-base path and Python, the key for its contents.

    The Python is part of the file name, not only of the key: two Pythons sharing a cache directory would
    otherwise overwrite each other's file on every run.
    """
    where = os.path.realpath(file)
    slot = sha256(f"{where}\0{sys.version}".encode("utf-8", "surrogateescape")).hexdigest()[:32] + _SUFFIX
    digest = sha256(data)
    for part in (where, __version__, sys.version, str(_FORMAT), code_fingerprint()):
        digest.update(b"\0" + part.encode("utf-8", "surrogateescape"))
    return slot, digest.hexdigest()


def code_fingerprint() -> str:
    """Size and modification time of every file of the faqbot package (a few dozen ``stat`` calls)."""
    parts: list[str] = []
    stack: list[str | os.PathLike[str]] = [_PACKAGE]
    while stack:
        with os.scandir(stack.pop()) as found:
            for item in sorted(found, key=lambda e: e.name):
                if item.name == "__pycache__" or item.name.startswith("."):
                    continue
                if item.is_dir(follow_symlinks=False):
                    stack.append(item.path)
                else:
                    info = item.stat()
                    parts.append(f"{item.path}:{info.st_size}:{info.st_mtime_ns}")
    return sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _read_source(file: str) -> bytes | None:
    try:
        if not os.path.isfile(file) or os.stat(file).st_size > MAX_FILE_BYTES:
            return None
        with open(file, "rb") as stream:
            return stream.read()
    except OSError:
        return None


def _trusted(info: os.stat_result) -> bool:
    """Ours and writable by nobody else (on systems with owners)."""
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(file: str, key: str) -> FAQBot | None:
    """The bot in ``file`` if it is trusted, complete and built for ``key``; otherwise None."""
    try:
        if not _trusted(os.stat(os.path.dirname(file))):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        with open(os.open(file, flags), "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode) or not _trusted(info):
                return None
            stored = pickle.load(stream)
        if not (isinstance(stored, tuple) and len(stored) == 4 and stored[:2] == (_FORMAT, key)):
            return None
        # Before the bot: unpickling it imports the modules whose patterns the programs are for.
        regex.install(stored[2])
        bot, loaded, model = _unpickle(stored[3])
    except Exception:
        # Missing, unreadable, truncated, or made by other code: any of these just means "rebuild".
        return None
    from faqbot.bot import FAQBot
    from faqbot.safety import pack, second

    if not isinstance(bot, FAQBot) or not isinstance(loaded, pack.Packs) or not isinstance(model, bytes):
        return None
    # The safety packs take longer to build than the bot; they are the same for every knowledge base
    # and are part of the code fingerprint in the key, so they travel in the same file. So does the
    # second opinion's model, unpickled only if a question needs it.
    pack.preload(loaded)
    second.preload(lambda: _model(model))
    return bot


def _model(blob: bytes) -> second.Model | None:
    """The model in ``blob``; None (read the JSON file instead) if it holds anything else."""
    from faqbot.safety.second import Model

    try:
        model = _unpickle_one(blob)
    except Exception:
        return None
    return model if isinstance(model, Model) else None


def _unpickle(blob: bytes) -> tuple[object, object, object]:
    """``(bot, packs, pickled second-opinion model)``, as :func:`_write` stores them."""
    bot, loaded, model = _unpickle_one(blob)
    return bot, loaded, model


def _unpickle_one(blob: bytes) -> Any:
    """What ``blob`` holds, unpickled with the cyclic garbage collector paused."""
    # A bot and its packs are some hundred thousand objects, none of them garbage; left running, the
    # collector walks the growing heap again and again while they are made (half of the load time).
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(blob)
    finally:
        if paused:
            gc.enable()


def _write(directory: Path, slot: str, key: str, bot: FAQBot) -> None:
    """Store ``bot`` atomically as ``directory/slot`` (0600); give up quietly on any failure."""
    from faqbot.safety.pack import packs
    from faqbot.safety.second import model

    try:
        # Layered as _read unpacks it: the key and the regex programs first, then the bot with its
        # packs, and inside that the model, unpickled only for a question that consults it.
        inner = _pickled((bot, _english_first(packs()), _pickled(model())))
        payload = _pickled((_FORMAT, key, regex.programs(), inner))
    except Exception:
        return  # a bot that cannot be pickled is simply not cached
    if len(payload) > MAX_CACHE_BYTES:
        return
    import tempfile  # only when writing, which is rare

    temporary = None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(os.stat(directory)):
            return
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=_SUFFIX)
        with os.fdopen(handle, "wb") as stream:  # mkstemp creates the file with mode 0600
            stream.write(payload)
        os.replace(temporary, directory / slot)
        temporary = None
        _prune(directory)
    except OSError:
        return
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _english_first(loaded: Packs) -> Packs:
    """The packs with every part but the English lexicon and repairer pickled apart, unpickled only
    when a question needs one (the router reads the others for a question in another language).

    The other languages are two thirds of the packs' objects: making them all was most of a one-shot
    command's load time.
    """
    from dataclasses import replace

    languages = tuple(loaded.lexicons)
    later = _Later(_pickled({
        "lexicons": {lang: loaded.lexicons[lang] for lang in languages if lang != "en"},
        "repairers": {lang: loaded.repairers[lang] for lang in languages if lang != "en"},
        "own_lexicons": dict(loaded.own_lexicons),
    }))
    return replace(
        loaded,
        lexicons=_ByLanguage(languages, {"en": loaded.lexicons["en"]}, later, "lexicons"),
        repairers=_ByLanguage(languages, {"en": loaded.repairers["en"]}, later, "repairers"),
        own_lexicons=_ByLanguage(languages, {}, later, "own_lexicons"),
    )


class _Later:
    """Pickled parts, unpickled together (they share objects) the first time one is asked for."""

    def __init__(self, blob: bytes) -> None:
        self.blob = blob
        self._parts: dict[str, dict[str, Any]] | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, object]:
        return {"blob": self.blob}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["blob"])  # type: ignore[misc]

    def part(self, name: str) -> dict[str, Any]:
        with self._lock:
            if self._parts is None:
                try:
                    self._parts = _unpickle_one(self.blob)
                except Exception:
                    # Routing must not fail on a question because of the cache: build the packs afresh.
                    from faqbot.safety.pack import load

                    fresh = load()
                    self._parts = {part: dict(getattr(fresh, part)) for part in ("lexicons", "repairers",
                                                                                 "own_lexicons")}
        return self._parts[name]


class _ByLanguage(Mapping[str, Any]):
    """language -> one part of the packs: the English one at hand, the others from a :class:`_Later`."""

    def __init__(self, languages: tuple[str, ...], english: dict[str, Any], later: _Later, name: str) -> None:
        self.languages, self.english, self.later, self.name = languages, english, later, name

    def __getitem__(self, lang: str) -> Any:
        if lang in self.english:
            return self.english[lang]
        if lang not in self.languages:
            raise KeyError(lang)
        return self.later.part(self.name)[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self.languages)

    def __len__(self) -> int:
        return len(self.languages)


def _prune(directory: Path) -> None:
    """Keep the :data:`MAX_ENTRIES` newest files (test runs and one-off files would pile up otherwise)."""
    files = sorted(directory.glob("*" + _SUFFIX), key=lambda f: f.stat().st_mtime_ns, reverse=True)
    for old in files[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            old.unlink()
