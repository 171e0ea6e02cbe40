"""The whole server over real HTTP: uvicorn, the openai SDK, LangChain, gradio_client and headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from advisor.core import Advisor
from advisor.schema import ASKED_BACK_LABEL, FEEDBACK_REASONS
from advisor.serve.app import create_app

from .helpers import running, wait_until

pytestmark = pytest.mark.integration
QUESTION = "What does a senior machine learning engineer earn?"


def open_ui(browser: Any, server: str) -> tuple[Any, list[str]]:
    """The web UI in a new desktop-sized page, and the list its script errors are collected in."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/", wait_until="load")
    return page, errors


@pytest.fixture(scope="module")
def server(real_advisor: Advisor) -> Iterator[str]:
    with running(create_app(real_advisor)) as url:
        yield url


def test_openai_sdk_talks_to_the_advisor(server: str) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{server}/v1", api_key="not-needed")
    assert [m.id for m in client.models.list()] == ["advisor"]
    reply = client.chat.completions.create(model="advisor", messages=[{"role": "user", "content": QUESTION}])
    content = reply.choices[0].message.content or ""
    assert "US$ 208,000" in content and "Sources:\n[1] " in content
    assert reply.model_extra and reply.model_extra["citations"][0]["n"] == 1
    stream = client.chat.completions.create(model="advisor", stream=True,
                                            messages=[{"role": "user", "content": QUESTION}])
    text = "".join(chunk.choices[0].delta.content or "" for chunk in stream)
    assert text.strip() == content.strip()


def test_langchain_chatopenai_talks_to_the_advisor(server: str) -> None:
    from langchain_openai import ChatOpenAI

    llm = ChatOpenAI(base_url=f"{server}/v1", api_key="not-needed", model="advisor", max_retries=0)
    assert "US$ 208,000" in str(llm.invoke(QUESTION).content)


def test_sse_over_a_real_socket(server: str) -> None:
    with httpx.stream("POST", f"{server}/api/chat", json={"message": QUESTION, "stream": True}, timeout=60) as r:
        events = [line.split(": ", 1)[1] for line in r.iter_lines() if line.startswith("event: ")]
    assert events[-1] == "final" and events.count("delta") >= 2


def test_gradio_client_chat_and_passage(server: str) -> None:
    from gradio_client import Client

    client = Client(f"{server}/", verbose=False)
    chat, box, *_ = client.predict(QUESTION, [], api_name="/chat")
    assert box == "" and chat[-1]["role"] == "assistant"
    answer = chat[-1]["content"] if isinstance(chat[-1]["content"], str) else str(chat[-1]["content"])
    assert "US$ 208,000" in answer and 'href="#cite-' in answer
    chunk_id = answer.split('href="#cite-', 1)[1].split('"', 1)[0]
    viewer = client.predict(chunk_id, api_name="/passage")
    assert "Cited passage" in viewer and "US$ 208,000" in viewer


@pytest.mark.screenshots
def test_browser_ask_cite_view_and_rate(server: str, browser: Any, real_advisor: Advisor,
                                        screenshot_dir: Path) -> None:
    page, errors = open_ui(browser, server)
    page.fill("#question textarea", QUESTION)
    page.click("#send")
    # Streaming: the assistant message appears before its citations are rendered as chips.
    page.wait_for_selector("#chatbot .message.bot, #chatbot [data-testid='bot']", timeout=60000)
    chip = page.wait_for_selector('#chatbot a[href^="#cite-"]', timeout=60000)
    assert "US$ 208,000" in page.inner_text("#chatbot")
    chip.click()
    page.wait_for_selector("#viewer blockquote", timeout=20000)
    viewer = page.inner_text("#viewer")
    assert "US$ 208,000" in viewer and "Salary" in viewer
    before = len(real_advisor.feedback.rows())
    page.click("#chatbot button[aria-label='Like']")
    page.wait_for_selector("#comment textarea", timeout=20000)
    page.fill("#comment textarea", "Clear and sourced.")
    page.click("#comment-send")
    page.wait_for_selector("#feedback-note:has-text('saved')", timeout=20000)  # (the CSP forbids eval)
    rows = real_advisor.feedback.rows()
    assert len(rows) == before + 1 and rows[-1]["rating"] == 1 and rows[-1]["comment"] == "Clear and sourced."
    assert rows[-1]["question"] == QUESTION and rows[-1]["chunk_ids"]
    page.screenshot(path=str(screenshot_dir / "screenshot.png"), full_page=True)
    assert not errors, errors
    page.close()


