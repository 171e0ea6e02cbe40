"""The embeddable widget in real headless Chromium, on host pages served from other loopback origins."""

from __future__ import annotations

import gzip
import json
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from advisor import build_advisor
from advisor.coach import CLARIFY_BACKGROUND
from advisor.config import Settings
from advisor.core import Advisor
from advisor.schema import ASKED_BACK_LABEL, FEEDBACK_REASONS
from advisor.serve.app import create_app

from .helpers import CORPUS, ROOT, running

pytestmark = pytest.mark.integration
STATIC = ROOT / "advisor" / "serve" / "static"
QUESTION = "What does a senior machine learning engineer earn?"
XSS_GUIDE = """---
title: "Salary talks <img src=x onerror=alert('title')>"
publisher: "<svg onload=alert('publisher')>"
url: "javascript:alert('url')"
---
# Negotiating a machine learning engineer salary

## Negotiation tips

When you negotiate a machine learning engineer salary offer, ask for the range first
<svg/onload=alert('body')> and compare offers with market data.
"""
XSS_QUESTION = "How should I negotiate a machine learning engineer salary offer? <img src=x onerror=alert('q')>"


def test_widget_is_small_and_dependency_free() -> None:
    js = (STATIC / "widget.js").read_text()
    size = len(gzip.compress(js.encode(), 9))
    assert size < 15_000, f"widget.js is {size} bytes gzipped"
    assert "innerHTML" not in js.replace("nothing is ever assigned to innerHTML", "")
    assert "import " not in js and "require(" not in js and "eval(" not in js


class Hosts:
    """Static host pages on their own loopback origins; each page may send its own CSP."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, str]] = {}  # path -> (html, csp)
        hosts = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                html, csp = hosts.pages.get(self.path.split("?")[0], ("not found", ""))
                body = html.encode()
                self.send_response(200 if self.path.split("?")[0] in hosts.pages else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                if csp:
                    self.send_header("Content-Security-Policy", csp)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.servers = [ThreadingHTTPServer(("127.0.0.1", 0), Handler) for _ in range(2)]
        for s in self.servers:
            threading.Thread(target=s.serve_forever, daemon=True).start()
        self.allowed = f"http://127.0.0.1:{self.servers[0].server_address[1]}"
        self.other = f"http://127.0.0.1:{self.servers[1].server_address[1]}"

    def close(self) -> None:
        for s in self.servers:
            s.shutdown()
            s.server_close()


@pytest.fixture(scope="module")
def hosts() -> Iterator[Hosts]:
    h = Hosts()
    yield h
    h.close()


@pytest.fixture(scope="module")
def advisor_url(real_advisor: Advisor, hosts: Hosts, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An advisor whose corpus adds a guide full of XSS payloads, allowing the first host origin only."""
    corpus = tmp_path_factory.mktemp("widget-corpus")
    shutil.copytree(CORPUS, corpus, dirs_exist_ok=True)
    (corpus / "zz-xss.md").write_text(XSS_GUIDE)
    settings = Settings(data_dir=tmp_path_factory.mktemp("widget-data"), corpus_dir=corpus,
                        allowed_origins=hosts.allowed, rate_limit_ip=1000, rate_limit_session=1000)
    adv = build_advisor(settings, embeddings=real_advisor.embeddings)  # reuse the loaded model
    assert not adv.ingest().failures
    with running(create_app(adv)) as url:
        yield url


def page_html(advisor: str, extra_attrs: str = "", head: str = "", body: str = "") -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>Host</title>{head}</head><body>"
            f"<h1 id='host-title'>Demo career site</h1><p id='host-text'>Welcome to our site.</p>{body}"
            f"<script src='{advisor}/widget.js' data-title='Career advisor' {extra_attrs} defer></script>"
            "</body></html>")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    pg = context.new_page()
    pg.dialogs = []
    pg.errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def widget(page: Any, selector: str) -> Any:
    """Playwright's CSS engine pierces open shadow roots."""
    return page.locator(f".career-advisor-widget {selector}")


def ask(page: Any, question: str) -> None:
    widget(page, "textarea").fill(question)
    widget(page, "button.send").click()


def answers(page: Any) -> Any:
    return widget(page, ".msg.bot:not(.error)")


