"""What keeps a one-shot `faqbot ask` fast (issue #14): deferred dataclasses, stored regex programs, and a
cache that loads only what a question needs. Each must behave exactly like the slow way it replaces."""

from __future__ import annotations

import dataclasses
import inspect
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

import faqbot.records as records
import faqbot.regex as regex
from faqbot import FAQBot, cache
from faqbot.records import dataclass, make

_sre = pytest.importorskip("_sre")

# --- faqbot.records: dataclasses whose methods are made on first use ----------------------------------


def _pair() -> tuple[type, type]:
    """The same frozen class made by dataclasses.dataclass and by records.dataclass."""

    def body(decorate):  # type: ignore[no-untyped-def]
        @decorate(frozen=True)
        class Point:
            """A point with a label."""

            x: int
            y: int = 0
            tags: tuple[str, ...] = ()
            notes: dict[str, str] = dataclasses.field(default_factory=dict)
            seen: int = dataclasses.field(default=-1, compare=False, repr=False)

        return Point

    return body(dataclasses.dataclass), body(dataclass)


def test_a_deferred_dataclass_behaves_like_a_dataclass() -> None:
    real, deferred = _pair()
    for cls in (real, deferred):
        point = cls(1, tags=("a",))
        assert (point.x, point.y, point.tags, point.notes, point.seen) == (1, 0, ("a",), {}, -1)
        assert repr(point).endswith("Point(x=1, y=0, tags=('a',), notes={})")
        assert point == cls(1, tags=("a",), seen=5) and point != cls(2)
        with pytest.raises(TypeError, match="unhashable type: 'dict'"):  # frozen and eq: hashed by its fields
            hash(point)
        assert hash(cls(1, notes=None)) == hash(cls(1, notes=None, seen=2))  # type: ignore[arg-type]
        with pytest.raises(dataclasses.FrozenInstanceError):
            point.x = 3  # type: ignore[misc]
        assert dataclasses.replace(point, y=4) == cls(1, 4, ("a",))
        assert [f.name for f in dataclasses.fields(cls)] == ["x", "y", "tags", "notes", "seen"]
        assert cls.__doc__ == "A point with a label."
        assert cls.__match_args__ == ("x", "y", "tags", "notes", "seen")
    assert str(inspect.signature(deferred)) == str(inspect.signature(real))


def test_an_unpickled_instance_works_before_its_class_is_made() -> None:
    from faqbot.kb.schema import Settings

    data = pickle.dumps(Settings(answer_threshold=60.0))
    # Another process, where nothing has used Settings yet: unpickling calls none of its methods.
    check = ("import pickle, sys, dataclasses, faqbot.records as r; from faqbot.kb.schema import Settings;"
             "s = pickle.loads(sys.stdin.buffer.read()); assert Settings in r._PENDING;"
             "assert dataclasses.is_dataclass(s) and dataclasses.fields(s)[0].name == 'answer_threshold';"
             "print(repr(s), s == Settings(answer_threshold=60.0), Settings in r._PENDING)")
    result = subprocess.run([sys.executable, "-c", check], input=data, capture_output=True, check=True)
    assert result.stdout.decode().strip() == f"{Settings(answer_threshold=60.0)!r} True False"


def test_make_is_idempotent_and_a_class_without_docstring_is_made_at_once() -> None:
    def plain(decorate):  # type: ignore[no-untyped-def]
        @decorate(frozen=True)
        class Plain:
            a: int

        return Plain

    made = plain(dataclass)
    assert "__setattr__" in made.__dict__  # made at once: dataclass writes its docstring from __init__
    assert made.__doc__ == plain(dataclasses.dataclass).__doc__
    _, deferred = _pair()
    make(deferred)
    make(deferred)
    assert deferred(1) == deferred(1)


def test_the_first_init_makes_only_init_and_the_frozen_guards() -> None:
    real, deferred = _pair()
    point = deferred(1, 2)
    assert deferred in records._PENDING and deferred.__repr__.__name__ == "__repr__"
    assert deferred.__init__.__code__.co_code == real.__init__.__code__.co_code  # dataclass's own code
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.y = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.other = 3  # type: ignore[attr-defined]
    assert repr(point).endswith("Point(x=1, y=2, tags=(), notes={})") and deferred not in records._PENDING
    assert repr(deferred.__dataclass_params__) == repr(real.__dataclass_params__)  # type: ignore[attr-defined]


def test_making_never_leaves_a_method_missing(monkeypatch) -> None:
    _, deferred = _pair()
    seen = []
    real = dataclasses.dataclass

    def watching(cls=None, /, **options):  # type: ignore[no-untyped-def]
        seen.append(callable(deferred.__dict__.get("__init__")))  # another thread could call it now
        return real(cls, **options)

    monkeypatch.setattr(dataclasses, "dataclass", watching)
    make(deferred)
    assert seen == [True]
    assert deferred(1).x == 1