def test_browser_phone_width_and_labels(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{server}/", wait_until="load")
    # Gradio mounts its components one by one: wait for each (CI once saw #send missing right after the box).
    found = {selector: page.wait_for_selector(selector, state="attached", timeout=20000)
             for selector in ("#question textarea", "#send", "#clear")}
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 362  # no sideways scrolling
    for selector, el in found.items():
        assert el and (el.inner_text().strip() or el.get_attribute("aria-label") or
                       page.evaluate("e => !!(e.labels && e.labels.length)", el)), selector
    page.close()


def test_hostile_question_is_shown_as_text(server: str, browser: Any) -> None:
    page = browser.new_page()
    dialogs: list[str] = []

    def on_dialog(d: Any) -> None:
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(f"{server}/", wait_until="load")
    page.fill("#question textarea", "<img src=x onerror=alert(1)> <script>alert(2)</script> Do I need a degree?")
    page.click("#send")
    page.wait_for_selector('#chatbot a[href^="#cite-"]', timeout=60000)
    assert not dialogs and page.query_selector("#chatbot img[src='x']") is None
    assert "onerror" in page.inner_text("#chatbot")  # shown literally, not run
    page.close()


# Scrolls the chat log so that an element sits just below its top edge (below the "Conversation" tab).
SHOW_AT_TOP = """el => { let box = el.parentElement;
  while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
  if (box) box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 40; }"""
OUTCOMES = [("answered", QUESTION, None),
            ("partial", "how do I become a data scientist?", "Partly covered"),
            ("declined", "are there layoffs in tech right now?", "Not covered by the guides")]


@pytest.mark.screenshots
@pytest.mark.parametrize(("scope", "question", "label"), OUTCOMES)
def test_browser_shows_each_outcome(server: str, browser: Any, screenshot_dir: Path, scope: str, question: str,
                                    label: str | None) -> None:
    """Answered, partial and declined answers look different, and say so in words."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/", wait_until="load")
    page.fill("#question textarea", question)
    page.click("#send")
    page.wait_for_selector("#chatbot .message.bot, #chatbot [data-testid='bot']", timeout=60000)
    page.wait_for_function("() => !document.querySelector('#send')?.disabled", timeout=60000)
    page.wait_for_timeout(500)
    text = page.inner_text("#chatbot")
    if label:
        page.wait_for_selector(f"#chatbot strong:has-text('{label}')", timeout=60000)
    else:
        page.wait_for_selector('#chatbot a[href^="#cite-"]', timeout=60000)
        assert "Partly covered" not in text and "Not covered" not in text
    if scope == "declined":
        assert "layoffs" in page.inner_text("#chatbot")  # the decline names what was asked
        assert page.query_selector('#chatbot a[href^="#cite-"]') is None  # nothing to cite
    if scope == "partial":
        assert "You asked about data scientists" in page.inner_text("#chatbot")
    if label:  # the picture shows the label: the chat scrolls to the answer's end, which can hide it
        page.locator(f"#chatbot strong:has-text('{label}')").first.evaluate(SHOW_AT_TOP)
    page.screenshot(path=str(screenshot_dir / f"outcome-{scope}.png"))
    page.close()


def test_browser_shows_a_question_back_labelled_as_one(server: str, browser: Any) -> None:
    page, errors = open_ui(browser, server)
    page.fill("#question textarea", "how long will it take me?")
    page.click("#send")
    page.wait_for_selector(f"#chatbot strong:has-text('{ASKED_BACK_LABEL}')", timeout=60000)
    assert "Where are you starting from?" in page.inner_text("#chatbot")
    assert "Not covered by the guides" not in page.inner_text("#chatbot") and not errors
    page.close()


@pytest.mark.screenshots
def test_browser_about_you_plan_export_and_forget(server: str, browser: Any, screenshot_dir: Path) -> None:
    page, errors = open_ui(browser, server)
    page.click("#profile button, #profile .label-wrap")  # open the "About you" accordion
    page.fill("#profile-education textarea, #profile-education input", "BSc in physics")
    page.click("#plan")
    page.wait_for_selector('#chatbot a[href^="#cite-"]', timeout=60000)
    chat = page.inner_text("#chatbot")
    assert "Your plan" in chat and "Skipped, from what you told me" in chat and "BSc in physics" in chat
    page.screenshot(path=str(screenshot_dir / "plan.png"), full_page=True)
    with page.expect_download() as download:
        page.click("#plan-download")
    md = Path(download.value.path()).read_text("utf-8")
    assert md.startswith("# Your plan") and "## Sources" in md and "BSc in physics" in md
    with page.expect_popup() as popup:
        page.click("#plan-print")
    printable = popup.value
    printable.wait_for_selector("ol li", timeout=30000)
    assert "Your plan" in printable.inner_text("h1")
    # A background the guides speak to frames the answer and brings its passage first (a new conversation:
    # the plan is not what the next question follows up on; the "About you" boxes stay).
    page.click("#clear")
    assert wait_until(lambda: "Your plan" not in page.inner_text("#chatbot"), 20)  # (the CSP forbids eval)
    page.fill("#profile-current textarea, #profile-current input", "software engineer")
    page.fill("#question textarea", "what skills from my job carry over")
    page.click("#send")
    page.wait_for_selector("#chatbot :text('For your background (software engineer)')", timeout=60000)
    page.screenshot(path=str(screenshot_dir / "profile.png"), full_page=True)
    page.click("#forget")
    assert page.input_value("#profile-education textarea, #profile-education input") == ""
    assert wait_until(lambda: "For your background" not in page.inner_text("#chatbot"), 20)
    assert not errors, errors
    page.close()


def test_browser_thumbs_down_offers_reasons_and_stores_the_choice(server: str, browser: Any,
                                                                  real_advisor: Advisor) -> None:
    page, errors = open_ui(browser, server)
    page.fill("#question textarea", QUESTION)
    page.click("#send")
    page.wait_for_selector('#chatbot a[href^="#cite-"]', timeout=60000)
    assert not page.is_visible("#reasons")  # offered only after a thumbs down
    before = len(real_advisor.feedback.rows())
    page.click("#chatbot button[aria-label='Dislike']")
    page.wait_for_selector("#reasons", state="visible", timeout=20000)
    assert page.locator("#reasons label").all_inner_texts() == list(FEEDBACK_REASONS.values())
    page.locator("#reasons label", has_text=FEEDBACK_REASONS["missing"]).click()
    page.wait_for_selector("#feedback-note:has-text('Noted')", timeout=20000)
    rows = real_advisor.feedback.rows()
    assert len(rows) == before + 1 and rows[-1]["rating"] == -1 and rows[-1]["reason"] == "missing"
    assert rows[-1]["question"] == QUESTION
    assert page.is_hidden("#reasons")
    assert not errors, errors
    page.close()
