"""Hostile input: any text gives a valid contract reply, in bounded work, with no dose figure,
and nothing from the input or the knowledge base can drive the terminal.

Properties run over the library and the CLI (argument mode, stdin batch mode and ``chat``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faqbot import KINDS, FAQBot, KnowledgeBaseError, Reply, load_knowledge_base
from faqbot.cli import cli
from faqbot.safety import find_dose_figure

CONTRACT_FIELDS = ("kind", "text", "id", "question", "score", "section", "suggestions")
#: Anything a terminal acts on: C0 controls except newline, DEL, C1 controls (0x9b is a one-byte CSI),
#: and the bidi embeddings/overrides/isolates that reorder what is shown.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: An independent, deliberately blunt check for a dose amount in outgoing text.
DOSE = re.compile(r"\d\s*(?:mg|milligram|mcg|µg|microgram|ml\b)|\b(?:once|twice) (?:a|per) (?:day|night)", re.I)

#: Fragments an attacker or a clumsy client sends.
HOSTILE = [
    "", " ", "\t", "\n", "\r\n", "\x00", "\x00\x00\x00", "\x07", "\x08\x08\x08", "\x7f", "\x85", "\x9b31m",
    "\x1b[31m", "\x1b[0m", "\x1b[2J\x1b[H", "\x1b]0;owned\x07", "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1bP+q\x1b\\", "\x1b[6n", "\u200b", "\u200c\u200d", "\ufeff", "\u2028", "\u2029", "\u202e", "\u2066", "\u061c",
    "مرحبا، ما هو النالتريكسون؟", "מה זה LDN?", "נלטרקסון במינון נמוך", "什么是低剂量纳曲酮", "Что такое LDN?",
    "💊💊💊", "🧠🔥", "👨‍👩‍👧", "🏳️‍🌈", "e\u0301" * 50, "\ufdfa", "ǅ", "İ", "ß", "ﬃ", "Ⅻ", "①", "½",
    "\U0001d7d2.\U0001d7d3", "%s%n%x", "{0}{1}", "${jndi:ldap://x}", "' OR 1=1 --", "<script>alert(1)</script>",
    "../../etc/passwd",
    "\\x1b[31m", "QUFBQUFBQUFBQUFBQUFB", "aG93IG11Y2g=", "9" * 300, "1.5" * 40, "d o s e ", "mg", "LDN", "ldn",
    "what is ldn", "how much", "dose", "I", "my", "take", "\ud800", "\udfff", "\udcff",
]

text_with_surrogates = st.text(st.characters(exclude_categories=()), max_size=300)
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40), text_with_surrogates), max_size=12
).map("".join)


@pytest.fixture(scope="module")
def bot() -> FAQBot:
    return FAQBot.from_yaml()


@pytest.fixture(scope="module", autouse=True)
def reuse_bundled_bot(bot: FAQBot) -> Iterator[None]:
    """The CLI builds its bot per invocation; reuse one for the bundled knowledge base to keep
    hundreds of CLI runs fast. Any other --faq file is still loaded for real."""
    real = FAQBot.from_yaml.__func__  # type: ignore[attr-defined]

    def from_yaml(cls: type[FAQBot], path: str | Path | None = None) -> FAQBot:
        return bot if path is None else real(cls, path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FAQBot, "from_yaml", classmethod(from_yaml))
        yield


def check_reply(bot: FAQBot, reply: Reply | dict[str, object]) -> dict[str, object]:
    """Every promise of the reply contract, for the bundled knowledge base."""
    kb = bot.kb
    data = reply.to_dict() if isinstance(reply, Reply) else reply
    assert set(CONTRACT_FIELDS) <= set(data)
    data = json.loads(json.dumps(data, ensure_ascii=False))
    assert data["kind"] in KINDS
    assert isinstance(data["text"], str) and data["text"].strip()
    assert not find_dose_figure(data["text"]) and not DOSE.search(data["text"]), data["text"]
    assert isinstance(data["suggestions"], list)
    for suggestion in data["suggestions"]:
        assert set(suggestion) == {"id", "question"}
        assert kb.entry(suggestion["id"]).question == suggestion["question"]
        assert not DOSE.search(suggestion["question"])
    kind = data["kind"]
    if kind == "answer":
        entry = kb.entry(data["id"])
        assert (data["text"], data["question"], data["section"]) == (entry.answer, entry.question, entry.section)
        assert isinstance(data["score"], (int, float)) and 0 <= data["score"] <= 100
    else:
        assert data["id"] is None and data["question"] is None and data["score"] is None
        assert data["section"] is None
    # the safety replies, and "English only", come in each language the router recognises
    local = [kb.texts, *(kb.texts.localized(lang) for lang in kb.texts.languages)]
    if kind == "referral":
        assert data["text"] in {t.referral for t in local} and data["suggestions"] == []
    elif kind == "emergency":
        assert data["text"] in {t.emergency for t in local} | {t.self_harm for t in local}
        assert data["suggestions"] == []
    elif kind == "fallback":
        assert data["text"] in {kb.texts.fallback, kb.texts.did_you_mean, *(t.english_only for t in local[1:])}
    elif kind == "smalltalk":
        assert data["text"] in {intent.reply for intent in kb.smalltalk}
    return data


# --- library ---------------------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
def test_any_text_gets_a_valid_reply(bot: FAQBot, text: str) -> None:
    reply = bot.ask(text)
    check_reply(bot, reply)
    assert bot.ask(text) == reply  # same text, same reply


@pytest.mark.parametrize("text", ["", " ", "\t\n\r", "\x00", "\u200b\u200b", "\ufeff", "\x1b[0m", "\u202e", "\x85"])
def test_empty_or_invisible_input_falls_back(bot: FAQBot, text: str) -> None:
    reply = bot.ask(text)
    assert reply.kind == "fallback" and reply.text == bot.kb.texts.fallback


@pytest.mark.parametrize(
    ("noise", "question"),
    [
        ("\x1b[31m", "how much ldn should i take"),
        ("\u200b", "how much ldn should i take"),
        ("\x00", "what dose of naltrexone"),
        ("\u202e", "what dose of naltrexone"),
        ("\x07", "i overdosed on ldn"),
    ],
)
def test_invisible_characters_do_not_hide_a_safety_question(bot: FAQBot, noise: str, question: str) -> None:
    """Control, zero-width and bidi characters sprinkled between letters are ignored, not word breaks."""
    spiked = noise.join(question)
    assert bot.ask(spiked).kind == bot.ask(question).kind
    assert bot.ask(question).kind in ("referral", "emergency")


def test_non_str_input_is_a_type_error(bot: FAQBot) -> None:
    for value in (None, b"what is ldn", 42, ["what is ldn"]):
        with pytest.raises(TypeError):
            bot.ask(value)  # type: ignore[arg-type]


# --- bounded work: only the first max_question_chars characters matter ----------------------------------------
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=hostile_text, tail=hostile_text)
def test_routing_reads_past_the_limit(bot: FAQBot, head: str, tail: str) -> None:
    # Matching reads the first max_question_chars; safety routing reads everything, so nothing can
    # hide a dosing question or an emergency after the limit.
    limit = bot.kb.settings.max_question_chars
    prefix = (head + " " * limit)[:limit]
    assert bot.ask(prefix + tail + "how much ldn in mg? I overdosed").kind in ("referral", "emergency")


def test_one_megabyte_question_is_routed_in_full_and_matched_on_its_start(bot: FAQBot) -> None:
    limit = bot.kb.settings.max_question_chars
    assert 20 <= limit <= 10_000
    question = "what is ldn?"
    padded = question + " " * (limit - len(question))
    garbage = ("how many mg of ldn should I take daily? \x1b[31m\u202e\x00 " * 30_000)[:1_000_000]
    assert bot.ask(padded + garbage).kind == "referral"
    assert bot.ask(padded + "zebra " * 100_000) == bot.ask(question)
    check_reply(bot, bot.ask("x" * 1_000_000))
    # NFKC expands each of these to 18 characters: 3.6 million of them to route in full (a million took 23 of the
    # suite's 280 seconds and tested nothing more)
    check_reply(bot, bot.ask("\ufdfa" * 200_000))


def test_cut_is_configurable_and_respected(tmp_path: Path) -> None:
    small = FAQBot.from_yaml(_kb_with_setting(tmp_path, "max_question_chars: 20"))
    assert small.kb.settings.max_question_chars == 20
    assert small.ask("what is ldn" + " " * 9 + "zebra zebra zebra") == small.ask("what is ldn")
    assert small.ask("what is ldn" + " " * 9 + "how much should I take").kind == "referral"


def _kb_with_setting(tmp_path: Path, line: str) -> Path:
    from faqbot.kb import bundled_path

    text = bundled_path().read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  max_question_chars: \d+$", "  " + line, text)
    assert line in text
    path = tmp_path / "faq.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- CLI ---------------------------------------------------------------------------------------------------
def run_cli(*args: str, stdin: bytes | str | None = None) -> Result:
    """Invoke as on a terminal with colour allowed, so click strips no escape sequence itself."""
    runner = CliRunner(env={"NO_COLOR": None, "FAQBOT_FAQ": None})
    return runner.invoke(cli, list(args), input=stdin, color=True)


def assert_no_terminal_control(output: str) -> None:
    """faqbot's own colour (SGR sequences from click.style) is allowed; nothing else is."""
    own_colour = re.sub(r"\x1b\[(?:\d+;)*\d*m", "", output)
    found = CONTROL.search(own_colour)
    assert not found, f"control character {found.group(0)!r} in output: {output!r}"


