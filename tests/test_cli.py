"""The faqbot command line, driven through click's CliRunner."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from faqbot import KINDS, FAQBot, __version__
from faqbot.cli import cli

CONTRACT_FIELDS = {"kind", "text", "id", "question", "score", "section", "suggestions"}
ANSI = re.compile(r"\x1b\[")
#: variables that change the CLI's behaviour; cleared so the developer's shell cannot leak in
CLEAN_ENV = {"FAQBOT_FAQ": None, "NO_COLOR": None, "FAQBOT_LOG_UNANSWERED": None, "FAQBOT_NO_CACHE": "1"}

BROKEN_KB = """\
texts:
  referral: Please ask a doctor or pharmacist.
  emergency: Contact emergency services now.
  self_harm: Contact emergency services or a crisis line now.
  fallback: Sorry, I cannot answer that.
  did_you_mean: Did you mean one of these?
entries:
  - id: alpha
    question: What is the alpha thing?
    section: Letters
"""

CUSTOM_KB = """\
texts:
  referral: Please ask a doctor or pharmacist.
  emergency: Contact emergency services now.
  self_harm: Contact emergency services or a crisis line now.
  fallback: Custom fallback text.
  did_you_mean: Did you mean one of these?
entries:
  - id: zebra-stripes
    question: Why do zebras have stripes?
    alternates: [zebra stripes purpose, what are zebra stripes for]
    answer: The stripes may confuse biting flies.
    section: Zebras
