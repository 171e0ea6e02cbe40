"""Property-based requests over the OpenAPI schema: whatever schemathesis sends, no server errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from advisor import build_advisor
from advisor.config import Settings
from advisor.serve.app import create_app


@pytest.fixture
def api_schema(corpus_copy: Path, make_settings: Callable[..., Settings]) -> Any:
    adv = build_advisor(make_settings())
    adv.ingest()
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(adv, ui=False))


def test_no_server_errors(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/chat", "/api/passages/{chunk_id}", "/v1/chat/completions"}
    for op in operations:

        @given(case=op.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: Any) -> None:
            response = case.call()
            assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
            if response.status_code >= 400:
                assert "error" in response.json()  # every refusal is the one JSON error shape

        check()
