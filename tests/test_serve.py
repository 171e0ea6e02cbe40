"""The minimal web page: untrusted text stays inert, and the page answers over HTTP."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from advisor import build_advisor
from advisor.config import Settings
from advisor.schema import Passage
from advisor.serve.render import escape_markdown, passages_markdown


def test_markup_in_corpus_text_is_escaped() -> None:
    hostile = '<script>alert(1)</script> ![x](http://evil.example/p.png) [click](javascript:alert(1))'
    out = escape_markdown(hostile)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "![" not in out and "](" not in out


def test_passages_markdown_numbers_and_escapes() -> None:
    p = Passage(chunk_id="c", text="Salary <b>high</b>", title="T", section="S", publisher="P", url="",
                doc_id="d", score=1.0)
    md = passages_markdown([p])
    assert md.startswith("**[1] T › S**") and "<b>" not in md
    assert passages_markdown([]) == "_No passages found._"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_page_serves_retrieved_passages(corpus_copy: Path, make_settings: Callable[..., Settings]) -> None:
    from gradio_client import Client

    from advisor.serve.app import build_ui

    adv = build_advisor(make_settings())
    adv.ingest()
    demo = build_ui(adv)
    port = _free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, share=False,
                show_error=False, enable_monitoring=False)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        md = client.predict("tuition for out-of-state students", api_name="/search")
        assert md.startswith("**[1] ") and "**[5] " in md
        err = client.predict("   ", api_name="/search")
        assert err.startswith("**Error:**") and "empty" in err
    finally:
        demo.close()
