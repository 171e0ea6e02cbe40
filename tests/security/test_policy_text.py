"""Text normalisation at the edge: invalid Unicode, deep nesting, huge numbers and big bodies get JSON 4xx."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.policy_helpers import client, is_error

SURROGATE_CHAT = b'{"message": "Do I need a degree? \\ud800"}'
SURROGATE_V1 = b'{"model": "advisor", "messages": [{"role": "user", "content": "degree \\udfff?"}]}'
SURROGATE_V1_STREAM = b'{"model": "advisor", "stream": true, "messages": [{"role": "user", "content": "\\ud800"}]}'
JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize(("path", "body"), [
    ("/api/chat", SURROGATE_CHAT),
    ("/v1/chat/completions", SURROGATE_V1),
    ("/v1/chat/completions", SURROGATE_V1_STREAM),
    ("/api/feedback", b'{"question": "q\\ud800", "answer": "a", "rating": 1}'),
])
def test_unpaired_surrogates_get_422_without_a_traceback(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                         path: str, body: bytes) -> None:
    c = client(tmp_path)
    with caplog.at_level(logging.INFO):
        r = c.post(path, content=body, headers=JSON)
    assert is_error(r, 422, "invalid_text"), (r.status_code, r.text[:200])
    assert "Traceback" not in caplog.text and not [rec for rec in caplog.records if rec.exc_info]


@pytest.mark.parametrize(("body", "phrase"), [
    (b'{"message": "caf\xe9"}', "UTF-8"),
    (b"[" * 30_000 + b"]" * 30_000, "nested"),
    (b'{"message": "hi", "history": [], "n": ' + b"9" * 4_300 + b"}", "digits"),
    (b'{"message": ', "JSON"),
])
def test_malformed_bodies_get_the_json_error_shape(tmp_path: Path, body: bytes, phrase: str) -> None:
    c = client(tmp_path)
    for path in ("/api/chat", "/v1/chat/completions"):
        r = c.post(path, content=body, headers=JSON)
        assert is_error(r, 422, "invalid_text"), (path, r.status_code, r.text[:200])
        assert phrase in r.json()["error"]["message"] and "detail" not in r.json()


def test_chunked_body_over_the_limit_is_413(tmp_path: Path) -> None:
    c = client(tmp_path)

    def chunks() -> Iterator[bytes]:
        for _ in range(160):
            yield b" " * 65_536  # 10 MB with no Content-Length

    r = c.post("/api/chat", content=chunks(), headers=JSON)
    assert is_error(r, 413, "payload_too_large")


def test_valid_unicode_still_works(tmp_path: Path) -> None:
    c = client(tmp_path)
    body = json.dumps({"message": "Do I need a degree? \U0001f600 café"}).encode()  # escaped surrogate pair
    assert c.post("/api/chat", content=body, headers=JSON).status_code == 200
    raw = '{"message": "Do I need a degree? 😀 café"}'.encode()
    assert c.post("/api/chat", content=raw, headers=JSON).status_code == 200


def test_framework_errors_use_the_json_shape(tmp_path: Path) -> None:
    c = client(tmp_path)
    assert is_error(c.get("/api/nothing-here"), 404)
    assert is_error(c.get("/api/chat"), 405)