def test_threads_making_a_class_at_once_all_get_it_whole() -> None:
    import threading

    _, deferred = _pair()
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def use() -> None:
        start.wait()
        try:
            for n in range(200):
                assert deferred(n) == deferred(n) and repr(deferred(n))
        except BaseException as err:  # any error in a thread is a failure here
            errors.append(err)

    threads = [threading.Thread(target=use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_faqbots_own_dataclasses_are_made_the_same_way() -> None:
    from faqbot.kb.schema import KnowledgeBase, Texts
    from faqbot.pipeline import Query
    from faqbot.reply import Reply

    for cls in (KnowledgeBase, Texts, Query, Reply):
        make(cls)
        params = cls.__dataclass_params__  # type: ignore[attr-defined]
        assert params.frozen and params.eq and params.init and params.repr
        assert "__init__" in cls.__dict__ and "__hash__" in cls.__dict__


# --- faqbot.regex: compiled programs stored and reused ---------------------------------------------------


def test_every_stored_program_rebuilds_the_pattern_re_compiles() -> None:
    import faqbot.bot  # noqa: F401 - every module whose patterns a question uses

    magic, programs = regex.programs()
    assert len(programs) > 50
    for (pattern, flags), program in programs.items():
        rebuilt = _sre.compile(pattern, *program)
        # Pattern equality compares the flags, the source and the compiled code.
        assert rebuilt == re.compile(pattern, flags), pattern[:60]
    assert pickle.loads(pickle.dumps((magic, programs))) == (magic, programs)


def test_programs_from_another_engine_or_refused_ones_fall_back_to_compiling(monkeypatch) -> None:
    pattern = r"\bstartup-test-(?P<n>\d+)\b"
    monkeypatch.setattr(regex, "_PROGRAMS", {})
    regex.install((-1, {(pattern, 0): (0, [1, 2, 3], 0, {}, ())}))  # another engine's magic: ignored
    assert regex._PROGRAMS == {}
    regex.install((regex._MAGIC, {(pattern, 0): (32, [0, 0, 0], 0, {}, ())}))  # a broken program
    compiled = regex.compile(pattern)
    assert compiled == re.compile(pattern) and compiled.search("a startup-test-12 b").group("n") == "12"


# --- the cache: English first, the rest when a question needs it -----------------------------------------

QUESTIONS = [
    "What is LDN?",
    "¿Cuántos miligramos de LDN debo tomar cada noche?",
    "Quelle dose de LDN dois-je prendre le soir ?",
    "Wie viel LDN soll ich nehmen?",
    "mi figlio ha ingerito tutte le mie pillole",
    "I have been feeling hopeless and want it all to stop",
    "can ldn help with fibromyalgia pain and fatigue",
]


def test_a_cached_bot_answers_every_language_as_a_fresh_one(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    fresh = FAQBot.from_yaml()
    cache.load_bot(None)  # writes the cache
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    # Another process, as `faqbot ask` would be: the bot, the packs and the model all from the cache.
    script = ("import json, sys; from faqbot.cache import load_bot; bot = load_bot();"
              "print(json.dumps([bot.ask(q).to_dict() for q in json.loads(sys.argv[1])]))")
    result = subprocess.run([sys.executable, "-c", script, json.dumps(QUESTIONS)], env=env, capture_output=True,
                            text=True, check=True)
    assert json.loads(result.stdout) == [fresh.ask(q).to_dict() for q in QUESTIONS]


def test_a_cached_bot_needs_neither_the_pack_files_nor_the_model_file(tmp_path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("FAQBOT_NO_CACHE", None)
    subprocess.run([sys.executable, "-c", "from faqbot.cache import load_bot; load_bot()"], env=env, check=True)
    reuse = ("import faqbot.safety.pack as p, faqbot.safety.second as s; p.load = s._read = None;"
             "from faqbot.cache import load_bot; bot = load_bot();"
             "print(bot.ask('I have been feeling hopeless and want it all to stop').kind,"
             " bot.ask('Quelle dose de LDN dois-je prendre le soir ?').kind)")
    result = subprocess.run([sys.executable, "-c", reuse], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["emergency", "referral"]


def test_a_cached_one_shot_question_imports_no_parser_or_tool(tmp_path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    ask = ("import sys; sys.argv = ['faqbot', 'ask', 'What is LDN?']\nfrom faqbot.cli import main\n"
           "try:\n    main()\nexcept SystemExit:\n    pass\nprint('\\n'.join(sorted(sys.modules)))")
    subprocess.run([sys.executable, "-c", ask], env=env, capture_output=True, check=True)  # fills the cache
    result = subprocess.run([sys.executable, "-c", ask], env=env, capture_output=True, text=True, check=True)
    loaded = set(result.stdout.split())
    assert "faqbot.stages" in loaded  # control: the question was answered
    heavy = {"yaml", "json", "hashlib", "pathlib", "importlib.resources", "statistics", "html", "shutil",
             "tempfile", "faqbot.kb.loader", "faqbot.kb.builder"}
    assert loaded & heavy == set()
    assert Path(tmp_path, "faqbot").is_dir()


def test_a_damaged_part_of_a_cache_file_falls_back_to_the_package_files() -> None:
    from faqbot.safety.pack import LANGUAGES

    assert cache._model(b"not a pickle") is None  # the second opinion then reads its JSON file
    assert cache._model(pickle.dumps("not a model")) is None
    later = cache._Later(b"not a pickle")
    assert set(later.part("lexicons")) >= set(LANGUAGES) - {"en"}  # built afresh from the packs' YAML


def test_an_ordered_deferred_dataclass_sorts() -> None:
    from faqbot.records import dataclass

    @dataclass(frozen=True, order=True)
    class Ranked:
        """A value that sorts."""

        value: int

    assert sorted([Ranked(2), Ranked(1)]) == [Ranked(1), Ranked(2)]


def test_a_frozen_subclass_of_a_deferred_frozen_dataclass() -> None:
    import dataclasses

    from faqbot.records import dataclass

    @dataclass(frozen=True)
    class Base:
        """A deferred frozen base."""

        a: int

    @dataclass(frozen=True)
    class Child(Base):
        """A frozen child."""

        b: int = 0

    child = Child(1, 2)
    assert (child.a, child.b) == (1, 2) and dataclasses.is_dataclass(child)
    with pytest.raises(dataclasses.FrozenInstanceError):
        child.a = 3  # type: ignore[misc]
