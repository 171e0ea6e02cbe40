"""Small frozen value types shared by every layer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, TypedDict


class Turn(TypedDict):
    """One message of a conversation, as callers pass history."""

    role: Literal["user", "assistant"]
    content: str


def last_answer(history: Sequence[Turn]) -> str:
    """The advisor's last message in the conversation ('' when it has none)."""
    return next((t["content"] for t in reversed(history) if t["role"] == "assistant"), "")


UNKNOWN_PUBLISHER = "unknown"  # what a guide's front matter (or its absence) says when no publisher is known


def named_publisher(publisher: str) -> str:
    """The publisher's name, or '' when the guide does not say who published it."""
    return publisher if publisher and publisher != UNKNOWN_PUBLISHER else ""


@dataclass(frozen=True)
class SourceDoc:
    """A cleaned guide: Markdown text with headings, plus its metadata."""

    doc_id: str
    title: str
    text: str
    publisher: str = UNKNOWN_PUBLISHER
    url: str = ""
    flags: tuple[str, ...] = ()  # kinds of text aimed at an assistant found in it (advisor.poison)
    as_of: str = ""  # front matter `as_of:`: when the guide's figures were current ("" = not said)


@dataclass(frozen=True)
class Chunk:
    """A span of a cleaned guide that stays inside one section."""

    chunk_id: str
    doc_id: str
    text: str
    title: str
    section: str
    publisher: str
    url: str
    start: int
    end: int
    as_of: str = ""  # the guide's `as_of` (older indexes lack it: "")

    def metadata(self) -> dict[str, Any]:
        """What Chroma stores beside the text (flat str/int values only)."""
        data = asdict(self)
        del data["chunk_id"], data["text"]
        return data

    def to_passage(self, score: float = 0.0, signals: dict[str, float] | None = None) -> Passage:
        """This chunk as a retrieved passage."""
        return Passage(chunk_id=self.chunk_id, text=self.text, title=self.title, section=self.section,
                       publisher=self.publisher, url=self.url, doc_id=self.doc_id, score=score,
                       start=self.start, end=self.end, as_of=self.as_of, signals=signals or {})


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its score, as the public API returns it."""

    chunk_id: str
    text: str
    title: str
    section: str
    publisher: str
    url: str
    doc_id: str
    score: float
    start: int = 0
    end: int = 0
    as_of: str = ""
    signals: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def label(self) -> str:
        """'title › section': how every surface names a passage."""
        return self.title + (f" › {self.section}" if self.section else "")

    @property
    def byline(self) -> str:
        """Who published it, as every text surface says it ("publisher unknown" rather than a bare "unknown")."""
        return named_publisher(self.publisher) or "publisher unknown"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did."""

    documents: int
    chunks: int
    added: int
    unchanged: int
    removed: int
    updated: int
    seconds: float
    failures: tuple[tuple[str, str], ...] = ()
    flagged: tuple[tuple[str, str], ...] = ()  # (path, what was found): text aimed at an assistant
    texts: int = 0  # sentences and heading paths saved for answers (0: already saved for this index)
    texts_embedded: int = 0  # ...of which embedded by this run
    text_seconds: float = 0.0  # time spent on them, after `seconds` (the chunks)

    def summary(self) -> str:
        """One line for humans."""
        line = (
            f"{self.documents} documents, {self.chunks} chunks: {self.added} added, "
            f"{self.unchanged} unchanged, {self.removed} removed"
        )
        if self.updated:
            line += f", {self.updated} re-located"
        line += f" in {self.seconds:.1f}s"
        if self.texts:
            line += (f"; {self.texts} sentences and headings ready for answers ({self.texts_embedded} embedded, "
                     f"{self.text_seconds:.1f}s)")
        if self.failures:
            line += f"; {len(self.failures)} file(s) failed"
        if self.flagged:
            line += f"; {len(self.flagged)} guide(s) hold text aimed at an assistant (never quoted)"
        return line


@dataclass(frozen=True)
class Said:
    """What a conversation said before this turn: the advisor's earlier answers, and the turn's own words (a
    follow-up reaches the answerer folded into the question before it)."""

    answers: tuple[str, ...] = ()
    turn: str = ""


NOTHING_SAID = Said()  # a first question, or a caller without a conversation


@dataclass(frozen=True)
class Citation:
    """A passage an answer cites, numbered as its [n] marker."""

    n: int
    passage: Passage

    def to_dict(self) -> dict[str, Any]:
        """The passage fields plus n, flat (what --json and the API return)."""
        data = self.passage.to_dict()
        data.pop("signals", None)
        return {"n": self.n, **data}


FigureKind = Literal["salary", "tuition", "growth", "duration", "other"]
# How a figure's date is shown wherever figures are listed (UI, widget, CLI, /v1 footer).
STALE_LABEL = "may be out of date"
UNDATED_LABEL = "date unknown"


