"""The chat widget in a real browser (Playwright driving Debian's Chromium, headless): the demo page, a
customer's site on another origin, and the defects of issue #13 (each test here failed before its fix).

Servers and helpers: tests/widget_harness.py. The widget's features (themes, links, texts, feedback,
transcript, JavaScript API, axe-core) are in tests/test_widget_features.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from widget_harness import (
    LOOPBACK,
    Browser,
    CustomerSite,
    Page,
    Widget,
    app_with_site,
    chromium,
    contrast,
    pw_expect,
)

from faqbot import FAQBot

XSS = "<img src=x onerror=window.__pwned=1>"


@pytest.fixture(scope="module")
def servers(bot: FAQBot) -> Iterator[tuple[str, CustomerSite]]:
    with app_with_site(bot) as pair:
        yield pair


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    new_page = context.new_page()
    yield new_page
    context.close()


@pytest.fixture()
def demo(page: Page, servers: tuple[str, CustomerSite]) -> Widget:
    app_url, _ = servers
    page.goto(app_url + "/")
    widget = Widget(page)
    pw_expect(widget.launcher).to_be_visible()
    return widget


def on_site(page: Page, site: CustomerSite, name: str) -> Widget:
    widget = Widget(page)  # before loading, to hear what the widget says while it starts
    page.goto(f"{site.url}/{name}.html")
    widget.open()
    return widget


# -- the demo page ----------------------------------------------------------------------------------------


def test_open_with_the_keyboard_ask_and_close_with_escape(demo: Widget, bot: FAQBot) -> None:
    page = demo.page
    for _ in range(30):  # Tab through the page until the launcher has focus
        page.keyboard.press("Tab")
        if "launcher" in demo.active():
            break
    assert "launcher" in demo.active()
    assert demo.style(demo.launcher, "outline-style") == "solid"  # visible focus
    pw_expect(demo.launcher).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Enter")
    pw_expect(demo.panel).to_be_visible()
    pw_expect(demo.launcher).to_have_attribute("aria-expanded", "true")
    assert demo.active() == "input"
    pw_expect(demo.log).to_have_attribute("aria-live", "polite")

    page.keyboard.type("What is LDN?")
    page.keyboard.press("Enter")
    answer = demo.log.locator("[data-kind=answer]").first
    pw_expect(answer.locator(".text")).to_have_text(bot.ask("What is LDN?").text)
    pw_expect(demo.log.locator(".user").last).to_contain_text("What is LDN?")

    page.keyboard.press("Escape")
    pw_expect(demo.panel).to_be_hidden()
    assert "launcher" in demo.active()
    pw_expect(demo.launcher).to_have_attribute("aria-expanded", "false")
    assert demo.errors == []


def test_every_control_is_reachable_by_keyboard(demo: Widget) -> None:
    demo.open()
    demo.ask("What is LDN?")
    seen = {demo.active()}  # the input, focused on opening
    for _ in range(20):
        demo.page.keyboard.press("Tab")
        seen.add(demo.active())
    assert {"clear", "close", "log", "suggestion", "input", "send", "launcher"} <= seen
    demo.input.focus()
    demo.page.keyboard.press("Escape")
    pw_expect(demo.panel).to_be_hidden()


def test_clicking_a_suggestion_asks_it_and_returns_focus_to_the_input(demo: Widget, bot: FAQBot) -> None:
    demo.open()
    reply = demo.ask("What is LDN?")
    suggestion = reply.locator("button.suggestion").first
    question = suggestion.inner_text()
    expected = bot.ask(question)
    suggestion.click()
    pw_expect(demo.log.locator(".user").last).to_contain_text(question)
    pw_expect(demo.log.locator(".bot").last.locator(".text")).to_have_text(expected.text)
    assert demo.active() == "input"  # issue #13 (10): ready for the next question


def test_a_dosing_question_gets_a_distinct_referral_whose_heading_does_not_repeat_it(demo: Widget) -> None:
    demo.open()
    answer = demo.ask("What is LDN?")
    referral = demo.ask("How many mg of LDN should I take?")
    pw_expect(referral).to_have_attribute("data-kind", "referral")
    pw_expect(referral).to_have_class("msg bot kind-referral")
    heading = referral.locator(".label").inner_text().strip().lower()
    text = referral.locator(".text").inner_text().lower()
    assert heading and heading not in text  # issue #13 (9): say each thing once
    for prop in ("background-color", "border-top-color"):
        assert demo.style(referral, prop) != demo.style(answer, prop)
    emergency = demo.ask("I think I took an overdose")
    pw_expect(emergency).to_have_attribute("data-kind", "emergency")
    assert demo.style(emergency, "background-color") not in (
        demo.style(answer, "background-color"), demo.style(referral, "background-color"))
    assert referral.locator(".label").inner_text().strip().lower() not in emergency.inner_text().lower()


@pytest.mark.parametrize(
    ("question", "kind", "titles"),
    [
        ("What is LDN?", "answer", 1),  # one "You might also ask:" above the related questions
        ("the pain thing", "fallback", 0),  # the text already asks "Did you mean...?"
    ],
)
def test_suggestions_are_introduced_once(demo: Widget, bot: FAQBot, question: str, kind: str, titles: int) -> None:
    reply = bot.ask(question)
    assert reply.kind == kind and reply.suggestions  # the knowledge base still behaves as this test needs
    demo.open()
    shown = demo.ask(question)
    pw_expect(shown.locator("button.suggestion")).to_have_count(len(reply.suggestions))
    pw_expect(shown.locator(".suggestions-title")).to_have_count(titles)
    assert len(re.findall(r"did you mean|might also ask", shown.inner_text(), re.IGNORECASE)) == 1


def test_html_in_a_question_is_shown_as_text_and_runs_nothing(demo: Widget) -> None:
    demo.open()
    demo.ask(XSS)
    pw_expect(demo.log.locator(".user").last).to_have_text("You: " + XSS)
    assert demo.log.locator("img").count() == 0
    assert demo.page.evaluate("() => window.__pwned") is None
    assert demo.errors == []


def test_the_widget_root_names_its_language(demo: Widget) -> None:
    lang = demo.page.evaluate("() => document.querySelector('faqbot-widget').shadowRoot.querySelector('.fb').lang")
    assert lang == "en"


def longest_answer(bot: FAQBot) -> str:
    """The canonical question of the entry with the longest answer."""
    entry = max(bot.kb.entries, key=lambda e: len(bot.ask(e.question).text))
    return str(entry.question)


@pytest.mark.parametrize("viewport", [(320, 256), (360, 640), (640, 360)])
def test_small_viewports_get_a_full_screen_panel(demo: Widget, bot: FAQBot, viewport: tuple[int, int]) -> None:
    width, height = viewport
    demo.page.set_viewport_size({"width": width, "height": height})
    demo.open()
    panel = demo.box(demo.panel)
    assert (panel["x"], panel["y"], panel["width"], panel["height"]) == (0, 0, width, height)
    pw_expect(demo.launcher).to_be_hidden()  # covered: the panel's own close button is the way out
    assert demo.box(demo.log)["height"] >= 0.4 * height  # WCAG 1.4.10: room to read at 400% zoom
    assert demo.style(demo.input, "font-size") == "16px"  # iOS zooms into smaller inputs
    assert demo.panel.evaluate("(el) => el.scrollWidth <= el.clientWidth")  # no sideways scrolling
    reply = demo.ask(longest_answer(bot))
    assert demo.box(reply)["y"] >= demo.box(demo.log)["y"]  # the reply starts in view
    demo.page.keyboard.press("Escape")
    pw_expect(demo.launcher).to_be_visible()


def test_heights_follow_the_dynamic_viewport(demo: Widget) -> None:
    css = demo.page.evaluate(
        "() => [...document.querySelector('faqbot-widget').shadowRoot.adoptedStyleSheets]"
        ".flatMap(s => [...s.cssRules]).map(r => r.cssText).join('\\n')"
    )
    assert "dvh" in css
    assert not re.search(r"(?<![a-z])vh\b", css)  # vh is the largest viewport: it hides under mobile toolbars


def test_a_long_reply_starts_at_its_first_line(demo: Widget, bot: FAQBot) -> None:
    demo.page.set_viewport_size({"width": 390, "height": 480})
    demo.open()
    demo.ask("What is LDN?")
    reply = demo.ask(longest_answer(bot))
    log, box = demo.box(demo.log), demo.box(reply)
    assert box["height"] > log["height"]  # long enough to need scrolling, or this test proves nothing
    assert log["y"] <= box["y"] < log["y"] + 20


# -- on a customer's site ---------------------------------------------------------------------------------


def test_host_css_does_not_leak_in_and_cross_origin_works(page: Page, servers: tuple[str, CustomerSite]) -> None:
    _, site = servers
    page.goto(site.url + "/host.html")
    widget = Widget(page)
    host_text = page.locator("#host-text")
    assert widget.style(host_text, "color") == "rgb(255, 0, 0)"  # the hostile CSS is in force
    assert widget.style(host_text, "font-size") == "40px"

    widget.open()
    reply = widget.ask("What is LDN?")  # cross-origin, allowed by CORS, under the customer's strict CSP
    pw_expect(reply).to_have_attribute("data-kind", "answer")
    text = reply.locator(".text")
    assert widget.style(text, "color") == "rgb(27, 27, 27)"
    assert widget.style(text, "font-size") == "15px"
    assert widget.style(text, "letter-spacing") == "normal"
    assert "serif" not in widget.style(text, "font-family").split(",")[0]
    assert widget.style(widget.launcher, "position") == "fixed"
    # data-color is yellow, so the launcher text is dark for contrast; data-position is left
    assert widget.style(widget.launcher, "color") == "rgb(17, 17, 17)"
    assert widget.box(widget.launcher)["x"] < 1100 / 2
    pw_expect(widget.panel.locator(".title")).to_have_text("Acme help")
    # ...and the widget's CSS does not leak out
    assert widget.style(page.locator("#host-button"), "cursor") != "pointer"
    assert widget.errors == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("slow", "taking too long"),
        ("down", "can't reach the help service"),
    ],
)
def test_a_slow_or_down_server_gets_a_friendly_message_and_retry(
    page: Page, servers: tuple[str, CustomerSite], name: str, message: str
) -> None:
    _, site = servers
    widget = on_site(page, site, name)
    error = widget.ask("What is LDN?")
    pw_expect(error).to_have_attribute("data-kind", "error")
    pw_expect(error).to_contain_text(message)
    pw_expect(error.locator("button.retry")).to_be_visible()


def test_retry_after_a_server_error(page: Page, servers: tuple[str, CustomerSite]) -> None:
    _, site = servers
    site.calls, site.failures = 0, 1
    widget = on_site(page, site, "flaky")
    error = widget.ask("What is LDN?")
    pw_expect(error).to_contain_text("something went wrong")
    error.locator("button.retry").click()
    pw_expect(widget.log.locator("[data-kind=answer] .text")).to_have_text("Answer to What is LDN?")
    pw_expect(widget.log.locator("[data-kind=error]")).to_have_count(0)
    pw_expect(widget.log.locator(".user")).to_have_count(1)  # the retry does not repeat the question


def test_a_retried_answer_takes_the_place_of_its_own_error(page: Page, servers: tuple[str, CustomerSite]) -> None:
    _, site = servers
    site.calls, site.failures = 0, 2
    widget = on_site(page, site, "flaky")
    first = widget.ask("first question")
    widget.ask("second question")
    first.locator("button.retry").click()
    pw_expect(widget.log.locator("[data-kind=answer]")).to_have_count(1)
    kinds = widget.log.locator(".msg").evaluate_all(
        "(ms) => ms.map(m => m.dataset.kind ? m.dataset.kind + ' ' + m.querySelector('.text').textContent"
        " : 'user ' + m.textContent)"
    )
    assert kinds[1:] == [
        "user You: first question", "answer Answer to first question", "user You: second question",
        "error Sorry, something went wrong on our side. Please try again.",
    ]


def test_send_is_disabled_and_the_log_busy_while_a_reply_is_pending(
    page: Page, servers: tuple[str, CustomerSite]
) -> None:
    _, site = servers
    site.gate.clear()
    widget = on_site(page, site, "gated")
    widget.input.fill("first")
    widget.input.press("Enter")
    pw_expect(widget.send).to_be_disabled()
    pw_expect(widget.log).to_have_attribute("aria-busy", "true")
    widget.input.fill("second")
    widget.input.press("Enter")  # while pending: kept in the box, not sent
    site.gate.set()
    pw_expect(widget.log.locator("[data-kind=answer] .text")).to_have_text("first")
    pw_expect(widget.send).to_be_enabled()
    pw_expect(widget.log).to_have_attribute("aria-busy", "false")
    pw_expect(widget.input).to_have_value("second")
    pw_expect(widget.log.locator(".user")).to_have_count(1)


def test_a_blocked_cross_origin_request_tells_the_site_owner_why(
    page: Page, servers: tuple[str, CustomerSite]
) -> None:
    _, site = servers
    other_origin = site.url.replace(LOOPBACK, "localhost")  # the app allows only site.url
    page.goto(other_origin + "/host.html")
    widget = Widget(page)
    widget.open()
    error = widget.ask("What is LDN?")
    pw_expect(error).to_contain_text("can't reach the help service")
    hints = [w for w in widget.warnings if "--allow-origin" in w]
    assert len(hints) == 1
    assert other_origin in hints[0] and "connect-src" in hints[0]


@pytest.mark.parametrize("color", ["#ffd400", "#0b5cad", "#777777", "#ffffff", "#000000", "hotpink"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_any_brand_colour_gives_readable_text_and_visible_borders(
    page: Page, servers: tuple[str, CustomerSite], color: str, theme: str
) -> None:
    _, site = servers
    site.pages["brand"] = f'data-endpoint="/echo" data-color="{color}" data-theme="{theme}"'
    widget = on_site(page, site, "brand")
    widget.ask("fallback: Nothing here.")
    chip = widget.log.locator("button.suggestion").first
    user = widget.log.locator(".user").first
    title = widget.panel.locator(".title")
    checks = [
        (widget.color(widget.launcher, "color"), widget.color(widget.launcher, "background-color"), 4.5),
        (widget.color(title, "color"), widget.color(widget.panel.locator(".header"), "background-color"), 4.5),
        (widget.color(user, "color"), widget.color(user, "background-color"), 4.5),
        (widget.color(chip, "border-top-color"), widget.color(chip, "background-color"), 3),
        (widget.color(chip, "border-top-color"), widget.color(widget.log, "background-color"), 3),
        (widget.color(chip, "color"), widget.color(chip, "background-color"), 4.5),
    ]
    for fg, bg, least in checks:
        assert contrast(fg, bg) >= least, (fg, bg)


def test_an_unreadable_text_colour_is_refused_with_a_console_warning(
    page: Page, servers: tuple[str, CustomerSite]
) -> None:
    _, site = servers
    site.pages["pale"] = 'data-endpoint="/echo" data-color="#ffd400" data-text-color="#ffffff"'
    widget = on_site(page, site, "pale")
    assert any("data-text-color" in w for w in widget.warnings)
    launcher = widget.color(widget.launcher, "color"), widget.color(widget.launcher, "background-color")
    assert contrast(*launcher) >= 4.5
    site.pages["fine"] = 'data-endpoint="/echo" data-color="#0b5cad" data-text-color="#fffbe6"'
    widget = on_site(page, site, "fine")
    assert widget.style(widget.launcher, "color") == "rgb(255, 251, 230)"  # a readable choice is kept
    assert not any("data-text-color" in w for w in widget.warnings)
