"""Rate limits shared by replicas through a real redis-server; in process when Redis is unset or down."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.helpers import free_port
from tests.security.policy_helpers import client, serving

CHAT = {"message": "Do I need a degree?"}


def test_two_replicas_share_one_budget(tmp_path: Path, redis_url: str) -> None:
    limits = {"redis_url": redis_url, "rate_limit_ip": 4, "rate_limit_session": 0}
    with serving(tmp_path / "a", **limits) as (a, _), serving(tmp_path / "b", **limits) as (b, _):
        codes = [httpx.post(f"{url}/api/chat", json=CHAT, timeout=30).status_code for url in (a, b) * 3]
        assert codes == [200, 200, 200, 200, 429, 429]
        refused = httpx.post(f"{b}/api/chat", json=CHAT, timeout=30)
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        # Another bucket (feedback) and another budget holder are untouched.
        assert httpx.post(f"{a}/api/feedback", json={"question": "q", "answer": "a", "rating": 1}).status_code == 200


def test_sessions_are_shared_across_replicas(tmp_path: Path, redis_url: str) -> None:
    limits = {"redis_url": redis_url, "rate_limit_ip": 0, "rate_limit_session": 2}
    with serving(tmp_path / "a", **limits) as (a, _), serving(tmp_path / "b", **limits) as (b, _):
        one = {"X-Session-Id": "visitor-1"}
        codes = [httpx.post(f"{u}/api/chat", json=CHAT, headers=one, timeout=30).status_code for u in (a, b, a)]
        assert codes == [200, 200, 429]
        assert httpx.post(f"{b}/api/chat", json=CHAT, headers={"X-Session-Id": "visitor-2"}).status_code == 200


def test_redis_down_falls_back_to_process_limits(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    dead = f"redis://:secret@127.0.0.1:{free_port()}/0"  # nothing listens there
    c = client(tmp_path, redis_url=dead, rate_limit_ip=2, rate_limit_session=0)
    assert [c.post("/api/chat", json=CHAT).status_code for _ in range(3)] == [200, 200, 429]
    assert "Redis" in caplog.text and "secret" not in caplog.text
