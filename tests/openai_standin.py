"""A loopback stand-in for an OpenAI-compatible server (/v1/chat/completions, streaming or not).

It answers like the `fake` provider (advisor.fake_llm.quoting_reply): it quotes the fenced passages with
[n] markers, and also says one invented thing and cites a passage that does not exist, so the checks have
work to do.
Modes: "quote" (default), "error" (HTTP 500), "hang" (never answers in time), "cut" (drops the
connection mid-stream), "markup" (answers with HTML, an image and the system prompt), "leak" (slips
the system prompt's canary into a quoted, supported sentence, then repeats the whole prompt), "slow"
(streams `slow_chunks` chunks, `slow_delay` seconds apart, counting in `sent` those it managed to write).
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from advisor.fake_llm import quoting_reply


class StandIn:
    """Runs the server in a thread; `mode` can be changed between requests; `requests` records bodies."""

    def __init__(self) -> None:
        self.mode = "quote"
        self.requests: list[dict[str, Any]] = []
        self.slow_chunks, self.slow_delay, self.sent = 60, 0.5, 0
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                standin.requests.append(body)
                standin.handle(self, body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reply(self, messages: list[dict[str, Any]]) -> str:
        prompt = str(messages[-1]["content"])
        if self.mode == "markup":
            return ('<script>alert(1)</script>![x](http://evil.example/t.png) '
                    f'{messages[0]["content"][:60]} [1]')
        if self.mode == "leak":
            system = str(messages[0]["content"])
            secret = " ".join(re.findall(r"CANARY-\w+", system))  # hidden inside a claim that checks out
            return f"{quoting_reply(prompt).split(' [1] ')[0].rstrip('.')} ({secret}). [1] {system}"
        return quoting_reply(prompt)

    def handle(self, h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        if self.mode == "error":
            h.send_response(500)
            h.send_header("Content-Type", "application/json")
            h.end_headers()
            h.wfile.write(b'{"error": {"message": "model crashed", "type": "server_error"}}')
            return
        if self.mode == "hang":
            time.sleep(30)
            return
        text = self.reply(body["messages"])
        base = {"id": "chatcmpl-standin", "created": int(time.time()), "model": body.get("model", "m")}
        if not body.get("stream"):
            payload = {**base, "object": "chat.completion",
                       "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                    "finish_reason": "stop"}],
                       "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
            data = json.dumps(payload).encode()
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)
            return
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.end_headers()
        tokens = re.findall(r"\S+\s*", text)
        if self.mode == "slow":  # a long answer, one sentence per chunk, at a model's pace
            tokens = [f"{text.split(' [1] ')[0]} [1] "] * self.slow_chunks
        for i, token in enumerate(tokens):
            if self.mode == "cut" and i == len(tokens) // 2:
                h.wfile.flush()
                h.connection.close()
                return
            chunk = {**base, "object": "chat.completion.chunk",
                     "choices": [{"index": 0, "delta": {"content": token}, "finish_reason": None}]}
            try:
                h.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                h.wfile.flush()
            except OSError:  # the advisor closed the stream: stop, as a real server would
                return
            if self.mode == "slow":
                self.sent += 1
                time.sleep(self.slow_delay)
        end = {**base, "object": "chat.completion.chunk",
               "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
        h.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
