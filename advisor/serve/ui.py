"""The Gradio chat UI: streaming answers, citation chips, passage viewer, sources, follow-ups, feedback."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import gradio as gr

from advisor.errors import AdvisorError
from advisor.schema import FEEDBACK_REASONS, PROFILE_FIELDS, Answer, PassageContext, Turn
from advisor.serve.render import answer_markdown, escape_markdown, streaming_markdown, viewer_markdown
from advisor.serve.streaming import error_info

if TYPE_CHECKING:
    from advisor.config import Settings
    from advisor.feedback import FeedbackStore

VIEWER_EMPTY = "*Click a citation like \\[1\\] in an answer, or a source, to read the passage.*"

# Citation chips are links to #cite-<id>; a click fills a hidden box and presses a hidden button.
HEAD = """<script>
document.addEventListener('click', function (ev) {
  var a = ev.target && ev.target.closest ? ev.target.closest('a[href^="#cite-"]') : null;
  if (!a) { return; }
  ev.preventDefault();
  ev.stopPropagation();
  var id = a.getAttribute('href').slice(6);
  var box = document.querySelector('#cite-target textarea, #cite-target input');
  var btn = document.querySelector('#cite-open');
  if (!box || !btn) { return; }
  box.value = id;
  box.dispatchEvent(new Event('input', {bubbles: true}));
  setTimeout(function () { btn.click(); }, 60);
}, true);
/* "About you": the boxes' values live in this page only; plan exports are made here from /api/plan. */
function profileBoxes() {
  return Array.prototype.slice.call(document.querySelectorAll('[id^="profile-"] textarea, [id^="profile-"] input'));
}
document.addEventListener('click', function (ev) {
  var b = ev.target && ev.target.closest ? ev.target.closest('#forget, #plan-download, #plan-print') : null;
  if (!b) { return; }
  if (b.id === 'forget') {
    profileBoxes().forEach(function (box) { box.value = ''; box.dispatchEvent(new Event('input', {bubbles: true})); });
    var clear = document.querySelector('#clear');  /* the conversation may repeat what was said: clear it too */
    if (clear) { clear.click(); }
    return;
  }
  var profile = {};
  profileBoxes().forEach(function (box) {
    var name = box.closest('[id^="profile-"]').id.slice(8);
    if (box.value.trim()) { profile[name] = box.value.trim(); }
  });
  var html = b.id === 'plan-print';
  var tab = html ? window.open('', '_blank') : null;
  fetch('api/plan', {method: 'POST', headers: {'Content-Type': 'application/json'},
                     body: JSON.stringify({profile: profile, format: html ? 'html' : 'markdown'})})
    .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.blob(); })
    .then(function (blob) {
      var url = URL.createObjectURL(blob);
      if (tab) { tab.location.href = url; return; }
      var a = document.createElement('a');
      a.href = url; a.download = 'plan.md'; document.body.appendChild(a); a.click(); a.remove();
    }).catch(function () { if (tab) { tab.close(); } });
}, true);
</script>"""
CSS = """
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important;
  overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important; }
