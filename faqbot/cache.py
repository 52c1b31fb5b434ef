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

Library code: no click.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from faqbot.bot import FAQBot
from faqbot.kb import MAX_FILE_BYTES, bundled_path
from faqbot.safety.pack import Packs, packs, preload
from faqbot.version import __version__

NO_CACHE_ENV = "FAQBOT_NO_CACHE"
#: bumped when the layout of a cache file changes
_FORMAT = 2
#: At most this many knowledge bases are kept; the least recently written go first.
MAX_ENTRIES = 16
#: A bot bigger than this when pickled is not cached (a huge generated knowledge base would fill the disk).
MAX_CACHE_BYTES = 128 * 1024 * 1024
_SUFFIX = ".pickle"
_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Where built bots are kept: ``$XDG_CACHE_HOME/faqbot``, else ``~/.cache/faqbot``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says a relative value is invalid and must be ignored.
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "faqbot"


def enabled() -> bool:
    """False when ``FAQBOT_NO_CACHE`` is set to anything but empty or ``0``."""
    return os.environ.get(NO_CACHE_ENV, "").strip() in ("", "0")


def load_bot(path: str | Path | None = None) -> FAQBot:
    """``FAQBot.from_yaml(path)``, from the cache when it holds this exact knowledge base.

    Raises what :meth:`FAQBot.from_yaml` raises; problems with the cache itself never raise.
    """
    if not enabled():
        return FAQBot.from_yaml(path)
    file = Path(path) if path is not None else bundled_path()
    data = _read_source(file)
    if data is None:  # missing, a directory, too big...: the loader says what is wrong
        return FAQBot.from_yaml(path)
    slot, key = entry_name(file, data)
    cached = _read(cache_dir() / slot, key)
    if cached is not None:
        return cached
    bot = FAQBot.from_yaml(path)
    # Written only if the file did not change while it was being loaded, so the key matches the bot.
    if _read_source(file) == data:
        _write(cache_dir(), slot, key, bot)
    return bot


def entry_name(file: Path, data: bytes) -> tuple[str, str]:
    """``(file name in the cache, key)``: one file per knowledge-base path, the key for its contents."""
    where = str(file.resolve())
    slot = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:32] + _SUFFIX
    digest = hashlib.sha256(data)
    for part in (where, __version__, sys.version, str(_FORMAT), code_fingerprint()):
        digest.update(b"\0" + part.encode("utf-8", "surrogateescape"))
    return slot, digest.hexdigest()


def code_fingerprint() -> str:
    """Size and modification time of every file of the faqbot package (a few dozen ``stat`` calls)."""
    parts: list[str] = []
    stack = [_PACKAGE]
    while stack:
        with os.scandir(stack.pop()) as found:
            for item in sorted(found, key=lambda e: e.name):
                if item.name == "__pycache__" or item.name.startswith("."):
                    continue
                if item.is_dir(follow_symlinks=False):
                    stack.append(Path(item.path))
                else:
                    info = item.stat()
                    parts.append(f"{item.path}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _read_source(file: Path) -> bytes | None:
    try:
        if not file.is_file() or file.stat().st_size > MAX_FILE_BYTES:
            return None
        return file.read_bytes()
    except OSError:
        return None


def _trusted(info: os.stat_result) -> bool:
    """Ours and writable by nobody else (on systems with owners)."""
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(file: Path, key: str) -> FAQBot | None:
    """The bot in ``file`` if it is trusted, complete and built for ``key``; otherwise None."""
    try:
        if not _trusted(os.stat(file.parent)):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        with open(os.open(file, flags), "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode) or not _trusted(info):
                return None
            stored = pickle.load(stream)
    except Exception:
        # Missing, unreadable, truncated, or made by other code: any of these just means "rebuild".
        return None
    if not (isinstance(stored, tuple) and len(stored) == 4 and stored[:2] == (_FORMAT, key)):
        return None
    bot, loaded = stored[2], stored[3]
    if not isinstance(bot, FAQBot) or not isinstance(loaded, Packs):
        return None
    # The safety packs take longer to build than the bot; they are the same for every knowledge base
    # and are part of the code fingerprint in the key, so they travel in the same file.
    preload(loaded)
    return bot


def _write(directory: Path, slot: str, key: str, bot: FAQBot) -> None:
    """Store ``bot`` atomically as ``directory/slot`` (0600); give up quietly on any failure."""
    try:
        payload = pickle.dumps((_FORMAT, key, bot, packs()), protocol=pickle.HIGHEST_PROTOCOL)
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


def _prune(directory: Path) -> None:
    """Keep the :data:`MAX_ENTRIES` newest files (test runs and one-off files would pile up otherwise)."""
    files = sorted(directory.glob("*" + _SUFFIX), key=lambda f: f.stat().st_mtime_ns, reverse=True)
    for old in files[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            old.unlink()
