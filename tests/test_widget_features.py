"""The chat widget's features in a real browser (Playwright driving Debian's Chromium, headless): themes and
launcher offsets, links in replies, labels from the knowledge base, contact hand-off, feedback, the session
transcript, the JavaScript API, axe-core, and the size budget. Servers and helpers: tests/widget_harness.py.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from widget_harness import (
    REPO,
    Browser,
    CustomerSite,
    Page,
    Widget,
    app_with_site,
    chromium,
    pw_expect,
)

from faqbot import FAQBot

DARK_PANEL = "rgb(31, 33, 37)"
LIGHT_PANEL = "rgb(255, 255, 255)"


@pytest.fixture(scope="module")
def unanswered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The operator's unanswered log: giving the app one turns feedback on."""
    return tmp_path_factory.mktemp("log") / "unanswered.jsonl"


@pytest.fixture(scope="module")
def servers(bot: FAQBot, unanswered: Path) -> Iterator[tuple[str, CustomerSite]]:
    with app_with_site(bot, log_unanswered=unanswered) as pair:
        yield pair


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    # bypass_csp: only so that axe-core can be injected; the widget itself runs under every CSP in the other tests
    context = browser.new_context(viewport={"width": 1100, "height": 760}, bypass_csp=True)
    new_page = context.new_page()
    yield new_page
    context.close()


@pytest.fixture()
def site(servers: tuple[str, CustomerSite]) -> Iterator[CustomerSite]:
    _, the_site = servers
    yield the_site
    the_site.texts, the_site.feedback_status = None, 204
    the_site.votes.clear()


def on_site(page: Page, site: CustomerSite, attributes: str) -> Widget:
    site.pages["t"] = 'data-endpoint="/echo" ' + attributes
    widget = Widget(page)
    page.goto(f"{site.url}/t.html")
    pw_expect(widget.launcher).to_be_visible()
    return widget


# -- looks ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "attribute", "panel"),
    [
        ("light", "", LIGHT_PANEL),
        ("dark", "", DARK_PANEL),  # data-theme="auto" is the default: it follows the visitor's system
        ("dark", 'data-theme="light"', LIGHT_PANEL),
        ("light", 'data-theme="dark"', DARK_PANEL),
        ("dark", 'data-theme="nonsense"', DARK_PANEL),
    ],
)
def test_theme_follows_the_system_unless_the_site_sets_it(
    page: Page, site: CustomerSite, scheme: str, attribute: str, panel: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    widget = on_site(page, site, attribute)
    widget.open()
    assert widget.style(widget.panel, "background-color") == panel


@pytest.mark.parametrize(("position", "x", "y"), [("right", 40, 90), ("left", 0, 0), ("right", 20, 20)])
def test_launcher_offsets(page: Page, site: CustomerSite, position: str, x: int, y: int) -> None:
    offsets = "" if (x, y) == (20, 20) else f'data-offset-x="{x}" data-offset-y="{y}"'  # 20 px is the default
    widget = on_site(page, site, f'data-position="{position}" {offsets}')
    box = widget.box(widget.launcher)
    assert round(760 - (box["y"] + box["height"])) == y
    assert round(box["x"] if position == "left" else 1100 - (box["x"] + box["width"])) == x
    widget.open()
    assert widget.box(widget.panel)["y"] + widget.box(widget.panel)["height"] < box["y"]  # above the launcher


# -- links in replies -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("Call 911 in the US, 999 in the UK.", ["tel:911", "tel:999"]),
        ("Call or text 988, or Samaritans on 116 123.", ["tel:988", "tel:116123"]),
        ("Poison Help: 1-800-222-1222. NHS: 111.", ["tel:18002221222", "tel:111"]),
        ("See https://example.org/help?a=1, or http://example.com/x.", ["https://example.org/help?a=1",
                                                                        "http://example.com/x"]),
        ("In 2018, 30 people in 12 weeks took part (1980 - 1990).", []),
        ("<a href='javascript:alert(1)'>x</a> <b>bold</b>", []),
    ],
)
def test_numbers_and_urls_in_replies_become_links(page: Page, site: CustomerSite, text: str, links: list[str]) -> None:
    widget = on_site(page, site, "")
    widget.open()
    reply = widget.ask("emergency: " + text)
    pw_expect(reply.locator(".text")).to_have_text(text)  # the text is unchanged, only marked up
    hrefs = reply.locator(".text a").evaluate_all("(as) => as.map(a => a.getAttribute('href'))")
    assert hrefs == links
    assert reply.locator("b").count() == 0
    for link in reply.locator(".text a[target=_blank]").all():
        assert link.get_attribute("rel") == "noopener noreferrer"


def test_the_real_emergency_reply_has_tap_to_call_numbers(page: Page, servers: tuple[str, CustomerSite]) -> None:
    app_url, _ = servers
    page.goto(app_url + "/")
    widget = Widget(page)
    widget.open()
    reply = widget.ask("I want to kill myself")
    pw_expect(reply).to_have_attribute("data-kind", "emergency")
    hrefs = set(reply.locator("a").evaluate_all("(as) => as.map(a => a.getAttribute('href'))"))
    assert {"tel:911", "tel:999", "tel:112", "tel:988", "tel:116123"} <= hrefs