@dataclass(frozen=True)
class Figure:
    """A figure an answer quotes, with who it comes from and when (advisor.figures finds them)."""

    value: str  # verbatim from the cited passage ("US$ 118,000", "40%", "four years")
    kind: FigureKind
    source: str  # the source its sentence names ("Glassdoor"), or ""
    publisher: str  # the guide's publisher
    as_of: str  # a year ("2024"): stated beside the figure, else the guide's as_of; "" = unknown
    stale: bool  # older than ADVISOR_FIGURE_MAX_AGE_YEARS
    chunk_id: str
    n: int  # the citation number of the passage it is quoted from

    @property
    def caption(self) -> str:
        """'value — source, as of YEAR (may be out of date)': the label without its citation marker."""
        known = named_publisher(self.publisher)
        origin = (f"{self.source} via {known}" if known and known != self.source else self.source) \
            if self.source else (known or "source not named")
        when = (f"as of {self.as_of}" + (f" ({STALE_LABEL})" if self.stale else "")) if self.as_of else UNDATED_LABEL
        return f"{self.value} — {origin}, {when}"

    @property
    def label(self) -> str:
        """'value — source, as of YEAR (may be out of date) [n]': how every surface shows a figure."""
        return f"{self.caption} [{self.n}]"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with the label every surface shows."""
        return {**asdict(self), "caption": self.caption, "label": self.label}


Scope = Literal["answered", "partial", "declined"]
# How each outcome is labelled wherever an answer is shown (UI, widget, CLI).
SCOPE_LABELS: dict[str, str] = {"answered": "Answered from the guides",
                                "partial": "Partly covered: the guides speak to a nearby topic",
                                "declined": "Not covered by the guides"}
# A reply that is only a question back: the answer waits for the detail, the guides are not at fault.
ASKED_BACK_LABEL = "A question first: the answer depends on it"
# Replies that are not about the guides: to someone who may be in danger (no guides, a pointer to help), and
# to a greeting or "help" (what can be asked).
CARE_LABEL = "Not a career question: please reach out for support"
WELCOME_LABEL = "Welcome: what I can answer"
LANGUAGE_LABEL = "Not in English: I can only read English for now"  # the guides and every rule are English
KIND_LABELS: dict[str, str] = {"care": CARE_LABEL, "welcome": WELCOME_LABEL, "language": LANGUAGE_LABEL}
ReplyKind = Literal["", "care", "welcome", "language"]


@dataclass(frozen=True)
class Answer:
    """A grounded reply: Markdown text with [n] markers, the passages they name, and next questions.

    scope: "answered" (the guides answer it), "partial" (they cover a nearby thing, said in the first
    sentence) or "declined" (they don't cover it; `refused` is then True).
    """

    text: str
    citations: tuple[Citation, ...] = ()
    refused: bool = False
    follow_ups: tuple[str, ...] = ()
    notice: str = ""
    figures: tuple[Figure, ...] = ()  # figures the text quotes, with source and date (advisor.figures)
    scope: Scope = "answered"
    clarify: str = ""  # a question back to the person when the answer depends on something not given
    lead: str = ""  # a partial answer's opening sentence saying what is and isn't covered (the text starts with
    # it, or with the question back `clarify` on its own line and then it)
    plan: dict[str, Any] | None = None  # a plan's steps and Markdown when the person asked for a plan
    kind: ReplyKind = ""  # a reply not about the guides (KIND_LABELS), '' for the rest

    def __post_init__(self) -> None:
        # One truth: a refused answer is a declined one and the other way round.
        if self.refused and self.scope != "declined":
            object.__setattr__(self, "scope", "declined")
        elif self.scope == "declined" and not self.refused:
            object.__setattr__(self, "refused", True)

    @property
    def label(self) -> str:
        """How to label this reply wherever it is shown ('' for a plain answer)."""
        if self.kind:
            return KIND_LABELS[self.kind]
        if self.scope == "answered":
            return ""
        return ASKED_BACK_LABEL if self.refused and self.clarify else SCOPE_LABELS[self.scope]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape shared by the CLI and the API."""
        return {"answer": self.text, "refused": self.refused, "scope": self.scope,
                "scope_label": self.label, "kind": self.kind,
                "clarify": self.clarify, "figures": [f.to_dict() for f in self.figures],
                "citations": [c.to_dict() for c in self.citations], "follow_ups": list(self.follow_ups),
                "notice": self.notice, "plan": self.plan}


@dataclass(frozen=True)
class PassageContext:
    """A passage inside the surrounding text of its section (what the citation viewer shows)."""

    passage: Passage
    before: str
    after: str

    def to_dict(self) -> dict[str, Any]:
        data = self.passage.to_dict()
        data.pop("signals", None)
        return {**data, "context_before": self.before, "context_after": self.after}


PROFILE_FIELDS: dict[str, str] = {  # field -> how the UI and widget label it
    "current": "Current role or studies", "education": "Education", "experience": "Experience",
    "target": "Target role", "country": "Country", "constraints": "Constraints (time, money)"}


@dataclass(frozen=True)
class UserProfile:
    """Who the person is and what they want, as they said it; kept by the client and sent with each request."""

    current: str = ""
    education: str = ""
    experience: str = ""
    target: str = ""
    country: str = ""
    constraints: str = ""

    def facets(self) -> dict[str, str]:
        """The fields that were filled in."""
        return {k: v for k, v in asdict(self).items() if v.strip()}

    def merged(self, other: UserProfile) -> UserProfile:
        """This profile with other's filled-in fields added where this one is empty (self wins)."""
        return UserProfile(**{k: getattr(self, k) or getattr(other, k) for k in PROFILE_FIELDS})

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


FeedbackReason = Literal["wrong", "out_of_date", "not_relevant", "biased", "missing"]
# Why an answer got a thumbs down, as the API takes it (the key) and every surface offers it (the label).
# widget.js holds a copy of this table; tests/test_gaps.py keeps the two in step.
FEEDBACK_REASONS: dict[FeedbackReason, str] = {"wrong": "Wrong", "out_of_date": "Out of date",
                                               "not_relevant": "Not relevant to me", "biased": "Biased",
                                               "missing": "Missing something"}
GapReason = Literal["declined", "partial", "thumbs_down"]
