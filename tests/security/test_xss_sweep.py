"""52 XSS payloads through a question, a poisoned guide and the fake LLM, in the UI and the widget (streamed and
final): nothing runs and nothing is requested from outside loopback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from advisor import build_advisor
from advisor.config import Settings
from advisor.serve.app import create_app
from tests.helpers import CORPUS, running

pytestmark = pytest.mark.integration
TEMPLATES = [
    "<script>alert({n})</script>", "<img src=x onerror=alert({n})>", "<svg onload=alert({n})>",
    "<svg/onload=alert({n})>", "<body onload=alert({n})>", "<iframe src=javascript:alert({n})>",
    "<iframe srcdoc='<script>alert({n})</script>'>", "<a href=javascript:alert({n})>click</a>",
    "[click](javascript:alert({n}))", "![x](http://evil.example/{n}.png)", "<img src=http://evil.example/{n}.png>",
    "<details open ontoggle=alert({n})>", "<input autofocus onfocus=alert({n})>",
    "<video><source onerror=alert({n})></video>", "<audio src=x onerror=alert({n})>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert({n})>", "<object data=javascript:alert({n})>",
    "<embed src=javascript:alert({n})>", "<marquee onstart=alert({n})>", "javascript:alert({n})",
    "\"><script>alert({n})</script>", "'><img src=x onerror=alert({n})>", "</textarea><script>alert({n})</script>",
    "<style>@import 'http://evil.example/{n}.css';</style>", "<link rel=stylesheet href=http://evil.example/{n}.css>",
    "<meta http-equiv=refresh content='0;url=javascript:alert({n})'>",
    "<form action=javascript:alert({n})><button>go</button></form>", "<base href=http://evil.example/{n}/>",
    "[x](<javascript:alert({n})>)", "[x]( javascript:alert({n}) )", "<a href=\"jav&#x09;ascript:alert({n})\">x</a>",
    "<img src=\"x\" onerror=\"&#97;lert({n})\">", "<svg><script>alert({n})</script></svg>",
    "<svg><animate onbegin=alert({n}) attributeName=x dur=1s>", "<img src=x:x onerror=alert(String({n}))>",
    "{{{{constructor.constructor('alert({n})')()}}}}", "${{alert({n})}}", "<x onclick=alert({n})>click me</x>",
    "<div style=\"background:url(http://evil.example/{n}.png)\">x</div>", "<table background=http://evil.example/{n}.png>",
    "<img srcset=http://evil.example/{n}.png>", "<picture><source srcset=http://evil.example/{n}.png><img></picture>",
    "<input type=image src=http://evil.example/{n}.png>", "<script src=http://evil.example/{n}.js></script>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert({n})>\">", "<!--<img src=x onerror=alert({n})>-->",
    "<scr<script>ipt>alert({n})</scr</script>ipt>", "%3Cscript%3Ealert({n})%3C/script%3E",
    "&lt;script&gt;alert({n})&lt;/script&gt;", "<a href=\"http://evil.example/{n}\" ping=\"http://evil.example/p\">x</a>",
    "[1](javascript:alert({n})) [2]", "**[x](http://evil.example/{n})** `<img src=x onerror=alert({n})>`",
]
PAYLOADS = [t.format(n=i) for i, t in enumerate(TEMPLATES)]
SECTIONS = "\n\n".join(
    f"## Negotiation tip {i}\n\nA machine learning engineer negotiating a salary offer should compare offers "
    f"{p} and ask for the salary range first.\n" for i, p in enumerate(PAYLOADS))
GUIDE = f"""---
title: "Salary talks <img src=x onerror=alert('title')>"
publisher: "<svg onload=alert('publisher')>"
url: "https://ok.example/\\n![x](http://evil.example/url.png)"
---
# Negotiating a machine learning engineer salary

{SECTIONS}
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    corpus = tmp_path_factory.mktemp("xss-corpus")
    shutil.copytree(CORPUS, corpus, dirs_exist_ok=True)
    (corpus / "zz-xss.md").write_text(GUIDE, "utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("xss-data"), corpus_dir=corpus, embedding_model="fake",
                        llm_provider="fake", rate_limit_ip=0, rate_limit_session=0,
                        rate_limit_ui=0)  # 52 payloads from one address: no per-minute budget
    adv = build_advisor(settings)
    assert not adv.ingest().failures
    with running(create_app(adv)) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    outside: list[str] = []

    def guard(route: Any) -> None:
        host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.dialogs, pg.outside = [], outside
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def widget_page(server: str) -> str:
    return (f"<!doctype html><html><body><h1>Host</h1><script src='{server}/widget.js' data-open='true' defer>"
            "</script></body></html>")


@pytest.mark.parametrize("n", range(len(PAYLOADS)))
def test_payload_never_runs_in_the_widget_or_the_ui(n: int, server: str, page: Any) -> None:
    payload = PAYLOADS[n]
    question = f"How should a machine learning engineer negotiate a salary offer? {payload}"
    # The widget, served from the advisor's own origin (same origin needs no allowlist).
    page.route(f"{server}/host", lambda r: r.fulfill(status=200, content_type="text/html", body=widget_page(server)))
    page.goto(f"{server}/host")
    box = page.locator(".career-advisor-widget textarea")
    box.fill(question)
    page.locator(".career-advisor-widget button.send").click()
    page.locator(".career-advisor-widget .msg.bot .cite").first.wait_for(timeout=60000)
    cites = page.locator(".career-advisor-widget .msg.bot .cite")
    for c in range(cites.count()):
        cites.nth(c).click()  # expand every cited passage: guide text, title and publisher
    log = page.locator(".career-advisor-widget .log")
    assert payload in log.inner_text()  # the question is shown, as text
    assert log.locator("img, svg, script, iframe, object, embed, video, audio, style, link, base, form").count() == 0
    # The Gradio UI: streamed answer, final answer with chips, and the passage viewer.
    page.goto(f"{server}/", wait_until="load")
    page.fill("#question textarea", question)
    page.click("#send")
    chip = page.wait_for_selector('#chatbot a[href^="#cite-"]', timeout=60000)
    assert chip is not None
    chip.click()
    page.wait_for_selector("#viewer blockquote", timeout=20000)
    for area in ("#chatbot", "#viewer"):
        assert page.locator(f"{area} script, {area} iframe, {area} object, {area} embed, {area} svg[onload], "
                            f"{area} img:not([src^='data:']):not([src*='127.0.0.1'])").count() == 0, area
    page.wait_for_timeout(300)  # give any planted handler a moment to fire
    assert not page.dialogs, page.dialogs  # 0 executions
    assert not page.outside, page.outside  # 0 requests beyond loopback