a.cite, a[href^="#cite-"] { display: inline-block; padding: 0 .35em; margin: 0 .1em; border-radius: .6em;
  background: #e0e7ff; color: #1e3a8a !important; font-size: .8em; text-decoration: none !important; }
a[href^="#cite-"]:focus { outline: 2px solid #1e3a8a; }
#viewer blockquote { background: #fef3c7; padding: .25em .75em; border-left: 4px solid #d97706;
  border-radius: .3em; margin: .5em 0; }
#viewer { max-height: 70vh; overflow-y: auto; }
"""


PLAN_PROMPT = "Make me a plan"  # what the plan button asks in the chat (advisor.plan recognises it)


class UIAdvisor(Protocol):
    """What the UI needs of an Advisor (tests pass a small fake)."""

    settings: Settings
    feedback: FeedbackStore

    def stream(self, question: str, history: Sequence[Turn] | None = None,
               profile: Mapping[str, object] | None = None) -> Iterator[str | Answer]: ...
    def passage(self, chunk_id: str) -> PassageContext: ...
    def fit_history(self, history: Sequence[Turn]) -> list[Turn]: ...


Outputs = tuple[Any, ...]


class ChatUI:
    """The Gradio chat UI over one Advisor (as smolagents' GradioUI(agent)); handlers are plain methods.

    Per-session state is a list of turns {question, answer, chunk_ids}, held by Gradio, never here.
    """

    def __init__(self, adv: UIAdvisor) -> None:
        self.adv = adv

    def history(self, turns: list[dict[str, Any]]) -> list[Turn]:
        """The conversation as core takes it, trimmed to the history limits (long chats keep going)."""
        out: list[Turn] = []
        for t in turns:
            out += [{"role": "user", "content": t["question"]}, {"role": "assistant", "content": t["answer"]}]
        return self.adv.fit_history(out)

    def respond(self, message: str, chat: list[dict[str, Any]], turns: list[dict[str, Any]],
                *profile: str) -> Iterator[Outputs]:
        """Stream an answer into the chat; at the end fill sources and follow-ups and reset the viewer.

        profile: the "About you" boxes in PROFILE_FIELDS order; they live in the page and are sent with
        each question, never kept here. Yields (chat, box, turns, sources, follow-up 1-3, viewer).
        """
        person = {k: v for k, v in zip(PROFILE_FIELDS, profile, strict=False) if isinstance(v, str) and v.strip()}
        message = (message or "").strip()
        keep = (gr.skip(),) * 5
        if not message:
            yield (chat, "", turns, *keep)
            return
        chat = [*chat, {"role": "user", "content": escape_markdown(message)}, {"role": "assistant", "content": "…"}]
        yield (chat, "", turns, *keep)
        text, final = "", None
        try:
            for piece in self.adv.stream(message, self.history(turns), person or None):
                if isinstance(piece, Answer):
                    final = piece
                else:
                    text += piece
                    chat[-1] = {"role": "assistant", "content": streaming_markdown(text)}
                    yield (chat, "", turns, *keep)
        except AdvisorError as exc:  # a bad question gets its message, not a stack trace
            chat[-1] = {"role": "assistant", "content": escape_markdown(str(exc))}
            yield (chat, "", turns, *keep)
            return
        except Exception as exc:  # anything else: a readable line in the chat, the trace in the log
            chat[-1] = {"role": "assistant", "content": escape_markdown(error_info(exc)["message"])}
            yield (chat, "", turns, *keep)
            return
        assert final is not None
        chat[-1] = {"role": "assistant", "content": answer_markdown(final)}
        turns = [*turns, {"question": message, "answer": final.text,
                          "chunk_ids": [c.passage.chunk_id for c in final.citations]}]
        choices = [(f"[{c.n}] {c.passage.label}", c.passage.chunk_id) for c in final.citations]
        sources = gr.update(choices=choices, value=None, visible=bool(choices))
        buttons = [gr.update(value=q, visible=True) for q in final.follow_ups[:3]]
        buttons += [gr.update(visible=False)] * (3 - len(buttons))
        yield (chat, "", turns, sources, *buttons, VIEWER_EMPTY)

    def open_passage(self, chunk_id: str | None) -> str:
        """The viewer's Markdown for a cited passage (or the hint, or why it cannot be shown)."""
        if not chunk_id:
            return VIEWER_EMPTY
        try:
            return viewer_markdown(self.adv.passage(chunk_id))
        except AdvisorError as exc:
            return escape_markdown(str(exc))

    def like(self, turns: list[dict[str, Any]], data: gr.LikeData) -> Outputs:
        """Store a thumbs up/down for the rated answer.

        Returns (feedback id, comment box, its button, note, reasons): a thumbs down offers the reasons.
        """
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        turn = int(index) // 2
        if not 0 <= turn < len(turns) or data.liked not in (True, False):
            return (gr.skip(),) * 5
        t = turns[turn]
        fid = self.adv.feedback.add(t["question"], t["answer"], t["chunk_ids"], 1 if data.liked else -1)
        note = ("Thanks for the feedback! Add a comment below if you like." if data.liked else
                "Thanks for the feedback! What was wrong with the answer? Pick a reason or add a comment below.")
        reasons = gr.update(visible=not data.liked, value=None)
        return fid, gr.update(visible=True, value=""), gr.update(visible=True), note, reasons

    def reason(self, fid: int | None, code: str | None) -> Outputs:
        """Store why the last thumbs down was given; returns (reasons, note)."""
        if fid is None or code not in FEEDBACK_REASONS or not self.adv.feedback.set_reason(int(fid), code):
            return gr.skip(), "Rate an answer with the thumbs down first, then pick a reason."
        return gr.update(visible=False, value=None), f"Noted: {FEEDBACK_REASONS[code]}. Thank you!"

    def comment(self, fid: int | None, comment: str) -> Outputs:
        """Attach a comment to the last rating; returns (comment box, its button, note)."""
        if fid is None or not comment.strip():
            return gr.skip(), gr.skip(), "Rate an answer with the thumbs first, then comment."
        self.adv.feedback.comment(int(fid), comment.strip()[:5000])
        hidden = gr.update(visible=False, value="")
        return hidden, gr.update(visible=False), "Comment saved. Thank you!"

    @staticmethod
    def clear() -> Outputs:
        """A new conversation: every output of the page back to its start."""
        hidden = gr.update(visible=False)
        return ([], "", [], gr.update(choices=[], value=None, visible=False), hidden, hidden, hidden,
                VIEWER_EMPTY, None, gr.update(visible=False, value=""), hidden, "",
                gr.update(visible=False, value=None))

    @staticmethod
    def pick_example(data: gr.SelectData) -> str:
        return str(data.value["text"])

    def build(self) -> gr.Blocks:
        """The Blocks app; every session gets its own conversation state."""
        settings = self.adv.settings
        with gr.Blocks(title="Career advisor", analytics_enabled=False) as demo:
            turns = gr.State([])
            feedback_id = gr.State(None)
            gr.Markdown("# Career advisor\nAsk about becoming a machine learning engineer. Every answer cites "
                        "the guide passage it comes from: click a **[1]** to read it.")
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=300):
                    starters: list[Any] = [{"text": q} for q in settings.example_questions]
                    chatbot = gr.Chatbot(label="Conversation", height=460, examples=starters,
                                         sanitize_html=True, render_markdown=True, elem_id="chatbot",
                                         feedback_options=("Like", "Dislike"), buttons=["copy"])
                    with gr.Row():
                        box = gr.Textbox(label="Your question", placeholder="Ask a career question…", scale=4,
                                         max_length=settings.max_question_chars, elem_id="question")
                        send = gr.Button("Send", variant="primary", scale=1, min_width=80, elem_id="send")
                    with gr.Row():
                        follow = [gr.Button(visible=False, size="sm", elem_classes="follow-up") for _ in range(3)]
                    clear_btn = gr.Button("New conversation", size="sm", elem_id="clear")
                    note = gr.Markdown(elem_id="feedback-note")
                    reasons = gr.Radio(label="What was wrong with the answer?", visible=False, elem_id="reasons",
                                       choices=[(label, code) for code, label in FEEDBACK_REASONS.items()])
                    comment = gr.Textbox(label="Optional comment on your rating", visible=False, elem_id="comment")
                    comment_send = gr.Button("Send comment", size="sm", elem_id="comment-send", visible=False)
                with gr.Column(scale=2, min_width=280):
                    with gr.Accordion("About you (optional)", open=False, elem_id="profile"):
                        gr.Markdown("Kept in this page only and sent with each question; never stored by the "
                                    "advisor. Used where the guides speak to your situation.")
                        profile = [gr.Textbox(label=label, max_lines=1, max_length=settings.max_profile_chars,
                                              elem_id=f"profile-{name}") for name, label in PROFILE_FIELDS.items()]
                        with gr.Row():
                            plan_btn = gr.Button("Make me a plan", size="sm", elem_id="plan")
                            gr.Button("Download plan (Markdown)", size="sm", elem_id="plan-download")
                            gr.Button("Printable plan", size="sm", elem_id="plan-print")
                            gr.Button("Forget me", size="sm", elem_id="forget")
                    sources = gr.Radio(label="Sources for this answer", choices=[], visible=False,
                                       elem_id="sources")
                    viewer = gr.Markdown(VIEWER_EMPTY, label="Passage viewer", elem_id="viewer",
                                         elem_classes="viewer", sanitize_html=True)
            cite_target = gr.Textbox(label="Citation to open", elem_id="cite-target",
                                     elem_classes="visually-hidden")
            cite_open = gr.Button("Open citation", elem_id="cite-open", elem_classes="visually-hidden")
            # The Gradio API's /chat keeps its (message, chat) signature; the page's own button also sends
            # the "About you" boxes, which API clients may leave out (they have /api/chat's `profile`).
            api_chat = gr.Button("Ask (API)", visible=False)

            outputs = [chatbot, box, turns, sources, *follow, viewer]
            asked = [box, chatbot, turns, *profile]
            send.click(self.respond, asked, outputs, api_visibility="private")
            api_chat.click(self.respond, [box, chatbot, turns], outputs, api_name="chat")
            box.submit(self.respond, asked, outputs, api_visibility="private")
            for b in follow:
                b.click(lambda q: q, b, box, api_visibility="private").then(
                    self.respond, asked, outputs, api_visibility="private")
            chatbot.example_select(self.pick_example, None, box, api_visibility="private").then(
                self.respond, asked, outputs, api_visibility="private")
            plan_btn.click(lambda: PLAN_PROMPT, None, box, api_visibility="private").then(
                self.respond, asked, outputs, api_visibility="private")
            # Download, print and forget run in the page (HEAD's script): the exports come from /api/plan,
            # so no file is written or served, and the profile never reaches the server's session state.
            sources.change(self.open_passage, sources, viewer, api_visibility="private")
            cite_open.click(self.open_passage, cite_target, viewer, api_name="passage")
            chatbot.like(self.like, turns, [feedback_id, comment, comment_send, note, reasons],
                         api_visibility="private")
            # .input, not .change: resetting the choice after it is stored must not store it again.
            reasons.input(self.reason, [feedback_id, reasons], [reasons, note], api_visibility="private")
            comment_send.click(self.comment, [feedback_id, comment], [comment, comment_send, note],
                               api_visibility="private")
            reset = [chatbot, box, turns, sources, *follow, viewer, feedback_id, comment, comment_send, note, reasons]
            clear_btn.click(self.clear, None, reset, api_visibility="private")
            chatbot.clear(self.clear, None, reset, api_visibility="private")  # the chat's own trash button
        demo.queue(default_concurrency_limit=settings.ui_concurrency, max_size=settings.queue_size)
        return demo
