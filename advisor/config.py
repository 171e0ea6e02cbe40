"""Typed settings: the only place that reads the environment (prefix ADVISOR_)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from advisor.care import CARE_TEXT


class Settings(BaseSettings):
    """Everything configurable about the advisor; read once and passed down."""

    model_config = SettingsConfigDict(env_prefix="ADVISOR_", extra="ignore", frozen=True)

    corpus_dir: Path = Field(Path("corpus"), description="Folder of guides to index (searched recursively).")
    data_dir: Path = Field(Path(".advisor"), description="Where the embedded Chroma index and locks live.")
    embedding_model: str | None = Field(
        None,
        description="Sentence-transformers model path or name; default: the bundled all-MiniLM-L6-v2.",
    )
    embedding_batch_size: int = Field(16, ge=1, le=4096, description="Texts per encoder batch.")
    encoder: Literal["auto", "torch"] = Field("auto", description="auto: a few texts at a time (questions, "
                                              "answers) run on a numpy copy of a BERT model, batches on "
                                              "sentence-transformers; torch: everything on sentence-transformers.")
    compute_slots: int = Field(0, ge=0, le=256, description="Answers whose retrieval and scope decision run "
                               "at once; the rest queue in arrival order. 0: one per CPU core.")
    encoder_threads: int = Field(0, ge=0, le=256, description="CPU threads torch gives one encoding; 0 keeps "
                                 "torch's default (all cores). 1 lets concurrent requests encode side by side.")
    write_batch_size: int = Field(256, ge=1, le=5000, description="Chunks written to the index per call "
                                  "(Chroma's cost is mostly per call: large batches are several times faster).")
    write_pause: float = Field(0.0, ge=0, description="Seconds to pause between index write batches.")
    revision_ttl: float = Field(1.0, ge=0, le=60, description="Seconds a server trusts its last look at the index "
                                "revision and size before asking Chroma again (0: on every use); another "
                                "process's ingest shows within this time, its own at once.")
    chroma_host: str | None = Field(None, description="Use a Chroma server (`chroma run`) at this host.")
    chroma_port: int = Field(8000, ge=1, le=65535, description="Port of the Chroma server.")
    database_url: str | None = Field(None, repr=False, description="SQLAlchemy URL for feedback (PostgreSQL: "
                                     "also the ingest lock). Default: SQLite under the data dir.")
    collection: str = Field("advisor", description="Chroma collection name prefix.")
    chunk_chars: int = Field(900, ge=200, le=8000, description="Largest chunk, in characters.")
    candidates: int = Field(30, ge=1, le=500, description="Candidates taken from each retriever before fusion.")
    weight_dense: float = Field(0.5, ge=0, description="Fusion weight of chunk-text similarity.")
    weight_heading: float = Field(0.2, ge=0, description="Fusion weight of heading-path similarity.")
    weight_bm25: float = Field(0.2, ge=0, description="Fusion weight of BM25.")
    weight_follow_up: float = Field(0.5, ge=0, description="Weight of the bare follow-up next to the condensed one.")
    subject: str = Field("", max_length=200, description="What this advisor is about (\"machine learning "
                         "engineer\"); empty: the role most guide titles name. When set, questions that leave it "
                         "unsaid (\"is this field safe?\") are also searched with it, so other material indexed "
                         "beside the guides does not outrank them.")
    weight_subject: float = Field(1.0, ge=0, description="Weight of the question searched with the subject added "
                                  "(0: search the question alone).")
    max_question_chars: int = Field(2000, ge=10, description="Longest question accepted.")
    max_profile_chars: int = Field(300, ge=10, description="Longest text accepted in one profile field.")
    answer_passages: int = Field(8, ge=1, le=30, description="Passages an answer is composed from.")
    figure_max_age_years: int = Field(2, ge=0, le=100, description="Figures (salary, tuition, growth, duration) "
                                      "dated more than this many years before today are marked 'may be out of date'.")
    llm_provider: str = Field("extractive", description="extractive | openai | fake")
    llm_model: str = Field("gpt-4o-mini", description="Model name sent to the OpenAI-compatible server.")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint (vLLM, llama.cpp, Ollama).")
    llm_api_key: str | None = Field(None, repr=False, description="API key for that endpoint, if it needs one.")
    llm_timeout: float = Field(20.0, gt=0, le=600, description="Seconds before the model counts as unavailable.")

    max_history_turns: int = Field(20, ge=0, le=200, description="Most history messages a request may carry.")
    max_history_chars: int = Field(20000, ge=0, description="Most characters of history a request may carry.")
    max_body_bytes: int = Field(65536, ge=1024, description="Largest request body the API reads.")
    ui_concurrency: int = Field(4, ge=1, le=64, description="Answers the web UI computes at once.")
    queue_size: int = Field(64, ge=1, description="Requests the web UI queues before turning new ones away.")

    coverage: str = Field(
        "becoming a machine learning engineer: what the role involves, skills and education, salaries, "
        "career progression and the job outlook",
        description="What the guides cover, as the decline message says it.")
    examples: str = Field(
        "How do I become a machine learning engineer?|What does a senior machine learning engineer earn?|"
        "Do I need a degree to become a machine learning engineer?",
        description="Example questions ('|'-separated): UI starters and decline suggestions.")
    handoff_url: str | None = Field(None, description="Link to a person (counsellors) offered when a question "
                                    "is declined (http or https; unset: no link).")
    handoff_text: str = Field("talk to a career counsellor", description="Text of that link.")
    care_text: str = Field(CARE_TEXT, min_length=1, description="The reply to a message saying the person may "
                           "harm themselves (advisor/care.py): set the helplines of your country here.")
    allowed_origins: str = Field("", description="Comma-separated origins that may embed the widget and call /api "
                                 "(empty: same origin only).")
    trusted_proxies: str = Field("", description="Comma-separated proxy IPs whose X-Forwarded-For is believed.")
    rate_limit_ip: int = Field(30, ge=0, description="Chat requests per minute per client IP (0: no limit).")
    rate_limit_session: int = Field(20, ge=0, description="Chat requests per minute per widget session (0: no limit).")
    rate_limit_ui: int = Field(60, ge=0, description="Web UI events per minute per client IP and per UI session "
                               "(0: no limit).")
    rate_limit_feedback: int = Field(20, ge=0, description="Feedback posts per minute per client IP (0: no limit).")
    ui_queue_per_client: int = Field(8, ge=0, description="Web UI events one client IP may have queued or running "
                                     "(0: no bound).")
    allowed_hosts: str = Field("localhost,127.0.0.1,::1", description="Comma-separated Host names the server "
                               "answers to ('*': any; a public deployment names its own).")
    max_ui_body_bytes: int = Field(262144, ge=1024, description="Largest web UI (Gradio) request body.")
    max_header_bytes: int = Field(16384, ge=1024, description="Largest total size of a request's headers.")
    max_headers: int = Field(64, ge=8, description="Most headers a request may carry.")
    header_timeout: float = Field(10.0, gt=0, description="Seconds a client has to send a request's headers.")
    request_timeout: float = Field(30.0, gt=0, description="Seconds a client has to send a request's body.")
    max_connections: int = Field(256, ge=1, description="Connections and requests served at once (503 beyond).")
    redis_url: str | None = Field(None, description="Redis for rate limits shared across replicas (unset: in "
                                  "process).")
    gap_log: bool = Field(True, description="Log declined, partly covered and thumbs-down questions (the text "
                          "only) for `advisor gaps` (false: nothing is written).")
    gap_retention_days: int = Field(90, ge=1, le=3650, description="Days a logged question is kept; older ones "
                                    "are deleted on each write and on `advisor gaps`.")

    @property
    def origins(self) -> frozenset[str]:
        """The allowlist as a set of scheme://host[:port] strings."""
        return frozenset(o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip())

    @property
    def example_questions(self) -> tuple[str, ...]:
        return tuple(q.strip() for q in self.examples.split("|") if q.strip())

    @property
    def proxies(self) -> frozenset[str]:
        return frozenset(p.strip() for p in self.trusted_proxies.split(",") if p.strip())

    @property
    def hosts(self) -> frozenset[str]:
        """Host names (no port) this server answers to; '*' means any."""
        return frozenset(h.strip().lower() for h in self.allowed_hosts.split(",") if h.strip())

    @field_validator("subject")
    @classmethod
    def _one_line(cls, v: str) -> str:
        return " ".join(v.split())  # searched as "question (subject)": no stray spaces or line breaks

    @field_validator("handoff_url")
    @classmethod
    def _http_only(cls, v: str | None) -> str | None:
        if v and not re.fullmatch(r"https?://[^\s()<>\[\]]+", v):
            raise ValueError("must be an http(s) URL without spaces, brackets or parentheses")
        return v or None

    @field_validator("database_url")
    @classmethod
    def _sqlalchemy_url(cls, v: str | None) -> str | None:
        if not v:
            return None
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(v)
        except ArgumentError:
            raise ValueError("must be a SQLAlchemy URL such as postgresql+psycopg://user:pw@host/db "
                             "or sqlite:///path/feedback.sqlite3") from None
        return v

    @field_validator("chroma_host", "llm_base_url", "llm_api_key", "redis_url")
    @classmethod
    def _blank_is_none(cls, v: str | None) -> str | None:
        return v or None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    return Settings()
