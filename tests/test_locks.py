"""The ingest lock in Redis, for replicas with a Chroma server and no PostgreSQL: one ingest at a time."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from advisor import locks
from advisor.config import Settings
from advisor.errors import IngestLockedError
from advisor.locks import lock_key, shared_ingest_lock


def two_machines(tmp_path: Path, make_settings: Callable[..., Settings], redis_url: str) -> tuple[Settings, Settings]:
    # Separate data dirs (their file locks cannot see each other), one shared Redis.
    return (make_settings(data_dir=tmp_path / "a", redis_url=redis_url),
            make_settings(data_dir=tmp_path / "b", redis_url=redis_url))


def test_two_machines_cannot_ingest_at_once(tmp_path: Path, make_settings: Callable[..., Settings],
                                            redis_url: str) -> None:
    first, second = two_machines(tmp_path, make_settings, redis_url)
    with shared_ingest_lock(first), pytest.raises(IngestLockedError, match="Another machine is ingesting"), \
            shared_ingest_lock(second):
        pass
    with shared_ingest_lock(second):  # released when the first finished
        other = make_settings(data_dir=tmp_path / "c", redis_url=redis_url, collection="another")
        with shared_ingest_lock(other):  # another index is not blocked by this one's lock
            pass


def test_the_lease_is_renewed_while_held_and_a_dead_holder_frees_it(
        tmp_path: Path, make_settings: Callable[..., Settings], redis_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locks, "LEASE_SECONDS", 0.6)
    first, second = two_machines(tmp_path, make_settings, redis_url)
    with shared_ingest_lock(first):
        time.sleep(1.5)  # well past one lease: still held, because it is renewed
        with pytest.raises(IngestLockedError), shared_ingest_lock(second):
            pass
    # A holder killed mid-ingest renews nothing: its lock (set here as it would be left) expires on its own.
    redis.Redis.from_url(redis_url).set(f"advisor:ingest:{lock_key(second)}", "dead", px=500)
    with pytest.raises(IngestLockedError), shared_ingest_lock(second):
        pass
    time.sleep(0.8)
    with shared_ingest_lock(second):
        pass


def test_an_unreachable_redis_is_logged_and_ingest_goes_on(
        tmp_path: Path, make_settings: Callable[..., Settings], caplog: pytest.LogCaptureFixture) -> None:
    s = make_settings(redis_url="redis://127.0.0.1:9/0")
    ran = False
    with shared_ingest_lock(s):
        ran = True
    assert ran and "without the shared ingest lock" in caplog.text
