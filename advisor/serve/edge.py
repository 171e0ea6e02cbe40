"""Text normalisation at the edge: a request body is valid UTF-8 JSON of bounded shape, or it is refused."""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 32  # our deepest schema is 3 levels; Gradio payloads stay under 10
MAX_INT_DIGITS = 30  # no field of ours holds a bigger number; Python refuses >4,300 digits with a ValueError


class BadText(ValueError):
    """The body is not text we accept; the message says why, for a 422."""


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise BadText(f"A number has more than {MAX_INT_DIGITS} digits.")
    return int(text)


def _walk(value: Any, depth: int = 0) -> None:
    # Iterative would be faster, but MAX_DEPTH bounds the recursion.
    if depth > MAX_DEPTH:
        raise BadText(f"JSON is nested more than {MAX_DEPTH} levels deep.")
    if isinstance(value, str):
        _check_str(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_str(k)
            _walk(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _walk(v, depth + 1)


def _check_str(text: str) -> None:
    try:
        text.encode("utf-8")  # a lone surrogate (\ud800) is not encodable
    except UnicodeEncodeError:
        raise BadText("Text contains an unpaired surrogate (invalid Unicode).") from None


def _depth_before_parsing(raw: str) -> None:
    """Refuse deep nesting before json.loads recurses into it (30,000 levels would exhaust the stack)."""
    depth, in_str, escaped = 0, False, False
    for ch in raw:
        if in_str:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise BadText(f"JSON is nested more than {MAX_DEPTH} levels deep.")
        elif ch in "]}":
            depth -= 1


def check_json(body: bytes) -> Any:
    """The parsed body, or BadText: invalid UTF-8, malformed or too deep JSON, huge integers, lone surrogates."""
    try:
        raw = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadText(f"The body is not valid UTF-8 (byte {exc.start}).") from None
    _depth_before_parsing(raw)
    try:
        value = json.loads(raw, parse_int=_parse_int)
    except BadText:
        raise
    except (ValueError, RecursionError) as exc:
        raise BadText(f"The body is not valid JSON: {exc}"[:300]) from None
    _walk(value)
    return value


def check_gradio_event(value: Any, known_fns: frozenset[int]) -> str:
    """A Gradio queue/join body names a real event and a bounded session; returns its session hash."""
    if not isinstance(value, dict):
        raise BadText("A UI event must be a JSON object.")
    fn = value.get("fn_index")
    if isinstance(fn, bool) or not isinstance(fn, int) or (known_fns and fn not in known_fns):
        raise BadText("Unknown UI event (fn_index).")
    session = value.get("session_hash")
    if not isinstance(session, str) or not 0 < len(session) <= 64:
        raise BadText("A UI event needs a session_hash of 1 to 64 characters.")
    if not isinstance(value.get("data", []), list):
        raise BadText("A UI event's data must be a list.")
    return session
