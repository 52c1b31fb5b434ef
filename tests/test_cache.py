"""The cache of built bots (faqbot/cache.py): used when it matches, ignored when it does not."""

from __future__ import annotations

import os
import pickle
import stat
import sys
from pathlib import Path

import pytest
import yaml

from faqbot import FAQBot, KnowledgeBaseError, cache
from faqbot.kb import bundled_path

KB = """\
texts:
  referral: Please ask a doctor or pharmacist.
  emergency: Contact emergency services now.
  self_harm: Contact emergency services or a crisis line now.
  fallback: Sorry, I cannot answer that.
  did_you_mean: Did you mean one of these?
entries:
  - id: zebra-stripes
    question: Why do zebras have stripes?
    alternates: [zebra stripes purpose]
    answer: {answer}
    section: Zebras
"""


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return home / "faqbot"


@pytest.fixture
def kb_file(tmp_path: Path) -> Path:
    path = tmp_path / "zebras.yaml"
    path.write_text(KB.format(answer="The stripes may confuse biting flies."), encoding="utf-8")
    return path


def cached_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.pickle")) if directory.exists() else []


def forbid_building(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any build from YAML fail, so a bot can only come from the cache."""

    def refuse(cls: type, path: object = None) -> FAQBot:
        raise AssertionError("built from YAML although the cache should have been used")

    monkeypatch.setattr(FAQBot, "from_yaml", classmethod(refuse))


def test_first_load_writes_a_private_file_the_second_load_uses(cache_home, kb_file, monkeypatch):
    first = cache.load_bot(kb_file)
    [written] = cached_files(cache_home)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    forbid_building(monkeypatch)
    second = cache.load_bot(kb_file)
    assert second is not first
    assert second.ask("zebra stripes purpose").to_dict() == first.ask("zebra stripes purpose").to_dict()
    assert second.kb.path == first.kb.path


def test_the_bundled_knowledge_base_is_cached_under_its_path(cache_home, monkeypatch):
    bot = cache.load_bot(None)
    assert len(cached_files(cache_home)) == 1
    forbid_building(monkeypatch)
    assert cache.load_bot(None).kb.path == bot.kb.path == str(bundled_path())


def test_cached_bot_replies_exactly_as_a_fresh_one(cache_home):
    questions = [case["question"] for case in yaml.safe_load(Path("tests/cases.yaml").read_text("utf-8"))]
    assert len(questions) > 100
    cache.load_bot(None)
    from_cache = cache.load_bot(None)
    fresh = FAQBot.from_yaml()
    for question in questions:
        assert from_cache.ask(question).to_dict() == fresh.ask(question).to_dict(), question


def test_an_edited_knowledge_base_is_rebuilt_not_served_stale(cache_home, kb_file):
    cache.load_bot(kb_file)
    kb_file.write_text(KB.format(answer="Nobody is quite sure why."), encoding="utf-8")
    assert cache.load_bot(kb_file).ask("zebra stripes purpose").text == "Nobody is quite sure why."
    assert len(cached_files(cache_home)) == 1  # one file per knowledge base, replaced


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a pickle at all", b"\x80\x05\x95", pickle.dumps({"a": 1}), pickle.dumps((cache._FORMAT, "x", 3))],
    ids=["empty", "text", "truncated", "other-object", "wrong-key"],
)
def test_a_corrupt_cache_file_is_ignored_and_replaced(cache_home, kb_file, garbage):
    cache.load_bot(kb_file)
    [written] = cached_files(cache_home)
    written.write_bytes(garbage)
    bot = cache.load_bot(kb_file)
    assert bot.ask("zebra stripes purpose").id == "zebra-stripes"
    assert written.read_bytes() != garbage


def test_a_right_key_with_something_other_than_a_bot_is_ignored(cache_home, kb_file):
    slot, key = cache.entry_name(kb_file, kb_file.read_bytes())
    cache_home.mkdir(parents=True, mode=0o700)
    (cache_home / slot).write_bytes(pickle.dumps((cache._FORMAT, key, "not a bot")))
    os.chmod(cache_home / slot, 0o600)
    assert isinstance(cache.load_bot(kb_file), FAQBot)


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_a_file_others_can_write_is_never_loaded(cache_home, kb_file, monkeypatch, mode):
    cache.load_bot(kb_file)
    [written] = cached_files(cache_home)
    os.chmod(written, mode)
    calls = []
    real = FAQBot.from_yaml.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(FAQBot, "from_yaml", classmethod(lambda cls, path=None: calls.append(path) or real(cls, path)))
    cache.load_bot(kb_file)
    assert calls == [kb_file]


def test_a_directory_others_can_write_is_never_trusted(cache_home, kb_file, monkeypatch):
    cache.load_bot(kb_file)
    os.chmod(cache_home, 0o777)
    calls = []
    real = FAQBot.from_yaml.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(FAQBot, "from_yaml", classmethod(lambda cls, path=None: calls.append(path) or real(cls, path)))
    assert cache.load_bot(kb_file).ask("zebra stripes purpose").id == "zebra-stripes"
    assert calls == [kb_file]


def test_a_symlink_in_the_cache_is_not_followed(cache_home, kb_file, tmp_path, monkeypatch):
    cache.load_bot(kb_file)
    [written] = cached_files(cache_home)
    elsewhere = tmp_path / "elsewhere.pickle"
    written.rename(elsewhere)
    written.symlink_to(elsewhere)
    calls = []
    real = FAQBot.from_yaml.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(FAQBot, "from_yaml", classmethod(lambda cls, path=None: calls.append(path) or real(cls, path)))
    cache.load_bot(kb_file)
    assert calls == [kb_file]


@pytest.mark.parametrize(
    "change",
    [
        lambda mp: mp.setattr(cache, "__version__", "99.0"),
        lambda mp: mp.setattr(cache, "code_fingerprint", lambda: "edited code"),
    ],
    ids=["faqbot-version", "code"],
)
def test_the_key_changes_with_version_and_code(kb_file, monkeypatch, change):
    data = kb_file.read_bytes()
    slot, key = cache.entry_name(kb_file, data)
    change(monkeypatch)
    assert cache.entry_name(kb_file, data) != (slot, key)
    assert cache.entry_name(kb_file, data)[0] == slot  # still one file per knowledge base


def test_each_python_has_its_own_file(kb_file, monkeypatch):
    """Two Pythons sharing a cache directory must not overwrite each other's file on every run."""
    data = kb_file.read_bytes()
    slot, key = cache.entry_name(kb_file, data)
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    other_slot, other_key = cache.entry_name(kb_file, data)
    assert other_slot != slot and other_key != key


def test_the_same_content_at_another_path_gets_its_own_entry(kb_file, tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(kb_file.read_bytes())
    assert cache.entry_name(copy, copy.read_bytes()) != cache.entry_name(kb_file, kb_file.read_bytes())


def test_a_code_edit_changes_the_fingerprint(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    (package / "sub" / "rules.json").write_text("{}")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    before = cache.code_fingerprint()
    (package / "sub" / "rules.json").write_text('{"new": 1}')
    assert cache.code_fingerprint() != before


@pytest.mark.parametrize("value", ["1", "yes", "true"])
def test_no_cache_env_turns_it_off(cache_home, kb_file, monkeypatch, value):
    monkeypatch.setenv(cache.NO_CACHE_ENV, value)
    assert cache.load_bot(kb_file).ask("zebra stripes purpose").id == "zebra-stripes"
    assert not cache_home.exists()


def test_an_unwritable_cache_location_is_skipped_quietly(tmp_path, kb_file, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.load_bot(kb_file).ask("zebra stripes purpose").id == "zebra-stripes"


def test_a_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / ".cache" / "faqbot"


def test_a_broken_knowledge_base_raises_as_without_the_cache_and_caches_nothing(cache_home, kb_file):
    kb_file.write_text("entries: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as cached_way:
        cache.load_bot(kb_file)
    with pytest.raises(KnowledgeBaseError) as plain_way:
        FAQBot.from_yaml(kb_file)
    assert str(cached_way.value) == str(plain_way.value)
    assert cached_files(cache_home) == []


@pytest.mark.parametrize("path", ["missing.yaml", "."])
def test_a_missing_file_or_a_directory_raises_as_without_the_cache(cache_home, tmp_path, path):
    target = tmp_path / path
    with pytest.raises(KnowledgeBaseError) as cached_way:
        cache.load_bot(target)
    with pytest.raises(KnowledgeBaseError) as plain_way:
        FAQBot.from_yaml(target)
    assert str(cached_way.value) == str(plain_way.value)


def test_old_entries_are_pruned(cache_home, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for number in range(5):
        path = tmp_path / f"kb{number}.yaml"
        path.write_text(KB.format(answer=f"Answer number {number}."), encoding="utf-8")
        cache.load_bot(path)
    assert len(cached_files(cache_home)) == 3


def test_no_temporary_files_are_left_behind(cache_home, kb_file):
    cache.load_bot(kb_file)
    assert [p.name for p in cache_home.iterdir() if not p.name.endswith(".pickle")] == []


def test_a_bot_too_big_to_cache_is_not_written(cache_home, kb_file, monkeypatch):
    monkeypatch.setattr(cache, "MAX_CACHE_BYTES", 1000)
    assert cache.load_bot(kb_file).ask("zebra stripes purpose").id == "zebra-stripes"
    assert cached_files(cache_home) == []


def test_the_safety_packs_travel_with_the_cached_bot(tmp_path):  # type: ignore[no-untyped-def]
    import subprocess

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("FAQBOT_NO_CACHE", None)
    build = "from faqbot.cache import load_bot; load_bot()"
    subprocess.run([sys.executable, "-c", build], env=env, check=True)
    # From the cache, routing works without reading the pack files: loading them would fail here.
    reuse = ("import faqbot.safety.pack as p; p.load = None; from faqbot.cache import load_bot;"
             "print(load_bot().ask('how many mg should i take').kind)")
    result = subprocess.run([sys.executable, "-c", reuse], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "referral"


def test_a_cached_bot_keeps_no_words_from_questions_already_asked(tmp_path):  # type: ignore[no-untyped-def]
    from faqbot.cache import _write, load_bot
    from faqbot.safety import route

    bot = load_bot()
    bot.ask("my neighbour zorbulatrix asked about dosagee and overdosse")
    route("quaxxilon dosagge")
    _write(tmp_path, "slot.pickle", "key", bot)
    data = (tmp_path / "slot.pickle").read_bytes()
    assert b"zorbulatrix" not in data and b"dosagee" not in data and b"quaxxilon" not in data