@pytest.mark.screenshots
def test_open_ask_cite_follow_up_and_new_conversation(page: Any, hosts: Hosts, advisor_url: str,
                                                   screenshot_dir: Path) -> None:
    hosts.pages["/"] = (page_html(advisor_url, "data-greeting='Hello from the test!' data-accent='#0f766e'"), "")
    responses: list[Any] = []
    requested: list[str] = []
    page.on("response", lambda r: responses.append(r) if r.url.endswith("/api/chat") else None)
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{hosts.allowed}/")
    launcher = widget(page, "button.launcher")
    launcher.click()
    assert launcher.get_attribute("aria-expanded") == "true"
    assert "Hello from the test!" in widget(page, ".log").inner_text()
    assert widget(page, ".chip").count() == 3  # starter questions
    assert page.evaluate("Object.keys(window).filter(k => k.startsWith('Career'))") == ["CareerAdvisorWidget"]
    ask(page, QUESTION)
    widget(page, ".msg.bot .cite").first.wait_for(timeout=60000)
    assert responses[0].headers["content-type"].startswith("text/event-stream")  # streamed
    assert "US$ 208,000" in answers(page).last.inner_text()
    cite = widget(page, ".msg.bot .cite").first
    cite.click()
    source = widget(page, ".source").first
    assert cite.get_attribute("aria-expanded") == "true"
    assert "Salary" in source.inner_text() or "salary" in source.inner_text()
    page.screenshot(path=str(screenshot_dir / "widget.png"))
    follow = widget(page, ".chips button.chip").first
    follow_question = follow.inner_text()
    follow.click()
    widget(page, ".msg.user").nth(1).wait_for(timeout=20000)
    assert widget(page, ".msg.user").nth(1).inner_text() == follow_question
    widget(page, ".msg.bot").nth(2).locator(".cite").first.wait_for(timeout=60000)  # the second answer
    # The conversation survives a navigation within the site (sessionStorage)...
    page.reload()
    widget(page, ".msg.user").nth(1).wait_for(timeout=20000)
    assert widget(page, ".panel").is_visible()
    # ...until "new conversation" clears it.
    widget(page, "button.new").click()
    assert widget(page, ".msg.user").count() == 0 and widget(page, ".chip").count() == 3
    assert not page.dialogs and not page.errors
    # No third-party requests: only the host page and the advisor are ever contacted.
    assert {u.split("/")[2] for u in requested} == {hosts.allowed.split("/")[2], advisor_url.split("/")[2]}


def test_inline_mode_renders_into_the_given_element(page: Any, hosts: Hosts, advisor_url: str) -> None:
    body = "<main><div id='advisor-here' style='width:420px;height:560px'></div></main>"
    attrs = "data-target='#advisor-here' data-starters='[\"What does a senior ML engineer earn?\"]'"
    hosts.pages["/inline"] = (page_html(advisor_url, attrs, body=body), "")
    page.goto(f"{hosts.allowed}/inline")
    inline = page.locator("#advisor-here .career-advisor-widget .panel.inline")
    inline.wait_for(timeout=20000)
    assert widget(page, "button.launcher").count() == 0 and inline.get_attribute("role") == "region"
    chips = widget(page, ".chip")
    assert chips.count() == 1
    chips.first.click()
    widget(page, ".msg.bot .cite").first.wait_for(timeout=60000)
    assert "US$ 208,000" in answers(page).last.inner_text()


def test_keyboard_focus_trap_escape_and_phone_width(browser: Any, hosts: Hosts, advisor_url: str) -> None:
    hosts.pages["/kb"] = (page_html(advisor_url), "")
    context = browser.new_context(viewport={"width": 360, "height": 720})
    page = context.new_page()
    page.goto(f"{hosts.allowed}/kb")
    widget(page, "button.launcher").focus()
    page.keyboard.press("Enter")
    assert widget(page, ".panel").is_visible()
    assert widget(page, ".panel").evaluate("p => p.getBoundingClientRect().width") <= 360
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 362
    for _ in range(12):  # tabbing never leaves the open panel
        page.keyboard.press("Tab")
        inside = page.evaluate("() => { const h = document.querySelector('.career-advisor-widget');"
                               " const a = h.shadowRoot.activeElement; return !!a && !!a.closest('.panel'); }")
        assert inside
    labels = widget(page, "button").evaluate_all("bs => bs.map(b => b.getAttribute('aria-label') || b.textContent)")
    assert all(label.strip() for label in labels)
    page.keyboard.press("Escape")
    assert not widget(page, ".panel").is_visible()
    assert page.evaluate("document.querySelector('.career-advisor-widget').shadowRoot.activeElement.className") \
        == "launcher"
    context.close()