# -- labels from the knowledge base ---------------------------------------------------------------------------


def test_labels_and_language_come_from_the_knowledge_base(page: Page, site: CustomerSite) -> None:
    site.texts = {"lang": "de", "texts": {
        "greeting": "Hallo! Fragen Sie mich.", "did_you_mean": "Meinten Sie:", "related": "Auch gefragt:",
        "disclaimer": "Keine medizinische Beratung.", "contact": None, "contact_url": None}}
    widget = on_site(page, site, "")
    widget.open()
    pw_expect(widget.log.locator(".bot").first).to_have_text("faqbot: Hallo! Fragen Sie mich.")
    pw_expect(widget.panel.locator(".note")).to_have_text("Keine medizinische Beratung.")
    assert widget.panel.evaluate("(p) => p.closest('.fb').lang") == "de"
    site.texts = None


def test_built_in_english_when_the_texts_cannot_be_had(page: Page, site: CustomerSite) -> None:
    widget = on_site(page, site, 'data-greeting="Hi from the site."')  # /texts answers 404 here
    widget.open()
    pw_expect(widget.log.locator(".bot").first).to_have_text("faqbot: Hi from the site.")
    pw_expect(widget.panel.locator(".note")).to_contain_text("not medical advice")
    assert widget.panel.evaluate("(p) => p.closest('.fb').lang") == "en"


def test_the_demo_page_uses_the_served_texts(page: Page, servers: tuple[str, CustomerSite], bot: FAQBot) -> None:
    app_url, _ = servers
    served = json.loads(page.request.get(app_url + "/api/texts").text())
    page.goto(app_url + "/")
    widget = Widget(page)
    widget.open()
    greeting = served["texts"]["greeting"] or "Hi! I answer questions about low dose naltrexone (LDN)"
    pw_expect(widget.log.locator(".bot").first).to_contain_text(greeting)
    pw_expect(widget.panel.locator(".note")).to_have_text(served["texts"]["disclaimer"])


@pytest.mark.parametrize(
    ("attribute", "texts", "link"),
    [
        ('data-contact-url="https://example.org/contact"', None, "https://example.org/contact"),
        ("", {"lang": "en", "texts": {"contact_url": "mailto:help@example.org"}}, "mailto:help@example.org"),
        ('data-contact-url="javascript:alert(1)"', None, None),  # only web, mail and phone links
        ("", None, None),  # nothing set: nothing shown
    ],
)
def test_contact_hand_off_under_fallbacks_and_referrals(
    page: Page, site: CustomerSite, attribute: str, texts: dict[str, object] | None, link: str | None
) -> None:
    site.texts = texts
    widget = on_site(page, site, attribute)
    widget.open()
    for kind in ("fallback", "referral", "answer"):
        reply = widget.ask(f"{kind}: Some text.")
        contact = reply.locator(".contact a")
        if link and kind != "answer":
            pw_expect(contact).to_have_attribute("href", link)
            pw_expect(contact).to_have_text("Still need help? Contact us")
        else:
            pw_expect(reply.locator(".contact")).to_have_count(0)


# -- feedback ------------------------------------------------------------------------------------------------


def test_no_feedback_buttons_unless_the_site_turns_them_on(page: Page, site: CustomerSite) -> None:
    widget = on_site(page, site, "")
    widget.open()
    pw_expect(widget.ask("An answer.").locator("button.vote")).to_have_count(0)


def test_a_vote_is_sent_once_and_thanked(page: Page, site: CustomerSite) -> None:
    widget = on_site(page, site, 'data-feedback="on"')
    widget.open()
    pw_expect(widget.ask("fallback: No votes on this.").locator("button.vote")).to_have_count(0)
    reply = widget.ask("An answer.")
    reply.get_by_role("button", name="Not helpful").click()
    pw_expect(reply.locator(".feedback")).to_have_text("Thanks for your feedback.")
    assert site.votes == [{"id": "echo-id", "vote": "down"}]


def test_feedback_disappears_when_the_operator_has_it_off(page: Page, site: CustomerSite) -> None:
    site.feedback_status = 404
    widget = on_site(page, site, 'data-feedback="on"')
    widget.open()
    first = widget.ask("One answer.")
    second = widget.ask("Another answer.")
    first.get_by_role("button", name="Helpful", exact=True).click()
    pw_expect(widget.log.locator(".feedback")).to_have_count(0)
    pw_expect(second.locator("button.vote")).to_have_count(0)
    pw_expect(widget.ask("A third answer.").locator("button.vote")).to_have_count(0)


def test_votes_reach_the_real_server_when_the_operator_turns_feedback_on(
    page: Page, site: CustomerSite, unanswered: Path
) -> None:
    site.pages["real"] = 'data-feedback="on"'  # the app's own API, which has feedback on in this module
    widget = Widget(page)
    page.goto(f"{site.url}/real.html")
    widget.open()
    reply = widget.ask("What is LDN?")
    reply.get_by_role("button", name="Helpful", exact=True).click()
    pw_expect(reply.locator(".feedback")).to_have_text("Thanks for your feedback.")
    records = [json.loads(line) for line in unanswered.read_text(encoding="utf-8").splitlines()]
    assert any(r.get("feedback") == "up" and "what-is-ldn" in r.values() for r in records), records


