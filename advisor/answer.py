"""Passages -> Answer. Answerers share one interface; LLM ones are checked against the passages they cite."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from langchain_core.embeddings import Embeddings

from advisor.citations import check_answer, sanitize
from advisor.clean import LIST_ITEM, SENTENCE_END
from advisor.config import Settings
from advisor.errors import ConfigError
from advisor.extractive import ExtractiveAnswerer
from advisor.poison import without_planted
from advisor.prompts import load_prompt
from advisor.schema import NOTHING_SAID, Answer, Citation, Passage, Said, Turn

if TYPE_CHECKING:  # LangChain's chat-model modules take a second to import; the extractive default never needs them
    from langchain_core.language_models.chat_models import BaseChatModel

log = logging.getLogger(__name__)

UNAVAILABLE = ("The language model is unavailable right now, so this answer quotes the guides directly.")
UNCHECKED = ("The language model's answer could not be matched to the guides, so this answer quotes them directly.")


class LeakError(Exception):
    """The model's output contains the system prompt's canary."""


class Answerer(Protocol):
    """What core calls on an answerer: a name, follow-up condensing, and the answer stream."""

    name: str

    def condense(self, question: str, history: Sequence[Turn]) -> str | None:
        """A standalone version of a follow-up, or None to let history-aware retrieval resolve it."""
        ...

    def stream(self, question: str, passages: list[Passage], said: Said = NOTHING_SAID) -> Iterator[str | Answer]:
        """Text pieces as they are ready, then the final Answer. said: this conversation's earlier answers."""
        ...

    def prepare(self) -> None:
        """Derive now what the answerer takes from the indexed guides, so the first question does not wait."""
        ...


def fence_passages(passages: list[Passage]) -> str:
    """Numbered passages with their titles, each fenced so the model reads them as data."""
    blocks = []
    for i, p in enumerate(passages, 1):
        # Passages cannot close their fence, and sentences aimed at an assistant are replaced by a note.
        body = without_planted(p.text).replace("<<<", "‹‹‹").replace(">>>", "›››")
        blocks.append(f"<<<PASSAGE [{i}] {p.label}\n{body}\nPASSAGE [{i}]>>>")
    return "\n\n".join(blocks)


def _safe_boundary(buffer: str) -> int:
    """Index up to which the buffer holds complete claims: the last sentence end (markers included) or line end."""
    ends = [m.end() for m in SENTENCE_END.finditer(buffer)]
    return max(ends[-1] if ends else 0, buffer.rfind("\n") + 1)


def _join(kept: list[str], raw: str, text: str) -> str:
    """A checked piece as it continues the answer: on a line of its own when the model started one there."""
    if not kept:
        return text
    starts_line = raw.lstrip(" ").startswith("\n") or LIST_ITEM.match(raw) is not None
    return ("\n" if starts_line else " ") + text


