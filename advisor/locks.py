"""The ingest lock in a shared service: several machines behind one index never ingest at once."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator

from advisor.config import Settings
from advisor.errors import IngestLockedError


def lock_key(settings: Settings) -> int:
    """A signed 64-bit advisory-lock key per index (Chroma location + collection), so unrelated indexes never block."""
    where = f"{settings.chroma_host or 'embedded'}:{settings.chroma_port}/{settings.collection}"
    return int.from_bytes(hashlib.sha1(where.encode()).digest()[:8], "big", signed=True)


@contextlib.contextmanager
def shared_ingest_lock(settings: Settings) -> Iterator[None]:
    """Hold a PostgreSQL session advisory lock when ADVISOR_DATABASE_URL is PostgreSQL; else nothing to do.

    The server drops a session lock when the holder's connection dies, so a killed ingest never wedges it.
    """
    url = settings.database_url or ""
    if not url.startswith("postgresql"):
        yield
        return
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    key = lock_key(settings)
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            if not conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
                raise IngestLockedError(
                    f"Another machine is ingesting into this index (PostgreSQL advisory lock {key}). Wait for it "
                    "to finish and run `advisor ingest` again; re-running is safe and only does what is left.")
            try:
                yield
            finally:
                conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
    finally:
        engine.dispose()
