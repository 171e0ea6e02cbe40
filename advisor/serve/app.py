"""`advisor serve`: for now a minimal Gradio page that shows the passages retrieved for a question."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.errors import AdvisorError
from advisor.serve.render import escape_markdown, passages_markdown

if TYPE_CHECKING:
    from advisor.core import Advisor


def build_ui(adv: Advisor) -> Any:
    """The Gradio Blocks app, built around an existing Advisor (nothing global)."""
    import gradio as gr

    def search(question: str) -> str:
        try:
            return passages_markdown(adv.retrieve(question, k=5))
        except AdvisorError as exc:
            return f"**Error:** {escape_markdown(str(exc))}"

    with gr.Blocks(title="Career advisor", analytics_enabled=False) as demo:
        gr.Markdown("# Career advisor\nAsk a career question; the passages of the guides that answer it appear below.")
        question = gr.Textbox(label="Your question", placeholder="How do I become a machine learning engineer?",
                              max_length=adv.settings.max_question_chars)
        button = gr.Button("Search the guides")
        results = gr.Markdown(label="Passages", sanitize_html=True)
        button.click(search, question, results, api_name="search")
        question.submit(search, question, results, api_visibility="private")
    return demo


def serve(adv: Advisor, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Start the app (blocking)."""
    demo = build_ui(adv)
    demo.queue(default_concurrency_limit=4, max_size=64)
    demo.launch(server_name=host, server_port=port, share=False, show_error=False,
                allowed_paths=[], enable_monitoring=False)
