"""JSON API under /api: chat (plain or Server-Sent Events), passages, health, feedback. Thin over Advisor."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, Literal

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from advisor.schema import Answer, FeedbackReason, FigureKind, ReplyKind, Turn
from advisor.serve.streaming import error_info, pieces

if TYPE_CHECKING:
    from advisor.core import Advisor


class TurnIn(BaseModel):
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: str = Field(max_length=20000)


class ProfileIn(BaseModel):
    """Who the person is, kept by the client and sent with each request; never stored. Every field optional."""

    model_config = ConfigDict(extra="forbid")

    current: str = Field("", max_length=1000, description="current role or studies")
    education: str = Field("", max_length=1000)
    experience: str = Field("", max_length=1000)
    target: str = Field("", max_length=1000, description="target role")
    country: str = Field("", max_length=1000)
    constraints: str = Field("", max_length=1000, description="time, money")


class ChatIn(BaseModel):
    """A chat request: the new message and the conversation so far."""

    message: str = Field(min_length=1, max_length=20000, examples=["What does a senior ML engineer earn?"])
    history: list[TurnIn] = Field(default_factory=list, max_length=200)
    stream: bool = False
    profile: ProfileIn | None = None


class PlanIn(BaseModel):
    """A plan request: the profile it adapts to and the format wanted."""

    profile: ProfileIn | None = None
    format: Literal["json", "markdown", "html"] = "json"


class PassageFields(BaseModel):
    """A passage of a guide, as every response shows it."""

    chunk_id: str
    text: str
    title: str
    section: str
    publisher: str
    url: str
    doc_id: str
    score: float
    start: int
    end: int
    as_of: str = Field("", description="the guide's `as_of` front matter ('' when it gives none)")


class CitationOut(PassageFields):
    n: int


class FigureOut(BaseModel):
    """A figure the answer quotes, with where it comes from and as of when."""

    value: str = Field(description="verbatim from the cited passage, e.g. 'US$ 118,000'")
    kind: FigureKind
    source: str = Field(description="the source its sentence names, e.g. 'Glassdoor' ('' if none)")
    publisher: str
    as_of: str = Field(description="a year: stated beside the figure, else the guide's as_of; '' = date unknown")
    stale: bool = Field(description="older than ADVISOR_FIGURE_MAX_AGE_YEARS: may be out of date")
    chunk_id: str
    n: int = Field(description="the citation it is quoted from")
    caption: str = Field(description="'value — source, as of YEAR (may be out of date)'")
    label: str = Field(description="the caption followed by its [n]")


class ChatOut(BaseModel):
    """A grounded answer; `answer` is Markdown whose [n] markers index `citations`."""

    answer: str
    refused: bool
    scope: Literal["answered", "partial", "declined"] = Field(
        "answered", description="answered; partial (the guides cover a nearby thing); declined (refused)")
    scope_label: str = Field("", description="how to label a partial or declined answer ('' when answered)")
    kind: ReplyKind = Field(
        "", description="'care' (a reply pointing to help), 'welcome' (what the advisor covers) or 'language' (not "
                        "in English) when the message was not a question for the guides; '' otherwise")
    clarify: str = Field("", description="a question back when the answer depends on something not given")
    citations: list[CitationOut]
    figures: list[FigureOut] = Field(default_factory=list, description="figures quoted, with source and date")
    follow_ups: list[str]
    notice: str = ""
    plan: dict[str, Any] | None = Field(None, description="steps, skipped steps and Markdown when a plan was asked for")


class PassageOut(PassageFields):
    context_before: str
    context_after: str


class FeedbackIn(BaseModel):
    """A rating of one answer: 1 (thumbs up) or -1 (thumbs down), with an optional comment and, for -1, reason."""

    question: str = Field(min_length=1, max_length=20000, pattern=r"\S")
    answer: str = Field(max_length=50000)
    chunk_ids: list[str] = Field(default_factory=list, max_length=50)
    rating: Literal[1, -1]
    comment: str = Field("", max_length=5000)
    reason: FeedbackReason | None = Field(None, description="why a thumbs down: wrong, out_of_date, "
                                          "not_relevant, biased or missing (-1 only)")

    @model_validator(mode="after")
    def _reason_with_thumbs_down(self) -> FeedbackIn:
        if self.reason is not None and self.rating != -1:
            raise ValueError("a reason goes with a thumbs down (rating -1) only")
        return self

    @field_validator("rating", mode="before")
    @classmethod
    def _not_a_bool(cls, v: object) -> object:
        # JSON true equals 1 in Python, so Literal[1, -1] alone would store `rating: true` as a thumbs up.
        if not isinstance(v, int) or isinstance(v, bool):
            raise ValueError("rating must be the number 1 or -1")
        return v


class FeedbackOut(BaseModel):
    id: int


class HealthOut(BaseModel):
    status: str
    chunks: int
    model: str
    answerer: str
    collection: str


def checked(adv: Advisor, message: str, history: list[TurnIn]) -> tuple[str, list[Turn]]:
    """The request as core takes it, validated by core (limits included) before any retrieval."""
    turns: list[Turn] = [{"role": t.role, "content": t.content} for t in history]
    return adv.check(message, turns), turns


def sse(event: str, data: object) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def build_api(adv: Advisor) -> APIRouter:
    """The /api routes, bound to one Advisor."""
    router = APIRouter(prefix="/api", tags=["advisor"])

    @router.post("/chat", response_model=ChatOut,
                 responses={200: {"content": {"text/event-stream": {}},
                                  "description": "JSON, or with stream=true: `delta` events then one `final` "
                                                 "(or one `error` {type, message} if answering fails)"}})
    def chat(body: ChatIn) -> object:
        """Answer a message from the guides, with citations; `stream: true` returns Server-Sent Events."""
        message, history = checked(adv, body.message, body.history)
        profile = adv.check_profile(body.profile.model_dump() if body.profile else None)
        if not body.stream:
            return adv.ask(message, history, profile).to_dict()

        async def events() -> AsyncIterator[str]:
            async for piece in pieces(adv.stream(message, history, profile)):
                if isinstance(piece, Exception):  # the response has begun: the error is the last event
                    yield sse("error", error_info(piece))
                elif isinstance(piece, Answer):
                    yield sse("final", piece.to_dict())
                else:
                    yield sse("delta", {"text": piece})

        return StreamingResponse(events(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @router.post("/plan", responses={200: {"content": {"text/markdown": {}, "text/html": {}},
                                           "description": "JSON steps; or the Markdown file; or a printable page"}})
    def plan(body: PlanIn) -> object:
        """An ordered, cited plan from the guides' step-by-step sections, adapted to the profile."""
        result = adv.plan(adv.check_profile(body.profile.model_dump() if body.profile else None))
        if body.format == "markdown":
            return Response(result.to_markdown(), media_type="text/markdown; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="plan.md"'})
        if body.format == "html":
            return HTMLResponse(result.to_html())
        return result.to_dict()

    @router.get("/passages/{chunk_id}", response_model=PassageOut, responses={404: {"description": "Unknown id"}})
    def passage(chunk_id: str) -> object:
        """A cited passage with the surrounding text of its section."""
        return adv.passage(chunk_id).to_dict()

    @router.get("/health", response_model=HealthOut)
    def health() -> object:
        """Status, indexed chunk count, embedding model and answerer."""
        return adv.health()

    @router.post("/feedback", response_model=FeedbackOut)
    def feedback(body: FeedbackIn) -> object:
        """Store a thumbs up (1) or down (-1) for an answer, with an optional comment and reason (no IP is stored)."""
        return {"id": adv.feedback.add(body.question, body.answer, body.chunk_ids, body.rating, body.comment,
                                       body.reason)}

    return router