"""


def run(*args: str, input: str | bytes | None = None, env: dict | None = None, color: bool = False):
    runner = CliRunner(env={**CLEAN_ENV, **(env or {})})
    return runner.invoke(cli, list(args), input=input, color=color, catch_exceptions=False)


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def check_contract(data: dict) -> None:
    assert set(data) == CONTRACT_FIELDS
    assert data["kind"] in KINDS
    assert isinstance(data["text"], str)
    assert isinstance(data["suggestions"], list)


@pytest.fixture(scope="module")
def bot_replies():
    """What the Python API says, to compare the CLI with."""
    bot = FAQBot.from_yaml()
    return lambda q: bot.ask(q).to_dict()


# --- ask ----------------------------------------------------------------------------------------


def test_ask_prints_the_answer_for_a_person(bot_replies):
    result = run("ask", "what", "are", "microglia?")
    assert result.exit_code == 0
    expected = bot_replies("what are microglia?")
    assert "ANSWER" in result.stdout
    assert f"Q: {expected['question']}" in result.stdout
    assert expected["text"] in result.stdout
    assert "You might also ask:" in result.stdout
    for suggestion in expected["suggestions"]:
        assert suggestion["question"] in result.stdout
    assert result.stdout.count("{") == 0


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("how much ldn do people take", "REFERRAL"),
        ("I swallowed a whole bottle of ldn", "EMERGENCY"),
        ("what is the capital of peru", "FALLBACK"),
        ("thanks", "SMALLTALK"),
    ],
)
def test_ask_labels_each_kind(question, label, bot_replies):
    result = run("ask", question)
    assert result.exit_code == 0
    assert label in result.stdout
    assert bot_replies(question)["text"] in result.stdout


@pytest.mark.parametrize(
    "question",
    ["what is ldn", "how much ldn should I take", "i want to end my life", "pain", "hello", "zzzz"],
)
def test_ask_json_prints_one_contract_object(question, bot_replies):
    result = run("ask", "--json", question)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    check_contract(data)
    assert data == bot_replies(question)


def test_ask_joins_several_words_into_one_question(bot_replies):
    result = run("ask", "--json", "what", "is", "ldn")
    assert json.loads(result.stdout) == bot_replies("what is ldn")


def test_ask_json_keeps_unicode_readable():
    result = run("ask", "--json", "caf\u00e9 \u00fcber alles")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["kind"] == "fallback"


# --- batch mode -----------------------------------------------------------------------------------


def test_batch_json_one_line_per_input_line(bot_replies):
    questions = ["what is ldn", "", "how often is ldn taken", "   ", "hello", "what is the capital of peru"]
    result = run("ask", "--json", input="\n".join(questions) + "\n")
    assert result.exit_code == 0
    replies = json_lines(result.stdout)
    assert len(replies) == len(questions)
    for question, reply in zip(questions, replies, strict=True):
        check_contract(reply)
        assert reply == bot_replies(question)
    assert [r["kind"] for r in replies] == ["answer", "fallback", "referral", "fallback", "smalltalk", "fallback"]


def test_batch_json_survives_invalid_utf8():
    data = b"what is ldn\n\xff\xfe\xfd broken bytes\n\xc3\x28\nhow does ldn work\n"
    result = run("ask", "--json", input=data)
    assert result.exit_code == 0
    replies = json_lines(result.stdout)
    assert len(replies) == 4
    for reply in replies:
        check_contract(reply)
    assert replies[0]["id"] == "what-is-ldn"
    assert replies[1]["kind"] == "fallback"
    assert replies[3]["kind"] == "answer"


def test_batch_json_handles_crlf_and_missing_final_newline(bot_replies):
    result = run("ask", "--json", input=b"what is ldn\r\n\r\nhow does ldn work")
    assert result.exit_code == 0
    replies = json_lines(result.stdout)
    assert [r["kind"] for r in replies] == ["answer", "fallback", "answer"]
    assert replies[2] == bot_replies("how does ldn work")


def test_batch_json_blank_lines_only():
    result = run("ask", "--json", input="\n\n\n")
    assert result.exit_code == 0
    assert [r["kind"] for r in json_lines(result.stdout)] == ["fallback"] * 3


def test_batch_json_empty_input_prints_nothing():
    result = run("ask", "--json", input="")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_batch_json_escapes_control_characters_in_questions():
    result = run("ask", "--json", input="what is ldn\x1b[2J\x00\n")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    assert "\x1b" not in result.stdout
    check_contract(json.loads(result.stdout))


def test_batch_text_mode_answers_every_line(bot_replies):
    result = run("ask", input="what is ldn\nhow much ldn\n")
    assert result.exit_code == 0
    assert bot_replies("what is ldn")["text"] in result.stdout
    assert "REFERRAL" in result.stdout


# --- topics ---------------------------------------------------------------------------------------


def test_topics_lists_every_question_under_its_section():
    result = run("topics")
    assert result.exit_code == 0
    bot = FAQBot.from_yaml()
    out = result.stdout
    for section, entries in bot.topics().items():
        assert section in out
        start = out.index(section)
        for entry in entries:
            assert out.index(entry.question) > start


# --- chat -----------------------------------------------------------------------------------------


def test_chat_numbered_pick_of_a_related_question():
    bot = FAQBot.from_yaml()
    first = bot.ask("what are microglia")
    assert first.kind == "answer" and first.suggestions
    picked = first.suggestions[0]
    result = run("chat", input="what are microglia\n1\nquit\n")
    assert result.exit_code == 0
    out = result.stdout
    assert first.text in out
    assert f"  1. {picked.question}" in out
    assert f"({picked.question})" in out
    assert bot.kb.entry(picked.id).answer in out
    assert out.rstrip().endswith("Goodbye.")


def test_chat_numbered_pick_of_a_did_you_mean_suggestion():
    bot = FAQBot.from_yaml()
    vague = bot.ask("pain")
    assert vague.kind == "fallback" and len(vague.suggestions) >= 2
    picked = vague.suggestions[1]
    result = run("chat", input="pain\n2\nquit\n")
    assert result.exit_code == 0
    assert vague.text in result.stdout
    assert f"  2. {picked.question}" in result.stdout
    assert bot.kb.entry(picked.id).answer in result.stdout


def test_chat_number_without_suggestions_is_asked_as_text():
    result = run("chat", input="hello\n7\nquit\n")
    assert result.exit_code == 0
    assert "FALLBACK" in result.stdout


@pytest.mark.parametrize("ending", ["quit\n", "exit\n", "QUIT\n", ""])
def test_chat_ends_cleanly(ending):
    result = run("chat", input="what is ldn\n\n" + ending)
    assert result.exit_code == 0
    assert "Goodbye." in result.stdout
    assert "Traceback" not in result.output


def test_chat_refers_dosing_and_shows_topics():
    result = run("chat", input="how much ldn should I take\ntopics\nquit\n")
    assert result.exit_code == 0
    assert "REFERRAL" in result.stdout
    assert "What are microglia?" in result.stdout


# --- knowledge base selection and errors ------------------------------------------------------------


@pytest.mark.parametrize("command", [["ask", "what is ldn"], ["topics"], ["chat"], ["ask", "--json"]])
def test_bad_faq_file_exits_2_with_one_line(tmp_path, command):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN_KB, encoding="utf-8")
    result = run("--faq", str(path), *command, input="what is ldn\n")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert f"{path}:8" in message
    assert "answer is missing" in message
    assert result.stdout == ""


def test_missing_faq_file_exits_2(tmp_path):
    path = tmp_path / "nowhere.yaml"
    result = run("--faq", str(path), "ask", "what is ldn")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(path) in result.stderr


def test_faq_directory_exits_2(tmp_path):
    result = run("--faq", str(tmp_path), "ask", "what is ldn")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_faq_option_uses_another_knowledge_base(tmp_path):
    path = tmp_path / "zebras.yaml"
    path.write_text(CUSTOM_KB, encoding="utf-8")
    result = run("--faq", str(path), "ask", "--json", "why do zebras have stripes")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["kind"], data["id"]) == ("answer", "zebra-stripes")


def test_faq_env_var_uses_another_knowledge_base(tmp_path):
    path = tmp_path / "zebras.yaml"
    path.write_text(CUSTOM_KB, encoding="utf-8")
    result = run("ask", "--json", "zebra stripes purpose", env={"FAQBOT_FAQ": str(path)})
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "zebra-stripes"
    fallback = run("ask", "--json", "what is ldn", env={"FAQBOT_FAQ": str(path)})
    assert json.loads(fallback.stdout)["text"] == "Custom fallback text."


def test_faq_env_var_with_bad_file_exits_2(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN_KB, encoding="utf-8")
    result = run("ask", "what is ldn", env={"FAQBOT_FAQ": str(path)})
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{path}:8" in result.stderr


def test_faq_option_beats_env_var(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN_KB, encoding="utf-8")
    from faqbot.kb import bundled_path

    result = run("--faq", str(bundled_path()), "ask", "--json", "what is ldn", env={"FAQBOT_FAQ": str(path)})
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "what-is-ldn"


def test_safety_holds_with_a_custom_knowledge_base(tmp_path):
    path = tmp_path / "zebras.yaml"
    path.write_text(CUSTOM_KB, encoding="utf-8")
    result = run("--faq", str(path), "ask", "--json", "how many mg of ldn")
    assert json.loads(result.stdout)["kind"] == "referral"


# --- version, help, usage -----------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag):
    result = run(flag)
    assert result.exit_code == 0
    assert __version__ in result.stdout
    assert "faqbot" in result.stdout


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["ask", "-h"], ["chat", "-h"], ["topics", "--help"]])
def test_help(args):
    result = run(*args)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_top_level_help_lists_the_core_commands():
    out = run("-h").stdout
    for command in ("ask", "chat", "topics"):
        assert command in out
    assert "--faq" in out


@pytest.mark.parametrize("args", [["ask", "--bogus"], ["no-such-command"], ["--faq"]])
def test_usage_error_exits_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- colour ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["ask", "what is ldn"], None),
        (["ask", "how much ldn"], None),
        (["ask"], "what is ldn\npain\n"),
        (["topics"], None),
        (["chat"], "what is ldn\npain\nquit\n"),
    ],
)
def test_no_color_means_no_ansi_escapes(args, stdin):
    coloured = run(*args, input=stdin, color=True)
    plain = run(*args, input=stdin, color=True, env={"NO_COLOR": "1"})
    assert coloured.exit_code == plain.exit_code == 0
    assert ANSI.search(coloured.output), "control: a colour terminal should get ANSI styling"
    assert not ANSI.search(plain.output)


@pytest.mark.parametrize("args", [["ask", "what is ldn"], ["topics"]])
def test_no_ansi_when_not_a_terminal(args):
    assert not ANSI.search(run(*args).output)


def test_json_output_never_has_ansi():
    result = run("ask", "--json", "what is ldn", color=True)
    assert not ANSI.search(result.stdout)
    check_contract(json.loads(result.stdout))


# --- first run: the hints a newcomer needs -------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["what", "is", "ldn"], "To ask a question: faqbot ask 'what is ldn'"),
        (["What is LDN?"], "To ask a question: faqbot ask 'What is LDN?'"),
        (["how", "does", "it", "work"], "To ask a question: faqbot ask 'how does it work'"),
        (["microglia"], "To ask a question: faqbot ask microglia"),
        (["aks", "what is ldn"], "Did you mean 'ask'?"),
        (["chta"], "Did you mean 'chat'?"),
        (["topcis"], "Did you mean 'topics'?"),
    ],
)
def test_a_question_without_ask_says_how_to_ask_it(args, hint):
    result = run(*args)
    assert result.exit_code == 2
    assert hint in result.stderr
    assert result.stderr.count("Did you mean") <= 1
    assert "Traceback" not in result.output


def test_a_question_without_ask_does_not_echo_escape_sequences():
    result = run("what\x1b[2J", "is", "ldn")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr


def test_top_level_help_shows_where_to_start():
    out = run("-h").stdout
    assert 'faqbot ask "What is LDN?"' in out
    assert "faqbot chat" in out


# --- "what can you answer?" lists the topics, as the fallback text promises ------------------------------


@pytest.mark.parametrize("question", ["what can you answer?", "What can I ask?", "topics", "help"])
def test_asking_what_can_be_answered_lists_every_topic(question):
    bot = FAQBot.from_yaml()
    assert 'what can you answer?"' in bot.kb.texts.fallback  # the promise this test holds the CLI to
    result = run("ask", question)
    assert result.exit_code == 0
    assert "SMALLTALK" in result.stdout
    for section, entries in bot.topics().items():
        assert section in result.stdout
        for entry in entries:
            assert f"  - {entry.question}" in result.stdout


def test_chat_lists_topics_when_asked_what_it_can_answer():
    bot = FAQBot.from_yaml()
    result = run("chat", input="what can you answer?\nquit\n")
    assert result.exit_code == 0
    assert all(f"  - {entry.question}" in result.stdout for entry in bot.kb.entries)


@pytest.mark.parametrize("question", ["hello", "thanks", "what is ldn", "ldn for cancer"])
def test_other_replies_do_not_list_topics(question):
    bot = FAQBot.from_yaml()
    result = run("ask", question)
    assert result.exit_code == 0
    assert not any(f"  - {entry.question}" in result.stdout for entry in bot.kb.entries[:5])


def test_json_reply_to_what_can_you_answer_is_the_contract_object_only(bot_replies):
    result = run("ask", "--json", "what can you answer?")
    assert json.loads(result.stdout) == bot_replies("what can you answer?")
    assert len(result.stdout.splitlines()) == 1


# --- each thing said once ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["ask", "pain"], ["chat"]])
def test_did_you_mean_is_said_once(command):
    bot = FAQBot.from_yaml()
    vague = bot.ask("pain")
    assert vague.kind == "fallback" and vague.suggestions and "did you mean" in vague.text.lower()
    result = run(*command, input="pain\nquit\n")
    assert result.exit_code == 0
    assert result.stdout.lower().count("did you mean") == 1
    for suggestion in vague.suggestions:
        assert suggestion.question in result.stdout


def test_related_questions_keep_their_heading():
    result = run("ask", "what are microglia")
    assert result.stdout.count("You might also ask:") == 1


# --- chat: numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["0", "4", "9", "99"])
def test_chat_number_out_of_range_says_so_and_keeps_the_suggestions(number):
    bot = FAQBot.from_yaml()
    vague = bot.ask("pain")
    assert len(vague.suggestions) == 3
    result = run("chat", input=f"pain\n{number}\n1\nquit\n")
    assert result.exit_code == 0
    assert f"there is no suggestion {number}: type 1 to 3, or a question" in result.stdout
    # the suggestions stay on screen: "1" still picks the first one
    assert bot.kb.entry(vague.suggestions[0].id).answer in result.stdout
    assert result.stdout.count("FALLBACK") == 1


# --- start-up: what a one-shot question loads ---------------------------------------------------------------


def _modules_after(code: str) -> set[str]:
    import subprocess
    import sys

    script = code + "\nimport sys; print('\\n'.join(sorted(sys.modules)))"
    env = {"FAQBOT_NO_CACHE": "1", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    return set(result.stdout.split())


def test_ask_loads_neither_the_web_stack_nor_the_curator_tools():
    loaded = _modules_after(
        "import sys; sys.argv = ['faqbot', 'ask', 'What is LDN?']\n"
        "from faqbot.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert "faqbot.cli.ask" in loaded  # control: the command did run
    unwanted = {m for m in loaded if m.split(".")[0] in ("starlette", "uvicorn", "anyio", "httpx")}
    unwanted |= {m for m in loaded if m.startswith(("faqbot.tools", "faqbot.web", "faqbot.cli.curator",
                                                    "faqbot.cli.serve"))}
    assert unwanted == set()


def test_the_library_and_its_cache_never_import_click():
    loaded = _modules_after("import faqbot, faqbot.cache\nfaqbot.cache.load_bot(None).ask('What is LDN?')")
    assert "faqbot.cache" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("click", "starlette", "uvicorn")}