class LLMAnswerer:
    """Answers with a LangChain chat model; every claim must cite a passage that supports it."""

    def __init__(self, name: str, model: BaseChatModel, fallback: ExtractiveAnswerer,
                 supports: Callable[[str, str], bool], require_finish: bool = False) -> None:
        self.name = name
        # Servers that report why a stream ended (OpenAI's finish_reason) let a cut-off stream be caught.
        self.require_finish = require_finish
        self.model = model
        self.fallback = fallback
        self.supports = supports
        self.system = load_prompt("system")
        # A secret in the system prompt: if it ever shows up in the output, the model is leaking its rules.
        self.canary = f"CANARY-{secrets.token_hex(8)}"
        self.prompt = load_prompt("answer")

    def messages(self, question: str, passages: list[Passage]) -> list[Any]:
        from langchain_core.messages import HumanMessage, SystemMessage

        return [SystemMessage(self.system.render(canary=self.canary)),
                HumanMessage(self.prompt.render(passages=fence_passages(passages), question=question))]

    def prepare(self) -> None:
        self.fallback.prepare()

    def _fallback(self, question: str, passages: list[Passage], notice: str,
                  said: Said) -> Iterator[str | Answer]:
        for piece in self.fallback.stream(question, passages, said):
            if isinstance(piece, Answer):
                yield Answer(text=piece.text, citations=piece.citations, notice=notice)
            else:
                yield piece

    def stream(self, question: str, passages: list[Passage], said: Said = NOTHING_SAID) -> Iterator[str | Answer]:
        """Stream checked claims as they complete; fall back to quoting (none of what was `said`) when the model
        fails."""
        buffer = ""
        kept: list[str] = []
        used: list[int] = []
        finished = False
        try:
            for chunk in self.model.stream(self.messages(question, passages)):
                finished = finished or bool(chunk.response_metadata.get("finish_reason"))
                buffer += sanitize(str(chunk.content))
                if self.canary in buffer:
                    raise LeakError("the model repeated its system prompt")
                cut = _safe_boundary(buffer)
                if not cut:
                    continue
                done, buffer = buffer[:cut], buffer[cut:]
                text, nums = check_answer(done, passages, self.supports)
                if text:
                    piece = _join(kept, done, text)
                    kept.append(piece)
                    used.extend(n for n in nums if n not in used)
                    yield piece
            if self.require_finish and not finished:
                raise ConnectionError("the model's stream ended before it finished")
        except Exception as exc:  # any provider failure: connection, timeout, HTTP error, bad payload
            log.warning("LLM provider %s failed: %s", self.name, exc)
            yield from self._fallback(question, passages, UNAVAILABLE, said)
            return
        text, nums = check_answer(buffer, passages, self.supports) if buffer.strip() else ("", [])
        if text:
            piece = _join(kept, buffer, text)
            kept.append(piece)
            used.extend(n for n in nums if n not in used)
            yield piece
        if not used:
            yield from self._fallback(question, passages, UNCHECKED, said)
            return
        final = "".join(kept).strip()
        yield Answer(text=final, citations=tuple(Citation(n, passages[n - 1]) for n in sorted(used)))

    def condense(self, question: str, history: Sequence[Turn]) -> str | None:
        """A standalone version of a follow-up (the caller falls back to heuristics on failure)."""
        from langchain_core.messages import HumanMessage

        convo = "\n".join(f"{t['role']}: {t['content']}" for t in history[-6:])
        prompt = load_prompt("condense").render(history=convo, question=question)
        out = sanitize(str(self.model.invoke([HumanMessage(prompt)]).content)).strip()
        return out.splitlines()[0].strip() if out else question


# The guides' mean sentence vector, or None (see extractive.TypicalSentence).
Typical = Callable[[], np.ndarray | None]


def _extractive(settings: Settings, embeddings: Embeddings, model: BaseChatModel | None,
                typical: Typical) -> Answerer:
    return ExtractiveAnswerer(embeddings, typical=typical)


def _llm(name: str) -> Callable[[Settings, Embeddings, BaseChatModel | None, Typical], Answerer]:
    def build(settings: Settings, embeddings: Embeddings, model: BaseChatModel | None, typical: Typical) -> Answerer:
        from advisor.citations import default_supports

        return LLMAnswerer(name, model or CHAT_MODELS[name](settings), ExtractiveAnswerer(embeddings, typical=typical),
                           default_supports, require_finish=(name == "openai" and model is None))

    return build


def _openai_model(settings: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    if not settings.llm_base_url and not settings.llm_api_key:
        raise ConfigError("ADVISOR_LLM_PROVIDER=openai needs ADVISOR_LLM_BASE_URL (vLLM, llama.cpp, Ollama...) "
                          "or ADVISOR_LLM_API_KEY for OpenAI itself.")
    return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url or None,
                      api_key=settings.llm_api_key or "not-needed",
                      timeout=settings.llm_timeout, max_retries=0, temperature=0.1, streaming=True)


def _fake_model(settings: Settings) -> BaseChatModel:
    from advisor.fake_llm import QuotingFakeChatModel

    return QuotingFakeChatModel()


# Chat models by provider name, and answerers built on them. Add a provider by adding entries.
CHAT_MODELS: dict[str, Callable[[Settings], BaseChatModel]] = {"openai": _openai_model, "fake": _fake_model}
ANSWERERS: dict[str, Callable[[Settings, Embeddings, BaseChatModel | None, Typical], Answerer]] = {
    "extractive": _extractive,
    "openai": _llm("openai"),
    "fake": _llm("fake"),
}


def build_answerer(settings: Settings, embeddings: Embeddings, model: BaseChatModel | None = None,
                   typical: Typical = lambda: None) -> Answerer:
    """The configured answerer (ADVISOR_LLM_PROVIDER); typical: the guides' mean sentence vector, when known."""
    try:
        builder = ANSWERERS[settings.llm_provider]
    except KeyError:
        raise ConfigError(f"Unknown ADVISOR_LLM_PROVIDER '{settings.llm_provider}'; "
                          f"choose one of {', '.join(ANSWERERS)}.") from None
    return builder(settings, embeddings, model, typical)