def expected_lines(data: bytes) -> int:
    """Lines of stdin as `ask --json` counts them: split on \\n, a final unterminated line included."""
    if not data:
        return 0
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.one_of(st.binary(max_size=80), hostile_text.map(
    lambda s: s.encode("utf-8", "surrogatepass"))), max_size=6).map(b"\n".join))
def test_batch_mode_one_valid_reply_per_line(bot: FAQBot, data: bytes) -> None:
    result = run_cli("ask", "--json", stdin=data)
    assert result.exit_code == 0, (result.exception, result.output)
    assert "Traceback" not in result.output and result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == expected_lines(data)
    for raw_line, out in zip(data.split(b"\n"), lines, strict=False):
        parsed = check_reply(bot, json.loads(out))
        assert parsed == bot.ask(raw_line.decode("utf-8", "replace").rstrip("\r")).to_dict()


def test_batch_mode_blank_and_invalid_utf8_lines() -> None:
    data = b"\n   \n\xff\xfe\xfd\n\xc3\x28 what is ldn\n\x00\x1b[2J\n" + b"a" * 1_000_000 + b"\n"
    result = run_cli("ask", "--json", stdin=data)
    assert result.exit_code == 0, result.output
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(replies) == 6
    assert replies[0]["kind"] == replies[1]["kind"] == "fallback"
    assert all(r["kind"] in KINDS for r in replies)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text.filter(lambda s: s.strip() != "" and not s.startswith("-")))
