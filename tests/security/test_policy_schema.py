"""Schemathesis over the whole OpenAPI schema with every check, positive and negative data, through the policy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.security.policy_helpers import app


@schemathesis.check
def error_shape(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every refusal is the one JSON error shape {"error": {"type", "message"}}, never {"detail": ...}."""
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and body["error"]["type"] and body["error"]["message"], body
    return None


@pytest.fixture
def api_schema(tmp_path: Path) -> Any:
    # Limits high enough that generated traffic is judged on its content, not its count.
    served = app(tmp_path, rate_limit_ip=0, rate_limit_session=0, rate_limit_feedback=0,
                 allowed_hosts="localhost,testserver")
    return schemathesis.openapi.from_asgi("/openapi.json", served)


def test_every_operation_passes_every_check(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/chat", "/api/feedback", "/api/passages/{chunk_id}",
                                              "/v1/chat/completions", "/v1/models", "/api/health"}
    for op in operations:

        @given(case=op.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: Any) -> None:
            # Every built-in check runs but positive_data_acceptance: the schema cannot say "a question with at
            # least one word" or "a user message last", so such schema-valid requests get a 422 on purpose
            # (error_shape checks its form).
            case.call_and_validate(excluded_checks=[positive_data_acceptance], additional_checks=[error_shape])

        check()