# -- transcript and JavaScript API ---------------------------------------------------------------------


def test_the_conversation_survives_a_reload_and_can_be_cleared(page: Page, site: CustomerSite) -> None:
    widget = on_site(page, site, "")
    widget.open()
    widget.ask("answer: First reply.")
    widget.ask("referral: Second reply.")
    page.reload()
    widget = Widget(page)
    widget.open()
    pw_expect(widget.log.locator(".msg")).to_have_count(5)
    texts = widget.log.locator(".msg").all_text_contents()
    assert texts[1:] == ["You: answer: First reply.", "faqbot: First reply.", "You: referral: Second reply.",
                         "A question for a professionalSecond reply."]
    assert widget.log.locator(".bot").count() == 3  # greeted once, not again after the reload
    widget.panel.get_by_role("button", name="Clear conversation").click()
    pw_expect(widget.log.locator(".msg")).to_have_count(1)  # a fresh greeting
    assert widget.active() == "input"
    page.reload()
    widget = Widget(page)
    widget.open()
    pw_expect(widget.log.locator(".msg")).to_have_count(1)
    other_tab = page.context.new_page()  # sessionStorage belongs to one tab
    other_tab.goto(f"{site.url}/t.html")
    fresh = Widget(other_tab)
    fresh.open()
    pw_expect(fresh.log.locator(".msg")).to_have_count(1)


def test_the_javascript_api_opens_asks_closes_and_reports_replies(page: Page, site: CustomerSite) -> None:
    widget = on_site(page, site, "")
    page.evaluate(
        "() => { window.seen = [];"
        " for (const k of ['answer', 'referral', 'emergency']) addEventListener('faqbot:' + k,"
        " (e) => seen.push(e.type + ' ' + e.detail.text)); }"
    )
    page.evaluate("() => faqbot.open()")
    pw_expect(widget.panel).to_be_visible()
    pw_expect(widget.log.locator(".bot").first).to_be_visible()  # the greeting
    for question in ("answer: A.", "referral: R.", "emergency: E."):
        before = widget.log.locator(".bot").count()
        page.evaluate("(q) => faqbot.ask(q)", question)
        pw_expect(widget.log.locator(".bot")).to_have_count(before + 1)
    assert page.evaluate("() => seen") == ["faqbot:answer A.", "faqbot:referral R.", "faqbot:emergency E."]
    page.evaluate("() => faqbot.close()")
    pw_expect(widget.panel).to_be_hidden()
    page.evaluate("() => faqbot.ask('answer: Opens the panel too.')")
    pw_expect(widget.panel).to_be_visible()


# -- accessibility and size --------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_an_answer_a_referral_and_an_emergency(
    page: Page, servers: tuple[str, CustomerSite], scheme: str
) -> None:
    app_url, _ = servers
    page.emulate_media(color_scheme=scheme)
    page.goto(app_url + "/")
    widget = Widget(page)
    widget.open()
    for question in ("What is LDN?", "How many mg of LDN should I take?", "I think I took an overdose"):
        widget.ask(question)
    widget.ask("what about the brain thing")  # a fallback with suggestions
    assert widget.axe() == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_no_violations_in_every_part_of_the_widget(page: Page, site: CustomerSite, theme: str) -> None:
    attributes = f'data-theme="{theme}" data-color="#ffd400" data-feedback="on" data-contact-url="/contact"'
    widget = on_site(page, site, attributes)
    widget.open()
    for question in ("An answer, see https://example.org.", "fallback: Not sure.", "referral: Ask a pharmacist.",
                     "emergency: Call 911 now."):
        widget.ask(question)
    widget.log.locator("button.vote").first.focus()
    # only the widget: the customer page's hostile CSS is unreadable on purpose
    assert widget.axe("faqbot-widget") == []


def test_the_widget_stays_under_10_kb_gzipped() -> None:
    source = (REPO / "faqbot" / "static" / "widget.js").read_bytes()
    assert len(gzip.compress(source, compresslevel=9)) < 10_000


# -- follow-ups ------------------------------------------------------------------------------------------------


def test_a_follow_up_is_answered_in_context(page: Page, servers: tuple[str, CustomerSite], bot: FAQBot) -> None:
    app_url, _ = servers
    page.goto(app_url + "/")
    widget = Widget(page)
    widget.open()
    first = widget.ask("what are microglia")
    pw_expect(first).to_have_attribute("data-kind", "answer")
    follow_up = widget.ask("and what do they release?")
    pw_expect(follow_up).to_have_attribute("data-kind", "answer")
    # alone, "they" could be anything; after the microglia answer it means microglia
    expected = bot.ask("and what do they release?", context="microglia")
    assert expected.kind == "answer" and expected.id != bot.ask("and what do they release?").id
    pw_expect(follow_up).to_contain_text(expected.text[:60])