def test_ask_argument_text_output_is_inert(bot: FAQBot, text: str) -> None:
    result = run_cli("ask", "--", text)
    if not text.strip():
        assert result.exit_code == 2 and "type a question" in result.output  # a usage error, not a reply
        return
    assert result.exit_code == 0, (result.exception, result.output)
    assert "Traceback" not in result.output
    assert_no_terminal_control(result.stdout)
    assert not DOSE.search(result.stdout)
    json_result = run_cli("ask", "--json", "--", text)
    assert json_result.exit_code == 0, (json_result.exception, json_result.output)
    assert json.loads(json_result.stdout) == check_reply(bot, bot.ask(text))


def test_one_megabyte_argument() -> None:
    result = run_cli("ask", "--json", "what is ldn " + "\x1b[31m" * 150_000)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["kind"] in KINDS


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(hostile_text, min_size=1, max_size=5))
def test_chat_never_replays_control_sequences(lines: list[str]) -> None:
    script = "\n".join(line.replace("\n", " ") for line in lines) + "\n1\n2\nquit\n"
    # valid UTF-8 here (lone surrogates replaced); invalid bytes have their own test below
    result = run_cli("chat", stdin=script.encode("utf-8", "replace"))
    assert result.exit_code == 0, (result.exception, result.output)
    assert "Traceback" not in result.output
    assert_no_terminal_control(result.stdout)
    assert result.stdout.rstrip().endswith("Goodbye.")


