"""Web settings: CORS origins a browser can actually send, the environment, and where limits come from."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqbot import FAQBot, FaqBotError
from faqbot.web.config import DEFAULT_MAX_QUESTION_CHARS, WebConfigError, WebSettings, normalize_origin


@pytest.mark.parametrize(
    ("given", "origin"),
    [
        ("https://support.example.com", "https://support.example.com"),
        ("  https://support.example.com/  ", "https://support.example.com"),
        ("HTTPS://Support.Example.COM", "https://support.example.com"),
        ("https://support.example.com:443", "https://support.example.com"),  # browsers omit default ports
        ("http://support.example.com:80/", "http://support.example.com"),
        ("https://support.example.com:80", "https://support.example.com:80"),  # not https's default
        ("http://localhost:8000", "http://localhost:8000"),
        ("http://127.0.0.1:08000", "http://127.0.0.1:8000"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("https://bücher.example", "https://xn--bcher-kva.example"),  # what a browser sends for an IDN
        ("*", "*"),
    ],
)
def test_origins_are_normalised_to_what_browsers_send(given: str, origin: str) -> None:
    assert normalize_origin(given) == origin


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("support.example.com", "the scheme is missing (write e.g. https://support.example.com)"),
        ("support.example.com/", "https://support.example.com"),
        ("https://*.example.com", "wildcards"),
        ("*.example.com", "wildcards"),
        ("https://support.example.com/help", "no path, query or fragment (write https://support.example.com)"),
        ("https://support.example.com?x=1", "no path"),
        ("https://support.example.com#top", "no path"),
        ("ftp://support.example.com", "only http:// and https://"),
        ("file:///home/me/page.html", "only http:// and https://"),
        ("https://user@support.example.com", "only the scheme, the host and a port"),
        ("https://support.example.com:0", "port must be a number"),
        ("https://support.example.com:99999", "port must be a number"),
        ("https://support.example.com:https", "port must be a number"),
        ("https://exa mple.com", "not a host name"),
        ("https://-bad-.example", "not a host name"),
        ("https://", "write only the scheme"),
        ("", "(empty)"),
        ("null", "the scheme is missing"),
    ],
)
def test_origins_that_can_never_match_are_refused_with_a_reason(given: str, message: str) -> None:
    with pytest.raises(WebConfigError, match="not an origin") as caught:
        normalize_origin(given)
    assert message in str(caught.value)


def test_the_error_is_a_faqbot_error_and_a_value_error() -> None:
    with pytest.raises(WebConfigError) as caught:
        WebSettings(allow_origins=("https://*.example.com",))
    assert isinstance(caught.value, FaqBotError) and isinstance(caught.value, ValueError)


def test_equal_origins_are_kept_once() -> None:
    settings = WebSettings(allow_origins=("https://a.example", "https://A.example:443/", "https://b.example"))
    assert settings.allow_origins == ("https://a.example", "https://b.example")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FAQBOT_ALLOW_ORIGINS": "https://a.example,https://*.b.example"}, "wildcards"),
        ({"FAQBOT_MAX_BODY_BYTES": "lots"}, "FAQBOT_MAX_BODY_BYTES='lots': not a whole number"),
        ({"FAQBOT_LOG_QUESTIONS": "maybe"}, "use 1 or 0"),
        ({"FAQBOT_BODY_TIMEOUT": "0"}, "at least 1 second"),
    ],
)
def test_bad_environment_values_say_what_is_wrong(env: dict[str, str], message: str) -> None:
    with pytest.raises(WebConfigError) as caught:
        WebSettings.from_env(env)
    assert message in str(caught.value)


def test_the_question_limit_is_not_redefined_by_the_web_settings() -> None:
    from faqbot.kb import Settings

    assert WebSettings().max_question_chars is None  # None: the served knowledge base's own limit
    assert Settings().max_question_chars == DEFAULT_MAX_QUESTION_CHARS
    assert WebSettings.from_env({"FAQBOT_MAX_QUESTION_CHARS": ""}).max_question_chars is None
    assert WebSettings.from_env(WebSettings(max_question_chars=40).to_env()).max_question_chars == 40


def test_importing_the_settings_loads_no_web_stack() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from faqbot.web.config import WebSettings\n"
        "import faqbot.web\n"
        "WebSettings(allow_origins=('https://a.example',))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'anyio')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_web_modules_import_each_other_in_one_direction_only() -> None:
    """Every import between faqbot.web's modules, wherever it is written (also inside functions)."""
    import ast
    from graphlib import CycleError, TopologicalSorter

    import faqbot.web

    package = Path(faqbot.web.__file__).parent
    graph: dict[str, set[str]] = {}
    for module in package.glob("*.py"):
        if module.stem == "__init__":
            continue  # the package re-exports its modules' names, lazily
        targets = set()
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("faqbot.web."):
                targets.add(node.module.removeprefix("faqbot.web."))
        graph[module.stem] = targets
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as err:  # pragma: no cover - the failure message
        raise AssertionError(f"import cycle in faqbot.web: {err.args[1]}") from None
    assert order.index("config") < order.index("factory")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"reload_interval": 0}, "reload interval must be positive"),
        ({"max_question_chars": 0}, "at least 1 character"),
        ({"max_body_bytes": 10}, "at least 64 bytes"),
        ({"allow_origins": ["https://a.example/path"]}, "no path"),
    ],
)
def test_create_app_refuses_bad_settings_with_a_faqbot_error(
    bot: FAQBot, options: dict[str, object], message: str
) -> None:
    pytest.importorskip("starlette")
    from faqbot.web import create_app

    with pytest.raises(WebConfigError, match=message):
        create_app(bot=bot, **options)  # type: ignore[arg-type]
