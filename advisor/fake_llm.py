"""A deterministic chat model for tests and the eval harness: it quotes passage [1] and misbehaves on purpose.

Besides one supported, cited sentence it emits a sentence citing a passage that does not exist and an
invented claim, so every run exercises the citation checks that must remove them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from advisor.clean import HEADING, LIST_ITEM, split_sentences

PASSAGE = re.compile(r"<<<PASSAGE \[(\d+)\][^\n]*\n(.*?)\nPASSAGE \[\1\]>>>", re.S)
INVENTED = "Machine learning engineers are guaranteed a job on the Moon by 2030. [1]"
BAD_MARKER = "This sentence cites a passage that was never retrieved. [99]"


def _first_sentence(passage: str) -> str:
    for line in passage.splitlines():
        if line.strip() and not HEADING.match(line.strip()):
            sentences = split_sentences(LIST_ITEM.sub("", line).strip())
            if sentences:
                return sentences[0].rstrip(":")
    return passage.strip()[:200]


def quoting_reply(prompt: str) -> str:
    """What the fake model says to a prompt: quotes (plus two bad claims), or a condensed follow-up."""
    found = PASSAGE.findall(prompt)
    if not found:  # the condense prompt: prefix the follow-up with the last user question
        q = re.search(r"<<<QUESTION\n(.*?)\nQUESTION>>>", prompt, re.S)
        users = re.findall(r"^user: (.*)$", prompt, re.M)
        return " ".join([*users[-1:], q.group(1).strip() if q else ""]).strip()
    parts = [f"{_first_sentence(text)} [{n}]" for n, text in found[:2]]
    return " ".join([parts[0], INVENTED, *parts[1:], BAD_MARKER])


class QuotingFakeChatModel(BaseChatModel):
    """Answers with the first sentence of passages [1] and [2], plus two claims the checker must drop."""

    @property
    def _llm_type(self) -> str:
        return "quoting-fake"

    def _reply(self, messages: list[BaseMessage]) -> str:
        return quoting_reply(str(messages[-1].content))

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self._reply(messages)))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for token in re.findall(r"\S+\s*", self._reply(messages)):
            yield ChatGenerationChunk(message=AIMessageChunk(content=token))