def test_chat_survives_invalid_utf8_on_stdin() -> None:
    """Bytes that are not UTF-8 (a Latin-1 terminal, a pasted binary) must not end the chat with a traceback."""
    result = run_cli("chat", stdin=b"hi\n\xff\xfe what is ldn \xe9\nwhat is ldn\nquit\n")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 0
    assert result.stdout.count("SMALLTALK") == 1 and result.stdout.count("ANSWER") >= 1


# --- a knowledge base whose texts carry escape sequences ---------------------------------------------------------
#: YAML double-quoted escapes: clear screen, cursor home, set window title (OSC), red, a one-byte C1 CSI,
#: a right-to-left override. A raw ESC byte is refused by the YAML reader; these escapes are not.
E = "\\e[2J\\e[H\\e]0;owned\\a\\e[31m\\x9b1m\\u202e"
ESCAPE_KB = f"""\
version: 1
texts:
  referral: "{E}Please ask a doctor or pharmacist about that."
  emergency: "{E}This may be an emergency. Contact emergency services now."
  self_harm: "{E}Please contact emergency services or a crisis line now."
  fallback: "{E}Sorry, I don't have an answer to that."
  did_you_mean: "{E}Did you mean one of these?"
smalltalk:
  - id: greeting
    patterns: [hi, hello]
    reply: "{E}Hello! Ask me about LDN."
entries:
  - id: what-is-ldn
    section: "{E}Introduction"
    question: "{E}What is LDN?"
    alternates: [what does ldn stand for, what is low dose naltrexone]
    answer: "{E}LDN is naltrexone taken in a much smaller amount than usual."
    defines: [ldn]
    related: [side-effects]
  - id: side-effects
    section: "{E}Side effects"
    question: "{E}What are the side effects of LDN?"
    alternates: [does ldn have side effects, what side effects does ldn cause]
    answer: "{E}The article says most people report few side effects."
    related: [what-is-ldn]
"""


@pytest.fixture(scope="module")
def escape_kb(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    path = tmp_path_factory.mktemp("escape-kb") / "faq.yaml"
    path.write_text(ESCAPE_KB, encoding="utf-8")
    try:
        kb = load_knowledge_base(path)
    except KnowledgeBaseError:
        return None  # refusing such a file is as good as stripping on output
    # The loader strips whole escape sequences from curated text, so nothing of
    # them reaches the library's replies either; the CLI output is checked below.
    assert "\x1b" not in kb.entries[0].answer and "[2J" not in kb.entries[0].answer
    return path


def test_escape_kb_is_refused_or_neutralised(escape_kb: Path | None) -> None:
    if escape_kb is None:
        return  # the loader refused it: nothing from it can ever be printed
    faq = ["--faq", str(escape_kb)]
    kinds = set()
    for question in ("what is ldn", "hi", "how much ldn should I take", "I overdosed on ldn", "I want to kill myself",
                     "qwerty zxcv", "ldn effects"):
        result = run_cli(*faq, "ask", question)
        assert result.exit_code == 0, result.output
        assert_no_terminal_control(result.stdout)
        plain = re.sub(r"\x1b\[[\d;]*m", "", result.stdout)
        kinds.update(re.findall(r"(?m)^([A-Z]+)  ", plain))
    assert {"ANSWER", "SMALLTALK", "REFERRAL", "EMERGENCY", "FALLBACK"} <= kinds, kinds
    result = run_cli(*faq, "topics")
    assert result.exit_code == 0 and "Side effects" in result.stdout
    assert_no_terminal_control(result.stdout)
    chat = "hi\nwhat is ldn\n1\nldn effects\n1\nhow much ldn\ntopics\nqwerty\nquit\n"
    result = run_cli(*faq, "chat", stdin=chat)
    assert result.exit_code == 0, result.output
    assert "LDN is naltrexone taken in a much smaller amount" in result.stdout
    assert "most people report few side effects" in result.stdout
    assert_no_terminal_control(result.stdout)