def test_aggressive_host_css_does_not_restyle_the_widget(page: Any, hosts: Hosts, advisor_url: str) -> None:
    css = ("<style>* { color: red !important; font-size: 40px !important; font-family: serif !important;"
           " line-height: 3 !important; } button { background: lime !important; border: 9px solid red !important; }"
           " div { display: inline !important; padding: 50px !important; }</style>")
    hosts.pages["/loud"] = (page_html(advisor_url, head=css), "")
    page.goto(f"{hosts.allowed}/loud")
    launcher = widget(page, "button.launcher")
    launcher.click()
    style = launcher.evaluate("b => { const s = getComputedStyle(b); return [s.backgroundColor, s.borderTopWidth]; }")
    assert style == ["rgb(79, 70, 229)", "0px"]
    panel = widget(page, ".panel").evaluate("p => { const s = getComputedStyle(p); return [s.fontSize, s.display]; }")
    assert panel == ["15px", "flex"]
    # ...and ours do not leak out: the host page keeps its own look.
    assert page.evaluate("getComputedStyle(document.getElementById('host-text')).fontSize") == "40px"


def test_works_under_a_strict_host_csp(page: Any, hosts: Hosts, advisor_url: str) -> None:
    policy = (f"default-src 'none'; script-src {advisor_url}; style-src {advisor_url}; "
              f"connect-src {advisor_url}; img-src {advisor_url}")
    hosts.pages["/strict"] = (page_html(advisor_url), policy)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{hosts.allowed}/strict")
    widget(page, "button.launcher").click()
    assert widget(page, ".panel").evaluate("p => getComputedStyle(p).position") == "fixed"  # our CSS loaded
    ask(page, QUESTION)
    widget(page, ".msg.bot .cite").first.wait_for(timeout=60000)
    assert "US$ 208,000" in answers(page).last.inner_text()
    assert not violations, violations


def test_a_host_not_in_the_allowlist_is_told_and_refused(page: Any, hosts: Hosts, advisor_url: str) -> None:
    hosts.pages["/other"] = (page_html(advisor_url, "data-open='true'"), "")
    page.goto(f"{hosts.other}/other")
    widget(page, ".blocked").wait_for(timeout=20000)
    assert "not allowed here" in widget(page, ".blocked").inner_text()
    assert widget(page, "textarea").is_disabled()
    # A JSON request needs a preflight, which is refused, so the browser never sends it...
    preflighted = page.evaluate(f"""async () => {{ try {{ await fetch('{advisor_url}/api/chat', {{method: 'POST',
        headers: {{'Content-Type': 'application/json'}}, body: '{{"message": "hi"}}'}}); return 'sent'; }}
        catch (e) {{ return 'refused'; }} }}""")
    assert preflighted == "refused"
    # ...and a simple request that skips the preflight is refused by the server, readably.
    simple = page.evaluate(f"""async () => {{ const r = await fetch('{advisor_url}/api/chat', {{method: 'POST',
        body: '{{"message": "hi"}}'}}); return [r.status, (await r.json()).error.type]; }}""")
    assert simple == [403, "origin_not_allowed"]
    null = httpx.post(f"{advisor_url}/api/chat", json={"message": "hi"}, headers={"Origin": "null"})
    assert null.status_code == 403


