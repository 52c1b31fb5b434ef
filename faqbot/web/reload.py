"""The knowledge base an app serves, and reloading it when its file changes.

Reloading (``reload_faq=True``, ``faqbot serve --reload-faq``): a background task started in the app's
lifespan looks at the knowledge-base file once a second (size and SHA-256 of the content; a file of a
few dozen kilobytes costs microseconds). When two looks in a row see the same new content (so a file
still being written is not taken half-way), the new version is loaded and validated in full
(:meth:`FAQBot.from_yaml`) in a worker thread, off the event loop, and only a completely built bot is
swapped in, by one attribute assignment (:class:`LiveKnowledgeBase`). Each request takes one local
reference to the current version at its start, so it is answered by exactly one version from start to
end: never a half-loaded knowledge base, never a mix of two. If the new file is broken (or half-written
by an editor that does not save atomically), the last good version keeps being served, one WARNING line
naming ``file:line`` and the problem goes to the ``faqbot.web.reload`` logger (once per broken version,
never a question), and ``GET /healthz`` shows the error until a good version loads. The lifespan runs
only under a server (or ``with TestClient(app)``); when the app is mounted inside another app, whose
lifespan does not reach it, call ``app.state.knowledge.check()`` yourself or run
``app.state.knowledge.watch()`` from the parent's lifespan.

Imports no Starlette: this is plain Python around :class:`FAQBot`.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faqbot.bot import FAQBot
from faqbot.errors import KnowledgeBaseError
from faqbot.text import strip_controls
from faqbot.web.config import DEFAULT_RELOAD_INTERVAL

RELOAD_LOG = logging.getLogger("faqbot.web.reload")

#: The widget's labels, served by ``GET /api/texts``; the rest of ``texts`` are replies, sent in replies.
WIDGET_TEXTS = ("greeting", "did_you_mean", "related", "disclaimer", "contact", "contact_url")

#: Files up to this size are fingerprinted by a hash of their content, so a same-size rewrite within one
#: tick of the file system's clock is still seen; bigger ones (unusual: the loader allows 64 MB) by their
#: inode, modification time and size only.
HASH_LIMIT_BYTES = 8 * 1024 * 1024

Fingerprint = tuple[object, ...]


@dataclass(frozen=True)
class LoadedKnowledgeBase:
    """One fully built version of the knowledge base and everything derived from it.

    Immutable: a new version is a new object, swapped in whole by :class:`LiveKnowledgeBase`.
    """

    bot: FAQBot
    topics: dict[str, Any]
    #: the widget's labels as ``GET /api/texts`` sends them
    texts: dict[str, Any]
    entries: int
    #: the file's name, without its directories (``/healthz`` is public), or None for an in-memory bot
    file: str | None
    #: SHA-256 of the file's content as fingerprinted just before loading (None if unknown)
    sha256: str | None
    #: when this version was loaded, seconds since the epoch
    loaded_at: float

    @classmethod
    def build(cls, bot: FAQBot, sha256: str | None = None) -> LoadedKnowledgeBase:
        sections = bot.topics()
        topics = {
            "sections": [
                {"title": section, "entries": [{"id": e.id, "question": e.question} for e in entries]}
                for section, entries in sections.items()
            ]
        }
        path = bot.kb.path
        return cls(
            bot=bot,
            topics=topics,
            texts={"lang": "en", "texts": {name: getattr(bot.kb.texts, name, None) for name in WIDGET_TEXTS}},
            entries=sum(len(entries) for entries in sections.values()),
            file=Path(path).name if path else None,
            sha256=sha256,
            loaded_at=time.time(),
        )


def fingerprint(path: Path) -> Fingerprint:
    """What identifies a version of the file: its size and SHA-256, or (for a file over
    :data:`HASH_LIMIT_BYTES`) its inode, modification time and size; an unreadable file gives the error."""
    try:
        stat = path.stat()
        if stat.st_size <= HASH_LIMIT_BYTES:
            return ("sha256", stat.st_size, hashlib.sha256(path.read_bytes()).hexdigest())
        return ("stat", stat.st_ino, stat.st_mtime_ns, stat.st_size)
    except OSError as err:
        return ("error", type(err).__name__, err.errno)


def _one_line(text: str, limit: int = 500) -> str:
    """Safe for a log line: no control or escape characters, no line breaks, bounded length."""
    line = " ".join(strip_controls(text).split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


class LiveKnowledgeBase:
    """The knowledge base an app serves; with reloading on, replaced when its file changes.

    ``current`` is the only thing a request reads, once, at its start: a complete
    :class:`LoadedKnowledgeBase`. :meth:`check` builds a new version completely (loading and validating
    with :meth:`FAQBot.from_yaml`) before assigning it to ``current`` in one step, so a request sees
    either the old version or the new one, never a mix and never a half-built bot. A broken file leaves
    ``current`` alone, sets :attr:`last_error` and logs one WARNING line (once per broken version).
    """

    def __init__(
        self, bot: FAQBot, path: Path | None = None, reload: bool = False, interval: float = DEFAULT_RELOAD_INTERVAL
    ) -> None:
        #: the knowledge-base file; None when the bot was built in memory (nothing to reload from)
        self.path = path
        #: whether the app's lifespan runs :meth:`watch`
        self.reload = reload and path is not None
        self.interval = interval
        self._seen: Fingerprint | None = fingerprint(path) if path is not None else None
        self._pending: Fingerprint | None = None  # a change seen once, loaded if seen again unchanged
        sha = self._seen[2] if self._seen is not None and self._seen[0] == "sha256" else None
        self.current = LoadedKnowledgeBase.build(bot, sha256=str(sha) if sha else None)
        #: why the latest change of the file was not loaded ("faq.yaml:12: ..."), None once a version loads
        self.last_error: str | None = None
        self.last_error_at: float | None = None
        #: how many new versions were swapped in since start
        self.reloads = 0
        self._lock = threading.Lock()  # one check at a time (the watcher and any direct caller)

    @property
    def bot(self) -> FAQBot:
        return self.current.bot

    def check(self) -> bool:
        """Look at the file; True if a new version was swapped in.

        A change is acted on when two consecutive looks see the same new content (so with the default
        interval a new version goes live within about two seconds), and only if the file did not change
        again while it was being loaded. Blocking (it reads and may parse the file): call it from a
        thread, as :meth:`watch` does. Never raises: any failure keeps the current version and is
        recorded and logged.
        """
        if self.path is None:
            return False
        with self._lock:
            seen = fingerprint(self.path)
            if seen == self._seen:
                self._pending = None
                return False
            if seen != self._pending:
                # Changed since the last look: wait one more look, so a file still being written (by an
                # editor that does not save atomically) is not loaded half-way, even if that half parses.
                self._pending = seen
                return False
            try:
                bot = FAQBot.from_yaml(self.path)
            except Exception as err:
                if fingerprint(self.path) == seen:
                    self._seen = self._pending = seen  # a broken version is reported once, not every look
                    self._failed(err)
                return False  # (or it changed while loading: judge the newer version at the next looks)
            if fingerprint(self.path) != seen:
                return False  # changed while loading: what was read may not be what was fingerprinted
            self._seen, self._pending = seen, None
            sha = seen[2] if seen[0] == "sha256" else None
            loaded = LoadedKnowledgeBase.build(bot, sha256=str(sha) if sha else None)
            self.current = loaded  # the swap: one assignment of a complete version
            self.reloads += 1
            self.last_error = self.last_error_at = None
            RELOAD_LOG.info(
                "knowledge base reloaded from %s: %d entries, sha256 %s",
                self.path, loaded.entries, (loaded.sha256 or "?")[:12],
            )
            return True

    def _failed(self, err: Exception) -> None:
        if isinstance(err, KnowledgeBaseError):
            where = Path(err.path).name if err.path else (self.path.name if self.path else "?")
            public = f"{where}:{err.line}: {err.message}" if err.line else f"{where}: {err.message}"
            logged = str(err)
        else:  # a bug in the loader, or MemoryError/RecursionError on a pathological file
            public = f"{self.path.name if self.path else '?'}: could not be loaded ({type(err).__name__})"
            logged = f"{self.path}: could not be loaded ({type(err).__name__}: {err})"
        self.last_error = _one_line(public)
        self.last_error_at = time.time()
        RELOAD_LOG.warning("knowledge base not reloaded, still serving the last good version: %s", _one_line(logged))

    async def watch(self) -> None:
        """Check every ``interval`` seconds, forever (until cancelled); each check runs in a worker thread."""
        while True:
            await asyncio.sleep(self.interval)
            await asyncio.to_thread(self.check)

    def health(self) -> dict[str, Any]:
        """What ``/healthz`` says about the knowledge base (the file's name only, no directories)."""
        loaded = self.current
        return {
            "file": loaded.file,
            "sha256": loaded.sha256,
            "entries": loaded.entries,
            "loaded_at": _iso(loaded.loaded_at),
            "reload": self.reload,
            "reloads": self.reloads,
            "last_error": self.last_error,
            "last_error_at": _iso(self.last_error_at) if self.last_error_at is not None else None,
        }


def _iso(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
