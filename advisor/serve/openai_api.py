"""OpenAI-compatible /v1 (chat completions, models), so existing clients can talk to the advisor."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, Literal

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from advisor.errors import InvalidQuestionError
from advisor.schema import Answer, Citation, Figure, Turn
from advisor.serve.api import TurnIn, checked
from advisor.serve.streaming import error_info, pieces

if TYPE_CHECKING:
    from advisor.core import Advisor

MODEL_ID = "advisor"


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    text: str = ""


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ContentPart] | None = None


class CompletionIn(BaseModel):
    """The fields of OpenAI's chat-completions request that matter here; others are accepted and ignored."""

    model_config = ConfigDict(extra="allow")
    model: str = MODEL_ID
    messages: list[MessageIn] = Field(min_length=1, max_length=201)
    stream: bool = False


def _text(m: MessageIn) -> str:
    if isinstance(m.content, list):
        return "".join(p.text for p in m.content if p.type == "text")
    return m.content or ""


def sources_block(citations: tuple[Citation, ...]) -> str:
    """The numbered source list appended to the message content."""
    if not citations:
        return ""
    lines = ["", "", "Sources:"]
    for c in citations:
        p = c.passage
        lines.append(f"[{c.n}] {p.label} — {p.byline}" + (f" ({p.url})" if p.url else ""))
    return "\n".join(lines)


def figures_block(figures: tuple[Figure, ...]) -> str:
    """The quoted figures with source and date, appended after the sources (plain clients see them too)."""
    if not figures:
        return ""
    return "\n".join(["", "", "Figures:", *(f"- {f.label}" for f in figures)])


def _footer(answer: Answer) -> str:
    return sources_block(answer.citations) + figures_block(answer.figures)


def _extra(answer: Answer) -> dict[str, Any]:
    data = answer.to_dict()
    return {"citations": data["citations"], "refused": answer.refused, "scope": answer.scope,
            "follow_ups": data["follow_ups"], "figures": data["figures"]}


def build_openai(adv: Advisor) -> APIRouter:
    """The /v1 routes, bound to one Advisor."""
    router = APIRouter(prefix="/v1", tags=["openai-compatible"])

    @router.get("/models")
    def models() -> dict[str, Any]:
        """The one model this server offers."""
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0,
                                            "owned_by": "advisor"}]}

    @router.post("/chat/completions", responses={200: {
        "content": {"application/json": {}, "text/event-stream": {}},
        "description": "A chat completion; with stream=true, Server-Sent Events of chunks ending `data: [DONE]`"}})
    def completions(body: CompletionIn) -> Any:
        """Chat completions: the last user message is the question, earlier user/assistant turns are history.

        System messages are ignored: clients cannot replace the advisor's own instructions.
        Citations are appended to the content as a numbered source list and given in `citations`; quoted
        figures likewise as a "Figures:" list (value — source, as of YEAR [n]) and in `figures`.
        """
        turns = [m for m in body.messages if m.role in ("user", "assistant")]
        if not turns or turns[-1].role != "user":
            raise InvalidQuestionError("The last message must come from the user.")
        history = [TurnIn(role=m.role, content=_text(m)) for m in turns[:-1]]
        question, hist = checked(adv, _text(turns[-1]), history)
        cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        base = {"id": cid, "created": created, "model": MODEL_ID}
        if not body.stream:
            answer = adv.ask(question, hist)
            return {**base, "object": "chat.completion",
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant",
                                             "content": answer.text + _footer(answer)}}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                    **_extra(answer)}
        return StreamingResponse(_stream(adv, question, hist, base), media_type="text/event-stream")

    return router


async def _stream(adv: Advisor, question: str, history: list[Turn], base: dict[str, Any]) -> AsyncIterator[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        data = {**base, "object": "chat.completion.chunk",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    async for piece in pieces(adv.stream(question, history)):
        if isinstance(piece, Exception):  # OpenAI's shape for a failure mid-stream; its SDK raises APIError
            info = error_info(piece)
            yield f"data: {json.dumps({'error': {**info, 'code': None}}, ensure_ascii=False)}\n\n"
            return
        if isinstance(piece, Answer):
            tail = _footer(piece)
            if tail:
                yield chunk({"content": tail})
            yield chunk({}, "stop", **_extra(piece))
        else:
            yield chunk({"content": piece})
    yield "data: [DONE]\n\n"