def test_xss_in_question_and_passage_never_runs(page: Any, hosts: Hosts, advisor_url: str) -> None:
    hosts.pages["/xss"] = (page_html(advisor_url, "data-open='true'"), "")
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(f"{hosts.allowed}/xss")
    ask(page, XSS_QUESTION)
    widget(page, ".msg.bot .cite").first.wait_for(timeout=60000)
    text = widget(page, ".log").inner_text()
    assert "<svg/onload=alert('body')>" in text  # the guide's payload, shown as text
    assert "<img src=x onerror=alert('q')>" in text  # the question's payload, shown as text
    for c in range(widget(page, ".msg.bot .cite").count()):
        widget(page, ".msg.bot .cite").nth(c).click()
    cards = widget(page, ".source").all_inner_texts()
    assert any("<img src=x onerror=alert('title')>" in card for card in cards)  # hostile title, as text
    assert widget(page, ".log svg, .log img, .log script, .log iframe").count() == 0
    assert widget(page, ".source a").count() == 0  # the javascript: URL is not a link
    assert not page.dialogs and not page.errors and not any("alert" in c for c in console)


def test_gradio_app_embeds_in_an_iframe_on_an_allowed_origin(page: Any, hosts: Hosts, advisor_url: str) -> None:
    hosts.pages["/frame"] = (f"<!doctype html><iframe id='app' src='{advisor_url}/' title='Career advisor' "
                             "style='width:1000px;height:700px'></iframe>", "")
    page.goto(f"{hosts.allowed}/frame")
    frame = page.frame_locator("#app")
    frame.locator("#question textarea").wait_for(timeout=60000)
    assert frame.locator("#send").is_visible()


def first_label(page: Any, hosts: Hosts, advisor_url: str, question: str, scope: str) -> Any:
    """Open the widget on a host page, ask, and wait for the reply's outcome label."""
    hosts.pages["/"] = (page_html(advisor_url, "data-open='true'"), "")
    page.goto(f"{hosts.allowed}/")
    ask(page, question)
    label = widget(page, f".msg.bot .scope-{scope}")
    label.wait_for(timeout=60000)
    return label


def test_widget_labels_partial_and_declined_answers(page: Any, hosts: Hosts, advisor_url: str) -> None:
    label = first_label(page, hosts, advisor_url, "are there layoffs in tech right now?", "declined")
    assert label.inner_text() == "Not covered by the guides"
    assert "layoffs" in answers(page).last.inner_text() and answers(page).last.locator(".cite").count() == 0
    ask(page, "how do I become a data scientist?")
    partial = widget(page, ".msg.bot .scope-partial")
    partial.wait_for(timeout=60000)
    assert "Partly covered" in partial.inner_text()
    assert widget(page, ".msg.bot[data-scope='partial'] .cite").count() >= 1  # partial answers still cite
    page.reload()  # the label survives navigation with the rest of the conversation
    widget(page, ".msg.bot .scope-partial").wait_for(timeout=20000)
    assert not page.dialogs and not page.errors


def test_widget_shows_a_question_back_as_one_not_as_a_decline(page: Any, hosts: Hosts, advisor_url: str) -> None:
    label = first_label(page, hosts, advisor_url, "how long will it take me?", "declined")
    assert label.inner_text() == ASKED_BACK_LABEL
    assert CLARIFY_BACKGROUND in answers(page).last.inner_text()
    assert not page.dialogs and not page.errors


def test_about_you_is_kept_in_the_tab_sent_with_questions_and_forgotten(page: Any, hosts: Hosts,
                                                                        advisor_url: str) -> None:
    hosts.pages["/"] = (page_html(advisor_url, "data-open='true'"), "")
    bodies: list[str] = []
    page.on("request", lambda r: bodies.append(r.post_data or "") if r.url.endswith("/api/chat") else None)
    page.goto(f"{hosts.allowed}/")
    widget(page, "button.you").click()
    widget(page, "#ca-p-education").fill("BSc in physics")
    widget(page, "#ca-p-current").fill("teacher")
    widget(page, ".profile button[type=submit]").click()
    assert "this tab only" in widget(page, ".profile [role=status]").inner_text()
    page.reload()  # sessionStorage: still there after navigating within the site
    widget(page, "button.you").click()
    assert widget(page, "#ca-p-education").input_value() == "BSc in physics"
    widget(page, "button.plan").click()
    plan = answers(page).last
    plan.locator(".cite").first.wait_for(timeout=60000)
    text = plan.inner_text()
    assert "Your plan" in text and "Skipped, from what you told me" in text and "BSc in physics" in text
    with page.expect_download() as download:
        plan.locator("button.download").click()
    assert Path(download.value.path()).read_text("utf-8").startswith("# Your plan")
    ask(page, QUESTION)
    answers(page).nth(2).locator(".cite").first.wait_for(timeout=60000)
    assert json.loads(bodies[-1])["profile"] == {"current": "teacher", "education": "BSc in physics"}
    widget(page, "button.forget").click()
    assert widget(page, "#ca-p-education").input_value() == ""
    stored = page.evaluate("Object.keys(sessionStorage).map(k => sessionStorage.getItem(k)).join(' ')")
    assert "physics" not in stored and "teacher" not in stored
    assert widget(page, ".msg.user").count() == 0  # the conversation that repeated it is gone too
    ask(page, QUESTION)
    answers(page).nth(1).locator(".cite").first.wait_for(timeout=60000)
    assert "profile" not in json.loads(bodies[-1])
    assert not page.dialogs and not page.errors


@pytest.fixture(scope="module")
def rated(real_advisor: Advisor, hosts: Hosts) -> Iterator[tuple[str, Advisor]]:
    """The session's advisor (its index, its feedback file) allowing the first host origin, and its store."""
    settings = real_advisor.settings.model_copy(update={"allowed_origins": hosts.allowed, "rate_limit_ip": 1000,
                                                        "rate_limit_session": 1000})
    adv = build_advisor(settings, embeddings=real_advisor.embeddings)
    with running(create_app(adv)) as url:
        yield url, adv


def test_thumbs_down_offers_the_reasons_and_the_choice_is_stored(page: Any, hosts: Hosts,
                                                                rated: tuple[str, Advisor]) -> None:
    url, adv = rated
    hosts.pages["/rate"] = (page_html(url, "data-open='true'"), "")
    page.goto(f"{hosts.allowed}/rate")
    ask(page, QUESTION)
    widget(page, ".msg.bot .cite").first.wait_for(timeout=60000)
    widget(page, ".msg.bot button[aria-label='Not helpful']").last.click()
    reasons = widget(page, ".reasons button.reason")
    assert reasons.all_inner_texts() == list(FEEDBACK_REASONS.values())
    before = len(adv.feedback.rows())
    with page.expect_response(lambda r: r.url.endswith("/api/feedback")) as sent:
        reasons.nth(list(FEEDBACK_REASONS).index("out_of_date")).click()
    assert sent.value.status == 200
    widget(page, ".rated").wait_for(timeout=10000)
    rows = adv.feedback.rows()
    assert len(rows) == before + 1
    assert rows[-1]["rating"] == -1 and rows[-1]["reason"] == "out_of_date" and rows[-1]["question"] == QUESTION
    assert rows[-1]["chunk_ids"] and rows[-1]["answer"].startswith(answers(page).last.inner_text()[:20].strip())
    assert (QUESTION, "thumbs_down") in [(g["question"], g["reason"]) for g in adv.feedback.gap_rows()]
    page.reload()  # the rating survives navigation: no second vote offered
    widget(page, ".rated").wait_for(timeout=20000)
    assert widget(page, ".msg.bot button.thumb").count() == 0
    assert not page.dialogs and not page.errors


def test_widget_lists_figures_with_source_and_date(page: Any, hosts: Hosts, advisor_url: str) -> None:
    hosts.pages["/"] = (page_html(advisor_url, "data-open='true'"), "")
    page.goto(f"{hosts.allowed}/")
    ask(page, QUESTION)
    figure = widget(page, ".msg.bot .figures li.figure").first
    figure.wait_for(timeout=60000)
    assert figure.is_visible() and widget(page, ".msg.bot .figures .fig-head").first.inner_text() == "Figures"
    labels = widget(page, ".msg.bot .figures li.figure").all_inner_texts()
    # The guide names Glassdoor and gives no date; the figure's [n] is a working citation button.
    assert any("US$ 208,000 — Glassdoor, date unknown" in t for t in labels), labels
    button = figure.locator("button.cite")
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and widget(page, ".source").first.is_visible()
    page.reload()  # figures are kept with the conversation
    widget(page, ".msg.bot .figures li.figure").first.wait_for(timeout=20000)
    assert not page.dialogs and not page.errors
